package extract

import (
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
)

// Ukrainian and Russian dates. dateAt hands Cyrillic words to cyrDateAt,
// and a day number followed by no English month to cyrDayAt; both resolve
// their dates against the publication time as the English rules do.

// cyrDayParts are the parts of a day that may follow a relative day or a
// weekday ("вчора ввечері", "в среду утром"); they date nothing further.
var cyrDayParts = map[string]bool{
	"вночі": true, "уночі": true, "ночью": true, "зранку": true, "вранці": true, "уранці": true, "утром": true,
	"ввечері": true, "увечері": true, "вечером": true, "вдень": true, "днем": true, "днём": true,
}

// cyrClockPrepositions introduce a clock time ("вчора о 14:30", "вчера в 14:30").
var cyrClockPrepositions = map[string]bool{
	"о": true, "об": true, "в": true, "во": true, "у": true, "близько": true, "около": true, "приблизно": true, "примерно": true,
}

// cyrWeekdayModifiers are the words that may precede a weekday: "минулої
// середи", "в прошлую среду". The day is still the latest such day not
// after publication, as for a bare weekday.
var cyrWeekdayModifiers = map[string]bool{
	"минулої": true, "минулого": true, "минулу": true, "минулий": true,
	"цієї": true, "цього": true, "цю": true, "цей": true,
	"прошлой": true, "прошлого": true, "прошлую": true, "прошлый": true, "этой": true, "этого": true, "эту": true, "этот": true,
}

// cyrAmbiguousWeekdays are the Russian forms of "среда" (Wednesday), which
// also means "environment": they date only after a preposition or a
// modifier ("в среду", "на среду", "прошлой среды").
var cyrAmbiguousWeekdays = map[string]bool{"среда": true, "среду": true, "среды": true}

// cyrNightWords are "night" as in "у ніч на 6 листопада", "в ночь с 5 на 6 ноября".
var cyrNightWords = map[string]bool{"ніч": true, "ночь": true}

// cyrYearWords follow a year: "2024 року", "2024 р.", "2025 года", "2025 г.".
var cyrYearWords = map[string]bool{"року": true, "рік": true, "р": true, "года": true, "год": true, "г": true}

// cyrWeekdayForms holds cyrWeekdays under every apostrophe a text may
// write in "п'ятниця" (', ’, ʼ).
var cyrWeekdayForms = func() map[string]time.Weekday {
	out := map[string]time.Weekday{}
	for w, d := range cyrWeekdays {
		for _, a := range []string{"'", "’", "ʼ", "‘", "`"} {
			out[strings.ReplaceAll(w, "'", a)] = time.Weekday(d)
		}
	}
	return out
}()

// cyrRelativePhrases are the relative days, one word or several, with
// their offset from publication (see cyrRelativeDays).
var cyrRelativePhrases = newLexicon(cyrRelativeDays)

// cyrDateStarts holds every word that can begin a Cyrillic date expression
// at a word (not a number), so that other words cost one map look-up.
var cyrDateStarts = func() map[string]bool {
	out := map[string]bool{}
	for w := range cyrMonths {
		out[w] = true
	}
	for w := range cyrWeekdayForms {
		out[w] = true
	}
	for w := range cyrWeekdayModifiers {
		out[w] = true
	}
	for p := range cyrRelativeDays {
		out[strings.Fields(p)[0]] = true
	}
	for p := range cyrSummaryEntries {
		out[strings.Fields(p)[0]] = true
	}
	return out
}()

