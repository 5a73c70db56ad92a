package extract

import (
	"testing"
	"time"
)

func TestFindDates(t *testing.T) {
	wed := time.Date(2024, 11, 6, 9, 0, 0, 0, time.UTC) // a Wednesday
	jan := time.Date(2025, 1, 3, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text string
		pub  time.Time
		want []string // date or date..end, in order
	}{
		{"Early Wednesday, Nov. 6, Ukrainian drones hit Kaspiysk.", wed, []string{"2024-11-06", "2024-11-06"}},
		{"on November 6, 2024 drones", wed, []string{"2024-11-06"}},
		{"on 6 November 2024", time.Time{}, []string{"2024-11-06"}},
		{"on the 6th of November", wed, []string{"2024-11-06"}},
		{"on 2024-11-06 at dawn", time.Time{}, []string{"2024-11-06"}},
		{"on 06.11.2024 at dawn", time.Time{}, []string{"2024-11-06"}},
		{"yesterday the governor said", wed, []string{"2024-11-05"}},
		{"overnight drones attacked", wed, []string{"2024-11-06"}},
		{"last night explosions", wed, []string{"2024-11-06"}},
		{"on Tuesday evening", wed, []string{"2024-11-05"}},
		{"on Thursday", wed, []string{"2024-10-31"}},
		{"the night of November 5-6", wed, []string{"2024-11-06"}},
		{"on the night of 5 to 6 November", wed, []string{"2024-11-06"}},
		{"between 3 and 5 November", wed, []string{"2024-11-03..2024-11-05"}},
		{"over the past day, 27 strikes", wed, []string{"2024-11-05"}},
		{"in November 2024", time.Time{}, []string{"2024-11-01"}},
		// A year-less date is the latest such date not after publication.
		{"on Dec. 30 a refinery burned", jan, []string{"2024-12-30"}},
		{"on Jan. 2 a refinery burned", jan, []string{"2025-01-02"}},
		// Without a publication time, relative forms give no date.
		{"yesterday, overnight, on Tuesday, Nov. 6", time.Time{}, nil},
		{"February 30, 2024 and 31 April", wed, nil},
		{"May be it was 5 drones", wed, nil},
	} {
		d := tokenize(tc.text)
		var got []string
		for _, dm := range findDates(d, tc.pub) {
			if dm.date == "" {
				continue
			}
			s := dm.date
			if dm.end2 != "" {
				s += ".." + dm.end2
			}
			got = append(got, s)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
				break
			}
		}
	}
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{"Early Wednesday, Nov. 6", "on the night of 5 to 6 November 2024", "2024-11-06", "31.02.2024", "9999-99-99", "Nov. 31st, 1899",
		// Ukrainian and Russian
		"у ніч на 6 листопада 2024 року", "в ночь с 31 октября на 1 ноября", "12 ноября 2025 г.", "5-6 листопада", "з 3 по 5 листопада",
		"6-го ноября", "у листопаді 2024 р.", "в ноябре 2024", "минулої середи ввечері", "в ночь с понедельника на вторник",
		"у п’ятницю", "вчора о 14:30", "вчера в 14.30", "прошлой ночью", "За минулу добу", "за прошедшие сутки", "31 листопада 1899"} {
		f.Add(s, int64(1730851200))
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		pub := time.Unix(unix%4102444800, 0).UTC()
		for _, dm := range findDates(tokenize(s), pub) {
			if dm.date == "" {
				continue
			}
			if _, err := time.Parse(time.DateOnly, dm.date); err != nil {
				t.Fatalf("%q: date %q", s, dm.date)
			}
			if dm.end2 != "" && dm.end2 < dm.date {
				t.Fatalf("%q: range %s..%s", s, dm.date, dm.end2)
			}
			if dm.start >= dm.end || dm.end > len(s) {
				t.Fatalf("%q: span %d..%d", s, dm.start, dm.end)
			}
		}
	})
}
