-- The recovery job's look for orders a crash left in a step: only the unfinished ones, which stay few
-- while confirmed and failed orders grow.
CREATE INDEX customer_order_unfinished ON customer_order (updated_at) WHERE status NOT IN ('CONFIRMED', 'FAILED');
