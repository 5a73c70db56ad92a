// Package extract turns report text into events: dates, places, event
// types, actors, targets, claims and quoted distances. It does no I/O: the
// gazetteer is given to New.
package extract

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/gazetteer"
)

//go:generate go run ./gencommon -dict /usr/share/dict/american-english -o data/common_words.txt
//go:generate go run ./gencommon -cyr /usr/share/dict/ukrainian,/usr/share/hunspell/ru_RU.dic -o data/common_stems_cyr.txt

// Version identifies the extraction rules. Bump it when a change alters
// what the extractor finds, so that stored events can be re-derived.
const Version = "3"

//go:embed data/common_words.txt
var commonWordsFile string

//go:embed data/common_stems_cyr.txt
var commonStemsCyrFile string

//go:embed data/first_names.txt
var firstNamesFile string

// firstNames are given names: before another capitalized word they start a
// person's name.
var firstNames = wordSet(firstNamesFile)

// wordSet reads one word per line, skipping blank lines and # comments.
func wordSet(file string) map[string]bool {
	m := map[string]bool{}
	for line := range strings.Lines(file) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}

// Extractor is farsight's rule-based extractor. It is safe for concurrent
// use.
type Extractor struct {
	g *gazetteer.Gazetteer
	// prefixes holds every proper prefix (in whole words) of the
	// gazetteer's multi-word names, so that matching stops extending a
	// phrase as soon as no name can start with it.
	prefixes map[string]bool
	// loose maps the transliteration-insensitive form of each name key to
	// the keys that have it (see looseKey).
	loose map[string][]string
	// common holds the common English words that are also place names;
	// commonStems the stems of such Ukrainian and Russian words.
	common      map[string]bool
	commonStems map[string]bool
	// stems maps the stemmed form of each Cyrillic name key (see cyrStems)
	// to the keys that have it; stemPrefixes holds its proper prefixes in
	// whole words.
	stems        map[string][]string
	stemPrefixes map[string]bool
	// cyrLoose maps the loose form (cyrLooseKey) of the stems of one-word
	// Cyrillic names of the theatre's places to their keys.
	cyrLoose map[string][]string
	// raions holds a representative point per Ukrainian raion, the mean of
	// its settlements, keyed by "<admin1 code>/<raion name>".
	raions map[string]*farsight.Place
	// front, when set, measures distances to the contact line.
	front FrontFunc
	// sites are the gazetteer's ports and airbases, with their name keys.
	sites []site
	// capitals holds each admin-1 region's administrative centre (the
	// GeoNames PPLA of the region, or the national capital in it).
	capitals map[string]*farsight.Place
}

var _ farsight.Extractor = (*Extractor)(nil)

// site is a port or an airbase with its name key.
type site struct {
	place *farsight.Place
	key   string
}

// FrontFunc returns the distance in km from p to the contact line in force
// on date, and whether one is known.
type FrontFunc func(p farsight.Point, date string) (float64, bool)

// Option configures an Extractor.
type Option func(*Extractor)

// WithFront lets the extractor prefer, among villages of one name, those
// near the contact line on the report's publication date (where fighting
// and shelling are reported most).
func WithFront(f FrontFunc) Option {
	return func(x *Extractor) { x.front = f }
}

// New returns an extractor that resolves places with g.
func New(g *gazetteer.Gazetteer, opts ...Option) *Extractor {
	x := &Extractor{
		g:        g,
		prefixes: make(map[string]bool),
		loose:    make(map[string][]string),
		raions:   make(map[string]*farsight.Place),

		stems:        make(map[string][]string),
		stemPrefixes: make(map[string]bool),
		cyrLoose:     make(map[string][]string),
	}
	for key, places := range g.Names() {
		if isCyrillicKey(key) {
			x.indexStems(key)
			x.indexLoose(key, places)
		}
		for i := 0; i < len(key); i++ {
			if key[i] == ' ' {
				x.prefixes[key[:i]] = true
			}
		}
		if l := looseKey(key); l != key {
			x.loose[l] = append(x.loose[l], key)
		}
	}
	x.common = wordSet(commonWordsFile)
	x.commonStems = wordSet(commonStemsCyrFile)
	x.buildRaions()
	x.buildCapitals()
	for p := range g.All() {
		if p.Kind == farsight.PlacePort || p.Kind == farsight.PlaceAirbase {
			x.sites = append(x.sites, site{p, keyOf(p.Name)})
		}
	}
	for _, o := range opts {
		o(x)
	}
	return x
}

