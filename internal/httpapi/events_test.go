package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

// seedEvents stores five events with every filtered field set, and
// returns them in store order.
func seedEvents(t *testing.T, e *env) []*farsight.Event {
	t.Helper()
	ctx := context.Background()
	var reports []*farsight.Report
	for _, text := range []string{"Drones attacked the refinery overnight.", "A missile struck Odesa port.", "Ships hit in Kaspiysk."} {
		r := &farsight.Report{Text: text, SourceName: "test source"}
		if err := e.srv.Reports.CreateReport(ctx, r); err != nil {
			t.Fatal(err)
		}
		reports = append(reports, r)
	}
	claim := func(r *farsight.Report) []*farsight.Claim {
		return []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts, Text: r.Text, Span: farsight.Span{End: len(r.Text)}}}
	}
	evs := []*farsight.Event{
		{Type: farsight.DroneStrike, Actor: farsight.ActorUkraine, Date: "2024-06-01", Point: &farsight.Point{Lat: 47.76, Lon: 39.93},
			Status: farsight.Corroborated, FrontKm: ptr(150.0), Targets: []farsight.Target{{Category: "oil_refinery", ReportID: reports[0].ID}}, Claims: claim(reports[0])},
		{Type: farsight.MissileStrike, Actor: farsight.ActorRussia, Date: "2024-06-03", Point: &farsight.Point{Lat: 46.48, Lon: 30.73},
			Status: farsight.Claimed, FrontKm: ptr(120.0), Targets: []farsight.Target{{Category: "port", ReportID: reports[1].ID}}, Claims: claim(reports[1])},
		{Type: farsight.NavalDroneStrike, Actor: farsight.ActorUkraine, Date: "2024-06-02", Point: &farsight.Point{Lat: 42.88, Lon: 47.64},
			Status: farsight.Claimed, FrontKm: ptr(970.0), Claims: claim(reports[2]),
			Targets: []farsight.Target{{Category: "naval_vessel", Name: "Tatarstan", AssetKey: "ship:tatarstan", ReportID: reports[2].ID}}},
		{Type: farsight.Artillery, Actor: farsight.ActorRussia, Date: "2024-05-20", Point: &farsight.Point{Lat: 48.0, Lon: 37.8},
			Status: farsight.Disputed, FrontKm: ptr(5.0), Claims: claim(reports[1])},
		{Type: farsight.Sabotage, Actor: farsight.ActorUnknown, Claims: claim(reports[2])},
	}
	if err := e.srv.Events.CreateEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	return evs
}

type eventsPage struct {
	Events []*farsight.Event `json:"events"`
	Next   string            `json:"next"`
	Total  *int              `json:"total"`
}

