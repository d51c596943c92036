-- 007: the organisation as administrators keep it (data/org.go).
-- A window can be taken out of service without losing the requests,
-- complaints and reports that name it: it is marked inactive, not deleted.
ALTER TABLE windows ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- A staff member's phone, for colleagues and administrators (never shown on
-- the kiosk: §一(一)1 discloses name, photo, post and duties only).
ALTER TABLE staff ADD COLUMN phone TEXT NOT NULL DEFAULT '';
