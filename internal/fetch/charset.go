package fetch

import (
	"bytes"
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Decode returns an HTML or text body as UTF-8, and the name of the
// encoding it was read in. The encoding comes from, in order: a byte-order
// mark, the charset of the Content-Type header, a <meta charset> or
// http-equiv declaration (or an XML declaration) near the start. A body
// that is valid UTF-8 is read as UTF-8 whatever an 8-bit declaration says,
// and one declared UTF-8 that is not is sniffed: text in Cyrillic is read
// as windows-1251 or KOI8, anything else as windows-1252. Invalid bytes
// become U+FFFD; Decode never fails.
func Decode(body []byte, contentType string) (text, encodingName string) {
	enc, name := detectEncoding(body, contentType)
	if name == "utf-8" {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
		return strings.ToValidUTF8(string(body), "\uFFFD"), name
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil && len(body)%2 == 1 {
		// Only the UTF-16 decoders fail, on a stray odd last byte.
		out, err = enc.NewDecoder().Bytes(body[:len(body)-1])
	}
	if err != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD"), "utf-8"
	}
	s := strings.TrimPrefix(string(out), "\uFEFF")
	return strings.ToValidUTF8(s, "\uFFFD"), name
}

var boms = []struct {
	bom  string
	enc  encoding.Encoding
	name string
}{
	{"\xef\xbb\xbf", xunicode.UTF8, "utf-8"},
	{"\xfe\xff", xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "utf-16be"},
	{"\xff\xfe", xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "utf-16le"},
}

func detectEncoding(body []byte, contentType string) (encoding.Encoding, string) {
	for _, b := range boms {
		if bytes.HasPrefix(body, []byte(b.bom)) {
			return b.enc, b.name
		}
	}
	label := ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		label = params["charset"]
	}
	enc, name := charset.Lookup(label)
	if enc == nil {
		enc, name = charset.Lookup(declaredCharset(body))
	}
	if enc != nil && strings.HasPrefix(name, "utf-16") {
		// A UTF-16 declaration without a byte-order mark: trust it.
		return enc, name
	}
	if utf8.Valid(body) {
		return xunicode.UTF8, "utf-8"
	}
	if enc != nil && name != "utf-8" {
		return enc, name
	}
	// Declared UTF-8 but is not, or not declared at all.
	return sniff8bit(body)
}

// declaredHead is how much of a body is searched for a declaration.
const declaredHead = 8 << 10

// declaredCharset returns the charset label a <meta> element or an XML
// declaration in the first bytes of body gives, or "".
func declaredCharset(body []byte) string {
	if len(body) > declaredHead {
		body = body[:declaredHead]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.CommentToken:
			// "<?xml … encoding="…"?>" reads as a bogus comment.
			if d := string(z.Text()); strings.HasPrefix(d, "?xml") {
				if v := attrValue(d, "encoding"); v != "" {
					return v
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var httpEquiv, content string
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					return strings.TrimSpace(string(v))
				case "http-equiv":
					httpEquiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if strings.EqualFold(strings.TrimSpace(httpEquiv), "content-type") {
				if v := attrValue(content, "charset"); v != "" {
					return v
				}
			}
		}
	}
}

// attrValue returns the value after name= in s (quoted or not), or "".
func attrValue(s, name string) string {
	i := strings.Index(asciiLower(s), name)
	if i < 0 {
		return ""
	}
	s = strings.TrimLeft(s[i+len(name):], " \t")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.TrimLeft(s[1:], " \t")
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if j := strings.IndexByte(s[1:], s[0]); j >= 0 {
			return s[1 : j+1]
		}
		return ""
	}
	if j := strings.IndexAny(s, " \t;\"'>?"); j >= 0 {
		s = s[:j]
	}
	return s
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay put.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// sniff8bit guesses the 8-bit encoding of a body that is not UTF-8. Text
// in Cyrillic has runs of bytes above 0x7f forming whole words, where
// Western text has single accented letters inside ASCII words. Between
// windows-1251 and KOI8 the right one reads mostly as lower-case letters
// (their lower and upper cases sit in swapped halves).
func sniff8bit(body []byte) (encoding.Encoding, string) {
	var inRuns, high int
	run := 0
	for _, c := range body {
		if c >= 0x80 {
			high++
			run++
			continue
		}
		if run >= 3 {
			inRuns += run
		}
		run = 0
	}
	if run >= 3 {
		inRuns += run
	}
	if high == 0 || inRuns*2 < high {
		return charmap.Windows1252, "windows-1252"
	}
	if lowerShare(charmap.KOI8U, body) > lowerShare(charmap.Windows1251, body) {
		return charmap.KOI8U, "koi8-u"
	}
	return charmap.Windows1251, "windows-1251"
}

// lowerShare returns the share of Cyrillic letters in body, decoded with
// enc, that are lower case.
func lowerShare(enc *charmap.Charmap, body []byte) float64 {
	var lower, all int
	for _, c := range body {
		if c < 0x80 {
			continue
		}
		r := enc.DecodeByte(c)
		if !unicode.Is(unicode.Cyrillic, r) {
			continue
		}
		all++
		if unicode.IsLower(r) {
			lower++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(lower) / float64(all)
}
