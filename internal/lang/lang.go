// Package lang identifies the language of short news texts and headlines:
// English, Ukrainian, Russian or another language.
//
// Most texts are decided by their letters alone: і, ї, є and ґ are written
// only in Ukrainian, ы, э and ё only in Russian (of the languages that
// matter here), and Latin text with English function words and no
// diacritics is English. The rest — Cyrillic text with neither set of
// letters ("Удар по аеродрому в Криму"), Latin text without an English
// function word, text mixing both sets — goes to an n-gram model
// (github.com/pemistahl/lingua-go) restricted to a few languages, which is
// built once, on first use.
package lang

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// The values Detect returns.
const (
	English   = "en"
	Ukrainian = "uk"
	Russian   = "ru"
	Other     = "other" // a language other than the three above
	None      = ""      // no letters at all
)

// modelLanguages are the languages the n-gram model chooses among. The
// ones beyond English, Ukrainian and Russian are there so that a text in
// a neighbouring language is reported as Other instead of being forced
// into one of the three: Bulgarian and Serbian for Cyrillic, German,
// French and Polish for Latin.
var modelLanguages = []lingua.Language{
	lingua.English, lingua.Ukrainian, lingua.Russian,
	lingua.Bulgarian, lingua.Serbian,
	lingua.German, lingua.French, lingua.Polish,
}

// Detector identifies languages. Its zero value is ready to use; the
// n-gram model is built on the first text the letters do not decide.
// A Detector is safe for concurrent use.
//
// lingua-go keeps the model data it loads in caches of its own, shared by
// every Detector in the process and never freed: about 176 MiB of heap
// for the eight languages with all n-gram lengths, 8 MiB with LowAccuracy
// (docs/language.md).
type Detector struct {
	// LowAccuracy makes the n-gram model use trigrams only: a twentieth
	// of the memory and faster, but worse on the shortest texts. Set it
	// before the first call to Detect or Load.
	LowAccuracy bool

	once  sync.Once
	model lingua.LanguageDetector
}

// NewDetector returns a Detector that uses the full n-gram model.
func NewDetector() *Detector { return &Detector{} }

// Load builds the n-gram model now and loads the model data of every
// language it uses, instead of on first use, so that a server can take
// that cost (seconds) at start-up. It does nothing once the model has
// been built.
func (d *Detector) Load() {
	d.build(true)
}

func (d *Detector) build(preload bool) {
	d.once.Do(func() {
		b := lingua.NewLanguageDetectorBuilder().FromLanguages(modelLanguages...)
		if d.LowAccuracy {
			b = b.WithLowAccuracyMode()
		}
		if preload {
			b = b.WithPreloadedLanguageModels()
		}
		d.model = b.Build()
	})
}

var std Detector

// Detect returns the language of text as English, Ukrainian, Russian or
// Other, or None when text has no letters. It uses a Detector shared by
// the process.
func Detect(text string) string { return std.Detect(text) }

// Detect returns the language of text as English, Ukrainian, Russian or
// Other, or None when text has no letters.
func (d *Detector) Detect(text string) string {
	if lang, ok := byLetters(text); ok {
		return lang
	}
	return d.byModel(text)
}

// byModel asks the n-gram model.
func (d *Detector) byModel(text string) string {
	d.build(false)
	l, ok := d.model.DetectLanguageOf(cleanText(text))
	if !ok {
		return Other
	}
	switch l {
	case lingua.English:
		return English
	case lingua.Ukrainian:
		return Ukrainian
	case lingua.Russian:
		return Russian
	}
	return Other
}

// counts are what byLetters learns from one pass over a text.
type counts struct {
	latin, cyrillic, otherScript int // letters by script
	diacritic                    int // Latin letters outside ASCII
	ukLetter, ruLetter, hardSign int // і ї є ґ; ы э ё; ъ
	foreignCyr                   int // Cyrillic letters of neither alphabet (ў, ј, љ, қ, ...)
	shortU                       int // ў, of Belarusian
	enWord, foreignLatinWord     int // function words
	ukWord, ruWord               int
}

