// Package textkey computes the lookup key of a place name. It is the
// implementation behind gazetteer.Normalize and is shared with the data
// generator, so that the keys used to build and to query the gazetteer never
// drift apart.
package textkey

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key returns the normalised lookup key of s. See gazetteer.Normalize for the
// rules.
func Key(s string) string {
	// Fast path: a string that is already a key is returned as is, without
	// allocating. Most keys fed back in (and many ASCII inputs) take it.
	if isASCIIKey(s) {
		return s
	}
	var buf [128]byte
	return string(Append(buf[:0], s))
}

// Append appends the key of s to dst and returns the extended slice.
func Append(dst []byte, s string) []byte {
	w := writer{buf: dst, start: len(dst), table: latinTable()}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			w.ascii(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			continue // invalid UTF-8: dropped
		}
		w.rune(r, 0)
	}
	return w.buf
}

// isASCIIKey reports whether s is ASCII and already in key form.
func isASCIIKey(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c == '\'', c == '"', c == '`', c == '-', c < 0x20, c == 0x7f:
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return !prevSpace || len(s) == 0
}

type writer struct {
	buf   []byte
	start int
	space bool // a separator is pending
	// table is the Latin fold table, nil while the table itself is built.
	table []string
}

func (w *writer) ascii(c byte) {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
	case c >= 'A' && c <= 'Z':
		c += 'a' - 'A'
	case c == '\'' || c == '"' || c == '`':
		return
	case c == ' ' || c == '-' || c < 0x20 || c == 0x7f:
		w.space = true
		return
	}
	w.flushSpace()
	w.buf = append(w.buf, c)
}

func (w *writer) flushSpace() {
	if w.space {
		if len(w.buf) > w.start {
			w.buf = append(w.buf, ' ')
		}
		w.space = false
	}
}

func (w *writer) emit(r rune) {
	w.flushSpace()
	w.buf = utf8.AppendRune(w.buf, r)
}

// rune folds one non-ASCII rune. depth bounds the recursion through
// decompositions.
func (w *writer) rune(r rune, depth int) {
	if r < utf8.RuneSelf {
		w.ascii(byte(r))
		return
	}
	if r >= 0x400 && r <= 0x52f {
		w.emit(cyrillicLower(r))
		return
	}
	if fold, ok := latinFold(w.table, r); ok {
		if fold != "" {
			w.flushSpace()
			w.buf = append(w.buf, fold...)
		}
		return
	}
	w.slow(r, depth)
}

// slow folds a rune that neither the ASCII, Cyrillic nor Latin-table paths
// handle.
func (w *writer) slow(r rune, depth int) {
	switch {
	case isDropped(r):
		return
	case isSeparator(r):
		w.space = true
		return
	case unicode.Is(unicode.Mn, r):
		w.combine(r)
		return
	}
	if s, ok := special[r]; ok {
		w.flushSpace()
		w.buf = append(w.buf, s...)
		return
	}
	if depth < 4 {
		if d := decompose(r); d != "" {
			for _, x := range d {
				w.rune(x, depth+1)
			}
			return
		}
		if l := unicode.ToLower(r); l != r {
			w.rune(l, depth+1)
			return
		}
	}
	w.emit(r)
}

// combine handles a combining mark. Marks are dropped, except the ones that
// form distinct Ukrainian, Belarusian and Russian letters from a preceding
// Cyrillic base: и+breve = й, і+diaeresis = ї, у+breve = ў. е+diaeresis (ё)
// folds to е.
func (w *writer) combine(mark rune) {
	if len(w.buf)-w.start < 2 || w.space {
		return
	}
	prev, size := utf8.DecodeLastRune(w.buf[w.start:])
	var composed rune
	switch {
	case prev == 'и' && mark == 0x306:
		composed = 'й'
	case prev == 'і' && mark == 0x308:
		composed = 'ї'
	case prev == 'у' && mark == 0x306:
		composed = 'ў'
	default:
		return
	}
	w.buf = utf8.AppendRune(w.buf[:len(w.buf)-size], composed)
}

