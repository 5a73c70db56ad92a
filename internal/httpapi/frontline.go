package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/paulmach/orb"
)

// frontlineCache holds the front-line snapshots (bundled and imported) by
// date, loaded on first use, and each snapshot's encoded answer once
// asked for. Snapshots imported while the server runs are seen after a
// restart, as the enricher sees them.
type frontlineCache struct {
	mu     sync.Mutex
	loaded bool
	dates  []string // sorted
	snaps  map[string]frontlineSnapshot
	blobs  map[string]*blob
}

type frontlineSnapshot struct {
	source string
	// Exactly one of shape (bundled) and geometry (imported, GeoJSON) is
	// set.
	shape    orb.MultiPolygon
	geometry json.RawMessage
}

// frontlineFeature is the answer of GET /frontline: the occupied area as a
// GeoJSON Feature, with the snapshot's date and source.
type frontlineFeature struct {
	Type       string `json:"type"`
	Properties struct {
		Date   string `json:"date"`
		Source string `json:"source,omitempty"`
	} `json:"properties"`
	Geometry any `json:"geometry"`
}

func (s *Server) handleFrontline(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r, "date")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	date, err := p.date("date")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	b, err := s.frontlineOn(r.Context(), date)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.serveBlob(w, r, b)
}

// frontlineOn returns the encoded snapshot in force on date (the latest
// on or before it), or the latest of all when date is nil.
func (s *Server) frontlineOn(ctx context.Context, date *string) (*blob, error) {
	c := &s.frontline
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loaded {
		if err := s.loadFrontlines(ctx); err != nil {
			return nil, err
		}
	}
	if len(c.dates) == 0 {
		return nil, farsight.Errorf(farsight.ENOTFOUND, "no front-line snapshots")
	}
	i := len(c.dates)
	if date != nil {
		i = sort.SearchStrings(c.dates, *date)
		if i < len(c.dates) && c.dates[i] == *date {
			i++
		}
		if i == 0 {
			return nil, farsight.Errorf(farsight.ENOTFOUND, "no front-line snapshot on or before %s (the first is of %s)", *date, c.dates[0])
		}
	}
	day := c.dates[i-1]
	if b, ok := c.blobs[day]; ok {
		return b, nil
	}
	snap := c.snaps[day]
	f := frontlineFeature{Type: "Feature"}
	f.Properties.Date, f.Properties.Source = day, snap.source
	if snap.geometry != nil {
		f.Geometry = snap.geometry
	} else {
		f.Geometry = multiPolygon{"MultiPolygon", snap.shape}
	}
	body, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	b, err := newBlob("application/geo+json", "no-cache", body)
	if err != nil {
		return nil, err
	}
	c.blobs[day] = b
	return b, nil
}

// loadFrontlines indexes the bundled snapshots and the imported ones,
// which replace bundled ones of the same date. c.mu is held.
func (s *Server) loadFrontlines(ctx context.Context) error {
	c := &s.frontline
	snaps := map[string]frontlineSnapshot{}
	if s.Geo != nil {
		for _, sn := range s.Geo.Snapshots {
			snaps[sn.Date] = frontlineSnapshot{source: sn.Source, shape: sn.Occupied}
		}
	}
	if s.Frontline != nil {
		// The first request may be cancelled; the load must not be.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		imported, err := s.Frontline.FindFrontlineSnapshots(ctx)
		if err != nil {
			return err
		}
		for _, sn := range imported {
			snaps[sn.Date] = frontlineSnapshot{source: sn.Source, geometry: sn.Geometry}
		}
	}
	c.dates = c.dates[:0]
	for d := range snaps {
		c.dates = append(c.dates, d)
	}
	sort.Strings(c.dates)
	c.snaps, c.blobs, c.loaded = snaps, map[string]*blob{}, true
	return nil
}
