-- An order is created PENDING when a checkout is accepted; the saga moves it forward and every move is
-- kept in order_status_history.
CREATE TABLE customer_order (
    id               UUID PRIMARY KEY,
    idempotency_key  VARCHAR(100) NOT NULL UNIQUE,
    request_hash     CHAR(64)     NOT NULL,
    customer_id      VARCHAR(64)  NOT NULL,
    email            VARCHAR(254) NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    total_cents      BIGINT,
    reservation_id   UUID,
    payment_id       UUID,
    fraud_decision   VARCHAR(10),
    failure_status   INTEGER,
    failure_type     VARCHAR(60),
    failure_title    VARCHAR(120),
    failure_detail   TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

CREATE INDEX customer_order_by_customer ON customer_order (customer_id, created_at DESC);

CREATE TABLE order_line (
    order_id          UUID        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    sku               VARCHAR(32) NOT NULL,
    quantity          INTEGER     NOT NULL CHECK (quantity > 0),
    unit_price_cents  BIGINT,
    PRIMARY KEY (order_id, sku)
);

CREATE TABLE order_status_history (
    id        BIGSERIAL   PRIMARY KEY,
    order_id  UUID        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    status    VARCHAR(20) NOT NULL,
    note      TEXT,
    at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX order_status_history_by_order ON order_status_history (order_id, id);
