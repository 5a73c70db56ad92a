package extract

import (
	"strings"

	"github.com/farsight-osint/farsight"
)

// Words that, after "Ukrainian" or "Russian", make the side the attacker
// ("Ukrainian drones") or the target ("Russian naval targets").
var (
	agentNouns = map[string]bool{
		"drones": true, "drone": true, "missiles": true, "missile": true, "forces": true, "troops": true, "military": true, "army": true,
		"navy": true, "intelligence": true, "aviation": true, "artillery": true, "strike": true, "strikes": true, "attack": true, "attacks": true,
		"shelling": true, "shellings": true, "air": true, "defenders": true, "units": true, "special": true, "saboteurs": true, "partisans": true,
		"operation": true, "uav": true, "uavs": true, "gunners": true, "fighters": true, "invaders": true, "occupiers": true, "rockets": true,
		"armed": true, "naval": true, "sea": true, "kamikaze": true, "long": true, "warplanes": true, "jets": true, "bombers": true,
		"shells": true, "fire": true, "helicopters": true, "tanks": true, "soldiers": true, "unmanned": true, "cruise": true,
		"ballistic": true, "fixed-wing": true, "jet": true, "sabotage": true, "security": true,
	}
	targetNouns = map[string]bool{
		"targets": true, "target": true, "ships": true, "ship": true, "warships": true, "vessels": true, "base": true, "bases": true,
		"refinery": true, "refineries": true, "territory": true, "city": true, "cities": true, "region": true, "regions": true,
		"airbase": true, "airfield": true, "airfields": true, "positions": true, "strongholds": true, "port": true, "fleet": true, "flotilla": true, "infrastructure": true,
		"oil": true, "energy": true, "depot": true, "plant": true, "border": true, "villages": true, "town": true, "towns": true,
	}
	ukraineWords = map[string]bool{"ukrainian": true, "ukraine": true, "kyiv": true, "kiev": true, "ukraine's": true}
	russiaWords  = map[string]bool{"russian": true, "russia": true, "moscow": true}
	attackVerbs  = map[string]bool{
		"struck": true, "hit": true, "hits": true, "attacked": true, "attacks": true, "launched": true, "targeted": true, "shelled": true,
		"fired": true, "bombed": true, "strikes": true, "pounded": true, "killed": true, "destroyed": true, "used": true, "sank": true,
	}
	// enemyWords name Russia's side in Ukrainian reporting.
	enemyWords = map[string]bool{"enemy": true, "invaders": true, "occupiers": true, "russians": true, "rashists": true, "aggressor": true}
	// ukraineForces name Ukraine's armed forces in Russian reporting.
	ukraineForces = [][]string{{"armed", "forces", "of", "ukraine"}, {"defence", "forces", "of", "ukraine"}, {"defense", "forces", "of", "ukraine"},
		{"ukrainian", "defence", "forces"}, {"ukrainian", "defense", "forces"}, {"unmanned", "systems", "forces"}, {"uaf"}, {"afu"}, {"apu"}, {"zsu"}, {"ukrainian", "armed", "forces"}, {"kiev", "security", "forces"}, {"kyiv", "regime"}, {"kiev", "regime"}}
	russiaForces = [][]string{{"rf", "armed", "forces"}, {"russian", "armed", "forces"}, {"armed", "forces", "of", "russia"}, {"russian", "troops"}, {"russian", "federation"}}
)

