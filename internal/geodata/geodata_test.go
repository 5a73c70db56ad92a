package geodata

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
)

// mustLoad returns the bundled data or stops the test.
func mustLoad(tb testing.TB) *Data {
	tb.Helper()
	d, err := Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return d
}

// Reference positions (lon, lat): GeoNames city positions, except where
// noted, and places from shared/data/check.py.
var (
	kyiv         = orb.Point{30.5238, 50.45466}
	lviv         = orb.Point{24.02324, 49.83826}
	simferopol   = orb.Point{34.11079, 44.95719}
	sevastopol   = orb.Point{33.52134, 44.60795}
	donetsk      = orb.Point{37.80224, 48.023}
	kharkiv      = orb.Point{36.25475, 49.98177}
	kherson      = orb.Point{32.61, 46.64}     // check.py: GeoNames' centre is in the Dnipro at 1:10m
	khersonBrief = orb.Point{32.6169, 46.6354} // the point of the frontline checks
	kaspiysk     = orb.Point{47.639, 42.882}
	rostovOnDon  = orb.Point{39.72328, 47.23135}
	belgorod     = orb.Point{36.58015, 50.61074}
	minsk        = orb.Point{27.56667, 53.9}
	moscow       = orb.Point{37.61556, 55.75222}
	grozny       = orb.Point{45.68895, 43.31195}
	taman        = orb.Point{36.72, 45.21} // in Taman Bay, outside both outlines
	izium        = orb.Point{37.26, 49.21}
	kupiansk     = orb.Point{37.61, 49.71}
	mariupol     = orb.Point{37.55, 47.10}
	bakhmut      = orb.Point{38.00, 48.595}
	avdiivka     = orb.Point{37.745, 48.139}
	vuhledar     = orb.Point{37.25, 47.78}
	snakeIsland  = orb.Point{30.205, 45.255}
	lysychansk   = orb.Point{38.43, 48.90}
	velykaNovo   = orb.Point{36.83, 47.84}
	chernihiv    = orb.Point{31.29, 51.49}
	melitopol    = orb.Point{35.37, 46.85}
	vladivostokW = orb.Point{131.90, 42.90} // off Vladivostok
)

func TestBorders(t *testing.T) {
	d := mustLoad(t)
	tests := []struct {
		name            string
		p               orb.Point
		ukraine, russia bool
	}{
		{"Kyiv", kyiv, true, false},
		{"Lviv", lviv, true, false},
		{"Simferopol", simferopol, true, false},
		{"Sevastopol", sevastopol, true, false},
		{"Donetsk", donetsk, true, false},
		{"Kharkiv", kharkiv, true, false},
		{"Kherson", kherson, true, false},
		{"Kaspiysk", kaspiysk, false, true},
		{"Rostov-on-Don", rostovOnDon, false, true},
		{"Belgorod", belgorod, false, true},
		{"Moscow", moscow, false, true},
		{"Grozny", grozny, false, true},
		{"Minsk", minsk, false, false},
		{"Taman Bay", taman, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := planar.MultiPolygonContains(d.Ukraine, tt.p); got != tt.ukraine {
				t.Errorf("in Ukraine: got %v, want %v", got, tt.ukraine)
			}
			if got := planar.MultiPolygonContains(d.Russia, tt.p); got != tt.russia {
				t.Errorf("in Russia: got %v, want %v", got, tt.russia)
			}
		})
	}
}

func TestBorderAreas(t *testing.T) {
	d := mustLoad(t)
	tests := []struct {
		name     string
		mp       orb.MultiPolygon
		min, max float64 // km²
	}{
		// Ukraine: 603,550 km² officially; about 597,000 km² at 1:10m.
		{"Ukraine", d.Ukraine, 590_000, 610_000},
		// Russia: 17.1 million km², less Crimea's 27,000.
		{"Russia", d.Russia, 16_700_000, 17_300_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km2 := geo.Area(tt.mp) / 1e6
			if km2 < tt.min || km2 > tt.max {
				t.Errorf("area %.0f km², want %.0f..%.0f", km2, tt.min, tt.max)
			}
		})
	}
}

