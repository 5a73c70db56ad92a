package cli

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/feed"
	"github.com/farsight-osint/farsight/internal/fetch"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/spf13/cobra"
)

const feedsHelp = `Feeds are RSS, Atom or JSON feeds polled for reports. Each new item's
article page is fetched and its main text stored as a report of the feed's
source (the item's own text when the page cannot be read), then extracted.
"farsight serve" polls due feeds in the background; "feeds poll" polls every
feed once, now. See docs/feeds.md.

The fetcher refuses private, loopback and link-local addresses. To poll a
feed on an intranet set FARSIGHT_FETCH_ALLOW_HOSTS to a comma-separated list
of hosts (or host:port), or FARSIGHT_FETCH_ALLOW_PRIVATE=1 to allow all.
FARSIGHT_FETCH_HOST_DELAY (default 1s) is the pause between two requests to
one host.`

func (m *Main) feedsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "feeds", Short: "Add, list and poll the feeds reports are read from", Long: feedsHelp}
	cmd.AddCommand(m.feedsAddCommand(), m.feedsListCommand(), m.feedsPollCommand(), m.feedsRemoveCommand())
	return cmd
}

func (m *Main) feedsAddCommand() *cobra.Command {
	var name, kind, side string
	cmd := &cobra.Command{
		Use:   "add URL",
		Short: "Add a feed",
		Long: `Add stores a feed to poll. Its reports are filed under --name (default: the
feed's host), a source of --kind: ua_official, ru_official, media, osint or
unknown. --side ua|ru with --kind official (or alone) gives ua_official or
ru_official. A source that exists keeps the kind it has.`,
		Example: `  farsight feeds add https://www.example.org/rss --name "Example Post" --kind media
  farsight feeds add https://mil.example/news.atom --side ua --kind official`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := sourceKind(kind, side)
			if err != nil {
				return err
			}
			f := &farsight.Feed{URL: strings.TrimSpace(args[0]), Name: strings.TrimSpace(name), Kind: k}
			if f.Name == "" {
				if u, err := url.Parse(f.URL); err == nil {
					f.Name = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
				}
			}
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			if err := sqlite.NewFeedService(db).CreateFeed(cmd.Context(), f); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "feed %d added: %s (%s, %s)\n", f.ID, f.URL, f.Name, f.Kind)
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "source name for the feed's reports (default: the feed's host)")
	cmd.Flags().StringVar(&kind, "kind", "", "source kind: ua_official, ru_official, media, osint, unknown (or official with --side)")
	cmd.Flags().StringVar(&side, "side", "", "side of an official source: ua or ru")
	return cmd
}

// sourceKind combines the --kind and --side flags of feeds add.
func sourceKind(kind, side string) (farsight.SourceKind, error) {
	kind, side = strings.ToLower(strings.TrimSpace(kind)), strings.ToLower(strings.TrimSpace(side))
	switch side {
	case "", "ua", "ru":
	default:
		return "", farsight.Errorf(farsight.EINVALID, "side %q: want ua or ru", side)
	}
	switch {
	case side != "" && (kind == "" || kind == "official"):
		return farsight.SourceKind(side + "_official"), nil
	case kind == "official":
		return "", farsight.Errorf(farsight.EINVALID, "an official source needs --side ua or ru")
	case side != "" && kind != side+"_official":
		return "", farsight.Errorf(farsight.EINVALID, "--side %s does not go with --kind %s (only official sources have a side)", side, kind)
	case kind == "":
		return farsight.SourceUnknown, nil
	}
	k := farsight.SourceKind(kind)
	if !k.Valid() {
		return "", farsight.Errorf(farsight.EINVALID, "kind %q: want ua_official, ru_official, media, osint or unknown", kind)
	}
	return k, nil
}

func (m *Main) feedsListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the feeds and their health: last success, last error, items taken, next poll",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			fs, err := sqlite.NewFeedService(db).FindFeeds(cmd.Context(), farsight.FeedFilter{})
			if err != nil {
				return err
			}
			if len(fs) == 0 {
				fmt.Fprintln(m.Stdout, "no feeds; add one with: farsight feeds add URL")
				return nil
			}
			now := time.Now()
			tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tKIND\tITEMS\tLAST SUCCESS\tNEXT POLL\tLAST ERROR\tURL")
			for _, f := range fs {
				lastErr := "-"
				if f.LastError != "" {
					lastErr = shortTime(f.LastErrorAt) + " " + f.LastError
					if f.ErrorCount > 0 {
						lastErr += fmt.Sprintf(" (%d in a row)", f.ErrorCount)
					}
				}
				next := "now"
				if f.NextPollAt.After(now) {
					next = shortTime(f.NextPollAt)
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", f.ID, f.Name, f.Kind, f.ItemsSeen,
					orNever(f.LastSuccessAt), next, lastErr, f.URL)
			}
			return tw.Flush()
		},
	}
}

func shortTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04Z") }

func orNever(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return shortTime(t)
}

