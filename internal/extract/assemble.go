package extract

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
)

// sentInfo is what one sentence says.
type sentInfo struct {
	idx int
	s   sentence

	typ       farsight.EventType // the most specific weapon or kind named
	weapon    farsight.EventType // the most specific weapon named, even when intercepted
	strength  float64            // how surely the sentence reports an event
	triggerAt int                // first trigger token
	outcome   string
	intercept bool

	places []*mention // locations (not context) in the sentence
	dates  []dateMention
	dists  []quotedDistance

	background bool
	// attribution: the sentence only names who said the one before
	// ("— OSINTtechnical (@Osinttechnical) November 6, 2024").
	attribution bool

	// debris: the damage the sentence reports came from falling debris of
	// intercepted weapons.
	debris bool

	speaker    speaker
	hasSpeaker bool
	stance     farsight.Stance
	unverified bool
	denial     bool
	footage    bool
	// noDamage: the sentence denies damage ("no damage", "denied that
	// any aircraft had been damaged").
	noDamage bool

	votes    map[farsight.Actor]float64 // attackers named
	inferred map[farsight.Actor]float64 // attackers inferred from the target's side
	actor    farsight.Actor             // implied by a weapon
	targets  []farsight.Target
}

// Extract returns the events a report describes, most confident first.
func (x *Extractor) Extract(r *farsight.Report) ([]*farsight.Event, error) {
	d := tokenize(r.Text)
	if len(d.sents) == 0 {
		return nil, nil
	}
	ms := x.findMentions(d)
	markShipNames(d, ms)
	pubDay := ""
	if !r.Published.IsZero() {
		pubDay = r.Published.Format(time.DateOnly)
	}
	x.resolve(d, ms, pubDay)
	dates := findDates(d, r.Published)
	dists := findDistances(d)
	infos := x.analyze(d, ms, dates, dists)
	events := x.assemble(d, r, infos, dates)
	return events, nil
}

// analyze reads each sentence.
func (x *Extractor) analyze(d *doc, ms []*mention, dates []dateMention, dists []quotedDistance) []*sentInfo {
	infos := make([]*sentInfo, len(d.sents))
	for i, s := range d.sents {
		infos[i] = &sentInfo{idx: i, s: s, triggerAt: -1, votes: map[farsight.Actor]float64{}, inferred: map[farsight.Actor]float64{}}
	}
	for _, m := range ms {
		if m.place == nil || m.context {
			continue
		}
		si := infos[d.sentenceOf(m.first)]
		si.places = append(si.places, m)
	}
	for _, dm := range dates {
		si := infos[d.sentenceOf(dm.first)]
		si.dates = append(si.dates, dm)
	}
	for _, q := range dists {
		si := infos[d.sentenceOf(q.first)]
		si.dists = append(si.dists, q)
	}
	for _, si := range infos {
		x.readSentence(d, si)
		// A name inside the speaker's name is a person or an office, not
		// the event's place ("Golubev wrote").
		if si.hasSpeaker {
			si.places = slices.DeleteFunc(si.places, func(m *mention) bool {
				inside := m.start >= si.speaker.start && m.end <= si.speaker.end
				// "влада Луцька", "мер Миколаєва": a Cyrillic name after the
				// office it qualifies is the office's place, where the
				// official reports from; it stays a candidate.
				if inside && d.tokens[m.first].cyrillic && m.start > si.speaker.start {
					return false
				}
				if inside {
					m.context = true
				}
				return inside
			})
		}
	}
	// An attribution line gives its speaker to the sentence before it.
	for i, si := range infos {
		if si.attribution && i > 0 && si.hasSpeaker {
			prev := infos[i-1]
			if !prev.hasSpeaker {
				prev.speaker, prev.hasSpeaker, prev.stance = si.speaker, true, si.stance
			}
		}
	}
	return infos
}

