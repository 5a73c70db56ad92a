package merge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/geo"
)

// mention builds a test mention: report r, a drone strike by Ukraine at a
// settlement on a day, changed by the options.
func mention(r int64, opts ...func(*farsight.Event)) *farsight.Mention {
	e := &farsight.Event{Type: farsight.DroneStrike, Actor: farsight.ActorUkraine, Date: "2024-11-06", DatePrecision: farsight.PrecisionDay,
		Point: &farsight.Point{Lat: 42.88, Lon: 47.64}, GeoPrecision: farsight.GeoSettlement, PlaceID: "gn:1", PlaceName: "Kaspiysk",
		Country: "RU", Admin1: "Dagestan", Confidence: 0.8}
	for _, o := range opts {
		o(e)
	}
	return &farsight.Mention{ID: r, ReportID: r, Key: fmt.Sprintf("k%04d", r), Event: e}
}

func at(lat, lon float64, id string) func(*farsight.Event) {
	return func(e *farsight.Event) { e.Point, e.PlaceID, e.PlaceName = &farsight.Point{Lat: lat, Lon: lon}, id, id }
}
func on(date string) func(*farsight.Event)           { return func(e *farsight.Event) { e.Date = date } }
func typ(t farsight.EventType) func(*farsight.Event) { return func(e *farsight.Event) { e.Type = t } }
func actor(a farsight.Actor) func(*farsight.Event)   { return func(e *farsight.Event) { e.Actor = a } }
func prec(p farsight.GeoPrecision) func(*farsight.Event) {
	return func(e *farsight.Event) { e.GeoPrecision = p }
}
func admin1(a string) func(*farsight.Event) { return func(e *farsight.Event) { e.Admin1 = a } }
func inferred(e *farsight.Event)            { e.DateInferred = true }
func evening(e *farsight.Event)             { e.Evening = true }
func night(e *farsight.Event)               { e.Night = true }
func ship(key string) func(*farsight.Event) {
	return func(e *farsight.Event) {
		e.Targets = append(e.Targets, farsight.Target{Category: "naval_vessel", Name: key, AssetKey: key})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name string
		a, b *farsight.Mention
		want bool
	}{
		{"same place and day", mention(1), mention(2), true},
		{"same report", mention(1), mention(1, on("2024-11-06")), false},
		{"other actor", mention(1), mention(2, actor(farsight.ActorRussia)), false},
		{"unknown actor", mention(1), mention(2, actor(farsight.ActorUnknown)), true},
		{"interception of a drone strike", mention(1), mention(2, typ(farsight.Interception)), true},
		{"interception of shelling", mention(1, typ(farsight.Artillery)), mention(2, typ(farsight.Interception)), false},
		{"drones and sea drones", mention(1), mention(2, typ(farsight.NavalDroneStrike)), true},
		{"missile and drone strike", mention(1), mention(2, typ(farsight.MissileStrike)), false},
		{"next day", mention(1), mention(2, on("2024-11-07")), false},
		{"evening and the night after", mention(1, on("2024-11-05"), evening), mention(2, night), true},
		{"night and the evening after", mention(1, on("2024-11-05"), night), mention(2, evening), false},
		{"publication day may be the day after", mention(1), mention(2, on("2024-11-07"), inferred), true},
		{"20 km apart", mention(1), mention(2, at(42.88+20/111.2, 47.64, "gn:2")), true},
		{"30 km apart", mention(1), mention(2, at(42.88+30/111.2, 47.64, "gn:2")), false},
		{"points 5 km apart", mention(1, prec(farsight.GeoPoint)), mention(2, prec(farsight.GeoPoint), at(42.88+5/111.2, 47.64, "gn:2")), true},
		{"points 7 km apart", mention(1, prec(farsight.GeoPoint)), mention(2, prec(farsight.GeoPoint), at(42.88+7/111.2, 47.64, "gn:2")), false},
		{"region holds the town", mention(1), mention(2, prec(farsight.GeoRegion), at(43, 47, "adm:Dagestan")), true},
		{"region is another", mention(1), mention(2, prec(farsight.GeoRegion), admin1("Chechnya"), at(43.3, 45.7, "adm:Chechnya")), false},
		{"country never matches by place", mention(1), mention(2, prec(farsight.GeoCountry), at(55, 37, "RU")), false},
		{"far apart, one ship", mention(1, ship("ship:tatarstan")), mention(2, at(44.6, 33.5, "gn:3"), ship("ship:tatarstan")), true},
		{"far apart, other ships", mention(1, ship("ship:tatarstan")), mention(2, at(44.6, 33.5, "gn:3"), ship("ship:dagestan")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			why, ok := match(tt.a, tt.b)
			if ok != tt.want {
				t.Fatalf("match = %v (%q), want %v", ok, why, tt.want)
			}
			if why2, ok2 := match(tt.b, tt.a); ok2 != ok {
				t.Fatalf("not symmetric: %v (%q) one way, %v (%q) the other", ok, why, ok2, why2)
			}
			if ok && why == "" {
				t.Error("a match without a reason")
			}
		})
	}
}

