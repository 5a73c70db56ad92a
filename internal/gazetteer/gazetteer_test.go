package gazetteer

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/farsight-osint/farsight"
)

// loadOnce shares one Gazetteer between the tests of this package.
var loadOnce = sync.OnceValues(Load)

func mustLoad(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := loadOnce()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return g
}

func ids(ps []*farsight.Place) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func TestLookupKaspiysk(t *testing.T) {
	g := mustLoad(t)
	for _, name := range []string{"Kaspiysk", "Каспийск", "Каспійськ", "KASPIYSK", "kaspijsk"} {
		t.Run(name, func(t *testing.T) {
			ps := g.Lookup(name)
			if len(ps) == 0 {
				t.Fatalf("Lookup(%q) found nothing", name)
			}
			p := ps[0]
			if p.ID != "gn:551847" {
				t.Fatalf("Lookup(%q)[0] = %s, want gn:551847 (all: %v)", name, p.ID, ids(ps))
			}
			if math.Abs(p.Lat-42.88165) > 1e-5 || math.Abs(p.Lon-47.63919) > 1e-5 {
				t.Errorf("point = %v, want 42.88165, 47.63919", p.Point)
			}
			if p.Country != "RU" || p.Admin1 != "Dagestan" || p.Admin1Code != "RU.17" {
				t.Errorf("country, admin1 = %s, %q (%s), want RU, Dagestan (RU.17)", p.Country, p.Admin1, p.Admin1Code)
			}
			if p.Kind != farsight.PlaceSettlement {
				t.Errorf("kind = %s, want settlement", p.Kind)
			}
		})
	}
}

func TestLookupUkrainianVillages(t *testing.T) {
	g := mustLoad(t)
	tests := []struct {
		name       string
		minResults int
		admin1     string
		admin2     string // "" to skip
	}{
		{"Havrylivka", 10, "Kherson Oblast", "Beryslav Raion"},
		{"Гаврилівка", 10, "Kherson Oblast", "Beryslav Raion"},
		{"Dvorichna", 1, "Kharkiv Oblast", ""},
		{"Svitlodarsk", 1, "Donetsk Oblast", ""},
		{"Robotyne", 1, "Zaporizhzhia Oblast", ""},
		{"Krynky", 1, "Kherson Oblast", ""},
		{"Bilohorivka", 1, "Luhansk Oblast", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := g.Lookup(tt.name)
			if len(ps) < tt.minResults {
				t.Fatalf("Lookup(%q): got %d places, want at least %d", tt.name, len(ps), tt.minResults)
			}
			found := false
			for _, p := range ps {
				if p.Country == "UA" && p.Admin1 == tt.admin1 && (tt.admin2 == "" || p.Admin2 == tt.admin2) {
					found = true
				}
			}
			if !found {
				t.Errorf("Lookup(%q): no place in %s %s among %v", tt.name, tt.admin1, tt.admin2, ids(ps))
			}
		})
	}
}

func TestLookupEngels(t *testing.T) {
	g := mustLoad(t)
	ps := g.Lookup("Engels")
	got := map[string]farsight.PlaceKind{}
	for _, p := range ps {
		got[p.ID] = p.Kind
	}
	if got["gn:563464"] != farsight.PlaceSettlement {
		t.Errorf("Lookup(Engels): town gn:563464 missing or not a settlement: %v", got)
	}
	if got["ap:RU-8602"] != farsight.PlaceAirbase {
		t.Errorf("Lookup(Engels): Engels Air Base ap:RU-8602 missing or not an airbase: %v", got)
	}
	for _, name := range []string{"Engels Air Base", "Енгельс", "Энгельс"} {
		if !slices.Contains(ids(g.Lookup(name)), "ap:RU-8602") {
			t.Errorf("Lookup(%q) misses ap:RU-8602", name)
		}
	}
}

