-- One row per authorization attempt the card network decided, approved or declined.
-- Only the last four digits of the card are kept.
CREATE TABLE payment (
    id           UUID PRIMARY KEY,
    order_id     UUID NOT NULL,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'DECLINED')),
    amount_cents BIGINT NOT NULL CHECK (amount_cents BETWEEN 1 AND 10000000),
    currency     CHAR(3) NOT NULL,
    card_last4   CHAR(4) NOT NULL,
    -- why the network declined it; set exactly when the status is DECLINED
    decline_code VARCHAR(32) CHECK ((status = 'DECLINED') = (decline_code IS NOT NULL)),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX payment_order ON payment (order_id);
