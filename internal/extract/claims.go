package extract

import (
	"strings"

	"github.com/farsight-osint/farsight"
)

// speaker is who a sentence attributes a claim to.
type speaker struct {
	name       string
	kind       farsight.SourceKind
	start, end int // byte span of the name
}

// speakerKinds classifies speaker phrases (lower case, longest first when
// matched). A governor's or mayor's side depends on the place: see
// sideOfOfficial.
var speakerKinds = newLexicon(merge(cyrSpeakerEntries, map[string]farsight.SourceKind{
	"russia 's defense ministry": farsight.SourceRUOfficial, "russia 's defence ministry": farsight.SourceRUOfficial,
	"russia ’s defense ministry": farsight.SourceRUOfficial, "russia ’s defence ministry": farsight.SourceRUOfficial,
	"russian defense ministry": farsight.SourceRUOfficial, "russian defence ministry": farsight.SourceRUOfficial,
	"russian ministry of defense": farsight.SourceRUOfficial, "russian ministry of defence": farsight.SourceRUOfficial,
	"rf ministry of defense": farsight.SourceRUOfficial, "rf defense ministry": farsight.SourceRUOfficial, "russian mod": farsight.SourceRUOfficial,
	"the defense ministry": farsight.SourceUnknown, "defense ministry": farsight.SourceUnknown, "defence ministry": farsight.SourceUnknown,
	"ministry of defense": farsight.SourceUnknown, "ministry of defence": farsight.SourceUnknown,
	"kremlin": farsight.SourceRUOfficial, "the kremlin": farsight.SourceRUOfficial, "peskov": farsight.SourceRUOfficial, "kadyrov": farsight.SourceRUOfficial,
	"russian officials": farsight.SourceRUOfficial, "russian authorities": farsight.SourceRUOfficial, "moscow": farsight.SourceRUOfficial,
	"dpr": farsight.SourceRUOfficial, "lpr": farsight.SourceRUOfficial, "lnr": farsight.SourceRUOfficial,
	"territorial defense headquarters": farsight.SourceRUOfficial, "territorial defence headquarters": farsight.SourceRUOfficial,
	"dpr territorial defense headquarters": farsight.SourceRUOfficial, "headquarters of the dpr territorial defense": farsight.SourceRUOfficial,
	"tass": farsight.SourceMedia, "ria novosti": farsight.SourceMedia, "interfax": farsight.SourceMedia,
	"ukrainian intelligence": farsight.SourceUAOfficial, "ukrainian intelligence sources": farsight.SourceUAOfficial,
	"ukraine 's military intelligence": farsight.SourceUAOfficial, "ukraine ’s military intelligence": farsight.SourceUAOfficial,
	"ukrainian military intelligence": farsight.SourceUAOfficial, "military intelligence": farsight.SourceUAOfficial,
	"ukraine 's military intelligence agency": farsight.SourceUAOfficial, "ukraine ’s military intelligence agency": farsight.SourceUAOfficial,
	"gur": farsight.SourceUAOfficial, "hur": farsight.SourceUAOfficial, "sbu": farsight.SourceUAOfficial,
	"general staff": farsight.SourceUAOfficial, "ukraine 's general staff": farsight.SourceUAOfficial, "ukraine ’s general staff": farsight.SourceUAOfficial,
	"the general staff": farsight.SourceUAOfficial, "ukrainian general staff": farsight.SourceUAOfficial,
	"ukraine 's air force": farsight.SourceUAOfficial, "ukraine ’s air force": farsight.SourceUAOfficial, "ukrainian air force": farsight.SourceUAOfficial,
	"air force": farsight.SourceUAOfficial, "ukrainian navy": farsight.SourceUAOfficial, "ukraine 's navy": farsight.SourceUAOfficial,
	"ukrainian officials": farsight.SourceUAOfficial, "ukrainian military": farsight.SourceUAOfficial, "ukraine 's military": farsight.SourceUAOfficial,
	"ukrainian security source": farsight.SourceUAOfficial, "ukrainian security sources": farsight.SourceUAOfficial,
	"ukrainian intelligence source": farsight.SourceUAOfficial, "ukrainian military source": farsight.SourceUAOfficial,
	"zelensky": farsight.SourceUAOfficial, "zelenskyy": farsight.SourceUAOfficial, "kyiv": farsight.SourceUAOfficial,
	"ukrinform": farsight.SourceMedia, "reuters": farsight.SourceMedia, "ap": farsight.SourceMedia, "afp": farsight.SourceMedia,
	"bbc": farsight.SourceMedia, "media": farsight.SourceMedia, "local media": farsight.SourceMedia, "russian media": farsight.SourceMedia,
	"ukrainian media": farsight.SourceMedia, "kyiv independent": farsight.SourceMedia, "the kyiv independent": farsight.SourceMedia,
	"osint": farsight.SourceOSINT, "osint analysts": farsight.SourceOSINT,
	"governor": farsight.SourceUnknown, "the governor": farsight.SourceUnknown, "regional governor": farsight.SourceUnknown,
	"mayor": farsight.SourceUnknown, "the mayor": farsight.SourceUnknown, "officials": farsight.SourceUnknown,
	"authorities": farsight.SourceUnknown, "local authorities": farsight.SourceUnknown, "head of the regional military administration": farsight.SourceUAOfficial,
	"regional military administration": farsight.SourceUAOfficial, "ova": farsight.SourceUAOfficial, "vga": farsight.SourceUAOfficial,
	"military administration": farsight.SourceUAOfficial, "prosecutor 's office": farsight.SourceUAOfficial, "police": farsight.SourceUnknown,
	"ministry of emergency situations": farsight.SourceUnknown, "emergency services": farsight.SourceUnknown,
	"headquarters": farsight.SourceUnknown, "hq": farsight.SourceUnknown, "experts": farsight.SourceUnknown, "analysts": farsight.SourceUnknown,
	"sources": farsight.SourceUnknown, "witnesses": farsight.SourceUnknown, "residents": farsight.SourceUnknown,
}))

