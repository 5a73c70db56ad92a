// Package enrich adds geography to events: country and admin-1 region by
// point in polygon (Ukraine as internationally recognised, Crimea
// included), the marine region, whether the point was in the occupied area
// on the event's date, the great-circle distance to that date's contact
// line and to Ukraine's border, and verdicts on the distances reports
// quote. It does no I/O: geometry and gazetteer are given to New.
package enrich

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/gazetteer"
	"github.com/farsight-osint/farsight/internal/geo"
	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/paulmach/orb"
)

// ContactMarginKm is how far from Ukraine's outline (its border with
// Russia and Belarus and its coast) a stretch of the occupied area's
// boundary must lie to count as contact line. DeepStateMap traces the
// state border up to about 5 km away from Natural Earth's, so a smaller
// margin would leave pieces of border in the line (shared/data/README.md).
const ContactMarginKm = 10

// MarineMarginKm is how near a sea a point outside it must be for the sea
// to be its marine region (a port, a coastal town).
const MarineMarginKm = 25

// Enricher computes event geography. It is safe for concurrent use; the
// contact line of each snapshot is derived the first time it is needed.
type Enricher struct {
	gaz       *gazetteer.Gazetteer
	ukraine   *geo.Area
	russia    *geo.Area
	outline   *geo.Lines // Ukraine's outline: border and coast
	russiaOut *geo.Lines
	seas      []sea
	regions   []region
	snapshots []*snapshot // by date
}

type sea struct {
	id, name string
	area     *geo.Area
	edge     *geo.Lines
}

type region struct {
	code, country, name string
	area                *geo.Area
}

type snapshot struct {
	date, source string
	occupied     *geo.Area
	once         sync.Once
	contact      *geo.Lines
	lines        []orb.LineString
}

var _ farsight.Enricher = (*Enricher)(nil)

// New returns an Enricher on the bundled geometry d and the gazetteer g
// (for region names and named places of quoted distances), with extra
// snapshots (a user's imports) added to, or replacing on the same date,
// the bundled ones.
func New(d *geodata.Data, g *gazetteer.Gazetteer, extra []geodata.Snapshot) *Enricher {
	x := &Enricher{
		gaz:       g,
		ukraine:   geo.NewArea(d.Ukraine),
		russia:    geo.NewArea(d.Russia),
		outline:   geo.NewLines(geo.RingLines(d.Ukraine)),
		russiaOut: geo.NewLines(geo.RingLines(d.Russia)),
	}
	for _, s := range d.Seas {
		x.seas = append(x.seas, sea{id: s.ID, name: s.Name, area: geo.NewArea(s.Shape), edge: geo.NewLines(geo.RingLines(s.Shape))})
	}
	for _, r := range d.Regions {
		name := r.Name
		if p, ok := g.Admin1(r.Code); ok {
			name = p.Name
		}
		x.regions = append(x.regions, region{code: r.Code, country: r.Country, name: name, area: geo.NewArea(r.Shape)})
	}
	byDate := map[string]geodata.Snapshot{}
	for _, s := range d.Snapshots {
		byDate[s.Date] = s
	}
	for _, s := range extra {
		byDate[s.Date] = s
	}
	for _, s := range byDate {
		x.snapshots = append(x.snapshots, &snapshot{date: s.Date, source: s.Source, occupied: geo.NewArea(s.Occupied)})
	}
	sort.Slice(x.snapshots, func(i, j int) bool { return x.snapshots[i].date < x.snapshots[j].date })
	return x
}

// snapshotOn returns the latest snapshot on or before date, or nil.
func (x *Enricher) snapshotOn(date string) *snapshot {
	i := sort.Search(len(x.snapshots), func(i int) bool { return x.snapshots[i].date > date })
	if i == 0 {
		return nil
	}
	return x.snapshots[i-1]
}

// ContactLine returns the contact line in force on date (the latest
// snapshot on or before it) and that snapshot's date; "" before the first.
func (x *Enricher) ContactLine(date string) ([]orb.LineString, string) {
	s := x.snapshotOn(date)
	if s == nil {
		return nil, ""
	}
	x.derive(s)
	return s.lines, s.date
}

// FrontDistance returns the great-circle distance from p to the contact
// line in force on date, and false before the first snapshot.
func (x *Enricher) FrontDistance(p farsight.Point, date string) (float64, bool) {
	s := x.snapshotOn(date)
	if s == nil {
		return 0, false
	}
	x.derive(s)
	km, _, ok := s.contact.Nearest(p)
	return km, ok
}

func (x *Enricher) derive(s *snapshot) {
	s.once.Do(func() {
		s.lines = contactLine(s.occupied.Shape(), x.outline, ContactMarginKm)
		s.contact = geo.NewLines(s.lines)
	})
}

// contactLine keeps the stretches of the occupied area's boundary whose
// vertices all lie more than marginKm from Ukraine's outline: the boundary
// minus its parts on the state border and the coast.
func contactLine(occupied orb.MultiPolygon, outline *geo.Lines, marginKm float64) []orb.LineString {
	var out []orb.LineString
	for _, poly := range occupied {
		for _, ring := range poly {
			var run orb.LineString
			flush := func() {
				if len(run) >= 2 {
					out = append(out, run)
				}
				run = nil
			}
			for _, v := range ring {
				if outline.Within(farsight.Point{Lat: v[1], Lon: v[0]}, marginKm) {
					flush()
					continue
				}
				run = append(run, v)
			}
			flush()
		}
	}
	return out
}