func TestEventsFilters(t *testing.T) {
	e := newEnv(t)
	evs := seedEvents(t, e)
	id := func(i ...int) []int64 {
		out := []int64{}
		for _, j := range i {
			out = append(out, evs[j].ID)
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"", id(1, 2, 0, 3, 4)},
		{"from=2024-06-01", id(1, 2, 0)},
		{"to=2024-06-01", id(0, 3)},
		{"from=2024-06-02&to=2024-06-02", id(2)},
		{"bbox=39,47,41,48", id(0)},
		{"bbox=30,46,31,47&from=2024-06-03&to=2024-06-03", id(1)},
		{"bbox=30,46,31,47&from=2024-06-04", id()},
		{"type=missile_strike,artillery", id(1, 3)},
		{"type=missile_strike&type=artillery", id(1, 3)},
		{"actor=ukraine", id(2, 0)},
		{"target=port", id(1)},
		{"target=oil_refinery&actor=ukraine", id(0)},
		{"asset=ship:tatarstan", id(2)},
		{"asset=ship:nonesuch", id()},
		{"min_front_km=100", id(1, 2, 0)},
		{"max_front_km=10", id(3)},
		{"min_front_km=100&max_front_km=500", id(1, 0)},
		{"status=claimed", id(1, 2)},
		{"status=disputed", id(3)},
		{"q=refinery", id(0)},
		{"q=Kaspiysk", id(2, 4)},
		{"q=" + url.QueryEscape(`"unbalanced AND (`), id()},
		{"limit=2", id(1, 2)},
	} {
		t.Run(tc.query, func(t *testing.T) {
			var page eventsPage
			e.getJSON("/api/v1/events?count=true&"+tc.query, &page)
			var got []int64
			for _, ev := range page.Events {
				got = append(got, ev.ID)
			}
			if diff := cmp.Diff(tc.want, append([]int64{}, got...)); diff != "" {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if page.Total == nil {
				t.Fatal("count=true: no total")
			}
			if tc.query != "limit=2" && *page.Total != len(tc.want) {
				t.Errorf("got total %d, want %d", *page.Total, len(tc.want))
			}
			if (page.Next != "") != (tc.query == "limit=2") {
				t.Errorf("got next %q", page.Next)
			}
		})
	}
	// The list gives events without claims; fields come through.
	var page eventsPage
	e.getJSON("/api/v1/events?asset=ship:tatarstan", &page)
	got := page.Events[0]
	if got.Type != farsight.NavalDroneStrike || got.Status != farsight.Claimed || got.FrontKm == nil || *got.FrontKm != 970 ||
		len(got.Targets) != 0 && got.Targets[0].AssetKey != "ship:tatarstan" || len(got.Claims) != 0 {
		t.Errorf("got event %+v", got)
	}
}

func TestEventsBadParams(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct{ query, msg string }{
		{"from=2024-13-01", `parameter "from": "2024-13-01" is not a date`},
		{"to=yesterday", `parameter "to"`},
		{"from=2024-06-02&to=2024-06-01", "from 2024-06-02 is after to 2024-06-01"},
		{"bbox=1,2,3", "want four numbers"},
		{"bbox=1,2,3,x", `"x" is not a number`},
		{"bbox=10,2,5,4", "south-west"},
		{"bbox=-200,2,5,4", "out of range"},
		{"type=bombing", `unknown event type "bombing"`},
		{"actor=nato", `"nato" is not ukraine, russia or unknown`},
		{"status=confirmed", `"confirmed" is not claimed`},
		{"target=tanks", `unknown target category "tanks"`},
		{"min_front_km=far", `"far" is not a number`},
		{"min_front_km=NaN", `is not a number`},
		{"min_front_km=10&max_front_km=5", "more than max_front_km"},
		{"limit=0", `parameter "limit"`},
		{"limit=1001", "from 1 to 1000"},
		{"limit=ten", `parameter "limit"`},
		{"after=!!", "malformed cursor"},
		{"format=kml", `"kml" is not json or geojson`},
		{"count=maybe", `"maybe" is not true or false`},
		{"bbbox=1,2,3,4", `unknown parameter "bbbox"`},
		{"from=2024-06-01&from=2024-06-02", `"from" given more than once`},
		{"q=" + strings.Repeat("x", 1001), "longer than 1000 bytes"},
		{"%zz", "malformed query string"},
	} {
		t.Run(tc.query[:min(len(tc.query), 30)], func(t *testing.T) {
			wantError(t, e.get("/api/v1/events?"+tc.query), http.StatusBadRequest, farsight.EINVALID, tc.msg)
		})
	}
	wantError(t, e.get("/api/v1/events/abc"), http.StatusBadRequest, farsight.EINVALID, `id "abc" is not a positive integer`)
	wantError(t, e.get("/api/v1/events/0"), http.StatusBadRequest, farsight.EINVALID, "positive integer")
	wantError(t, e.get("/api/v1/stats/reach?period=day"), http.StatusBadRequest, farsight.EINVALID, `"day" is not month or week`)
	wantError(t, e.get("/api/v1/stats/reach?actor=unknown"), http.StatusBadRequest, farsight.EINVALID, "not ukraine or russia")
	wantError(t, e.get("/api/v1/frontline?date=2024-02-30"), http.StatusBadRequest, farsight.EINVALID, "not a date")
	wantError(t, e.get("/api/v1/reports?limit=501"), http.StatusBadRequest, farsight.EINVALID, "from 1 to 500")
	wantError(t, e.get("/api/v1/reports?offset=-1"), http.StatusBadRequest, farsight.EINVALID, `parameter "offset"`)
	wantError(t, e.get("/healthz?verbose=1"), http.StatusBadRequest, farsight.EINVALID, "takes none")
}

func TestNotFound(t *testing.T) {
	e := newEnv(t)
	wantError(t, e.get("/api/v1/events/999999"), http.StatusNotFound, farsight.ENOTFOUND, "event 999999 not found")
	wantError(t, e.get("/api/v1/reports/999999"), http.StatusNotFound, farsight.ENOTFOUND, "report 999999 not found")
	wantError(t, e.get("/api/v1/assets/ship:nonesuch"), http.StatusNotFound, farsight.ENOTFOUND, "")
	wantError(t, e.get("/api/v1/nonesuch"), http.StatusNotFound, farsight.ENOTFOUND, "no such endpoint: GET /api/v1/nonesuch")
	wantError(t, e.get("/nonesuch"), http.StatusNotFound, farsight.ENOTFOUND, "no such endpoint")

	w := e.do(httptest.NewRequest(http.MethodDelete, "/api/v1/reports", nil))
	wantError(t, w, http.StatusMethodNotAllowed, "method_not_allowed", "DELETE is not allowed on /api/v1/reports")
	if got := w.Header().Get("Allow"); got != "GET, POST, HEAD" {
		t.Errorf("got Allow %q, want GET, POST, HEAD", got)
	}
	w = e.do(httptest.NewRequest(http.MethodPost, "/api/v1/events", nil))
	wantError(t, w, http.StatusMethodNotAllowed, "method_not_allowed", "allowed: GET, HEAD")
}

// TestEventsPaging walks every page of a few hundred events, with and
// without filters, and checks that each matching event comes exactly once,
// in order, against a brute-force filter. The seed is logged.
func TestEventsPaging(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	r := &farsight.Report{Text: "paging"}
	if err := e.srv.Reports.CreateReport(ctx, r); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var evs []*farsight.Event
	for i := range 300 {
		ev := &farsight.Event{Type: farsight.DroneStrike, Actor: farsight.ActorRussia,
			Claims: []*farsight.Claim{{ReportID: r.ID, Kind: farsight.ClaimAttack, Stance: farsight.StanceAsserts}}}
		if i%10 != 0 { // some undated
			ev.Date = start.AddDate(0, 0, rng.IntN(40)).Format(time.DateOnly)
		}
		if i%7 != 0 { // some without a place
			ev.Point = &farsight.Point{Lat: 44 + rng.Float64()*6, Lon: 30 + rng.Float64()*10}
		}
		evs = append(evs, ev)
	}
	if err := e.srv.Events.CreateEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	box := farsight.BBox{MinLon: 32, MinLat: 45, MaxLon: 37, MaxLat: 49}
	for _, tc := range []struct {
		query string
		match func(ev *farsight.Event) bool
	}{
		{"", func(*farsight.Event) bool { return true }},
		{"from=2024-01-10&to=2024-01-25", func(ev *farsight.Event) bool { return ev.Date >= "2024-01-10" && ev.Date <= "2024-01-25" }},
		{"bbox=32,45,37,49", func(ev *farsight.Event) bool { return ev.Point != nil && box.Contains(*ev.Point) }},
		{"bbox=32,45,37,49&from=2024-01-10&to=2024-01-25", func(ev *farsight.Event) bool {
			return ev.Point != nil && box.Contains(*ev.Point) && ev.Date >= "2024-01-10" && ev.Date <= "2024-01-25"
		}},
	} {
		for _, format := range []string{"json", "geojson"} {
			t.Run(tc.query+" "+format, func(t *testing.T) {
				var want []*farsight.Event
				for _, ev := range evs {
					if tc.match(ev) {
						want = append(want, ev)
					}
				}
				// Newest first, undated last, then by ID descending.
				slices.SortFunc(want, func(a, b *farsight.Event) int {
					if a.Date != b.Date {
						if a.Date == "" || b.Date == "" {
							return len(b.Date) - len(a.Date)
						}
						return strings.Compare(b.Date, a.Date)
					}
					return int(b.ID - a.ID)
				})
				var wantIDs, got []int64
				for _, ev := range want {
					wantIDs = append(wantIDs, ev.ID)
				}
				after, pages := "", 0
				for {
					q := "/api/v1/events?limit=7&format=" + format + "&" + tc.query
					if after != "" {
						q += "&after=" + url.QueryEscape(after)
					}
					var ids []int64
					var next string
					if format == "json" {
						var page eventsPage
						e.getJSON(q, &page)
						for _, ev := range page.Events {
							ids = append(ids, ev.ID)
						}
						next = page.Next
					} else {
						var fc geoJSONCollection
						e.getJSON(q, &fc)
						for _, f := range fc.Features {
							ids = append(ids, f.ID)
						}
						next = fc.Next
					}
					if len(ids) > 7 || (next != "" && len(ids) != 7) {
						t.Fatalf("page %d: %d events, next %q", pages, len(ids), next)
					}
					got = append(got, ids...)
					pages++
					if next == "" {
						break
					}
					after = next
				}
				if diff := cmp.Diff(wantIDs, got); diff != "" {
					t.Errorf("%d pages: events differ from a brute-force filter (-want +got):\n%s", pages, diff)
				}
			})
		}
	}
}

type geoJSONCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Type     string `json:"type"`
		ID       int64  `json:"id"`
		Geometry *struct {
			Type        string    `json:"type"`
			Coordinates []float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	} `json:"features"`
	Next string `json:"next"`
}

