package eval

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// WriteTable writes the result as the text table of `score.py GOLD PRED`,
// byte for byte. goldPath and predPath are only printed.
func WriteTable(w io.Writer, goldPath, predPath string, res Result, diag Diagnostics) error {
	var b strings.Builder
	fmt.Fprintf(&b, "gold: %s (%d records)\npred: %s\n\n", goldPath, res.NGold, predPath)
	row := func(cols ...string) {
		widths := []int{-22, -13, 6, 6, 14, 14, 14, 10, 14}
		for i, c := range cols {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pyPad(c, widths[i]))
		}
		b.WriteByte('\n')
	}
	row("dataset", "subset", "n", "lines", "coverage", "acc@25km", "acc@161km", "median_km", "date_exact")
	b.WriteString(strings.Repeat("-", 123) + "\n")
	rows := append([]DatasetResult(nil), res.PerDataset...)
	rows = append(rows, DatasetResult{Dataset: "OVERALL", Buckets: res.Overall})
	for i, r := range rows {
		for _, sub := range []struct {
			name string
			m    Metrics
		}{{"all", r.All}, {"place_in_text", r.PlaceInText}} {
			a := sub.m
			med := "-"
			if a.MedianKm != nil {
				med = strconv.FormatFloat(*a.MedianKm, 'f', 1, 64)
			}
			row(r.Dataset, sub.name, strconv.Itoa(a.N), strconv.Itoa(a.WithPredLine),
				pct(a.Covered, a.NGeo), pct(a.Hit25, a.NGeo), pct(a.Hit161, a.NGeo), med,
				pct(a.DateExact, a.NDate))
		}
		if i < len(rows)-1 {
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "\nprediction file: %d lines, %d valid, %d bad, %d duplicate ids (first kept), %d ids not in gold\n",
		diag.Lines, diag.ValidLines, diag.BadLines, diag.DuplicateIDs, diag.UnknownIDs)
	fmt.Fprintf(&b, "gold records with no prediction line (scored as misses): %d\n", res.GoldWithoutPredictionLine)
	fmt.Fprintf(&b, "events: %d; not an object: %d; invalid lat/lon: %d; invalid date: %d; missing/invalid confidence: %d\n",
		diag.Events, diag.BadEvents, diag.EventsBadPoint, diag.EventsBadDate, diag.EventsBadConfidence)
	for _, ex := range diag.Examples {
		fmt.Fprintf(&b, "  e.g. %s\n", ex)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// pct is score.py's pct: "%6.1f%% (%d)", or "-" right-aligned in 13.
func pct(num, den int) string {
	if den == 0 {
		return pyPad("-", 13)
	}
	return fmt.Sprintf("%6.1f%% (%d)", 100.0*float64(num)/float64(den), num)
}

// pyPad pads s with spaces to |width| code points like Python's "%*s":
// on the left for a positive width, on the right for a negative one.
func pyPad(s string, width int) string {
	left := width > 0
	if width < 0 {
		width = -width
	}
	n := pyLen(s)
	if n >= width {
		return s
	}
	if left {
		return strings.Repeat(" ", width-n) + s
	}
	return s + strings.Repeat(" ", width-n)
}

// jsonObject is a JSON object written with sorted keys.
type jsonObject map[string]any

func metricsJSON(m Metrics) jsonObject {
	return jsonObject{
		"n": m.N, "with_pred_line": m.WithPredLine, "n_geo": m.NGeo, "covered": m.Covered,
		"hit25": m.Hit25, "hit161": m.Hit161, "n_date": m.NDate, "date_exact": m.DateExact,
		"coverage": m.Coverage, "acc25": m.Acc25, "acc161": m.Acc161,
		"median_km": m.MedianKm, "date_exact_rate": m.DateExactRate,
	}
}

func bucketsJSON(b Buckets) jsonObject {
	return jsonObject{"all": metricsJSON(b.All), "place_in_text": metricsJSON(b.PlaceInText)}
}

// WriteJSON writes the result as `score.py GOLD PRED --json` does: the same
// keys, values and layout (json.dump with indent=2, sort_keys=True and
// ensure_ascii), followed by a newline.
func WriteJSON(w io.Writer, goldPath, predPath string, res Result, diag Diagnostics) error {
	per := jsonObject{}
	for _, d := range res.PerDataset {
		per[d.Dataset] = bucketsJSON(d.Buckets)
	}
	examples := make([]any, len(diag.Examples))
	for i, e := range diag.Examples {
		examples[i] = e
	}
	doc := jsonObject{
		"gold":        goldPath,
		"pred":        predPath,
		"n_gold":      res.NGold,
		"hit_km":      []any{hit25Km, hit161Km},
		"per_dataset": per,
		"overall":     bucketsJSON(res.Overall),
		"diagnostics": jsonObject{
			"lines": diag.Lines, "valid_lines": diag.ValidLines, "bad_lines": diag.BadLines,
			"duplicate_ids": diag.DuplicateIDs, "unknown_ids": diag.UnknownIDs,
			"events": diag.Events, "bad_events": diag.BadEvents,
			"events_bad_point": diag.EventsBadPoint, "events_bad_date": diag.EventsBadDate,
			"events_bad_confidence":        diag.EventsBadConfidence,
			"gold_without_prediction_line": res.GoldWithoutPredictionLine,
			"examples":                     examples,
		},
	}
	var b strings.Builder
	writePyJSON(&b, doc, 0)
	b.WriteByte('\n')
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// writePyJSON writes v like Python's json.dump(v, indent=2, sort_keys=True).
func writePyJSON(b *strings.Builder, v any, level int) {
	indent := func(l int) {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat("  ", l))
	}
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case float64:
		b.WriteString(pyFloatRepr(v))
	case *float64:
		if v == nil {
			b.WriteString("null")
		} else {
			b.WriteString(pyFloatRepr(*v))
		}
	case string:
		writeJSONString(b, v)
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(level + 1)
			writePyJSON(b, x, level+1)
		}
		indent(level)
		b.WriteByte(']')
	case jsonObject:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(level + 1)
			writeJSONString(b, k)
			b.WriteString(": ")
			writePyJSON(b, v[k], level+1)
		}
		indent(level)
		b.WriteByte('}')
	default:
		panic(fmt.Sprintf("eval: writePyJSON: unexpected %T", v))
	}
}

// writeJSONString writes s as a JSON string with only ASCII characters, as
// Python's json module does by default (ensure_ascii=True).
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := decodeWTF8(s[i:])
		i += size
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			switch {
			case r >= ' ' && r <= '~':
				b.WriteByte(byte(r))
			case r > 0xffff:
				r -= 0x10000
				fmt.Fprintf(b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			default:
				fmt.Fprintf(b, `\u%04x`, r)
			}
		}
	}
	b.WriteByte('"')
}
