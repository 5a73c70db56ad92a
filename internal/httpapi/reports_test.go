package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
)

type ingestAnswer struct {
	Received   int `json:"received"`
	New        int `json:"new"`
	Duplicates int `json:"duplicates"`
	Events     int `json:"events"`
	Reports    []struct {
		ID         int64   `json:"id"`
		ExternalID string  `json:"external_id"`
		New        bool    `json:"new"`
		Events     []int64 `json:"events"`
	} `json:"reports"`
}

func TestPostReportsAuth(t *testing.T) {
	e := newEnv(t)
	body := `{"text": "EVENT drone_strike 42.88 47.64 2024-11-06"}`
	wantError(t, e.post("", "application/json", "", body), http.StatusUnauthorized, farsight.EUNAUTHORIZED, "Authorization: Bearer")
	w := e.post("", "application/json", "wrong-token", body)
	wantError(t, w, http.StatusUnauthorized, farsight.EUNAUTHORIZED, "wrong token")
	if got := w.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
		t.Errorf("got WWW-Authenticate %q", got)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/reports", strings.NewReader(body))
	req.Header.Set("Authorization", "Basic "+testToken)
	wantError(t, e.do(req), http.StatusUnauthorized, farsight.EUNAUTHORIZED, "Bearer")

	// Without a configured token, writing is refused outright.
	e2 := newEnv(t)
	e2.srv.Token = ""
	wantError(t, e2.post("", "application/json", testToken, body), http.StatusForbidden, "forbidden", "--token-file")

	if n, _ := e.srv.Events.CountEvents(t.Context(), farsight.EventFilter{}); n != 0 {
		t.Fatalf("refused requests stored %d events", n)
	}
}

func TestPostReports(t *testing.T) {
	e := newEnv(t)
	// One report object; its event appears in GET /events.
	w := e.post("", "application/json", testToken,
		`{"id": "a", "source": "Kyiv Post", "published": "2024-11-06", "title": "Kaspiysk", "text": "Drones.\nEVENT drone_strike 42.88 47.64 2024-11-06 ukraine\n"}`)
	if w.Code != http.StatusOK {
		t.Fatalf("got %d: %s", w.Code, w.Body)
	}
	var ans ingestAnswer
	decode(t, w, &ans)
	if ans.Received != 1 || ans.New != 1 || ans.Events != 1 || len(ans.Reports) != 1 || !ans.Reports[0].New || ans.Reports[0].ExternalID != "a" || len(ans.Reports[0].Events) != 1 {
		t.Fatalf("got %+v", ans)
	}
	var page eventsPage
	e.getJSON("/api/v1/events?bbox=47,42,48,43&from=2024-11-06&to=2024-11-06", &page)
	if len(page.Events) != 1 || page.Events[0].ID != ans.Reports[0].Events[0] || page.Events[0].Actor != farsight.ActorUkraine {
		t.Fatalf("got events %+v, want the ingested one", page.Events)
	}
	var rep farsight.Report
	e.getJSON(fmt.Sprintf("/api/v1/reports/%d", ans.Reports[0].ID), &rep)
	if rep.SourceName != "Kyiv Post" || rep.Title != "Kaspiysk" || rep.Published.Format("2006-01-02") != "2024-11-06" {
		t.Errorf("got report %+v", rep)
	}

	for _, tc := range []struct {
		name, query, contentType, body string
		received, new, dup, events     int
	}{
		{"array", "", "application/json", `[{"text": "EVENT artillery 48.0 37.8 2024-11-05"}, {"text": "EVENT artillery 48.1 37.8 2024-11-05"}]`, 2, 2, 0, 2},
		{"batch object", "", "application/json", `{"reports": [{"text": "EVENT artillery 48.2 37.8 2024-11-05"}]}`, 1, 1, 0, 1},
		{"JSON Lines", "", "application/x-ndjson", "{\"text\": \"EVENT artillery 48.3 37.8 2024-11-05\"}\n\n{\"id\": 7, \"text\": \"no event\"}\n", 2, 2, 0, 1},
		{"JSON Lines as JSON", "", "", "{\"text\": \"EVENT artillery 48.4 37.8 2024-11-05\"}\n{\"text\": \"EVENT artillery 48.4 37.8 2024-11-05\"}", 2, 1, 1, 1},
		{"duplicate of a stored report", "", "application/json", `{"text": "drones.  EVENT DRONE_STRIKE 42.88 47.64 2024-11-06 ukraine"}`, 1, 0, 1, 0},
		{"CSV", "", "text/csv; charset=utf-8", "id,text,source\nc1,EVENT artillery 48.5 37.8 2024-11-05,Reuters\n", 1, 1, 0, 1},
		{"plain text", "?source=Reuters&published=2024-11-05", "text/plain", "EVENT artillery 48.6 37.8 2024-11-05\n", 1, 1, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := e.post(tc.query, tc.contentType, testToken, tc.body)
			if w.Code != http.StatusOK {
				t.Fatalf("got %d: %s", w.Code, w.Body)
			}
			var ans ingestAnswer
			decode(t, w, &ans)
			if ans.Received != tc.received || ans.New != tc.new || ans.Duplicates != tc.dup || ans.Events != tc.events || len(ans.Reports) != tc.received {
				t.Errorf("got %+v, want %d received, %d new, %d duplicates, %d events", ans, tc.received, tc.new, tc.dup, tc.events)
			}
			news := 0
			for _, r := range ans.Reports {
				if r.ID == 0 {
					t.Errorf("report without an ID: %+v", r)
				}
				if r.New {
					news++
				}
			}
			if news != tc.new {
				t.Errorf("%d reports marked new, want %d", news, tc.new)
			}
		})
	}
	if n, _ := e.srv.Events.CountEvents(t.Context(), farsight.EventFilter{}); n != 8 {
		t.Errorf("got %d events stored, want 8", n)
	}
}

