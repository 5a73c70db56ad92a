package webui

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func get(t *testing.T, h http.Handler, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandlerIndex(t *testing.T) {
	h := Handler()
	for _, target := range []string{"/", "/index.html"} {
		t.Run(target, func(t *testing.T) {
			res := get(t, h, target, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status: got %d, want 200", res.StatusCode)
			}
			if got, want := res.Header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type: got %q, want %q", got, want)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control: got %q, want no-cache", got)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy: got %q", csp)
			}
			b := body(t, res)
			// The template has been rendered: asset URLs carry their hashes.
			if strings.Contains(b, "{{") {
				t.Errorf("index.html still holds template actions")
			}
			for _, name := range []string{"app.js", "app.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"} {
				if !regexp.MustCompile(regexp.QuoteMeta(name) + `\?v=[0-9a-f]{24}"`).MatchString(b) {
					t.Errorf("index.html does not refer to %s with its hash", name)
				}
			}
		})
	}
}

func TestHandlerContentTypes(t *testing.T) {
	h := Handler()
	tests := []struct{ path, want string }{
		{"/app.js", "text/javascript; charset=utf-8"},
		{"/panel.js", "text/javascript; charset=utf-8"},
		{"/app.css", "text/css; charset=utf-8"},
		{"/favicon.svg", "image/svg+xml"},
		{"/vendor/leaflet/leaflet.js", "text/javascript; charset=utf-8"},
		{"/vendor/leaflet/leaflet.css", "text/css; charset=utf-8"},
		{"/vendor/leaflet/images/layers.png", "image/png"},
		{"/vendor/leaflet/LICENSE", "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := get(t, h, tt.path, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status: got %d, want 200", res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != tt.want {
				t.Errorf("Content-Type: got %q, want %q", got, tt.want)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options: got %q, want nosniff", got)
			}
			if b := body(t, res); len(b) == 0 {
				t.Errorf("empty body")
			}
		})
	}
}

func TestHandlerETag(t *testing.T) {
	h := Handler()
	for _, target := range []string{"/", "/app.js", "/vendor/leaflet/leaflet.css", "/vendor/leaflet/images/marker-icon.png"} {
		t.Run(target, func(t *testing.T) {
			res := get(t, h, target, nil)
			etag := res.Header.Get("ETag")
			if !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(etag) {
				t.Fatalf("ETag: got %q, want a quoted content hash", etag)
			}
			res = get(t, h, target, http.Header{"If-None-Match": {etag}})
			if res.StatusCode != http.StatusNotModified {
				t.Errorf("If-None-Match %s: got %d, want 304", etag, res.StatusCode)
			}
			if b := body(t, res); b != "" {
				t.Errorf("304 with a body of %d bytes", len(b))
			}
			res = get(t, h, target, http.Header{"If-None-Match": {`"stale"`}})
			if res.StatusCode != http.StatusOK {
				t.Errorf("If-None-Match stale: got %d, want 200", res.StatusCode)
			}
		})
	}
}

func TestHandlerCacheControl(t *testing.T) {
	h := Handler()
	etag := get(t, h, "/app.css", nil).Header.Get("ETag")
	hash := strings.Trim(etag, `"`)
	tests := []struct{ target, want string }{
		{"/app.css", "no-cache"},
		{"/app.css?v=" + hash, "public, max-age=31536000, immutable"},
		// A stale version must not be cached for good under the new content.
		{"/app.css?v=0000", "no-cache"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			if got := get(t, h, tt.target, nil).Header.Get("Cache-Control"); got != tt.want {
				t.Errorf("Cache-Control: got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHandlerNotFound(t *testing.T) {
	h := Handler()
	for _, target := range []string{"/nope.js", "/vendor/", "/vendor/leaflet", "/../webui.go", "/static/app.js", "/.hidden"} {
		t.Run(target, func(t *testing.T) {
			if res := get(t, h, target, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("got %d, want 404", res.StatusCode)
			}
		})
	}
}

func TestHandlerMethods(t *testing.T) {
	h := Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: got %d, want 405", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/app.js", nil))
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("HEAD: got %d with %d bytes, want 200 with none", rec.Code, rec.Body.Len())
	}
}

func TestNewHandlerErrors(t *testing.T) {
	tests := map[string]fstest.MapFS{
		"no index":      {"app.js": {Data: []byte("")}},
		"unknown asset": {"index.html": {Data: []byte(`<script src="{{asset "missing.js"}}"></script>`)}},
		"bad template":  {"index.html": {Data: []byte(`{{asset`)}},
	}
	for name, fsys := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := NewHandler(fsys); err == nil {
				t.Errorf("got no error")
			}
		})
	}
}

