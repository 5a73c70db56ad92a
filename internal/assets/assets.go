// Package assets is farsight's curated registry of named military assets
// (ships first; see SOURCES.md) and links the named targets of extracted
// events to them. It does no I/O beyond its embedded data.
package assets

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/farsight-osint/farsight"
)

//go:embed ships.csv
var shipsCSV []byte

var header = []string{"key", "kind", "name", "name_uk", "name_ru", "class", "hull", "fleet", "home_port", "source"}

// Ships returns the ship registry, in file order.
func Ships() ([]*farsight.Asset, error) {
	return Parse(shipsCSV)
}

// Parse reads a registry in the ships.csv format. Every row needs a key, a
// name and a source; keys are unique.
func Parse(data []byte) ([]*farsight.Asset, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(header)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "asset registry: %v", err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		return nil, farsight.Errorf(farsight.EINVALID, "asset registry: header must be %s", strings.Join(header, ","))
	}
	seen := map[string]bool{}
	var out []*farsight.Asset
	for i, f := range rows[1:] {
		a := &farsight.Asset{Key: f[0], Kind: f[1], Name: f[2], NameUK: f[3], NameRU: f[4], Class: f[5], Hull: f[6], Fleet: f[7], HomePort: f[8], Source: f[9]}
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("asset registry line %d: %w", i+2, err)
		}
		if seen[a.Key] {
			return nil, farsight.Errorf(farsight.EINVALID, "asset registry line %d: duplicate key %s", i+2, a.Key)
		}
		seen[a.Key] = true
		out = append(out, a)
	}
	return out, nil
}

// Registry finds assets by name.
type Registry struct {
	byName map[string][]*farsight.Asset
}

// NewRegistry indexes assets by their names in every language.
func NewRegistry(as []*farsight.Asset) *Registry {
	r := &Registry{byName: map[string][]*farsight.Asset{}}
	for _, a := range as {
		for _, n := range []string{a.Name, a.NameUK, a.NameRU} {
			if k := Normalize(n); k != "" && !slices.Contains(r.byName[k], a) {
				r.byName[k] = append(r.byName[k], a)
			}
		}
	}
	return r
}

// Lookup returns the one asset a name denotes, or nil when none or several
// do.
func (r *Registry) Lookup(name string) *farsight.Asset {
	if as := r.byName[Normalize(name)]; len(as) == 1 {
		return as[0]
	}
	return nil
}

// Link sets the asset key of each vessel target of e named like exactly one
// registry ship ("Tatarstan", «Татарстан»). Only targets the extractor
// found to be vessels are linked, so the region Dagestan never becomes the
// ship Dagestan.
func (r *Registry) Link(e *farsight.Event) {
	for i := range e.Targets {
		t := &e.Targets[i]
		if t.Category != "naval_vessel" || t.Name == "" || t.AssetKey != "" {
			continue
		}
		if a := r.Lookup(t.Name); a != nil {
			t.AssetKey = a.Key
		}
	}
}

// Normalize folds a ship name for lookup: lower case, ё as е, quotes,
// "the" and punctuation dropped, hyphens as spaces.
func Normalize(s string) string {
	var b strings.Builder
	space := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c == 'ё':
			c = 'е'
		case unicode.IsLetter(c) || unicode.IsDigit(c):
		case c == '-' || unicode.IsSpace(c):
			space = b.Len() > 0
			continue
		default:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(c)
	}
	return strings.TrimPrefix(b.String(), "the ")
}
