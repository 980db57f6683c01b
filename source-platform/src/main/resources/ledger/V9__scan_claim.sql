-- What the scan in progress has found, one row per archival id: the folder that claims it, or
-- the folder of a known record that could not be read this time (kept: it is not taken for
-- deleted, and another folder may still claim it), whether the scan writes the record, and the
-- folder the ledger knew it in when a record moved. A scan compares each claim with those
-- before it here, not in memory, so that a million records need no more heap than a thousand;
-- it empties the table before it commits, so outside a scan the table holds nothing.
CREATE TABLE scan_claim (
    archival_id VARCHAR(200) PRIMARY KEY,
    folder      VARCHAR(4096) NOT NULL,
    state       CHAR(1) NOT NULL,
    moved_from  VARCHAR(4096)
);
