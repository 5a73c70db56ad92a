//go:build unix

package feed_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/feed"
	"github.com/farsight-osint/farsight/internal/fetch"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/pipelinetest"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

// The real extractor, enricher and registry, built once (about a second).
var benchPlaces = []string{"Kaspiysk", "Novorossiysk", "Sevastopol", "Belgorod", "Kursk", "Bryansk", "Engels", "Tuapse", "Feodosia", "Yeysk",
	"Taganrog", "Millerovo", "Saky", "Dzhankoi", "Voronezh", "Lipetsk", "Ryazan", "Kazan", "Syzran", "Volgograd"}

var benchTargets = []string{"an oil refinery", "an airbase", "a fuel depot", "an ammunition depot", "the port", "a missile ship", "an air defence system", "a radar station"}

// benchArticle returns the page of item i of feed f: a news article of
// about 2 KB with the site's navigation and footer around it.
func benchArticle(f, i int) string {
	// About 500 incidents (place × day), four reports on each.
	k := (f*20 + i) % 500
	place := benchPlaces[k%len(benchPlaces)]
	target := benchTargets[k%len(benchTargets)]
	day := 1 + (k/len(benchPlaces))%28
	title := fmt.Sprintf("Drones attack %s near %s, report %d-%d", target, place, f, i)
	return articlePage(title, fmt.Sprintf("2024-11-%02dT%02d:15:00+02:00", day, i%24),
		fmt.Sprintf("Ukrainian drones attacked %s near %s overnight on November %d, the regional governor said on Telegram. Report %d of feed %d.", target, place, day, i, f),
		fmt.Sprintf("Residents of %s reported at least %d explosions and a large fire. Air defence units were active for about two hours, local channels said.", place, 2+i%5),
		fmt.Sprintf("Ukraine's General Staff said the strike on %s hit its target and that the results were being clarified. The claim has yet to be verified independently.", target),
		fmt.Sprintf("Russia's defence ministry said %d drones were intercepted and destroyed over the region overnight, and did not mention any damage.", 10+i),
		"Satellite images of the site taken the following day were not yet available. Earlier this year the same facility was attacked twice, according to open sources.")
}

// benchFeed returns feed f's RSS document with n items on base.
func benchFeed(base string, f, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Feed %d</title><link>%s/</link><description>Reports</description>
`, f, base)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Report %d-%d</title><link>%s/a/%d</link><guid>feed-%d-item-%d</guid><pubDate>Wed, 06 Nov 2024 %02d:00:00 +0000</pubDate><description>Drones attacked a target overnight, report %d-%d.</description></item>
`, f, i, base, i, f, i, i%24, f, i)
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// benchWorkers is the number of feeds polled at once in the benchmark:
// the default.
const benchWorkers = feed.DefaultWorkers

// BenchmarkPollCycle polls 100 feeds, each on its own local server (so
// its own host and port for the politeness limiter), with 20 new items
// each whose article pages are fetched, extracted and ingested through the
// real pipeline into a new SQLite database: one op is one full cycle.
//
//	go test ./internal/feed -run '^$' -bench PollCycle -benchtime 3x
func BenchmarkPollCycle(b *testing.B) {
	const feeds, items = 100, 20
	const delay = 10 * time.Millisecond
	var hosts []string
	var urls []string
	for f := range feeds {
		var srv *httptest.Server
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/rss" {
				w.Header().Set("Content-Type", "application/rss+xml")
				fmt.Fprint(w, benchFeed(srv.URL, f, items))
				return
			}
			var i int
			if _, err := fmt.Sscanf(r.URL.Path, "/a/%d", &i); err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, benchArticle(f, i))
		}))
		defer srv.Close()
		u, _ := url.Parse(srv.URL)
		hosts, urls = append(hosts, u.Host), append(urls, srv.URL+"/rss")
	}
	ctx := context.Background()
	var reports, events int
	var elapsed, cpu time.Duration
	for n := 0; b.Loop(); n++ {
		b.StopTimer()
		db := sqlite.NewDB(filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", n)))
		if err := db.Open(ctx); err != nil {
			b.Fatal(err)
		}
		fs := sqlite.NewFeedService(db)
		for f, u := range urls {
			if err := fs.CreateFeed(ctx, &farsight.Feed{URL: u, Name: fmt.Sprint("Feed ", f), Kind: farsight.SourceMedia}); err != nil {
				b.Fatal(err)
			}
		}
		p := pipelinetest.New(b, db)
		var mu sync.Mutex
		var total pipeline.Result
		var inIngest time.Duration
		ingest := func(ctx context.Context, rs []*farsight.Report) error {
			t0 := time.Now()
			res, err := p.Process(ctx, rs)
			mu.Lock()
			inIngest += time.Since(t0)
			total.Add(res)
			mu.Unlock()
			return err
		}
		fetcher := fetch.New(fetch.Options{AllowHosts: hosts, HostDelay: delay})
		sched := feed.NewScheduler(fs, fetcher, ingest, feed.Options{Workers: benchWorkers})
		b.StartTimer()

		start, cpu0 := time.Now(), cpuTime(b)
		results, err := sched.PollOnce(ctx)
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		cpu += cpuTime(b) - cpu0
		b.Logf("cycle %v, %v of it in ingest calls", time.Since(start).Round(time.Millisecond), inIngest.Round(time.Millisecond))

		b.StopTimer()
		for _, r := range results {
			if r.Err != nil || r.New != items {
				b.Fatalf("%s: %d new, %v", r.Feed.URL, r.New, r.Err)
			}
		}
		if len(results) != feeds || total.New != feeds*items {
			b.Fatalf("got %d feeds, %d new reports; want %d and %d", len(results), total.New, feeds, feeds*items)
		}
		reports, events = total.New, total.Events
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(reports)/(elapsed.Seconds()/float64(b.N)), "reports/s")
	b.ReportMetric(float64(events), "events/cycle")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/cycle")
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
