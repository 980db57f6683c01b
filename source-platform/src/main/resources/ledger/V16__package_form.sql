-- What a package's transfer registration form names it by, recorded as it is built: the
-- digest of its tag manifest (tagmanifest-sha256.txt, which its signature signs and which
-- covers every other byte of it) for a package written whole, or of each volume's for a set;
-- how many files it carries; and whether it went online through the ferry's outbox rather
-- than on a medium. Empty for packages built before these columns existed: their forms say
-- the digest was not recorded.
ALTER TABLE sync_package ADD COLUMN manifest_sha256 CHAR(64);
ALTER TABLE sync_package ADD COLUMN file_count BIGINT;
ALTER TABLE sync_package ADD COLUMN online BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE package_volume ADD COLUMN manifest_sha256 CHAR(64);
-- The events of one package: what a form describes of the records it carried.
CREATE INDEX sync_event_by_package ON sync_event (package_id, state);
