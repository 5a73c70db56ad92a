package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func fp(x float64) *float64 { return &x }

func TestScore(t *testing.T) {
	kyiv := Point{50.45, 30.5236}
	// About 11.1 km north of Kyiv, and about 200 km north.
	near, far := Point{50.55, 30.5236}, Point{52.25, 30.5236}
	gold := []Gold{
		{ID: "a", Dataset: "viina", PlaceInText: true, Points: []Point{kyiv}, Dates: []string{"2024-01-01"}},
		{ID: "b", Dataset: "viina", Points: []Point{far, kyiv}, Dates: []string{"2024-01-02", "2024-01-03"}},
		{ID: "c", Dataset: "ucdp", Points: []Point{kyiv}, Dates: []string{"2024-01-04"}},
		{ID: "d", Dataset: "ucdp", PlaceInText: true}, // no point, no date
		{ID: "e", Dataset: "ucdp", Points: []Point{kyiv}, Dates: []string{"2024-01-05"}},
	}
	choices := map[string]*Choice{
		"a":       {Point: &near, Date: "2024-01-01"},
		"b":       {Point: &near, Date: "2024-01-03"}, // nearest gold point is Kyiv
		"c":       {Point: &far, Date: "2024-01-01"},
		"d":       nil, // a valid line without events
		"unknown": {Point: &kyiv},
	}
	res := Score(gold, choices)

	nearKm := round3(haversineKm(near.Lat, near.Lon, kyiv.Lat, kyiv.Lon))
	farKm := round3(haversineKm(far.Lat, far.Lon, kyiv.Lat, kyiv.Lon))
	want := Result{
		NGold: 5,
		PerDataset: []DatasetResult{
			{Dataset: "ucdp", Buckets: Buckets{
				All: Metrics{N: 3, WithPredLine: 2, NGeo: 2, Covered: 1, Hit25: 0, Hit161: 0, NDate: 2, DateExact: 0,
					Coverage: fp(0.5), Acc25: fp(0), Acc161: fp(0), DateExactRate: fp(0), MedianKm: fp(farKm)},
				PlaceInText: Metrics{N: 1, WithPredLine: 1},
			}},
			{Dataset: "viina", Buckets: Buckets{
				All: Metrics{N: 2, WithPredLine: 2, NGeo: 2, Covered: 2, Hit25: 2, Hit161: 2, NDate: 2, DateExact: 2,
					Coverage: fp(1), Acc25: fp(1), Acc161: fp(1), DateExactRate: fp(1), MedianKm: fp(nearKm)},
				PlaceInText: Metrics{N: 1, WithPredLine: 1, NGeo: 1, Covered: 1, Hit25: 1, Hit161: 1, NDate: 1, DateExact: 1,
					Coverage: fp(1), Acc25: fp(1), Acc161: fp(1), DateExactRate: fp(1), MedianKm: fp(nearKm)},
			}},
		},
		Overall: Buckets{
			All: Metrics{N: 5, WithPredLine: 4, NGeo: 4, Covered: 3, Hit25: 2, Hit161: 2, NDate: 4, DateExact: 2,
				Coverage: fp(0.75), Acc25: fp(0.5), Acc161: fp(0.5), DateExactRate: fp(0.5), MedianKm: fp(nearKm)},
			PlaceInText: Metrics{N: 2, WithPredLine: 2, NGeo: 1, Covered: 1, Hit25: 1, Hit161: 1, NDate: 1, DateExact: 1,
				Coverage: fp(1), Acc25: fp(1), Acc161: fp(1), DateExactRate: fp(1), MedianKm: fp(nearKm)},
		},
		GoldWithoutPredictionLine: 1,
	}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("Score mismatch (-want +got):\n%s", diff)
	}
	if nearKm < 11 || nearKm > 11.2 || farKm < 199 || farKm > 201 {
		t.Errorf("distances %v, %v km; want about 11.1 and 200", nearKm, farKm)
	}
}

func TestScoreEmpty(t *testing.T) {
	res := Score(nil, nil)
	want := Result{}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("Score(nil, nil) mismatch (-want +got):\n%s", diff)
	}
}

