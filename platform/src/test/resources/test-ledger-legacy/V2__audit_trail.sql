-- The audit trail: every command run on this platform, appended and never changed. Each event
-- carries the SHA-256 of its own fields and the hash of the event before it (64 zeros for the
-- first), so that 'ledger verify' finds any event edited, deleted or reordered.
CREATE TABLE audit_event (
    seq           BIGINT PRIMARY KEY,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(128) NOT NULL,
    action        VARCHAR(200) NOT NULL,
    object        VARCHAR(65536) NOT NULL,
    outcome       VARCHAR(20) NOT NULL,
    details       VARCHAR(65536) NOT NULL,
    previous_hash CHAR(64) NOT NULL,
    hash          CHAR(64) NOT NULL
);
