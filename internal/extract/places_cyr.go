package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/farsight-osint/farsight"
)

// Ukrainian and Russian place reading: the words around a name that tell
// its kind, and place adjectives ("у Київській області", "на Харківському
// напрямку", "Брянській, Калузькій і Курській областях").

// cyrRegionStems are the stems of the words for a region (область, край,
// республіка, округ) in every case.
var cyrRegionStems = map[string]bool{"област": true, "область": true, "обл": true, "кра": true, "республік": true, "республик": true, "округ": true,
	// ОВА, ОДА: the oblast's military or state administration.
	"ова": true, "ода": true}

// cyrRaionStems are the stems of the words for a raion.
var cyrRaionStems = map[string]bool{"район": true, "раон": true}

// cyrSectorStems are the stems of "direction" (a front sector named after a
// town): напрямок, направление.
var cyrSectorStems = map[string]bool{"напрямк": true, "напрямок": true, "направлен": true, "направленн": true, "направлени": true}

// cyrSettlementWords before a name make it a settlement.
var cyrSettlementWords = map[string]bool{
	"місто": true, "місті": true, "міста": true, "містом": true, "село": true, "селі": true, "села": true, "селом": true,
	"селище": true, "селищі": true, "селища": true, "смт": true, "пгт": true, "поселок": true, "поселке": true, "посёлке": true,
	"поселка": true, "город": true, "городе": true, "города": true, "городом": true, "станиці": true, "станице": true,
	"станица": true, "хутір": true, "хуторі": true, "хутор": true, "хуторе": true, "деревня": true, "деревне": true, "деревни": true,
	"містечко": true, "містечку": true, "селу": true, "городу": true, "місту": true,
}

// cyrPortStems name a port next to its name (airbases: isAirbaseWord).
var cyrPortStems = map[string]bool{"порт": true, "бухт": true, "гаван": true}

