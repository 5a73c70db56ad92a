package telegram_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/farsight-osint/farsight/internal/ingest/telegram"
)

// FuzzTelegram checks the invariants of the reader on any input: no
// panic, reading ends, line numbers never go backwards, reports are valid
// with valid UTF-8; and, for any valid JSON export, every element of the
// messages array is accounted for, as encoding/json counts them.
func FuzzTelegram(f *testing.F) {
	for _, path := range []string{"testdata/channel.json", "testdata/damaged.json"} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"name": "x", "id": 1, "messages": [{"id": 1, "type": "message", "text": ["a", {"type": "text_link", "text": "b", "href": "https://c"}]}, 5, {"id": 2}]}`))
	f.Add([]byte(`{"messages": [{"id": 1, "text": "a\x0Bb\\x41"}, {"id": 2, "text": "\"\\"}, ]}`))
	f.Add([]byte(`{"about": "x", "chats": {"list": [{"messages": []}]}}`))
	f.Add([]byte("{\"messages\": [{\"id\": 1, \"text\": \"\xff\"}, {\"id\": 2, \"text\": \"ok\"}"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := telegram.NewReader(bytes.NewReader(in), local.Options{MaxLineBytes: 1 << 10})
		if err != nil {
			t.Fatal(err)
		}
		last, fatal := 0, false
		for n := 0; ; n++ {
			// Each result takes at least one byte of the input.
			if n > len(in)+2 {
				t.Fatal("reader does not end")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var le *local.LineError
			if errors.As(err, &le) {
				if le.Line < last {
					t.Fatalf("error at line %d after line %d", le.Line, last)
				}
				last = le.Line
				continue
			}
			if err != nil {
				fatal = true
				break
			}
			if rec.Line < last {
				t.Fatalf("record at line %d after line %d", rec.Line, last)
			}
			last = rec.Line
			if !utf8.ValidString(rec.Report.Text) || !utf8.ValidString(rec.Report.SourceName) {
				t.Fatalf("invalid UTF-8 in %+v", rec.Report)
			}
			if strings.TrimSpace(rec.Report.Text) == "" {
				t.Fatalf("line %d: blank report", rec.Line)
			}
			if err := rec.Report.Validate(); err != nil {
				t.Fatalf("line %d: invalid report: %v", rec.Line, err)
			}
		}
		if want, ok := messageCount(in); ok && !fatal {
			if got := r.Stats().Messages; got != want {
				t.Fatalf("read %d messages, encoding/json sees %d", got, want)
			}
		}
	})
}

// messageCount returns the length of the messages array of a valid JSON
// object that has exactly one.
func messageCount(in []byte) (int, bool) {
	if !json.Valid(in) {
		return 0, false
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(in, &top); err != nil {
		return 0, false
	}
	dec := json.NewDecoder(bytes.NewReader(in))
	if _, err := dec.Token(); err != nil {
		return 0, false
	}
	count := 0
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return 0, false
		}
		if t == "messages" {
			count++
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return 0, false
		}
	}
	var msgs []json.RawMessage
	if count != 1 || json.Unmarshal(top["messages"], &msgs) != nil {
		return 0, false
	}
	return len(msgs), true
}
