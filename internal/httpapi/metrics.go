package httpapi

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// extractBuckets are the upper bounds, in seconds, of the extraction
// latency histogram: one report takes from tens of microseconds (a
// headline) to about a millisecond (an article).
var extractBuckets = []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}

// Metrics are the process's counters, exposed at /metrics in the
// Prometheus text format. A Server owns one; other parts of the process
// feed it through its methods. It is safe for concurrent use.
type Metrics struct {
	mu            sync.Mutex
	requests      map[requestKey]uint64
	reportsNew    uint64
	reportsDup    uint64
	events        uint64
	extractErrors uint64
	extractCounts []uint64 // per bucket, not cumulative; the last is +Inf
	extractSum    float64
	queueDepth    func() int
}

type requestKey struct {
	route string
	code  int
}

// NewMetrics returns zeroed metrics.
func NewMetrics() *Metrics {
	return &Metrics{requests: map[requestKey]uint64{}, extractCounts: make([]uint64, len(extractBuckets)+1)}
}

// ObserveExtract records the time one report's extraction took.
func (m *Metrics) ObserveExtract(d time.Duration) {
	sec := d.Seconds()
	i, _ := slices.BinarySearch(extractBuckets, sec)
	m.mu.Lock()
	m.extractCounts[i]++
	m.extractSum += sec
	m.mu.Unlock()
}

// SetQueueDepth sets the function the queue depth gauge reads (reports
// waiting to be ingested); nil leaves the gauge out.
func (m *Metrics) SetQueueDepth(f func() int) {
	m.mu.Lock()
	m.queueDepth = f
	m.mu.Unlock()
}

func (m *Metrics) countIngest(r IngestResult) {
	m.mu.Lock()
	m.reportsNew += uint64(r.New)
	m.reportsDup += uint64(r.Duplicates)
	m.events += uint64(r.Events)
	m.extractErrors += uint64(r.ExtractErrors)
	m.mu.Unlock()
}

func (m *Metrics) countRequest(route string, code int) {
	m.mu.Lock()
	m.requests[requestKey{route, code}]++
	m.mu.Unlock()
}

// WriteTo writes the metrics in the Prometheus text exposition format
// (version 0.0.4).
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	m.mu.Lock()
	requests := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		requests = append(requests, k)
	}
	counts := maps.Clone(m.requests)
	reportsNew, reportsDup, events, extractErrors := m.reportsNew, m.reportsDup, m.events, m.extractErrors
	buckets, sum := slices.Clone(m.extractCounts), m.extractSum
	queueDepth := m.queueDepth
	m.mu.Unlock()

	slices.SortFunc(requests, func(a, b requestKey) int {
		return cmp.Or(strings.Compare(a.route, b.route), cmp.Compare(a.code, b.code))
	})
	b := new(bytes.Buffer)
	header := func(name, typ, help string) {
		fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	header("farsight_ingest_reports_total", "counter", "Reports ingested, by result: new, or an exact duplicate of a stored report.")
	fmt.Fprintf(b, "farsight_ingest_reports_total{result=\"new\"} %d\n", reportsNew)
	fmt.Fprintf(b, "farsight_ingest_reports_total{result=\"duplicate\"} %d\n", reportsDup)
	header("farsight_ingest_events_total", "counter", "Events extracted from new reports, before merging.")
	fmt.Fprintf(b, "farsight_ingest_events_total %d\n", events)
	header("farsight_extract_errors_total", "counter", "New reports whose extraction failed (they stay stored).")
	fmt.Fprintf(b, "farsight_extract_errors_total %d\n", extractErrors)

	header("farsight_extract_seconds", "histogram", "Time to extract the events of one report.")
	var cum uint64
	for i, c := range buckets {
		cum += c
		le := "+Inf"
		if i < len(extractBuckets) {
			le = strconv.FormatFloat(extractBuckets[i], 'g', -1, 64)
		}
		fmt.Fprintf(b, "farsight_extract_seconds_bucket{le=%q} %d\n", le, cum)
	}
	fmt.Fprintf(b, "farsight_extract_seconds_sum %s\n", strconv.FormatFloat(sum, 'g', -1, 64))
	fmt.Fprintf(b, "farsight_extract_seconds_count %d\n", cum)

	if queueDepth != nil {
		header("farsight_queue_depth", "gauge", "Reports waiting to be ingested.")
		fmt.Fprintf(b, "farsight_queue_depth %d\n", queueDepth())
	}

	header("farsight_http_requests_total", "counter", "HTTP requests answered, by route pattern and status code.")
	for _, k := range requests {
		fmt.Fprintf(b, "farsight_http_requests_total{route=\"%s\",code=\"%d\"} %d\n", labelValue(k.route), k.code, counts[k])
	}
	return b.WriteTo(w)
}

// labelValue escapes a label value: backslash, double quote and newline.
func labelValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	if _, err := s.Metrics.WriteTo(w); err != nil {
		s.logger(r).Warn("write metrics", slog.String("error", err.Error()))
	}
}
