package extract

import (
	"strings"

	"github.com/farsight-osint/farsight"
)

// phrase is a sequence of lower-case words; "*" matches any one word, and
// a word ending in "*" matches every word it begins (for inflected
// languages: "безпілотник*" matches безпілотники, безпілотників).
type phrase []string

// lexicon maps phrases to values; it finds the longest phrase at a token.
type lexicon[V any] struct {
	byFirst map[string][]lexEntry[V]
	// byPrefix holds the phrases whose first word is a prefix, under the
	// prefix's first three letters.
	byPrefix map[string][]lexEntry[V]
}

type lexEntry[V any] struct {
	words phrase
	value V
}

func newLexicon[V any](entries map[string]V) *lexicon[V] {
	l := &lexicon[V]{byFirst: map[string][]lexEntry[V]{}, byPrefix: map[string][]lexEntry[V]{}}
	for text, v := range entries {
		words := phrase(strings.Fields(text))
		if p, ok := strings.CutSuffix(words[0], "*"); ok {
			l.byPrefix[prefix3(p)] = append(l.byPrefix[prefix3(p)], lexEntry[V]{words, v})
			continue
		}
		l.byFirst[words[0]] = append(l.byFirst[words[0]], lexEntry[V]{words, v})
	}
	for _, m := range []map[string][]lexEntry[V]{l.byFirst, l.byPrefix} {
		for k, es := range m {
			// Longest first; ties by text so that matching is deterministic.
			sortEntries(es)
			m[k] = es
		}
	}
	return l
}

// prefix3 returns the first three letters of a word.
func prefix3(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

func sortEntries[V any](es []lexEntry[V]) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && less(es[j].words, es[j-1].words); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func less(a, b phrase) bool {
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return strings.Join(a, " ") < strings.Join(b, " ")
}

// wordMatches reports whether a pattern word matches a text word.
func wordMatches(pattern, w string) bool {
	if pattern == "*" {
		return true
	}
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(w, p)
	}
	return pattern == w
}

// match returns the value and length of the longest phrase at token i that
// ends before token end.
func (l *lexicon[V]) match(d *doc, i, end int) (V, int) {
	var zero V
	var best lexEntry[V]
	found := false
	w := d.tokens[i].lower
	for _, list := range [][]lexEntry[V]{l.byFirst[w], l.byPrefix[prefix3(w)]} {
		for _, e := range list {
			if i+len(e.words) > end || found && len(e.words) <= len(best.words) {
				continue
			}
			ok := wordMatches(e.words[0], w)
			for k := 1; ok && k < len(e.words); k++ {
				ok = wordMatches(e.words[k], d.tokens[i+k].lower)
			}
			if ok {
				best, found = e, true
			}
		}
	}
	if !found {
		return zero, 0
	}
	return best.value, len(best.words)
}

// cue is what a trigger word says about an event.
type cue struct {
	typ farsight.EventType
	// kind: weapon (says how), attack (says that something was hit),
	// intercept (says it was stopped), violence (casualties or fighting
	// with no weapon named).
	kind cueKind
	// actor implied by the weapon (Shahed: Russia; Magura: Ukraine).
	actor farsight.Actor
	// outcome implied by the word (intercepted, destroyed, damaged, fire).
	outcome string
	// eventive: the phrase reports that an attack took place ("drone
	// attack", "shelling"), where a bare weapon ("missiles") does not.
	eventive bool
}

type cueKind uint8

const (
	cueWeapon cueKind = iota + 1
	cueAttack
	cueIntercept
	cueExplosion
	cueViolence
	cueOutcome
)

