package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/gazetteer"
)

// devReports reads the shared development set's inputs (id, text,
// published), or skips when the shared data is not present.
func devReports(b *testing.B, name string) []*farsight.Report {
	b.Helper()
	f, err := os.Open("../../../shared/eval/" + name)
	if err != nil {
		b.Skipf("development set not available: %v", err)
	}
	defer f.Close()
	var out []*farsight.Report
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Text      string `json:"text"`
			Published string `json:"published"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		pub, _ := time.Parse(time.DateOnly, r.Published)
		out = append(out, &farsight.Report{ID: int64(len(out) + 1), Text: r.Text, Published: pub})
	}
	return out
}

func benchmarkReports(b *testing.B, rs []*farsight.Report) {
	x := mustExtractor(b)
	bytes := 0
	for _, r := range rs {
		bytes += len(r.Text)
	}
	b.SetBytes(int64(bytes / len(rs)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := x.Extract(rs[n%len(rs)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkExtractUCDP extracts the English development set's reports
// (short headlines), one at a time on one goroutine.
func BenchmarkExtractUCDP(b *testing.B) { benchmarkReports(b, devReports(b, "ucdp_en_dev.jsonl")) }

// BenchmarkExtractVIINA extracts the Ukrainian/Russian development set.
func BenchmarkExtractVIINA(b *testing.B) { benchmarkReports(b, devReports(b, "viina_ukru_dev.jsonl")) }

// BenchmarkExtractArticle extracts the seed article (2 KB).
func BenchmarkExtractArticle(b *testing.B) {
	text, err := os.ReadFile("testdata/en/seed_kaspiysk.case")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkReports(b, []*farsight.Report{{ID: 1, Text: string(text), Published: time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC)}})
}

// BenchmarkNew measures building an extractor on a loaded gazetteer, and
// reports the heap both hold.
func BenchmarkNew(b *testing.B) {
	g, err := gazetteer.Load()
	if err != nil {
		b.Fatal(err)
	}
	var x *Extractor
	for b.Loop() {
		x = New(g)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	runtime.KeepAlive(x)
}
