-- Each sync event's hash: SHA-256 over the hash of the event before it and the event's own
-- fields (see SyncEventChain), so that 'ledger verify' notices an event edited, deleted or
-- inserted outside the application, and a sync state that disagrees with its last event.
-- Events recorded before this column existed keep no hash; the chain starts after them.
ALTER TABLE sync_event ADD COLUMN hash CHAR(64);