// saidVerbs attribute a statement to the phrase before (or, inverted,
// after) them. The value is the stance the verb expresses.
var saidVerbs = merge(cyrSaidVerbs, map[string]farsight.Stance{
	"said": farsight.StanceAsserts, "says": farsight.StanceAsserts, "reported": farsight.StanceAsserts, "reports": farsight.StanceAsserts,
	"stated": farsight.StanceAsserts, "announced": farsight.StanceAsserts, "wrote": farsight.StanceAsserts, "added": farsight.StanceAsserts,
	"told": farsight.StanceAsserts, "noted": farsight.StanceAsserts, "posted": farsight.StanceAsserts, "showed": farsight.StanceAsserts,
	"confirmed": farsight.StanceConfirms, "confirms": farsight.StanceConfirms, "acknowledged": farsight.StanceConfirms, "admitted": farsight.StanceConfirms,
	"claimed": farsight.StanceAsserts, "claims": farsight.StanceAsserts,
	"denied": farsight.StanceDenies, "denies": farsight.StanceDenies, "rejected": farsight.StanceDenies, "dismissed": farsight.StanceDenies,
})

// unverifiedCues make a claim unverified.
var unverifiedCues = newLexicon(merge(cyrUnverifiedEntries, map[string]bool{
	"reportedly": true, "allegedly": true, "purportedly": true, "unverified": true, "unconfirmed": true,
	"yet to be verified": true, "not been verified": true, "could not be verified": true, "could not be independently verified": true,
	"could not independently verify": true, "cannot be independently verified": true, "not independently verified": true,
	"appears to show": true, "appear to show": true, "appeared to show": true, "unclear": true, "not yet confirmed": true,
	"has not been confirmed": true, "have not been confirmed": true, "not been able to verify": true, "not able to verify": true,
	"unable to verify": true, "could not verify": true, "cannot verify": true, "purport to show": true, "purports to show": true,
}))

// denialCues make a claim a denial.
var denialCues = newLexicon(merge(cyrDenialEntries, map[string]bool{
	"denied": true, "denies": true, "deny": true, "rejected": true, "no attack": true, "not attacked": true,
	"did not confirm": false,
}))

// noDamageCues deny damage outright.
var noDamageCues = newLexicon(merge(cyrNoDamageEntries, map[string]bool{
	"no damage": true, "no damage was": true, "did not cause any damage": true, "caused no damage": true, "without damage": true,
	"no casualties or damage": true,
}))

// verifiedCues say that footage was geolocated or verified (its
// unverified forms are caught before).
var verifiedCues = newLexicon(map[string]bool{
	"geolocated": true, "geolocation": true, "verified": true, "геолокаці*": true, "геолокува*": true, "геолокова*": true,
	"геолокац*": true, "геолокирова*": true, "верифікова*": true, "верифицирова*": true,
})

// footageCues mark claims about visual evidence.
var footageCues = newLexicon(merge(cyrFootageEntries, map[string]bool{
	"footage": true, "video": true, "videos": true, "photos": true, "photo": true, "images": true, "satellite images": true,
	"pic.twitter.com": true, "geolocated": true, "clip": true,
}))

