// Package sqlitetest provides the benchmark databases of the store and the
// API: large sets of synthetic events, built once and cached.
package sqlitetest

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

// EventsDB returns a database of n synthetic events, 2022-02-24 ..
// 2026-11-24, clustered over Ukraine and western Russia. It is built once
// and cached in the system temporary directory, keyed by n and the schema,
// so that every benchmark asking for the same n shares it.
func EventsDB(tb testing.TB, n int) *sqlite.DB {
	tb.Helper()
	ctx := context.Background()
	probe := sqlite.NewDB(filepath.Join(tb.TempDir(), "probe.db"))
	if err := probe.Open(ctx); err != nil {
		tb.Fatal(err)
	}
	schema, err := probe.Schema(ctx)
	probe.Close()
	if err != nil {
		tb.Fatal(err)
	}
	h := fnv.New32a()
	h.Write([]byte(schema))
	path := filepath.Join(os.TempDir(), fmt.Sprintf("farsight-bench-events-%d-%08x.db", n, h.Sum32()))
	if _, err := os.Stat(path); err != nil {
		tb.Logf("building %s (once)", path)
		start := time.Now()
		build(tb, path, n)
		tb.Logf("built in %s", time.Since(start).Round(time.Second))
	}
	db := sqlite.NewDB(path)
	if err := db.Open(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// build writes the events into a temporary file and renames it to path
// when complete, so that an interrupted build is never taken for a cache.
func build(tb testing.TB, path string, n int) {
	ctx := context.Background()
	tmp := path + ".tmp"
	os.Remove(tmp)
	db := sqlite.NewDB(tmp)
	if err := db.Open(ctx); err != nil {
		tb.Fatal(err)
	}
	r := &farsight.Report{Text: "benchmark"}
	if err := sqlite.NewReportService(db).CreateReport(ctx, r); err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	first := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	events := sqlite.NewEventService(db)
	for done := 0; done < n; {
		evs := make([]*farsight.Event, min(10000, n-done))
		for i := range evs {
			evs[i] = &farsight.Event{
				Type:   farsight.EventTypes[rng.IntN(len(farsight.EventTypes))],
				Actor:  farsight.ActorRussia,
				Date:   first.AddDate(0, 0, rng.IntN(1735)).Format(time.DateOnly),
				Point:  &farsight.Point{Lat: 46 + rng.NormFloat64()*2, Lon: 35 + rng.NormFloat64()*4},
				Claims: []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts}},
			}
		}
		if err := events.CreateEvents(ctx, evs); err != nil {
			tb.Fatal(err)
		}
		done += len(evs)
	}
	db.Close()
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
}
