package gazetteer

import (
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/gazetteer/internal/textkey"
)

//go:generate go run ./gen -shared ../../../shared/data -aliases aliases.tsv -o data/gazetteer.tsv.gz

// embedded is the gzip-compressed data file written by ./gen.
//
//go:embed data/gazetteer.tsv.gz
var embedded []byte

// formatVersion is the first field of the data file's first line.
const formatVersion = "#farsight-gazetteer v1"

// header is the data file's column line.
const header = "id\tkind\tname\tlat\tlon\tcountry\tadmin1_code\tadmin2\tpopulation\tfeature_code\tnames"

const numColumns = 11

// Gazetteer is an immutable, in-memory set of places with a name index. It is
// safe for concurrent use. The *farsight.Place values it returns are shared
// and must not be modified.
type Gazetteer struct {
	places   []farsight.Place
	byID     map[string]int32
	admin1   map[string]int32
	keyIndex map[string]int32 // normalised name → index into keys
	keys     []keyEntry       // in order of first appearance in the file
	postings []*farsight.Place
}

// keyEntry is one normalised name and its places, postings[start:end].
type keyEntry struct {
	key        string
	start, end int32
}

// Load parses the gazetteer embedded in the binary. It takes a few hundred
// milliseconds, so call it once and share the result.
func Load() (*Gazetteer, error) {
	sizeHint := 0
	if n := len(embedded); n >= 4 {
		// The gzip trailer holds the uncompressed size modulo 2^32.
		sizeHint = int(binary.LittleEndian.Uint32(embedded[n-4:]))
	}
	g, err := load(bytes.NewReader(embedded), sizeHint)
	if err != nil {
		return nil, fmt.Errorf("load embedded gazetteer: %w", err)
	}
	return g, nil
}

// LoadFrom parses a gazetteer in the data file format (gzip-compressed TSV,
// see README.md) from r.
func LoadFrom(r io.Reader) (*Gazetteer, error) {
	g, err := load(r, 0)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return g, nil
}

func load(r io.Reader, sizeHint int) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	var sb strings.Builder
	if sizeHint > 0 && sizeHint < 1<<30 {
		sb.Grow(sizeHint + 1)
	}
	if _, err := io.Copy(&sb, zr); err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	return parse(sb.String())
}

// parse builds a Gazetteer from the uncompressed file. All strings of the
// places are substrings of data, so parsing allocates little per row.
func parse(data string) (*Gazetteer, error) {
	first, rest, _ := strings.Cut(data, "\n")
	nPlaces, nNames, err := parseVersionLine(first)
	if err != nil {
		return nil, err
	}
	// The counts are hints; a row takes at least 16 bytes and a name 2.
	nPlaces, nNames = min(nPlaces, len(data)/16), min(nNames, len(data)/2)
	hdr, rest, _ := strings.Cut(rest, "\n")
	if hdr != header {
		return nil, fmt.Errorf("line 2: unexpected header %q", hdr)
	}

	g := &Gazetteer{
		places: make([]farsight.Place, 0, nPlaces),
		byID:   make(map[string]int32, nPlaces),
		admin1: make(map[string]int32),
	}
	names := make([]string, 0, nNames)
	var fields [numColumns]string
	for lineNo := 3; rest != ""; lineNo++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if line == "" {
			continue
		}
		if err := splitFields(line, fields[:]); err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		p, err := parsePlace(&fields)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		if alt := fields[10]; alt != "" {
			start := len(names)
			for alt != "" {
				var n string
				n, alt, _ = strings.Cut(alt, "|")
				if n != "" {
					names = append(names, n)
				}
			}
			p.Names = names[start:len(names):len(names)]
		}
		g.places = append(g.places, p)
	}
	// names may have been reallocated while growing: re-slice every place's
	// Names from the final backing array.
	if cap(names) != nNames {
		if err := g.reslice(names); err != nil {
			return nil, err
		}
	}
	// The generator writes the places in Lookup order; a file from
	// elsewhere is sorted here.
	if !slices.IsSortedFunc(g.places, comparePlaces) {
		slices.SortStableFunc(g.places, comparePlaces)
	}
	for i := range g.places {
		p := &g.places[i]
		if _, dup := g.byID[p.ID]; dup {
			return nil, fmt.Errorf("duplicate id %q", p.ID)
		}
		g.byID[p.ID] = int32(i)
		if p.Kind == farsight.PlaceRegion && p.Admin1Code != "" {
			if _, dup := g.admin1[p.Admin1Code]; dup {
				return nil, fmt.Errorf("second region for admin1 code %q", p.Admin1Code)
			}
			g.admin1[p.Admin1Code] = int32(i)
		}
	}
	for i := range g.places {
		p := &g.places[i]
		if p.Admin1Code == "" {
			continue
		}
		if r, ok := g.admin1[p.Admin1Code]; ok {
			p.Admin1 = g.places[r].Name
		}
	}
	g.buildIndex(len(names))
	return g, nil
}

