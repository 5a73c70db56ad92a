package farsight

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxReportTextBytes is the largest report text farsight stores. Longer
// texts are rejected with EINVALID rather than truncated silently.
const MaxReportTextBytes = 8 << 20

// Report is one piece of reporting stored verbatim: an article, an official
// statement, a post. Every extracted fact points back to a report and a byte
// span of its Text.
type Report struct {
	ID int64 `json:"id"`

	// ExternalID is the identifier the report had in its input (a JSONL
	// "id", a feed GUID); it may be empty and is not unique.
	ExternalID string `json:"external_id,omitempty"`

	SourceID   int64  `json:"source_id,omitempty"`
	SourceName string `json:"source,omitempty"`
	// SourceKind is the kind of the source named, used when the source is
	// first stored (or still of unknown kind).
	SourceKind SourceKind `json:"source_kind,omitempty"`

	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
	URL   string `json:"url,omitempty"`
	Lang  string `json:"lang,omitempty"`

	// Published is the publication time; zero when unknown. Relative dates
	// in the text ("yesterday") resolve against it.
	Published time.Time `json:"published,omitzero"`
	// FetchedAt is when farsight read the report.
	FetchedAt time.Time `json:"fetched_at,omitzero"`

	// ExtractorVersion is the version of the extractor that last read the
	// report; empty when none has.
	ExtractorVersion string `json:"extractor_version,omitempty"`

	// Hash is the hex SHA-256 of the normalised text (see ContentHash).
	Hash string `json:"hash"`

	CreatedAt time.Time `json:"created_at,omitzero"`
}

// Validate fills the hash and returns EINVALID when the report cannot be stored.
func (r *Report) Validate() error {
	if strings.TrimSpace(r.Text) == "" {
		return Errorf(EINVALID, "report text required")
	}
	if r.SourceKind != "" && !r.SourceKind.Valid() {
		return Errorf(EINVALID, "unknown source kind %q", r.SourceKind)
	}
	if len(r.Text) > MaxReportTextBytes {
		return Errorf(EINVALID, "report text is %d bytes, more than the %d allowed", len(r.Text), MaxReportTextBytes)
	}
	if r.Hash == "" {
		r.Hash = ContentHash(r.Text)
	}
	return nil
}

// Excerpt returns the first n bytes of s, cut back to a rune boundary, with
// an ellipsis when cut: a report's summary, or bad input quoted in an error.
func Excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// ContentHash returns the hex SHA-256 of text after normalisation: Unicode
// NFKC, case folded, every run of white space collapsed to one space, and
// trimmed. Two reports with the same hash are exact duplicates.
func ContentHash(text string) string {
	if !isASCII(text) {
		text = norm.NFKC.String(text)
	}
	buf := make([]byte, 0, len(text))
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
			continue
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ReportFilter selects reports. Nil fields do not filter.
type ReportFilter struct {
	ID       *int64
	SourceID *int64
	Hash     *string
	// Text is a full-text query over title and text.
	Text *string
	// NotExtractedBy selects the reports the extractor of this version has
	// not read.
	NotExtractedBy *string

	Offset int
	Limit  int
}

// ReportService stores reports.
type ReportService interface {
	// FindReportByID returns ENOTFOUND when no report has that ID.
	FindReportByID(ctx context.Context, id int64) (*Report, error)

	// FindReports returns the matching reports, newest first, and the total
	// number of matches ignoring Offset and Limit.
	FindReports(ctx context.Context, f ReportFilter) ([]*Report, int, error)

	// CreateReport stores a report and sets its ID and hash. It returns
	// EINVALID for an invalid report and ECONFLICT when a report with the
	// same content hash is already stored.
	CreateReport(ctx context.Context, r *Report) error

	// CreateReports stores a batch of reports in one transaction. Reports
	// whose hash is already stored (or repeats earlier in the batch) are not
	// stored again: for each report the result says whether it was new, and
	// every report's ID is set, duplicates to the ID of the stored original.
	// An invalid report fails the whole batch with EINVALID.
	CreateReports(ctx context.Context, rs []*Report) ([]bool, error)

	// SetExtracted records that the extractor of a version read reports.
	SetExtracted(ctx context.Context, ids []int64, version string) error
}
