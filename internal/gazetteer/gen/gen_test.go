package main

import (
	"io"
	"log/slog"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestGoodAltName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Kaspiysk", true},
		{"Каспийск", true},
		{"Dvigatel’stroy", true},
		{"Sant Julià de Lòria", true},
		{"les Escaldes", true},
		{"", false},
		{"카스피스크", false},
		{"كاسبيسك", false},
		{"Καστοριά", false},
		{"kaseupiseukeu", false}, // romanised CJK, no capital
		{"UKBB", false},
		{"ЬУВЛ", false},
		{"KBP", false},
		{"12345", false},
		{"Soltsy-2", false},
		{"http://example.org", false},
		{"www.city.akita.jp", false},
	}
	for _, tt := range tests {
		if got := goodAltName(tt.in); got != tt.want {
			t.Errorf("goodAltName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if !goodSiteName("Soltsy-2") || goodSiteName("2") || goodSiteName("URFA") {
		t.Error("goodSiteName: want Soltsy-2 kept, 2 and URFA dropped")
	}
}

func TestAirportNames(t *testing.T) {
	tests := []struct {
		a    airport
		want []string
	}{
		{airport{Name: "Engels Air Base", Keywords: "Аэродром Энгельс"}, []string{"Engels Air Base", "Engels", "Аэродром Энгельс", "Энгельс"}},
		{airport{Name: "Lipetsk Air Base", Keywords: "ЬУВЛ, Липецк-2"}, []string{"Lipetsk Air Base", "Lipetsk", "Липецк-2"}},
		{airport{Name: "Kacha Air Base", Keywords: "Аэродром Кача, URFA, XRFA"}, []string{"Kacha Air Base", "Kacha", "Аэродром Кача", "Кача"}},
		{airport{Name: "Sevastopol International Airport / Belbek Air Base", Keywords: "Севастополь,Бельбек"},
			[]string{"Sevastopol International Airport", "Sevastopol", "Belbek Air Base", "Belbek", "Севастополь", "Бельбек"}},
		{airport{Name: "Kursk East Airport", Keywords: "Kursk Vostochny Airport"}, []string{"Kursk East Airport", "Kursk East", "Kursk Vostochny Airport", "Kursk Vostochny"}},
	}
	for _, tt := range tests {
		if got := airportNames(tt.a); !slices.Equal(got, tt.want) {
			t.Errorf("airportNames(%q, %q) = %q, want %q", tt.a.Name, tt.a.Keywords, got, tt.want)
		}
	}
	for _, name := range []string{"Engels Air Base", "Saky Air Base", "Sevastopol International Airport / Belbek Air Base", "Chkalovsky Military Airport"} {
		if !airbaseRE.MatchString(name) {
			t.Errorf("%q not classed as an airbase", name)
		}
	}
	for _, name := range []string{"Boryspil International Airport", "Basel"} {
		if airbaseRE.MatchString(name) {
			t.Errorf("%q classed as an airbase", name)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Sea of Azov":                        "sea-of-azov",
		"Mediterranean Sea (east of Sicily)": "mediterranean-sea-east-of-sicily",
		"Rostov-Na-Donu":                     "rostov-na-donu",
		"Kam'ianske":                         "kamianske",
		"Piraeus":                            "piraeus",
	}
	for in, want := range tests {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegionName(t *testing.T) {
	tests := []struct {
		r       neRegion
		country string
		want    string
	}{
		{neRegion{NameEn: "Republic of Dagestan", TypeEn: "Republic"}, "RU", "Dagestan"},
		{neRegion{NameEn: "Kherson"}, "UA", "Kherson Oblast"},
		{neRegion{NameEn: "Belgorod", TypeEn: "Region"}, "RU", "Belgorod Oblast"},
		{neRegion{NameEn: "Zabaykalsky Krai", TypeEn: "Region"}, "RU", "Zabaykalsky Krai"},
		{neRegion{NameEn: "Sevastopol", TypeEn: "Federal City"}, "UA", "Sevastopol"},
		{neRegion{NameEn: "Gomel", TypeEn: "Region"}, "BY", "Gomel"},
		{neRegion{Name: "Entre Ríos"}, "AR", "Entre Ríos"},
	}
	for _, tt := range tests {
		if got := regionName(tt.r, tt.country); got != tt.want {
			t.Errorf("regionName(%+v, %s) = %q, want %q", tt.r, tt.country, got, tt.want)
		}
	}
}

func TestInteriorPoint(t *testing.T) {
	// A U shape: its centroid lies in the notch, outside the polygon.
	u := polygon{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}
	square := polygon{{{10, 10}, {11, 10}, {11, 11}, {10, 11}, {10, 10}}}
	pt, ok := interiorPoint([]polygon{square, u})
	if !ok {
		t.Fatal("no interior point")
	}
	if !u.contains(pt.lon, pt.lat) {
		t.Errorf("point %+v is outside the U (the largest polygon)", pt)
	}
	pt, ok = interiorPoint([]polygon{square})
	if !ok || math.Abs(pt.lat-10.5) > 1e-9 || math.Abs(pt.lon-10.5) > 1e-6 {
		t.Errorf("square: got %+v, want its centre", pt)
	}
	if _, ok := interiorPoint(nil); ok {
		t.Error("interior point of nothing")
	}
}

func TestApplyAlias(t *testing.T) {
	b := newBuilder(slog.New(slog.NewTextHandler(io.Discard, nil)))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(b.add(&place{ID: "gn:1", Kind: "region", Name: "A", Lat: 10, Lon: 20, Names: []string{"Wrong", "Right"}}))
	must(b.add(&place{ID: "gn:2", Kind: "region", Name: "B", Lat: 20, Lon: 40}))
	row := func(s string) []string { return strings.Split(s, "\t") }
	const src = "https://example.org/source"
	must(b.applyAlias(row("names\tgn:1\t\t\t\t\t\t\tAlpha|Альфа\t" + src)))
	must(b.applyAlias(row("drop\tgn:1\t\t\t\t\t\t\tWrong\t" + src)))
	must(b.applyAlias(row("rename\tgn:2\tBeta\t\t\t\t\t\t\t" + src)))
	must(b.applyAlias(row("place\talias:mid\tMid\tarea\tmidpoint gn:1 gn:2\tUA\t\tRGN\tMiddle\t" + src)))
	if got := b.places["gn:1"].Names; !slices.Equal(got, []string{"Right", "Alpha", "Альфа"}) {
		t.Errorf("gn:1 names = %q", got)
	}
	if b.places["gn:2"].Name != "Beta" {
		t.Errorf("gn:2 name = %q, want Beta", b.places["gn:2"].Name)
	}
	if m := b.places["alias:mid"]; m == nil || m.Lat != 15 || m.Lon != 30 {
		t.Errorf("alias:mid = %+v, want point 15,30", m)
	}
	bad := []string{
		"names\tgn:1\t\t\t\t\t\t\tX\t",                          // no source
		"names\tgn:9\t\t\t\t\t\t\tX\t" + src,                    // no such place
		"drop\tgn:1\t\t\t\t\t\t\tNope\t" + src,                  // name not there
		"place\tkerch\tK\tsea\t1,2\t\t\t\t\t" + src,             // id not alias:
		"place\talias:k\tK\tlake\t1,2\t\t\t\t\t" + src,          // unknown kind
		"place\talias:k\tK\tsea\tx\t\t\t\t\t" + src,             // bad point
		"place\talias:k\tK\tsea\t1,2\t\tXX.1\t\t\t" + src,       // unknown admin1
		"place\talias:mid\tK\tsea\t1,2\t\t\t\t\t" + src,         // duplicate
		"place\talias:k\tK\tsea\t100,2\t\t\t\t\t" + src,         // out of range
		"frobnicate\tgn:1\t\t\t\t\t\t\t\t" + src,                // unknown action
		"place\talias:k\tK\tsea\tmidpoint gn:1\t\t\t\t\t" + src, // one place
	}
	for _, s := range bad {
		if err := b.applyAlias(row(s)); err == nil {
			t.Errorf("applyAlias(%q) succeeded", s)
		}
	}
}