// kindRank orders the kinds of places that have the same population (most
// often none): countries and regions before seas, areas and settlements,
// then airbases, airports and ports. gen/builder.go sorts the file the same
// way.
func kindRank(k farsight.PlaceKind) int {
	switch k {
	case farsight.PlaceCountry:
		return 0
	case farsight.PlaceRegion:
		return 1
	case farsight.PlaceSea:
		return 2
	case farsight.PlaceArea, farsight.PlaceSite:
		return 3
	case farsight.PlaceSettlement:
		return 4
	case farsight.PlaceAirbase:
		return 5
	case farsight.PlaceAirport:
		return 6
	case farsight.PlacePort:
		return 7
	}
	return 8
}

// comparePlaces is the Lookup order: population descending, then kind (see
// kindRank), then ID.
func comparePlaces(a, b farsight.Place) int {
	if a.Population != b.Population {
		return cmp.Compare(b.Population, a.Population)
	}
	if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
		return cmp.Compare(ra, rb)
	}
	return strings.Compare(a.ID, b.ID)
}

// reslice points every place's Names into the final names array. It is only
// needed when the version line under-counted the names.
func (g *Gazetteer) reslice(names []string) error {
	off := 0
	for i := range g.places {
		p := &g.places[i]
		n := len(p.Names)
		if n == 0 {
			continue
		}
		if off+n > len(names) {
			return errors.New("names count mismatch")
		}
		p.Names = names[off : off+n : off+n]
		off += n
	}
	return nil
}

func parseVersionLine(line string) (places, names int, err error) {
	f := strings.Split(line, "\t")
	if f[0] != formatVersion {
		return 0, 0, fmt.Errorf("line 1: unsupported format %q, want %q", f[0], formatVersion)
	}
	for _, kv := range f[1:] {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, 0, fmt.Errorf("line 1: bad count %q", kv)
		}
		n = min(n, 1<<24) // a hint only; bounds the preallocation
		switch k {
		case "places":
			places = n
		case "names":
			names = n
		}
	}
	return places, names, nil
}

func splitFields(line string, out []string) error {
	for i := range len(out) - 1 {
		j := strings.IndexByte(line, '\t')
		if j < 0 {
			return fmt.Errorf("%d columns, want %d", i+1, len(out))
		}
		out[i], line = line[:j], line[j+1:]
	}
	if strings.IndexByte(line, '\t') >= 0 {
		return fmt.Errorf("more than %d columns", len(out))
	}
	out[len(out)-1] = line
	return nil
}

func parsePlace(f *[numColumns]string) (farsight.Place, error) {
	p := farsight.Place{
		ID:          f[0],
		Name:        f[2],
		Country:     f[5],
		Admin1Code:  f[6],
		Admin2:      f[7],
		FeatureCode: f[9],
	}
	if p.ID == "" || p.Name == "" {
		return p, errors.New("empty id or name")
	}
	var ok bool
	if p.Kind, ok = parseKind(f[1]); !ok {
		return p, fmt.Errorf("unknown kind %q", f[1])
	}
	var err error
	if p.Lat, err = strconv.ParseFloat(f[3], 64); err != nil {
		return p, fmt.Errorf("lat: %w", err)
	}
	if p.Lon, err = strconv.ParseFloat(f[4], 64); err != nil {
		return p, fmt.Errorf("lon: %w", err)
	}
	if !p.Point.Valid() {
		return p, fmt.Errorf("point %v out of range", p.Point)
	}
	if f[8] != "" {
		pop, err := strconv.ParseInt(f[8], 10, 64)
		if err != nil || pop < 0 {
			return p, fmt.Errorf("bad population %q", f[8])
		}
		p.Population = int(pop)
	}
	if p.Kind == farsight.PlaceRegion && p.Admin1Code != "" {
		p.Admin1 = p.Name
	}
	return p, nil
}

func parseKind(s string) (farsight.PlaceKind, bool) {
	switch farsight.PlaceKind(s) {
	case farsight.PlaceSettlement:
		return farsight.PlaceSettlement, true
	case farsight.PlaceRegion:
		return farsight.PlaceRegion, true
	case farsight.PlaceCountry:
		return farsight.PlaceCountry, true
	case farsight.PlaceSea:
		return farsight.PlaceSea, true
	case farsight.PlaceAirbase:
		return farsight.PlaceAirbase, true
	case farsight.PlaceAirport:
		return farsight.PlaceAirport, true
	case farsight.PlacePort:
		return farsight.PlacePort, true
	case farsight.PlaceArea:
		return farsight.PlaceArea, true
	case farsight.PlaceSite:
		return farsight.PlaceSite, true
	}
	return "", false
}

