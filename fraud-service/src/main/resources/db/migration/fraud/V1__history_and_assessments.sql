-- every scored order, once: the primary key makes a repeated or concurrent orderId a no-op
CREATE TABLE order_history (
    order_id     UUID PRIMARY KEY,
    customer_id  VARCHAR(64) NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    created_at   TIMESTAMPTZ NOT NULL
);

-- velocity counts one customer's orders in a time window
CREATE INDEX order_history_customer_created_idx ON order_history (customer_id, created_at);

CREATE TABLE assessment (
    order_id    UUID PRIMARY KEY REFERENCES order_history (order_id),
    customer_id VARCHAR(64) NOT NULL,
    decision    VARCHAR(6) NOT NULL CHECK (decision IN ('ALLOW', 'REVIEW', 'DENY')),
    score       INTEGER NOT NULL CHECK (score >= 0),
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE assessment_reason (
    order_id UUID NOT NULL REFERENCES assessment (order_id),
    position SMALLINT NOT NULL,
    rule     VARCHAR(32) NOT NULL,
    points   INTEGER NOT NULL,
    detail   VARCHAR(500) NOT NULL,
    PRIMARY KEY (order_id, position)
);
