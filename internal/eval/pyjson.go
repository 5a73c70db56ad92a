package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// This file is a JSON decoder that behaves like Python 3.11's json.loads on a
// str (the C scanner in Modules/_json.c plus json/decoder.py), because
// score.py reports Python's own error messages for bad prediction lines and
// accepts what Python accepts:
//
//   - NaN, Infinity and -Infinity are accepted (score.py then rejects them as
//     non-finite numbers), which Go's encoding/json does not do;
//   - integers and floats are distinct types: 1 is an int, 1.0 and 1e400 are
//     floats (1e400 is +inf);
//   - integers longer than 4300 digits are rejected (Python's int max-str-digits
//     limit);
//   - a \uD800-style escape that is not half of a pair is kept as a lone
//     surrogate code point (stored in a Go string as its WTF-8 encoding);
//   - duplicate object keys keep the first key's position and the last value;
//   - error positions count code points, not bytes.
//
// Decoded values are represented as:
//
//	null   -> nil
//	bool   -> bool
//	int    -> pyInt
//	float  -> float64
//	string -> string (WTF-8)
//	array  -> []any
//	object -> *pyObject

// pyMaxDepth is how many arrays and objects may be nested when score.py runs
// as a script under CPython 3.11: the C scanner shares the interpreter's
// recursion limit (1000) with the Python frames that lead to json.loads.
// Deeper lines fail with a RecursionError. The limit depends on the Python
// version and call depth; see the package documentation.
const pyMaxDepth = 993

// pyMaxIntDigits is CPython's default sys.get_int_max_str_digits().
const pyMaxIntDigits = 4300

// pyInt is a JSON integer, kept as its decimal literal because Python ints
// have arbitrary precision. "-0" is stored as "0", as Python has no negative
// integer zero.
type pyInt string

// pyObject is a decoded JSON object: a Python dict, which keeps insertion
// order.
type pyObject struct {
	keys []string
	vals map[string]any
}

// get returns the value for key, or nil (Python's dict.get default None).
func (o *pyObject) get(key string) any {
	return o.vals[key]
}

