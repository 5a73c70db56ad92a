package cli_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

// TestIngestTelegram ingests a Telegram Desktop channel export twice into
// a real SQLite database: the second time adds nothing.
func TestIngestTelegram(t *testing.T) {
	e := newEnv(t)
	export, err := os.ReadFile("../ingest/telegram/testdata/channel.json")
	if err != nil {
		t.Fatal(err)
	}
	path := e.write("result.json", string(export))
	// 9 messages with text; the two "Тривога!" alerts, days apart, have
	// one content hash and are stored once.
	out := e.mustRun("", "ingest", path)
	for _, want := range []string{
		path + ": 2 messages without text and 2 service messages skipped\n",
		path + ": 9 reports read, 8 new, 1 duplicates, 0 bad, 0 events\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("first ingest: got %q, want %q", out, want)
		}
	}
	out = e.mustRun("", "ingest", path)
	if want := "9 reports read, 0 new, 9 duplicates, 0 bad"; !strings.Contains(out, want) {
		t.Errorf("second ingest: got %q, want %q", out, want)
	}

	ctx := context.Background()
	db := sqlite.NewDB(e.db)
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reports, n, err := sqlite.NewReportService(db).FindReports(ctx, farsight.ReportFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if n != 8 {
		t.Fatalf("got %d reports stored, want 8", n)
	}
	byID := map[string]*farsight.Report{}
	for _, r := range reports {
		if r.SourceName != "Моніторинг Південь" {
			t.Errorf("report %s: got source %q", r.ExternalID, r.SourceName)
		}
		byID[r.ExternalID] = r
	}
	// The first alert is kept; the second one is its duplicate.
	if r := byID["telegram:1987654321/8"]; r == nil || !r.Published.Equal(time.Date(2024, 11, 7, 1, 41, 9, 0, time.UTC)) {
		t.Errorf("first alert: got %+v", r)
	}
	if r := byID["telegram:1987654321/11"]; r != nil {
		t.Errorf("second alert stored: %+v", r)
	}
	if r := byID["telegram:1987654321/3"]; r == nil || !strings.HasSuffix(r.Text, "#Dagestan\n\nhttps://x.com/example_osint/status/1854000000000000000") {
		t.Errorf("text link: got %+v", r)
	}
}

// TestIngestTelegramFormat reads exports from stdin with --format
// telegram, and checks that JSON reports in a .json file are still JSONL.
func TestIngestTelegramFormat(t *testing.T) {
	e := newEnv(t)
	in := `{"name": "Test", "type": "public_channel", "id": 42, "messages": [
  {"id": 1, "type": "message", "date_unixtime": "1730880000", "text": ["Drones hit the depot.\n", {"type": "code", "text": "EVENT drone_strike 46.48 30.73 2024-11-06"}]},
  {"id": 2, "type": "message", "date_unixtime": "1730880000", "text": 5},
  {"id": 3, "type": "message", "date_unixtime": "1730880060", "text": "EVENT missile_strike 44.6 33.5 2024-11-06"}
 ]}`
	out, errOut, err := e.run(in, "ingest", "--format", "Telegram", "-")
	if err == nil || !strings.Contains(err.Error(), "1 bad lines skipped") {
		t.Fatalf("got error %v, want 1 bad line", err)
	}
	if want := `stdin:3: message 2 (messages[1]): field "text" must be a string or an array`; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q lacks %q", errOut, want)
	}
	if want := "stdin: 2 reports read, 2 new, 0 duplicates, 1 bad, 2 events\n"; !strings.Contains(out, want) {
		t.Errorf("got %q, want %q", out, want)
	}
	// A truncated export keeps the messages before the cut.
	out, errOut, _ = e.run(in[:strings.Index(in, `{"id": 3`)+20], "ingest", "--format", "telegram", "-")
	if !strings.Contains(errOut, "stdin:4: the export ends inside messages[2]") || !strings.Contains(out, "1 reports read, 0 new, 1 duplicates, 2 bad") {
		t.Errorf("truncated: got %q, stderr %q", out, errOut)
	}
	// Not an export at all.
	if _, _, err := e.run(`[1, 2]`, "ingest", "--format", "telegram", "-"); err == nil || !strings.Contains(err.Error(), "not a Telegram Desktop chat export") {
		t.Errorf("array: got %v", err)
	}
	// A .json file of JSON reports is JSONL, as before.
	path := e.write("reports.json", `{"id": "a", "text": "EVENT drone_strike 42.88 47.64 2024-11-06", "type": "news"}`+"\n")
	if out := e.mustRun("", "ingest", path); !strings.Contains(out, "1 reports read, 1 new, 0 duplicates, 0 bad, 1 events") {
		t.Errorf("JSONL in a .json file: got %q", out)
	}
	// extract reads exports too, with the message ids.
	path = e.write("result.json", in)
	out, _, _ = e.run("", "extract", path)
	if !strings.Contains(out, `{"id":"telegram:42/1","events":[`) || !strings.Contains(out, `{"id":"telegram:42/3","events":[`) {
		t.Errorf("extract: got %q", out)
	}
}
