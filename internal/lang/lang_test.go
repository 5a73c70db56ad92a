package lang

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
)

// headlines are short texts of the kind the pipeline reads, with the
// language they are in. The comments say which path decides them.
var headlines = []struct {
	name, text, want string
}{
	// English: function words decide.
	{"en strike", "Russian missile strike hits Odesa port infrastructure", English},
	{"en airbase", "Explosions reported at Saky airbase in Crimea", English},
	{"en depot", "Drone attack sparks fire at oil depot in Bryansk", English},
	{"en near", "Ukraine says it destroyed ammunition depot near Melitopol", English},
	{"en possessive", "Zelensky's office: 3 dead after shelling of Zaporizhzhia", English},
	// English without function words: the model decides.
	{"en no function words", "Kharkiv power substation damaged", English},
	{"en terse", "Death toll in Horlivka rises to 3, injured to 11 - mayor", English},
	{"en two dead", "Russians shelled Zolochiv in Kharkiv region, two dead", English},

	// Ukrainian with і, ї, є or ґ.
	{"uk i", "Вибухи в Одесі: уражено нафтобазу", Ukrainian},
	{"uk ye", "Сили оборони знищили склад боєприпасів у Криму", Ukrainian},
	{"uk capitals", "У КИЇВСЬКІЙ ОБЛАСТІ ПРОЛУНАЛИ ВИБУХИ", Ukrainian},
	{"uk apostrophe", "З'явилися супутникові знімки знищених С-400 у Криму", Ukrainian},
	// Ukrainian without them: function words or the model.
	{"uk no letters loss", "Удари по аеродрому Луцька: загинуло 4 людини", Ukrainian},
	{"uk no letters drones", "Дрони атакують аеродром Кача", Ukrainian},
	{"uk no letters occupiers", "Окупанти завдали удару по Очакову, намагаючись знищити порт", Ukrainian},
	{"uk no letters ta", "РФ атакувала порт та енергетику Одещини: почалася пожежа", Ukrainian},
	{"uk no letters shcho", "Експерт припустив, що удару по аеродрому в Криму могли завдати ракетами ATACMS", Ukrainian},
	{"uk Latin i", "Ворог обстрiляв Херсон вночi", Ukrainian},

	// Russian with ы, э or ё.
	{"ru y", "Взрывы в Крыму: горит нефтебаза", Russian},
	{"ru e", "В Белгороде прозвучали взрывы, сообщил губернатор", Russian},
	{"ru yo", "Над Севастополем сбит ещё один беспилотник", Russian},
	// Russian without them.
	{"ru no letters army", "Российская армия уничтожила в Черкасской области украинский арсенал", Russian},
	{"ru no letters depot", "Удар по складу боеприпасов в Алчевске (Луганская область).", Russian},
	{"ru no letters fire", "Пожар на нефтебазе в Чернигове после авиаудара", Russian},
	{"ru no letters plant", "Подпольщик рассказал об ударе по военному заводу в Харькове", Russian},
	{"ru no letters substation", "При обстреле Горловки получила повреждения трансформаторная подстанция", Russian},
	{"ru VSU", "HIMARS ударили по складу ВСУ под Херсоном", Russian},
	{"ru URL", "Пожар на нефтебазе в Чернигове после авиудара.[Источник.](https://censor.net/ru/photo_news/3320963/voyiska_rf_obstrelyali_chernigov_gorit_neftebaza)", Russian},

	// Other languages.
	{"de", "Raketenangriff auf Kiew fordert mehrere Tote", Other},
	{"de no function words", "Explosionen in Odessa: Russland greift Hafen an", Other},
	{"fr", "Frappe de missiles sur le port d'Odessa", Other},
	{"pl", "Rosyjski atak rakietowy na Kijów, są ofiary", Other},
	{"bg hard sign", "Ракетен удар върху пристанището в Одеса", Other},
	{"bg", "Русия нанесе масиран удар по енергийната система на Украйна", Other},
	{"sr je", "Експлозије у Кијеву, погођена електрана", Other},
	{"be", "Выбухі ў Мінску: гарыць склад", Other},
	{"kk", "Қазақстан шекарасында жарылыс болды", Other},
	{"el", "Έκρηξη στο λιμάνι της Οδησσού", Other},
	{"zh", "敖德萨港口遭导弹袭击", Other},
	{"ar", "انفجارات في أوديسا بعد هجوم صاروخي", Other},

	// Mixed scripts: the majority script decides.
	{"uk with source", "Удар по Києву — Reuters", Ukrainian},
	{"en with Cyrillic name", "Ukraine strikes Crimea airfield, says General Staff (Генштаб)", English},
	{"ru with English tail", "Взрывы в Крыму || Explosions", Russian},

	// No letters.
	{"empty", "", None},
	{"spaces", " \t\n ", None},
	{"numbers", "2024-05-01 12:00 +3", None},
	{"punctuation", "!!! ??? — …", None},
	{"emoji", "🚀🔥💥", None},
	{"binary", "\x00\xff\xfe\x01\x80\x9f", None},
	{"url only", "https://t.me/s/channel/12345", None},
	{"handle only", "@Blue_Sauron", None},
}

