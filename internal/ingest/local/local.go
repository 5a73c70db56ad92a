// Package local reads reports from local inputs: plain text (one report),
// JSONL (one report per line) and CSV (one report per row, with a header).
// Readers stream: memory use is bounded by the largest single report, not
// by the input, and a bad line or row is reported with its number and
// skipped while the rest is read.
package local

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Format is the format of a local input.
type Format string

// Formats.
const (
	Text  Format = "text"
	JSONL Format = "jsonl"
	CSV   Format = "csv"
)

// ParseFormat returns the format named s, or EINVALID.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Text, JSONL, CSV:
		return f, nil
	case "txt":
		return Text, nil
	case "ndjson":
		return JSONL, nil
	}
	return "", farsight.Errorf(farsight.EINVALID, "unknown input format %q (want text, jsonl or csv)", s)
}

// DetectFormat guesses the format from a file name and, when the name does
// not tell (stdin, no extension), from the first bytes of the input: a line
// starting with "{" is JSONL, anything else is text.
func DetectFormat(name string, head []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	case ".csv":
		return CSV
	case ".txt", ".text", ".md":
		return Text
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return JSONL
	}
	return Text
}

var utf8BOM = []byte("\xef\xbb\xbf")

// Record is one report read from an input, with the line it starts on. Its
// text may be blank: callers decide (ingest rejects it, extract answers
// with no events).
type Record struct {
	Line   int
	Report *farsight.Report
}

// LineError is a problem with one line or row of an input. The reader has
// skipped it and can go on.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// Reader yields the reports of one input.
type Reader interface {
	// Next returns the next record; a *LineError for a bad line or row,
	// after which Next may be called again; io.EOF at the end; any other
	// error is fatal.
	Next() (*Record, error)
}

// Options apply to every report read.
type Options struct {
	// Source and Published are defaults for reports that do not name their
	// own.
	Source    string
	Published time.Time
	// Encoding names the input's character encoding: "" or "utf-8",
	// "windows-1251", "koi8-r", "koi8-u", "iso-8859-1", "utf-16".
	Encoding string
	// MaxLineBytes caps one JSONL line or CSV record; 0 means
	// farsight.MaxReportTextBytes plus room for the other fields.
	MaxLineBytes int
}

func (o Options) maxLine() int {
	if o.MaxLineBytes > 0 {
		return o.MaxLineBytes
	}
	return farsight.MaxReportTextBytes + 1<<20
}

// NewReader returns a reader of r in the given format.
func NewReader(r io.Reader, f Format, o Options) (Reader, error) {
	dec, err := decoder(o.Encoding)
	if err != nil {
		return nil, err
	}
	if dec != nil {
		r = dec.Reader(r)
	}
	switch f {
	case Text:
		return &textReader{r: r, o: o}, nil
	case JSONL:
		return newJSONLReader(r, o), nil
	case CSV:
		return newCSVReader(r, o), nil
	}
	return nil, farsight.Errorf(farsight.EINVALID, "unknown input format %q", f)
}

func decoder(name string) (*encoding.Decoder, error) {
	switch strings.ToLower(strings.ReplaceAll(name, "_", "-")) {
	case "", "utf-8", "utf8":
		return nil, nil
	case "windows-1251", "cp1251":
		return charmap.Windows1251.NewDecoder(), nil
	case "koi8-r":
		return charmap.KOI8R.NewDecoder(), nil
	case "koi8-u":
		return charmap.KOI8U.NewDecoder(), nil
	case "iso-8859-1", "latin1":
		return charmap.ISO8859_1.NewDecoder(), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder(), nil
	case "utf-16":
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), nil
	}
	return nil, farsight.Errorf(farsight.EINVALID, "unknown encoding %q", name)
}

// errNotUTF8 explains the usual cause of invalid bytes.
var errNotUTF8 = errors.New("not valid UTF-8 (is the input in another encoding? try --encoding windows-1251)")

// textReader reads its whole input as one report.
type textReader struct {
	r    io.Reader
	o    Options
	done bool
}

func (t *textReader) Next() (*Record, error) {
	if t.done {
		return nil, io.EOF
	}
	t.done = true
	buf, err := io.ReadAll(io.LimitReader(t.r, farsight.MaxReportTextBytes+1))
	if err != nil {
		return nil, err
	}
	if len(buf) > farsight.MaxReportTextBytes {
		return nil, farsight.Errorf(farsight.EINVALID, "text input is larger than %d bytes: split it, or give one report per line as JSONL", farsight.MaxReportTextBytes)
	}
	buf = bytes.TrimPrefix(buf, utf8BOM)
	if !utf8.Valid(buf) {
		return nil, &LineError{Line: 1, Err: errNotUTF8}
	}
	if len(bytes.TrimSpace(buf)) == 0 {
		return nil, io.EOF
	}
	rep := &farsight.Report{Text: string(buf), SourceName: t.o.Source, Published: t.o.Published}
	return &Record{Line: 1, Report: rep}, nil
}

// lineScanner reads lines of at most max bytes without ever buffering
// more: a longer line is skipped to its end and reported.
type lineScanner struct {
	r    *bufio.Reader
	max  int
	line int
	buf  []byte
}

func newLineScanner(r io.Reader, max int) *lineScanner {
	return &lineScanner{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its end of line; io.EOF at the end;
// a *LineError for a line that is too long.
func (s *lineScanner) next() ([]byte, error) {
	s.buf = s.buf[:0]
	s.line++
	tooLong := false
	for {
		chunk, err := s.r.ReadSlice('\n')
		if !tooLong {
			if len(s.buf)+len(chunk) > s.max+2 {
				tooLong, s.buf = true, s.buf[:0]
			} else {
				s.buf = append(s.buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == io.EOF && (len(s.buf) > 0 || tooLong) {
			err = nil
		} else if err != nil {
			return nil, err
		}
		break
	}
	if tooLong {
		return nil, &LineError{Line: s.line, Err: fmt.Errorf("line longer than %d bytes, skipped", s.max)}
	}
	if s.line == 1 {
		s.buf = bytes.TrimPrefix(s.buf, utf8BOM)
	}
	return bytes.TrimRight(s.buf, "\r\n"), nil
}