func (m *Main) feedsPollCommand() *cobra.Command {
	var workers int
	cmd := &cobra.Command{
		Use:   "poll",
		Short: "Poll every feed once, now, and ingest the new items",
		Long: `Poll polls every feed now, due or not, a few at a time, and prints what each
gave. Failures are recorded on the feed (see feeds list) and back it off for
the scheduler; the other feeds go on. The exit status is non-zero when a feed
failed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			p, err := m.newPipeline(cmd)
			if err != nil {
				return err
			}
			feeds := sqlite.NewFeedService(m.db)
			all, err := feeds.FindFeeds(ctx, farsight.FeedFilter{})
			if err != nil {
				return err
			}
			if len(all) == 0 {
				fmt.Fprintln(m.Stdout, "no feeds; add one with: farsight feeds add URL")
				return nil
			}
			fetcher, err := m.newFetcher()
			if err != nil {
				return err
			}
			ingest, total := countingIngest(p)
			var out sync.Mutex
			sched := feed.NewScheduler(feeds, fetcher, ingest, feed.Options{
				Workers: workers,
				Logger:  m.Logger,
				OnPolled: func(r feed.Result) {
					out.Lock()
					defer out.Unlock()
					fmt.Fprintln(m.Stdout, pollLine(r))
				},
			})
			results := sched.Poll(ctx, all)
			failed := 0
			for _, r := range results {
				if r.Err != nil {
					failed++
				}
			}
			res := total()
			fmt.Fprintf(m.Stdout, "%d feeds polled: %d reports new, %d duplicates, %d events\n", len(all), res.New, res.Duplicates, res.Events)
			if res.ExtractErrors > 0 {
				fmt.Fprintf(m.Stderr, "extraction failed for %d reports (stored; see the log)\n", res.ExtractErrors)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if failed > 0 {
				return farsight.Errorf(farsight.EINVALID, "%d of %d feeds failed; the others were ingested", failed, len(all))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&workers, "workers", feed.DefaultWorkers, "feeds polled at once")
	return cmd
}

// pollLine describes one feed's poll in one line.
func pollLine(r feed.Result) string {
	name := fmt.Sprintf("%s (%s)", r.Feed.Name, r.Feed.URL)
	switch {
	case r.Err != nil:
		return name + ": error: " + errorLine(r.Err)
	case r.NotModified:
		return name + ": not modified"
	}
	s := fmt.Sprintf("%s: %d items, %d new", name, r.Items, r.New)
	if r.PageErrors > 0 {
		s += fmt.Sprintf(", %d read from the feed (page failed)", r.PageErrors)
	}
	if r.Skipped > 0 {
		s += fmt.Sprintf(", %d without text skipped", r.Skipped)
	}
	return s
}

// countingIngest returns an ingest function on p and a function that
// returns what it did so far.
func countingIngest(p *pipeline.Pipeline) (feed.IngestFunc, func() pipeline.Result) {
	var mu sync.Mutex
	var total pipeline.Result
	ingest := func(ctx context.Context, rs []*farsight.Report) error {
		res, err := p.Process(ctx, rs)
		mu.Lock()
		total.Add(res)
		mu.Unlock()
		return err
	}
	return ingest, func() pipeline.Result {
		mu.Lock()
		defer mu.Unlock()
		return total
	}
}

func (m *Main) feedsRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Remove a feed (its reports stay)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return farsight.Errorf(farsight.EINVALID, "feed ID %q is not a number", args[0])
			}
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			if err := sqlite.NewFeedService(db).DeleteFeed(cmd.Context(), id); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "feed %d removed\n", id)
			return nil
		},
	}
}

// newFetcher returns the web client of the feed and URL commands:
// FARSIGHT_FETCH_ALLOW_PRIVATE=1 lets it reach any address,
// FARSIGHT_FETCH_ALLOW_HOSTS the hosts listed (comma-separated), and
// FARSIGHT_FETCH_HOST_DELAY sets the pause between requests to one host.
func (m *Main) newFetcher() (*fetch.Client, error) {
	opts := fetch.Options{UserAgent: "farsight/" + Version + " (+https://github.com/farsight-osint/farsight)"}
	switch v := strings.ToLower(strings.TrimSpace(m.Getenv("FARSIGHT_FETCH_ALLOW_PRIVATE"))); v {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		opts.AllowPrivate = true
	default:
		return nil, farsight.Errorf(farsight.EINVALID, "FARSIGHT_FETCH_ALLOW_PRIVATE=%q: want 1 or 0", v)
	}
	for _, h := range strings.Split(m.Getenv("FARSIGHT_FETCH_ALLOW_HOSTS"), ",") {
		if h = strings.TrimSpace(h); h != "" {
			opts.AllowHosts = append(opts.AllowHosts, h)
		}
	}
	if v := strings.TrimSpace(m.Getenv("FARSIGHT_FETCH_HOST_DELAY")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return nil, farsight.Errorf(farsight.EINVALID, "FARSIGHT_FETCH_HOST_DELAY=%q: want a duration such as 500ms", v)
		}
		opts.HostDelay = d
		if d == 0 {
			opts.HostDelay = -1
		}
	}
	return fetch.New(opts), nil
}

// isWebURL reports whether an ingest argument is an http(s) URL.
func isWebURL(arg string) bool {
	return strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://")
}

// ingestURL fetches the page at rawURL and ingests its article as one
// report; --source names its source and --published dates a page that has
// no date.
func (m *Main) ingestURL(ctx context.Context, p *pipeline.Pipeline, flags *inputFlags, rawURL string, _ int) (ingestStats, error) {
	var st ingestStats
	o, err := flags.options()
	if err != nil {
		return st, err
	}
	fetcher, err := m.newFetcher()
	if err != nil {
		return st, err
	}
	r, err := fetcher.Article(ctx, rawURL)
	if err != nil {
		return st, err
	}
	if o.Source != "" {
		r.SourceName = o.Source
	}
	if r.Published.IsZero() {
		r.Published = o.Published
	}
	if err := r.Validate(); err != nil {
		return st, err
	}
	st.read = 1
	st.res, err = p.Process(ctx, []*farsight.Report{r})
	return st, err
}
