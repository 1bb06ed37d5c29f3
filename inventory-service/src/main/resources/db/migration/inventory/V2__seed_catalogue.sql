-- 1,000 products SKU-00001 .. SKU-01000, the same on every database: names combine ten
-- adjectives, ten materials and ten nouns (unique for n = 1..1000), prices and stock are
-- spread by multiplying n with a prime, so neighbouring SKUs differ.
INSERT INTO product (sku, name, price_cents, stock)
SELECT 'SKU-' || lpad(n::text, 5, '0'),
       (ARRAY['Sturdy', 'Quiet', 'Compact', 'Bright', 'Classic', 'Rugged', 'Slim', 'Deluxe', 'Handy', 'Vintage'])[1 + n % 10]
           || ' '
           || (ARRAY['Oak', 'Steel', 'Cotton', 'Ceramic', 'Glass', 'Leather', 'Bamboo', 'Copper', 'Wool', 'Linen'])[1 + (n / 10) % 10]
           || ' '
           || (ARRAY['Mug', 'Lamp', 'Chair', 'Backpack', 'Kettle', 'Notebook', 'Clock', 'Blanket', 'Vase', 'Shelf'])[1 + (n / 100) % 10],
       -- 100 .. 50,000 cents
       100 + (n * 7919) % 49901,
       -- 100 .. 1,000 units
       100 + (n * 104729) % 901
FROM generate_series(1, 1000) AS n;
