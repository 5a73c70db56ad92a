package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/farsight-osint/farsight/internal/sqlite/sqlitetest"
)

// reportText returns a report of about 1 KB, different for every i.
func reportText(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d. ", i)
	words := []string{"drones", "attacked", "the", "oil", "refinery", "in", "Novoshakhtinsk", "overnight", "governor", "said", "air", "defence", "intercepted", "missiles", "over", "Belgorod", "region", "port", "Sevastopol", "explosions"}
	for b.Len() < 1000 {
		b.WriteString(words[(i*7+b.Len())%len(words)])
		b.WriteByte(' ')
	}
	return b.String()
}

// BenchmarkCreateReports measures batched report inserts (1,000 reports of
// about 1 KB per transaction, FTS5 indexing and the duplicate check
// included) into a file database. Content hashes are computed outside the
// timer, as the ingest reader does before the store sees a report.
func BenchmarkCreateReports(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	s := sqlite.NewReportService(db)
	const batch = 1000
	n := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		rs := make([]*farsight.Report, batch)
		for i := range rs {
			// The ingest reader hashes reports before the store sees them.
			text := reportText(n)
			rs[i] = &farsight.Report{Text: text, Hash: farsight.ContentHash(text), SourceName: "source " + fmt.Sprint(n%50), Published: time.Now()}
			n++
		}
		b.StartTimer()
		if _, err := s.CreateReports(ctx, rs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkFindEvents1M runs map-like queries on one million events: a
// random box of 1-4 degrees and a 30-day window (bbox+time), the same box
// for all time (bbox), a 30-day window alone (time), each returning the
// first page of 100. It reports the 50th and 99th percentile latency.
func BenchmarkFindEvents1M(b *testing.B) {
	db := sqlitetest.EventsDB(b, 1_000_000)
	s := sqlite.NewEventService(db)
	ctx := context.Background()
	start := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	for _, shape := range []string{"bbox+time", "bbox", "time", "bbox+time+count"} {
		b.Run(shape, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, 4))
			var lat []time.Duration
			for b.Loop() {
				var f farsight.EventFilter
				f.Limit = 100
				if strings.HasPrefix(shape, "bbox") {
					w := 1 + rng.Float64()*3
					lon, la := 30+rng.Float64()*10, 44+rng.Float64()*6
					f.BBox = &farsight.BBox{MinLon: lon, MinLat: la, MaxLon: lon + w, MaxLat: la + w}
				}
				if strings.Contains(shape, "time") {
					from := start.AddDate(0, 0, rng.IntN(1700))
					fs, ts := from.Format(time.DateOnly), from.AddDate(0, 0, 30).Format(time.DateOnly)
					f.From, f.To = &fs, &ts
				}
				t0 := time.Now()
				if _, _, err := s.FindEvents(ctx, f); err != nil {
					b.Fatal(err)
				}
				if strings.HasSuffix(shape, "count") {
					if _, err := s.CountEvents(ctx, f); err != nil {
						b.Fatal(err)
					}
				}
				lat = append(lat, time.Since(t0))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
