package extract

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/gazetteer"
)

func TestDebugText(t *testing.T) {
	text := os.Getenv("DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	g, _ := gazetteer.Load()
	x := New(g)
	d := tokenize(text)
	ms := x.findMentions(d)
	markShipNames(d, ms)
	x.resolve(d, ms)
	for _, m := range ms {
		fmt.Printf("mention %q hint=%d ctx=%v loose=%v -> %s %s %s (%.2f)\n", d.text[m.start:m.end], m.hint, m.context, m.loose, m.place.ID, m.place.Name, m.place.Kind, m.score)
		for _, p := range m.cands {
			fmt.Printf("    cand %s %s %s %s %.2f\n", p.ID, p.Name, p.Kind, p.Admin1, x.scorePlace(m, p, &placeContext{admin1: map[string]bool{}, raions: map[string]bool{}, countries: map[string]bool{}}))
		}
	}
	evs, _ := x.Extract(&farsight.Report{Text: text, Published: time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC)})
	for _, e := range evs {
		fmt.Printf("event %s %s %s %s %v\n", e.Type, e.Date, e.PlaceName, e.GeoPrecision, e.Confidence)
	}
}