// enCues is the English trigger lexicon.
var cues = newLexicon(merge(cyrCueEntries, map[string]cue{
	// naval drones
	"naval drone": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "naval drones": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"sea drone": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "sea drones": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"marine drone": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "marine drones": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"maritime drone": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "maritime drones": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"surface drone": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "surface drones": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"unmanned surface vessel": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "unmanned surface vessels": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"uncrewed surface vessel": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "uncrewed surface vessels": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"drone boat": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "drone boats": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"usv": {typ: farsight.NavalDroneStrike, kind: cueWeapon}, "usvs": {typ: farsight.NavalDroneStrike, kind: cueWeapon},
	"magura":   {typ: farsight.NavalDroneStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"sea baby": {typ: farsight.NavalDroneStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	// drones
	"drone": {typ: farsight.DroneStrike, kind: cueWeapon}, "drones": {typ: farsight.DroneStrike, kind: cueWeapon},
	"uav": {typ: farsight.DroneStrike, kind: cueWeapon}, "uavs": {typ: farsight.DroneStrike, kind: cueWeapon},
	"unmanned aerial vehicle": {typ: farsight.DroneStrike, kind: cueWeapon}, "unmanned aerial vehicles": {typ: farsight.DroneStrike, kind: cueWeapon},
	"unmanned aircraft":  {typ: farsight.DroneStrike, kind: cueWeapon},
	"loitering munition": {typ: farsight.DroneStrike, kind: cueWeapon}, "loitering munitions": {typ: farsight.DroneStrike, kind: cueWeapon},
	"shahed": {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "shaheds": {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"geran": {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "lancet": {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"unmanned systems forces": {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"drone attack":            {typ: farsight.DroneStrike, kind: cueWeapon, eventive: true}, "drone attacks": {typ: farsight.DroneStrike, kind: cueWeapon, eventive: true},
	"drone strike": {typ: farsight.DroneStrike, kind: cueWeapon, eventive: true}, "drone strikes": {typ: farsight.DroneStrike, kind: cueWeapon, eventive: true},
	// missiles
	"missile": {typ: farsight.MissileStrike, kind: cueWeapon}, "missiles": {typ: farsight.MissileStrike, kind: cueWeapon},
	"missile strike": {typ: farsight.MissileStrike, kind: cueWeapon, eventive: true}, "missile strikes": {typ: farsight.MissileStrike, kind: cueWeapon, eventive: true},
	"missile attack": {typ: farsight.MissileStrike, kind: cueWeapon, eventive: true}, "missile attacks": {typ: farsight.MissileStrike, kind: cueWeapon, eventive: true},
	"rocket attack": {typ: farsight.MissileStrike, kind: cueWeapon, eventive: true}, "rocket attacks": {typ: farsight.MissileStrike, kind: cueWeapon, eventive: true},
	"rocket strike": {typ: farsight.MissileStrike, kind: cueWeapon, eventive: true}, "rockets": {typ: farsight.MissileStrike, kind: cueWeapon},
	"iskander": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "iskanders": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"kalibr": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "kinzhal": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"kh 101": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "kh 555": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"kh 22": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "kh 59": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"kh 47m2": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "kh 31": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"s 300": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "s 400": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"storm shadow": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorUkraine}, "storm shadows": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"scalp":   {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"atacms":  {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"neptune": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"tochka":  {typ: farsight.MissileStrike, kind: cueWeapon},
	// air strikes
	"airstrike": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true}, "airstrikes": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true},
	"air strike": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true}, "air strikes": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true},
	"air raid alert": {}, "air raid alerts": {}, "air raid siren": {}, "air raid sirens": {}, "air raid warning": {}, "air raid warnings": {},
	"air raid": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true}, "air attack": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true},
	"bomb": {typ: farsight.AirStrike, kind: cueWeapon}, "bombs": {typ: farsight.AirStrike, kind: cueWeapon},
	"bombing": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true}, "bombed": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true},
	"glide bomb": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "glide bombs": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"guided bomb": {typ: farsight.AirStrike, kind: cueWeapon}, "guided bombs": {typ: farsight.AirStrike, kind: cueWeapon},
	"aerial bomb": {typ: farsight.AirStrike, kind: cueWeapon}, "aerial bombs": {typ: farsight.AirStrike, kind: cueWeapon},
	"kab": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "kabs": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"aviation strike": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true}, "aviation strikes": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true},
	"aviation made": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true}, "aviation hit": {typ: farsight.AirStrike, kind: cueWeapon, eventive: true},
	"warplanes": {typ: farsight.AirStrike, kind: cueWeapon}, "warplane": {typ: farsight.AirStrike, kind: cueWeapon},
	"helicopters": {typ: farsight.AirStrike, kind: cueWeapon}, "helicopter": {typ: farsight.AirStrike, kind: cueWeapon},
	"fighter jets": {typ: farsight.AirStrike, kind: cueWeapon},
	// artillery
	"shelling": {typ: farsight.Artillery, kind: cueWeapon, eventive: true}, "shelled": {typ: farsight.Artillery, kind: cueWeapon, eventive: true},
	"shells": {typ: farsight.Artillery, kind: cueWeapon}, "shell": {typ: farsight.Artillery, kind: cueWeapon},
	"shellings": {typ: farsight.Artillery, kind: cueWeapon, eventive: true}, "artillery": {typ: farsight.Artillery, kind: cueWeapon},
	"mortar": {typ: farsight.Artillery, kind: cueWeapon}, "mortars": {typ: farsight.Artillery, kind: cueWeapon},
	"mlrs": {typ: farsight.Artillery, kind: cueWeapon}, "grad": {typ: farsight.Artillery, kind: cueWeapon},
	"uragan": {typ: farsight.Artillery, kind: cueWeapon}, "smerch": {typ: farsight.Artillery, kind: cueWeapon},
	"hurricane": {typ: farsight.Artillery, kind: cueWeapon}, "himars": {typ: farsight.Artillery, kind: cueWeapon, actor: farsight.ActorUkraine},
	"howitzer": {typ: farsight.Artillery, kind: cueWeapon}, "howitzers": {typ: farsight.Artillery, kind: cueWeapon},
	"rocket launcher": {typ: farsight.Artillery, kind: cueWeapon}, "rocket launchers": {typ: farsight.Artillery, kind: cueWeapon},
	"multiple rocket": {typ: farsight.Artillery, kind: cueWeapon}, "tank fire": {typ: farsight.Artillery, kind: cueWeapon},
	"fired on": {typ: farsight.Artillery, kind: cueWeapon, eventive: true}, "fired at": {typ: farsight.Artillery, kind: cueWeapon, eventive: true},
	// interception
	"intercepted": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true}, "intercept": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"interception": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true}, "intercepting": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"shot down": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true}, "shoot down": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"downed": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true}, "repelled": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"neutralized": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true}, "neutralised": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"air defence": {typ: farsight.Interception, kind: cueIntercept}, "air defense": {typ: farsight.Interception, kind: cueIntercept},
	"air defences": {typ: farsight.Interception, kind: cueIntercept}, "air defenses": {typ: farsight.Interception, kind: cueIntercept},
	"anti-aircraft": {typ: farsight.Interception, kind: cueIntercept},
	// sabotage
	"sabotage": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "saboteurs": {typ: farsight.Sabotage, kind: cueWeapon},
	"partisans": {typ: farsight.Sabotage, kind: cueWeapon, actor: farsight.ActorUkraine}, "partisan": {typ: farsight.Sabotage, kind: cueWeapon, actor: farsight.ActorUkraine},
	"arson": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "derailed": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "derailment": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	"car bomb": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "explosive device": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	"ied": {typ: farsight.Sabotage, kind: cueWeapon}, "assassinated": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "assassination": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	"liquidated": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "blew up": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	"truck exploded": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "truck had exploded": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	"car exploded": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true}, "car had exploded": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	"truck bomb":       {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	"terrorist attack": {typ: farsight.Sabotage, kind: cueWeapon, eventive: true},
	// explosions
	"explosion": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "explosions": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	"blast": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "blasts": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	"detonation": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "detonated": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	"explosions were heard": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	// attacks, with no weapon named
	"hit": {kind: cueAttack, outcome: "hit"}, "hits": {kind: cueAttack, outcome: "hit"}, "hitting": {kind: cueAttack, outcome: "hit"},
	"tore through": {kind: cueAttack, outcome: "damaged"}, "ripped through": {kind: cueAttack, outcome: "damaged"}, "struck": {kind: cueAttack, outcome: "hit"},
	"strike": {kind: cueAttack}, "strikes": {kind: cueAttack}, "striking": {kind: cueAttack},
	"attack": {kind: cueAttack}, "attacks": {kind: cueAttack}, "attacked": {kind: cueAttack}, "attacking": {kind: cueAttack},
	"targeted": {kind: cueAttack}, "targeting": {kind: cueAttack}, "pounded": {kind: cueAttack}, "bombarded": {kind: cueAttack},
	"raid": {kind: cueAttack}, "raids": {kind: cueAttack}, "slams into": {kind: cueAttack, outcome: "hit"}, "slammed into": {kind: cueAttack, outcome: "hit"},
	"crashed into": {kind: cueAttack, outcome: "hit"},
	// outcomes
	"damaged": {kind: cueOutcome, outcome: "damaged"}, "damaging": {kind: cueOutcome, outcome: "damaged"},
	"destroyed": {kind: cueOutcome, outcome: "destroyed"}, "sunk": {kind: cueOutcome, outcome: "destroyed"}, "sank": {kind: cueOutcome, outcome: "destroyed"},
	"sinking": {kind: cueOutcome, outcome: "destroyed"}, "fire": {kind: cueOutcome, outcome: "fire"}, "fires": {kind: cueOutcome, outcome: "fire"},
	"blaze": {kind: cueOutcome, outcome: "fire"}, "caught fire": {kind: cueOutcome, outcome: "fire"},
	"no damage": {kind: cueOutcome, outcome: "no_damage"}, "to fire": {}, "open fire": {kind: cueAttack}, "opened fire": {kind: cueAttack},
	// violence without a weapon named
	"killed": {kind: cueViolence}, "died": {kind: cueViolence}, "dead": {kind: cueViolence}, "death": {kind: cueViolence},
	"wounded": {kind: cueViolence}, "injured": {kind: cueViolence}, "casualties": {kind: cueViolence}, "victims": {kind: cueViolence},
	"death toll": {kind: cueViolence}, "losses": {kind: cueViolence}, "lost": {kind: cueViolence}, "fighting": {kind: cueViolence},
	"clashes": {kind: cueViolence}, "counterattacks": {kind: cueViolence}, "counterattack": {kind: cueViolence}, "offensive": {kind: cueViolence},
	"assault": {kind: cueViolence}, "battle": {kind: cueViolence}, "battles": {kind: cueViolence},
	"eliminated": {kind: cueViolence}, "captured": {kind: cueViolence}, "break through": {kind: cueViolence},
	"repulsed": {kind: cueViolence}, "hostilities": {kind: cueViolence}, "combat": {kind: cueViolence}, "killing": {kind: cueViolence},
	"wounding": {kind: cueViolence}, "bodies": {kind: cueViolence}, "mass grave": {kind: cueViolence}, "exhumation": {kind: cueViolence},
	"fire missions": {kind: cueViolence}, "ousted": {kind: cueViolence}, "liberated": {kind: cueViolence}, "stormed": {kind: cueViolence},
	"advanced": {kind: cueViolence}, "counteroffensive": {kind: cueViolence}, "occupied": {kind: cueViolence},
}))

