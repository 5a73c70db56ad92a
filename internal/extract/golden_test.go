package extract

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/gazetteer"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var (
	testExtractorOnce sync.Once
	testExtractor     *Extractor
)

// mustExtractor returns an extractor on the embedded gazetteer, built once.
func mustExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	testExtractorOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			tb.Fatal(err)
		}
		testExtractor = New(g)
	})
	return testExtractor
}

// testCase is one report of testdata/*/*.case: a header of "key: value"
// lines, a "-- text --" line, then the report text.
type testCase struct {
	published time.Time
	note      string
	expect    []map[string]string // per event: expect, expect2
	text      string
}

func readCase(t *testing.T, path string) testCase {
	t.Helper()
	buf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, text, ok := strings.Cut(string(buf), "-- text --\n")
	if !ok {
		t.Fatalf("%s: no -- text -- line", path)
	}
	c := testCase{text: text}
	sc := bufio.NewScanner(strings.NewReader(head))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch key {
		case "published":
			if value != "none" {
				if c.published, err = time.Parse(time.DateOnly, value); err != nil {
					t.Fatalf("%s: published: %v", path, err)
				}
			}
		case "note":
			c.note = value
		case "expect", "expect2":
			m := map[string]string{}
			for _, kv := range strings.Fields(value) {
				k, v, _ := strings.Cut(kv, "=")
				if k == "place" {
					v = strings.ReplaceAll(v, "_", " ")
				}
				m[k] = v
			}
			c.expect = append(c.expect, m)
		}
	}
	return c
}

// goldenEvent is the reviewed form of an event in a golden file.
type goldenEvent struct {
	Type          farsight.EventType     `json:"type"`
	Actor         farsight.Actor         `json:"actor"`
	Date          string                 `json:"date,omitempty"`
	DateEnd       string                 `json:"date_end,omitempty"`
	DatePrecision farsight.DatePrecision `json:"date_precision,omitempty"`
	DateInferred  bool                   `json:"date_inferred,omitempty"`
	Place         string                 `json:"place,omitempty"`
	PlaceID       string                 `json:"place_id,omitempty"`
	Country       string                 `json:"country,omitempty"`
	Admin1        string                 `json:"admin1,omitempty"`
	Lat           float64                `json:"lat,omitempty"`
	Lon           float64                `json:"lon,omitempty"`
	GeoPrecision  farsight.GeoPrecision  `json:"geo_precision,omitempty"`
	Outcome       string                 `json:"outcome,omitempty"`
	Confidence    float64                `json:"confidence"`
	Targets       []string               `json:"targets,omitempty"`
	Claims        []string               `json:"claims,omitempty"`
	Places        []string               `json:"places,omitempty"`
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func toGolden(text string, evs []*farsight.Event) []goldenEvent {
	out := []goldenEvent{}
	for _, e := range evs {
		g := goldenEvent{Type: e.Type, Actor: e.Actor, Date: e.Date, DateEnd: e.DateEnd, DatePrecision: e.DatePrecision, DateInferred: e.DateInferred,
			Place: e.PlaceName, PlaceID: e.PlaceID, Country: e.Country, Admin1: e.Admin1, GeoPrecision: e.GeoPrecision, Outcome: e.Outcome, Confidence: e.Confidence}
		if e.Point != nil {
			g.Lat, g.Lon = round4(e.Point.Lat), round4(e.Point.Lon)
		}
		for _, t := range e.Targets {
			s := t.Category
			if t.Count > 0 {
				s += fmt.Sprintf(" x%d", t.Count)
			}
			if t.Name != "" {
				s += " " + t.Name
			}
			g.Targets = append(g.Targets, fmt.Sprintf("%s %q", s, text[t.Span.Start:t.Span.End]))
		}
		for _, c := range e.Claims {
			s := fmt.Sprintf("%s %s", c.Kind, c.Stance)
			if c.Speaker != "" {
				s += fmt.Sprintf(" by %q (%s)", c.Speaker, c.SpeakerKind)
			}
			if c.Value != nil {
				s += fmt.Sprintf(": %s %g %s from %s", c.Qualifier, *c.Value, c.Unit, c.Reference)
			}
			g.Claims = append(g.Claims, fmt.Sprintf("%s [%d:%d]", s, c.Span.Start, c.Span.End))
		}
		for _, p := range e.Places {
			g.Places = append(g.Places, fmt.Sprintf("%s %s %q", p.Role, p.PlaceID, text[p.Span.Start:p.Span.End]))
		}
		out = append(out, g)
	}
	return out
}

// checkExpect compares an event with the hand-written expectation of a case.
func checkExpect(t *testing.T, e *farsight.Event, want map[string]string) {
	t.Helper()
	got := map[string]string{
		"place": e.PlaceName, "country": e.Country, "type": string(e.Type), "actor": string(e.Actor),
		"date": e.Date, "precision": string(e.GeoPrecision),
	}
	for k, w := range want {
		if k == "events" {
			continue
		}
		if g, ok := got[k]; !ok {
			t.Errorf("unknown expect key %q", k)
		} else if g != w {
			t.Errorf("%s: got %q, want %q", k, g, w)
		}
	}
}

// TestGolden runs the extractor on every case in testdata: the
// hand-written expectations must hold, and the full output must equal the
// reviewed golden file (go test ./internal/extract -update rewrites them).
func TestGolden(t *testing.T) {
	x := mustExtractor(t)
	files, err := filepath.Glob("testdata/*/*.case")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(path, ".case")
		t.Run(strings.TrimPrefix(name, "testdata/"), func(t *testing.T) {
			c := readCase(t, path)
			evs, err := x.Extract(&farsight.Report{ID: 1, Text: c.text, Published: c.published})
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range c.expect {
				if n, ok := want["events"]; ok && fmt.Sprint(len(evs)) != n {
					t.Errorf("got %d events, want %s (%s)", len(evs), n, c.note)
				}
				if i < len(evs) {
					checkExpect(t, evs[i], want)
				} else if want["events"] != "0" {
					t.Errorf("event %d missing (%s)", i+1, c.note)
				}
			}
			checkSpans(t, c.text, evs)
			got, err := json.MarshalIndent(toGolden(c.text, evs), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := name + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("output differs from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// checkSpans checks that every stored fact points at its text.
func checkSpans(t *testing.T, text string, evs []*farsight.Event) {
	t.Helper()
	in := func(s farsight.Span) bool { return 0 <= s.Start && s.Start < s.End && s.End <= len(text) }
	for _, e := range evs {
		for _, c := range e.Claims {
			if !in(c.Span) || text[c.Span.Start:c.Span.End] != c.Text {
				t.Errorf("claim span %v does not hold its text %q", c.Span, c.Text)
			}
		}
		for _, p := range e.Places {
			if !in(p.Span) || !strings.HasPrefix(text[p.Span.Start:p.Span.End], p.Name) {
				t.Errorf("place span %v does not hold %q", p.Span, p.Name)
			}
		}
		for _, tg := range e.Targets {
			if !in(tg.Span) {
				t.Errorf("target span %v out of range", tg.Span)
			}
		}
	}
}
