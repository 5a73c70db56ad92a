package extract

import (
	"strings"

	"github.com/farsight-osint/farsight"
)

// cyrSide is a side as a phrase names it: its forces, or its weapons
// (which are the attacker's wherever they stand: "ППО збили український
// безпілотник").
type cyrSide struct {
	actor  farsight.Actor
	weapon bool
}

// cyrSides names the sides in Ukrainian and Russian reporting: the armed
// forces, services and their weapons (an attacker when they act), and the
// countries (an attacker as a subject, a target's side as an object).
var cyrSides = newLexicon(map[string]cyrSide{
	"зсу": {farsight.ActorUkraine, false}, "всу": {farsight.ActorUkraine, false}, "вфу": {farsight.ActorUkraine, false}, "сбу": {farsight.ActorUkraine, false},
	"гур": {farsight.ActorUkraine, false}, "вмс": {farsight.ActorUkraine, false}, "ссо": {farsight.ActorUkraine, false}, "сбс": {farsight.ActorUkraine, false},
	"сил* оборон*": {farsight.ActorUkraine, false}, "сил* безпілотн* систем*": {farsight.ActorUkraine, true},
	"збройн* сил* україни": {farsight.ActorUkraine, false}, "вмс україни": {farsight.ActorUkraine, false},
	"вмс украины": {farsight.ActorUkraine, false}, "вмс зсу": {farsight.ActorUkraine, false}, "вмс всу": {farsight.ActorUkraine, false},
	"сил* оборон* україни": {farsight.ActorUkraine, false}, "сил* обороны украины": {farsight.ActorUkraine, false},
	"сил* спеціальн* операці*": {farsight.ActorUkraine, false}, "сил* специальн* операци*": {farsight.ActorUkraine, false},
	"ракетн* військ* і артилері*": {farsight.ActorUkraine, false}, "головн* управлін* розвідки": {farsight.ActorUkraine, false},
	"главн* управлени* разведки": {farsight.ActorUkraine, false}, "сил* беспилотн* систем* всу": {farsight.ActorUkraine, true}, "гур мо україни": {farsight.ActorUkraine, false}, "гур мо": {farsight.ActorUkraine, false}, "гур минобороны украины": {farsight.ActorUkraine, false},
	"сбу україни": {farsight.ActorUkraine, false}, "служб* безпеки україни": {farsight.ActorUkraine, false},
	"служб* безопасности украины": {farsight.ActorUkraine, false}, "повітрян* сил* зсу": {farsight.ActorUkraine, false},
	"повітрян* сил* україни": {farsight.ActorUkraine, false}, "генштаб* зсу": {farsight.ActorUkraine, false},
	"генштаб* всу": {farsight.ActorUkraine, false}, "генеральн* штаб* зсу": {farsight.ActorUkraine, false}, "вооруженн* сил* украины": {farsight.ActorUkraine, false},
	"українськ* військов*": {farsight.ActorUkraine, false}, "українськ* військ*": {farsight.ActorUkraine, false}, "украинск* военн*": {farsight.ActorUkraine, false},
	"украинск* войск*": {farsight.ActorUkraine, false}, "українськ* дрон*": {farsight.ActorUkraine, true}, "украинск* дрон*": {farsight.ActorUkraine, true},
	"українськ* безпілотник*": {farsight.ActorUkraine, true}, "украинск* беспилотник*": {farsight.ActorUkraine, true}, "украинск* бпла": {farsight.ActorUkraine, true},
	"українськ* * дрон*": {farsight.ActorUkraine, true}, "украинск* * дрон*": {farsight.ActorUkraine, true}, "українськ* * безпілотник*": {farsight.ActorUkraine, true},
	"украинск* * беспилотник*": {farsight.ActorUkraine, true}, "російськ* * дрон*": {farsight.ActorRussia, true}, "российск* * дрон*": {farsight.ActorRussia, true},
	"російськ* * ракет*": {farsight.ActorRussia, true}, "российск* * ракет*": {farsight.ActorRussia, true}, "українськ* * ракет*": {farsight.ActorUkraine, true},
	"украинск* беспилотн* летательн* аппарат*": {farsight.ActorUkraine, true}, "украинск* * бпла": {farsight.ActorUkraine, true},
	"українськ* ракет*": {farsight.ActorUkraine, true}, "украинск* ракет*": {farsight.ActorUkraine, true}, "українськ* сил*": {farsight.ActorUkraine, false},
	"украинск* сил*": {farsight.ActorUkraine, false}, "украинск* боевик*": {farsight.ActorUkraine, false}, "украинск* формирован*": {farsight.ActorUkraine, false},
	"українськ* артилерист*": {farsight.ActorUkraine, false}, "украинск* артиллерист*": {farsight.ActorUkraine, false}, "партизан*": {farsight.ActorUkraine, false},
	"київськ* режим*": {farsight.ActorUkraine, false}, "киевск* режим*": {farsight.ActorUkraine, false}, "україна": {farsight.ActorUkraine, false},
	"украина": {farsight.ActorUkraine, false}, "києв": {farsight.ActorUkraine, false}, "киев": {farsight.ActorUkraine, false},
	"окупант*": {farsight.ActorRussia, false}, "оккупант*": {farsight.ActorRussia, false}, "росіян*": {farsight.ActorRussia, false}, "ворог*": {farsight.ActorRussia, false},
	"рашист*": {farsight.ActorRussia, false}, "загарбник*": {farsight.ActorRussia, false}, "агресор*": {farsight.ActorRussia, false}, "вс рф": {farsight.ActorRussia, false},
	"зс рф": {farsight.ActorRussia, false}, "вооружённ* сил* российской федерации": {farsight.ActorRussia, false},
	"вооруженн* сил* российской федерации": {farsight.ActorRussia, false}, "збройн* сил* рф": {farsight.ActorRussia, false},
	"вооружённ* сил* россии": {farsight.ActorRussia, false}, "вооруженн* сил* россии": {farsight.ActorRussia, false},
	"вс россии": {farsight.ActorRussia, false}, "збройн* сил* росії": {farsight.ActorRussia, false}, "армі* рф": {farsight.ActorRussia, false}, "арми* рф": {farsight.ActorRussia, false}, "російськ* військ*": {farsight.ActorRussia, false},
	"российск* войск*": {farsight.ActorRussia, false}, "российск* военн*": {farsight.ActorRussia, false}, "російськ* армі*": {farsight.ActorRussia, false},
	"российск* арми*": {farsight.ActorRussia, false}, "російськ* дрон*": {farsight.ActorRussia, true}, "российск* дрон*": {farsight.ActorRussia, true},
	"російськ* ракет*": {farsight.ActorRussia, true}, "российск* ракет*": {farsight.ActorRussia, true}, "російськ* сил*": {farsight.ActorRussia, false},
	"российск* сил*": {farsight.ActorRussia, false}, "російськ* авіаці*": {farsight.ActorRussia, true}, "российск* авиаци*": {farsight.ActorRussia, true},
	"ворож* авіаці*": {farsight.ActorRussia, true}, "ворож* дрон*": {farsight.ActorRussia, true}, "ворож* безпілотник*": {farsight.ActorRussia, true},
	"росія": {farsight.ActorRussia, false}, "россия": {farsight.ActorRussia, false}, "рф": {farsight.ActorRussia, false}, "москва": {farsight.ActorRussia, false},
})

