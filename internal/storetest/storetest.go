// Package storetest is the conformance suite for farsight's stores: every
// backend runs the same tests, which keeps them equivalent.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/google/go-cmp/cmp"
)

// Stores is one backend's set of services, on an empty database.
type Stores struct {
	Sources   farsight.SourceService
	Reports   farsight.ReportService
	Events    farsight.EventService
	Assets    farsight.AssetService
	Frontline farsight.FrontlineService
	Stats     farsight.StatsService
}

// Run runs the whole suite; open must return services on a fresh, empty
// database each time it is called.
func Run(t *testing.T, open func(t *testing.T) Stores) {
	t.Run("Sources", func(t *testing.T) { testSources(t, open(t)) })
	t.Run("Reports", func(t *testing.T) { testReports(t, open(t)) })
	t.Run("ReportBatches", func(t *testing.T) { testReportBatches(t, open(t)) })
	t.Run("Events", func(t *testing.T) { testEvents(t, open(t)) })
	t.Run("EventFilters", func(t *testing.T) { testEventFilters(t, open(t)) })
	t.Run("EventPaging", func(t *testing.T) { testEventPaging(t, open(t)) })
	t.Run("EventsDifferential", func(t *testing.T) { testEventsDifferential(t, open(t)) })
	t.Run("Assets", func(t *testing.T) { testAssets(t, open(t)) })
	t.Run("Geography", func(t *testing.T) { testGeography(t, open(t)) })
	t.Run("Frontline", func(t *testing.T) { testFrontline(t, open(t)) })
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := farsight.ErrorCode(err); got != code {
		t.Fatalf("got error %v (code %q), want code %q", err, got, code)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testSources(t *testing.T, s Stores) {
	ctx := context.Background()
	src := &farsight.Source{Name: "Ukrinform", URL: "https://www.ukrinform.net", Kind: farsight.SourceMedia}
	must(t, s.Sources.CreateSource(ctx, src))
	if src.ID == 0 {
		t.Fatal("got ID 0 after create")
	}
	wantCode(t, s.Sources.CreateSource(ctx, &farsight.Source{Name: "Ukrinform"}), farsight.ECONFLICT)
	wantCode(t, s.Sources.CreateSource(ctx, &farsight.Source{Name: ""}), farsight.EINVALID)
	wantCode(t, s.Sources.CreateSource(ctx, &farsight.Source{Name: "x", Kind: "nope"}), farsight.EINVALID)

	got, err := s.Sources.FindSourceByName(ctx, "Ukrinform")
	must(t, err)
	if diff := cmp.Diff(src, got); diff != "" {
		t.Fatalf("FindSourceByName mismatch (-want +got):\n%s", diff)
	}
	_, err = s.Sources.FindSourceByID(ctx, src.ID+100)
	wantCode(t, err, farsight.ENOTFOUND)
	_, err = s.Sources.FindSourceByName(ctx, "nobody")
	wantCode(t, err, farsight.ENOTFOUND)
}

func testReports(t *testing.T, s Stores) {
	ctx := context.Background()
	pub := time.Date(2024, 11, 6, 9, 30, 0, 0, time.UTC)
	r := &farsight.Report{
		ExternalID: "kasp-1", SourceName: "Kyiv Post", Title: "Drones hit Kaspiysk",
		Text: "Ukrainian drones hit the port city of Kaspiysk.", URL: "https://example.org/a", Lang: "en",
		Published: pub, FetchedAt: pub.Add(time.Hour),
	}
	must(t, s.Reports.CreateReport(ctx, r))
	if r.ID == 0 || r.SourceID == 0 || len(r.Hash) != 64 {
		t.Fatalf("got ID %d, source %d, hash %q after create", r.ID, r.SourceID, r.Hash)
	}
	got, err := s.Reports.FindReportByID(ctx, r.ID)
	must(t, err)
	if diff := cmp.Diff(r, got); diff != "" {
		t.Fatalf("FindReportByID mismatch (-want +got):\n%s", diff)
	}
	src, err := s.Sources.FindSourceByName(ctx, "Kyiv Post")
	must(t, err)
	if src.ID != r.SourceID || src.Kind != farsight.SourceUnknown {
		t.Fatalf("got source %+v, want ID %d and kind unknown", src, r.SourceID)
	}

	// The same text up to case and white space is a duplicate.
	dup := &farsight.Report{Text: "  UKRAINIAN drones hit the port\n city of Kaspiysk. "}
	wantCode(t, s.Reports.CreateReport(ctx, dup), farsight.ECONFLICT)
	if dup.ID != r.ID {
		t.Fatalf("got duplicate ID %d, want %d", dup.ID, r.ID)
	}
	wantCode(t, s.Reports.CreateReport(ctx, &farsight.Report{Text: " \n"}), farsight.EINVALID)
	_, err = s.Reports.FindReportByID(ctx, r.ID+1000)
	wantCode(t, err, farsight.ENOTFOUND)

	must(t, s.Reports.CreateReport(ctx, &farsight.Report{Text: "Explosions were heard in Sevastopol overnight."}))
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"kaspiysk", 1},
		{"Sevastopol", 1},
		{"drones port", 1},
		{"drones Sevastopol", 0},
		{`"unbalanced AND (`, 0},
		{"", 2},
	} {
		q := tc.query
		rs, n, err := s.Reports.FindReports(ctx, farsight.ReportFilter{Text: &q})
		if tc.query == "" {
			rs, n, err = s.Reports.FindReports(ctx, farsight.ReportFilter{})
		}
		must(t, err)
		if n != tc.want || len(rs) != tc.want {
			t.Errorf("text %q: got %d reports (n=%d), want %d", tc.query, len(rs), n, tc.want)
		}
	}
	h := r.Hash
	rs, _, err := s.Reports.FindReports(ctx, farsight.ReportFilter{Hash: &h})
	must(t, err)
	if len(rs) != 1 || rs[0].ID != r.ID {
		t.Fatalf("find by hash: got %v", rs)
	}
}

