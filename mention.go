package farsight

import "context"

// Mention is one report's account of an event: the event as the extractor
// read it in that report alone. Stored events are groups of mentions, and
// an event's fields, claims and status are derived from its mentions
// whenever the group changes (see docs/merging.md).
type Mention struct {
	ID       int64 `json:"id"`
	EventID  int64 `json:"event_id"`
	ReportID int64 `json:"report_id"`
	// Index is the event's position among the events of its report.
	Index int `json:"index"`
	// Key orders mentions independently of the order they were stored in:
	// the report's content hash and the index.
	Key string `json:"-"`

	// The report's source, its kind and publication time (RFC 3339).
	SourceID   int64      `json:"source_id,omitempty"`
	SourceName string     `json:"source,omitempty"`
	SourceKind SourceKind `json:"source_kind,omitempty"`
	Published  string     `json:"published,omitempty"`

	// Event is what the extractor read, with the report's claims, places
	// and targets; its ID is 0.
	Event *Event `json:"-"`

	// Link says why the mention is part of its event: the reasons of its
	// strongest match with another mention of the event; "" when it is the
	// event's only or first mention. A coarse mention left out because it
	// matched several events has a link beginning with LinkKeptApart.
	Link string `json:"link,omitempty"`
	// DuplicateOf is the report this report nearly repeats (a syndicated
	// copy): it adds a source but no independent evidence. 0 when none.
	DuplicateOf int64 `json:"duplicate_of,omitempty"`

	// Sketch summarises the report's text, to find near duplicates (see
	// Merger.Sketch).
	Sketch []byte `json:"-"`
}

// MergeWindow is the reach of a mention, for blocking: two mentions can
// match only when their days overlap and, besides, their boxes overlap, or
// one is Wide and both lie in one Area, or they share an asset. Stores
// index it so that merging looks only at mentions that may match.
type MergeWindow struct {
	// FromDay and ToDay bound the days the mention may match (days since
	// 1970-01-01); ToDay-FromDay is at most MaxMergeDays.
	FromDay, ToDay int64
	// BBox is the area a precisely located mention's place stands for: a
	// box around its point as wide as the distance within which it
	// matches. Nil for a mention located only to a region or country.
	BBox *BBox
	// Area names the region the mention's place lies in ("RU/Dagestan"),
	// empty when unknown. Wide says that the mention is located only to
	// that region, and matches mentions anywhere in it.
	Area string
	Wide bool
	// Assets are the asset keys the mention names; a mention naming one of
	// them matches regardless of distance.
	Assets []string
}

// LinkKeptApart begins the Link of a coarse mention that matched several
// events and joined none: the store widens its blocking for it, since its
// place depends on every event it matches.
const LinkKeptApart = "kept apart"

// MaxMergeDays is the longest window of days a mention that can match
// others has.
const MaxMergeDays = 40

// Merger decides which mentions describe the same event. Group must depend
// only on the set of mentions it is given, never on their order, so that
// any order of ingestion gives the same events.
type Merger interface {
	// Window returns the blocking window of a mention, or false when the
	// mention can match no other (no date, or neither place nor asset).
	Window(m *Mention) (MergeWindow, bool)
	// Coarse reports whether a mention is coarse: it may join an event but
	// never joins two events together.
	Coarse(m *Mention) bool
	// Group partitions mentions into events, sets each mention's Link and
	// DuplicateOf, and returns the groups in a deterministic order.
	Group(ms []*Mention) [][]*Mention
	// Sketch summarises a report's text so that near duplicates can be
	// found by comparing sketches; nil when the text is too short.
	Sketch(text string) []byte
	// Derive builds the event of a group: its fields, the union of its
	// claims, places and targets, and its verification status.
	Derive(ms []*Mention) (*Event, error)
}

// MentionService stores mentions and regroups events around them.
type MentionService interface {
	// MergeMentions replaces the mentions of the given reports with ms (all
	// of which belong to those reports) and regroups every stored event
	// they can touch with m, in one transaction: a mention joins the events
	// it matches (joining them together when it matches several), starts a
	// new event, or leaves events that no longer hold together split. Event
	// IDs are kept where an event survives; events left without mentions
	// are deleted.
	MergeMentions(ctx context.Context, reports []int64, ms []*Mention, m Merger) error

	// FindMentions returns the mentions of an event, ordered by ID.
	FindMentions(ctx context.Context, eventID int64) ([]*Mention, error)
}
