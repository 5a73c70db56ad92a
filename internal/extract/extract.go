// Package extract turns report text into events: dates, places, event
// types, actors, targets, claims and quoted distances.
package extract

import "github.com/farsight-osint/farsight"

// Version identifies the extraction rules.
const Version = "0"

// Extractor is farsight's rule-based extractor.
type Extractor struct{}

var _ farsight.Extractor = (*Extractor)(nil)

// New returns an extractor.
func New() *Extractor { return &Extractor{} }

// Version returns the version of the extraction rules.
func (x *Extractor) Version() string { return Version }

// Extract returns the events a report describes. No rules exist yet, so it
// returns none.
func (x *Extractor) Extract(r *farsight.Report) ([]*farsight.Event, error) {
	return nil, nil
}
