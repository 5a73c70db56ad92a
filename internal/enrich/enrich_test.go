package enrich

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/gazetteer"
	"github.com/farsight-osint/farsight/internal/geo"
	"github.com/farsight-osint/farsight/internal/geodata"
)

var (
	testOnce     sync.Once
	testEnricher *Enricher
	testData     *geodata.Data
)

func mustEnricher(tb testing.TB) *Enricher {
	tb.Helper()
	testOnce.Do(func() {
		d, err := geodata.Load()
		if err != nil {
			tb.Fatal(err)
		}
		g, err := gazetteer.Load()
		if err != nil {
			tb.Fatal(err)
		}
		testData, testEnricher = d, New(d, g, nil)
	})
	return testEnricher
}

// reference is one point of testdata/reference.json, computed from the raw
// shared data by testdata/reference.py, which shares no code with this
// package (3-D vectors and great-circle arcs in Python, even-odd point in
// polygon, vertices of the unsimplified GeoJSON).
type reference struct {
	Name          string   `json:"name"`
	Lat           float64  `json:"lat"`
	Lon           float64  `json:"lon"`
	Date          string   `json:"date"`
	BorderKm      float64  `json:"border_km"`
	FrontlineDate string   `json:"frontline_date"`
	InOccupied    *bool    `json:"in_occupied"`
	FrontKm       *float64 `json:"front_km"`
	MarineRegion  string   `json:"marine_region"`
}

// near reports whether got is within 0.5% (and 0.5 km) of want.
func near(got, want float64) bool {
	return math.Abs(got-want) <= math.Max(0.5, 0.005*want)
}

func TestReferencePoints(t *testing.T) {
	x := mustEnricher(t)
	buf, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var refs []reference
	if err := json.Unmarshal(buf, &refs); err != nil {
		t.Fatal(err)
	}
	if len(refs) < 15 {
		t.Fatalf("only %d reference points", len(refs))
	}
	for _, r := range refs {
		t.Run(r.Name, func(t *testing.T) {
			e := &farsight.Event{Type: farsight.DroneStrike, Date: r.Date, Point: &farsight.Point{Lat: r.Lat, Lon: r.Lon}, GeoPrecision: farsight.GeoSettlement}
			if err := x.Enrich(e); err != nil {
				t.Fatal(err)
			}
			if e.BorderKm == nil || !near(*e.BorderKm, r.BorderKm) {
				t.Errorf("border_km %v, want %.1f", fmtp(e.BorderKm), r.BorderKm)
			}
			if e.MarineRegion != r.MarineRegion {
				t.Errorf("marine region %q, want %q", e.MarineRegion, r.MarineRegion)
			}
			if r.FrontKm == nil {
				if e.FrontKm != nil || e.InOccupied != nil {
					t.Errorf("front_km %v, in_occupied %v before the first snapshot, want unknown", fmtp(e.FrontKm), e.InOccupied)
				}
				return
			}
			if e.FrontlineDate != r.FrontlineDate {
				t.Errorf("frontline date %q, want %q", e.FrontlineDate, r.FrontlineDate)
			}
			if e.InOccupied == nil || *e.InOccupied != *r.InOccupied {
				t.Errorf("in_occupied %v, want %v", e.InOccupied, *r.InOccupied)
			}
			if e.FrontKm == nil || !near(*e.FrontKm, *r.FrontKm) {
				t.Errorf("front_km %v, want %.1f", fmtp(e.FrontKm), *r.FrontKm)
			}
		})
	}
}

func fmtp(v *float64) any {
	if v == nil {
		return "nil"
	}
	return *v
}

// TestSeedEvent checks the values the product promises for the seed
// article's event.
func TestSeedEvent(t *testing.T) {
	x := mustEnricher(t)
	v930, v1000 := 930.0, 1000.0
	e := &farsight.Event{Type: farsight.DroneStrike, Actor: farsight.ActorUkraine, Date: "2024-11-06", GeoPrecision: farsight.GeoSettlement,
		Point: &farsight.Point{Lat: 42.88165, Lon: 47.63919}, Country: "RU", Admin1: "Dagestan",
		Claims: []*farsight.Claim{
			{Kind: farsight.ClaimDistance, Value: &v930, Unit: "mi", Qualifier: "nearly", Reference: "border"},
			{Kind: farsight.ClaimDistance, Value: &v1000, Unit: "km", Qualifier: "over", Reference: "frontline"},
		}}
	if err := x.Enrich(e); err != nil {
		t.Fatal(err)
	}
	if e.FrontKm == nil || *e.FrontKm < 955 || *e.FrontKm > 985 {
		t.Errorf("front_km %v, want 955-985", fmtp(e.FrontKm))
	}
	if e.BorderKm == nil || *e.BorderKm < 810 || *e.BorderKm > 840 {
		t.Errorf("border_km %v, want 810-840", fmtp(e.BorderKm))
	}
	if e.MarineRegion != "Caspian Sea" || e.Admin1 != "Dagestan" || e.Country != "RU" || e.InOccupied == nil || *e.InOccupied || e.FrontSide != "russian_held" {
		t.Errorf("got %s/%s sea %q occupied %v side %q", e.Country, e.Admin1, e.MarineRegion, e.InOccupied, e.FrontSide)
	}
	border, front := e.Claims[0].Check, e.Claims[1].Check
	if border == nil || border.Verdict != farsight.VerdictInconsistent || border.ComputedKm == nil || math.Abs(border.QuotedKm-1496.7) > 0.1 {
		t.Errorf("930 miles check %+v, want inconsistent with both figures", border)
	}
	if front == nil || front.Verdict == farsight.VerdictUnknown || front.ComputedKm == nil || front.QuotedKm != 1000 {
		t.Errorf("1000 km check %+v, want a verdict with both figures", front)
	}
}

