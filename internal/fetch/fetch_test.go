package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fetch"
)

// hostOf returns the host:port of a test server.
func hostOf(tb testing.TB, srv *httptest.Server) string {
	tb.Helper()
	u, err := url.Parse(srv.URL)
	if err != nil {
		tb.Fatal(err)
	}
	return u.Host
}

// newClient returns a client that may reach only the given test servers
// among private addresses, with no politeness delay.
func newClient(tb testing.TB, opts fetch.Options, allowed ...*httptest.Server) *fetch.Client {
	tb.Helper()
	for _, srv := range allowed {
		opts.AllowHosts = append(opts.AllowHosts, hostOf(tb, srv))
	}
	if opts.HostDelay == 0 {
		opts.HostDelay = -1
	}
	return fetch.New(opts)
}

// TestRedirectToPrivate follows a redirect from an allowed host to private
// addresses: each is refused, and nothing reaches the private server.
func TestRedirectToPrivate(t *testing.T) {
	var privateHits atomic.Int64
	private := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		privateHits.Add(1)
		fmt.Fprint(w, "secret")
	}))
	defer private.Close()
	_, privatePort, _ := strings.Cut(hostOf(t, private), ":")

	targets := map[string]string{
		"loopback":      private.URL + "/admin",
		"localhost":     "http://localhost:" + privatePort + "/admin", // a name resolving to loopback
		"ipv6 loopback": "http://[::1]:" + privatePort + "/admin",
		"private":       "http://10.20.30.40/internal",
		"metadata":      "http://169.254.169.254/latest/meta-data/",
		"cgnat":         "http://100.64.1.1/",
		"mapped":        "http://[::ffff:192.168.1.1]/",
		"unspecified":   "http://0.0.0.0:" + privatePort + "/",
	}
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		to, ok := targets[r.URL.Query().Get("to")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		// Two hops: /hop → /go → the target.
		if r.URL.Path == "/hop" {
			http.Redirect(w, r, "/go?to="+url.QueryEscape(r.URL.Query().Get("to")), http.StatusFound)
			return
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
	}))
	defer public.Close()

	c := newClient(t, fetch.Options{}, public)
	for name := range targets {
		t.Run(name, func(t *testing.T) {
			_, err := c.Get(context.Background(), public.URL+"/hop?to="+url.QueryEscape(name), fetch.Validators{})
			if farsight.ErrorCode(err) != farsight.EINVALID || !strings.Contains(farsight.ErrorMessage(err), "not a public address") {
				t.Fatalf("got %v, want the SSRF guard's EINVALID", err)
			}
			t.Log(farsight.ErrorMessage(err))
		})
	}
	if n := privateHits.Load(); n != 0 {
		t.Fatalf("the private server was reached %d times", n)
	}

	// Allowed explicitly, the same redirect goes through.
	open := newClient(t, fetch.Options{AllowPrivate: true})
	resp, err := open.Get(context.Background(), public.URL+"/hop?to=loopback", fetch.Validators{})
	if err != nil || string(resp.Body) != "secret" || resp.URL != private.URL+"/admin" {
		t.Fatalf("with AllowPrivate: got %+v, %v", resp, err)
	}

	// Without an allow-list even the first host is refused.
	if _, err := newClient(t, fetch.Options{}).Get(context.Background(), public.URL, fetch.Validators{}); farsight.ErrorCode(err) != farsight.EINVALID {
		t.Fatalf("no allow-list: got %v, want EINVALID", err)
	}
}

func TestRedirectLimit(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/r/%d", &n)
		if n == 10 {
			fmt.Fprint(w, "end")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n+1), http.StatusFound)
	}))
	defer srv.Close()
	c := newClient(t, fetch.Options{MaxRedirects: 3}, srv)
	if _, err := c.Get(context.Background(), srv.URL+"/r/0", fetch.Validators{}); !strings.Contains(farsight.ErrorMessage(err), "stopped after 3 redirects") {
		t.Fatalf("got %v, want stopped after 3 redirects", err)
	}
	resp, err := c.Get(context.Background(), srv.URL+"/r/7", fetch.Validators{})
	if err != nil || string(resp.Body) != "end" || !strings.HasSuffix(resp.URL, "/r/10") {
		t.Fatalf("three redirects: got %+v, %v", resp, err)
	}
}

// TestBodyLimit serves a 50 MB body, with and without a Content-Length:
// a clear error either way.
func TestBodyLimit(t *testing.T) {
	const size = 50 << 20
	chunk := strings.Repeat("<p>padding</p>\n", 4096)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/length" {
			w.Header().Set("Content-Length", fmt.Sprint(size))
		}
		for n := 0; n < size; n += len(chunk) {
			if _, err := fmt.Fprint(w, chunk[:min(len(chunk), size-n)]); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := newClient(t, fetch.Options{}, srv)
	for _, path := range []string{"/length", "/chunked"} {
		t.Run(path, func(t *testing.T) {
			resp, err := c.Get(context.Background(), srv.URL+path, fetch.Validators{})
			if farsight.ErrorCode(err) != farsight.EINVALID || !strings.Contains(farsight.ErrorMessage(err), "10 MB limit") || resp != nil {
				t.Fatalf("got %v, want EINVALID naming the 10 MB limit", err)
			}
			if _, err := c.Article(context.Background(), srv.URL+path); !strings.Contains(farsight.ErrorMessage(err), "limit") {
				t.Fatalf("article: got %v", err)
			}
		})
	}
	// A smaller cap applies the same way.
	small := newClient(t, fetch.Options{MaxBodyBytes: 1 << 20}, srv)
	if _, err := small.Get(context.Background(), srv.URL+"/chunked", fetch.Validators{}); !strings.Contains(farsight.ErrorMessage(err), "1 MB limit") {
		t.Fatalf("1 MB cap: got %v", err)
	}
}