func testReportBatches(t *testing.T, s Stores) {
	ctx := context.Background()
	batch := []*farsight.Report{
		{Text: "one"}, {Text: "two"}, {Text: "ONE"}, {Text: "three", SourceName: "A"}, {Text: "four", SourceName: "A"},
	}
	created, err := s.Reports.CreateReports(ctx, batch)
	must(t, err)
	if want := []bool{true, true, false, true, true}; !slices.Equal(created, want) {
		t.Fatalf("got created %v, want %v", created, want)
	}
	if batch[2].ID != batch[0].ID {
		t.Fatalf("duplicate in batch got ID %d, want %d", batch[2].ID, batch[0].ID)
	}
	if batch[3].SourceID == 0 || batch[3].SourceID != batch[4].SourceID {
		t.Fatalf("got source IDs %d and %d, want one source", batch[3].SourceID, batch[4].SourceID)
	}
	created, err = s.Reports.CreateReports(ctx, []*farsight.Report{{Text: "two"}, {Text: "five"}})
	must(t, err)
	if want := []bool{false, true}; !slices.Equal(created, want) {
		t.Fatalf("second batch: got created %v, want %v", created, want)
	}
	// An invalid report fails the whole batch and stores nothing.
	_, err = s.Reports.CreateReports(ctx, []*farsight.Report{{Text: "six"}, {Text: ""}})
	wantCode(t, err, farsight.EINVALID)
	_, n, err := s.Reports.FindReports(ctx, farsight.ReportFilter{})
	must(t, err)
	if n != 5 {
		t.Fatalf("got %d reports stored, want 5", n)
	}
}

func newReport(t *testing.T, s Stores, text string) *farsight.Report {
	t.Helper()
	r := &farsight.Report{Text: text}
	must(t, s.Reports.CreateReport(context.Background(), r))
	return r
}