// cyrDateAt finds a date expression starting at the Cyrillic word i:
// a month of a year ("листопаді 2024"), a daily summary ("за добу"),
// a weekday ("у середу", "минулої середи") or a relative day ("вчора",
// "минулої ночі").
func cyrDateAt(d *doc, i, end int, pub time.Time) (dateMention, bool) {
	w := d.tokens[i].lower
	if !cyrDateStarts[w] {
		return dateMention{}, false
	}
	// "у листопаді 2024 [року]", "в ноябре 2024 г."
	if month, ok := cyrMonths[w]; ok {
		if y := d.number(i + 1); y >= 1900 && y <= 2100 && i+1 < end {
			if date, ok := makeDate(y, time.Month(month), 1); ok {
				return dateMention{first: i, last: cyrYearWord(d, i+2, end), kind: dateMonth, date: date, precision: farsight.PrecisionMonth}, true
			}
		}
		return dateMention{}, false
	}
	if !pub.IsZero() {
		if n := summaryAt(d, i); n > 0 && i+n <= end {
			return dateMention{first: i, last: i + n, kind: dateSummary, date: pub.AddDate(0, 0, -1).Format(time.DateOnly), precision: farsight.PrecisionDay}, true
		}
	}
	if m, ok := cyrWeekdayAt(d, i, end, pub); ok {
		return m, true
	}
	if off, n := cyrRelativePhrases.match(d, i, end); n > 0 {
		m := dateMention{first: i, last: cyrDayPart(d, i+n, end), kind: dateRelative}
		if !pub.IsZero() {
			m.date, m.precision = pub.AddDate(0, 0, off).Format(time.DateOnly), farsight.PrecisionDay
		}
		return m, true
	}
	return dateMention{}, false
}

// cyrWeekdayAt finds a weekday at token i, after an optional modifier
// ("минулої середи"). "в ночь с понедельника на вторник" is dated by the
// second day, as a night is by the morning after.
func cyrWeekdayAt(d *doc, i, end int, pub time.Time) (dateMention, bool) {
	j := i
	if cyrWeekdayModifiers[d.tokens[i].lower] {
		j++
	}
	if j >= end {
		return dateMention{}, false
	}
	wd, ok := cyrWeekdayForms[d.tokens[j].lower]
	if !ok || (j == i && cyrAmbiguousWeekdays[d.tokens[j].lower] && !cyrWeekdayContext(d, j)) {
		return dateMention{}, false
	}
	last := j + 1
	if cyrNightFrom(d, i) && d.word(last) == "на" && last+1 < end {
		if wd2, ok := cyrWeekdayForms[d.word(last+1)]; ok {
			wd, last = wd2, last+2
		}
	}
	m := dateMention{first: i, last: cyrDayPart(d, last, end), kind: dateWeekday}
	if !pub.IsZero() {
		back := (int(pub.Weekday()) - int(wd) + 7) % 7
		m.date, m.precision = pub.AddDate(0, 0, -back).Format(time.DateOnly), farsight.PrecisionDay
	}
	return m, true
}

// cyrWeekdayContext reports whether the word before token i makes it a
// weekday: a preposition ("в среду", "в ночь на среду") or a modifier.
func cyrWeekdayContext(d *doc, i int) bool {
	switch p := d.word(i - 1); p {
	case "в", "во", "на", "с", "со", "до":
		return true
	default:
		return cyrWeekdayModifiers[p]
	}
}

// cyrDayPart extends a relative day or a weekday ending before token j by
// a part of the day and a clock time: "вчора ввечері", "вчора о 14:30",
// "в среду около 3:00". It returns the new end.
func cyrDayPart(d *doc, j, end int) int {
	if j < end && cyrDayParts[d.tokens[j].lower] {
		j++
	}
	if j+1 < end && cyrClockPrepositions[d.tokens[j].lower] {
		if n := clockAt(d, j+1, end); n > 0 {
			j += 1 + n
		}
	}
	return j
}

// clockAt returns how many tokens a clock time at token i takes: "14:30"
// (three tokens) or "14.30" (one), 0 if there is none.
func clockAt(d *doc, i, end int) int {
	if i >= end || d.tokens[i].kind != tokNumber {
		return 0
	}
	t := d.tokens[i].text
	if h, m, ok := strings.Cut(t, "."); ok {
		if len(h) <= 2 && len(m) == 2 && d.number(i) < 0 && validClock(h, m) {
			return 1
		}
		return 0
	}
	h := d.number(i)
	if h < 0 || h > 23 || i+2 >= end || d.tokens[i+1].text != ":" || d.tokens[i+1].start != d.tokens[i].end ||
		d.tokens[i+2].start != d.tokens[i+1].end {
		return 0
	}
	if mm := d.number(i + 2); mm < 0 || mm > 59 || len(d.tokens[i+2].text) != 2 {
		return 0
	}
	return 3
}

