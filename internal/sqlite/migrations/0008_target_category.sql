-- The API filters events by target category (GET /api/v1/events?target=).
CREATE INDEX event_targets_category ON event_targets (category, event_id);
