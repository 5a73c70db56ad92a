package eval

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestLoadGold(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Gold
	}{
		{
			name: "empty file",
			in:   "",
			want: nil,
		},
		{
			name: "bom and blank lines",
			in:   "\ufeff{\"id\": \"a\"}\n\n \t\r\n\u3000\x1c\n{\"id\": \"b\"}",
			want: []Gold{{ID: "a", Dataset: "unknown"}, {ID: "b", Dataset: "unknown"}},
		},
		{
			name: "points as lists and objects, invalid ones skipped",
			in: `{"id": "a", "gold_points": [[50.5, 30.5, "Kyiv"], {"lat": 49, "lon": 36}, [null, 1], [91, 0], [1, 181], ` +
				`[48], {"lat": 48}, "48,30", [true, 1], ["48", 30], [NaN, 1], [1e400, 1]], "lat": 1, "lon": 2}`,
			want: []Gold{{ID: "a", Dataset: "unknown", Points: []Point{{50.5, 30.5}, {49, 36}}}},
		},
		{
			name: "lat lon fallback when no gold point is valid",
			in:   `{"id": "a", "gold_points": [[null, null]], "lat": -90, "lon": 180}`,
			want: []Gold{{ID: "a", Dataset: "unknown", Points: []Point{{-90, 180}}}},
		},
		{
			name: "no valid point at all",
			in:   `{"id": "a", "lat": "50", "lon": 30}`,
			want: []Gold{{ID: "a", Dataset: "unknown"}},
		},
		{
			name: "dates with fallback",
			in: `{"id": "a", "gold_dates": ["2024-02-29", "2023-02-29", "2024-02-29", 20240101, null], "date": "2020-01-01"}` + "\n" +
				`{"id": "b", "gold_dates": ["2024-02-30"], "date": "2020-01-01"}` + "\n" +
				`{"id": "c", "gold_dates": [], "date": "2020-1-01"}`,
			want: []Gold{
				{ID: "a", Dataset: "unknown", Dates: []string{"2024-02-29"}},
				{ID: "b", Dataset: "unknown", Dates: []string{"2020-01-01"}},
				{ID: "c", Dataset: "unknown"},
			},
		},
		{
			name: "gold_dates object iterates its keys, string its characters",
			in:   `{"id": "a", "gold_dates": {"2022-07-07": 1}}` + "\n" + `{"id": "b", "gold_dates": "2022-07-07", "date": "2022-01-01"}`,
			want: []Gold{
				{ID: "a", Dataset: "unknown", Dates: []string{"2022-07-07"}},
				{ID: "b", Dataset: "unknown", Dates: []string{"2022-01-01"}},
			},
		},
		{
			name: "dataset is str() of the value or unknown when falsy",
			in: `{"id": "a", "dataset": "ucdp_ged"}` + "\n" + `{"id": "b", "dataset": ""}` + "\n" +
				`{"id": "c", "dataset": 0}` + "\n" + `{"id": "d", "dataset": 7}` + "\n" +
				`{"id": "e", "dataset": ["x", 1.0]}` + "\n" + `{"id": "f", "dataset": true}` + "\n" +
				`{"id": "g", "dataset": null}`,
			want: []Gold{
				{ID: "a", Dataset: "ucdp_ged"}, {ID: "b", Dataset: "unknown"}, {ID: "c", Dataset: "unknown"},
				{ID: "d", Dataset: "7"}, {ID: "e", Dataset: "['x', 1.0]"}, {ID: "f", Dataset: "True"},
				{ID: "g", Dataset: "unknown"},
			},
		},
		{
			name: "place_in_text only when exactly true",
			in: `{"id": "a", "place_in_text": true}` + "\n" + `{"id": "b", "place_in_text": "true"}` + "\n" +
				`{"id": "c", "place_in_text": 1}` + "\n" + `{"id": "d"}`,
			want: []Gold{
				{ID: "a", Dataset: "unknown", PlaceInText: true}, {ID: "b", Dataset: "unknown"},
				{ID: "c", Dataset: "unknown"}, {ID: "d", Dataset: "unknown"},
			},
		},
		{
			name: "unicode ids and escapes",
			in:   `{"id": "Київ"}` + "\n" + `{"id": "\u041a\ud83d\ude00"}` + "\n" + `{"id": "\ud800"}`,
			want: []Gold{
				{ID: "Київ", Dataset: "unknown"}, {ID: "К😀", Dataset: "unknown"}, {ID: "\xed\xa0\x80", Dataset: "unknown"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadGold(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("LoadGold: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("LoadGold mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadGoldErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantLine int
		wantMsg  string
	}{
		{"not utf-8", "{\"id\": \"a\"}\n\n{\"id\": \"\xff\"}\n", 3, "not UTF-8"},
		{"not json", "{\"id\": \"a\"}\n{\"id\": \"b\",}\n", 2, "not JSON (Expecting property name enclosed in double quotes: line 1 column 12 (char 11))"},
		{"bom on line 2", "{\"id\": \"a\"}\n\ufeff{\"id\": \"b\"}\n", 2, "not JSON (Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0))"},
		{"not an object", "[]\n", 1, "not an object with a string id"},
		{"no id", "{\"ID\": \"a\"}\n", 1, "not an object with a string id"},
		{"empty id", "{\"id\": \"\"}\n", 1, "not an object with a string id"},
		{"number id", "{\"id\": 1}\n", 1, "not an object with a string id"},
		{"duplicate id", "{\"id\": \"a\"}\n \n{\"id\": \"b\"}\n{\"id\": \"a\"}\n", 4, "duplicate id 'a'"},
		{"duplicate id with quote", "{\"id\": \"it's\"}\n{\"id\": \"it's\"}\n", 2, `duplicate id "it's"`},
		// score.py crashes with a TypeError here; LoadGold reports it.
		{"gold_points not iterable", "{\"id\": \"a\", \"gold_points\": 5}\n", 1, `"gold_points" is not iterable (int)`},
		{"gold_dates not iterable", "{\"id\": \"a\", \"gold_dates\": true}\n", 1, `"gold_dates" is not iterable (bool)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadGold(strings.NewReader(tt.in))
			var ge *GoldError
			if !errors.As(err, &ge) {
				t.Fatalf("LoadGold: got error %v, want a *GoldError", err)
			}
			if ge.Line != tt.wantLine || ge.Msg != tt.wantMsg {
				t.Errorf("got line %d %q, want line %d %q", ge.Line, ge.Msg, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestLoadGoldReadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := LoadGold(iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Errorf("got error %v, want one wrapping %v", err, boom)
	}
}

func TestGoldIDs(t *testing.T) {
	got := GoldIDs([]Gold{{ID: "a"}, {ID: "b"}})
	want := map[string]struct{}{"a": {}, "b": {}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GoldIDs mismatch (-want +got):\n%s", diff)
	}
}

// FuzzLoadGold checks that LoadGold never panics and that what it returns
// holds the invariants the scorer relies on.
func FuzzLoadGold(f *testing.F) {
	f.Add("{\"id\": \"a\", \"gold_points\": [[1, 2]], \"gold_dates\": [\"2024-01-01\"]}\n")
	f.Add("\ufeff{\"id\": \"a\", \"dataset\": [1]}\n\n{\"id\": \"b\", \"gold_dates\": {\"x\": 1}}")
	f.Fuzz(func(t *testing.T, in string) {
		gold, err := LoadGold(strings.NewReader(in))
		if err != nil {
			var ge *GoldError
			if !errors.As(err, &ge) || ge.Line < 1 {
				t.Fatalf("LoadGold: error %v is not a *GoldError with a line", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, g := range gold {
			if g.ID == "" || seen[g.ID] || g.Dataset == "" {
				t.Fatalf("bad record %+v", g)
			}
			seen[g.ID] = true
			for _, p := range g.Points {
				if asPoint(p.Lat, p.Lon) == nil {
					t.Fatalf("invalid point %+v", p)
				}
			}
			for _, d := range g.Dates {
				if _, ok := asDate(d); !ok {
					t.Fatalf("invalid date %q", d)
				}
			}
		}
	})
}
