-- The version of the extractor that last read each report, so that a newer
-- extractor can re-read the reports it has not (farsight reextract). Reports
-- read before are taken to have been read by the version their mentions
-- name; the others by none.

ALTER TABLE reports ADD COLUMN extractor_version TEXT NOT NULL DEFAULT '';

UPDATE reports SET extractor_version = COALESCE(
	(SELECT json_extract(m.data, '$.extractor_version') FROM mentions m WHERE m.report_id = reports.id LIMIT 1),
	(SELECT e.extractor_version FROM events e JOIN claims c ON c.event_id = e.id WHERE c.report_id = reports.id LIMIT 1),
	'');

CREATE INDEX reports_extractor_version ON reports (extractor_version);
