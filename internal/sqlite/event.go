package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
)

var _ farsight.EventService = (*EventService)(nil)

// EventService stores events in SQLite.
type EventService struct {
	db *DB
}

// NewEventService returns an EventService on db.
func NewEventService(db *DB) *EventService {
	return &EventService{db: db}
}

// undatedDay is the R*Tree day coordinate of events without a date: far
// outside any date a filter can name.
const undatedDay = -1000000

const eventColumns = `e.id, e.type, e.actor, e.date, e.date_end, e.date_precision, e.date_inferred, e.lat, e.lon, e.geo_precision,
	e.place_id, e.place_name, e.country, e.admin1, e.outcome, e.confidence, e.extractor_version, e.version, e.created_at, e.updated_at,
	e.front_km, e.front_side, e.frontline_date, e.border_km, e.in_occupied, e.marine_region, e.status, e.status_reason, e.findings, e.evening, e.night`

func scanEvent(row interface{ Scan(...any) error }) (*farsight.Event, error) {
	var e farsight.Event
	var lat, lon, frontKm, borderKm sql.NullFloat64
	var occupied sql.NullBool
	var typ, actor, prec, geoPrec, created, updated, status, findings string
	if err := row.Scan(&e.ID, &typ, &actor, &e.Date, &e.DateEnd, &prec, &e.DateInferred, &lat, &lon, &geoPrec,
		&e.PlaceID, &e.PlaceName, &e.Country, &e.Admin1, &e.Outcome, &e.Confidence, &e.ExtractorVersion, &e.Version, &created, &updated,
		&frontKm, &e.FrontSide, &e.FrontlineDate, &borderKm, &occupied, &e.MarineRegion, &status, &e.StatusReason, &findings, &e.Evening, &e.Night); err != nil {
		return nil, err
	}
	e.Status = farsight.Verification(status)
	if findings != "" {
		if err := json.Unmarshal([]byte(findings), &e.Findings); err != nil {
			return nil, fmt.Errorf("event %d findings: %w", e.ID, err)
		}
	}
	e.FrontKm, e.BorderKm = nullFloat(frontKm), nullFloat(borderKm)
	if occupied.Valid {
		e.InOccupied = &occupied.Bool
	}
	e.Type, e.Actor = farsight.EventType(typ), farsight.Actor(actor)
	e.DatePrecision, e.GeoPrecision = farsight.DatePrecision(prec), farsight.GeoPrecision(geoPrec)
	if lat.Valid && lon.Valid {
		e.Point = &farsight.Point{Lat: lat.Float64, Lon: lon.Float64}
	}
	var err error
	if e.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	e.UpdatedAt, err = parseTime(updated)
	return &e, err
}

