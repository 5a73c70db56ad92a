package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/farsight-osint/farsight"
)

// get with extra request headers.
func (e *env) getWith(target string, header ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return e.do(req)
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type multiPolygonFeature struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
	Geometry   struct {
		Type        string           `json:"type"`
		Coordinates [][][][2]float64 `json:"coordinates"`
	} `json:"geometry"`
}

// checkPolygons checks RFC 7946 polygon rings: closed, at least four
// positions, in range.
func checkPolygons(t *testing.T, f multiPolygonFeature) int {
	t.Helper()
	if f.Type != "Feature" || f.Geometry.Type != "MultiPolygon" || len(f.Geometry.Coordinates) == 0 {
		t.Fatalf("feature %v: type %q, geometry %q with %d polygons", f.Properties, f.Type, f.Geometry.Type, len(f.Geometry.Coordinates))
	}
	n := 0
	for _, poly := range f.Geometry.Coordinates {
		for _, ring := range poly {
			if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
				t.Fatalf("feature %v: ring of %d positions, closed %v", f.Properties, len(ring), ring[0] == ring[len(ring)-1])
			}
			for _, p := range ring {
				if !(farsight.Point{Lat: p[1], Lon: p[0]}).Valid() {
					t.Fatalf("feature %v: position %v out of range", f.Properties, p)
				}
			}
			n += len(ring)
		}
	}
	return n
}

func TestBasemap(t *testing.T) {
	e := newEnv(t)
	w := e.get("/api/v1/basemap")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/geo+json" || w.Header().Get("Content-Encoding") != "" {
		t.Fatalf("got %d, %v", w.Code, w.Header())
	}
	plain := w.Body.Bytes()
	if len(plain) > 1500<<10 {
		t.Errorf("basemap is %d bytes, want under 1.5 MB", len(plain))
	}
	var fc struct {
		Type     string                `json:"type"`
		Features []multiPolygonFeature `json:"features"`
	}
	if err := json.Unmarshal(plain, &fc); err != nil {
		t.Fatal(err)
	}
	layers := map[string]int{}
	positions := 0
	countries := map[string]bool{}
	for _, f := range fc.Features {
		positions += checkPolygons(t, f)
		layer, _ := f.Properties["layer"].(string)
		layers[layer]++
		if name, _ := f.Properties["name"].(string); name == "" {
			t.Errorf("feature without a name: %v", f.Properties)
		}
		if layer == "region" {
			c, _ := f.Properties["country"].(string)
			countries[c] = true
		}
	}
	if layers["region"] < 500 || layers["sea"] < 10 || layers["ukraine"] != 1 || len(layers) != 3 {
		t.Errorf("got layers %v", layers)
	}
	if !countries["UA"] || !countries["RU"] || !countries["BY"] {
		t.Errorf("got region countries %v", countries)
	}
	t.Logf("basemap: %d features, %d positions, %d bytes", len(fc.Features), positions, len(plain))

	// Gzipped, with ETags and caching.
	wz := e.getWith("/api/v1/basemap", "Accept-Encoding", "gzip, deflate")
	if wz.Header().Get("Content-Encoding") != "gzip" || wz.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("got headers %v", wz.Header())
	}
	if !bytes.Equal(gunzip(t, wz.Body.Bytes()), plain) {
		t.Error("gzipped basemap differs")
	}
	t.Logf("basemap gzipped: %d bytes", wz.Body.Len())
	etag, etagGz := w.Header().Get("ETag"), wz.Header().Get("ETag")
	if etag == "" || etag == etagGz || etag[0] != '"' {
		t.Errorf("got ETags %q and %q", etag, etagGz)
	}
	if cc := w.Header().Get("Cache-Control"); cc != "public, max-age=86400" {
		t.Errorf("got Cache-Control %q", cc)
	}
	if w := e.getWith("/api/v1/basemap", "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-None-Match: got %d with %d bytes", w.Code, w.Body.Len())
	}
	if w := e.getWith("/api/v1/basemap", "Accept-Encoding", "gzip;q=0"); w.Header().Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 got gzip")
	}
}

func TestFrontline(t *testing.T) {
	e := newEnv(t)
	first := e.srv.Geo.Snapshots[0].Date
	wantError(t, e.get("/api/v1/frontline?date=2022-01-01"), http.StatusNotFound, farsight.ENOTFOUND, "no front-line snapshot on or before 2022-01-01 (the first is of "+first+")")

	for _, tc := range []struct{ date, want string }{
		{first, first},
		{"2024-11-06", latestOn(e, "2024-11-06")},
		{"2099-01-01", e.srv.Geo.Snapshots[len(e.srv.Geo.Snapshots)-1].Date},
		{"", e.srv.Geo.Snapshots[len(e.srv.Geo.Snapshots)-1].Date},
	} {
		w := e.get("/api/v1/frontline?date=" + tc.date)
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/geo+json" {
			t.Fatalf("%s: got %d %s", tc.date, w.Code, w.Body)
		}
		var f multiPolygonFeature
		decode(t, w, &f)
		checkPolygons(t, f)
		if f.Properties["date"] != tc.want || f.Properties["source"] == "" {
			t.Errorf("%s: got properties %v, want date %s", tc.date, f.Properties, tc.want)
		}
	}
	w := e.get("/api/v1/frontline?date=2024-11-06")
	if w2 := e.getWith("/api/v1/frontline?date=2024-11-06", "If-None-Match", w.Header().Get("ETag")); w2.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: got %d", w2.Code)
	}

	// An imported snapshot replaces the bundled one of its date.
	e2 := newEnv(t)
	geom := `{"type":"MultiPolygon","coordinates":[[[[37,47],[38,47],[38,48],[37,47]]]]}`
	if err := e2.srv.Frontline.SaveFrontlineSnapshots(t.Context(), []*farsight.FrontlineSnapshot{{Date: "2024-11-06", Source: "mine", Geometry: json.RawMessage(geom)}}); err != nil {
		t.Fatal(err)
	}
	var f struct {
		Properties map[string]string `json:"properties"`
		Geometry   json.RawMessage   `json:"geometry"`
	}
	e2.getJSON("/api/v1/frontline?date=2024-11-07", &f)
	if f.Properties["date"] != "2024-11-06" || f.Properties["source"] != "mine" || string(f.Geometry) != geom {
		t.Errorf("got %v %s", f.Properties, f.Geometry)
	}
}

func latestOn(e *env, date string) string {
	out := ""
	for _, s := range e.srv.Geo.Snapshots {
		if s.Date <= date {
			out = s.Date
		}
	}
	return out
}