func TestLookupAirbases(t *testing.T) {
	g := mustLoad(t)
	tests := []struct{ name, id string }{
		{"Saky", "ap:UKFI"},
		{"Saki", "ap:UKFI"},
		{"Саки", "ap:UKFI"},
		{"Belbek", "ap:UKFB"},
		{"Бельбек", "ap:UKFB"},
		{"Kacha", "ap:UA-0022"},
		{"Millerovo", "ap:RU-0282"},
		{"Olenya", "ap:RU-4464"},
		{"Shaykovka", "ap:RU-9942"},
		{"Шайківка", "ap:RU-9942"},
		{"Dyagilevo", "ap:UUBD"},
		{"Borisoglebsk", "ap:RU-0014"},
		{"Soltsy-2", "ap:XLLL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := g.Place(tt.id)
			if !ok {
				t.Fatalf("Place(%s) not found", tt.id)
			}
			if p.Kind != farsight.PlaceAirbase {
				t.Errorf("%s kind = %s, want airbase", tt.id, p.Kind)
			}
			if !slices.Contains(ids(g.Lookup(tt.name)), tt.id) {
				t.Errorf("Lookup(%q) = %v, want it to contain %s", tt.name, ids(g.Lookup(tt.name)), tt.id)
			}
		})
	}
}

// seaPolygons reads testdata/seas.geojson, a copy of the project's Natural
// Earth seas file, as outer rings by sea name.
func seaPolygons(t *testing.T) map[string][][][2]float64 {
	t.Helper()
	data, err := os.ReadFile("testdata/seas.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
			Geometry struct {
				Coordinates [][][2]float64 `json:"coordinates"` // Polygon
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatal(err)
	}
	out := map[string][][][2]float64{}
	for _, f := range fc.Features {
		out[f.Properties.Name] = append(out[f.Properties.Name], f.Geometry.Coordinates...)
	}
	return out
}

// inRings applies the even-odd rule over all rings of a feature.
func inRings(rings [][][2]float64, lon, lat float64) bool {
	in := false
	for _, ring := range rings {
		for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
			xi, yi, xj, yj := ring[i][0], ring[i][1], ring[j][0], ring[j][1]
			if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
				in = !in
			}
		}
	}
	return in
}

func TestSeas(t *testing.T) {
	g := mustLoad(t)
	polys := seaPolygons(t)
	tests := []struct{ name, id, polygon string }{
		{"Caspian Sea", "sea:caspian-sea", "Caspian Sea"},
		{"Каспийское море", "sea:caspian-sea", "Caspian Sea"},
		{"Каспійське море", "sea:caspian-sea", "Caspian Sea"},
		{"Black Sea", "sea:black-sea", "Black Sea"},
		{"Чорне море", "sea:black-sea", "Black Sea"},
		{"Черное море", "sea:black-sea", "Black Sea"}, // ё folded
		{"Sea of Azov", "sea:sea-of-azov", "Sea of Azov"},
		{"Baltic Sea", "sea:baltic-sea", "Baltic Sea"},
		{"Gulf of Finland", "sea:gulf-of-finland", "Gulf of Finland"},
		{"Barents Sea", "sea:barents-sea", "Barents Sea"},
		{"Bosporus", "sea:bosporus", "Bosporus"},
		{"Kerch Strait", "alias:kerch-strait", "Black Sea"}, // south of the Black Sea/Azov line
		{"Керченська протока", "alias:kerch-strait", "Black Sea"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := g.Lookup(tt.name)
			if len(ps) == 0 || ps[0].ID != tt.id {
				t.Fatalf("Lookup(%q) = %v, want %s first", tt.name, ids(ps), tt.id)
			}
			p := ps[0]
			if p.Kind != farsight.PlaceSea {
				t.Errorf("kind = %s, want sea", p.Kind)
			}
			if !inRings(polys[tt.polygon], p.Lon, p.Lat) {
				t.Errorf("%s point %v is not inside the %s polygon", p.ID, p.Point, tt.polygon)
			}
		})
	}
	// Every Natural Earth sea's point lies inside its own polygon.
	for p := range g.All() {
		if !strings.HasPrefix(p.ID, "sea:") {
			continue
		}
		name, _, _ := strings.Cut(p.Name, " (")
		if !inRings(polys[name], p.Lon, p.Lat) {
			t.Errorf("%s point %v is outside its polygon %q", p.ID, p.Point, name)
		}
	}
}

