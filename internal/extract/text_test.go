package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func sentenceTexts(d *doc) []string {
	var out []string
	for _, s := range d.sents {
		out = append(out, d.text[s.start:s.end])
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Early Wednesday, Nov. 6, Ukrainian drones hit Kaspiysk. At least two ships were damaged.",
			[]string{"Early Wednesday, Nov. 6, Ukrainian drones hit Kaspiysk.", "At least two ships were damaged."}},
		{"Gen. Ivanov said so. The U.S. agreed! Why? Because.",
			[]string{"Gen. Ivanov said so.", "The U.S. agreed!", "Why?", "Because."}},
		{"Shelling of Zelenodolsk: a boy died\nRussians shelled Kharkiv\n\nthird", []string{"Shelling of Zelenodolsk: a boy died", "Russians shelled Kharkiv", "third"}},
		{"a hard-wrapped sentence that goes\non in lower case.", []string{"a hard-wrapped sentence that goes\non in lower case."}},
		{"Дрони атакували Каспійськ. Міноборони РФ заявило про перехоплення.", []string{"Дрони атакували Каспійськ.", "Міноборони РФ заявило про перехоплення."}},
		{"", nil},
	} {
		if got := sentenceTexts(tokenize(tc.in)); !cmp.Equal(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	d := tokenize("Russia’s Rostov-on-Don region: 1,000 km; Kam'ianske, Russia's.")
	var got []string
	for _, tk := range d.tokens {
		s := tk.text
		if tk.glued {
			s = "+" + s
		}
		got = append(got, s)
	}
	want := []string{"Russia", "’s", "Rostov", "+on", "+Don", "region", ":", "1,000", "km", ";", "Kam'ianske", ",", "Russia", "'s", "."}
	if !cmp.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if d.tokens[10].key != "kamianske" || !d.tokens[0].upper || d.tokens[3].upper {
		t.Fatalf("token fields: %+v %+v", d.tokens[10], d.tokens[3])
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("Early Wednesday, Nov. 6, Ukrainian drones hit the port city of Kaspiysk in Russia’s Dagestan region.")
	f.Add("Вночі 6 листопада дрони атакували Каспійськ\n\n— ГУР")
	f.Add("\xff\xfe1,,000.5-km'''s")
	f.Fuzz(func(t *testing.T, s string) {
		d := tokenize(s)
		prevEnd := 0
		for i, tk := range d.tokens {
			if tk.start < prevEnd || tk.end <= tk.start || tk.end > len(s) || s[tk.start:tk.end] != tk.text {
				t.Fatalf("token %d %+v out of order or span wrong", i, tk)
			}
			if !utf8.ValidString(tk.key) || strings.TrimSpace(tk.text) != tk.text {
				t.Fatalf("token %d %+v: bad key or white space", i, tk)
			}
			prevEnd = tk.end
		}
		next := 0
		for _, st := range d.sents {
			if st.first != next || st.last <= st.first {
				t.Fatalf("sentences do not tile the tokens: %+v", d.sents)
			}
			next = st.last
			if i := d.sentenceOf(st.first); d.sents[i] != st {
				t.Fatalf("sentenceOf(%d) = %d", st.first, i)
			}
		}
		if next != len(d.tokens) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(d.tokens))
		}
	})
}
