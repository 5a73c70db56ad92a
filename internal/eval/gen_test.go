package eval

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// This file generates random gold and prediction files for the differential
// tests against score.py. The files mix valid records with the malformed
// lines and values that score.py has rules for.

// jsonQuote returns s as a JSON string literal; lone surrogates (WTF-8) are
// written as \u escapes so that Python reads back the same string.
func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := decodeWTF8(s[i:])
		i += size
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || (r >= 0xd800 && r <= 0xdfff):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// genGoldFile is a generated gold file with the facts genPred draws on.
type genGoldFile struct {
	text   string
	ids    []string
	points [][2]float64 // a point near each record
	dates  []string     // a gold date of each record, or ""
}

// idPool holds awkward ids: quotes, backslashes, escapes, non-ASCII,
// non-printable characters and lone surrogates.
var idPool = [...]string{
	`plain`, `Київ`, `Харків-1`, `q'uote`, `d"ouble`, `both'"`, `back\slash`, `tab	in`,
	"emoji\U0001F642", "nbsp\u00a0", "zw\u200b", "line\u2028sep", "pua\ue000", "ctl\x01",
	"lone\xed\xa0\x80", "del\x7f", `Ελλάδα`, `日本`, "e\u0301", strings.Repeat("long", 20),
}

func genID(r *rand.Rand, i int) string {
	if r.IntN(3) == 0 {
		return fmt.Sprintf("%s-%d", idPool[r.IntN(len(idPool))], i)
	}
	return fmt.Sprintf("g%d", i)
}

func genDate(r *rand.Rand) string {
	return fmt.Sprintf("%04d-%02d-%02d", 2020+r.IntN(5), 1+r.IntN(12), 1+r.IntN(28))
}