// readSentence finds a sentence's triggers, outcome, speaker and stance.
func (x *Extractor) readSentence(d *doc, si *sentInfo) {
	s := si.s
	var weapon, eventive, attack, explosion, violence, outcomeOnly, defence bool
	for i := s.first; i < s.last; i++ {
		c, n := cues.match(d, i, s.last)
		if n == 0 {
			continue
		}
		if si.triggerAt < 0 && c.kind != cueOutcome {
			si.triggerAt = i
		}
		switch c.kind {
		case cueWeapon:
			weapon = true
			eventive = eventive || c.eventive
			if typeRank(c.typ) > typeRank(si.typ) {
				si.typ = c.typ
			}
			if typeRank(c.typ) > typeRank(si.weapon) {
				si.weapon = c.typ
			}
			if c.actor != "" {
				si.actor = c.actor
			}
		case cueAttack:
			attack = true
		case cueIntercept:
			switch {
			case negated(d, i, s.first):
				// "air defences cannot shoot down": no interception.
			case c.eventive:
				si.intercept = true
			default:
				defence = true
			}
		case cueExplosion:
			explosion = true
		case cueViolence:
			violence = true
		case cueOutcome:
			outcomeOnly = true
		}
		if farsight.OutcomeRank(c.outcome) > farsight.OutcomeRank(si.outcome) {
			si.outcome = c.outcome
		}
		i += n - 1
	}
	// "знищено 74 з 75 шахедів", "destroyed 14 missiles": weapons as the
	// object of destruction were shot down.
	if si.outcome == "destroyed" && destroyedWeapons(d, s) {
		si.intercept = true
	}
	// "Air defences destroyed 14 missiles": air defence with an outcome is
	// an interception; air defence alone ("allies pledged air defence
	// systems") is not.
	if defence && (si.outcome == "destroyed" || attack) {
		si.intercept = true
	}
	// A weapon alone ("missiles", "jets are based at the airfield") does
	// not report an attack; a weapon with an attack verb, an outcome or an
	// eventive noun ("shelling", "drone attack") does.
	switch {
	case weapon && (attack || eventive || si.outcome != "" || explosion):
		si.strength = 1
	case si.intercept && weapon:
		si.strength = 0.8
	case weapon && violence:
		si.strength = 0.6
	case attack || explosion:
		si.strength = 0.5
	case si.intercept:
		si.strength = 0.4
	case outcomeOnly && si.outcome != "hit" && si.outcome != "":
		si.strength = 0.35
	case violence:
		si.strength = 0.3
	}
	if si.typ == "" {
		switch {
		case si.intercept:
			si.typ = farsight.Interception
		case attack || explosion || violence || outcomeOnly:
			si.typ = farsight.ExplosionUnknown
		}
	}
	// "air defences intercepted and destroyed 25 drones": with an
	// interception, "destroyed" is what happened to the weapons.
	if si.intercept && (si.outcome == "destroyed" || si.outcome == "intercepted") {
		si.outcome = "intercepted"
		if !attack || !weapon {
			si.typ = farsight.Interception
		}
	}
	// "falling debris damaged a roof": damage from an interception.
	si.debris = has(debrisCues, d, s)
	si.background = isBackground(d, s, hasDayDate(si))
	if first := d.tokens[s.first].text; (first == "—" || first == "-" || first == "–") && s.last-s.first < 16 {
		si.attribution = true
		si.strength = 0
	}
	if si.attribution {
		si.speaker, si.hasSpeaker = speakerPhrase(d, s.first+1, s.last)
		si.stance = farsight.StanceAsserts
	} else {
		si.speaker, si.stance, si.hasSpeaker = findSpeaker(d, s)
	}
	if hasHandle(d, s) && si.hasSpeaker {
		si.speaker.kind = farsight.SourceOSINT
	}
	si.unverified = has(unverifiedCues, d, s)
	si.footage = has(footageCues, d, s) || strings.Contains(d.text[s.start:s.end], "pic.twitter.com")
	si.denial = si.hasSpeaker && si.stance == farsight.StanceDenies
	// "... and denied that any aircraft had been damaged", «сведения о
	// повреждении ... не соответствуют действительности», «разрушений
	// нет»: a denial of damage, whatever else the sentence asserts.
	si.noDamage = has(noDamageCues, d, s) || (has(denialCues, d, s) && (si.outcome == "damaged" || si.outcome == "destroyed"))
	actorVotes(d, s, si.votes, si.inferred)
	cyrActorVotes(d, s, si, si.votes, si.inferred)
	si.targets = findTargets(d, s)
}

// destroyedWeapons reports whether a sentence destroys weapons: a
// destruction word followed by a weapon, with only counts between
// ("знищено 74 з 75 шахедів", "уничтожены 41 БпЛА").
func destroyedWeapons(d *doc, s sentence) bool {
	for i := s.first; i < s.last; i++ {
		c, n := cues.match(d, i, s.last)
		if n == 0 || c.outcome != "destroyed" {
			continue
		}
		for k := i + n; k < s.last && k < i+n+5; k++ {
			if w, m := cues.match(d, k, s.last); m > 0 && w.kind == cueWeapon && !w.eventive {
				return true
			}
			if d.tokens[k].kind != tokNumber && !countLinks[d.word(k)] {
				break
			}
		}
		// "one drone was destroyed", "all drones were destroyed": the
		// weapon is the passive subject.
		if k := i - 1; k > s.first && passiveAux[d.word(k)] {
			if w, m := cues.match(d, k-1, s.last); m > 0 && w.kind == cueWeapon && !w.eventive &&
				(w.typ == farsight.DroneStrike || w.typ == farsight.MissileStrike) {
				return true // a destroyed howitzer was no interception
			}
		}
	}
	return false
}

// passiveAux are the auxiliaries of an English passive.
var passiveAux = map[string]bool{"was": true, "were": true, "been": true}

// countLinks join the counts before a weapon: "74 з 75", "all 20 of".
var countLinks = map[string]bool{"з": true, "із": true, "из": true, "of": true, "all": true, "усі": true, "все": true, "ще": true, "еще": true, "ещё": true}

// debrisCues attribute damage to an interception's debris.
var debrisCues = newLexicon(merge(cyrDebrisEntries, map[string]bool{
	"debris": true, "fragments": true, "wreckage": true, "falling debris": true, "shrapnel from": true,
}))

// negated reports whether a negation precedes token i within two words.
func negated(d *doc, i, first int) bool {
	for k := i - 1; k >= max(first, i-2); k-- {
		switch d.word(k) {
		case "not", "cannot", "can't", "never", "failed", "unable", "no":
			return true
		}
	}
	return false
}

// backgroundCues mark sentences about the wider war rather than this event.
var backgroundCues = newLexicon(merge(cyrBackgroundEntries, map[string]bool{
	"has hit": true, "have hit": true, "has struck": true, "have struck": true, "has attacked": true, "have attacked": true,
	"has targeted": true, "have targeted": true, "has repeatedly": true, "have repeatedly": true, "has launched": true, "have launched": true,
	"has been": true, "have been targeted": true, "has stepped up": true, "have stepped up": true,
	"campaign": true, "previously": true, "earlier this year": true, "last year": true, "in recent months": true, "in recent weeks": true,
	"since the start": true, "since the beginning": true, "since february": true, "since 2022": true, "since 2014": true,
	"the latest in": true, "is the latest": true, "regularly": true, "frequently": true, "repeatedly": true, "over the years": true,
	"analysts say": true, "analysts suggest": true, "experts said": true, "analysts said": true, "industry sources": true,
	"analysts expect": true, "traders said": true, "a week after": true, "weeks after": true, "months after": true, "days after": true, "could disrupt": true, "would": true, "might": true,
	"debated": true, "considered secure": true, "lacking": true, "throughout the war": true, "in the past": true,
	"training flight": true, "accident": true, "technical failure": true, "technical malfunction": true, "malfunction": true,
	"emergency landing": true, "on take off": true, "every day": true, "every night": true, "each day": true, "almost daily": true, "these attacks": true, "such attacks": true, "the attacks have": true, "have forced": true, "has forced": true,
	"tied to": true, "responsible for": true, "is used": true, "are used": true, "is known": true,
}))

