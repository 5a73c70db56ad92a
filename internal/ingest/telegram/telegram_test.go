package telegram_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/farsight-osint/farsight/internal/ingest/telegram"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// result is everything a reader gave for one input.
type result struct {
	Records []entry          `json:"records"`
	Fatal   string           `json:"fatal,omitempty"`
	Channel telegram.Channel `json:"channel"`
	Stats   telegram.Stats   `json:"stats"`
}

// entry is one report or one bad message.
type entry struct {
	Line   int              `json:"line"`
	Report *farsight.Report `json:"report,omitempty"`
	Error  string           `json:"error,omitempty"`
}

// read reads in to the end.
func read(t *testing.T, in io.Reader, o local.Options) result {
	t.Helper()
	r, err := telegram.NewReader(in, o)
	if err != nil {
		t.Fatal(err)
	}
	var res result
	for range 100000 {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		var le *local.LineError
		if errors.As(err, &le) {
			res.Records = append(res.Records, entry{Line: le.Line, Error: le.Err.Error()})
			continue
		}
		if err != nil {
			res.Fatal = err.Error()
			if _, again := r.Next(); again == nil || again.Error() != err.Error() {
				t.Fatalf("after the fatal %v, Next gives %v", err, again)
			}
			break
		}
		if err := rec.Report.Validate(); err != nil {
			t.Fatalf("line %d: invalid report: %v", rec.Line, err)
		}
		res.Records = append(res.Records, entry{Line: rec.Line, Report: rec.Report})
	}
	res.Channel, res.Stats = r.Channel(), r.Stats()
	return res
}

// TestGolden reads each testdata/<case>.json and compares what it gives
// with testdata/<case>.golden.json; -update rewrites those.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			res := read(t, f, local.Options{})
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(path, ".json") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", path, golden, diff)
			}
		})
	}
	if n == 0 {
		t.Fatal("no testdata")
	}
}

