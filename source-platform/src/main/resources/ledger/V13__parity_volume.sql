-- The parity volume of a set written with --parity-volumes: from it and the other volumes any
-- one volume of the set lost whole is rebuilt. It carries no records; its row says where it was
-- written and what it is (its file's length and SHA-256), so that its disc can be burnt and
-- checked like the others.
CREATE TABLE parity_volume (
    package_id   VARCHAR(128) NOT NULL PRIMARY KEY,
    volume_count INT NOT NULL,
    name         VARCHAR(128) NOT NULL UNIQUE,
    bytes        BIGINT NOT NULL,
    sha256       VARCHAR(64) NOT NULL,
    medium       VARCHAR(4096) NOT NULL
);

-- A disc burnt from a parity volume's image: volume 0, and this set.
ALTER TABLE burnt_disc ADD COLUMN parity BOOLEAN DEFAULT FALSE NOT NULL;