// buildIndex computes the key of every main and alternate name and groups
// the places by key. Postings keep the order of g.places, the Lookup order.
func (g *Gazetteer) buildIndex(nNames int) {
	total := len(g.places) + nNames
	// Phase 1: all keys into one byte arena, converted to a single string
	// afterwards, so that the index keys are substrings and not one
	// allocation each.
	arena := make([]byte, 0, 12*total)
	ends := make([]int32, 0, total)
	for i := range g.places {
		p := &g.places[i]
		arena = textkey.Append(arena, p.Name)
		ends = append(ends, int32(len(arena)))
		for _, n := range p.Names {
			arena = textkey.Append(arena, n)
			ends = append(ends, int32(len(arena)))
		}
	}
	keysData := string(arena)
	arena = nil

	// Phase 2: key ids, first-seen order.
	g.keyIndex = make(map[string]int32, total/2)
	keyOf := make([]int32, len(ends))
	counts := make([]int32, 0, total/2)
	lastPlace := make([]int32, 0, total/2) // last place counted per key
	slot, start := 0, int32(0)
	for i := range g.places {
		p := &g.places[i]
		for range 1 + len(p.Names) {
			k := keysData[start:ends[slot]]
			start = ends[slot]
			id := int32(-1)
			if k != "" {
				var ok bool
				id, ok = g.keyIndex[k]
				if !ok {
					id = int32(len(g.keys))
					g.keyIndex[k] = id
					g.keys = append(g.keys, keyEntry{key: k})
					counts = append(counts, 0)
					lastPlace = append(lastPlace, -1)
				}
				// The generator keeps one name per key and place, but a
				// hand-made file may repeat one: count the place once.
				if lastPlace[id] == int32(i) {
					id = -1
				} else {
					counts[id]++
					lastPlace[id] = int32(i)
				}
			}
			keyOf[slot] = id
			slot++
		}
	}

	// Phase 3: postings.
	var off int32
	for i := range g.keys {
		g.keys[i].start, g.keys[i].end = off, off
		off += counts[i]
	}
	g.postings = make([]*farsight.Place, off)
	slot = 0
	for i := range g.places {
		p := &g.places[i]
		for range 1 + len(p.Names) {
			if id := keyOf[slot]; id >= 0 {
				e := &g.keys[id]
				g.postings[e.end] = p
				e.end++
			}
			slot++
		}
	}
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Place returns the place with the given ID, such as "gn:551847" or
// "sea:black-sea".
func (g *Gazetteer) Place(id string) (*farsight.Place, bool) {
	i, ok := g.byID[id]
	if !ok {
		return nil, false
	}
	return &g.places[i], true
}

// Admin1 returns the region place for a GeoNames admin-1 code such as
// "RU.17" (Dagestan) or "UA.08" (Kherson Oblast).
func (g *Gazetteer) Admin1(code string) (*farsight.Place, bool) {
	i, ok := g.admin1[code]
	if !ok {
		return nil, false
	}
	return &g.places[i], true
}

// Lookup returns the places whose main or alternate name has the same
// normalised key as name (see Normalize), ordered by population descending,
// then by kind (countries, regions, seas, areas, settlements, airbases,
// airports, ports), then by ID. It returns nil when there is none. The slice is the caller's;
// the places are shared.
func (g *Gazetteer) Lookup(name string) []*farsight.Place {
	return g.LookupKey(Normalize(name))
}

// LookupKey is Lookup for a key that is already normalised.
func (g *Gazetteer) LookupKey(key string) []*farsight.Place {
	i, ok := g.keyIndex[key]
	if !ok {
		return nil
	}
	e := g.keys[i]
	out := make([]*farsight.Place, e.end-e.start)
	copy(out, g.postings[e.start:e.end])
	return out
}

// Names iterates over every normalised name with its places, in a fixed
// order (the order in which the names first appear in the data). The places
// slice is shared and must not be modified or kept past the iteration step.
func (g *Gazetteer) Names() iter.Seq2[string, []*farsight.Place] {
	return func(yield func(string, []*farsight.Place) bool) {
		for _, e := range g.keys {
			if !yield(e.key, g.postings[e.start:e.end:e.end]) {
				return
			}
		}
	}
}

// NumNames returns the number of distinct normalised names.
func (g *Gazetteer) NumNames() int { return len(g.keys) }

// All iterates over all places in Lookup order.
func (g *Gazetteer) All() iter.Seq[*farsight.Place] {
	return func(yield func(*farsight.Place) bool) {
		for i := range g.places {
			if !yield(&g.places[i]) {
				return
			}
		}
	}
}
