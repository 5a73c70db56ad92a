package merge

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/farsight-osint/farsight"
)

// Derive builds the event of a group of mentions. Its date and place come
// from the lead mention, the most precise one; its type and actor from a
// vote of the mentions; its outcome is the strongest reported; its claims,
// places and targets are those of every mention. The enricher, if any,
// then computes its geography and distance checks, and the status is
// derived from the claims (see Status).
func (g *Merger) Derive(ms []*farsight.Mention) (*farsight.Event, error) {
	if len(ms) == 0 {
		return nil, farsight.Errorf(farsight.EINVALID, "an event needs a mention")
	}
	lead := slices.MinFunc(ms, func(a, b *farsight.Mention) int { return compareLead(g, a, b) })
	src := lead.Event
	e := &farsight.Event{
		Date: src.Date, DateEnd: src.DateEnd, DatePrecision: src.DatePrecision, DateInferred: src.DateInferred,
		GeoPrecision: src.GeoPrecision, PlaceID: src.PlaceID, PlaceName: src.PlaceName, Country: src.Country, Admin1: src.Admin1,
		FrontKm: src.FrontKm, FrontSide: src.FrontSide, FrontlineDate: src.FrontlineDate, BorderKm: src.BorderKm,
		InOccupied: src.InOccupied, MarineRegion: src.MarineRegion, ExtractorVersion: src.ExtractorVersion,
	}
	if src.Point != nil {
		p := *src.Point
		e.Point = &p
	}
	e.Type, e.Actor = vote(ms)

	notCopy := 1.0
	for _, m := range ms {
		x := m.Event
		e.Evening, e.Night = e.Evening || x.Evening, e.Night || x.Night
		if farsight.OutcomeRank(x.Outcome) > farsight.OutcomeRank(e.Outcome) {
			e.Outcome = x.Outcome
		}
		if m.DuplicateOf == 0 {
			notCopy *= 1 - x.Confidence
		}
		for _, c := range x.Claims {
			cc := *c
			cc.ID, cc.EventID, cc.Check = 0, 0, nil
			e.Claims = append(e.Claims, &cc)
		}
		for _, p := range x.Places {
			pp := *p
			e.Places = append(e.Places, &pp)
		}
		e.Targets = append(e.Targets, x.Targets...)
	}
	// Independent reports raise the confidence that the event happened.
	e.Confidence = min(0.99, 1-notCopy)
	if len(ms) == 1 {
		e.Confidence = ms[0].Event.Confidence
	}
	if g.Enricher != nil {
		if err := g.Enricher.Enrich(e); err != nil {
			return nil, err
		}
	}
	for _, c := range e.Claims {
		if c.Speaker != "" && (c.SpeakerKind == "" || c.SpeakerKind == farsight.SourceUnknown) {
			if k := officialSide(c.Speaker, e); k != farsight.SourceUnknown {
				c.SpeakerKind = k
			}
		}
	}
	e.Findings = Status(e, ms)
	e.Status, e.StatusReason = e.Findings[0].Status, e.Findings[0].Reason
	return e, nil
}

var geoRank = map[farsight.GeoPrecision]int{farsight.GeoPoint: 0, farsight.GeoSettlement: 1, farsight.GeoRegion: 2, farsight.GeoCountry: 3, "": 4}

var dateRank = map[farsight.DatePrecision]int{farsight.PrecisionDay: 0, farsight.PrecisionRange: 1, farsight.PrecisionMonth: 2, "": 3}

// compareLead orders mentions by how well they place the event: fine before
// coarse, by location then date precision, an explicit date before one
// inferred, an original before a copy, the more confident, then by key.
func compareLead(g *Merger, a, b *farsight.Mention) int {
	ea, eb := a.Event, b.Event
	bit := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	return cmp.Or(
		cmp.Compare(bit(g.Coarse(a)), bit(g.Coarse(b))),
		cmp.Compare(geoRank[ea.GeoPrecision], geoRank[eb.GeoPrecision]),
		cmp.Compare(dateRank[ea.DatePrecision], dateRank[eb.DatePrecision]),
		cmp.Compare(bit(ea.DateInferred), bit(eb.DateInferred)),
		cmp.Compare(bit(a.DuplicateOf != 0), bit(b.DuplicateOf != 0)),
		cmp.Compare(eb.Confidence, ea.Confidence),
		strings.Compare(a.Key, b.Key),
	)
}

// vote returns the type and actor most mentions give. A weapon type beats
// an interception, which beats an unexplained explosion; among equals the
// most frequent wins, then taxonomy order. A known actor beats unknown.
func vote(ms []*farsight.Mention) (farsight.EventType, farsight.Actor) {
	types := map[farsight.EventType]int{}
	actors := map[farsight.Actor]int{}
	for _, m := range ms {
		types[m.Event.Type]++
		actors[m.Event.Actor]++
	}
	rank := func(t farsight.EventType) int {
		switch t {
		case farsight.ExplosionUnknown:
			return 0
		case farsight.Interception:
			return 1
		}
		return 2
	}
	best := farsight.EventType("")
	for _, t := range farsight.EventTypes { // taxonomy order breaks ties
		if types[t] == 0 {
			continue
		}
		if best == "" || rank(t) > rank(best) || (rank(t) == rank(best) && types[t] > types[best]) {
			best = t
		}
	}
	actor := farsight.ActorUnknown
	for _, a := range []farsight.Actor{farsight.ActorUkraine, farsight.ActorRussia} {
		if actors[a] > actors[actor] || (actor == farsight.ActorUnknown && actors[a] > 0) {
			actor = a
		}
	}
	if actors[farsight.ActorUkraine] > 0 && actors[farsight.ActorUkraine] == actors[farsight.ActorRussia] {
		actor = farsight.ActorUnknown // the reports disagree evenly
	}
	return best, actor
}

// localTitles are the words of a regional or city official's title.
var localTitles = map[string]bool{
	"governor": true, "mayor": true, "губернатор": true, "губернатора": true, "мэр": true, "мэра": true,
	"мер": true, "мера": true, "глава": true, "главы": true, "голова": true, "голови": true,
}

// officialSide returns the side of a speaker who is a local official (a
// governor, a mayor, the head of a region), which the extractor leaves
// unknown: it is the side that governs the event's place. Russia governs
// its own regions and the occupied part of Ukraine, where it installs the
// "governors" (Sevastopol, Zaporizhzhia's occupied part); Ukraine the rest
// of Ukraine. Anyone else stays unknown.
func officialSide(speaker string, e *farsight.Event) farsight.SourceKind {
	official := false
	for _, w := range strings.FieldsFunc(strings.ToLower(speaker), func(r rune) bool { return !unicode.IsLetter(r) }) {
		official = official || localTitles[w]
	}
	switch {
	case !official:
		return farsight.SourceUnknown
	case e.Country == "RU", e.Country == "UA" && e.InOccupied != nil && *e.InOccupied:
		return farsight.SourceRUOfficial
	case e.Country == "UA" && e.InOccupied != nil:
		return farsight.SourceUAOfficial
	}
	return farsight.SourceUnknown
}
