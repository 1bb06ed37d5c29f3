-- Every money movement, append-only. seq orders entries that share a timestamp.
CREATE TABLE ledger_entry (
    id           UUID PRIMARY KEY,
    seq          BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    payment_id   UUID NOT NULL REFERENCES payment (id),
    order_id     UUID NOT NULL,
    type         VARCHAR(16) NOT NULL CHECK (type IN ('AUTHORIZATION', 'CAPTURE', 'VOID')),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    currency     CHAR(3) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    -- each movement happens at most once per payment, whatever the application does
    UNIQUE (payment_id, type)
);

CREATE INDEX ledger_entry_order ON ledger_entry (order_id, seq);
