package httpapi

import (
	"net/http"

	"github.com/farsight-osint/farsight"
)

// reachAnswer is the answer of GET /stats/reach.
type reachAnswer struct {
	Period string              `json:"period"`
	Rows   []farsight.ReachRow `json:"rows"`
}

func (s *Server) handleReach(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r, "period", "from", "to", "actor")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f := farsight.ReachFilter{Period: p.str("period")}
	if f.Period == "" {
		f.Period = "month"
	}
	if f.Period != "month" && f.Period != "week" {
		s.writeError(w, r, farsight.Errorf(farsight.EINVALID, "parameter \"period\": %q is not month or week", f.Period))
		return
	}
	if f.From, err = p.date("from"); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.To, err = p.date("to"); err != nil {
		s.writeError(w, r, err)
		return
	}
	if v := p.optional("actor"); v != nil {
		a := farsight.Actor(*v)
		if a != farsight.ActorUkraine && a != farsight.ActorRussia {
			s.writeError(w, r, farsight.Errorf(farsight.EINVALID, "parameter \"actor\": %q is not ukraine or russia", *v))
			return
		}
		f.Actor = &a
	}
	rows, err := s.Stats.Reach(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if rows == nil {
		rows = []farsight.ReachRow{}
	}
	s.writeJSON(w, r, http.StatusOK, reachAnswer{Period: f.Period, Rows: rows})
}
