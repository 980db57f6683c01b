-- Each record's title, as its metadata.xml said when a package last applied it: kept after the
-- record is deleted, so that the import report names what a deletion removed. Empty for
-- records last applied before this column existed, until a package applies them again.
ALTER TABLE replica_record ADD COLUMN title VARCHAR(65536);