func testEvents(t *testing.T, s Stores) {
	ctx := context.Background()
	r := newReport(t, s, "Early Wednesday, Nov. 6, Ukrainian drones hit the port city of Kaspiysk.")
	v := 930.0
	place := &farsight.Place{ID: "gn:551847", Name: "Kaspiysk", Kind: farsight.PlaceSettlement, Point: farsight.Point{Lat: 42.88165, Lon: 47.63919}, Country: "RU", Admin1: "Dagestan"}
	e := &farsight.Event{
		Type: farsight.DroneStrike, Actor: farsight.ActorUkraine, Date: "2024-11-06", DatePrecision: farsight.PrecisionDay,
		Point: &farsight.Point{Lat: 42.88165, Lon: 47.63919}, GeoPrecision: farsight.GeoSettlement,
		PlaceID: "gn:551847", PlaceName: "Kaspiysk", Country: "RU", Admin1: "Dagestan", Outcome: "damaged", Confidence: 0.9, DateInferred: true,
		ExtractorVersion: "test-1",
		FrontKm:          ptr(969.8), FrontSide: "russian_held", FrontlineDate: "2024-11-06", BorderKm: ptr(825.1), InOccupied: ptr(false), MarineRegion: "Caspian Sea",
		Targets: []farsight.Target{{Category: "naval_vessel", Name: "Tatarstan", Count: 1, ReportID: r.ID, Span: farsight.Span{Start: 1, End: 9}}},
		Claims: []*farsight.Claim{
			{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts, Text: "Ukrainian drones hit", Span: farsight.Span{Start: 26, End: 46}},
			{ReportID: r.ID, Kind: farsight.ClaimDistance, Stance: farsight.StanceAsserts, Value: &v, Unit: "mi", Qualifier: "nearly", Reference: "border", Span: farsight.Span{Start: 0, End: 5},
				Check: &farsight.DistanceCheck{QuotedKm: 1496.7, ComputedKm: ptr(825.1), MinKm: 1197.4, MaxKm: ptr(1571.5), Verdict: farsight.VerdictInconsistent, Basis: "Ukraine's border"}},
		},
		Places: []*farsight.EventPlace{{PlaceID: "gn:551847", Name: "Kaspiysk", Role: "location", ReportID: r.ID, Span: farsight.Span{Start: 63, End: 71}, Place: place}},
	}
	must(t, s.Events.CreateEvents(ctx, []*farsight.Event{e}))
	if e.ID == 0 || e.Claims[0].ID == 0 || e.Claims[0].EventID != e.ID || e.Version != 1 {
		t.Fatalf("got event ID %d, claim %+v, version %d after create", e.ID, e.Claims[0], e.Version)
	}
	got, err := s.Events.FindEventByID(ctx, e.ID)
	must(t, err)
	want := *e
	want.Places = []*farsight.EventPlace{{PlaceID: "gn:551847", Name: "Kaspiysk", Role: "location", ReportID: r.ID, Span: farsight.Span{Start: 63, End: 71}}}
	want.Records = []string{
		"first drone_strike by ukraine in the Caspian Sea",
		"first drone_strike by ukraine in Dagestan",
		"farthest ukraine strike behind the front line so far: 970 km (the first stored)",
	}
	// An event created as given is its own single mention.
	if len(got.Mentions) != 1 || got.Mentions[0].ReportID != r.ID || got.Mentions[0].EventID != e.ID || got.Mentions[0].Event.Type != e.Type {
		t.Fatalf("got mentions %+v, want one of report %d", got.Mentions, r.ID)
	}
	want.Mentions = got.Mentions
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Fatalf("FindEventByID mismatch (-want +got):\n%s", diff)
	}
	_, err = s.Events.FindEventByID(ctx, e.ID+1)
	wantCode(t, err, farsight.ENOTFOUND)

	for name, bad := range map[string]*farsight.Event{
		"type":       {Type: "bombing"},
		"actor":      {Type: farsight.DroneStrike, Actor: "nato"},
		"date":       {Type: farsight.DroneStrike, Date: "2024-13-01"},
		"end":        {Type: farsight.DroneStrike, Date: "2024-11-06", DateEnd: "2024-11-05"},
		"point":      {Type: farsight.DroneStrike, Point: &farsight.Point{Lat: 91}},
		"confidence": {Type: farsight.DroneStrike, Confidence: 1.5},
		"claim":      {Type: farsight.DroneStrike, Claims: []*farsight.Claim{{Kind: "rumour", Stance: farsight.StanceAsserts}}},
	} {
		if err := s.Events.CreateEvents(ctx, []*farsight.Event{bad}); farsight.ErrorCode(err) != farsight.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
	// A claim on a report that does not exist is a conflict, and the
	// batch stores nothing.
	orphan := &farsight.Event{Type: farsight.MissileStrike, Claims: []*farsight.Claim{{ReportID: r.ID + 99, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts}}}
	wantCode(t, s.Events.CreateEvents(ctx, []*farsight.Event{{Type: farsight.Artillery}, orphan}), farsight.ECONFLICT)
	if n, err := s.Events.CountEvents(ctx, farsight.EventFilter{}); err != nil || n != 1 {
		t.Fatalf("got %d events (%v) after failed batch, want 1", n, err)
	}

	must(t, s.Events.DeleteEvent(ctx, e.ID))
	wantCode(t, s.Events.DeleteEvent(ctx, e.ID), farsight.ENOTFOUND)
	_, err = s.Events.FindEventByID(ctx, e.ID)
	wantCode(t, err, farsight.ENOTFOUND)
	box := farsight.BBox{MinLon: 40, MinLat: 40, MaxLon: 50, MaxLat: 50}
	if evs, _, err := s.Events.FindEvents(ctx, farsight.EventFilter{BBox: &box}); err != nil || len(evs) != 0 {
		t.Fatalf("deleted event still found by bbox: %v %v", evs, err)
	}
}