// byLetters decides the language from the letters and function words of
// text alone, and reports false when they do not settle it.
func byLetters(text string) (string, bool) {
	var c counts
	eachField(text, c.addField)
	switch {
	case c.latin+c.cyrillic+c.otherScript == 0:
		return None, true
	case c.otherScript > c.latin && c.otherScript > c.cyrillic:
		return Other, true
	case c.cyrillic >= c.latin:
		return c.cyrillicLanguage()
	default:
		return c.latinLanguage()
	}
}

// eachField calls fn with each space-separated field of text that is
// written in some language: URLs, @handles and what follows "http" inside
// a field ("удара.[Источник](https://...)") are left out.
func eachField(text string, fn func(string)) {
	for len(text) > 0 {
		i := strings.IndexFunc(text, unicode.IsSpace)
		if i < 0 {
			i = len(text)
		}
		f := text[:i]
		text = strings.TrimLeftFunc(text[i:], unicode.IsSpace)
		if j := strings.Index(f, "http"); j >= 0 {
			f = f[:j]
		}
		if f == "" || f[0] == '@' || strings.HasPrefix(f, "www.") {
			continue
		}
		fn(f)
	}
}

// cleanText returns text without what eachField leaves out.
func cleanText(text string) string {
	var b strings.Builder
	eachField(text, func(f string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	})
	return b.String()
}

// addField counts the letters and function words of one field.
func (c *counts) addField(f string) {
	var w word
	for _, r := range f {
		switch {
		case 'a' <= r && r <= 'z', 'а' <= r && r <= 'я':
			c.addLetter(r)
			w.add(r)
			continue
		case 'A' <= r && r <= 'Z', 'А' <= r && r <= 'Я':
			r += 'a' - 'A' // the same offset for Latin and Cyrillic
			c.addLetter(r)
			w.add(r)
			continue
		}
		if r == '\'' || r == '’' || r == 'ʼ' {
			continue // inside a word: п'ять, Zelensky's (ʼ is a letter to unicode)
		}
		if !unicode.IsLetter(r) {
			switch {
			case unicode.Is(unicode.Mn, r):
				continue // a stress mark or other combining mark
			case r == '-' || unicode.IsDigit(r):
				// Part of a name or number (С-400, Су-25), not a
				// function word.
				w.n = -1
			}
			c.endWord(&w)
			continue
		}
		r = unicode.ToLower(r)
		c.addLetter(r)
		w.add(r)
	}
	c.endWord(&w)
}

// word is the word being read, lower-cased.
type word struct {
	buf     [24]byte
	n       int // bytes in buf; -1 when the word does not fit or is not a function word
	cyr     int // Cyrillic letters
	latin   int // Latin letters
	latinI  int // Latin i, which stands in for Ukrainian і in some texts
	letters int
}

func (w *word) add(r rune) {
	w.letters++
	switch {
	case r == 'i':
		w.latinI++
		w.latin++
	case r < 0x80:
		w.latin++
	case r >= 0x400 && r <= 0x4ff:
		w.cyr++
	}
	if w.n >= 0 {
		if w.n+utf8.RuneLen(r) <= len(w.buf) {
			w.n += utf8.EncodeRune(w.buf[w.n:], r)
		} else {
			w.n = -1
		}
	}
}

// endWord counts the function word w may be, and resets w.
func (c *counts) endWord(w *word) {
	if w.cyr > 0 && w.latinI > 0 && w.latin == w.latinI {
		// "обстрiляв" with a Latin i: a Ukrainian і.
		c.latin -= w.latinI
		c.cyrillic += w.latinI
		c.ukLetter += w.latinI
	}
	if w.n > 0 && w.letters > 0 {
		c.addWord(string(w.buf[:w.n]))
	}
	*w = word{}
}

func (c *counts) cyrillicLanguage() (string, bool) {
	if c.foreignCyr >= 2 || c.foreignCyr*20 >= c.cyrillic {
		return Other, true // Serbian, Macedonian, Kazakh, ...
	}
	if c.shortU > 0 && c.ukLetter > 0 && c.ruLetter > 0 {
		return Other, true // Belarusian: ў, і and ы
	}
	uk := c.ukLetter + c.ukWord
	ru := c.ruLetter + c.ruWord
	switch {
	case uk > 0 && ru == 0:
		return Ukrainian, true
	case ru > 0 && uk == 0 && (c.ruLetter > 0 || c.hardSign == 0):
		// ъ without ы, э or ё may be Bulgarian.
		return Russian, true
	}
	return "", false
}

