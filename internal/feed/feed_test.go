package feed_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fake"
	"github.com/farsight-osint/farsight/internal/feed"
	"github.com/farsight-osint/farsight/internal/fetch"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

// articlePage returns a news page as sites serve them: navigation, the
// article, a sidebar and a footer. published goes into the page's
// metadata when not empty.
func articlePage(title, published string, paragraphs ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>%s | Example Post</title>\n", html.EscapeString(title))
	fmt.Fprintf(&b, "<meta property=\"og:title\" content=\"%s\">\n<meta property=\"og:site_name\" content=\"Example Post\">\n", html.EscapeString(title))
	if published != "" {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", published)
	}
	b.WriteString("</head><body>\n<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/opinion\">Opinion</a> <a href=\"/subscribe\">Subscribe</a></nav></header>\n<main><article>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"byline\">By Staff</p>\n", html.EscapeString(title))
	for _, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article><aside><h2>Most read</h2><ul><li><a href=\"/x\">Markets close lower</a></li><li><a href=\"/y\">Weather: storm warning</a></li></ul></aside></main>\n")
	b.WriteString("<footer><p>&copy; 2024 Example Post. All rights reserved.</p></footer>\n</body></html>\n")
	return b.String()
}

// pages are the article pages of the test site by slug.
var pages = map[string]string{
	"kaspiysk": articlePage("Ukrainian drones hit Caspian Flotilla ships in Kaspiysk", "2024-11-06T14:35:00+02:00",
		"Ukrainian drones struck two missile ships of Russia's Caspian Flotilla in the port of Kaspiysk in Dagestan early on Wednesday, Ukraine's military intelligence said.",
		"The strike, nearly 930 miles from Ukraine's borders, has yet to be verified independently."),
	"uk-kaspiysk": articlePage("Дрони уразили кораблі Каспійської флотилії", "",
		"У ніч на 6 листопада українські безпілотники атакували порт Каспійськ у Дагестані, повідомило ГУР.",
		"Каспійськ розташований понад 1000 км від кордону України."),
	"uk-sevastopol": articlePage("Вибухи в Севастополі", "",
		"Мешканці Севастополя вночі повідомили про серію вибухів у районі Північної бухти.",
		"Окупаційна влада заявила про відбиття атаки безпілотників."),
	"osint-7": articlePage("Geolocated footage: Kaspiysk port", "2024-11-06T16:20:00Z",
		"Footage of the strike on Kaspiysk port was geolocated to the naval pier at 42.88, 47.64.",
		"Two vessels moored at the pier appear in the footage."),
}

// site is a test web site serving the feeds of testdata and article pages.
type site struct {
	*httptest.Server
	requests sync.Map // path → *atomic.Int64
	// fail, when set, makes a feed path answer 503.
	fail sync.Map
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) hits(path string) int64 {
	n, _ := s.requests.LoadOrStore(path, new(atomic.Int64))
	return n.(*atomic.Int64).Load()
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	n, _ := s.requests.LoadOrStore(r.URL.Path, new(atomic.Int64))
	n.(*atomic.Int64).Add(1)
	if _, ok := s.fail.Load(r.URL.Path); ok {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
		return
	}
	feedFile := map[string]string{"/rss": "rss.xml", "/atom": "atom.xml", "/json": "feed.json", "/bad": "malformed.xml", "/cp1251": "rss_cp1251.xml"}
	dir, slug, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case feedFile[r.URL.Path] != "":
		body, err := os.ReadFile(filepath.Join("testdata", feedFile[r.URL.Path]))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		body = []byte(strings.ReplaceAll(string(body), "{{base}}", s.URL))
		// Only the RSS feed knows conditional GET.
		if r.URL.Path == "/rss" {
			w.Header().Set("ETag", `"rss-v1"`)
			if r.Header.Get("If-None-Match") == `"rss-v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write(body)
	case dir == "a" && pages[slug] != "":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pages[slug])
	case dir == "broken":
		http.Error(w, "oops", http.StatusInternalServerError)
	case dir == "empty":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Belgorod</title></head><body><nav><a href="/">Home</a></nav><div id="app"></div><script src="/app.js"></script></body></html>`)
	case dir == "gone":
		http.Error(w, "gone", http.StatusGone)
	default:
		http.NotFound(w, r)
	}
}

