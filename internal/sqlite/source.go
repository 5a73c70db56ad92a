package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/farsight-osint/farsight"
)

var _ farsight.SourceService = (*SourceService)(nil)

// SourceService stores sources in SQLite.
type SourceService struct {
	db *DB
}

// NewSourceService returns a SourceService on db.
func NewSourceService(db *DB) *SourceService {
	return &SourceService{db: db}
}

// FindSourceByID returns ENOTFOUND when no source has that ID.
func (s *SourceService) FindSourceByID(ctx context.Context, id int64) (*farsight.Source, error) {
	return findSource(ctx, s.db.db, `id = ?`, id)
}

// FindSourceByName returns ENOTFOUND when no source has that name.
func (s *SourceService) FindSourceByName(ctx context.Context, name string) (*farsight.Source, error) {
	return findSource(ctx, s.db.db, `name = ?`, name)
}

// FindSources returns all sources ordered by name.
func (s *SourceService) FindSources(ctx context.Context) ([]*farsight.Source, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT id, name, url, kind, created_at FROM sources ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("find sources: %w", err)
	}
	defer rows.Close()
	var out []*farsight.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// CreateSource stores a new source and sets its ID.
func (s *SourceService) CreateSource(ctx context.Context, src *farsight.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	src.CreatedAt = s.db.Now().UTC()
	res, err := s.db.db.ExecContext(ctx, `INSERT INTO sources (name, url, kind, created_at) VALUES (?, ?, ?, ?)`,
		src.Name, src.URL, string(src.Kind), formatTime(src.CreatedAt))
	if err != nil {
		return formatError(err)
	}
	src.ID, err = res.LastInsertId()
	return err
}

func findSource(ctx context.Context, q execer, where string, arg any) (*farsight.Source, error) {
	row := q.QueryRowContext(ctx, `SELECT id, name, url, kind, created_at FROM sources WHERE `+where, arg)
	src, err := scanSource(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, farsight.Errorf(farsight.ENOTFOUND, "source not found")
	}
	return src, err
}

func scanSource(row interface{ Scan(...any) error }) (*farsight.Source, error) {
	var src farsight.Source
	var kind, created string
	if err := row.Scan(&src.ID, &src.Name, &src.URL, &kind, &created); err != nil {
		return nil, err
	}
	src.Kind = farsight.SourceKind(kind)
	var err error
	src.CreatedAt, err = parseTime(created)
	return &src, err
}

// sourceID returns the ID of the source named name, creating it (kind
// unknown) when it does not exist yet.
func sourceID(ctx context.Context, tx execer, name string, kind farsight.SourceKind, now string) (int64, error) {
	if kind == "" || !kind.Valid() {
		kind = farsight.SourceUnknown
	}
	// A source first seen without a kind gets the first kind a report gives.
	if _, err := tx.ExecContext(ctx, `INSERT INTO sources (name, kind, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET kind = excluded.kind WHERE sources.kind = 'unknown' AND excluded.kind != 'unknown'`, name, string(kind), now); err != nil {
		return 0, formatError(err)
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE name = ?`, name).Scan(&id)
	return id, err
}
