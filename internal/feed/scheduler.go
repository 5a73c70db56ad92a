package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/fetch"
)

// Defaults of Options.
const (
	DefaultInterval   = 30 * time.Minute
	DefaultMinBackoff = time.Minute
	DefaultMaxBackoff = 6 * time.Hour
	DefaultWorkers    = 8
	DefaultTick       = 30 * time.Second
)

// Options configure a Scheduler. Zero values take the defaults.
type Options struct {
	// Interval is the time between two polls of a healthy feed.
	Interval time.Duration
	// MinBackoff is the wait after a feed's first failed poll; it doubles
	// with each further failure up to MaxBackoff, and a success resets it.
	MinBackoff, MaxBackoff time.Duration
	// Workers is the number of feeds polled at once.
	Workers int
	// ItemWorkers and MaxItems are passed to the Poller.
	ItemWorkers, MaxItems int
	// Tick is how often Run looks for due feeds.
	Tick   time.Duration
	Logger *slog.Logger
	// Now returns the current time; Rand a number in [0, 1) for jitter.
	Now  func() time.Time
	Rand func() float64
	// OnPolled, when set, is called with each feed's result once it is
	// recorded, from the polling goroutines (for progress and metrics).
	OnPolled func(Result)
}

// Scheduler polls the feeds that are due, Workers at a time, and records
// each poll's outcome: a feed that fails waits longer each time (backoff
// with jitter), a healthy one waits Interval; one feed's failure never
// stops the others. The ingest function is called one batch at a time
// (the store merges each batch into the events stored so far); the
// reports of feeds that finish while a batch is being ingested go
// together in the next one.
type Scheduler struct {
	feeds  farsight.FeedService
	poller *Poller
	opts   Options
	sem    chan struct{}

	batches *batcher

	mu       sync.Mutex
	inFlight map[int64]bool
	// waiting counts claimed feeds not yet polling.
	waiting atomic.Int64
}