func TestConditionalGet(t *testing.T) {
	const etag = `"v42"`
	const modified = "Wed, 06 Nov 2024 08:00:00 GMT"
	var full, notModified atomic.Int64
	var agent atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agent.Store(r.UserAgent())
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		if r.Header.Get("If-None-Match") == etag || (r.URL.Path == "/lm" && r.Header.Get("If-Modified-Since") == modified) {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	c := newClient(t, fetch.Options{}, srv)
	ctx := context.Background()

	resp, err := c.Get(ctx, srv.URL, fetch.Validators{})
	if err != nil || resp.NotModified || resp.ETag != etag || resp.LastModified != modified || string(resp.Body) != "<rss/>" {
		t.Fatalf("first get: got %+v, %v", resp, err)
	}
	if ua, _ := agent.Load().(string); !strings.HasPrefix(ua, "farsight") {
		t.Fatalf("got User-Agent %q, want farsight's", ua)
	}
	for _, tc := range []struct {
		path string
		v    fetch.Validators
	}{
		{"/", fetch.Validators{ETag: resp.ETag}},
		{"/lm", fetch.Validators{LastModified: resp.LastModified}},
	} {
		resp, err := c.Get(ctx, srv.URL+tc.path, tc.v)
		if err != nil || !resp.NotModified || len(resp.Body) != 0 || resp.ETag != etag {
			t.Fatalf("%s: got %+v, %v, want not modified", tc.path, resp, err)
		}
	}
	if full.Load() != 1 || notModified.Load() != 2 {
		t.Fatalf("got %d full and %d not-modified answers, want 1 and 2", full.Load(), notModified.Load())
	}
}

func TestStatusAndTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		case "/broken":
			http.Error(w, "oops", http.StatusInternalServerError)
		case "/slow":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		}
	}))
	defer srv.Close()
	c := newClient(t, fetch.Options{Timeout: 200 * time.Millisecond}, srv)
	ctx := context.Background()
	for _, tc := range []struct {
		path, code, msg string
	}{
		{"/gone", farsight.ENOTFOUND, "HTTP 410 Gone"},
		{"/broken", farsight.EINVALID, "HTTP 500 Internal Server Error"},
		{"/slow", farsight.EINTERNAL, "timed out"},
	} {
		_, err := c.Get(ctx, srv.URL+tc.path, fetch.Validators{})
		if farsight.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: got %v (%s), want %s with %q", tc.path, err, farsight.ErrorCode(err), tc.code, tc.msg)
		}
	}
	for _, bad := range []string{"file:///etc/passwd", "gopher://x", "/relative", "http://"} {
		if _, err := c.Get(ctx, bad, fetch.Validators{}); farsight.ErrorCode(err) != farsight.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", bad, err)
		}
	}
}

// TestPoliteness checks that requests to one host run one at a time with
// the delay between them, while another host is not held up.
func TestPoliteness(t *testing.T) {
	type span struct{ start, end time.Time }
	var mu sync.Mutex
	spans := map[string][]span{}
	handler := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s := span{start: time.Now()}
			time.Sleep(10 * time.Millisecond)
			fmt.Fprint(w, "ok")
			s.end = time.Now()
			mu.Lock()
			spans[name] = append(spans[name], s)
			mu.Unlock()
		})
	}
	a := httptest.NewServer(handler("a"))
	defer a.Close()
	b := httptest.NewServer(handler("b"))
	defer b.Close()
	const delay = 200 * time.Millisecond
	c := newClient(t, fetch.Options{HostDelay: delay}, a, b)

	start := time.Now()
	var wg sync.WaitGroup
	for i := range 6 {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		wg.Go(func() {
			if _, err := c.Get(context.Background(), srv.URL, fetch.Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for name, ss := range spans {
		if len(ss) != 3 {
			t.Fatalf("host %s: %d requests, want 3", name, len(ss))
		}
		// Each host's first request starts at once: hosts do not wait
		// for each other.
		if wait := ss[0].start.Sub(start); wait > delay/2 {
			t.Errorf("host %s: first request started after %v", name, wait)
		}
		for i := 1; i < len(ss); i++ {
			if gap := ss[i].start.Sub(ss[i-1].end); gap < delay-5*time.Millisecond {
				t.Errorf("host %s: request %d started %v after the previous ended, want at least %v", name, i, gap, delay)
			}
		}
	}
}

func TestLimiterContext(t *testing.T) {
	l := fetch.NewLimiter(time.Hour)
	done, err := l.Wait(context.Background(), "h:80")
	if err != nil {
		t.Fatal(err)
	}
	done()
	// The next request would wait an hour; a cancelled context ends it.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := l.Wait(ctx, "h:80"); err == nil {
		t.Fatal("got no error, want the context's")
	}
	// Another key is free at once.
	done, err = l.Wait(context.Background(), "other:80")
	if err != nil {
		t.Fatal(err)
	}
	done()
	done() // a second call is harmless
}

func TestHostKey(t *testing.T) {
	for raw, want := range map[string]string{
		"http://Example.org/x":       "example.org:80",
		"https://example.org/x":      "example.org:443",
		"http://127.0.0.1:8080/feed": "127.0.0.1:8080",
		"https://[::1]:8443/":        "[::1]:8443",
	} {
		u, _ := url.Parse(raw)
		if got := fetch.HostKey(u); got != want {
			t.Errorf("%s: got %q, want %q", raw, got, want)
		}
	}
}
