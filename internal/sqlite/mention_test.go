package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/merge"
	"github.com/farsight-osint/farsight/internal/sqlite"
)

// TestMergeKeptApart merges, one report at a time, two strikes in one
// region 100 km apart, a report that places a strike only in that region
// (it matches both, so it stays apart), and a second report of the first
// strike. The regional report must stay apart although the last report's
// blocking window does not reach the second strike: the store loads what
// a kept-apart mention reaches. One batch gives the same grouping.
func TestMergeKeptApart(t *testing.T) {
	ctx := context.Background()
	fine := func(lat, lon float64, place string) *farsight.Event {
		return &farsight.Event{Type: farsight.DroneStrike, Actor: farsight.ActorUkraine, Date: "2024-11-06", DatePrecision: farsight.PrecisionDay,
			Point: &farsight.Point{Lat: lat, Lon: lon}, GeoPrecision: farsight.GeoSettlement, PlaceID: place, PlaceName: place,
			Country: "RU", Admin1: "Belgorod", Confidence: 0.8}
	}
	regional := fine(50.7, 37.4, "adm:Belgorod")
	regional.GeoPrecision = farsight.GeoRegion
	events := []*farsight.Event{fine(50.6, 36.6, "Belgorod"), fine(50.6, 38.0, "Valuyki"), regional, fine(50.6, 36.6, "Belgorod")}

	run := func(oneByOne bool) string {
		db := MustOpenDB(t)
		defer db.Close()
		var rs []*farsight.Report
		for i := range events {
			rs = append(rs, &farsight.Report{Text: fmt.Sprintf("report %d", i), SourceName: fmt.Sprintf("source %d", i)})
		}
		if _, err := sqlite.NewReportService(db).CreateReports(ctx, rs); err != nil {
			t.Fatal(err)
		}
		s, g := sqlite.NewEventService(db), &merge.Merger{}
		var ms []*farsight.Mention
		for i, e := range events {
			e := *e
			ms = append(ms, &farsight.Mention{ReportID: rs[i].ID, Event: &e})
		}
		if oneByOne {
			for _, m := range ms {
				if err := s.MergeMentions(ctx, []int64{m.ReportID}, []*farsight.Mention{m}, g); err != nil {
					t.Fatal(err)
				}
			}
		} else if err := s.MergeMentions(ctx, []int64{rs[0].ID, rs[1].ID, rs[2].ID, rs[3].ID}, ms, g); err != nil {
			t.Fatal(err)
		}
		evs, _, err := s.FindEvents(ctx, farsight.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var groups []string
		for _, e := range evs {
			mentions, err := s.FindMentions(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, m := range mentions {
				ids = append(ids, fmt.Sprint(m.ReportID))
			}
			groups = append(groups, strings.Join(ids, " "))
		}
		slices.Sort(groups)
		return strings.Join(groups, " | ")
	}
	want := "1 4 | 2 | 3"
	if got := run(true); got != want {
		t.Errorf("one report at a time: %q, want %q", got, want)
	}
	if got := run(false); got != want {
		t.Errorf("one batch: %q, want %q", got, want)
	}
}
