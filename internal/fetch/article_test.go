package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fetch"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustEncode(tb testing.TB, enc encoding.Encoding, s string) []byte {
	tb.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	const uk = "Українські дрони атакували порт Каспійськ у Дагестані, повідомила розвідка."
	const ru = "Глава Дагестана сообщил, что атака беспилотников на Каспийск отражена."
	const fr = "Le café était fermé à Sébastopol, a-t-on appris."
	page := func(head, text string) string {
		return "<html><head>" + head + "<title>t</title></head><body><p>" + text + "</p></body></html>"
	}
	for _, tc := range []struct {
		name        string
		body        []byte
		contentType string
		wantEnc     string
		want        string
	}{
		{"utf-8 undeclared", []byte(page("", uk)), "text/html", "utf-8", uk},
		{"windows-1251 in header", mustEncode(t, charmap.Windows1251, page("", uk)), "text/html; charset=windows-1251", "windows-1251", uk},
		{"windows-1251 in meta", mustEncode(t, charmap.Windows1251, page(`<meta charset="windows-1251">`, uk)), "text/html", "windows-1251", uk},
		{"cp1251 label in http-equiv", mustEncode(t, charmap.Windows1251, page(`<meta http-equiv="Content-Type" content="text/html; charset=cp1251">`, ru)), "", "windows-1251", ru},
		{"koi8-r in meta", mustEncode(t, charmap.KOI8R, page(`<meta charset=koi8-r>`, ru)), "text/html", "koi8-r", ru},
		{"koi8-u in header", mustEncode(t, charmap.KOI8U, page("", uk)), "text/html; charset=KOI8-U", "koi8-u", uk},
		{"windows-1251 undeclared", mustEncode(t, charmap.Windows1251, page("", uk)), "text/html", "windows-1251", uk},
		{"koi8-r undeclared", mustEncode(t, charmap.KOI8R, page("", ru)), "text/html", "koi8-u", ru},
		{"windows-1251 declared utf-8", mustEncode(t, charmap.Windows1251, page(`<meta charset="utf-8">`, ru)), "text/html; charset=utf-8", "windows-1251", ru},
		{"utf-8 declared windows-1251", []byte(page(`<meta charset="windows-1251">`, uk)), "text/html; charset=windows-1251", "utf-8", uk},
		{"latin-1 undeclared", mustEncode(t, charmap.Windows1252, page("", fr)), "text/html", "windows-1252", fr},
		{"utf-8 byte-order mark", append([]byte("\xef\xbb\xbf"), page("", ru)...), "text/html; charset=windows-1251", "utf-8", ru},
		{"utf-16le byte-order mark", mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page("", uk)), "text/html", "utf-16le", uk},
		{"xml declaration", mustEncode(t, charmap.Windows1251, `<?xml version="1.0" encoding="windows-1251"?>`+page("", uk)), "application/xhtml+xml", "windows-1251", uk},
		{"unknown label", mustEncode(t, charmap.Windows1251, page(`<meta charset="x-klingon">`, uk)), "text/html; charset=bogus", "windows-1251", uk},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, enc := fetch.Decode(tc.body, tc.contentType)
			if enc != tc.wantEnc {
				t.Errorf("got encoding %q, want %q", enc, tc.wantEnc)
			}
			if !strings.Contains(got, "<p>"+tc.want+"</p>") {
				t.Errorf("got %q, want it to hold %q", got, tc.want)
			}
			if strings.HasPrefix(got, "\uFEFF") || !utf8.ValidString(got) {
				t.Errorf("got a byte-order mark or invalid UTF-8: %q", got[:min(20, len(got))])
			}
		})
	}
}

