package local_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
)

// drain reads r to the end and checks the invariants every reader keeps:
// no panic, records have valid UTF-8 and non-blank text, line numbers
// never go backwards, and reading ends.
func drain(t *testing.T, r local.Reader) {
	last := 0
	for range 1 << 20 {
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		var le *local.LineError
		if errors.As(err, &le) {
			if le.Line < last {
				t.Fatalf("line error at %d after line %d", le.Line, last)
			}
			last = le.Line
			continue
		}
		if err != nil {
			return // a fatal input error ends reading
		}
		if rec.Line < last {
			t.Fatalf("record at line %d after line %d", rec.Line, last)
		}
		last = rec.Line
		if !utf8.ValidString(rec.Report.Text) || !utf8.ValidString(rec.Report.ExternalID) {
			t.Fatalf("invalid UTF-8 in %+v at line %d", rec.Report, rec.Line)
		}
		if strings.TrimSpace(rec.Report.Text) != "" {
			if err := rec.Report.Validate(); err != nil && len(rec.Report.Text) <= farsight.MaxReportTextBytes {
				t.Fatalf("line %d: invalid report: %v", rec.Line, err)
			}
		}
	}
	t.Fatal("reader does not end")
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "a", "text": "Drones hit Kaspiysk.", "published": "2024-11-06"}` + "\n" + `{"text": 5}` + "\nnot json\n"))
	f.Add([]byte("\ufeff{\"id\": 1, \"text\": \"x\", \"title\": null}\r\n\n"))
	f.Add([]byte("{\"text\": \"\xff\"}"))
	f.Add([]byte(`{"text": "a", "published": "2024-13-45T99:00:00Z"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := local.NewReader(strings.NewReader(string(in)), local.JSONL, local.Options{MaxLineBytes: 256})
		if err != nil {
			t.Fatal(err)
		}
		drain(t, r)
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("id,text,published\n1,\"Drones, hit\nKaspiysk\",2024-11-06\n2,,\n3,\"bad\n"))
	f.Add([]byte("text\n\"\"\"\"\n"))
	f.Add([]byte("Body;Title\nx;y\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := local.NewReader(strings.NewReader(string(in)), local.CSV, local.Options{MaxLineBytes: 256})
		if err != nil {
			t.Fatal(err)
		}
		drain(t, r)
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2024-11-06", "2024-11-06T09:30:00+02:00", "2024-11-06 09:30", "Wed, 06 Nov 2024 09:30:00 +0000", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := local.ParseTime(s)
		if err != nil {
			return
		}
		// The offset is kept, and the time survives a round trip.
		back, err := local.ParseTime(tm.Format(time.RFC3339Nano))
		if err != nil || !back.Equal(tm) {
			t.Fatalf("ParseTime(%q) = %v does not round-trip: %v, %v", s, tm, back, err)
		}
	})
}
