package main

import (
	"encoding/json"
	"math"
)

// geometry is a GeoJSON Polygon or MultiPolygon ([lon, lat] positions).
type geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

type latLon struct{ lat, lon float64 }

// polygon is a list of rings: the outer ring first, then holes. Positions
// are [lon, lat].
type polygon [][][2]float64

// polygons returns the polygons of a Polygon or MultiPolygon, nil for other
// types or bad coordinates.
func (g geometry) polygons() []polygon {
	switch g.Type {
	case "Polygon":
		var p polygon
		if json.Unmarshal(g.Coordinates, &p) != nil {
			return nil
		}
		return []polygon{p}
	case "MultiPolygon":
		var ps []polygon
		if json.Unmarshal(g.Coordinates, &ps) != nil {
			return nil
		}
		return ps
	}
	return nil
}

// ringArea returns the signed planar area and the area centroid of a ring,
// in degrees with longitude scaled by cos(lat0).
func ringArea(ring [][2]float64, cosLat float64) (area, cx, cy float64) {
	n := len(ring)
	for i := 0; i < n; i++ {
		x0, y0 := ring[i][0]*cosLat, ring[i][1]
		x1, y1 := ring[(i+1)%n][0]*cosLat, ring[(i+1)%n][1]
		c := x0*y1 - x1*y0
		area += c
		cx += (x0 + x1) * c
		cy += (y0 + y1) * c
	}
	area /= 2
	if area != 0 {
		cx /= 6 * area
		cy /= 6 * area
	}
	return area, cx / cosLat, cy
}

// polygonArea returns the absolute area of the outer ring minus the holes.
func polygonArea(p polygon, cosLat float64) float64 {
	var a float64
	for i, ring := range p {
		ra, _, _ := ringArea(ring, cosLat)
		if i == 0 {
			a += math.Abs(ra)
		} else {
			a -= math.Abs(ra)
		}
	}
	return a
}

// contains reports whether the point (lon, lat) is inside the polygon
// (even-odd rule over all rings, so holes are excluded).
func (p polygon) contains(lon, lat float64) bool {
	in := false
	for _, ring := range p {
		n := len(ring)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			xi, yi := ring[i][0], ring[i][1]
			xj, yj := ring[j][0], ring[j][1]
			if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
				in = !in
			}
		}
	}
	return in
}

// edgeDistance returns the planar distance (longitude scaled by cosLat) from
// the point to the nearest edge of the polygon.
func (p polygon) edgeDistance(lon, lat, cosLat float64) float64 {
	best := math.Inf(1)
	px, py := lon*cosLat, lat
	for _, ring := range p {
		n := len(ring)
		for i := 0; i < n; i++ {
			ax, ay := ring[i][0]*cosLat, ring[i][1]
			bx, by := ring[(i+1)%n][0]*cosLat, ring[(i+1)%n][1]
			dx, dy := bx-ax, by-ay
			t := 0.0
			if l2 := dx*dx + dy*dy; l2 > 0 {
				t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
			}
			ex, ey := ax+t*dx-px, ay+t*dy-py
			if d := ex*ex + ey*ey; d < best {
				best = d
			}
		}
	}
	return math.Sqrt(best)
}

// interiorPoint returns a representative point inside the largest polygon:
// its area centroid when that lies inside, else the point of a 64×64 grid
// over the polygon's bounding box that is farthest from its edges.
func interiorPoint(ps []polygon) (latLon, bool) {
	var best polygon
	var bestArea float64
	for _, p := range ps {
		if len(p) == 0 || len(p[0]) < 3 {
			continue
		}
		cosLat := math.Cos(p[0][0][1] * math.Pi / 180)
		if a := polygonArea(p, cosLat); a > bestArea {
			best, bestArea = p, a
		}
	}
	if best == nil {
		return latLon{}, false
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pt := range best[0] {
		minX, maxX = math.Min(minX, pt[0]), math.Max(maxX, pt[0])
		minY, maxY = math.Min(minY, pt[1]), math.Max(maxY, pt[1])
	}
	cosLat := math.Cos((minY + maxY) / 2 * math.Pi / 180)
	_, cx, cy := ringArea(best[0], cosLat)
	if best.contains(cx, cy) {
		return latLon{lat: cy, lon: cx}, true
	}
	const steps = 64
	var found bool
	var bestPt latLon
	bestDist := -1.0
	for i := 0; i <= steps; i++ {
		for j := 0; j <= steps; j++ {
			x := minX + (maxX-minX)*(float64(i)+0.5)/(steps+1)
			y := minY + (maxY-minY)*(float64(j)+0.5)/(steps+1)
			if !best.contains(x, y) {
				continue
			}
			if d := best.edgeDistance(x, y, cosLat); d > bestDist {
				bestDist, bestPt, found = d, latLon{lat: y, lon: x}, true
			}
		}
	}
	return bestPt, found
}
