package eval

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reproduces the bits of Python's str type that score.py's output
// depends on: code point lengths and slices, str.strip whitespace, repr() and
// str() of decoded JSON values, and float.__repr__.
//
// Strings decoded from JSON are WTF-8: UTF-8 that may also hold lone
// surrogates (U+D800..U+DFFF) from \u escapes. Strings that come from Go
// callers (file paths) may hold arbitrary bytes; each invalid byte is read as
// the code point U+DC80..U+DCFF, as Python's surrogateescape does for
// command-line arguments.

// appendWTF8 appends r to b, encoding surrogates as three bytes instead of
// replacing them with U+FFFD.
func appendWTF8(b *strings.Builder, r rune) {
	if r >= 0xd800 && r <= 0xdfff {
		b.WriteByte(byte(0xe0 | r>>12))
		b.WriteByte(byte(0x80 | (r>>6)&0x3f))
		b.WriteByte(byte(0x80 | r&0x3f))
		return
	}
	b.WriteRune(r)
}

// decodeWTF8 returns the first code point of s and its length in bytes.
func decodeWTF8(s string) (rune, int) {
	if len(s) >= 3 && s[0] == 0xed && s[1] >= 0xa0 && s[1] <= 0xbf && s[2] >= 0x80 && s[2] <= 0xbf {
		return 0xd000 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f), 3
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		if size == 0 {
			return 0, 0
		}
		return 0xdc00 | rune(s[0]), 1
	}
	return r, size
}

// pyLen returns len(s) in Python: the number of code points.
func pyLen(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		_, size := decodeWTF8(s[i:])
		i += size
	}
	return n
}

// pyPrefix returns s[:n] in Python: the first n code points.
func pyPrefix(s string, n int) string {
	i := 0
	for ; i < len(s) && n > 0; n-- {
		_, size := decodeWTF8(s[i:])
		i += size
	}
	return s[:i]
}

// pyIsSpace reports whether Python's str.isspace() is true for r (bidi class
// WS, B or S, or category Zs). Unlike unicode.IsSpace it includes U+001C to
// U+001F.
func pyIsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0,
		0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// pyIsBlank reports whether s.strip() is empty in Python.
func pyIsBlank(s string) bool {
	for i := 0; i < len(s); {
		r, size := decodeWTF8(s[i:])
		if !pyIsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// pyIsPrintable reports whether Python's repr() shows r as it is. Python
// escapes categories C* and Z* except the ASCII space; so does Go's
// unicode.IsPrint. The two agree up to their Unicode versions (Go 1.26: 15.0;
// CPython 3.11: 14.0, 3.12: 15.0).
func pyIsPrintable(r rune) bool {
	if r >= 0xd800 && r <= 0xdfff {
		return false
	}
	return unicode.IsPrint(r)
}

// limitedBuilder collects output until it holds at least max code points,
// then ignores the rest; a negative max means no limit.
type limitedBuilder struct {
	strings.Builder
	max int
}

// full reports whether the builder already holds max code points: every code
// point takes at most 4 bytes, so 4*max bytes are always enough.
func (b *limitedBuilder) full() bool {
	return b.max >= 0 && b.Len() >= 4*b.max
}

const hexDigits = "0123456789abcdef"

// writeReprStr writes Python's repr(s).
func writeReprStr(b *limitedBuilder, s string) {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	b.WriteByte(quote)
	for i := 0; i < len(s) && !b.full(); {
		r, size := decodeWTF8(s[i:])
		i += size
		switch {
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[r>>4])
			b.WriteByte(hexDigits[r&0xf])
		case r < 0x7f:
			b.WriteByte(byte(r))
		case pyIsPrintable(r):
			appendWTF8(&b.Builder, r)
		case r <= 0xff:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[r>>4])
			b.WriteByte(hexDigits[r&0xf])
		case r <= 0xffff:
			b.WriteString(`\u`)
			for sh := 12; sh >= 0; sh -= 4 {
				b.WriteByte(hexDigits[(r>>sh)&0xf])
			}
		default:
			b.WriteString(`\U`)
			for sh := 28; sh >= 0; sh -= 4 {
				b.WriteByte(hexDigits[(r>>sh)&0xf])
			}
		}
	}
	b.WriteByte(quote)
}

// writeRepr writes Python's repr(v) for a decoded JSON value.
func writeRepr(b *limitedBuilder, v any) {
	if b.full() {
		return
	}
	switch v := v.(type) {
	case nil:
		b.WriteString("None")
	case bool:
		if v {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case pyInt:
		b.WriteString(string(v))
	case float64:
		b.WriteString(pyFloatRepr(v))
	case string:
		writeReprStr(b, v)
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if b.full() {
				return
			}
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, x)
		}
		b.WriteByte(']')
	case *pyObject:
		b.WriteByte('{')
		for i, k := range v.keys {
			if b.full() {
				return
			}
			if i > 0 {
				b.WriteString(", ")
			}
			writeReprStr(b, k)
			b.WriteString(": ")
			writeRepr(b, v.vals[k])
		}
		b.WriteByte('}')
	}
}

// pyRepr returns Python's repr(v)[:limit]; limit < 0 means no limit.
func pyRepr(v any, limit int) string {
	b := &limitedBuilder{max: limit}
	writeRepr(b, v)
	if limit < 0 {
		return b.String()
	}
	return pyPrefix(b.String(), limit)
}

// pyStr returns Python's str(v)[:limit]; limit < 0 means no limit.
func pyStr(v any, limit int) string {
	if s, ok := v.(string); ok {
		if limit < 0 {
			return s
		}
		return pyPrefix(s, limit)
	}
	return pyRepr(v, limit)
}

// pyTruthy reports whether bool(v) is true in Python.
func pyTruthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case pyInt:
		return v != "0"
	case float64:
		return v != 0 // NaN is true
	case string:
		return v != ""
	case []any:
		return len(v) > 0
	case *pyObject:
		return len(v.keys) > 0
	}
	return true
}

// pyFloatRepr returns Python's repr(f): the shortest digits that round-trip,
// in fixed notation when the decimal exponent is in [-4, 16), otherwise in
// exponent notation with at least two exponent digits ("1e+16", "1.5e-05").
func pyFloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // [-]d[.ddd]e±dd
	sign := ""
	if e[0] == '-' {
		sign, e = "-", e[1:]
	}
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	if exp < -4 || exp >= 16 {
		out := sign + digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		es := "+"
		if exp < 0 {
			es, exp = "-", -exp
		}
		if exp < 10 {
			es += "0"
		}
		return out + "e" + es + strconv.Itoa(exp)
	}
	point := exp + 1 // digits before the decimal point
	switch {
	case point <= 0:
		return sign + "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		return sign + digits + strings.Repeat("0", point-len(digits)) + ".0"
	default:
		return sign + digits[:point] + "." + digits[point:]
	}
}
