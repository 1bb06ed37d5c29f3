-- One reservation per order: the unique order_id makes a repeated reserve find the first one.
CREATE TABLE reservation (
    id          UUID PRIMARY KEY,
    order_id    UUID NOT NULL UNIQUE,
    status      VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
    total_cents BIGINT NOT NULL CHECK (total_cents >= 0),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- the expiry job only ever looks for overdue PENDING reservations
CREATE INDEX reservation_pending_expiry ON reservation (expires_at) WHERE status = 'PENDING';

CREATE TABLE reservation_line (
    reservation_id   UUID NOT NULL REFERENCES reservation (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    sku              VARCHAR(32) NOT NULL REFERENCES product (sku),
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents > 0),
    PRIMARY KEY (reservation_id, line_no),
    UNIQUE (reservation_id, sku)
);

CREATE INDEX reservation_line_sku ON reservation_line (sku);
