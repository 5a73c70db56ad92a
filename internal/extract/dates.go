package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
)

// dateKind says how a date expression fixes its date.
type dateKind uint8

const (
	dateAbsolute dateKind = iota // "6 November 2024", "Nov. 6", "2024-11-06"
	dateWeekday                  // "on Wednesday"
	dateRelative                 // "yesterday", "overnight", "this morning"
	dateSummary                  // "in the past day", "during the day": a daily report on the day before
	dateMonth                    // "in November 2024"
)

// dateMention is a date expression resolved against the publication time.
// A weekday or relative day without a publication time has an empty date:
// it dates nothing, but still marks its sentence as dated.
type dateMention struct {
	first, last int // tokens
	start, end  int // bytes
	kind        dateKind
	date, end2  string // YYYY-MM-DD; end2 is the last day of a range
	precision   farsight.DatePrecision
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// relativeDays are words that date an event relative to the publication
// day: 0 the same day (or the night before it), -1 the day before.
var relativeDays = map[string]int{
	"today": 0, "tonight": 0, "overnight": 0, "yesterday": -1,
}

// findDates finds and resolves the date expressions of d. pub is the
// publication time; zero when unknown, in which case only dates with a
// year are resolved.
func findDates(d *doc, pub time.Time) []dateMention {
	var out []dateMention
	for _, s := range d.sents {
		for i := s.first; i < s.last; i++ {
			if m, ok := dateAt(d, i, s.last, pub); ok {
				m.start, m.end = d.tokens[m.first].start, d.tokens[m.last-1].end
				out = append(out, m)
				i = m.last - 1
			}
		}
	}
	return out
}

// number returns the integer value of token i, or -1.
func (d *doc) number(i int) int {
	if i < 0 || i >= len(d.tokens) || d.tokens[i].kind != tokNumber {
		return -1
	}
	n, err := strconv.Atoi(d.tokens[i].text)
	if err != nil {
		return -1
	}
	return n
}

// ordinal returns the day of "6", "6th", "21st" at token i and how many
// tokens it takes, or -1.
func (d *doc) ordinal(i int) (int, int) {
	n := d.number(i)
	if n < 1 || n > 31 {
		return -1, 0
	}
	switch d.word(i + 1) {
	case "st", "nd", "rd", "th":
		if d.tokens[i+1].glued || d.tokens[i+1].start == d.tokens[i].end {
			return n, 2
		}
	}
	return n, 1
}

// monthAt returns the month named at token i ("Nov", "Nov.", "November")
// and how many tokens it takes.
func (d *doc) monthAt(i int) (time.Month, int) {
	m, ok := months[d.word(i)]
	if !ok {
		return 0, 0
	}
	// "May" and "March" are also words: take them only next to a number.
	if d.word(i+1) == "." && d.tokens[i+1].start == d.tokens[i].end {
		return m, 2
	}
	return m, 1
}

func dateAt(d *doc, i, end int, pub time.Time) (dateMention, bool) {
	t := &d.tokens[i]
	switch t.kind {
	case tokNumber:
		// 2024-11-06
		if len(t.text) == 4 && d.word(i+1) == "-" && d.number(i+2) > 0 && d.word(i+3) == "-" && d.number(i+4) > 0 && i+4 < end &&
			d.tokens[i+1].start == t.end && d.tokens[i+4].start == d.tokens[i+3].end {
			if date, ok := makeDate(d.number(i), time.Month(d.number(i+2)), d.number(i+4)); ok {
				return dateMention{first: i, last: i + 5, kind: dateAbsolute, date: date, precision: farsight.PrecisionDay}, true
			}
		}
		// 06.11.2024
		if p := strings.Split(t.text, "."); len(p) == 3 && len(p[2]) == 4 {
			dd, _ := strconv.Atoi(p[0])
			mm, _ := strconv.Atoi(p[1])
			yy, _ := strconv.Atoi(p[2])
			if date, ok := makeDate(yy, time.Month(mm), dd); ok {
				return dateMention{first: i, last: i + 1, kind: dateAbsolute, date: date, precision: farsight.PrecisionDay}, true
			}
		}
		// 6 November [2024], 6th of November; the night of 5-6 November, 5 to 6 November
		day, n := d.ordinal(i)
		if day < 0 {
			return dateMention{}, false
		}
		j := i + n
		day2 := -1
		if (d.word(j) == "-" || d.word(j) == "–" || d.word(j) == "to" || d.word(j) == "and") && d.number(j+1) > 0 {
			if d2, n2 := d.ordinal(j + 1); d2 > day {
				day2, j = d2, j+1+n2
			}
		}
		if d.word(j) == "of" {
			j++
		}
		month, mn := d.monthAt(j)
		if mn == 0 {
			// 6 листопада, 12 ноября 2025 г.
			return cyrDayAt(d, i, j, end, day, day2, pub)
		}
		if j+mn > end {
			return dateMention{}, false
		}
		j += mn
		year := -1
		if y := d.number(j); y >= 1900 && y <= 2100 && j < end {
			year, j = y, j+1
		}
		return resolveDay(i, j, year, month, day, day2, nightBefore(d, i), pub)
	case tokWord:
		if t.cyrillic {
			return cyrDateAt(d, i, end, pub)
		}
		w := t.lower
		// November 6[, 2024]; Nov. 6th; November 5-6
		if month, mn := d.monthAt(i); mn > 0 {
			j := i + mn
			if day, n := d.ordinal(j); day > 0 && !(d.word(j+n) == "," && d.number(j+n+1) > 31 && d.number(j+n+1) < 1900) {
				j += n
				day2 := -1
				if (d.word(j) == "-" || d.word(j) == "–") && d.number(j+1) > day && d.number(j+1) <= 31 {
					day2, j = d.number(j+1), j+2
				}
				year := -1
				if d.word(j) == "," && d.number(j+1) >= 1900 && d.number(j+1) <= 2100 {
					year, j = d.number(j+1), j+2
				} else if y := d.number(j); y >= 1900 && y <= 2100 {
					year, j = y, j+1
				}
				return resolveDay(i, min(j, end), year, month, day, day2, nightBefore(d, i), pub)
			}
			// November 2024
			if y := d.number(j); y >= 1900 && y <= 2100 {
				if date, ok := makeDate(y, month, 1); ok {
					return dateMention{first: i, last: j + 1, kind: dateMonth, date: date, precision: farsight.PrecisionMonth}, true
				}
			}
			return dateMention{}, false
		}
		if wd, ok := weekdays[w]; ok {
			if pub.IsZero() {
				// Unresolved: it still tells that the sentence dates an event.
				return dateMention{first: i, last: i + 1, kind: dateWeekday}, true
			}
			back := (int(pub.Weekday()) - int(wd) + 7) % 7
			date := pub.AddDate(0, 0, -back).Format(time.DateOnly)
			return dateMention{first: i, last: i + 1, kind: dateWeekday, date: date, precision: farsight.PrecisionDay}, true
		}
		if off, ok := relativeDays[w]; ok {
			if pub.IsZero() {
				return dateMention{first: i, last: i + 1, kind: dateRelative}, true
			}
			return dateMention{first: i, last: i + 1, kind: dateRelative, date: pub.AddDate(0, 0, off).Format(time.DateOnly), precision: farsight.PrecisionDay}, true
		}
		if pub.IsZero() {
			return dateMention{}, false
		}
		// "last night", "this morning", "earlier today"
		switch {
		case w == "last" && d.word(i+1) == "night", w == "this" && (d.word(i+1) == "morning" || d.word(i+1) == "evening" || d.word(i+1) == "afternoon"):
			return dateMention{first: i, last: i + 2, kind: dateRelative, date: pub.Format(time.DateOnly), precision: farsight.PrecisionDay}, true
		case w == "the" && d.word(i+1) == "day" && d.word(i+2) == "before":
			return dateMention{first: i, last: i + 3, kind: dateRelative, date: pub.AddDate(0, 0, -1).Format(time.DateOnly), precision: farsight.PrecisionDay}, true
		}
		// Daily summaries: "in a day", "during the day", "over the past day",
		// "in the past 24 hours", "per day".
		if n := summaryAt(d, i); n > 0 {
			return dateMention{first: i, last: i + n, kind: dateSummary, date: pub.AddDate(0, 0, -1).Format(time.DateOnly), precision: farsight.PrecisionDay}, true
		}
	}
	return dateMention{}, false
}

// nightBefore reports whether "night of" (or "overnight on") precedes token i.
func nightBefore(d *doc, i int) bool {
	return d.is(i-2, "night", "of") || d.is(i-3, "night", "of", "the") || d.word(i-1) == "overnight"
}

// summaryPhrases are daily-summary phrases: "in a day", "over the past day",
// "за добу", "за сутки".
var summaryPhrases = newLexicon(merge(cyrSummaryEntries, map[string]bool{
	"over the past day": true, "over the last day": true, "in the past day": true, "in the last day": true,
	"during the past day": true, "over the past 24 hours": true, "in the past 24 hours": true, "over the last 24 hours": true,
	"in the last 24 hours": true, "during the day": true, "in a day": true, "per day": true, "past day": true,
	"in one day": true, "over the day": true,
}))

// summaryAt returns the length of a daily-summary phrase at token i.
func summaryAt(d *doc, i int) int {
	_, n := summaryPhrases.match(d, i, len(d.tokens))
	return n
}

// resolveDay makes a day (or a range of days) from its parts; a missing
// year is the latest that puts the date on or before publication.
func resolveDay(first, last, year int, month time.Month, day, day2 int, night bool, pub time.Time) (dateMention, bool) {
	if year < 0 {
		if pub.IsZero() {
			return dateMention{}, false
		}
		year = pub.Year()
		if t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC); t.After(pub) {
			year--
		}
	}
	date, ok := makeDate(year, month, day)
	if !ok {
		return dateMention{}, false
	}
	m := dateMention{first: first, last: last, kind: dateAbsolute, date: date, precision: farsight.PrecisionDay}
	if day2 > 0 {
		if end, ok := makeDate(year, month, day2); ok {
			m.end2, m.precision = end, farsight.PrecisionRange
			// "the night of 5 to 6 November": strikes at night are dated
			// by the morning after, when they are reported.
			if day2 == day+1 && night {
				m.date, m.end2, m.precision = end, "", farsight.PrecisionDay
			}
		}
	}
	return m, true
}

// makeDate returns YYYY-MM-DD for a valid calendar date.
func makeDate(year int, month time.Month, day int) (string, bool) {
	if year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 {
		return "", false
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return "", false
	}
	return t.Format(time.DateOnly), true
}
