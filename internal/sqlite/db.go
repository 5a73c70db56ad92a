// Package sqlite implements farsight's services on an embedded SQLite
// database (modernc.org/sqlite, pure Go): one file in WAL mode, FTS5 for
// report text and an R*Tree for event location and date.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a farsight database.
type DB struct {
	db  *sql.DB
	dsn string

	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

// NewDB returns a DB for the file at path, or an in-memory database for
// ":memory:". Call Open before use.
func NewDB(path string) *DB {
	return &DB{dsn: path, Now: time.Now}
}

// Open opens the database and applies pending migrations.
func (db *DB) Open(ctx context.Context) (err error) {
	if db.dsn == "" {
		return farsight.Errorf(farsight.EINVALID, "database path required")
	}
	memory := db.dsn == ":memory:"
	q := url.Values{}
	// A checkpoint every 10,000 pages (40 MB of WAL) rather than SQLite's
	// 1,000: each one syncs the file, and ingest writes megabytes a batch
	// (a third of the merge benchmark's time went to those syncs).
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)", "temp_store(MEMORY)", "cache_size(-32000)", "wal_autocheckpoint(10000)"} {
		q.Add("_pragma", p)
	}
	if !memory {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	// Write transactions take the lock at BEGIN, so two writers never
	// deadlock upgrading a read lock.
	q.Set("_txlock", "immediate")
	if db.db, err = sql.Open("sqlite", "file:"+db.dsn+"?"+q.Encode()); err != nil {
		return fmt.Errorf("open %s: %w", db.dsn, err)
	}
	if memory {
		// Every connection to ":memory:" is a database of its own.
		db.db.SetMaxOpenConns(1)
	}
	if err := db.db.PingContext(ctx); err != nil {
		db.db.Close()
		return fmt.Errorf("open %s: %w", db.dsn, err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.db.Close()
		return err
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	if db.db == nil {
		return nil
	}
	return db.db.Close()
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if db.db == nil {
		return fmt.Errorf("database %s is not open", db.dsn)
	}
	var one int
	return db.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// Migrate applies, in name order, each embedded migration not yet recorded
// in schema_migrations, each in a transaction of its own. Migrations are
// forward-only.
func (db *DB) Migrate(ctx context.Context) error {
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func (db *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, name, formatTime(db.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// Migrations returns the names of the applied migrations in order.
func (db *DB) Migrations(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		names = append(names, strings.TrimPrefix(s, "migrations/"))
	}
	return names, rows.Err()
}

// Schema returns the SQL of every schema object, for the checked-in
// schema.sql snapshot.
func (db *DB) Schema(ctx context.Context) (string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		b.WriteString(s)
		b.WriteString(";\n\n")
	}
	return b.String(), rows.Err()
}

// timeLayout sorts lexically in time order (fixed width, UTC).
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// formatError translates driver errors into farsight errors: constraint
// violations become ECONFLICT; anything else is returned unchanged.
func formatError(err error) error {
	var e *sqlite3.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code() {
	case sqlite3lib.SQLITE_CONSTRAINT_UNIQUE, sqlite3lib.SQLITE_CONSTRAINT_PRIMARYKEY:
		return farsight.Errorf(farsight.ECONFLICT, "already exists: %s", constraintDetail(e))
	case sqlite3lib.SQLITE_CONSTRAINT_FOREIGNKEY:
		return farsight.Errorf(farsight.ECONFLICT, "refers to a row that does not exist")
	}
	if e.Code()&0xff == sqlite3lib.SQLITE_CONSTRAINT {
		return farsight.Errorf(farsight.ECONFLICT, "constraint failed: %s", constraintDetail(e))
	}
	return err
}

func constraintDetail(e *sqlite3.Error) string {
	msg := e.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// execer is what *sql.Tx and *sql.DB have in common.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
