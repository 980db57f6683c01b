-- The folder each record's folder lies in, and per such parent folder a digest of its live
-- records' folders and stat digests as last scanned: a scan that walks a parent folder and
-- finds the same digest compares none of its records one by one, and reads none of their rows.
-- A parent's digest is empty while one of its records has no stat digest (it is then compared
-- record by record). Records recorded before these columns existed get their parent from the
-- next scan, which compares every record one by one once.
ALTER TABLE record ADD COLUMN parent VARCHAR(4096);
CREATE INDEX record_by_parent ON record (parent);

CREATE TABLE record_parent (
    parent      VARCHAR(4096) PRIMARY KEY,
    stat_digest CHAR(64)
);