// buildCapitals finds each admin-1 region's administrative centre: the
// GeoNames PPLA of the region, or the national capital in it. A region
// without one takes a national capital within 150 km of its point (Kyiv
// Oblast, Moscow Oblast, whose centres lie outside them), else its most
// populous second-order centre (Crimea: Simferopol, coded PPLA2), else the
// nearest regional capital within 150 km.
func (x *Extractor) buildCapitals() {
	x.capitals = map[string]*farsight.Place{}
	var national, regional []*farsight.Place
	second := map[string]*farsight.Place{}
	for p := range x.g.All() {
		if p.Kind != farsight.PlaceSettlement || p.Admin1Code == "" {
			continue
		}
		switch p.FeatureCode {
		case "PPLA", "PPLC":
			if c, ok := x.capitals[p.Admin1Code]; !ok || c.FeatureCode != "PPLC" && p.Population > c.Population {
				x.capitals[p.Admin1Code] = p
			}
			if p.FeatureCode == "PPLC" {
				national = append(national, p)
			} else {
				regional = append(regional, p)
			}
		case "PPLA2":
			if c := second[p.Admin1Code]; c == nil || p.Population > c.Population {
				second[p.Admin1Code] = p
			}
		}
	}
	nearest := func(r *farsight.Place, ps []*farsight.Place) *farsight.Place {
		var best *farsight.Place
		bestKm := 150.0
		for _, c := range ps {
			// Same country, and within two degrees of latitude: cheap
			// tests before the distance.
			if c.Country != r.Country || math.Abs(c.Lat-r.Lat) > 2 {
				continue
			}
			if km := distanceKm(r.Point, c.Point); km < bestKm {
				best, bestKm = c, km
			}
		}
		return best
	}
	for r := range x.g.All() {
		if r.Kind != farsight.PlaceRegion || r.FeatureCode != "ADM1" || r.Admin1Code == "" || x.capitals[r.Admin1Code] != nil {
			continue
		}
		c := nearest(r, national)
		if c == nil {
			c = second[r.Admin1Code]
		}
		if c == nil {
			c = nearest(r, regional)
		}
		if c != nil {
			x.capitals[r.Admin1Code] = c
		}
	}
}

// PlaceStem reports whether a lower-case Ukrainian or Russian word would be
// read as a place name, exactly or by its stem, and returns its stem. The
// generator of the common-word list uses it.
func (x *Extractor) PlaceStem(word string) (string, bool) {
	key := normalizeKey(word)
	if !isCyrillicKey(key) || strings.ContainsRune(key, ' ') {
		return "", false
	}
	if len(x.g.LookupKey(key)) > 0 || len(x.stemCandidates(queryStems(key))) > 0 {
		return cyrStem(key), true
	}
	return "", false
}

// indexLoose adds the loose form of a one-word Cyrillic name of a place in
// Ukraine, Russia or Belarus.
func (x *Extractor) indexLoose(key string, places []*farsight.Place) {
	if strings.Count(key, " ") > 1 || utf8.RuneCountInString(key) < 6 {
		return
	}
	theatre := false
	for _, p := range places {
		theatre = theatre || looseCountries[p.Country] && p.Kind == farsight.PlaceSettlement
	}
	if !theatre {
		return
	}
	words := strings.Fields(key)
	for i, w := range words {
		words[i] = cyrStem(w)
	}
	lk := cyrLooseForm(strings.Join(words, " "))
	if !slices.Contains(x.cyrLoose[lk], key) {
		x.cyrLoose[lk] = append(x.cyrLoose[lk], key)
	}
}

// indexStems adds the stemmed forms of a Cyrillic name key.
func (x *Extractor) indexStems(key string) {
	words := strings.Split(key, " ")
	if len(words) > maxNameWords {
		return
	}
	forms := []string{""}
	for i, w := range words {
		var next []string
		for _, f := range forms {
			for _, s := range cyrStems(w) {
				if i > 0 {
					s = f + " " + s
				}
				next = append(next, s)
			}
		}
		forms = next
		if i < len(words)-1 {
			for _, f := range forms {
				x.stemPrefixes[f] = true
			}
		}
	}
	for _, f := range forms {
		if !slices.Contains(x.stems[f], key) {
			x.stems[f] = append(x.stems[f], key)
		}
	}
}

// Version returns the version of the extraction rules.
func (x *Extractor) Version() string { return Version }

// normalizeKey is the gazetteer's key function.
func normalizeKey(s string) string { return gazetteer.Normalize(s) }
