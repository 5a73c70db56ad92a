package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
)

type eventDetailJSON struct {
	farsight.Event
	Assets  []*farsight.Asset `json:"assets"`
	Sources []struct {
		Source   string              `json:"source"`
		SourceID int64               `json:"source_id"`
		Kind     farsight.SourceKind `json:"kind"`
		Reports  []struct {
			ReportID    int64                  `json:"report_id"`
			ExternalID  string                 `json:"external_id"`
			Title       string                 `json:"title"`
			Link        string                 `json:"link"`
			DuplicateOf int64                  `json:"duplicate_of"`
			Claims      []*farsight.Claim      `json:"claims"`
			Places      []*farsight.EventPlace `json:"places"`
		} `json:"reports"`
	} `json:"sources"`
}

// TestEventDetail ingests the merging fixtures (eleven incidents, 37
// reports) through the real pipeline and reads the Kaspiysk strike: its
// claims grouped by source and report, each claim's span quoting its
// report, the ships it names, its status.
func TestEventDetail(t *testing.T) {
	e := newRealEnv(t)
	e.ingestFile("../pipeline/testdata/incidents.jsonl")
	e.ingestFile("../pipeline/testdata/seed.jsonl")

	var page eventsPage
	e.getJSON("/api/v1/events?asset=ship:tatarstan", &page)
	if len(page.Events) != 1 {
		t.Fatalf("got %d events naming the Tatarstan, want 1", len(page.Events))
	}
	var d eventDetailJSON
	e.getJSON(fmt.Sprintf("/api/v1/events/%d", page.Events[0].ID), &d)
	if d.PlaceName != "Kaspiysk" || d.Date != "2024-11-06" || d.Status != farsight.VisuallyConfirmed || d.StatusReason == "" || len(d.Findings) == 0 {
		t.Errorf("got event %s %s %s (%s), %d findings", d.PlaceName, d.Date, d.Status, d.StatusReason, len(d.Findings))
	}
	if d.Claims != nil || d.Mentions != nil || d.Places != nil {
		t.Error("claims, mentions or places outside sources")
	}
	var keys []string
	for _, a := range d.Assets {
		keys = append(keys, a.Key)
	}
	if got := strings.Join(keys, " "); got != "ship:dagestan ship:tatarstan" {
		t.Errorf("got assets %q, want ship:dagestan ship:tatarstan", got)
	}
	seen := map[string]bool{}
	claims, kinds := 0, map[farsight.SourceKind]bool{}
	texts := map[int64]string{}
	for _, g := range d.Sources {
		if g.Source == "" || len(g.Reports) == 0 {
			t.Errorf("source group %+v", g)
		}
		kinds[g.Kind] = true
		for _, r := range g.Reports {
			if seen[r.ExternalID] {
				t.Errorf("report %s listed twice", r.ExternalID)
			}
			seen[r.ExternalID] = true
			if _, ok := texts[r.ReportID]; !ok {
				var rep struct {
					Text   string  `json:"text"`
					Events []int64 `json:"events"`
				}
				e.getJSON(fmt.Sprintf("/api/v1/reports/%d", r.ReportID), &rep)
				texts[r.ReportID] = rep.Text
				if len(rep.Events) == 0 || !containsID(rep.Events, d.ID) {
					t.Errorf("report %d lists events %v, not %d", r.ReportID, rep.Events, d.ID)
				}
			}
			for _, c := range r.Claims {
				claims++
				if c.ReportID != r.ReportID {
					t.Errorf("claim of report %d under report %d", c.ReportID, r.ReportID)
				}
				text := texts[r.ReportID]
				if c.Span.End > len(text) || (c.Text != "" && text[c.Span.Start:c.Span.End] != c.Text) {
					t.Errorf("claim span %v does not quote %q", c.Span, c.Text)
				}
			}
		}
	}
	for _, id := range []string{"kaspiysk-gur", "kaspiysk-mod", "kaspiysk-osint", "seed-article"} {
		if !seen[id] {
			t.Errorf("report %s missing; got %v", id, seen)
		}
	}
	if !kinds[farsight.SourceUAOfficial] || !kinds[farsight.SourceRUOfficial] {
		t.Errorf("got source kinds %v, want ua_official and ru_official among them", kinds)
	}
	full, err := e.srv.Events.FindEventByID(t.Context(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if claims != len(full.Claims) || claims == 0 {
		t.Errorf("got %d claims under sources, the event has %d", claims, len(full.Claims))
	}
	// Distance checks come with their claims.
	checked := false
	for _, g := range d.Sources {
		for _, r := range g.Reports {
			for _, c := range r.Claims {
				checked = checked || c.Check != nil
			}
		}
	}
	if !checked {
		t.Error("no distance check in the seed article's claims")
	}

	// The asset's page lists the event.
	var asset struct {
		Key    string            `json:"key"`
		Events []*farsight.Event `json:"events"`
	}
	e.getJSON("/api/v1/assets/ship:tatarstan", &asset)
	if asset.Key != "ship:tatarstan" || len(asset.Events) != 1 || asset.Events[0].ID != d.ID {
		t.Errorf("got asset %+v", asset)
	}
	var list struct {
		Assets []*farsight.Asset `json:"assets"`
	}
	e.getJSON("/api/v1/assets", &list)
	if len(list.Assets) < 50 {
		t.Errorf("got %d assets, want the registry", len(list.Assets))
	}

	// Reach over time counts the strikes behind the front.
	var reach struct {
		Period string `json:"period"`
		Rows   []farsight.ReachRow
	}
	e.getJSON("/api/v1/stats/reach?period=month&actor=ukraine&from=2024-11-01&to=2024-11-30", &reach)
	if reach.Period != "month" || len(reach.Rows) != 1 || reach.Rows[0].Period != "2024-11" || reach.Rows[0].MaxFrontKm < 900 {
		t.Errorf("got reach %+v", reach)
	}
	w := e.get("/api/v1/stats/reach")
	if w.Code != http.StatusOK {
		t.Errorf("reach without parameters: %d %s", w.Code, w.Body)
	}
}

func containsID(ids []int64, id int64) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