func TestPostReportsBad(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		code, msg               string
	}{
		{"not JSON", "application/json", `{"text": `, 400, farsight.EINVALID, "body is not JSON"},
		{"not an object", "application/json", `"text"`, 400, farsight.EINVALID, "report 1 is not a JSON object"},
		{"array of strings", "application/json", `["a"]`, 400, farsight.EINVALID, "report 1: not a JSON object"},
		{"empty", "application/json", ``, 400, farsight.EINVALID, "no reports in the body"},
		{"empty array", "application/json", `[]`, 400, farsight.EINVALID, "no reports in the body"},
		{"reports not an array", "application/json", `{"reports": 3}`, 400, farsight.EINVALID, `"reports" must be an array`},
		{"one bad of three", "application/json", `[{"text": "EVENT artillery 48.0 37.8 2024-11-05"}, {"text": ""}, {"text": 5}]`, 400, farsight.EINVALID,
			`2 bad reports, nothing stored: report 2: report text required; report 3: field "text" must be a string`},
		{"bad kind", "application/json", `{"text": "x", "source_kind": "army"}`, 400, farsight.EINVALID, `"source_kind" must be one of`},
		{"bad published", "application/json", `{"text": "x", "published": "last week"}`, 400, farsight.EINVALID, "is not a date"},
		{"CSV without text", "text/csv", "id,title\n1,x\n", 400, farsight.EINVALID, "text"},
		{"XML", "application/xml", `<report/>`, 415, "unsupported_media_type", "application/xml is not supported"},
		{"bad content type", "text/", `x`, 415, "unsupported_media_type", "malformed Content-Type"},
		{"unknown charset", "text/plain; charset=ebcdic", `x`, 400, farsight.EINVALID, "ebcdic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, e.post("", tc.contentType, testToken, tc.body), tc.status, tc.code, tc.msg)
		})
	}
	wantError(t, e.post("?sauce=x", "application/json", testToken, `{"text": "x"}`), 400, farsight.EINVALID, `unknown parameter "sauce"`)
	wantError(t, e.post("?published=soon", "application/json", testToken, `{"text": "x"}`), 400, farsight.EINVALID, `parameter "published"`)
	if _, n, _ := e.srv.Reports.FindReports(t.Context(), farsight.ReportFilter{}); n != 0 {
		t.Errorf("bad requests stored %d reports", n)
	}
}

// endless yields n bytes of a JSON array of reports without holding them.
type endless struct{ n, read int }

func (r *endless) Read(p []byte) (int, error) {
	if r.read >= r.n {
		return 0, io.EOF
	}
	chunk := `{"text": "EVENT artillery 48.0 37.8 2024-11-05 and more words"},`
	k := 0
	for k < len(p) && r.read < r.n {
		p[k] = chunk[r.read%len(chunk)]
		k++
		r.read++
	}
	return k, nil
}

