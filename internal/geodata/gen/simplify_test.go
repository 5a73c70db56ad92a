package main

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestDouglasPeucker(t *testing.T) {
	tests := []struct {
		name string
		in   []ipt
		tol  int64
		want []ipt
	}{
		{"two points", []ipt{{0, 0}, {10, 0}}, 5, []ipt{{0, 0}, {10, 0}}},
		{"within tolerance", []ipt{{0, 0}, {5, 3}, {10, 0}}, 5, []ipt{{0, 0}, {10, 0}}},
		{"on the tolerance", []ipt{{0, 0}, {5, 5}, {10, 0}}, 5, []ipt{{0, 0}, {10, 0}}},
		{"beyond tolerance", []ipt{{0, 0}, {5, 6}, {10, 0}}, 5, []ipt{{0, 0}, {5, 6}, {10, 0}}},
		{"farthest first", []ipt{{0, 0}, {2, 1}, {4, 20}, {6, 1}, {8, 0}, {10, 0}}, 5, []ipt{{0, 0}, {4, 20}, {10, 0}}},
		// Beyond the end of the segment the distance is to the end point.
		{"past the end", []ipt{{0, 0}, {14, 1}, {10, 0}}, 3, []ipt{{0, 0}, {14, 1}, {10, 0}}},
		{"closed arc", []ipt{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, 8, []ipt{{0, 0}, {10, 10}, {0, 0}}},
		{"closed arc collapses", []ipt{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, 5, []ipt{{0, 0}, {0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := douglasPeucker(tt.in, tt.tol*tt.tol); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// wiggle returns points from a to b (excluded) along a noisy line.
func wiggle(rng *rand.Rand, a, b ipt, n int, amp int64) []ipt {
	var out []ipt
	for i := range n {
		out = append(out, ipt{
			a.x + (b.x-a.x)*int64(i)/int64(n) + rng.Int64N(2*amp+1) - amp,
			a.y + (b.y-a.y)*int64(i)/int64(n) + rng.Int64N(2*amp+1) - amp,
		})
	}
	out[0] = a
	return out
}

// TestSimplifySharedBoundary builds two squares that share a noisy edge and
// checks that the shared edge is simplified identically in both.
func TestSimplifySharedBoundary(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	const size = 10_000
	a, b, c, d := ipt{0, 0}, ipt{size, 0}, ipt{size, size}, ipt{0, size}
	e, f := ipt{2 * size, 0}, ipt{2 * size, size}
	// Noise below the step keeps every edge free of crossings.
	shared := wiggle(rng, b, c, 200, 20) // b .. before c
	// Left square counter-clockwise: a → b → (shared) → c → d.
	left := slices.Concat(wiggle(rng, a, b, 100, 10), shared, wiggle(rng, c, d, 100, 10), wiggle(rng, d, a, 100, 10))
	// Right square counter-clockwise: b → e → f → c → (shared reversed) → b.
	rev := slices.Clone(shared[1:])
	slices.Reverse(rev)
	right := slices.Concat(wiggle(rng, b, e, 100, 10), wiggle(rng, e, f, 100, 10), wiggle(rng, f, c, 100, 10), []ipt{c}, rev)
	// Start the right ring elsewhere: the result must not depend on it.
	k := rng.IntN(len(right))
	right = append(right[k:], right[:k]...)

	shapes := [][][][]ipt{{{left}}, {{right}}}
	simplifyShared(shapes, 50)
	l, r := shapes[0][0][0], shapes[1][0][0]
	if len(l) >= len(left) || len(r) >= len(right) {
		t.Fatalf("nothing simplified: %d → %d, %d → %d", len(left), len(l), len(right), len(r))
	}
	// The part of each result between b and c (inclusive) must be the same
	// positions, in opposite order.
	leftPart := between(l, b, c)
	rightPart := between(r, c, b)
	slices.Reverse(rightPart)
	if len(leftPart) < 2 || !slices.Equal(leftPart, rightPart) {
		t.Errorf("shared edge differs:\nleft  %v\nright %v", leftPart, rightPart)
	}
	for _, s := range [][]ipt{l, r} {
		if !ringSimple(s) {
			t.Errorf("simplified ring is not simple: %v", s)
		}
	}
}

// TestSimplifySharedTie has a shared edge whose two farthest positions tie:
// simplified from either end, it would keep a different one.
func TestSimplifySharedTie(t *testing.T) {
	left := []ipt{{-1000, 0}, {0, 0}, {60, 400}, {60, 600}, {0, 1000}, {-1000, 1000}}
	right := []ipt{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {60, 600}, {60, 400}}
	shapes := [][][][]ipt{{{left}}, {{right}}}
	simplifyShared(shapes, 50)
	l, r := shapes[0][0][0], shapes[1][0][0]
	leftPart := between(l, ipt{0, 0}, ipt{0, 1000})
	rightPart := between(r, ipt{0, 1000}, ipt{0, 0})
	slices.Reverse(rightPart)
	if len(leftPart) != 3 || !slices.Equal(leftPart, rightPart) {
		t.Errorf("shared edge differs:\nleft  %v\nright %v", leftPart, rightPart)
	}
}

// between returns the positions of the open ring r from from to to,
// inclusive, going forward.
func between(r []ipt, from, to ipt) []ipt {
	i := slices.Index(r, from)
	if i < 0 {
		return nil
	}
	var out []ipt
	for k := range len(r) {
		q := r[(i+k)%len(r)]
		out = append(out, q)
		if q == to {
			return out
		}
	}
	return nil
}

func TestSimplifyKeepsTinyIsland(t *testing.T) {
	island := []ipt{{0, 0}, {3, 0}, {3, 3}, {0, 3}}
	shapes := [][][][]ipt{{{island}}}
	st := simplifyShared(shapes, 50)
	if got := shapes[0][0][0]; !slices.Equal(got, island) {
		t.Errorf("got %v, want the island unchanged", got)
	}
	if st.rawArcs != 1 {
		t.Errorf("raw arcs %d, want 1", st.rawArcs)
	}
}

func TestRingSimple(t *testing.T) {
	tests := []struct {
		name string
		r    []ipt
		want bool
	}{
		{"square", []ipt{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, true},
		{"triangle", []ipt{{0, 0}, {10, 0}, {0, 10}}, true},
		{"two points", []ipt{{0, 0}, {10, 0}}, false},
		{"bow tie", []ipt{{0, 0}, {10, 10}, {10, 0}, {0, 10}}, false},
		{"repeated vertex", []ipt{{0, 0}, {10, 0}, {5, 5}, {10, 10}, {0, 10}, {5, 5}}, false},
		{"spike", []ipt{{0, 0}, {10, 0}, {20, 0}, {15, 0}, {10, 10}}, false},
		{"vertex on an edge", []ipt{{0, 0}, {10, 0}, {10, 10}, {5, 0}, {0, 10}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ringSimple(tt.r); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQuantizeMultiPolygon(t *testing.T) {
	in := [][][][]float64{
		{ // a square with a duplicate after rounding, and a hole too small to keep
			{{30, 50}, {30.00001, 50}, {30.1, 50}, {30.1, 50.1}, {30, 50.1}, {30, 50}},
			{{30.05, 50.05}, {30.05001, 50.05}, {30.05, 50.05001}, {30.05, 50.05}},
		},
		{ // a polygon whose exterior collapses
			{{31, 50}, {31.00001, 50}, {31, 50.00001}, {31, 50}},
			{{31, 50}, {31.1, 50}, {31, 50.1}, {31, 50}},
		},
	}
	got, dropped := quantizeMultiPolygon(in)
	want := [][][]ipt{{{{300000, 500000}, {301000, 500000}, {301000, 501000}, {300000, 501000}}}}
	if len(got) != 1 || len(got[0]) != 1 || !slices.Equal(got[0][0], want[0][0]) {
		t.Errorf("got %v, want %v", got, want)
	}
	if dropped != 3 {
		t.Errorf("dropped %d, want 3", dropped)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Black Sea", "black-sea"},
		{"Sea of Azov", "sea-of-azov"},
		{"Mediterranean Sea", "mediterranean-sea"},
		{"  Gulf of  Finland ", "gulf-of-finland"},
		{"Bosporus", "bosporus"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