func TestRegions(t *testing.T) {
	g := mustLoad(t)
	tests := []struct {
		lookup, id, country, admin1Code, name string
	}{
		{"Dagestan", "gn:567293", "RU", "RU.17", "Dagestan"},
		{"Дагестан", "gn:567293", "RU", "RU.17", "Dagestan"},
		{"Crimea", "gn:703883", "UA", "UA.11", "Autonomous Republic of Crimea"},
		{"Крим", "gn:703883", "UA", "UA.11", "Autonomous Republic of Crimea"},
		{"Крым", "gn:703883", "UA", "UA.11", "Autonomous Republic of Crimea"},
		{"Crimean peninsula", "gn:703883", "UA", "UA.11", "Autonomous Republic of Crimea"},
		{"Kherson Oblast", "gn:706442", "UA", "UA.08", "Kherson Oblast"},
		{"Херсонська область", "gn:706442", "UA", "UA.08", "Kherson Oblast"},
		{"Belgorod Oblast", "gn:578071", "RU", "RU.09", "Belgorod Oblast"},
		{"Krasnodar Krai", "gn:542415", "RU", "RU.38", "Krasnodar Krai"},
		{"Кубань", "gn:542415", "RU", "RU.38", "Krasnodar Krai"},
		{"Altai Krai", "gn:1511732", "RU", "RU.04", "Altai Krai"},
	}
	for _, tt := range tests {
		t.Run(tt.lookup, func(t *testing.T) {
			var p *farsight.Place
			for _, q := range g.Lookup(tt.lookup) {
				if q.Kind == farsight.PlaceRegion {
					p = q
					break
				}
			}
			if p == nil {
				t.Fatalf("Lookup(%q) = %v: no region", tt.lookup, ids(g.Lookup(tt.lookup)))
			}
			if p.ID != tt.id || p.Country != tt.country || p.Admin1Code != tt.admin1Code || p.Name != tt.name {
				t.Errorf("got %s %q %s %s, want %s %q %s %s", p.ID, p.Name, p.Country, p.Admin1Code, tt.id, tt.name, tt.country, tt.admin1Code)
			}
			a, ok := g.Admin1(tt.admin1Code)
			if !ok || a != p {
				t.Errorf("Admin1(%s) = %v, %v; want %s", tt.admin1Code, a, ok, tt.id)
			}
		})
	}
	if ps := g.Lookup("Crimea"); len(ps) == 0 || ps[0].Kind != farsight.PlaceRegion || ps[0].Country != "UA" {
		t.Errorf("Lookup(Crimea)[0] = %v, want a region in UA", ids(ps))
	}
	if _, ok := g.Admin1("XX.99"); ok {
		t.Error("Admin1(XX.99) found a region")
	}
	// Russian-controlled Ukrainian territory stays in UA.
	for _, id := range []string{"gn:694422", "gn:694423", "gn:706524", "port:sevastopol", "ap:UKFB", "ap:UKFI"} {
		if p, ok := g.Place(id); !ok || p.Country != "UA" {
			t.Errorf("Place(%s) = %+v, want country UA", id, p)
		}
	}
}

func TestSevastopol(t *testing.T) {
	g := mustLoad(t)
	ps := g.Lookup("Sevastopol")
	want := []string{"gn:694423", "gn:694422", "port:sevastopol"}
	for _, id := range want {
		if !slices.Contains(ids(ps), id) {
			t.Errorf("Lookup(Sevastopol) = %v, missing %s", ids(ps), id)
		}
	}
	if ps[0].ID != "gn:694423" || ps[0].Admin1 != "Sevastopol" {
		t.Errorf("Lookup(Sevastopol)[0] = %s in %q, want the city gn:694423 in Sevastopol", ps[0].ID, ps[0].Admin1)
	}
	for _, name := range []string{"Севастополь", "Sewastopol", "Sebastopol"} {
		if got := g.Lookup(name); len(got) == 0 || got[0].ID != "gn:694423" {
			t.Errorf("Lookup(%q) = %v, want gn:694423 first", name, ids(got))
		}
	}
	if got := g.Lookup("Sevastopol Bay"); len(got) != 1 || got[0].ID != "alias:sevastopol-bay" {
		t.Errorf("Lookup(Sevastopol Bay) = %v", ids(got))
	}
}

