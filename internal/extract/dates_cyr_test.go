package extract

import (
	"strings"
	"testing"
	"time"
)

// dateStrings returns the dates findDates finds in text, as "date" or
// "date..end", and "-" for a mention without a date.
func dateStrings(text string, pub time.Time) []string {
	var out []string
	for _, dm := range findDates(tokenize(text), pub) {
		s := dm.date
		if s == "" {
			s = "-"
		}
		if dm.end2 != "" {
			s += ".." + dm.end2
		}
		out = append(out, s)
	}
	return out
}

func TestFindDatesCyrillic(t *testing.T) {
	wed := time.Date(2024, 11, 6, 9, 0, 0, 0, time.UTC) // a Wednesday
	jan := time.Date(2025, 1, 3, 9, 0, 0, 0, time.UTC)  // a Friday
	none := time.Time{}
	for _, tc := range []struct {
		text string
		pub  time.Time
		want []string // date, date..end, or "-" for an undated mention
	}{
		// absolute
		{"Атака сталася 6 листопада.", wed, []string{"2024-11-06"}},
		{"Атака сталася 6 листопада.", none, nil},
		{"6 листопада 2024 року дрони атакували", none, []string{"2024-11-06"}},
		{"6 листопада 2024 р. дрони атакували", none, []string{"2024-11-06"}},
		{"12 ноября 2025 г. беспилотники", none, []string{"2025-11-12"}},
		{"12 ноября 2025 года беспилотники", none, []string{"2025-11-12"}},
		{"12 ноября 2025 года беспилотники", wed, []string{"2025-11-12"}},
		{"6-го ноября беспилотники", wed, []string{"2024-11-06"}},
		{"у ніч на 6 листопада дрони", wed, []string{"2024-11-06"}},
		{"в ночь на 6 ноября дроны", wed, []string{"2024-11-06"}},
		{"у ніч на 6 листопада дрони", none, nil},
		{"у ніч проти 6 листопада дрони", wed, []string{"2024-11-06"}},
		{"у ніч на 5-6 листопада дрони", wed, []string{"2024-11-06"}},
		{"у ніч з 5 на 6 листопада дрони", wed, []string{"2024-11-06"}},
		{"в ночь с 5 на 6 ноября 2024 года", none, []string{"2024-11-06"}},
		{"в ночь с 31 октября на 1 ноября", wed, []string{"2024-11-01"}},
		{"5-6 листопада тривали атаки", wed, []string{"2024-11-05..2024-11-06"}},
		{"5–6 ноября 2024 г.", none, []string{"2024-11-05..2024-11-06"}},
		{"з 3 по 5 листопада", wed, []string{"2024-11-03..2024-11-05"}},
		{"3—5 листопада", wed, []string{"2024-11-03..2024-11-05"}},
		{"у листопаді 2024 року", none, []string{"2024-11-01"}},
		{"в ноябре 2024", none, []string{"2024-11-01"}},
		{"в ноябре 2024 г. и в декабре", wed, []string{"2024-11-01"}},
		// A year-less date is the latest such date not after publication.
		{"30 грудня горів НПЗ", jan, []string{"2024-12-30"}},
		{"2 января горел НПЗ", jan, []string{"2025-01-02"}},
		// An invalid day leaves the month, as in English ("31 November 2024").
		{"31 листопада 2024 року", wed, []string{"2024-11-01"}},
		{"30 февраля 2024", none, []string{"2024-02-01"}},
		// not dates
		{"31 листопада", wed, nil},
		{"30 февраля", wed, nil},
		{"5 дронів збито", wed, nil},
		{"у листопаді загинули 5 людей", wed, nil},
		{"окружающая среда и охрана среды", wed, nil},
		// weekdays
		{"у середу дрони атакували", wed, []string{"2024-11-06"}},
		{"в среду дроны атаковали", wed, []string{"2024-11-06"}},
		{"в ночь на среду", wed, []string{"2024-11-06"}},
		{"у ніч на середу", wed, []string{"2024-11-06"}},
		{"минулої середи", wed, []string{"2024-11-06"}},
		{"у вівторок ввечері", wed, []string{"2024-11-05"}},
		{"в четверг", wed, []string{"2024-10-31"}},
		{"у п’ятницю", wed, []string{"2024-11-01"}},
		{"у пʼятницю", wed, []string{"2024-11-01"}},
		{"в прошлую пятницу", wed, []string{"2024-11-01"}},
		{"в ночь с понедельника на вторник", wed, []string{"2024-11-05"}},
		{"у ніч з неділі на понеділок", wed, []string{"2024-11-04"}},
		{"у середу", none, []string{"-"}},
		{"в ночь на среду", none, []string{"-"}},
		{"минулої середи", none, []string{"-"}},
		// relative
		{"вночі дрони атакували", wed, []string{"2024-11-06"}},
		{"Уночі дрони атакували", wed, []string{"2024-11-06"}},
		{"ночью дроны атаковали", wed, []string{"2024-11-06"}},
		{"минулої ночі", wed, []string{"2024-11-06"}},
		{"прошлой ночью", wed, []string{"2024-11-06"}},
		{"этой ночью", wed, []string{"2024-11-06"}},
		{"сьогодні", wed, []string{"2024-11-06"}},
		{"сегодня", wed, []string{"2024-11-06"}},
		{"вчора", wed, []string{"2024-11-05"}},
		{"вчера", wed, []string{"2024-11-05"}},
		{"вчора о 14:30 пролунали вибухи", wed, []string{"2024-11-05"}},
		{"вчера вечером", wed, []string{"2024-11-05"}},
		{"позавчора", wed, []string{"2024-11-04"}},
		{"позавчера", wed, []string{"2024-11-04"}},
		{"зранку", wed, []string{"2024-11-06"}},
		{"утром", wed, []string{"2024-11-06"}},
		{"ввечері", wed, []string{"2024-11-06"}},
		{"За ніч збито 50 дронів", wed, []string{"2024-11-06"}},
		{"сьогодні-вночі", wed, []string{"2024-11-06"}},
		{"вночі", none, []string{"-"}},
		{"минулої ночі", none, []string{"-"}},
		{"вчора о 14:30", none, []string{"-"}},
		{"вчера вечером", none, []string{"-"}},
		{"позавчора", none, []string{"-"}},
		// daily summaries: the day before publication
		{"За добу збито 27 дронів", wed, []string{"2024-11-05"}},
		{"за минулу добу", wed, []string{"2024-11-05"}},
		{"протягом доби", wed, []string{"2024-11-05"}},
		{"за сутки сбито", wed, []string{"2024-11-05"}},
		{"за прошедшие сутки", wed, []string{"2024-11-05"}},
		{"Минулої доби ворог атакував", wed, []string{"2024-11-05"}},
		{"за останні 24 години", wed, []string{"2024-11-05"}},
		{"за добу", none, nil},
		{"за прошедшие сутки", none, nil},
		// several in a sentence
		{"Вчора, 5 листопада, і сьогодні", wed, []string{"2024-11-05", "2024-11-05", "2024-11-06"}},
	} {
		got := dateStrings(tc.text, tc.pub)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q (pub %v): got %v, want %v", tc.text, !tc.pub.IsZero(), got, tc.want)
		}
	}
}