// TestScoreHitRadii checks that a hit is a distance of at most 25 or 161 km,
// with points placed on the equator where the distance is exactly
// 2*R*asin(sin(dl/2)) and can be pushed just below or above a radius.
func TestScoreHitRadii(t *testing.T) {
	origin := Point{0, 0}
	lonFor := func(km float64) float64 { return km / earthRadiusKm * 180 / math.Pi }
	tests := []struct {
		km          float64
		hit25, h161 int
	}{
		{24.9, 1, 1},
		{25.1, 0, 1},
		{160.9, 0, 1},
		{161.1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.km), func(t *testing.T) {
			p := Point{0, lonFor(tt.km)}
			res := Score([]Gold{{ID: "a", Dataset: "d", Points: []Point{origin}}}, map[string]*Choice{"a": {Point: &p}})
			m := res.Overall.All
			if m.Hit25 != tt.hit25 || m.Hit161 != tt.h161 {
				t.Errorf("at %v km: hit25 %d, hit161 %d; want %d, %d", tt.km, m.Hit25, m.Hit161, tt.hit25, tt.h161)
			}
			if m.NDate != 0 || m.DateExactRate != nil {
				t.Errorf("no gold date: got n_date %d, date_exact_rate %v, want 0, nil", m.NDate, m.DateExactRate)
			}
		})
	}
	// A distance of exactly 25 or 161 km is a hit, and the next one up is not.
	g := []Gold{{ID: "a", Dataset: "d", Points: []Point{origin}}}
	for _, radius := range []float64{hit25Km, hit161Km} {
		lon := lonFor(radius)
		for range 1000 {
			if haversineKm(0, lon, 0, 0) >= radius {
				break
			}
			lon = math.Nextafter(lon, math.Inf(1))
		}
		for range 1000 {
			if haversineKm(0, lon, 0, 0) <= radius {
				break
			}
			lon = math.Nextafter(lon, 0)
		}
		if d := haversineKm(0, lon, 0, 0); d != radius {
			t.Fatalf("found no longitude at exactly %v km (closest %v)", radius, d)
		}
		beyond := math.Nextafter(lon, math.Inf(1))
		for haversineKm(0, beyond, 0, 0) <= radius {
			beyond = math.Nextafter(beyond, math.Inf(1))
		}
		for _, tt := range []struct {
			lon      float64
			wantHits int
		}{{lon, 1 + btoi(radius == hit25Km)}, {beyond, btoi(radius == hit25Km)}} {
			p := Point{0, tt.lon}
			m := Score(g, map[string]*Choice{"a": {Point: &p}}).Overall.All
			if got := m.Hit25 + m.Hit161; got != tt.wantHits {
				t.Errorf("at %v km: hit25 %d + hit161 %d, want %d hits", haversineKm(0, tt.lon, 0, 0), m.Hit25, m.Hit161, tt.wantHits)
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestRatesNullWhenDenominatorIsZero(t *testing.T) {
	gold := []Gold{{ID: "a", Dataset: "d"}}
	res := Score(gold, map[string]*Choice{"a": {Point: &Point{1, 1}, Date: "2024-01-01"}})
	m := res.Overall.All
	want := Metrics{N: 1, WithPredLine: 1}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("metrics mismatch (-want +got):\n%s", diff)
	}
	// Covered records without a point anywhere still give a zero rate, not nil.
	gold = []Gold{{ID: "a", Dataset: "d", Points: []Point{{1, 1}}, Dates: []string{"2024-01-01"}}}
	m = Score(gold, nil).Overall.All
	want = Metrics{N: 1, NGeo: 1, NDate: 1, Coverage: fp(0), Acc25: fp(0), Acc161: fp(0), DateExactRate: fp(0)}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("metrics mismatch (-want +got):\n%s", diff)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{1, 2}, 1.5},
		{[]float64{0.1, 0.2}, 0.15000000000000002}, // (0.1 + 0.2) / 2, as Python computes it
		{[]float64{5, 5, 1, 9}, 5},
	}
	for _, tt := range tests {
		in := append([]float64(nil), tt.in...)
		if got := median(in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
		if !cmp.Equal(in, tt.in) {
			t.Errorf("median modified its input: %v", in)
		}
	}
}

func TestRound3(t *testing.T) {
	tests := []struct {
		in, want float64
	}{
		{1.2344, 1.234},
		{1.2346, 1.235},
		{0.0625, 0.062},   // exact tie: to even
		{0.1875, 0.188},   // exact tie: to even
		{2.0005, 2.001},   // 2.0005 is just above the tie in binary
		{1.0005, 1.0},     // 1.0005 is just below the tie in binary
		{12.3455, 12.345}, // likewise below
		{0, 0},
		{20015.086796, 20015.087},
	}
	for _, tt := range tests {
		if got := round3(tt.in); got != tt.want {
			t.Errorf("round3(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHaversineKm(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"same point", 50.45, 30.52, 50.45, 30.52, 0},
		{"one degree of longitude on the equator", 0, 0, 0, 1, 2 * math.Pi * earthRadiusKm / 360},
		{"antipodes", 0, 0, 0, 180, math.Pi * earthRadiusKm},
		{"pole to pole", 90, 0, -90, 0, math.Pi * earthRadiusKm},
		{"across the antimeridian", 0, 179.5, 0, -179.5, 2 * math.Pi * earthRadiusKm / 360},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := haversineKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("haversineKm = %v, want %v", got, tt.want)
			}
			if back := haversineKm(tt.lat2, tt.lon2, tt.lat1, tt.lon1); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %v and %v", got, back)
			}
		})
	}
}

