package main

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	"github.com/paulmach/orb"
)

// Simplification works on integer positions so that its result does not
// depend on floating-point rounding (or on the platform fusing
// multiply-adds): every distance comparison is exact.

// ipt is a position in units of 1e-4 degree.
type ipt struct{ x, y int64 }

const unitsPerDegree = 1e4

func quantize(lon, lat float64) ipt {
	return ipt{int64(math.Round(lon * unitsPerDegree)), int64(math.Round(lat * unitsPerDegree))}
}

func (p ipt) point() orb.Point {
	return orb.Point{float64(p.x) / unitsPerDegree, float64(p.y) / unitsPerDegree}
}

func cmpPt(a, b ipt) int {
	if c := cmp.Compare(a.x, b.x); c != 0 {
		return c
	}
	return cmp.Compare(a.y, b.y)
}

// quantizeMultiPolygon rounds positions to 1e-4 degree and returns open
// rings (no closing position) without consecutive duplicates. Rings left
// with fewer than 3 positions are dropped, and so is a polygon whose
// exterior ring is dropped; dropped counts them.
func quantizeMultiPolygon(mp [][][][]float64) (out [][][]ipt, dropped int) {
	for _, p := range mp {
		var poly [][]ipt
		for j, r := range p {
			var ring []ipt
			for _, pos := range r {
				q := quantize(pos[0], pos[1])
				if len(ring) == 0 || ring[len(ring)-1] != q {
					ring = append(ring, q)
				}
			}
			for len(ring) > 1 && ring[len(ring)-1] == ring[0] {
				ring = ring[:len(ring)-1]
			}
			if len(ring) < 3 {
				dropped++
				if j == 0 {
					dropped += len(p) - 1
					break
				}
				continue
			}
			poly = append(poly, ring)
		}
		if len(poly) > 0 {
			out = append(out, poly)
		}
	}
	return out, dropped
}

// ringArea2 returns twice the signed area of an open ring (positive when
// counter-clockwise), exactly.
func ringArea2(r []ipt) int64 {
	var sum int64
	o := r[0]
	for i := 1; i+1 < len(r); i++ {
		sum += (r[i].x-o.x)*(r[i+1].y-o.y) - (r[i+1].x-o.x)*(r[i].y-o.y)
	}
	return sum
}

type simplifyStats struct {
	pointsBefore, pointsAfter int
	junctions                 int
	rawArcs                   int
}

// arcKey identifies an arc in its canonical direction.
type arcKey struct {
	first, second, last ipt
	n                   int
}

// simplifyShared simplifies every ring of shapes (a list of multipolygons
// of open rings) in place with Douglas-Peucker at tolerance tol, keeping
// boundaries that several rings share identical in all of them.
//
// As in TopoJSON, a junction is a position that occurs in several rings
// with different neighbours. Rings are cut into arcs at junctions; every
// arc is simplified in a canonical direction with its ends fixed, so an
// arc shared by two regions comes out the same in both and no gaps or
// overlaps open between neighbours. A ring without junctions is one closed
// arc starting at its smallest position. When a simplified ring is
// degenerate (fewer than 3 positions) or crosses itself, its arcs are kept
// unsimplified everywhere and everything is simplified again.
func simplifyShared(shapes [][][][]ipt, tol int64) simplifyStats {
	var st simplifyStats
	junction := findJunctions(shapes)
	st.junctions = len(junction)
	tol2 := tol * tol
	raw := map[arcKey]bool{}
	var out [][][][]ipt
	for {
		out = make([][][][]ipt, len(shapes))
		grew := false
		for i, mp := range shapes {
			out[i] = make([][][]ipt, len(mp))
			for j, p := range mp {
				out[i][j] = make([][]ipt, len(p))
				for k, r := range p {
					s, keys := simplifyRing(r, junction, raw, tol2)
					if !ringSimple(s) {
						for _, key := range keys {
							if !raw[key] {
								raw[key] = true
								grew = true
							}
						}
					}
					out[i][j][k] = s
				}
			}
		}
		if !grew {
			break
		}
	}
	for i := range shapes {
		for _, p := range shapes[i] {
			for _, r := range p {
				st.pointsBefore += len(r) + 1
			}
		}
		shapes[i] = out[i]
		for _, p := range shapes[i] {
			for _, r := range p {
				st.pointsAfter += len(r) + 1
			}
		}
	}
	st.rawArcs = len(raw)
	return st
}

