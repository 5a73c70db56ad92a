package gazetteer

import "github.com/farsight-osint/farsight/internal/gazetteer/internal/textkey"

// Normalize returns the lookup key of a place name. Two spellings that
// differ only in the following ways have the same key:
//
//   - letter case, in every script;
//   - diacritics on Latin letters: the string is decomposed (Unicode NFKD)
//     and combining marks are dropped, so "Dnipró" and "Dnipro" match;
//     letters NFKD keeps whole are folded by hand (ł→l, ø→o, đ→d, ß→ss,
//     æ→ae, œ→oe, þ→th, ı→i);
//   - Cyrillic ё, which becomes е (Russian texts write either). Й, ї and ў
//     are distinct letters and are kept, also when written as a base letter
//     and a combining mark;
//   - apostrophes and quotation marks (' ’ ‘ ʼ ʹ ` ´ " « » „ “ ”), which are
//     removed: "Kam'ianske" and "Kamianske" match, and so do "Мар'їнка" and
//     "Марїнка";
//   - hyphens, dashes and runs of white space, which become a single space,
//     and leading or trailing space, which is trimmed: "Rostov-on-Don" has
//     the key "rostov on don".
//
// Invisible format characters (soft hyphen, zero-width space) and invalid
// UTF-8 bytes are dropped; other punctuation and digits are kept. The result
// is valid UTF-8, and Normalize(Normalize(s)) == Normalize(s).
//
// Normalize is meant for every candidate phrase of a text: an ASCII string
// already in key form is returned as is, without allocating; other strings
// take one pass and two small allocations (AppendNormalized none).
func Normalize(s string) string {
	return textkey.Key(s)
}

// AppendNormalized appends the key of s to dst, as Normalize, without
// allocating when dst has room.
func AppendNormalized(dst []byte, s string) []byte {
	return textkey.Append(dst, s)
}
