package pipeline_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/pipelinetest"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture is one report of testdata/incidents.jsonl with the incident it
// tells of.
type fixture struct {
	report   *farsight.Report
	incident string
}

func loadFixtures(t *testing.T, names ...string) []fixture {
	t.Helper()
	var out []fixture
	for _, name := range names {
		f, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var l struct {
				ID, Incident, Source, Published, Title, Text, Lang string
				SourceKind                                         string `json:"source_kind"`
			}
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Fatal(err)
			}
			pub, err := local.ParseTime(l.Published)
			if err != nil {
				t.Fatal(err)
			}
			r := &farsight.Report{ExternalID: l.ID, SourceName: l.Source, SourceKind: farsight.SourceKind(l.SourceKind), Published: pub, Title: l.Title, Text: l.Text, Lang: l.Lang}
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			out = append(out, fixture{r, l.Incident})
		}
		f.Close()
	}
	return out
}

// realPipeline returns a pipeline with the real extractor, enricher,
// merger and registry on a new database, one report at a time and without
// language detection (the fixtures say their language).
func realPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := pipelinetest.New(t, db)
	p.Workers, p.DetectLang = 1, nil
	return p
}

// ingest processes the fixtures in batches of n and returns every event.
func ingest(t *testing.T, p *pipeline.Pipeline, fs []fixture, n int) []*farsight.Event {
	t.Helper()
	ctx := context.Background()
	for batch := range slices.Chunk(fs, n) {
		rs := make([]*farsight.Report, len(batch))
		for i, f := range batch {
			r := *f.report
			rs[i] = &r
		}
		if _, err := p.Process(ctx, rs); err != nil {
			t.Fatal(err)
		}
	}
	page, _, err := p.Events.FindEvents(ctx, farsight.EventFilter{Limit: farsight.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	var out []*farsight.Event
	for _, e := range page {
		full, err := p.Events.FindEventByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, full)
	}
	return out
}

// grouping returns the events as sorted lists of report external IDs.
func grouping(t *testing.T, p *pipeline.Pipeline, evs []*farsight.Event) []string {
	t.Helper()
	var out []string
	for _, e := range evs {
		ids := externalIDs(t, p, e)
		slices.Sort(ids)
		out = append(out, strings.Join(ids, " "))
	}
	slices.Sort(out)
	return out
}

func externalIDs(t *testing.T, p *pipeline.Pipeline, e *farsight.Event) []string {
	t.Helper()
	var ids []string
	for _, m := range e.Mentions {
		r, err := p.Reports.FindReportByID(context.Background(), m.ReportID)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ExternalID)
	}
	return ids
}

// TestMergeIncidents ingests reports of eleven incidents (the Kaspiysk
// strike told by the seed article and seven others, an overnight strike,
// two strikes on one city a day apart, a denial, syndicated copies) and
// checks that each incident is one event, against a golden file of the
// events, their mentions, statuses and assets.
func TestMergeIncidents(t *testing.T) {
	fs := loadFixtures(t, "incidents.jsonl", "seed.jsonl")
	p := realPipeline(t)
	evs := ingest(t, p, fs, len(fs))

	incident := map[string]string{}
	for _, f := range fs {
		incident[f.report.ExternalID] = f.incident
	}
	var b strings.Builder
	seen := map[string]int64{}
	for _, e := range evs {
		ids := externalIDs(t, p, e)
		labels := map[string]bool{}
		for _, id := range ids {
			labels[incident[id]] = true
		}
		if len(labels) != 1 {
			t.Errorf("event %d mixes incidents %v: reports %v", e.ID, labels, ids)
		}
		for l := range labels {
			if prev, ok := seen[l]; ok {
				t.Errorf("incident %s is split over events %d and %d", l, prev, e.ID)
			}
			seen[l] = e.ID
		}
		writeEventSummary(&b, e, ids)
	}
	for _, f := range fs {
		if _, ok := seen[f.incident]; !ok {
			t.Errorf("incident %s has no event", f.incident)
		}
	}

	// The seed article's strike: one event, both ships, status explained.
	for _, e := range evs {
		if e.PlaceName != "Kaspiysk" {
			continue
		}
		keys := e.AssetKeys()
		if !slices.Equal(keys, []string{"ship:dagestan", "ship:tatarstan"}) || e.Status == "" || e.StatusReason == "" {
			t.Errorf("Kaspiysk event: assets %v, status %q (%s)", keys, e.Status, e.StatusReason)
		}
	}

	golden := filepath.Join("testdata", "incidents.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("events differ from %s; run go test ./internal/pipeline -run TestMergeIncidents -update and review the diff\ngot:\n%s", golden, got)
	}
}

// TestMergeOrder ingests the fixtures one report at a time in shuffled
// orders and checks that the grouping is the same as in one batch.
func TestMergeOrder(t *testing.T) {
	fs := loadFixtures(t, "incidents.jsonl", "seed.jsonl")
	p := realPipeline(t)
	want := grouping(t, p, ingest(t, p, fs, len(fs)))
	for seed := range uint64(3) {
		shuffled := slices.Clone(fs)
		rand.New(rand.NewPCG(seed, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		q := realPipeline(t)
		got := grouping(t, q, ingest(t, q, shuffled, 1))
		if !slices.Equal(got, want) {
			t.Errorf("order %d: grouping\n%s\nwant\n%s", seed, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func writeEventSummary(b *strings.Builder, e *farsight.Event, ids []string) {
	fmt.Fprintf(b, "%s %s by %s at %s (%s)", e.Date, e.Type, e.Actor, e.PlaceName, e.GeoPrecision)
	if e.Night {
		b.WriteString(", night")
	}
	fmt.Fprintf(b, "\n  status %s: %s\n", e.Status, e.StatusReason)
	for _, f := range e.Findings[1:] {
		fmt.Fprintf(b, "  %s %s: %s\n", f.Kind, f.Status, f.Reason)
	}
	if keys := e.AssetKeys(); len(keys) > 0 {
		fmt.Fprintf(b, "  assets %s\n", strings.Join(keys, " "))
	}
	byReport := map[int64]string{}
	for i, m := range e.Mentions {
		byReport[m.ReportID] = ids[i]
	}
	for i, m := range e.Mentions {
		fmt.Fprintf(b, "  report %s (%s, %s)", ids[i], m.SourceName, m.SourceKind)
		if m.DuplicateOf != 0 {
			fmt.Fprintf(b, " copy of %s", byReport[m.DuplicateOf])
		}
		if m.Link != "" {
			fmt.Fprintf(b, "\n    %s", m.Link)
		}
		b.WriteString("\n")
		for _, c := range e.Claims {
			if c.ReportID == m.ReportID && c.Kind != farsight.ClaimDistance {
				who := c.Speaker
				if who == "" {
					who = "the report"
				}
				fmt.Fprintf(b, "    %s %s by %s (%s)\n", c.Kind, c.Stance, who, c.SpeakerKind)
			}
		}
	}
	b.WriteString("\n")
}