// NewScheduler returns a Scheduler of the feeds in feeds, fetching with
// fetcher and handing new reports to ingest.
func NewScheduler(feeds farsight.FeedService, fetcher *fetch.Client, ingest IngestFunc, opts Options) *Scheduler {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = DefaultMinBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	opts.MaxBackoff = max(opts.MaxBackoff, opts.MinBackoff)
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.Tick <= 0 {
		opts.Tick = DefaultTick
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Rand == nil {
		opts.Rand = rand.Float64
	}
	s := &Scheduler{
		feeds:    feeds,
		opts:     opts,
		sem:      make(chan struct{}, opts.Workers),
		inFlight: map[int64]bool{},
	}
	s.batches = &batcher{ingest: ingest, maxReports: 1000}
	s.poller = &Poller{
		Feeds:       feeds,
		Fetcher:     fetcher,
		Logger:      opts.Logger,
		ItemWorkers: opts.ItemWorkers,
		MaxItems:    opts.MaxItems,
		Now:         opts.Now,
		Ingest:      s.batches.Ingest,
	}
	return s
}

// Run polls due feeds every Tick until ctx ends, then waits for the polls
// under way and returns nil. A feed still being polled is not started
// again.
func (s *Scheduler) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer s.batches.wait()
	defer wg.Wait()
	tick := time.NewTicker(s.opts.Tick)
	defer tick.Stop()
	for {
		now := s.opts.Now()
		due, err := s.feeds.FindFeeds(ctx, farsight.FeedFilter{DueBy: &now})
		if err != nil && ctx.Err() == nil {
			s.opts.Logger.Error("find due feeds", slog.String("error", err.Error()))
		}
		if len(due) > 0 {
			wg.Go(func() { s.Poll(ctx, due) })
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// PollOnce polls the feeds due now and returns their results.
func (s *Scheduler) PollOnce(ctx context.Context) ([]Result, error) {
	now := s.opts.Now()
	due, err := s.feeds.FindFeeds(ctx, farsight.FeedFilter{DueBy: &now})
	if err != nil {
		return nil, fmt.Errorf("find due feeds: %w", err)
	}
	return s.Poll(ctx, due), nil
}

// ErrInFlight is the result error of a feed that was already being polled.
var ErrInFlight = errors.New("already being polled")

// Poll polls feeds, Workers at a time, records each outcome and returns
// the results in the order of feeds.
func (s *Scheduler) Poll(ctx context.Context, feeds []*farsight.Feed) []Result {
	results := make([]Result, len(feeds))
	var wg sync.WaitGroup
	for i, f := range feeds {
		if !s.claim(f.ID) {
			results[i] = Result{Feed: f, Err: ErrInFlight}
			continue
		}
		s.waiting.Add(1)
		wg.Go(func() {
			defer s.release(f.ID)
			results[i] = s.pollFeed(ctx, f)
		})
	}
	wg.Wait()
	return results
}

// QueueDepth returns the work waiting: feeds due and waiting for a
// worker, new items waiting for their article page, and reports waiting
// to be ingested.
func (s *Scheduler) QueueDepth() int {
	return int(s.waiting.Load()) + s.poller.Pending() + s.batches.queued()
}

func (s *Scheduler) claim(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight[id] {
		return false
	}
	s.inFlight[id] = true
	return true
}

func (s *Scheduler) release(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.inFlight, id)
}

// pollFeed polls one feed, a worker slot held while fetching (not while
// its reports wait to be ingested), and records the outcome; a panic in
// the poll is that feed's error.
func (s *Scheduler) pollFeed(ctx context.Context, f *farsight.Feed) (res Result) {
	select {
	case s.sem <- struct{}{}:
		s.waiting.Add(-1)
	case <-ctx.Done():
		s.waiting.Add(-1)
		return Result{Feed: f, Err: ctx.Err()}
	}
	var batch []*farsight.Report
	func() {
		defer func() { <-s.sem }()
		defer func() {
			if r := recover(); r != nil {
				res, batch = Result{Feed: f, ETag: f.ETag, LastModified: f.LastModified, Err: fmt.Errorf("poll panicked: %v", r)}, nil
			}
		}()
		res, batch = s.poller.Collect(ctx, f)
	}()
	res = s.poller.ingest(ctx, res, batch)
	if ctx.Err() != nil {
		// Shutting down: the feed is polled again at the next start.
		return res
	}
	now := s.opts.Now()
	p := farsight.FeedPoll{At: now}
	log := s.opts.Logger.With(slog.Int64("feed_id", f.ID), slog.String("feed_url", f.URL))
	if res.Err != nil {
		p.Err = errorText(res.Err)
		p.NextPollAt = now.Add(Backoff(f.ErrorCount+1, s.opts.MinBackoff, s.opts.MaxBackoff, s.opts.Rand()))
		log.Warn("feed poll failed", slog.String("error", p.Err), slog.Int("errors", f.ErrorCount+1), slog.Time("next_poll_at", p.NextPollAt))
	} else {
		p.ETag, p.LastModified, p.Seen = res.ETag, res.LastModified, res.Seen
		p.NextPollAt = now.Add(jitter(s.opts.Interval, s.opts.Rand()))
		log.Info("feed polled", slog.Bool("not_modified", res.NotModified), slog.Int("items", res.Items),
			slog.Int("new", res.New), slog.Int("page_errors", res.PageErrors), slog.Duration("duration", res.Duration))
	}
	if err := s.feeds.RecordFeedPoll(ctx, f.ID, p); err != nil {
		log.Error("record feed poll", slog.String("error", err.Error()))
		if res.Err == nil {
			res.Err = fmt.Errorf("record poll: %w", err)
		}
	}
	if s.opts.OnPolled != nil {
		s.opts.OnPolled(res)
	}
	return res
}

// errorText returns an error as the one line recorded on the feed.
func errorText(err error) string {
	var fe *farsight.Error
	if errors.As(err, &fe) {
		msg := err.Error()
		// Keep the context added while wrapping, drop the code prefix.
		if full, inner := msg, fe.Error(); len(full) > len(inner) && full[len(full)-len(inner):] == inner {
			return full[:len(full)-len(inner)] + fe.Message
		}
		return fe.Message
	}
	return oneLine(err.Error())
}

// Backoff returns the wait after the n-th failed poll in a row: minWait
// doubled n-1 times, capped at maxWait, then jittered to between half and
// all of it with r in [0, 1).
func Backoff(n int, minWait, maxWait time.Duration, r float64) time.Duration {
	d := minWait
	for i := 1; i < n && d < maxWait; i++ {
		d *= 2
	}
	d = min(d, maxWait)
	return d/2 + time.Duration(r*float64(d/2))
}

// jitter spreads an interval by up to ±10% with r in [0, 1), so feeds
// added together drift apart.
func jitter(d time.Duration, r float64) time.Duration {
	return d + time.Duration((r-0.5)*0.2*float64(d))
}

// batcher calls ingest one batch at a time: reports handed in while a
// batch runs wait and are ingested together in the next (group commit),
// up to maxReports at once. Each caller gets the error of its batch.
type batcher struct {
	ingest     IngestFunc
	maxReports int

	mu      sync.Mutex
	queue   []*batchRequest
	running bool
	// loops tracks the goroutine that runs the batches.
	loops sync.WaitGroup
}

type batchRequest struct {
	ctx  context.Context
	rs   []*farsight.Report
	done chan error
}

// Ingest queues rs and waits until its batch has been ingested.
func (b *batcher) Ingest(ctx context.Context, rs []*farsight.Report) error {
	req := &batchRequest{ctx: ctx, rs: rs, done: make(chan error, 1)}
	b.mu.Lock()
	b.queue = append(b.queue, req)
	if !b.running {
		b.running = true
		b.loops.Go(b.loop)
	}
	b.mu.Unlock()
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		// The batch may still be stored; the items stay unseen and a
		// later poll finds them stored already (same content hash).
		return ctx.Err()
	}
}

// wait waits until no batch runs.
func (b *batcher) wait() { b.loops.Wait() }

// queued returns the number of reports waiting for a batch.
func (b *batcher) queued() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, r := range b.queue {
		n += len(r.rs)
	}
	return n
}

func (b *batcher) loop() {
	for {
		b.mu.Lock()
		if len(b.queue) == 0 {
			b.running = false
			b.mu.Unlock()
			return
		}
		n, count := 0, 0
		for n < len(b.queue) && (n == 0 || count+len(b.queue[n].rs) <= b.maxReports) {
			count += len(b.queue[n].rs)
			n++
		}
		reqs := append([]*batchRequest(nil), b.queue[:n]...)
		b.queue = append(b.queue[:0], b.queue[n:]...)
		b.mu.Unlock()

		var live []*batchRequest
		var all []*farsight.Report
		for _, r := range reqs {
			if r.ctx.Err() != nil {
				r.done <- r.ctx.Err()
				continue
			}
			live = append(live, r)
			all = append(all, r.rs...)
		}
		if len(live) == 0 {
			continue
		}
		err := b.ingest(live[0].ctx, all)
		for _, r := range live {
			r.done <- err
		}
	}
}