// FindEventByID returns the event with its claims, places and targets.
func (s *EventService) FindEventByID(ctx context.Context, id int64) (*farsight.Event, error) {
	e, err := scanEvent(s.db.db.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = ?`, id))
	if errNoRows(err) {
		return nil, farsight.Errorf(farsight.ENOTFOUND, "event %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("find event: %w", err)
	}
	if err := s.attach(ctx, e); err != nil {
		return nil, fmt.Errorf("find event %d: %w", id, err)
	}
	if e.Mentions, err = s.FindMentions(ctx, id); err != nil {
		return nil, err
	}
	if e.Records, err = s.records(ctx, e); err != nil {
		return nil, fmt.Errorf("find event %d: records: %w", id, err)
	}
	return e, nil
}

// records returns the firsts and maxima an event sets among the events
// stored before it (by date, then ID): the first of its type by its actor
// in its sea and in its admin-1 region, and the farthest strike of its
// actor behind the front line so far.
func (s *EventService) records(ctx context.Context, e *farsight.Event) ([]string, error) {
	if e.Date == "" {
		return nil, nil
	}
	const earlier = `(o.date < ? OR (o.date = ? AND o.id < ?)) AND o.date != ''`
	var out []string
	first := func(where string, args ...any) (bool, error) {
		var exists bool
		err := s.db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events o WHERE `+where+` AND o.type = ? AND o.actor = ? AND `+earlier+`)`,
			append(args, string(e.Type), string(e.Actor), e.Date, e.Date, e.ID)...).Scan(&exists)
		return !exists, err
	}
	who := string(e.Type) + " by " + string(e.Actor)
	if e.MarineRegion != "" {
		if ok, err := first(`o.marine_region = ?`, e.MarineRegion); err != nil {
			return nil, err
		} else if ok {
			out = append(out, fmt.Sprintf("first %s in the %s", who, e.MarineRegion))
		}
	}
	if e.Admin1 != "" && e.Country != "" {
		if ok, err := first(`o.country = ? AND o.admin1 = ?`, e.Country, e.Admin1); err != nil {
			return nil, err
		} else if ok {
			out = append(out, fmt.Sprintf("first %s in %s", who, e.Admin1))
		}
	}
	far := map[farsight.Actor]string{farsight.ActorUkraine: "russian_held", farsight.ActorRussia: "ukrainian_held"}
	if side, ok := far[e.Actor]; ok && e.FrontKm != nil && e.FrontSide == side {
		var prev sql.NullFloat64
		var prevDate sql.NullString
		err := s.db.db.QueryRowContext(ctx, `SELECT o.front_km, o.date FROM events o WHERE o.actor = ? AND o.front_side = ? AND o.front_km IS NOT NULL AND `+earlier+`
			ORDER BY o.front_km DESC LIMIT 1`, string(e.Actor), side, e.Date, e.Date, e.ID).Scan(&prev, &prevDate)
		switch {
		case errNoRows(err):
			out = append(out, fmt.Sprintf("farthest %s strike behind the front line so far: %.0f km (the first stored)", e.Actor, *e.FrontKm))
		case err != nil:
			return nil, err
		case *e.FrontKm > prev.Float64:
			out = append(out, fmt.Sprintf("farthest %s strike behind the front line so far: %.0f km (previous %.0f km on %s)", e.Actor, *e.FrontKm, prev.Float64, prevDate.String))
		}
	}
	return out, nil
}

// attach loads an event's claims, places and targets.
func (s *EventService) attach(ctx context.Context, e *farsight.Event) error {
	rows, err := s.db.db.QueryContext(ctx, `SELECT c.id, c.report_id, c.kind, c.speaker, c.speaker_kind, c.stance, c.text, c.span_start, c.span_end,
			c.value, c.unit, c.qualifier, c.reference, d.quoted_km, d.computed_km, d.min_km, d.max_km, d.verdict, d.basis
		FROM claims c LEFT JOIN distance_checks d ON d.claim_id = c.id WHERE c.event_id = ? ORDER BY c.id`, e.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c := farsight.Claim{EventID: e.ID}
		var kind, speakerKind, stance string
		var value, quoted, computed, minKm, maxKm sql.NullFloat64
		var verdict, basis sql.NullString
		if err := rows.Scan(&c.ID, &c.ReportID, &kind, &c.Speaker, &speakerKind, &stance, &c.Text, &c.Span.Start, &c.Span.End,
			&value, &c.Unit, &c.Qualifier, &c.Reference, &quoted, &computed, &minKm, &maxKm, &verdict, &basis); err != nil {
			return err
		}
		c.Kind, c.SpeakerKind, c.Stance = farsight.ClaimKind(kind), farsight.SourceKind(speakerKind), farsight.Stance(stance)
		c.Value = nullFloat(value)
		if verdict.Valid {
			c.Check = &farsight.DistanceCheck{QuotedKm: quoted.Float64, ComputedKm: nullFloat(computed), MinKm: minKm.Float64,
				MaxKm: nullFloat(maxKm), Verdict: verdict.String, Basis: basis.String}
		}
		e.Claims = append(e.Claims, &c)
	}
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = s.db.db.QueryContext(ctx, `SELECT place_id, name, role, report_id, span_start, span_end FROM event_places WHERE event_id = ? ORDER BY id`, e.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p farsight.EventPlace
		if err := rows.Scan(&p.PlaceID, &p.Name, &p.Role, &p.ReportID, &p.Span.Start, &p.Span.End); err != nil {
			return err
		}
		e.Places = append(e.Places, &p)
	}
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = s.db.db.QueryContext(ctx, `SELECT category, name, count, COALESCE(asset_id, 0), asset_key, report_id, span_start, span_end FROM event_targets WHERE event_id = ? ORDER BY id`, e.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t farsight.Target
		if err := rows.Scan(&t.Category, &t.Name, &t.Count, &t.AssetID, &t.AssetKey, &t.ReportID, &t.Span.Start, &t.Span.End); err != nil {
			return err
		}
		e.Targets = append(e.Targets, t)
	}
	return rows.Err()
}

