-- A package written as a set of volumes (a package too large for one medium): one row per
-- volume, with where it was written and the receipt that answered it. A package written whole
-- has no rows here.
CREATE TABLE package_volume (
    package_id   VARCHAR(128) NOT NULL,
    volume       INT NOT NULL,
    volume_count INT NOT NULL,
    bag_name     VARCHAR(128) NOT NULL UNIQUE,
    record_count INT NOT NULL,
    bytes        BIGINT NOT NULL,
    medium       VARCHAR(4096) NOT NULL,
    receipt_id   VARCHAR(128),
    receipt_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (package_id, volume)
);

-- Which volume of its set carried each record: written once, with the set, and never changed.
CREATE TABLE volume_record (
    package_id  VARCHAR(128) NOT NULL,
    archival_id VARCHAR(200) NOT NULL,
    volume      INT NOT NULL,
    PRIMARY KEY (package_id, archival_id)
);
CREATE INDEX volume_record_by_volume ON volume_record (package_id, volume);
