-- What a destination holds of a record after an event, as the digest of its held files (see
-- HeldFiles): set on every event that replaces held_file rows, and hashed into the chain, so
-- that 'ledger verify' notices a held file edited, inserted or deleted outside the application.
-- Events recorded before this column existed hold none; the held files they reported are not
-- proven until the next receipt for the record replaces them.
ALTER TABLE sync_event ADD COLUMN held CHAR(64);