// findJunctions returns the positions that occur in rings with different
// neighbours.
func findJunctions(shapes [][][][]ipt) map[ipt]bool {
	type neighbours struct {
		a, b     ipt
		junction bool
	}
	seen := map[ipt]*neighbours{}
	for _, mp := range shapes {
		for _, p := range mp {
			for _, r := range p {
				n := len(r)
				for i, q := range r {
					a, b := r[(i+n-1)%n], r[(i+1)%n]
					if cmpPt(a, b) > 0 {
						a, b = b, a
					}
					if s, ok := seen[q]; !ok {
						seen[q] = &neighbours{a: a, b: b}
					} else if s.a != a || s.b != b {
						s.junction = true
					}
				}
			}
		}
	}
	out := map[ipt]bool{}
	for q, s := range seen {
		if s.junction {
			out[q] = true
		}
	}
	return out
}

// simplifyRing simplifies one open ring arc by arc. It returns the open
// simplified ring and the keys of its arcs.
func simplifyRing(r []ipt, junction map[ipt]bool, raw map[arcKey]bool, tol2 int64) ([]ipt, []arcKey) {
	n := len(r)
	var js []int
	for i, q := range r {
		if junction[q] {
			js = append(js, i)
		}
	}
	if len(js) == 0 {
		k := 0
		for i := range r {
			if cmpPt(r[i], r[k]) < 0 {
				k = i
			}
		}
		js = []int{k}
	}
	var out []ipt
	var keys []arcKey
	for a, i := range js {
		j := js[(a+1)%len(js)]
		var arc []ipt
		if j > i {
			arc = r[i : j+1]
		} else {
			arc = make([]ipt, 0, n-i+j+1)
			arc = append(arc, r[i:]...)
			arc = append(arc, r[:j+1]...)
		}
		s, key := simplifyArc(arc, raw, tol2)
		out = append(out, s[:len(s)-1]...)
		keys = append(keys, key)
	}
	return out, keys
}

// simplifyArc simplifies an arc (at least 2 positions) in its canonical
// direction: from the smaller end, or for a closed arc towards the smaller
// of the two neighbours of its end.
func simplifyArc(arc []ipt, raw map[arcKey]bool, tol2 int64) ([]ipt, arcKey) {
	m := len(arc) - 1
	c := cmpPt(arc[0], arc[m])
	rev := c > 0 || c == 0 && m >= 2 && cmpPt(arc[1], arc[m-1]) > 0
	canon := arc
	if rev {
		canon = slices.Clone(arc)
		slices.Reverse(canon)
	}
	key := arcKey{first: canon[0], second: canon[1], last: canon[m], n: len(canon)}
	s := canon
	if !raw[key] {
		s = douglasPeucker(canon, tol2)
	}
	if rev {
		s = slices.Clone(s)
		slices.Reverse(s)
	}
	return s, key
}

// douglasPeucker keeps the ends of pts and every position farther than
// sqrt(tol2) from the segment between the kept positions around it
// (distance to the segment, not to its line).
func douglasPeucker(pts []ipt, tol2 int64) []ipt {
	last := len(pts) - 1
	keep := make([]bool, len(pts))
	keep[0], keep[last] = true, true
	stack := [][2]int{{0, last}}
	for len(stack) > 0 {
		i, j := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		if j-i < 2 {
			continue
		}
		a, b := pts[i], pts[j]
		dx, dy := b.x-a.x, b.y-a.y
		l2 := dx*dx + dy*dy
		best := -1
		var bestD u128
		for k := i + 1; k < j; k++ {
			if d := segDist(pts[k], a, b, dx, dy, l2); best < 0 || bestD.less(d) {
				best, bestD = k, d
			}
		}
		limit := u128{lo: uint64(tol2)}
		if l2 > 0 {
			limit = mul(uint64(tol2), uint64(l2))
		}
		if limit.less(bestD) {
			keep[best] = true
			stack = append(stack, [2]int{i, best}, [2]int{best, j})
		}
	}
	out := make([]ipt, 0, 16)
	for k, q := range pts {
		if keep[k] {
			out = append(out, q)
		}
	}
	return out
}

