-- Whether an event's date is its report's publication day because the text
-- gives no date.
ALTER TABLE events ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0;
