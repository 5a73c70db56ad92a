// Package gazetteer resolves place names to places: settlements, admin-1
// regions, countries, seas and straits, ports, airports and airbases, and a
// few curated areas, for the Russia–Ukraine theatre first and the world's
// larger towns after.
//
// The data is one gzip-compressed TSV file embedded in the binary
// (data/gazetteer.tsv.gz), built reproducibly from pinned public sources by
// `go generate ./internal/gazetteer` (see README.md for the inputs, filters,
// counts and licences). Load parses it into an immutable Gazetteer; the
// package does no other I/O.
//
// Names are matched by key: Normalize folds case, Latin diacritics,
// apostrophes, ё and hyphens, so that "Kam'ianske", "Kamianske" and
// "KAMIANSKE" are one key. Lookup returns every place that has a name with
// the key, most populous first; choosing among them is the caller's job.
//
// Place IDs are stable across builds: "gn:<geonameid>" for GeoNames places
// and for regions (the GeoNames id Natural Earth gives them), "ne:<ne_id>"
// for the few regions without a usable GeoNames id, "country:<ISO alpha-2>",
// "sea:<slug>", "port:<slug>", "ap:<OurAirports ident>" and "alias:<slug>"
// for curated places.
package gazetteer
