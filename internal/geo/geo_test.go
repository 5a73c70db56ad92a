package geo_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestDistanceKm(t *testing.T) {
	// Kyiv to Lviv, and a quarter meridian.
	if d := geo.DistanceKm(farsight.Point{Lat: 50.4501, Lon: 30.5234}, farsight.Point{Lat: 49.8397, Lon: 24.0297}); math.Abs(d-468.0) > 2 {
		t.Errorf("Kyiv-Lviv %.1f km, want about 468", d)
	}
	if d := geo.DistanceKm(farsight.Point{Lat: 0, Lon: 0}, farsight.Point{Lat: 90, Lon: 0}); math.Abs(d-math.Pi/2*geo.EarthRadiusKm) > 1e-6 {
		t.Errorf("quarter meridian %.6f", d)
	}
}

func TestNearestSegmentNotVertex(t *testing.T) {
	// A long segment from 30°E to 40°E at 48°N: its great circle bows
	// north to about 48.11°N at 35°E, so a point at 49°N 35°E is about
	// 99 km from it (0.891° of latitude), and over 370 km from either end.
	l := geo.NewLines([]orb.LineString{{{30, 48}, {40, 48}}})
	p := farsight.Point{Lat: 49, Lon: 35}
	km, at, ok := l.Nearest(p)
	if !ok || math.Abs(km-99.1) > 0.5 || math.Abs(at.Lon-35) > 0.01 || at.Lat < 48.1 {
		t.Fatalf("got %.2f km at %v, want ~99.1 km at 48.11°N 35°E", km, at)
	}
	if d := geo.DistanceKm(p, at); math.Abs(d-km) > 1e-6 {
		t.Fatalf("distance to the nearest point %.6f differs from %.6f", d, km)
	}
	if v := geo.DistanceKm(p, farsight.Point{Lat: 48, Lon: 30}); v < 370 {
		t.Fatalf("vertex distance %.1f", v)
	}
	if !l.Within(p, 100) || l.Within(p, 98) {
		t.Fatal("Within disagrees with Nearest")
	}
	// A Within query must not limit the next Nearest.
	l.Within(p, 1)
	if km2, _, ok := l.Nearest(p); !ok || km2 != km {
		t.Fatalf("Nearest after Within: %.2f %v, want %.2f", km2, ok, km)
	}
	if _, _, ok := geo.NewLines(nil).Nearest(farsight.Point{}); ok {
		t.Fatal("empty lines gave a distance")
	}
}

// TestNearestDifferential compares the index with a scan of all segments
// on random lines and points.
func TestNearestDifferential(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	var lines []orb.LineString
	for range 30 {
		var ls orb.LineString
		lon, lat := 22+rng.Float64()*25, 42+rng.Float64()*12
		for range 2 + rng.IntN(80) {
			lon += rng.NormFloat64() * 0.3
			lat += rng.NormFloat64() * 0.2
			ls = append(ls, orb.Point{lon, lat})
		}
		lines = append(lines, ls)
	}
	idx := geo.NewLines(lines)
	for range 2000 {
		p := farsight.Point{Lat: 35 + rng.Float64()*30, Lon: 10 + rng.Float64()*50}
		got, _, _ := idx.Nearest(p)
		want, _ := geo.NearestBrute(lines, p)
		if math.Abs(got-want) > 1e-6*math.Max(1, want) {
			t.Fatalf("point %v: index %.9f km, brute force %.9f km", p, got, want)
		}
	}
}

func TestAreaContains(t *testing.T) {
	// A square with a square hole.
	a := geo.NewArea(orb.MultiPolygon{{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}},
	}})
	for _, tc := range []struct {
		p    farsight.Point
		want bool
	}{
		{farsight.Point{Lat: 1, Lon: 1}, true},
		{farsight.Point{Lat: 5, Lon: 5}, false},
		{farsight.Point{Lat: 11, Lon: 5}, false},
		{farsight.Point{Lat: 5, Lon: -1}, false},
	} {
		if got := a.Contains(tc.p); got != tc.want {
			t.Errorf("Contains(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}

func BenchmarkNearest(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ls orb.LineString
	lon, lat := 30.0, 47.0
	for range 10000 {
		lon += rng.NormFloat64() * 0.01
		lat += rng.NormFloat64() * 0.01
		ls = append(ls, orb.Point{lon, lat})
	}
	l := geo.NewLines([]orb.LineString{ls})
	b.ResetTimer()
	for b.Loop() {
		l.Nearest(farsight.Point{Lat: 40 + rng.Float64()*15, Lon: 25 + rng.Float64()*25})
	}
}

// TestAreaDifferential compares the banded test with orb's planar one on a
// random star-shaped polygon with a hole (seed logged).
func TestAreaDifferential(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 11))
	ring := func(cx, cy, r float64, n int) orb.Ring {
		var out orb.Ring
		for i := range n {
			a := 2 * math.Pi * float64(i) / float64(n)
			rr := r * (0.5 + rng.Float64())
			out = append(out, orb.Point{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
		}
		return append(out, out[0])
	}
	poly := orb.Polygon{ring(35, 48, 4, 3000), ring(35, 48, 0.5, 200)}
	a := geo.NewArea(orb.MultiPolygon{poly})
	for range 20000 {
		p := farsight.Point{Lat: 42 + rng.Float64()*12, Lon: 29 + rng.Float64()*12}
		if got, want := a.Contains(p), planar.PolygonContains(poly, orb.Point{p.Lon, p.Lat}); got != want {
			t.Fatalf("point %v: banded %v, planar %v", p, got, want)
		}
	}
}