func TestDetect(t *testing.T) {
	d := NewDetector()
	for _, tt := range headlines {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q): got %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestDetectShared checks the package-level Detect against a Detector.
func TestDetectShared(t *testing.T) {
	d := NewDetector()
	for _, tt := range headlines {
		if got, want := Detect(tt.text), d.Detect(tt.text); got != want {
			t.Errorf("Detect(%q): got %q, want %q as from a Detector", tt.text, got, want)
		}
	}
}

// TestByLetters checks which texts are decided without the model.
func TestByLetters(t *testing.T) {
	tests := []struct {
		text string
		want string // "" with ok false: left to the model
		ok   bool
	}{
		{"Вибухи в Одесі", Ukrainian, true},
		{"Взрывы в Крыму", Russian, true},
		{"Пожар на нефтебазе после удара", Russian, true}, // пожар, после
		{"Удар по аеродрому", "", false},
		{"Ракетен удар върху Одеса", "", false},    // ъ alone may be Bulgarian
		{"ЗСУ знищили ЗРК С-400", Ukrainian, true}, // С- is a name, not Russian с
		{"Удари по Києву и Харькову", "", false},   // і and и: mixed
		{"Strike on the port", English, true},
		{"Angriff auf den Hafen", "", false},
		{"Frappe sur le port of Odessa", "", false}, // foreign and English words
		{"Kharkiv substation damaged", "", false},
		{"Взрыв https://example.com/very/long/latin/path/that/would/win", Russian, true},
		{"12:00", None, true},
	}
	for _, tt := range tests {
		got, ok := byLetters(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("byLetters(%q): got %q, %v, want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

// TestLowAccuracy checks the trigram-only model on texts the letters
// leave to it. It is weaker on the shortest ones: it takes "Удар по
// складу боеприпасов в Алчевске" for another language.
func TestLowAccuracy(t *testing.T) {
	d := &Detector{LowAccuracy: true}
	tests := []struct{ text, want string }{
		{"Дрони атакують аеродром Кача", Ukrainian},
		{"Удар по складу боеприпасов в Алчевске (Луганская область).", Russian},
		{"Kharkiv power substation damaged", English},
		{"Raketenangriff auf Kiew fordert mehrere Tote", Other},
	}
	for _, tt := range tests {
		if got := d.Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) with LowAccuracy: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzDetect(f *testing.F) {
	for _, tt := range headlines {
		f.Add(tt.text)
	}
	d := NewDetector()
	f.Fuzz(func(t *testing.T, text string) {
		got := d.Detect(text)
		switch got {
		case English, Ukrainian, Russian, Other, None:
		default:
			t.Fatalf("Detect(%q): got %q, not a language this package returns", text, got)
		}
		hasLetter := false
		for _, r := range cleanText(text) {
			if isLetter(r) {
				hasLetter = true
				break
			}
		}
		if (got == None) == hasLetter {
			t.Fatalf("Detect(%q): got %q, but has letters: %v", text, got, hasLetter)
		}
		if again := d.Detect(text); again != got {
			t.Fatalf("Detect(%q): got %q, then %q", text, got, again)
		}
	})
}

// isLetter reports whether byLetters counts r as a letter.
func isLetter(r rune) bool {
	var c counts
	c.addField(string(r))
	return c.latin+c.cyrillic+c.otherScript > 0
}

// BenchmarkByLetters measures the texts Detect decides without the model.
func BenchmarkByLetters(b *testing.B) {
	for _, bt := range []struct{ name, text string }{
		{"uk", "Вибухи в Одесі: уражено нафтобазу, загинули двоє людей"},
		{"ru", "Взрывы в Крыму: горит нефтебаза, сообщил губернатор"},
		{"en", "Russian missile strike hits Odesa port infrastructure"},
	} {
		b.Run(bt.name, func(b *testing.B) {
			d := NewDetector()
			b.ReportAllocs()
			b.SetBytes(int64(len(bt.text)))
			for b.Loop() {
				if d.Detect(bt.text) == Other {
					b.Fatal("decided Other")
				}
			}
			if d.model != nil {
				b.Fatal("the model was built")
			}
		})
	}
}

// BenchmarkModel measures the texts Detect leaves to the model, with its
// data loaded beforehand, in each accuracy mode.
func BenchmarkModel(b *testing.B) {
	for _, mode := range []string{"high", "low"} {
		d := &Detector{LowAccuracy: mode == "low"}
		d.Load()
		for _, bt := range []struct{ name, text string }{
			{"cyrillic", "Удари по аеродрому Луцька: загинуло 4 людини"},
			{"latin", "Kharkiv power substation damaged overnight"},
		} {
			b.Run(mode+"/"+bt.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(bt.text)))
				for b.Loop() {
					d.Detect(bt.text)
				}
			})
		}
	}
}

// BenchmarkDevSet measures Detect over the Ukrainian and Russian
// development set, as a mix of both paths.
func BenchmarkDevSet(b *testing.B) {
	recs := devSet(b, "viina_ukru_dev.jsonl")
	d := NewDetector()
	d.Load()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.Detect(recs[i%len(recs)].Text)
		i++
	}
}

// TestLoadMemory measures what building the model and loading its data
// costs: time, the Go heap in use, and the process's resident memory
// after returning free memory to the OS, plus its peak. lingua-go keeps
// model data in package-level caches, so this must be the first use in
// its process: run it alone, once per mode, with
//
//	FARSIGHT_LANG_MEMORY=high go test ./internal/lang -run TestLoadMemory -v -count=1
//	FARSIGHT_LANG_MEMORY=low go test ./internal/lang -run TestLoadMemory -v -count=1
//	FARSIGHT_LANG_MEMORY=lazy go test ./internal/lang -run TestLoadMemory -v -count=1
//
// "lazy" detects one Cyrillic and then one Latin headline without Load;
// each loads the models of the languages written in its script.
func TestLoadMemory(t *testing.T) {
	mode := os.Getenv("FARSIGHT_LANG_MEMORY")
	if mode == "" {
		t.Skip("set FARSIGHT_LANG_MEMORY=high, low or lazy to measure")
	}
	m0 := memory(t)
	t.Logf("before: %s", m0)
	d := &Detector{LowAccuracy: mode == "low"}
	start := time.Now()
	switch mode {
	case "lazy":
		d.Detect("Удари по аеродрому Луцька: загинуло 4 людини")
		t.Logf("after a Cyrillic text (%v): %s", time.Since(start).Round(time.Millisecond), memory(t))
		start = time.Now()
		d.Detect("Kharkiv power substation damaged overnight")
		t.Logf("after a Latin text (%v): %s", time.Since(start).Round(time.Millisecond), memory(t))
	default:
		d.Load()
		t.Logf("after Load (%v): %s", time.Since(start).Round(time.Millisecond), memory(t))
	}
}

// memStats is the memory of the process at one time, in bytes.
type memStats struct{ heap, rss, peakRSS uint64 }

func (m memStats) String() string {
	return fmt.Sprintf("heap in use %d MiB, RSS %d MiB, peak RSS %d MiB", m.heap>>20, m.rss>>20, m.peakRSS>>20)
}

// memory returns the Go heap in use and the resident set size of the
// process after a collection that returns free memory to the OS, and
// the peak resident set size so far.
func memory(t *testing.T) memStats {
	t.Helper()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	m := memStats{heap: ms.HeapInuse}
	for _, line := range strings.Split(string(b), "\n") {
		key, v, ok := strings.Cut(line, ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if key == "VmRSS" {
			m.rss = kb << 10
		} else {
			m.peakRSS = kb << 10
		}
	}
	return m
}