func TestSnapshots(t *testing.T) {
	d := mustLoad(t)
	if got, want := len(d.Snapshots), 141; got != want {
		t.Fatalf("got %d snapshots, want %d", got, want)
	}
	if got, want := d.Snapshots[0].Date, "2022-04-03"; got != want {
		t.Errorf("first snapshot %s, want %s", got, want)
	}
	if got, want := d.Snapshots[len(d.Snapshots)-1].Date, "2026-08-22"; got != want {
		t.Errorf("last snapshot %s, want %s", got, want)
	}
	for i, s := range d.Snapshots {
		if _, err := time.Parse(time.DateOnly, s.Date); err != nil {
			t.Errorf("snapshot %d: date %q: %v", i, s.Date, err)
		}
		if i > 0 && s.Date <= d.Snapshots[i-1].Date {
			t.Errorf("snapshot %d: date %s not after %s", i, s.Date, d.Snapshots[i-1].Date)
		}
		if !strings.HasPrefix(s.Source, "DeepStateMap via ") {
			t.Errorf("snapshot %s: source %q", s.Date, s.Source)
		}
		if len(s.Occupied) == 0 {
			t.Errorf("snapshot %s: no polygons", s.Date)
		}
	}
}

// TestOccupied checks well-documented changes of control against every
// snapshot whose date is in [from, to] ("" for open ends).
func TestOccupied(t *testing.T) {
	d := mustLoad(t)
	tests := []struct {
		name     string
		p        orb.Point
		from, to string
		want     bool
	}{
		{"Donetsk", donetsk, "", "", true},
		{"Simferopol", simferopol, "", "", true},
		{"Sevastopol", sevastopol, "", "", true},
		{"Melitopol", melitopol, "", "", true},
		{"Kyiv", kyiv, "", "", false},
		{"Chernihiv", chernihiv, "", "", false},
		{"Kaspiysk", kaspiysk, "", "", false},
		{"Grozny", grozny, "", "", false},
		{"Kherson before liberation", khersonBrief, "", "2022-11-10", true},
		{"Kherson liberated 2022-11-11", khersonBrief, "2022-11-11", "", false},
		{"Kherson (check.py) before liberation", kherson, "", "2022-11-10", true},
		{"Kherson (check.py) liberated 2022-11-11", kherson, "2022-11-11", "", false},
		{"Izium before liberation", izium, "", "2022-09-01", true},
		{"Izium liberated 2022-09-10", izium, "2022-10-01", "", false},
		{"Kupiansk before liberation", kupiansk, "", "2022-09-01", true},
		{"Kupiansk liberated 2022-09-10", kupiansk, "2022-10-01", "2024-07-01", false},
		{"Snake Island occupied", snakeIsland, "2022-05-01", "2022-06-01", true},
		{"Snake Island after withdrawal 2022-06-30", snakeIsland, "2022-07-01", "", false},
		{"Mariupol fell 2022-05-20", mariupol, "2022-06-01", "", true},
		{"Lysychansk fell 2022-07-03", lysychansk, "2022-08-01", "", true},
		{"Bakhmut fell 2023-05-20", bakhmut, "2023-06-02", "", true},
		{"Avdiivka before its fall", avdiivka, "", "2024-02-01", false},
		{"Avdiivka fell 2024-02-17", avdiivka, "2024-03-01", "", true},
		{"Vuhledar before its fall", vuhledar, "", "2024-09-23", false},
		{"Vuhledar fell 2024-10-01", vuhledar, "2024-10-07", "", true},
		{"Velyka Novosilka before its fall", velykaNovo, "", "2024-12-30", false},
		{"Velyka Novosilka fell 2025-01-26", velykaNovo, "2025-02-03", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for _, s := range d.Snapshots {
				if tt.from != "" && s.Date < tt.from || tt.to != "" && s.Date > tt.to {
					continue
				}
				n++
				if got := planar.MultiPolygonContains(s.Occupied, tt.p); got != tt.want {
					t.Errorf("%s: occupied got %v, want %v", s.Date, got, tt.want)
				}
			}
			if n == 0 {
				t.Errorf("no snapshot in %q..%q", tt.from, tt.to)
			}
		})
	}
}

