// Package merge decides which reports describe the same strike: it groups
// mentions (one report's account of an event) into events, explains each
// link, finds syndicated copies, and derives an event and its verification
// status from its mentions. It does no I/O; the store calls it on the
// mentions within a blocking window (see docs/merging.md).
package merge

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/geo"
)

// Merger implements farsight.Merger.
type Merger struct {
	// Enricher, when set, computes a derived event's geography and the
	// checks of its distance claims.
	Enricher farsight.Enricher
}

var _ farsight.Merger = (*Merger)(nil)

// Radii within which two precisely located mentions are one place, by
// precision: a point is a site, a settlement a town with its outskirts.
const (
	pointKm      = 3.0
	settlementKm = 12.0
	// maxSpanDays is the longest date range a mention may cover and still
	// join an event; longer ones (a month) stay events of their own.
	maxSpanDays = 31
)

// interval returns the days a mention's date allows, as day numbers: its
// day or range; a date inferred from publication also allows the day
// before (the report may describe yesterday); a month allows the month.
func interval(e *farsight.Event) (lo, hi int64, ok bool) {
	t, err := time.Parse(time.DateOnly, e.Date)
	if err != nil {
		return 0, 0, false
	}
	lo = t.Unix() / 86400
	hi = lo
	switch {
	case e.DateEnd != "":
		if end, err := time.Parse(time.DateOnly, e.DateEnd); err == nil {
			hi = end.Unix() / 86400
		}
	case e.DatePrecision == farsight.PrecisionMonth:
		hi = t.AddDate(0, 1, -t.Day()).Unix() / 86400
	}
	if e.DateInferred {
		lo--
	}
	return lo, hi, hi >= lo
}

// Window returns the reach of m: a day either side of its dates (a night
// dated by its evening meets one dated by its morning); for a fine place a
// box around its point of the radius within which it matches (pointKm or
// settlementKm: two fine mentions match within the sum of their radii, so
// their boxes overlap); its region, which a region-level mention reaches
// whole. A country-level place matches only through assets, and a mention
// spanning more than maxSpanDays matches nothing.
func (g *Merger) Window(m *farsight.Mention) (farsight.MergeWindow, bool) {
	e := m.Event
	lo, hi, ok := interval(e)
	if !ok || hi-lo > maxSpanDays {
		return farsight.MergeWindow{}, false
	}
	w := farsight.MergeWindow{FromDay: lo - 1, ToDay: hi + 1, Assets: e.AssetKeys()}
	if e.Point != nil && e.GeoPrecision != farsight.GeoCountry {
		if e.Admin1 != "" {
			w.Area = e.Country + "/" + e.Admin1
		}
		if fine(e) {
			w.BBox = box(*e.Point, radius(e))
		} else {
			w.Wide = w.Area != ""
		}
	}
	if w.BBox == nil && !w.Wide && len(w.Assets) == 0 {
		return farsight.MergeWindow{}, false
	}
	return w, true
}

// box returns a box holding every point within km of p (a little more: a
// degree of latitude is taken as 111 km, and a degree of longitude at the
// box's edge nearer the pole).
func box(p farsight.Point, km float64) *farsight.BBox {
	dLat := km / 111.0
	edge := math.Min(89, math.Abs(p.Lat)+dLat)
	dLon := km / (111.0 * math.Cos(edge*math.Pi/180))
	b := &farsight.BBox{MinLat: max(-90, p.Lat-dLat), MaxLat: min(90, p.Lat+dLat), MinLon: p.Lon - dLon, MaxLon: p.Lon + dLon}
	if b.MinLon < -180 || b.MaxLon > 180 { // across the antimeridian: all longitudes
		b.MinLon, b.MaxLon = -180, 180
	}
	return b
}

// Coarse reports whether m is too vague to join two events together: it is
// located only to a region or country, or dated only by its publication,
// or by a range of more than three days.
func (g *Merger) Coarse(m *farsight.Mention) bool {
	e := m.Event
	if e.Point == nil || !fine(e) || e.DateInferred {
		return true
	}
	lo, hi, ok := interval(e)
	return !ok || hi-lo > 3
}

