package httpapi

import (
	"net/http"

	"github.com/farsight-osint/farsight"
)

// Report list paging.
const (
	defaultReportPage = 50
	maxReportPage     = 500
	excerptBytes      = 300
)

// reportSummary is a report in a list: every field but the text, which
// only GET /reports/{id} gives, and an excerpt of it.
type reportSummary struct {
	*farsight.Report
	// Text shadows the report's text, so that lists leave it out.
	Text    string `json:"text,omitempty"`
	Excerpt string `json:"excerpt"`
}

// reportPage is the answer of GET /reports.
type reportPage struct {
	Reports []reportSummary `json:"reports"`
	Total   int             `json:"total"`
	Offset  int             `json:"offset"`
	Limit   int             `json:"limit"`
}

func (s *Server) handleReports(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r, "source", "q", "limit", "offset")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var f farsight.ReportFilter
	if f.Limit, err = p.integer("limit", 1, maxReportPage, defaultReportPage); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Offset, err = p.integer("offset", 0, 1<<31-1, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Text = p.optional("q"); f.Text != nil && len(*f.Text) > maxQueryBytes {
		s.writeError(w, r, farsight.Errorf(farsight.EINVALID, "parameter \"q\" is longer than %d bytes", maxQueryBytes))
		return
	}
	page := reportPage{Reports: []reportSummary{}, Offset: f.Offset, Limit: f.Limit}
	if name := p.optional("source"); name != nil {
		src, err := s.Sources.FindSourceByName(r.Context(), *name)
		if farsight.ErrorCode(err) == farsight.ENOTFOUND {
			s.writeJSON(w, r, http.StatusOK, page)
			return
		} else if err != nil {
			s.writeError(w, r, err)
			return
		}
		f.SourceID = &src.ID
	}
	rs, total, err := s.Reports.FindReports(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page.Total = total
	for _, rep := range rs {
		page.Reports = append(page.Reports, reportSummary{Report: rep, Excerpt: farsight.Excerpt(rep.Text, excerptBytes)})
	}
	s.writeJSON(w, r, http.StatusOK, page)
}

// reportDetail is the answer of GET /reports/{id}: the report with its
// text and the IDs of the events it tells of.
type reportDetail struct {
	*farsight.Report
	Events []int64 `json:"events"`
}

func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rep, err := s.Reports.FindReportByID(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	events, err := s.reportEvents(r, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, reportDetail{Report: rep, Events: events})
}

// reportEvents returns the IDs of the events a report tells of, newest
// first.
func (s *Server) reportEvents(r *http.Request, reportID int64) ([]int64, error) {
	evs, _, err := s.Events.FindEvents(r.Context(), farsight.EventFilter{ReportID: &reportID, Limit: farsight.MaxPageSize})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	return ids, nil
}
