package farsight

import "context"

// ReachFilter selects the strikes that stats on reach count.
type ReachFilter struct {
	// Period is "month" (default) or "week" (ISO weeks).
	Period string
	From   *string // first event date, YYYY-MM-DD
	To     *string // last event date
	Actor  *Actor
}

// ReachRow is one period's reach of one actor's strikes: how far behind
// the front line (on the other side's territory) they landed.
type ReachRow struct {
	Period     string  `json:"period"` // "2024-11" or "2024-W45"
	Actor      Actor   `json:"actor"`
	Events     int     `json:"events"`
	MaxFrontKm float64 `json:"max_front_km"`
	P90FrontKm float64 `json:"p90_front_km"`
}

// StatsService computes statistics over stored events.
type StatsService interface {
	// Reach returns, per period and actor, the maximum and 90th
	// percentile distance from the front line of the actor's strikes on
	// the other side's territory, in period order. EINVALID for a bad
	// filter.
	Reach(ctx context.Context, f ReachFilter) ([]ReachRow, error)
}
