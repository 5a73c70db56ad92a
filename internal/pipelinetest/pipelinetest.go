// Package pipelinetest builds the real pipeline for the tests and
// benchmarks of the packages around it (pipeline, feed, httpapi): the
// gazetteer, extractor, enricher and ship registry are loaded once per
// process and shared.
package pipelinetest

import (
	"context"
	"sync"
	"testing"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/assets"
	"github.com/farsight-osint/farsight/internal/enrich"
	"github.com/farsight-osint/farsight/internal/extract"
	"github.com/farsight-osint/farsight/internal/gazetteer"
	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/lang"
	"github.com/farsight-osint/farsight/internal/merge"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

var loaded struct {
	once sync.Once
	x    farsight.Extractor
	en   *enrich.Enricher
	reg  *assets.Registry
	err  error
}

// Stages returns the real extractor, enricher and asset registry.
func Stages(tb testing.TB) (farsight.Extractor, *enrich.Enricher, *assets.Registry) {
	tb.Helper()
	loaded.once.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			loaded.err = err
			return
		}
		d, err := geodata.Load()
		if err != nil {
			loaded.err = err
			return
		}
		loaded.en = enrich.New(d, g, nil)
		loaded.x = extract.New(g, extract.WithFront(loaded.en.FrontDistance))
		ships, err := assets.Ships()
		loaded.reg, loaded.err = assets.NewRegistry(ships), err
	})
	if loaded.err != nil {
		tb.Fatal(loaded.err)
	}
	return loaded.x, loaded.en, loaded.reg
}

// New returns the pipeline farsight runs on db: language detection, the
// real extractor, asset links, and merging with enrichment. It stores the
// ship registry in db, as the CLI does when it opens a database.
func New(tb testing.TB, db *sqlite.DB) *pipeline.Pipeline {
	tb.Helper()
	x, en, reg := Stages(tb)
	ships, err := assets.Ships()
	if err != nil {
		tb.Fatal(err)
	}
	if err := sqlite.NewAssetService(db).UpsertAssets(context.Background(), ships); err != nil {
		tb.Fatal(err)
	}
	events := sqlite.NewEventService(db)
	return &pipeline.Pipeline{Reports: sqlite.NewReportService(db), Events: events, Mentions: events,
		Merger: &merge.Merger{Enricher: en}, Extractor: x, LinkAssets: reg.Link, DetectLang: lang.Detect}
}