// perfectVerbs are participles that, after "has" or "have", tell what a
// side has done over time ("Russia has used the base to fire missiles").
var perfectVerbs = map[string]bool{
	"used": true, "fired": true, "hit": true, "struck": true, "attacked": true, "launched": true, "targeted": true,
	"shelled": true, "bombed": true, "pounded": true, "carried": true, "conducted": true, "intensified": true, "stepped": true,
	"expanded": true, "escalated": true, "increased": true, "repeatedly": true, "regularly": true,
}

// isBackground reports whether a sentence talks about the war in general.
// A sentence in the present perfect without a date ("Kyiv has hit targets
// in Crimea") is background; with one ("has struck ... overnight") it may
// report the event.
func isBackground(d *doc, s sentence, dated bool) bool {
	// A sentence that dates what it reports to a day ("on Friday") reports
	// an event, whatever clause of background it carries.
	if dated {
		return false
	}
	for i := s.first; i+1 < s.last; i++ {
		if w := d.word(i); w == "has" || w == "have" {
			j := i + 1
			if a := d.word(j); a == "also" || a == "long" || a == "since" || a == "already" || a == "previously" || a == "often" {
				j++
			}
			if perfectVerbs[d.word(j)] {
				return true
			}
		}
	}
	for i := s.first; i < s.last; i++ {
		if _, n := backgroundCues.match(d, i, s.last); n > 0 {
			// "in the past day" is a daily summary, not background.
			if d.is(i, "in", "the", "past") && (d.word(i+3) == "day" || d.word(i+3) == "24") {
				continue
			}
			return true
		}
	}
	return false
}

// hasDayDate reports whether a sentence dates something to a day (a month
// alone or a daily summary does not count). It needs no publication time:
// the date mentions were found with it.
func hasDayDate(si *sentInfo) bool {
	for _, dm := range si.dates {
		if dm.kind != dateMonth && dm.kind != dateSummary {
			return true
		}
	}
	return false
}

// markShipNames marks place names used as names of ships or units ("the
// Tatarstan and Dagestan", "the missile ship Dagestan") as context.
func markShipNames(d *doc, ms []*mention) {
	for _, m := range ms {
		prev := d.word(m.first - 1)
		prev2 := d.word(m.first - 2)
		// "identified as the X and Y", "named the X", "the X and the Y"
		shipish := false
		for k := m.first - 1; k >= max(0, m.first-6); k-- {
			w := d.word(k)
			if w == "identified" || w == "named" || w == "called" {
				shipish = true
				break
			}
			if w == "." || w == ";" {
				break
			}
		}
		if prev == "the" && (shipish || shipNoun(prev2)) {
			m.context = true
			continue
		}
		if shipish && (prev == "and" || prev == "the") {
			m.context = true
			continue
		}
		// "missile ship Dagestan", "frigate Admiral Makarov", "the frigates
		// Tatarstan and Dagestan".
		if shipNoun(prev) || (prev == "and" || prev == ",") && shipNoun(d.word(m.first-3)) {
			m.context = true
		}
	}
}

func shipNoun(w string) bool {
	switch w {
	case "ship", "ships", "vessel", "vessels", "frigate", "frigates", "corvette", "corvettes", "submarine", "submarines",
		"cruiser", "cruisers", "destroyer", "destroyers", "boat", "boats", "warship", "warships", "minesweeper", "tug", "tanker":
		return true
	}
	return false
}

// findTargets finds target nouns, their counts and names in a sentence.
func findTargets(d *doc, s sentence) []farsight.Target {
	var out []farsight.Target
	for i := s.first; i < s.last; i++ {
		cat, n := targetCategories.match(d, i, s.last)
		if n == 0 {
			continue
		}
		// "the port city of X" names a place, not a target.
		if next := d.word(i + n); settleWords[next] {
			i += n - 1
			continue
		}
		t := farsight.Target{Category: cat, Span: farsight.Span{Start: d.tokens[i].start, End: d.tokens[i+n-1].end}}
		// A count right before: "two missile ships", "41 drones", "at least two".
		if k := i - 1; k >= s.first {
			if v, ok := numberWords[d.word(k)]; ok && v > 1 {
				t.Count, t.Span.Start = v, d.tokens[k].start
			} else if v := d.number(k); v > 0 && v < 10000 {
				t.Count, t.Span.Start = v, d.tokens[k].start
			}
		}
		// A name right after: "the frigate Admiral Makarov".
		j := i + n
		if d.tokens[i].cyrillic {
			// Ukrainian and Russian write ships' names in quotes, after
			// the ship's noun and its formation: "ракетні кораблі
			// Каспійської флотилії «Татарстан» і «Дагестан»".
			if cat == "naval_vessel" {
				names := quotedNames(d, j, s.last)
				for _, nm := range names {
					out = append(out, farsight.Target{Category: cat, Name: d.text[nm.Start:nm.End], Count: 1, Span: nm})
				}
			}
			out = append(out, t)
			i = j - 1
			continue
		}
		if j < s.last && d.tokens[j].upper && d.tokens[j].kind == tokWord && cat == "naval_vessel" {
			k := j
			for k < s.last && d.tokens[k].upper && d.tokens[k].kind == tokWord && k-j < 3 {
				k++
			}
			t.Name, t.Span.End = d.text[d.tokens[j].start:d.tokens[k-1].end], d.tokens[k-1].end
			j = k
		}
		out = append(out, t)
		i = j - 1
	}
	// "identified as the Tatarstan and Dagestan": names of the ships the
	// sentence is about.
	for i := s.first; i+2 < s.last; i++ {
		if !(d.is(i, "identified", "as") || d.is(i, "named")) {
			continue
		}
		j := i + 2
		if d.word(i) == "named" {
			j = i + 1
		}
		for j < s.last {
			if d.word(j) == "the" || d.word(j) == "and" || d.word(j) == "," {
				j++
				continue
			}
			if d.tokens[j].kind != tokWord || !d.tokens[j].upper {
				break
			}
			k := j
			for k < s.last && d.tokens[k].kind == tokWord && d.tokens[k].upper && k-j < 3 {
				k++
			}
			out = append(out, farsight.Target{Category: "naval_vessel", Name: d.text[d.tokens[j].start:d.tokens[k-1].end], Count: 1,
				Span: farsight.Span{Start: d.tokens[j].start, End: d.tokens[k-1].end}})
			j = k
		}
	}
	// "Каспійської флотилії", "Черноморского флота": named formations.
	for i := s.first + 1; i < s.last; i++ {
		if st := d.stemOf(i); (st == "флот" || strings.HasPrefix(st, "флотил")) && d.tokens[i-1].upper && d.tokens[i-1].cyrillic {
			out = slices.DeleteFunc(out, func(t farsight.Target) bool {
				return t.Span.Start <= d.tokens[i].start && d.tokens[i].end <= t.Span.End && t.Name == "" ||
					t.Span.Start == d.tokens[i-1].start && t.Name == ""
			})
			out = append(out, farsight.Target{Category: "naval_vessel", Name: d.text[d.tokens[i-1].start:d.tokens[i].end], Span: farsight.Span{Start: d.tokens[i-1].start, End: d.tokens[i].end}})
		}
	}
	// "Caspian Flotilla", "Black Sea Fleet": named formations.
	for i := s.first; i < s.last; i++ {
		if (d.word(i) == "flotilla" || d.word(i) == "fleet") && i > s.first && d.tokens[i].upper {
			k := i
			for k > s.first && d.tokens[k-1].upper && d.tokens[k-1].kind == tokWord && i-k < 3 {
				k--
			}
			if k < i {
				out = slices.DeleteFunc(out, func(t farsight.Target) bool {
					return t.Span.Start == d.tokens[i].start && t.Name == ""
				})
				out = append(out, farsight.Target{Category: "naval_vessel", Name: d.text[d.tokens[k].start:d.tokens[i].end], Span: farsight.Span{Start: d.tokens[k].start, End: d.tokens[i].end}})
			}
		}
	}
	return out
}