// env is a database, its services and a scheduler on a test site.
type env struct {
	site    *site
	db      *sqlite.DB
	feeds   *sqlite.FeedService
	reports *sqlite.ReportService
	sched   *feed.Scheduler
	now     time.Time
	mu      sync.Mutex
}

func newEnv(t *testing.T, opts feed.Options) *env {
	t.Helper()
	e := &env{site: newSite(t), now: time.Date(2024, 11, 7, 8, 0, 0, 0, time.UTC)}
	e.db = sqlite.NewDB(filepath.Join(t.TempDir(), "farsight.db"))
	if err := e.db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.db.Close() })
	e.feeds, e.reports = sqlite.NewFeedService(e.db), sqlite.NewReportService(e.db)
	p := &pipeline.Pipeline{Reports: e.reports, Events: sqlite.NewEventService(e.db), Extractor: fake.Extractor{}}
	ingest := func(ctx context.Context, rs []*farsight.Report) error {
		_, err := p.Process(ctx, rs)
		return err
	}
	u, _ := url.Parse(e.site.URL)
	fetcher := fetch.New(fetch.Options{AllowHosts: []string{u.Host}, HostDelay: -1, Now: e.clock})
	opts.Now = e.clock
	if opts.Rand == nil {
		opts.Rand = func() float64 { return 0.5 }
	}
	e.sched = feed.NewScheduler(e.feeds, fetcher, ingest, opts)
	return e
}

func (e *env) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.now = e.now.Add(d)
}

