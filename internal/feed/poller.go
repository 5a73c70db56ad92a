package feed

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fetch"
)

// IngestFunc stores and processes a batch of reports, as
// pipeline.Pipeline.Process does. An error means the batch may not have
// been stored: the items stay unseen and are taken again next time.
type IngestFunc func(ctx context.Context, rs []*farsight.Report) error

// Result is what one poll of one feed did.
type Result struct {
	Feed *farsight.Feed
	// NotModified is set when the server said the feed had not changed.
	NotModified bool
	// Items counts the entries of the feed document; New the new ones
	// handed to ingest as reports.
	Items, New int
	// PageErrors counts new items whose article page could not be read:
	// their text is the feed's content or description instead.
	PageErrors int
	// Skipped counts new items with no text at all, marked seen without a
	// report.
	Skipped int
	// Err is why the poll failed; nothing was marked seen then.
	Err error
	// ETag and LastModified are the validators to send next time.
	ETag, LastModified string
	// Seen are the keys of the items taken.
	Seen []string
	// Duration is how long the poll took.
	Duration time.Duration
}

// Poller polls one feed at a time.
type Poller struct {
	Feeds   farsight.FeedService
	Fetcher *fetch.Client
	Ingest  IngestFunc
	Logger  *slog.Logger
	// ItemWorkers is the number of article pages of one feed fetched at
	// once (the fetcher still keeps one request at a time per host);
	// 0 means 4.
	ItemWorkers int
	// MaxItems caps the new items taken in one poll; the rest are taken
	// by later polls. 0 means 100.
	MaxItems int
	// Now returns the current time; nil means time.Now.
	Now func() time.Time

	// pending counts new items whose pages are not yet fetched.
	pending atomic.Int64
}

// Pending returns the number of new items waiting for their article page.
func (p *Poller) Pending() int { return int(p.pending.Load()) }

// Poll reads feed f: a conditional GET with its validators, the new items
// (by key), each item's article page (falling back to the item's own
// text), and one call of Ingest with their reports. It does not record
// anything in Feeds; the result says what to record.
func (p *Poller) Poll(ctx context.Context, f *farsight.Feed) Result {
	res, reports := p.Collect(ctx, f)
	return p.ingest(ctx, res, reports)
}

// Collect does what Poll does but the ingest: it returns the reports of
// the new items, and Seen holds their keys for after they are ingested.
func (p *Poller) Collect(ctx context.Context, f *farsight.Feed) (res Result, batch []*farsight.Report) {
	start := time.Now()
	res = Result{Feed: f, ETag: f.ETag, LastModified: f.LastModified}
	defer func() {
		res.Duration = time.Since(start)
	}()
	resp, err := p.Fetcher.Get(ctx, f.URL, fetch.Validators{ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		res.Err = err
		return res, nil
	}
	res.ETag, res.LastModified = resp.ETag, resp.LastModified
	if resp.NotModified {
		res.NotModified = true
		return res, nil
	}
	doc, err := Parse(resp.Body)
	if err != nil {
		res.Err = fmt.Errorf("%s: %w", f.URL, err)
		return res, nil
	}
	res.Items = len(doc.Items)
	byKey := make(map[string]Item, len(doc.Items))
	keys := make([]string, 0, len(doc.Items))
	for _, it := range doc.Items {
		if _, ok := byKey[it.Key]; !ok {
			byKey[it.Key] = it
			keys = append(keys, it.Key)
		}
	}
	unseen, err := p.Feeds.UnseenFeedItems(ctx, f.ID, keys)
	if err != nil {
		res.Err = fmt.Errorf("find seen items: %w", err)
		return res, nil
	}
	if limit := p.maxItems(); len(unseen) > limit {
		unseen = unseen[:limit]
	}
	items := make([]Item, len(unseen))
	for i, k := range unseen {
		items[i] = byKey[k]
	}

	reports, pageErrors, err := p.reports(ctx, f, items)
	if err != nil {
		res.Err = err
		return res, nil
	}
	res.PageErrors = pageErrors
	for _, r := range reports {
		if r == nil {
			res.Skipped++
			continue
		}
		batch = append(batch, r)
	}
	res.Seen = unseen
	return res, batch
}

// ingest hands a collected poll's reports to Ingest and completes its
// result: New on success, Err and no Seen on failure.
func (p *Poller) ingest(ctx context.Context, res Result, batch []*farsight.Report) Result {
	if res.Err != nil || len(batch) == 0 {
		return res
	}
	start := time.Now()
	if err := p.Ingest(ctx, batch); err != nil {
		res.Err = fmt.Errorf("ingest: %w", err)
		res.Seen = nil
		return res
	}
	res.New = len(batch)
	res.Duration += time.Since(start)
	return res
}

// reports builds the report of each item, nil for an item without text,
// fetching article pages on up to ItemWorkers goroutines.
func (p *Poller) reports(ctx context.Context, f *farsight.Feed, items []Item) ([]*farsight.Report, int, error) {
	out := make([]*farsight.Report, len(items))
	var pageErrors atomic.Int64
	p.pending.Add(int64(len(items)))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(p.itemWorkers(), len(items)) {
		wg.Go(func() {
			for i := range next {
				r, pageErr := p.report(ctx, f, items[i])
				p.pending.Add(-1)
				if pageErr {
					pageErrors.Add(1)
				}
				out[i] = r
			}
		})
	}
	sent := 0
	for i := range items {
		select {
		case next <- i:
			sent++
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(next)
	wg.Wait()
	p.pending.Add(-int64(len(items) - sent))
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	return out, int(pageErrors.Load()), nil
}

// report builds one item's report from its article page, or from the
// item's own text when the page cannot be read or has no text. It returns
// nil when neither has text, and whether the page failed.
func (p *Poller) report(ctx context.Context, f *farsight.Feed, it Item) (*farsight.Report, bool) {
	r := &farsight.Report{
		ExternalID: it.Key,
		SourceID:   f.SourceID,
		SourceName: f.Name,
		SourceKind: f.Kind,
		Title:      it.Title,
		URL:        it.Link,
		Published:  it.Published,
		FetchedAt:  p.now().UTC(),
	}
	pageErr := false
	if it.Link != "" {
		a, err := p.Fetcher.FetchArticle(ctx, it.Link)
		if err == nil {
			r.Text = a.Text
			if a.Title != "" {
				r.Title = a.Title
			}
			// The page's own metadata is the better date; the feed's
			// comes next, a date guessed from the page last.
			switch {
			case !a.Published.IsZero():
				r.Published = a.Published
			case r.Published.IsZero():
				r.Published = a.DateGuess
			}
		} else {
			pageErr = true
			p.logger().Info("article page not read; using the feed's text",
				slog.Int64("feed_id", f.ID), slog.String("url", it.Link), slog.String("error", farsight.ErrorMessage(err)))
		}
	}
	if r.Text == "" {
		r.Text = it.Text
	}
	if !hasLetters(r.Text) {
		return nil, pageErr
	}
	if err := r.Validate(); err != nil {
		p.logger().Warn("feed item not stored", slog.Int64("feed_id", f.ID), slog.String("item", it.Key), slog.String("error", farsight.ErrorMessage(err)))
		return nil, pageErr
	}
	return r, pageErr
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func (p *Poller) itemWorkers() int {
	if p.ItemWorkers <= 0 {
		return 4
	}
	return p.ItemWorkers
}

func (p *Poller) maxItems() int {
	if p.MaxItems <= 0 {
		return 100
	}
	return p.MaxItems
}

func (p *Poller) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return p.Logger
}
