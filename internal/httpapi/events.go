package httpapi

import (
	"net/http"
	"time"

	"github.com/farsight-osint/farsight"
)

// maxQueryBytes caps a full-text query.
const maxQueryBytes = 1000

// eventFilter reads the filter and page parameters of GET /events.
func eventFilter(p params) (farsight.EventFilter, error) {
	var f farsight.EventFilter
	var err error
	if f.From, err = p.date("from"); err != nil {
		return f, err
	}
	if f.To, err = p.date("to"); err != nil {
		return f, err
	}
	if f.From != nil && f.To != nil && *f.From > *f.To {
		return f, farsight.Errorf(farsight.EINVALID, "from %s is after to %s", *f.From, *f.To)
	}
	if f.BBox, err = p.bbox("bbox"); err != nil {
		return f, err
	}
	for _, t := range p.list("type") {
		if !farsight.EventType(t).Valid() {
			return f, farsight.Errorf(farsight.EINVALID, "parameter \"type\": unknown event type %q", t)
		}
		f.Types = append(f.Types, farsight.EventType(t))
	}
	if s := p.optional("actor"); s != nil {
		a := farsight.Actor(*s)
		if !a.Valid() {
			return f, farsight.Errorf(farsight.EINVALID, "parameter \"actor\": %q is not ukraine, russia or unknown", *s)
		}
		f.Actor = &a
	}
	if s := p.optional("status"); s != nil {
		v := farsight.Verification(*s)
		if !v.Valid() {
			return f, farsight.Errorf(farsight.EINVALID, "parameter \"status\": %q is not claimed, corroborated, visually_confirmed or disputed", *s)
		}
		f.Status = &v
	}
	if f.Target = p.optional("target"); f.Target != nil && !farsight.ValidTargetCategory(*f.Target) {
		return f, farsight.Errorf(farsight.EINVALID, "parameter \"target\": unknown target category %q", *f.Target)
	}
	f.Asset = p.optional("asset")
	if f.MinFrontKm, err = p.float("min_front_km"); err != nil {
		return f, err
	}
	if f.MaxFrontKm, err = p.float("max_front_km"); err != nil {
		return f, err
	}
	if f.MinFrontKm != nil && f.MaxFrontKm != nil && *f.MinFrontKm > *f.MaxFrontKm {
		return f, farsight.Errorf(farsight.EINVALID, "min_front_km %g is more than max_front_km %g", *f.MinFrontKm, *f.MaxFrontKm)
	}
	if f.Text = p.optional("q"); f.Text != nil && len(*f.Text) > maxQueryBytes {
		return f, farsight.Errorf(farsight.EINVALID, "parameter \"q\" is longer than %d bytes", maxQueryBytes)
	}
	if f.Limit, err = p.integer("limit", 1, farsight.MaxPageSize, farsight.DefaultPageSize); err != nil {
		return f, err
	}
	f.After = p.str("after")
	return f, nil
}

// eventPage is the plain JSON answer of GET /events.
type eventPage struct {
	Events []*farsight.Event `json:"events"`
	// Next is the cursor of the next page (parameter "after"); absent on
	// the last page.
	Next string `json:"next,omitempty"`
	// Total counts every match when count=true was asked.
	Total *int `json:"total,omitempty"`
}

// featureCollection is the GeoJSON answer of GET /events?format=geojson:
// each event a Point feature (null geometry when it has no location) whose
// properties are the event as the plain answer gives it; next and total
// are foreign members.
type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
	Next     string    `json:"next,omitempty"`
	Total    *int      `json:"total,omitempty"`
}

type feature struct {
	Type       string          `json:"type"`
	ID         int64           `json:"id"`
	Geometry   *pointGeometry  `json:"geometry"`
	Properties *farsight.Event `json:"properties"`
}

type pointGeometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r, "from", "to", "bbox", "type*", "actor", "target", "asset", "min_front_km", "max_front_km",
		"status", "q", "limit", "after", "format", "count")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	format := p.str("format")
	if format != "" && format != "json" && format != "geojson" {
		s.writeError(w, r, farsight.Errorf(farsight.EINVALID, "parameter \"format\": %q is not json or geojson", format))
		return
	}
	count, err := p.boolean("count")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f, err := eventFilter(p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	evs, next, err := s.Events.FindEvents(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var total *int
	if count {
		n, err := s.Events.CountEvents(r.Context(), f)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		total = &n
	}
	if evs == nil {
		evs = []*farsight.Event{}
	}
	if format != "geojson" {
		s.writeJSON(w, r, http.StatusOK, eventPage{Events: evs, Next: next, Total: total})
		return
	}
	fc := featureCollection{Type: "FeatureCollection", Features: make([]feature, len(evs)), Next: next, Total: total}
	for i, e := range evs {
		fc.Features[i] = feature{Type: "Feature", ID: e.ID, Properties: e}
		if e.Point != nil {
			fc.Features[i].Geometry = &pointGeometry{Type: "Point", Coordinates: [2]float64{e.Point.Lon, e.Point.Lat}}
		}
	}
	w.Header().Set("Content-Type", "application/geo+json")
	s.writeJSON(w, r, http.StatusOK, fc)
}

// eventDetail is the answer of GET /events/{id}: the event's fields (as in
// the list) with its targets, findings and records, the registry assets
// its targets name, and its claims and places grouped by source and
// report.
type eventDetail struct {
	*farsight.Event
	Assets  []*farsight.Asset `json:"assets"`
	Sources []*sourceGroup    `json:"sources"`
}

// sourceGroup is one source's reports about an event.
type sourceGroup struct {
	Source   string              `json:"source"`
	SourceID int64               `json:"source_id,omitempty"`
	Kind     farsight.SourceKind `json:"kind,omitempty"`
	Reports  []*reportClaims     `json:"reports"`
}

// reportClaims is one report's account of an event.
type reportClaims struct {
	ReportID   int64     `json:"report_id"`
	ExternalID string    `json:"external_id,omitempty"`
	Title      string    `json:"title,omitempty"`
	URL        string    `json:"url,omitempty"`
	Lang       string    `json:"lang,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	// Link says why the report joined the event; DuplicateOf names the
	// report it nearly repeats (a syndicated copy: a source, not
	// evidence).
	Link        string                 `json:"link,omitempty"`
	DuplicateOf int64                  `json:"duplicate_of,omitempty"`
	Claims      []*farsight.Claim      `json:"claims"`
	Places      []*farsight.EventPlace `json:"places,omitempty"`
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	e, err := s.Events.FindEventByID(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := s.eventDetail(r, e)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, d)
}

// eventDetail groups an event's claims and places by source and report,
// in the order the reports joined the event.
func (s *Server) eventDetail(r *http.Request, e *farsight.Event) (*eventDetail, error) {
	ctx := r.Context()
	d := &eventDetail{Assets: []*farsight.Asset{}, Sources: []*sourceGroup{}}
	for _, key := range e.AssetKeys() {
		a, err := s.Assets.FindAssetByKey(ctx, key)
		if farsight.ErrorCode(err) == farsight.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		d.Assets = append(d.Assets, a)
	}

	byReport := map[int64]*reportClaims{}
	bySource := map[string]*sourceGroup{}
	add := func(reportID int64, m *farsight.Mention) (*reportClaims, error) {
		if rc, ok := byReport[reportID]; ok {
			return rc, nil
		}
		rc := &reportClaims{ReportID: reportID, Claims: []*farsight.Claim{}}
		g := &sourceGroup{}
		if m != nil {
			rc.Link, rc.DuplicateOf = m.Link, m.DuplicateOf
			g.Source, g.SourceID, g.Kind = m.SourceName, m.SourceID, m.SourceKind
		}
		rep, err := s.Reports.FindReportByID(ctx, reportID)
		switch {
		case err == nil:
			rc.ExternalID, rc.Title, rc.URL, rc.Lang, rc.Published = rep.ExternalID, rep.Title, rep.URL, rep.Lang, rep.Published
			g.Source, g.SourceID = rep.SourceName, rep.SourceID
		case farsight.ErrorCode(err) != farsight.ENOTFOUND:
			return nil, err
		}
		key := g.Source
		if prev, ok := bySource[key]; ok {
			g = prev
		} else {
			bySource[key] = g
			d.Sources = append(d.Sources, g)
		}
		g.Reports = append(g.Reports, rc)
		byReport[reportID] = rc
		return rc, nil
	}
	for _, m := range e.Mentions {
		if m.ReportID == 0 {
			continue
		}
		if _, err := add(m.ReportID, m); err != nil {
			return nil, err
		}
	}
	for _, c := range e.Claims {
		rc, err := add(c.ReportID, nil)
		if err != nil {
			return nil, err
		}
		rc.Claims = append(rc.Claims, c)
	}
	for _, p := range e.Places {
		rc, err := add(p.ReportID, nil)
		if err != nil {
			return nil, err
		}
		rc.Places = append(rc.Places, p)
	}
	ev := *e
	ev.Claims, ev.Places, ev.Mentions = nil, nil, nil
	d.Event = &ev
	return d, nil
}
