-- The test ledger's first migration as if edited after it was applied: Flyway's validation
-- refuses a ledger whose history has the original.
CREATE TABLE item (id BIGINT PRIMARY KEY, body VARCHAR(200) NOT NULL, edited BOOLEAN);