// TestNoNetworkURLs guards the offline promise: no static file of ours
// loads anything from another origin (links for attribution are fine:
// they are only followed when clicked).
func TestNoNetworkURLs(t *testing.T) {
	load := regexp.MustCompile(`(?i)\bsrc\s*=\s*["']?(https?:)?//|<link[^>]*\bhref\s*=\s*["']?(https?:)?//|@import|url\(\s*["']?(https?:)?//|fetch\(\s*["'](https?:)?//|tileLayer`)
	for _, name := range ownScripts(t, ".js", ".css", ".html") {
		b, err := fs.ReadFile(staticFS(t), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range load.FindAllString(string(b), -1) {
			t.Errorf("%s loads from the network: %q", name, m)
		}
	}
}

// TestNoHTMLInjection is a static guard on our scripts: data reaches the
// page through textContent and text nodes only. Writing markup is allowed
// only as a string literal (Leaflet's attribution links, which are
// constants), never from a variable or template literal.
func TestNoHTMLInjection(t *testing.T) {
	// innerHTML/outerHTML assignments, insertAdjacentHTML, document.write,
	// and Leaflet's string-content setters (setContent, bindPopup,
	// bindTooltip, setPrefix, addAttribution, divIcon html:), unless the value is a plain literal
	// without ${}.
	sinks := regexp.MustCompile("(?:innerHTML|outerHTML)\\s*\\+?=\\s*([^;\\n]*)|insertAdjacentHTML|document\\.write|(?:setContent|bindPopup|bindTooltip|setPrefix|addAttribution)\\(\\s*([^\\n]*?)\\)\\s*;|html:\\s*([^,}\\n]*)")
	literal := regexp.MustCompile("^(\"[^\"\\\\]*\"|'[^'\\\\]*'|`[^`$\\\\]*`)$")
	// A value built in code (h(...), an element variable) is a DOM node,
	// which Leaflet inserts as is.
	node := regexp.MustCompile(`^(h\(|s\(|count$|el$|node$)`)
	for _, name := range ownScripts(t, ".js") {
		b, err := fs.ReadFile(staticFS(t), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range sinks.FindAllStringSubmatch(string(b), -1) {
			switch {
			case strings.HasPrefix(m[0], "insertAdjacentHTML"), strings.HasPrefix(m[0], "document.write"):
				t.Errorf("%s: %q: write DOM nodes instead", name, m[0])
			case m[1] != "":
				if !literal.MatchString(strings.TrimSpace(m[1])) {
					t.Errorf("%s: %q: innerHTML from data; use textContent", name, m[0])
				}
			default:
				v := strings.TrimSpace(m[2] + m[3])
				if !literal.MatchString(v) && !node.MatchString(v) {
					t.Errorf("%s: %q: pass a DOM node built with h(), not a string", name, m[0])
				}
			}
		}
	}
	// The guard itself must catch the obvious cases.
	for _, bad := range []string{"el.innerHTML = r.text;", "el.innerHTML = `<b>${x}</b>`;", "el.innerHTML += s;"} {
		m := sinks.FindStringSubmatch(bad)
		if m == nil || literal.MatchString(strings.TrimSpace(m[1])) {
			t.Errorf("the guard misses %q", bad)
		}
	}
}

func staticFS(t *testing.T) fs.FS {
	t.Helper()
	sub, err := fs.Sub(static, "static")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// ownScripts lists our static files (not vendor/) with the extensions.
func ownScripts(t *testing.T, exts ...string) []string {
	t.Helper()
	var names []string
	err := fs.WalkDir(staticFS(t), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && name == "vendor" {
			return fs.SkipDir
		}
		for _, ext := range exts {
			if !d.IsDir() && path.Ext(name) == ext {
				names = append(names, name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no static files found")
	}
	return names
}

// TestVendoredLicences checks that every vendored library ships its
// licence and is credited in NOTICE.
func TestVendoredLicences(t *testing.T) {
	notice, err := os.ReadFile("../../NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(staticFS(t), "vendor")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, err := fs.Stat(staticFS(t), path.Join("vendor", e.Name(), "LICENSE")); err != nil {
			t.Errorf("vendor/%s has no LICENSE", e.Name())
		}
		if !strings.Contains(strings.ToLower(string(notice)), strings.ToLower(e.Name())) {
			t.Errorf("NOTICE does not credit %s", e.Name())
		}
	}
}
