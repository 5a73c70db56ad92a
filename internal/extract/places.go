package extract

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
)

// maxNameWords is the longest place name, in words, that is looked up.
const maxNameWords = 6

// maxContextPoints caps the places whose proximity helps choose among
// same-name candidates.
const maxContextPoints = 64

// placeHint is what the words around a name say about the kind of place.
type placeHint uint8

const (
	hintNone       placeHint = iota
	hintRegion               // "Kharkiv region", "Belgorod Oblast"
	hintRaion                // "Bakhmut raion", "Bakhmut district"
	hintSettlement           // "the city of X", "X direction"
	hintAirbase              // "Engels airbase", "Saky airfield"
	hintPort                 // "the port of X"
	hintCityPart             // "Kirovsky district of Donetsk": a part of a city named next
)

// mention is a place name found in a report, with its candidate places.
type mention struct {
	first, last int // tokens[first:last]
	start, end  int // byte span
	key         string
	cands       []*farsight.Place
	hint        placeHint
	// suffixEnd is the end of the words that gave the hint ("region"), so
	// that spans can cover "Dagestan region".
	suffixEnd int
	// context: the name is used as an actor ("Kyiv said", "Russia's
	// Defense Ministry") or as an adjective ("Moscow-controlled"), not as a
	// location.
	context bool
	// loose: the name was found only by its transliteration-insensitive form.
	loose bool
	// stemmed: the name was found only by its stem (an inflected form).
	stemmed bool
	// exactN: the first exactN candidates bear the name exactly; the rest
	// were found by its stem.
	exactN int
	// commonWord: the name is also a common English word.
	commonWord bool
	// onLand: "на" stands before a Cyrillic name, as before a land or a
	// region ("на Кубані", "на Донеччині"), where a town takes "у"/"в".
	onLand bool
	// qualifier is the region or raion named right after this name
	// ("Havrylivka, Kherson", "Novoselivka, Izium district").
	qualifier *mention

	place *farsight.Place // the chosen candidate
	score float64
}

// looseCountries are where transliteration variants are looked for.
var looseCountries = map[string]bool{"UA": true, "RU": true, "BY": true, "MD": true}

// notPlaces are capitalized words of news text that are never place names
// here, whatever a gazetteer alternate name says.
var notPlaces = map[string]bool{
	"russian": true, "russians": true, "ukrainian": true, "ukrainians": true, "belarusian": true, "american": true, "british": true,
	"european": true, "western": true, "soviet": true, "chechen": true, "kremlin": true, "nato": true, "defense": true, "defence": true,
	"ministry": true, "general": true, "staff": true, "army": true, "navy": true, "president": true, "governor": true, "mayor": true,
	"minister": true, "officials": true, "intelligence": true, "military": true, "seen": true, "early": true, "late": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true, "the": true, "this": true, "these": true, "however": true,
	"armed": true, "forces": true, "headquarters": true, "operation": true, "video": true, "photo": true, "footage": true,
	"share": true, "tweet": true, "linkedin": true, "pocket": true, "main": true, "summary": true, "breaking": true, "update": true,
	"live": true, "news": true, "day": true, "night": true, "morning": true, "evening": true, "hurricane": true, "storm": true,
	"shadow": true, "grad": true, "neptune": true, "magura": true, "lancet": true, "iskander": true, "kalibr": true, "kinzhal": true,
	"shahed": true, "geran": true, "caesar": true, "alligator": true, "tornado": true, "uragan": true, "smerch": true, "tochka": true,
}

// titleWords before capitalized words make them a person's name:
// "Governor Vladislav Shapsha", "Mayor Vitali Klitschko".
var titleWords = map[string]bool{
	"governor": true, "mayor": true, "president": true, "minister": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "commander": true, "general": true, "gen": true, "colonel": true, "col": true, "lieutenant": true,
	"lt": true, "major": true, "captain": true, "admiral": true, "chief": true, "head": true, "deputy": true, "adviser": true,
	"advisor": true, "secretary": true, "chancellor": true, "premier": true, "prime": true, "senator": true, "ambassador": true,
	"archpriest": true, "journalist": true, "blogger": true, "correspondent": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"ombudsman": true, "prosecutor": true, "sergeant": true, "sgt": true, "officer": true, "soldier": true, "pilot": true,
}

// institutionWords after a place name make it a modifier, not a location:
// "Kaluga governor", "Kyiv regime", "Dnipro River".
var institutionWords = map[string]bool{
	"governor": true, "mayor": true, "authorities": true, "officials": true, "police": true, "administration": true,
	"regime": true, "government": true, "leadership": true, "officials'": true, "river": true, "reservoir": true,
	"region's": false, "council": true, "court": true, "prosecutor": true, "university": true, "airlines": true,
	"declaration": true, "format": true, "talks": true, "process": true, "agreement": true, "accords": true, "summit": true,
}

// regionWords after a name mark it as a region; settlement words before it
// as a settlement.
var (
	regionWords  = map[string]bool{"region": true, "oblast": true, "province": true, "krai": true, "kray": true, "republic": true, "governorate": true, "regions": true, "oblasts": true}
	raionWords   = map[string]bool{"raion": true, "rayon": true, "district": true, "county": true}
	airbaseWords = map[string]bool{"airbase": true, "airfield": true, "aerodrome": true, "airport": true, "airstrip": true}
	sectorWords  = map[string]bool{"direction": true, "axis": true, "sector": true, "front": true}
	settleWords  = map[string]bool{"city": true, "town": true, "village": true, "settlement": true, "hamlet": true, "suburb": true, "outskirts": true}
	// actorVerbs after a capital's name make it an actor: "Kyiv said".
	actorVerbs = map[string]bool{
		"said": true, "says": true, "has": true, "have": true, "had": true, "claimed": true, "claims": true, "announced": true,
		"accused": true, "accuses": true, "denied": true, "denies": true, "confirmed": true, "reported": true, "reports": true,
		"launched": true, "is": true, "was": true, "will": true, "would": true, "could": true, "wants": true, "responded": true,
		"warned": true, "insists": true, "insisted": true, "blamed": true, "blames": true, "did": true, "does": true, "sent": true,
		"retaliated": true, "vowed": true, "and": false,
	}
	// adjectiveSuffixes glued to a name make it an adjective: "Moscow-controlled".
	adjectiveSuffixes = map[string]bool{
		"controlled": true, "based": true, "backed": true, "held": true, "occupied": true, "bound": true, "led": true,
		"installed": true, "appointed": true, "friendly": true, "aligned": true, "born": true, "made": true, "owned": true, "run": true,
	}
)

