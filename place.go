package farsight

import "math"

// Point is a WGS 84 position in decimal degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Valid reports whether p is a finite position within the coordinate ranges.
func (p Point) Valid() bool {
	return !math.IsNaN(p.Lat) && !math.IsNaN(p.Lon) &&
		p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180
}

// BBox is a longitude/latitude box. It does not cross the antimeridian.
type BBox struct {
	MinLon float64 `json:"min_lon"`
	MinLat float64 `json:"min_lat"`
	MaxLon float64 `json:"max_lon"`
	MaxLat float64 `json:"max_lat"`
}

// Validate returns EINVALID for a box outside the coordinate ranges or with
// its corners swapped.
func (b BBox) Validate() error {
	if !(Point{b.MinLat, b.MinLon}).Valid() || !(Point{b.MaxLat, b.MaxLon}).Valid() {
		return Errorf(EINVALID, "bbox corner out of range")
	}
	if b.MinLon > b.MaxLon || b.MinLat > b.MaxLat {
		return Errorf(EINVALID, "bbox min corner must be south-west of max corner")
	}
	return nil
}

// Contains reports whether p lies in b, edges included.
func (b BBox) Contains(p Point) bool {
	return p.Lon >= b.MinLon && p.Lon <= b.MaxLon && p.Lat >= b.MinLat && p.Lat <= b.MaxLat
}

// PlaceKind is the kind of a gazetteer entry.
type PlaceKind string

// Place kinds.
const (
	PlaceSettlement PlaceKind = "settlement"
	PlaceRegion     PlaceKind = "region"
	PlaceCountry    PlaceKind = "country"
	PlaceSea        PlaceKind = "sea"
	PlaceAirbase    PlaceKind = "airbase"
	PlaceAirport    PlaceKind = "airport"
	PlacePort       PlaceKind = "port"
	PlaceArea       PlaceKind = "area"
	// PlaceSite is a named facility at one point: a bridge, a power plant.
	PlaceSite PlaceKind = "site"
)

// Place is a gazetteer entry: a settlement, region, sea, port or airbase.
type Place struct {
	// ID is stable across gazetteer builds: "gn:<geonameid>" for GeoNames
	// places and admin-1 regions ("ne:<ne_id>" for regions without one),
	// "country:<ISO alpha-2>", "sea:<slug>", "port:<slug>",
	// "ap:<OurAirports ident>", "alias:<slug>" for curated places.
	ID   string    `json:"id"`
	Name string    `json:"name"`
	Kind PlaceKind `json:"kind"`
	Point
	// Country is the ISO 3166-1 alpha-2 code, "" for seas.
	Country string `json:"country,omitempty"`
	// Admin1 is the English name of the first-level region (oblast,
	// republic, krai); Admin1Code its GeoNames code such as "UA.08".
	Admin1     string `json:"admin1,omitempty"`
	Admin1Code string `json:"admin1_code,omitempty"`
	// Admin2 is the district (raion) name where known.
	Admin2      string `json:"admin2,omitempty"`
	Population  int    `json:"population,omitempty"`
	FeatureCode string `json:"feature_code,omitempty"`
	// Names are the alternate names: Latin and Cyrillic spellings.
	Names []string `json:"names,omitempty"`
}
