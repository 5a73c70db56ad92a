package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/cli"
	"github.com/farsight-osint/farsight/internal/fake"
)

// env is one test's farsight installation: a temporary database and the
// fake extractor.
type env struct {
	t   *testing.T
	dir string
	db  string
	// enrich turns on the real enricher (bundled geometry).
	enrich bool
	// extractor replaces the fake extractor when set.
	extractor farsight.Extractor
}

func newEnv(t *testing.T) *env {
	dir := t.TempDir()
	return &env{t: t, dir: dir, db: filepath.Join(dir, "farsight.db")}
}

// run runs farsight with args and stdin; it returns stdout, stderr and
// whether the command succeeded.
func (e *env) run(stdin string, args ...string) (string, string, error) {
	e.t.Helper()
	var stdout, stderr bytes.Buffer
	m := cli.NewMain(func(string) string { return "" }, strings.NewReader(stdin), &stdout, &stderr)
	m.Extractor = fake.Extractor{}
	if e.extractor != nil {
		m.Extractor = e.extractor
	}
	m.NoEnrich = !e.enrich
	defer m.Close()
	err := m.Run(context.Background(), append([]string{"--db", e.db}, args...))
	return stdout.String(), stderr.String(), err
}

func (e *env) mustRun(stdin string, args ...string) string {
	e.t.Helper()
	out, errOut, err := e.run(stdin, args...)
	if err != nil {
		e.t.Fatalf("farsight %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut)
	}
	return out
}

func (e *env) write(name, content string) string {
	e.t.Helper()
	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// countEvents returns how many events events list --json shows.
func (e *env) countEvents(args ...string) int {
	e.t.Helper()
	var page struct {
		Events []*farsight.Event `json:"events"`
	}
	out := e.mustRun("", append([]string{"events", "list", "--json", "--limit", "1000"}, args...)...)
	if err := json.Unmarshal([]byte(out), &page); err != nil {
		e.t.Fatalf("events list --json: %v\n%s", err, out)
	}
	return len(page.Events)
}

func TestIngestText(t *testing.T) {
	e := newEnv(t)
	path := e.write("article.txt", "Headline\nEVENT drone_strike 42.88 47.64 2024-11-06\n")
	out := e.mustRun("", "ingest", "--published", "2024-11-06", "--source", "Kyiv Post", path)
	if want := path + ": 1 reports read, 1 new, 0 duplicates, 0 bad, 1 events\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
	// Again: a duplicate, nothing new.
	out = e.mustRun("", "ingest", path)
	if !strings.Contains(out, "1 reports read, 0 new, 1 duplicates, 0 bad, 0 events") {
		t.Fatalf("second ingest: %q", out)
	}
	if n := e.countEvents(); n != 1 {
		t.Fatalf("got %d events, want 1", n)
	}
	// From stdin.
	out = e.mustRun("Another report\nEVENT missile_strike 46.48 30.73 2024-11-07\n", "ingest", "-")
	if !strings.Contains(out, "stdin: 1 reports read, 1 new") {
		t.Fatalf("stdin ingest: %q", out)
	}
	if n := e.countEvents(); n != 2 {
		t.Fatalf("got %d events, want 2", n)
	}
}

func TestIngestJSONLBadLines(t *testing.T) {
	e := newEnv(t)
	path := e.write("r.jsonl", `{"id": "1", "text": "EVENT drone_strike 42.88 47.64 2024-11-06"}
{"id": "2", "text": "EVENT drone_strike 42.88 47.64 2024-11-06"}
not json
{"id": "4", "text": ""}
{"id": "5", "text": "EVENT artillery 48.0 37.8 2024-11-05", "published": "2024-11-05"}
`)
	out, errOut, err := e.run("", "ingest", path)
	if err == nil || !strings.Contains(err.Error(), "2 bad lines skipped") {
		t.Fatalf("got error %v, want 2 bad lines", err)
	}
	for _, want := range []string{path + ":3: not JSON", path + ":4: report text required"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %q", errOut, want)
		}
	}
	if want := path + ": 3 reports read, 2 new, 1 duplicates, 2 bad, 2 events\n"; out != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

func TestIngestCSV(t *testing.T) {
	e := newEnv(t)
	path := e.write("r.csv", "id,text,source,published\n"+
		"a,\"EVENT drone_strike 42.88 47.64 2024-11-06\",Kyiv Post,2024-11-06\n"+
		"b,\"Multi-line\nEVENT missile_strike 44.6 33.5 2024-11-07\",RIA,2024-11-07\n"+
		"c,bad date,,yesterday\n")
	out, errOut, err := e.run("", "ingest", path)
	if err == nil || !strings.Contains(errOut, path+":5: published \"yesterday\" is not a date") {
		t.Fatalf("got %v, stderr %q", err, errOut)
	}
	if !strings.Contains(out, "2 reports read, 2 new, 0 duplicates, 1 bad, 2 events") {
		t.Fatalf("got %q", out)
	}
	if n := e.countEvents("--bbox", "33,44,34,45"); n != 1 {
		t.Fatalf("got %d events in the Sevastopol box, want 1", n)
	}
}

func TestIngestEmpty(t *testing.T) {
	e := newEnv(t)
	for _, name := range []string{"empty.jsonl", "empty.txt"} {
		path := e.write(name, "")
		out := e.mustRun("", "ingest", path)
		if !strings.Contains(out, "0 reports read, 0 new") {
			t.Fatalf("%s: got %q", name, out)
		}
	}
	_, _, err := e.run("", "ingest", e.write("empty.csv", ""))
	if err == nil || !strings.Contains(err.Error(), "CSV input is empty") {
		t.Fatalf("empty CSV: got %v", err)
	}
	_, _, err = e.run("", "ingest", filepath.Join(e.dir, "missing.jsonl"))
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("missing file: got %v", err)
	}
}

// TestIngestHuge ingests 50 MB of JSONL and checks that it streams: the
// heap stays far below the input size.
//
// It runs in a process of its own: a collection's live heap also counts
// what was allocated while it marked, and with the 200 MB that the
// package's other tests leave alive, marking is long enough for that to
// decide the result (35-47 MB of growth here against 22 MB alone).
func TestIngestHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("huge input")
	}
	if os.Getenv("FARSIGHT_TEST_INGEST_HUGE") != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestIngestHuge$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), "FARSIGHT_TEST_INGEST_HUGE=1")
		out, err := cmd.CombinedOutput()
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if strings.Contains(line, "main_test.go") {
				t.Log(strings.TrimSpace(line))
			}
		}
		if err != nil {
			t.Fatalf("ingest in its own process: %v\n%s", err, out)
		}
		return
	}
	e := newEnv(t)
	const n, size = 1000, 53 << 10
	path := filepath.Join(e.dir, "huge.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// English filler: the letters decide its language, so the n-gram
	// model of internal/lang (a fixed cost of its own, docs/language.md)
	// stays unloaded and the heap measures the streaming alone.
	filler := strings.Repeat("the drones hit it ", size/18)
	for i := range n {
		// Places 33 km and more apart: a thousand events, not one event
		// of a thousand reports (whose size is no part of streaming).
		lat, lon := 44+float64(i%40)*0.3, 25+float64(i/40)*0.5
		fmt.Fprintf(f, `{"id": "%d", "text": "report %d\nEVENT drone_strike %.1f %.1f 2024-11-06\n%s"}`+"\n", i, i, lat, lon, filler)
	}
	f.Close()
	if st, _ := os.Stat(path); st.Size() < 50<<20 {
		t.Fatalf("input is %d bytes, want at least 50 MB", st.Size())
	}

	// The heap other tests left alive (the gazetteer, language models kept
	// by lingua-go's own caches) is no part of streaming: measure the
	// growth of the live heap (what the last collection kept, garbage not
	// counted) over it. A low GC target makes collections frequent, so
	// that the live heap is sampled often.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	runtime.GC()
	metrics.Read(live)
	base := live[0].Value.Uint64()
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > max {
				max = v
			}
			select {
			case <-done:
				peak <- max
				return
			case <-tick.C:
			}
		}
	}()
	out := e.mustRun("", "ingest", "--batch", "100", path)
	close(done)
	p := <-peak
	if grew := p - min(base, p); grew > 40<<20 {
		t.Errorf("live heap grew by %d MB ingesting 50 MB (from %d MB)", grew>>20, base>>20)
	} else {
		t.Logf("live heap grew by %d MB ingesting 50 MB (from %d MB)", grew>>20, base>>20)
	}
	if !strings.Contains(out, fmt.Sprintf("%d reports read, %d new, 0 duplicates, 0 bad, %d events", n, n, n)) {
		t.Fatalf("got %q", out)
	}
}

