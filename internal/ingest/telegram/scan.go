package telegram

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// scanner walks the structure of a JSON text without decoding it: it finds
// where each value starts and ends, so that one malformed message is
// skipped without losing the messages after it, and it counts lines for
// error messages. encoding/json decodes each message it cuts out.
type scanner struct {
	r *bufio.Reader
	// line is the line of the next byte, from 1.
	line int
	// one is a one-byte scratch buffer for add.
	one [1]byte
}

func newScanner(r io.Reader) *scanner {
	return &scanner{r: bufio.NewReaderSize(r, 64<<10), line: 1}
}

// readByte returns the next byte.
func (s *scanner) readByte() (byte, error) {
	c, err := s.r.ReadByte()
	if c == '\n' && err == nil {
		s.line++
	}
	return c, err
}

// peek returns the next byte that is not white space without consuming
// it; the white space before it is consumed.
func (s *scanner) peek() (byte, error) {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			s.line++
			continue
		case ' ', '\t', '\r':
			continue
		}
		// Unreading the byte just read cannot fail.
		_ = s.r.UnreadByte()
		return c, nil
	}
}

// skipBOM consumes a UTF-8 byte order mark at the start of the input.
func (s *scanner) skipBOM() {
	if b, err := s.r.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		_, _ = s.r.Discard(3)
	}
}

// value reads the next value and appends its bytes to dst, unless they
// are more than max bytes: then the value is read to its end all the
// same, dst is returned as it was and tooLong is set. At the end of the
// input inside a value it returns io.ErrUnexpectedEOF.
//
// Only the nesting of brackets and strings is followed: whether the bytes
// are JSON is for the decoder to say. A value that starts with anything
// other than a bracket or a quote (a number, a literal, a stray byte)
// ends before the next delimiter, and always takes at least one byte, so
// that a caller looping over values always gets on.
func (s *scanner) value(dst []byte, max int) (out []byte, tooLong bool, err error) {
	start := len(dst)
	add := func(b []byte) {
		if tooLong {
			return
		}
		if len(dst)-start+len(b) > max {
			tooLong, dst = true, dst[:start]
			return
		}
		dst = append(dst, b...)
	}
	c, err := s.peek()
	if err != nil {
		return dst, false, err
	}
	switch c {
	case '"':
		_, _ = s.readByte()
		s.one[0] = c
		add(s.one[:])
		err = s.str(add)
	case '{', '[':
		err = s.nested(add)
	default:
		for first := true; ; first = false {
			c, err = s.r.ReadByte()
			if err == io.EOF && !first {
				return dst, tooLong, nil
			}
			if err != nil {
				return dst, tooLong, err
			}
			if !first && isDelim(c) {
				_ = s.r.UnreadByte()
				break
			}
			if c == '\n' {
				s.line++
			}
			s.one[0] = c
			add(s.one[:])
		}
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return dst, tooLong, err
}

func isDelim(c byte) bool {
	switch c {
	case ',', ':', '[', ']', '{', '}', '"', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// nested reads an object or array, from its opening bracket to the
// bracket that closes it.
func (s *scanner) nested(add func([]byte)) error {
	depth := 0
	for {
		c, err := s.readByte()
		if err != nil {
			return err
		}
		s.one[0] = c
		add(s.one[:])
		switch c {
		case '"':
			if err := s.str(add); err != nil {
				return err
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return nil
			}
		}
	}
}

// str reads the rest of a string whose opening quote has been read, up to
// and including the closing quote.
func (s *scanner) str(add func([]byte)) error {
	// backslashes counts the backslashes that end what was read so far:
	// a quote after an odd number of them is escaped.
	backslashes := 0
	for {
		chunk, err := s.r.ReadSlice('"')
		s.line += bytes.Count(chunk, []byte{'\n'}) // raw line ends are not JSON, but count
		add(chunk)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			backslashes = trailingBackslashes(chunk, backslashes)
			continue
		case err != nil:
			return err
		}
		if trailingBackslashes(chunk[:len(chunk)-1], backslashes)%2 == 0 {
			return nil
		}
		backslashes = 0
	}
}

// trailingBackslashes returns the number of backslashes b ends with,
// adding carry when b is all backslashes.
func trailingBackslashes(b []byte, carry int) int {
	n := 0
	for n < len(b) && b[len(b)-1-n] == '\\' {
		n++
	}
	if n == len(b) {
		return carry + n
	}
	return n
}