// findMentions finds the place names of every sentence.
func (x *Extractor) findMentions(d *doc) []*mention {
	var out []*mention
	for _, s := range d.sents {
		for i := s.first; i < s.last; i++ {
			m := x.matchAt(d, i, s)
			if m == nil {
				continue
			}
			out = append(out, m)
			i = m.last - 1
		}
	}
	return out
}

// matchAt returns the longest place name starting at token i, or nil.
func (x *Extractor) matchAt(d *doc, i int, s sentence) *mention {
	t := &d.tokens[i]
	if t.kind != tokWord || !t.upper || t.glued || utf8.RuneCountInString(t.text) < 3 || notPlaces[t.key] {
		return nil
	}
	if t.cyrillic {
		// Abbreviations (ТЕС, ЗРК, ППО) are not places, but for the
		// regions and countries written so (ДНР, РФ).
		if isAllCaps(t.text) && utf8.RuneCountInString(t.text) <= 5 {
			ok := false
			for _, p := range x.g.LookupKey(t.key) {
				ok = ok || p.Kind == farsight.PlaceRegion && p.FeatureCode == "ADM1" && (p.Country == "UA" || p.Country == "RU") || p.Kind == farsight.PlaceCountry
			}
			if !ok {
				return nil
			}
		}
		// "Силами оборони", "Збройних Сил України", "Міноборони РФ": a
		// side's or a speaker's name of several words is no place.
		for k := max(s.first, i-3); k <= i; k++ {
			if _, n := cyrSides.match(d, k, s.last); n >= 2 && k+n > i {
				return nil
			}
			if _, n := speakerKinds.match(d, k, s.last); n >= 2 && k+n > i {
				return nil
			}
		}
		if m := x.cyrAdjectiveAt(d, i, s); m != nil {
			m.start, m.end = d.tokens[m.first].start, d.tokens[m.last-1].end
			m.suffixEnd = m.end
			x.classify(d, m, s)
			return m
		}
	}
	var best *mention
	key := t.key
	var stemKeys []string // Cyrillic: the stemmed forms of the words so far
	if t.cyrillic {
		stemKeys = queryStems(t.key)
	}
	for j := i; j < s.last && j < i+maxNameWords; j++ {
		if j > i {
			n := &d.tokens[j]
			if n.kind != tokWord || n.lower == "'s" {
				break
			}
			key += " " + n.key
			if stemKeys != nil {
				if !n.cyrillic {
					stemKeys = nil
				} else {
					var next []string
					for _, sk := range stemKeys {
						for _, q := range queryStems(n.key) {
							next = append(next, sk+" "+q)
						}
					}
					stemKeys = next
				}
			}
		}
		if cands := x.g.LookupKey(key); len(cands) > 0 {
			exactN := len(cands)
			// A Cyrillic name is also read by its stem, so that "Львове"
			// (Lviv, in Russian) meets Lviv, not only the village Lvove.
			for _, p := range x.stemCandidates(stemKeys) {
				if !slices.Contains(cands, p) {
					cands = append(slices.Clip(cands), p)
				}
			}
			best = &mention{first: i, last: j + 1, key: key, cands: cands, exactN: exactN}
		} else if cands := x.stemCandidates(stemKeys); len(cands) > 0 {
			// An inflected form: "у Каспійську", "в Курской области".
			best = &mention{first: i, last: j + 1, key: key, cands: cands, stemmed: true}
		} else if cands := x.cyrLooseCandidates(key, stemKeys, j == i || j == i+1 && d.tokens[j].glued); len(cands) > 0 {
			// A Russian spelling of a Ukrainian name: "Антоновка".
			best = &mention{first: i, last: j + 1, key: key, cands: cands, loose: true, stemmed: true}
		} else if keys := x.loose[looseKey(key)]; len(keys) > 0 && len(key) >= 5 {
			// Transliteration variants only for the theatre's own names.
			var cands []*farsight.Place
			for _, k := range keys {
				for _, p := range x.g.LookupKey(k) {
					if looseCountries[p.Country] {
						cands = append(cands, p)
					}
				}
			}
			if len(cands) > 0 {
				best = &mention{first: i, last: j + 1, key: key, cands: cands, loose: true}
			}
		}
		more := x.prefixes[key]
		for _, sk := range stemKeys {
			more = more || x.stemPrefixes[sk]
		}
		if !more {
			break
		}
	}
	if best == nil {
		best = x.adjectiveAt(d, i)
	}
	// "на Бєлгородщині", "на Харьковщине", "Воронежчина": a land name
	// stands for the region whose adjective it shares, whether or not it
	// is a curated alias, and before a village that bears it.
	if t.cyrillic && (best == nil || best.last == i+1) {
		if land := x.landNameRegions(t.key); len(land) > 0 {
			if best == nil {
				best = &mention{first: i, last: i + 1, key: t.key}
			}
			for _, p := range land {
				if !slices.Contains(best.cands, p) {
					best.cands = append(slices.Clip(best.cands), p)
				}
			}
			best.hint = hintRegion
		}
	}
	if best == nil {
		return nil
	}
	// "KYIV, July 8 (Reuters) -": a dateline names where the reporter is.
	if i == 0 && d.word(best.last) == "," && isDateline(d, best.last+1) {
		best.context = true
	}
	best.start, best.end = d.tokens[best.first].start, d.tokens[best.last-1].end
	best.suffixEnd = best.end
	ctxBefore := best.context
	x.classify(d, best, s)
	best.context = best.context || ctxBefore
	if t.cyrillic {
		if best.commonWord && !x.acceptCyrCommon(d, best, s) {
			return nil
		}
		// (A region's name is no surname: "Одещину атакували" stands.)
		if best.stemmed && best.hint == hintNone && !governed(d, best.first, s) && !best.onlyRegions() {
			return nil
		}
		return best
	}
	if best.commonWord && !x.acceptCommon(d, best, s) {
		return nil
	}
	return best
}