func TestExtract(t *testing.T) {
	e := newEnv(t)
	in := `{"id": "a", "text": "x\nEVENT drone_strike 42.88 47.64 2024-11-06\nEVENT interception 42.9 47.6 2024-11-06", "published": "2024-11-06"}
{"id": "b", "text": "nothing"}
{"id": "c", "text": ""}
`
	out := e.mustRun(in, "extract")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want one per input id:\n%s", len(lines), out)
	}
	var first struct {
		ID     string           `json:"id"`
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "a" || len(first.Events) != 2 {
		t.Fatalf("got %+v", first)
	}
	ev := first.Events[0]
	for _, k := range []string{"lat", "lon", "place", "country", "date", "type", "geo_precision", "confidence"} {
		if _, ok := ev[k]; !ok {
			t.Errorf("event lacks contract key %q: %v", k, ev)
		}
	}
	if ev["date"] != "2024-11-06" || ev["type"] != "drone_strike" || ev["lat"] != 42.88 {
		t.Errorf("got event %v", ev)
	}
	for i, want := range []string{`{"id":"b","events":[]}`, `{"id":"c","events":[]}`} {
		if lines[i+1] != want {
			t.Errorf("line %d: got %s, want %s", i+2, lines[i+1], want)
		}
	}
	// Nothing was stored.
	if _, err := os.Stat(e.db); err == nil {
		if n := e.countEvents(); n != 0 {
			t.Fatalf("extract stored %d events", n)
		}
	}
}

