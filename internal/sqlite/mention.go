package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/farsight-osint/farsight"
)

var _ farsight.MentionService = (*EventService)(nil)

// insertMention stores a mention and sets its ID. Its blocking columns come
// from g's window, or from its dates when g is nil.
func (w *writer) insertMention(m *farsight.Mention, g farsight.Merger) error {
	data, err := json.Marshal(m.Event)
	if err != nil {
		return err
	}
	var first, last, lat, lon, area any
	coarse, wide := false, false
	var keys []string
	var box *farsight.BBox
	if g != nil {
		if win, ok := g.Window(m); ok && win.ToDay-win.FromDay <= farsight.MaxMergeDays {
			first, last = win.FromDay, win.ToDay
			keys, box, wide = win.Assets, win.BBox, win.Wide
			if win.Area != "" {
				area = win.Area
			}
		}
		coarse = g.Coarse(m)
	} else if e := m.Event; e.Date != "" {
		// Without a merger the reach is the place itself, a day either side.
		end, _ := lastDay(e)
		first, last = dayNumber(e.Date)-1, dayNumber(end)+1
		if p := e.Point; p != nil {
			box = &farsight.BBox{MinLat: p.Lat, MaxLat: p.Lat, MinLon: p.Lon, MaxLon: p.Lon}
		}
	}
	if p := m.Event.Point; p != nil {
		lat, lon = p.Lat, p.Lon
	}
	var event, report any
	if m.EventID != 0 {
		event = m.EventID
	}
	if m.ReportID != 0 {
		report = m.ReportID
	}
	res, err := w.exec(`INSERT INTO mentions (event_id, report_id, idx, key, first_day, last_day, lat, lon, coarse, area, wide, data, sketch, link, duplicate_of, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		event, report, m.Index, m.Key, first, last, lat, lon, coarse, area, wide, string(data), m.Sketch, m.Link, m.DuplicateOf, formatTime(w.now))
	if err != nil {
		return fmt.Errorf("insert mention: %w", err)
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if box != nil {
		if _, err := w.exec(`INSERT INTO mention_boxes (id, min_day, max_day, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			m.ID, first, last, box.MinLat, box.MaxLat, box.MinLon, box.MaxLon); err != nil {
			return fmt.Errorf("insert mention box: %w", err)
		}
	}
	for _, k := range keys {
		if _, err := w.exec(`INSERT OR IGNORE INTO mention_assets (mention_id, asset_key) VALUES (?, ?)`, m.ID, k); err != nil {
			return fmt.Errorf("insert mention asset: %w", err)
		}
	}
	for _, p := range m.Event.Places {
		if err := w.upsertPlace(p); err != nil {
			return err
		}
	}
	return nil
}

const mentionColumns = `m.id, COALESCE(m.event_id, 0), COALESCE(m.report_id, 0), m.idx, m.key, m.data, m.sketch, m.link, m.duplicate_of,
	COALESCE(r.source_id, 0), COALESCE(s.name, ''), COALESCE(s.kind, ''), COALESCE(r.published, '')`

const mentionFrom = `mentions m LEFT JOIN reports r ON r.id = m.report_id LEFT JOIN sources s ON s.id = r.source_id`

