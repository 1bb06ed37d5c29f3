-- The answer given to each Idempotency-Key. The primary key is what makes two concurrent
-- requests with one key wait for each other instead of both charging the card.
CREATE TABLE idempotent_request (
    idempotency_key   VARCHAR(100) PRIMARY KEY,
    -- SHA-256 of the request, to tell a replay from a reuse of the key for another request
    request_hash      CHAR(64) NOT NULL,
    -- the response columns are filled in the transaction that claims the key, so other
    -- transactions never see them empty
    response_status   INTEGER,
    response_location VARCHAR(200),
    -- TEXT, not JSONB: a replay answers the very bytes of the first answer
    response_body     TEXT,
    created_at        TIMESTAMPTZ NOT NULL
);
