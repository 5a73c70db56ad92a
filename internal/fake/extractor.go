// Package fake holds in-memory stand-ins for farsight's domain interfaces,
// for tests of the code that uses them.
package fake

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/farsight-osint/farsight"
)

// Extractor is a rule-based stand-in for the real extractor: every line of
// a report of the form
//
//	EVENT <type> <lat> <lon> <YYYY-MM-DD> [<actor>]
//
// yields one event with an attack claim on that line's span. A line
// "FAIL" makes extraction fail.
type Extractor struct{}

var _ farsight.Extractor = Extractor{}

// Version returns "fake".
func (Extractor) Version() string { return "fake" }

// Extract returns the events of the EVENT lines.
func (Extractor) Extract(r *farsight.Report) ([]*farsight.Event, error) {
	var out []*farsight.Event
	offset := 0
	for line := range strings.Lines(r.Text) {
		start := offset
		offset += len(line)
		f := strings.Fields(line)
		if len(f) == 1 && f[0] == "FAIL" {
			return nil, fmt.Errorf("report %d asks to fail", r.ID)
		}
		if len(f) < 5 || len(f) > 6 || f[0] != "EVENT" {
			continue
		}
		actor := farsight.ActorUnknown
		if len(f) == 6 {
			actor = farsight.Actor(f[5])
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		span := farsight.Span{Start: start, End: start + len(strings.TrimRight(line, "\n"))}
		out = append(out, &farsight.Event{
			Type: farsight.EventType(f[1]), Actor: actor, Date: f[4], DatePrecision: farsight.PrecisionDay,
			Point: &farsight.Point{Lat: lat, Lon: lon}, GeoPrecision: farsight.GeoPoint, Confidence: 1,
			Claims: []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts, Text: r.Text[span.Start:span.End], Span: span}},
		})
	}
	return out, nil
}
