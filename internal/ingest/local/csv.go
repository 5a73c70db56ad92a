package local

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
)

// csvReader reads one report per row. The first row is a header naming the
// columns: text (required; or body, content), id, title, url, source,
// lang, published (or date). Other columns are ignored.
type csvReader struct {
	c      *csv.Reader
	lim    *recordLimit
	o      Options
	cols   map[string]int
	header bool
	line   int // where the last good record started
	err    error
}

func newCSVReader(r io.Reader, o Options) *csvReader {
	lim := &recordLimit{r: r, max: int64(o.maxLine())}
	c := csv.NewReader(lim)
	c.FieldsPerRecord = -1
	c.ReuseRecord = true
	return &csvReader{c: c, lim: lim, o: o}
}

// recordLimit fails a read once more than max bytes have been read past
// the start of the current record, so that a runaway quoted field cannot
// take all memory.
type recordLimit struct {
	r     io.Reader
	max   int64
	read  int64
	start int64
}

var errRecordTooLong = errors.New("record too long")

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.read-l.start > l.max {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

var csvAliases = map[string]string{
	"id": "id", "text": "text", "body": "text", "content": "text", "title": "title", "headline": "title",
	"url": "url", "link": "url", "source": "source", "lang": "lang", "language": "lang",
	"published": "published", "date": "published", "published_at": "published",
}

func (c *csvReader) Next() (*Record, error) {
	if c.err != nil {
		return nil, c.err
	}
	for {
		row, err := c.c.Read()
		c.lim.start = c.c.InputOffset()
		if err != nil {
			var pe *csv.ParseError
			switch {
			case err == io.EOF:
				if !c.header {
					return nil, farsight.Errorf(farsight.EINVALID, "CSV input is empty: want a header row naming a text column")
				}
				return nil, io.EOF
			case errors.Is(err, errRecordTooLong):
				c.err = farsight.Errorf(farsight.EINVALID, "CSV record after line %d is longer than %d bytes (an unclosed quote?)", c.line, c.lim.max)
				return nil, c.err
			case errors.As(err, &pe) && !c.header:
				return nil, farsight.Errorf(farsight.EINVALID, "CSV header: %v", pe.Err)
			case errors.As(err, &pe):
				return nil, &LineError{Line: pe.StartLine, Err: pe.Err}
			default:
				return nil, err
			}
		}
		line, _ := c.c.FieldPos(0)
		c.line = line
		if !c.header {
			if err := c.readHeader(row); err != nil {
				c.err = err
				return nil, err
			}
			continue
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue // blank line
		}
		rec, err := c.record(row)
		if err != nil {
			return nil, &LineError{Line: line, Err: err}
		}
		rec.Line = line
		return rec, nil
	}
}

func (c *csvReader) readHeader(row []string) error {
	c.header = true
	c.cols = map[string]int{}
	for i, name := range row {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		if col, ok := csvAliases[name]; ok {
			if _, dup := c.cols[col]; !dup {
				c.cols[col] = i
			}
		}
	}
	if _, ok := c.cols["text"]; !ok {
		return farsight.Errorf(farsight.EINVALID, "CSV header has no text column (got %q)", strings.Join(row, ","))
	}
	return nil
}

func (c *csvReader) record(row []string) (*Record, error) {
	get := func(col string) string {
		if i, ok := c.cols[col]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	for _, f := range row {
		if !utf8.ValidString(f) {
			return nil, errNotUTF8
		}
	}
	r := &farsight.Report{
		ExternalID: get("id"), Text: get("text"), Title: get("title"), URL: get("url"),
		SourceName: c.o.Source, Lang: get("lang"), Published: c.o.Published,
	}
	if s := get("source"); s != "" {
		r.SourceName = s
	}
	if s := strings.TrimSpace(get("published")); s != "" {
		t, err := ParseTime(s)
		if err != nil {
			return nil, err
		}
		r.Published = t
	}
	return &Record{Report: r}, nil
}
