package extract

import (
	"fmt"
	"testing"
)

func TestFindDistances(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"striking Russian naval targets nearly 930 miles from its borders.", []string{"nearly 930 mi border"}},
		{"in the port of Kaspiysk, over 1000 km behind the frontline.", []string{"over 1000 km frontline"}},
		{"some 1,500 kilometres from the front line", []string{"about 1500 km frontline"}},
		{"about 600 miles (965 km) from the Ukrainian border", []string{"about 600 mi border"}},
		{"more than 1,200 km from Ukraine's border", []string{"over 1200 km border"}},
		{"a refinery 500 km from Moscow", []string{" 500 km Moscow"}},
		{"понад 1000 км від кордону", []string{"over 1000 km border"}},
		{"five drones and 30 km of road", nil},
		{"40 km", nil},
	} {
		var got []string
		for _, q := range findDistances(tokenize(tc.text)) {
			got = append(got, fmt.Sprintf("%s %g %s %s", q.qualifier, q.value, q.unit, q.reference))
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

func FuzzFindDistances(f *testing.F) {
	for _, s := range []string{"nearly 930 miles from its borders", "over 1,000 km behind the front", "понад 1000 км від кордону", "1e999 km from"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range findDistances(tokenize(s)) {
			if q.value <= 0 || q.start >= q.end || q.end > len(s) || (q.unit != "km" && q.unit != "mi") || q.reference == "" {
				t.Fatalf("%q: bad distance %+v", s, q)
			}
		}
	})
}
