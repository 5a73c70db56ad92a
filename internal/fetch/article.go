package fetch

import (
	"context"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/farsight-osint/farsight"
	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MinArticleLetters is the least number of letters an article's main text
// must have; a page with less has no text to report.
const MinArticleLetters = 20

// Article is the main text of a web page and what its metadata says.
type Article struct {
	// URL is the page's URL (after redirects).
	URL   string
	Title string
	// Text is the main text, paragraphs separated by blank lines.
	Text string
	// SiteName is the publisher's name from the page, else its host.
	SiteName string
	// Published is the publication time the page's metadata gives (meta
	// tags, JSON-LD, microdata); zero when it gives none.
	Published time.Time
	// DateGuess is a publication date found elsewhere (the URL, dates in
	// the page), at day precision; zero when none is found.
	DateGuess time.Time
	// Encoding is the character encoding the page was read in.
	Encoding string
}

// Report returns the article as a report of its site, published at its
// metadata's time, else at the guessed date.
func (a *Article) Report() *farsight.Report {
	r := &farsight.Report{
		SourceName: a.SiteName,
		Title:      a.Title,
		Text:       a.Text,
		URL:        a.URL,
		Published:  a.Published,
	}
	if r.Published.IsZero() {
		r.Published = a.DateGuess
	}
	return r
}

// Article fetches the page at rawURL and returns its main text as a
// report (see FetchArticle).
func (c *Client) Article(ctx context.Context, rawURL string) (*farsight.Report, error) {
	a, fetchedAt, err := c.fetchArticle(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	r := a.Report()
	r.FetchedAt = fetchedAt
	return r, nil
}

// FetchArticle fetches the page at rawURL and extracts its article. It
// returns Get's errors, and EINVALID for a page that is not HTML or text
// or has no main text.
func (c *Client) FetchArticle(ctx context.Context, rawURL string) (*Article, error) {
	a, _, err := c.fetchArticle(ctx, rawURL)
	return a, err
}

func (c *Client) fetchArticle(ctx context.Context, rawURL string) (*Article, time.Time, error) {
	resp, err := c.Get(ctx, rawURL, Validators{})
	if err != nil {
		return nil, time.Time{}, err
	}
	a, err := ExtractArticle(resp.Body, resp.ContentType, resp.URL)
	if err != nil {
		return nil, time.Time{}, err
	}
	return a, resp.FetchedAt, nil
}

// ExtractArticle extracts the article of a page: body as fetched, with the
// Content-Type it was served with, from pageURL. HTML goes through
// go-trafilatura (main text, title, site name) after Decode; plain text is
// taken whole. It returns EINVALID for other content types and for a page
// without main text (fewer than MinArticleLetters letters).
func ExtractArticle(body []byte, contentType, pageURL string) (a *Article, err error) {
	media, _, _ := mime.ParseMediaType(contentType)
	text, enc := Decode(body, contentType)
	a = &Article{URL: pageURL, Encoding: enc}
	u, _ := url.Parse(pageURL)
	if u != nil {
		a.SiteName = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	switch {
	case media == "text/plain":
		a.Text = cleanText(text)
	case media == "" || media == "text/html" || media == "application/xhtml+xml":
		if err := extractHTML(a, text, u); err != nil {
			return nil, err
		}
	default:
		return nil, farsight.Errorf(farsight.EINVALID, "%s: not a web page (%s)", pageURL, media)
	}
	if letters(a.Text)-titleLetters(a) < MinArticleLetters {
		return nil, farsight.Errorf(farsight.EINVALID, "%s: no article text found on the page", pageURL)
	}
	return a, nil
}

// extractOptions are trafilatura's options: main text with the fallback
// extractors, no comments, no date search (dates are read here).
var extractOptions = trafilatura.Options{
	EnableFallback:  true,
	ExcludeComments: true,
	HtmlDateMode:    trafilatura.Disabled,
}

func extractHTML(a *Article, page string, u *url.URL) (err error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return farsight.Errorf(farsight.EINVALID, "%s: not readable as HTML: %v", a.URL, err)
	}
	a.Published = metaPublished(doc)
	if a.Published.IsZero() {
		a.DateGuess = guessDate(doc, a.URL)
	}
	// A parser bug must not take the process down with it: the page is
	// hostile input.
	defer func() {
		if r := recover(); r != nil {
			err = farsight.Errorf(farsight.EINVALID, "%s: the page could not be read (%v)", a.URL, r)
		}
	}()
	opts := extractOptions
	opts.OriginalURL = u
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return farsight.Errorf(farsight.EINVALID, "%s: no article text found on the page", a.URL)
	}
	a.Text = cleanText(nodeText(res.ContentNode))
	if a.Text == "" {
		a.Text = cleanText(res.ContentText)
	}
	a.Title = strings.TrimSpace(res.Metadata.Title)
	if res.Metadata.Sitename != "" {
		a.SiteName = strings.TrimSpace(res.Metadata.Sitename)
	}
	return nil
}

// guessDate looks for a publication date in the URL and the page the way
// go-htmldate does without its slow search, at day precision.
func guessDate(doc *html.Node, pageURL string) (t time.Time) {
	defer func() {
		if recover() != nil {
			t = time.Time{}
		}
	}()
	res, err := htmldate.FromDocument(doc, htmldate.Options{UseOriginalDate: true, SkipExtensiveSearch: true, URL: pageURL})
	if err != nil || res.IsZero() {
		return time.Time{}
	}
	d := res.DateTime
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// publishedKeys are the meta names and properties that carry a page's
// publication time, best first.
var publishedKeys = []string{
	"article:published_time", "og:article:published_time", "og:published_time",
	"datepublished", "article.published", "published_time", "publish-date", "publishdate",
	"pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
	"dc.date", "dcterms.date", "dcterms.created", "date",
}

var jsonLDPublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{8,40})"`)

// metaPublished returns the publication time from the page's metadata:
// meta tags, microdata (itemprop="datePublished"), JSON-LD and
// <time pubdate>; zero when none parses.
func metaPublished(doc *html.Node) time.Time {
	found := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(firstAttr(n, "property", "name", "itemprop"))
				if v := attr(n, "content"); key != "" && v != "" {
					if _, ok := found[key]; !ok {
						found[key] = v
					}
				}
			case atom.Script:
				if strings.Contains(attr(n, "type"), "ld+json") && n.FirstChild != nil {
					if m := jsonLDPublished.FindStringSubmatch(n.FirstChild.Data); m != nil {
						if _, ok := found["json-ld"]; !ok {
							found["json-ld"] = m[1]
						}
					}
				}
			case atom.Time:
				if hasAttr(n, "pubdate") {
					found["time-pubdate"] = attr(n, "datetime")
				}
			}
			if n.DataAtom != atom.Meta && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
				if v := firstAttr(n, "datetime", "content"); v != "" {
					found["itemprop"] = v
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, k := range append([]string{publishedKeys[0], "json-ld", "itemprop"}, append(publishedKeys[1:], "time-pubdate")...) {
		if t, ok := parseDate(found[k]); ok {
			return t
		}
	}
	return time.Time{}
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"20060102",
}

// parseDate parses a metadata date; times without a zone are taken as UTC.
// Dates before 1990 or more than a day in the future (as now) are refused.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1990 || t.After(time.Now().Add(24*time.Hour)) {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func firstAttr(n *html.Node, keys ...string) string {
	for _, k := range keys {
		if v := attr(n, k); v != "" {
			return v
		}
	}
	return ""
}

