-- A destination synced automatically: a ferry started without --destination builds for the
-- destinations set so ('destination set --id ID --auto on'), what their templates select, on
-- its own schedule. Manual 'package build' works for every destination as before.
ALTER TABLE destination ADD COLUMN auto_sync BOOLEAN DEFAULT FALSE NOT NULL;
