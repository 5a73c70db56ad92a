package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/feed"
	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/httpapi"
	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/farsight-osint/farsight/internal/webui"
	"github.com/spf13/cobra"
)

// minTokenBytes is the shortest API token serve accepts.
const minTokenBytes = 16

func (m *Main) serveCommand() *cobra.Command {
	var addr, tokenFile string
	var demo, noFeeds bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and the web map",
		Long: `Serve answers the JSON API (/api/v1, see docs/api.md) and the web map at the
given address until interrupted. Reading needs no credentials. Ingesting
(POST /api/v1/reports) needs a bearer token, read from --token-file,
FARSIGHT_API_TOKEN_FILE or FARSIGHT_API_TOKEN; without one, writing is
refused.

While serving it polls the feeds added with "farsight feeds add" when they
are due (see docs/feeds.md), unless --no-feeds.

With --demo it serves a temporary database holding the bundled sample
reports (or adds them to --db when that is given), to look around.`,
		Example: `  farsight serve --demo                      # then open http://localhost:8080
  FARSIGHT_API_TOKEN=$(cat token) farsight serve --addr 127.0.0.1:8080`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("addr") {
				if v := m.Getenv("FARSIGHT_ADDR"); v != "" {
					addr = v
				}
			}
			token, err := m.apiToken(tokenFile)
			if err != nil {
				return err
			}
			if demo && !cmd.Flags().Changed("db") && m.Getenv("FARSIGHT_DB") == "" {
				dir, err := os.MkdirTemp("", "farsight-serve-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				m.Config.DB = filepath.Join(dir, "demo.db")
			}
			return m.serve(cmd, addr, token, demo, noFeeds)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", ":8080", "address to listen on, host:port (env FARSIGHT_ADDR)")
	cmd.Flags().StringVar(&tokenFile, "token-file", "", "file holding the bearer token for POST requests (env FARSIGHT_API_TOKEN_FILE, or the token itself in FARSIGHT_API_TOKEN)")
	cmd.Flags().BoolVar(&noFeeds, "no-feeds", false, "do not poll the feeds (farsight feeds add) while serving")
	cmd.Flags().BoolVar(&demo, "demo", false, "serve the bundled sample reports (in a temporary database unless --db is given)")
	return cmd
}

// apiToken returns the API token: from the file named by the flag or by
// FARSIGHT_API_TOKEN_FILE, else FARSIGHT_API_TOKEN; "" when none is set.
func (m *Main) apiToken(file string) (string, error) {
	if file == "" {
		file = m.Getenv("FARSIGHT_API_TOKEN_FILE")
	}
	token := m.Getenv("FARSIGHT_API_TOKEN")
	if file != "" {
		buf, err := os.ReadFile(file)
		if err != nil {
			return "", farsight.Errorf(farsight.EINVALID, "token file: %v", err)
		}
		token = strings.TrimSpace(string(buf))
		if token == "" {
			return "", farsight.Errorf(farsight.EINVALID, "token file %s is empty", file)
		}
	}
	token = strings.TrimSpace(token)
	if token != "" && len(token) < minTokenBytes {
		return "", farsight.Errorf(farsight.EINVALID, "the API token is %d bytes; use at least %d (e.g. openssl rand -hex 32)", len(token), minTokenBytes)
	}
	return token, nil
}

// serve listens, wires the services into the API server, ingests the
// samples when asked, and serves until the command's context ends.
func (m *Main) serve(cmd *cobra.Command, addr, token string, demo, noFeeds bool) error {
	ctx := cmd.Context()
	// Listen first: a taken port fails before the slow start-up.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return farsight.Errorf(farsight.EINVALID, "listen on %s: %v", addr, err)
	}
	defer ln.Close()
	p, err := m.newPipeline(cmd)
	if err != nil {
		return err
	}
	geo, err := geodata.Load()
	if err != nil {
		return err
	}
	db := m.db
	srv := httpapi.NewServer()
	srv.Events = sqlite.NewEventService(db)
	srv.Reports = sqlite.NewReportService(db)
	srv.Sources = sqlite.NewSourceService(db)
	srv.Assets = sqlite.NewAssetService(db)
	srv.Stats = sqlite.NewStatsService(db)
	srv.Frontline = sqlite.NewFrontlineService(db)
	srv.Geo = geo
	srv.Ping = db.Ping
	srv.Token = token
	srv.Logger = m.Logger
	srv.UI = m.webUI()
	p.Extractor = timedExtractor{Extractor: p.Extractor, observe: srv.Metrics.ObserveExtract}
	var q ingestQueue
	srv.Process = q.wrap(p)
	srv.Metrics.SetQueueDepth(q.depth)
	feeds, err := m.newScheduler(srv)
	if err != nil {
		return err
	}
	if !noFeeds {
		srv.Metrics.SetQueueDepth(func() int { return q.depth() + feeds.QueueDepth() })
	}

	if demo {
		if err := m.ingestSamples(ctx, srv); err != nil {
			return err
		}
	}

	url := serverURL(ln.Addr())
	write := "writing disabled (no API token)"
	if token != "" {
		write = "POST /api/v1/reports needs the bearer token"
	}
	fmt.Fprintf(m.Stdout, "farsight: serving %s (database %s; %s). Press Ctrl-C to stop.\n", url, m.Config.DB, write)
	m.Logger.Info("serving", slog.String("url", url), slog.String("db", m.Config.DB), slog.Bool("write", token != ""))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var jobs sync.WaitGroup
	if !noFeeds {
		jobs.Go(func() {
			if err := feeds.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				m.Logger.Error("feed scheduler stopped", slog.String("error", err.Error()))
			}
		})
	}
	err = srv.Serve(ctx, ln)
	cancel()
	jobs.Wait()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(m.Stdout, "farsight: stopped")
	return nil
}