func (e *env) addFeed(t *testing.T, path, name string, kind farsight.SourceKind) *farsight.Feed {
	t.Helper()
	f := &farsight.Feed{URL: e.site.URL + path, Name: name, Kind: kind}
	if err := e.feeds.CreateFeed(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return f
}

func (e *env) reportsOf(t *testing.T, sourceID int64) map[string]*farsight.Report {
	t.Helper()
	rs, _, err := e.reports.FindReports(context.Background(), farsight.ReportFilter{SourceID: &sourceID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*farsight.Report{}
	for _, r := range rs {
		out[r.ExternalID] = r
	}
	return out
}

func byFeed(results []feed.Result) map[int64]feed.Result {
	out := map[int64]feed.Result{}
	for _, r := range results {
		out[r.Feed.ID] = r
	}
	return out
}

// TestPollCycle polls an RSS, an Atom and a JSON feed beside a malformed
// one and a missing one: the broken feeds get their errors recorded, the
// others are ingested; the next cycle (304 for the RSS feed, the same
// items for the others) adds nothing.
func TestPollCycle(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, feed.Options{Interval: time.Hour})
	bad := e.addFeed(t, "/bad", "Broken", farsight.SourceMedia)
	rss := e.addFeed(t, "/rss", "Example Post", farsight.SourceMedia)
	atom := e.addFeed(t, "/atom", "Приклад Новини", farsight.SourceMedia)
	jsonFeed := e.addFeed(t, "/json", "OSINT notes", farsight.SourceOSINT)
	missing := e.addFeed(t, "/missing", "Missing", farsight.SourceUnknown)

	results, err := e.sched.PollOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 5 {
		t.Fatalf("got %d results, want 5", len(results))
	}
	res := byFeed(results)
	for _, tc := range []struct {
		feed              *farsight.Feed
		items, new, pages int
		err               string
	}{
		{bad, 0, 0, 0, "malformed feed"},
		{missing, 0, 0, 0, "HTTP 404"},
		// The photo gallery (page gone, no text in the feed) is skipped.
		{rss, 4, 3, 3, ""},
		{atom, 2, 2, 0, ""},
		{jsonFeed, 1, 1, 0, ""},
	} {
		r := res[tc.feed.ID]
		if r.Items != tc.items || r.New != tc.new || r.PageErrors != tc.pages || (r.Err == nil) != (tc.err == "") ||
			(r.Err != nil && !strings.Contains(r.Err.Error(), tc.err)) {
			t.Errorf("%s: got items %d, new %d, page errors %d, error %v; want %d, %d, %d, %q",
				tc.feed.URL, r.Items, r.New, r.PageErrors, r.Err, tc.items, tc.new, tc.pages, tc.err)
		}
		got, err := e.feeds.FindFeedByID(ctx, tc.feed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if tc.err != "" {
			if !strings.Contains(got.LastError, tc.err) || got.ErrorCount != 1 || !got.LastSuccessAt.IsZero() || !got.NextPollAt.After(e.now) {
				t.Errorf("%s: recorded %+v, want error %q", tc.feed.URL, got, tc.err)
			}
			continue
		}
		wantSeen := tc.new
		if tc.feed == rss {
			wantSeen = 4 // the skipped item is seen too
		}
		if got.LastError != "" || got.ErrorCount != 0 || !got.LastSuccessAt.Equal(e.now) || got.ItemsSeen != wantSeen {
			t.Errorf("%s: recorded %+v, want a success with %d items seen", tc.feed.URL, got, wantSeen)
		}
		if !got.NextPollAt.Equal(e.now.Add(time.Hour)) {
			t.Errorf("%s: next poll %v, want in an hour", tc.feed.URL, got.NextPollAt)
		}
	}
	if got, _ := e.feeds.FindFeedByID(ctx, rss.ID); got.ETag != `"rss-v1"` {
		t.Errorf("RSS feed ETag %q, want \"rss-v1\"", got.ETag)
	}

	// What the reports hold.
	rssReports := e.reportsOf(t, rss.SourceID)
	kaspiysk := rssReports["example-post-1001"]
	if kaspiysk == nil || !strings.Contains(kaspiysk.Text, "nearly 930 miles") || strings.Contains(kaspiysk.Text, "Subscribe") ||
		kaspiysk.URL != e.site.URL+"/a/kaspiysk" || kaspiysk.Title != "Ukrainian drones hit Caspian Flotilla ships in Kaspiysk" ||
		!kaspiysk.Published.Equal(time.Date(2024, 11, 6, 12, 35, 0, 0, time.UTC)) || !kaspiysk.FetchedAt.Equal(e.now) {
		t.Errorf("article report: got %+v, want the page's text and its metadata's date", kaspiysk)
	}
	// A page that fails falls back to the feed's description (HTML made
	// text), one without text to its content.
	if r := rssReports["example-post-1002"]; r == nil || r.Text != "Residents of Novorossiysk reported explosions near the naval base overnight.\n\nThe Russian defence ministry said naval drones were destroyed." ||
		!r.Published.Equal(time.Date(2024, 11, 6, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("broken page: got %+v, want the description", r)
	}
	if r := rssReports[e.site.URL+"/empty/belgorod"]; r == nil || !strings.HasPrefix(r.Text, "The governor of Belgorod region said") {
		t.Errorf("page without text: got %+v, want the content, keyed by link", r)
	}
	src, _ := sqlite.NewSourceService(e.db).FindSourceByID(ctx, jsonFeed.SourceID)
	if src.Name != "OSINT notes" || src.Kind != farsight.SourceOSINT {
		t.Errorf("JSON feed source: got %+v", src)
	}
	// The Atom entry without a page date takes the feed's.
	if r := e.reportsOf(t, atom.SourceID)["urn:example:uk:124"]; r == nil || !strings.Contains(r.Text, "Північної бухти") ||
		!r.Published.Equal(time.Date(2024, 11, 5, 21, 40, 0, 0, time.UTC)) {
		t.Errorf("atom entry: got %+v", r)
	}
	_, stored, _ := e.reports.FindReports(ctx, farsight.ReportFilter{})
	if stored != 6 {
		t.Fatalf("got %d reports stored, want 6", stored)
	}

	// The next cycle: nothing new anywhere.
	pagesBefore := e.site.hits("/a/kaspiysk")
	e.advance(2 * time.Hour)
	results, err = e.sched.PollOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res = byFeed(results)
	if r := res[rss.ID]; !r.NotModified || r.New != 0 || r.Err != nil {
		t.Errorf("RSS re-poll: got %+v, want not modified", r)
	}
	for _, f := range []*farsight.Feed{atom, jsonFeed} {
		if r := res[f.ID]; r.NotModified || r.New != 0 || r.Err != nil || r.Items == 0 {
			t.Errorf("%s re-poll: got %+v, want the items, none new", f.URL, r)
		}
	}
	if _, n, _ := e.reports.FindReports(ctx, farsight.ReportFilter{}); n != stored {
		t.Errorf("re-poll stored %d more reports", n-stored)
	}
	if n := e.site.hits("/a/kaspiysk"); n != pagesBefore {
		t.Errorf("re-poll fetched a seen item's page again")
	}
	if got, _ := e.feeds.FindFeedByID(ctx, rss.ID); got.ItemsSeen != 4 || got.ETag != `"rss-v1"` || !got.LastSuccessAt.Equal(e.now) {
		t.Errorf("RSS feed after 304: %+v", got)
	}
	if got, _ := e.feeds.FindFeedByID(ctx, bad.ID); got.ErrorCount != 2 {
		t.Errorf("malformed feed: error count %d, want 2", got.ErrorCount)
	}
}

// TestBackoff fails a feed again and again: the wait grows to the cap;
// a success resets it to the interval.
func TestBackoff(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, feed.Options{Interval: time.Hour, MinBackoff: time.Minute, MaxBackoff: 6 * time.Hour, Rand: func() float64 { return 0.999999 }})
	f := e.addFeed(t, "/json", "OSINT notes", farsight.SourceOSINT)
	e.site.fail.Store("/json", true)
	var waits []time.Duration
	for range 12 {
		if _, err := e.sched.PollOnce(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := e.feeds.FindFeedByID(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.LastError, "HTTP 503") {
			t.Fatalf("got last error %q", got.LastError)
		}
		wait := got.NextPollAt.Sub(e.now)
		waits = append(waits, wait.Round(time.Second))
		// Nothing is due before its time.
		e.advance(wait - time.Second)
		if rs, _ := e.sched.PollOnce(ctx); len(rs) != 0 {
			t.Fatalf("feed polled %v before it was due", time.Second)
		}
		e.advance(time.Second)
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 32 * time.Minute,
		64 * time.Minute, 128 * time.Minute, 256 * time.Minute, 6 * time.Hour, 6 * time.Hour, 6 * time.Hour}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits after failures: got %v, want %v", waits, want)
		}
	}

	e.site.fail.Delete("/json")
	if _, err := e.sched.PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := e.feeds.FindFeedByID(ctx, f.ID)
	if got.ErrorCount != 0 || got.ItemsSeen != 1 || !strings.Contains(got.LastError, "503") {
		t.Fatalf("after recovery: %+v", got)
	}
	if wait := got.NextPollAt.Sub(e.now); wait < 54*time.Minute || wait > 66*time.Minute {
		t.Fatalf("after recovery: next poll in %v, want the interval (±10%%)", wait)
	}
}

func TestBackoffFunc(t *testing.T) {
	for _, tc := range []struct {
		n    int
		r    float64
		want time.Duration
	}{
		{1, 0, 30 * time.Second},
		{1, 0.999999999, time.Minute},
		{2, 0, time.Minute},
		{3, 0.5, 3 * time.Minute},
		{20, 0, 3 * time.Hour},
		{1000, 0.999999999, 6 * time.Hour},
	} {
		if got := feed.Backoff(tc.n, time.Minute, 6*time.Hour, tc.r).Round(time.Second); got != tc.want {
			t.Errorf("Backoff(%d, r=%v): got %v, want %v", tc.n, tc.r, got, tc.want)
		}
	}
}

// TestQueueDepth holds the first feed's server while two more feeds wait
// for the single worker.
func TestQueueDepth(t *testing.T) {
	ctx := context.Background()
	release := make(chan struct{})
	started := make(chan struct{}, 3)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
		http.Error(w, "late", http.StatusServiceUnavailable)
	}))
	defer slow.Close()
	e := newEnv(t, feed.Options{Workers: 1})
	u, _ := url.Parse(slow.URL)
	sched := feed.NewScheduler(e.feeds, fetch.New(fetch.Options{AllowHosts: []string{u.Host}, HostDelay: -1}),
		func(context.Context, []*farsight.Report) error { return nil }, feed.Options{Workers: 1, Now: e.clock})
	for i := range 3 {
		if err := e.feeds.CreateFeed(ctx, &farsight.Feed{URL: fmt.Sprintf("%s/f%d", slow.URL, i), Name: fmt.Sprint("slow ", i)}); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan []feed.Result)
	go func() {
		rs, _ := sched.PollOnce(ctx)
		done <- rs
	}()
	<-started
	// The other two wait for the worker.
	for deadline := time.Now().Add(5 * time.Second); sched.QueueDepth() != 2; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("queue depth while one feed polls: got %d, want 2", sched.QueueDepth())
		}
	}
	close(release)
	rs := <-done
	if len(rs) != 3 || sched.QueueDepth() != 0 {
		t.Fatalf("got %d results, queue depth %d", len(rs), sched.QueueDepth())
	}
}

