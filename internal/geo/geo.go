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
	// Queries keep state (IsDistanceLess sets a distance limit), so
	// Nearest and Within take theirs from pools of their own.
	nearest, within sync.Pool // *s2.EdgeQuery
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
	newQuery := func() any {
		return s2.NewClosestEdgeQuery(l.index, s2.NewClosestEdgeQueryOptions().MaxResults(1))
	}
	l.nearest.New, l.within.New = newQuery, newQuery
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
	q := l.nearest.Get().(*s2.EdgeQuery)
	defer l.nearest.Put(q)
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
	q := l.within.Get().(*s2.EdgeQuery)
	defer l.within.Put(q)
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

// Area is a longitude/latitude multipolygon for point-in-polygon tests:
// planar, even-odd over all rings (so holes are holes, whatever their
// winding), boundary points count as inside only as far as float
// arithmetic puts them. Each ring's edges are bucketed into latitude bands,
// so a test reads only the edges of one band. It is immutable.
type Area struct {
	shape orb.MultiPolygon
	bound orb.Bound
	rings []bandedRing
}

// bandedRing is a ring's edges sorted into bands of latitude.
type bandedRing struct {
	bound       orb.Bound
	minLat, inv float64 // band index = (lat-minLat)*inv
	bands       [][]edge
}

type edge struct{ x1, y1, x2, y2 float64 }

// NewArea returns an Area of mp.
func NewArea(mp orb.MultiPolygon) *Area {
	a := &Area{shape: mp, bound: mp.Bound()}
	for _, poly := range mp {
		for _, ring := range poly {
			if len(ring) < 4 {
				continue
			}
			a.rings = append(a.rings, newBandedRing(ring))
		}
	}
	return a
}

func newBandedRing(ring orb.Ring) bandedRing {
	b := ring.Bound()
	n := max(1, min(len(ring)/8, 512))
	r := bandedRing{bound: b, minLat: b.Min[1], bands: make([][]edge, n)}
	if h := b.Max[1] - b.Min[1]; h > 0 {
		r.inv = float64(n) / h
	}
	for i := 1; i < len(ring); i++ {
		e := edge{ring[i-1][0], ring[i-1][1], ring[i][0], ring[i][1]}
		lo, hi := r.band(min(e.y1, e.y2)), r.band(max(e.y1, e.y2))
		for k := lo; k <= hi; k++ {
			r.bands[k] = append(r.bands[k], e)
		}
	}
	return r
}

func (r *bandedRing) band(lat float64) int {
	return max(0, min(len(r.bands)-1, int((lat-r.minLat)*r.inv)))
}

// crossings counts the edges of the ring a ray from (x, y) eastwards
// crosses.
func (r *bandedRing) crossings(x, y float64) int {
	n := 0
	for _, e := range r.bands[r.band(y)] {
		if (e.y1 > y) != (e.y2 > y) && x < (e.x2-e.x1)*(y-e.y1)/(e.y2-e.y1)+e.x1 {
			n++
		}
	}
	return n
}

// Contains reports whether p lies inside the area.
func (a *Area) Contains(p farsight.Point) bool {
	pt := orb.Point{p.Lon, p.Lat}
	if !a.bound.Contains(pt) {
		return false
	}
	n := 0
	for i := range a.rings {
		if a.rings[i].bound.Contains(pt) {
			n += a.rings[i].crossings(p.Lon, p.Lat)
		}
	}
	return n%2 == 1
}

// Shape returns the area's multipolygon.
func (a *Area) Shape() orb.MultiPolygon { return a.shape }
