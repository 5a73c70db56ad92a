package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight/internal/cli"
	"github.com/farsight-osint/farsight/internal/fake"
)

// runEnv runs farsight like env.run, with environment variables.
func (e *env) runEnv(vars map[string]string, args ...string) (string, string, error) {
	e.t.Helper()
	var stdout, stderr bytes.Buffer
	m := cli.NewMain(func(k string) string { return vars[k] }, strings.NewReader(""), &stdout, &stderr)
	m.Extractor = fake.Extractor{}
	m.NoEnrich = true
	defer m.Close()
	err := m.Run(context.Background(), append([]string{"--db", e.db}, args...))
	return stdout.String(), stderr.String(), err
}

// newsSite serves an RSS feed of two articles, their pages (each with one
// line the fake extractor reads as an event) and a malformed feed.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>Strike one</title><link>%[1]s/a/1</link><guid>n-1</guid><pubDate>Wed, 06 Nov 2024 08:00:00 GMT</pubDate></item>
<item><title>Strike two</title><link>%[1]s/a/2</link><guid>n-2</guid><pubDate>Wed, 06 Nov 2024 09:00:00 GMT</pubDate></item>
</channel></rss>`, srv.URL)
		case r.URL.Path == "/broken":
			fmt.Fprint(w, `<rss><channel><item><title>x</channel>`)
		case strings.HasPrefix(r.URL.Path, "/a/"):
			n := strings.TrimPrefix(r.URL.Path, "/a/")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>Strike %[1]s</title><meta property="article:published_time" content="2024-11-06T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Strike %[1]s</h1>
<p>Drones attacked the port overnight, officials said in report number %[1]s. Residents described several loud explosions and a large fire near the piers, and local channels posted videos of air defence firing over the bay.</p>
<p>EVENT drone_strike 42.88 47.64 2024-11-06</p>
<p>The damage is being assessed, and the claim has not been verified independently. The defence ministry said all drones were shot down and that there were no casualties.</p></article>
<footer>All rights reserved.</footer></body></html>`, n)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFeedsCommands(t *testing.T) {
	e := newEnv(t)
	srv := newsSite(t)
	u, _ := url.Parse(srv.URL)
	allow := map[string]string{"FARSIGHT_FETCH_ALLOW_HOSTS": u.Host, "FARSIGHT_FETCH_HOST_DELAY": "0"}

	out := e.mustRun("", "feeds", "add", srv.URL+"/rss", "--name", "Test News", "--kind", "media")
	if !strings.Contains(out, "feed 1 added") || !strings.Contains(out, "Test News, media") {
		t.Fatalf("feeds add: got %q", out)
	}
	out = e.mustRun("", "feeds", "add", srv.URL+"/broken", "--side", "ru")
	if !strings.Contains(out, "127.0.0.1, ru_official") {
		t.Fatalf("feeds add with a default name: got %q", out)
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"feeds", "add", srv.URL + "/rss"}, "already added"},
		{[]string{"feeds", "add", "ftp://example.org/feed"}, "want an http or https URL"},
		{[]string{"feeds", "add", srv.URL + "/x", "--kind", "enemy"}, `kind "enemy"`},
		{[]string{"feeds", "add", srv.URL + "/x", "--kind", "official"}, "needs --side"},
		{[]string{"feeds", "add", srv.URL + "/x", "--side", "ua", "--kind", "media"}, "only official sources have a side"},
		{[]string{"feeds", "remove", "99"}, "feed 99 not found"},
	} {
		if _, errOut, err := e.run("", tc.args...); err == nil || !strings.Contains(errOut+err.Error(), tc.msg) {
			t.Errorf("%v: got %v, want an error with %q", tc.args, err, tc.msg)
		}
	}

	// Without the allow-list the guard refuses the local server.
	out, _, err := e.runEnv(nil, "feeds", "poll")
	if err == nil || !strings.Contains(out, "not a public address") {
		t.Fatalf("poll without allow-list: got %v\n%s", err, out)
	}

	e2 := newEnv(t)
	e2.mustRun("", "feeds", "add", srv.URL+"/rss", "--name", "Test News", "--kind", "media")
	e2.mustRun("", "feeds", "add", srv.URL+"/broken", "--name", "Broken")
	out, _, err = e2.runEnv(allow, "feeds", "poll")
	if err == nil || !strings.Contains(err.Error(), "1 of 2 feeds failed") {
		t.Fatalf("poll: got %v, want 1 of 2 feeds failed", err)
	}
	for _, want := range []string{"Test News (" + srv.URL + "/rss): 2 items, 2 new", "Broken (" + srv.URL + "/broken): error: ", "malformed feed", "2 feeds polled: 2 reports new, 0 duplicates, 2 events"} {
		if !strings.Contains(out, want) {
			t.Errorf("poll output lacks %q:\n%s", want, out)
		}
	}
	// The two reports tell of one strike: one event.
	if n := e2.countEvents(); n != 1 {
		t.Errorf("got %d events, want 1", n)
	}
	out = e2.mustRun("", "feeds", "list")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 3 || !strings.Contains(lines[0], "LAST ERROR") ||
		!strings.Contains(out, "Test News  media    2") || !strings.Contains(out, "malformed feed") || !strings.Contains(out, "(1 in a row)") {
		t.Errorf("feeds list:\n%s", out)
	}

	// Polling again adds nothing.
	out, _, _ = e2.runEnv(allow, "feeds", "poll")
	if !strings.Contains(out, "2 items, 0 new") || !strings.Contains(out, "0 reports new") {
		t.Errorf("second poll:\n%s", out)
	}
	out = e2.mustRun("", "feeds", "remove", "2")
	if !strings.Contains(out, "feed 2 removed") {
		t.Errorf("remove: %q", out)
	}
}

func TestIngestURL(t *testing.T) {
	e := newEnv(t)
	srv := newsSite(t)
	u, _ := url.Parse(srv.URL)
	allow := map[string]string{"FARSIGHT_FETCH_ALLOW_HOSTS": u.Host, "FARSIGHT_FETCH_HOST_DELAY": "0"}

	out, errOut, err := e.runEnv(allow, "ingest", "--source", "Test News", srv.URL+"/a/7")
	if err != nil {
		t.Fatalf("ingest URL: %v\n%s", err, errOut)
	}
	if want := srv.URL + "/a/7: 1 reports read, 1 new, 0 duplicates, 0 bad, 1 events"; !strings.Contains(out, want) {
		t.Fatalf("got %q, want %q", out, want)
	}
	// The same page again is a duplicate.
	out, _, _ = e.runEnv(allow, "ingest", srv.URL+"/a/7")
	if !strings.Contains(out, "0 new, 1 duplicates") {
		t.Fatalf("second ingest: got %q", out)
	}
	for _, tc := range []struct {
		vars map[string]string
		url  string
		msg  string
	}{
		{nil, srv.URL + "/a/8", "not a public address"},
		{allow, srv.URL + "/nothing", "HTTP 404"},
		{map[string]string{"FARSIGHT_FETCH_ALLOW_PRIVATE": "1"}, srv.URL + "/rss", "not a web page"},
		{map[string]string{"FARSIGHT_FETCH_HOST_DELAY": "soon"}, srv.URL + "/a/9", "FARSIGHT_FETCH_HOST_DELAY"},
	} {
		_, _, err := e.runEnv(tc.vars, "ingest", tc.url)
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: got %v, want %q", tc.url, err, tc.msg)
		}
	}
}
