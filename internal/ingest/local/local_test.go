package local_test

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/google/go-cmp/cmp"
)

// result is what a reader yields, flattened for comparison.
type result struct {
	Line      int
	ID, Text  string
	Title     string
	URL       string
	Source    string
	Published string
	Err       string // the LineError's message
}

func readAll(t *testing.T, in string, f local.Format, o local.Options) ([]result, error) {
	t.Helper()
	r, err := local.NewReader(strings.NewReader(in), f, o)
	if err != nil {
		return nil, err
	}
	var out []result
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		var le *local.LineError
		if errors.As(err, &le) {
			out = append(out, result{Line: le.Line, Err: le.Err.Error()})
			continue
		} else if err != nil {
			return out, err
		}
		rep := rec.Report
		pub := ""
		if !rep.Published.IsZero() {
			pub = rep.Published.Format(time.RFC3339)
		}
		out = append(out, result{Line: rec.Line, ID: rep.ExternalID, Text: rep.Text, Title: rep.Title, URL: rep.URL, Source: rep.SourceName, Published: pub})
	}
}

func TestJSONL(t *testing.T) {
	in := "\ufeff" + `{"id": "a1", "text": "Drones hit Kaspiysk.", "title": "T", "url": "https://x.org/1", "source": "Kyiv Post", "published": "2024-11-06"}
{"id": 7, "text": "Second", "published": "2024-11-06T09:30:00+02:00", "extra": [1, 2]}

not json
["an", "array"]
{"id": "no-text"}
{"id": "a5", "text": 5}
{"id": {"x": 1}, "text": "bad id"}
{"id": "a6", "text": "bad date", "published": "yesterday"}
{"id": "a7", "text": "null fields", "title": null, "published": null}
{"id": "a8", "text": "crlf"}` + "\r\n" + "{\"id\": \"a9\", \"text\": \"latin1 \xe9\"}\n" + `{"id":"a10","text":"no newline at end"}`
	got, err := readAll(t, in, local.JSONL, local.Options{Source: "default"})
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Line: 1, ID: "a1", Text: "Drones hit Kaspiysk.", Title: "T", URL: "https://x.org/1", Source: "Kyiv Post", Published: "2024-11-06T00:00:00Z"},
		{Line: 2, ID: "7", Text: "Second", Source: "default", Published: "2024-11-06T09:30:00+02:00"},
		{Line: 4, Err: "not JSON: invalid character 'o' in literal null (expecting 'u')"},
		{Line: 5, Err: "not a JSON object"},
		{Line: 6, ID: "no-text", Source: "default"},
		{Line: 7, Err: `field "text" must be a string`},
		{Line: 8, Err: `field "id" must be a string or an integer`},
		{Line: 9, Err: `farsight error: code=invalid message=published "yesterday" is not a date (want YYYY-MM-DD or RFC 3339)`},
		{Line: 10, ID: "a7", Text: "null fields", Source: "default"},
		{Line: 11, ID: "a8", Text: "crlf", Source: "default"},
		{Line: 12, Err: "not valid UTF-8 (is the input in another encoding? try --encoding windows-1251)"},
		{Line: 13, ID: "a10", Text: "no newline at end", Source: "default"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONLLongLine(t *testing.T) {
	long := `{"id": "big", "text": "` + strings.Repeat("x", 5000) + `"}`
	in := `{"id": "a", "text": "before"}` + "\n" + long + "\n" + `{"id": "b", "text": "after"}` + "\n"
	got, err := readAll(t, in, local.JSONL, local.Options{MaxLineBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Line: 1, ID: "a", Text: "before"},
		{Line: 2, Err: "line longer than 1000 bytes, skipped"},
		{Line: 3, ID: "b", Text: "after"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("mismatch (-want +got):\n%s", diff)
	}
}

func TestCSV(t *testing.T) {
	in := "ID,Title,Body,Source,Date,ignored\n" +
		"c1,Kaspiysk,\"Drones hit Kaspiysk,\nsaid \"\"officials\"\".\",Kyiv Post,2024-11-06,x\n" +
		"c2,,,,2024-11-06,\n" +
		"c3,,short row\n" +
		"c4,,bad date,,06/11/2024,\n" +
		"\n" +
		"c5,,bad \"quote,,,\n" +
		"c6,,fine,,,\n"
	got, err := readAll(t, in, local.CSV, local.Options{Source: "default"})
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Line: 2, ID: "c1", Title: "Kaspiysk", Text: "Drones hit Kaspiysk,\nsaid \"officials\".", Source: "Kyiv Post", Published: "2024-11-06T00:00:00Z"},
		{Line: 4, ID: "c2", Source: "default", Published: "2024-11-06T00:00:00Z"},
		{Line: 5, ID: "c3", Text: "short row", Source: "default"},
		{Line: 6, Err: `farsight error: code=invalid message=published "06/11/2024" is not a date (want YYYY-MM-DD or RFC 3339)`},
		{Line: 8, Err: `bare " in non-quoted-field`},
		{Line: 9, ID: "c6", Text: "fine", Source: "default"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("mismatch (-want +got):\n%s", diff)
	}
}

func TestCSVErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		o    local.Options
		want string
	}{
		"empty":       {"", local.Options{}, "CSV input is empty"},
		"no text col": {"id,title\n1,x\n", local.Options{}, "CSV header has no text column"},
		"runaway":     {"id,text\n1,\"" + strings.Repeat("x", 200000), local.Options{MaxLineBytes: 1000}, "longer than 1000 bytes"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := readAll(t, tc.in, local.CSV, tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
			if farsight.ErrorCode(err) != farsight.EINVALID {
				t.Fatalf("got code %q, want EINVALID", farsight.ErrorCode(err))
			}
		})
	}
}

