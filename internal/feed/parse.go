// Package feed polls RSS, Atom and JSON feeds for reports: a Poller reads
// one feed (conditional GET, parse, new items, their article pages) and
// hands the reports to an ingest function; a Scheduler polls the feeds
// that are due, a few at a time, with backoff for the ones that fail, and
// records each feed's health.
package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fetch"
)

// Item is one entry of a feed.
type Item struct {
	// Key identifies the item within its feed: its GUID, else its link,
	// else a hash of its title and text.
	Key   string
	Title string
	Link  string
	// Text is the item's content, else its description, as plain text.
	Text string
	// Published is the item's publication time, else its update time;
	// zero when it has neither.
	Published time.Time
}

// Document is a parsed feed.
type Document struct {
	Title string
	Items []Item
}

// Parse parses an RSS, Atom or JSON feed. It returns EINVALID for a body
// that is not a feed or is malformed.
func Parse(body []byte) (doc *Document, err error) {
	// The parser is third-party code on hostile input.
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, farsight.Errorf(farsight.EINVALID, "malformed feed (%v)", r)
		}
	}()
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, farsight.Errorf(farsight.EINVALID, "empty feed document")
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return nil, farsight.Errorf(farsight.EINVALID, "not an RSS, Atom or JSON feed")
	} else if err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "malformed feed: %s", oneLine(err.Error()))
	}
	doc = &Document{Title: strings.TrimSpace(f.Title)}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		item := Item{
			Title: strings.TrimSpace(fetch.HTMLText(it.Title)),
			Link:  strings.TrimSpace(it.Link),
		}
		if item.Link == "" && len(it.Links) > 0 {
			item.Link = strings.TrimSpace(it.Links[0])
		}
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		item.Text = fetch.HTMLText(content)
		switch {
		case it.PublishedParsed != nil:
			item.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			item.Published = *it.UpdatedParsed
		}
		item.Key = strings.TrimSpace(it.GUID)
		if item.Key == "" {
			item.Key = item.Link
		}
		if item.Key == "" {
			sum := sha256.Sum256([]byte(item.Title + "\n" + item.Text))
			item.Key = "sha256:" + hex.EncodeToString(sum[:])
		}
		doc.Items = append(doc.Items, item)
	}
	return doc, nil
}

func oneLine(s string) string {
	return farsight.Excerpt(strings.Join(strings.Fields(s), " "), 200)
}