func TestCuratedPlaces(t *testing.T) {
	g := mustLoad(t)
	tests := []struct {
		name, id string
		kind     farsight.PlaceKind
	}{
		{"Donbas", "alias:donbas", farsight.PlaceArea},
		{"Донбасс", "alias:donbas", farsight.PlaceArea},
		{"Донбас", "alias:donbas", farsight.PlaceArea},
		{"ZNPP", "alias:zaporizhzhia-nuclear-power-plant", farsight.PlaceSite},
		{"Запорізька АЕС", "alias:zaporizhzhia-nuclear-power-plant", farsight.PlaceSite},
		{"Crimean Bridge", "alias:crimean-bridge", farsight.PlaceSite},
		{"Россия", "country:RU", farsight.PlaceCountry},
		{"Росія", "country:RU", farsight.PlaceCountry},
		{"Ukraine", "country:UA", farsight.PlaceCountry},
		{"Україна", "country:UA", farsight.PlaceCountry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := g.Lookup(tt.name)
			var p *farsight.Place
			for _, q := range ps {
				if q.ID == tt.id {
					p = q
				}
			}
			if p == nil {
				t.Fatalf("Lookup(%q) = %v, want %s", tt.name, ids(ps), tt.id)
			}
			if p.Kind != tt.kind {
				t.Errorf("%s kind = %s, want %s", p.ID, p.Kind, tt.kind)
			}
		})
	}
	// Corrections of Natural Earth names.
	for _, tt := range []struct{ name, notID string }{
		{"Chukotka", "gn:2013162"},           // Sakha
		{"Saint Petersburg", "gn:536199"},    // Leningrad Oblast
		{"Altai Republic", "gn:1511732"},     // Altai Krai
		{"Vologodskaya Oblast", "gn:581043"}, // Arkhangelsk Oblast
	} {
		if slices.Contains(ids(g.Lookup(tt.name)), tt.notID) {
			t.Errorf("Lookup(%q) still returns %s", tt.name, tt.notID)
		}
	}
}

func TestEveryKindPresent(t *testing.T) {
	g := mustLoad(t)
	counts := map[farsight.PlaceKind]int{}
	for p := range g.All() {
		counts[p.Kind]++
	}
	for _, k := range []farsight.PlaceKind{
		farsight.PlaceSettlement, farsight.PlaceRegion, farsight.PlaceCountry, farsight.PlaceSea,
		farsight.PlaceAirbase, farsight.PlaceAirport, farsight.PlacePort, farsight.PlaceArea, farsight.PlaceSite,
	} {
		if counts[k] == 0 {
			t.Errorf("no place of kind %s", k)
		}
	}
	t.Logf("places by kind: %v", counts)
	if g.Len() < 90000 {
		t.Errorf("Len() = %d, want at least 90000", g.Len())
	}
}

// TestScripts checks that every name is written in Latin or Cyrillic script.
func TestScripts(t *testing.T) {
	g := mustLoad(t)
	bad := 0
	for p := range g.All() {
		for _, n := range append([]string{p.Name}, p.Names...) {
			for _, r := range n {
				if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Common, unicode.Inherited) {
					if bad < 10 {
						t.Errorf("%s: name %q has %q (%U), not Latin or Cyrillic", p.ID, n, r, r)
					}
					bad++
					break
				}
			}
			if strings.ContainsAny(n, "\t\n|") || n != strings.TrimSpace(n) || n == "" {
				t.Errorf("%s: malformed name %q", p.ID, n)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d names in other scripts", bad)
	}
}

// TestPlacesValid checks the invariants of every place.
func TestPlacesValid(t *testing.T) {
	g := mustLoad(t)
	for p := range g.All() {
		if !p.Point.Valid() {
			t.Errorf("%s: invalid point %v", p.ID, p.Point)
		}
		if got, ok := g.Place(p.ID); !ok || got != p {
			t.Errorf("Place(%s) does not return the place itself", p.ID)
		}
		if p.Admin1Code != "" && p.Kind != farsight.PlaceRegion && p.Country == "UA" && p.Admin1 == "" {
			t.Errorf("%s: admin1 code %s has no region", p.ID, p.Admin1Code)
		}
		// Seas and facilities that span a border (the Crimean Bridge) have
		// no country.
		if p.Kind != farsight.PlaceSea && p.Kind != farsight.PlaceSite && len(p.Country) != 2 && p.Kind != farsight.PlaceRegion {
			t.Errorf("%s (%s): country %q", p.ID, p.Kind, p.Country)
		}
	}
}

// lessPlace is the documented Lookup order.
func lessPlace(a, b *farsight.Place) bool {
	if a.Population != b.Population {
		return a.Population > b.Population
	}
	if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
		return ra < rb
	}
	return a.ID < b.ID
}

