package httpapi

import (
	"net/http"
	"strings"

	"github.com/farsight-osint/farsight"
)

// route is one entry of the route table: a ServeMux pattern with its
// method, and its handler.
type route struct {
	pattern string
	handler http.HandlerFunc
}

// routes is the route table of the API. openapi.json describes exactly
// these routes (TestOpenAPIInSync).
func (s *Server) routes() []route {
	return []route{
		{"GET /api/v1/events", s.handleEvents},
		{"GET /api/v1/events/{id}", s.handleEvent},
		{"GET /api/v1/reports", s.handleReports},
		{"GET /api/v1/reports/{id}", s.handleReport},
		{"POST /api/v1/reports", s.handleCreateReports},
		{"GET /api/v1/assets", s.handleAssets},
		{"GET /api/v1/assets/{key}", s.handleAsset},
		{"GET /api/v1/stats/reach", s.handleReach},
		{"GET /api/v1/frontline", s.handleFrontline},
		{"GET /api/v1/basemap", s.handleBasemap},
		{"GET /api/v1/openapi.json", s.handleOpenAPI},
		{"GET /healthz", s.handleHealth},
		{"GET /metrics", s.handleMetrics},
	}
}

// mux registers the route table, a JSON 404/405 for every other path
// under /api/, and the UI (or an index) at "/".
func (s *Server) mux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.instrument(rt.pattern, rt.handler))
	}
	mux.Handle("/api/", s.instrument("unmatched", s.notFound(mux)))
	if s.UI != nil {
		mux.Handle("/", s.instrument("ui", s.UI))
	} else {
		mux.Handle("GET /{$}", s.instrument("GET /", http.HandlerFunc(s.handleIndex)))
		mux.Handle("/", s.instrument("unmatched", s.notFound(mux)))
	}
	return mux
}

// notFound answers a request no route matched: 405 with the allowed
// methods when the path has routes for other methods, else 404.
func (s *Server) notFound(mux *http.ServeMux) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			if m == r.Method {
				continue
			}
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); strings.HasPrefix(pattern, m+" ") {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			if strings.Contains(strings.Join(allow, ","), http.MethodGet) {
				allow = append(allow, http.MethodHead)
			}
			w.Header().Set("Allow", strings.Join(allow, ", "))
			s.writeError(w, r, farsight.Errorf(eMethodNotAllowed, "%s is not allowed on %s (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")))
			return
		}
		s.writeError(w, r, farsight.Errorf(farsight.ENOTFOUND, "no such endpoint: %s %s (see /api/v1/openapi.json)", r.Method, r.URL.Path))
	}
}

// handleIndex answers "/" when the server has no UI.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, map[string]string{
		"name":    "farsight",
		"api":     "/api/v1",
		"openapi": "/api/v1/openapi.json",
	})
}