// cyrAgencies are services that report strikes; named after an attack
// they are its source, not its target.
var cyrAgencies = map[string]bool{"гур": true, "сбу": true, "ссо": true, "вмс": true, "сбс": true}

// cyrActorVotes scores the sides a Ukrainian or Russian sentence names as
// attackers, as actorVotes does for English: a side followed by an attack
// ("ЗСУ знищили", "окупанти обстріляли") is the attacker; a side named
// after the attack ("удар по російських позиціях") is the target's.
func cyrActorVotes(d *doc, s sentence, si *sentInfo, votes, inferred map[farsight.Actor]float64) {
	for i := s.first; i < s.last; i++ {
		if !d.tokens[i].cyrillic {
			continue
		}
		// The speaker ("ВМС ЗСУ", "джерела в українських силах безпеки")
		// says what happened; it is no side of the attack.
		if si.hasSpeaker && d.tokens[i].start >= si.speaker.start && d.tokens[i].end <= si.speaker.end {
			continue
		}
		cs, n := cyrSides.match(d, i, s.last)
		if n == 0 {
			continue
		}
		// "джерела в українських силах": the sources' side, no attacker.
		if i-2 >= s.first && (d.word(i-1) == "в" || d.word(i-1) == "у" || d.word(i-1) == "з" || d.word(i-1) == "із" || d.word(i-1) == "из") &&
			cyrSourceStems[cyrStem(d.tokens[i-2].key)] {
			i += n - 1
			continue
		}
		// "у Каспійську (Республіка Дагестан, рф)": a country in
		// brackets locates a place; it is no side of the attack.
		if !cs.weapon && inBrackets(d, s, i) {
			i += n - 1
			continue
		}
		side := cs.actor
		after := cyrAttackWithin(d, i+n, min(s.last, i+n+5))
		switch {
		case cs.weapon:
			votes[side] += 2
		case cyrSpeakerHead[cyrStem(d.tokens[max(i-1, 0)].key)] && i > s.first:
			// "Міноборони РФ заявило": the speaker's country.
		case after == cueIntercept:
			// "ППО РФ збили": the side that intercepts is the target's.
			inferred[other(side)] += 2
		case after != 0:
			votes[side] += 2
		case cyrAgencies[d.word(i)]:
			// "повідомили джерела в ГУР": a service named after the
			// attack is a source, not a target.
		case cyrAttackWithin(d, s.first, i) != 0:
			inferred[other(side)]++
		default:
			votes[side] += 0.5
		}
		i += n - 1
	}
}