// FindEvents returns one page of matching events and the next page's cursor.
//
// Without a bounding box the query walks the date index and stops after one
// page. With one, it asks the R*Tree for the box in windows of start days,
// newest first, each window four times longer than the last, until the page
// is full: a map query then costs about one narrow window however much
// history the store holds, instead of sorting every event in the box.
func (s *EventService) FindEvents(ctx context.Context, f farsight.EventFilter) ([]*farsight.Event, string, error) {
	q, err := s.eventQuery(ctx, f)
	if err != nil {
		return nil, "", err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = farsight.DefaultPageSize
	}
	limit = min(limit, farsight.MaxPageSize)
	cursorDate, hasCursor := "", f.After != ""
	if hasCursor {
		date, id, err := parseCursor(f.After)
		if err != nil {
			return nil, "", err
		}
		cursorDate = date
		q.where = append(q.where, "(e.date, e.id) < (?, ?)")
		q.args = append(q.args, date, id)
	}

	var out []*farsight.Event
	if f.BBox == nil {
		if out, err = s.queryEvents(ctx, q, nil, limit+1); err != nil {
			return nil, "", err
		}
	} else {
		// Dated events, by windows of start day from hi down to lo.
		// Both walk one end of the date index.
		var minDate, maxDate sql.NullString
		if err := s.db.db.QueryRowContext(ctx, `SELECT (SELECT date FROM events WHERE date > '' ORDER BY date LIMIT 1), (SELECT date FROM events WHERE date > '' ORDER BY date DESC LIMIT 1)`).Scan(&minDate, &maxDate); err != nil {
			return nil, "", fmt.Errorf("find events: date range: %w", err)
		}
		if minDate.Valid && (!hasCursor || cursorDate != "") {
			hi, lo := dayNumber(maxDate.String), dayNumber(minDate.String)
			if hasCursor {
				hi = min(hi, dayNumber(cursorDate))
			}
			if q.toDate != "" {
				hi = min(hi, dayNumber(q.toDate))
			}
			if q.fromDate != "" {
				lo = max(lo, dayNumber(q.fromDate)-int64(q.span))
			}
			for w := int64(32); hi >= lo && len(out) <= limit; w *= 4 {
				page, err := s.queryEvents(ctx, q, []any{hi - w + 1, hi}, limit+1-len(out))
				if err != nil {
					return nil, "", err
				}
				out = append(out, page...)
				hi -= w
			}
		}
		if len(out) <= limit && q.fromDate == "" && q.toDate == "" {
			page, err := s.queryEvents(ctx, q, []any{undatedDay, undatedDay}, limit+1-len(out))
			if err != nil {
				return nil, "", err
			}
			out = append(out, page...)
		}
	}
	var next string
	if len(out) > limit {
		out = out[:limit]
		last := out[limit-1]
		next = formatCursor(last.Date, last.ID)
	}
	return out, next, nil
}

