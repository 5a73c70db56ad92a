// Package httpapi is farsight's JSON API (/api/v1), with the health and
// metrics endpoints, on the domain services. It mounts the web UI, when
// one is given, at "/". The routes are in routes.go; docs/api.md describes
// them and openapi.json is their OpenAPI 3 description.
package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/geodata"
)

// DefaultMaxBodyBytes caps the body of POST /api/v1/reports: one report of
// the largest size farsight stores, and room for its fields.
const DefaultMaxBodyBytes = farsight.MaxReportTextBytes + 2<<20

// IngestResult counts what ingesting a batch of reports did.
type IngestResult struct {
	// New reports stored, and Duplicates of reports already stored.
	New        int `json:"new"`
	Duplicates int `json:"duplicates"`
	// Events extracted from the new reports (before merging).
	Events int `json:"events"`
	// ExtractErrors counts new reports whose extraction failed (they stay
	// stored); OtherLanguage those stored without extraction.
	ExtractErrors int `json:"extract_errors"`
	OtherLanguage int `json:"other_language"`
}

// IngestFunc stores a batch of valid reports, extracts their events and
// merges them into the stored ones (the pipeline). It sets each report's
// ID, duplicates to their original's.
type IngestFunc func(ctx context.Context, rs []*farsight.Report) (IngestResult, error)

// Server answers the API. Set its fields, then call Handler or Serve; the
// fields must not change afterwards.
type Server struct {
	Events    farsight.EventService
	Reports   farsight.ReportService
	Sources   farsight.SourceService
	Assets    farsight.AssetService
	Stats     farsight.StatsService
	Frontline farsight.FrontlineService
	// Geo is the bundled geometry: the basemap and the bundled front-line
	// snapshots (imported ones come from Frontline).
	Geo *geodata.Data

	// Process runs reports through the pipeline; nil refuses POST
	// /api/v1/reports. Call Ingest rather than Process, so that metrics
	// count every report.
	Process IngestFunc
	// Token is the bearer token POST requests must present; "" refuses
	// them (403).
	Token string
	// MaxBodyBytes caps request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64

	// Ping checks the database for /healthz; nil skips the check.
	Ping func(ctx context.Context) error
	// UI, when set, serves every path outside the API (the web map).
	UI     http.Handler
	Logger *slog.Logger

	// Metrics are the counters /metrics exposes.
	Metrics *Metrics

	handlerOnce sync.Once
	handler     http.Handler
	requestSeq  atomic.Uint64

	basemap   blobOnce
	openapi   blobOnce
	frontline frontlineCache
}

// NewServer returns a Server with its metrics; set the services before use.
func NewServer() *Server {
	return &Server{Metrics: NewMetrics()}
}

// Ingest runs reports through Process and counts them in the metrics. The
// reports must be valid (farsight.Report.Validate). Other producers in the
// process (the feed scheduler, the demo samples) ingest through it too.
func (s *Server) Ingest(ctx context.Context, rs []*farsight.Report) (IngestResult, error) {
	if s.Process == nil {
		return IngestResult{}, farsight.Errorf(eForbidden, "this server does not ingest reports")
	}
	res, err := s.Process(ctx, rs)
	s.Metrics.countIngest(res)
	return res, err
}

// Handler returns the HTTP handler: the route table behind the
// middleware.
func (s *Server) Handler() http.Handler {
	s.handlerOnce.Do(func() {
		if s.Metrics == nil {
			s.Metrics = NewMetrics()
		}
		s.handler = s.middleware(s.mux())
	})
	return s.handler
}

// Timeouts of the HTTP server.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 10 * time.Second
)

// Serve answers requests on ln until ctx is cancelled, then shuts down
// gracefully: in-flight requests get shutdownTimeout to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.baseLogger().Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	go s.warm(ctx)
	done := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
		case <-stop:
			done <- nil
			return
		}
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
		defer cancel()
		done <- hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		close(stop)
		return err
	}
	return <-done
}

// warm builds the basemap and indexes the front-line snapshots ahead of
// the first request that needs them.
func (s *Server) warm(ctx context.Context) {
	if s.Geo != nil {
		if _, err := s.basemap.get(s.buildBasemap); err != nil {
			s.baseLogger().Warn("build basemap", slog.String("error", err.Error()))
		}
	}
	if _, err := s.frontlineOn(ctx, nil); err != nil && farsight.ErrorCode(err) != farsight.ENOTFOUND {
		s.baseLogger().Warn("load front-line snapshots", slog.String("error", err.Error()))
	}
}

func (s *Server) baseLogger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

func (s *Server) maxBody() int64 {
	if s.MaxBodyBytes > 0 {
		return s.MaxBodyBytes
	}
	return DefaultMaxBodyBytes
}
