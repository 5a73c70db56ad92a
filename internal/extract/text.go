package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/farsight-osint/farsight/internal/gazetteer"
)

// tokenKind classifies tokens.
type tokenKind uint8

const (
	tokWord tokenKind = iota
	tokNumber
	tokPunct
)

// token is a word, number or punctuation mark of a report, with its byte
// span in the report text.
type token struct {
	start, end int
	kind       tokenKind
	// text is the token as written; lower its lower-case form; key its
	// gazetteer key (words only).
	text, lower, key string
	// upper: the token starts with an upper-case letter. glued: no space
	// separates it from the previous token (a hyphenated compound).
	upper, glued bool
	// cyrillic: the word is written in Cyrillic.
	cyrillic bool
}

// sentence is a span of tokens; lines in a list of headlines are
// sentences of their own.
type sentence struct {
	start, end  int // byte span
	first, last int // tokens[first:last]
}

// doc is a tokenized report.
type doc struct {
	text   string
	tokens []token
	sents  []sentence
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true, "maj": true, "capt": true,
	"sgt": true, "st": true, "mt": true, "no": true, "nos": true, "vs": true, "etc": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "inc": true, "corp": true, "ltd": true, "jr": true, "sr": true, "rev": true,
	"gov": true, "sen": true, "rep": true, "dept": true, "est": true, "adm": true, "cmdr": true, "pres": true,
	"fig": true, "ca": true, "vol": true, "obl": true, "r": true,
	// Ukrainian and Russian
	"м": true, "с": true, "смт": true, "обл": true, "р": true, "г": true, "ул": true, "пос": true, "вул": true, "тис": true, "тыс": true, "млн": true, "див": true,
}

// apostrophes are the characters used as apostrophes inside words.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`'
}

func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑'
}

// tokenize splits text into tokens and sentences. It never fails: invalid
// UTF-8 bytes are skipped like white space.
func tokenize(text string) *doc {
	d := &doc{text: text, tokens: make([]token, 0, len(text)/5+4)}
	newlines := 0 // newlines in the white space before the next token
	glued := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			newlines++
			glued = false
			i += size
		case unicode.IsSpace(r) || (r == utf8.RuneError && size == 1) || unicode.Is(unicode.Cf, r):
			glued = false
			i += size
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := scanWord(text, i)
			d.addWord(text, i, j, glued, newlines)
			newlines, glued = 0, false
			i = j
			// A hyphen between two words glues them.
			if r2, s2 := utf8.DecodeRuneInString(text[i:]); isHyphen(r2) {
				if r3, _ := utf8.DecodeRuneInString(text[i+s2:]); unicode.IsLetter(r3) || unicode.IsDigit(r3) {
					i += s2
					glued = true
				}
			}
		case unicode.IsDigit(r):
			j := scanNumber(text, i)
			d.add(token{start: i, end: j, kind: tokNumber, text: text[i:j], lower: text[i:j], glued: glued}, newlines)
			newlines, glued = 0, false
			i = j
			if r2, s2 := utf8.DecodeRuneInString(text[i:]); isHyphen(r2) {
				if r3, _ := utf8.DecodeRuneInString(text[i+s2:]); unicode.IsLetter(r3) {
					i += s2
					glued = true
				}
			}
		case isApostrophe(r) && len(d.tokens) > 0 && d.tokens[len(d.tokens)-1].end == i && possessiveAt(text, i+size):
			// The English possessive "'s" is a word of its own.
			j := i + size + 1
			d.add(token{start: i, end: j, kind: tokWord, text: text[i:j], lower: "'s", key: "s"}, newlines)
			newlines, glued = 0, false
			i = j
		default:
			j := i + size
			// A run of the same mark ("...", "--") is one token.
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 != r {
					break
				}
				j += s2
			}
			d.add(token{start: i, end: j, kind: tokPunct, text: text[i:j], lower: text[i:j], glued: glued}, newlines)
			newlines, glued = 0, false
			i = j
		}
	}
	d.closeSentence()
	return d
}

// scanWord returns the end of the word starting at i: letters and marks,
// with apostrophes between letters, except an English possessive "'s".
func scanWord(text string, i int) int {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.IsDigit(r) {
			j += size
			continue
		}
		if isApostrophe(r) && j > i {
			r2, s2 := utf8.DecodeRuneInString(text[j+size:])
			if !unicode.IsLetter(r2) {
				break
			}
			// "Russia's", "Kyiv's": the possessive is a token of its own.
			if (r2 == 's' || r2 == 'S') && j+size+s2 <= len(text) {
				r3, _ := utf8.DecodeRuneInString(text[j+size+s2:])
				if !unicode.IsLetter(r3) {
					break
				}
			}
			j += size
			continue
		}
		break
	}
	return j
}

