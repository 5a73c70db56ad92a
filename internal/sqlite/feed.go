package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/farsight-osint/farsight"
)

var _ farsight.FeedService = (*FeedService)(nil)

// FeedService stores feeds in SQLite.
type FeedService struct {
	db *DB
}

// NewFeedService returns a FeedService on db.
func NewFeedService(db *DB) *FeedService {
	return &FeedService{db: db}
}

const feedColumns = `f.id, f.url, f.name, s.kind, f.source_id, f.etag, f.last_modified, f.last_polled_at, f.last_success_at,
	f.last_error, f.last_error_at, f.error_count, f.next_poll_at, f.items_seen, f.created_at`

// FindFeedByID returns ENOTFOUND when no feed has that ID.
func (s *FeedService) FindFeedByID(ctx context.Context, id int64) (*farsight.Feed, error) {
	fs, err := s.FindFeeds(ctx, farsight.FeedFilter{ID: &id})
	if err != nil {
		return nil, err
	} else if len(fs) == 0 {
		return nil, farsight.Errorf(farsight.ENOTFOUND, "feed %d not found", id)
	}
	return fs[0], nil
}

// FindFeeds returns the matching feeds, ordered by next poll time then ID.
func (s *FeedService) FindFeeds(ctx context.Context, f farsight.FeedFilter) ([]*farsight.Feed, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := f.ID; v != nil {
		where, args = append(where, "f.id = ?"), append(args, *v)
	}
	if v := f.DueBy; v != nil {
		where, args = append(where, "f.next_poll_at <= ?"), append(args, formatTime(*v))
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds f JOIN sources s ON s.id = f.source_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY f.next_poll_at, f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find feeds: %w", err)
	}
	defer rows.Close()
	var out []*farsight.Feed
	for rows.Next() {
		feed, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, feed)
	}
	return out, rows.Err()
}

func scanFeed(row interface{ Scan(...any) error }) (*farsight.Feed, error) {
	var f farsight.Feed
	var kind, polled, success, errAt, next, created string
	if err := row.Scan(&f.ID, &f.URL, &f.Name, &kind, &f.SourceID, &f.ETag, &f.LastModified, &polled, &success,
		&f.LastError, &errAt, &f.ErrorCount, &next, &f.ItemsSeen, &created); err != nil {
		return nil, err
	}
	f.Kind = farsight.SourceKind(kind)
	var err error
	if f.LastPolledAt, err = parseTime(polled); err != nil {
		return nil, err
	}
	if f.LastSuccessAt, err = parseTime(success); err != nil {
		return nil, err
	}
	if f.LastErrorAt, err = parseTime(errAt); err != nil {
		return nil, err
	}
	if f.NextPollAt, err = parseTime(next); err != nil {
		return nil, err
	}
	f.CreatedAt, err = parseTime(created)
	return &f, err
}

// CreateFeed stores a new feed and sets its ID and SourceID, creating its
// source when no source has its name.
func (s *FeedService) CreateFeed(ctx context.Context, f *farsight.Feed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	now := s.db.Now().UTC()
	if f.SourceID, err = sourceID(ctx, tx, f.Name, f.Kind, formatTime(now)); err != nil {
		return fmt.Errorf("source %q: %w", f.Name, err)
	}
	// The source may have had a kind already; the feed reports it.
	var kind string
	if err := tx.QueryRowContext(ctx, `SELECT kind FROM sources WHERE id = ?`, f.SourceID).Scan(&kind); err != nil {
		return err
	}
	f.Kind = farsight.SourceKind(kind)
	res, err := tx.ExecContext(ctx, `INSERT INTO feeds (url, name, source_id, next_poll_at, created_at) VALUES (?, ?, ?, ?, ?)`,
		f.URL, f.Name, f.SourceID, formatTime(f.NextPollAt), formatTime(now))
	if err != nil {
		err = formatError(err)
		if farsight.ErrorCode(err) == farsight.ECONFLICT {
			return farsight.Errorf(farsight.ECONFLICT, "feed %s is already added", f.URL)
		}
		return err
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	f.CreatedAt = now
	return tx.Commit()
}

// DeleteFeed removes a feed and its seen items.
func (s *FeedService) DeleteFeed(ctx context.Context, id int64) error {
	res, err := s.db.db.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
	if err != nil {
		return formatError(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return farsight.Errorf(farsight.ENOTFOUND, "feed %d not found", id)
	}
	return nil
}

// UnseenFeedItems returns, in order, the keys not yet taken from the feed.
func (s *FeedService) UnseenFeedItems(ctx context.Context, feedID int64, keys []string) ([]string, error) {
	seen := map[string]bool{}
	// Look keys up in chunks below SQLite's variable limit.
	const chunk = 500
	for i := 0; i < len(keys); i += chunk {
		part := keys[i:min(i+chunk, len(keys))]
		args := make([]any, 0, len(part)+1)
		args = append(args, feedID)
		for _, k := range part {
			args = append(args, k)
		}
		rows, err := s.db.db.QueryContext(ctx, `SELECT key FROM feed_items WHERE feed_id = ? AND key IN (`+marks(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("find feed items: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			seen[k] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	var out []string
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out, nil
}

// RecordFeedPoll records a poll's outcome in one transaction.
func (s *FeedService) RecordFeedPoll(ctx context.Context, feedID int64, p farsight.FeedPoll) error {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	at := formatTime(p.At)
	added := 0
	if len(p.Seen) > 0 {
		insert, err := tx.PrepareContext(ctx, `INSERT INTO feed_items (feed_id, key, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer insert.Close()
		for _, k := range p.Seen {
			res, err := insert.ExecContext(ctx, feedID, k, at)
			if err != nil {
				return formatError(err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			added += int(n)
		}
	}
	var res sql.Result
	if p.Err == "" {
		res, err = tx.ExecContext(ctx, `UPDATE feeds SET last_polled_at = ?, last_success_at = ?, error_count = 0,
			etag = ?, last_modified = ?, items_seen = items_seen + ?, next_poll_at = ? WHERE id = ?`,
			at, at, p.ETag, p.LastModified, added, formatTime(p.NextPollAt), feedID)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE feeds SET last_polled_at = ?, last_error = ?, last_error_at = ?,
			error_count = error_count + 1, items_seen = items_seen + ?, next_poll_at = ? WHERE id = ?`,
			at, p.Err, at, added, formatTime(p.NextPollAt), feedID)
	}
	if err != nil {
		return formatError(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return farsight.Errorf(farsight.ENOTFOUND, "feed %d not found", feedID)
	}
	return tx.Commit()
}