// TestWindowOverlap checks the blocking windows against brute force: two
// mentions that match always have overlapping windows or share an asset.
func TestWindowOverlap(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	g := &Merger{}
	precs := []farsight.GeoPrecision{farsight.GeoPoint, farsight.GeoSettlement, farsight.GeoRegion, farsight.GeoCountry}
	random := func(r int64) *farsight.Mention {
		lat, lon := 44+rng.Float64()*20, 28+rng.Float64()*40
		if rng.IntN(2) == 0 { // near a common place, so that many pairs match
			lat, lon = 60+rng.Float64()*0.4, 30+rng.Float64()*0.6
		}
		m := mention(r, at(lat, lon, fmt.Sprintf("gn:%d", r)), prec(precs[rng.IntN(len(precs))]), on(fmt.Sprintf("2024-11-%02d", 1+rng.IntN(4))))
		m.Event.Admin1 = fmt.Sprintf("%d:%d", int(lat/3), int(lon/3))
		if rng.IntN(4) == 0 {
			m.Event.DateInferred = true
		}
		m.Event.Evening, m.Event.Night = rng.IntN(3) == 0, rng.IntN(3) == 0
		return m
	}
	overlap := func(a, b farsight.MergeWindow) bool {
		if a.ToDay < b.FromDay || b.ToDay < a.FromDay {
			return false
		}
		if a.ToDay-a.FromDay > farsight.MaxMergeDays || b.ToDay-b.FromDay > farsight.MaxMergeDays {
			t.Fatalf("windows longer than MaxMergeDays: %+v %+v", a, b)
		}
		if (a.Wide || b.Wide) && a.Area != "" && a.Area == b.Area {
			return true
		}
		for _, k := range a.Assets {
			if slices.Contains(b.Assets, k) {
				return true
			}
		}
		x, y := a.BBox, b.BBox
		return x != nil && y != nil && x.MinLat <= y.MaxLat && y.MinLat <= x.MaxLat && x.MinLon <= y.MaxLon && y.MinLon <= x.MaxLon
	}
	matched := 0
	for i := range 20000 {
		a, b := random(int64(2*i+1)), random(int64(2*i+2))
		if _, ok := match(a, b); !ok {
			continue
		}
		matched++
		wa, oka := g.Window(a)
		wb, okb := g.Window(b)
		if !oka || !okb || !overlap(wa, wb) {
			t.Fatalf("%s and %s match, %.1f km apart, but their windows %+v %+v do not overlap",
				desc(a), desc(b), geo.DistanceKm(*a.Event.Point, *b.Event.Point), wa, wb)
		}
	}
	if matched < 100 {
		t.Fatalf("only %d random pairs matched; the test checks too little", matched)
	}
}

func desc(m *farsight.Mention) string {
	e := m.Event
	return fmt.Sprintf("%s %s %s (%.3f, %.3f)", e.Date, e.GeoPrecision, e.Admin1, e.Point.Lat, e.Point.Lon)
}

func TestGroup(t *testing.T) {
	east := at(42.88, 48.3, "gn:9") // 54 km east of Kaspiysk, same region
	tests := []struct {
		name string
		ms   []*farsight.Mention
		want string // groups of report IDs, by their smallest
	}{
		{"one strike, three reports", []*farsight.Mention{mention(1), mention(2), mention(3, typ(farsight.Interception))}, "1 2 3"},
		{"two towns", []*farsight.Mention{mention(1), mention(2, east)}, "1 | 2"},
		{"chain of fine mentions", []*farsight.Mention{
			mention(1), mention(2, at(42.88+20/111.2, 47.64, "gn:2")), mention(3, at(42.88+40/111.2, 47.64, "gn:3"))}, "1 2 3"},
		{"region joins the one event", []*farsight.Mention{mention(1), mention(2, prec(farsight.GeoRegion), at(43, 47, "adm"))}, "1 2"},
		{"region cannot join two", []*farsight.Mention{mention(1), mention(2, east), mention(3, prec(farsight.GeoRegion), at(43, 47, "adm"))}, "1 | 2 | 3"},
		{"two regions left out join", []*farsight.Mention{mention(1), mention(2, east),
			mention(3, prec(farsight.GeoRegion), at(43, 47, "adm")), mention(4, prec(farsight.GeoRegion), at(43, 47, "adm"))}, "1 | 2 | 3 4"},
		{"publication-dated joins one", []*farsight.Mention{mention(1), mention(2, inferred, on("2024-11-07"))}, "1 2"},
		{"a day apart", []*farsight.Mention{mention(1), mention(2, on("2024-11-07")), mention(3, on("2024-11-07"))}, "1 | 2 3"},
	}
	g := &Merger{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for round := range 5 {
				ms := slices.Clone(tt.ms)
				rand.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
				if got := groupString(g.Group(ms)); got != tt.want {
					t.Fatalf("round %d: groups %q, want %q", round, got, tt.want)
				}
			}
		})
	}
}

