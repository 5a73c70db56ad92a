package sqlite_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/farsight-osint/farsight/internal/storetest"
)

var update = flag.Bool("update", false, "rewrite schema.sql")

// MustOpenDB returns an open database in a temporary directory.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "farsight.db"))
	if err := db.Open(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Stores {
		db := MustOpenDB(t)
		return storetest.Stores{
			Sources:   sqlite.NewSourceService(db),
			Reports:   sqlite.NewReportService(db),
			Events:    sqlite.NewEventService(db),
			Assets:    sqlite.NewAssetService(db),
			Frontline: sqlite.NewFrontlineService(db),
			Stats:     sqlite.NewStatsService(db),
		}
	})
}

func TestMemory(t *testing.T) {
	db := sqlite.NewDB(":memory:")
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names, err := db.Migrations(context.Background())
	if err != nil || len(names) == 0 {
		t.Fatalf("got migrations %v, %v", names, err)
	}
}

// TestSchema keeps the checked-in schema.sql snapshot in step with the
// migrations; regenerate it with -update.
func TestSchema(t *testing.T) {
	db := MustOpenDB(t)
	got, err := db.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("schema.sql", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatal("schema.sql is out of date: run go test ./internal/sqlite -run TestSchema -update and review the diff")
	}
}

// TestReopen checks that migrations are applied once and data survives.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "f.db")
	for i := range 2 {
		db := sqlite.NewDB(path)
		if err := db.Open(ctx); err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		names, err := db.Migrations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob("migrations/*.sql")
		if len(names) != len(files) {
			t.Fatalf("open %d: got migrations %v", i, names)
		}
		db.Close()
	}
}