// TestRadians checks that radians multiplies by pi/180 rounded to a float64
// (math.radians in CPython), not by the exact constant.
func TestRadians(t *testing.T) {
	if got, want := radians(1), 0.017453292519943295; got != want {
		t.Errorf("radians(1) = %v, want %v", got, want)
	}
}

// TestScoreBruteForce checks Score's counters against a direct count over
// random records.
func TestScoreBruteForce(t *testing.T) {
	seed := testSeed(t)
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	var gold []Gold
	choices := map[string]*Choice{}
	for i := range 500 {
		g := Gold{ID: fmt.Sprint(i), Dataset: fmt.Sprint("d", r.IntN(3)), PlaceInText: r.IntN(2) == 0}
		for range r.IntN(3) {
			g.Points = append(g.Points, Point{45 + r.Float64()*5, 25 + r.Float64()*10})
		}
		if r.IntN(5) > 0 {
			g.Dates = []string{fmt.Sprintf("2024-01-%02d", 1+r.IntN(3))}
		}
		gold = append(gold, g)
		switch r.IntN(4) {
		case 0:
		case 1:
			choices[g.ID] = nil
		default:
			c := &Choice{Date: fmt.Sprintf("2024-01-%02d", 1+r.IntN(3))}
			if r.IntN(4) > 0 {
				c.Point = &Point{45 + r.Float64()*5, 25 + r.Float64()*10}
			}
			choices[g.ID] = c
		}
	}
	res := Score(gold, choices)
	var want Metrics
	var kms []float64
	for _, g := range gold {
		c, ok := choices[g.ID]
		want.N++
		want.WithPredLine += btoi(ok)
		if len(g.Points) > 0 {
			want.NGeo++
			if c != nil && c.Point != nil {
				want.Covered++
				best := math.Inf(1)
				for _, q := range g.Points {
					best = min(best, haversineKm(c.Point.Lat, c.Point.Lon, q.Lat, q.Lon))
				}
				kms = append(kms, best)
				want.Hit25 += btoi(best <= 25)
				want.Hit161 += btoi(best <= 161)
			}
		}
		if len(g.Dates) > 0 {
			want.NDate++
			want.DateExact += btoi(c != nil && c.Date == g.Dates[0])
		}
	}
	got := res.Overall.All
	if got.N != want.N || got.WithPredLine != want.WithPredLine || got.NGeo != want.NGeo || got.Covered != want.Covered ||
		got.Hit25 != want.Hit25 || got.Hit161 != want.Hit161 || got.NDate != want.NDate || got.DateExact != want.DateExact {
		t.Errorf("got %+v, want counts %+v", got, want)
	}
	if m := round3(median(kms)); got.MedianKm == nil || *got.MedianKm != m {
		t.Errorf("median %v, want %v", got.MedianKm, m)
	}
	sum := 0
	for _, d := range res.PerDataset {
		sum += d.All.N
	}
	if sum != len(gold) {
		t.Errorf("datasets hold %d records, want %d", sum, len(gold))
	}
}

func BenchmarkScore(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var gold []Gold
	choices := map[string]*Choice{}
	for i := range 2000 {
		id := fmt.Sprint(i)
		gold = append(gold, Gold{ID: id, Dataset: "d", Points: []Point{{48 + r.Float64(), 30 + r.Float64()}}, Dates: []string{"2024-01-01"}})
		choices[id] = &Choice{Point: &Point{48 + r.Float64(), 30 + r.Float64()}, Date: "2024-01-01"}
	}
	for b.Loop() {
		Score(gold, choices)
	}
}
