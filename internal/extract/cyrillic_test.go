package extract

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/farsight-osint/farsight/internal/gazetteer"
)

func TestCyrStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"каспійську", "каспійськ"},
		{"каспійськ", "каспійськ"},
		{"севастополя", "севастопол"},
		{"севастополь", "севастопол"},
		{"новороссийском", "новороссийск"},
		{"курской", "курск"},
		{"курская", "курск"},
		{"ростов", "ростов"}, // -ов is not stripped
		{"харків", "харків"},
		{"рига", "риг"},
		{"уфа", "уфа"}, // the stem would be shorter than three letters
		{"ая", "ая"},
		{"", ""},
		{"odesa", "odesa"},
	}
	for _, tt := range tests {
		if got := cyrStem(tt.in); got != tt.want {
			t.Errorf("cyrStem(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCyrStems checks stems a name's word must have (it may have more).
func TestCyrStems(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"харків", []string{"харків", "харков"}},
		{"київ", []string{"київ", "києв"}},
		{"миколаїв", []string{"миколаїв", "миколаєв"}},
		{"севастополь", []string{"севастопол"}},
		{"каспійськ", []string{"каспійськ"}},
	}
	for _, tt := range tests {
		got := cyrStems(tt.in)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("cyrStems(%q): got %q, want it to hold %q", tt.in, got, w)
			}
		}
	}
}

// TestQueryStems checks stems a word of the text must have (it may have
// more).
func TestQueryStems(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"каховці", []string{"каховц", "каховк"}},
		{"балаклії", []string{"балаклі"}},
		{"вці", []string{"вці"}}, // too short for the -ка form
		{"харкова", []string{"харков"}},
		{"каспійську", []string{"каспійськ"}},
	}
	for _, tt := range tests {
		got := queryStems(tt.in)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("queryStems(%q): got %q, want it to hold %q", tt.in, got, w)
			}
		}
	}
	if got := queryStems("вці"); len(got) != 1 {
		t.Errorf("queryStems(%q): got %q, want only the word", "вці", got)
	}
}

// TestStemsMatch checks that an inflected form in a text is matched to
// the name in the gazetteer: some stem of the text's word is a stem of
// the name's word, as the extractor looks them up.
func TestStemsMatch(t *testing.T) {
	tests := []struct {
		text, name string
		want       bool
	}{
		{"Каспійську", "Каспійськ", true},
		{"Севастополя", "Севастополь", true},
		{"Харкова", "Харків", true},
		{"Харкові", "Харків", true},
		{"Києві", "Київ", true},
		{"Миколаєва", "Миколаїв", true},
		{"Каховці", "Каховка", true},
		{"Новороссийском", "Новороссийск", true},
		{"Курской", "Курская", true},
		{"Ростове", "Ростов", true},
		{"Херсоні", "Харків", false},
		{"Сумах", "Суми", true},
		{"Балаклії", "Балаклія", true},
		{"Джанкоя", "Джанкой", true},
		{"Таганрозі", "Таганрог", true},
		{"Воловці", "Воловець", true},
		{"Харкова", "Херсон", false},
	}
	for _, tt := range tests {
		text, name := gazetteer.Normalize(tt.text), gazetteer.Normalize(tt.name)
		got := false
		for _, q := range queryStems(text) {
			if slices.Contains(cyrStems(name), q) {
				got = true
			}
		}
		if got != tt.want {
			t.Errorf("%q (stems %q) matches %q (stems %q): got %v, want %v",
				tt.text, queryStems(text), tt.name, cyrStems(name), got, tt.want)
		}
	}
}

// FuzzCyrStem checks that the stemming functions never panic, keep valid
// UTF-8 valid, and return forms of their input: a prefix of it that keeps
// all but at most three letters, followed by at most two letters.
func FuzzCyrStem(f *testing.F) {
	for _, s := range []string{
		"каспійську", "севастополя", "харкова", "харків", "київ", "києві",
		"миколаїв", "каховці", "балаклії", "новороссийском", "курской",
		"ростов", "уфа", "ая", "ів", "ці", "", "a", "odesa", "ого",
		"\xff\xfeів", "ц\xffці", "й", "ьь", "житомирщиною", "джанкой",
		"таганрозі", "воловці", "уманью", "\xffью", "зі",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		s := cyrStem(w)
		checkStemForm(t, "cyrStem", w, s, 0)
		if s != w {
			if !slices.Contains(cyrEndings, w[len(s):]) {
				t.Errorf("cyrStem(%q) = %q: stripped %q, not an ending", w, s, w[len(s):])
			}
			if utf8.RuneCountInString(s) < 3 {
				t.Errorf("cyrStem(%q) = %q: stem shorter than three letters", w, s)
			}
		}
		for _, fn := range []struct {
			name  string
			stems func(string) []string
		}{{"cyrStems", cyrStems}, {"queryStems", queryStems}} {
			stems := fn.stems(w)
			if len(stems) < 1 || len(stems) > 4 || stems[0] != s {
				t.Fatalf("%s(%q) = %q: want cyrStem's %q first and at most three more", fn.name, w, stems, s)
			}
			for _, x := range stems[1:] {
				checkStemForm(t, fn.name, w, x, 2)
			}
		}
	})
}

// checkStemForm checks that stem is a prefix of w, less at most three
// letters, followed by at most maxAdded letters; that it keeps at least
// three letters of a longer word; and that it is valid UTF-8 when w is.
func checkStemForm(t *testing.T, fn, w, stem string, maxAdded int) {
	t.Helper()
	if utf8.ValidString(w) && !utf8.ValidString(stem) {
		t.Errorf("%s(%q) = %q: invalid UTF-8", fn, w, stem)
	}
	if n := utf8.RuneCountInString(stem); n < min(3, utf8.RuneCountInString(w)) {
		t.Errorf("%s(%q) = %q: %d letters left", fn, w, stem, n)
	}
	i := 0
	for i < len(stem) && i < len(w) && stem[i] == w[i] {
		i++
	}
	// Back to the start of the rune the two differ in.
	for i > 0 && (i < len(w) && !utf8.RuneStart(w[i]) || i < len(stem) && !utf8.RuneStart(stem[i])) {
		i--
	}
	removed := utf8.RuneCountInString(w[i:])
	added := utf8.RuneCountInString(stem[i:])
	if removed > 3 || added > maxAdded {
		t.Errorf("%s(%q) = %q: %d letters removed and %d added, want at most 3 and %d",
			fn, w, stem, removed, added, maxAdded)
	}
}
