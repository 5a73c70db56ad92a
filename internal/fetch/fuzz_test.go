package fetch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fetch"
)

func addPageSeeds(f *testing.F) {
	f.Helper()
	files, err := filepath.Glob("testdata/*.html")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html")
	}
	f.Add([]byte("<html><body><p>"+strings.Repeat("Удар по Каспійську. ", 10)+"</p></body></html>"), "text/html; charset=utf-8")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "text/html")
	f.Add([]byte("<?xml version='1.0' encoding='koi8-r'?><html><body><p>\xf7 \xd3\xd2\xc5\xc4\xd5</p></body></html>"), "application/xhtml+xml")
	f.Add([]byte("<meta charset=\"utf-16\"><p>x</p>"), "text/html; charset=")
	f.Add([]byte("plain text report about drones over Sevastopol"), "text/plain")
	f.Add([]byte("<table><tr><td><div><p>unclosed"), "")
}

// FuzzExtractArticle feeds arbitrary pages through charset decoding and
// main-text extraction: no panic, valid UTF-8 out, and a page is either an
// article with enough text or an EINVALID error.
func FuzzExtractArticle(f *testing.F) {
	addPageSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		a, err := fetch.ExtractArticle(body, contentType, "https://example.org/a")
		if err != nil {
			if farsight.ErrorCode(err) != farsight.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			return
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatalf("invalid UTF-8: %q %q", a.Title, a.Text)
		}
		if err := a.Report().Validate(); err != nil && len(a.Text) <= farsight.MaxReportTextBytes {
			t.Fatalf("article report invalid: %v", err)
		}
	})
}

// FuzzDecode checks that any body in any declared charset decodes to
// valid UTF-8 without a byte-order mark, and that valid UTF-8 without a
// byte-order mark or UTF-16 declaration comes back unchanged.
func FuzzDecode(f *testing.F) {
	addPageSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		text, enc := fetch.Decode(body, contentType)
		if !utf8.ValidString(text) || strings.HasPrefix(text, "\uFEFF") || enc == "" {
			t.Fatalf("got %q in %q", text, enc)
		}
		if utf8.Valid(body) && enc == "utf-8" && !strings.HasPrefix(string(body), "\uFEFF") && text != string(body) {
			t.Fatalf("valid UTF-8 changed: %q → %q", body, text)
		}
	})
}