func TestAllowedRange(t *testing.T) {
	for _, tc := range []struct {
		q         float64
		qualifier string
		in, out   []float64
	}{
		{1000, "", []float64{910, 1000, 1090}, []float64{880, 1120}},
		{1000, "about", []float64{860, 1140}, []float64{830, 1170}},
		{1000, "nearly", []float64{820, 990, 1040}, []float64{780, 1060}},
		{1000, "over", []float64{960, 1500, 5000}, []float64{940}},
		{1000, "up to", []float64{0, 500, 1040}, []float64{1060}},
		{50, "", []float64{36, 64}, []float64{34, 66}},
	} {
		lo, hi := allowedRange(tc.q, tc.qualifier)
		for _, v := range tc.in {
			if v < lo || v > hi {
				t.Errorf("%v %q: %v outside [%v, %v], want inside", tc.q, tc.qualifier, v, lo, hi)
			}
		}
		for _, v := range tc.out {
			if v >= lo && v <= hi {
				t.Errorf("%v %q: %v inside [%v, %v], want outside", tc.q, tc.qualifier, v, lo, hi)
			}
		}
	}
}

func TestNamedPlaceCheck(t *testing.T) {
	x := mustEnricher(t)
	v := 200.0
	e := &farsight.Event{Type: farsight.DroneStrike, Date: "2024-03-13", GeoPrecision: farsight.GeoSettlement,
		Point:  &farsight.Point{Lat: 54.6292, Lon: 39.7356}, // Ryazan
		Claims: []*farsight.Claim{{Kind: farsight.ClaimDistance, Value: &v, Unit: "km", Qualifier: "about", Reference: "Moscow"}}}
	if err := x.Enrich(e); err != nil {
		t.Fatal(err)
	}
	c := e.Claims[0].Check
	if c == nil || c.Verdict != farsight.VerdictConsistent || c.ComputedKm == nil {
		t.Fatalf("Ryazan about 200 km from Moscow: %+v", c)
	}
	// No point: the check is unknown, not a guess.
	e = &farsight.Event{Type: farsight.DroneStrike, Claims: []*farsight.Claim{{Kind: farsight.ClaimDistance, Value: &v, Unit: "km", Reference: "frontline"}}}
	if err := x.Enrich(e); err != nil {
		t.Fatal(err)
	}
	if c := e.Claims[0].Check; c == nil || c.Verdict != farsight.VerdictUnknown || c.ComputedKm != nil {
		t.Fatalf("without a point: %+v", c)
	}
}

// TestContactLineDifferential compares the indexed distance to the contact
// line with a scan of all its segments, on random points (seed logged).
func TestContactLineDifferential(t *testing.T) {
	x := mustEnricher(t)
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 3))
	for _, date := range []string{"2022-06-15", "2024-11-06", "2026-08-22"} {
		lines, _ := x.ContactLine(date)
		s := x.snapshotOn(date)
		if len(lines) == 0 {
			t.Fatalf("%s: empty contact line", date)
		}
		for range 300 {
			p := farsight.Point{Lat: 42 + rng.Float64()*14, Lon: 22 + rng.Float64()*28}
			got, _, _ := s.contact.Nearest(p)
			want, _ := geo.NearestBrute(lines, p)
			if math.Abs(got-want) > 1e-6*math.Max(1, want) {
				t.Fatalf("%s %v: index %.6f, scan %.6f", date, p, got, want)
			}
		}
	}
}

// TestContactLineLeavesBorder checks that the derived line keeps off
// Ukraine's outline (the state border and the coast).
func TestContactLineLeavesBorder(t *testing.T) {
	x := mustEnricher(t)
	lines, _ := x.ContactLine("2024-11-06")
	n := 0
	for _, ls := range lines {
		for _, v := range ls {
			if x.outline.Within(farsight.Point{Lat: v[1], Lon: v[0]}, ContactMarginKm) {
				t.Fatalf("contact line vertex %v is within %d km of the outline", v, ContactMarginKm)
			}
			n++
		}
	}
	if n < 500 {
		t.Fatalf("contact line has only %d vertices", n)
	}
}

func BenchmarkEnrich(b *testing.B) {
	x := mustEnricher(b)
	rng := rand.New(rand.NewPCG(5, 6))
	dates := []string{"2022-09-01", "2023-06-15", "2024-11-06", "2025-08-01"}
	for _, d := range dates { // warm up: derive the contact lines once
		x.ContactLine(d)
	}
	v := 1000.0
	b.ResetTimer()
	n := 0
	for b.Loop() {
		e := &farsight.Event{Type: farsight.DroneStrike, Date: dates[n%len(dates)], GeoPrecision: farsight.GeoSettlement,
			Point:  &farsight.Point{Lat: 44 + rng.Float64()*12, Lon: 24 + rng.Float64()*24},
			Claims: []*farsight.Claim{{Kind: farsight.ClaimDistance, Value: &v, Unit: "km", Reference: "frontline"}}}
		if err := x.Enrich(e); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkStartup measures loading the bundled geometry and building the
// enricher (contact lines are derived lazily, per snapshot).
func BenchmarkStartup(b *testing.B) {
	g, err := gazetteer.Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		d, err := geodata.Load()
		if err != nil {
			b.Fatal(err)
		}
		New(d, g, nil)
	}
}

// BenchmarkDeriveContactLine measures deriving one snapshot's contact line.
func BenchmarkDeriveContactLine(b *testing.B) {
	x := mustEnricher(b)
	s := testData.Snapshots[len(testData.Snapshots)-1]
	for b.Loop() {
		contactLine(s.Occupied, x.outline, ContactMarginKm)
	}
}