// validClock reports whether hh and mm spell a time of day.
func validClock(hh, mm string) bool {
	h, m := 0, 0
	for _, c := range hh {
		if c < '0' || c > '9' {
			return false
		}
		h = h*10 + int(c-'0')
	}
	for _, c := range mm {
		if c < '0' || c > '9' {
			return false
		}
		m = m*10 + int(c-'0')
	}
	return hh != "" && h <= 23 && m <= 59
}

// cyrYearWord skips "року", "р.", "года", "г." at token j, returning the
// token after them.
func cyrYearWord(d *doc, j, end int) int {
	if j >= end || !cyrYearWords[d.tokens[j].lower] {
		return j
	}
	j++
	if abbr := d.tokens[j-1].lower; (abbr == "р" || abbr == "г") && j < end && d.tokens[j].text == "." && d.tokens[j].start == d.tokens[j-1].end {
		j++
	}
	return j
}

// cyrNightBefore reports whether a night precedes the day number at token
// i: "у ніч на 5-6 листопада", "в ночь на 6 ноября", "у ніч проти 6
// листопада", or "з"/"с" as in "у ніч з 5 на 6 листопада".
func cyrNightBefore(d *doc, i int) bool {
	switch d.word(i - 1) {
	case "на", "проти":
		return cyrNightWords[d.word(i-2)]
	case "вночі", "уночі", "ночью":
		return true
	}
	return cyrNightFrom(d, i)
}

// cyrNightFrom reports whether "у ніч з", "в ночь с" precedes token i.
func cyrNightFrom(d *doc, i int) bool {
	switch d.word(i - 1) {
	case "з", "із", "зі", "с", "со":
		return cyrNightWords[d.word(i-2)]
	}
	return false
}

// cyrDayAt completes a date whose day (and day2 of a range, -1 if none)
// was read from token i up to token j, when no English month follows:
// "6 листопада [2024 року]", "12 ноября 2025 г.", "5-6 листопада",
// "з 5 по 7 листопада", "у ніч з 5 на 6 листопада", "в ночь с 31 октября
// на 1 ноября".
func cyrDayAt(d *doc, i, j, end, day, day2 int, pub time.Time) (dateMention, bool) {
	if j >= end || !d.tokens[j].cyrillic && d.tokens[j].text != "—" {
		return dateMention{}, false
	}
	// "6-го ноября"
	if d.tokens[j].lower == "го" && d.tokens[j].glued {
		j++
	}
	night := cyrNightBefore(d, i)
	if day2 < 0 {
		switch w := d.word(j); {
		case w == "—" || w == "по" || w == "на" && cyrNightFrom(d, i):
			if d2, n := d.ordinal(j + 1); d2 > day && j+1 < end {
				day2, j = d2, j+1+n
				night = night || w == "на"
			}
		}
	}
	if j >= end {
		return dateMention{}, false
	}
	month, ok := cyrMonths[d.tokens[j].lower]
	if !ok {
		return dateMention{}, false
	}
	j++
	year := -1
	if y := d.number(j); y >= 1900 && y <= 2100 && j < end {
		year, j = y, cyrYearWord(d, j+1, end)
	}
	// "в ночь с 31 октября на 1 ноября": the night is dated by its morning.
	if day2 < 0 && cyrNightFrom(d, i) && d.word(j) == "на" && j+1 < end {
		if d2, n := d.ordinal(j + 1); d2 > 0 {
			if m, ok := cyrDayAt(d, j+1, j+1+n, end, d2, -1, pub); ok {
				m.first = i
				return m, true
			}
		}
	}
	return resolveDay(i, j, year, time.Month(month), day, day2, night, pub)
}