// genNum formats f in one of the ways a JSON producer might.
func genNum(r *rand.Rand, f float64) string {
	switch r.IntN(6) {
	case 0:
		return strconv.FormatFloat(f, 'f', r.IntN(7), 64)
	case 1:
		return strconv.FormatFloat(f, 'e', r.IntN(8), 64)
	case 2:
		return strconv.FormatFloat(f, 'E', -1, 64)
	default:
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
}

func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// genGold returns a gold file with n records in several datasets.
func genGold(r *rand.Rand, n int) genGoldFile {
	var g genGoldFile
	var b strings.Builder
	if r.IntN(2) == 0 {
		b.WriteString("\ufeff")
	}
	for i := range n {
		id := genID(r, i)
		lat, lon := 44+r.Float64()*8, 22+r.Float64()*18
		g.ids = append(g.ids, id)
		g.points = append(g.points, [2]float64{lat, lon})
		fields := []string{`"id": ` + jsonQuote(id)}
		fields = append(fields, pick(r,
			`"dataset": "ucdp_ged"`, `"dataset": "viina_derived"`, `"dataset": "viina_derived"`,
			``, `"dataset": ""`, `"dataset": null`, `"dataset": 7`, `"dataset": "Zürich"`, `"dataset": ["a", 1.5]`))
		fields = append(fields, pick(r, `"place_in_text": true`, `"place_in_text": false`, ``, `"place_in_text": "true"`, `"place_in_text": 1`))
		// Points: a list of [lat, lon, name] or {lat, lon}, some invalid, or the lat/lon fallback.
		var pts []string
		for j := range r.IntN(4) {
			la, lo := lat+r.NormFloat64()*float64(j), lon+r.NormFloat64()*float64(j)
			pts = append(pts, pick(r,
				"["+genNum(r, la)+", "+genNum(r, lo)+`, "place"]`,
				"["+genNum(r, la)+", "+genNum(r, lo)+"]",
				`{"lat": `+genNum(r, la)+`, "lon": `+genNum(r, lo)+"}",
				`[null, 1]`, `[95, 1]`, `["48", 30]`, `[48]`, `{"lat": 48}`, `"48,30"`))
		}
		if len(pts) > 0 || r.IntN(2) == 0 {
			fields = append(fields, `"gold_points": [`+strings.Join(pts, ", ")+"]")
		}
		if r.IntN(6) > 0 {
			fields = append(fields, `"lat": `+genNum(r, lat), `"lon": `+genNum(r, lon))
		}
		date := genDate(r)
		var ds []string
		for j := range r.IntN(3) {
			if j == 0 {
				ds = append(ds, strconv.Quote(date))
			} else {
				ds = append(ds, pick(r, strconv.Quote(genDate(r)), `"2023-02-30"`, `20230101`, `null`))
			}
		}
		if len(ds) > 0 || r.IntN(2) == 0 {
			fields = append(fields, `"gold_dates": [`+strings.Join(ds, ", ")+"]")
		}
		if r.IntN(5) > 0 {
			fields = append(fields, `"date": `+strconv.Quote(date))
		}
		g.dates = append(g.dates, date)
		var nonEmpty []string
		for _, f := range fields {
			if f != "" {
				nonEmpty = append(nonEmpty, f)
			}
		}
		r.Shuffle(len(nonEmpty), func(a, b int) { nonEmpty[a], nonEmpty[b] = nonEmpty[b], nonEmpty[a] })
		b.WriteString("{" + strings.Join(nonEmpty, ", ") + "}\n")
		if r.IntN(10) == 0 {
			b.WriteString(pick(r, "\n", "  \t\r\n", "\u3000\u2028\x1c\n"))
		}
	}
	g.text = b.String()
	return g
}

// genPred returns a random prediction file for gold.
func genPred(r *rand.Rand, gold genGoldFile) string {
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteString("\ufeff")
	}
	nLines := 5 + r.IntN(30)
	for range nLines {
		i := r.IntN(len(gold.ids))
		line := genLine(r, gold, i)
		if r.IntN(8) == 0 {
			line = corrupt(r, line)
		}
		b.WriteString(line)
		b.WriteString(pick(r, "\n", "\n", "\n", "\n", "\r\n"))
		if r.IntN(12) == 0 {
			b.WriteString(pick(r, "\n", " \n", "\u00a0\u2003\n", "\x1f\n", "\u200b\n", "\xff\n"))
		}
	}
	s := b.String()
	if r.IntN(4) == 0 {
		s = strings.TrimRight(s, "\n")
	}
	return s
}

// genLine returns one prediction line, mostly for gold record i.
func genLine(r *rand.Rand, gold genGoldFile, i int) string {
	id := jsonQuote(gold.ids[i])
	switch r.IntN(20) {
	case 0:
		id = jsonQuote(fmt.Sprintf("unknown-%d", r.IntN(5)))
	case 1:
		id = pick(r, `""`, `null`, `5`, `["x"]`)
	case 2:
		return pick(r, `[]`, `"str"`, `null`, `3.5`, `{}`)
	case 3:
		return `{"id": ` + id + `, "events": ` + pick(r, `null`, `{}`, `"[]"`, `1`) + `}`
	case 4:
		return `{"id": ` + id + `}`
	}
	var evs []string
	for range r.IntN(5) {
		evs = append(evs, genEvent(r, gold, i))
	}
	fields := []string{`"id": ` + id, `"events": [` + strings.Join(evs, ", ") + "]"}
	if r.IntN(4) == 0 {
		fields = append(fields, pick(r, `"extra": {"a": [1, 2]}`, `"text": "Київ"`, `"id": "g0"`))
	}
	r.Shuffle(len(fields), func(a, b int) { fields[a], fields[b] = fields[b], fields[a] })
	return "{" + strings.Join(fields, ", ") + "}"
}

