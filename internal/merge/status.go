package merge

import (
	"fmt"
	"slices"
	"strings"

	"github.com/farsight-osint/farsight"
)

// Status derives the verification findings of an event from its stored
// claims and the sources of its mentions: first whether the attack
// happened, then, when claimed, whether its target was damaged and
// destroyed. The rules, in order (docs/merging.md):
//
//   - visually_confirmed: a claim reports verified or geolocated footage
//     (a footage claim with stance "confirms"); for damage or destruction,
//     in a report that also claims it.
//   - disputed: a party denies it.
//   - corroborated: the target's side acknowledges it (for an attack: any
//     claim of the attack, its result or an interception), or independent
//     reports (from different sources, not copies of one another, not all
//     official statements of one side) support it.
//   - claimed: otherwise.
//
// Near-duplicate reports (syndicated copies) add sources, not evidence.
func Status(e *farsight.Event, ms []*farsight.Mention) []farsight.Finding {
	reports := map[int64]*farsight.Mention{}
	for _, m := range ms {
		if _, ok := reports[m.ReportID]; !ok {
			reports[m.ReportID] = m
		}
	}
	target := farsight.SourceKind("")
	switch e.Actor {
	case farsight.ActorUkraine:
		target = farsight.SourceRUOfficial
	case farsight.ActorRussia:
		target = farsight.SourceUAOfficial
	}

	supports := map[farsight.ClaimKind][]farsight.ClaimKind{
		farsight.ClaimAttack:      {farsight.ClaimAttack, farsight.ClaimDamage, farsight.ClaimDestruction, farsight.ClaimInterception, farsight.ClaimFootage},
		farsight.ClaimDamage:      {farsight.ClaimDamage, farsight.ClaimDestruction},
		farsight.ClaimDestruction: {farsight.ClaimDestruction},
	}
	denials := map[farsight.ClaimKind][]farsight.ClaimKind{
		farsight.ClaimAttack:      {farsight.ClaimAttack},
		farsight.ClaimDamage:      {farsight.ClaimDamage, farsight.ClaimDestruction},
		farsight.ClaimDestruction: {farsight.ClaimDestruction, farsight.ClaimDamage},
	}
	noun := map[farsight.ClaimKind]string{farsight.ClaimAttack: "the attack", farsight.ClaimDamage: "damage", farsight.ClaimDestruction: "destruction"}

	var out []farsight.Finding
	for _, kind := range []farsight.ClaimKind{farsight.ClaimAttack, farsight.ClaimDamage, farsight.ClaimDestruction} {
		var support, deny, footage []*farsight.Claim
		supportedIn := map[int64]bool{}
		for _, c := range e.Claims {
			switch {
			case c.Stance == farsight.StanceDenies && slices.Contains(denials[kind], c.Kind):
				deny = append(deny, c)
			case (c.Stance == farsight.StanceAsserts || c.Stance == farsight.StanceConfirms) && slices.Contains(supports[kind], c.Kind):
				if c.Kind == farsight.ClaimFootage && kind != farsight.ClaimAttack {
					break
				}
				support = append(support, c)
				supportedIn[c.ReportID] = true
			}
		}
		for _, c := range e.Claims {
			if c.Kind == farsight.ClaimFootage && c.Stance == farsight.StanceConfirms && (kind == farsight.ClaimAttack || supportedIn[c.ReportID]) {
				footage = append(footage, c)
			}
		}
		if kind != farsight.ClaimAttack && len(support) == 0 && len(deny) == 0 {
			continue
		}
		f := farsight.Finding{Kind: kind}
		switch {
		case len(footage) > 0:
			f.Status = farsight.VisuallyConfirmed
			f.Reason = fmt.Sprintf("%s reports verified footage", who(footage[0], reports))
			if len(deny) > 0 {
				f.Reason += fmt.Sprintf(", although %s denies %s", who(deny[0], reports), noun[kind])
			}
		case len(deny) > 0:
			f.Status = farsight.Disputed
			f.Reason = fmt.Sprintf("%s denies %s", who(deny[0], reports), noun[kind])
			if len(support) > 0 {
				f.Reason += fmt.Sprintf("; %s claims it", who(support[0], reports))
			}
		default:
			f.Status, f.Reason = corroboration(kind, noun[kind], support, target, reports, ms)
		}
		out = append(out, f)
	}
	return out
}

