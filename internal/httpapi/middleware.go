package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/farsight-osint/farsight"
)

// contentSecurityPolicy suits the offline UI: everything from this server,
// images also as data: URLs, inline styles (Leaflet sets them), no
// framing.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

type loggerKey struct{}

// logger returns the request's logger (with its request_id).
func (s *Server) logger(r *http.Request) *slog.Logger {
	if l, ok := r.Context().Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return s.baseLogger()
}

// recorder notes the status and size of a response, and the route that
// answered it.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	route  string
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// middleware wraps the mux: security headers, a request ID and a
// request-scoped logger, panic recovery, the request log and the request
// counter.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := strconv.FormatUint(s.requestSeq.Add(1), 36)
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Request-Id", id)
		log := s.baseLogger().With(slog.String("request_id", id))
		r = r.WithContext(context.WithValue(r.Context(), loggerKey{}, log))
		rec := &recorder{ResponseWriter: w, route: "unmatched"}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic", slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
				if rec.status == 0 {
					s.writeError(rec, r, fmt.Errorf("panic: %v", v))
				}
			}
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			s.Metrics.countRequest(rec.route, status)
			log.Info("request", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", rec.route),
				slog.Int("status", status), slog.Int64("bytes", rec.bytes), slog.Duration("duration", time.Since(start)))
		}()
		next.ServeHTTP(rec, r)
	})
}

// instrument names the route that answers a request, for the request
// counter and the log.
func (s *Server) instrument(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rec, ok := w.(*recorder); ok {
			rec.route = route
		}
		h.ServeHTTP(w, r)
	})
}

// authorize checks the bearer token of a write request: 403 when the
// server has none configured, 401 when the request's is missing or wrong.
func (s *Server) authorize(r *http.Request) error {
	if s.Token == "" {
		return farsight.Errorf(eForbidden, "writing is disabled: start farsight serve with --token-file FILE or FARSIGHT_API_TOKEN to accept POST requests")
	}
	got, ok := bearerToken(r.Header.Get("Authorization"))
	if !ok {
		return farsight.Errorf(farsight.EUNAUTHORIZED, "an Authorization: Bearer TOKEN header is required")
	}
	if !tokensEqual(got, s.Token) {
		return farsight.Errorf(farsight.EUNAUTHORIZED, "wrong token")
	}
	return nil
}