// Enrich sets the event's geography from its point and date; an event
// without a point is left as it is.
func (x *Enricher) Enrich(e *farsight.Event) error {
	if e.Point == nil {
		x.checkDistances(e)
		return nil
	}
	p := *e.Point
	inUkraine := x.ukraine.Contains(p)
	inRussia := !inUkraine && x.russia.Contains(p)

	// Country and region, by the project's border policy.
	country := ""
	switch {
	case inUkraine:
		country = "UA"
	case inRussia:
		country = "RU"
	}
	reg := x.regionOf(p)
	if country == "" && reg != nil {
		country = reg.country
	}
	if country == "" {
		// Coastal points can fall just outside both outlines.
		if x.outline.Within(p, 5) {
			country = "UA"
		} else if x.russiaOut.Within(p, 5) {
			country = "RU"
		}
	}
	if country != "" && e.Country != country && e.GeoPrecision != farsight.GeoCountry {
		e.Country = country
	}
	if e.Admin1 == "" && reg != nil && e.GeoPrecision != farsight.GeoCountry {
		e.Admin1 = reg.name
	}

	// Ukraine's border: 0 inside.
	if inUkraine {
		e.BorderKm = ptr(0.0)
	} else if km, _, ok := x.outline.Nearest(p); ok {
		e.BorderKm = ptr(round1(km))
	}

	// Sea.
	e.MarineRegion = x.seaOf(p)

	// Control and the front line on the event's date.
	e.FrontKm, e.FrontSide, e.FrontlineDate, e.InOccupied = nil, "", "", nil
	if e.Date != "" && e.GeoPrecision != farsight.GeoCountry {
		if s := x.snapshotOn(e.Date); s != nil {
			x.derive(s)
			occupied := s.occupied.Contains(p)
			e.InOccupied = &occupied
			e.FrontlineDate = s.date
			if km, _, ok := s.contact.Nearest(p); ok {
				e.FrontKm = ptr(round1(km))
			}
			switch {
			case occupied || inRussia || country == "RU":
				e.FrontSide = "russian_held"
			case inUkraine || country == "UA":
				e.FrontSide = "ukrainian_held"
			}
		}
	}
	x.checkDistances(e)
	return nil
}

func (x *Enricher) regionOf(p farsight.Point) *region {
	for i := range x.regions {
		if x.regions[i].area.Contains(p) {
			return &x.regions[i]
		}
	}
	return nil
}

// seaOf returns the sea p is in, else the nearest within MarineMarginKm.
func (x *Enricher) seaOf(p farsight.Point) string {
	best, bestKm := "", math.Inf(1)
	for _, s := range x.seas {
		if s.area.Contains(p) {
			return s.name
		}
		if s.edge.Within(p, MarineMarginKm) {
			if km, _, ok := s.edge.Nearest(p); ok && km < bestKm {
				best, bestKm = s.name, km
			}
		}
	}
	return best
}

// kmPerMile converts quoted miles.
const kmPerMile = 1.609344

// checkDistances gives every quoted distance of the event a verdict against
// the distance computed for its reference.
func (x *Enricher) checkDistances(e *farsight.Event) {
	for _, c := range e.Claims {
		if c.Kind != farsight.ClaimDistance || c.Value == nil {
			continue
		}
		quoted := *c.Value
		if c.Unit == "mi" {
			quoted *= kmPerMile
		}
		lo, hi := allowedRange(quoted, c.Qualifier)
		check := &farsight.DistanceCheck{QuotedKm: round1(quoted), MinKm: round1(lo), Verdict: farsight.VerdictUnknown}
		if !math.IsInf(hi, 1) {
			check.MaxKm = ptr(round1(hi))
		}
		var computed *float64
		switch c.Reference {
		case "border":
			computed, check.Basis = e.BorderKm, "Ukraine's border"
		case "frontline":
			computed = e.FrontKm
			if e.FrontlineDate != "" {
				check.Basis = "front line of " + e.FrontlineDate
			}
		default:
			if e.Point != nil {
				if p := x.namedPlace(c.Reference); p != nil {
					computed = ptr(round1(geo.DistanceKm(*e.Point, p.Point)))
					check.Basis = fmt.Sprintf("%s (%s)", p.Name, p.ID)
				}
			}
		}
		if computed != nil {
			check.ComputedKm = computed
			if *computed >= lo && *computed <= hi {
				check.Verdict = farsight.VerdictConsistent
			} else {
				check.Verdict = farsight.VerdictInconsistent
			}
		}
		c.Check = check
	}
}

// allowedRange returns the distances a quote allows: a tolerance of 10%
// (at least 15 km) around the value, narrowed by the qualifier: "nearly"
// allows a fifth less but not more; "over" at least the value less half the
// tolerance; "up to" at most the value plus half the tolerance.
func allowedRange(q float64, qualifier string) (lo, hi float64) {
	tol := math.Max(15, 0.1*q)
	switch qualifier {
	case "nearly":
		return 0.8 * q, q + tol/2
	case "over":
		return q - tol/2, math.Inf(1)
	case "up to":
		return 0, q + tol/2
	case "about":
		tol = math.Max(20, 0.15*q)
	}
	return math.Max(0, q-tol), q + tol
}

// namedPlace resolves a place named as a distance's reference: the most
// populous place of the theatre with that name, else any.
func (x *Enricher) namedPlace(name string) *farsight.Place {
	cands := x.gaz.Lookup(name)
	for _, p := range cands {
		if p.Country == "UA" || p.Country == "RU" {
			return p
		}
	}
	if len(cands) > 0 && !strings.EqualFold(name, "") {
		return cands[0]
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func round1(v float64) float64 { return math.Round(v*10) / 10 }
