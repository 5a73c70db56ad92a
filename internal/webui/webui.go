// Package webui serves farsight's web interface: a map of the events, a
// time slider and filters, the front line of the selected date, an event
// panel and the reach-over-time chart. The page is static HTML, CSS and
// JavaScript modules with a vendored copy of Leaflet, embedded in the
// binary; everything it shows comes from the JSON API (/api/v1), and
// nothing is loaded from the network (see docs/ui.md).
package webui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// Header values for the page. The content security policy allows only the
// page's own scripts, styles, images and API, so that neither a forgotten
// URL nor injected markup can reach the network; style attributes stay
// allowed because Leaflet positions its layers with them.
const (
	contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	cacheRevalidate = "no-cache"
	cacheImmutable  = "public, max-age=31536000, immutable"
)

// contentTypes maps the extensions of the static files to their types; the
// system's MIME tables are not consulted, so the answer is the same on every
// machine. Files with other extensions are served as octet streams.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".json": "application/json",
	".txt":  "text/plain; charset=utf-8",
	"":      "text/plain; charset=utf-8", // LICENSE
}

// asset is one file as served.
type asset struct {
	body        []byte
	contentType string
	// hash is the hex SHA-256 of body (shortened); the ETag quotes it, and
	// the page refers to the file as name?v=hash.
	hash string
}

func (a *asset) etag() string { return `"` + a.hash + `"` }

// Handler returns the handler of the embedded web UI: index.html at "/",
// every other file under its path below static/ ("/app.js",
// "/vendor/leaflet/leaflet.js"). Mount it at the root of the server beside
// the API.
func Handler() http.Handler {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	h, err := NewHandler(sub)
	if err != nil {
		panic(err) // caught by TestHandler
	}
	return h
}

// NewHandler returns a handler serving the files of fsys, which must hold
// index.html. The files are read once. index.html is a template whose
// {{asset "name"}} calls give the URL of a file with its content hash, so
// that those URLs can be cached for good; every other URL is revalidated
// by its ETag.
func NewHandler(fsys fs.FS) (http.Handler, error) {
	h := &handler{assets: map[string]*asset{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || name == "index.html" || strings.HasPrefix(path.Base(name), ".") {
			return nil
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		h.assets[name] = newAsset(name, body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web UI assets: %w", err)
	}
	page, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return nil, fmt.Errorf("web UI assets: %w", err)
	}
	tmpl, err := template.New("index.html").Funcs(template.FuncMap{"asset": h.assetURL}).Parse(string(page))
	if err != nil {
		return nil, fmt.Errorf("web UI index.html: %w", err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, nil); err != nil {
		return nil, fmt.Errorf("web UI index.html: %w", err)
	}
	h.assets["index.html"] = newAsset("index.html", buf.Bytes())
	return h, nil
}

func newAsset(name string, body []byte) *asset {
	sum := sha256.Sum256(body)
	ct, ok := contentTypes[path.Ext(name)]
	if !ok {
		ct = "application/octet-stream"
	}
	return &asset{body: body, contentType: ct, hash: hex.EncodeToString(sum[:12])}
}

type handler struct {
	assets map[string]*asset
}

// assetURL is the template function {{asset "name"}}: the file's URL,
// relative to the page, with its hash. An unknown name fails the template.
func (h *handler) assetURL(name string) (string, error) {
	a, ok := h.assets[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return name + "?v=" + a.hash, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	a, ok := h.assets[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", a.contentType)
	hd.Set("ETag", a.etag())
	hd.Set("X-Content-Type-Options", "nosniff")
	if v := r.URL.Query().Get("v"); v != "" && v == a.hash {
		hd.Set("Cache-Control", cacheImmutable)
	} else {
		hd.Set("Cache-Control", cacheRevalidate)
	}
	if name == "index.html" {
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("Referrer-Policy", "no-referrer")
	}
	// ServeContent answers If-None-Match with 304 from the ETag set above,
	// and handles HEAD and ranges.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
}
