package httpapi

import (
	"encoding/json"
	"math"
	"net/http"

	"github.com/farsight-osint/farsight"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// Basemap generalisation: Douglas–Peucker tolerance and coordinate
// decimals (0.001° is about 100 m, far below what the tolerance keeps).
const (
	basemapToleranceDeg = 0.01
	basemapDecimals     = 3
)

// basemapFeature is one feature of GET /basemap.
type basemapFeature struct {
	Type       string            `json:"type"`
	Properties basemapProperties `json:"properties"`
	Geometry   multiPolygon      `json:"geometry"`
}

// basemapProperties: layer is "region" (an admin-1 region, with its
// country), "sea" or "ukraine" (Ukraine's internationally recognised
// outline).
type basemapProperties struct {
	Layer   string `json:"layer"`
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	ID      string `json:"id,omitempty"`
}

type multiPolygon struct {
	Type        string           `json:"type"`
	Coordinates orb.MultiPolygon `json:"coordinates"`
}

func (s *Server) handleBasemap(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	b, err := s.basemap.get(s.buildBasemap)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.serveBlob(w, r, b)
}

// buildBasemap encodes the bundled geometry as one FeatureCollection:
// regions, then seas, then Ukraine's outline, simplified and rounded.
func (s *Server) buildBasemap() (*blob, error) {
	if s.Geo == nil {
		return nil, farsight.Errorf(farsight.ENOTFOUND, "this server has no basemap")
	}
	fc := struct {
		Type     string           `json:"type"`
		Features []basemapFeature `json:"features"`
	}{Type: "FeatureCollection"}
	add := func(p basemapProperties, mp orb.MultiPolygon) {
		if g := generalise(mp, basemapToleranceDeg, basemapDecimals); len(g) > 0 {
			fc.Features = append(fc.Features, basemapFeature{Type: "Feature", Properties: p, Geometry: multiPolygon{"MultiPolygon", g}})
		}
	}
	for _, rg := range s.Geo.Regions {
		add(basemapProperties{Layer: "region", Name: rg.Name, Country: rg.Country, ID: rg.ISO}, rg.Shape)
	}
	for _, sea := range s.Geo.Seas {
		add(basemapProperties{Layer: "sea", Name: sea.Name, ID: sea.ID}, sea.Shape)
	}
	add(basemapProperties{Layer: "ukraine", Name: "Ukraine", Country: "UA"}, s.Geo.Ukraine)
	body, err := json.Marshal(fc)
	if err != nil {
		return nil, err
	}
	return newBlob("application/geo+json", "public, max-age=86400", body)
}

// generalise returns a simplified copy of mp (Douglas–Peucker with
// tolerance in degrees) with coordinates rounded to decimals; rings that
// collapse are dropped, and polygons whose exterior collapses.
func generalise(mp orb.MultiPolygon, tolerance float64, decimals int) orb.MultiPolygon {
	scale := math.Pow(10, float64(decimals))
	simplified := simplify.DouglasPeucker(tolerance).MultiPolygon(orb.Clone(mp).(orb.MultiPolygon))
	var out orb.MultiPolygon
	for _, poly := range simplified {
		var p orb.Polygon
		for i, ring := range poly {
			rr := roundRing(ring, scale)
			if len(rr) < 4 {
				if i == 0 {
					break
				}
				continue
			}
			p = append(p, rr)
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// roundRing rounds a ring's positions and drops the repeats rounding
// makes.
func roundRing(ring orb.Ring, scale float64) orb.Ring {
	out := make(orb.Ring, 0, len(ring))
	for _, pt := range ring {
		q := orb.Point{math.Round(pt[0]*scale) / scale, math.Round(pt[1]*scale) / scale}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	return out
}