func ptr[T any](v T) *T { return &v }

func testEventFilters(t *testing.T, s Stores) {
	ctx := context.Background()
	r1 := newReport(t, s, "Drones attacked the Novoshakhtinsk oil refinery overnight.")
	r2 := newReport(t, s, "A missile struck Odesa port.")
	mk := func(r *farsight.Report, typ farsight.EventType, actor farsight.Actor, date, end string, p *farsight.Point) *farsight.Event {
		return &farsight.Event{Type: typ, Actor: actor, Date: date, DateEnd: end, Point: p,
			Claims: []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts}}}
	}
	novo := &farsight.Point{Lat: 47.76, Lon: 39.93}
	odesa := &farsight.Point{Lat: 46.48, Lon: 30.73}
	evs := []*farsight.Event{
		mk(r1, farsight.DroneStrike, farsight.ActorUkraine, "2024-06-01", "", novo),
		mk(r2, farsight.MissileStrike, farsight.ActorRussia, "2024-06-03", "", odesa),
		mk(r2, farsight.MissileStrike, farsight.ActorRussia, "2024-05-20", "2024-06-02", odesa),
		mk(r1, farsight.DroneStrike, farsight.ActorUkraine, "", "", novo),
		mk(r1, farsight.Sabotage, farsight.ActorUnknown, "2024-06-02", "", nil),
	}
	evs[1].Targets = []farsight.Target{{Category: "port", ReportID: r2.ID}}
	must(t, s.Events.CreateEvents(ctx, evs))
	ids := func(es []*farsight.Event) []int64 {
		var out []int64
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	id := func(i ...int) []int64 {
		var out []int64
		for _, j := range i {
			out = append(out, evs[j].ID)
		}
		return out
	}
	russia := farsight.ActorRussia
	for _, tc := range []struct {
		name string
		f    farsight.EventFilter
		want []int64
	}{
		{"all, newest first, undated last", farsight.EventFilter{}, id(1, 4, 0, 2, 3)},
		{"from", farsight.EventFilter{From: ptr("2024-06-02")}, id(1, 4, 2)},
		{"to", farsight.EventFilter{To: ptr("2024-06-01")}, id(0, 2)},
		{"day", farsight.EventFilter{From: ptr("2024-06-02"), To: ptr("2024-06-02")}, id(4, 2)},
		{"range overlaps", farsight.EventFilter{From: ptr("2024-05-25"), To: ptr("2024-05-26")}, id(2)},
		{"bbox", farsight.EventFilter{BBox: &farsight.BBox{MinLon: 39, MinLat: 47, MaxLon: 41, MaxLat: 48}}, id(0, 3)},
		{"bbox and time", farsight.EventFilter{BBox: &farsight.BBox{MinLon: 30, MinLat: 46, MaxLon: 31, MaxLat: 47}, From: ptr("2024-06-02"), To: ptr("2024-06-02")}, id(2)},
		{"bbox edge inclusive", farsight.EventFilter{BBox: &farsight.BBox{MinLon: 39.93, MinLat: 47.76, MaxLon: 39.93, MaxLat: 47.76}}, id(0, 3)},
		{"bbox just outside", farsight.EventFilter{BBox: &farsight.BBox{MinLon: 39.9301, MinLat: 47, MaxLon: 40, MaxLat: 48}}, nil},
		{"type", farsight.EventFilter{Types: []farsight.EventType{farsight.MissileStrike, farsight.Sabotage}}, id(1, 4, 2)},
		{"actor", farsight.EventFilter{Actor: &russia}, id(1, 2)},
		{"text", farsight.EventFilter{Text: ptr("refinery")}, id(4, 0, 3)},
		{"text none", farsight.EventFilter{Text: ptr("Kaspiysk")}, nil},
		{"report", farsight.EventFilter{ReportID: &r2.ID}, id(1, 2)},
		{"id", farsight.EventFilter{ID: &evs[3].ID}, id(3)},
		{"target", farsight.EventFilter{Target: ptr("port")}, id(1)},
		{"target none", farsight.EventFilter{Target: ptr("oil_refinery")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, next, err := s.Events.FindEvents(ctx, tc.f)
			must(t, err)
			if diff := cmp.Diff(tc.want, ids(got)); diff != "" || next != "" {
				t.Errorf("got %v next %q, want %v (-want +got):\n%s", ids(got), next, tc.want, diff)
			}
			n, err := s.Events.CountEvents(ctx, tc.f)
			must(t, err)
			if n != len(tc.want) {
				t.Errorf("CountEvents got %d, want %d", n, len(tc.want))
			}
		})
	}
	for name, f := range map[string]farsight.EventFilter{
		"bad from":   {From: ptr("June 1")},
		"from > to":  {From: ptr("2024-06-02"), To: ptr("2024-06-01")},
		"bbox":       {BBox: &farsight.BBox{MinLon: 10, MaxLon: 5}},
		"bbox range": {BBox: &farsight.BBox{MinLon: -200, MaxLon: 5}},
		"type":       {Types: []farsight.EventType{"bombing"}},
		"actor":      {Actor: ptr(farsight.Actor("nato"))},
		"target":     {Target: ptr("tanks")},
		"cursor":     {After: "!!"},
		"cursor2":    {After: "YWJj"},
	} {
		if _, _, err := s.Events.FindEvents(ctx, f); farsight.ErrorCode(err) != farsight.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func testEventPaging(t *testing.T, s Stores) {
	ctx := context.Background()
	r := newReport(t, s, "paging")
	var evs []*farsight.Event
	for i := range 57 {
		date := ""
		if i%7 != 0 {
			date = time.Date(2025, 1, 1+i%5, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		}
		evs = append(evs, &farsight.Event{Type: farsight.DroneStrike, Date: date, Point: &farsight.Point{Lat: 48, Lon: 37},
			Claims: []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts}}})
	}
	must(t, s.Events.CreateEvents(ctx, evs))
	for _, f := range []farsight.EventFilter{
		{Limit: 10},
		{Limit: 1},
		{Limit: 10, BBox: &farsight.BBox{MinLon: 36, MinLat: 47, MaxLon: 38, MaxLat: 49}},
		{Limit: 4, From: ptr("2025-01-02")},
	} {
		all, _, err := s.Events.FindEvents(ctx, farsight.EventFilter{BBox: f.BBox, From: f.From, Limit: farsight.MaxPageSize})
		must(t, err)
		var paged []*farsight.Event
		cursor := ""
		for pages := 0; ; pages++ {
			f.After = cursor
			page, next, err := s.Events.FindEvents(ctx, f)
			must(t, err)
			if len(page) > f.Limit {
				t.Fatalf("page of %d, limit %d", len(page), f.Limit)
			}
			paged = append(paged, page...)
			if next == "" {
				break
			}
			if pages > 100 {
				t.Fatal("paging does not end")
			}
			cursor = next
		}
		if len(paged) != len(all) {
			t.Fatalf("filter %+v: paged %d events, want %d", f, len(paged), len(all))
		}
		for i := range all {
			if paged[i].ID != all[i].ID {
				t.Fatalf("filter %+v: event %d: paged ID %d, want %d", f, i, paged[i].ID, all[i].ID)
			}
		}
	}
	if evs, _, err := s.Events.FindEvents(ctx, farsight.EventFilter{Limit: farsight.MaxPageSize * 10}); err != nil || len(evs) != 57 {
		t.Fatalf("got %d events (%v), want 57", len(evs), err)
	}
}

// testEventsDifferential compares FindEvents with a brute-force filter over
// random events and random filters.
func testEventsDifferential(t *testing.T, s Stores) {
	ctx := context.Background()
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	r := newReport(t, s, "differential")

	day := func() string {
		return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(60)).Format(time.DateOnly)
	}
	var evs []*farsight.Event
	for range 400 {
		e := &farsight.Event{Type: farsight.EventTypes[rng.IntN(3)], Actor: farsight.ActorUkraine,
			Claims: []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts}}}
		if rng.IntN(10) > 0 {
			e.Point = &farsight.Point{Lat: 44 + rng.Float64()*8, Lon: 30 + rng.Float64()*10}
		}
		if rng.IntN(10) > 0 {
			e.Date = day()
			if rng.IntN(5) == 0 {
				if end := day(); end >= e.Date {
					e.DateEnd = end
				}
			}
		}
		evs = append(evs, e)
	}
	must(t, s.Events.CreateEvents(ctx, evs))

	for i := range 200 {
		var f farsight.EventFilter
		if rng.IntN(2) == 0 {
			lon, lat := 30+rng.Float64()*10, 44+rng.Float64()*8
			f.BBox = &farsight.BBox{MinLon: lon, MinLat: lat, MaxLon: lon + rng.Float64()*5, MaxLat: lat + rng.Float64()*5}
		}
		a, b := day(), day()
		if a > b {
			a, b = b, a
		}
		if rng.IntN(2) == 0 {
			f.From = &a
		}
		if rng.IntN(2) == 0 {
			f.To = &b
		}
		if rng.IntN(3) == 0 {
			f.Types = []farsight.EventType{farsight.EventTypes[rng.IntN(3)]}
		}
		var want []int64
		for _, e := range evs {
			if matches(e, f) {
				want = append(want, e.ID)
			}
		}
		slices.SortFunc(want, func(x, y int64) int { return compareEvents(evs, x, y) })
		f.Limit = 1 + rng.IntN(40)
		var got []int64
		for {
			page, next, err := s.Events.FindEvents(ctx, f)
			must(t, err)
			for _, e := range page {
				got = append(got, e.ID)
			}
			if next == "" {
				break
			}
			f.After = next
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("query %d %s: mismatch (-brute force +store):\n%s", i, describe(f), diff)
		}
	}
}

