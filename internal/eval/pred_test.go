package eval

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

func pt(lat, lon float64) *Point { return &Point{Lat: lat, Lon: lon} }

func TestLoadPredictions(t *testing.T) {
	gold := map[string]struct{}{"a": {}, "b": {}, "c": {}}
	tests := []struct {
		name     string
		in       string
		want     map[string]*Choice
		wantDiag Diagnostics
	}{
		{
			name:     "empty",
			in:       "",
			want:     map[string]*Choice{},
			wantDiag: Diagnostics{Examples: []string{}},
		},
		{
			name:     "highest confidence wins",
			in:       `{"id": "a", "events": [{"lat": 1, "lon": 2, "date": "2024-01-01", "confidence": 0.5}, {"lat": 3, "lon": 4, "date": "2024-01-02", "confidence": 0.9}]}`,
			want:     map[string]*Choice{"a": {Point: pt(3, 4), Date: "2024-01-02"}},
			wantDiag: Diagnostics{Lines: 1, ValidLines: 1, Events: 2, Examples: []string{}},
		},
		{
			name:     "earliest wins ties, int and float compare equal",
			in:       `{"id": "a", "events": [{"lat": 1, "lon": 2, "confidence": 1}, {"lat": 3, "lon": 4, "confidence": 1.0}]}`,
			want:     map[string]*Choice{"a": {Point: pt(1, 2)}},
			wantDiag: Diagnostics{Lines: 1, ValidLines: 1, Events: 2, Examples: []string{}},
		},
		{
			name: "missing and non-numeric confidence rank below any number",
			in: `{"id": "a", "events": [{"lat": 1, "lon": 1}, {"lat": 2, "lon": 2, "confidence": true}, {"lat": 3, "lon": 3, "confidence": "0.9"}, {"lat": 4, "lon": 4, "confidence": -1e300}, {"lat": 5, "lon": 5, "confidence": -1e300}]}` + "\n" +
				`{"id": "b", "events": [{"lat": 1, "lon": 1, "confidence": NaN}, {"lat": 2, "lon": 2, "confidence": Infinity}, {"lat": 3, "lon": 3, "confidence": 1e400}]}` + "\n" +
				`{"id": "c", "events": [{"lat": 1, "lon": 1, "confidence": 1e309}, {"lat": 2, "lon": 2, "confidence": 179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792}, {"lat": 3, "lon": 3, "confidence": 179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791}]}`,
			want: map[string]*Choice{"a": {Point: pt(4, 4)}, "b": {Point: pt(1, 1)}, "c": {Point: pt(3, 3)}},
			wantDiag: Diagnostics{Lines: 3, ValidLines: 3, Events: 11, EventsBadConfidence: 8, Examples: []string{
				"line 1: id 'a': confidence missing or not a number",
				"line 1: id 'a': confidence missing or not a number",
				"line 1: id 'a': confidence missing or not a number",
				"line 2: id 'b': confidence missing or not a number",
				"line 2: id 'b': confidence missing or not a number",
			}},
		},
		{
			name: "bools are not coordinates, half-null and out of range points are reported",
			in: `{"id": "a", "events": [{"lat": true, "lon": 1, "confidence": 1}]}` + "\n" +
				`{"id": "b", "events": [{"lat": 1, "lon": null, "confidence": 1}, {"lat": null, "lon": null, "confidence": 0}]}` + "\n" +
				`{"id": "c", "events": [{"lat": 90.0001, "lon": 0, "confidence": 1}, {"lat": -90, "lon": -180, "confidence": 0}]}`,
			want: map[string]*Choice{"a": {}, "b": {}, "c": {}},
			wantDiag: Diagnostics{Lines: 3, ValidLines: 3, Events: 5, EventsBadPoint: 3, Examples: []string{
				"line 1: id 'a': invalid or half-null lat/lon",
				"line 2: id 'b': invalid or half-null lat/lon",
				"line 3: id 'c': invalid or half-null lat/lon",
			}},
		},
		{
			name: "bad dates",
			in: `{"id": "a", "events": [{"date": "2024-02-30", "confidence": 1}]}` + "\n" +
				`{"id": "b", "events": [{"date": 20240101, "confidence": 1}]}` + "\n" +
				`{"id": "c", "events": [{"date": "` + strings.Repeat("я", 40) + `", "confidence": 1}]}`,
			want: map[string]*Choice{"a": {}, "b": {}, "c": {}},
			wantDiag: Diagnostics{Lines: 3, ValidLines: 3, Events: 3, EventsBadDate: 3, Examples: []string{
				"line 1: id 'a': date '2024-02-30' is not YYYY-MM-DD",
				"line 2: id 'b': date '20240101' is not YYYY-MM-DD",
				"line 3: id 'c': date '" + strings.Repeat("я", 30) + "' is not YYYY-MM-DD",
			}},
		},
		{
			name: "bad lines, blank lines and bom",
			in: "\ufeff{\"id\": \"a\", \"events\": []}\n\n  \r\n" +
				"{\"id\": \"b\", \"events\": [\n" +
				"[{\"id\": \"b\"}]\n" +
				"{\"id\": \"\", \"events\": []}\n" +
				"{\"id\": \"b\", \"events\": {}}\n" +
				"{\"id\": \"\xff\", \"events\": []}\n",
			want: map[string]*Choice{"a": nil},
			wantDiag: Diagnostics{Lines: 6, ValidLines: 1, BadLines: 5, Examples: []string{
				"line 4: not JSON (Expecting value: line 2 column 1 (char 24))",
				"line 5: not a JSON object",
				`line 6: no string "id"`,
				`line 7: id 'b': "events" missing or not a list`,
				"line 8: not UTF-8",
			}},
		},
		{
			name: "duplicate ids keep the first line, unknown ids are counted",
			in: `{"id": "a", "events": [{"lat": 1, "lon": 1, "confidence": 1}]}` + "\n" +
				`{"id": "a", "events": [{"lat": 2, "lon": 2, "confidence": 1}]}` + "\n" +
				`{"id": "zz", "events": [{"lat": 3, "lon": 3, "confidence": 1}]}` + "\n" +
				`{"id": "zz", "events": "x"}`,
			want: map[string]*Choice{"a": {Point: pt(1, 1)}, "zz": {Point: pt(3, 3)}},
			wantDiag: Diagnostics{Lines: 4, ValidLines: 3, BadLines: 1, DuplicateIDs: 1, UnknownIDs: 1, Events: 2, Examples: []string{
				"line 2: id 'a' repeated; the first line is used",
				`line 4: id 'zz': "events" missing or not a list`,
			}},
		},
		{
			name: "events that are not objects, long ids are cut to 60 code points",
			in:   `{"id": "` + strings.Repeat("Ж", 70) + `", "events": [1, null, {"lat": 1, "lon": 1, "confidence": 1}]}`,
			want: map[string]*Choice{strings.Repeat("Ж", 70): {Point: pt(1, 1)}},
			wantDiag: Diagnostics{Lines: 1, ValidLines: 1, UnknownIDs: 1, Events: 3, BadEvents: 2, Examples: []string{
				"line 1: id '" + strings.Repeat("Ж", 60) + "': an event is not an object",
				"line 1: id '" + strings.Repeat("Ж", 60) + "': an event is not an object",
			}},
		},
		{
			name:     "a line with no usable event still counts as a line",
			in:       `{"id": "a", "events": []}`,
			want:     map[string]*Choice{"a": nil},
			wantDiag: Diagnostics{Lines: 1, ValidLines: 1, Examples: []string{}},
		},
		{
			name: "nan line: python json accepts it, the numbers are rejected",
			in:   `{"id": "a", "events": [{"lat": NaN, "lon": 1, "date": "2024-01-01", "confidence": -Infinity}]}`,
			want: map[string]*Choice{"a": {Date: "2024-01-01"}},
			wantDiag: Diagnostics{Lines: 1, ValidLines: 1, Events: 1, EventsBadPoint: 1, EventsBadConfidence: 1, Examples: []string{
				"line 1: id 'a': invalid or half-null lat/lon",
				"line 1: id 'a': confidence missing or not a number",
			}},
		},
		{
			name: "at most five examples",
			in:   strings.Repeat("x\n", 7),
			want: map[string]*Choice{},
			wantDiag: Diagnostics{Lines: 7, BadLines: 7, Examples: []string{
				"line 1: not JSON (Expecting value: line 1 column 1 (char 0))",
				"line 2: not JSON (Expecting value: line 1 column 1 (char 0))",
				"line 3: not JSON (Expecting value: line 1 column 1 (char 0))",
				"line 4: not JSON (Expecting value: line 1 column 1 (char 0))",
				"line 5: not JSON (Expecting value: line 1 column 1 (char 0))",
			}},
		},
		{
			name: "json error messages are cut to 80 code points",
			in:   "[" + strings.Repeat("9", 4301) + "]\n",
			want: map[string]*Choice{},
			wantDiag: Diagnostics{Lines: 1, BadLines: 1, Examples: []string{
				"line 1: not JSON (Exceeds the limit (4300 digits) for integer string conversion: value has 4301 di)",
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diag, err := LoadPredictions(strings.NewReader(tt.in), gold)
			if err != nil {
				t.Fatalf("LoadPredictions: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("choices mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantDiag, diag); diff != "" {
				t.Errorf("diagnostics mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadPredictionsReadError(t *testing.T) {
	boom := errors.New("boom")
	_, _, err := LoadPredictions(iotest.ErrReader(boom), nil)
	if !errors.Is(err, boom) {
		t.Errorf("got error %v, want one wrapping %v", err, boom)
	}
}

func TestAsFloat(t *testing.T) {
	tests := []struct {
		name   string
		in     any
		want   float64
		wantOK bool
	}{
		{"float", 1.5, 1.5, true},
		{"int", pyInt("-3"), -3, true},
		{"big int rounds", pyInt("9007199254740993"), 9007199254740992, true},
		{"int too large for a float", pyInt("1" + strings.Repeat("0", 309)), 0, false},
		{"true", true, 0, false},
		{"false", false, 0, false},
		{"string", "1.5", 0, false},
		{"null", nil, 0, false},
		{"nan", mustLoad(t, "NaN"), 0, false},
		{"inf", mustLoad(t, "1e400"), 0, false},
		{"list", []any{1.0}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := asFloat(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("asFloat(%#v) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestAsPoint(t *testing.T) {
	tests := []struct {
		lat, lon any
		want     *Point
	}{
		{50.0, 30.0, pt(50, 30)},
		{pyInt("-90"), pyInt("180"), pt(-90, 180)},
		{90.0, -180.0, pt(90, -180)},
		{90.1, 0.0, nil},
		{0.0, 180.5, nil},
		{nil, 1.0, nil},
		{1.0, nil, nil},
		{true, 1.0, nil},
		{"50", 30.0, nil},
	}
	for _, tt := range tests {
		if got := asPoint(tt.lat, tt.lon); !cmp.Equal(got, tt.want) {
			t.Errorf("asPoint(%#v, %#v) = %v, want %v", tt.lat, tt.lon, got, tt.want)
		}
	}
}

func TestAsDate(t *testing.T) {
	tests := []struct {
		in     any
		wantOK bool
	}{
		{"2024-02-29", true},
		{"2000-02-29", true},
		{"0001-01-01", true},
		{"9999-12-31", true},
		{"2023-02-29", false},
		{"1900-02-29", false},
		{"2024-02-30", false},
		{"2024-04-31", false},
		{"2024-13-01", false},
		{"2024-00-10", false},
		{"2024-01-00", false},
		{"0000-01-01", false},
		{"2024-1-01", false},
		{"2024/01/01", false},
		{"2024-01-01T", false},
		{"２０２４-01-01", false},
		{"2024-01-0١", false},
		{"+024-01-01", false},
		{"2024-W01-1", false},
		{"", false},
		{pyInt("20240101"), false},
		{nil, false},
	}
	for _, tt := range tests {
		got, ok := asDate(tt.in)
		if ok != tt.wantOK || (ok && got != tt.in) {
			t.Errorf("asDate(%#v) = %q, %v, want ok %v", tt.in, got, ok, tt.wantOK)
		}
	}
}

func mustLoad(t *testing.T, doc string) any {
	t.Helper()
	v, err := pyLoads(doc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// FuzzLoadPredictions checks that LoadPredictions never panics or fails on
// any input, and that its counters are consistent.
func FuzzLoadPredictions(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "events": [{"lat": 1, "lon": 2, "date": "2024-01-01", "confidence": 0.5}]}`,
		"\ufeff{\"id\": \"b\", \"events\": [1, {\"lat\": null}]}\n\n{\"id\": \"b\", \"events\": []}\n",
		"{\"id\": \"a\"}\n[1]\n\"x\"\n\xff\n{\"id\": \"c\", \"events\": [{\"confidence\": NaN, \"date\": [1]}]}",
	} {
		f.Add(s)
	}
	gold := map[string]struct{}{"a": {}, "b": {}}
	f.Fuzz(func(t *testing.T, in string) {
		choices, d, err := LoadPredictions(strings.NewReader(in), gold)
		if err != nil {
			t.Fatalf("LoadPredictions: %v", err)
		}
		switch {
		case d.ValidLines+d.BadLines > d.Lines:
			t.Errorf("valid %d + bad %d > lines %d", d.ValidLines, d.BadLines, d.Lines)
		case d.ValidLines+d.BadLines != d.Lines:
			t.Errorf("valid %d + bad %d != lines %d", d.ValidLines, d.BadLines, d.Lines)
		case d.Lines > strings.Count(in, "\n")+1:
			t.Errorf("lines %d, but the input has %d newlines", d.Lines, strings.Count(in, "\n"))
		case d.DuplicateIDs+len(choices) != d.ValidLines:
			t.Errorf("duplicates %d + ids %d != valid lines %d", d.DuplicateIDs, len(choices), d.ValidLines)
		case d.UnknownIDs > len(choices):
			t.Errorf("unknown ids %d > ids %d", d.UnknownIDs, len(choices))
		case d.BadEvents+max(d.EventsBadPoint, d.EventsBadDate, d.EventsBadConfidence) > d.Events:
			t.Errorf("more bad events than events: %+v", d)
		case len(d.Examples) > maxExamples:
			t.Errorf("%d examples", len(d.Examples))
		case len(d.Examples) != min(maxExamples, d.BadLines+d.DuplicateIDs+d.BadEvents+d.EventsBadPoint+d.EventsBadDate+d.EventsBadConfidence):
			t.Errorf("%d examples for %+v", len(d.Examples), d)
		}
		for id, c := range choices {
			if id == "" {
				t.Errorf("empty id")
			}
			if c == nil {
				continue
			}
			if c.Point != nil && asPoint(c.Point.Lat, c.Point.Lon) == nil {
				t.Errorf("invalid point %+v", *c.Point)
			}
			if _, ok := asDate(c.Date); c.Date != "" && !ok {
				t.Errorf("invalid date %q", c.Date)
			}
		}
	})
}
