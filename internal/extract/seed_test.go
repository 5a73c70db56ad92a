package extract

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
)

// TestSeedArticle checks the details the product promises for its first
// end-to-end case, beyond the golden file.
func TestSeedArticle(t *testing.T) {
	c := readCase(t, "testdata/en/seed_kaspiysk.case")
	evs, err := mustExtractor(t).Extract(&farsight.Report{ID: 7, Text: c.text, Published: time.Date(2024, 11, 6, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Fatalf("got %d events, want exactly one", len(evs))
	}
	e := evs[0]
	if e.Point == nil || distanceKm(*e.Point, farsight.Point{Lat: 42.88, Lon: 47.64}) > 5 {
		t.Errorf("point %v is not within 5 km of Kaspiysk", e.Point)
	}
	if e.Admin1 != "Dagestan" || e.Country != "RU" || e.Type != farsight.DroneStrike || e.Actor != farsight.ActorUkraine || e.Date != "2024-11-06" || e.Outcome != "damaged" {
		t.Errorf("got %s/%s %s %s %s outcome %s", e.Country, e.Admin1, e.Type, e.Actor, e.Date, e.Outcome)
	}
	var names []string
	ships := 0
	for _, tg := range e.Targets {
		if tg.Category == "naval_vessel" {
			if tg.Name != "" {
				names = append(names, tg.Name)
			} else if tg.Count >= 2 {
				ships = tg.Count
			}
		}
	}
	for _, want := range []string{"Tatarstan", "Dagestan", "Caspian Flotilla"} {
		if !slices.Contains(names, want) {
			t.Errorf("named targets %q lack %q", names, want)
		}
	}
	if ships != 2 {
		t.Errorf("got %d unnamed naval vessels counted, want 2 (\"at least two missile ships\")", ships)
	}
	has := func(kind farsight.ClaimKind, stance farsight.Stance, speakerKind farsight.SourceKind, speaker string) bool {
		for _, cl := range e.Claims {
			if cl.Kind == kind && cl.Stance == stance && cl.SpeakerKind == speakerKind && strings.Contains(cl.Speaker, speaker) {
				return true
			}
		}
		return false
	}
	for _, w := range []struct {
		kind    farsight.ClaimKind
		stance  farsight.Stance
		sk      farsight.SourceKind
		speaker string
	}{
		{farsight.ClaimDamage, farsight.StanceAsserts, farsight.SourceUAOfficial, "Ukrainian intelligence"},
		{farsight.ClaimInterception, farsight.StanceConfirms, farsight.SourceRUOfficial, "Defense Ministry"},
		{farsight.ClaimFootage, farsight.StanceUnverified, "", ""},
	} {
		if !has(w.kind, w.stance, w.sk, w.speaker) {
			t.Errorf("no %s claim %s by %q (%s)", w.kind, w.stance, w.speaker, w.sk)
		}
	}
	var dists []string
	for _, cl := range e.Claims {
		if cl.Kind == farsight.ClaimDistance {
			dists = append(dists, fmt.Sprintf("%s %g %s %s", cl.Qualifier, *cl.Value, cl.Unit, cl.Reference))
		}
	}
	want := []string{"nearly 930 mi border", "over 1000 km frontline"}
	if !slices.Equal(dists, want) {
		t.Errorf("distance claims %q, want %q", dists, want)
	}
	// Background places do not become the event's location or events.
	for _, p := range e.Places {
		if p.Role == "location" && p.PlaceID != "gn:551847" {
			t.Errorf("location %s, want Kaspiysk", p.PlaceID)
		}
		if strings.Contains(p.Name, "Crimea") || strings.Contains(p.Name, "Black") {
			t.Errorf("background place %q is attached to the event", p.Name)
		}
	}
	if _, err := os.Stat("testdata/en/seed_kaspiysk.golden.json"); err != nil {
		t.Error(err)
	}
}

// TestSeedArticleLanguages checks that the Ukrainian and Russian tellings
// of the seed strike give the English article's event: the date, Kaspiysk,
// a Ukrainian drone strike, the two named missile ships, a Ukrainian claim
// of the hit and a Russian MoD interception or comment, and the quoted
// distances to the border and the front line.
func TestSeedArticleLanguages(t *testing.T) {
	x := mustExtractor(t)
	extract := func(path string) *farsight.Event {
		t.Helper()
		c := readCase(t, path)
		evs, err := x.Extract(&farsight.Report{ID: 1, Text: c.text, Published: c.published})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 {
			t.Fatalf("%s: got %d events, want 1", path, len(evs))
		}
		return evs[0]
	}
	en := extract("testdata/en/seed_kaspiysk.case")
	for _, lang := range []string{"uk", "ru"} {
		t.Run(lang, func(t *testing.T) {
			e := extract("testdata/" + lang + "/seed_kaspiysk.case")
			if e.Date != en.Date || e.PlaceID != en.PlaceID || e.Type != en.Type || e.Actor != en.Actor || e.Country != en.Country || e.Admin1 != en.Admin1 {
				t.Errorf("got %s %s %s %s %s/%s, want %s %s %s %s %s/%s", e.Date, e.PlaceID, e.Type, e.Actor, e.Country, e.Admin1,
					en.Date, en.PlaceID, en.Type, en.Actor, en.Country, en.Admin1)
			}
			var ships []string
			for _, tg := range e.Targets {
				if tg.Category == "naval_vessel" && tg.Count == 1 && tg.Name != "" {
					ships = append(ships, tg.Name)
				}
			}
			slices.Sort(ships)
			if want := []string{"Дагестан", "Татарстан"}; !slices.Equal(ships, want) {
				t.Errorf("named ships %q, want %q", ships, want)
			}
			var ua, ru bool
			refs := map[string]bool{}
			for _, c := range e.Claims {
				switch {
				case c.Kind == farsight.ClaimDistance:
					refs[c.Reference] = true
				case c.SpeakerKind == farsight.SourceUAOfficial:
					ua = true
				case c.SpeakerKind == farsight.SourceRUOfficial:
					ru = true
				}
			}
			if !ua || !ru {
				t.Errorf("claims by a Ukrainian official source %v and by the Russian MoD %v, want both", ua, ru)
			}
			if !refs["border"] || !refs["frontline"] {
				t.Errorf("quoted distances to %v, want the border and the front line", refs)
			}
		})
	}
}