// cyrAccordingTo introduce a source: "за даними", "по словам".
var cyrAccordingTo = newLexicon(map[string]bool{
	"за даними": true, "за словами": true, "за інформацією": true, "згідно з": true, "як повідомляє": true, "як повідомили": true,
	"як повідомила": true, "як повідомив": true, "по данным": true, "по словам": true, "по информации": true, "согласно": true,
	"как сообщает": true, "как сообщили": true, "как сообщила": true, "как сообщил": true, "з посиланням на": true, "со ссылкой на": true,
})

// findSpeaker returns the speaker a sentence attributes its content to, if
// any, and the stance of the attributing verb.
func findSpeaker(d *doc, s sentence) (speaker, farsight.Stance, bool) {
	// "according to X"
	for i := s.first; i+2 < s.last; i++ {
		if d.is(i, "according", "to") {
			if sp, ok := speakerPhrase(d, i+2, s.last); ok {
				return sp, farsight.StanceAsserts, true
			}
		}
	}
	// "за даними X", "по словам X", "як повідомляє X"
	for i := s.first; i+1 < s.last; i++ {
		if _, n := cyrAccordingTo.match(d, i, s.last); n > 0 {
			if sp, ok := speakerPhrase(d, i+n, s.last); ok {
				return sp, farsight.StanceAsserts, true
			}
		}
	}
	// "X said", "X confirmed" (X ends right before the verb), or "said X".
	for i := s.first; i < s.last; i++ {
		stance, ok := saidVerbs[d.tokens[i].lower]
		if !ok {
			continue
		}
		if sp, ok := speakerBefore(d, s.first, i); ok {
			return sp, stance, true
		}
		// "повідомили «Українській правді» джерела в ГУР": the outlet told
		// comes first, in quotes.
		j := i + 1
		if j < s.last && isQuote(d.tokens[j].text) {
			if k := closingQuote(d, j+1, s.last); k > 0 {
				j = k + 1
			}
		}
		if sp, ok := speakerPhrase(d, j, s.last); ok && !nounAfterName(d, j, sp, s.last) {
			return sp, stance, true
		}
	}
	// Headline attribution: "... - Russian Defense Ministry", "— mayor":
	// a speaker that ends the line ("- Bakhmut suffered the most" is not
	// one).
	for i := s.last - 1; i > s.first; i-- {
		w := d.tokens[i].text
		if w == "-" || w == "—" || w == "–" {
			if sp, ok := speakerPhrase(d, i+1, s.last); ok && sp.end >= lastWordEnd(d, s) {
				return sp, farsight.StanceAsserts, true
			}
			break
		}
	}
	return speaker{}, "", false
}

// speakerPhrase reads a known speaker phrase starting at token i (after an
// optional "the"), or a capitalized name (a person or an outlet).
func speakerPhrase(d *doc, i, end int) (speaker, bool) {
	if i >= end {
		return speaker{}, false
	}
	if (d.word(i) == "the" || d.tokens[i].cyrillic && (d.word(i) == "в" || d.word(i) == "у" || d.word(i) == "во")) && i+1 < end {
		i++
	}
	if kind, n := speakerKinds.match(d, i, end); n > 0 {
		j := i + n
		// "джерела в ГУР", "источники в Минобороны": the body the
		// sources are in says what kind they are.
		if kind == farsight.SourceUnknown && j+1 < end && (d.word(j) == "в" || d.word(j) == "у" || d.word(j) == "з" || d.word(j) == "из") {
			if k2, n2 := speakerKinds.match(d, j+1, end); n2 > 0 && k2 != farsight.SourceUnknown {
				kind, j = k2, j+1+n2
			}
		}
		// "Ukrainian intelligence sources", "Russia's Defense Ministry"
		for j < end && (d.word(j) == "sources" || d.word(j) == "source" || d.word(j) == "agency") {
			j++
		}
		return speaker{name: d.text[d.tokens[i].start:d.tokens[j-1].end], kind: kind, start: d.tokens[i].start, end: d.tokens[j-1].end}, true
	}
	// A handle or a capitalized name: "OSINTtechnical (@Osinttechnical)".
	j := i
	for j < end && d.tokens[j].kind == tokWord && d.tokens[j].upper && j-i < 4 {
		j++
	}
	if j > i {
		sp := speaker{name: d.text[d.tokens[i].start:d.tokens[j-1].end], kind: farsight.SourceUnknown, start: d.tokens[i].start, end: d.tokens[j-1].end}
		if j+2 < end && d.tokens[j].text == "(" && d.tokens[j+1].text == "@" {
			sp.kind = farsight.SourceOSINT
			if k := indexText(d, j, end, ")"); k > 0 {
				sp.name, sp.end = d.text[d.tokens[i].start:d.tokens[k].end], d.tokens[k].end
			}
		}
		return sp, true
	}
	return speaker{}, false
}