// TestEventsGeoJSON checks that format=geojson is a valid FeatureCollection
// (RFC 7946: [lon, lat] points, null geometry without a place) whose
// feature properties are the events of the plain answer, byte for byte.
func TestEventsGeoJSON(t *testing.T) {
	e := newEnv(t)
	seedEvents(t, e)
	w := e.get("/api/v1/events?format=geojson&limit=3")
	if ct := w.Header().Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("got Content-Type %q, want application/geo+json", ct)
	}
	var fc geoJSONCollection
	decode(t, w, &fc)
	var plain struct {
		Events []json.RawMessage `json:"events"`
		Next   string            `json:"next"`
	}
	e.getJSON("/api/v1/events?limit=3", &plain)
	if fc.Type != "FeatureCollection" || len(fc.Features) != 3 || fc.Next == "" || fc.Next != plain.Next {
		t.Fatalf("got type %q, %d features, next %q (plain next %q)", fc.Type, len(fc.Features), fc.Next, plain.Next)
	}
	for i, f := range fc.Features {
		var ev farsight.Event
		if err := json.Unmarshal(f.Properties, &ev); err != nil {
			t.Fatal(err)
		}
		if f.Type != "Feature" || f.ID != ev.ID || f.Geometry == nil || f.Geometry.Type != "Point" ||
			len(f.Geometry.Coordinates) != 2 || f.Geometry.Coordinates[0] != ev.Point.Lon || f.Geometry.Coordinates[1] != ev.Point.Lat {
			t.Errorf("feature %d: %+v", i, f)
		}
		if string(f.Properties) != string(plain.Events[i]) {
			t.Errorf("feature %d properties\n%s\ndiffer from the plain event\n%s", i, f.Properties, plain.Events[i])
		}
	}
	// The undated event has no place: a null geometry.
	e.getJSON("/api/v1/events?format=geojson&q=Kaspiysk", &fc)
	if last := fc.Features[len(fc.Features)-1]; last.Geometry != nil || !strings.Contains(w.Body.String(), `"geometry":`) {
		t.Errorf("event without a place: got geometry %+v", last.Geometry)
	}
	if !strings.Contains(e.get("/api/v1/events?format=geojson&q=Kaspiysk").Body.String(), `"geometry":null`) {
		t.Error("no null geometry in the answer")
	}
}

func TestEventDetailFake(t *testing.T) {
	e := newEnv(t)
	rs := e.ingestTexts("Intro.\nEVENT drone_strike 42.88 47.64 2024-11-06 ukraine\n")
	var page eventsPage
	e.getJSON("/api/v1/events?q=Intro", &page)
	if len(page.Events) != 1 {
		t.Fatalf("got %d events, want 1", len(page.Events))
	}
	var d eventDetailJSON
	e.getJSON(fmt.Sprintf("/api/v1/events/%d", page.Events[0].ID), &d)
	if len(d.Sources) != 1 || d.Sources[0].Source != "test source" || len(d.Sources[0].Reports) != 1 {
		t.Fatalf("got sources %+v", d.Sources)
	}
	rep := d.Sources[0].Reports[0]
	if rep.ReportID != rs[0].ID || len(rep.Claims) != 1 || rep.Claims[0].Text != "EVENT drone_strike 42.88 47.64 2024-11-06 ukraine" {
		t.Errorf("got report %+v", rep)
	}
}
