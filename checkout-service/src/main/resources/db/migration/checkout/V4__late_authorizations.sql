-- When a failed order's authorization got no answer, payment may still complete it after checkout gave up:
-- the time after which its authorizations are looked up once more and voided. Kept with the order, so that
-- a restart of checkout-service does not forget it; cleared once done.
ALTER TABLE customer_order ADD COLUMN void_authorizations_after timestamptz;
CREATE INDEX customer_order_authorizations_to_void ON customer_order (void_authorizations_after)
    WHERE void_authorizations_after IS NOT NULL;