// actorVotes scores the sides a sentence names as attackers: in votes
// when it names the attacker ("Ukrainian drones", "by the Armed Forces of
// Ukraine"), in inferred when it only names the target's side ("Russian
// naval targets", "Russian air defences").
func actorVotes(d *doc, s sentence, votes, inferred map[farsight.Actor]float64) {
	for i := s.first; i < s.last; i++ {
		w := d.tokens[i].lower
		side := farsight.ActorUnknown
		switch {
		case ukraineWords[w]:
			side = farsight.ActorUkraine
		case russiaWords[w]:
			side = farsight.ActorRussia
		}
		// A capital stands for its government only as a subject or a
		// possessive: "Kyiv struck", "Kyiv's drones", not "the Kyiv City
		// Military Administration".
		if side != farsight.ActorUnknown && (w == "kyiv" || w == "kiev" || w == "moscow") {
			if n := d.word(i + 1); !(attackVerbs[n] || n == "'s" && agentNouns[d.word(i+2)]) {
				side = farsight.ActorUnknown
			}
		}
		if side != farsight.ActorUnknown {
			j := i + 1
			if d.word(j) == "'s" {
				j++
			}
			// Skip one modifier: "Ukrainian attack drones", "Russian naval targets".
			next, next2 := d.word(j), d.word(j+1)
			// An agent phrase is the attacker only as the subject of an
			// attack ("Russian troops shelled") or after "by"; inside the
			// object of one ("hit a base where Russian troops stored
			// ammunition") it names the target's side.
			agent := 2.0
			if !attackAfter(d, j, s.last) && d.word(i-1) != "by" && !(d.word(i-1) == "the" && d.word(i-2) == "by") {
				agent = 0.5
				if attackBefore(d, s.first, i) {
					agent = 0
				}
			}
			switch {
			case next == "air" && strings.HasPrefix(next2, "defen"), next == "anti" || next == "anti-aircraft":
				// "Russian air defences" shot the attacker's weapons down.
				inferred[other(side)] += 2
			case next == "air" || next == "naval" || next == "military" || next == "oil":
				// "Russian air base", "Russian naval targets": a target;
				// "Russian air force", "Ukrainian naval drones": an attacker.
				if agentNouns[next2] && next2 != "air" {
					votes[side] += agent
				} else {
					inferred[other(side)]++
				}
			case agentNouns[next] || agentNouns[next2] && !targetNouns[next]:
				votes[side] += agent
			case targetNouns[next] || targetNouns[next2]:
				inferred[other(side)]++
			case attackVerbs[next] || (next == "has" || next == "have") && attackVerbs[next2]:
				votes[side] += 2
			}
			// "by Ukraine", "by Russia"
			if d.word(i-1) == "by" || d.word(i-1) == "the" && d.word(i-2) == "by" {
				votes[side] += 2
			}
		}
		if enemyWords[w] {
			votes[farsight.ActorRussia] += 1.5
		}
		// "the Armed Forces of Ukraine shelled ..." (the attacker) or
		// "struck positions of the Armed Forces of Ukraine" (the target).
		for _, forces := range []struct {
			side    farsight.Actor
			phrases [][]string
		}{{farsight.ActorUkraine, ukraineForces}, {farsight.ActorRussia, russiaForces}} {
			for _, p := range forces.phrases {
				if !d.is(i, p...) {
					continue
				}
				switch {
				case attackAfter(d, i+len(p), s.last) || d.word(i-1) == "by" || d.word(i-1) == "the" && d.word(i-2) == "by":
					votes[forces.side] += 2
				case attackBefore(d, s.first, i):
					inferred[other(forces.side)]++
				default:
					votes[forces.side] += 0.5
				}
			}
		}
	}
}

// attackAfter reports whether an attack verb follows within four words of
// token i.
func attackAfter(d *doc, i, end int) bool {
	for k := i; k < min(end, i+5); k++ {
		if attackVerbs[d.word(k)] || eventVerbs[d.word(k)] {
			return true
		}
	}
	return false
}

// attackBefore reports whether an attack verb comes before token i.
func attackBefore(d *doc, first, i int) bool {
	for k := first; k < i; k++ {
		if attackVerbs[d.word(k)] || eventVerbs[d.word(k)] {
			return true
		}
	}
	return false
}

// eventVerbs are further verbs of an attacker's action.
var eventVerbs = map[string]bool{
	"shot": true, "intercepted": true, "attacked": true, "attack": true, "struck": true, "strike": true, "launch": true,
	"fire": true, "shell": true, "hitting": true, "striking": true, "attacking": true, "shelling": true, "targeting": true,
	"slammed": true, "slams": true, "damaged": true, "carried": true, "tried": true, "continued": true, "continue": true,
}

func other(a farsight.Actor) farsight.Actor {
	switch a {
	case farsight.ActorUkraine:
		return farsight.ActorRussia
	case farsight.ActorRussia:
		return farsight.ActorUkraine
	}
	return farsight.ActorUnknown
}
