package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// part is one element of a message's text array, or of text_entities:
// {"type": "text_link", "text": "here", "href": "https://..."}.
type part struct {
	Type string `json:"type"`
	Text string `json:"text"`
	Href string `json:"href"`
}

// flatten returns the plain text of a message's "text" (or
// "text_entities") field, which is a string or an array of strings and
// parts, and the link targets of its text_link parts.
//
// Every part keeps its text: a plain link's text is its URL, a mention is
// "@name", a hashtag "#name", a custom emoji its emoji. Formatting (bold,
// italic, code, spoilers, quotes) is dropped.
func flatten(name string, raw json.RawMessage) (string, []string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil, nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", nil, fmt.Errorf("field %q: %v", name, err)
		}
		return s, nil, nil
	case '[':
	default:
		return "", nil, fmt.Errorf("field %q must be a string or an array", name)
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", nil, fmt.Errorf("field %q: %v", name, err)
	}
	var b strings.Builder
	var hrefs []string
	for i, p := range parts {
		if len(p) > 0 && p[0] == '"' {
			var s string
			if err := json.Unmarshal(p, &s); err != nil {
				return "", nil, fmt.Errorf("field %q, part %d: %v", name, i, err)
			}
			b.WriteString(s)
			continue
		}
		var e part
		if err := json.Unmarshal(p, &e); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return "", nil, fmt.Errorf(`field %q, part %d: want a string or an object with a string "text"`, name, i)
			}
			return "", nil, fmt.Errorf("field %q, part %d: %v", name, i, err)
		}
		b.WriteString(e.Text)
		if e.Href != "" {
			hrefs = append(hrefs, e.Href)
		}
	}
	return b.String(), hrefs, nil
}

// withLinks appends to text, after a blank line, one per line, the link
// targets that text does not show already.
func withLinks(text string, hrefs []string) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, h := range hrefs {
		h = strings.TrimSpace(h)
		if h == "" || seen[h] || strings.Contains(text, h) {
			continue
		}
		seen[h] = true
		if b.Len() == 0 {
			b.WriteString(strings.TrimRight(text, " \t\r\n"))
			b.WriteString("\n\n")
		} else {
			b.WriteByte('\n')
		}
		b.WriteString(h)
	}
	if b.Len() == 0 {
		return text
	}
	return b.String()
}

// fixEscapes rewrites the \xHH escapes Telegram Desktop writes for control
// characters (not JSON: telegramdesktop/tdesktop#27571) as \u00HH.
func fixEscapes(raw []byte) []byte {
	if !bytes.Contains(raw, []byte(`\x`)) {
		return raw
	}
	out := make([]byte, 0, len(raw)+16)
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			continue
		}
		if raw[i+1] == 'x' && i+3 < len(raw) && isHex(raw[i+2]) && isHex(raw[i+3]) {
			out = append(out, `\u00`...)
			out = append(out, raw[i+2], raw[i+3])
			i += 3
			continue
		}
		// Any other escape: keep both bytes, so that the second backslash
		// of \\x is not read as the start of an escape.
		out = append(out, c, raw[i+1])
		i++
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