// queryEvents runs q, restricted to R*Tree start days in [days[0], days[1]]
// when days is not nil, and returns up to limit events in page order.
func (s *EventService) queryEvents(ctx context.Context, q *eventQuery, days []any, limit int) ([]*farsight.Event, error) {
	from, fromArgs, order := q.source(days, true)
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM `+from+` WHERE `+strings.Join(q.where, " AND ")+
		` ORDER BY `+order+` LIMIT ?`, slices.Concat(fromArgs, q.args, []any{limit})...)
	if err != nil {
		return nil, fmt.Errorf("find events: %w", err)
	}
	defer rows.Close()
	var out []*farsight.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find events: %w", err)
	}
	return out, nil
}

// CountEvents returns how many events match f.
func (s *EventService) CountEvents(ctx context.Context, f farsight.EventFilter) (int, error) {
	q, err := s.eventQuery(ctx, f)
	if err != nil {
		return 0, err
	}
	from, fromArgs, _ := q.source(nil, false)
	var n int
	if err := s.db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+` WHERE `+strings.Join(q.where, " AND "), slices.Concat(fromArgs, q.args)...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

type eventQuery struct {
	where []string
	args  []any
	// box holds the R*Tree conditions of a bounding box, on the columns
	// of events_rtree, and their arguments; nil without a box.
	box     []string
	boxArgs []any

	// fromDate and toDate are the filter's date bounds, "" when open; span
	// is the longest stored date range in days, known when fromDate is set.
	fromDate, toDate string
	span             int
}

// source returns the FROM clause of q with its arguments, and the ORDER BY
// of the page order. A bounding box drives the query from the R*Tree (with
// the date range as its third dimension), restricted to start days in
// [days[0], days[1]] when days is not nil; otherwise it walks the date
// index. When ordered, the R*Tree's candidates are sorted by start day and
// ID in a subquery, which is the page order (the start day is the day
// number of the date), so that the outer query looks events up only until
// the page is full instead of looking up every candidate to sort them.
func (q *eventQuery) source(days []any, ordered bool) (string, []any, string) {
	if q.box == nil {
		return "events e", nil, "e.date DESC, e.id DESC"
	}
	where, args := q.box, q.boxArgs
	if days != nil {
		where = append(where[:len(where):len(where)], "min_day BETWEEN ? AND ?")
		args = append(args[:len(args):len(args)], days...)
	}
	sub := `SELECT id, min_day FROM events_rtree WHERE ` + strings.Join(where, " AND ")
	if ordered {
		// LIMIT -1 (no limit) keeps SQLite from flattening the subquery
		// into the join, so that its order is the outer query's.
		sub += ` ORDER BY min_day DESC, id DESC LIMIT -1`
	}
	return `(` + sub + `) r CROSS JOIN events e ON e.id = r.id`, args, "r.min_day DESC, r.id DESC"
}

// eventQuery translates a filter into R*Tree conditions (for a bounding
// box) and WHERE clauses on the events.
func (s *EventService) eventQuery(ctx context.Context, f farsight.EventFilter) (*eventQuery, error) {
	q := &eventQuery{where: []string{"1 = 1"}}
	var from, to string
	var err error
	if f.From != nil {
		if from, err = checkDate("from", *f.From); err != nil {
			return nil, err
		}
	}
	if f.To != nil {
		if to, err = checkDate("to", *f.To); err != nil {
			return nil, err
		}
	}
	if from != "" && to != "" && from > to {
		return nil, farsight.Errorf(farsight.EINVALID, "from date %s is after to date %s", from, to)
	}
	q.fromDate, q.toDate = from, to

	if b := f.BBox; b != nil {
		if err := b.Validate(); err != nil {
			return nil, err
		}
		// The R*Tree stores 32-bit floats rounded outwards: it finds the
		// candidates, the stored coordinates decide.
		q.box = []string{"min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?"}
		q.boxArgs = []any{b.MaxLon, b.MinLon, b.MaxLat, b.MinLat}
		q.where, q.args = append(q.where, "e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?"), append(q.args, b.MinLon, b.MaxLon, b.MinLat, b.MaxLat)
		if from != "" {
			q.box, q.boxArgs = append(q.box, "max_day >= ?"), append(q.boxArgs, dayNumber(from))
		}
		if to != "" {
			q.box, q.boxArgs = append(q.box, "min_day <= ?"), append(q.boxArgs, dayNumber(to))
		}
	}
	if to != "" {
		q.where, q.args = append(q.where, "e.date <= ? AND e.date != ''"), append(q.args, to)
	}
	if from != "" {
		// Bound the walk down the date index by the longest stored range.
		if err := s.db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(span_days), 0) FROM events`).Scan(&q.span); err != nil {
			return nil, fmt.Errorf("longest event range: %w", err)
		}
		t, _ := time.Parse(time.DateOnly, from)
		q.where = append(q.where, "e.date >= ? AND e.last_date >= ?")
		q.args = append(q.args, t.AddDate(0, 0, -q.span).Format(time.DateOnly), from)
	}
	if len(f.Types) > 0 {
		marks := make([]string, len(f.Types))
		for i, t := range f.Types {
			if !t.Valid() {
				return nil, farsight.Errorf(farsight.EINVALID, "unknown event type %q", t)
			}
			marks[i] = "?"
			q.args = append(q.args, string(t))
		}
		q.where = append(q.where, "e.type IN ("+strings.Join(marks, ", ")+")")
	}
	if v := f.MinFrontKm; v != nil {
		q.where, q.args = append(q.where, "e.front_km >= ?"), append(q.args, *v)
	}
	if v := f.MaxFrontKm; v != nil {
		q.where, q.args = append(q.where, "e.front_km <= ?"), append(q.args, *v)
	}
	if v := f.Actor; v != nil {
		if !v.Valid() {
			return nil, farsight.Errorf(farsight.EINVALID, "unknown actor %q", *v)
		}
		q.where, q.args = append(q.where, "e.actor = ?"), append(q.args, string(*v))
	}
	if v := f.Status; v != nil {
		if !v.Valid() {
			return nil, farsight.Errorf(farsight.EINVALID, "unknown verification status %q", *v)
		}
		q.where, q.args = append(q.where, "e.status = ?"), append(q.args, string(*v))
	}
	if v := f.Asset; v != nil {
		q.where, q.args = append(q.where, "e.id IN (SELECT event_id FROM event_targets WHERE asset_key = ?)"), append(q.args, *v)
	}
	if v := f.Target; v != nil {
		if !farsight.ValidTargetCategory(*v) {
			return nil, farsight.Errorf(farsight.EINVALID, "unknown target category %q", *v)
		}
		q.where, q.args = append(q.where, "e.id IN (SELECT event_id FROM event_targets WHERE category = ?)"), append(q.args, *v)
	}
	if v := f.ID; v != nil {
		q.where, q.args = append(q.where, "e.id = ?"), append(q.args, *v)
	}
	if v := f.ReportID; v != nil {
		q.where, q.args = append(q.where, "e.id IN (SELECT event_id FROM mentions WHERE report_id = ?)"), append(q.args, *v)
	}
	if v := f.Text; v != nil {
		q.where = append(q.where, "e.id IN (SELECT m.event_id FROM mentions m WHERE m.report_id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?))")
		q.args = append(q.args, ftsQuery(*v))
	}
	return q, nil
}