func (c *counts) latinLanguage() (string, bool) {
	if c.enWord > 0 && c.foreignLatinWord == 0 && c.diacritic == 0 {
		return English, true
	}
	return "", false
}

func (c *counts) addLetter(r rune) {
	switch {
	case r < 0x80:
		c.latin++ // unicode.IsLetter has been checked
	case unicode.Is(unicode.Cyrillic, r):
		c.cyrillic++
		switch r {
		case 'і', 'ї', 'є', 'ґ':
			c.ukLetter++
		case 'ы', 'э', 'ё':
			c.ruLetter++
		case 'ъ':
			c.hardSign++
		case 'ў':
			c.shortU++
			c.foreignCyr++
		default:
			if r < 'а' || r > 'я' {
				c.foreignCyr++
			}
		}
	case unicode.Is(unicode.Latin, r):
		c.latin++
		c.diacritic++
	default:
		c.otherScript++
	}
}

func (c *counts) addWord(w string) {
	switch {
	case englishWord(w):
		c.enWord++
	case foreignLatinWord(w):
		c.foreignLatinWord++
	case ukrainianWord(w):
		c.ukWord++
	case russianWord(w):
		c.ruWord++
	}
}

// englishWord reports whether w is an English function word that is not
// also a common word of German, French, Polish or Serbian ("in", "to",
// "a", "an", "on", "was", "die" are left out).
func englishWord(w string) bool {
	switch w {
	case "the", "of", "and", "with", "from", "after", "for", "by", "at",
		"near", "into", "over", "against", "amid", "as", "is", "are",
		"were", "has", "have", "had", "been", "be", "its", "their",
		"his", "this", "that", "these", "those", "which", "who",
		"says", "said", "say", "or", "but", "than", "during",
		"across", "under", "about", "killed", "hit", "hits", "strike",
		"strikes", "attack", "attacks", "russian", "ukrainian", "forces":
		return true
	}
	return false
}

// foreignLatinWord reports whether w is a function word of German,
// French, Polish, Serbo-Croatian, Spanish or Italian that is not English.
func foreignLatinWord(w string) bool {
	switch w {
	// German
	case "der", "das", "und", "mit", "von", "ist", "nicht", "auf", "ein",
		"eine", "im", "zu", "den", "dem", "des", "bei", "nach", "wurde",
		// French
		"le", "la", "les", "du", "et", "est", "une", "dans", "sur",
		"pour", "au", "aux", "par", "avec", "qui",
		// Polish
		"się", "że", "nie", "jest", "od", "po", "przez", "oraz", "w", "z",
		// Serbo-Croatian
		"je", "su", "se", "da", "za", "iz",
		// Spanish, Italian
		"el", "los", "las", "del", "y", "con", "por", "il", "di", "che":
		return true
	}
	return false
}

// ukrainianWord reports whether w is a Ukrainian word without і, ї, є or
// ґ that Russian does not have.
func ukrainianWord(w string) bool {
	switch w {
	case "що", "як", "та", "й", "з", "зі", "чи", "або", "його", "це",
		"цього", "яка", "який", "яке", "вже", "ще", "внаслідок",
		"унаслідок", "окупанти", "ворог", "ворога", "загинули",
		"загинула", "загинув", "зсу":
		return true
	}
	return false
}

// russianWord reports whether w is a Russian word without ы, э or ё that
// Ukrainian does not have.
func russianWord(w string) bool {
	switch w {
	case "и", "с", "со", "из", "от", "что", "как", "или", "его", "ее",
		"к", "ко", "после", "около", "возле", "еще", "россия", "россии",
		"всу", "сообщил", "сообщили", "сообщает", "уничтожили",
		"уничтожен", "уничтожена", "погибли", "погиб", "пожар", "ударов":
		return true
	}
	return false
}
