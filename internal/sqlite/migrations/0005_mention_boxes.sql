-- Merging looks up the mentions that may match a new one (see
-- farsight.MergeWindow): precisely located mentions in an R*Tree of their
-- reaches (days, and a box around the point as wide as the distance within
-- which they match); every mention by the region it lies in, so that a
-- region-level mention finds the mentions of its region. The first_day
-- index they replace walked every mention of the preceding weeks.

CREATE VIRTUAL TABLE mention_boxes USING rtree (
	id,
	min_day, max_day,
	min_lat, max_lat,
	min_lon, max_lon
);

ALTER TABLE mentions ADD COLUMN area TEXT;
ALTER TABLE mentions ADD COLUMN wide INTEGER NOT NULL DEFAULT 0;

-- Mentions stored before: their reach from their precision, as
-- internal/merge computes it (3 km for a point, 12 km for a settlement).
INSERT INTO mention_boxes (id, min_day, max_day, min_lat, max_lat, min_lon, max_lon)
SELECT id, first_day, last_day, lat - km / 111.0, lat + km / 111.0,
	lon - km / (111.0 * cos(radians(min(89.0, abs(lat) + km / 111.0)))),
	lon + km / (111.0 * cos(radians(min(89.0, abs(lat) + km / 111.0))))
FROM (
	SELECT id, first_day, last_day, lat, lon,
		CASE json_extract(data, '$.geo_precision') WHEN 'point' THEN 3.0 WHEN 'settlement' THEN 12.0 END AS km
	FROM mentions
	WHERE first_day IS NOT NULL AND lat IS NOT NULL
)
WHERE km IS NOT NULL;

UPDATE mentions SET
	area = json_extract(data, '$.country') || '/' || json_extract(data, '$.admin1'),
	wide = json_extract(data, '$.geo_precision') = 'region'
WHERE first_day IS NOT NULL AND lat IS NOT NULL AND json_extract(data, '$.admin1') != ''
	AND json_extract(data, '$.geo_precision') != 'country';

DROP INDEX mentions_first_day;
CREATE INDEX mentions_area ON mentions (area, wide, first_day) WHERE area IS NOT NULL;

CREATE TRIGGER mentions_delete_box AFTER DELETE ON mentions BEGIN
	DELETE FROM mention_boxes WHERE id = old.id;
END;