func TestText(t *testing.T) {
	pub := time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC)
	got, err := readAll(t, "\ufeffUkraine has taken its fight to a new front.\n\nSecond paragraph.\n", local.Text, local.Options{Source: "Kyiv Post", Published: pub})
	if err != nil {
		t.Fatal(err)
	}
	want := []result{{Line: 1, Text: "Ukraine has taken its fight to a new front.\n\nSecond paragraph.\n", Source: "Kyiv Post", Published: "2024-11-06T00:00:00Z"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("mismatch (-want +got):\n%s", diff)
	}
	if got, err := readAll(t, " \n\t", local.Text, local.Options{}); err != nil || len(got) != 0 {
		t.Fatalf("blank text: got %v, %v; want nothing", got, err)
	}
	_, err = readAll(t, strings.Repeat("x", farsight.MaxReportTextBytes+1), local.Text, local.Options{})
	if farsight.ErrorCode(err) != farsight.EINVALID {
		t.Fatalf("huge text: got %v, want EINVALID", err)
	}
}

func TestEncoding(t *testing.T) {
	// "Каспійськ" is not in Windows-1251 whole (і is), use Russian.
	cp1251 := "{\"id\": \"r\", \"text\": \"\xca\xe0\xf1\xef\xe8\xe9\xf1\xea\"}\n" // Каспийск
	got, err := readAll(t, cp1251, local.JSONL, local.Options{Encoding: "windows-1251"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Text != "Каспийск" {
		t.Fatalf("got %+v, want Каспийск", got)
	}
	if _, err := local.NewReader(strings.NewReader(""), local.JSONL, local.Options{Encoding: "ebcdic"}); farsight.ErrorCode(err) != farsight.EINVALID {
		t.Fatalf("unknown encoding: got %v", err)
	}
}

func TestDetectFormat(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       local.Format
	}{
		{"a.jsonl", "", local.JSONL},
		{"a.CSV", "", local.CSV},
		{"a.txt", "{", local.Text},
		{"-", "  \n{\"id\": 1}", local.JSONL},
		{"-", "\ufeff{", local.JSONL},
		{"-", "Ukraine has", local.Text},
		{"report", "", local.Text},
	} {
		if got := local.DetectFormat(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("DetectFormat(%q, %q) = %s, want %s", tc.name, tc.head, got, tc.want)
		}
	}
}

// genReader produces n JSONL lines of about size bytes each without ever
// holding more than one line.
type genReader struct {
	n, size, i int
	buf        []byte
}

func (g *genReader) Read(p []byte) (int, error) {
	if len(g.buf) == 0 {
		if g.i == g.n {
			return 0, io.EOF
		}
		g.buf = fmt.Appendf(nil, `{"id": "r%d", "text": "report %d %s"}`+"\n", g.i, g.i, strings.Repeat("y", g.size))
		g.i++
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

// TestJSONLHuge streams 64 MB of JSONL and checks that the heap stays far
// below the input size.
func TestJSONLHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("huge input")
	}
	g := &genReader{n: 16000, size: 4000}
	r, err := local.NewReader(g, local.JSONL, local.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var peak uint64
	var ms runtime.MemStats
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if n++; n%2000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if n != g.n {
		t.Fatalf("read %d reports, want %d", n, g.n)
	}
	if input := uint64(g.n * g.size); peak > input/4 {
		t.Fatalf("heap peaked at %d bytes reading %d bytes of input", peak, input)
	}
}