// TestPostTooLarge sends a 50 MB body: 413, nothing stored.
func TestPostTooLarge(t *testing.T) {
	e := newEnv(t)
	body := &endless{n: 50 << 20}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/reports", body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testToken)
	wantError(t, e.do(req), http.StatusRequestEntityTooLarge, "too_large", "larger than")
	if body.read > int(e.srv.MaxBodyBytes)+10<<20+1<<20 {
		t.Errorf("read %d bytes of the body", body.read)
	}
	if _, n, _ := e.srv.Reports.FindReports(t.Context(), farsight.ReportFilter{}); n != 0 {
		t.Errorf("stored %d reports", n)
	}
	// A small cap applies too.
	e.srv.MaxBodyBytes = 100
	wantError(t, e.post("", "application/json", testToken, `{"text": "`+strings.Repeat("x", 200)+`"}`), http.StatusRequestEntityTooLarge, "too_large", "larger than 100 bytes")
}

// TestScriptEscaped checks that report text with markup comes back
// JSON-escaped everywhere it is shown.
func TestScriptEscaped(t *testing.T) {
	e := newEnv(t)
	text := "<script>alert(1)</script> <img src=x onerror=alert(2)>\nEVENT drone_strike 42.88 47.64 2024-11-06\n"
	w := e.post("", "application/json", testToken, fmt.Sprintf(`{"title": "<b>bold</b>", "source": "<i>src</i>", "text": %q}`, text))
	if w.Code != http.StatusOK {
		t.Fatalf("got %d: %s", w.Code, w.Body)
	}
	var ans ingestAnswer
	decode(t, w, &ans)
	var page eventsPage
	e.getJSON("/api/v1/events", &page)
	for _, target := range []string{
		fmt.Sprintf("/api/v1/reports/%d", ans.Reports[0].ID),
		"/api/v1/reports",
		"/api/v1/reports?q=script",
		fmt.Sprintf("/api/v1/events/%d", page.Events[0].ID),
	} {
		body := e.get(target).Body.String()
		if strings.ContainsAny(body, "<>") {
			t.Errorf("%s: unescaped markup in %s", target, body)
		}
		if !strings.Contains(body, `\u003c`) {
			t.Errorf("%s: no escaped markup in %s", target, body)
		}
	}
	var rep farsight.Report
	e.getJSON(fmt.Sprintf("/api/v1/reports/%d", ans.Reports[0].ID), &rep)
	if rep.Text != text || rep.Title != "<b>bold</b>" {
		t.Errorf("text or title changed: %q %q", rep.Text, rep.Title)
	}
}

func TestReportsList(t *testing.T) {
	e := newEnv(t)
	for i := range 5 {
		source := "Reuters"
		if i%2 == 1 {
			source = "Ukrinform"
		}
		w := e.post("?source="+source, "text/plain", testToken, fmt.Sprintf("Report %d about Odesa port. %s\n", i, strings.Repeat("More text. ", 50)))
		if w.Code != http.StatusOK {
			t.Fatalf("%d: %s", w.Code, w.Body)
		}
	}
	type page struct {
		Reports []struct {
			ID      int64  `json:"id"`
			Source  string `json:"source"`
			Text    string `json:"text"`
			Excerpt string `json:"excerpt"`
			Hash    string `json:"hash"`
		} `json:"reports"`
		Total  int `json:"total"`
		Offset int `json:"offset"`
		Limit  int `json:"limit"`
	}
	var p page
	e.getJSON("/api/v1/reports", &p)
	if p.Total != 5 || len(p.Reports) != 5 || p.Limit != 50 || p.Reports[0].ID <= p.Reports[1].ID {
		t.Fatalf("got %+v", p)
	}
	for _, r := range p.Reports {
		if r.Text != "" || !strings.HasSuffix(r.Excerpt, "…") || len(r.Excerpt) > 310 || r.Hash == "" {
			t.Errorf("list item: text %q, excerpt %q", r.Text, r.Excerpt)
		}
	}
	e.getJSON("/api/v1/reports?source=Ukrinform", &p)
	if p.Total != 2 || len(p.Reports) != 2 || p.Reports[0].Source != "Ukrinform" {
		t.Errorf("source filter: got %+v", p)
	}
	e.getJSON("/api/v1/reports?source=Nobody", &p)
	if p.Total != 0 || len(p.Reports) != 0 {
		t.Errorf("unknown source: got %+v", p)
	}
	e.getJSON("/api/v1/reports?q=%22Report+3%22", &p)
	if p.Total != 1 || len(p.Reports) != 1 {
		t.Errorf("text query: got %+v", p)
	}
	e.getJSON("/api/v1/reports?limit=2&offset=4", &p)
	if p.Total != 5 || len(p.Reports) != 1 || p.Offset != 4 || p.Limit != 2 {
		t.Errorf("paging: got %+v", p)
	}
}