// Latin letters of Latin-1, Latin Extended-A and -B and Latin Extended
// Additional are folded through a table computed on first use, which saves
// the NFKD decomposition (and its allocations) on the hot path.
const (
	latinLo, latinHi = 0x80, 0x250
	extLo, extHi     = 0x1e00, 0x1f00
)

var latinTable = sync.OnceValue(func() []string {
	t := make([]string, (latinHi-latinLo)+(extHi-extLo))
	for r := rune(latinLo); r < latinHi; r++ {
		t[r-latinLo] = slowFold(r)
	}
	for r := rune(extLo); r < extHi; r++ {
		t[r-extLo+(latinHi-latinLo)] = slowFold(r)
	}
	return t
})

// slowFold folds a single letter through the general path.
func slowFold(r rune) string {
	w := writer{} // no table: it is being built
	w.slow(r, 0)
	return string(w.buf)
}

// latinFold returns the folded form of a Latin letter from the table, and
// false for runes the table does not cover (non-letters among them) or when
// there is no table.
func latinFold(table []string, r rune) (string, bool) {
	if table == nil {
		return "", false
	}
	var i int
	switch {
	case r >= latinLo && r < latinHi:
		i = int(r - latinLo)
	case r >= extLo && r < extHi:
		i = int(r-extLo) + (latinHi - latinLo)
	default:
		return "", false
	}
	if !unicode.IsLetter(r) {
		return "", false
	}
	return table[i], true
}

// decompose returns the NFKD decomposition of r, or "" when r has none.
func decompose(r rune) string {
	var tmp [utf8.UTFMax]byte
	n := utf8.EncodeRune(tmp[:], r)
	if norm.NFKD.IsNormal(tmp[:n]) {
		return ""
	}
	return norm.NFKD.String(string(tmp[:n]))
}

// cyrillicLower lower-cases a rune of the Cyrillic blocks (U+0400–U+052F)
// and folds ё to е and the grave-accented е and и to their base letters.
func cyrillicLower(r rune) rune {
	switch {
	case r >= 0x410 && r <= 0x42f:
		r += 0x20
	case r >= 0x400 && r <= 0x40f:
		r += 0x50
	case r >= 0x460:
		r = unicode.ToLower(r)
	}
	switch r {
	case 'ё', 0x450: // ё, ѐ
		return 'е'
	case 0x45d: // ѝ
		return 'и'
	}
	return r
}

// isDropped reports whether r is an apostrophe, quotation mark or invisible
// format character, all of which are removed.
func isDropped(r rune) bool {
	switch r {
	case 0x2018, 0x2019, 0x201a, 0x201b, // ‘ ’ ‚ ‛
		0x201c, 0x201d, 0x201e, 0x201f, // “ ” „ ‟
		0x2032, 0x2033, // ′ ″
		0x00b4, 0x02b9, 0x02bb, 0x02bc, 0x02bd, 0x02c8, 0x02ca, 0x02cb, // ´ ʹ ʻ ʼ ʽ ˈ ˊ ˋ
		0x00ab, 0x00bb, 0x2039, 0x203a, // « » ‹ ›
		0xff02, 0xff07, 0xff40: // fullwidth " ' `
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// isSeparator reports whether r is a dash or white space, which become a
// single space.
func isSeparator(r rune) bool {
	switch {
	case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xfe63, r == 0xff0d, r == 0x2e3a, r == 0x2e3b:
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Cc, r)
}

// special lists Latin letters that NFKD does not decompose but that readers
// treat as variants of plain letters.
var special = map[rune]string{
	'ß': "ss", 'ẞ': "ss",
	'Æ': "ae", 'æ': "ae",
	'Œ': "oe", 'œ': "oe",
	'Þ': "th", 'þ': "th",
	'Ð': "d", 'ð': "d", 'Đ': "d", 'đ': "d",
	'Ł': "l", 'ł': "l", 'Ŀ': "l", 'ŀ': "l",
	'Ø': "o", 'ø': "o",
	'Ħ': "h", 'ħ': "h",
	'Ŧ': "t", 'ŧ': "t",
	'ı': "i",
}
