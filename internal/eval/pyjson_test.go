package eval

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPyLoads(t *testing.T) {
	tests := []struct {
		name, doc string
		want      string // repr(json.loads(doc)), when wantErr is ""
		wantErr   string
	}{
		{name: "object", doc: `{"id": "a", "n": 1, "f": 1.0, "b": true, "z": null}` + "\n", want: `{'id': 'a', 'n': 1, 'f': 1.0, 'b': True, 'z': None}`},
		{name: "duplicate key keeps first position and last value", doc: `{"a": 1, "b": 2, "a": 3}`, want: `{'a': 3, 'b': 2}`},
		{name: "nan and infinities", doc: `[NaN, Infinity, -Infinity]`, want: `[nan, inf, -inf]`},
		{name: "float overflow is inf", doc: `[1e400, -1e400, 1e-400, -1e-400]`, want: `[inf, -inf, 0.0, -0.0]`},
		{name: "negative zero int", doc: `[-0, -0.0, 0]`, want: `[0, -0.0, 0]`},
		{name: "big int", doc: `123456789012345678901234567890`, want: `123456789012345678901234567890`},
		{name: "4300 digits", doc: strings.Repeat("9", 4300), want: strings.Repeat("9", 4300)},
		{name: "4301 digits", doc: "-" + strings.Repeat("9", 4301),
			wantErr: "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit"},
		{name: "surrogate pair", doc: `"\ud83d\ude00"`, want: `'😀'`},
		{name: "lone surrogate", doc: `"a\ud800b"`, want: `'a\ud800b'`},
		{name: "high surrogate then non-low escape", doc: `"\ud800\u0041"`, want: `'\ud800A'`},
		{name: "escapes", doc: `"\"\\\/\b\f\n\r\t\u00e9"`, want: `'"\\/\x08\x0c\n\r\té'`},
		{name: "whitespace around", doc: " \t\r\n[ 1 , 2 ]\r\n", want: `[1, 2]`},
		{name: "unicode whitespace is not JSON whitespace", doc: "\u00a0[]", wantErr: "Expecting value: line 1 column 1 (char 0)"},
		{name: "empty", doc: "\n", wantErr: "Expecting value: line 2 column 1 (char 1)"},
		{name: "bom", doc: "\ufeff{}", wantErr: "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"},
		{name: "extra data", doc: `{"a": 1} x`, wantErr: "Extra data: line 1 column 10 (char 9)"},
		{name: "trailing dot is extra data", doc: `1.`, wantErr: "Extra data: line 1 column 2 (char 1)"},
		{name: "leading zero", doc: `01`, wantErr: "Extra data: line 1 column 2 (char 1)"},
		{name: "exponent without digits", doc: `[1e+]`, wantErr: "Expecting ',' delimiter: line 1 column 3 (char 2)"},
		{name: "lone minus", doc: `[-]`, wantErr: "Expecting value: line 1 column 2 (char 1)"},
		{name: "truncated literal", doc: `[nul]`, wantErr: "Expecting value: line 1 column 2 (char 1)"},
		{name: "python 3.11 trailing comma in array", doc: `[1,]`, wantErr: "Expecting value: line 1 column 4 (char 3)"},
		{name: "python 3.11 trailing comma in object", doc: `{"a":1,}`, wantErr: "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"},
		{name: "single quotes", doc: `{'a': 1}`, wantErr: "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
		{name: "missing colon", doc: `{"a" 1}`, wantErr: "Expecting ':' delimiter: line 1 column 6 (char 5)"},
		{name: "missing comma", doc: `[1 2]`, wantErr: "Expecting ',' delimiter: line 1 column 4 (char 3)"},
		{name: "unterminated at end of line", doc: "[\"abc\n", wantErr: "Invalid control character at: line 1 column 6 (char 5)"},
		{name: "unterminated at end of input", doc: `["abc`, wantErr: "Unterminated string starting at: line 1 column 2 (char 1)"},
		{name: "backslash at end of input", doc: `"ab\`, wantErr: "Unterminated string starting at: line 1 column 1 (char 0)"},
		{name: "bad escape", doc: `"\x"`, wantErr: "Invalid \\escape: line 1 column 2 (char 1)"},
		{name: "bad unicode escape", doc: `"\u12zz"`, wantErr: "Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
		{name: "short unicode escape", doc: `"\u12"`, wantErr: "Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
		{name: "bad second half of pair", doc: `"\ud800\u12zz"`, wantErr: "Invalid \\uXXXX escape: line 1 column 9 (char 8)"},
		{name: "positions count code points", doc: `{"Київ": 1 2}`, wantErr: "Expecting ',' delimiter: line 1 column 12 (char 11)"},
		{name: "error after the newline", doc: "{\"a\":\n", wantErr: "Expecting value: line 2 column 1 (char 6)"},
		{name: "max depth", doc: strings.Repeat("[", pyMaxDepth) + strings.Repeat("]", pyMaxDepth), want: strings.Repeat("[", pyMaxDepth) + strings.Repeat("]", pyMaxDepth)},
		{name: "too deep array", doc: strings.Repeat("[", pyMaxDepth+1) + strings.Repeat("]", pyMaxDepth+1),
			wantErr: "maximum recursion depth exceeded while decoding a JSON array from a unicode string"},
		{name: "too deep object", doc: strings.Repeat("[", pyMaxDepth) + `{"a": 1}` + strings.Repeat("]", pyMaxDepth),
			wantErr: "maximum recursion depth exceeded while decoding a JSON object from a unicode string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := pyLoads(tt.doc)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("pyLoads(%q): got error %v, want %q", tt.doc, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("pyLoads(%q): %v", tt.doc, err)
			}
			if got := pyRepr(v, -1); got != tt.want {
				t.Errorf("repr(pyLoads(%q)) = %s, want %s", tt.doc, got, tt.want)
			}
		})
	}
}

func TestPyFloatRepr(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{1, "1.0"},
		{-2.5, "-2.5"},
		{0.1, "0.1"},
		{1e-4, "0.0001"},
		{1e-5, "1e-05"},
		{1.5e-7, "1.5e-07"},
		{123456789012345.6, "123456789012345.6"},
		{1e15, "1000000000000000.0"},
		{1e16, "1e+16"},
		{1.2345e16, "1.2345e+16"},
		{1e22, "1e+22"},
		{1.7976931348623157e308, "1.7976931348623157e+308"},
		{5e-324, "5e-324"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{math.NaN(), "nan"},
	}
	for _, tt := range tests {
		if got := pyFloatRepr(tt.in); got != tt.want {
			t.Errorf("pyFloatRepr(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPyRepr(t *testing.T) {
	tests := []struct {
		name  string
		in    any
		limit int
		want  string
	}{
		{"plain", "abc", -1, `'abc'`},
		{"single quote", "it's", -1, `"it's"`},
		{"both quotes", `a"b'c`, -1, `'a"b\'c'`},
		{"double quote only", `a"b`, -1, `'a"b'`},
		{"backslash", `a\b`, -1, `'a\\b'`},
		{"controls", "\t\n\r\x00\x1f\x7f", -1, `'\t\n\r\x00\x1f\x7f'`},
		{"latin-1 non-printable", "\u0085\u00a0\u00ad", -1, `'\x85\xa0\xad'`},
		{"printable non-ASCII", "éДÿĀ😀", -1, `'éДÿĀ😀'`},
		{"BMP non-printable", "\u200b\u2028\ue000\ufeff", -1, `'\u200b\u2028\ue000\ufeff'`},
		{"astral non-printable", "\U000e0001\U0010ffff", -1, `'\U000e0001\U0010ffff'`},
		{"lone surrogate", "\xed\xa0\x80", -1, `'\ud800'`},
		{"invalid byte reads as surrogateescape", "\xff", -1, `'\udcff'`},
		{"list", []any{pyInt("1"), 1.5, nil, true, false, "x", []any{}}, -1, `[1, 1.5, None, True, False, 'x', []]`},
		{"object", &pyObject{keys: []string{"k"}, vals: map[string]any{"k": []any{1e-5}}}, -1, `{'k': [1e-05]}`},
		{"empty object", &pyObject{vals: map[string]any{}}, -1, `{}`},
		{"limit counts code points", "ДДДДД", 3, `'ДД`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pyRepr(tt.in, tt.limit); got != tt.want {
				t.Errorf("pyRepr(%#v, %d) = %s, want %s", tt.in, tt.limit, got, tt.want)
			}
		})
	}
}

func TestPyStr(t *testing.T) {
	tests := []struct {
		in    any
		limit int
		want  string
	}{
		{"2024-02-30", -1, "2024-02-30"},
		{"ДДДДД", 2, "ДД"},
		{true, -1, "True"},
		{pyInt("20240101"), -1, "20240101"},
		{1e16, -1, "1e+16"},
		{[]any{"a", pyInt("1")}, -1, "['a', 1]"},
		{[]any{strings.Repeat("x", 100)}, 30, "['" + strings.Repeat("x", 28)},
	}
	for _, tt := range tests {
		if got := pyStr(tt.in, tt.limit); got != tt.want {
			t.Errorf("pyStr(%#v, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}

func TestPyIsBlank(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{" \t\r\n\v\f", true},
		{"\x1c\x1d\x1e\x1f", true},
		{"\u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000", true},
		{"\u200b", false}, // zero width space is not whitespace
		{"\ufeff", false},
		{"\u180e", false},
		{" x ", false},
	}
	for _, tt := range tests {
		if got := pyIsBlank(tt.in); got != tt.want {
			t.Errorf("pyIsBlank(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPyPrefixAndLen(t *testing.T) {
	s := "aДb😀\xed\xa0\x80c"
	if got, want := pyLen(s), 6; got != want {
		t.Errorf("pyLen(%q) = %d, want %d", s, got, want)
	}
	for n, want := range []string{"", "a", "aД", "aДb", "aДb😀", "aДb😀\xed\xa0\x80", s, s} {
		if got := pyPrefix(s, n); got != want {
			t.Errorf("pyPrefix(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}

// FuzzPyLoads checks the decoder against encoding/json: apart from the
// documented differences (NaN and Infinity, long integers, nesting depth, a
// leading BOM), both accept the same documents.
func FuzzPyLoads(f *testing.F) {
	for _, s := range []string{`{"id": "a", "events": []}`, `[1, 2.5e3, -0, "x\u00e9\ud800"]`, `NaN`, `"\ud83d\ude00"`, `{"a":{"b":[null,true,false]}}`, "\ufeff{}", `1e400`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		v, err := pyLoads(doc)
		if err != nil {
			if _, ok := err.(*pyJSONError); !ok {
				t.Fatalf("pyLoads(%q): error of type %T", doc, err)
			}
		}
		if !utf8.ValidString(doc) || strings.ContainsAny(doc, "NI") || strings.HasPrefix(doc, "\ufeff") ||
			strings.Count(doc, "[")+strings.Count(doc, "{") > pyMaxDepth || longDigitRun(doc) {
			return
		}
		if goOK := json.Valid([]byte(doc)); goOK != (err == nil) {
			t.Fatalf("pyLoads(%q) error %v, but json.Valid = %v", doc, err, goOK)
		}
		if err == nil {
			_ = pyRepr(v, 30)
		}
	})
}

func longDigitRun(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run > pyMaxIntDigits {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
