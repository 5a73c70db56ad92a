package eval

import (
	"fmt"
	"io"
	"math"
	"strconv"
)

// maxExamples is how many problem descriptions Diagnostics keeps.
const maxExamples = 5

// Choice is the event chosen to score a prediction line: the one with the
// highest confidence, the earliest on ties.
type Choice struct {
	// Point is nil when the event has no valid lat/lon.
	Point *Point
	// Date is the event's YYYY-MM-DD date, or "" when it has no valid date.
	Date string
}

// Diagnostics counts the problems found in a prediction file, with the same
// names and meaning as score.py's diagnostics.
type Diagnostics struct {
	Lines               int `json:"lines"`
	ValidLines          int `json:"valid_lines"`
	BadLines            int `json:"bad_lines"`
	DuplicateIDs        int `json:"duplicate_ids"`
	UnknownIDs          int `json:"unknown_ids"`
	Events              int `json:"events"`
	BadEvents           int `json:"bad_events"`
	EventsBadPoint      int `json:"events_bad_point"`
	EventsBadDate       int `json:"events_bad_date"`
	EventsBadConfidence int `json:"events_bad_confidence"`
	// Examples describes the first few problems, as "line N: what".
	Examples []string `json:"examples"`
}

func (d *Diagnostics) problem(counter *int, line int, msg string) {
	*counter++
	if len(d.Examples) < maxExamples {
		d.Examples = append(d.Examples, fmt.Sprintf("line %d: %s", line, msg))
	}
}

// LoadPredictions reads a prediction JSONL file like score.py's load_pred.
// It returns the chosen event for every id that has a valid line (the first
// one when an id repeats; nil when the line has no event that is an object),
// including ids that are not in goldIDs, and the diagnostics. Bad lines and
// events are counted, never fatal; the error is non-nil only when r fails.
func LoadPredictions(r io.Reader, goldIDs map[string]struct{}) (map[string]*Choice, Diagnostics, error) {
	diag := Diagnostics{Examples: []string{}}
	chosen := map[string]*Choice{}
	lr := newLineReader(r)
	for {
		n, line, ok, err := lr.next()
		if err != nil {
			return nil, diag, fmt.Errorf("read predictions: %w", err)
		}
		if n == 0 {
			return chosen, diag, nil
		}
		diag.Lines++
		if !ok {
			diag.problem(&diag.BadLines, n, "not UTF-8")
			continue
		}
		v, err := pyLoads(line)
		if err != nil {
			diag.problem(&diag.BadLines, n, "not JSON ("+pyPrefix(err.Error(), 80)+")")
			continue
		}
		obj, isObj := v.(*pyObject)
		if !isObj {
			diag.problem(&diag.BadLines, n, "not a JSON object")
			continue
		}
		rid, _ := obj.get("id").(string)
		if rid == "" {
			diag.problem(&diag.BadLines, n, `no string "id"`)
			continue
		}
		ridRepr := pyRepr(pyPrefix(rid, 60), -1)
		events, isList := obj.get("events").([]any)
		if !isList {
			diag.problem(&diag.BadLines, n, "id "+ridRepr+`: "events" missing or not a list`)
			continue
		}
		diag.ValidLines++
		if _, dup := chosen[rid]; dup {
			diag.problem(&diag.DuplicateIDs, n, "id "+ridRepr+" repeated; the first line is used")
			continue
		}
		if _, known := goldIDs[rid]; !known {
			diag.UnknownIDs++
		}
		chosen[rid] = chooseEvent(events, n, ridRepr, &diag)
	}
}

// chooseEvent counts the events of one line and returns the one to score.
func chooseEvent(events []any, n int, ridRepr string, diag *Diagnostics) *Choice {
	var best *Choice
	bestConf := math.Inf(-1)
	for _, e := range events {
		diag.Events++
		ev, ok := e.(*pyObject)
		if !ok {
			diag.problem(&diag.BadEvents, n, "id "+ridRepr+": an event is not an object")
			continue
		}
		lat, lon := ev.get("lat"), ev.get("lon")
		pt := asPoint(lat, lon)
		if pt == nil && (lat != nil || lon != nil) {
			diag.problem(&diag.EventsBadPoint, n, "id "+ridRepr+": invalid or half-null lat/lon")
		}
		date, okDate := asDate(ev.get("date"))
		if !okDate && ev.get("date") != nil {
			diag.problem(&diag.EventsBadDate, n, "id "+ridRepr+": date "+pyRepr(pyStr(ev.get("date"), 30), -1)+" is not YYYY-MM-DD")
		}
		conf, okConf := asFloat(ev.get("confidence"))
		if !okConf {
			diag.problem(&diag.EventsBadConfidence, n, "id "+ridRepr+": confidence missing or not a number")
			conf = math.Inf(-1)
		}
		if best == nil || conf > bestConf { // strict: the earliest event wins ties
			best, bestConf = &Choice{Point: pt, Date: date}, conf
		}
	}
	return best
}

// asFloat returns a finite number from a JSON value, like score.py's
// as_float: bools, strings and other types are rejected, ints are converted
// (and rejected when they overflow a float64), NaN and ±Inf are rejected.
func asFloat(v any) (float64, bool) {
	var f float64
	switch v := v.(type) {
	case pyInt:
		// The literal is a valid integer; ParseFloat rounds it to nearest
		// even like Python's float(int), and gives ±Inf where Python raises
		// OverflowError.
		f, _ = strconv.ParseFloat(string(v), 64)
	case float64:
		f = v
	default:
		return 0, false
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// asPoint returns the point when lat and lon are finite numbers within
// [-90, 90] and [-180, 180], else nil (score.py's as_point).
func asPoint(lat, lon any) *Point {
	la, ok1 := asFloat(lat)
	lo, ok2 := asFloat(lon)
	if !ok1 || !ok2 || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return nil
	}
	return &Point{Lat: la, Lon: lo}
}

// asDate returns v when it is a string holding a valid proleptic Gregorian
// date as YYYY-MM-DD (score.py's as_date: 10 code points, '-' at 4 and 7,
// and date.fromisoformat accepts it, which needs ASCII digits, a year from
// 1 and an existing month and day).
func asDate(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return "", false
	}
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	if year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return "", false
	}
	return s, true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
