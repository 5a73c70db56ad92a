-- Merging: every stored event is a group of mentions, one report's account
-- of it each; the event's fields, claims and status are derived from its
-- mentions. Verification status, the night flag and asset links.

CREATE TABLE mentions (
	id           INTEGER PRIMARY KEY,
	event_id     INTEGER REFERENCES events (id),
	report_id    INTEGER REFERENCES reports (id),
	idx          INTEGER NOT NULL DEFAULT 0,
	key          TEXT NOT NULL,
	-- The days the mention's date allows (see internal/merge), NULL when
	-- undated; its point; whether it is coarse (joins at most one event).
	first_day    INTEGER,
	last_day     INTEGER,
	lat          REAL,
	lon          REAL,
	coarse       INTEGER NOT NULL DEFAULT 0,
	-- The event as extracted from the report alone, as JSON.
	data         TEXT NOT NULL,
	-- A MinHash sketch of the report's text, to find syndicated copies.
	sketch       BLOB,
	link         TEXT NOT NULL DEFAULT '',
	duplicate_of INTEGER NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL
);

CREATE INDEX mentions_event_id ON mentions (event_id);
CREATE INDEX mentions_report_id ON mentions (report_id);
CREATE INDEX mentions_first_day ON mentions (first_day);

CREATE TABLE mention_assets (
	mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
	asset_key  TEXT NOT NULL,
	PRIMARY KEY (asset_key, mention_id)
) WITHOUT ROWID;

ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN findings TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN evening INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN night INTEGER NOT NULL DEFAULT 0;

CREATE INDEX events_status ON events (status, date);

ALTER TABLE event_targets ADD COLUMN asset_key TEXT NOT NULL DEFAULT '';
CREATE INDEX event_targets_asset_key ON event_targets (asset_key) WHERE asset_key != '';
