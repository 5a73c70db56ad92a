package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/assets"
	"github.com/farsight-osint/farsight/internal/fake"
	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/httpapi"
	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/farsight-osint/farsight/internal/merge"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/pipelinetest"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

const testToken = "test-token-0123456789abcdef"

// env is one test's server on a new SQLite database.
type env struct {
	t   testing.TB
	db  *sqlite.DB
	srv *httpapi.Server
	p   *pipeline.Pipeline
	// log collects the server's log.
	log *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newEnv returns a server with the fake extractor (events from "EVENT
// type lat lon date [actor]" lines), no merging, and the test token.
func newEnv(t testing.TB) *env {
	t.Helper()
	e := openEnv(t)
	e.p = &pipeline.Pipeline{Reports: e.srv.Reports, Events: e.srv.Events, Extractor: fake.Extractor{}, Workers: 1}
	e.wire()
	return e
}

// newRealEnv returns a server with the real extractor, enricher, merger
// and asset registry.
func newRealEnv(t testing.TB) *env {
	t.Helper()
	e := openEnv(t)
	x, en, reg := pipelinetest.Stages(t)
	events := sqlite.NewEventService(e.db)
	e.p = &pipeline.Pipeline{Reports: e.srv.Reports, Events: events, Mentions: events, Merger: &merge.Merger{Enricher: en},
		Extractor: x, LinkAssets: reg.Link, Workers: 2}
	e.wire()
	return e
}

func openEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "farsight.db"))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ships, err := assets.Ships()
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.NewAssetService(db).UpsertAssets(ctx, ships); err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	srv := httpapi.NewServer()
	srv.Events = sqlite.NewEventService(db)
	srv.Reports = sqlite.NewReportService(db)
	srv.Sources = sqlite.NewSourceService(db)
	srv.Assets = sqlite.NewAssetService(db)
	srv.Stats = sqlite.NewStatsService(db)
	srv.Frontline = sqlite.NewFrontlineService(db)
	srv.Geo = bundledGeo(t)
	srv.Ping = db.Ping
	srv.Token = testToken
	srv.Logger = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return &env{t: t, db: db, srv: srv, log: log}
}

// wire sets the server's ingest function to the env's pipeline.
func (e *env) wire() {
	e.srv.Process = func(ctx context.Context, rs []*farsight.Report) (httpapi.IngestResult, error) {
		res, err := e.p.Process(ctx, rs)
		return httpapi.IngestResult{New: res.New, Duplicates: res.Duplicates, Events: res.Events,
			ExtractErrors: res.ExtractErrors, OtherLanguage: res.OtherLanguage}, err
	}
}

func bundledGeo(t testing.TB) *geodata.Data {
	t.Helper()
	d, err := geodata.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ingestFile runs a JSONL file of reports through the env's pipeline.
func (e *env) ingestFile(path string) {
	e.t.Helper()
	f, err := os.Open(path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	r, err := local.NewReader(bufio.NewReader(f), local.JSONL, local.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	var rs []*farsight.Report
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			e.t.Fatal(err)
		}
		if err := rec.Report.Validate(); err != nil {
			e.t.Fatal(err)
		}
		rs = append(rs, rec.Report)
	}
	if _, err := e.srv.Ingest(context.Background(), rs); err != nil {
		e.t.Fatal(err)
	}
}

// ingestTexts ingests one report per text.
func (e *env) ingestTexts(texts ...string) []*farsight.Report {
	e.t.Helper()
	rs := make([]*farsight.Report, len(texts))
	for i, text := range texts {
		rs[i] = &farsight.Report{Text: text, SourceName: "test source"}
		if err := rs[i].Validate(); err != nil {
			e.t.Fatal(err)
		}
	}
	if _, err := e.srv.Ingest(context.Background(), rs); err != nil {
		e.t.Fatal(err)
	}
	return rs
}

// do serves one request.
func (e *env) do(req *http.Request) *httptest.ResponseRecorder {
	e.t.Helper()
	w := httptest.NewRecorder()
	e.srv.Handler().ServeHTTP(w, req)
	return w
}

func (e *env) get(target string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(httptest.NewRequest(http.MethodGet, target, nil))
}

// post sends body to POST /api/v1/reports with the token (unless token is
// "") and the content type.
func (e *env) post(query, contentType, token, body string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/reports"+query, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.do(req)
}

// getJSON GETs target, wants status 200 and decodes the body into v.
func (e *env) getJSON(target string, v any) {
	e.t.Helper()
	w := e.get(target)
	if w.Code != http.StatusOK {
		e.t.Fatalf("GET %s: got status %d, want 200: %s", target, w.Code, w.Body)
	}
	decode(e.t, w, v)
}

func decode(t testing.TB, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
}

// wantError checks an error answer: its status, JSON {code, message} and
// a message containing msg.
func wantError(t testing.TB, w *httptest.ResponseRecorder, status int, code, msg string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("got status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("got Content-Type %q, want application/json", ct)
	}
	var body struct{ Code, Message string }
	decode(t, w, &body)
	if body.Code != code || !strings.Contains(body.Message, msg) {
		t.Errorf("got error %+v, want code %q and a message containing %q", body, code, msg)
	}
}
