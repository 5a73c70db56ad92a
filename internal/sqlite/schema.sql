CREATE TRIGGER mentions_delete_box AFTER DELETE ON mentions BEGIN
	DELETE FROM mention_boxes WHERE id = old.id;
END;

CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
	INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
	INSERT INTO reports_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER reports_au AFTER UPDATE OF title, text ON reports BEGIN
	INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
	INSERT INTO reports_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE assets (
	id        INTEGER PRIMARY KEY,
	key       TEXT NOT NULL UNIQUE,
	kind      TEXT NOT NULL,
	name      TEXT NOT NULL,
	name_uk   TEXT NOT NULL DEFAULT '',
	name_ru   TEXT NOT NULL DEFAULT '',
	class     TEXT NOT NULL DEFAULT '',
	hull      TEXT NOT NULL DEFAULT '',
	fleet     TEXT NOT NULL DEFAULT '',
	home_port TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL
);

CREATE TABLE claims (
	id           INTEGER PRIMARY KEY,
	event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	report_id    INTEGER NOT NULL REFERENCES reports (id),
	kind         TEXT NOT NULL,
	speaker      TEXT NOT NULL DEFAULT '',
	speaker_kind TEXT NOT NULL DEFAULT '',
	stance       TEXT NOT NULL,
	text         TEXT NOT NULL DEFAULT '',
	span_start   INTEGER NOT NULL,
	span_end     INTEGER NOT NULL,
	value        REAL,
	unit         TEXT NOT NULL DEFAULT '',
	qualifier    TEXT NOT NULL DEFAULT '',
	reference    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE distance_checks (
	claim_id    INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
	quoted_km   REAL NOT NULL,
	computed_km REAL,
	min_km      REAL NOT NULL,
	max_km      REAL,
	verdict     TEXT NOT NULL,
	basis       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE event_places (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	report_id  INTEGER NOT NULL REFERENCES reports (id),
	place_id   TEXT NOT NULL,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL
);

CREATE TABLE event_targets (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	report_id  INTEGER NOT NULL REFERENCES reports (id),
	category   TEXT NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	count      INTEGER NOT NULL DEFAULT 0,
	asset_id   INTEGER REFERENCES assets (id),
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL
, asset_key TEXT NOT NULL DEFAULT '');

CREATE TABLE events (
	id                INTEGER PRIMARY KEY,
	type              TEXT NOT NULL,
	actor             TEXT NOT NULL,
	date              TEXT NOT NULL DEFAULT '',
	date_end          TEXT NOT NULL DEFAULT '',
	-- last_date is date_end, or date for a single day; span_days is the
	-- number of days from date to last_date. Together they let a date-range
	-- filter walk the date index within a bounded window.
	last_date         TEXT NOT NULL DEFAULT '',
	span_days         INTEGER NOT NULL DEFAULT 0,
	date_precision    TEXT NOT NULL DEFAULT '',
	lat               REAL,
	lon               REAL,
	geo_precision     TEXT NOT NULL DEFAULT '',
	place_id          TEXT NOT NULL DEFAULT '',
	place_name        TEXT NOT NULL DEFAULT '',
	country           TEXT NOT NULL DEFAULT '',
	admin1            TEXT NOT NULL DEFAULT '',
	outcome           TEXT NOT NULL DEFAULT '',
	confidence        REAL NOT NULL DEFAULT 0,
	extractor_version TEXT NOT NULL DEFAULT '',
	version           INTEGER NOT NULL DEFAULT 1,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL
, date_inferred INTEGER NOT NULL DEFAULT 0, front_km REAL, front_side TEXT NOT NULL DEFAULT '', frontline_date TEXT NOT NULL DEFAULT '', border_km REAL, in_occupied INTEGER, marine_region TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '', status_reason TEXT NOT NULL DEFAULT '', findings TEXT NOT NULL DEFAULT '', evening INTEGER NOT NULL DEFAULT 0, night INTEGER NOT NULL DEFAULT 0);

CREATE VIRTUAL TABLE events_rtree USING rtree (
	id,
	min_lon, max_lon,
	min_lat, max_lat,
	min_day, max_day
);

CREATE TABLE "events_rtree_node"(nodeno INTEGER PRIMARY KEY,data);

CREATE TABLE "events_rtree_parent"(nodeno INTEGER PRIMARY KEY,parentnode);

CREATE TABLE "events_rtree_rowid"(rowid INTEGER PRIMARY KEY,nodeno);

CREATE TABLE feed_items (
	feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
	key     TEXT NOT NULL,
	seen_at TEXT NOT NULL,
	PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;

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

CREATE TABLE frontline_snapshots (
	date        TEXT PRIMARY KEY,
	source      TEXT NOT NULL DEFAULT '',
	geometry    TEXT NOT NULL,
	imported_at TEXT NOT NULL
);

CREATE TABLE jobs (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL,
	payload      TEXT NOT NULL DEFAULT '{}',
	state        TEXT NOT NULL DEFAULT 'queued',
	attempts     INTEGER NOT NULL DEFAULT 0,
	run_at       TEXT NOT NULL,
	locked_until TEXT NOT NULL DEFAULT '',
	last_error   TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);

CREATE TABLE mention_assets (
	mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
	asset_key  TEXT NOT NULL,
	PRIMARY KEY (asset_key, mention_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE mention_boxes USING rtree (
	id,
	min_day, max_day,
	min_lat, max_lat,
	min_lon, max_lon
);

CREATE TABLE "mention_boxes_node"(nodeno INTEGER PRIMARY KEY,data);

CREATE TABLE "mention_boxes_parent"(nodeno INTEGER PRIMARY KEY,parentnode);

CREATE TABLE "mention_boxes_rowid"(rowid INTEGER PRIMARY KEY,nodeno);

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
, area TEXT, wide INTEGER NOT NULL DEFAULT 0);

CREATE TABLE places (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL,
	lat         REAL NOT NULL,
	lon         REAL NOT NULL,
	country     TEXT NOT NULL DEFAULT '',
	admin1      TEXT NOT NULL DEFAULT '',
	admin1_code TEXT NOT NULL DEFAULT '',
	admin2      TEXT NOT NULL DEFAULT '',
	population  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reports (
	id          INTEGER PRIMARY KEY,
	external_id TEXT NOT NULL DEFAULT '',
	source_id   INTEGER REFERENCES sources (id),
	title       TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	url         TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	fetched_at  TEXT NOT NULL DEFAULT '',
	hash        BLOB NOT NULL UNIQUE,
	created_at  TEXT NOT NULL
, extractor_version TEXT NOT NULL DEFAULT '');

CREATE VIRTUAL TABLE reports_fts USING fts5 (
	title, text,
	content = 'reports', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE 'reports_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'reports_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'reports_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'reports_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);

CREATE TABLE sources (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	url        TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL DEFAULT 'unknown',
	created_at TEXT NOT NULL
);

CREATE INDEX claims_event_id ON claims (event_id);

CREATE INDEX claims_report_id ON claims (report_id);

CREATE INDEX event_places_event_id ON event_places (event_id);

CREATE INDEX event_places_place_id ON event_places (place_id);

CREATE INDEX event_targets_asset_key ON event_targets (asset_key) WHERE asset_key != '';

CREATE INDEX event_targets_category ON event_targets (category, event_id);

CREATE INDEX event_targets_event_id ON event_targets (event_id);

CREATE INDEX events_actor_date ON events (actor, date);

CREATE INDEX events_admin1 ON events (country, admin1, type, actor, date);

CREATE INDEX events_date_id ON events (date DESC, id DESC);

CREATE INDEX events_marine_region ON events (marine_region, type, actor, date) WHERE marine_region != '';

CREATE INDEX events_span_days ON events (span_days);

CREATE INDEX events_status ON events (status, date);

CREATE INDEX events_type_date ON events (type, date DESC, id DESC);

CREATE INDEX feeds_next_poll_at ON feeds (next_poll_at);

CREATE INDEX jobs_state_run_at ON jobs (state, run_at);

CREATE INDEX mentions_area ON mentions (area, wide, first_day) WHERE area IS NOT NULL;

CREATE INDEX mentions_event_id ON mentions (event_id);

CREATE INDEX mentions_report_id ON mentions (report_id);

CREATE INDEX reports_extractor_version ON reports (extractor_version);

CREATE INDEX reports_source_id ON reports (source_id);

