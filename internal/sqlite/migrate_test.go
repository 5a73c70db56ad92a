package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// TestMentionBoxesBackfill stores mentions as migration 0004 left them and
// checks that 0005 gives them their merge reach: a box for fine places, an
// area for regional ones.
func TestMentionBoxesBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	db := &DB{db: raw, dsn: path, Now: time.Now}
	defer db.Close()
	if _, err := raw.ExecContext(ctx, `CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"0001_init.sql", "0002_event_date_inferred.sql", "0003_event_geography.sql", "0004_mentions.sql"} {
		if err := db.migrateFile(ctx, "migrations/"+name); err != nil {
			t.Fatal(name, err)
		}
	}
	for _, m := range []struct {
		id   int
		data string
	}{
		{1, `{"geo_precision":"settlement","country":"RU","admin1":"Dagestan"}`},
		{2, `{"geo_precision":"region","country":"RU","admin1":"Dagestan"}`},
		{3, `{"geo_precision":"country","country":"RU"}`},
	} {
		if _, err := raw.ExecContext(ctx, `INSERT INTO mentions (id, key, first_day, last_day, lat, lon, data, created_at) VALUES (?, ?, 20032, 20034, 42.88, 47.64, ?, '')`,
			m.id, m.id, m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var boxes int
	var minLat, maxLat, minLon, maxLon float64
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*), MIN(min_lat), MAX(max_lat), MIN(min_lon), MAX(max_lon) FROM mention_boxes`).Scan(&boxes, &minLat, &maxLat, &minLon, &maxLon); err != nil {
		t.Fatal(err)
	}
	// 12 km: 0.108 degrees of latitude, 0.148 of longitude at 43 N.
	if boxes != 1 || minLat > 42.78 || maxLat < 42.98 || minLon > 47.50 || maxLon < 47.78 || maxLon > 47.80 {
		t.Errorf("boxes: %d, lat %.3f..%.3f lon %.3f..%.3f; want one box of 12 km around the settlement", boxes, minLat, maxLat, minLon, maxLon)
	}
	rows, err := raw.QueryContext(ctx, `SELECT id, COALESCE(area, ''), wide FROM mentions ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []string{"1 RU/Dagestan false", "2 RU/Dagestan true", "3  false"}
	for i := 0; rows.Next(); i++ {
		var id int
		var area string
		var wide bool
		if err := rows.Scan(&id, &area, &wide); err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%d %s %v", id, area, wide); got != want[i] {
			t.Errorf("mention %d: %q, want %q", id, got, want[i])
		}
	}
	if _, err := raw.ExecContext(ctx, `DELETE FROM mentions WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM mention_boxes`).Scan(&boxes); err != nil || boxes != 0 {
		t.Errorf("after deleting the mention: %d boxes (%v), want 0", boxes, err)
	}
}