// genEvent returns one event near gold record i, with a chance of each kind
// of invalid field.
func genEvent(r *rand.Rand, gold genGoldFile, i int) string {
	if r.IntN(15) == 0 {
		return pick(r, `"event"`, `1`, `null`, `[]`, `[1, 2]`)
	}
	p := gold.points[i]
	// Spread around the hit radii: 0.1 degree is about 11 km.
	scale := pick(r, 0.0, 0.01, 0.1, 0.2, 0.5, 1, 1.5, 3, 10)
	lat, lon := p[0]+r.NormFloat64()*scale, p[1]+r.NormFloat64()*scale
	var fields []string
	switch r.IntN(12) {
	case 0:
	case 1:
		fields = append(fields, `"lat": null`, `"lon": null`)
	case 2:
		fields = append(fields, `"lat": `+genNum(r, lat), `"lon": null`)
	case 3:
		fields = append(fields, `"lat": `+pick(r, `"48.1"`, `true`, `91`, `-90.5`, `1e400`, `NaN`, `[48]`), `"lon": `+genNum(r, lon))
	case 4:
		fields = append(fields, `"lat": `+genNum(r, lat), `"lon": `+pick(r, `180`, `-180`, `181`, `-Infinity`, `false`, `"30"`))
	case 5:
		fields = append(fields, `"lat": `+strconv.Itoa(int(lat)), `"lon": `+strconv.Itoa(int(lon)))
	default:
		fields = append(fields, `"lat": `+genNum(r, lat), `"lon": `+genNum(r, lon))
	}
	switch r.IntN(10) {
	case 0:
	case 1:
		fields = append(fields, `"date": null`)
	case 2:
		fields = append(fields, `"date": `+pick(r, `"2023-02-30"`, `"2023-2-01"`, `"20230201"`, `"2023-02-01T00:00"`,
			`"0000-01-01"`, `"２０２３-01-01"`, `20230201`, `true`, `1.5e-7`, `["2023-01-01"]`, `{"d": "x"}`, `""`, `"2023/01/01"`))
	case 3:
		fields = append(fields, `"date": `+strconv.Quote(genDate(r)))
	default:
		fields = append(fields, `"date": `+strconv.Quote(gold.dates[i]))
	}
	switch r.IntN(10) {
	case 0:
	case 1:
		fields = append(fields, `"confidence": `+pick(r, `null`, `"0.9"`, `true`, `false`, `NaN`, `Infinity`, `-Infinity`, `1e400`, `-1e400`, `[1]`))
	case 2:
		fields = append(fields, `"confidence": `+pick(r, `1`, `0`, `-0`, `-0.0`, `1.0`, `123456789012345678901234567890`, `1e-320`))
	case 3, 4:
		fields = append(fields, `"confidence": `+pick(r, `0.5`, `0.9`, `0.50`, `5e-1`)) // ties
	default:
		fields = append(fields, `"confidence": `+genNum(r, r.Float64()))
	}
	if r.IntN(6) == 0 {
		fields = append(fields, pick(r, `"place": "Київ"`, `"type": null`, `"lat": null`, `"confidence": 0.1`))
	}
	r.Shuffle(len(fields), func(a, b int) { fields[a], fields[b] = fields[b], fields[a] })
	return "{" + strings.Join(fields, ", ") + "}"
}

// corrupt damages a line so that it is no longer valid JSON, or no longer
// UTF-8, most of the time.
func corrupt(r *rand.Rand, line string) string {
	if line == "" {
		return "{"
	}
	k := r.IntN(len(line))
	switch r.IntN(7) {
	case 0:
		return line[:k]
	case 1:
		return line[:k] + pick(r, `,`, `}`, `]`, `"`, `\`, `\u12`, `\x`, "\x01", `'`, ` `, `:`, `nul`, `-`) + line[k:]
	case 2:
		return line[:k] + line[k+1:]
	case 3:
		return line[:k] + "\xff" + line[k:]
	case 4:
		return line + pick(r, ` x`, ` {}`, `,`, `]`)
	case 5:
		return strings.Replace(line, `]`, `,]`, 1)
	default:
		return pick(r, "\ufeff", "  ", "\u00a0") + line
	}
}
