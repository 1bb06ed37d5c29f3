-- The extension members of a failure's problem (sku, declineCode, reasons, ...), as JSON, so that a
-- replay with the same Idempotency-Key answers the whole problem again.
ALTER TABLE customer_order ADD COLUMN failure_properties TEXT;