// typeRank orders event types by how much they say: a weapon type beats
// an interception, which beats an unspecified explosion.
func typeRank(t farsight.EventType) int {
	switch t {
	case farsight.NavalDroneStrike:
		return 7
	case farsight.DroneStrike, farsight.MissileStrike, farsight.AirStrike:
		return 6
	case farsight.Artillery, farsight.Sabotage:
		return 5
	case farsight.Interception:
		return 3
	case farsight.ExplosionUnknown:
		return 2
	}
	return 0
}

// targetCategories maps target nouns to the taxonomy's categories.
var targetCategories = newLexicon(merge(cyrTargetEntries, map[string]string{
	"missile ship": "naval_vessel", "missile ships": "naval_vessel", "warship": "naval_vessel", "warships": "naval_vessel",
	"ship": "naval_vessel", "ships": "naval_vessel", "vessel": "naval_vessel", "vessels": "naval_vessel",
	"landing ship": "naval_vessel", "landing ships": "naval_vessel", "submarine": "naval_vessel", "submarines": "naval_vessel",
	"frigate": "naval_vessel", "frigates": "naval_vessel", "corvette": "naval_vessel", "corvettes": "naval_vessel",
	"patrol ship": "naval_vessel", "patrol boat": "naval_vessel", "missile boat": "naval_vessel", "cruiser": "naval_vessel",
	"flotilla": "naval_vessel", "fleet": "naval_vessel", "tugboat": "naval_vessel", "minesweeper": "naval_vessel",
	"port": "port", "harbor": "port", "harbour": "port", "naval base": "port", "port facilities": "port", "dock": "port", "docks": "port",
	"airbase": "airbase", "air base": "airbase", "airfield": "airbase", "aerodrome": "airbase", "airfields": "airbase", "air bases": "airbase", "airbases": "airbase",
	"aircraft": "aircraft", "bomber": "aircraft", "bombers": "aircraft", "jet": "aircraft", "jets": "aircraft",
	"air defense system": "air_defence", "air defence system": "air_defence", "s 400": "air_defence", "radar": "air_defence", "radars": "air_defence",
	"oil refinery": "oil_refinery", "refinery": "oil_refinery", "refineries": "oil_refinery",
	"oil depot": "fuel_depot", "fuel depot": "fuel_depot", "oil terminal": "fuel_depot", "fuel terminal": "fuel_depot",
	"fuel storage": "fuel_depot", "oil storage": "fuel_depot", "tank farm": "fuel_depot", "oil tanks": "fuel_depot", "oil pumping station": "fuel_depot",
	"power plant": "energy", "power station": "energy", "substation": "energy", "substations": "energy", "energy infrastructure": "energy",
	"energy facility": "energy", "power grid": "energy", "thermal power plant": "energy", "power line": "energy", "infrastructure facility": "energy",
	"ammunition depot": "ammunition_depot", "ammunition depots": "ammunition_depot", "ammo depot": "ammunition_depot", "arsenal": "ammunition_depot",
	"munitions depot": "ammunition_depot", "ammunition warehouse": "ammunition_depot", "ammunition": "ammunition_depot",
	"troops": "military_unit", "soldiers": "military_unit", "servicemen": "military_unit", "positions": "military_unit", "strongholds": "military_unit",
	"military unit": "military_unit", "brigade": "military_unit", "personnel": "military_unit",
	"command post": "command_post", "headquarters": "command_post", "hq": "command_post",
	"defence plant": "defence_industry", "defense plant": "defence_industry", "arms factory": "defence_industry", "drone factory": "defence_industry",
	"military plant": "defence_industry", "defense enterprise": "defence_industry", "defence enterprise": "defence_industry",
	"railway": "logistics", "rail": "logistics", "bridge": "logistics", "train": "logistics", "railway station": "logistics", "crossing": "logistics",
	"administration building": "government", "government building": "government", "administration": "government",
	"residential building": "civilian", "apartment building": "civilian", "house": "civilian", "houses": "civilian", "hospital": "civilian",
	"school": "civilian", "market": "civilian", "civilians": "civilian", "residential area": "civilian", "apartment block": "civilian",
}))

// numberWords are spelled-out counts.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "dozens": 0, "a": 1, "an": 1, "several": 0,
	"один": 1, "одна": 1, "одне": 1, "одно": 1, "два": 2, "дві": 2, "две": 2, "двох": 2, "двух": 2, "три": 3, "трьох": 3, "трех": 3,
	"чотири": 4, "четыре": 4, "п'ять": 5, "пʼять": 5, "пять": 5, "шість": 6, "шесть": 6, "сім": 7, "семь": 7, "вісім": 8,
	"восемь": 8, "дев'ять": 9, "девять": 9, "десять": 10, "кілька": 0, "несколько": 0, "десятки": 0,
}
