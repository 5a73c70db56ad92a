package extract

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
)

func TestTimeOfDay(t *testing.T) {
	tests := []struct {
		s              string
		evening, night bool
	}{
		{"Explosions were heard at 23:40 local time", true, false},
		{"Вибухи пролунали о 03.15", false, true},
		{"Удар был нанесен в 14:30", false, false},
		{"Overnight, drones attacked", false, true},
		{"ввечері 5 вересня пролунали вибухи", true, false},
		{"24:30 and 123:45 are no times of day", false, false},
		{"at 4:05, and later at 21.10", true, true},
	}
	for _, tt := range tests {
		evening, night := timeOfDay(tt.s)
		if evening != tt.evening || night != tt.night {
			t.Errorf("timeOfDay(%q) = %v, %v; want %v, %v", tt.s, evening, night, tt.evening, tt.night)
		}
	}
}

// clockRE is the regular expression clockHours replaced; it is the oracle of
// FuzzClockHours.
var clockRE = regexp.MustCompile(`(?:^|[^\d])([01]?\d|2[0-3])[:.][0-5]\d(?:[^\d]|$)`)

func FuzzClockHours(f *testing.F) {
	for _, s := range []string{"at 23:40", "о 03.15", "1.25", "24:30", "123:45", "9:05 and 21.10", ":00", "0:0", "07:59x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []int
		for _, m := range clockRE.FindAllStringSubmatch(s, -1) {
			h, _ := strconv.Atoi(m[1])
			want = append(want, h)
		}
		got := clockHours(s)
		// The expression's matches do not overlap: "1:23:45" gives one time
		// to it and two to the scanner. Every time it finds must be found.
		for _, h := range want {
			if !slices.Contains(got, h) {
				t.Fatalf("clockHours(%q) = %v, missing %d (regexp %v)", s, got, h, want)
			}
		}
		for _, h := range got {
			if h < 0 || h > 23 {
				t.Fatalf("clockHours(%q) = %v: hour out of range", s, got)
			}
		}
	})
}
