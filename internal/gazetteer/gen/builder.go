package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/farsight-osint/farsight/internal/gazetteer/internal/textkey"
)

// formatVersion is the first line of the data file. The loader refuses other
// versions.
const formatVersion = "#farsight-gazetteer v1"

// header names the columns of the data file.
const header = "id\tkind\tname\tlat\tlon\tcountry\tadmin1_code\tadmin2\tpopulation\tfeature_code\tnames"

// kindRank orders places of equal population; it matches kindRank in the
// gazetteer package, whose Lookup order is the file order.
var kindRank = map[string]int{
	"country": 0, "region": 1, "sea": 2, "area": 3, "site": 3,
	"settlement": 4, "airbase": 5, "airport": 6, "port": 7,
}

// place is one output row.
type place struct {
	ID          string
	Kind        string
	Name        string
	Lat, Lon    float64
	Country     string
	Admin1Code  string
	Admin2      string
	Population  int64
	FeatureCode string
	Names       []string // alternate names, Name excluded
}

// builder accumulates the places of all inputs.
type builder struct {
	logger *slog.Logger
	places map[string]*place

	// regions by ISO 3166-2 code, for airports.
	regionByISO map[string]*place
	// regionByA1 maps a GeoNames admin1 code to its region.
	regionByA1 map[string]*place
	// uaAdmin1Names holds the GeoNames admin1 names of ua_places by code.
	uaAdmin1Names map[string]string

	// allSettlements holds every GeoNames place before the population
	// filter, for finding the country of a port.
	allSettlements []*place

	cities map[int64]*gnRow // cities500 rows by geonameid
	ua     map[int64]*gnRow // ua_places rows by geonameid
}

func newBuilder(logger *slog.Logger) *builder {
	return &builder{
		logger:        logger,
		places:        make(map[string]*place),
		regionByISO:   make(map[string]*place),
		regionByA1:    make(map[string]*place),
		uaAdmin1Names: make(map[string]string),
		cities:        make(map[int64]*gnRow),
		ua:            make(map[int64]*gnRow),
	}
}

func (b *builder) add(p *place) error {
	if _, dup := b.places[p.ID]; dup {
		return fmt.Errorf("duplicate place id %q", p.ID)
	}
	if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
		return fmt.Errorf("place %s: coordinates out of range: %v,%v", p.ID, p.Lat, p.Lon)
	}
	b.places[p.ID] = p
	return nil
}

// cleanField removes the characters that the file format reserves.
func cleanField(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '|':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// dedupeNames cleans names, drops empty ones and keeps only the first name of
// each normalised key, never repeating the key of the main name.
func dedupeNames(main string, names []string) []string {
	seen := map[string]bool{textkey.Key(main): true}
	out := names[:0:0]
	for _, n := range names {
		n = cleanField(n)
		k := textkey.Key(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// goodAltName reports whether a source alternate name is worth keeping: Latin
// or Cyrillic script only, no digits, links or short upper-case codes.
func goodAltName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 || strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "www.") {
		return false
	}
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			if !unicode.In(r, unicode.Latin, unicode.Cyrillic) {
				return false
			}
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Common, unicode.Inherited):
		default:
			return false
		}
	}
	if upper == 0 {
		// No capital at all: GeoNames' romanisations of CJK names
		// ("kaseupiseukeu", "ao er di nuo"), not names in use.
		return false
	}
	return !isCode(s)
}

// isCode reports whether s looks like an airport or region code: two to four
// letters, all upper case (Latin or Cyrillic, as in "UKBB" or "ЬУВЛ").
func isCode(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// filterAltNames splits and filters a list of alternate names.
func filterAltNames(names []string) []string {
	out := names[:0:0]
	for _, n := range names {
		if goodAltName(n) {
			out = append(out, strings.TrimSpace(n))
		}
	}
	return out
}

// slug turns a name into an ASCII identifier part: "Sea of Azov" → "sea-of-azov".
func slug(s string) string {
	k := textkey.Key(s)
	var sb strings.Builder
	dash := false
	for _, r := range k {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
		} else {
			dash = true
		}
	}
	return sb.String()
}

func formatCoord(x float64) string {
	x = math.Round(x*1e5) / 1e5
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// write sorts the places (population descending, kind, ID) and writes the
// gzip-compressed TSV with a fixed gzip header.
func (b *builder) write(path string) error {
	rows := make([]*place, 0, len(b.places))
	for _, p := range b.places {
		rows = append(rows, p)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Population != rows[j].Population {
			return rows[i].Population > rows[j].Population
		}
		if ri, rj := kindRank[rows[i].Kind], kindRank[rows[j].Kind]; ri != rj {
			return ri < rj
		}
		return rows[i].ID < rows[j].ID
	})
	var nNames int
	kinds := map[string]int{}
	for _, p := range rows {
		p.Name = cleanField(p.Name)
		p.Names = dedupeNames(p.Name, p.Names)
		nNames += len(p.Names)
		kinds[p.Kind]++
	}

	var raw bytes.Buffer
	fmt.Fprintf(&raw, "%s\tplaces=%d\tnames=%d\n%s\n", formatVersion, len(rows), nNames, header)
	for _, p := range rows {
		raw.WriteString(p.ID)
		raw.WriteByte('\t')
		raw.WriteString(p.Kind)
		raw.WriteByte('\t')
		raw.WriteString(p.Name)
		raw.WriteByte('\t')
		raw.WriteString(formatCoord(p.Lat))
		raw.WriteByte('\t')
		raw.WriteString(formatCoord(p.Lon))
		raw.WriteByte('\t')
		raw.WriteString(p.Country)
		raw.WriteByte('\t')
		raw.WriteString(p.Admin1Code)
		raw.WriteByte('\t')
		raw.WriteString(cleanField(p.Admin2))
		raw.WriteByte('\t')
		if p.Population > 0 {
			raw.WriteString(strconv.FormatInt(p.Population, 10))
		}
		raw.WriteByte('\t')
		raw.WriteString(p.FeatureCode)
		raw.WriteByte('\t')
		raw.WriteString(strings.Join(p.Names, "|"))
		raw.WriteByte('\n')
	}

	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create output dir: %w", err)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("create %s: %w", tmp, err)
	}
	bw := bufio.NewWriter(f)
	zw, err := gzip.NewWriterLevel(bw, gzip.BestCompression)
	if err != nil {
		f.Close()
		return fmt.Errorf("gzip: %w", err)
	}
	zw.Name = "gazetteer.tsv"
	zw.ModTime = time.Unix(0, 0) // fixed header: reproducible bytes
	if _, err := zw.Write(raw.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename %s: %w", tmp, err)
	}

	kindNames := make([]string, 0, len(kinds))
	for k := range kinds {
		kindNames = append(kindNames, k)
	}
	slices.Sort(kindNames)
	attrs := []any{slog.String("path", path), slog.Int("places", len(rows)), slog.Int("names", nNames), slog.Int("raw_bytes", raw.Len())}
	for _, k := range kindNames {
		attrs = append(attrs, slog.Int(k, kinds[k]))
	}
	b.logger.Info("wrote gazetteer", attrs...)
	return nil
}
