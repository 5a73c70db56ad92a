package farsight

// ClaimKind says what a claim asserts.
type ClaimKind string

// Claim kinds. An attack claim says that an attack happened at all; damage
// and destruction claims are about its result; interception claims that it
// was stopped; distance claims quote how far the target lies from somewhere.
const (
	ClaimAttack       ClaimKind = "attack"
	ClaimDamage       ClaimKind = "damage"
	ClaimDestruction  ClaimKind = "destruction"
	ClaimInterception ClaimKind = "interception"
	ClaimFootage      ClaimKind = "footage"
	ClaimDistance     ClaimKind = "distance"
)

// Stance is how a speaker holds a claim.
type Stance string

// Stances.
const (
	StanceAsserts    Stance = "asserts"
	StanceConfirms   Stance = "confirms"
	StanceDenies     Stance = "denies"
	StanceUnverified Stance = "unverified"
)

// Claim is one assertion in one report about one event: who says what, how
// firmly, and where in the report it is said.
type Claim struct {
	ID       int64 `json:"id"`
	EventID  int64 `json:"event_id"`
	ReportID int64 `json:"report_id"`

	Kind ClaimKind `json:"kind"`
	// Speaker is who makes the claim as the text names it ("Russia's
	// Defense Ministry"), "" for the outlet itself; SpeakerKind is that
	// speaker's source kind.
	Speaker     string     `json:"speaker,omitempty"`
	SpeakerKind SourceKind `json:"speaker_kind,omitempty"`
	Stance      Stance     `json:"stance"`

	// Text is the quoted span of the report; Span its byte range.
	Text string `json:"text"`
	Span Span   `json:"span"`

	// Quoted values (distance claims): Value in Unit, with a Qualifier
	// (about, nearly, over, up to) and a Reference (border, frontline, or a
	// named place).
	Value     *float64 `json:"value,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	Qualifier string   `json:"qualifier,omitempty"`
	Reference string   `json:"reference,omitempty"`

	// Check is enrichment's verdict on a quoted distance.
	Check *DistanceCheck `json:"check,omitempty"`
}

// Verdicts of a distance check.
const (
	VerdictConsistent   = "consistent"
	VerdictInconsistent = "inconsistent"
	VerdictUnknown      = "unknown"
)

// DistanceCheck compares a quoted distance with the distance computed for
// its reference (the border, the front line, a named place).
type DistanceCheck struct {
	QuotedKm float64 `json:"quoted_km"`
	// ComputedKm is nil when the distance could not be computed (no
	// location, no front line for the date, an unknown place).
	ComputedKm *float64 `json:"computed_km,omitempty"`
	// MinKm and MaxKm bound the computed distances the quote allows, after
	// its qualifier ("nearly", "over") and the tolerance; MaxKm is nil when
	// there is no upper bound ("over 1,000 km").
	MinKm   float64  `json:"min_km"`
	MaxKm   *float64 `json:"max_km,omitempty"`
	Verdict string   `json:"verdict"`
	// Basis says what was measured: "border", "frontline 2024-11-04",
	// "place gn:703448 Kyiv".
	Basis string `json:"basis,omitempty"`
}

// Validate returns EINVALID when the claim cannot be stored.
func (c *Claim) Validate() error {
	switch c.Kind {
	case ClaimAttack, ClaimDamage, ClaimDestruction, ClaimInterception, ClaimFootage, ClaimDistance:
	default:
		return Errorf(EINVALID, "unknown claim kind %q", c.Kind)
	}
	switch c.Stance {
	case StanceAsserts, StanceConfirms, StanceDenies, StanceUnverified:
	default:
		return Errorf(EINVALID, "unknown claim stance %q", c.Stance)
	}
	if c.SpeakerKind != "" && !c.SpeakerKind.Valid() {
		return Errorf(EINVALID, "unknown speaker kind %q", c.SpeakerKind)
	}
	if c.Span.Start < 0 || c.Span.End < c.Span.Start {
		return Errorf(EINVALID, "claim span [%d, %d) is invalid", c.Span.Start, c.Span.End)
	}
	return nil
}