// landNameRegions returns the first-level regions a Ukrainian or Russian
// land name in -щина, -ччина or -чина stands for, found by the adjective of
// the region's name: Бєлгородщина by Бєлгородська область, Курщина by
// Курська, Донеччина by Донецька, Харьковщина by Харьковская, Воронежчина
// by Воронежская.
func (x *Extractor) landNameRegions(key string) []*farsight.Place {
	for _, suf := range []string{"ччин", "тчин", "щин", "чин"} {
		i := strings.LastIndex(key, suf)
		if i <= 0 || utf8.RuneCountInString(key[i+len(suf):]) > 3 {
			continue
		}
		base := key[:i]
		if utf8.RuneCountInString(base) < 3 {
			return nil
		}
		adjs := []string{base + "ськ", base + "ск"}
		switch suf {
		case "ччин", "тчин":
			adjs = []string{base + "цьк", base + "цк"}
		case "чин":
			if b, ok := strings.CutSuffix(base, "ж"); ok {
				// Калужчина: Калузька, Калужская.
				adjs = append(adjs, b+"зьк")
			}
		}
		var out []*farsight.Place
		for _, a := range adjs {
			for _, p := range x.stemCandidates([]string{a + " област", a + " кра"}) {
				if p.Kind == farsight.PlaceRegion && p.FeatureCode == "ADM1" && !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
		return out
	}
	return nil
}

// cyrLooseCandidates returns the places of the theatre whose one-word
// Cyrillic name has the loose form of a stem (see cyrLooseKey).
func (x *Extractor) cyrLooseCandidates(key string, stemKeys []string, oneWord bool) []*farsight.Place {
	if !oneWord || len(stemKeys) == 0 {
		return nil
	}
	// Not for adjectives: "Одесской" is no spelling of a village.
	if _, ok := cyrAdjective(key); ok {
		return nil
	}
	var out []*farsight.Place
	for _, sk := range stemKeys {
		if utf8.RuneCountInString(sk) < 5 {
			continue
		}
		for _, k := range x.cyrLoose[cyrLooseForm(sk)] {
			for _, p := range x.g.LookupKey(k) {
				if looseCountries[p.Country] && p.Kind == farsight.PlaceSettlement && !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// stemCandidates returns the places whose names have one of the stemmed
// forms, each once.
func (x *Extractor) stemCandidates(stemKeys []string) []*farsight.Place {
	var out []*farsight.Place
	seen := map[string]bool{}
	for _, sk := range stemKeys {
		for _, k := range x.stems[sk] {
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, p := range x.g.LookupKey(k) {
				if !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// adjectiveSuffixes of Russian and Ukrainian place adjectives, longest
// first: "Svatovsko-Kremensky direction", "Zaporozhsky", "Bakhmutsky".
var placeAdjectiveSuffixes = []string{"skaya", "skoye", "skogo", "skiy", "skyi", "skyy", "skii", "sky", "ska", "ske", "sko"}

// adjectiveAt reads a capitalized word as an adjective formed from a place
// name and returns the place, trying the stem with the usual endings
// (Svatovsko → Svatove, Zaporozhsky → Zaporozhye, Donetsky → Donetsk).
// Only places of the theatre are taken.
func (x *Extractor) adjectiveAt(d *doc, i int) *mention {
	t := &d.tokens[i]
	if t.cyrillic {
		return nil
	}
	for _, suf := range placeAdjectiveSuffixes {
		stem, ok := strings.CutSuffix(t.key, suf)
		if !ok || len(stem) < 4 {
			continue
		}
		for _, end := range []string{"sk", "", "e", "a", "o", "ye", "ove", "iv"} {
			var cands []*farsight.Place
			for _, p := range x.g.LookupKey(stem + end) {
				if looseCountries[p.Country] && p.Kind == farsight.PlaceSettlement {
					cands = append(cands, p)
				}
			}
			if len(cands) > 0 {
				return &mention{first: i, last: i + 1, key: t.key, cands: cands, loose: true}
			}
		}
		break
	}
	return nil
}

// classify reads the words around a mention: kind hints, actor and
// adjective use.
func (x *Extractor) classify(d *doc, m *mention, s sentence) {
	next, prev := d.word(m.last), d.word(m.first-1)
	if m.last >= s.last {
		next = ""
	}
	if m.first <= s.first {
		prev = ""
	}
	if d.tokens[m.first].cyrillic {
		m.commonWord = x.cyrCommon(d, m)
		x.classifyCyr(d, m, s)
		return
	}
	m.commonWord = m.last-m.first == 1 && x.common[m.key]
	// Adjectives between a name and its kind: "Millerovo military
	// airfield", "Novorossiysk naval base".
	k := m.last
	for k < s.last && k < m.last+2 && (d.word(k) == "military" || d.word(k) == "strategic" || d.word(k) == "army") {
		k++
	}
	if k > m.last {
		switch w := d.word(k); {
		case airbaseWords[w] || w == "air" && d.word(k+1) == "base":
			m.hint, m.suffixEnd = hintAirbase, d.tokens[k].end
		}
	}
	if m.hint == hintNone && (d.word(m.last) == "naval" && d.word(m.last+1) == "base" || d.word(m.last) == "harbour" || d.word(m.last) == "harbor") {
		m.hint = hintPort
	}
	// "the Dniprovskyi district of Kherson" (matched as one name): the city
	// named next is the location.
	if lastWord := d.word(m.last - 1); raionWords[lastWord] && next == "of" {
		m.hint, m.context = hintCityPart, true
	}
	switch {
	case m.hint != hintNone:
	case regionWords[next]:
		m.hint, m.suffixEnd = hintRegion, d.tokens[m.last].end
	case next == "air" && (d.word(m.last+1) == "base" || d.word(m.last+1) == "field"):
		m.hint, m.suffixEnd = hintAirbase, d.tokens[m.last+1].end
	case airbaseWords[next]:
		m.hint, m.suffixEnd = hintAirbase, d.tokens[m.last].end
	case raionWords[next] && d.word(m.last+1) == "of":
		// "the Dniprovskyi district of Kherson": the city named next is
		// the location.
		m.hint, m.context = hintCityPart, true
	case raionWords[next]:
		m.hint, m.suffixEnd = hintRaion, d.tokens[m.last].end
	case sectorWords[next]:
		m.hint = hintSettlement
	case next == "port" || next == "harbor" || next == "harbour" || next == "naval":
		m.hint = hintPort
	}
	// "a military airfield in the Russian port town of Yeysk": the kind
	// comes before the name.
	if m.hint == hintNone {
		m.hint = kindBefore(d, m.first, s)
	}
	if m.hint == hintNone {
		switch {
		case prev == "of" && (settleWords[d.word(m.first-2)] || d.word(m.first-2) == "port" && settleWords[d.word(m.first-2)] || d.is(m.first-3, "port", "city", "of")):
			m.hint = hintSettlement
		case prev == "of" && (d.word(m.first-2) == "port" || d.word(m.first-2) == "harbor"):
			m.hint = hintPort
		case settleWords[prev]:
			m.hint = hintSettlement
		}
	}
	// "Kaluga governor", "the Kyiv regime", "the Dnipro River".
	if institutionWords[next] || (next == "regional" || next == "city" || next == "oblast" || next == "state") && institutionWords[d.word(m.last+1)] {
		m.context = true
	}
	// "Governor Vladislav Shapsha": a title makes the next names a person.
	if titleWords[prev] || firstNames[m.key] && m.last < s.last && d.tokens[m.last].upper && d.tokens[m.last].kind == tokWord ||
		firstNames[prev] && d.tokens[m.first-1].upper {
		m.context = true
	}
	// A name before a second capitalized name after a title: "Mayor
	// Vitali Klitschko" (Klitschko).
	if m.first >= 2 && titleWords[d.word(m.first-2)] && d.tokens[m.first-1].upper {
		m.context = true
	}
	// "Moscow-controlled": a glued lower-case word makes the name an adjective.
	if m.last < len(d.tokens) && d.tokens[m.last].glued && adjectiveSuffixes[d.tokens[m.last].lower] {
		m.context = true
	}
	// "Russia's Defense Ministry", "Kyiv's campaign": a possessive country
	// or capital names an actor or a context, not a location, unless a
	// place follows ("Russia's Dagestan region" keeps Dagestan).
	if next == "'s" || next == "’s" {
		if m.isCountryOrCapital() {
			m.context = true
		}
	}
	// "Kyiv said", "Moscow has ...": a capital followed by a verb.
	if actorVerbs[next] && m.isCountryOrCapital() {
		m.context = true
	}
}

// isCountryOrCapital reports whether the mention's best-known reading is a
// country or a national capital (the names that stand for governments).
func (m *mention) isCountryOrCapital() bool {
	for _, p := range m.cands {
		if p.Kind == farsight.PlaceCountry || p.FeatureCode == "PPLC" {
			return true
		}
	}
	return false
}

// acceptCommon decides whether a common English word is a place name here:
// only mid-sentence, capitalized, as the main name of a place, and with a
// place word or a locative preposition beside it.
func (x *Extractor) acceptCommon(d *doc, m *mention, s sentence) bool {
	if m.first == s.first || m.hint == hintNone && !locativeBefore(d, m.first, s) {
		return false
	}
	for _, p := range m.cands {
		if keyOf(p.Name) == m.key {
			return true
		}
	}
	return false
}

// kindBefore reads back from token i over a place phrase ("in the Russian
// port town of") to an airbase or port word, and returns that kind.
func kindBefore(d *doc, i int, s sentence) placeHint {
	prep := false
	for k := i - 1; k >= s.first && k >= i-8; k-- {
		switch w := d.word(k); {
		case w == "in" || w == "near" || w == "at" || w == "outside" || w == "of":
			prep = true
		case w == "the" || w == "russian" || w == "ukrainian" || w == "crimean" || w == "occupied" || w == "town" || w == "city" ||
			w == "village" || w == "'s" || w == "coastal" || w == "southern" || w == "northern" || w == "western" || w == "eastern":
		case w == "port" && d.word(k+1) != "of":
			// "port town of": a description of the place, not its kind.
		case prep && (airbaseWords[w] || w == "base" && d.word(k-1) == "air"):
			return hintAirbase
		case prep && (w == "port" || w == "harbour" || w == "harbor" || w == "base" && d.word(k-1) == "naval"):
			return hintPort
		default:
			return hintNone
		}
	}
	return hintNone
}

// isDateline reports whether a news agency dateline continues at token i:
// a month and day, then "(Agency)" or a dash.
func isDateline(d *doc, i int) bool {
	if _, n := d.monthAt(i); n == 0 {
		return false
	}
	for j := i; j < min(len(d.tokens), i+8); j++ {
		if w := d.tokens[j].text; w == "(" || w == "-" || w == "—" || w == "–" {
			return true
		}
	}
	return false
}

// locativeBefore reports whether a locative preposition precedes token i.
func locativeBefore(d *doc, i int, s sentence) bool {
	if i <= s.first {
		return false
	}
	switch d.word(i - 1) {
	case "in", "near", "at", "outside", "around", "over", "into", "of", "from", "to", "towards", "toward", "on", "across":
		return true
	}
	return false
}

// keyOf returns the gazetteer key of a name.
func keyOf(name string) string {
	return normalizeKey(name)
}

// looseKey folds the spellings that transliterations of Ukrainian and
// Russian names differ in, so that "Pervomaisky" meets "Pervomaiskyi" and
// "Shcherbynivka" meets "Scherbynivka": kh→h, zh→z, ts→c, ch→c, sh→s,
// shch/sch→s, y/j→i (and iy, yi, ii, yy → i), ya/ia→a, yu/iu→u, ye/ie→e,
// w→v, g→h (Gorlovka, Horlivka), doubled letters once (so the Russian
// adjective ending "-aya" meets the Ukrainian "-a": Golaya, Hola). It is a fallback for names the exact key does
// not find, so it may be generous. Non-Latin keys are returned unchanged.
func looseKey(key string) string {
	for i := 0; i < len(key); i++ {
		if key[i] >= utf8.RuneSelf {
			return key
		}
	}
	var b strings.Builder
	b.Grow(len(key))
	for i := 0; i < len(key); {
		rest := key[i:]
		switch {
		case strings.HasPrefix(rest, "shch"):
			b.WriteByte('s')
			i += 4
		case strings.HasPrefix(rest, "sch"):
			b.WriteByte('s')
			i += 3
		case strings.HasPrefix(rest, "kh"), strings.HasPrefix(rest, "zh"), strings.HasPrefix(rest, "sh"), strings.HasPrefix(rest, "ch"):
			b.WriteByte(map[byte]byte{'k': 'h', 'z': 'z', 's': 's', 'c': 'c'}[rest[0]])
			i += 2
		case strings.HasPrefix(rest, "ts"), strings.HasPrefix(rest, "tz"):
			b.WriteByte('c')
			i += 2
		case strings.HasPrefix(rest, "ya"), strings.HasPrefix(rest, "ia"):
			b.WriteByte('a')
			i += 2
		case strings.HasPrefix(rest, "yu"), strings.HasPrefix(rest, "iu"):
			b.WriteByte('u')
			i += 2
		case strings.HasPrefix(rest, "ye"), strings.HasPrefix(rest, "ie"):
			b.WriteByte('e')
			i += 2
		case rest[0] == 'y' || rest[0] == 'j' || rest[0] == 'i':
			b.WriteByte('i')
			i++
		case rest[0] == 'w':
			b.WriteByte('v')
			i++
		case rest[0] == 'g':
			// Ukrainian h is Russian g: Horlivka, Gorlovka.
			b.WriteByte('h')
			i++
		default:
			b.WriteByte(rest[0])
			i++
		}
	}
	// Doubled letters once ("ii" from "iy", "yi", "ii", "yy").
	s := b.String()
	var out strings.Builder
	out.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] && s[i] != ' ' {
			continue
		}
		out.WriteByte(s[i])
	}
	return out.String()
}

// placeContext is what the whole report says that helps choose among
// same-name places: the regions, raions and countries it names.
type placeContext struct {
	admin1 map[string]bool // admin-1 codes of regions named
	// own is the admin-1 code the mention being scored contributed itself.
	own       string
	raions    map[string]bool // "<admin1>/<raion>" named
	countries map[string]bool // countries named (also as context)
	within    map[string]bool // countries named as where things happen ("у Росії")
	// points are where the report's other names were placed in the last
	// pass, by name key.
	points []contextPoint
	// date is the report's publication day, for the front-line prior.
	date string
}

// markRegionContext finds names that qualify the name before them: "near
// Havrylivka, Kherson" (a region or its capital after a comma) and
// "Mykolaiv and Kherson regions" (a region word after a list).
func (x *Extractor) markRegionContext(d *doc, ms []*mention) {
	for _, m := range ms {
		m.onLand = m.first > 0 && d.tokens[m.first].cyrillic && d.word(m.first-1) == "на"
	}
	for i := 1; i < len(ms); i++ {
		a, b := ms[i-1], ms[i]
		between := b.first - a.last
		switch {
		case between == 0 && d.tokens[b.first].cyrillic && (b.hint == hintRaion || b.hint == hintRegion) && a.onlySettlements():
			// "Покровське Синельниківського району", "в Алчевську
			// Луганської області": the genitive qualifies the name, which
			// may then be a Russian town spelt the Ukrainian way
			// ("Дзержинську Нижегородської області").
			x.qualify(d, a, b)
		case between == 1 && d.word(a.last) == "," && (b.hint == hintRaion || b.hint == hintRegion) && a.onlySettlements():
			// "Novoselivka, Izium district", "Havrylivka, Kherson region".
			x.qualify(d, a, b)
		case between >= 1 && between <= 2 && d.tokens[b.first].cyrillic && (b.hint == hintRaion || b.hint == hintRegion || b.hasKind(farsight.PlaceRegion)) &&
			a.hint != hintRegion && a.hasKind(farsight.PlaceSettlement) && qualifierLinked(d, a.last, b.first):
			// "в Степановке (Запорожская область)", "в селе Майское
			// (Крым)", "в поселке Чапаевка в Луганской области",
			// "поблизу Жовтневого окупованого Криму".
			x.qualify(d, a, b)
		case between == 1 && d.word(a.last) == "," && b.hint == hintNone && a.hint != hintRegion:
			// "Havrylivka, Kherson": b names a region (or its capital).
			for _, p := range b.cands {
				if p.Kind == farsight.PlaceRegion || x.regionOfCapital(p) != nil {
					if a.onlySettlements() {
						b.hint = hintRegion
						a.qualifier = b
					}
					break
				}
			}
		case between == 1 && (d.word(a.last) == "and" || d.word(a.last) == ",") && b.hint == hintRegion &&
			(d.word(b.last) == "regions" || d.word(b.last) == "oblasts"):
			a.hint = hintRegion
		}
	}
}

// addLooseNearContext gives a Cyrillic settlement name none of whose
// places is near the report's other places or in a region it names the
// places spelt the other language's way that are ("у Павловки ... к
// Угледару": the Павлівка by Vuhledar, which GeoNames gives no Russian
// name).
func (x *Extractor) addLooseNearContext(d *doc, ms []*mention, ctx *placeContext) {
	near := func(m *mention, p *farsight.Place) bool {
		if p.Admin1Code != "" && ctx.admin1[p.Admin1Code] {
			return true
		}
		for _, q := range ctx.points {
			if q.key != m.key && distanceKm(p.Point, q.Point) < 25 {
				return true
			}
		}
		return false
	}
	for _, m := range ms {
		if m.loose || m.context || m.hint == hintRegion || m.last-m.first != 1 || !d.tokens[m.first].cyrillic || !m.onlySettlements() {
			continue
		}
		if slices.ContainsFunc(m.cands, func(p *farsight.Place) bool { return near(m, p) }) {
			continue
		}
		for _, p := range x.cyrLooseCandidates(m.key, queryStems(m.key), true) {
			if near(m, p) && !slices.Contains(m.cands, p) {
				m.cands = append(slices.Clip(m.cands), p)
			}
		}
	}
}

// airfieldNear reports whether an airbase or airport of the gazetteer lies
// within km of pt.
func (x *Extractor) airfieldNear(pt farsight.Point, km float64) bool {
	for _, st := range x.sites {
		p := st.place
		if (p.Kind == farsight.PlaceAirbase || p.Kind == farsight.PlaceAirport) && math.Abs(p.Lat-pt.Lat) < 0.25 && distanceKm(pt, p.Point) < km {
			return true
		}
	}
	return false
}

// locatives are the prepositions before a country's name that place
// something in it.
var locatives = map[string]bool{"у": true, "в": true, "во": true, "in": true, "inside": true}

// qualifierLinks stand between a Cyrillic settlement's name and the region
// that qualifies it.
var qualifierLinks = map[string]bool{"(": true, "в": true, "у": true, "во": true}

// qualifierLinked reports whether the tokens [from, to) link a settlement's
// name to the region that qualifies it: a bracket or в/у, or "occupied"
// ("окупованого Криму", "тимчасово окупованої Херсонщини").
func qualifierLinked(d *doc, from, to int) bool {
	if to-from == 1 && qualifierLinks[d.word(from)] {
		return true
	}
	for k := from; k < to; k++ {
		w := d.word(k)
		if !strings.HasPrefix(w, "окупован") && !strings.HasPrefix(w, "оккупирован") && w != "тимчасово" && w != "временно" {
			return false
		}
	}
	return true
}

// qualify makes b the region or raion that qualifies the settlement name a.
// A Cyrillic name then also takes its transliteration-insensitive
// candidates, since the one in b may be spelt the other language's way
// (Russian "Степановка" for Ukrainian Степанівка).
func (x *Extractor) qualify(d *doc, a, b *mention) {
	a.qualifier = b
	if d.tokens[a.first].cyrillic && a.last-a.first == 1 {
		for _, p := range x.cyrLooseCandidates(a.key, queryStems(a.key), true) {
			if !slices.Contains(a.cands, p) {
				a.cands = append(slices.Clip(a.cands), p)
			}
		}
	}
}

// onlySites reports whether every candidate is an airport, airbase or port.
func (m *mention) onlySites() bool {
	for _, p := range m.cands {
		switch p.Kind {
		case farsight.PlaceAirbase, farsight.PlaceAirport, farsight.PlacePort:
		default:
			return false
		}
	}
	return true
}

// hasKind reports whether some candidate is of the kind.
func (m *mention) hasKind(k farsight.PlaceKind) bool {
	for _, p := range m.cands {
		if p.Kind == k {
			return true
		}
	}
	return false
}

// onlySettlements reports whether every candidate is a settlement.
func (m *mention) onlySettlements() bool {
	for _, p := range m.cands {
		if p.Kind != farsight.PlaceSettlement {
			return false
		}
	}
	return true
}

// resolve chooses a place for every mention: first the regions and
// countries, which give context, then the rest, then once more with the
// positions of the others known.
func (x *Extractor) resolve(d *doc, ms []*mention, date string) {
	x.markRegionContext(d, ms)
	ctx := &placeContext{admin1: map[string]bool{}, raions: map[string]bool{}, countries: map[string]bool{}, within: map[string]bool{}, date: date}
	for _, m := range ms {
		for _, p := range m.cands {
			if p.Kind == farsight.PlaceCountry && !m.loose {
				ctx.countries[p.Country] = true
				// "НПЗ у Росії", "in Russia": the report places its events
				// in that country, not only names it.
				// Not "a source in Ukraine's military intelligence".
				if m.first > 0 && locatives[d.word(m.first-1)] && !m.context && d.word(m.last) != "'s" {
					ctx.within[p.Country] = true
				}
			}
		}
	}
	regionOf := map[*mention]string{}
	for _, m := range ms {
		if m.hint == hintRegion || m.onlyRegions() {
			x.choose(m, ctx)
			if m.place != nil && m.place.Kind == farsight.PlaceRegion {
				ctx.admin1[m.place.Admin1Code] = true
				ctx.countries[m.place.Country] = true
				regionOf[m] = m.place.Admin1Code
			}
		}
	}
	// A region counts as context for the other mentions, not for the
	// mention that named it ("Kharkiv region" is no evidence for the city).
	choose := func(m *mention) {
		ctx.own = ""
		if code, ok := regionOf[m]; ok {
			n := 0
			for _, c := range regionOf {
				if c == code {
					n++
				}
			}
			if n == 1 {
				ctx.own = code
			}
		}
		x.choose(m, ctx)
	}
	for _, m := range ms {
		if m.hint == hintRaion {
			choose(m)
			if m.place != nil && m.place.Admin2 != "" {
				ctx.raions[m.place.Admin1Code+"/"+m.place.Admin2] = true
			}
		}
	}
	for pass := 0; pass < 2; pass++ {
		for _, m := range ms {
			choose(m)
		}
		// The other places of the report, each once, and at most
		// maxContextPoints of them, so that a huge text stays linear.
		ctx.points = ctx.points[:0]
		seen := map[string]bool{}
		for _, m := range ms {
			if len(ctx.points) == maxContextPoints {
				break
			}
			if m.place != nil && !m.context && !seen[m.key] && (m.place.Kind == farsight.PlaceSettlement || m.place.Kind == farsight.PlaceAirbase || m.place.Kind == farsight.PlacePort) {
				seen[m.key] = true
				ctx.points = append(ctx.points, contextPoint{key: m.key, Point: m.place.Point})
			}
		}
		if pass == 0 {
			x.addLooseNearContext(d, ms, ctx)
		}
	}
	// A settlement qualified by a region it is not in, and far from, is
	// one we do not know there ("Запорожское (Луганская область)" is no
	// Zaporizke of Dnipropetrovsk oblast): the region named stands.
	for _, m := range ms {
		q := m.qualifier
		if q == nil || q.place == nil || q.place.FeatureCode != "ADM1" || m.place == nil || m.place.Kind != farsight.PlaceSettlement {
			continue
		}
		if m.place.Admin1Code != q.place.Admin1Code && distanceKm(m.place.Point, q.place.Point) > 200 {
			m.place = nil
		}
	}
}

// regionOfCapital returns the region of a regional capital, for "X region"
// when only the city is called X in the gazetteer ("Dnepropetrovsk region").
func (x *Extractor) regionOfCapital(p *farsight.Place) *farsight.Place {
	if p.Kind != farsight.PlaceSettlement || (p.FeatureCode != "PPLA" && p.FeatureCode != "PPLC") || p.Admin1Code == "" {
		return nil
	}
	r, ok := x.g.Admin1(p.Admin1Code)
	if !ok {
		return nil
	}
	return r
}

// onlyRegions reports whether every candidate is a region, country or sea.
func (m *mention) onlyRegions() bool {
	for _, p := range m.cands {
		switch p.Kind {
		case farsight.PlaceRegion, farsight.PlaceCountry, farsight.PlaceSea, farsight.PlaceArea:
		default:
			return false
		}
	}
	return true
}

// choose scores every candidate of m and keeps the best.
func (x *Extractor) choose(m *mention, ctx *placeContext) {
	m.place, m.score = nil, math.Inf(-1)
	var close []scored // Ukrainian villages near the top, for the front-line prior
	for _, p := range m.cands {
		if m.hint == hintRaion {
			if r := x.raionOf(p); r != nil {
				p = r
			}
		}
		s := x.scorePlace(m, p, ctx)
		if math.IsInf(s, -1) {
			continue
		}
		if s > m.score {
			m.place, m.score = p, s
		}
		// (Only among the places that bear the name exactly, when some do.)
		exact := m.exactN == 0 || m.exactN >= len(m.cands) || slices.Contains(m.cands[:m.exactN], p)
		if exact && p.Country == "UA" && p.Kind == farsight.PlaceSettlement && x.front != nil && ctx.date != "" {
			close = append(close, scored{p, s})
		}
	}
	// Villages of one name: prefer those near the contact line on the
	// report's date, among those (at most 24) that score close to the best.
	if len(close) > 1 {
		slices.SortStableFunc(close, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
		for _, c := range close[:min(len(close), 24)] {
			if c.score < m.score-2.5 {
				break
			}
			s := c.score
			if km, ok := x.front(c.place.Point, ctx.date); ok {
				switch {
				case km <= 25:
					s += 1.5
				case km <= 60:
					s += 1
				case km <= 120:
					s += 0.5
				}
			}
			if s > m.score {
				m.place, m.score = c.place, s
			}
		}
	}
	if m.hint == hintRegion && m.place != nil {
		if r := x.regionOfCapital(m.place); r != nil {
			m.place = r
		}
	}
	// "порт Новороссийск", "аэродром Энгельс": the site of the town, when
	// the gazetteer knows it only by its Latin name.
	if (m.hint == hintPort || m.hint == hintAirbase) && m.place != nil && m.place.Kind == farsight.PlaceSettlement {
		if site := x.siteOf(m.place, m.hint); site != nil {
			m.place = site
		}
	}
}

// siteOf returns the port (or the airbase named after it) of a town: the
// nearest within 15 km (airbases: 25 km).
func (x *Extractor) siteOf(town *farsight.Place, hint placeHint) *farsight.Place {
	var best *farsight.Place
	bestKm := 15.0
	if hint == hintAirbase {
		bestKm = 25
	}
	name := keyOf(town.Name)
	for _, st := range x.sites {
		p := st.place
		// Within a quarter of a degree of latitude first: cheap, and wider
		// than any radius used here.
		if math.Abs(p.Lat-town.Lat) > 0.25 {
			continue
		}
		switch {
		case hint == hintPort && p.Kind == farsight.PlacePort:
		case hint == hintAirbase && p.Kind == farsight.PlaceAirbase && strings.Contains(st.key, name):
		default:
			continue
		}
		if km := distanceKm(town.Point, p.Point); km < bestKm {
			best, bestKm = p, km
		}
	}
	return best
}

// scored is a candidate place with its score.
type scored struct {
	place *farsight.Place
	score float64
}

// contextPoint is where a name of the report was placed.
type contextPoint struct {
	key string
	farsight.Point
}

// theatre countries and their prior.
var countryPrior = map[string]float64{
	"UA": 3, "RU": 2, "BY": 0.5, "MD": 0.5, "GE": 0, "AZ": 0, "AM": 0, "KZ": 0, "PL": 0, "RO": 0,
}

// frontOblasts are the Ukrainian regions where most reported strikes on
// villages happen; a same-name village there is likelier.
var frontOblasts = map[string]bool{
	"UA.05": true, "UA.14": true, "UA.26": true, "UA.08": true, "UA.07": true, "UA.21": true, "UA.04": true, "UA.16": true,
}

func (x *Extractor) scorePlace(m *mention, p *farsight.Place, ctx *placeContext) float64 {
	s := 0.0
	if keyOf(p.Name) == m.key || m.exactN < len(m.cands) && slices.Contains(m.cands[:m.exactN], p) {
		s += 1.5
	} else if p.Kind == farsight.PlaceSettlement && (m.exactN > 0 && (p.FeatureCode == "PPLA" || p.FeatureCode == "PPLC" || p.Population >= 30000) ||
		m.stemmed && p.Population >= 100000) {
		// An inflected form of a town's name is read as the town before a
		// village whose name it happens to spell: "во Львове" is Lviv,
		// not the village Lvove; "під Новоросійськом" (a stem alone) is
		// the city of 240,000, not the village once called Новоросійське.
		s += 1.5
	}
	if m.loose {
		s -= 1
	}
	switch p.Kind {
	case farsight.PlaceSettlement:
		if m.hint == hintRegion {
			s -= 8
		}
		if m.hint == hintAirbase || m.hint == hintPort {
			s -= 1
		}
	case farsight.PlaceRegion:
		switch m.hint {
		case hintRegion, hintRaion:
			s += 4
		default:
			s -= 1
		}
		// A first-level region is known as widely as a town of 100,000:
		// "Крым" is Crimea, not the village Krym; after "на" it is the
		// region a land name means ("на Кубані": Krasnodar Krai, not the
		// village Kuban).
		if p.FeatureCode == "ADM1" {
			s += 3
			if m.onLand {
				s += 3
			}
		}
	case farsight.PlaceAirbase, farsight.PlaceAirport:
		if m.hint == hintAirbase {
			s += 5
		} else if !strings.Contains(" "+keyOf(p.Name)+" ", " "+m.key+" ") {
			// Only a name the airport's own name holds ("Belbek"), not a
			// keyword OurAirports lists for it (the operator "Novatek").
			return math.Inf(-1)
		} else if !m.onlySites() {
			// A bare name is the town (or sea) it names, not an airport
			// whose keywords list it ("Black Sea" for Sochi airport).
			return math.Inf(-1)
		} else {
			s -= 4
		}
	case farsight.PlacePort:
		if m.hint == hintPort {
			s += 5
		} else if !m.onlySites() {
			return math.Inf(-1)
		} else {
			s -= 4
		}
	case farsight.PlaceSea, farsight.PlaceArea:
		s += 1
	case farsight.PlaceCountry:
		// A country's name is the country, not a village that bears it
		// ("в Україні" is no village Ukrayina), unless the text says
		// "the village".
		s += 1
		if m.hint != hintSettlement {
			s += 5
		}
	}
	if p.Population > 0 {
		s += math.Log10(float64(p.Population)) * 0.6
	}
	if prior, ok := countryPrior[p.Country]; ok {
		s += prior
	} else if p.Country != "" && !ctx.countries[p.Country] {
		s -= 3
		// Far from the war, or small, and in a country the report does not
		// name: not a place this report is about.
		if distanceKm(p.Point, theatreCentre) > 3000 || p.Kind == farsight.PlaceSettlement && p.Population < 100000 {
			return math.Inf(-1)
		}
	}
	if ctx.countries[p.Country] {
		s += 1
	}
	if ctx.within[p.Country] && p.Kind != farsight.PlaceCountry && !m.hasKind(farsight.PlaceCountry) {
		s += 2.5
	}
	if p.Country == "RU" || p.Country == "UA" || p.Country == "BY" {
		// Far from the war, a same-name place is less likely; a village
		// beyond the Urals is no place a strike report means, unless the
		// report names its region ("Северомуйськ ... в Бурятії").
		d := distanceKm(p.Point, theatreCentre)
		if d > 1200 {
			s -= (d - 1200) / 600
		}
		if d > 3000 && p.Population < 50000 && p.Kind == farsight.PlaceSettlement && !ctx.admin1[p.Admin1Code] {
			return math.Inf(-1)
		}
	}
	switch p.FeatureCode {
	case "PPLH", "PPLQ", "PPLW":
		s -= 3
	case "PPLX":
		s -= 1.5
	case "PPLC", "PPLA":
		s += 1
	case "PPLA2":
		s += 0.5
	}
	// An airfield's noun before or after a name ("на авіабазі в
	// Новофедорівці", "airbase near X"): of same-name settlements (and
	// only settlements: "на аэродроме в Крыму" is Crimea), the one with an
	// airfield is meant.
	if m.hint == hintAirbase && p.Kind == farsight.PlaceSettlement && m.onlySettlements() && x.airfieldNear(p.Point, 10) {
		s += 3
	}
	// The region or raion written right after the name decides most.
	if q := m.qualifier; q != nil && q.place != nil && p.Kind == farsight.PlaceSettlement {
		switch {
		case q.place.FeatureCode == "ADM2":
			if p.Admin2 == q.place.Admin2 && p.Admin1Code == q.place.Admin1Code {
				s += 6
			}
		case q.place.Kind == farsight.PlaceRegion && p.Admin1Code == q.place.Admin1Code:
			s += 5
		}
	}
	if p.Kind == farsight.PlaceSettlement || p.Kind == farsight.PlaceAirbase || p.Kind == farsight.PlacePort || p.Kind == farsight.PlaceAirport {
		if p.Admin1Code != "" && ctx.admin1[p.Admin1Code] && p.Admin1Code != ctx.own {
			s += 4
		}
		if p.Admin2 != "" && ctx.raions[p.Admin1Code+"/"+p.Admin2] {
			s += 4
		}
		if p.Country == "UA" && frontOblasts[p.Admin1Code] {
			s += 0.7
		}
		// Near the other places of the report.
		// Near the other places of the report (not this name's own).
		best := math.Inf(1)
		for _, q := range ctx.points {
			if q.key == m.key {
				continue
			}
			best = min(best, distanceKm(p.Point, q.Point))
		}
		switch {
		case best < 25:
			s += 3
		case best < 60:
			s += 2
		case best < 150:
			s += 0.8
		}
	}
	return s
}

// theatreCentre is near the middle of the front line.
var theatreCentre = farsight.Point{Lat: 48.0, Lon: 37.5}

// raionOf returns the representative place of p's raion.
func (x *Extractor) raionOf(p *farsight.Place) *farsight.Place {
	if p.Country != "UA" || p.Admin2 == "" {
		return nil
	}
	return x.raions[p.Admin1Code+"/"+p.Admin2]
}

// buildRaions computes a point for each Ukrainian raion: the mean position
// of its settlements (GeoNames gives raions no point of their own).
func (x *Extractor) buildRaions() {
	type acc struct {
		lat, lon float64
		n        int
		name     string
		admin1   string
		region   string
	}
	sums := map[string]*acc{}
	var keys []string
	for p := range x.g.All() {
		if p.Country != "UA" || p.Admin2 == "" || p.Kind != farsight.PlaceSettlement {
			continue
		}
		k := p.Admin1Code + "/" + p.Admin2
		a := sums[k]
		if a == nil {
			a = &acc{name: p.Admin2, admin1: p.Admin1Code, region: p.Admin1}
			sums[k] = a
			keys = append(keys, k)
		}
		a.lat += p.Lat
		a.lon += p.Lon
		a.n++
	}
	slices.Sort(keys)
	for _, k := range keys {
		a := sums[k]
		x.raions[k] = &farsight.Place{
			ID: "raion:" + k, Name: a.name, Kind: farsight.PlaceRegion, Country: "UA", Admin1: a.region, Admin1Code: a.admin1, Admin2: a.name,
			Point: farsight.Point{Lat: a.lat / float64(a.n), Lon: a.lon / float64(a.n)}, FeatureCode: "ADM2",
		}
	}
}

// distanceKm is the great-circle distance between two points.
func distanceKm(a, b farsight.Point) float64 {
	const r = 6371.0088
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dla, dlo := la2-la1, (b.Lon-a.Lon)*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