func matches(e *farsight.Event, f farsight.EventFilter) bool {
	if f.BBox != nil && (e.Point == nil || !f.BBox.Contains(*e.Point)) {
		return false
	}
	last := e.Date
	if e.DateEnd != "" {
		last = e.DateEnd
	}
	if f.From != nil && (e.Date == "" || last < *f.From) {
		return false
	}
	if f.To != nil && (e.Date == "" || e.Date > *f.To) {
		return false
	}
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	return true
}

func compareEvents(evs []*farsight.Event, x, y int64) int {
	ex, ey := evs[slices.IndexFunc(evs, func(e *farsight.Event) bool { return e.ID == x })], evs[slices.IndexFunc(evs, func(e *farsight.Event) bool { return e.ID == y })]
	if c := strings.Compare(ey.Date, ex.Date); c != 0 {
		return c
	}
	return int(ey.ID - ex.ID)
}

func describe(f farsight.EventFilter) string {
	var b strings.Builder
	if f.BBox != nil {
		fmt.Fprintf(&b, "bbox=%+v ", *f.BBox)
	}
	if f.From != nil {
		fmt.Fprintf(&b, "from=%s ", *f.From)
	}
	if f.To != nil {
		fmt.Fprintf(&b, "to=%s ", *f.To)
	}
	fmt.Fprintf(&b, "types=%v limit=%d", f.Types, f.Limit)
	return b.String()
}

