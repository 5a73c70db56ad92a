-- Event geography computed by enrichment, the verdicts on quoted
-- distances, and the occupied-area snapshots users import.

ALTER TABLE events ADD COLUMN front_km REAL;
ALTER TABLE events ADD COLUMN front_side TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN frontline_date TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN border_km REAL;
ALTER TABLE events ADD COLUMN in_occupied INTEGER;
ALTER TABLE events ADD COLUMN marine_region TEXT NOT NULL DEFAULT '';

CREATE INDEX events_actor_date ON events (actor, date);
CREATE INDEX events_marine_region ON events (marine_region, type, actor, date) WHERE marine_region != '';
CREATE INDEX events_admin1 ON events (country, admin1, type, actor, date);

CREATE TABLE distance_checks (
	claim_id    INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
	quoted_km   REAL NOT NULL,
	computed_km REAL,
	min_km      REAL NOT NULL,
	max_km      REAL,
	verdict     TEXT NOT NULL,
	basis       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE frontline_snapshots (
	date        TEXT PRIMARY KEY,
	source      TEXT NOT NULL DEFAULT '',
	geometry    TEXT NOT NULL,
	imported_at TEXT NOT NULL
);
