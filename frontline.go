package farsight

import (
	"context"
	"encoding/json"
	"time"
)

// FrontlineSnapshot is an occupied-area map for one date that a user
// imported, beside the bundled ones; a later snapshot on the same date
// replaces it.
type FrontlineSnapshot struct {
	Date   string `json:"date"` // YYYY-MM-DD
	Source string `json:"source,omitempty"`
	// Geometry is a GeoJSON MultiPolygon of the occupied area.
	Geometry   json.RawMessage `json:"geometry"`
	ImportedAt time.Time       `json:"imported_at,omitzero"`
}

// FrontlineService stores imported snapshots.
type FrontlineService interface {
	// FindFrontlineSnapshots returns every imported snapshot by date.
	FindFrontlineSnapshots(ctx context.Context) ([]*FrontlineSnapshot, error)
	// SaveFrontlineSnapshots stores snapshots in one transaction,
	// replacing those of the same dates; EINVALID for a bad date or an
	// empty geometry, and then nothing is stored.
	SaveFrontlineSnapshots(ctx context.Context, ss []*FrontlineSnapshot) error
}
