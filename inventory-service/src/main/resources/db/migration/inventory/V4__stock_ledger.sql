-- The stock ledger: every movement of stock in and out of the warehouse, the history the
-- stock-recount job and the demand check read. Lab data, seeded at start-up by StockLedger
-- (millions of rows, generated, not real orders): UNLOGGED because it is regenerated when
-- lost, so seeding writes no WAL. Reservations do not write to it.
CREATE UNLOGGED TABLE stock_movement (
    sku      VARCHAR(32) NOT NULL,
    delta    INTEGER NOT NULL,
    reason   VARCHAR(16) NOT NULL CHECK (reason IN ('SALE', 'RESTOCK')),
    moved_at TIMESTAMPTZ NOT NULL
);

-- the index every query by product and time needs; (re)built by the seeder after loading
CREATE INDEX stock_movement_sku_moved_at ON stock_movement (sku, moved_at);

-- what the seeder loaded, so that a restart does not load it again
CREATE TABLE stock_ledger_seed (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    rows      BIGINT NOT NULL,
    seeded_at TIMESTAMPTZ NOT NULL
);

-- the latest count of each recounted product, written by the stock-recount job
CREATE TABLE stock_count (
    sku              VARCHAR(32) PRIMARY KEY REFERENCES product (sku),
    counted_at       TIMESTAMPTZ NOT NULL,
    stock            INTEGER NOT NULL,
    held             INTEGER NOT NULL,
    ledger_net       BIGINT NOT NULL,
    ledger_low_water BIGINT NOT NULL,
    movements        BIGINT NOT NULL
);