// blocks are the elements that end a paragraph of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Pre: true,
	atom.Table: true, atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Figure: true, atom.Figcaption: true, atom.Dd: true, atom.Dt: true, atom.Dl: true,
	atom.Hr: true, atom.Main: true, atom.Aside: true, atom.Details: true, atom.Summary: true, atom.Caption: true,
}

// HTMLText returns the text of an HTML fragment, such as a feed item's
// content, with a blank line between paragraphs. Plain text comes back
// with its white space tidied.
func HTMLText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return cleanText(fragment)
	}
	context := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), context)
	if err != nil {
		return cleanText(fragment)
	}
	for _, n := range nodes {
		context.AppendChild(n)
	}
	return cleanText(nodeText(context))
}

// nodeText returns the text of n with a blank line between blocks and a
// line break for <br>.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Br:
				b.WriteString("\n")
				return
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Td, atom.Th:
				b.WriteString(" ")
			}
		}
		block := n.Type == html.ElementNode && blocks[n.DataAtom]
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	return b.String()
}

// cleanText collapses runs of white space within lines, trims the lines and
// leaves at most one blank line between paragraphs.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// titleLetters returns the letters of the paragraphs of a's text that only
// repeat its title: a page whose text is its title has no text.
func titleLetters(a *Article) int {
	if a.Title == "" {
		return 0
	}
	n := 0
	for _, p := range strings.Split(a.Text, "\n\n") {
		if strings.EqualFold(p, a.Title) {
			n += letters(p)
		}
	}
	return n
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