// webUI returns the web map mounted at "/" beside the API.
func (m *Main) webUI() http.Handler {
	return webui.Handler()
}

// newScheduler returns the feed scheduler serve runs beside the HTTP
// server: it polls the feeds added with "farsight feeds add" when they are
// due and ingests what is new through srv.Ingest, so that the metrics
// count it. One feed's failure is recorded on that feed; the others go on.
func (m *Main) newScheduler(srv *httpapi.Server) (*feed.Scheduler, error) {
	f, err := m.newFetcher()
	if err != nil {
		return nil, err
	}
	ingest := func(ctx context.Context, rs []*farsight.Report) error {
		_, err := srv.Ingest(ctx, rs)
		return err
	}
	return feed.NewScheduler(sqlite.NewFeedService(m.db), f, ingest, feed.Options{Logger: m.Logger}), nil
}

// ingestSamples stores the bundled sample reports through the server, so
// that the metrics count them.
func (m *Main) ingestSamples(ctx context.Context, srv *httpapi.Server) error {
	r, err := local.NewReader(bytes.NewReader(sampleReports), local.JSONL, local.Options{})
	if err != nil {
		return err
	}
	var rs []*farsight.Report
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("sample reports: %w", err)
		}
		if err := rec.Report.Validate(); err != nil {
			return fmt.Errorf("sample reports: %w", err)
		}
		rs = append(rs, rec.Report)
	}
	start := time.Now()
	res, err := srv.Ingest(ctx, rs)
	if err != nil {
		return fmt.Errorf("sample reports: %w", err)
	}
	fmt.Fprintf(m.Stdout, "farsight: ingested %d sample reports (%d new, %d events) in %.1f s\n", len(rs), res.New, res.Events, time.Since(start).Seconds())
	return nil
}

// serverURL returns the URL to open for a listening address: localhost
// for a wildcard host.
func serverURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// ingestQueue runs one batch through the pipeline at a time and counts the
// reports waiting for their turn.
type ingestQueue struct {
	mu      sync.Mutex
	waiting atomic.Int64
}

func (q *ingestQueue) wrap(p *pipeline.Pipeline) httpapi.IngestFunc {
	return func(ctx context.Context, rs []*farsight.Report) (httpapi.IngestResult, error) {
		q.waiting.Add(int64(len(rs)))
		q.mu.Lock()
		q.waiting.Add(-int64(len(rs)))
		defer q.mu.Unlock()
		res, err := p.Process(ctx, rs)
		return httpapi.IngestResult{New: res.New, Duplicates: res.Duplicates, Events: res.Events,
			ExtractErrors: res.ExtractErrors, OtherLanguage: res.OtherLanguage}, err
	}
}

func (q *ingestQueue) depth() int { return int(q.waiting.Load()) }

// timedExtractor reports how long each extraction takes.
type timedExtractor struct {
	farsight.Extractor
	observe func(time.Duration)
}

func (x timedExtractor) Extract(r *farsight.Report) ([]*farsight.Event, error) {
	start := time.Now()
	evs, err := x.Extractor.Extract(r)
	x.observe(time.Since(start))
	return evs, err
}
