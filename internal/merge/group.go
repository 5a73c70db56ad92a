package merge

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/farsight-osint/farsight"
)

// Group partitions mentions into events.
//
// Fine mentions (a point or settlement and a day or short range) that
// match are one event, transitively. A coarse mention (a region, a
// publication date) joins the event of the fine mentions it matches only
// when they are all in one event; otherwise it stays out, so that a vague
// report cannot chain two strikes together. Coarse mentions left out group
// with the coarse mentions they match. The result depends only on the set
// of mentions: they are processed in Key order.
func (g *Merger) Group(in []*farsight.Mention) [][]*farsight.Mention {
	ms := slices.Clone(in)
	slices.SortFunc(ms, func(a, b *farsight.Mention) int { return strings.Compare(a.Key, b.Key) })
	n := len(ms)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		ri, rj := find(i), find(j)
		if ri != rj {
			parent[max(ri, rj)] = min(ri, rj)
		}
	}

	coarse := make([]bool, n)
	for i, m := range ms {
		m.Link, m.DuplicateOf = "", 0
		coarse[i] = g.Coarse(m)
	}
	// Candidates share a day of their windows: a sweep over day buckets,
	// not every pair.
	buckets := map[int64][]int{}
	window := make([][2]int64, n)
	for i, m := range ms {
		lo, hi, ok := interval(m.Event)
		if !ok || hi-lo > maxSpanDays {
			window[i] = [2]int64{1, 0}
			continue
		}
		window[i] = [2]int64{lo - 1, hi + 1}
		for d := lo; d <= hi; d++ {
			buckets[d] = append(buckets[d], i)
		}
	}
	cands := func(i int) []int {
		var out []int
		for d := window[i][0]; d <= window[i][1]; d++ {
			out = append(out, buckets[d]...)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	// reasons[i] is i's link with its partner of smallest key.
	reasons := make([]string, n)
	link := func(i, j int, why string) {
		if reasons[i] == "" {
			reasons[i] = fmt.Sprintf("with report %d: %s", ms[j].ReportID, why)
		}
	}

	// Fine mentions, transitively.
	for i := range n {
		if coarse[i] {
			continue
		}
		for _, j := range cands(i) {
			if j == i || coarse[j] {
				continue
			}
			if why, ok := match(ms[i], ms[j]); ok {
				link(i, j, why)
				union(i, j)
			}
		}
	}
	// Coarse mentions join the one event they match, if one.
	attached := make([]bool, n)
	for i := range n {
		if !coarse[i] {
			continue
		}
		roots := map[int]bool{}
		first, firstWhy := -1, ""
		for _, j := range cands(i) {
			if coarse[j] {
				continue
			}
			if why, ok := match(ms[i], ms[j]); ok {
				roots[find(j)] = true
				if first < 0 {
					first, firstWhy = j, why
				}
			}
		}
		switch len(roots) {
		case 0:
		case 1:
			link(i, first, firstWhy)
			parent[i] = find(first) // i is still its own root: nothing hangs on it
			attached[i] = true
		default:
			reasons[i] = fmt.Sprintf("%s: matches %d different events", farsight.LinkKeptApart, len(roots))
		}
	}
	// The rest of the coarse mentions, among themselves.
	for i := range n {
		if !coarse[i] || attached[i] {
			continue
		}
		for _, j := range cands(i) {
			if j == i || !coarse[j] || attached[j] {
				continue
			}
			if why, ok := match(ms[i], ms[j]); ok {
				if strings.HasPrefix(reasons[i], farsight.LinkKeptApart) {
					reasons[i] = ""
				}
				link(i, j, why)
				union(i, j)
			}
		}
	}

	byRoot := map[int][]*farsight.Mention{}
	var roots []int
	for i, m := range ms {
		m.Link = reasons[i]
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], m)
	}
	out := make([][]*farsight.Mention, 0, len(roots))
	for _, r := range roots {
		grp := byRoot[r]
		if len(grp) == 1 && !strings.HasPrefix(grp[0].Link, farsight.LinkKeptApart) {
			grp[0].Link = ""
		}
		markDuplicates(grp)
		out = append(out, grp)
	}
	return out
}

// markDuplicates sets DuplicateOf for the reports of a group that nearly
// repeat an earlier one (by publication, then key): syndicated copies.
func markDuplicates(grp []*farsight.Mention) {
	if len(grp) < 2 {
		return
	}
	order := slices.Clone(grp)
	slices.SortFunc(order, func(a, b *farsight.Mention) int {
		return cmp.Or(strings.Compare(a.Published, b.Published), strings.Compare(a.Key, b.Key))
	})
	for i, m := range order {
		if m.Sketch == nil {
			continue
		}
		for j := range i {
			o := order[j]
			if o.DuplicateOf != 0 || o.ReportID == m.ReportID {
				continue
			}
			if similarity(m.Sketch, o.Sketch) >= DuplicateSimilarity {
				m.DuplicateOf = o.ReportID
				break
			}
		}
	}
}
