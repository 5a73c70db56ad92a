package sqlite

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/farsight-osint/farsight"
)

var _ farsight.ReportService = (*ReportService)(nil)

// ReportService stores reports in SQLite.
type ReportService struct {
	db *DB
}

// NewReportService returns a ReportService on db.
func NewReportService(db *DB) *ReportService {
	return &ReportService{db: db}
}

const reportColumns = `r.id, r.external_id, COALESCE(r.source_id, 0), COALESCE(s.name, ''), r.title, r.text, r.url, r.lang, r.published, r.fetched_at, r.extractor_version, r.hash, r.created_at`

// FindReportByID returns ENOTFOUND when no report has that ID.
func (s *ReportService) FindReportByID(ctx context.Context, id int64) (*farsight.Report, error) {
	rs, _, err := s.FindReports(ctx, farsight.ReportFilter{ID: &id})
	if err != nil {
		return nil, err
	} else if len(rs) == 0 {
		return nil, farsight.Errorf(farsight.ENOTFOUND, "report %d not found", id)
	}
	return rs[0], nil
}

// FindReports returns the matching reports, newest first, and the number of
// matches ignoring Offset and Limit.
func (s *ReportService) FindReports(ctx context.Context, f farsight.ReportFilter) ([]*farsight.Report, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := f.ID; v != nil {
		where, args = append(where, "r.id = ?"), append(args, *v)
	}
	if v := f.SourceID; v != nil {
		where, args = append(where, "r.source_id = ?"), append(args, *v)
	}
	if v := f.Hash; v != nil {
		h, err := hex.DecodeString(*v)
		if err != nil {
			return nil, 0, farsight.Errorf(farsight.EINVALID, "hash must be hex")
		}
		where, args = append(where, "r.hash = ?"), append(args, h)
	}
	if v := f.Text; v != nil {
		where, args = append(where, "r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?)"), append(args, ftsQuery(*v))
	}
	if v := f.NotExtractedBy; v != nil {
		where, args = append(where, "r.extractor_version != ?"), append(args, *v)
	}
	cond := strings.Join(where, " AND ")

	var n int
	if err := s.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM reports r WHERE `+cond, args...).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("count reports: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > farsight.MaxPageSize {
		limit = farsight.MaxPageSize
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+reportColumns+` FROM reports r LEFT JOIN sources s ON s.id = r.source_id WHERE `+cond+` ORDER BY r.id DESC LIMIT ? OFFSET ?`,
		append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("find reports: %w", err)
	}
	defer rows.Close()
	var out []*farsight.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, n, rows.Err()
}

// SetExtracted records that the extractor of a version read reports.
func (s *ReportService) SetExtracted(ctx context.Context, ids []int64, version string) error {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `UPDATE reports SET extractor_version = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		if _, err := st.ExecContext(ctx, version, id); err != nil {
			return fmt.Errorf("set extracted: %w", formatError(err))
		}
	}
	return formatError(tx.Commit())
}

func scanReport(row interface{ Scan(...any) error }) (*farsight.Report, error) {
	var r farsight.Report
	var published, fetched, created string
	var hash []byte
	if err := row.Scan(&r.ID, &r.ExternalID, &r.SourceID, &r.SourceName, &r.Title, &r.Text, &r.URL, &r.Lang, &published, &fetched, &r.ExtractorVersion, &hash, &created); err != nil {
		return nil, err
	}
	r.Hash = hex.EncodeToString(hash)
	var err error
	if r.Published, err = parseTime(published); err != nil {
		return nil, err
	}
	if r.FetchedAt, err = parseTime(fetched); err != nil {
		return nil, err
	}
	r.CreatedAt, err = parseTime(created)
	return &r, err
}

// CreateReport stores a report, or returns ECONFLICT for a duplicate.
func (s *ReportService) CreateReport(ctx context.Context, r *farsight.Report) error {
	created, err := s.CreateReports(ctx, []*farsight.Report{r})
	if err != nil {
		return err
	}
	if !created[0] {
		return farsight.Errorf(farsight.ECONFLICT, "report duplicates report %d", r.ID)
	}
	return nil
}

// CreateReports stores a batch of reports in one transaction, skipping
// exact duplicates.
func (s *ReportService) CreateReports(ctx context.Context, rs []*farsight.Report) ([]bool, error) {
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			if r.ExternalID != "" {
				return nil, farsight.Errorf(farsight.EINVALID, "report %q: %s", r.ExternalID, farsight.ErrorMessage(err))
			}
			return nil, err
		}
		if _, err := hex.DecodeString(r.Hash); err != nil || len(r.Hash) != 64 {
			return nil, farsight.Errorf(farsight.EINVALID, "report hash must be 64 hex digits")
		}
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	insert, err := tx.PrepareContext(ctx, `INSERT INTO reports (external_id, source_id, title, text, url, lang, published, fetched_at, hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`)
	if err != nil {
		return nil, err
	}
	defer insert.Close()
	existing, err := tx.PrepareContext(ctx, `SELECT id FROM reports WHERE hash = ?`)
	if err != nil {
		return nil, err
	}
	defer existing.Close()

	now := s.db.Now().UTC()
	nowText := formatTime(now)
	sources := map[string]int64{}
	created := make([]bool, len(rs))
	for i, r := range rs {
		if r.SourceID == 0 && r.SourceName != "" {
			id, ok := sources[r.SourceName]
			if !ok {
				if id, err = sourceID(ctx, tx, r.SourceName, r.SourceKind, nowText); err != nil {
					return nil, fmt.Errorf("source %q: %w", r.SourceName, err)
				}
				sources[r.SourceName] = id
			}
			r.SourceID = id
		}
		var src any
		if r.SourceID != 0 {
			src = r.SourceID
		}
		hash, _ := hex.DecodeString(r.Hash)
		res, err := insert.ExecContext(ctx, r.ExternalID, src, r.Title, r.Text, r.URL, r.Lang,
			formatTime(r.Published), formatTime(r.FetchedAt), hash, nowText)
		if err != nil {
			return nil, formatError(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, err
		} else if n == 0 {
			if err := existing.QueryRowContext(ctx, hash).Scan(&r.ID); err != nil {
				return nil, fmt.Errorf("find duplicate: %w", err)
			}
			continue
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
		r.CreatedAt = now
		created[i] = true
	}
	if err := tx.Commit(); err != nil {
		return nil, formatError(err)
	}
	return created, nil
}

// ftsQuery turns free text into an FTS5 query: each word becomes a quoted
// term (so operators and punctuation in user input are taken literally),
// all terms required.
func ftsQuery(s string) string {
	var terms []string
	for _, w := range strings.Fields(s) {
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	if len(terms) == 0 {
		return `""`
	}
	return strings.Join(terms, " ")
}

// errNoRows reports whether err is sql.ErrNoRows.
func errNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
