package geodata

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

const (
	// ccw is a closed counter-clockwise ring around Donetsk; cw the same
	// ring clockwise.
	ccw  = `[[37.5,47.8],[38.1,47.8],[38.1,48.2],[37.5,48.2],[37.5,47.8]]`
	cw   = `[[37.5,47.8],[37.5,48.2],[38.1,48.2],[38.1,47.8],[37.5,47.8]]`
	hole = `[[37.6,47.9],[37.7,47.9],[37.7,48.0],[37.6,48.0],[37.6,47.9]]` // counter-clockwise
)

func fc(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

func feat(props, geometry string) string {
	return `{"type":"Feature","properties":` + props + `,"geometry":` + geometry + `}`
}

func poly(rings ...string) string {
	return `{"type":"Polygon","coordinates":[` + strings.Join(rings, ",") + `]}`
}

func TestParseSnapshot(t *testing.T) {
	tests := []struct {
		name, file, input string
		date, source      string
		polygons, rings   int
	}{
		{"collection", "occupied.geojson",
			fc(feat(`{"date":"2024-11-06","source":"DeepStateMap"}`, `{"type":"MultiPolygon","coordinates":[[`+ccw+`],[`+ccw+`,`+hole+`]]}`)),
			"2024-11-06", "DeepStateMap", 2, 3},
		{"collection of several features", "x.geojson",
			fc(feat(`{"date":"2024-11-06"}`, poly(ccw)), feat(`{"name":"a point"}`, `{"type":"Point","coordinates":[30,50]}`),
				feat(`null`, `null`), feat(`{"date":"2024-11-06"}`, poly(ccw))),
			"2024-11-06", "x.geojson", 2, 2},
		{"feature", "a/b/occupied_2023-01-02.geojson", feat(`{}`, poly(ccw)), "2023-01-02", "occupied_2023-01-02.geojson", 1, 1},
		{"bare polygon, date in name", "front 2022-12-31 v2.json", poly(ccw, hole), "2022-12-31", "front 2022-12-31 v2.json", 1, 2},
		{"bare multipolygon", "2025-02-03.geojson", `{"type":"MultiPolygon","coordinates":[[` + ccw + `]]}`, "2025-02-03", "2025-02-03.geojson", 1, 1},
		{"property date wins over the name", "2020-01-01.geojson", feat(`{"date":"2024-05-06"}`, poly(ccw)), "2024-05-06", "2020-01-01.geojson", 1, 1},
		{"byte order mark and altitude", "2024-01-01.json", "\ufeff" + poly(`[[37.5,47.8,0],[38.1,47.8,0],[38.1,48.2,0],[37.5,48.2,0],[37.5,47.8,0]]`), "2024-01-01", "2024-01-01.json", 1, 1},
		{"null date property", "2024-01-01.json", feat(`{"date":null}`, poly(ccw)), "2024-01-01", "2024-01-01.json", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSnapshot(tt.file, strings.NewReader(tt.input))
			if err != nil {
				t.Fatalf("ParseSnapshot: %v", err)
			}
			if s.Date != tt.date || s.Source != tt.source {
				t.Errorf("got date %q source %q, want %q %q", s.Date, s.Source, tt.date, tt.source)
			}
			rings := 0
			for _, p := range s.Occupied {
				rings += len(p)
			}
			if len(s.Occupied) != tt.polygons || rings != tt.rings {
				t.Errorf("got %d polygons, %d rings, want %d, %d", len(s.Occupied), rings, tt.polygons, tt.rings)
			}
			if !planar.MultiPolygonContains(s.Occupied, orb.Point{37.8, 48.1}) {
				t.Error("Donetsk area not inside")
			}
		})
	}
}

func TestParseSnapshotWinding(t *testing.T) {
	s, err := ParseSnapshot("2024-01-01.geojson", strings.NewReader(poly(cw, hole)))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Occupied[0][0].Orientation(); got != orb.CCW {
		t.Errorf("exterior orientation %v, want counter-clockwise", got)
	}
	if got := s.Occupied[0][1].Orientation(); got != orb.CW {
		t.Errorf("hole orientation %v, want clockwise", got)
	}
	if got, want := s.Occupied[0][0][1], (orb.Point{38.1, 47.8}); got != want {
		t.Errorf("second position %v, want %v", got, want)
	}
}

