package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/farsight-osint/farsight/internal/npmpkg"
)

// gnRow is a GeoNames populated place from cities500 or ua_places.
type gnRow struct {
	ID          int64
	Name        string
	ASCIIName   string
	AltNames    []string
	Lat, Lon    float64
	FeatureCode string
	Country     string
	Admin1      string // code within the country, "17"
	Admin2Name  string
	Population  int64
}

// Countries whose every cities500 (and, for UA, ua_places) populated place
// is kept: the theatre and the countries around it.
var keepAllCountries = set(
	// theatre
	"UA", "RU", "BY", "MD", "GE", "AM", "AZ", "KZ", "PL", "RO",
	// neighbours
	"LT", "LV", "EE", "FI", "SK", "HU", "BG", "TR", "CZ", "RS",
)

// europe lists the other European countries and territories; their places
// are kept from minPopEurope.
var europe = set(
	"AD", "AL", "AT", "AX", "BA", "BE", "CH", "CY", "DE", "DK", "ES", "FO",
	"FR", "GB", "GG", "GI", "GR", "HR", "IE", "IM", "IS", "IT", "JE", "LI",
	"LU", "MC", "ME", "MK", "MT", "NL", "NO", "PT", "SE", "SI", "SJ", "SM",
	"VA", "XK",
)

const (
	minPopEurope = 5000
	minPopWorld  = 15000
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// keepSettlement applies the population filter.
func keepSettlement(country string, pop int64, featureCode string) bool {
	switch {
	case keepAllCountries[country]:
		return true
	case featureCode == "PPLC": // capitals everywhere
		return true
	case europe[country]:
		return pop >= minPopEurope
	}
	return pop >= minPopWorld
}

func (b *builder) readCities500(tgz string) error {
	return npmpkg.WalkTarball(tgz, func(name string) bool { return name == "package/dist/cities500.txt" }, func(_ string, r io.Reader) error {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		line := 0
		for sc.Scan() {
			line++
			f := strings.Split(sc.Text(), "\t")
			if len(f) != 19 {
				return fmt.Errorf("line %d: %d columns, want 19", line, len(f))
			}
			row, err := parseGN(f[0], f[1], f[2], f[3], f[4], f[5], f[7], f[8], f[10], "", f[14])
			if err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			b.cities[row.ID] = row
		}
		if err := sc.Err(); err != nil {
			return err
		}
		b.logger.Info("read cities500", "rows", line)
		return nil
	})
}

func (b *builder) readUAPlaces(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue // header
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 14 {
			return fmt.Errorf("line %d: %d columns, want 14", line, len(f))
		}
		// geonameid name asciiname alternatenames latitude longitude
		// country_code admin1_code admin1_name feature_code population
		// admin2_code admin2_name modification_date
		row, err := parseGN(f[0], f[1], f[2], f[3], f[4], f[5], f[9], f[6], f[7], f[12], f[10])
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		b.ua[row.ID] = row
		if f[7] != "" && f[7] != "00" && f[8] != "" {
			b.uaAdmin1Names[f[6]+"."+f[7]] = f[8]
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	b.logger.Info("read ua_places", "rows", line-1)
	return gz.Close()
}

func parseGN(id, name, ascii, alt, lat, lon, fcode, country, admin1, admin2Name, pop string) (*gnRow, error) {
	r := &gnRow{Name: name, ASCIIName: ascii, FeatureCode: fcode, Country: country, Admin1: admin1, Admin2Name: admin2Name}
	var err error
	if r.ID, err = strconv.ParseInt(id, 10, 64); err != nil {
		return nil, fmt.Errorf("geonameid: %w", err)
	}
	if r.Lat, err = strconv.ParseFloat(lat, 64); err != nil {
		return nil, fmt.Errorf("latitude: %w", err)
	}
	if r.Lon, err = strconv.ParseFloat(lon, 64); err != nil {
		return nil, fmt.Errorf("longitude: %w", err)
	}
	if pop != "" {
		if r.Population, err = strconv.ParseInt(pop, 10, 64); err != nil {
			return nil, fmt.Errorf("population: %w", err)
		}
	}
	if alt != "" {
		r.AltNames = strings.Split(alt, ",")
	}
	return r, nil
}

// addSettlements merges cities500 and ua_places by geonameid (ua_places
// wins, but cities500's population fills a zero) and adds the places that
// pass the filter.
func (b *builder) addSettlements() error {
	merged := make(map[int64]*gnRow, len(b.cities)+len(b.ua))
	for id, r := range b.cities {
		merged[id] = r
	}
	for id, r := range b.ua {
		if c, ok := merged[id]; ok && r.Population == 0 {
			r.Population = c.Population
		}
		merged[id] = r
	}
	var kept, dropped int
	for _, r := range merged {
		var a1 string
		if r.Admin1 != "" && r.Admin1 != "00" {
			a1 = r.Country + "." + r.Admin1
		}
		b.allSettlements = append(b.allSettlements, &place{
			ID: "gn:" + strconv.FormatInt(r.ID, 10), Lat: r.Lat, Lon: r.Lon, Country: r.Country, Admin1Code: a1,
		})
		if !keepSettlement(r.Country, r.Population, r.FeatureCode) {
			dropped++
			continue
		}
		kept++
		names := append([]string{r.ASCIIName}, r.AltNames...)
		names = append(names, riverlessNames(append([]string{r.Name}, names...))...)
		p := &place{
			ID:          "gn:" + strconv.FormatInt(r.ID, 10),
			Kind:        "settlement",
			Name:        r.Name,
			Lat:         r.Lat,
			Lon:         r.Lon,
			Country:     r.Country,
			Admin2:      r.Admin2Name,
			Population:  r.Population,
			FeatureCode: r.FeatureCode,
			Names:       filterAltNames(names),
		}
		if r.Admin1 != "" && r.Admin1 != "00" {
			p.Admin1Code = r.Country + "." + r.Admin1
		}
		if err := b.add(p); err != nil {
			return err
		}
	}
	// The GeoNames names of Ukraine's oblasts ("Kherson Oblast") become
	// alternate names of the Natural Earth regions.
	codes := make([]string, 0, len(b.uaAdmin1Names))
	for code := range b.uaAdmin1Names {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		if reg := b.regionByA1[code]; reg != nil {
			reg.Names = append(reg.Names, b.uaAdmin1Names[code])
		}
	}
	sort.Slice(b.allSettlements, func(i, j int) bool { return b.allSettlements[i].ID < b.allSettlements[j].ID })
	b.logger.Info("settlements", "kept", kept, "dropped", dropped)
	return nil
}

// riverlessNames returns the short forms of names of the form "X-na-Y"
// ("Slavyansk-na-Kubani", "Слов'янськ на Кубані"): "Slavyansk",
// "Слов'янськ". News and the town's adjectives use them ("Слов'янський
// НПЗ"), as GeoNames itself gives "Ростов" for Rostov-na-Donu.
func riverlessNames(names []string) []string {
	var out []string
	for _, n := range names {
		for _, sep := range []string{"-na-", " na ", "-на-", " на ", "-on-", " on "} {
			if short, _, ok := strings.Cut(n, sep); ok && utf8.RuneCountInString(short) >= 4 {
				out = append(out, short)
				break
			}
		}
	}
	return out
}
