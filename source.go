package farsight

import (
	"context"
	"time"
)

// SourceKind says what kind of publisher a source is, and on whose side.
type SourceKind string

// Source kinds.
const (
	SourceUAOfficial SourceKind = "ua_official"
	SourceRUOfficial SourceKind = "ru_official"
	SourceMedia      SourceKind = "media"
	SourceOSINT      SourceKind = "osint"
	SourceUnknown    SourceKind = "unknown"
)

// Valid reports whether k is one of the known source kinds.
func (k SourceKind) Valid() bool {
	switch k {
	case SourceUAOfficial, SourceRUOfficial, SourceMedia, SourceOSINT, SourceUnknown:
		return true
	}
	return false
}

// Source is a publisher of reports: an outlet, an official channel, a feed or
// an OSINT account. Its Name is unique.
type Source struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	URL       string     `json:"url,omitempty"`
	Kind      SourceKind `json:"kind"`
	CreatedAt time.Time  `json:"created_at"`
}

// Validate returns EINVALID when the source cannot be stored.
func (s *Source) Validate() error {
	if s.Name == "" {
		return Errorf(EINVALID, "source name required")
	}
	if s.Kind == "" {
		s.Kind = SourceUnknown
	}
	if !s.Kind.Valid() {
		return Errorf(EINVALID, "unknown source kind %q", s.Kind)
	}
	return nil
}

// SourceService stores sources.
type SourceService interface {
	// FindSourceByID returns ENOTFOUND when no source has that ID.
	FindSourceByID(ctx context.Context, id int64) (*Source, error)

	// FindSourceByName returns ENOTFOUND when no source has that name.
	FindSourceByName(ctx context.Context, name string) (*Source, error)

	// FindSources returns all sources ordered by name.
	FindSources(ctx context.Context) ([]*Source, error)

	// CreateSource stores a new source and sets its ID. It returns EINVALID
	// for an invalid source and ECONFLICT when the name is taken.
	CreateSource(ctx context.Context, s *Source) error
}