func testAssets(t *testing.T, s Stores) {
	ctx := context.Background()
	a := &farsight.Asset{Key: "ship:tatarstan", Kind: "ship", Name: "Tatarstan", Fleet: "Caspian Flotilla", Source: "https://en.wikipedia.org/wiki/Russian_frigate_Tatarstan"}
	must(t, s.Assets.UpsertAssets(ctx, []*farsight.Asset{a}))
	if a.ID == 0 {
		t.Fatal("got asset ID 0")
	}
	a2 := *a
	a2.NameRU = "Татарстан"
	must(t, s.Assets.UpsertAssets(ctx, []*farsight.Asset{&a2}))
	got, err := s.Assets.FindAssetByKey(ctx, "ship:tatarstan")
	must(t, err)
	if diff := cmp.Diff(&a2, got); diff != "" {
		t.Fatalf("asset mismatch (-want +got):\n%s", diff)
	}
	_, err = s.Assets.FindAssetByKey(ctx, "ship:moskva")
	wantCode(t, err, farsight.ENOTFOUND)
	wantCode(t, s.Assets.UpsertAssets(ctx, []*farsight.Asset{{Key: "x", Name: "x"}}), farsight.EINVALID)
	all, err := s.Assets.FindAssets(ctx)
	must(t, err)
	if len(all) != 1 {
		t.Fatalf("got %d assets, want 1", len(all))
	}
}