func checkDate(name, s string) (string, error) {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", farsight.Errorf(farsight.EINVALID, "%s date %q is not YYYY-MM-DD", name, s)
	}
	return s, nil
}

// dayNumber returns the days since 1970-01-01 of a valid YYYY-MM-DD date.
func dayNumber(date string) int64 {
	t, _ := time.Parse(time.DateOnly, date)
	return t.Unix() / 86400
}

func formatCursor(date string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(date + "|" + strconv.FormatInt(id, 10)))
}

func parseCursor(s string) (string, int64, error) {
	bad := farsight.Errorf(farsight.EINVALID, "malformed cursor")
	buf, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", 0, bad
	}
	date, idText, ok := strings.Cut(string(buf), "|")
	if !ok {
		return "", 0, bad
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return "", 0, bad
	}
	if date != "" {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			return "", 0, bad
		}
	}
	return date, id, nil
}

// CreateEvents stores new events with their claims, places and targets.
func (s *EventService) CreateEvents(ctx context.Context, es []*farsight.Event) error {
	for _, e := range es {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createEvents(ctx, tx, es, s.db.Now().UTC()); err != nil {
		return err
	}
	return formatError(tx.Commit())
}

func createEvents(ctx context.Context, tx *sql.Tx, es []*farsight.Event, now time.Time) error {
	w := newWriter(ctx, tx, now)
	defer w.close()
	for _, e := range es {
		if err := w.insertEvent(e); err != nil {
			return err
		}
		// The event as given is its own single mention, so that later
		// merging can regroup it.
		var report int64
		if len(e.Claims) > 0 {
			report = e.Claims[0].ReportID
		}
		m := &farsight.Mention{EventID: e.ID, ReportID: report, Key: fmt.Sprintf("event %020d", e.ID), Event: e}
		if err := w.insertMention(m, nil); err != nil {
			return err
		}
	}
	return nil
}

// writer runs the statements of one write transaction, each prepared once.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	now   time.Time
}

