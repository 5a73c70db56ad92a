// Package geo is farsight's spherical geometry: great-circle distances from
// points to lines (through an s2 edge index, exact to the segment, not to
// its vertices) and point-in-polygon tests on longitude/latitude polygons.
// It does no I/O.
package geo

import (
	"math"
	"sync"

	"github.com/farsight-osint/farsight"
	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// EarthRadiusKm is the mean Earth radius (IUGG), the sphere all distances
// are measured on.
const EarthRadiusKm = 6371.0088

// DistanceKm returns the great-circle (haversine) distance between a and b.
func DistanceKm(a, b farsight.Point) float64 {
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dla, dlo := la2-la1, (b.Lon-a.Lon)*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

func s2Point(lon, lat float64) s2.Point {
	return s2.PointFromLatLng(s2.LatLngFromDegrees(lat, lon))
}

func fromS2(p s2.Point) farsight.Point {
	ll := s2.LatLngFromPoint(p)
	return farsight.Point{Lat: ll.Lat.Degrees(), Lon: ll.Lng.Degrees()}
}

// Lines is a set of polylines indexed for nearest-distance queries on the
// sphere. It is safe for concurrent use.
type Lines struct {
	index    *s2.ShapeIndex
	segments int
	pool     sync.Pool // *s2.EdgeQuery
}

// NewLines indexes the given polylines; lines with fewer than two points
// are ignored.
func NewLines(lines []orb.LineString) *Lines {
	l := &Lines{index: s2.NewShapeIndex()}
	for _, ls := range lines {
		if len(ls) < 2 {
			continue
		}
		pl := make(s2.Polyline, len(ls))
		for i, p := range ls {
			pl[i] = s2Point(p[0], p[1])
		}
		l.index.Add(&pl)
		l.segments += len(ls) - 1
	}
	l.index.Build()
	l.pool.New = func() any {
		return s2.NewClosestEdgeQuery(l.index, s2.NewClosestEdgeQueryOptions().MaxResults(1))
	}
	return l
}

// RingLines returns the rings of a multipolygon as closed polylines.
func RingLines(mp orb.MultiPolygon) []orb.LineString {
	var out []orb.LineString
	for _, poly := range mp {
		for _, ring := range poly {
			out = append(out, orb.LineString(ring))
		}
	}
	return out
}

// Segments returns the number of indexed segments.
func (l *Lines) Segments() int { return l.segments }

// Nearest returns the great-circle distance from p to the nearest point of
// the lines, and that point; ok is false when there are no lines.
func (l *Lines) Nearest(p farsight.Point) (km float64, at farsight.Point, ok bool) {
	if l.segments == 0 {
		return 0, farsight.Point{}, false
	}
	q := l.pool.Get().(*s2.EdgeQuery)
	defer l.pool.Put(q)
	x := s2Point(p.Lon, p.Lat)
	res := q.FindEdges(s2.NewMinDistanceToPointTarget(x))
	if len(res) == 0 || res[0].IsEmpty() {
		return 0, farsight.Point{}, false
	}
	e := l.index.Shape(res[0].ShapeID()).Edge(int(res[0].EdgeID()))
	return s2.DistanceFromSegment(x, e.V0, e.V1).Radians() * EarthRadiusKm, fromS2(s2.Project(x, e.V0, e.V1)), true
}

// Within reports whether some point of the lines is within km of p; it is
// cheaper than Nearest.
func (l *Lines) Within(p farsight.Point, km float64) bool {
	if l.segments == 0 {
		return false
	}
	q := l.pool.Get().(*s2.EdgeQuery)
	defer l.pool.Put(q)
	limit := s1.ChordAngleFromAngle(s1.Angle(km / EarthRadiusKm))
	return q.IsDistanceLess(s2.NewMinDistanceToPointTarget(s2Point(p.Lon, p.Lat)), limit.Successor())
}

// NearestBrute is Nearest by a scan of every segment: the reference the
// index is tested against.
func NearestBrute(lines []orb.LineString, p farsight.Point) (float64, bool) {
	x := s2Point(p.Lon, p.Lat)
	best, ok := math.Inf(1), false
	for _, ls := range lines {
		for i := 1; i < len(ls); i++ {
			a, b := s2Point(ls[i-1][0], ls[i-1][1]), s2Point(ls[i][0], ls[i][1])
			if d := s2.DistanceFromSegment(x, a, b).Radians() * EarthRadiusKm; d < best {
				best, ok = d, true
			}
		}
	}
	return best, ok
}

// Area is a longitude/latitude multipolygon for point-in-polygon tests
// (planar, even-odd with holes, as GeoJSON means it). It is immutable.
type Area struct {
	shape orb.MultiPolygon
	bound orb.Bound
	// parts' bounds, to skip most polygons of a large multipolygon.
	bounds []orb.Bound
}

// NewArea returns an Area of mp.
func NewArea(mp orb.MultiPolygon) *Area {
	a := &Area{shape: mp, bound: mp.Bound()}
	for _, p := range mp {
		a.bounds = append(a.bounds, p.Bound())
	}
	return a
}

// Contains reports whether p lies inside the area (boundary included).
func (a *Area) Contains(p farsight.Point) bool {
	pt := orb.Point{p.Lon, p.Lat}
	if !a.bound.Contains(pt) {
		return false
	}
	for i, poly := range a.shape {
		if a.bounds[i].Contains(pt) && planar.PolygonContains(poly, pt) {
			return true
		}
	}
	return false
}

// Shape returns the area's multipolygon.
func (a *Area) Shape() orb.MultiPolygon { return a.shape }
