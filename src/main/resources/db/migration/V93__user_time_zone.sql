-- The user's time zone for pages (an IANA id the application validated); NULL means "use the browser's".
ALTER TABLE users ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) <= 64);