// corroboration decides between corroborated and claimed.
func corroboration(kind farsight.ClaimKind, noun string, support []*farsight.Claim, target farsight.SourceKind,
	reports map[int64]*farsight.Mention, ms []*farsight.Mention) (farsight.Verification, string) {
	if target != "" {
		for _, c := range support {
			if side(c, reports) == target {
				return farsight.Corroborated, fmt.Sprintf("the target's side acknowledges %s: %s (%s)", noun, who(c, reports), c.Kind)
			}
		}
	}
	// Independent reports: one vote per source; copies do not count.
	type unit struct {
		key  string
		side farsight.SourceKind
		c    *farsight.Claim
	}
	var units []unit
	seen := map[string]bool{}
	for _, c := range support {
		m := reports[c.ReportID]
		if m == nil || m.DuplicateOf != 0 {
			continue
		}
		key := fmt.Sprintf("source %d", m.SourceID)
		if m.SourceID == 0 {
			key = fmt.Sprintf("report %d", m.ReportID)
		}
		if !seen[key] {
			seen[key] = true
			units = append(units, unit{key, side(c, reports), c})
		}
	}
	if len(units) >= 2 {
		oneSide := true
		for _, u := range units {
			official := u.side == farsight.SourceUAOfficial || u.side == farsight.SourceRUOfficial
			oneSide = oneSide && official && u.side == units[0].side
		}
		if !oneSide {
			var names []string
			for _, u := range units[:min(3, len(units))] {
				names = append(names, who(u.c, reports))
			}
			more := ""
			if len(units) > 3 {
				more = fmt.Sprintf(" and %d more", len(units)-3)
			}
			return farsight.Corroborated, fmt.Sprintf("%d independent reports support %s: %s%s", len(units), noun, strings.Join(names, "; "), more)
		}
	}
	switch {
	case len(support) > 0:
		return farsight.Claimed, fmt.Sprintf("claimed only by %s", who(support[0], reports))
	case len(ms) > 0:
		m := slices.MinFunc(ms, func(a, b *farsight.Mention) int { return strings.Compare(a.Key, b.Key) })
		return farsight.Claimed, fmt.Sprintf("reported by %s (report %d), no claim of its own", sourceName(m), m.ReportID)
	}
	return farsight.Claimed, "no claim"
}

// side returns the source kind behind a claim: its speaker's when the text
// names one of known kind, else its report's source's.
func side(c *farsight.Claim, reports map[int64]*farsight.Mention) farsight.SourceKind {
	if c.Speaker != "" && c.SpeakerKind != "" && c.SpeakerKind != farsight.SourceUnknown {
		return c.SpeakerKind
	}
	if m := reports[c.ReportID]; m != nil && m.SourceKind != "" {
		return m.SourceKind
	}
	return farsight.SourceUnknown
}

// who names the speaker of a claim for a reason: the speaker and its kind,
// or the report's source, with the report.
func who(c *farsight.Claim, reports map[int64]*farsight.Mention) string {
	name := ""
	if m := reports[c.ReportID]; m != nil {
		name = sourceName(m)
	}
	k := side(c, reports)
	if c.Speaker != "" {
		return fmt.Sprintf("%s (%s, in %s report %d)", c.Speaker, k, name, c.ReportID)
	}
	return fmt.Sprintf("%s (%s, report %d)", name, k, c.ReportID)
}

func sourceName(m *farsight.Mention) string {
	if m.SourceName != "" {
		return m.SourceName
	}
	return "an unnamed source"
}
