// Package telegram reads reports from a Telegram Desktop chat export in
// JSON ("Export chat history" → "Machine-readable JSON", the result.json
// of one channel or group): each message with text becomes a report.
//
// A report's source is the chat's name, its ExternalID
// "telegram:<chat id>/<message id>" and its publication time the message's
// date_unixtime, in UTC ("date" is the exporting computer's local time
// without a zone, read as UTC only when date_unixtime is missing). The
// text is the message's text with its formatting dropped and every part's
// text kept (link texts, mentions, hashtags); the targets of text links
// that the text does not show follow it, after a blank line, one per
// line. The URL stays empty: exports do not name the channel's public
// username. Forwarded messages are read like the others, with the
// forwarding chat as the source; an edited message has its last text and
// its first date. Service messages and messages without text (a photo
// without a caption, a sticker) are skipped and counted (Reader.Stats).
//
// The reader streams: the messages array is cut into messages one at a
// time, so memory is bounded by the largest message, not by the export. A
// bad message (not JSON, wrong field types, invalid UTF-8, too large) is
// reported as a *local.LineError with the line it starts on and its index
// in the array, and skipped; the messages after it are read.
package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
)

// Channel is what an export says about its chat.
type Channel struct {
	Name string `json:"name"`
	// Type is "public_channel", "private_channel", "public_supergroup",
	// "private_supergroup", "private_group", "personal_chat", ...
	Type string `json:"type"`
	// ID is the chat's numeric id, as the export writes it.
	ID string `json:"id"`
}

// Stats counts the messages read so far.
type Stats struct {
	// Messages is the number of elements of the messages array read.
	Messages int `json:"messages"`
	// Reports is the number of messages returned as reports.
	Reports int `json:"reports"`
	// Service counts the service messages (channel created, message
	// pinned, ...) and unsupported ones, skipped.
	Service int `json:"service"`
	// Empty counts the messages without text (a photo, video, sticker or
	// poll without a caption), skipped.
	Empty int `json:"empty"`
	// Bad counts the messages returned as *local.LineError.
	Bad int `json:"bad"`
}

// Reader reads the messages of one export. It implements local.Reader.
type Reader struct {
	s   *scanner
	o   local.Options
	max int

	ch    Channel
	head  bool // the head has been read, up to the messages array
	index int  // index of the next element of the messages array
	stats Stats
	// err ends reading: io.EOF after the last message, or the error that
	// stopped it.
	err error
	buf []byte
}

var _ local.Reader = (*Reader)(nil)

// NewReader returns a reader of the export r. Of the options, Source and
// Published are defaults for an export without a chat name and messages
// without a date, and MaxLineBytes caps one message (0: room for a report
// of farsight.MaxReportTextBytes). Exports are UTF-8: any other Encoding
// is EINVALID.
func NewReader(r io.Reader, o local.Options) (*Reader, error) {
	switch strings.ToLower(o.Encoding) {
	case "", "utf-8", "utf8":
	default:
		return nil, farsight.Errorf(farsight.EINVALID, "Telegram exports are UTF-8; encoding %q does not apply", o.Encoding)
	}
	max := o.MaxLineBytes
	if max <= 0 {
		// A message holds its text twice: "text" and "text_entities".
		max = 2*farsight.MaxReportTextBytes + 1<<20
	}
	return &Reader{s: newScanner(r), o: o, max: max}, nil
}

// Channel returns the chat the export is of; it is known after the first
// call to Next.
func (r *Reader) Channel() Channel { return r.ch }

// Stats returns the counts of the messages read so far.
func (r *Reader) Stats() Stats { return r.stats }

// Skipped describes the messages skipped on purpose so far, or returns ""
// when there were none.
func (r *Reader) Skipped() string {
	var parts []string
	if n := r.stats.Empty; n > 0 {
		parts = append(parts, fmt.Sprintf("%d messages without text", n))
	}
	if n := r.stats.Service; n > 0 {
		parts = append(parts, fmt.Sprintf("%d service messages", n))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " and ") + " skipped"
}

// Next returns the report of the next message with text; Record.Line is
// the line the message starts on. Service messages and messages without
// text are skipped and counted (see Stats). A bad message is a
// *local.LineError, after which Next may be called again; the end of the
// export is io.EOF. An input that is not a Telegram export gives EINVALID
// on the first call. An export that ends inside its messages array (a
// truncated file) or whose array cannot be followed gives a
// *local.LineError, then io.EOF: the messages before it are kept.
func (r *Reader) Next() (*local.Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if !r.head {
		if err := r.readHead(); err != nil {
			r.err = err
			return nil, err
		}
		r.head = true
	}
	for {
		line, raw, tooLong, err := r.element()
		if err != nil {
			r.err = err
			var le *local.LineError
			if errors.As(err, &le) {
				// The array cannot be followed: report where, then end.
				r.err = io.EOF
				r.stats.Bad++
			}
			return nil, err
		}
		index := r.index
		r.index++
		r.stats.Messages++
		if tooLong {
			r.stats.Bad++
			return nil, &local.LineError{Line: line, Err: fmt.Errorf("messages[%d]: longer than %d bytes, skipped", index, r.max)}
		}
		rep, err := r.message(raw, index, &line)
		if err != nil {
			r.stats.Bad++
			return nil, &local.LineError{Line: line, Err: err}
		}
		if rep == nil {
			continue
		}
		r.stats.Reports++
		return &local.Record{Line: line, Report: rep}, nil
	}
}

