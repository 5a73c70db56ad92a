package local

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
)

// jsonlReader reads one report per line. Each line is a JSON object with
// the fields id, text (required), title, url, source, lang and published;
// other fields are ignored. Blank lines are skipped.
type jsonlReader struct {
	s *lineScanner
	o Options
}

func newJSONLReader(r interface{ Read([]byte) (int, error) }, o Options) *jsonlReader {
	return &jsonlReader{s: newLineScanner(r, o.maxLine()), o: o}
}

// jsonlLine is the shape of one input line. Fields are raw so that a
// wrongly typed field gets a clear message rather than a decoder error.
type jsonlLine struct {
	ID        json.RawMessage `json:"id"`
	Text      json.RawMessage `json:"text"`
	Title     json.RawMessage `json:"title"`
	URL       json.RawMessage `json:"url"`
	Source    json.RawMessage `json:"source"`
	Kind      json.RawMessage `json:"source_kind"`
	Lang      json.RawMessage `json:"lang"`
	Published json.RawMessage `json:"published"`
}

func (j *jsonlReader) Next() (*Record, error) {
	for {
		line, err := j.s.next()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec, err := parseJSONLine(line, j.o)
		if err != nil {
			return nil, &LineError{Line: j.s.line, Err: err}
		}
		rec.Line = j.s.line
		return rec, nil
	}
}

func parseJSONLine(line []byte, o Options) (*Record, error) {
	if !utf8.Valid(line) {
		return nil, errNotUTF8
	}
	var l jsonlLine
	if err := json.Unmarshal(line, &l); err != nil {
		if _, ok := err.(*json.UnmarshalTypeError); ok {
			return nil, fmt.Errorf("not a JSON object")
		}
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	r := &farsight.Report{SourceName: o.Source, Published: o.Published}
	var err error
	if r.ExternalID, err = idField(l.ID); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *string
	}{
		{"text", l.Text, &r.Text},
		{"title", l.Title, &r.Title},
		{"url", l.URL, &r.URL},
		{"source", l.Source, &r.SourceName},
		{"lang", l.Lang, &r.Lang},
	} {
		if err := stringField(f.name, f.raw, f.dst); err != nil {
			return nil, err
		}
	}
	var published, kind string
	if err := stringField("published", l.Published, &published); err != nil {
		return nil, err
	}
	if err := stringField("source_kind", l.Kind, &kind); err != nil {
		return nil, err
	}
	if r.SourceKind = farsight.SourceKind(kind); kind != "" && !r.SourceKind.Valid() {
		return nil, fmt.Errorf(`field "source_kind" must be one of ua_official, ru_official, media, osint, unknown; got %q`, kind)
	}
	if published != "" {
		if r.Published, err = ParseTime(published); err != nil {
			return nil, err
		}
	}
	return &Record{Report: r}, nil
}

// idField accepts a string or an integer id.
func idField(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	if _, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return string(raw), nil
	}
	return "", fmt.Errorf(`field "id" must be a string or an integer`)
}

// stringField sets *dst from a JSON string; null or absent leaves it.
func stringField(name string, raw json.RawMessage, dst *string) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("field %q must be a string", name)
	}
	return nil
}

// timeLayouts are the publication time forms accepted, most specific first.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	time.DateOnly,
	time.RFC1123Z,
	time.RFC1123,
}

// ParseTime parses a publication time: RFC 3339, "YYYY-MM-DD", "YYYY-MM-DD
// HH:MM[:SS]" (taken as UTC) or RFC 1123. It returns EINVALID otherwise.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			// Keep the offset: "today" and "tonight" in the text are days
			// where the report was published.
			return t, nil
		}
	}
	return time.Time{}, farsight.Errorf(farsight.EINVALID, "published %q is not a date (want YYYY-MM-DD or RFC 3339)", farsight.Excerpt(s, 40))
}
