package pipeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fake"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

func newPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "f.db"))
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &pipeline.Pipeline{Reports: sqlite.NewReportService(db), Events: sqlite.NewEventService(db), Extractor: fake.Extractor{}}
}

func TestProcess(t *testing.T) {
	ctx := context.Background()
	p := newPipeline(t)
	batch := []*farsight.Report{
		{Text: "Intro.\nEVENT drone_strike 42.88 47.64 2024-11-06\nEVENT interception 42.88 47.64 2024-11-06\n"},
		{Text: "No event here."},
		{Text: "FAIL"},
		{Text: "no event here."}, // duplicate of the second
	}
	res, err := p.Process(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if want := (pipeline.Result{New: 3, Duplicates: 1, Events: 2, ExtractErrors: 1}); res != want {
		t.Fatalf("got %+v, want %+v", res, want)
	}
	evs, _, err := p.Events.FindEvents(ctx, farsight.EventFilter{ReportID: &batch[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 {
		t.Fatalf("got %d events for the report, want 2", len(evs))
	}
	e, err := p.Events.FindEventByID(ctx, evs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c := e.Claims[0]
	if got := batch[0].Text[c.Span.Start:c.Span.End]; got != c.Text || e.ExtractorVersion != "fake" {
		t.Fatalf("claim span %v gives %q, claim text %q, version %q", c.Span, got, c.Text, e.ExtractorVersion)
	}

	// The same batch again adds nothing.
	res, err = p.Process(ctx, []*farsight.Report{{Text: batch[0].Text}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (pipeline.Result{Duplicates: 1}); res != want {
		t.Fatalf("second run: got %+v, want %+v", res, want)
	}
	if n, _ := p.Events.CountEvents(ctx, farsight.EventFilter{}); n != 2 {
		t.Fatalf("got %d events after re-ingest, want 2", n)
	}
}

func TestProcessInvalid(t *testing.T) {
	p := newPipeline(t)
	_, err := p.Process(context.Background(), []*farsight.Report{{Text: "ok"}, {Text: ""}})
	if farsight.ErrorCode(err) != farsight.EINVALID {
		t.Fatalf("got %v, want EINVALID", err)
	}
	if _, n, _ := p.Reports.FindReports(context.Background(), farsight.ReportFilter{}); n != 0 {
		t.Fatalf("invalid batch stored %d reports", n)
	}
}

// TestProcessLanguages checks that reports get a language before they are
// stored, and that those in another language are stored but not extracted.
func TestProcessLanguages(t *testing.T) {
	p := newPipeline(t)
	p.DetectLang = func(text string) string {
		if strings.Contains(text, "Angriff") {
			return "other"
		}
		return "en"
	}
	rs := []*farsight.Report{
		{Text: "Drones struck the refinery in Tuapse overnight."},
		{Text: "Ein Angriff auf die Raffinerie in Tuapse."},
		{Text: "Missiles hit Kharkiv.", Lang: "uk"},
	}
	res, err := p.Process(context.Background(), rs)
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 3 || res.OtherLanguage != 1 {
		t.Errorf("got %d new, %d in another language; want 3, 1", res.New, res.OtherLanguage)
	}
	if got := []string{rs[0].Lang, rs[1].Lang, rs[2].Lang}; got[0] != "en" || got[1] != "other" || got[2] != "uk" {
		t.Errorf("languages %q, want en, other, uk (a given language is kept)", got)
	}
	for i, r := range rs {
		stored, err := p.Reports.FindReportByID(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Lang != r.Lang {
			t.Errorf("report %d stored with language %q, want %q", i, stored.Lang, r.Lang)
		}
	}
}

func TestExtractable(t *testing.T) {
	for lang, want := range map[string]bool{
		"": true, "en": true, "EN": true, "en-GB": true, "EN-GB": true, "uk": true, "uk-UA": true, "RU-ru": true, "rus": true,
		"uk_or_ru": true, "de": false, "DE-de": false, "other": false, "english": false,
	} {
		if got := pipeline.Extractable(lang); got != want {
			t.Errorf("Extractable(%q) = %v, want %v", lang, got, want)
		}
	}
}
