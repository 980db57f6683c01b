-- A volume of a package written as a set of volumes is received, applied and answered on its
-- own: its row's package_id is the volume's bag name (ID.vK-of-N), volume_of the package id
-- the set shares, with its number and count, and when the set was built, which every volume
-- of one set must agree on. A package written whole has none of these.
ALTER TABLE received_package ADD COLUMN volume_of VARCHAR(128);
ALTER TABLE received_package ADD COLUMN volume INT;
ALTER TABLE received_package ADD COLUMN volume_count INT;
ALTER TABLE received_package ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX received_package_volume ON received_package (volume_of, volume);
