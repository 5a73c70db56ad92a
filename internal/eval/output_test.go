package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPct(t *testing.T) {
	tests := []struct {
		num, den int
		want     string
	}{
		{0, 0, "            -"},
		{0, 3, "   0.0% (0)"},
		{1, 3, "  33.3% (1)"},
		{2, 3, "  66.7% (2)"},
		{3, 3, " 100.0% (3)"},
		{1, 16, "   6.2% (1)"}, // 6.25 is a tie in binary: to even, as Python
		{3, 16, "  18.8% (3)"}, // 18.75: to even
		{1234, 1234, " 100.0% (1234)"},
	}
	for _, tt := range tests {
		if got := pct(tt.num, tt.den); got != tt.want {
			t.Errorf("pct(%d, %d) = %q, want %q", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestPyPad(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"ab", 4, "  ab"},
		{"ab", -4, "ab  "},
		{"Київ", -6, "Київ  "}, // code points, not bytes
		{"abcdef", 3, "abcdef"},
		{"", -2, "  "},
	}
	for _, tt := range tests {
		if got := pyPad(tt.s, tt.width); got != tt.want {
			t.Errorf("pyPad(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

func TestWriteJSONString(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"plain", `"plain"`},
		{"q\"b\\s/", `"q\"b\\s/"`},
		{"\b\f\n\r\t\x00\x1f\x7f", `"\b\f\n\r\t\u0000\u001f\u007f"`},
		{"Київ", `"\u041a\u0438\u0457\u0432"`},
		{"😀", `"\ud83d\ude00"`},
		{"\xed\xa0\x80", `"\ud800"`},
		{"\xff", `"\udcff"`}, // as Python prints a surrogate-escaped argv byte
	}
	for _, tt := range tests {
		var b strings.Builder
		writeJSONString(&b, tt.in)
		if got := b.String(); got != tt.want {
			t.Errorf("writeJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	gold := []Gold{
		{ID: "a", Dataset: "ds", PlaceInText: true, Points: []Point{{50, 30}}, Dates: []string{"2024-01-01"}},
		{ID: "b", Dataset: "ds", Points: []Point{{50, 30}}, Dates: []string{"2024-01-01"}},
	}
	res := Score(gold, map[string]*Choice{"a": {Point: &Point{50, 30}, Date: "2024-01-01"}})
	diag := Diagnostics{Lines: 2, ValidLines: 1, BadLines: 1, Examples: []string{"line 2: not a JSON object"}}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, "g.jsonl", "p.jsonl", res, diag); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, buf.String())
	}
	all := map[string]any{"n": 2.0, "with_pred_line": 1.0, "n_geo": 2.0, "covered": 1.0, "hit25": 1.0, "hit161": 1.0,
		"n_date": 2.0, "date_exact": 1.0, "coverage": 0.5, "acc25": 0.5, "acc161": 0.5, "median_km": 0.0, "date_exact_rate": 0.5}
	pit := map[string]any{"n": 1.0, "with_pred_line": 1.0, "n_geo": 1.0, "covered": 1.0, "hit25": 1.0, "hit161": 1.0,
		"n_date": 1.0, "date_exact": 1.0, "coverage": 1.0, "acc25": 1.0, "acc161": 1.0, "median_km": 0.0, "date_exact_rate": 1.0}
	buckets := map[string]any{"all": all, "place_in_text": pit}
	want := map[string]any{
		"gold": "g.jsonl", "pred": "p.jsonl", "n_gold": 2.0, "hit_km": []any{25.0, 161.0},
		"per_dataset": map[string]any{"ds": buckets},
		"overall":     buckets,
		"diagnostics": map[string]any{"lines": 2.0, "valid_lines": 1.0, "bad_lines": 1.0, "duplicate_ids": 0.0,
			"unknown_ids": 0.0, "events": 0.0, "bad_events": 0.0, "events_bad_point": 0.0, "events_bad_date": 0.0,
			"events_bad_confidence": 0.0, "gold_without_prediction_line": 1.0,
			"examples": []any{"line 2: not a JSON object"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WriteJSON mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(buf.String(), "}\n") || !strings.Contains(buf.String(), "\n  \"diagnostics\": {\n    \"bad_events\": 0,") {
		t.Errorf("layout is not json.dump(indent=2, sort_keys=True):\n%s", buf.String())
	}
}

func TestWriteTableNoGold(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, "g", "p", Score(nil, nil), Diagnostics{}); err != nil {
		t.Fatal(err)
	}
	want := "gold: g (0 records)\npred: p\n\n" +
		"dataset                subset             n  lines       coverage       acc@25km      acc@161km  median_km     date_exact\n" +
		strings.Repeat("-", 123) + "\n" +
		"OVERALL                all                0      0              -              -              -          -              -\n" +
		"OVERALL                place_in_text      0      0              -              -              -          -              -\n" +
		"\nprediction file: 0 lines, 0 valid, 0 bad, 0 duplicate ids (first kept), 0 ids not in gold\n" +
		"gold records with no prediction line (scored as misses): 0\n" +
		"events: 0; not an object: 0; invalid lat/lon: 0; invalid date: 0; missing/invalid confidence: 0\n"
	if got := buf.String(); got != want {
		t.Errorf("WriteTable mismatch (-want +got):\n%s", cmp.Diff(want, got))
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	if err := WriteTable(failingWriter{}, "g", "p", Result{}, Diagnostics{}); err == nil {
		t.Error("WriteTable: got no error from a failing writer")
	}
	if err := WriteJSON(failingWriter{}, "g", "p", Result{}, Diagnostics{}); err == nil {
		t.Error("WriteJSON: got no error from a failing writer")
	}
}

func TestLoosen(t *testing.T) {
	in := `      "line 2: not JSON (Expecting value: line 1 column 1 (char 0))",` + "\n  e.g. line 3: not JSON (Extra data: line 1 column 3 (char 2))\n"
	want := `      "line 2: not JSON (...)",` + "\n  e.g. line 3: not JSON (...)\n"
	if got := loosen(in); got != want {
		t.Errorf("loosen = %q, want %q", got, want)
	}
}
