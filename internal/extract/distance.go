package extract

import (
	"strconv"
	"strings"
)

// quotedDistance is a distance a report quotes: "nearly 930 miles from its
// borders", "over 1000 km behind the frontline".
type quotedDistance struct {
	first, last int // tokens
	start, end  int // bytes
	value       float64
	unit        string // "km" or "mi"
	// qualifier: about, nearly, over, up to, or "" when exact.
	qualifier string
	// reference: "border", "frontline", or a place name.
	reference string
}

var distanceUnits = map[string]string{
	"km": "km", "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "kms": "km",
	"miles": "mi", "mile": "mi", "mi": "mi",
	"км": "km", "кілометрів": "km", "кілометри": "km", "километров": "km", "километра": "km", "кілометра": "km",
	"кілометрах": "km", "километрах": "km", "кілометр": "km", "километр": "km", "миль": "mi", "милях": "mi", "милі": "mi", "мили": "mi",
}

// cyrDistanceLinks stand between a qualifier and its number: "майже за
// 1500 км", "более чем в 1000 километрах".
var cyrDistanceLinks = map[string]bool{"за": true, "в": true, "у": true, "на": true, "чем": true, "ніж": true}

// qualifiers before a number.
var distanceQualifiers = newLexicon(map[string]string{
	"nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
	"about": "about", "around": "about", "approximately": "about", "some": "about", "roughly": "about", "approx": "about",
	"over": "over", "more than": "over", "above": "over", "at least": "over", "beyond": "over", "upwards of": "over",
	"up to": "up to", "less than": "up to", "under": "up to", "as far as": "up to", "within": "up to",
	"понад": "over", "більше": "over", "більш ніж": "over", "свыше": "over", "более": "over", "больше": "over",
	"більше ніж": "over", "более чем": "over", "больше чем": "over", "понад ніж": "over",
	"майже": "nearly", "почти": "nearly", "близько": "about", "около": "about", "приблизно": "about", "примерно": "about",
	"до": "up to",
})

// referenceWords name what a distance is measured from.
var distanceReferences = newLexicon(map[string]string{
	"border": "border", "borders": "border", "frontier": "border", "state border": "border",
	"frontline": "frontline", "front line": "frontline", "front lines": "frontline", "front": "frontline",
	"frontlines": "frontline", "contact line": "frontline", "line of contact": "frontline", "battlefield": "frontline",
	"кордону": "border", "кордон": "border", "границы": "border", "границ": "border", "границей": "border",
	"лінії фронту": "frontline", "фронту": "frontline", "линии фронта": "frontline", "фронта": "frontline",
	"лінії зіткнення": "frontline", "линии соприкосновения": "frontline", "кордонів": "border", "границ россии": "border",
})

// findDistances finds quoted distances in d.
func findDistances(d *doc) []quotedDistance {
	var out []quotedDistance
	for _, s := range d.sents {
		for i := s.first; i < s.last; i++ {
			if q, ok := distanceAt(d, i, s); ok {
				out = append(out, q)
				i = q.last - 1
			}
		}
	}
	return out
}

// digitGroupSeparators are removed from numbers before parsing.
var digitGroupSeparators = strings.NewReplacer(",", "", "\u00a0", "", "\u202f", "", "\u2009", "")

// parseNumber reads "1,000", "1 000", "930", "1.5" as a number.
func parseNumber(s string) (float64, bool) {
	s = digitGroupSeparators.Replace(s)
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && v > 0 && v < 1e5
}

func distanceAt(d *doc, i int, s sentence) (quotedDistance, bool) {
	q := quotedDistance{first: i}
	j := i
	if v, n := distanceQualifiers.match(d, j, s.last); n > 0 {
		q.qualifier = v
		j += n
		// "майже за 1500 км", "более чем в 1000 километрах".
		for k := 0; k < 2 && j < s.last && cyrDistanceLinks[d.word(j)]; k++ {
			j++
		}
	}
	if j >= s.last || d.tokens[j].kind != tokNumber {
		return q, false
	}
	v, ok := parseNumber(d.tokens[j].text)
	if !ok {
		return q, false
	}
	q.value = v
	j++
	unit, ok := distanceUnits[d.word(j)]
	if !ok {
		return q, false
	}
	q.unit = unit
	j++
	// "(1,497 km)" after the number: skip the conversion.
	if d.word(j) == "(" {
		if k := indexText(d, j, min(s.last, j+6), ")"); k > 0 {
			j = k + 1
		}
	}
	// from / behind / away from / beyond / inside / into / deep into / of
	k := j
	for k < s.last && k < j+4 {
		switch d.word(k) {
		case "from", "behind", "away", "beyond", "inside", "into", "deep", "past", "of", "the", "its", "their", "ukraine", "'s", "russia", "ukrainian", "russian", "nearest", "closest",
			"від", "за", "от", "вглиб", "углубь":
			k++
			continue
		}
		break
	}
	if k == j && !(k < s.last && distanceReferenceAt(d, k, s) != "") {
		return q, false
	}
	ref := distanceReferenceAt(d, k, s)
	if ref == "" {
		// A named place: "1,500 km from Kyiv".
		if k < s.last && d.tokens[k].upper && d.tokens[k].kind == tokWord {
			ref = d.tokens[k].text
		} else {
			return q, false
		}
	}
	q.reference = ref
	q.last = k + 1
	if _, n := distanceReferences.match(d, k, s.last); n > 0 {
		q.last = k + n
	}
	q.start, q.end = d.tokens[q.first].start, d.tokens[q.last-1].end
	return q, true
}

func distanceReferenceAt(d *doc, k int, s sentence) string {
	if k >= s.last {
		return ""
	}
	v, _ := distanceReferences.match(d, k, s.last)
	return v
}
