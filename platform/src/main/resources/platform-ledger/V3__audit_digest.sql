-- The hash function of each audit event: that of the platform's crypto profile when it was
-- appended, SHA-256 (international) or SM3 (national). Events appended before this column
-- existed were all hashed with SHA-256.
ALTER TABLE audit_event ADD COLUMN digest VARCHAR(16) DEFAULT 'SHA-256' NOT NULL;