// TestNamesDifferential compares the name index with a brute-force scan over
// all places, and checks the documented order of every posting list.
func TestNamesDifferential(t *testing.T) {
	g := mustLoad(t)
	want := map[string][]string{}
	for p := range g.All() {
		seen := map[string]bool{}
		for _, n := range append([]string{p.Name}, p.Names...) {
			k := Normalize(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			want[k] = append(want[k], p.ID)
		}
	}
	got := 0
	var keys []string
	for key, ps := range g.Names() {
		got++
		keys = append(keys, key)
		if Normalize(key) != key {
			t.Errorf("key %q is not normalised", key)
		}
		if !slices.Equal(ids(ps), want[key]) {
			t.Errorf("Names()[%q] = %v, brute force %v", key, ids(ps), want[key])
		}
		for i := 1; i < len(ps); i++ {
			if !lessPlace(ps[i-1], ps[i]) {
				t.Errorf("Names()[%q]: %s before %s breaks the order", key, ps[i-1].ID, ps[i].ID)
			}
		}
	}
	if got != len(want) || got != g.NumNames() {
		t.Errorf("Names() yielded %d keys, NumNames %d, brute force %d", got, g.NumNames(), len(want))
	}

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	for range 2000 {
		key := keys[rng.IntN(len(keys))]
		if got := ids(g.LookupKey(key)); !slices.Equal(got, want[key]) {
			t.Errorf("LookupKey(%q) = %v, want %v", key, got, want[key])
		}
	}
}

func TestLookupDeterministic(t *testing.T) {
	g1 := mustLoad(t)
	g2, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ivanivka", "Havrylivka", "Moscow", "Kyiv", "Novoselivka", "Sevastopol", "Mediterranean Sea"} {
		a, b := ids(g1.Lookup(name)), ids(g2.Lookup(name))
		if !slices.Equal(a, b) {
			t.Errorf("Lookup(%q) differs between loads: %v vs %v", name, a, b)
		}
		if len(a) == 0 {
			t.Errorf("Lookup(%q) found nothing", name)
		}
	}
	if n := len(g1.Lookup("Ivanivka")); n < 50 {
		t.Errorf("Lookup(Ivanivka): %d places, want at least 50", n)
	}
	// The returned slice is the caller's.
	ps := g1.Lookup("Kyiv")
	ps[0] = nil
	if g1.Lookup("Kyiv")[0] == nil {
		t.Error("modifying Lookup's result changed the index")
	}
	if g1.Lookup("no such place anywhere") != nil {
		t.Error("Lookup of an unknown name is not nil")
	}
}

func gz(tb testing.TB, s string) *bytes.Reader {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return bytes.NewReader(buf.Bytes())
}

func TestLoadFrom(t *testing.T) {
	const head = formatVersion + "\tplaces=2\tnames=2\n" + header + "\n"
	const good = head +
		"gn:1\tsettlement\tAlpha\t50.5\t30.25\tUA\tUA.08\tBeryslav Raion\t120\tPPL\tAlfa|Альфа\n" +
		"gn:2\tregion\tKherson Oblast\t46.7\t33.6\tUA\tUA.08\t\t\tADM1\t\n"
	g, err := LoadFrom(gz(t, good))
	if err != nil {
		t.Fatalf("LoadFrom: %v", err)
	}
	if g.Len() != 2 {
		t.Fatalf("Len() = %d, want 2", g.Len())
	}
	p, ok := g.Place("gn:1")
	if !ok {
		t.Fatal("Place(gn:1) not found")
	}
	want := farsight.Place{
		ID: "gn:1", Name: "Alpha", Kind: farsight.PlaceSettlement, Point: farsight.Point{Lat: 50.5, Lon: 30.25},
		Country: "UA", Admin1: "Kherson Oblast", Admin1Code: "UA.08", Admin2: "Beryslav Raion",
		Population: 120, FeatureCode: "PPL", Names: []string{"Alfa", "Альфа"},
	}
	if p.ID != want.ID || p.Name != want.Name || p.Kind != want.Kind || p.Point != want.Point ||
		p.Country != want.Country || p.Admin1 != want.Admin1 || p.Admin1Code != want.Admin1Code ||
		p.Admin2 != want.Admin2 || p.Population != want.Population || p.FeatureCode != want.FeatureCode ||
		!slices.Equal(p.Names, want.Names) {
		t.Errorf("Place(gn:1) = %+v, want %+v", *p, want)
	}
	if got := ids(g.Lookup("альфа")); !slices.Equal(got, []string{"gn:1"}) {
		t.Errorf("Lookup(альфа) = %v", got)
	}

	bad := []struct{ name, data string }{
		{"version", "#farsight-gazetteer v0\n" + header + "\n"},
		{"header", formatVersion + "\nid\tkind\n"},
		{"columns", head + "gn:1\tsettlement\tAlpha\t50.5\n"},
		{"extra column", head + "gn:1\tsettlement\tAlpha\t50.5\t30.25\tUA\t\t\t\tPPL\t\textra\n"},
		{"kind", head + "gn:1\tvillage\tAlpha\t50.5\t30.25\tUA\t\t\t\tPPL\t\n"},
		{"lat", head + "gn:1\tsettlement\tAlpha\tx\t30.25\tUA\t\t\t\tPPL\t\n"},
		{"range", head + "gn:1\tsettlement\tAlpha\t95\t30.25\tUA\t\t\t\tPPL\t\n"},
		{"population", head + "gn:1\tsettlement\tAlpha\t50\t30.25\tUA\t\t\t-3\tPPL\t\n"},
		{"duplicate", head + "gn:1\tsettlement\tA\t50\t30\tUA\t\t\t\tPPL\t\ngn:1\tsettlement\tB\t50\t30\tUA\t\t\t\tPPL\t\n"},
		{"empty id", head + "\tsettlement\tA\t50\t30\tUA\t\t\t\tPPL\t\n"},
		{"count", formatVersion + "\tplaces=x\n" + header + "\n"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := LoadFrom(gz(t, tt.data)); err == nil {
				t.Errorf("LoadFrom accepted bad input %q", tt.data)
			}
		})
	}
	if _, err := LoadFrom(strings.NewReader("not gzip")); err == nil {
		t.Error("LoadFrom accepted non-gzip input")
	}
}