func groupString(groups [][]*farsight.Mention) string {
	var parts []string
	for _, grp := range groups {
		var ids []int64
		for _, m := range grp {
			ids = append(ids, m.ReportID)
		}
		slices.Sort(ids)
		parts = append(parts, strings.Trim(fmt.Sprint(ids), "[]"))
	}
	slices.SortFunc(parts, func(a, b string) int {
		var x, y int
		fmt.Sscan(a, &x)
		fmt.Sscan(b, &y)
		return x - y
	})
	return strings.Join(parts, " | ")
}

func TestGroupLinks(t *testing.T) {
	g := &Merger{}
	ms := []*farsight.Mention{mention(1), mention(2, typ(farsight.Interception)), mention(3, prec(farsight.GeoRegion), at(43, 47, "adm"))}
	g.Group(ms)
	for _, m := range ms[1:] {
		if !strings.HasPrefix(m.Link, "with report ") {
			t.Errorf("report %d link %q, want a reason", m.ReportID, m.Link)
		}
	}
	if !strings.Contains(ms[1].Link, "types interception and drone_strike") {
		t.Errorf("interception link %q does not say the types", ms[1].Link)
	}
}

func TestDuplicates(t *testing.T) {
	g := &Merger{}
	text := "Ukrainian drones hit the port city of Kaspiysk in Russia's Dagestan region early on Wednesday, and at least two missile ships were damaged, according to Ukrainian intelligence."
	a, b, c := mention(1), mention(2), mention(3)
	a.Sketch, a.Published = g.Sketch(text), "2024-11-06T08:00:00Z"
	b.Sketch, b.Published = g.Sketch(text+" Reporting by Reuters."), "2024-11-06T09:00:00Z"
	c.Sketch, c.Published = g.Sketch("Russia's defence ministry said air defences downed a drone over the Caspian Sea near Kaspiysk."), "2024-11-06T07:00:00Z"
	g.Group([]*farsight.Mention{c, b, a})
	if b.DuplicateOf != 1 || a.DuplicateOf != 0 || c.DuplicateOf != 0 {
		t.Fatalf("duplicate of: a %d, b %d, c %d; want only b, of report 1", a.DuplicateOf, b.DuplicateOf, c.DuplicateOf)
	}
	if s := similarity(g.Sketch(text), g.Sketch("Completely different words about shelling in Kharkiv overnight and a fire.")); s > 0.2 {
		t.Errorf("similarity of unrelated texts %.2f", s)
	}
	if g.Sketch("one") != nil {
		t.Error("a one-word text has a sketch")
	}
}

