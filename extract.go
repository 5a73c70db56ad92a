package farsight

// Extractor turns one report into the events it describes. It does no I/O
// and must be safe for concurrent use. Events come with their claims,
// targets and place mentions, each carrying the report's ID and a span of
// its text. A report that describes no event yields no events and no error.
type Extractor interface {
	Extract(r *Report) ([]*Event, error)
	// Version identifies the extraction rules, so that events derived by an
	// older version can be found and re-derived.
	Version() string
}

// Enricher adds computed geography to events: country and region, distance
// to the front line and the border, control, marine region, and verdicts on
// quoted distances. It does no I/O and must be safe for concurrent use.
type Enricher interface {
	Enrich(e *Event) error
}