// seasAt returns the IDs of the seas containing p.
func seasAt(d *Data, p orb.Point) []string {
	var ids []string
	for _, s := range d.Seas {
		if planar.MultiPolygonContains(s.Shape, p) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

func TestSeas(t *testing.T) {
	d := mustLoad(t)
	if got, want := len(d.Seas), 16; got != want {
		t.Errorf("got %d seas, want %d (17 features, the Mediterranean's two joined)", got, want)
	}
	// The validation points of shared/data/seas/README.md.
	tests := []struct {
		name string
		p    orb.Point
		want string // "" for no sea
	}{
		{"offshore Kaspiysk", orb.Point{47.70, 42.90}, "sea:caspian-sea"},
		{"Black Sea", orb.Point{34.00, 43.00}, "sea:black-sea"},
		{"Sea of Azov", orb.Point{36.50, 46.00}, "sea:sea-of-azov"},
		{"off Sevastopol", orb.Point{33.40, 44.62}, "sea:black-sea"},
		{"off Novorossiysk", orb.Point{37.85, 44.60}, "sea:black-sea"},
		{"Crimean Bridge", orb.Point{36.56, 45.30}, "sea:black-sea"},
		{"off Kronstadt", orb.Point{29.60, 60.00}, "sea:gulf-of-finland"},
		{"off Baltiysk", orb.Point{19.80, 54.70}, "sea:baltic-sea"},
		{"Barents Sea", orb.Point{34.00, 70.00}, "sea:barents-sea"},
		{"White Sea", orb.Point{38.00, 65.50}, "sea:white-sea"},
		{"off Vladivostok", vladivostokW, "sea:sea-of-japan"},
		{"Sea of Okhotsk", orb.Point{148.00, 53.00}, "sea:sea-of-okhotsk"},
		{"off Tartus", orb.Point{35.80, 34.90}, "sea:mediterranean-sea"},
		{"west of Sicily", orb.Point{5.00, 38.00}, "sea:mediterranean-sea"},
		{"Kyiv", kyiv, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := seasAt(d, tt.p)
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestSeaProperties(t *testing.T) {
	d := mustLoad(t)
	byID := map[string]Sea{}
	for _, s := range d.Seas {
		if _, dup := byID[s.ID]; dup {
			t.Errorf("duplicate sea ID %s", s.ID)
		}
		byID[s.ID] = s
	}
	tests := []struct {
		id, name, nameUK, parent string
		polygons                 int
	}{
		{"sea:black-sea", "Black Sea", "Чорне море", "", 1},
		{"sea:sea-of-azov", "Sea of Azov", "Азовське море", "", 1},
		{"sea:caspian-sea", "Caspian Sea", "Каспійське море", "", 1},
		{"sea:mediterranean-sea", "Mediterranean Sea", "Середземне море", "", 2},
		{"sea:gulf-of-finland", "Gulf of Finland", "", "Baltic Sea", 1},
		{"sea:aegean-sea", "Aegean Sea", "", "Mediterranean Sea", 1},
		{"sea:bosporus", "Bosporus", "", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			s, ok := byID[tt.id]
			if !ok {
				t.Fatalf("no sea %s", tt.id)
			}
			if s.Name != tt.name || s.NameUK != tt.nameUK || s.Parent != tt.parent {
				t.Errorf("got %q/%q/parent %q, want %q/%q/parent %q", s.Name, s.NameUK, s.Parent, tt.name, tt.nameUK, tt.parent)
			}
			if s.NameRU == "" {
				t.Error("no Russian name")
			}
			if len(s.Shape) != tt.polygons {
				t.Errorf("got %d polygons, want %d", len(s.Shape), tt.polygons)
			}
		})
	}
}

// regionsAt returns the regions containing p.
func regionsAt(d *Data, p orb.Point) []Region {
	var rs []Region
	for _, r := range d.Regions {
		if planar.MultiPolygonContains(r.Shape, p) {
			rs = append(rs, r)
		}
	}
	return rs
}

// regionIndex finds regions by point with a bounding-box prefilter.
type regionIndex struct {
	regions []Region
	bounds  []orb.Bound
}

func newRegionIndex(rs []Region) *regionIndex {
	x := &regionIndex{regions: rs}
	for _, r := range rs {
		x.bounds = append(x.bounds, r.Shape.Bound())
	}
	return x
}

func (x *regionIndex) at(p orb.Point) []Region {
	var rs []Region
	for i, r := range x.regions {
		if x.bounds[i].Contains(p) && planar.MultiPolygonContains(r.Shape, p) {
			rs = append(rs, r)
		}
	}
	return rs
}

func TestRegions(t *testing.T) {
	d := mustLoad(t)
	tests := []struct {
		name               string
		p                  orb.Point
		code, iso, country string
		regionNameContains string
	}{
		{"Kaspiysk", kaspiysk, "RU.17", "RU-DA", "RU", "Dagestan"},
		{"Kharkiv", kharkiv, "UA.07", "UA-63", "UA", "Kharkiv"},
		{"Simferopol", simferopol, "UA.11", "UA-43", "UA", "Crimea"},
		{"Sevastopol", sevastopol, "UA.20", "UA-40", "UA", "Sevastopol"},
		{"Kherson", kherson, "UA.08", "UA-65", "UA", "Kherson"},
		{"Donetsk", donetsk, "UA.05", "UA-14", "UA", "Donetsk"},
		{"Lviv", lviv, "UA.15", "UA-46", "UA", "Lviv"},
		{"Kyiv", kyiv, "UA.12", "UA-30", "UA", "Kyiv"},
		{"Rostov-on-Don", rostovOnDon, "", "RU-ROS", "RU", "Rostov"},
		{"Belgorod", belgorod, "", "RU-BEL", "RU", "Belgorod"},
		// Natural Earth swaps the ISO codes of Moscow city and oblast.
		{"Moscow", moscow, "RU.48", "RU-MOS", "RU", "Mos"},
		{"Minsk", minsk, "", "BY-HM", "BY", "Minsk"},
		{"Grozny", grozny, "", "RU-CE", "RU", "Chech"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := regionsAt(d, tt.p)
			if len(rs) != 1 {
				t.Fatalf("in %d regions (%v), want 1", len(rs), rs)
			}
			r := rs[0]
			if tt.code != "" && r.Code != tt.code {
				t.Errorf("code %q, want %q", r.Code, tt.code)
			}
			if r.ISO != tt.iso {
				t.Errorf("ISO %q, want %q", r.ISO, tt.iso)
			}
			if r.Country != tt.country {
				t.Errorf("country %q, want %q", r.Country, tt.country)
			}
			if !strings.Contains(r.Name, tt.regionNameContains) {
				t.Errorf("name %q, want it to contain %q", r.Name, tt.regionNameContains)
			}
		})
	}
}

func TestRegionList(t *testing.T) {
	d := mustLoad(t)
	countries := map[string]int{}
	ua := map[string]bool{}
	for _, r := range d.Regions {
		countries[r.Country]++
		if r.Name == "" || r.ISO == "" || len(r.Shape) == 0 {
			t.Errorf("incomplete region %+v", r)
		}
		if r.Country == "UA" {
			if ua[r.Code] {
				t.Errorf("duplicate Ukrainian code %s", r.Code)
			}
			ua[r.Code] = true
		}
	}
	want := []string{"AM", "AZ", "BY", "EE", "FI", "GE", "HU", "KZ", "LT", "LV", "MD", "PL", "RO", "RU", "SK", "TR", "UA"}
	if got := slices.Sorted(maps.Keys(countries)); !slices.Equal(got, want) {
		t.Errorf("countries %v, want %v", got, want)
	}
	// 24 oblasts, Crimea, Kyiv and Sevastopol: GeoNames UA.01 .. UA.27.
	if len(ua) != 27 {
		t.Errorf("got %d Ukrainian regions, want 27", len(ua))
	}
	for i := 1; i <= 27; i++ {
		if code := fmt.Sprintf("UA.%02d", i); !ua[code] {
			t.Errorf("no region %s", code)
		}
	}
}

// TestRegionsCoverUkraine samples random points in Ukraine's outline: each
// must lie in exactly one region, a Ukrainian one, except within the
// simplification tolerance of the outline.
func TestRegionsCoverUkraine(t *testing.T) {
	d := mustLoad(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	b := d.Ukraine.Bound()
	idx := newRegionIndex(d.Regions)
	var tried, none, several, foreign int
	for tried < 3000 {
		p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		if !planar.MultiPolygonContains(d.Ukraine, p) {
			continue
		}
		tried++
		rs := idx.at(p)
		switch {
		case len(rs) == 0:
			none++
		case len(rs) > 1:
			several++
			t.Errorf("%v is in %d regions", p, len(rs))
		case rs[0].Country != "UA":
			foreign++
		}
	}
	// Points within ~500 m of the outline may fall outside every region or
	// in a neighbour's: a handful in 3,000.
	if none+foreign > tried/100 {
		t.Errorf("%d of %d points in no region, %d in a foreign one", none, tried, foreign)
	}
	t.Logf("%d points: %d in no region, %d in a foreign one, %d in several", tried, none, foreign, several)
}

// BenchmarkLoad measures Load, and reports the heap the loaded data holds
// (heap-MB) and the size of the embedded file (file-KB).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := mustLoad(b)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(len(bundled))/1024, "file-KB")
}
