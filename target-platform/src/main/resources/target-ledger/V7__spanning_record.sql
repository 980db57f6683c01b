-- A record with a file larger than a volume spans several volumes of its set. Each volume that
-- brought a piece of it, before the last: the record's change as that volume's header gave it.
CREATE TABLE spanning_piece (
    package_id  VARCHAR(128) NOT NULL,
    archival_id VARCHAR(200) NOT NULL,
    volume      INT NOT NULL,
    change_kind VARCHAR(16) NOT NULL,
    version     BIGINT NOT NULL,
    folder      VARCHAR(128) NOT NULL,
    spans       INT NOT NULL,
    PRIMARY KEY (package_id, archival_id, volume)
);

-- What each such volume carried of the record, kept in the home until the record is whole: a
-- file (the whole of it, or one part: part_number 0 for a whole file) stored as "stored" in the
-- home's pieces folder, or a path to remove.
CREATE TABLE spanning_file (
    package_id   VARCHAR(128) NOT NULL,
    archival_id  VARCHAR(200) NOT NULL,
    volume       INT NOT NULL,
    path         VARCHAR(4096) NOT NULL,
    removed      BOOLEAN NOT NULL,
    size         BIGINT,
    sha256       VARCHAR(64),
    part_number  INT,
    part_count   INT,
    part_offset  BIGINT,
    part_size    BIGINT,
    part_sha256  VARCHAR(64),
    stored       VARCHAR(255)
);
CREATE INDEX spanning_file_by_record ON spanning_file (package_id, archival_id);