// notExport is the error for an input that is not a chat export.
func notExport(format string, args ...any) error {
	return farsight.Errorf(farsight.EINVALID, "not a Telegram Desktop chat export: "+format, args...)
}

// readHead reads the export up to the opening bracket of its messages
// array, keeping the chat's name, type and id. Telegram Desktop writes
// them before the messages; fields after the array are not read.
func (r *Reader) readHead() error {
	s := r.s
	s.skipBOM()
	c, err := s.peek()
	if err == io.EOF {
		return notExport("the input is empty")
	} else if err != nil {
		return err
	}
	if c != '{' {
		return notExport("want a JSON object with a \"messages\" array (line %d)", s.line)
	}
	_, _ = s.readByte()
	account := false
	for first := true; ; first = false {
		c, err := s.peek()
		if err != nil {
			return headEOF(err)
		}
		if c == '}' {
			if account {
				return notExport(`this is a whole-account export; export the channel alone ("Export chat history" in its menu)`)
			}
			return notExport(`no "messages" array`)
		}
		if !first {
			if c != ',' {
				return notExport("line %d: not JSON (want , or } after a field, got %q)", s.line, c)
			}
			_, _ = s.readByte()
			if c, err = s.peek(); err != nil {
				return headEOF(err)
			}
		}
		if c != '"' {
			return notExport("line %d: not JSON (want a field name, got %q)", s.line, c)
		}
		line := s.line
		raw, _, err := s.value(nil, 1<<10)
		if err != nil {
			return headEOF(err)
		}
		var key string
		if err := json.Unmarshal(raw, &key); err != nil {
			return notExport("line %d: not JSON: %v", line, err)
		}
		if c, err := s.peek(); err != nil {
			return headEOF(err)
		} else if c != ':' {
			return notExport("line %d: not JSON (want : after %q, got %q)", s.line, key, c)
		}
		_, _ = s.readByte()
		switch key {
		case "messages":
			c, err := s.peek()
			if err != nil {
				return headEOF(err)
			}
			if c != '[' {
				return farsight.Errorf(farsight.EINVALID, `line %d: "messages" must be an array`, s.line)
			}
			_, _ = s.readByte()
			if r.ch.Name == "" {
				r.ch.Name = r.o.Source
			}
			return nil
		case "name", "type", "id":
			line := s.line
			raw, tooLong, err := s.value(nil, 64<<10)
			if err != nil {
				return headEOF(err)
			}
			if tooLong {
				return farsight.Errorf(farsight.EINVALID, "line %d: field %q is too long", line, key)
			}
			if err := r.headField(key, raw); err != nil {
				return farsight.Errorf(farsight.EINVALID, "line %d: %v", line, err)
			}
		default:
			if key == "personal_information" || key == "chats" || key == "left_chats" {
				account = true
			}
			if _, _, err := s.value(nil, 0); err != nil {
				return headEOF(err)
			}
		}
	}
}

func headEOF(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return notExport("the input ends before the messages (is the file truncated?)")
	}
	return err
}

// headField sets the chat's name, type or id from its raw value.
func (r *Reader) headField(key string, raw []byte) error {
	switch key {
	case "id":
		id, err := intField(raw)
		if err != nil {
			return fmt.Errorf(`field "id" must be an integer`)
		}
		r.ch.ID = id
		return nil
	}
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf("field %q must be a string", key)
	}
	if s == nil {
		return nil
	}
	if key == "name" {
		r.ch.Name = strings.TrimSpace(*s)
	} else {
		r.ch.Type = *s
	}
	return nil
}

// intField returns the decimal text of an integer given as a JSON number
// or a string of digits.
func intField(raw []byte) (string, error) {
	var s string
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
	} else {
		s = string(raw)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(n, 10), nil
}

// element reads the next element of the messages array and the line it
// starts on. After the last element it returns io.EOF; when the array
// cannot be followed any further, a *local.LineError.
func (r *Reader) element() (line int, raw []byte, tooLong bool, err error) {
	s := r.s
	c, err := s.peek()
	if err != nil {
		return 0, nil, false, r.lost(err, s.line)
	}
	if r.index > 0 {
		if c != ',' && c != ']' {
			return 0, nil, false, &local.LineError{Line: s.line, Err: fmt.Errorf(
				"after messages[%d]: not JSON (want , or ], got %q); the rest of the export cannot be read", r.index-1, c)}
		}
		_, _ = s.readByte()
		if c == ']' {
			return 0, nil, false, io.EOF
		}
		if c, err = s.peek(); err != nil {
			return 0, nil, false, r.lost(err, s.line)
		}
	}
	if c == ']' {
		// The end of an empty array, or a trailing comma.
		_, _ = s.readByte()
		return 0, nil, false, io.EOF
	}
	line = s.line
	r.buf, tooLong, err = s.value(r.buf[:0], r.max)
	if err != nil {
		return line, nil, false, r.lost(err, line)
	}
	return line, r.buf, tooLong, nil
}