// quotedNames reads the quoted names that follow token j within a few
// words: «Татарстан» і «Дагестан», "Адмірал Макаров".
func quotedNames(d *doc, j, end int) []farsight.Span {
	var out []farsight.Span
	k := j
	for k < end && k < j+5 && !isQuote(d.tokens[k].text) && (d.tokens[k].kind == tokWord || d.tokens[k].text == "—" || d.tokens[k].text == "–" || d.tokens[k].text == "-" || d.tokens[k].text == ":") {
		k++
	}
	for k < end && isQuote(d.tokens[k].text) {
		first := k + 1
		last := first
		for last < end && last < first+4 && d.tokens[last].kind == tokWord {
			last++
		}
		if last == first || last >= end || !isQuote(d.tokens[last].text) || !d.tokens[first].upper {
			break
		}
		out = append(out, farsight.Span{Start: d.tokens[first].start, End: d.tokens[last-1].end})
		k = last + 1
		if k < end && (cyrAnd[d.word(k)] || d.word(k) == ",") {
			k++
		}
	}
	return out
}

// draft is an event being assembled from sentences.
type draft struct {
	// date is the day its first dated sentence gives, "" when none has.
	date      string
	place     *mention
	sents     []*sentInfo
	extra     []*sentInfo // sentences without a place that add claims
	strength  float64
	firstSent int
}

// specificity ranks place kinds: the event's location is the most
// specific place tied to it.
func specificity(p *farsight.Place) int {
	switch p.Kind {
	case farsight.PlaceAirbase, farsight.PlacePort, farsight.PlaceAirport, farsight.PlaceSite:
		return 5
	case farsight.PlaceSettlement:
		return 4
	case farsight.PlaceArea:
		return 3
	case farsight.PlaceRegion:
		if p.FeatureCode == "ADM2" {
			return 3
		}
		return 2
	case farsight.PlaceSea:
		// A strait or a bay is narrower than its sea or a region.
		if p.FeatureCode == "STRT" || p.FeatureCode == "BAY" {
			return 3
		}
		return 2
	case farsight.PlaceCountry:
		return 1
	}
	return 0
}

// contains reports whether place a contains place b, or they are the same.
func contains(a, b *farsight.Place) bool {
	if a.ID == b.ID {
		return true
	}
	switch a.Kind {
	case farsight.PlaceCountry:
		return a.Country == b.Country
	case farsight.PlaceRegion:
		if a.FeatureCode == "ADM2" {
			return b.Admin2 == a.Admin2 && b.Admin1Code == a.Admin1Code
		}
		return a.Admin1Code != "" && b.Admin1Code == a.Admin1Code
	case farsight.PlaceSea:
		if b.Kind == farsight.PlaceCountry || b.Kind == farsight.PlaceRegion {
			return false
		}
		// A strait or bay is narrow; a sea is large and its point is far
		// from the coast: a place within 500 km of it may be on it.
		if a.FeatureCode == "STRT" || a.FeatureCode == "BAY" {
			return distanceKm(a.Point, b.Point) < 60
		}
		return distanceKm(a.Point, b.Point) < 500
	case farsight.PlaceArea:
		return distanceKm(a.Point, b.Point) < 150
	}
	// Two points a few kilometres apart: a town and its airbase or port.
	return specificity(b) >= 4 && distanceKm(a.Point, b.Point) < 25
}

// compatible reports whether two places can be the location of one event.
func compatible(a, b *farsight.Place) bool {
	return contains(a, b) || contains(b, a)
}

