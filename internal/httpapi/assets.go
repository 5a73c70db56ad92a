package httpapi

import (
	"net/http"

	"github.com/farsight-osint/farsight"
)

// assetList is the answer of GET /assets.
type assetList struct {
	Assets []*farsight.Asset `json:"assets"`
}

func (s *Server) handleAssets(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	as, err := s.Assets.FindAssets(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if as == nil {
		as = []*farsight.Asset{}
	}
	s.writeJSON(w, r, http.StatusOK, assetList{Assets: as})
}

// assetDetail is the answer of GET /assets/{key}: the asset and the newest
// events with a target linked to it (one page; GET /events?asset=KEY
// pages through all).
type assetDetail struct {
	*farsight.Asset
	Events []*farsight.Event `json:"events"`
	Next   string            `json:"next,omitempty"`
}

func (s *Server) handleAsset(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	key := r.PathValue("key")
	a, err := s.Assets.FindAssetByKey(r.Context(), key)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	evs, next, err := s.Events.FindEvents(r.Context(), farsight.EventFilter{Asset: &key})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if evs == nil {
		evs = []*farsight.Event{}
	}
	s.writeJSON(w, r, http.StatusOK, assetDetail{Asset: a, Events: evs, Next: next})
}
