-- Feeds polled for reports: their source, conditional-GET validators,
-- health and schedule, and the items already taken from each.

CREATE TABLE feeds (
	id              INTEGER PRIMARY KEY,
	url             TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	source_id       INTEGER NOT NULL REFERENCES sources (id),
	etag            TEXT NOT NULL DEFAULT '',
	last_modified   TEXT NOT NULL DEFAULT '',
	last_polled_at  TEXT NOT NULL DEFAULT '',
	last_success_at TEXT NOT NULL DEFAULT '',
	last_error      TEXT NOT NULL DEFAULT '',
	last_error_at   TEXT NOT NULL DEFAULT '',
	error_count     INTEGER NOT NULL DEFAULT 0,
	-- Empty when due now; times sort lexically (see timeLayout).
	next_poll_at    TEXT NOT NULL DEFAULT '',
	items_seen      INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL
);

CREATE INDEX feeds_next_poll_at ON feeds (next_poll_at);

-- An item is keyed by its GUID, else its link; a key seen once is never
-- taken again from that feed.
CREATE TABLE feed_items (
	feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	key     TEXT NOT NULL,
	seen_at TEXT NOT NULL,
	PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;