// isAirbaseWord reports whether a lower-case word is a form of аеродром,
// авіабаза or аеропорт.
func isAirbaseWord(w string) bool {
	for _, p := range []string{"аеродром", "аэродром", "авіабаз", "авиабаз", "аеропорт", "аэропорт", "летовищ"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// cyrInstitutionStems after a name make it a modifier or an actor:
// "Бєлгородський губернатор", "київська влада".
var cyrInstitutionStems = map[string]bool{
	"губернатор": true, "влад": true, "власт": true, "адміністраці": true, "администраци": true, "мер": true,
	"режим": true, "уряд": true, "правительств": true, "рад": true, "суд": true, "прокуратур": true, "поліці": true,
	"полици": true, "університет": true, "университет": true, "водосховищ": true, "водохранилищ": true, "річк": true, "рек": true,
}

// cyrLocatives are the prepositions (and nouns such as "районі": "in the
// area of") after which a name is a location.
var cyrLocatives = map[string]bool{
	"у": true, "в": true, "во": true, "на": true, "під": true, "пiд": true, "под": true, "біля": true, "возле": true, "поблизу": true,
	"около": true, "неподалік": true, "недалеко": true, "над": true, "до": true, "з": true, "із": true, "зі": true, "с": true, "со": true,
	"від": true, "от": true, "по": true, "за": true, "між": true, "между": true, "районі": true, "районе": true,
	"района": true, "району": true, "околицях": true, "окрестностях": true, "околиці": true, "околицы": true,
	"поблиз": true, "вблизи": true, "східніше": true, "західніше": true, "північніше": true, "південніше": true,
	"восточнее": true, "западнее": true, "севернее": true, "южнее": true, "напрямку": true, "направлении": true, "бік": true, "сторону": true, "через": true,
}

// adjEndings are the endings of Ukrainian and Russian adjectives that no
// noun place name takes in its own cases, longest first.
var adjEndings = []string{"ими", "ыми", "ого", "ому", "его", "ему", "ий", "ій", "ої", "ою", "ая", "яя", "ой", "ый", "ую", "ое", "ее", "ые", "ие", "ім", "им", "ым", "их", "ых", "ом", "і", "а", "у", "е"}

// placeAdjSuffixes end the stem of a place adjective: харківськ-,
// донецьк-, запорізьк-, брянск-, донецк-, запорожск- (the last three Russian).
var placeAdjSuffixes = []string{"ськ", "цьк", "зьк", "ск", "цк", "зк"}

// cyrAdjective reads a lower-case key as a place adjective and returns its
// stem ("київськ" of "київській", "брянск" of "брянской").
func cyrAdjective(key string) (stem string, ok bool) {
	for _, e := range adjEndings {
		s, found := strings.CutSuffix(key, e)
		if !found || utf8.RuneCountInString(s) < 4 {
			continue
		}
		for _, suf := range placeAdjSuffixes {
			if strings.HasSuffix(s, suf) {
				return s, true
			}
		}
		return "", false
	}
	return "", false
}

// nationalityStems are adjectives of peoples and countries, not of towns:
// "Українська залізниця" is no railway of Ukrainsk.
var nationalityStems = map[string]bool{
	"українськ": true, "украинск": true, "російськ": true, "российск": true, "русск": true, "руськ": true, "білоруськ": true,
	"белорусск": true, "американськ": true, "американск": true, "британськ": true, "британск": true, "європейськ": true,
	"европейск": true, "польськ": true, "польск": true, "німецьк": true, "немецк": true, "французьк": true, "французск": true,
	"турецьк": true, "турецк": true, "іранськ": true, "иранск": true, "грузинськ": true, "грузинск": true,
}

// landDirections are adjectives of lands that name fronts ("Таврійський
// напрямок", after Tavria; "Слобожанський", after Slobozhanshchyna), not
// the towns that happen to bear the same stem.
var landDirections = map[string]bool{
	"таврійськ": true, "таврическ": true, "таврийск": true, "слобожанськ": true, "слобожанск": true,
}

// irregularAdjectives are place adjectives not formed from their town's
// name by a suffix: криворізький is of Кривий Ріг, запорізький of
// Запоріжжя, білоцерківський of Біла Церква.
var irregularAdjectives = map[string][]string{
	"криворізьк": {"кривий ріг"}, "криворожск": {"кривой рог"},
	"запорізьк": {"запоріжжя"}, "запорожск": {"запорожье"},
	"білоцерківськ": {"біла церква"}, "белоцерковск": {"белая церковь"},
}

// adjectiveBases are the names a place adjective is formed from:
// харківськ → харків, луганськ → луганськ, севастопольськ → севастополь.
func adjectiveBases(stem string) []string {
	out := []string{stem}
	if towns, ok := irregularAdjectives[stem]; ok {
		return append(out, towns...)
	}
	for _, suf := range placeAdjSuffixes {
		if b, ok := strings.CutSuffix(stem, suf); ok {
			out = append(out, b, b+"ь", b+"а", b+"е", b+"о", b+"са", b+"си", b+"с", b+"ка")
			// Феодосійський from Феодосія, Евпаторийский from Евпатория.
			if r, ok := strings.CutSuffix(b, "ій"); ok {
				out = append(out, r+"ія")
			} else if r, ok := strings.CutSuffix(b, "ий"); ok {
				out = append(out, r+"ия")
			}
			// Новокаховський from Нова Каховка, Новокаховский from Новая
			// Каховка.
			if r, ok := strings.CutPrefix(b, "ново"); ok && r != "" {
				out = append(out, "нова "+r+"ка", "новая "+r+"ка", "нова "+r+"а", "новая "+r+"а")
			}
			if suf == "цьк" || suf == "цк" {
				// Кременчук → кременчуцький.
				out = append(out, b+"к")
			}
			switch {
			case strings.HasSuffix(b, "ів"):
				// Харківський from Харків; Синельниківський from
				// Синельникове.
				out = append(out, strings.TrimSuffix(b, "ів")+"ове", strings.TrimSuffix(b, "ів")+"ово")
			case strings.HasSuffix(b, "ов"):
				// Russian Харьковский from Харьков (b itself, above);
				// Синельниковский from Синельниково (b+"о").
				out = append(out, strings.TrimSuffix(b, "ов")+"ів")
			}
			break
		}
	}
	return out
}

// adjectiveTowns returns the places named by the bases of a place
// adjective's stem (see adjectiveBases); only settlements when asked.
func (x *Extractor) adjectiveTowns(stem string, settlementsOnly bool) []*farsight.Place {
	var out []*farsight.Place
	for _, b := range adjectiveBases(stem) {
		for _, p := range x.g.LookupKey(b) {
			if !settlementsOnly || p.Kind == farsight.PlaceSettlement {
				out = append(out, p)
			}
		}
	}
	return out
}

// stemOf returns the stem of the word at token i ("" past the end).
func (d *doc) stemOf(i int) string {
	if i < 0 || i >= len(d.tokens) || d.tokens[i].kind != tokWord {
		return ""
	}
	return cyrStem(d.tokens[i].key)
}

// cyrAdjectiveAt reads a capitalized Cyrillic place adjective at token i:
// with a region word after it, also across a list ("Брянській, Калузькій і
// Курській областях"), it names the region; before "напрямок" the town.
func (x *Extractor) cyrAdjectiveAt(d *doc, i int, s sentence) *mention {
	t := &d.tokens[i]
	stem, ok := cyrAdjective(t.key)
	if !ok || nationalityStems[stem] {
		return nil
	}
	// The hyphenated first part of a compound: "Івано-Франківській".
	first := i
	for first-2 >= s.first && d.tokens[first].glued && d.word(first-1) == "-" && d.tokens[first-2].cyrillic {
		stem = d.tokens[first-2].key + " " + stem
		first -= 2
	}
	// A name of two words read whole first: "Севастопольська бухта",
	// "Краснодарський край".
	if i+1 < s.last && d.tokens[i+1].kind == tokWord && d.tokens[i+1].cyrillic {
		for _, q := range queryStems(d.tokens[i+1].key) {
			if cands := x.stemCandidates([]string{stem + " " + q}); len(cands) > 0 && !cyrRegionStems[q] {
				return &mention{first: first, last: i + 2, key: t.key + " " + d.tokens[i+1].key, cands: cands}
			}
		}
	}
	for j := i + 1; j < s.last && j < i+10; j++ {
		w := d.tokens[j]
		st := d.stemOf(j)
		switch {
		case cyrRegionStems[st]:
			// "Львівської ОВА", "Харківської обл.": the oblast.
			if st == "ова" || st == "ода" || st == "обл" || st == "область" {
				st = "област"
			}
			var cands []*farsight.Place
			for _, p := range x.stemCandidates([]string{stem + " " + st}) {
				if p.Kind == farsight.PlaceRegion {
					cands = append(cands, p)
				}
			}
			if len(cands) == 0 {
				return nil
			}
			m := &mention{first: first, last: i + 1, key: t.key, cands: cands, hint: hintRegion}
			if j == i+1 {
				m.last = j + 1
			}
			return m
		case cyrSectorStems[st] && j == i+1 && landDirections[stem]:
			// "на Таврійському напрямку": a front named after a land, not
			// after the town Tavriisk; no place.
			return &mention{first: first, last: j + 1, key: t.key, context: true}
		case (cyrSectorStems[st] || cyrRaionStems[st]) && j == i+1:
			// "Харківському напрямку": the town; "Бериславському районі":
			// the raion named after the town.
			hint := hintSettlement
			if cyrRaionStems[st] {
				hint = hintRaion
			}
			cands := x.adjectiveTowns(stem, true)
			if len(cands) == 0 {
				return nil
			}
			m := &mention{first: first, last: i + 1, key: t.key, cands: cands, hint: hint}
			if hint == hintRaion {
				m.last = j + 1
			}
			return m
		case j == i+1 && (st == "флот" || strings.HasPrefix(st, "флотил")):
			// "Чорноморського флоту", "Каспийской флотилии": a formation's
			// name, not its town.
			return &mention{first: first, last: j + 1, key: t.key, context: true}
		case j <= i+3 && isAirbaseWord(w.lower):
			// "Липецькому аеродрому": the town's airbase.
			cands := x.adjectiveTowns(stem, false)
			if len(cands) == 0 {
				return nil
			}
			return &mention{first: first, last: i + 1, key: t.key, cands: cands, hint: hintAirbase}
		case j <= i+3 && (cyrPortStems[st] || cyrSiteStems[st] || isTargetAt(d, j)):
			// "Одеський порт", "Липецькому аеродрому", "Шебелинському
			// НПЗ": a site named after its town.
			cands := x.adjectiveTowns(stem, true)
			if len(cands) == 0 {
				return nil
			}
			return &mention{first: first, last: i + 1, key: t.key, cands: cands, hint: hintSettlement}
		case j <= i+2 && w.kind == tokWord && !w.upper && w.cyrillic && isAdjectiveForm(w.key):
			// "Севастопольскому судоремонтному заводу": adjectives before
			// the site's noun.
			continue
		case w.kind == tokPunct && (w.text == "," || w.text == "-"),
			w.kind == tokWord && (w.upper && w.cyrillic || cyrAnd[w.lower]):
			continue
		}
		return nil
	}
	return nil
}

// cyrSiteStems are the nouns of industrial sites named after their town.
var cyrSiteStems = map[string]bool{"деп": true, "тунел": true, "тоннел": true, "гэс": true, "гес": true, "аэс": true, "аес": true, "тэц": true, "тец": true, "завод": true, "комбінат": true, "комбинат": true, "підприємств": true,
	"предприяти": true, "вузл": true, "узл": true, "станці": true, "станци": true, "термінал": true, "терминал": true}

// isAdjectiveForm reports whether a lower-case word ends as an adjective
// does (the one-letter endings, which nouns share, do not count).
func isAdjectiveForm(key string) bool {
	for _, e := range adjEndings {
		if utf8.RuneCountInString(e) > 1 && strings.HasSuffix(key, e) {
			return true
		}
	}
	return false
}

// isTargetAt reports whether a target word of the lexicon starts at token i.
func isTargetAt(d *doc, i int) bool {
	if i >= len(d.tokens) || d.tokens[i].kind != tokWord {
		return false
	}
	_, n := targetCategories.match(d, i, len(d.tokens))
	return n > 0
}

// isQuote reports whether a token is a quotation mark, or a run of them
// ("""" in doubly escaped CSV text).
func isQuote(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		switch r {
		case '"', '«', '»', '“', '”', '„', '\'':
		default:
			return false
		}
	}
	return true
}

// classifyCyr reads the Ukrainian and Russian words around a mention.
func (x *Extractor) classifyCyr(d *doc, m *mention, s sentence) {
	next, prev := "", ""
	if m.last < s.last {
		next = d.stemOf(m.last)
	}
	if m.first > s.first {
		prev = d.stemOf(m.first - 1)
	}
	switch {
	case m.hint != hintNone:
	case cyrRegionStems[next]:
		m.hint, m.suffixEnd = hintRegion, d.tokens[m.last].end
	case cyrRaionStems[next]:
		m.hint, m.suffixEnd = hintRaion, d.tokens[m.last].end
	case cyrSectorStems[next]:
		m.hint = hintSettlement
	case m.last < s.last && isAirbaseWord(d.word(m.last)):
		m.hint = hintAirbase
	case m.first > s.first && cyrSettlementWords[d.tokens[m.first-1].key]:
		m.hint = hintSettlement
	case cyrPortStems[prev]:
		m.hint = hintPort
	}
	if m.last < s.last && d.tokens[m.last].kind == tokWord && !d.tokens[m.last].upper && cyrInstitutionStems[next] {
		m.context = true
	}
	// "у Приморському районі Одеси", "в Шевченковском районе Харькова": a
	// district of the city named next; the city is the place.
	// A city large enough to have districts (100,000 people), not a
	// region ("районі Херсонської області", "районе Крыма").
	city := func(i int) bool {
		if i >= s.last || d.tokens[i].kind != tokWord || !d.tokens[i].upper || !d.tokens[i].cyrillic || isAdjectiveForm(d.tokens[i].key) {
			return false
		}
		for _, p := range append(x.g.LookupKey(d.tokens[i].key), x.stemCandidates(queryStems(d.tokens[i].key))...) {
			if p.Kind == farsight.PlaceSettlement && p.Population >= 100000 {
				return true
			}
		}
		return false
	}
	if cyrRaionStems[next] && city(m.last+1) || m.last-m.first > 1 && cyrRaionStems[d.stemOf(m.last-1)] && city(m.last) {
		m.context = true
	}
	// "через річку Інгулець", "на реке Днепр": a river, not its town.
	if prev == "річк" || prev == "рек" || prev == "річ" {
		m.context = true
	}
	// "Дмитрий Песков", "Сергій Попко": a given name starts a person's name.
	if firstNames[d.word(m.first)] && m.last < s.last && d.tokens[m.last].upper && d.tokens[m.last].kind == tokWord ||
		m.first > s.first && firstNames[d.word(m.first-1)] && d.tokens[m.first-1].upper {
		m.context = true
	}
	// "в порту тимчасово окупованого Бердянська", "на аеродромі поблизу
	// Саків": the site's word a few words before.
	if m.hint == hintNone {
		for k := m.first - 1; k >= s.first && k >= m.first-4; k-- {
			w := d.tokens[k]
			if w.kind != tokWord {
				break
			}
			if isAirbaseWord(w.lower) {
				m.hint = hintAirbase
				break
			}
			if cyrPortStems[d.stemOf(k)] || d.stemOf(k) == "баз" && k > s.first+1 && (strings.HasPrefix(d.word(k-1), "морськ") || strings.HasPrefix(d.word(k-1), "морск")) {
				m.hint = hintPort
				break
			}
			if w.upper {
				break
			}
		}
	}
	// A quoted name after a thing's noun names the thing: ЗРК «Тор»,
	// нафтопровід «Дружба», корабель «Минск»; after an airfield or port
	// word it names the site (аеродром «Саки»).
	if m.first-2 >= s.first && isQuote(d.tokens[m.first-1].text) && m.last < s.last && isQuote(d.tokens[m.last].text) && m.hint == hintNone {
		if !isAirbaseWord(d.word(m.first-2)) && !cyrPortStems[d.stemOf(m.first-2)] {
			m.context = true
		} else {
			m.hint = hintAirbase
			if cyrPortStems[d.stemOf(m.first-2)] {
				m.hint = hintPort
			}
		}
	}
	// "президента России", "МЗС України": the office's country.
	if m.isCountryOrCapital() && (cyrSpeakerHead[prev] || cyrTitleStems[prev]) {
		m.context = true
	}
	// "Росія атакувала", "Україна заявила": a country (or its capital)
	// followed by a verb of attack or speech is an actor; a country is not
	// after a preposition of place ("по НПЗ у Росії відпрацювали дрони"),
	// while a capital still is ("в Києві удар не коментували").
	if m.isCountryOrCapital() && m.last < s.last && d.tokens[m.last].kind == tokWord && !d.tokens[m.last].upper &&
		(m.first == s.first || !locatives[d.word(m.first-1)] || !m.hasKind(farsight.PlaceCountry)) {
		if c, n := cues.match(d, m.last, s.last); n > 0 && (c.kind == cueAttack || c.kind == cueWeapon) && c.typ == "" {
			m.context = true
		}
		if _, ok := cyrSaidVerbs[d.word(m.last)]; ok {
			m.context = true
		}
	}
}

// cyrCommon reports whether a one-word Cyrillic mention is also a common
// word: an event or target word of the lexicons ("Атака", "Пожежа",
// "Аеродром") or a dictionary word that reads as a place name.
func (x *Extractor) cyrCommon(d *doc, m *mention) bool {
	if m.last-m.first != 1 {
		return false
	}
	if _, n := cues.match(d, m.first, m.first+1); n == 1 {
		return true
	}
	if _, n := targetCategories.match(d, m.first, m.first+1); n == 1 {
		return true
	}
	return x.commonStems[cyrStem(m.key)]
}

// acceptCyrCommon decides whether a Cyrillic common word is a place name
// here: a city's name (50,000 people or more) always; otherwise only
// mid-sentence after a locative preposition, or with a kind word beside it.
func (x *Extractor) acceptCyrCommon(d *doc, m *mention, s sentence) bool {
	exact := m.cands[:m.exactN]
	for _, p := range m.cands {
		// A city's name: an administrative centre of 50,000 people or more
		// (by any reading), or any such place named exactly.
		if p.Population >= 50000 && (slices.Contains(exact, p) || p.FeatureCode == "PPLA" || p.FeatureCode == "PPLC" || p.FeatureCode == "PPLA2") {
			return true
		}
	}
	return m.first > s.first && (m.hint != hintNone || cyrStrongLocatives[d.word(m.first-1)] || controlWord(d.word(m.first-1)) ||
		cyrPeopleOfStems[cyrStem(d.tokens[m.first-1].key)])
}

// cyrPeopleOfStems govern the name of the place whose people or officials
// they are, in the genitive: "жители Каспийска", "мэр Каспийска",
// "мешканці Херсона", "власти Новороссийска".
var cyrPeopleOfStems = map[string]bool{
	"жител": true, "мешканц": true, "мешканк": true, "мэр": true, "мер": true, "губернатор": true,
	"власт": true, "влад": true, "администраци": true, "адміністраці": true,
}

// controlWord reports whether a word says who holds a place: "в
// захопленому Сватовому", "в оккупированном Донецке".
func controlWord(w string) bool {
	for _, p := range []string{"окупован", "оккупирован", "захоплен", "захвачен", "звільнен", "освобожден", "прифронтов"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// cyrStrongLocatives are the prepositions that put a common word's place
// reading first: "у Мирному", "під Суходолом", "по Василькову"; not "з",
// which also means "with" ("разом із Силами оборони").
var cyrStrongLocatives = map[string]bool{
	"у": true, "в": true, "во": true, "на": true, "під": true, "под": true, "біля": true, "возле": true, "поблизу": true,
	"около": true, "неподалік": true, "недалеко": true, "районі": true, "районе": true, "окрестностях": true, "околицях": true,
	"вблизи": true, "поблиз": true, "по": true, "над": true, "до": true, "східніше": true, "західніше": true, "північніше": true, "південніше": true,
	"восточнее": true, "западнее": true, "севернее": true, "южнее": true,
}

// cyrTitleStems before a capitalized word make it a person's name:
// "експерт Гончар", "радник Подоляк".
var cyrTitleStems = map[string]bool{
	"експерт": true, "эксперт": true, "голов": true, "глав": true, "міністр": true, "министр": true, "радник": true, "советник": true,
	"губернатор": true, "мер": true, "президент": true, "речник": true, "спікер": true, "спикер": true, "аналітик": true, "аналитик": true,
	"журналіст": true, "журналист": true, "блогер": true, "військов": true, "генерал": true, "полковник": true, "командувач": true,
	"командующ": true, "депутат": true, "очільник": true, "керівник": true, "руководител": true, "пан": true, "господин": true,
	"політолог": true, "политолог": true, "оглядач": true, "обозревател": true, "посол": true, "прем'єр": true, "премьер": true,
}

// governed reports whether an inflected name at token i stands where a
// place name in an oblique case stands: after a preposition or a
// lower-case word that governs it ("вокзалу Херсона"), or in a list after
// another name. At the start of a sentence or after a title it is more
// often a person ("Подоляк заявив", "експерт Гончар").
func governed(d *doc, i int, s sentence) bool {
	if i <= s.first {
		return false
	}
	p := d.tokens[i-1]
	switch {
	case p.kind == tokWord && cyrTitleStems[cyrStem(p.key)]:
		// "мер Філатов" is a person; "мер Мелітополя", inflected, a place.
		return cyrStem(d.tokens[i].key) != d.tokens[i].key
	case p.kind == tokWord && p.cyrillic:
		return true
	case p.kind == tokPunct && p.text == "," || p.kind == tokWord && cyrAnd[p.lower]:
		return i-2 >= s.first && d.tokens[i-2].upper && d.tokens[i-2].cyrillic
	}
	return false
}

// isAllCaps reports whether a word has two or more letters, all upper-case.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}