func TestExtractArticle(t *testing.T) {
	kyiv := time.FixedZone("", 2*3600)
	for _, tc := range []struct {
		file, contentType, url string
		title                  string
		site                   string
		published              time.Time
		text                   []string // paragraphs the text holds
		notText                []string
	}{
		{
			file: "kaspiysk_en.html", contentType: "text/html; charset=utf-8", url: "https://news.example.org/world/kaspiysk",
			title: "Ukrainian drones hit Caspian Flotilla ships in Kaspiysk, intelligence says", site: "Example Post",
			published: time.Date(2024, 11, 6, 14, 35, 0, 0, kyiv),
			text: []string{
				"Ukrainian drones struck two missile ships of Russia's Caspian Flotilla in the port of Kaspiysk in the Republic of Dagestan early on Wednesday, Ukraine's military intelligence agency (HUR) said.",
				"which took place nearly 930 miles from Ukraine's borders. The claim has yet to be verified independently.",
			},
			notText: []string{"Subscribe", "All rights reserved", "Privacy"},
		},
		{
			// windows-1251 declared in http-equiv only.
			file: "kaspiysk_uk_cp1251.html", contentType: "text/html", url: "https://uk.example.org/news/123",
			title: "Дрони уразили кораблі Каспійської флотилії", site: "Приклад Новини",
			published: time.Date(2024, 11, 6, 10, 15, 0, 0, kyiv),
			text: []string{
				"У ніч на 6 листопада українські безпілотники атакували порт Каспійськ у Дагестані.",
				"Каспійськ розташований понад 1000 км від кордону України.",
			},
		},
		{
			// KOI8-R declared in <meta charset>, the header says nothing.
			file: "kaspiysk_ru_koi8r.html", contentType: "text/html", url: "https://ru.example.org/2024/11/06/kaspiysk.html",
			title: "Беспилотники атаковали Каспийск", site: "ru.example.org",
			// No metadata date: the URL's.
			published: time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC),
			text: []string{
				"В среду утром глава Дагестана Сергей Меликов сообщил, что средства противовоздушной обороны отразили атаку беспилотников на Каспийск.",
				"Министерство обороны России не комментировало сообщения об ударе по кораблям Каспийской флотилии.",
			},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			a, err := fetch.ExtractArticle(mustRead(t, "testdata/"+tc.file), tc.contentType, tc.url)
			if err != nil {
				t.Fatal(err)
			}
			r := a.Report()
			if r.Title != tc.title || r.SourceName != tc.site || r.URL != tc.url || !r.Published.Equal(tc.published) {
				t.Errorf("got title %q, site %q, url %q, published %v; want %q, %q, %q, %v", r.Title, r.SourceName, r.URL, r.Published, tc.title, tc.site, tc.url, tc.published)
			}
			for _, p := range tc.text {
				if !strings.Contains(r.Text, p) {
					t.Errorf("text lacks %q:\n%s", p, r.Text)
				}
			}
			for _, p := range tc.notText {
				if strings.Contains(r.Text, p) {
					t.Errorf("text holds boilerplate %q:\n%s", p, r.Text)
				}
			}
			if !strings.Contains(r.Text, ".\n\n") {
				t.Errorf("paragraphs are not separated by blank lines:\n%s", r.Text)
			}
			if err := r.Validate(); err != nil {
				t.Errorf("report does not validate: %v", err)
			}
		})
	}
}

func TestExtractArticleBad(t *testing.T) {
	for _, tc := range []struct {
		name, body, contentType string
	}{
		{"no text", string(mustRead(t, "testdata/notext.html")), "text/html"},
		{"empty", "", "text/html"},
		{"only a title", "<html><head><title>Breaking news about the drone strike</title></head><body></body></html>", "text/html"},
		{"script only", "<html><body><script>document.write('Ukrainian drones struck two missile ships')</script></body></html>", "text/html"},
		{"not a page", "%PDF-1.7 binary", "application/pdf"},
		{"image", "\x89PNG\r\n", "image/png"},
		{"empty text", "   \n ", "text/plain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := fetch.ExtractArticle([]byte(tc.body), tc.contentType, "https://example.org/x")
			if farsight.ErrorCode(err) != farsight.EINVALID || a != nil {
				t.Fatalf("got %v, %v, want EINVALID", a, err)
			}
			if msg := farsight.ErrorMessage(err); !strings.Contains(msg, "https://example.org/x") {
				t.Fatalf("message %q does not name the page", msg)
			}
		})
	}
	a, err := fetch.ExtractArticle([]byte("Вибухи в Одесі: уражено портову інфраструктуру."), "text/plain; charset=utf-8", "https://example.org/t.txt")
	if err != nil || a.Text != "Вибухи в Одесі: уражено портову інфраструктуру." {
		t.Fatalf("plain text: got %+v, %v", a, err)
	}
}

// TestArticle fetches a windows-1251 page whose charset only the header
// names and that has no date of its own.
func TestArticle(t *testing.T) {
	page := strings.Replace(string(mustRead(t, "testdata/kaspiysk_uk_cp1251.html")), `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, "", 1)
	page = strings.Replace(page, `<meta name="pubdate" content="2024-11-06T10:15:00+02:00">`, "", 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/empty" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(mustRead(t, "testdata/notext.html"))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	now := time.Date(2024, 11, 7, 9, 0, 0, 0, time.UTC)
	c := newClient(t, fetch.Options{Now: func() time.Time { return now }}, srv)
	r, err := c.Article(context.Background(), srv.URL+"/news/2024/11/06/strike")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "українські безпілотники атакували порт Каспійськ") || !r.FetchedAt.Equal(now) {
		t.Fatalf("got text %q fetched %v", r.Text, r.FetchedAt)
	}
	if want := time.Date(2024, 11, 6, 0, 0, 0, 0, time.UTC); !r.Published.Equal(want) {
		t.Fatalf("got published %v, want the URL's date %v", r.Published, want)
	}
	if _, err := c.Article(context.Background(), srv.URL+"/empty"); farsight.ErrorCode(err) != farsight.EINVALID || !strings.Contains(err.Error(), "no article text") {
		t.Fatalf("empty page: got %v, want EINVALID no article text", err)
	}
}
