package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/farsight-osint/farsight"
)

var _ farsight.FrontlineService = (*FrontlineService)(nil)

// FrontlineService stores imported occupied-area snapshots in SQLite.
type FrontlineService struct {
	db *DB
}

// NewFrontlineService returns a FrontlineService on db.
func NewFrontlineService(db *DB) *FrontlineService {
	return &FrontlineService{db: db}
}

// FindFrontlineSnapshots returns every imported snapshot by date.
func (s *FrontlineService) FindFrontlineSnapshots(ctx context.Context) ([]*farsight.FrontlineSnapshot, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT date, source, geometry, imported_at FROM frontline_snapshots ORDER BY date`)
	if err != nil {
		return nil, fmt.Errorf("find frontline snapshots: %w", err)
	}
	defer rows.Close()
	var out []*farsight.FrontlineSnapshot
	for rows.Next() {
		var fs farsight.FrontlineSnapshot
		var geometry, imported string
		if err := rows.Scan(&fs.Date, &fs.Source, &geometry, &imported); err != nil {
			return nil, err
		}
		fs.Geometry = json.RawMessage(geometry)
		if fs.ImportedAt, err = parseTime(imported); err != nil {
			return nil, err
		}
		out = append(out, &fs)
	}
	return out, rows.Err()
}

// SaveFrontlineSnapshots stores snapshots, replacing those of the same dates.
func (s *FrontlineService) SaveFrontlineSnapshots(ctx context.Context, ss []*farsight.FrontlineSnapshot) error {
	for _, fs := range ss {
		if _, err := time.Parse(time.DateOnly, fs.Date); err != nil {
			return farsight.Errorf(farsight.EINVALID, "snapshot date %q is not YYYY-MM-DD", fs.Date)
		}
		if len(fs.Geometry) == 0 || !json.Valid(fs.Geometry) {
			return farsight.Errorf(farsight.EINVALID, "snapshot %s has no valid geometry", fs.Date)
		}
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.db.Now().UTC()
	for _, fs := range ss {
		fs.ImportedAt = now
		if _, err := tx.ExecContext(ctx, `INSERT INTO frontline_snapshots (date, source, geometry, imported_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (date) DO UPDATE SET source = excluded.source, geometry = excluded.geometry, imported_at = excluded.imported_at`,
			fs.Date, fs.Source, string(fs.Geometry), formatTime(now)); err != nil {
			return formatError(err)
		}
	}
	return tx.Commit()
}
