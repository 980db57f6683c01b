-- Every damage report ingested: a destination's signed list of the records it found damaged in
-- its replica, after the package with sequence last_sequence. Each record it names that was
-- confirmed there is failed and queued again (a sync event each); a report is ingested once.
CREATE TABLE damage_report (
    id            VARCHAR(128) PRIMARY KEY,
    destination   VARCHAR(128) NOT NULL,
    verified_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence BIGINT NOT NULL,
    record_count  INT NOT NULL,
    ingested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(128) NOT NULL
);
