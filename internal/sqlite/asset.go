package sqlite

import (
	"context"
	"fmt"

	"github.com/farsight-osint/farsight"
)

var _ farsight.AssetService = (*AssetService)(nil)

// AssetService stores the asset registry in SQLite.
type AssetService struct {
	db *DB
}

// NewAssetService returns an AssetService on db.
func NewAssetService(db *DB) *AssetService {
	return &AssetService{db: db}
}

const assetColumns = `id, key, kind, name, name_uk, name_ru, class, hull, fleet, home_port, source`

func scanAsset(row interface{ Scan(...any) error }) (*farsight.Asset, error) {
	var a farsight.Asset
	err := row.Scan(&a.ID, &a.Key, &a.Kind, &a.Name, &a.NameUK, &a.NameRU, &a.Class, &a.Hull, &a.Fleet, &a.HomePort, &a.Source)
	return &a, err
}

// FindAssetByKey returns ENOTFOUND when no asset has that key.
func (s *AssetService) FindAssetByKey(ctx context.Context, key string) (*farsight.Asset, error) {
	a, err := scanAsset(s.db.db.QueryRowContext(ctx, `SELECT `+assetColumns+` FROM assets WHERE key = ?`, key))
	if errNoRows(err) {
		return nil, farsight.Errorf(farsight.ENOTFOUND, "asset %q not found", key)
	} else if err != nil {
		return nil, fmt.Errorf("find asset: %w", err)
	}
	return a, nil
}

// FindAssets returns every asset ordered by key.
func (s *AssetService) FindAssets(ctx context.Context) ([]*farsight.Asset, error) {
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+assetColumns+` FROM assets ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("find assets: %w", err)
	}
	defer rows.Close()
	var out []*farsight.Asset
	for rows.Next() {
		a, err := scanAsset(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// UpsertAssets creates or updates assets by key and sets their IDs.
func (s *AssetService) UpsertAssets(ctx context.Context, as []*farsight.Asset) error {
	for _, a := range as {
		if err := a.Validate(); err != nil {
			return err
		}
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, a := range as {
		err := tx.QueryRowContext(ctx, `INSERT INTO assets (key, kind, name, name_uk, name_ru, class, hull, fleet, home_port, source)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, name = excluded.name, name_uk = excluded.name_uk, name_ru = excluded.name_ru,
				class = excluded.class, hull = excluded.hull, fleet = excluded.fleet, home_port = excluded.home_port, source = excluded.source
			RETURNING id`,
			a.Key, a.Kind, a.Name, a.NameUK, a.NameRU, a.Class, a.Hull, a.Fleet, a.HomePort, a.Source).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("upsert asset %s: %w", a.Key, formatError(err))
		}
	}
	return tx.Commit()
}