func newWriter(ctx context.Context, tx *sql.Tx, now time.Time) *writer {
	return &writer{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, now: now}
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	res, err := st.ExecContext(w.ctx, args...)
	return res, formatError(err)
}

func (w *writer) query(query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
}

// stmt returns the transaction's prepared statement for query.
func (w *writer) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

// marks returns n comma-separated SQL placeholders.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// eventRow returns the stored columns of an event, in eventFields order.
func eventRow(e *farsight.Event) []any {
	var lat, lon any
	if e.Point != nil {
		lat, lon = e.Point.Lat, e.Point.Lon
	}
	last, span := lastDay(e)
	findings := ""
	if len(e.Findings) > 0 {
		buf, _ := json.Marshal(e.Findings)
		findings = string(buf)
	}
	return []any{string(e.Type), string(e.Actor), e.Date, e.DateEnd, last, span, string(e.DatePrecision), e.DateInferred, lat, lon, string(e.GeoPrecision),
		e.PlaceID, e.PlaceName, e.Country, e.Admin1, e.Outcome, e.Confidence, e.ExtractorVersion, e.Version,
		nullable(e.FrontKm), e.FrontSide, e.FrontlineDate, nullable(e.BorderKm), nullable(e.InOccupied), e.MarineRegion,
		string(e.Status), e.StatusReason, findings, e.Evening, e.Night}
}

const eventFields = `type, actor, date, date_end, last_date, span_days, date_precision, date_inferred, lat, lon, geo_precision,
	place_id, place_name, country, admin1, outcome, confidence, extractor_version, version,
	front_km, front_side, frontline_date, border_km, in_occupied, marine_region, status, status_reason, findings, evening, night`

func lastDay(e *farsight.Event) (string, int) {
	if e.DateEnd != "" {
		return e.DateEnd, int(dayNumber(e.DateEnd) - dayNumber(e.Date))
	}
	return e.Date, 0
}

// insertEvent stores a new event with its claims, places and targets and
// sets its ID.
func (w *writer) insertEvent(e *farsight.Event) error {
	e.Version = max(e.Version, 1)
	nowText := formatTime(w.now)
	row := append(eventRow(e), nowText, nowText)
	res, err := w.exec(`INSERT INTO events (`+eventFields+`, created_at, updated_at) VALUES (`+marks(len(row))+`)`, row...)
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	e.CreatedAt, e.UpdatedAt = w.now, w.now
	return w.insertParts(e)
}

