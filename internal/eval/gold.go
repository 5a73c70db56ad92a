package eval

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Point is a WGS84 position in decimal degrees.
type Point struct {
	Lat, Lon float64
}

// Gold is one gold record as the scorer uses it.
type Gold struct {
	// ID is the record id, never empty.
	ID string
	// Dataset is str(dataset) in Python terms, or "unknown" when the field is
	// missing or falsy.
	Dataset string
	// PlaceInText is true only when the record has "place_in_text": true.
	PlaceInText bool
	// Points are the valid gold_points (as [lat, lon, ...] lists or
	// {"lat", "lon"} objects), or the record's lat/lon when none is valid.
	// It is empty when the record has no valid point.
	Points []Point
	// Dates are the valid YYYY-MM-DD gold_dates, or the record's date when
	// none is valid, without repeats. It is empty when there is no valid date.
	Dates []string
}

// GoldError reports an invalid gold file. Error returns the message that
// score.py prints after "score.py: gold file PATH: ".
type GoldError struct {
	// Line is the 1-based line number in the gold file.
	Line int
	// Msg describes the problem, e.g. `duplicate id 'x'`.
	Msg string
}

func (e *GoldError) Error() string {
	return fmt.Sprintf("gold line %d: %s", e.Line, e.Msg)
}

// GoldIDs returns the set of ids in gold, for LoadPredictions.
func GoldIDs(gold []Gold) map[string]struct{} {
	ids := make(map[string]struct{}, len(gold))
	for _, g := range gold {
		ids[g.ID] = struct{}{}
	}
	return ids
}

// LoadGold reads a gold JSONL file like score.py's load_gold. A UTF-8 BOM on
// the first line and blank lines are ignored. It returns a *GoldError for a
// line that is not UTF-8 or not JSON, is not an object with a non-empty
// string "id", or repeats an id, and a wrapped error when r fails.
func LoadGold(r io.Reader) ([]Gold, error) {
	var gold []Gold
	seen := map[string]bool{}
	lr := newLineReader(r)
	for {
		n, line, ok, err := lr.next()
		if err != nil {
			return nil, fmt.Errorf("read gold: %w", err)
		}
		if n == 0 {
			return gold, nil
		}
		if !ok {
			return nil, &GoldError{Line: n, Msg: "not UTF-8"}
		}
		v, err := pyLoads(line)
		if err != nil {
			return nil, &GoldError{Line: n, Msg: fmt.Sprintf("not JSON (%s)", err)}
		}
		obj, _ := v.(*pyObject)
		var id string
		if obj != nil {
			id, _ = obj.get("id").(string)
		}
		if id == "" {
			return nil, &GoldError{Line: n, Msg: "not an object with a string id"}
		}
		if seen[id] {
			return nil, &GoldError{Line: n, Msg: "duplicate id " + pyRepr(id, -1)}
		}
		seen[id] = true
		g, err := goldFromObject(obj)
		if err != nil {
			return nil, &GoldError{Line: n, Msg: err.Error()}
		}
		g.ID = id
		gold = append(gold, g)
	}
}

func goldFromObject(obj *pyObject) (Gold, error) {
	var g Gold
	pts, err := pyIter(obj.get("gold_points"), "gold_points")
	if err != nil {
		return g, err
	}
	for _, p := range pts {
		var pt *Point
		switch p := p.(type) {
		case []any:
			if len(p) >= 2 {
				pt = asPoint(p[0], p[1])
			}
		case *pyObject:
			pt = asPoint(p.get("lat"), p.get("lon"))
		}
		if pt != nil {
			g.Points = append(g.Points, *pt)
		}
	}
	if len(g.Points) == 0 {
		if pt := asPoint(obj.get("lat"), obj.get("lon")); pt != nil {
			g.Points = append(g.Points, *pt)
		}
	}
	dates, err := pyIter(obj.get("gold_dates"), "gold_dates")
	if err != nil {
		return g, err
	}
	seen := map[string]bool{}
	for _, x := range dates {
		if d, ok := asDate(x); ok && !seen[d] {
			seen[d] = true
			g.Dates = append(g.Dates, d)
		}
	}
	if len(g.Dates) == 0 {
		if d, ok := asDate(obj.get("date")); ok {
			g.Dates = append(g.Dates, d)
		}
	}
	g.Dataset = "unknown"
	if ds := obj.get("dataset"); pyTruthy(ds) {
		g.Dataset = pyStr(ds, -1)
	}
	g.PlaceInText = obj.get("place_in_text") == true
	return g, nil
}

// pyIter returns the items of `for x in (v or [])` in Python: nothing for a
// falsy value, the elements of a list, the keys of an object and the code
// points of a string. Python raises TypeError for a true bool or a non-zero
// number, which score.py does not catch; this returns an error instead.
func pyIter(v any, field string) ([]any, error) {
	if !pyTruthy(v) {
		return nil, nil
	}
	switch v := v.(type) {
	case []any:
		return v, nil
	case *pyObject:
		out := make([]any, len(v.keys))
		for i, k := range v.keys {
			out[i] = k
		}
		return out, nil
	case string:
		var out []any
		for i := 0; i < len(v); {
			_, size := decodeWTF8(v[i:])
			out = append(out, v[i:i+size])
			i += size
		}
		return out, nil
	}
	return nil, fmt.Errorf("%q is not iterable (%s)", field, pyTypeName(v))
}

func pyTypeName(v any) string {
	switch v.(type) {
	case bool:
		return "bool"
	case pyInt:
		return "int"
	case float64:
		return "float"
	}
	return "object"
}

// lineReader yields the lines of a JSONL file the way score.py's
// read_jsonl_lines does: lines end at '\n', a UTF-8 BOM is removed from the
// first line, and lines whose str.strip() is empty are skipped (but counted).
type lineReader struct {
	r *bufio.Reader
	n int
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReader(r)}
}

// next returns the next non-blank line and its 1-based number, with ok false
// when the line is not valid UTF-8. n is 0 at the end of the input.
func (lr *lineReader) next() (n int, line string, ok bool, err error) {
	for {
		raw, err := lr.r.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, "", false, err
		}
		if len(raw) == 0 {
			return 0, "", false, nil
		}
		lr.n++
		if lr.n == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		if !utf8.Valid(raw) {
			return lr.n, "", false, nil
		}
		if s := string(raw); !pyIsBlank(s) {
			return lr.n, s, true, nil
		}
	}
}
