package extract

import "github.com/farsight-osint/farsight"

// cyrSides names the sides in Ukrainian and Russian reporting: the armed
// forces, services and their weapons (an attacker when they act), and the
// countries (an attacker as a subject, a target's side as an object).
var cyrSides = newLexicon(map[string]farsight.Actor{
	"зсу": farsight.ActorUkraine, "всу": farsight.ActorUkraine, "вфу": farsight.ActorUkraine, "сбу": farsight.ActorUkraine,
	"гур": farsight.ActorUkraine, "вмс": farsight.ActorUkraine, "ссо": farsight.ActorUkraine, "сбс": farsight.ActorUkraine,
	"сил* оборон*": farsight.ActorUkraine, "сил* безпілотн* систем*": farsight.ActorUkraine,
	"збройн* сил* україни": farsight.ActorUkraine, "вооруженн* сил* украины": farsight.ActorUkraine,
	"українськ* військов*": farsight.ActorUkraine, "українськ* військ*": farsight.ActorUkraine, "украинск* военн*": farsight.ActorUkraine,
	"украинск* войск*": farsight.ActorUkraine, "українськ* дрон*": farsight.ActorUkraine, "украинск* дрон*": farsight.ActorUkraine,
	"українськ* безпілотник*": farsight.ActorUkraine, "украинск* беспилотник*": farsight.ActorUkraine, "украинск* бпла": farsight.ActorUkraine,
	"українськ* ракет*": farsight.ActorUkraine, "украинск* ракет*": farsight.ActorUkraine, "українськ* сил*": farsight.ActorUkraine,
	"украинск* сил*": farsight.ActorUkraine, "украинск* боевик*": farsight.ActorUkraine, "украинск* формирован*": farsight.ActorUkraine,
	"українськ* артилерист*": farsight.ActorUkraine, "украинск* артиллерист*": farsight.ActorUkraine, "партизан*": farsight.ActorUkraine,
	"київськ* режим*": farsight.ActorUkraine, "киевск* режим*": farsight.ActorUkraine, "україна": farsight.ActorUkraine,
	"украина": farsight.ActorUkraine, "києв": farsight.ActorUkraine, "киев": farsight.ActorUkraine,
	"окупант*": farsight.ActorRussia, "оккупант*": farsight.ActorRussia, "росіян*": farsight.ActorRussia, "ворог*": farsight.ActorRussia,
	"рашист*": farsight.ActorRussia, "загарбник*": farsight.ActorRussia, "агресор*": farsight.ActorRussia, "вс рф": farsight.ActorRussia,
	"зс рф": farsight.ActorRussia, "армі* рф": farsight.ActorRussia, "арми* рф": farsight.ActorRussia, "російськ* військ*": farsight.ActorRussia,
	"российск* войск*": farsight.ActorRussia, "российск* военн*": farsight.ActorRussia, "російськ* армі*": farsight.ActorRussia,
	"российск* арми*": farsight.ActorRussia, "російськ* дрон*": farsight.ActorRussia, "российск* дрон*": farsight.ActorRussia,
	"російськ* ракет*": farsight.ActorRussia, "российск* ракет*": farsight.ActorRussia, "російськ* сил*": farsight.ActorRussia,
	"российск* сил*": farsight.ActorRussia, "російськ* авіаці*": farsight.ActorRussia, "российск* авиаци*": farsight.ActorRussia,
	"ворож* авіаці*": farsight.ActorRussia, "ворож* дрон*": farsight.ActorRussia, "ворож* безпілотник*": farsight.ActorRussia,
	"росія": farsight.ActorRussia, "россия": farsight.ActorRussia, "рф": farsight.ActorRussia, "москва": farsight.ActorRussia,
})

// cyrActorVotes scores the sides a Ukrainian or Russian sentence names as
// attackers, as actorVotes does for English: a side followed by an attack
// ("ЗСУ знищили", "окупанти обстріляли") is the attacker; a side named
// after the attack ("удар по російських позиціях") is the target's.
func cyrActorVotes(d *doc, s sentence, votes, inferred map[farsight.Actor]float64) {
	for i := s.first; i < s.last; i++ {
		if !d.tokens[i].cyrillic {
			continue
		}
		side, n := cyrSides.match(d, i, s.last)
		if n == 0 {
			continue
		}
		switch {
		case cyrAttackWithin(d, i+n, min(s.last, i+n+5)):
			votes[side] += 2
		case cyrAttackWithin(d, s.first, i):
			inferred[other(side)]++
		default:
			votes[side] += 0.5
		}
		i += n - 1
	}
}

// cyrAttackWithin reports whether an attack, weapon use, interception or
// outcome word occurs in tokens [from, to).
func cyrAttackWithin(d *doc, from, to int) bool {
	for k := from; k < to; k++ {
		c, n := cues.match(d, k, to)
		if n == 0 {
			continue
		}
		switch c.kind {
		case cueAttack, cueOutcome:
			return true
		case cueWeapon, cueIntercept:
			if c.eventive {
				return true
			}
		}
	}
	return false
}