// location picks the location of a sentence: its most specific place,
// preferring one that follows a locative preposition or the trigger.
func (si *sentInfo) locations(d *doc) []*mention {
	ps := slices.Clone(si.places)
	slices.SortStableFunc(ps, func(a, b *mention) int {
		if c := cmp.Compare(specificity(b.place), specificity(a.place)); c != 0 {
			return c
		}
		la, lb := locativeBefore(d, a.first, si.s) && d.word(a.first-1) != "from", locativeBefore(d, b.first, si.s) && d.word(b.first-1) != "from"
		if la != lb {
			if la {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.first, b.first)
	})
	// Keep the distinct locations, most specific first; drop the ones that
	// contain (or are contained by) a kept one.
	var out []*mention
	for _, m := range ps {
		dup := false
		for _, k := range out {
			if compatible(k.place, m.place) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}

// newEventCues in a later sentence mark a strike other than the lead's.
var newEventCues = newLexicon(merge(cyrNewEventEntries, map[string]bool{
	"also": true, "separately": true, "another": true, "in a separate": true, "elsewhere": true, "meanwhile": true,
	"in addition": true, "at the same time": true, "earlier that day": true, "later that day": true,
}))

// listMode reports whether a report is a list of headlines (one per line,
// mostly without final punctuation): each line may then report an event of
// its own.
func listMode(d *doc) bool {
	if len(d.sents) < 2 {
		return false
	}
	bare := 0
	for _, s := range d.sents {
		last := d.tokens[s.last-1].text
		if !strings.ContainsAny(last, ".!?…") {
			bare++
		}
	}
	return bare*2 >= len(d.sents)
}

// accidentCues mark a crash or a blast that the report itself explains as
// an accident.
var accidentCues = newLexicon(merge(cyrAccidentEntries, map[string]bool{
	"training flight": true, "accident": true, "technical failure": true, "technical malfunction": true, "malfunction": true,
	"emergency landing": true, "on take off": true, "gas leak": true, "gas explosion": true, "short circuit": true,
}))

// isAccident reports whether the report explains its incident as an
// accident and names no weapon attack.
func isAccident(d *doc, infos []*sentInfo) bool {
	accident := false
	for _, si := range infos {
		if si.strength >= 1 && si.typ != farsight.ExplosionUnknown && !si.background {
			return false
		}
		accident = accident || has(accidentCues, d, si.s)
	}
	return accident
}

func (x *Extractor) assemble(d *doc, r *farsight.Report, infos []*sentInfo, dates []dateMention) []*farsight.Event {
	if isAccident(d, infos) {
		return nil
	}
	var drafts []*draft
	var pending []*sentInfo // event sentences seen before any located one
	var last *draft
	list := listMode(d)
	// The lead is the first event sentence with a place more precise than a
	// country: its places start events. After it, a sentence starts a new
	// event only when it says so ("also", "separately") with a strong
	// trigger, or when the report is a list of headlines; otherwise a place
	// it names that fits no event is context, and the sentence adds nothing.
	leadDone := false
	for _, si := range infos {
		if si.strength == 0 || si.background {
			// A sentence without a trigger can still add a claim about
			// the event (footage, damage, a quoted distance), if it names
			// no other place.
			if last != nil && (si.footage || len(si.dists) > 0 || len(si.targets) > 0) && !si.attribution && fitsDraft(si, last) {
				last.extra = append(last.extra, si)
			}
			continue
		}
		locs := si.locations(d)
		if len(locs) == 0 {
			if last != nil {
				last.extra = append(last.extra, si)
			} else {
				pending = append(pending, si)
			}
			continue
		}
		// "In Zaporozhye, Geran-2 drones struck a workshop": a sentence that
		// opens on its place sets a scene of its own.
		fronted := frontedPlace(d, si.s, locs[0])
		canCreate := !leadDone || list || si.strength >= 1 && (has(newEventCues, d, si.s) || fronted)
		sdate := dayOf(si)
		placed := false
		for k, m := range locs {
			// In one sentence, a further place starts an event only when it
			// is listed with the first ("hit Kharkiv and Odesa", "the Engels
			// air base in the Saratov region and the Dyagilevo airfield");
			// otherwise it describes the scene ("the bridge linking Russia
			// to Crimea across the Kerch Strait").
			if k > 0 && !listedPlace(d, m) {
				if c := compatibleDraft(drafts, m); c == nil {
					continue
				}
			}
			var into *draft
			for _, dr := range drafts {
				if compatible(dr.place.place, m.place) {
					into = dr
					break
				}
			}
			// A strike dated days away from the event at the same place is
			// an earlier one, told as background ("a week after Ukraine hit
			// the shipyard on Sept. 13").
			if into != nil && !list && farApart(into.date, sdate) {
				continue
			}
			if into == nil {
				if !canCreate {
					continue
				}
				into = &draft{place: m, firstSent: si.idx, date: sdate}
				drafts = append(drafts, into)
			} else if specificity(m.place) > specificity(into.place.place) {
				into.place = m
			}
			if !slices.Contains(into.sents, si) {
				into.sents = append(into.sents, si)
				into.strength += si.strength
			}
			if into.date == "" {
				into.date = sdate
			}
			if !placed {
				last = into
				placed = true
			}
			if specificity(m.place) >= 2 {
				leadDone = true
			}
		}
		// A sentence whose only places are regions or seas that fit no
		// event ("a train travelling to Crimea") still tells about the
		// last one.
		if !placed && last != nil && !slices.ContainsFunc(locs, func(m *mention) bool { return specificity(m.place) > 2 }) {
			last.extra = append(last.extra, si)
		}
	}
	if len(drafts) == 0 {
		if len(pending) == 0 {
			return nil
		}
		// Event sentences but no place in them: locate the event at the
		// report's first place that is not context, if any.
		// Event sentences but no place in them: locate the event at a place
		// of the sentence just before or after the first of them (a
		// headline, a dateline), if any.
		dr := &draft{firstSent: pending[0].idx}
		for _, k := range []int{pending[0].idx - 1, pending[0].idx + 1} {
			if k < 0 || k >= len(infos) || infos[k].background {
				continue
			}
			if locs := infos[k].locations(d); len(locs) > 0 {
				dr.place = locs[0]
				break
			}
		}
		for _, si := range pending {
			dr.sents = append(dr.sents, si)
			dr.strength += si.strength
		}
		drafts = append(drafts, dr)
	} else if len(pending) > 0 {
		drafts[0].extra = append(drafts[0].extra, pending...)
	}

	// An interception over a region is part of the strike on a place in it
	// ("drones were shot down over the Kaluga region").
	drafts = mergeInterceptions(drafts)

	// A country as the place of one sentence beside events located more
	// precisely is a generalization ("missile strikes on Ukraine").
	if len(drafts) > 1 {
		drafts = slices.DeleteFunc(drafts, func(dr *draft) bool {
			return dr.place != nil && specificity(dr.place.place) <= 1
		})
	}
	events := make([]*farsight.Event, 0, len(drafts))
	for i, dr := range drafts {
		events = append(events, x.build(d, r, dr, i == 0, dates))
	}
	slices.SortStableFunc(events, func(a, b *farsight.Event) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return events
}

// dayOf returns the day a sentence dates itself to ("" when it does not):
// an absolute date, a weekday or a relative day.
func dayOf(si *sentInfo) string {
	if dm, ok := bestDate(si); ok && (dm.kind == dateAbsolute || dm.kind == dateWeekday || dm.kind == dateRelative) {
		return dm.date
	}
	return ""
}

// farApart reports whether two days, both known, are two or more days apart.
func farApart(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return false
	}
	d := ta.Sub(tb)
	return d >= 48*time.Hour || d <= -48*time.Hour
}

// frontedPlace reports whether a sentence opens on the place m: "In
// Zaporozhye, ...", "In the village of Novoselivka, Izium district, ...".
func frontedPlace(d *doc, s sentence, m *mention) bool {
	if w := d.word(s.first); w != "in" && w != "near" && w != "outside" {
		return false
	}
	if m.first > s.first+5 {
		return false
	}
	for k := s.first + 1; k < m.first; k++ {
		switch d.word(k) {
		case "the", "village", "town", "city", "settlement", "of", "district", "region", "community":
		default:
			return false
		}
	}
	return d.word(m.last) == ","
}

// listedPlace reports whether a place name follows "and" or a comma (past
// an article): it is one item of a list of places.
func listedPlace(d *doc, m *mention) bool {
	k := m.first - 1
	if d.word(k) == "the" {
		k--
	}
	switch d.word(k) {
	case "and", ",", "&":
		return true
	}
	return d.is(k-1, "as", "well") || d.is(k-2, "as", "well", "as")
}

// compatibleDraft returns the first draft whose place is compatible with m's.
func compatibleDraft(drafts []*draft, m *mention) *draft {
	for _, dr := range drafts {
		if dr.place != nil && compatible(dr.place.place, m.place) {
			return dr
		}
	}
	return nil
}

// fitsDraft reports whether a sentence without a trigger is about the
// draft's event: it names no place, or only places compatible with it.
func fitsDraft(si *sentInfo, dr *draft) bool {
	for _, m := range si.places {
		// A country is no other scene: "1,500 km from the border with
		// Ukraine".
		if m.place.Kind == farsight.PlaceCountry && dr.place != nil {
			continue
		}
		if dr.place == nil || !compatible(dr.place.place, m.place) {
			return false
		}
	}
	return true
}

// mergeInterceptions folds a draft made only of interception sentences into
// an earlier draft in the same admin-1 region.
func mergeInterceptions(drafts []*draft) []*draft {
	var out []*draft
	for _, dr := range drafts {
		onlyIntercept := true
		for _, si := range dr.sents {
			if si.typ != farsight.Interception {
				onlyIntercept = false
			}
		}
		merged := false
		if onlyIntercept && dr.place != nil {
			for _, o := range out {
				if o.place != nil && o.place.place.Admin1Code != "" && o.place.place.Admin1Code == dr.place.place.Admin1Code {
					o.extra = append(o.extra, dr.sents...)
					o.extra = append(o.extra, dr.extra...)
					merged = true
					break
				}
			}
		}
		if !merged {
			out = append(out, dr)
		}
	}
	return out
}

// build turns a draft into an event.
func (x *Extractor) build(d *doc, r *farsight.Report, dr *draft, first bool, dates []dateMention) *farsight.Event {
	e := &farsight.Event{Actor: farsight.ActorUnknown}
	all := append(slices.Clone(dr.sents), dr.extra...)
	slices.SortFunc(all, func(a, b *sentInfo) int { return cmp.Compare(a.idx, b.idx) })

	// Type: the most specific weapon named; an interception only if
	// nothing else is.
	// Type: the weapon of the event's strongest sentence (the earliest of
	// equals), else the most specific named anywhere in the event.
	best := 0.0
	var lead *sentInfo
	for _, si := range dr.sents {
		if si.typ != "" && si.typ != farsight.ExplosionUnknown && (lead == nil || si.strength > lead.strength) {
			lead = si
		}
	}
	if lead != nil {
		e.Type = lead.typ
	}
	intercepted, struck := false, false
	for _, si := range all {
		if lead == nil && typeRank(si.typ) > typeRank(e.Type) {
			e.Type = si.typ
		}
		outcome := si.outcome
		if si.debris && (outcome == "hit" || outcome == "damaged" || outcome == "destroyed" || outcome == "fire") {
			outcome = "intercepted"
		}
		if farsight.OutcomeRank(outcome) > farsight.OutcomeRank(e.Outcome) {
			e.Outcome = outcome
		}
		switch outcome {
		case "intercepted":
			intercepted = true
		case "hit", "damaged", "destroyed", "fire":
			struck = true
		}
		best = max(best, si.strength)
	}
	if e.Type == "" {
		e.Type = farsight.ExplosionUnknown
	}
	// "Air defences intercepted a drone" and "ships were damaged in the
	// attack": an attack with that weapon that struck, one side says.
	if e.Type == farsight.Interception && struck {
		for _, si := range all {
			if si.weapon != "" && si.weapon != farsight.Interception && typeRank(si.weapon) > typeRank(farsight.ExplosionUnknown) {
				e.Type = si.weapon
				break
			}
		}
	}
	// Everything was shot down and nothing is said to have been hit: the
	// event is an interception, whatever the weapons were.
	if intercepted && !struck {
		e.Type = farsight.Interception
	}

	// Location.
	if dr.place != nil {
		p := dr.place.place
		e.Point = &farsight.Point{Lat: p.Lat, Lon: p.Lon}
		// A region stands at its administrative centre, as UCDP's and
		// VIINA's coders place region-level events; the precision stays
		// "region".
		if c := x.capitals[p.Admin1Code]; c != nil && p.Kind == farsight.PlaceRegion && p.FeatureCode != "ADM2" && !landName(d.text[dr.place.start:max(dr.place.end, dr.place.suffixEnd)]) {
			e.Point = &farsight.Point{Lat: c.Lat, Lon: c.Lon}
		}
		e.PlaceID, e.PlaceName, e.Country, e.Admin1 = p.ID, p.Name, p.Country, p.Admin1
		switch specificity(p) {
		case 5:
			e.GeoPrecision = farsight.GeoPoint
		case 4:
			e.GeoPrecision = farsight.GeoSettlement
		case 2, 3:
			e.GeoPrecision = farsight.GeoRegion
		default:
			e.GeoPrecision = farsight.GeoCountry
		}
		if p.Kind == farsight.PlaceSea {
			e.Admin1 = ""
		}
	}

	// Date: the nearest date in the event's sentences, else the report's
	// first date outside background, else the publication day.
	explicit := false
	if dm, ok := eventDate(d, dr, all); ok {
		e.Date, e.DateEnd, e.DatePrecision, explicit = dm.date, dm.end2, dm.precision, true
	} else if dm, ok := firstDate(dates, r.Published, d.sents[dr.sents[0].idx].start); ok {
		e.Date, e.DateEnd, e.DatePrecision, explicit = dm.date, dm.end2, dm.precision, true
	} else if !r.Published.IsZero() {
		e.Date, e.DatePrecision, e.DateInferred = r.Published.Format(time.DateOnly), farsight.PrecisionDay, true
	}
	for _, si := range dr.sents {
		ev, ni := timeOfDay(d.text[si.s.start:si.s.end])
		e.Evening, e.Night = e.Evening || ev, e.Night || ni
	}

	// Actor: the attacker the sentences name, else the weapon's side, else
	// (for a strike, not an unexplained explosion) the side the target or
	// the place is on.
	votes, inferred := map[farsight.Actor]float64{}, map[farsight.Actor]float64{}
	for k, si := range dr.sents {
		w := 1.0
		if k == 0 {
			w = 2 // the lead says who did it most directly
		}
		for a, v := range si.votes {
			votes[a] += w * v
		}
		for a, v := range si.inferred {
			inferred[a] += v
		}
		if si.actor != "" {
			votes[si.actor] += 1.5
		}
	}
	for _, si := range dr.extra {
		if si.background {
			continue // who habitually strikes whom is no vote on this attack
		}
		for a, v := range si.votes {
			votes[a] += v / 2
		}
	}
	e.Actor = leader(votes)
	if e.Actor == farsight.ActorUnknown && e.Type != farsight.ExplosionUnknown && e.Type != farsight.Sabotage {
		if e.Actor = leader(inferred); e.Actor == farsight.ActorUnknown {
			switch {
			case e.Country == "RU" || e.Admin1 == "Autonomous Republic of Crimea" || e.Admin1 == "Sevastopol":
				e.Actor = farsight.ActorUkraine
			case e.Country == "UA":
				e.Actor = farsight.ActorRussia
			}
		}
	}

	// Targets: named ones once each; unnamed ones once per category, with
	// the largest count. Sentences without a trigger add names only.
	for _, si := range all {
		for _, t := range si.targets {
			if si.strength == 0 && t.Name == "" {
				continue
			}
			t.ReportID = r.ID
			e.Targets = addTarget(e.Targets, t)
		}
	}
	for _, si := range all {
		e.Claims = append(e.Claims, claimsOf(d, r, si)...)
		for _, m := range si.places {
			role := "context"
			if dr.place != nil && m == dr.place {
				role = "location"
			}
			// Each place once: its first mention (the location's own).
			if i := slices.IndexFunc(e.Places, func(p *farsight.EventPlace) bool { return p.PlaceID == m.place.ID }); i >= 0 {
				if role == "location" {
					e.Places[i].Role = role
				}
				continue
			}
			e.Places = append(e.Places, &farsight.EventPlace{PlaceID: m.place.ID, Name: d.text[m.start:m.end], Role: role, ReportID: r.ID,
				Span: farsight.Span{Start: m.start, End: m.suffixEnd}, Place: m.place})
		}
	}
	if dr.place != nil && !slices.ContainsFunc(e.Places, func(p *farsight.EventPlace) bool { return p.Role == "location" }) {
		m := dr.place
		e.Places = append(e.Places, &farsight.EventPlace{PlaceID: m.place.ID, Name: d.text[m.start:m.end], Role: "location", ReportID: r.ID,
			Span: farsight.Span{Start: m.start, End: m.suffixEnd}, Place: m.place})
	}

	// Confidence.
	c := 0.25 + 0.35*best
	switch e.GeoPrecision {
	case farsight.GeoPoint, farsight.GeoSettlement:
		c += 0.15
	case farsight.GeoRegion:
		c += 0.08
	}
	if explicit {
		c += 0.05
	}
	c += 0.05 * math.Min(3, float64(len(dr.sents)-1))
	if first {
		c += 0.05
	}
	// Between two places named alike, the larger is likelier the one meant.
	if dr.place != nil && dr.place.place.Population > 0 {
		c += 0.002 * math.Log10(float64(dr.place.place.Population))
	}
	e.Confidence = math.Round(math.Min(c, 0.98)*1000) / 1000
	return e
}

// leader returns the side with more votes, unknown on a tie.
func leader(votes map[farsight.Actor]float64) farsight.Actor {
	u, r := votes[farsight.ActorUkraine], votes[farsight.ActorRussia]
	switch {
	case u > r:
		return farsight.ActorUkraine
	case r > u:
		return farsight.ActorRussia
	}
	return farsight.ActorUnknown
}

// addTarget adds t to ts unless ts already has it.
func addTarget(ts []farsight.Target, t farsight.Target) []farsight.Target {
	t.Name = strings.TrimPrefix(strings.TrimPrefix(t.Name, "The "), "the ")
	for i, o := range ts {
		if o.Category != t.Category {
			continue
		}
		if t.Name != "" && strings.EqualFold(o.Name, t.Name) {
			return ts
		}
		if t.Name == "" && o.Name == "" {
			if t.Count > o.Count {
				ts[i] = t
			}
			return ts
		}
	}
	return append(ts, t)
}

// dateRank orders date expressions by how precisely they date an event.
func dateRank(dm dateMention) int {
	switch dm.kind {
	case dateAbsolute:
		return 4
	case dateWeekday, dateRelative:
		return 3
	case dateSummary:
		return 2
	}
	return 1
}

// bestDate returns the most precise date of a sentence.
func bestDate(si *sentInfo) (dateMention, bool) {
	best, ok := dateMention{}, false
	for _, dm := range si.dates {
		if dm.date == "" {
			continue
		}
		if !ok || dateRank(dm) > dateRank(best) {
			best, ok = dm, true
		}
	}
	return best, ok
}

// eventDate dates an event from its sentences: the sentence that placed it
// first, then the event sentences before it (a lead, a dateline), then the
// later ones about the same place or about no place.
func eventDate(d *doc, dr *draft, all []*sentInfo) (dateMention, bool) {
	anchor := dr.sents[0]
	if dm, ok := bestDate(anchor); ok {
		return shiftAfter(d, anchor, dm), true
	}
	for i := len(all) - 1; i >= 0; i-- {
		if si := all[i]; si.idx < anchor.idx {
			if dm, ok := bestDate(si); ok {
				return dm, true
			}
		}
	}
	for _, si := range all {
		if si.idx <= anchor.idx {
			continue
		}
		same := len(si.places) == 0
		for _, m := range si.places {
			if dr.place != nil && m.place.ID == dr.place.place.ID {
				same = true
			}
		}
		if dm, ok := bestDate(si); ok && same {
			return dm, true
		}
	}
	return dateMention{}, false
}

// shiftAfter dates the event of "on Sunday, a day after a missile tore
// through it" to the day before the date written.
func shiftAfter(d *doc, si *sentInfo, dm dateMention) dateMention {
	for i := dm.last; i+2 < si.s.last && i < dm.last+4; i++ {
		back := 0
		switch {
		case d.is(i, "a", "day", "after"), d.is(i, "one", "day", "after"):
			back = 1
		case d.is(i, "two", "days", "after"):
			back = 2
		}
		if back > 0 && dm.end2 == "" {
			if t, err := time.Parse(time.DateOnly, dm.date); err == nil {
				dm.date = t.AddDate(0, 0, -back).Format(time.DateOnly)
			}
			return dm
		}
	}
	return dm
}

// firstDate returns the report's first day-precise date before byte
// offset before, when it is close to publication (a dateline, a lead).
func firstDate(dates []dateMention, pub time.Time, before int) (dateMention, bool) {
	for _, dm := range dates {
		if dm.start >= before {
			break
		}
		if dm.date == "" || dm.precision == farsight.PrecisionMonth {
			continue
		}
		if pub.IsZero() {
			return dm, true
		}
		t, _ := time.Parse(time.DateOnly, dm.date)
		if delta := pub.Sub(t); delta > -48*time.Hour && delta < 14*24*time.Hour {
			return dm, true
		}
	}
	return dateMention{}, false
}

// claimsOf returns the claims a sentence makes about its event.
func claimsOf(d *doc, r *farsight.Report, si *sentInfo) []*farsight.Claim {
	span := farsight.Span{Start: si.s.start, End: si.s.end}
	text := d.text[span.Start:span.End]
	stance := farsight.StanceAsserts
	switch {
	case si.denial:
		stance = farsight.StanceDenies
	case si.unverified:
		stance = farsight.StanceUnverified
	case si.hasSpeaker && si.stance == farsight.StanceConfirms:
		stance = farsight.StanceConfirms
	case si.footage && has(verifiedCues, d, si.s):
		// Footage someone geolocated or verified confirms what it shows.
		stance = farsight.StanceConfirms
	}
	c := &farsight.Claim{ReportID: r.ID, Stance: stance, Text: text, Span: span}
	if si.hasSpeaker {
		c.Speaker, c.SpeakerKind = si.speaker.name, si.speaker.kind
	}
	var out []*farsight.Claim
	kind := farsight.ClaimKind("")
	switch {
	case si.footage:
		kind = farsight.ClaimFootage
	case si.outcome == "destroyed":
		kind = farsight.ClaimDestruction
	case si.outcome == "damaged":
		kind = farsight.ClaimDamage
	case si.intercept:
		kind = farsight.ClaimInterception
	case si.strength > 0:
		kind = farsight.ClaimAttack
	}
	if si.noDamage && !si.denial && (kind == farsight.ClaimDamage || kind == farsight.ClaimDestruction) {
		c.Stance = farsight.StanceDenies
	}
	if kind != "" {
		c.Kind = kind
		out = append(out, c)
	}
	if si.noDamage && !si.denial && kind != farsight.ClaimDamage && kind != farsight.ClaimDestruction {
		dc := *c
		dc.Kind, dc.Stance = farsight.ClaimDamage, farsight.StanceDenies
		out = append(out, &dc)
	}
	for _, q := range si.dists {
		v := q.value
		dc := *c
		dc.Kind, dc.Value, dc.Unit, dc.Qualifier, dc.Reference = farsight.ClaimDistance, &v, q.unit, q.qualifier, q.reference
		if stance == farsight.StanceUnverified && !si.footage {
			dc.Stance = farsight.StanceAsserts
		}
		out = append(out, &dc)
	}
	return out
}

// landName reports whether a region is named by its Ukrainian or Russian land
// name in -щина/-ччина/-чина (Харківщина, Хмельниччина, Воронежчина), which stands
// for the oblast's whole territory, not for the city it is named after.
func landName(s string) bool {
	s = strings.ToLower(s)
	if strings.Contains(s, "щин") || strings.Contains(s, "чин") {
		return true
	}
	return strings.Contains(s, "обл") && !strings.Contains(s, "ьк")
}
