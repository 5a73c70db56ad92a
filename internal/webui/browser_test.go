package webui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/farsight-osint/farsight/internal/cli"
)

var update = flag.Bool("update", false, "write the browser test's screenshot to docs/ui-event.png")

// xssMarkup is put into a report's title, source and text: it must reach
// the page as text, never as an element.
const xssMarkup = `<script>window.__xss=1</script>`

// chromium returns the path of the Debian chromium binary, skipping the
// test when it is missing, unless FARSIGHT_TEST_BROWSER_REQUIRED=1 (CI).
func chromium(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("FARSIGHT_TEST_BROWSER_REQUIRED") == "1" {
			t.Fatalf("chromium is required (FARSIGHT_TEST_BROWSER_REQUIRED=1) but not found: %v", err)
		}
		t.Skip("chromium not installed (apt-get install chromium); set FARSIGHT_TEST_BROWSER_REQUIRED=1 to fail instead")
	}
	return path
}

// TestBrowser runs `farsight serve --demo` (the real server, on
// 127.0.0.1:0, with a temporary database holding the bundled sample
// reports), posts a report carrying markup through the API, then loads the
// UI in headless Chromium: the seed article's event (Kaspiysk) opened by
// its deep link must show on the map and in the panel, and the markup must
// show as text. With -update the screenshot is written to
// docs/ui-event.png.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin := chromium(t)
	base := startServe(t)

	report, err := json.Marshal(map[string]string{
		"id":        "xss-test",
		"title":     "Drones hit Tuapse refinery " + xssMarkup,
		"source":    "test source " + xssMarkup,
		"published": "2024-11-08T09:00:00Z",
		"text": "Ukrainian drones struck the oil refinery in Tuapse, Krasnodar Krai, on November 7, 2024, " +
			"a fire broke out, the regional governor said " + xssMarkup + ". " +
			"Russia's Defense Ministry said its air defenses intercepted the drones " + xssMarkup + ".",
	})
	if err != nil {
		t.Fatal(err)
	}
	var posted struct {
		Reports []struct {
			Events []int64 `json:"events"`
		} `json:"reports"`
	}
	postJSON(t, base+"/api/v1/reports", report, &posted)
	if len(posted.Reports) != 1 || len(posted.Reports[0].Events) == 0 {
		t.Fatalf("the markup report gave no event: %+v", posted)
	}
	xssEvent := posted.Reports[0].Events[0]

	kaspiysk := findEvent(t, base, "Kaspiysk")

	t.Run("kaspiysk", func(t *testing.T) {
		shot := filepath.Join(t.TempDir(), "ui-event.png")
		dom := runChromium(t, bin, fmt.Sprintf("%s/#event=%d", base, kaspiysk), shot)
		// The map has the events, as markers or clusters.
		m := regexp.MustCompile(`id="map"[^>]*data-shown="(\d+)"`).FindStringSubmatch(dom)
		if m == nil {
			m = regexp.MustCompile(`data-shown="(\d+)"[^>]*id="map"`).FindStringSubmatch(dom)
		}
		if m == nil || m[1] == "0" {
			t.Errorf("the map shows no events (data-shown %v)", m)
		}
		if !strings.Contains(dom, "fs-event") && !strings.Contains(dom, "fs-cluster") {
			t.Errorf("no event marker or cluster in the DOM")
		}
		// The basemap and the front line came from the API.
		if !strings.Contains(dom, "fs-front") {
			t.Errorf("no front-line overlay in the DOM")
		}
		if !strings.Contains(dom, "DeepStateMap") || !strings.Contains(dom, "GeoNames") || !strings.Contains(dom, "Natural Earth") {
			t.Errorf("attribution missing from the map")
		}
		// The panel is open on the event.
		panel := between(dom, `id="panel"`, `</main>`)
		if panel == "" || strings.Contains(between(dom, `<section id="panel"`, `>`), "hidden") {
			t.Fatalf("the event panel is not open")
		}
		for _, want := range []string{"Kaspiysk", "drone strike", "Claims by source", "Distance checks", "inconsistent"} {
			if !strings.Contains(panel, want) {
				t.Errorf("the panel does not show %q", want)
			}
		}
		if !regexp.MustCompile(`class="where">Kaspiysk`).MatchString(panel) {
			t.Errorf("the panel's place is not Kaspiysk")
		}
		checkPNG(t, shot)
		if *update {
			if err := os.WriteFile("../../docs/ui-event.png", mustRead(t, shot), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("markup is text", func(t *testing.T) {
		dom := runChromium(t, bin, fmt.Sprintf("%s/#event=%d", base, xssEvent), "")
		panel := between(dom, `id="panel"`, `</main>`)
		if !strings.Contains(panel, "Tuapse") {
			t.Fatalf("the panel does not show the Tuapse event")
		}
		if strings.Contains(dom, "window.__xss=1</script>") {
			t.Errorf("the report's <script> became an element")
		}
		escaped := strings.ReplaceAll(strings.ReplaceAll(xssMarkup, "<", "&lt;"), ">", "&gt;")
		if n := strings.Count(panel, escaped); n < 2 {
			t.Errorf("the markup shows as text %d times in the panel, want at least 2 (title, source)", n)
		}
	})
}

const testToken = "browser-test-token-0123456789"

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

// startServe runs `farsight serve --demo` on 127.0.0.1:0 with a database
// in a temporary directory, as the binary does, and returns the server's
// base URL once it serves (after the samples are ingested). The server
// stops when the test ends.
func startServe(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	env := map[string]string{"FARSIGHT_API_TOKEN": testToken}
	m := cli.NewMain(func(k string) string { return env[k] }, strings.NewReader(""), stdout, stderr)
	done := make(chan error, 1)
	go func() {
		defer m.Close()
		done <- m.Run(ctx, []string{"--db", filepath.Join(t.TempDir(), "farsight.db"), "--log-level", "warn",
			"serve", "--addr", "127.0.0.1:0", "--demo"})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v\n%s", err, stderr)
			}
		case <-time.After(15 * time.Second):
			t.Errorf("serve did not stop within 15 s")
		}
	})
	serving := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/`)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if m := serving.FindStringSubmatch(stdout.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve exited: %v\nstdout: %s\nstderr: %s", err, stdout, stderr)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start within 2 minutes\nstdout: %s\nstderr: %s", stdout, stderr)
		}
	}
}

// findEvent returns the ID of the event placed at place, through the API.
func findEvent(t *testing.T, base, place string) int64 {
	t.Helper()
	var fc struct {
		Features []struct {
			Properties struct {
				ID    int64  `json:"id"`
				Place string `json:"place"`
			} `json:"properties"`
		} `json:"features"`
	}
	getJSON(t, base+"/api/v1/events?format=geojson&limit=1000", &fc)
	for _, f := range fc.Features {
		if f.Properties.Place == place {
			return f.Properties.ID
		}
	}
	t.Fatalf("no event at %s among %d", place, len(fc.Features))
	return 0
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, b)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

func postJSON(t *testing.T, url string, body []byte, v any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("POST %s: %d %s", url, res.StatusCode, b)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
}

// runChromium loads url in headless Chromium and returns the DOM once the
// page has settled (virtual time: timers run fast, and the clock waits
// for pending network requests); with shot != "", it also saves a
// screenshot there.
func runChromium(t *testing.T, bin, url, shot string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-dev-shm-usage", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(),
		"--virtual-time-budget=20000",
		"--window-size=1400,900",
	}
	if shot != "" {
		args = append(args, "--screenshot="+shot)
	} else {
		args = append(args, "--dump-dom")
	}
	args = append(args, url)
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, tail(stderr.String(), 2000))
	}
	if shot == "" {
		return stdout.String()
	}
	// Screenshot and DOM come from two loads of the same page.
	return runChromium(t, bin, url, "")
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	b := mustRead(t, path)
	if len(b) < 10_000 || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("screenshot %s: %d bytes, not a plausible PNG", path, len(b))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// between returns the text of s from the first start to the next end
// after it, "" when start is missing.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
