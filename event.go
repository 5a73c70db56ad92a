package farsight

import (
	"context"
	"slices"
	"time"
)

// EventType is the kind of strike or incident, from the design's taxonomy.
type EventType string

// Event types.
const (
	DroneStrike      EventType = "drone_strike"
	NavalDroneStrike EventType = "naval_drone_strike"
	MissileStrike    EventType = "missile_strike"
	AirStrike        EventType = "air_strike"
	Artillery        EventType = "artillery"
	Interception     EventType = "interception"
	Sabotage         EventType = "sabotage"
	ExplosionUnknown EventType = "explosion_unknown"
)

// EventTypes lists every event type in taxonomy order.
var EventTypes = []EventType{DroneStrike, NavalDroneStrike, MissileStrike, AirStrike, Artillery, Interception, Sabotage, ExplosionUnknown}

// Valid reports whether t is in the taxonomy.
func (t EventType) Valid() bool {
	for _, v := range EventTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Actor is the party that carried out an event.
type Actor string

// Actors.
const (
	ActorUkraine Actor = "ukraine"
	ActorRussia  Actor = "russia"
	ActorUnknown Actor = "unknown"
)

// Valid reports whether a is a known actor.
func (a Actor) Valid() bool {
	return a == ActorUkraine || a == ActorRussia || a == ActorUnknown
}

// DatePrecision says how precisely an event is dated.
type DatePrecision string

// Date precisions.
const (
	PrecisionDay   DatePrecision = "day"
	PrecisionRange DatePrecision = "range"
	PrecisionMonth DatePrecision = "month"
)

// GeoPrecision says how precisely an event is located. Never more precise
// than the text supports.
type GeoPrecision string

// Location precisions.
const (
	GeoPoint      GeoPrecision = "point"
	GeoSettlement GeoPrecision = "settlement"
	GeoRegion     GeoPrecision = "region"
	GeoCountry    GeoPrecision = "country"
)

// OutcomeRank orders outcomes by strength; the strongest reported is an
// event's Outcome. Unknown outcomes rank 0, like "".
func OutcomeRank(o string) int {
	return outcomeRank[o]
}

var outcomeRank = map[string]int{"": 0, "no_damage": 1, "intercepted": 2, "hit": 3, "fire": 4, "damaged": 5, "destroyed": 6}

// AssetKeys returns the registry assets an event's targets are linked to,
// sorted, each once.
func (e *Event) AssetKeys() []string {
	var out []string
	for _, t := range e.Targets {
		if t.AssetKey != "" {
			out = append(out, t.AssetKey)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Verification is how well an event, or one thing claimed about it, is
// established by the stored claims.
type Verification string

// Verification statuses, from the design's taxonomy.
const (
	Claimed           Verification = "claimed"
	Corroborated      Verification = "corroborated"
	VisuallyConfirmed Verification = "visually_confirmed"
	Disputed          Verification = "disputed"
)

// Valid reports whether v is a known status.
func (v Verification) Valid() bool {
	return v == Claimed || v == Corroborated || v == VisuallyConfirmed || v == Disputed
}

// Finding is the status of one kind of thing claimed about an event: that
// the attack happened (ClaimAttack), that its target was damaged
// (ClaimDamage) or destroyed (ClaimDestruction).
type Finding struct {
	Kind   ClaimKind    `json:"kind"`
	Status Verification `json:"status"`
	Reason string       `json:"reason"`
}

// Valid reports whether p is a known precision.
func (p GeoPrecision) Valid() bool {
	return p == GeoPoint || p == GeoSettlement || p == GeoRegion || p == GeoCountry
}

// Span is a half-open byte range [Start, End) of a report's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// TargetCategories lists the target categories of the design's taxonomy.
var TargetCategories = []string{"naval_vessel", "port", "airbase", "aircraft", "air_defence", "oil_refinery", "fuel_depot",
	"energy", "ammunition_depot", "military_unit", "command_post", "defence_industry", "logistics", "government", "civilian"}

// ValidTargetCategory reports whether c is in the taxonomy.
func ValidTargetCategory(c string) bool {
	return slices.Contains(TargetCategories, c)
}

// Target is something an event was aimed at: a category from the taxonomy
// (naval_vessel, oil_refinery, …), optionally a name and a count.
type Target struct {
	Category string `json:"category"`
	Name     string `json:"name,omitempty"`
	Count    int    `json:"count,omitempty"`
	// AssetKey is the registry asset the target was linked to
	// ("ship:tatarstan"); AssetID its stored ID.
	AssetKey string `json:"asset,omitempty"`
	AssetID  int64  `json:"asset_id,omitempty"`
	ReportID int64  `json:"report_id,omitempty"`
	Span     Span   `json:"span"`
}

// Event is one strike or incident in the record, with the claims of every
// report that describes it.
type Event struct {
	ID int64 `json:"id"`

	Type  EventType `json:"type"`
	Actor Actor     `json:"actor"`

	// Date is the event's (first) day as YYYY-MM-DD, "" when unknown;
	// DateEnd is the last day of a range, "" for a single day.
	Date          string        `json:"date,omitempty"`
	DateEnd       string        `json:"date_end,omitempty"`
	DatePrecision DatePrecision `json:"date_precision,omitempty"`
	// DateInferred is set when the text gives no date and Date is the
	// report's publication day.
	DateInferred bool `json:"date_inferred,omitempty"`
	// Evening and Night are set when the text places the event late in
	// the evening or at night (overnight, in the early hours): reports
	// written that evening date a night attack by the day before those
	// written the next morning.
	Evening bool `json:"evening,omitempty"`
	Night   bool `json:"night,omitempty"`

	// Point is the event's location; nil when unknown.
	Point        *Point       `json:"point,omitempty"`
	GeoPrecision GeoPrecision `json:"geo_precision,omitempty"`
	PlaceID      string       `json:"place_id,omitempty"`
	PlaceName    string       `json:"place,omitempty"`
	Country      string       `json:"country,omitempty"`
	Admin1       string       `json:"admin1,omitempty"`

	Targets []Target `json:"targets,omitempty"`
	// Outcome is the strongest outcome reported (see OutcomeRank): hit,
	// damaged, destroyed, intercepted, fire, no_damage; "" when none is
	// stated.
	Outcome string `json:"outcome,omitempty"`

	// Confidence in [0, 1] that the event happened as extracted.
	Confidence float64 `json:"confidence"`

	// Geography, computed by enrichment from the point and the date (see
	// docs/enrichment.md); nil or empty when unknown.
	//
	// FrontKm is the great-circle distance to the contact line of the
	// occupied-area snapshot in force on the date (FrontlineDate), and
	// FrontSide the side of it: "russian_held" (occupied Ukraine or
	// Russia), "ukrainian_held", or "" elsewhere. BorderKm is the distance
	// to Ukraine's internationally recognised border, 0 inside it.
	// InOccupied says whether the point was in the occupied area.
	// MarineRegion is the sea the point is in or next to (within 25 km).
	FrontKm       *float64 `json:"front_km,omitempty"`
	FrontSide     string   `json:"front_side,omitempty"`
	FrontlineDate string   `json:"frontline_date,omitempty"`
	BorderKm      *float64 `json:"border_km,omitempty"`
	InOccupied    *bool    `json:"in_occupied,omitempty"`
	MarineRegion  string   `json:"marine_region,omitempty"`

	// Records are the firsts and maxima the event sets among the stored
	// events ("first drone_strike by ukraine in the Caspian Sea"); computed
	// when the event is read.
	Records []string `json:"records,omitempty"`

	// Status is how well the attack itself is established, with the reason;
	// Findings give the status of each kind of thing claimed (that the
	// attack happened, damage, destruction). See docs/merging.md.
	Status       Verification `json:"status,omitempty"`
	StatusReason string       `json:"status_reason,omitempty"`
	Findings     []Finding    `json:"findings,omitempty"`

	// ExtractorVersion is the version of the extractor that derived it.
	ExtractorVersion string `json:"extractor_version,omitempty"`
	// Version counts changes to the event.
	Version int `json:"version"`

	Claims []*Claim      `json:"claims,omitempty"`
	Places []*EventPlace `json:"places,omitempty"`
	// Mentions are the reports' accounts the event was derived from, with
	// why each joined it; loaded by FindEventByID.
	Mentions []*Mention `json:"mentions,omitempty"`

	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Validate returns EINVALID when the event cannot be stored.
func (e *Event) Validate() error {
	if !e.Type.Valid() {
		return Errorf(EINVALID, "unknown event type %q", e.Type)
	}
	if e.Actor == "" {
		e.Actor = ActorUnknown
	}
	if !e.Actor.Valid() {
		return Errorf(EINVALID, "unknown actor %q", e.Actor)
	}
	if e.Date != "" {
		if _, err := time.Parse(time.DateOnly, e.Date); err != nil {
			return Errorf(EINVALID, "event date %q is not YYYY-MM-DD", e.Date)
		}
	}
	if e.DateEnd != "" {
		if e.Date == "" {
			return Errorf(EINVALID, "event end date without a start date")
		}
		if _, err := time.Parse(time.DateOnly, e.DateEnd); err != nil || e.DateEnd < e.Date {
			return Errorf(EINVALID, "event end date %q is not a YYYY-MM-DD on or after the date", e.DateEnd)
		}
	}
	if e.Point != nil && !e.Point.Valid() {
		return Errorf(EINVALID, "event point %v out of range", *e.Point)
	}
	if e.GeoPrecision != "" && !e.GeoPrecision.Valid() {
		return Errorf(EINVALID, "unknown geo precision %q", e.GeoPrecision)
	}
	if e.Status != "" && !e.Status.Valid() {
		return Errorf(EINVALID, "unknown verification status %q", e.Status)
	}
	if e.Confidence < 0 || e.Confidence > 1 {
		return Errorf(EINVALID, "confidence %v outside [0, 1]", e.Confidence)
	}
	for _, c := range e.Claims {
		if err := c.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// EventPlace is a place mentioned in a report about an event, with its role
// (the event's "location", or "context").
type EventPlace struct {
	PlaceID  string `json:"place_id"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	ReportID int64  `json:"report_id"`
	Span     Span   `json:"span"`
	// Place is the resolved gazetteer entry, when the extractor has it; the
	// store keeps a copy so that stored events do not depend on the
	// gazetteer build.
	Place *Place `json:"-"`
}

// EventFilter selects events. Nil and empty fields do not filter.
type EventFilter struct {
	ID *int64
	// From and To bound the event date, inclusive, as YYYY-MM-DD. An event
	// with a date range matches when the range overlaps.
	From *string
	To   *string
	BBox *BBox
	// Types matches any of the listed types.
	Types []EventType
	Actor *Actor
	// Status matches events with that verification status.
	Status *Verification
	// Asset matches events with a target linked to that asset key.
	Asset *string
	// Target matches events with a target of that category (see
	// TargetCategories).
	Target *string
	// MinFrontKm and MaxFrontKm bound the distance from the front line.
	MinFrontKm *float64
	MaxFrontKm *float64
	// Text is a full-text query over the texts of the event's reports.
	Text     *string
	ReportID *int64

	// After is the cursor returned with the previous page; "" for the first.
	After string
	// Limit is the page size; 0 means DefaultPageSize, and it is capped at
	// MaxPageSize.
	Limit int
}

// Page sizes for FindEvents.
const (
	DefaultPageSize = 100
	MaxPageSize     = 1000
)

// EventService stores events with their claims.
type EventService interface {
	// FindEventByID returns the event with its claims, places and targets,
	// or ENOTFOUND.
	FindEventByID(ctx context.Context, id int64) (*Event, error)

	// FindEvents returns one page of matching events ordered by date, newest
	// first (undated last), then by ID descending, without claims. It
	// returns the cursor of the next page, "" after the last one. A
	// malformed cursor or filter gives EINVALID.
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, string, error)

	// CountEvents returns how many events match f (ignoring After and Limit).
	CountEvents(ctx context.Context, f EventFilter) (int, error)

	// CreateEvents stores new events with their claims, places and targets in
	// one transaction and sets their IDs. It returns EINVALID for an invalid
	// event and ECONFLICT when a claim names a report that does not exist.
	CreateEvents(ctx context.Context, es []*Event) error

	// DeleteEvent removes an event with its claims, or returns ENOTFOUND.
	DeleteEvent(ctx context.Context, id int64) error

	// UpdateEventGeography stores the enrichment fields of events already
	// stored (after new front-line data): country, admin-1, the front line,
	// border and sea fields, and the checks of their distance claims.
	UpdateEventGeography(ctx context.Context, es []*Event) error
}
