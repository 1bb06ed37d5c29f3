-- Every unit the books received other than back from a reservation: the stock each product started
-- with, and each change a person made with PUT /admin/stock/{sku}. Per product, their sum is what the
-- shelf holds plus what reservations hold or sold; ./lab audit checks that it is.
CREATE TABLE stock_receipt (
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku    VARCHAR(32) NOT NULL REFERENCES product (sku),
    delta  INTEGER     NOT NULL CHECK (delta <> 0),
    reason VARCHAR(16) NOT NULL CHECK (reason IN ('INITIAL', 'SET')),
    at     TIMESTAMPTZ NOT NULL
);

CREATE INDEX stock_receipt_sku ON stock_receipt (sku);

-- a database with reservations already: what they hold or sold was on the shelf at the start
INSERT INTO stock_receipt (sku, delta, reason, at)
SELECT p.sku, p.stock + coalesce(held.quantity, 0), 'INITIAL', now()
FROM product p
LEFT JOIN (SELECT l.sku, sum(l.quantity) AS quantity
           FROM reservation_line l JOIN reservation r ON r.id = l.reservation_id
           WHERE r.status IN ('PENDING', 'CONFIRMED')
           GROUP BY l.sku) held ON held.sku = p.sku
WHERE p.stock + coalesce(held.quantity, 0) <> 0;