// TestChannel checks the decisions the golden file records.
func TestChannel(t *testing.T) {
	f, err := os.Open("testdata/channel.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res := read(t, f, local.Options{Source: "ignored: the export names its channel"})
	if want := (telegram.Channel{Name: "Моніторинг Південь", Type: "public_channel", ID: "1987654321"}); res.Channel != want {
		t.Errorf("got channel %+v, want %+v", res.Channel, want)
	}
	if want := (telegram.Stats{Messages: 13, Reports: 9, Service: 2, Empty: 2}); res.Stats != want {
		t.Errorf("got stats %+v, want %+v", res.Stats, want)
	}
	byID := map[string]*farsight.Report{}
	for _, e := range res.Records {
		if e.Report == nil {
			t.Fatalf("line %d: %s", e.Line, e.Error)
		}
		byID[strings.TrimPrefix(e.Report.ExternalID, "telegram:1987654321/")] = e.Report
		if e.Report.SourceName != "Моніторинг Південь" || e.Report.URL != "" {
			t.Errorf("message %s: got source %q, URL %q", e.Report.ExternalID, e.Report.SourceName, e.Report.URL)
		}
	}
	for _, tc := range []struct {
		id        string
		text      string
		title     string
		published string
	}{
		// date_unixtime is UTC; "date" (01:12:40) is the exporter's
		// local time, here Kyiv's.
		{"2", "Вибухи в Одесі. Попередньо — ударні БпЛА типу «Шахед».\nПеребувайте в укриттях!", "", "2024-11-05T23:12:40Z"},
		// Link texts stay in place; a text_link's target that the text
		// does not show is added at the end.
		{"3", "Satellite imagery confirms damage at the Kaspiysk naval base. Details in this thread and at https://www.planet.com/gallery/ #Dagestan\n\nhttps://x.com/example_osint/status/1854000000000000000", "", "2024-11-06T05:45:03Z"},
		{"4", "Последствия ночной атаки на нефтебазу в Феодосии. Пожар до сих пор не потушен.", "", "2024-11-06T07:02:17Z"},
		// A forwarded message: the forwarding channel is the source,
		// and nothing is added to the title, which would sway language
		// detection of short posts.
		{"5", "Увага! Загроза застосування балістичного озброєння з півночі.", "", "2024-11-06T09:30:00Z"},
		// An edited message: its last text, its first date.
		{"6", "Оновлено: внаслідок удару по Харкову поранено 5 людей.", "", "2024-11-06T10:05:55Z"},
		{"10", "По данным @example_news, ПВО сбила 12 беспилотников над Брянской областью 🔥. Источник: https://t.me/example_news/123", "", "2024-11-07T20:10:00Z"},
		// Without date_unixtime, "date" is read as UTC.
		{"12", "Відбій тривоги.", "", "2024-11-08T06:25:00Z"},
	} {
		r := byID[tc.id]
		if r == nil {
			t.Errorf("message %s: no report", tc.id)
			continue
		}
		if r.Text != tc.text || r.Title != tc.title || r.Published.Format(time.RFC3339) != tc.published {
			t.Errorf("message %s: got %q, title %q, published %s; want %q, %q, %s",
				tc.id, r.Text, r.Title, r.Published.Format(time.RFC3339), tc.text, tc.title, tc.published)
		}
	}
	// Two alerts with the same text on different days: two reports with
	// one content hash, so the store keeps the first only.
	if a, b := byID["8"], byID["11"]; a == nil || b == nil || a.Hash != b.Hash || a.Published.Equal(b.Published) {
		t.Errorf("the two alerts: got %+v and %+v", a, b)
	}
}

// export wraps messages in the head of a channel export, one message per
// line.
func export(messages ...string) string {
	return "{\n \"name\": \"Test\",\n \"type\": \"public_channel\",\n \"id\": 42,\n \"messages\": [\n" +
		strings.Join(messages, ",\n") + "\n ]\n}\n"
}

func msg(id int, text string) string {
	return fmt.Sprintf(`  {"id": %d, "type": "message", "date": "2024-11-06T10:00:00", "date_unixtime": "1730880000", "text": %s}`, id, text)
}

func TestBadInputs(t *testing.T) {
	good1, good2 := msg(1, `"Вибух у Харкові."`), msg(3, `"Взрыв в Белгороде."`)
	full := export(good1, msg(2, `"Drones over Kursk."`), good2)
	for _, tc := range []struct {
		name string
		in   string
		o    local.Options
		// want lists what Next gives, in order: a message id for a
		// report, "line N: error" for a bad message (a prefix of it).
		want  []string
		fatal string
	}{
		{name: "good", in: full, want: []string{"1", "2", "3"}},
		{name: "truncated in a message", in: full[:strings.Index(full, "Kursk")],
			want: []string{"1", "line 7: the export ends inside messages[1] (is the file truncated?)"}},
		{name: "truncated between messages", in: full[:strings.Index(full, `  {"id": 2`)],
			want: []string{"1", "line 7: the export ends inside messages[1]"}},
		{name: "truncated after the array", in: full[:strings.LastIndex(full, "]")+1], want: []string{"1", "2", "3"}},
		{name: "truncated in the head", in: full[:20], fatal: "the input ends before the messages"},
		{name: "empty", in: "", fatal: "the input is empty"},
		{name: "array", in: "[" + good1 + "]", fatal: `want a JSON object with a "messages" array`},
		{name: "JSONL", in: `{"id": "1", "text": "Вибух."}` + "\n", fatal: `no "messages" array`},
		{name: "messages not an array", in: `{"name": "Test", "messages": {"id": 1}}`, fatal: `line 1: "messages" must be an array`},
		{name: "messages a string", in: `{"name": "Test", "messages": "x"}`, fatal: `"messages" must be an array`},
		{name: "name not a string", in: `{"name": 5, "messages": []}`, fatal: `line 1: field "name" must be a string`},
		{name: "id not a number", in: `{"id": "abc", "messages": []}`, fatal: `field "id" must be an integer`},
		{name: "head not JSON", in: `{"name" "Test", "messages": []}`, fatal: "line 1: not JSON (want : after"},
		{name: "whole account", in: `{"about": "Here is the data you requested.", "personal_information": {"user_id": 1}, "chats": {"list": []}}`,
			fatal: "this is a whole-account export; export the channel alone"},
		{name: "text a number", in: export(good1, msg(2, `5`), good2),
			want: []string{"1", `line 7: message 2 (messages[1]): field "text" must be a string or an array`, "3"}},
		{name: "text part a number", in: export(good1, msg(2, `["a", 5]`), good2),
			want: []string{"1", `line 7: message 2 (messages[1]): field "text", part 1: want a string or an object with a string "text"`, "3"}},
		{name: "text part text a number", in: export(good1, msg(2, `[{"type": "bold", "text": 5}]`), good2),
			want: []string{"1", `line 7: message 2 (messages[1]): field "text", part 0: want a string`, "3"}},
		{name: "id a string", in: export(good1, `  {"id": "two", "type": "message", "text": "x"}`, good2),
			want: []string{"1", `line 7: messages[1]: field "id" must be an integer`, "3"}},
		{name: "no id", in: export(good1, `  {"type": "message", "text": "x"}`, good2),
			want: []string{"1", `line 7: messages[1]: no "id"`, "3"}},
		{name: "type a number", in: export(good1, `  {"id": 2, "type": 1, "text": "x"}`, good2),
			want: []string{"1", `line 7: message 2 (messages[1]): field "type" must be a string`, "3"}},
		{name: "bad date_unixtime", in: export(good1, `  {"id": 2, "type": "message", "date_unixtime": "hidden", "text": "x"}`, good2),
			want: []string{"1", `line 7: message 2 (messages[1]): field "date_unixtime" must be an integer`, "3"}},
		{name: "huge date_unixtime", in: export(good1, `  {"id": 2, "type": "message", "date_unixtime": 99999999999999, "text": "x"}`, good2),
			want: []string{"1", `line 7: message 2 (messages[1]): field "date_unixtime" 99999999999999 is out of range`, "3"}},
		{name: "bad date", in: export(good1, `  {"id": 2, "type": "message", "date": "06.11.2024", "text": "x"}`, good2),
			want: []string{"1", `line 7: message 2 (messages[1]): field "date" "06.11.2024" is not a date`, "3"}},
		{name: "message a number", in: export(good1, "  5", good2),
			want: []string{"1", "line 7: messages[1]: not a JSON object", "3"}},
		{name: "message a string", in: export(good1, `  "text"`, good2),
			want: []string{"1", "line 7: messages[1]: not a JSON object", "3"}},
		{name: "invalid UTF-8", in: export(good1, msg(2, "\"Вибух\xff\xfe\""), good2),
			want: []string{"1", "line 7: messages[1]: not valid UTF-8", "3"}},
		{name: "Latin-1 bytes", in: export(good1, msg(2, "\"Caf\xe9\""), good2),
			want: []string{"1", "line 7: messages[1]: not valid UTF-8", "3"}},
		// Telegram Desktop 4.1.1 wrote custom emoji ids unquoted
		// (telegramdesktop/tdesktop#24961): that message alone is lost.
		{name: "syntax error in one message", in: export(good1, "  {\"id\": 2,\n   \"type\": \"message\",\n   \"text\": [{\"type\": \"custom_emoji\", \"text\": \"🔥\", \"document_id\": video_files/sticker (2).webm}]}", good2),
			want: []string{"1", "line 9: messages[1]: not JSON: invalid character 'v'", "3"}},
		// Control characters as \xHH (telegramdesktop/tdesktop#27571).
		{name: "hex escapes", in: export(good1, msg(2, `"Вибух\x0Bу Харкові\\x41"`), good2),
			want: []string{"1", "2", "3"}},
		{name: "missing comma", in: export(good1, msg(2, `"x"`)+"\n"+good2),
			want: []string{"1", "2", "line 8: after messages[1]: not JSON (want , or ], got '{'); the rest of the export cannot be read"}},
		{name: "trailing comma", in: export(good1, good2+","), want: []string{"1", "3"}},
		{name: "empty array", in: export(), want: nil},
		{name: "too large", in: export(good1, msg(2, `"`+strings.Repeat("Вибух. ", 100)+`"`), good2), o: local.Options{MaxLineBytes: 300},
			want: []string{"1", "line 7: messages[1]: longer than 300 bytes, skipped", "3"}},
		{name: "BOM and CRLF", in: "\ufeff" + strings.ReplaceAll(full, "\n", "\r\n"), want: []string{"1", "2", "3"}},
		{name: "fields after the messages", in: strings.TrimSuffix(full, "}\n") + `, "name": "Later"}`, want: []string{"1", "2", "3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := read(t, strings.NewReader(tc.in), tc.o)
			if tc.fatal != "" || res.Fatal != "" {
				if !strings.Contains(res.Fatal, tc.fatal) || tc.fatal == "" {
					t.Fatalf("got fatal error %q, want %q", res.Fatal, tc.fatal)
				}
				if len(res.Records) > 0 {
					t.Fatalf("got %d records before the fatal error", len(res.Records))
				}
				return
			}
			var got []string
			for _, e := range res.Records {
				if e.Report != nil {
					got = append(got, strings.TrimPrefix(e.Report.ExternalID, "telegram:42/"))
				} else {
					got = append(got, fmt.Sprintf("line %d: %s", e.Line, e.Error))
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] && !(strings.HasPrefix(tc.want[i], "line ") && strings.HasPrefix(got[i], tc.want[i])) {
					t.Fatalf("got %q, want %q", got, tc.want)
				}
			}
		})
	}
}

func TestHexEscapes(t *testing.T) {
	res := read(t, strings.NewReader(export(msg(2, `"Вибух\x0Bу Харкові \\x41 \\\x41"`))), local.Options{})
	if len(res.Records) != 1 || res.Records[0].Report == nil {
		t.Fatalf("got %+v", res.Records)
	}
	if got, want := res.Records[0].Report.Text, "Вибух\vу Харкові \\x41 \\A"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLongStrings reads strings longer than the read buffer, with escaped
// quotes and backslashes where the buffer ends.
func TestLongStrings(t *testing.T) {
	for _, n := range []int{64<<10 - 40, 64<<10 - 39, 64 << 10, 64<<10 + 1, 200 << 10} {
		for _, tail := range []string{`\"`, `\\`, `\\\"`, `\\\\`} {
			body := strings.Repeat("a", n) + tail + `\"quoted\"` + strings.Repeat(`\\`, 3)
			var want string
			if err := json.Unmarshal([]byte(`"`+body+`"`), &want); err != nil {
				t.Fatal(err)
			}
			res := read(t, strings.NewReader(export(msg(1, `"`+body+`"`), msg(2, `"next"`))), local.Options{})
			if len(res.Records) != 2 || res.Records[0].Report == nil || res.Records[1].Report == nil {
				t.Fatalf("n=%d tail %s: got %+v", n, tail, res.Records)
			}
			if got := res.Records[0].Report.Text; got != want {
				t.Fatalf("n=%d tail %s: got %d bytes ending %q, want %d ending %q", n, tail, len(got), got[max(0, len(got)-20):], len(want), want[len(want)-20:])
			}
		}
	}
}

func TestOptions(t *testing.T) {
	if _, err := telegram.NewReader(strings.NewReader(""), local.Options{Encoding: "windows-1251"}); farsight.ErrorCode(err) != farsight.EINVALID {
		t.Errorf("windows-1251: got %v, want EINVALID", err)
	}
	// Without a chat name or dates, the defaults apply.
	day := time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC)
	in := `{"name": null, "id": 42, "messages": [{"id": 1, "type": "message", "text": "Вибух."}]}`
	res := read(t, strings.NewReader(in), local.Options{Source: "Kyiv Post", Published: day})
	if len(res.Records) != 1 || res.Records[0].Report == nil {
		t.Fatalf("got %+v", res)
	}
	if r := res.Records[0].Report; r.SourceName != "Kyiv Post" || !r.Published.Equal(day) || r.ExternalID != "telegram:42/1" {
		t.Errorf("got %+v", r)
	}
}

func TestDetect(t *testing.T) {
	head := func(s string) []byte {
		b := []byte(s)
		return b[:min(len(b), 512)]
	}
	channel, _ := os.ReadFile("testdata/channel.json")
	for _, tc := range []struct {
		name string
		head []byte
		want bool
	}{
		{"channel", head(string(channel)), true},
		{"messages first", head(`{"messages": [{"id": 1`), true},
		{"saved messages", head(`{"type": "saved_messages", "id": 1`), true},
		{"long name", head(`{"name": "` + strings.Repeat("ж", 200) + `", "type": "private_supergroup", "id": 1, "messages": [`), true},
		{"whole account", head(`{"about": "Here is the data you requested.", "personal_information": {`), true},
		{"BOM", head("\ufeff" + string(channel)), true},
		{"JSONL", head(`{"id": "1", "text": "Вибух у Харкові.", "published": "2024-11-06"}` + "\n" + `{"id": "2"}`), false},
		{"JSONL with type", head(`{"id": "1", "type": "news", "text": "x"}`), false},
		{"truncated name", head(`{"name": "` + strings.Repeat("ж", 300)), false},
		{"array", head(`[{"messages": []}]`), false},
		{"text", head("Вибух у Харкові."), false},
		{"empty", nil, false},
	} {
		if got := telegram.Detect(tc.head); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// exportSource generates an export of n messages of about size bytes each
// without holding it in memory.
type exportSource struct {
	n, size, i int
	buf        []byte
}

func (e *exportSource) Read(p []byte) (int, error) {
	for len(e.buf) == 0 {
		switch {
		case e.i == 0:
			e.buf = []byte("{\n \"name\": \"Big\",\n \"type\": \"public_channel\",\n \"id\": 7,\n \"messages\": [\n")
		case e.i <= e.n:
			sep := ",\n"
			if e.i == e.n {
				sep = "\n ]\n}\n"
			}
			text := fmt.Sprintf("Report %d: drones hit the depot. ", e.i) + strings.Repeat("Filler text of the report. ", e.size/27)
			e.buf = fmt.Appendf(nil, "  {\n   \"id\": %d,\n   \"type\": \"message\",\n   \"date\": \"2024-11-06T10:00:00\",\n   \"date_unixtime\": \"%d\",\n   \"text\": %q,\n   \"text_entities\": [{\"type\": \"plain\", \"text\": %q}]\n  }%s",
				e.i, 1730880000+e.i, text, text, sep)
		default:
			return 0, io.EOF
		}
		e.i++
	}
	n := copy(p, e.buf)
	e.buf = e.buf[n:]
	return n, nil
}

// TestStreaming reads a 57 MB export and checks that the heap stays far
// below its size.
func TestStreaming(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	const n, size = 20000, 1500
	r, err := telegram.NewReader(&exportSource{n: n, size: size}, local.Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	count := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if count++; count%1000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		if want := 6 + 8*(count-1); rec.Line != want {
			t.Fatalf("report %d on line %d, want %d", count, rec.Line, want)
		}
	}
	if count != n {
		t.Fatalf("got %d reports, want %d", count, n)
	}
	// The garbage of some messages may be alive at a time, not the
	// export.
	if grew := peak - base; grew > 16<<20 {
		t.Errorf("heap grew by %d MB reading %d MB", grew>>20, n*2*size>>20)
	} else {
		t.Logf("heap grew by %d MB reading %d MB", grew>>20, n*2*size>>20)
	}
}

func BenchmarkReader(b *testing.B) {
	in, err := io.ReadAll(&exportSource{n: 2000, size: 1000})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		r, err := telegram.NewReader(bytes.NewReader(in), local.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}