// scanNumber returns the end of the number starting at i: digits with
// single separators (",", ".", thin or no-break spaces) between digit
// groups, as in "1,000", "3.5", "41 000".
func scanNumber(text string, i int) int {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if unicode.IsDigit(r) {
			j += size
			continue
		}
		if r == ',' || r == '.' || r == '\u00a0' || r == '\u202f' || r == '\u2009' {
			if r2, _ := utf8.DecodeRuneInString(text[j+size:]); unicode.IsDigit(r2) && r2 < utf8.RuneSelf {
				j += size
				continue
			}
		}
		break
	}
	return j
}

// possessiveAt reports whether text has an "s" at i that ends a word.
func possessiveAt(text string, i int) bool {
	if i >= len(text) || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return i+1 == len(text) || !unicode.IsLetter(r)
}

func (d *doc) addWord(text string, i, j int, glued bool, newlines int) {
	w := text[i:j]
	first, _ := utf8.DecodeRuneInString(w)
	t := token{start: i, end: j, kind: tokWord, text: w, glued: glued, upper: unicode.IsUpper(first), cyrillic: unicode.Is(unicode.Cyrillic, first)}
	t.lower = lower(w)
	t.key = gazetteer.Normalize(t.lower)
	d.add(t, newlines)
}

// lower returns s in lower case, without allocating when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// add appends a token, first closing the current sentence when the token
// starts a new one.
func (d *doc) add(t token, newlines int) {
	if len(d.tokens) > 0 && d.startsSentence(t, newlines) {
		d.closeSentence()
	}
	d.tokens = append(d.tokens, t)
}

// startsSentence reports whether t, preceded by newlines line breaks,
// begins a new sentence.
func (d *doc) startsSentence(t token, newlines int) bool {
	if newlines >= 2 {
		return true
	}
	first, _ := utf8.DecodeRuneInString(t.text)
	startLike := unicode.IsUpper(first) || unicode.IsDigit(first) || t.kind == tokPunct && strings.ContainsAny(t.text, "\"“«—–-•*(")
	if newlines == 1 {
		// A line break ends a sentence unless the next line continues it in
		// lower case (hard-wrapped prose).
		return startLike || t.kind == tokPunct
	}
	prev := d.tokens[len(d.tokens)-1]
	// Sentence-final punctuation is followed by a space ("area of ??Kupyansk"
	// is a garbled quote, not two questions).
	if prev.kind != tokPunct || !startLike || t.start == prev.end {
		return false
	}
	switch {
	case strings.ContainsAny(prev.text, "!?…"):
		return true
	case prev.text != ".":
		return false
	}
	// A period ends a sentence unless it follows an abbreviation or an
	// initial ("Nov. 6", "Gen. Ivanov", "U.S.").
	if len(d.tokens) >= 2 {
		w := d.tokens[len(d.tokens)-2]
		if w.kind == tokWord && w.end == prev.start && (abbreviations[w.lower] || utf8.RuneCountInString(w.text) == 1) {
			return false
		}
	}
	return true
}

func (d *doc) closeSentence() {
	first := 0
	if n := len(d.sents); n > 0 {
		first = d.sents[n-1].last
	}
	if first >= len(d.tokens) {
		return
	}
	last := len(d.tokens)
	d.sents = append(d.sents, sentence{start: d.tokens[first].start, end: d.tokens[last-1].end, first: first, last: last})
}

// sentenceOf returns the index of the sentence holding token i.
func (d *doc) sentenceOf(i int) int {
	lo, hi := 0, len(d.sents)
	for lo < hi {
		m := (lo + hi) / 2
		if d.sents[m].last <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// is reports whether the tokens from i on spell words (lower case), each
// word one token.
func (d *doc) is(i int, words ...string) bool {
	if i < 0 || i+len(words) > len(d.tokens) {
		return false
	}
	for k, w := range words {
		if d.tokens[i+k].lower != w {
			return false
		}
	}
	return true
}

// word returns the lower-case text of token i, "" out of range.
func (d *doc) word(i int) string {
	if i < 0 || i >= len(d.tokens) {
		return ""
	}
	return d.tokens[i].lower
}
