-- The records found damaged in the replica by 'replica report-damage' (a file missing, extra or
-- with other bytes than replica_file says), and the damage report that told their source. A
-- record's row goes when a package applies the record again, or a later report finds it whole.
CREATE TABLE replica_damage (
    source_id   VARCHAR(128) NOT NULL,
    archival_id VARCHAR(200) NOT NULL,
    version     BIGINT NOT NULL,
    damage      VARCHAR(65536) NOT NULL,
    found_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    report_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (source_id, archival_id)
);
