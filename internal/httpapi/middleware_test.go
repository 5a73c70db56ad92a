package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
)

func TestHealth(t *testing.T) {
	e := newEnv(t)
	w := e.get("/healthz")
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != `{"status":"ok","database":"ok"}` {
		t.Errorf("got %d %s", w.Code, w.Body)
	}
	e.srv.Ping = func(context.Context) error { return errors.New("disk on fire") }
	w = e.get("/healthz")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), `"status":"unavailable"`) || strings.Contains(w.Body.String(), "fire") {
		t.Errorf("got %d %s", w.Code, w.Body)
	}
	if !strings.Contains(e.log.String(), "disk on fire") {
		t.Errorf("the cause is not logged: %s", e.log)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	for _, target := range []string{"/", "/api/v1/events", "/api/v1/nonesuch", "/api/v1/basemap"} {
		h := e.get(target).Header()
		for name, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
			"X-Frame-Options":         "DENY",
		} {
			if got := h.Get(name); !strings.HasPrefix(got, want) {
				t.Errorf("%s: %s is %q, want %q", target, name, got, want)
			}
		}
		if h.Get("X-Request-Id") == "" {
			t.Errorf("%s: no request ID", target)
		}
	}
	var index map[string]string
	e.getJSON("/", &index)
	if index["openapi"] != "/api/v1/openapi.json" {
		t.Errorf("got index %v", index)
	}
	if w := e.do(httptest.NewRequest(http.MethodHead, "/api/v1/events", nil)); w.Code != http.StatusOK {
		t.Errorf("HEAD: got %d", w.Code)
	}
}

// TestUIAndPanics mounts a UI that panics on one path: the server answers
// 500 {code, message} without the panic's text, logs it, and goes on.
func TestUIAndPanics(t *testing.T) {
	e := newEnv(t)
	e.srv.UI = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			panic("secret detail")
		}
		w.Write([]byte("<!doctype html><title>map</title>"))
	})
	if w := e.get("/"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "map") {
		t.Errorf("UI: got %d %s", w.Code, w.Body)
	}
	w := e.get("/boom")
	wantError(t, w, http.StatusInternalServerError, farsight.EINTERNAL, "internal error")
	if strings.Contains(w.Body.String(), "secret") {
		t.Errorf("the panic shows: %s", w.Body)
	}
	if log := e.log.String(); !strings.Contains(log, "secret detail") || !strings.Contains(log, "request_id=") {
		t.Errorf("the panic is not logged with its request: %s", log)
	}
	// The API still wins over the UI, and unknown API paths are JSON.
	if w := e.get("/api/v1/events"); w.Code != http.StatusOK {
		t.Errorf("API behind a UI: got %d", w.Code)
	}
	wantError(t, e.get("/api/v1/nonesuch"), http.StatusNotFound, farsight.ENOTFOUND, "no such endpoint")
}

// TestInternalErrorsHidden closes the database under the server: the
// answer is a generic 500, the cause goes to the log.
func TestInternalErrorsHidden(t *testing.T) {
	e := newEnv(t)
	e.db.Close()
	w := e.get("/api/v1/events")
	wantError(t, w, http.StatusInternalServerError, farsight.EINTERNAL, "internal error")
	if strings.Contains(w.Body.String(), "sql") || !strings.Contains(e.log.String(), "internal error") {
		t.Errorf("got %s; log %s", w.Body, e.log)
	}
}