func (o *pyObject) set(key string, v any) {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// pyJSONError is the exception raised by json.loads; Error returns what
// Python's str(e) returns.
type pyJSONError struct {
	msg string
}

func (e *pyJSONError) Error() string { return e.msg }

// pyDecoder holds the document being decoded, as code points.
type pyDecoder struct {
	s     []rune
	depth int
}

// pyLoads decodes doc like Python's json.loads(doc).
func pyLoads(doc string) (any, error) {
	d := &pyDecoder{s: []rune(doc)}
	return d.loads()
}

func (d *pyDecoder) loads() (any, error) {
	if len(d.s) > 0 && d.s[0] == '\ufeff' {
		return nil, d.errAt("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0)
	}
	idx := d.skipWS(0)
	v, end, err := d.scanOnce(idx)
	if err != nil {
		return nil, err
	}
	end = d.skipWS(end)
	if end != len(d.s) {
		return nil, d.errAt("Extra data", end)
	}
	return v, nil
}

// errAt builds a json.JSONDecodeError message: "msg: line L column C (char P)".
func (d *pyDecoder) errAt(msg string, pos int) error {
	line, lastNL := 1, -1
	for i := 0; i < pos && i < len(d.s); i++ {
		if d.s[i] == '\n' {
			line++
			lastNL = i
		}
	}
	return &pyJSONError{msg: fmt.Sprintf("%s: line %d column %d (char %d)", msg, line, pos-lastNL, pos)}
}

func isJSONSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

func (d *pyDecoder) skipWS(i int) int {
	for i < len(d.s) && isJSONSpace(d.s[i]) {
		i++
	}
	return i
}

// hasLit reports whether the ASCII literal lit starts at idx.
func (d *pyDecoder) hasLit(idx int, lit string) bool {
	if idx+len(lit) > len(d.s) {
		return false
	}
	for i := 0; i < len(lit); i++ {
		if d.s[idx+i] != rune(lit[i]) {
			return false
		}
	}
	return true
}

// scanOnce decodes the value at idx and returns it with the index after it.
func (d *pyDecoder) scanOnce(idx int) (any, int, error) {
	if idx >= len(d.s) {
		return nil, 0, d.errAt("Expecting value", idx)
	}
	switch d.s[idx] {
	case '"':
		return d.scanString(idx + 1)
	case '{':
		if d.depth >= pyMaxDepth {
			return nil, 0, &pyJSONError{msg: "maximum recursion depth exceeded while decoding a JSON object from a unicode string"}
		}
		d.depth++
		v, next, err := d.parseObject(idx + 1)
		d.depth--
		return v, next, err
	case '[':
		if d.depth >= pyMaxDepth {
			return nil, 0, &pyJSONError{msg: "maximum recursion depth exceeded while decoding a JSON array from a unicode string"}
		}
		d.depth++
		v, next, err := d.parseArray(idx + 1)
		d.depth--
		return v, next, err
	case 'n':
		if d.hasLit(idx, "null") {
			return nil, idx + 4, nil
		}
	case 't':
		if d.hasLit(idx, "true") {
			return true, idx + 4, nil
		}
	case 'f':
		if d.hasLit(idx, "false") {
			return false, idx + 5, nil
		}
	case 'N':
		if d.hasLit(idx, "NaN") {
			return math.NaN(), idx + 3, nil
		}
	case 'I':
		if d.hasLit(idx, "Infinity") {
			return math.Inf(1), idx + 8, nil
		}
	case '-':
		if d.hasLit(idx, "-Infinity") {
			return math.Inf(-1), idx + 9, nil
		}
	}
	return d.matchNumber(idx)
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// matchNumber follows _match_number_unicode: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
func (d *pyDecoder) matchNumber(start int) (any, int, error) {
	s, idx, end := d.s, start, len(d.s)-1
	if s[idx] == '-' {
		idx++
		if idx > end {
			return nil, 0, d.errAt("Expecting value", start)
		}
	}
	switch {
	case s[idx] >= '1' && s[idx] <= '9':
		idx++
		for idx <= end && isASCIIDigit(s[idx]) {
			idx++
		}
	case s[idx] == '0':
		idx++
	default:
		return nil, 0, d.errAt("Expecting value", start)
	}
	isFloat := false
	if idx < end && s[idx] == '.' && isASCIIDigit(s[idx+1]) {
		isFloat = true
		idx += 2
		for idx <= end && isASCIIDigit(s[idx]) {
			idx++
		}
	}
	if idx < end && (s[idx] == 'e' || s[idx] == 'E') {
		eStart := idx
		idx++
		if idx < end && (s[idx] == '-' || s[idx] == '+') {
			idx++
		}
		for idx <= end && isASCIIDigit(s[idx]) {
			idx++
		}
		if isASCIIDigit(s[idx-1]) {
			isFloat = true
		} else {
			idx = eStart
		}
	}
	lit := string(s[start:idx])
	if isFloat {
		// ParseFloat rounds correctly like Python's float(); out-of-range
		// values come back as ±Inf or ±0 with ErrRange, which is what Python
		// gives too, so the error is deliberately dropped.
		f, _ := strconv.ParseFloat(lit, 64)
		return f, idx, nil
	}
	digits := strings.TrimPrefix(lit, "-")
	if len(digits) > pyMaxIntDigits {
		return nil, 0, &pyJSONError{msg: fmt.Sprintf("Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", pyMaxIntDigits, len(digits))}
	}
	if lit == "-0" {
		lit = "0"
	}
	return pyInt(lit), idx, nil
}

func hexVal(r rune) (rune, bool) {
	switch {
	case r >= '0' && r <= '9':
		return r - '0', true
	case r >= 'a' && r <= 'f':
		return r - 'a' + 10, true
	case r >= 'A' && r <= 'F':
		return r - 'A' + 10, true
	}
	return 0, false
}

// hex4 decodes the four hex digits at s[i:i+4]; the caller checked the bounds.
func (d *pyDecoder) hex4(i int) (rune, bool) {
	var c rune
	for _, r := range d.s[i : i+4] {
		v, ok := hexVal(r)
		if !ok {
			return 0, false
		}
		c = c<<4 | v
	}
	return c, true
}

// scanString follows scanstring_unicode with strict=True; end is the index
// after the opening quote.
func (d *pyDecoder) scanString(end int) (any, int, error) {
	s := d.s
	begin := end - 1
	var b strings.Builder
	for {
		next := end
		var c rune
		for ; next < len(s); next++ {
			c = s[next]
			if c == '"' || c == '\\' {
				break
			}
			if c <= 0x1f {
				return nil, 0, d.errAt("Invalid control character at", next)
			}
		}
		if next >= len(s) {
			return nil, 0, d.errAt("Unterminated string starting at", begin)
		}
		for _, r := range s[end:next] {
			appendWTF8(&b, r)
		}
		next++
		if c == '"' {
			return b.String(), next, nil
		}
		if next == len(s) {
			return nil, 0, d.errAt("Unterminated string starting at", begin)
		}
		c = s[next]
		if c != 'u' {
			end = next + 1
			switch c {
			case '"', '\\', '/':
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default:
				return nil, 0, d.errAt("Invalid \\escape", end-2)
			}
			appendWTF8(&b, c)
			continue
		}
		// next is at 'u'.
		uPos := next
		end = next + 5
		if end >= len(s) {
			return nil, 0, d.errAt("Invalid \\uXXXX escape", uPos)
		}
		c, ok := d.hex4(uPos + 1)
		if !ok {
			return nil, 0, d.errAt("Invalid \\uXXXX escape", uPos)
		}
		if c >= 0xd800 && c <= 0xdbff && end+6 < len(s) && s[end] == '\\' && s[end+1] == 'u' {
			c2, ok := d.hex4(end + 2)
			if !ok {
				return nil, 0, d.errAt("Invalid \\uXXXX escape", end+1)
			}
			if c2 >= 0xdc00 && c2 <= 0xdfff {
				c = 0x10000 + (c-0xd800)<<10 + (c2 - 0xdc00)
				end += 6
			}
		}
		appendWTF8(&b, c)
	}
}

// parseObject follows _parse_object_unicode; idx is after the '{'.
func (d *pyDecoder) parseObject(idx int) (any, int, error) {
	s, last := d.s, len(d.s)-1
	obj := &pyObject{vals: map[string]any{}}
	idx = d.skipWS(idx)
	if idx > last || s[idx] != '}' {
		for {
			if idx > last || s[idx] != '"' {
				return nil, 0, d.errAt("Expecting property name enclosed in double quotes", idx)
			}
			key, next, err := d.scanString(idx + 1)
			if err != nil {
				return nil, 0, err
			}
			idx = d.skipWS(next)
			if idx > last || s[idx] != ':' {
				return nil, 0, d.errAt("Expecting ':' delimiter", idx)
			}
			idx = d.skipWS(idx + 1)
			val, next, err := d.scanOnce(idx)
			if err != nil {
				return nil, 0, err
			}
			obj.set(key.(string), val)
			idx = d.skipWS(next)
			if idx <= last && s[idx] == '}' {
				break
			}
			if idx > last || s[idx] != ',' {
				return nil, 0, d.errAt("Expecting ',' delimiter", idx)
			}
			idx = d.skipWS(idx + 1)
		}
	}
	return obj, idx + 1, nil
}

// parseArray follows _parse_array_unicode; idx is after the '['.
func (d *pyDecoder) parseArray(idx int) (any, int, error) {
	s, last := d.s, len(d.s)-1
	list := []any{}
	idx = d.skipWS(idx)
	if idx > last || s[idx] != ']' {
		for {
			val, next, err := d.scanOnce(idx)
			if err != nil {
				return nil, 0, err
			}
			list = append(list, val)
			idx = d.skipWS(next)
			if idx <= last && s[idx] == ']' {
				break
			}
			if idx > last || s[idx] != ',' {
				return nil, 0, d.errAt("Expecting ',' delimiter", idx)
			}
			idx = d.skipWS(idx + 1)
		}
	}
	return list, idx + 1, nil
}
