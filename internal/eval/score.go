package eval

import (
	"math"
	"sort"
	"strconv"
)

// earthRadiusKm is the mean Earth radius (IUGG) used by score.py.
const earthRadiusKm = 6371.0088

// Hit radii in km: a prediction hits when its distance is at most this.
const (
	hit25Km  = 25.0
	hit161Km = 161.0
)

// Metrics is one row of the score: counts over a set of gold records and
// the rates derived from them. A rate is nil when its denominator is 0.
type Metrics struct {
	// N is the number of gold records.
	N int
	// WithPredLine is how many of them have a valid prediction line.
	WithPredLine int
	// NGeo is how many have a gold point; the geo rates are over NGeo.
	NGeo int
	// Covered is how many of those have a chosen event with a valid point.
	Covered int
	// Hit25 and Hit161 count chosen points within 25 and 161 km of the
	// nearest gold point.
	Hit25, Hit161 int
	// NDate is how many have a gold date; DateExactRate is over NDate.
	NDate int
	// DateExact counts chosen dates equal to one of the gold dates.
	DateExact int

	Coverage, Acc25, Acc161, DateExactRate *float64
	// MedianKm is the median distance over the covered records, rounded to
	// 3 decimals, or nil when none is covered.
	MedianKm *float64
}

// Buckets holds the metrics for all records and for the records with
// place_in_text.
type Buckets struct {
	All         Metrics
	PlaceInText Metrics
}

// DatasetResult holds the metrics of one gold dataset.
type DatasetResult struct {
	Dataset string
	Buckets
}

// Result is the outcome of Score.
type Result struct {
	// NGold is the number of gold records.
	NGold int
	// PerDataset holds one entry per gold dataset, sorted by name.
	PerDataset []DatasetResult
	// Overall covers every gold record.
	Overall Buckets
	// GoldWithoutPredictionLine counts gold records with no valid
	// prediction line.
	GoldWithoutPredictionLine int
}

// accumulator gathers the counts of one Metrics and its distances.
type accumulator struct {
	m        Metrics
	errorsKm []float64
}

func (a *accumulator) add(g Gold, hasLine bool, c *Choice) {
	a.m.N++
	if hasLine {
		a.m.WithPredLine++
	}
	if len(g.Points) > 0 {
		a.m.NGeo++
		if c != nil && c.Point != nil {
			a.m.Covered++
			km := math.Inf(1)
			for _, q := range g.Points {
				km = math.Min(km, haversineKm(c.Point.Lat, c.Point.Lon, q.Lat, q.Lon))
			}
			a.errorsKm = append(a.errorsKm, km)
			if km <= hit25Km {
				a.m.Hit25++
			}
			if km <= hit161Km {
				a.m.Hit161++
			}
		}
	}
	if len(g.Dates) > 0 {
		a.m.NDate++
		if c != nil && c.Date != "" {
			for _, d := range g.Dates {
				if d == c.Date {
					a.m.DateExact++
					break
				}
			}
		}
	}
}

func (a *accumulator) finish() Metrics {
	m := a.m
	m.Coverage = ratio(m.Covered, m.NGeo)
	m.Acc25 = ratio(m.Hit25, m.NGeo)
	m.Acc161 = ratio(m.Hit161, m.NGeo)
	m.DateExactRate = ratio(m.DateExact, m.NDate)
	if len(a.errorsKm) > 0 {
		med := round3(median(a.errorsKm))
		m.MedianKm = &med
	}
	return m
}

type bucketAcc struct {
	all, placeInText accumulator
}

func (b *bucketAcc) add(g Gold, hasLine bool, c *Choice) {
	b.all.add(g, hasLine, c)
	if g.PlaceInText {
		b.placeInText.add(g, hasLine, c)
	}
}

func (b *bucketAcc) finish() Buckets {
	return Buckets{All: b.all.finish(), PlaceInText: b.placeInText.finish()}
}

// Score scores the chosen events against the gold records like score.py:
// a record whose id is not in choices, or whose choice is nil or lacks a
// point or date, is a miss. Choices for ids not in gold are ignored.
func Score(gold []Gold, choices map[string]*Choice) Result {
	per := map[string]*bucketAcc{}
	var overall bucketAcc
	res := Result{NGold: len(gold)}
	for _, g := range gold {
		ds := per[g.Dataset]
		if ds == nil {
			ds = &bucketAcc{}
			per[g.Dataset] = ds
		}
		c, hasLine := choices[g.ID]
		if !hasLine {
			res.GoldWithoutPredictionLine++
		}
		ds.add(g, hasLine, c)
		overall.add(g, hasLine, c)
	}
	names := make([]string, 0, len(per))
	for name := range per {
		names = append(names, name)
	}
	sort.Strings(names) // byte order is code point order, as in Python
	for _, name := range names {
		res.PerDataset = append(res.PerDataset, DatasetResult{Dataset: name, Buckets: per[name].finish()})
	}
	res.Overall = overall.finish()
	return res
}

// haversineKm is score.py's great-circle distance, operation for operation.
// Python squares with pow(x, 2.0) and takes sin, cos and asin from the C
// library; Go's math functions and x*x can differ from those in the last
// bit, so a distance can differ from Python's by an ulp or two.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	p1, p2 := radians(lat1), radians(lat2)
	dp, dl := p2-p1, radians(lon2-lon1)
	s1, s2 := math.Sin(dp/2), math.Sin(dl/2)
	// The conversions stop the compiler from fusing a multiply and an add
	// into one FMA instruction, which Python never does.
	h := float64(s1*s1) + float64(math.Cos(p1)*math.Cos(p2)*float64(s2*s2))
	return 2 * earthRadiusKm * math.Asin(math.Min(1.0, math.Sqrt(h)))
}

// radians is Python's math.radians: x * (pi / 180), with the factor
// rounded to a float64 first.
func radians(x float64) float64 {
	pi := math.Pi
	return x * (pi / 180.0)
}

func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

// median is Python's statistics.median: the middle value, or the mean of
// the two middle values.
func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// round3 is Python's round(x, 3): correctly rounded, ties to even on the
// exact binary value.
func round3(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	if err != nil {
		return x // unreachable for finite x
	}
	return r
}