// segDist returns the squared distance from p to the segment a-b (with
// d = b-a and l2 = |d|²), times l2 when l2 > 0.
func segDist(p, a, b ipt, dx, dy, l2 int64) u128 {
	px, py := p.x-a.x, p.y-a.y
	if l2 == 0 {
		return u128{lo: uint64(px*px + py*py)}
	}
	t := px*dx + py*dy
	switch {
	case t <= 0:
		return mul(uint64(px*px+py*py), uint64(l2))
	case t >= l2:
		qx, qy := p.x-b.x, p.y-b.y
		return mul(uint64(qx*qx+qy*qy), uint64(l2))
	}
	c := px*dy - py*dx
	if c < 0 {
		c = -c
	}
	return mul(uint64(c), uint64(c))
}

// u128 is an unsigned 128-bit integer.
type u128 struct{ hi, lo uint64 }

func mul(a, b uint64) u128 {
	hi, lo := bits.Mul64(a, b)
	return u128{hi, lo}
}

func (u u128) less(v u128) bool {
	return u.hi < v.hi || u.hi == v.hi && u.lo < v.lo
}

// ringSimple reports whether an open ring has at least 3 distinct
// positions, no repeated position and no two edges that touch or cross
// other than adjacent edges at their shared vertex.
func ringSimple(r []ipt) bool {
	n := len(r)
	if n < 3 {
		return false
	}
	sorted := slices.Clone(r)
	slices.SortFunc(sorted, cmpPt)
	for i := 1; i < n; i++ {
		if sorted[i] == sorted[i-1] {
			return false
		}
	}
	// Adjacent edges folding back onto each other.
	for i := range n {
		a, b, c := r[i], r[(i+1)%n], r[(i+2)%n]
		if orient(a, b, c) == 0 && (a.x-b.x)*(c.x-b.x)+(a.y-b.y)*(c.y-b.y) > 0 {
			return false
		}
	}
	// Sweep the edges in order of their smallest x.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	minX := func(i int) int64 { return min(r[i].x, r[(i+1)%n].x) }
	maxX := func(i int) int64 { return max(r[i].x, r[(i+1)%n].x) }
	slices.SortFunc(order, func(i, j int) int { return cmp.Compare(minX(i), minX(j)) })
	for oi, i := range order {
		hi := maxX(i)
		for _, j := range order[oi+1:] {
			if minX(j) > hi {
				break
			}
			if j == (i+1)%n || i == (j+1)%n {
				continue
			}
			if segmentsTouch(r[i], r[(i+1)%n], r[j], r[(j+1)%n]) {
				return false
			}
		}
	}
	return true
}

func orient(a, b, c ipt) int {
	v := (b.x-a.x)*(c.y-a.y) - (b.y-a.y)*(c.x-a.x)
	return cmp.Compare(v, 0)
}

// onSegment reports whether c, collinear with a-b, lies on the segment.
func onSegment(a, b, c ipt) bool {
	return min(a.x, b.x) <= c.x && c.x <= max(a.x, b.x) && min(a.y, b.y) <= c.y && c.y <= max(a.y, b.y)
}

// segmentsTouch reports whether the closed segments p1-p2 and p3-p4 share
// a point.
func segmentsTouch(p1, p2, p3, p4 ipt) bool {
	o1, o2 := orient(p1, p2, p3), orient(p1, p2, p4)
	o3, o4 := orient(p3, p4, p1), orient(p3, p4, p2)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	return o1 == 0 && onSegment(p1, p2, p3) || o2 == 0 && onSegment(p1, p2, p4) ||
		o3 == 0 && onSegment(p3, p4, p1) || o4 == 0 && onSegment(p3, p4, p2)
}