func TestStatus(t *testing.T) {
	claim := func(r int64, kind farsight.ClaimKind, stance farsight.Stance, speakerKind farsight.SourceKind) *farsight.Claim {
		c := &farsight.Claim{ReportID: r, Kind: kind, Stance: stance}
		if speakerKind != "" {
			c.Speaker, c.SpeakerKind = "speaker", speakerKind
		}
		return c
	}
	src := func(m *farsight.Mention, id int64, kind farsight.SourceKind) *farsight.Mention {
		m.SourceID, m.SourceName, m.SourceKind = id, fmt.Sprintf("source %d", id), kind
		return m
	}
	tests := []struct {
		name   string
		ms     []*farsight.Mention
		claims []*farsight.Claim
		want   string // kind=status, in order
	}{
		{"one media report", []*farsight.Mention{src(mention(1), 1, farsight.SourceMedia)},
			[]*farsight.Claim{claim(1, farsight.ClaimDamage, farsight.StanceAsserts, farsight.SourceUAOfficial)},
			"attack=claimed damage=claimed"},
		{"target side confirms an interception", []*farsight.Mention{src(mention(1), 1, farsight.SourceMedia)},
			[]*farsight.Claim{claim(1, farsight.ClaimDamage, farsight.StanceAsserts, farsight.SourceUAOfficial),
				claim(1, farsight.ClaimInterception, farsight.StanceAsserts, farsight.SourceRUOfficial)},
			"attack=corroborated damage=claimed"},
		{"denied damage", []*farsight.Mention{src(mention(1), 1, farsight.SourceMedia)},
			[]*farsight.Claim{claim(1, farsight.ClaimDamage, farsight.StanceAsserts, farsight.SourceUAOfficial),
				claim(1, farsight.ClaimDamage, farsight.StanceDenies, farsight.SourceRUOfficial)},
			"attack=claimed damage=disputed destruction=disputed"},
		{"verified footage", []*farsight.Mention{src(mention(1), 1, farsight.SourceOSINT)},
			[]*farsight.Claim{claim(1, farsight.ClaimFootage, farsight.StanceConfirms, "")},
			"attack=visually_confirmed"},
		{"two independent sources", []*farsight.Mention{src(mention(1), 1, farsight.SourceMedia), src(mention(2), 2, farsight.SourceMedia)},
			[]*farsight.Claim{claim(1, farsight.ClaimAttack, farsight.StanceAsserts, ""), claim(2, farsight.ClaimAttack, farsight.StanceAsserts, "")},
			"attack=corroborated"},
		{"a copy is no second source", []*farsight.Mention{src(mention(1), 1, farsight.SourceMedia), func() *farsight.Mention {
			m := src(mention(2), 2, farsight.SourceMedia)
			m.DuplicateOf = 1
			return m
		}()},
			[]*farsight.Claim{claim(1, farsight.ClaimAttack, farsight.StanceAsserts, ""), claim(2, farsight.ClaimAttack, farsight.StanceAsserts, "")},
			"attack=claimed"},
		{"two statements of one side", []*farsight.Mention{src(mention(1), 1, farsight.SourceUAOfficial), src(mention(2), 2, farsight.SourceUAOfficial)},
			[]*farsight.Claim{claim(1, farsight.ClaimAttack, farsight.StanceAsserts, ""), claim(2, farsight.ClaimAttack, farsight.StanceAsserts, "")},
			"attack=claimed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &farsight.Event{Actor: farsight.ActorUkraine, Claims: tt.claims}
			var got []string
			for _, f := range Status(e, tt.ms) {
				got = append(got, string(f.Kind)+"="+string(f.Status))
				if f.Reason == "" {
					t.Errorf("%s: no reason", f.Kind)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Fatalf("findings %q, want %q", s, tt.want)
			}
		})
	}
}

func TestDerive(t *testing.T) {
	g := &Merger{}
	region := mention(1, prec(farsight.GeoRegion), at(43, 47, "adm"), typ(farsight.Interception))
	town := mention(2, typ(farsight.DroneStrike))
	town.Event.Outcome = "damaged"
	town.Event.Claims = []*farsight.Claim{{ReportID: 2, Kind: farsight.ClaimDamage, Stance: farsight.StanceAsserts}}
	region.Event.Claims = []*farsight.Claim{{ReportID: 1, Kind: farsight.ClaimInterception, Stance: farsight.StanceAsserts}}
	e, err := g.Derive([]*farsight.Mention{region, town})
	if err != nil {
		t.Fatal(err)
	}
	if e.PlaceName != "Kaspiysk" || e.Type != farsight.DroneStrike || e.Outcome != "damaged" || len(e.Claims) != 2 {
		t.Fatalf("derived %s %s %s with %d claims; want the town's place, drone_strike, damaged, 2 claims", e.PlaceName, e.Type, e.Outcome, len(e.Claims))
	}
	if e.Confidence <= 0.8 {
		t.Errorf("confidence %.2f: two reports should raise it above one's 0.8", e.Confidence)
	}
	if _, err := g.Derive(nil); err == nil {
		t.Error("Derive of no mentions: no error")
	}
}

func TestOfficialSide(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		speaker  string
		country  string
		occupied *bool
		want     farsight.SourceKind
	}{
		{"Governor Andrei Bocharov", "RU", &no, farsight.SourceRUOfficial},
		{"губернатор Белгородской области Вячеслав Гладков", "RU", &no, farsight.SourceRUOfficial},
		{"Сергей Меликов, глава Республики Дагестан", "RU", &no, farsight.SourceRUOfficial},
		{"Odesa Governor Oleh Kiper", "UA", &no, farsight.SourceUAOfficial},
		{"міський голова Ігор Терехов", "UA", &no, farsight.SourceUAOfficial},
		{"Sevastopol Governor Mikhail Razvozhayev", "UA", &yes, farsight.SourceRUOfficial},
		{"the mayor", "UA", nil, farsight.SourceUnknown}, // occupation not known
		{"Governor Andrei Bocharov", "BY", &no, farsight.SourceUnknown},
		{"witnesses", "RU", &no, farsight.SourceUnknown},
		{"Governors Island ferry", "RU", &no, farsight.SourceUnknown},
	}
	for _, tt := range tests {
		e := &farsight.Event{Country: tt.country, InOccupied: tt.occupied}
		if got := officialSide(tt.speaker, e); got != tt.want {
			t.Errorf("officialSide(%q, %s) = %s, want %s", tt.speaker, tt.country, got, tt.want)
		}
	}
}
