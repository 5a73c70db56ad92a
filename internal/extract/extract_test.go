package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
)

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Early Wednesday, Nov. 6, Ukrainian drones hit the port city of Kaspiysk in Russia’s Dagestan region.",
		"Вночі 6 листопада дрони атакували Каспійськ — ГУР",
		"\x00\xff\xfeKyiv-Kyiv's Kyiv 1,000 km.\n\n— @x (@y) Nov 6, 2024",
		"Russian shelling of the Kherson region: 3 dead || Russians shelled Kharkov at night",
		"В ночь на среду ПВО перехватили и уничтожили 41 БпЛА над Брянской областью, сообщили в Минобороны России.",
		"У Київській та Івано-Франківській областях, на Харківському напрямку, у Бериславському районі: Одеський порт, ЗРК «Тор», «Татарстан» і «Дагестан»",
		"Антоновка под Херсоном, в Дзержинську Нижегородської області, под Уманью, у Таганрозі, біля Джанкоя \"\"\"\"Саки\"\"\"\"",
	} {
		f.Add(s)
	}
	x := mustExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		evs, err := x.Extract(&farsight.Report{ID: 1, Text: s, Published: time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if err := e.Validate(); err != nil {
				t.Fatalf("%q: invalid event %+v: %v", s, e, err)
			}
		}
		checkSpans(t, s, evs)
	})
}

// TestExtractBadInput feeds inputs no report should be: binary junk, one
// 10 MB line, mixed scripts. Nothing may panic, and events stay valid.
func TestExtractBadInput(t *testing.T) {
	x := mustExtractor(t)
	junk := make([]byte, 1<<16)
	for i := range junk {
		junk[i] = byte(i * 7919)
	}
	for name, text := range map[string]string{
		"binary":   string(junk),
		"long":     strings.Repeat("drones hit Kaspiysk ", 10<<20/20),
		"mixed":    strings.Repeat("Дрони hit Каспійськ 𝔘𝔨𝔯𝔞𝔦𝔫𝔢 ١٢٣ 東京 ", 1000),
		"nothing":  "   \n\t ",
		"no space": strings.Repeat("x", 1<<20),
	} {
		t.Run(name, func(t *testing.T) {
			evs, err := x.Extract(&farsight.Report{ID: 1, Text: text})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				if err := e.Validate(); err != nil {
					t.Fatalf("invalid event: %v", err)
				}
			}
		})
	}
}
