// Package geodata holds the reference geometry farsight bundles in its
// binary: Ukraine's internationally recognised outline (Crimea included),
// Russia without Crimea, named seas, the admin-1 regions of the theatre and
// the dated occupied-area snapshots (DeepStateMap).
//
// The geometry is one embedded file, data/geodata.bin.gz, built by
// `go generate ./internal/geodata` from pinned inputs; see README.md for the
// sources, the format and the licences. Load parses it; ParseSnapshot reads
// a user's own occupied-area snapshot (GeoJSON). The package does no other
// I/O.
//
// All positions are WGS 84 [lon, lat] (orb.Point). Exterior rings are
// counter-clockwise, holes clockwise, and every ring is closed.
package geodata

import (
	_ "embed"
	"fmt"
)

//go:generate go run ./gen -shared ../../../shared/data -o data/geodata.bin.gz

//go:embed data/geodata.bin.gz
var bundled []byte

// Load parses the embedded data file. Every call parses it anew (about
// 15 ms, 9 MB of heap and 4,000 allocations); load once and share the
// result, which callers must not modify.
func Load() (*Data, error) {
	d, err := decode(bundled)
	if err != nil {
		return nil, fmt.Errorf("load bundled geodata: %w", err)
	}
	return d, nil
}