// cyrSourceStems are the stems of nouns for a source: "джерела в ...".
var cyrSourceStems = map[string]bool{"джерел": true, "источник": true, "представник": true, "представител": true,
	"співрозмовник": true, "собеседник": true}

// cyrSpeakerHead are the stems of offices whose country follows them:
// "Міноборони РФ", "МЗС України", "посольство России".
var cyrSpeakerHead = map[string]bool{
	"міноборон": true, "минобороны": true, "минобор": true, "мо": true, "міністерств": true, "министерств": true, "мзс": true, "мид": true,
	"посольств": true, "уряд": true, "правительств": true, "президент": true, "генштаб": true, "влад": true, "власт": true,
}

// cyrAttackWithin returns the kind of the first attack, eventive weapon,
// interception or outcome word in tokens [from, to), or 0.
func cyrAttackWithin(d *doc, from, to int) cueKind {
	for k := from; k < to; k++ {
		c, n := cues.match(d, k, to)
		if n == 0 {
			continue
		}
		switch c.kind {
		case cueAttack, cueOutcome:
			return c.kind
		case cueWeapon, cueIntercept:
			if c.eventive {
				return c.kind
			}
		}
	}
	return 0
}

// inBrackets reports whether token i of sentence s stands inside round
// brackets.
func inBrackets(d *doc, s sentence, i int) bool {
	before, after := d.text[s.start:d.tokens[i].start], d.text[d.tokens[i].end:s.end]
	if strings.LastIndexByte(before, '(') <= strings.LastIndexByte(before, ')') {
		return false
	}
	closeAt := strings.IndexByte(after, ')')
	openAt := strings.IndexByte(after, '(')
	return closeAt >= 0 && (openAt < 0 || closeAt < openAt)
}
