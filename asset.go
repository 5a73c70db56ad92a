package farsight

import "context"

// Asset is a named military asset that strikes are reported against: a ship
// first, later airbases and refineries. Curated data: every asset cites its
// Source, and unknown fields stay empty rather than guessed.
type Asset struct {
	ID int64 `json:"id"`
	// Key is a stable slug such as "ship:tatarstan".
	Key    string `json:"key"`
	Kind   string `json:"kind"`
	Name   string `json:"name"`
	NameUK string `json:"name_uk,omitempty"`
	NameRU string `json:"name_ru,omitempty"`
	// Class is the class or project, e.g. "Gepard class (Project 11661K)".
	Class    string `json:"class,omitempty"`
	Hull     string `json:"hull,omitempty"`
	Fleet    string `json:"fleet,omitempty"`
	HomePort string `json:"home_port,omitempty"`
	// Source is the public reference the row was checked against.
	Source string `json:"source"`
}

// Validate returns EINVALID when the asset cannot be stored.
func (a *Asset) Validate() error {
	switch {
	case a.Key == "":
		return Errorf(EINVALID, "asset key required")
	case a.Name == "":
		return Errorf(EINVALID, "asset name required")
	case a.Source == "":
		return Errorf(EINVALID, "asset %s: source required", a.Key)
	}
	return nil
}

// AssetService stores the asset registry.
type AssetService interface {
	// FindAssetByKey returns ENOTFOUND when no asset has that key.
	FindAssetByKey(ctx context.Context, key string) (*Asset, error)
	// FindAssets returns every asset ordered by key.
	FindAssets(ctx context.Context) ([]*Asset, error)
	// UpsertAssets creates or updates assets by key.
	UpsertAssets(ctx context.Context, as []*Asset) error
}
