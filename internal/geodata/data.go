package geodata

import "github.com/paulmach/orb"

// Data is the bundled reference geometry.
type Data struct {
	// Ukraine is the internationally recognised outline of Ukraine,
	// Crimea and Sevastopol included (Natural Earth 1:10m, amended).
	Ukraine orb.MultiPolygon
	// Russia is Natural Earth's outline of Russia without the Crimean
	// peninsula.
	Russia orb.MultiPolygon
	// Seas are the named water bodies around the theatre, in the order of
	// seas/seas.geojson. They do not overlap: gulfs are cut out of their
	// parent sea.
	Seas []Sea
	// Regions are the admin-1 regions of Ukraine, Russia and their
	// neighbours (Natural Earth 1:10m, simplified), sorted by country,
	// code and ISO code.
	Regions []Region
	// Snapshots are the occupied-area snapshots, sorted by date, one per
	// date.
	Snapshots []Snapshot
}

// Sea is a named sea, gulf or strait.
type Sea struct {
	// ID is "sea:" and the slug of the English name: "sea:black-sea",
	// "sea:sea-of-azov". The Mediterranean's two Natural Earth polygons
	// make one Sea, "sea:mediterranean-sea".
	ID string
	// Name is the English name as in Natural Earth ("Sea of Azov").
	Name string
	// NameUK is the Ukrainian name; empty for gulfs and straits.
	NameUK string
	// NameRU is Natural Earth's Russian name.
	NameRU string
	// Parent is the English name of the larger sea a gulf or sub-sea
	// belongs to ("Baltic Sea" for the Gulf of Finland), or empty.
	Parent string
	Shape  orb.MultiPolygon
}

// Region is an admin-1 region (oblast, krai, republic, county, ...).
type Region struct {
	// Code is the GeoNames admin-1 code as Natural Earth gives it
	// (gn_a1_code): "UA.08", "RU.17". A few Natural Earth regions carry
	// an incomplete code ("HU.", "MD.") or none of GeoNames ("-108",
	// Baikonur); ISO then tells them apart.
	Code string
	// ISO is the ISO 3166-2 code (iso_3166_2): "UA-65", "RU-DA".
	ISO string
	// Country is the ISO 3166-1 alpha-2 code under the project's border
	// policy: Crimea (UA-43) and Sevastopol (UA-40) are "UA".
	Country string
	// Name is Natural Earth's English name (name_en, else name).
	Name  string
	Shape orb.MultiPolygon
}

// Snapshot is the Russian-occupied area of Ukraine on one date.
type Snapshot struct {
	Date     string // YYYY-MM-DD
	Source   string
	Occupied orb.MultiPolygon
}
