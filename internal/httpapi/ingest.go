package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
)

// Limits of POST /api/v1/reports.
const (
	// ingestBatch is the number of reports stored per transaction.
	ingestBatch = 1000
	// maxListedErrors is how many bad reports an error message names.
	maxListedErrors = 10
	// maxEventLookups is the largest body whose reports are answered with
	// the IDs of their events.
	maxEventLookups = 100
)

// ingestAnswer is the answer of POST /reports.
type ingestAnswer struct {
	Received int `json:"received"`
	IngestResult
	Reports []ingested `json:"reports"`
}

// ingested is what became of one report of the body, in body order.
type ingested struct {
	ID         int64  `json:"id"`
	ExternalID string `json:"external_id,omitempty"`
	// New is false for an exact duplicate of a stored report (or of one
	// earlier in the body); ID is then the original's.
	New bool `json:"new"`
	// Events are the IDs of the events the report tells of, for bodies of
	// at most maxEventLookups reports.
	Events []int64 `json:"events,omitempty"`
}

func (s *Server) handleCreateReports(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.Process == nil {
		s.writeError(w, r, farsight.Errorf(eForbidden, "this server does not ingest reports"))
		return
	}
	rs, err := s.readReports(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ans := ingestAnswer{Received: len(rs), Reports: make([]ingested, len(rs))}
	// Which reports are new: the store says so for the batch only in its
	// counts, so look the hashes up first.
	seen := map[string]bool{}
	for i, rep := range rs {
		ans.Reports[i] = ingested{ExternalID: rep.ExternalID, New: !seen[rep.Hash]}
		if seen[rep.Hash] {
			continue
		}
		seen[rep.Hash] = true
		h := rep.Hash
		if _, n, err := s.Reports.FindReports(r.Context(), farsight.ReportFilter{Hash: &h, Limit: 1}); err != nil {
			s.writeError(w, r, err)
			return
		} else if n > 0 {
			ans.Reports[i].New = false
		}
	}
	for start := 0; start < len(rs); start += ingestBatch {
		res, err := s.Ingest(r.Context(), rs[start:min(start+ingestBatch, len(rs))])
		if err != nil {
			s.writeError(w, r, fmt.Errorf("ingest reports %d..%d: %w", start+1, min(start+ingestBatch, len(rs)), err))
			return
		}
		ans.New += res.New
		ans.Duplicates += res.Duplicates
		ans.Events += res.Events
		ans.ExtractErrors += res.ExtractErrors
		ans.OtherLanguage += res.OtherLanguage
	}
	for i, rep := range rs {
		ans.Reports[i].ID = rep.ID
		if len(rs) <= maxEventLookups {
			if ans.Reports[i].Events, err = s.reportEvents(r, rep.ID); err != nil {
				s.writeError(w, r, err)
				return
			}
		}
	}
	s.writeJSON(w, r, http.StatusOK, ans)
}

// readReports reads and validates every report of a POST body. Any bad
// report fails the whole request, naming the bad ones, and nothing is
// stored.
func (s *Server) readReports(w http.ResponseWriter, r *http.Request) ([]*farsight.Report, error) {
	p, err := readParams(r, "source", "published")
	if err != nil {
		return nil, err
	}
	opts := local.Options{Source: p.str("source")}
	if v := p.str("published"); v != "" {
		if opts.Published, err = local.ParseTime(v); err != nil {
			return nil, farsight.Errorf(farsight.EINVALID, "parameter \"published\": %s", farsight.ErrorMessage(err))
		}
	}
	format, unit := local.JSONL, "report"
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, ps, err := mime.ParseMediaType(ct)
		if err != nil {
			return nil, farsight.Errorf(eUnsupportedMedia, "malformed Content-Type %q", ct)
		}
		opts.Encoding = ps["charset"]
		switch mt {
		case "application/json", "application/x-ndjson", "application/jsonl", "application/json-lines", "application/jsonlines":
		case "text/csv":
			format, unit = local.CSV, "line"
		case "text/plain":
			format = local.Text
		default:
			return nil, farsight.Errorf(eUnsupportedMedia, "Content-Type %s is not supported: send application/json (a report, an array of reports, {\"reports\": [...]} or JSON Lines), text/csv or text/plain", mt)
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody()))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, farsight.Errorf(eTooLarge, "request body is larger than %d bytes: send fewer reports per request", tooLarge.Limit)
	} else if err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "reading the body: %v", err)
	}
	if format == local.JSONL {
		if body, err = jsonLines(body); err != nil {
			return nil, err
		}
	}
	rd, err := local.NewReader(bytes.NewReader(body), format, opts)
	if err != nil {
		return nil, err
	}
	var rs []*farsight.Report
	var bad []string
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var le *local.LineError
		if errors.As(err, &le) {
			msg := le.Err.Error()
			if errors.As(le.Err, new(*farsight.Error)) {
				msg = farsight.ErrorMessage(le.Err)
			}
			bad = append(bad, fmt.Sprintf("%s %d: %s", unit, le.Line, msg))
			continue
		} else if err != nil {
			return nil, err
		}
		if err := rec.Report.Validate(); err != nil {
			bad = append(bad, fmt.Sprintf("%s %d: %s", unit, rec.Line, farsight.ErrorMessage(err)))
			continue
		}
		rs = append(rs, rec.Report)
	}
	if n := len(bad); n > 0 {
		more := ""
		if n > maxListedErrors {
			more = fmt.Sprintf("; and %d more", n-maxListedErrors)
			bad = bad[:maxListedErrors]
		}
		return nil, farsight.Errorf(farsight.EINVALID, "%d bad reports, nothing stored: %s%s", n, strings.Join(bad, "; "), more)
	}
	if len(rs) == 0 {
		return nil, farsight.Errorf(farsight.EINVALID, "no reports in the body")
	}
	return rs, nil
}

// jsonLines turns a JSON body — one report object, an array of them,
// {"reports": [...]}, or a sequence of any of these (JSON Lines) — into
// JSON Lines with one report per line, so that one parser reads every
// form.
func jsonLines(body []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var out bytes.Buffer
	n := 0
	emit := func(raw json.RawMessage) error {
		n++
		if err := json.Compact(&out, raw); err != nil {
			return farsight.Errorf(farsight.EINVALID, "report %d: %v", n, err)
		}
		out.WriteByte('\n')
		return nil
	}
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			break
		} else if err != nil {
			return nil, farsight.Errorf(farsight.EINVALID, "body is not JSON (after %d reports): %v", n, err)
		}
		var items []json.RawMessage
		switch t := bytes.TrimLeft(raw, " \t\r\n"); {
		case len(t) > 0 && t[0] == '[':
			if err := json.Unmarshal(raw, &items); err != nil {
				return nil, farsight.Errorf(farsight.EINVALID, "body: %v", err)
			}
		case len(t) > 0 && t[0] == '{':
			var batch struct {
				Reports json.RawMessage `json:"reports"`
				Text    json.RawMessage `json:"text"`
			}
			if err := json.Unmarshal(raw, &batch); err == nil && batch.Reports != nil && batch.Text == nil {
				if err := json.Unmarshal(batch.Reports, &items); err != nil {
					return nil, farsight.Errorf(farsight.EINVALID, "field \"reports\" must be an array of report objects")
				}
			} else {
				items = []json.RawMessage{raw}
			}
		default:
			return nil, farsight.Errorf(farsight.EINVALID, "report %d is not a JSON object", n+1)
		}
		for _, item := range items {
			if err := emit(item); err != nil {
				return nil, err
			}
		}
	}
	return out.Bytes(), nil
}
