// Package pipeline runs reports through farsight's stages: store the
// report, extract its events, store them. It works on the domain
// interfaces only, so any store and any extractor plug in.
package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"

	"github.com/farsight-osint/farsight"
)

// Pipeline processes batches of reports.
type Pipeline struct {
	Reports   farsight.ReportService
	Events    farsight.EventService
	Extractor farsight.Extractor
	// Mentions and Merger, when set, merge the extracted events into the
	// stored ones: each becomes a mention that joins the events it matches
	// (the merger enriches the events it derives). Without them every
	// extracted event is stored as an event of its own.
	Mentions farsight.MentionService
	Merger   farsight.Merger
	// Enricher, when set and there is no merger, adds geography to each
	// event before it is stored.
	Enricher farsight.Enricher
	// LinkAssets, when set, links the named targets of each extracted
	// event to registry assets.
	LinkAssets func(e *farsight.Event)
	// DetectLang, when set, gives reports without a language one before
	// they are stored ("en", "uk", "ru", "other"). Reports in another
	// language are stored but not extracted.
	DetectLang func(text string) string
	Logger     *slog.Logger
	// Workers is the number of reports extracted at once; 0 means GOMAXPROCS.
	Workers int
}

// Result counts what one batch did.
type Result struct {
	// New reports stored, and Duplicates of reports already stored.
	New, Duplicates int
	// Events extracted from the new reports (before merging).
	Events int
	// ExtractErrors counts new reports whose extraction failed; they stay
	// stored and can be extracted again.
	ExtractErrors int
	// OtherLanguage counts new reports stored but not extracted, being in
	// a language the extractor does not read.
	OtherLanguage int
}

// Extractable reports whether reports in a language are extracted: English,
// Ukrainian, Russian, and reports whose language is not known.
func Extractable(lang string) bool {
	lang = strings.ToLower(lang)
	switch lang {
	case "", "en", "uk", "ru", "uk_or_ru", "eng", "ukr", "rus":
		return true
	}
	return strings.HasPrefix(lang, "en-") || strings.HasPrefix(lang, "uk-") || strings.HasPrefix(lang, "ru-")
}

// Add adds o's counts to r.
func (r *Result) Add(o Result) {
	r.New += o.New
	r.Duplicates += o.Duplicates
	r.Events += o.Events
	r.ExtractErrors += o.ExtractErrors
	r.OtherLanguage += o.OtherLanguage
}

// Process stores a batch of reports, extracts (and enriches) the events of
// the ones that are new and stores those events. Reports must be valid (see
// farsight.Report.Validate); an invalid one fails the batch with EINVALID
// before anything is stored. Exact duplicates are counted and skipped.
func (p *Pipeline) Process(ctx context.Context, rs []*farsight.Report) (Result, error) {
	var res Result
	if p.DetectLang != nil {
		for _, r := range rs {
			if r.Lang == "" {
				r.Lang = p.DetectLang(r.Title + "\n" + r.Text)
			}
		}
	}
	created, err := p.Reports.CreateReports(ctx, rs)
	if err != nil {
		return res, fmt.Errorf("store reports: %w", err)
	}
	var fresh []*farsight.Report
	for i, r := range rs {
		if !created[i] {
			res.Duplicates++
			continue
		}
		res.New++
		fresh = append(fresh, r)
	}
	if err := p.extract(ctx, fresh, &res); err != nil {
		return res, err
	}
	return res, nil
}

// Reextract reads stored reports again with the pipeline's extractor and
// merges what it finds in place of what earlier versions found: their
// events are derived again from the mentions of every report. Reports in
// other languages are counted and skipped.
func (p *Pipeline) Reextract(ctx context.Context, rs []*farsight.Report) (Result, error) {
	var res Result
	if p.Merger == nil {
		return res, farsight.Errorf(farsight.EINVALID, "re-extraction needs a merger: without one, events are not replaced")
	}
	err := p.extract(ctx, rs, &res)
	return res, err
}

// extract extracts the events of stored reports, stores them (merged, when
// there is a merger) and records which reports the extractor read.
func (p *Pipeline) extract(ctx context.Context, rs []*farsight.Report, res *Result) error {
	var fresh, read []*farsight.Report
	for _, r := range rs {
		if Extractable(r.Lang) {
			fresh = append(fresh, r)
		} else {
			res.OtherLanguage++
			read = append(read, r)
		}
	}

	perReport := make([][]*farsight.Event, len(fresh))
	errs := make([]error, len(fresh))
	sketches := make([][]byte, len(fresh))
	p.each(len(fresh), func(i int) {
		evs, err := p.Extractor.Extract(fresh[i])
		if err == nil && p.Merger != nil && len(evs) > 0 {
			sketches[i] = p.Merger.Sketch(fresh[i].Text)
		}
		if err == nil && p.LinkAssets != nil {
			for _, e := range evs {
				p.LinkAssets(e)
			}
		}
		if err == nil && p.Enricher != nil && p.Merger == nil {
			for _, e := range evs {
				if err = p.Enricher.Enrich(e); err != nil {
					break
				}
			}
		}
		perReport[i], errs[i] = evs, err
	})
	var events []*farsight.Event
	var mentions []*farsight.Mention
	var extracted []int64
	for i, evs := range perReport {
		if errs[i] != nil {
			res.ExtractErrors++
			p.logger().Warn("extract failed", slog.Int64("report_id", fresh[i].ID), slog.String("error", errs[i].Error()))
			continue
		}
		extracted = append(extracted, fresh[i].ID)
		read = append(read, fresh[i])
		for k, e := range evs {
			e.ExtractorVersion = p.Extractor.Version()
			mentions = append(mentions, &farsight.Mention{ReportID: fresh[i].ID, Index: k, Event: e, Sketch: sketches[i]})
		}
		events = append(events, evs...)
	}
	switch {
	case p.Merger != nil && len(extracted) > 0:
		if err := p.Mentions.MergeMentions(ctx, extracted, mentions, p.Merger); err != nil {
			return fmt.Errorf("merge events: %w", err)
		}
	case len(events) > 0:
		if err := p.Events.CreateEvents(ctx, events); err != nil {
			return fmt.Errorf("store events: %w", err)
		}
	}
	res.Events += len(events)
	ids := make([]int64, len(read))
	for i, r := range read {
		ids[i] = r.ID
		r.ExtractorVersion = p.Extractor.Version()
	}
	if err := p.Reports.SetExtracted(ctx, ids, p.Extractor.Version()); err != nil {
		return fmt.Errorf("record extraction: %w", err)
	}
	return nil
}

// each calls fn(0..n-1) on up to Workers goroutines.
func (p *Pipeline) each(n int, fn func(i int)) {
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func (p *Pipeline) logger() *slog.Logger {
	if p.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return p.Logger
}
