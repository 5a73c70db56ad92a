package gazetteer

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"Kyiv", "kyiv"},
		{"kyiv", "kyiv"},
		{"  Kyiv  ", "kyiv"},
		{"KYIV", "kyiv"},
		{"Rostov-on-Don", "rostov on don"},
		{"Rostov – on — Don", "rostov on don"},
		{"Ivano-Frankivsk", "ivano frankivsk"},
		{"Kam'ianske", "kamianske"},
		{"Kam’ianske", "kamianske"},
		{"Kamʼianske", "kamianske"},
		{"Kam`ianske", "kamianske"},
		{"Kam´ianske", "kamianske"},
		{"Dnipropetrovsʹk", "dnipropetrovsk"},
		{"«Крым»", "крым"},
		{"Dnipró", "dnipro"},
		{"Białystok", "bialystok"},
		{"Łódź", "lodz"},
		{"São Paulo", "sao paulo"},
		{"Zürich", "zurich"},
		{"Straße", "strasse"},
		{"İstanbul", "istanbul"},
		{"Kırklareli", "kirklareli"},
		{"Ærøskøbing", "aeroskobing"},
		{"Ǆemal", "dzemal"},
		{"ﬁnland", "finland"},      // ligature
		{"ＫＹＩＶ", "kyiv"},           // fullwidth
		{"Каспийск", "каспийск"},   // й kept
		{"Каспійськ", "каспійськ"}, // і, й kept
		{"КИЇВ", "київ"},           // ї kept
		{"Київ", "київ"},
		{"Киі\u0308в", "київ"},         // і + combining diaeresis = ї
		{"Каспии\u0306ск", "каспийск"}, // и + combining breve = й
		{"Ёлки", "елки"},
		{"Черное море", "черное море"},
		{"Чёрное море", "черное море"},
		{"Е\u0308лки", "елки"}, // decomposed ё
		{"Мар'їнка", "марїнка"},
		{"Мар’їнка", "марїнка"},
		{"Ки\u00adїв", "київ"}, // soft hyphen dropped
		{"Kyiv\u200b", "kyiv"}, // zero-width space dropped
		{"Nova\u00a0Kakhovka", "nova kakhovka"},
		{"a\t\n b", "a b"},
		{"St. Petersburg", "st. petersburg"},
		{"Soltsy-2", "soltsy 2"},
		{"Ўзбекистон", "ўзбекистон"},
		{"Ѐ", "е"},
		{"bad\xffutf8", "badutf8"},
		{"---", ""},
		{"'", ""},
		{"Ελλάδα", "ελλαδα"}, // other scripts: lower case, no marks
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize(%q) = %q, not idempotent", got, again)
			}
			if b := AppendNormalized([]byte("x"), tt.in); string(b) != "x"+tt.want {
				t.Errorf("AppendNormalized(x, %q) = %q, want %q", tt.in, b, "x"+tt.want)
			}
		})
	}
}

func TestNormalizeNoAlloc(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = Normalize("novorossiysk naval base") })
	if allocs != 0 {
		t.Errorf("Normalize of a key allocates %v times, want 0", allocs)
	}
	buf := make([]byte, 0, 64)
	allocs = testing.AllocsPerRun(100, func() { buf = AppendNormalized(buf[:0], "Новоросійськ") })
	if allocs != 0 {
		t.Errorf("AppendNormalized with room allocates %v times, want 0", allocs)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Kyiv", "Kam'ianske", "Rostov-on-Don", "Каспійськ", "Ёлки", "Киі\u0308в", "İstanbul", "ﬁ",
		"Ǆ", "  a  -  b  ", "\xff\xfe", "Ки\u00adїв", "ʼ", "\u0306", "и\u0306\u0306", "Ελλάδα", "ＫＹＩＶ", "ẞ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, k)
		}
		if k2 := Normalize(k); k2 != k {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q", s, k, k, k2)
		}
		if len(k) > 0 && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Fatalf("Normalize(%q) = %q: untrimmed", s, k)
		}
		if string(AppendNormalized(nil, s)) != k {
			t.Fatalf("AppendNormalized(%q) differs from Normalize", s)
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	cases := []struct{ name, in string }{
		{"ascii-key", "novorossiysk"},
		{"latin", "Kam'ianske-Dniprovske"},
		{"cyrillic", "Новоросійськ"},
		{"diacritics", "Białystok Żółć"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				_ = Normalize(c.in)
			}
		})
	}
}

// TestNormalizeAllRunes checks idempotence for every code point alone, after
// a Cyrillic letter and before a combining mark.
func TestNormalizeAllRunes(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		for _, s := range []string{string(r), "и" + string(r), string(r) + "\u0306", "A " + string(r) + " b"} {
			k := Normalize(s)
			if Normalize(k) != k || !utf8.ValidString(k) {
				t.Fatalf("Normalize(%q) = %q, Normalize of that = %q", s, k, Normalize(k))
			}
		}
	}
}
