package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/merge"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

// BenchmarkMerge merges 100,000 synthetic reports into events, in batches
// of 1,000 as ingest does (its default --batch): about 35,000 incidents on
// 2,000 places over three years, each told by one to six reports, a tenth
// of them located only to a region, a fifth of the incidents with a
// syndicated copy. Run it with
// -benchtime=1x -cpu=1; it reports reports/s, the CPU seconds used and the
// peak heap.
func BenchmarkMerge(b *testing.B) {
	const batch = 1000
	reports := 100_000
	if v, err := strconv.Atoi(os.Getenv("FARSIGHT_MERGE_REPORTS")); err == nil && v > 0 {
		reports = v // a quicker run
	}
	for range b.N {
		b.StopTimer()
		ctx := context.Background()
		db := sqlite.NewDB(filepath.Join(b.TempDir(), "bench.db"))
		if err := db.Open(ctx); err != nil {
			b.Fatal(err)
		}
		rs, ms := syntheticMentions(reports)
		if _, err := sqlite.NewReportService(db).CreateReports(ctx, rs); err != nil {
			b.Fatal(err)
		}
		g := &merge.Merger{}
		for i, m := range ms {
			m.ReportID = rs[i].ID
			m.Sketch = g.Sketch(rs[i].Text)
			for _, c := range m.Event.Claims {
				c.ReportID = rs[i].ID
			}
		}
		events := sqlite.NewEventService(db)
		runtime.GC()
		var peak uint64
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for i := 0; i < len(ms); i += batch {
			chunk := ms[i:min(i+batch, len(ms))]
			ids := make([]int64, len(chunk))
			for k, m := range chunk {
				ids[k] = m.ReportID
			}
			if err := events.MergeMentions(ctx, ids, chunk, g); err != nil {
				b.Fatal(err)
			}
			var st runtime.MemStats
			if i%(20*batch) == 0 {
				runtime.ReadMemStats(&st)
				peak = max(peak, st.HeapAlloc)
			}
		}
		elapsed, cpu := time.Since(start), cpuTime()-cpu0
		b.StopTimer()
		n, err := events.CountEvents(ctx, farsight.EventFilter{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(reports)/elapsed.Seconds(), "reports/s")
		// CPU time is the figure to compare when the machine is busy.
		b.ReportMetric(cpu.Seconds(), "cpu-s")
		b.ReportMetric(float64(n), "events")
		b.ReportMetric(float64(peak>>20), "peak-heap-MB")
		db.Close()
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func syntheticMentions(n int) ([]*farsight.Report, []*farsight.Mention) {
	rng := rand.New(rand.NewPCG(1, 2))
	type place struct {
		lat, lon float64
		id       string
		admin1   string
	}
	places := make([]place, 2000)
	for i := range places {
		places[i] = place{44 + rng.Float64()*12, 28 + rng.Float64()*20, fmt.Sprintf("gn:%d", i), fmt.Sprintf("R%d", i%60)}
	}
	types := []farsight.EventType{farsight.DroneStrike, farsight.MissileStrike, farsight.Interception, farsight.Artillery}
	var rs []*farsight.Report
	var ms []*farsight.Mention
	day0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for incident := 0; len(rs) < n; incident++ {
		p := places[rng.IntN(len(places))]
		day := day0.AddDate(0, 0, rng.IntN(3*365))
		typ := types[rng.IntN(len(types))]
		actor := farsight.ActorUkraine
		if rng.IntN(2) == 0 {
			actor = farsight.ActorRussia
		}
		copyOf := ""
		for k := range 1 + rng.IntN(6) {
			if len(rs) == n {
				break
			}
			text := fmt.Sprintf("Report %d of incident %d: %s by %s at %s on %s. %s", k, incident, typ, actor, p.id, day.Format(time.DateOnly), filler(rng))
			if k == 1 && rng.IntN(5) == 0 {
				text = copyOf + " (syndicated)"
			}
			if k == 0 {
				copyOf = text
			}
			e := &farsight.Event{Type: typ, Actor: actor, Date: day.Format(time.DateOnly), DatePrecision: farsight.PrecisionDay,
				Point: &farsight.Point{Lat: p.lat, Lon: p.lon}, GeoPrecision: farsight.GeoSettlement, PlaceID: p.id, PlaceName: p.id,
				Country: "UA", Admin1: p.admin1, Confidence: 0.8,
				Claims: []*farsight.Claim{{Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts, Text: "attack", Span: farsight.Span{Start: 0, End: 6}}}}
			if rng.IntN(10) == 0 {
				e.GeoPrecision = farsight.GeoRegion
			}
			rs = append(rs, &farsight.Report{Text: text, SourceName: fmt.Sprintf("source %d", rng.IntN(50)), Published: day.Add(10 * time.Hour)})
			ms = append(ms, &farsight.Mention{Event: e})
		}
	}
	return rs, ms
}

var words = []string{"drones", "attacked", "the", "city", "overnight", "air", "defence", "governor", "said", "fire", "broke", "out", "at", "a", "depot", "officials", "reported"}

func filler(rng *rand.Rand) string {
	var b []byte
	for range 60 {
		b = append(b, words[rng.IntN(len(words))]...)
		b = append(b, ' ')
	}
	return string(b)
}
