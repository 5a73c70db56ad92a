package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Cues of the time of day, in English, Ukrainian and Russian. Reports of a
// night attack date it by either side of midnight: one written that
// evening by the evening's day, one the next morning by the morning's.
var (
	eveningCues = []string{
		"late on ", "late at night", "evening", "late in the day", "before midnight",
		"ввечері", "увечері", "вечора", "вечір", "перед північчю",
		"вечером", "вечера", "перед полуночью",
	}
	nightCues = []string{
		"overnight", "night of", "last night", "tonight", "in the night", "early hours", "early morning", "before dawn", "after midnight",
		"вночі", "уночі", "в ніч ", "у ніч ", "нічн", "ніч на ", "минулої ночі", "цієї ночі", "рано вранці", "на світанку", "перед світанком", "після півночі",
		"ночью", "в ночь ", "ночн", "рано утром", "на рассвете", "перед рассветом", "после полуночи",
	}
)

// clock matches a time of day such as 01:30 or 23.15.
var clock = regexp.MustCompile(`(?:^|[^\d])([01]?\d|2[0-3])[:.][0-5]\d(?:[^\d]|$)`)

// timeOfDay reports whether a sentence places what it tells late in the
// evening (from 20:00) or at night (to 04:59).
func timeOfDay(s string) (evening, night bool) {
	l := strings.ToLower(s)
	for _, c := range eveningCues {
		evening = evening || strings.Contains(l, c)
	}
	for _, c := range nightCues {
		night = night || strings.Contains(l, c)
	}
	for _, m := range clock.FindAllStringSubmatch(l, -1) {
		h, _ := strconv.Atoi(m[1])
		evening = evening || h >= 20
		night = night || h <= 4
	}
	return evening, night
}