// updateEvent replaces a stored event's fields and parts, and counts the
// change in its version.
func (w *writer) updateEvent(e *farsight.Event) error {
	row := append(eventRow(e), formatTime(w.now))
	st, err := w.stmt(`UPDATE events SET (` + eventFields + `, updated_at) = (` + marks(len(row)) + `), version = version + 1 WHERE id = ? RETURNING version`)
	if err != nil {
		return err
	}
	if err := st.QueryRowContext(w.ctx, append(row, e.ID)...).Scan(&e.Version); err != nil {
		return fmt.Errorf("update event %d: %w", e.ID, formatError(err))
	}
	e.UpdatedAt = w.now
	if err := w.deleteParts(e.ID); err != nil {
		return err
	}
	return w.insertParts(e)
}

// deleteParts removes an event's claims, places, targets and index entry.
func (w *writer) deleteParts(id int64) error {
	for _, q := range []string{`DELETE FROM claims WHERE event_id = ?`, `DELETE FROM event_places WHERE event_id = ?`,
		`DELETE FROM event_targets WHERE event_id = ?`, `DELETE FROM events_rtree WHERE id = ?`} {
		if _, err := w.exec(q, id); err != nil {
			return fmt.Errorf("delete event parts: %w", err)
		}
	}
	return nil
}

