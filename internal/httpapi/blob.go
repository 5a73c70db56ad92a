package httpapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// blob is an encoded response kept in memory: the body, a gzipped copy,
// and a strong ETag for each.
type blob struct {
	contentType  string
	cacheControl string
	body, gz     []byte
	etag, etagGz string
}

// newBlob encodes body once, gzipped too.
func newBlob(contentType, cacheControl string, body []byte) (*blob, error) {
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:12])
	return &blob{contentType: contentType, cacheControl: cacheControl, body: body, gz: gz.Bytes(),
		etag: `"` + tag + `"`, etagGz: `"` + tag + `-gz"`}, nil
}

// serveBlob writes b, gzipped when the client accepts it, or 304 when the
// client's If-None-Match names the ETag.
func (s *Server) serveBlob(w http.ResponseWriter, r *http.Request, b *blob) {
	body, etag := b.body, b.etag
	h := w.Header()
	h.Set("Vary", "Accept-Encoding")
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, etag = b.gz, b.etagGz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	h.Set("Cache-Control", b.cacheControl)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", b.contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// acceptsGzip reports whether an Accept-Encoding header value accepts
// gzip (not with q=0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if c := strings.ToLower(strings.TrimSpace(coding)); c != "gzip" && c != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if strings.HasPrefix(q, "q=") {
			if v, err := strconv.ParseFloat(strings.TrimPrefix(q, "q="), 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// etagMatches reports whether an If-None-Match header value names etag
// (weak comparison, as RFC 9110 asks for If-None-Match), or is "*".
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// blobOnce builds a blob on first use and keeps it; a failed build is
// tried again on the next use.
type blobOnce struct {
	mu sync.Mutex
	b  *blob
}

func (o *blobOnce) get(build func() (*blob, error)) (*blob, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.b != nil {
		return o.b, nil
	}
	b, err := build()
	if err != nil {
		return nil, err
	}
	o.b = b
	return b, nil
}