// TestLoadFromUndercount checks a file whose version line gives no counts.
func TestLoadFromUndercount(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(formatVersion + "\n" + header + "\n")
	for i := range 50 {
		sb.WriteString("gn:" + string(rune('a'+i%26)) + strings.Repeat("x", i) + "\tsettlement\tName\t1\t2\tUA\t\t\t\tPPL\tA|B|C\n")
	}
	g, err := LoadFrom(gz(t, sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	for p := range g.All() {
		if !slices.Equal(p.Names, []string{"A", "B", "C"}) {
			t.Fatalf("%s: Names = %v", p.ID, p.Names)
		}
	}
	if n := len(g.Lookup("b")); n != 50 {
		t.Errorf("Lookup(b): %d places, want 50", n)
	}
}

// TestLoadBudget checks the memory budget of the embedded gazetteer: less
// than 300 MB of heap after Load. (Load time is reported by BenchmarkLoad.)
func TestLoadBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	g, err := Load()
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heapMB := float64(after.HeapInuse-min(before.HeapInuse, after.HeapInuse)) / (1 << 20)
	t.Logf("Load: %v, %d places, %d names; heap in use +%.1f MB, Sys %.1f MB", elapsed, g.Len(), g.NumNames(), heapMB, float64(after.Sys)/(1<<20))
	if heapMB > 300 {
		t.Errorf("heap after Load grew by %.1f MB, want < 300 MB", heapMB)
	}
	runtime.KeepAlive(g)
}

func FuzzLoadFrom(f *testing.F) {
	f.Add(formatVersion + "\tplaces=1\tnames=1\n" + header + "\n" +
		"gn:1\tsettlement\tAlpha\t50.5\t30.25\tUA\tUA.08\tBeryslav Raion\t120\tPPL\tAlfa|Альфа\n" +
		"gn:2\tregion\tKherson Oblast\t46.7\t33.6\tUA\tUA.08\t\t\tADM1\t\n")
	f.Add(formatVersion + "\n" + header + "\n" + "x\tsea\tS\t0\t0\t\t\t\t\tSEA\t|||\n")
	f.Fuzz(func(t *testing.T, data string) {
		g, err := LoadFrom(gz(t, data))
		if err != nil {
			return
		}
		for p := range g.All() {
			if q, ok := g.Place(p.ID); !ok || q != p {
				t.Fatalf("Place(%q) does not return the place", p.ID)
			}
			if k := Normalize(p.Name); k != "" && !slices.Contains(g.LookupKey(k), p) {
				t.Fatalf("Lookup(%q) misses %s", p.Name, p.ID)
			}
		}
	})
}
