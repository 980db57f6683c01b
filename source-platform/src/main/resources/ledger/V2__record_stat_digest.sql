-- A digest of each record's file names, sizes and modification times as last scanned: a scan
-- that walks the record's folder and finds the same digest reads nothing of the record. Empty
-- until the record's next scan, and whenever a scan left something of the record unrecorded
-- (a file name that cannot travel, a corrupted file), so that it is looked at again.
ALTER TABLE record ADD COLUMN stat_digest CHAR(64);