// insertParts stores an event's index entry, claims, places and targets.
func (w *writer) insertParts(e *farsight.Event) error {
	if e.Point != nil {
		minDay, maxDay := int64(undatedDay), int64(undatedDay)
		if e.Date != "" {
			last, _ := lastDay(e)
			minDay, maxDay = dayNumber(e.Date), dayNumber(last)
		}
		if _, err := w.exec(`INSERT INTO events_rtree (id, min_lon, max_lon, min_lat, max_lat, min_day, max_day) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.ID, e.Point.Lon, e.Point.Lon, e.Point.Lat, e.Point.Lat, minDay, maxDay); err != nil {
			return fmt.Errorf("index event: %w", err)
		}
	}
	for _, c := range e.Claims {
		c.EventID = e.ID
		res, err := w.exec(`INSERT INTO claims (event_id, report_id, kind, speaker, speaker_kind, stance, text, span_start, span_end, value, unit, qualifier, reference)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, c.ReportID, string(c.Kind), c.Speaker, string(c.SpeakerKind), string(c.Stance), c.Text, c.Span.Start, c.Span.End, nullable(c.Value), c.Unit, c.Qualifier, c.Reference)
		if err != nil {
			return fmt.Errorf("insert claim: %w", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := saveCheck(w.exec, c); err != nil {
			return err
		}
	}
	for _, p := range e.Places {
		if err := w.upsertPlace(p); err != nil {
			return err
		}
		if _, err := w.exec(`INSERT INTO event_places (event_id, report_id, place_id, name, role, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.ID, p.ReportID, p.PlaceID, p.Name, p.Role, p.Span.Start, p.Span.End); err != nil {
			return fmt.Errorf("insert event place: %w", err)
		}
	}
	for i := range e.Targets {
		t := &e.Targets[i]
		if t.AssetKey != "" && t.AssetID == 0 {
			st, err := w.stmt(`SELECT id FROM assets WHERE key = ?`)
			if err != nil {
				return err
			}
			if err := st.QueryRowContext(w.ctx, t.AssetKey).Scan(&t.AssetID); err != nil && !errNoRows(err) {
				return fmt.Errorf("find asset %s: %w", t.AssetKey, err)
			}
		}
		var asset any
		if t.AssetID != 0 {
			asset = t.AssetID
		}
		if _, err := w.exec(`INSERT INTO event_targets (event_id, report_id, category, name, count, asset_id, asset_key, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, t.ReportID, t.Category, t.Name, t.Count, asset, t.AssetKey, t.Span.Start, t.Span.End); err != nil {
			return fmt.Errorf("insert event target: %w", err)
		}
	}
	return nil
}

// upsertPlace keeps a copy of a place's gazetteer entry, when the extractor
// gave one.
func (w *writer) upsertPlace(p *farsight.EventPlace) error {
	pl := p.Place
	if pl == nil {
		return nil
	}
	if _, err := w.exec(`INSERT INTO places (id, name, kind, lat, lon, country, admin1, admin1_code, admin2, population)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, lat = excluded.lat, lon = excluded.lon,
			country = excluded.country, admin1 = excluded.admin1, admin1_code = excluded.admin1_code, admin2 = excluded.admin2, population = excluded.population`,
		pl.ID, pl.Name, string(pl.Kind), pl.Lat, pl.Lon, pl.Country, pl.Admin1, pl.Admin1Code, pl.Admin2, pl.Population); err != nil {
		return fmt.Errorf("upsert place: %w", err)
	}
	return nil
}

// saveCheck stores (or replaces) the distance check of a claim; a claim
// without one has its stored check removed.
func saveCheck(exec func(string, ...any) (sql.Result, error), c *farsight.Claim) error {
	if c.Check == nil {
		_, err := exec(`DELETE FROM distance_checks WHERE claim_id = ?`, c.ID)
		return err
	}
	k := c.Check
	_, err := exec(`INSERT INTO distance_checks (claim_id, quoted_km, computed_km, min_km, max_km, verdict, basis) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (claim_id) DO UPDATE SET quoted_km = excluded.quoted_km, computed_km = excluded.computed_km, min_km = excluded.min_km,
			max_km = excluded.max_km, verdict = excluded.verdict, basis = excluded.basis`,
		c.ID, k.QuotedKm, nullable(k.ComputedKm), k.MinKm, nullable(k.MaxKm), k.Verdict, k.Basis)
	if err != nil {
		return fmt.Errorf("save distance check: %w", err)
	}
	return nil
}

// UpdateEventGeography stores the enrichment fields of stored events.
func (s *EventService) UpdateEventGeography(ctx context.Context, es []*farsight.Event) error {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	update, err := tx.PrepareContext(ctx, `UPDATE events SET country = ?, admin1 = ?, front_km = ?, front_side = ?, frontline_date = ?,
		border_km = ?, in_occupied = ?, marine_region = ?, updated_at = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer update.Close()
	exec := func(q string, args ...any) (sql.Result, error) {
		res, err := tx.ExecContext(ctx, q, args...)
		return res, formatError(err)
	}
	now := formatTime(s.db.Now())
	for _, e := range es {
		res, err := update.ExecContext(ctx, e.Country, e.Admin1, nullable(e.FrontKm), e.FrontSide, e.FrontlineDate,
			nullable(e.BorderKm), nullable(e.InOccupied), e.MarineRegion, now, e.ID)
		if err != nil {
			return formatError(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return farsight.Errorf(farsight.ENOTFOUND, "event %d not found", e.ID)
		}
		for _, c := range e.Claims {
			if c.Kind == farsight.ClaimDistance && c.ID != 0 {
				if err := saveCheck(exec, c); err != nil {
					return err
				}
			}
		}
	}
	return tx.Commit()
}

func nullFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

// nullable turns a nil pointer into SQL NULL and any other into its value.
func nullable[T any](v *T) any {
	if v == nil {
		return nil
	}
	return *v
}

// DeleteEvent removes an event with its claims, places and targets.
func (s *EventService) DeleteEvent(ctx context.Context, id int64) error {
	tx, err := s.db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE event_id = ?`, id); err != nil {
		return formatError(err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id = ?`, id)
	if err != nil {
		return formatError(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return farsight.Errorf(farsight.ENOTFOUND, "event %d not found", id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM events_rtree WHERE id = ?`, id); err != nil {
		return err
	}
	return tx.Commit()
}
