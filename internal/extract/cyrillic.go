package extract

import (
	"strings"
	"unicode/utf8"
)

// cyrEndings are the inflectional endings stripped from Ukrainian and
// Russian words to match a place name in any case ("у Каспійську",
// "Севастополя", "под Новороссийском", "в Курской области"), longest first.
// Genitive-plural endings (-ов, -ев, -ів) are left alone: they end many
// names in the nominative (Ростов, Харків).
var cyrEndings = []string{
	"ами", "ями", "ого", "ому", "его", "ему", "ими", "ыми", "ією",
	"ою", "ею", "єю", "ом", "ем", "єм", "ах", "ях", "ам", "ям", "ий", "ій", "ої", "ей", "ой", "ый", "ая", "яя",
	"ое", "ее", "ую", "юю", "их", "ых", "ім", "им", "ым",
	"а", "я", "у", "ю", "і", "ї", "и", "ы", "е", "є", "о", "ь", "й",
}

// cyrStem strips one inflectional ending from a lower-case Cyrillic word,
// keeping a stem of at least three letters.
func cyrStem(w string) string {
	n := utf8.RuneCountInString(w)
	for _, e := range cyrEndings {
		if strings.HasSuffix(w, e) && n-utf8.RuneCountInString(e) >= 3 {
			return w[:len(w)-len(e)]
		}
	}
	return w
}

// cyrStems returns the stems a word of a place name is matched by: its
// stem, and for Ukrainian names in -ів/-їв (Харків, Київ, Миколаїв) the
// stem their other cases have (Харкова, Києві, Миколаєва).
func cyrStems(w string) []string {
	s := cyrStem(w)
	out := []string{s}
	// A name whose ending is a letter longer than one ("Джанкой": "ой")
	// also keeps the stem without its last letter, which its other cases
	// share (Джанкоя, Джанкої).
	if r, size := utf8.DecodeLastRuneInString(w); size > 0 && utf8.RuneCountInString(w) > 4 && strings.ContainsRune("йьаяоеиы", r) {
		if one := w[:len(w)-size]; one != s {
			out = append(out, one)
		}
	}
	switch {
	case strings.HasSuffix(w, "ів"):
		out = append(out, strings.TrimSuffix(w, "ів")+"ов")
	case strings.HasSuffix(w, "їв"):
		out = append(out, strings.TrimSuffix(w, "їв")+"єв")
	}
	return out
}

// queryStems returns the stems a word of the text may have: its stem and,
// for a locative in -ці (Каховці, Балаклії), the stem of its -ка form.
func queryStems(w string) []string {
	s := cyrStem(w)
	switch n := utf8.RuneCountInString(w); {
	case strings.HasSuffix(w, "ці") && n > 4:
		// Каховці (Каховка), Воловці (Воловець).
		return []string{s, strings.TrimSuffix(w, "ці") + "к", strings.TrimSuffix(w, "ці") + "ец"}
	case strings.HasSuffix(w, "зі") && n > 4:
		// Таганрозі (Таганрог).
		return []string{s, strings.TrimSuffix(w, "зі") + "г"}
	case strings.HasSuffix(w, "ью") && n > 5:
		// The instrumental of a name in -ь: "под Уманью" (Умань).
		return []string{s, strings.TrimSuffix(w, "ью")}
	}
	return []string{s}
}

// isCyrillicKey reports whether a key has Cyrillic letters.
func isCyrillicKey(k string) bool {
	for _, r := range k {
		if r >= 0x400 && r <= 0x4ff {
			return true
		}
	}
	return false
}

// cyrLooseKey folds the vowels that Ukrainian and Russian spellings of one
// name differ in (Антонівка, Антоновка; Миколаївка, Николаевка: і/о/е/и/ы/ї/є),
// drops the soft sign and folds г/х and ґ, so that a Russian text meets a
// Ukrainian village. It is a fallback after the exact and stemmed keys.
func cyrLooseKey(stem string) string {
	var b strings.Builder
	b.Grow(len(stem))
	for _, r := range stem {
		switch r {
		case 'і', 'ї', 'о', 'е', 'є', 'и', 'ы', 'ё', 'э':
			b.WriteRune('*')
		case 'ь', '\'', 'ʼ', 'ъ':
		case 'ґ', 'х':
			b.WriteRune('г')
		case 'й':
			b.WriteRune('*')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cyrLooseForm is the loose key of a stemmed name of one or more words,
// word by word: the form both the index and the text's names are met in.
func cyrLooseForm(stems string) string {
	words := strings.Fields(stems)
	for i, w := range words {
		words[i] = cyrLooseKey(w)
	}
	return strings.Join(words, " ")
}

// cyrAnd are the conjunctions of a list of names: "Брянській, Калузькій і
// Курській", «Татарстан» та «Дагестан».
var cyrAnd = map[string]bool{"і": true, "й": true, "та": true, "и": true}
