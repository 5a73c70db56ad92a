package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/farsight-osint/farsight/internal/cli"
	"github.com/farsight-osint/farsight/internal/fake"
)

// lockedBuffer is a bytes.Buffer safe for a writer and a reader at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

const testToken = "serve-test-token-0123456789"

// startServe runs farsight serve on 127.0.0.1:0 with the fake extractor
// and returns the server's URL and a function that stops it and returns
// what Run returned and printed.
func startServe(t *testing.T, db string, env map[string]string, args ...string) (string, func() (error, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	m := cli.NewMain(func(k string) string { return env[k] }, strings.NewReader(""), stdout, stderr)
	m.Extractor = fake.Extractor{}
	m.NoEnrich = true
	done := make(chan error, 1)
	go func() {
		defer m.Close()
		done <- m.Run(ctx, append([]string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, args...))
	}()
	serving := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/)`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := serving.FindStringSubmatch(stdout.String()); m != nil {
			stop := func() (error, string) {
				cancel()
				select {
				case err := <-done:
					return err, stdout.String()
				case <-time.After(15 * time.Second):
					t.Fatal("serve did not stop within 15 s of the interrupt")
					return nil, ""
				}
			}
			t.Cleanup(func() { cancel() })
			return m[1], stop
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve exited: %v\nstdout: %s\nstderr: %s", err, stdout, stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start\nstdout: %s\nstderr: %s", stdout, stderr)
		}
	}
}

func httpDo(t *testing.T, method, url, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestServe starts the real server on a free port with a temporary
// database, ingests a report through the API, sees its event, and stops it
// with the context, as an interrupt does.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	url, stop := startServe(t, filepath.Join(dir, "f.db"), map[string]string{"FARSIGHT_API_TOKEN": testToken})

	if code, body := httpDo(t, "GET", url+"healthz", "", ""); code != 200 || !strings.Contains(body, `"ok"`) {
		t.Fatalf("healthz: %d %s", code, body)
	}
	if code, body := httpDo(t, "POST", url+"api/v1/reports", "", `{"text": "x"}`); code != 401 {
		t.Errorf("POST without a token: %d %s", code, body)
	}
	code, body := httpDo(t, "POST", url+"api/v1/reports", testToken, `{"id": "r1", "source": "Kyiv Post", "text": "Drones.\nEVENT drone_strike 42.88 47.64 2024-11-06 ukraine\n"}`)
	if code != 200 || !strings.Contains(body, `"new":1`) {
		t.Fatalf("POST: %d %s", code, body)
	}
	code, body = httpDo(t, "GET", url+"api/v1/events?bbox=47,42,48,43&from=2024-11-01&to=2024-11-30", "", "")
	var page struct {
		Events []struct {
			ID    int64  `json:"id"`
			Actor string `json:"actor"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(body), &page); code != 200 || err != nil || len(page.Events) != 1 || page.Events[0].Actor != "ukraine" {
		t.Fatalf("events: %d %s", code, body)
	}
	if code, body := httpDo(t, "GET", url+"metrics", "", ""); code != 200 || !strings.Contains(body, `farsight_ingest_reports_total{result="new"} 1`) ||
		!strings.Contains(body, "farsight_extract_seconds_count 1") || !strings.Contains(body, "farsight_queue_depth 0") {
		t.Errorf("metrics: %d %s", code, body)
	}
	if code, body := httpDo(t, "GET", url, "", ""); code != 200 || !strings.Contains(strings.ToLower(body), "<!doctype html") {
		t.Errorf("web UI: %d %.200s", code, body)
	}
	err, out := stop()
	if err != nil {
		t.Fatalf("serve returned %v", err)
	}
	if !strings.Contains(out, "farsight: stopped") {
		t.Errorf("stdout: %s", out)
	}
}

func TestServeDemo(t *testing.T) {
	url, stop := startServe(t, filepath.Join(t.TempDir(), "f.db"), nil, "--demo")
	code, body := httpDo(t, "GET", url+"api/v1/reports?limit=1", "", "")
	if code != 200 || !strings.Contains(body, `"total":11`) {
		t.Errorf("reports: %d %s", code, body)
	}
	// Without a token, writing is refused.
	if code, body := httpDo(t, "POST", url+"api/v1/reports", testToken, `{"text": "x"}`); code != 403 {
		t.Errorf("POST without a configured token: %d %s", code, body)
	}
	err, out := stop()
	if err != nil || !strings.Contains(out, "ingested 12 sample reports (11 new") {
		t.Errorf("got %v; stdout %s", err, out)
	}
}

func TestServeTokens(t *testing.T) {
	e := newEnv(t)
	short := e.write("short", "abc\n")
	empty := e.write("empty", "\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--token-file", short}, "the API token is 3 bytes; use at least 16"},
		{[]string{"serve", "--token-file", empty}, "is empty"},
		{[]string{"serve", "--token-file", filepath.Join(e.dir, "missing")}, "token file"},
		{[]string{"serve", "--addr", "127.0.0.1:notaport"}, "listen on 127.0.0.1:notaport"},
	} {
		_, _, err := e.run("", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: got %v, want %q", tc.args, err, tc.want)
		}
	}
}

// TestServeFeeds starts the real server with two feeds added, one of them
// broken, served by a local site that is explicitly allowed, and sees the
// events of the good feed's articles appear through the API while the
// broken feed's error shows in its health.
func TestServeFeeds(t *testing.T) {
	e := newEnv(t)
	site := newsSite(t)
	u, _ := url.Parse(site.URL)
	e.mustRun("", "feeds", "add", site.URL+"/rss", "--name", "Test News", "--kind", "media")
	e.mustRun("", "feeds", "add", site.URL+"/broken", "--name", "Broken")

	srv, stop := startServe(t, e.db, map[string]string{"FARSIGHT_FETCH_ALLOW_HOSTS": u.Host, "FARSIGHT_FETCH_HOST_DELAY": "0"})
	deadline := time.Now().Add(60 * time.Second)
	var body string
	for {
		var code int
		code, body = httpDo(t, "GET", srv+"api/v1/reports", "", "")
		if code == 200 && strings.Count(body, `"external_id"`) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the feed's two articles did not arrive within 60 s: %s", body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(body, "Test News") || !strings.Contains(body, site.URL+"/a/1") {
		t.Errorf("reports: %.500s", body)
	}
	// The two articles tell one strike: one event with two sources.
	code, body := httpDo(t, "GET", srv+"api/v1/events?from=2024-11-06&to=2024-11-06&format=geojson", "", "")
	if code != 200 || strings.Count(body, `"type":"Feature"`) != 1 {
		t.Fatalf("events: %d %s", code, body)
	}
	if err, _ := stop(); err != nil {
		t.Fatalf("serve returned %v", err)
	}
	list := e.mustRun("", "feeds", "list")
	if !strings.Contains(list, "Broken") || !strings.Contains(strings.ToLower(list), "error") {
		t.Errorf("feeds list does not show the broken feed's error:\n%s", list)
	}
}