func TestParseSnapshotInvalid(t *testing.T) {
	pos := func(p string) string { return poly(`[[37.5,47.8],` + p + `,[38.1,48.2],[37.5,47.8]]`) }
	tests := []struct {
		name, file, input string
		want              []string // substrings of the message
	}{
		{"empty", "a.geojson", "  ", []string{"a.geojson", "not JSON", "empty"}},
		{"not JSON", "a.geojson", "<html>", []string{"a.geojson", "not JSON", "byte 1"}},
		{"truncated", "a.geojson", `{"type":"Polygon"`, []string{"not JSON"}},
		{"JSON array", "a.geojson", `[1,2]`, []string{"not a GeoJSON object", "array"}},
		{"no type", "a.geojson", `{}`, []string{"no \"type\""}},
		{"point", "2024-01-01.geojson", `{"type":"Point","coordinates":[30,50]}`, []string{`"Point"`, "want FeatureCollection"}},
		{"geometry collection", "2024-01-01.geojson", `{"type":"GeometryCollection","geometries":[]}`, []string{`"GeometryCollection"`}},
		{"type not a string", "a.geojson", `{"type":5}`, []string{"type is a JSON number, want a string"}},
		{"features not an array", "a.geojson", `{"type":"FeatureCollection","features":{}}`, []string{"features is a JSON object, want an array"}},
		{"no features member", "a.geojson", `{"type":"FeatureCollection"}`, []string{"without a features array"}},
		{"empty collection", "2024-01-01.geojson", fc(), []string{"no Polygon or MultiPolygon", "empty"}},
		{"only points", "2024-01-01.geojson", fc(feat(`{}`, `{"type":"Point","coordinates":[30,50]}`)), []string{"no Polygon or MultiPolygon", "Point ×1"}},
		{"feature with a point", "2024-01-01.geojson", feat(`{}`, `{"type":"Point","coordinates":[30,50]}`), []string{"no Polygon"}},
		{"feature member not a feature", "2024-01-01.geojson", fc(poly(ccw)), []string{"features[0]", `"Polygon", want "Feature"`}},
		{"geometry without type", "2024-01-01.geojson", fc(feat(`{}`, `{"coordinates":[]}`)), []string{"features[0].geometry", "without a type"}},
		{"empty multipolygon", "2024-01-01.geojson", `{"type":"MultiPolygon","coordinates":[]}`, []string{"has no polygons"}},
		{"no coordinates", "2024-01-01.geojson", `{"type":"Polygon"}`, []string{"no coordinates"}},
		{"no date", "occupied.geojson", poly(ccw), []string{"occupied.geojson", "no date"}},
		{"bad date property", "2024-01-01.geojson", feat(`{"date":"2024-02-30"}`, poly(ccw)), []string{`properties.date "2024-02-30" is not a valid`}},
		{"date with time", "a.geojson", feat(`{"date":"2024-02-03T00:00:00Z"}`, poly(ccw)), []string{"not a valid YYYY-MM-DD"}},
		{"date not a string", "a.geojson", feat(`{"date":20240203}`, poly(ccw)), []string{"properties.date is not a string"}},
		{"properties not an object", "a.geojson", feat(`[1]`, poly(ccw)), []string{"properties is not an object"}},
		{"bad date in name", "occupied_2024-13-01.geojson", poly(ccw), []string{`"2024-13-01" in the file name`}},
		{"dates disagree", "a.geojson", fc(feat(`{"date":"2024-01-01"}`, poly(ccw)), feat(`{"date":"2024-01-08"}`, poly(ccw))),
			[]string{`features[1].properties.date "2024-01-08" disagrees with features[0].properties.date "2024-01-01"`}},
		{"longitude", "2024-01-01.geojson", pos(`[181,47.8]`), []string{"coordinates[0][1]", "longitude 181 out of range"}},
		{"latitude", "2024-01-01.geojson", pos(`[38,-91]`), []string{"coordinates[0][1]", "latitude -91 out of range"}},
		{"huge number", "2024-01-01.geojson", pos(`[1e999,0]`), []string{"coordinates[0][1][0]", "bad number"}},
		{"string coordinate", "2024-01-01.geojson", pos(`["38",48]`), []string{"coordinates[0][1][0]", "want a number, found a string"}},
		{"null coordinate", "2024-01-01.geojson", pos(`[38,null]`), []string{"coordinates[0][1][1]", "found null"}},
		{"one number", "2024-01-01.geojson", pos(`[38]`), []string{"coordinates[0][1]", "1 numbers"}},
		{"four numbers", "2024-01-01.geojson", pos(`[38,48,0,0]`), []string{"coordinates[0][1][3]", "more than 3"}},
		{"position not an array", "2024-01-01.geojson", pos(`38`), []string{"coordinates[0][1]", "want an array, found a number"}},
		{"short ring", "2024-01-01.geojson", poly(`[[37.5,47.8],[38.1,47.8],[37.5,47.8]]`), []string{"coordinates[0]", "3 positions, want at least 4"}},
		{"open ring", "2024-01-01.geojson", poly(`[[37.5,47.8],[38.1,47.8],[38.1,48.2],[37.5,48.2]]`), []string{"coordinates[0]", "not closed"}},
		{"polygon without rings", "2024-01-01.geojson", `{"type":"Polygon","coordinates":[]}`, []string{"without rings"}},
		{"multipolygon one level short", "2024-01-01.geojson", `{"type":"MultiPolygon","coordinates":[` + ccw + `]}`, []string{"coordinates[0][0][0]", "want an array, found a number"}},
		{"ring in a feature", "2024-01-01.geojson", fc(feat(`{}`, poly(ccw)), feat(`{}`, `{"type":"MultiPolygon","coordinates":[[[[1,1],[2,2],[1,1]]]]}`)),
			[]string{"features[1].geometry.coordinates[0][0]", "3 positions"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSnapshot(tt.file, strings.NewReader(tt.input))
			if code := farsight.ErrorCode(err); code != farsight.EINVALID {
				t.Fatalf("got error %v (code %q), want %s", err, code, farsight.EINVALID)
			}
			msg := farsight.ErrorMessage(err)
			for _, w := range append([]string{tt.file + ": "}, tt.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestParseSnapshotTooManyPositions(t *testing.T) {
	p := snapshotParser{name: "big.geojson", maxPositions: 9}
	_, err := p.parse([]byte(`{"type":"MultiPolygon","coordinates":[[` + ccw + `],[` + ccw + `]]}`))
	if farsight.ErrorCode(err) != farsight.EINVALID || !strings.Contains(farsight.ErrorMessage(err), "more than 9 positions") {
		t.Errorf("got %v, want EINVALID about more than 9 positions", err)
	}
}

// repeatReader yields b forever.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestParseSnapshotTooLarge(t *testing.T) {
	_, err := ParseSnapshot("huge.geojson", repeatReader(' '))
	if farsight.ErrorCode(err) != farsight.EINVALID || !strings.Contains(farsight.ErrorMessage(err), "larger than 50 MB") {
		t.Errorf("got %v, want EINVALID about the size", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestParseSnapshotReadError(t *testing.T) {
	_, err := ParseSnapshot("a.geojson", io.MultiReader(strings.NewReader("{"), failingReader{}))
	if err == nil || farsight.ErrorCode(err) != farsight.EINTERNAL || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("got %v, want the wrapped read error", err)
	}
}

// syntheticSnapshot returns a FeatureCollection whose one MultiPolygon is
// a ring of n positions (n ≥ 4) on an ellipse, like a snapshot.
func syntheticSnapshot(n int) string {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"date":"2024-11-06","source":"synthetic"},"geometry":{"type":"MultiPolygon","coordinates":[[[`)
	for i := range n - 1 {
		a := 2 * math.Pi * float64(i) / float64(n-1)
		fmt.Fprintf(&b, "[%.4f,%.4f],", 38+1.5*math.Cos(a), 47.5+math.Sin(a))
	}
	b.WriteString(`[39.5000,47.5000]]]]}}]}`)
	return b.String()
}

func BenchmarkParseSnapshot(b *testing.B) {
	input := syntheticSnapshot(2700)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSnapshot("bench.geojson", strings.NewReader(input)); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParseSnapshot checks that ParseSnapshot never panics and that what it
// accepts is valid.
func FuzzParseSnapshot(f *testing.F) {
	seeds := []string{
		fc(feat(`{"date":"2024-11-06","source":"s"}`, `{"type":"MultiPolygon","coordinates":[[`+ccw+`],[`+ccw+`,`+hole+`]]}`)),
		feat(`{"date":"2024-11-06"}`, poly(cw, hole)),
		poly(ccw),
		`{"type":"MultiPolygon","coordinates":[[` + ccw + `]]}`,
		fc(feat(`{}`, `{"type":"Point","coordinates":[30,50]}`)),
		`{"type":"Polygon","coordinates":[[[1e999,0],[1,0],[1,1],[1e999,0]]]}`,
		`[]`, `null`, `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"x":[`,
		syntheticSnapshot(20),
	}
	for _, s := range seeds {
		f.Add("occupied_2024-01-01.geojson", s)
	}
	f.Add("noname", poly(ccw))
	f.Fuzz(func(t *testing.T, name, input string) {
		s, err := ParseSnapshot(name, strings.NewReader(input))
		if err != nil {
			if farsight.ErrorCode(err) != farsight.EINVALID {
				t.Fatalf("error code %q: %v", farsight.ErrorCode(err), err)
			}
			return
		}
		if _, err := time.Parse(time.DateOnly, s.Date); err != nil || len(s.Date) != 10 {
			t.Fatalf("invalid date %q", s.Date)
		}
		if len(s.Occupied) == 0 {
			t.Fatal("no polygons")
		}
		for _, p := range s.Occupied {
			if len(p) == 0 {
				t.Fatal("polygon without rings")
			}
			for _, r := range p {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Fatalf("bad ring %v", r)
				}
				for _, pt := range r {
					if !validLonLat(pt[0], pt[1]) {
						t.Fatalf("bad position %v", pt)
					}
				}
			}
		}
	})
}