// speakerBefore reads a known speaker phrase that ends right before token
// verb: "Russia's Defense Ministry confirmed".
func speakerBefore(d *doc, first, verb int) (speaker, bool) {
	for i := max(first, verb-7); i < verb; i++ {
		if kind, n := speakerKinds.match(d, i, verb); n > 0 {
			j := i + n
			for j < verb && (d.word(j) == "sources" || d.word(j) == "source" || d.word(j) == "agency") {
				j++
			}
			if j == verb {
				return speaker{name: d.text[d.tokens[i].start:d.tokens[j-1].end], kind: kind, start: d.tokens[i].start, end: d.tokens[j-1].end}, true
			}
		}
	}
	// "Officials said", "Oleksandr Prokudin said": capitalized words.
	i := verb
	for i > first && d.tokens[i-1].kind == tokWord && d.tokens[i-1].upper && verb-i < 3 {
		i--
	}
	// "В Запорожье заявили": a place after a preposition, not a speaker.
	// "В окупованому Луганську повідомляють": nor after an adjective.
	if i < verb && d.tokens[i].cyrillic && i > first && (cyrLocatives[d.word(i-1)] || d.tokens[i-1].kind == tokWord && !d.tokens[i-1].upper) {
		return speaker{}, false
	}
	// "Residents of Kaspiysk reported", "officials in Belgorod said": the
	// name after a preposition is where the speakers are, not who they are.
	if i < verb && !d.tokens[i].cyrillic && i > first && placePrepositions[d.word(i-1)] {
		return speaker{}, false
	}
	if i < verb {
		return speaker{name: d.text[d.tokens[i].start:d.tokens[verb-1].end], kind: farsight.SourceUnknown, start: d.tokens[i].start, end: d.tokens[verb-1].end}, true
	}
	return speaker{}, false
}

// nounAfterName reports whether a speaker read after a verb as a capitalized
// name goes on with a lower-case word: the name then qualifies a noun ("said
// the Morozovsk airfield was targeted"), and no one is speaking.
func nounAfterName(d *doc, from int, sp speaker, end int) bool {
	if d.word(from) == "the" {
		from++
	}
	if _, n := speakerKinds.match(d, from, end); n > 0 || !d.tokens[from].upper || d.tokens[from].cyrillic {
		return false
	}
	k := from
	for k < end && d.tokens[k].end <= sp.end {
		k++
	}
	if k >= end || d.tokens[k].kind != tokWord || d.tokens[k].upper || d.tokens[k].cyrillic {
		return false
	}
	switch d.word(k) {
	case "on", "in", "at", "to", "that", "via", "of":
		return false
	}
	return true
}

// placePrepositions put a place name after a group of people.
var placePrepositions = map[string]bool{"of": true, "from": true, "in": true, "near": true, "around": true, "outside": true, "across": true}

// lastWordEnd returns the end of the sentence's last word or number.
func lastWordEnd(d *doc, s sentence) int {
	for i := s.last - 1; i >= s.first; i-- {
		if d.tokens[i].kind != tokPunct {
			return d.tokens[i].end
		}
	}
	return s.end
}

// closingQuote returns the index of the first quote mark in [from, end)
// within six tokens, or -1.
func closingQuote(d *doc, from, end int) int {
	for k := from; k < end && k < from+6; k++ {
		if isQuote(d.tokens[k].text) {
			return k
		}
	}
	return -1
}

func indexText(d *doc, from, end int, text string) int {
	for i := from; i < end; i++ {
		if d.tokens[i].text == text {
			return i
		}
	}
	return -1
}

// has reports whether any phrase of l occurs in sentence s.
func has[V any](l *lexicon[V], d *doc, s sentence) bool {
	for i := s.first; i < s.last; i++ {
		if _, n := l.match(d, i, s.last); n > 0 {
			return true
		}
	}
	return false
}

// hasHandle reports whether the sentence holds an "@handle" or a tweet link.
func hasHandle(d *doc, s sentence) bool {
	return strings.Contains(d.text[s.start:s.end], "(@")
}
