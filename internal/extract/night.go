package extract

import (
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
	for _, h := range clockHours(l) {
		evening = evening || h >= 20
		night = night || h <= 4
	}
	return evening, night
}

// clockHours returns the hours of the times of day written in s, such as
// 01:30 or 23.15: one or two digits of an hour (0-23), a colon or a
// period, two digits of minutes (00-59), and no digit on either side.
func clockHours(s string) []int {
	var hours []int
	for i := 1; i+2 < len(s); i++ {
		if s[i] != ':' && s[i] != '.' {
			continue
		}
		if !isDigit(s[i+1]) || s[i+1] > '5' || !isDigit(s[i+2]) || i+3 < len(s) && isDigit(s[i+3]) {
			continue
		}
		start := i - 1
		if !isDigit(s[start]) {
			continue
		}
		if start > 0 && isDigit(s[start-1]) {
			start--
		}
		if start > 0 && isDigit(s[start-1]) {
			continue
		}
		h := 0
		for _, c := range []byte(s[start:i]) {
			h = h*10 + int(c-'0')
		}
		if h <= 23 {
			hours = append(hours, h)
		}
	}
	return hours
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