// TestFindDatesCyrillicSpans checks the text a Cyrillic date expression covers.
func TestFindDatesCyrillicSpans(t *testing.T) {
	wed := time.Date(2024, 11, 6, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text, want string
	}{
		{"Дрони атакували 12 ноября 2025 г. Потом", "12 ноября 2025 г."},
		{"Дрони атакували 6 листопада 2024 року.", "6 листопада 2024 року"},
		{"у ніч з 5 на 6 листопада дрони", "5 на 6 листопада"},
		{"в ночь с 31 октября на 1 ноября", "31 октября на 1 ноября"},
		{"у листопаді 2024 р. дрони", "листопаді 2024 р."},
		{"вчора о 14:30 пролунали", "вчора о 14:30"},
		{"вчера в 14.30 прозвучали", "вчера в 14.30"},
		{"вчера в 3 регионах", "вчера"},
		{"минулої середи ввечері дрони", "минулої середи ввечері"},
		{"в ночь с понедельника на вторник", "понедельника на вторник"},
		{"За минулу добу збито", "За минулу добу"},
		{"прошлой ночью дроны", "прошлой ночью"},
	} {
		ms := findDates(tokenize(tc.text), wed)
		if len(ms) != 1 {
			t.Errorf("%q: %d dates, want 1", tc.text, len(ms))
			continue
		}
		if got := tc.text[ms[0].start:ms[0].end]; got != tc.want {
			t.Errorf("%q: span %q, want %q", tc.text, got, tc.want)
		}
	}
}
