package feed_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/feed"
	"github.com/google/go-cmp/cmp"
)

func readFeed(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return []byte(strings.ReplaceAll(string(b), "{{base}}", "https://example.org"))
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		file  string
		title string
		items []feed.Item
	}{
		{"rss.xml", "Example Post — War in Ukraine", []feed.Item{
			{Key: "example-post-1001", Title: "Ukrainian drones hit Caspian Flotilla ships in Kaspiysk", Link: "https://example.org/a/kaspiysk",
				Text: "Ukrainian drones struck two missile ships in Kaspiysk, intelligence says.", Published: time.Date(2024, 11, 6, 13, 0, 0, 0, time.UTC)},
			{Key: "example-post-1002", Title: "Explosions reported at Novorossiysk naval base", Link: "https://example.org/broken/novorossiysk",
				Text:      "Residents of Novorossiysk reported explosions near the naval base overnight.\n\nThe Russian defence ministry said naval drones were destroyed.",
				Published: time.Date(2024, 11, 6, 9, 30, 0, 0, time.UTC)},
			{Key: "https://example.org/empty/belgorod", Title: "Air defence active over Belgorod", Link: "https://example.org/empty/belgorod",
				Text: "The governor of Belgorod region said air defences shot down several drones over the city on Tuesday evening.", Published: time.Date(2024, 11, 5, 22, 10, 0, 0, time.UTC)},
			{Key: "example-post-1004", Title: "Photo gallery", Link: "https://example.org/gone/gallery", Published: time.Date(2024, 11, 5, 20, 0, 0, 0, time.UTC)},
		}},
		{"atom.xml", "Приклад Новини", []feed.Item{
			{Key: "urn:example:uk:123", Title: "Дрони уразили кораблі Каспійської флотилії", Link: "https://example.org/a/uk-kaspiysk",
				Text: "У ніч на 6 листопада українські безпілотники атакували порт Каспійськ.", Published: time.Date(2024, 11, 6, 8, 15, 0, 0, time.UTC)},
			{Key: "urn:example:uk:124", Title: "Вибухи в Севастополі", Link: "https://example.org/a/uk-sevastopol",
				Text: "Мешканці Севастополя повідомили про вибухи.", Published: time.Date(2024, 11, 5, 21, 40, 0, 0, time.UTC)},
		}},
		{"feed.json", "OSINT notes", []feed.Item{
			{Key: "note-7", Title: "Geolocated footage: Kaspiysk port", Link: "https://example.org/a/osint-7",
				Text: "Footage of the strike on Kaspiysk port was geolocated to the naval pier.", Published: time.Date(2024, 11, 6, 15, 0, 0, 0, time.UTC)},
		}},
		{"rss_cp1251.xml", "Новини", []feed.Item{
			{Key: "cp-1", Title: "Удар по Каспійську", Link: "https://example.org/1", Text: "Безпілотники атакували порт.", Published: time.Date(2024, 11, 6, 6, 0, 0, 0, time.UTC)},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := feed.Parse(readFeed(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tc.title {
				t.Errorf("got title %q, want %q", doc.Title, tc.title)
			}
			if diff := cmp.Diff(tc.items, doc.Items, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		msg  string
	}{
		{"malformed", string(readFeed(t, "malformed.xml")), "malformed feed"},
		{"html page", "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>", "not an RSS, Atom or JSON feed"},
		{"empty", " \n", "empty feed document"},
		{"truncated json", `{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": `, "malformed feed"},
		{"binary", "\x00\x01\x02\xff", "not an RSS, Atom or JSON feed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := feed.Parse([]byte(tc.body))
			if farsight.ErrorCode(err) != farsight.EINVALID || doc != nil || !strings.Contains(farsight.ErrorMessage(err), tc.msg) {
				t.Fatalf("got %v, %v; want EINVALID %q", doc, err, tc.msg)
			}
		})
	}
}

// FuzzParse feeds arbitrary documents to the feed parser: no panic, an
// EINVALID error or items with keys and valid UTF-8 text.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "malformed.xml", "rss_cp1251.xml"} {
		f.Add(readFeed(f, name))
	}
	f.Add([]byte(`<rss><channel><item><guid></guid><link></link><description>&lt;p&gt;x</description></item></channel></rss>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_text":"text"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := feed.Parse(body)
		if err != nil {
			if farsight.ErrorCode(err) != farsight.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			return
		}
		for _, it := range doc.Items {
			if it.Key == "" {
				t.Fatalf("item without key: %+v", it)
			}
			if !utf8.ValidString(it.Text) || !utf8.ValidString(it.Title) {
				t.Fatalf("invalid UTF-8 in %+v", it)
			}
		}
	})
}
