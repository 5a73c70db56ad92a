package farsight_test

import (
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
)

func TestContentHash(t *testing.T) {
	base := farsight.ContentHash("Drones hit Kaspiysk.")
	for _, same := range []string{
		"drones hit kaspiysk.",
		"  Drones\thit\n\nKaspiysk. ",
		"DRONES HIT KASPIYSK.",
		"Drones\u00a0hit Kaspiysk.", // NBSP is white space
	} {
		if got := farsight.ContentHash(same); got != base {
			t.Errorf("ContentHash(%q) differs from the base text", same)
		}
	}
	for _, other := range []string{"Drones hit Kaspiysk", "Drones hitKaspiysk.", "Drones hit Kaspiisk."} {
		if farsight.ContentHash(other) == base {
			t.Errorf("ContentHash(%q) equals the base text", other)
		}
	}
	// NFKC folds compatibility forms; case folds in Cyrillic too.
	if farsight.ContentHash("Дрони атакували Каспійськ") != farsight.ContentHash("ДРОНИ атакували каспійськ") {
		t.Error("Cyrillic case is not folded")
	}
	if farsight.ContentHash("ﬁre") != farsight.ContentHash("fire") {
		t.Error("NFKC ligature not folded")
	}
}

func FuzzContentHash(f *testing.F) {
	f.Add("Drones hit Kaspiysk.")
	f.Add("Дрони\u00a0атакували")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		h := farsight.ContentHash(s)
		if len(h) != 64 {
			t.Fatalf("hash %q is not 64 hex digits", h)
		}
		// Adding surrounding white space never changes the hash.
		if farsight.ContentHash(" \n"+s+"\t ") != h {
			t.Fatalf("white space around %q changes the hash", s)
		}
		if farsight.ContentHash(strings.ToUpper(s)) != farsight.ContentHash(strings.ToLower(s)) && isPlainASCII(s) {
			t.Fatalf("case changes the hash of %q", s)
		}
	})
}

func isPlainASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 || s[i] < 0x20 {
			return false
		}
	}
	return true
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"Kaspiysk", 20, "Kaspiysk"},
		{"Kaspiysk", 8, "Kaspiysk"},
		{"Kaspiysk", 4, "Kasp…"},
		{"Каспійськ", 3, "К…"}, // 3 bytes fall inside "а": cut back to the rune before it
		{"Каспійськ", 4, "Ка…"},
		{"Каспійськ", 0, "…"},
	}
	for _, tt := range tests {
		if got := farsight.Excerpt(tt.s, tt.n); got != tt.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
