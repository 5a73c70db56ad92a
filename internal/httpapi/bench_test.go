package httpapi_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/httpapi"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/farsight-osint/farsight/internal/sqlite/sqlitetest"
)

// benchEvents is the number of events the benchmark database holds:
// FARSIGHT_BENCH_EVENTS, default 10,000 (1,000,000 for the figure in
// docs/performance.md).
func benchEvents(b *testing.B) int {
	n := 10000
	if v := os.Getenv("FARSIGHT_BENCH_EVENTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("FARSIGHT_BENCH_EVENTS=%q: want a positive integer", v)
		}
	}
	return n
}

// BenchmarkGetEvents serves GET /api/v1/events with a random 1-4 degree box
// and a 30-day window (the map's query), first page of 100, as JSON and as
// GeoJSON, through the whole handler (parameters, store, encoding); "store"
// runs the same queries on the store alone. It reports the 50th and 99th
// percentile latency.
func BenchmarkGetEvents(b *testing.B) {
	n := benchEvents(b)
	db := sqlitetest.EventsDB(b, n)
	events := sqlite.NewEventService(db)
	srv := httpapi.NewServer()
	srv.Events = events
	h := srv.Handler()
	first := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	for _, format := range []string{"store", "json", "geojson"} {
		b.Run(fmt.Sprintf("events=%d/bbox+time/%s", n, format), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, 4))
			var lat []time.Duration
			found := 0
			for b.Loop() {
				w := 1 + rng.Float64()*3
				lon, la := 30+rng.Float64()*10, 44+rng.Float64()*6
				from := first.AddDate(0, 0, rng.IntN(1700))
				target := fmt.Sprintf("/api/v1/events?format=%s&bbox=%.4f,%.4f,%.4f,%.4f&from=%s&to=%s", format, lon, la, lon+w, la+w,
					from.Format(time.DateOnly), from.AddDate(0, 0, 30).Format(time.DateOnly))
				if format == "store" {
					// The store alone, for the share of the HTTP layer.
					fs, ts := from.Format(time.DateOnly), from.AddDate(0, 0, 30).Format(time.DateOnly)
					f := farsight.EventFilter{BBox: &farsight.BBox{MinLon: lon, MinLat: la, MaxLon: lon + w, MaxLat: la + w}, From: &fs, To: &ts}
					t0 := time.Now()
					evs, _, err := events.FindEvents(context.Background(), f)
					lat = append(lat, time.Since(t0))
					if err != nil {
						b.Fatal(err)
					}
					found += len(evs)
					continue
				}
				req := httptest.NewRequest(http.MethodGet, target, nil)
				rec := httptest.NewRecorder()
				t0 := time.Now()
				h.ServeHTTP(rec, req)
				lat = append(lat, time.Since(t0))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
				}
				found += rec.Body.Len()
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			unit := "resp-bytes"
			if format == "store" {
				unit = "events"
			}
			b.ReportMetric(float64(found)/float64(len(lat)), unit)
		})
	}
}
