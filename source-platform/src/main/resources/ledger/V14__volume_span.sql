-- A record with a file larger than a volume spans several volumes of its set, consecutive ones:
-- its row names the first (volume) and the last (last_volume); NULL for a record on one volume.
-- Each volume of its span carries a piece of it; the target answers it in the receipt of the
-- volume whose arrival completed it.
ALTER TABLE volume_record ADD COLUMN last_volume INT;
