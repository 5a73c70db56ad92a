package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/farsight-osint/farsight"
)

// FuzzJSONLines checks that any body either fails with EINVALID or becomes
// lines that are each one JSON value.
func FuzzJSONLines(f *testing.F) {
	for _, s := range []string{`{"text": "a"}`, `[{"text": "a"}, {"text": "b"}]`, `{"reports": [{"text": "a"}]}`,
		"{\"text\": \"a\"}\n{\"text\": \"b\"}\n", `{"reports": 3}`, `[1, "x", null]`, `{"text": "<script>"}`, ``, `[`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		out, err := jsonLines(body)
		if err != nil {
			if farsight.ErrorCode(err) != farsight.EINVALID {
				t.Fatalf("got error %v, want EINVALID", err)
			}
			return
		}
		for _, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
			if len(out) > 0 && !json.Valid(line) {
				t.Fatalf("line %q is not JSON", line)
			}
		}
	})
}

// FuzzEventParams checks that any query string for GET /events gives a
// filter or EINVALID, never a panic.
func FuzzEventParams(f *testing.F) {
	for _, s := range []string{"bbox=1,2,3,4", "from=2024-01-01&to=2024-01-02", "type=drone_strike,artillery&type=x", "limit=1001",
		"min_front_km=1e309", "bbox=NaN,0,1,1", "%zz", "q=%00", "after=abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		r := httptest.NewRequest("GET", "/api/v1/events", nil)
		r.URL.RawQuery = query
		p, err := readParams(r, "from", "to", "bbox", "type*", "actor", "target", "asset", "min_front_km", "max_front_km",
			"status", "q", "limit", "after", "format", "count")
		if err == nil {
			_, err = eventFilter(p)
		}
		if err != nil && farsight.ErrorCode(err) != farsight.EINVALID {
			t.Fatalf("got error %v, want EINVALID", err)
		}
	})
}
