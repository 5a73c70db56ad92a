package httpapi_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Lines of the Prometheus text exposition format.
var (
	metricComment = regexp.MustCompile(`^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))$`)
	metricSample  = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*\})? (\S+)$`)
)

func TestMetrics(t *testing.T) {
	e := newEnv(t)
	e.srv.Metrics.SetQueueDepth(func() int { return 3 })
	for _, d := range []time.Duration{50 * time.Microsecond, 2 * time.Millisecond, 3 * time.Second} {
		e.srv.Metrics.ObserveExtract(d)
	}
	e.ingestTexts("EVENT drone_strike 42.88 47.64 2024-11-06", "EVENT drone_strike 42.88 47.64 2024-11-06", "no event")
	e.get("/api/v1/events")
	e.get("/api/v1/events")
	e.get("/api/v1/events/12345")
	e.get("/api/v1/nonesuch")
	e.post("", "application/json", testToken, `{"text": "EVENT artillery 48.0 37.8 2024-11-05"}`)

	w := e.get("/metrics")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("got %d %v", w.Code, w.Header())
	}
	text := w.Body.String()
	samples := map[string]float64{}
	typed := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			if !metricComment.MatchString(line) {
				t.Errorf("line %d: bad comment %q", i+1, line)
			}
			if f := strings.Fields(line); f[1] == "TYPE" {
				typed[f[2]] = f[3]
			}
			continue
		}
		m := metricSample.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %d: bad sample %q", i+1, line)
			continue
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Errorf("line %d: bad value %q", i+1, m[3])
		}
		name := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(m[1], "_bucket"), "_sum"), "_count")
		if typed[name] == "" {
			t.Errorf("line %d: sample %s before its TYPE", i+1, m[1])
		}
		samples[m[1]+m[2]] = v
	}
	for key, want := range map[string]float64{
		`farsight_ingest_reports_total{result="new"}`:                              3,
		`farsight_ingest_reports_total{result="duplicate"}`:                        1,
		`farsight_ingest_events_total`:                                             2,
		`farsight_queue_depth`:                                                     3,
		`farsight_extract_seconds_count`:                                           3,
		`farsight_extract_seconds_bucket{le="0.0001"}`:                             1,
		`farsight_extract_seconds_bucket{le="1"}`:                                  2,
		`farsight_extract_seconds_bucket{le="+Inf"}`:                               3,
		`farsight_http_requests_total{route="GET /api/v1/events",code="200"}`:      2,
		`farsight_http_requests_total{route="GET /api/v1/events/{id}",code="404"}`: 1,
		`farsight_http_requests_total{route="unmatched",code="404"}`:               1,
		`farsight_http_requests_total{route="POST /api/v1/reports",code="200"}`:    1,
	} {
		if got, ok := samples[key]; !ok || got != want {
			t.Errorf("%s: got %v (present %v), want %v", key, got, ok, want)
		}
	}
	if sum := samples["farsight_extract_seconds_sum"]; sum < 3.002 || sum > 3.003 {
		t.Errorf("got extract sum %v, want 3.00205", sum)
	}
	if typed["farsight_extract_seconds"] != "histogram" || typed["farsight_http_requests_total"] != "counter" || typed["farsight_queue_depth"] != "gauge" {
		t.Errorf("got types %v", typed)
	}
	// Buckets are cumulative.
	prev := -1.0
	for _, le := range []string{"0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "1", "+Inf"} {
		v, ok := samples[`farsight_extract_seconds_bucket{le="`+le+`"}`]
		if !ok || v < prev {
			t.Errorf("bucket %s: %v after %v", le, v, prev)
		}
		prev = v
	}
}