// TestRun runs the scheduler until cancelled: every feed is polled, and
// Run returns nil.
func TestRun(t *testing.T) {
	e := newEnv(t, feed.Options{Tick: 10 * time.Millisecond})
	atom := e.addFeed(t, "/atom", "Приклад Новини", farsight.SourceMedia)
	e.addFeed(t, "/bad", "Broken", farsight.SourceMedia)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- e.sched.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		f, err := e.feeds.FindFeedByID(context.Background(), atom.ID)
		if err != nil {
			t.Fatal(err)
		}
		if f.ItemsSeen == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("atom feed not polled: %+v", f)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("Run returned %v", err)
	}
}

// TestIngestFailure fails the first ingest: the error is recorded and the
// items stay unseen, so the next poll takes them again.
func TestIngestFailure(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, feed.Options{})
	f := e.addFeed(t, "/atom", "Приклад Новини", farsight.SourceMedia)
	u, _ := url.Parse(e.site.URL)
	var calls atomic.Int64
	ingest := func(ctx context.Context, rs []*farsight.Report) error {
		if calls.Add(1) == 1 {
			return fmt.Errorf("disk full")
		}
		_, err := e.reports.CreateReports(ctx, rs)
		return err
	}
	sched := feed.NewScheduler(e.feeds, fetch.New(fetch.Options{AllowHosts: []string{u.Host}, HostDelay: -1}), ingest,
		feed.Options{Now: e.clock, Rand: func() float64 { return 0 }})
	rs, err := sched.PollOnce(ctx)
	if err != nil || len(rs) != 1 || rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), "disk full") || rs[0].New != 0 {
		t.Fatalf("first poll: got %+v, %v", rs, err)
	}
	got, _ := e.feeds.FindFeedByID(ctx, f.ID)
	if got.ItemsSeen != 0 || got.ErrorCount != 1 || got.LastError != "ingest: disk full" {
		t.Fatalf("after a failed ingest: %+v", got)
	}
	e.advance(time.Hour)
	rs, _ = sched.PollOnce(ctx)
	if len(rs) != 1 || rs[0].Err != nil || rs[0].New != 2 {
		t.Fatalf("second poll: got %+v", rs)
	}
	if got, _ := e.feeds.FindFeedByID(ctx, f.ID); got.ItemsSeen != 2 || got.ErrorCount != 0 {
		t.Fatalf("after recovery: %+v", got)
	}
}