// lost is the error for an export that ends inside its messages array,
// in the message that starts on line.
func (r *Reader) lost(err error, line int) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &local.LineError{Line: line, Err: fmt.Errorf(
			"the export ends inside messages[%d] (is the file truncated?); the messages before it were read", r.index)}
	}
	return err
}

// message is the part of a message farsight reads. Fields are raw so that
// a wrongly typed one gets a clear message.
type message struct {
	ID           json.RawMessage `json:"id"`
	Type         json.RawMessage `json:"type"`
	Date         json.RawMessage `json:"date"`
	DateUnixtime json.RawMessage `json:"date_unixtime"`
	Text         json.RawMessage `json:"text"`
	TextEntities json.RawMessage `json:"text_entities"`
}

// message decodes element index of the messages array, which starts on
// *line: it returns its report, or nil for a message that is skipped on
// purpose. For a message that is not JSON, *line is set to the line of the
// error.
func (r *Reader) message(raw []byte, index int, line *int) (*farsight.Report, error) {
	where := fmt.Sprintf("messages[%d]", index)
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%s: not valid UTF-8", where)
	}
	raw = fixEscapes(raw)
	var m message
	if err := json.Unmarshal(raw, &m); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			if se.Offset > 0 && se.Offset <= int64(len(raw)) {
				*line += bytes.Count(raw[:se.Offset-1], []byte{'\n'})
			}
			return nil, fmt.Errorf("%s: not JSON: %v", where, strings.TrimPrefix(err.Error(), "json: "))
		case errors.As(err, &te):
			return nil, fmt.Errorf("%s: not a JSON object", where)
		}
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	if len(m.ID) == 0 || string(m.ID) == "null" {
		return nil, fmt.Errorf(`%s: no "id"`, where)
	}
	id, err := intField(m.ID)
	if err != nil {
		return nil, fmt.Errorf(`%s: field "id" must be an integer`, where)
	}
	where = fmt.Sprintf("message %s (%s)", id, where)
	typ := "message"
	if len(m.Type) > 0 && string(m.Type) != "null" {
		if err := json.Unmarshal(m.Type, &typ); err != nil {
			return nil, fmt.Errorf(`%s: field "type" must be a string`, where)
		}
	}
	if typ != "message" {
		r.stats.Service++
		return nil, nil
	}
	text, hrefs, err := flatten("text", m.Text)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	if text == "" && len(m.TextEntities) > 0 {
		if text, hrefs, err = flatten("text_entities", m.TextEntities); err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
	}
	if strings.TrimSpace(text) == "" {
		r.stats.Empty++
		return nil, nil
	}
	published, err := r.published(m)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	rep := &farsight.Report{
		ExternalID: "telegram:" + r.ch.ID + "/" + id,
		SourceName: r.ch.Name,
		Text:       withLinks(text, hrefs),
		Published:  published,
	}
	return rep, nil
}

// dateLayout is the layout of a message's "date": the exporting
// computer's local time, without a zone.
const dateLayout = "2006-01-02T15:04:05"

// minUnix and maxUnix bound date_unixtime to the years 1 to 9999.
const (
	minUnix = -62135596800
	maxUnix = 253402300799
)

// published returns a message's publication time: date_unixtime (seconds
// since 1970, a string; older exports lack it) in UTC; without it, "date"
// read as UTC, since the zone it was written in is not recorded; without
// either, the default of the options.
func (r *Reader) published(m message) (time.Time, error) {
	if len(m.DateUnixtime) > 0 && string(m.DateUnixtime) != "null" {
		s, err := intField(m.DateUnixtime)
		if err != nil {
			return time.Time{}, fmt.Errorf(`field "date_unixtime" must be an integer`)
		}
		sec, _ := strconv.ParseInt(s, 10, 64)
		if sec < minUnix || sec > maxUnix {
			return time.Time{}, fmt.Errorf(`field "date_unixtime" %s is out of range`, s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	if len(m.Date) > 0 && string(m.Date) != "null" {
		var s string
		if err := json.Unmarshal(m.Date, &s); err != nil {
			return time.Time{}, fmt.Errorf(`field "date" must be a string`)
		}
		t, err := time.Parse(dateLayout, s)
		if err != nil {
			return time.Time{}, fmt.Errorf(`field "date" %q is not a date (want YYYY-MM-DDTHH:MM:SS)`, farsight.Excerpt(s, 40))
		}
		return t, nil
	}
	return r.o.Published, nil
}