// match reports whether two mentions can describe the same event, with the
// reasons. It is symmetric. Every condition must hold: the actors agree,
// the types are compatible, the dates overlap (or one dates a night by its
// evening and the other by its morning), and the places agree or both name one asset.
func match(a, b *farsight.Mention) (string, bool) {
	if a.ReportID == b.ReportID && a.ReportID != 0 {
		return "", false // the extractor told these apart in one report
	}
	ea, eb := a.Event, b.Event
	var why []string

	if ea.Actor != eb.Actor && ea.Actor != farsight.ActorUnknown && eb.Actor != farsight.ActorUnknown {
		return "", false
	}
	if ea.Actor == eb.Actor && ea.Actor != farsight.ActorUnknown {
		why = append(why, "actor "+string(ea.Actor))
	}

	if !compatible(ea.Type, eb.Type) {
		return "", false
	}
	if ea.Type == eb.Type {
		why = append(why, "type "+string(ea.Type))
	} else {
		why = append(why, fmt.Sprintf("types %s and %s", ea.Type, eb.Type))
	}

	alo, ahi, aok := interval(ea)
	blo, bhi, bok := interval(eb)
	if !aok || !bok || ahi-alo > maxSpanDays || bhi-blo > maxSpanDays {
		return "", false
	}
	switch {
	case alo <= bhi && blo <= ahi:
		if ea.Date == eb.Date && ea.DateEnd == eb.DateEnd {
			why = append(why, "date "+ea.Date)
		} else {
			why = append(why, fmt.Sprintf("dates %s and %s overlap", dateText(ea), dateText(eb)))
		}
	case blo-ahi == 1 && ea.Evening && eb.Night, alo-bhi == 1 && eb.Evening && ea.Night:
		why = append(why, fmt.Sprintf("the same night, dated by the evening and by the morning (%s and %s)", dateText(ea), dateText(eb)))
	default:
		return "", false
	}

	shared := sharedAsset(ea, eb)
	switch {
	case shared != "":
		why = append(why, "both name "+shared)
	case ea.Point == nil || eb.Point == nil:
		return "", false
	case ea.PlaceID != "" && ea.PlaceID == eb.PlaceID:
		why = append(why, "place "+ea.PlaceName)
	case fine(ea) && fine(eb):
		d := geo.DistanceKm(*ea.Point, *eb.Point)
		if d > radius(ea)+radius(eb) {
			return "", false
		}
		why = append(why, fmt.Sprintf("%s and %s %.0f km apart", ea.PlaceName, eb.PlaceName, d))
	case ea.GeoPrecision == farsight.GeoCountry || eb.GeoPrecision == farsight.GeoCountry:
		return "", false
	default: // at least one located only to its region
		if ea.Admin1 == "" || ea.Admin1 != eb.Admin1 || ea.Country != eb.Country {
			return "", false
		}
		why = append(why, "both in "+ea.Admin1)
	}
	return strings.Join(why, "; "), true
}

func fine(e *farsight.Event) bool {
	return e.GeoPrecision == farsight.GeoPoint || e.GeoPrecision == farsight.GeoSettlement
}

func radius(e *farsight.Event) float64 {
	if e.GeoPrecision == farsight.GeoPoint {
		return pointKm
	}
	return settlementKm
}

func sharedAsset(a, b *farsight.Event) string {
	bs := b.AssetKeys()
	for _, k := range a.AssetKeys() {
		if _, ok := slices.BinarySearch(bs, k); ok {
			return k
		}
	}
	return ""
}

func dateText(e *farsight.Event) string {
	s := e.Date
	if e.DateEnd != "" {
		s += ".." + e.DateEnd
	}
	if e.DateInferred {
		s += " (publication day)"
	}
	return s
}

// aerial types can be reported by the other side as interceptions.
var aerial = map[farsight.EventType]bool{
	farsight.DroneStrike: true, farsight.NavalDroneStrike: true, farsight.MissileStrike: true, farsight.AirStrike: true,
}

// compatible reports whether two event types can be one event: the same
// type; a drone strike and a naval drone strike (reports often say
// "drones" of sea drones); an interception and any aerial attack (one side
// reports the strike, the other the interception); an unexplained
// explosion and anything.
func compatible(a, b farsight.EventType) bool {
	switch {
	case a == b, a == farsight.ExplosionUnknown, b == farsight.ExplosionUnknown:
		return true
	case a == farsight.Interception:
		return aerial[b]
	case b == farsight.Interception:
		return aerial[a]
	}
	drones := func(t farsight.EventType) bool { return t == farsight.DroneStrike || t == farsight.NavalDroneStrike }
	return drones(a) && drones(b)
}