func TestEventsShowAndExport(t *testing.T) {
	e := newEnv(t)
	e.mustRun("Kaspiysk report\nEVENT drone_strike 42.88 47.64 2024-11-06\n", "ingest", "--source", "Kyiv Post", "--published", "2024-11-06", "-")
	e.mustRun("Odesa report\nEVENT missile_strike 46.48 30.73 2024-11-07\n", "ingest", "-")

	list := e.mustRun("", "events", "list")
	if !strings.Contains(list, "drone_strike") || !strings.Contains(list, "missile_strike") {
		t.Fatalf("events list: %s", list)
	}
	show := e.mustRun("", "events", "show", "1")
	for _, want := range []string{"Event 1: drone_strike", "2024-11-06", "report 1 (Kyiv Post, 2024-11-06)", `"EVENT drone_strike 42.88 47.64 2024-11-06"`} {
		if !strings.Contains(show, want) {
			t.Errorf("events show lacks %q:\n%s", want, show)
		}
	}
	_, _, err := e.run("", "events", "show", "99")
	if farsight.ErrorCode(err) != farsight.ENOTFOUND {
		t.Fatalf("show missing: got %v", err)
	}

	jsonl := e.mustRun("", "events", "export", "--format", "jsonl")
	if n := strings.Count(jsonl, "\n"); n != 2 {
		t.Fatalf("jsonl export has %d lines:\n%s", n, jsonl)
	}
	var ev farsight.Event
	if err := json.Unmarshal([]byte(strings.SplitN(jsonl, "\n", 2)[0]), &ev); err != nil || len(ev.Claims) != 1 {
		t.Fatalf("jsonl export line: %v %+v", err, ev)
	}

	csvOut := e.mustRun("", "events", "export", "--format", "csv", "--type", "drone_strike")
	if lines := strings.Split(strings.TrimSpace(csvOut), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "id,date,") {
		t.Fatalf("csv export:\n%s", csvOut)
	}

	path := filepath.Join(e.dir, "events.geojson")
	e.mustRun("", "events", "export", "--format", "geojson", "-o", path)
	buf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("geojson: %v %s", err, buf)
	}
	if c := fc.Features[1].Geometry.Coordinates; len(c) != 2 || c[0] != 47.64 || c[1] != 42.88 {
		t.Fatalf("geojson coordinates are not [lon, lat]: %v", c)
	}
}

