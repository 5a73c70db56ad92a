package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// pingTimeout bounds the database check of /healthz.
const pingTimeout = 2 * time.Second

// health is the answer of GET /healthz.
type health struct {
	Status   string `json:"status"` // "ok" or "unavailable"
	Database string `json:"database,omitempty"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	h := health{Status: "ok"}
	if s.Ping != nil {
		ctx, cancel := context.WithTimeout(r.Context(), pingTimeout)
		defer cancel()
		h.Database = "ok"
		if err := s.Ping(ctx); err != nil {
			s.logger(r).Error("health check: database", slog.String("error", err.Error()))
			h.Status, h.Database = "unavailable", "unavailable"
			w.Header().Set("Cache-Control", "no-store")
			s.writeJSON(w, r, http.StatusServiceUnavailable, h)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusOK, h)
}