// loadMentions returns the mentions selected by where, with their events
// and their reports' sources.
func loadMentions(ctx context.Context, q querier, where string, args ...any) ([]*farsight.Mention, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+mentionColumns+` FROM `+mentionFrom+` WHERE `+where+` ORDER BY m.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*farsight.Mention
	for rows.Next() {
		var m farsight.Mention
		var data, kind string
		if err := rows.Scan(&m.ID, &m.EventID, &m.ReportID, &m.Index, &m.Key, &data, &m.Sketch, &m.Link, &m.DuplicateOf,
			&m.SourceID, &m.SourceName, &kind, &m.Published); err != nil {
			return nil, err
		}
		m.SourceKind = farsight.SourceKind(kind)
		m.Event = new(farsight.Event)
		if err := json.Unmarshal([]byte(data), m.Event); err != nil {
			return nil, fmt.Errorf("mention %d: %w", m.ID, err)
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// FindMentions returns the mentions of an event.
func (s *EventService) FindMentions(ctx context.Context, eventID int64) ([]*farsight.Mention, error) {
	ms, err := loadMentions(ctx, s.db.db, `m.event_id = ?`, eventID)
	if err != nil {
		return nil, fmt.Errorf("find mentions: %w", err)
	}
	return ms, nil
}

// MergeMentions replaces the mentions of reports with ms and regroups the
// events around them.
//
// Blocking: the events regrouped are those holding a mention whose window
// (see farsight.MergeWindow) overlaps the window of a new mention, and,
// one step further, those holding a coarse mention whose window overlaps
// that of a fine mention of those events, since a coarse mention's place
// depends on every event it matches. Every mention of those events is
// regrouped with the new ones; the result is what grouping all stored
// mentions would give there. Events whose mentions come out the same are
// not rewritten.
func (s *EventService) MergeMentions(ctx context.Context, reports []int64, ms []*farsight.Mention, g farsight.Merger) error {
	for _, m := range ms {
		if m.Event == nil {
			return farsight.Errorf(farsight.EINVALID, "mention without an event")
		}
		if err := m.Event.Validate(); err != nil {
			return err
		}
		if !slices.Contains(reports, m.ReportID) {
			return farsight.Errorf(farsight.EINVALID, "mention of report %d, which is not being merged", m.ReportID)
		}
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := newWriter(ctx, tx, s.db.Now().UTC())
	defer w.close()

	// Events that lose mentions here change whatever the grouping says.
	affected := map[int64]bool{}
	// The events a report's mentions were in, so that its new mentions
	// keep them (re-extraction).
	formerly := map[int64]map[int64]bool{}
	for chunk := range slices.Chunk(reports, 500) {
		in, args := `(`+marks(len(chunk))+`)`, int64Args(chunk)
		err := w.rows(func(rows *sql.Rows) error {
			var r, e int64
			if err := rows.Scan(&r, &e); err != nil {
				return err
			}
			if formerly[r] == nil {
				formerly[r] = map[int64]bool{}
			}
			formerly[r][e], affected[e] = true, true
			return nil
		}, `SELECT report_id, event_id FROM mentions WHERE report_id IN `+in+` AND event_id IS NOT NULL`, args...)
		if err != nil {
			return err
		}
		// Events stored before mentions were (migration 0004) are
		// replaced by what the report's mentions make.
		if err := w.eventIDs(affected, `SELECT c.event_id FROM claims c WHERE c.report_id IN `+in+`
			AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = c.event_id)`, args...); err != nil {
			return err
		}
		if _, err := w.exec(`DELETE FROM mentions WHERE report_id IN `+in, args...); err != nil {
			return err
		}
	}
	changed := maps.Clone(affected)

	// The new mentions' keys and sources; they are stored once grouped.
	type source struct {
		hash, name, kind, published string
		id                          int64
	}
	sources := map[int64]*source{}
	for chunk := range slices.Chunk(reports, 500) {
		err := w.rows(func(rows *sql.Rows) error {
			var r int64
			var src source
			if err := rows.Scan(&r, &src.hash, &src.id, &src.name, &src.kind, &src.published); err != nil {
				return err
			}
			sources[r] = &src
			return nil
		}, `SELECT r.id, lower(hex(r.hash)), COALESCE(r.source_id, 0), COALESCE(s.name, ''), COALESCE(s.kind, ''), r.published
			FROM reports r LEFT JOIN sources s ON s.id = r.source_id WHERE r.id IN (`+marks(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return err
		}
	}
	order := map[*farsight.Mention]int64{}
	for i, m := range ms {
		src := sources[m.ReportID]
		if src == nil {
			return farsight.Errorf(farsight.ECONFLICT, "report %d not found", m.ReportID)
		}
		m.ID, m.EventID, m.Key = 0, 0, fmt.Sprintf("%s/%03d", src.hash, m.Index)
		m.SourceID, m.SourceName, m.SourceKind, m.Published = src.id, src.name, farsight.SourceKind(src.kind), src.published
		order[m] = math.MaxInt64/2 + int64(i) // after every stored mention, in their order
	}

	// Blocking.
	block := func(set map[int64]bool, win farsight.MergeWindow, coarseOnly bool) error {
		only := ""
		if coarseOnly {
			only = " AND m.coarse = 1"
		}
		if b := win.BBox; b != nil {
			if err := w.eventIDs(set, `SELECT m.event_id FROM mention_boxes x JOIN mentions m ON m.id = x.id
				WHERE x.min_day <= ? AND x.max_day >= ? AND x.min_lat <= ? AND x.max_lat >= ? AND x.min_lon <= ? AND x.max_lon >= ?
				AND m.event_id IS NOT NULL`+only,
				win.ToDay, win.FromDay, b.MaxLat, b.MinLat, b.MaxLon, b.MinLon); err != nil {
				return err
			}
		}
		if win.Area != "" {
			// A wide mention reaches every mention of its area; the others
			// only its wide ones.
			wide := " AND m.wide = 1"
			if win.Wide {
				wide = " AND m.wide IN (0, 1)" // both, through the index
			}
			if err := w.eventIDs(set, `SELECT m.event_id FROM mentions m
				WHERE m.area = ? AND m.first_day BETWEEN ? AND ? AND m.last_day >= ? AND m.event_id IS NOT NULL`+wide+only,
				win.Area, win.FromDay-farsight.MaxMergeDays, win.ToDay, win.FromDay); err != nil {
				return err
			}
		}
		for _, k := range win.Assets {
			if err := w.eventIDs(set, `SELECT m.event_id FROM mention_assets a JOIN mentions m ON m.id = a.mention_id
				WHERE a.asset_key = ? AND m.first_day <= ? AND m.last_day >= ? AND m.event_id IS NOT NULL`+only, k, win.ToDay, win.FromDay); err != nil {
				return err
			}
		}
		return nil
	}
	for _, m := range ms {
		if win, ok := g.Window(m); ok {
			if err := block(affected, win, false); err != nil {
				return err
			}
		}
	}
	// load returns the mentions of a set of events, and of the events
	// that the coarse mentions among them kept apart reach: such a
	// mention's place depends on every event it matches.
	load := func(events map[int64]bool) ([]*farsight.Mention, error) {
		out, err := w.eventMentions(events)
		for k := 0; err == nil && k < len(out); k++ {
			m := out[k]
			if !strings.HasPrefix(m.Link, farsight.LinkKeptApart) {
				continue
			}
			win, ok := g.Window(m)
			if !ok {
				continue
			}
			reached := map[int64]bool{}
			if err = block(reached, win, false); err != nil {
				break
			}
			for id := range reached {
				if events[id] || affected[id] {
					delete(reached, id)
				}
			}
			var more []*farsight.Mention
			if more, err = w.eventMentions(reached); err == nil {
				maps.Copy(events, reached)
				out = append(out, more...)
			}
		}
		return out, err
	}
	first, err := load(affected)
	if err != nil {
		return err
	}
	all := slices.Concat(first, ms)

	// What each stored mention was, to tell which events change.
	type was struct {
		event int64
		link  string
		dup   int64
	}
	before := map[int64]was{}
	size := map[int64]int{}
	remember := func(ms []*farsight.Mention) {
		for _, m := range ms {
			before[m.ID] = was{m.EventID, m.Link, m.DuplicateOf}
			size[m.EventID]++
		}
	}
	remember(first)
	groups := g.Group(all)

	// One step further: where stored events merge or split, a coarse
	// mention that reaches their fine mentions may now match one event
	// where it matched several, or the reverse. Its event is regrouped too.
	restructured := maps.Clone(changed)
	groupOf := map[int64]int{} // stored event -> a group holding its fine mentions
	eventOf := map[int]int64{} // group -> a stored event whose fine mentions it holds
	for i, grp := range groups {
		for _, m := range grp {
			old := before[m.ID].event
			if old == 0 || g.Coarse(m) {
				continue
			}
			if k, ok := groupOf[old]; ok && k != i {
				restructured[old] = true // split
			}
			groupOf[old] = i
			if o, ok := eventOf[i]; ok && o != old {
				restructured[old], restructured[o] = true, true // merged
			}
			eventOf[i] = old
		}
	}
	if len(restructured) > 0 {
		more := map[int64]bool{}
		for _, m := range first {
			if !restructured[m.EventID] || g.Coarse(m) {
				continue
			}
			if win, ok := g.Window(m); ok {
				if err := block(more, win, true); err != nil {
					return err
				}
			}
		}
		for id := range more {
			if affected[id] {
				delete(more, id)
			}
		}
		if len(more) > 0 {
			second, err := load(more)
			if err != nil {
				return err
			}
			maps.Copy(affected, more)
			remember(second)
			all = append(all, second...)
			groups = g.Group(all)
		}
	}

	// New events get their IDs in the order their reports came.
	rank := func(m *farsight.Mention) int64 {
		if m.ID != 0 {
			return m.ID
		}
		return order[m]
	}
	lowest := func(grp []*farsight.Mention) int64 {
		r := rank(grp[0])
		for _, m := range grp[1:] {
			r = min(r, rank(m))
		}
		return r
	}
	slices.SortStableFunc(groups, func(a, b []*farsight.Mention) int { return cmp.Compare(lowest(a), lowest(b)) })

	// Each group keeps the ID of the stored event most of its mentions
	// were in (the lowest on a tie); the others get new events.
	used := map[int64]bool{}
	for _, grp := range groups {
		count := map[int64]int{}
		for _, m := range grp {
			if m.EventID != 0 {
				count[m.EventID]++
			}
			for old := range formerly[m.ReportID] {
				count[old]++
			}
		}
		var id int64
		for old, n := range count {
			if used[old] {
				continue
			}
			if id == 0 || n > count[id] || (n == count[id] && old < id) {
				id = old
			}
		}
		// An event is rewritten only when its mentions or their copies
		// changed: its derivation depends on nothing else.
		same := id != 0 && !changed[id] && len(count) == 1 && count[id] == len(grp) && size[id] == len(grp)
		for _, m := range grp {
			same = same && m.DuplicateOf == before[m.ID].dup
		}
		if same {
			used[id] = true
		} else {
			e, err := g.Derive(grp)
			if err != nil {
				return err
			}
			if err := e.Validate(); err != nil {
				return err
			}
			if id != 0 {
				used[id] = true
				e.ID = id
				if err := w.updateEvent(e); err != nil {
					return err
				}
			} else if err := w.insertEvent(e); err != nil {
				return err
			}
			id = e.ID
		}
		for _, m := range grp {
			m.EventID = id
			if m.ID == 0 {
				continue // stored below
			}
			if before[m.ID] == (was{id, m.Link, m.DuplicateOf}) {
				continue
			}
			if _, err := w.exec(`UPDATE mentions SET event_id = ?, link = ?, duplicate_of = ? WHERE id = ?`, id, m.Link, m.DuplicateOf, m.ID); err != nil {
				return err
			}
		}
	}
	for _, m := range ms {
		if err := w.insertMention(m, g); err != nil {
			return err
		}
	}
	for id := range affected {
		if used[id] {
			continue
		}
		if err := w.deleteParts(id); err != nil {
			return err
		}
		if _, err := w.exec(`DELETE FROM events WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete merged event: %w", err)
		}
	}
	return formatError(tx.Commit())
}

// int64Args returns ids as query arguments.
func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// rows calls fn for each row a query returns.
func (w *writer) rows(fn func(*sql.Rows) error, query string, args ...any) error {
	rows, err := w.query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// eventIDs adds the event IDs a query returns to set.
func (w *writer) eventIDs(set map[int64]bool, query string, args ...any) error {
	rows, err := w.query(query, args...)
	if err != nil {
		return fmt.Errorf("blocking: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		set[id] = true
	}
	return rows.Err()
}

// eventMentions returns the stored mentions of a set of events.
func (w *writer) eventMentions(events map[int64]bool) ([]*farsight.Mention, error) {
	ids := make([]int64, 0, len(events))
	for id := range events {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []*farsight.Mention
	for chunk := range slices.Chunk(ids, 500) {
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		ms, err := loadMentions(w.ctx, w.tx, `m.event_id IN (`+marks(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("load mentions: %w", err)
		}
		out = append(out, ms...)
	}
	return out, nil
}