func TestErrors(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"events", "list", "--bbox", "1,2,3"}, "want min_lon,min_lat,max_lon,max_lat"},
		{[]string{"events", "list", "--from", "2024-13-01"}, "not YYYY-MM-DD"},
		{[]string{"events", "list", "--type", "bombing"}, "unknown event type"},
		{[]string{"events", "list", "--limit", "5000"}, "limit must be between"},
		{[]string{"events", "export", "--format", "xml"}, `export format "xml"`},
		{[]string{"events", "show", "x"}, "is not a number"},
		{[]string{"ingest", "--format", "xml", "-"}, "unknown input format"},
		{[]string{"ingest", "--published", "soon", "-"}, "is not a date"},
		{[]string{"--log-level", "loud", "version"}, "log level"},
		{[]string{"nosuch"}, "unknown command"},
		{[]string{"events", "list", "--nosuch"}, "unknown flag"},
	} {
		_, _, err := e.run("", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("farsight %s: got %v, want an error with %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
}

// TestRun checks the exit code and the one-line error of the binary's entry.
func TestRun(t *testing.T) {
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string {
		if k == "FARSIGHT_DB" {
			return filepath.Join(t.TempDir(), "env.db")
		}
		return ""
	}
	if code := cli.Run(context.Background(), []string{"db", "migrate"}, getenv, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("db migrate: exit %d, stderr %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "env.db: schema up to date") {
		t.Fatalf("FARSIGHT_DB not used: %s", stdout.String())
	}
	stderr.Reset()
	code := cli.Run(context.Background(), []string{"events", "show", "1", "--db", filepath.Join(t.TempDir(), "x.db")}, getenv, strings.NewReader(""), io.Discard, &stderr)
	if code == 0 || stderr.String() != "farsight: event 1 not found\n" {
		t.Fatalf("got exit %d, stderr %q", code, stderr.String())
	}
}

func TestDemo(t *testing.T) {
	var stdout bytes.Buffer
	m := cli.NewMain(func(string) string { return "" }, strings.NewReader(""), &stdout, io.Discard)
	defer m.Close()
	if err := m.Run(context.Background(), []string{"demo"}); err != nil {
		t.Fatal(err)
	}
	// The real extractor and enricher on the seed article: one event with
	// the promised geography and checks.
	for _, want := range []string{
		"Ingested 12 sample reports: 11 new, 1 duplicates",
		"Event 1: drone_strike by ukraine",
		"place          Kaspiysk, Dagestan, RU",
		"marine_region  Caspian Sea",
		"front_km       969.8 (russian_held side; front line of 2024-11-06)",
		"border_km      825.1",
		"record         first drone_strike by ukraine in the Caspian Sea",
		"check: inconsistent — quoted 1497 km",
		"over 1000 km from frontline",
		`naval_vessel ×1 "Tatarstan"`,
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("demo output:\n%s", stdout.String())
	}
}

// TestEval runs the eval command on the scorer's fixtures and compares its
// output with what score.py printed for the same files (golden files made
// by internal/eval's tests with python3).
func TestEval(t *testing.T) {
	e := newEnv(t)
	for _, name := range []string{"events", "badlines", "json1"} {
		gold, pred := "../eval/testdata/gold.jsonl", "../eval/testdata/pred_"+name+".jsonl"
		want, err := os.ReadFile("../eval/testdata/" + name + ".golden.txt")
		if err != nil {
			t.Fatal(err)
		}
		got := e.mustRun("", "eval", gold, pred)
		// The first two lines name the files as they were given.
		strip := func(s string) string { return strings.SplitN(s, "\n", 3)[2] }
		if strip(got) != strip(string(want)) {
			t.Errorf("%s: eval output differs from score.py's:\n got:\n%s\nwant:\n%s", name, got, want)
		}
		js := e.mustRun("", "eval", "--json", gold, pred)
		var a, b map[string]any
		wantJSON, err := os.ReadFile("../eval/testdata/" + name + ".golden.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(js), &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(wantJSON, &b); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(a["overall"]) != fmt.Sprint(b["overall"]) || fmt.Sprint(a["per_dataset"]) != fmt.Sprint(b["per_dataset"]) {
			t.Errorf("%s: eval --json figures differ from score.py's", name)
		}
	}
	if _, _, err := e.run("", "eval", "nosuch.jsonl", "x.jsonl"); err == nil || !strings.Contains(err.Error(), "gold file") {
		t.Fatalf("missing gold: got %v", err)
	}
}

// TestEnrichAndFrontlineImport ingests events with the real enricher, then
// imports a front line of the user's and checks that the stored events were
// enriched again with it; a malformed file changes nothing.
func TestEnrichAndFrontlineImport(t *testing.T) {
	e := newEnv(t)
	e.enrich = true
	e.mustRun("Kaspiysk\nEVENT drone_strike 42.88165 47.63919 2026-10-01 ukraine\n", "ingest", "-")
	show := e.mustRun("", "events", "show", "1")
	for _, want := range []string{"marine_region  Caspian Sea", "border_km      825.1", "front line of 2026-08-22", "in_occupied    false"} {
		if !strings.Contains(show, want) {
			t.Fatalf("events show lacks %q:\n%s", want, show)
		}
	}
	// A user's snapshot dated after the bundled ones: a small occupied
	// square far from the real front, near Kyiv.
	good := e.write("occupied_2026-09-15.geojson", `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[30.0,50.0],[30.2,50.0],[30.2,50.2],[30.0,50.2],[30.0,50.0]]]}}`)
	bad := e.write("broken_2026-09-20.geojson", `{"type":"Polygon","coordinates":[[[30,50],[31,50]]]}`)
	dir := filepath.Join(e.dir, "snaps")
	os.Mkdir(dir, 0o755)
	os.Rename(good, filepath.Join(dir, filepath.Base(good)))
	os.Rename(bad, filepath.Join(dir, filepath.Base(bad)))
	_, _, err := e.run("", "frontline", "import", dir)
	if err == nil || !strings.Contains(err.Error(), "broken_2026-09-20.geojson") {
		t.Fatalf("malformed file: got %v", err)
	}
	if out := e.mustRun("", "frontline", "list"); !strings.Contains(out, "no imported snapshots") {
		t.Fatalf("a failed import stored something: %s", out)
	}
	os.Remove(filepath.Join(dir, filepath.Base(bad)))
	out := e.mustRun("", "frontline", "import", dir)
	if !strings.Contains(out, "imported 1 snapshots") || !strings.Contains(out, "enriched 1 stored events again") {
		t.Fatalf("import: %s", out)
	}
	show = e.mustRun("", "events", "show", "1")
	if !strings.Contains(show, "front line of 2026-09-15") {
		t.Fatalf("event not enriched with the imported snapshot:\n%s", show)
	}
	reach := e.mustRun("", "stats", "reach", "--format", "csv")
	if !strings.Contains(reach, "2026-10,ukraine,1,") {
		t.Fatalf("reach:\n%s", reach)
	}
}

// newer is the fake extractor under another version.
type newer struct{ fake.Extractor }

func (newer) Version() string { return "fake-2" }

func TestReextract(t *testing.T) {
	e := newEnv(t)
	e.mustRun("Kaspiysk, first report\nEVENT drone_strike 42.88 47.64 2024-11-06 ukraine\n", "ingest", "--source", "Kyiv Post", "-")
	e.mustRun("Kaspiysk, second report\nEVENT drone_strike 42.881 47.641 2024-11-06 ukraine\n", "ingest", "--source", "Reuters", "-")
	if n := e.countEvents(); n != 1 {
		t.Fatalf("%d events before, want the two reports merged into 1", n)
	}
	if out := e.mustRun("", "reextract"); !strings.HasPrefix(out, "0 reports read") {
		t.Fatalf("reextract with the same extractor: %s", out)
	}
	e.extractor = newer{}
	if out := e.mustRun("", "reextract"); !strings.HasPrefix(out, "2 reports read by extractor fake-2: 2 events") {
		t.Fatalf("reextract with a newer extractor: %s", out)
	}
	if n := e.countEvents(); n != 1 {
		t.Fatalf("%d events after, want 1", n)
	}
	show := e.mustRun("", "events", "show", "1")
	if !strings.Contains(show, "Kyiv Post") || !strings.Contains(show, "Reuters") {
		t.Errorf("event 1 lost a report:\n%s", show)
	}
	if out := e.mustRun("", "reextract"); !strings.HasPrefix(out, "0 reports read") {
		t.Fatalf("second reextract: %s", out)
	}
	if out := e.mustRun("", "reextract", "--all"); !strings.HasPrefix(out, "2 reports read") {
		t.Fatalf("reextract --all: %s", out)
	}
	if n := e.countEvents(); n != 1 {
		t.Fatalf("%d events after --all, want 1", n)
	}
}
