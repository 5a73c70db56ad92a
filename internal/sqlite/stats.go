package sqlite

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/farsight-osint/farsight"
)

var _ farsight.StatsService = (*StatsService)(nil)

// StatsService computes statistics over the events in SQLite.
type StatsService struct {
	db *DB
}

// NewStatsService returns a StatsService on db.
func NewStatsService(db *DB) *StatsService {
	return &StatsService{db: db}
}

// Reach returns per period and actor the maximum and 90th percentile
// front_km of the actor's strikes on the other side's territory.
func (s *StatsService) Reach(ctx context.Context, f farsight.ReachFilter) ([]farsight.ReachRow, error) {
	period := f.Period
	if period == "" {
		period = "month"
	}
	if period != "month" && period != "week" {
		return nil, farsight.Errorf(farsight.EINVALID, "period %q: want month or week", f.Period)
	}
	where := []any{}
	cond := `e.front_km IS NOT NULL AND e.date != '' AND ((e.actor = 'ukraine' AND e.front_side = 'russian_held') OR (e.actor = 'russia' AND e.front_side = 'ukrainian_held'))`
	for _, b := range []struct {
		v  *string
		op string
	}{{f.From, ">="}, {f.To, "<="}} {
		if b.v == nil {
			continue
		}
		if _, err := time.Parse(time.DateOnly, *b.v); err != nil {
			return nil, farsight.Errorf(farsight.EINVALID, "date %q is not YYYY-MM-DD", *b.v)
		}
		cond += " AND e.date " + b.op + " ?"
		where = append(where, *b.v)
	}
	if f.Actor != nil {
		cond += " AND e.actor = ?"
		where = append(where, string(*f.Actor))
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT e.date, e.actor, e.front_km FROM events e WHERE `+cond+` ORDER BY e.date`, where...)
	if err != nil {
		return nil, fmt.Errorf("reach: %w", err)
	}
	defer rows.Close()
	type key struct{ period, actor string }
	groups := map[key][]float64{}
	var order []key
	for rows.Next() {
		var date, actor string
		var km float64
		if err := rows.Scan(&date, &actor, &km); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.DateOnly, date)
		if err != nil {
			return nil, fmt.Errorf("stored date %q: %w", date, err)
		}
		p := t.Format("2006-01")
		if period == "week" {
			y, w := t.ISOWeek()
			p = fmt.Sprintf("%d-W%02d", y, w)
		}
		k := key{p, actor}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], km)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(order, func(a, b key) int {
		if a.period != b.period {
			if a.period < b.period {
				return -1
			}
			return 1
		}
		if a.actor < b.actor {
			return -1
		} else if a.actor > b.actor {
			return 1
		}
		return 0
	})
	out := make([]farsight.ReachRow, 0, len(order))
	for _, k := range order {
		kms := groups[k]
		slices.Sort(kms)
		out = append(out, farsight.ReachRow{Period: k.period, Actor: farsight.Actor(k.actor), Events: len(kms),
			MaxFrontKm: kms[len(kms)-1], P90FrontKm: percentile(kms, 0.9)})
	}
	return out, nil
}

// percentile returns the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