// testGeography checks records, geography updates, the front-line filters
// and reach statistics.
func testGeography(t *testing.T, s Stores) {
	ctx := context.Background()
	r := newReport(t, s, "geography")
	mk := func(date string, actor farsight.Actor, front float64, side, sea string) *farsight.Event {
		return &farsight.Event{Type: farsight.DroneStrike, Actor: actor, Date: date, Point: &farsight.Point{Lat: 45, Lon: 40},
			Country: "RU", Admin1: "Krasnodar Krai", FrontKm: &front, FrontSide: side, MarineRegion: sea,
			Claims: []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts}}}
	}
	evs := []*farsight.Event{
		mk("2024-05-10", farsight.ActorUkraine, 300, "russian_held", "Black Sea"),
		mk("2024-05-20", farsight.ActorUkraine, 900, "russian_held", ""),
		mk("2024-06-01", farsight.ActorUkraine, 500, "russian_held", "Black Sea"),
		mk("2024-05-15", farsight.ActorRussia, 700, "ukrainian_held", ""),
		mk("2024-06-02", farsight.ActorRussia, 20, "russian_held", ""), // on its own side: not reach
	}
	must(t, s.Events.CreateEvents(ctx, evs))
	records := func(e *farsight.Event) []string {
		t.Helper()
		got, err := s.Events.FindEventByID(ctx, e.ID)
		must(t, err)
		return got.Records
	}
	if got, want := records(evs[0]), []string{
		"first drone_strike by ukraine in the Black Sea", "first drone_strike by ukraine in Krasnodar Krai",
		"farthest ukraine strike behind the front line so far: 300 km (the first stored)",
	}; !slices.Equal(got, want) {
		t.Errorf("first event records %q, want %q", got, want)
	}
	if got, want := records(evs[1]), []string{"farthest ukraine strike behind the front line so far: 900 km (previous 300 km on 2024-05-10)"}; !slices.Equal(got, want) {
		t.Errorf("second event records %q, want %q", got, want)
	}
	if got := records(evs[2]); len(got) != 0 {
		t.Errorf("third event records %q, want none", got)
	}

	// Filters on the distance from the front line.
	got, _, err := s.Events.FindEvents(ctx, farsight.EventFilter{MinFrontKm: ptr(400.0), MaxFrontKm: ptr(800.0)})
	must(t, err)
	if len(got) != 2 {
		t.Fatalf("front_km 400..800: got %d events, want 2", len(got))
	}

	// Reach by month.
	rows, err := s.Stats.Reach(ctx, farsight.ReachFilter{})
	must(t, err)
	want := []farsight.ReachRow{
		{Period: "2024-05", Actor: farsight.ActorRussia, Events: 1, MaxFrontKm: 700, P90FrontKm: 700},
		{Period: "2024-05", Actor: farsight.ActorUkraine, Events: 2, MaxFrontKm: 900, P90FrontKm: 900},
		{Period: "2024-06", Actor: farsight.ActorUkraine, Events: 1, MaxFrontKm: 500, P90FrontKm: 500},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("reach (-want +got):\n%s", diff)
	}
	if _, err := s.Stats.Reach(ctx, farsight.ReachFilter{Period: "decade"}); farsight.ErrorCode(err) != farsight.EINVALID {
		t.Errorf("bad period: got %v", err)
	}

	// Re-enrichment updates the stored geography.
	e := evs[2]
	e.FrontKm, e.MarineRegion, e.InOccupied = ptr(1234.5), "Sea of Azov", ptr(true)
	must(t, s.Events.UpdateEventGeography(ctx, []*farsight.Event{e}))
	after, err := s.Events.FindEventByID(ctx, e.ID)
	must(t, err)
	if *after.FrontKm != 1234.5 || after.MarineRegion != "Sea of Azov" || !*after.InOccupied {
		t.Errorf("after update: %v %q %v", *after.FrontKm, after.MarineRegion, *after.InOccupied)
	}
	wantCode(t, s.Events.UpdateEventGeography(ctx, []*farsight.Event{{ID: 99999}}), farsight.ENOTFOUND)
}

func testFrontline(t *testing.T, s Stores) {
	ctx := context.Background()
	poly := json.RawMessage(`{"type":"MultiPolygon","coordinates":[[[[37,47],[38,47],[38,48],[37,47]]]]}`)
	must(t, s.Frontline.SaveFrontlineSnapshots(ctx, []*farsight.FrontlineSnapshot{{Date: "2026-09-01", Source: "test", Geometry: poly}}))
	must(t, s.Frontline.SaveFrontlineSnapshots(ctx, []*farsight.FrontlineSnapshot{{Date: "2026-09-01", Source: "again", Geometry: poly}, {Date: "2026-08-25", Geometry: poly}}))
	wantCode(t, s.Frontline.SaveFrontlineSnapshots(ctx, []*farsight.FrontlineSnapshot{{Date: "2026-09-08", Geometry: poly}, {Date: "soon", Geometry: poly}}), farsight.EINVALID)
	got, err := s.Frontline.FindFrontlineSnapshots(ctx)
	must(t, err)
	if len(got) != 2 || got[0].Date != "2026-08-25" || got[1].Source != "again" {
		t.Fatalf("got snapshots %+v", got)
	}
}
