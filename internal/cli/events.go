package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/spf13/cobra"
)

func (m *Main) eventsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List, show and export stored events",
	}
	cmd.AddCommand(m.eventsListCommand(), m.eventsShowCommand(), m.eventsExportCommand(), &cobra.Command{
		Use:   "enrich",
		Short: "Compute the geography of every stored event again (after new front-line data)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := m.openDB(cmd.Context()); err != nil {
				return err
			}
			n, err := m.reenrich(cmd)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "enriched %d events\n", n)
			return nil
		},
	})
	return cmd
}

// filterFlags are the event filter flags shared by list and export.
type filterFlags struct {
	from, to, bbox, actor, text string
	minFront, maxFront          float64
	types                       []string
	limit                       int
	after                       string
}

func (f *filterFlags) register(cmd *cobra.Command, paging bool) {
	fl := cmd.Flags()
	fl.StringVar(&f.from, "from", "", "first event date, YYYY-MM-DD")
	fl.StringVar(&f.to, "to", "", "last event date, YYYY-MM-DD")
	fl.StringVar(&f.bbox, "bbox", "", "bounding box: min_lon,min_lat,max_lon,max_lat")
	fl.StringSliceVar(&f.types, "type", nil, "event types (repeat or comma-separate), e.g. drone_strike,missile_strike")
	fl.StringVar(&f.actor, "actor", "", "actor: ukraine, russia or unknown")
	fl.StringVarP(&f.text, "query", "q", "", "full-text query over the events' reports")
	fl.Float64Var(&f.minFront, "min-front-km", -1, "only events at least this far from the front line")
	fl.Float64Var(&f.maxFront, "max-front-km", -1, "only events at most this far from the front line")
	if paging {
		fl.IntVar(&f.limit, "limit", farsight.DefaultPageSize, fmt.Sprintf("page size (at most %d)", farsight.MaxPageSize))
		fl.StringVar(&f.after, "after", "", "cursor printed with the previous page")
	}
}

func (f *filterFlags) filter() (farsight.EventFilter, error) {
	var ef farsight.EventFilter
	if f.from != "" {
		ef.From = &f.from
	}
	if f.to != "" {
		ef.To = &f.to
	}
	if f.bbox != "" {
		b, err := parseBBox(f.bbox)
		if err != nil {
			return ef, err
		}
		ef.BBox = &b
	}
	for _, t := range f.types {
		ef.Types = append(ef.Types, farsight.EventType(strings.TrimSpace(t)))
	}
	if f.actor != "" {
		a := farsight.Actor(f.actor)
		ef.Actor = &a
	}
	if f.text != "" {
		ef.Text = &f.text
	}
	if f.minFront >= 0 {
		ef.MinFrontKm = &f.minFront
	}
	if f.maxFront >= 0 {
		ef.MaxFrontKm = &f.maxFront
	}
	if f.limit < 0 || f.limit > farsight.MaxPageSize {
		return ef, farsight.Errorf(farsight.EINVALID, "limit must be between 1 and %d", farsight.MaxPageSize)
	}
	ef.Limit, ef.After = f.limit, f.after
	return ef, nil
}

func parseBBox(s string) (farsight.BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return farsight.BBox{}, farsight.Errorf(farsight.EINVALID, "bbox %q: want min_lon,min_lat,max_lon,max_lat", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return farsight.BBox{}, farsight.Errorf(farsight.EINVALID, "bbox %q: %q is not a number", s, p)
		}
		v[i] = f
	}
	b := farsight.BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	return b, b.Validate()
}

func (m *Main) eventsListCommand() *cobra.Command {
	var ff filterFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List events, newest first, one page at a time",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			evs, next, err := sqlite.NewEventService(db).FindEvents(cmd.Context(), f)
			if err != nil {
				return err
			}
			if asJSON {
				if evs == nil {
					evs = []*farsight.Event{}
				}
				return writeJSON(m.Stdout, struct {
					Events []*farsight.Event `json:"events"`
					Next   string            `json:"next,omitempty"`
				}{evs, next})
			}
			writeEventTable(m.Stdout, evs)
			if next != "" {
				fmt.Fprintf(m.Stdout, "more: --after %s\n", next)
			}
			return nil
		},
	}
	ff.register(cmd, true)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// writeEventTable prints events as an aligned table.
func writeEventTable(w io.Writer, evs []*farsight.Event) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tTYPE\tACTOR\tPLACE\tCOUNTRY\tLAT\tLON\tCONF")
	for _, e := range evs {
		lat, lon := "-", "-"
		if e.Point != nil {
			lat, lon = strconv.FormatFloat(e.Point.Lat, 'f', 4, 64), strconv.FormatFloat(e.Point.Lon, 'f', 4, 64)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\n", e.ID, dash(e.Date), e.Type, e.Actor, dash(e.PlaceName), dash(e.Country), lat, lon, e.Confidence)
	}
	tw.Flush()
	if len(evs) == 0 {
		fmt.Fprintln(w, "(no events)")
	}
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (m *Main) eventsShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one event with its claims, places and targets",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return farsight.Errorf(farsight.EINVALID, "event ID %q is not a number", args[0])
			}
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			e, err := sqlite.NewEventService(db).FindEventByID(cmd.Context(), id)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, e)
			}
			return writeEvent(cmd.Context(), m.Stdout, e, sqlite.NewReportService(db))
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// writeEvent prints an event for a reader: what, when, where, then its
// claims grouped by report.
func writeEvent(ctx context.Context, w io.Writer, e *farsight.Event, reports farsight.ReportService) error {
	fmt.Fprintf(w, "Event %d: %s by %s\n", e.ID, e.Type, e.Actor)
	date := dash(e.Date)
	if e.DateEnd != "" {
		date += " .. " + e.DateEnd
	}
	if e.DatePrecision != "" {
		date += " (" + string(e.DatePrecision) + ")"
	}
	fmt.Fprintf(w, "  date           %s\n", date)
	place := dash(e.PlaceName)
	for _, s := range []string{e.Admin1, e.Country} {
		if s != "" {
			place += ", " + s
		}
	}
	if e.Point != nil {
		place += fmt.Sprintf(" (%.4f N, %.4f E", e.Point.Lat, e.Point.Lon)
		if e.GeoPrecision != "" {
			place += "; " + string(e.GeoPrecision)
		}
		place += ")"
	}
	fmt.Fprintf(w, "  place          %s\n", place)
	if e.MarineRegion != "" {
		fmt.Fprintf(w, "  marine_region  %s\n", e.MarineRegion)
	}
	if e.FrontKm != nil {
		fmt.Fprintf(w, "  front_km       %.1f (%s side; front line of %s)\n", *e.FrontKm, dash(e.FrontSide), e.FrontlineDate)
	}
	if e.BorderKm != nil {
		fmt.Fprintf(w, "  border_km      %.1f (to Ukraine's border; 0 inside)\n", *e.BorderKm)
	}
	if e.InOccupied != nil {
		fmt.Fprintf(w, "  in_occupied    %v (on %s)\n", *e.InOccupied, e.FrontlineDate)
	}
	for _, r := range e.Records {
		fmt.Fprintf(w, "  record         %s\n", r)
	}
	if e.Outcome != "" {
		fmt.Fprintf(w, "  outcome        %s\n", e.Outcome)
	}
	fmt.Fprintf(w, "  confidence     %.2f\n", e.Confidence)
	if e.Status != "" {
		fmt.Fprintf(w, "  status         %s: %s\n", e.Status, e.StatusReason)
	}
	for _, f := range e.Findings {
		if f.Kind != farsight.ClaimAttack {
			fmt.Fprintf(w, "    %-12s %s: %s\n", f.Kind, f.Status, f.Reason)
		}
	}
	for _, t := range e.Targets {
		s := t.Category
		if t.Count > 0 {
			s += fmt.Sprintf(" ×%d", t.Count)
		}
		if t.Name != "" {
			s += fmt.Sprintf(" %q", t.Name)
		}
		if t.AssetKey != "" {
			s += " → " + t.AssetKey
		}
		fmt.Fprintf(w, "  target         %s\n", s)
	}
	// Claims grouped by report, in the order the reports joined, each
	// with its source, why it joined and whether it is a copy.
	byReport := map[int64][]*farsight.Claim{}
	mentions := map[int64]*farsight.Mention{}
	var order []int64
	for _, m := range e.Mentions {
		if _, ok := mentions[m.ReportID]; !ok {
			mentions[m.ReportID] = m
			order = append(order, m.ReportID)
		}
	}
	for _, c := range e.Claims {
		if _, ok := byReport[c.ReportID]; !ok && mentions[c.ReportID] == nil {
			order = append(order, c.ReportID)
			mentions[c.ReportID] = &farsight.Mention{}
		}
		byReport[c.ReportID] = append(byReport[c.ReportID], c)
	}
	for _, id := range order {
		head := fmt.Sprintf("report %d", id)
		if r, err := reports.FindReportByID(ctx, id); err == nil {
			var parts []string
			for _, s := range []string{r.SourceName, r.Title} {
				if s != "" {
					parts = append(parts, s)
				}
			}
			if !r.Published.IsZero() {
				parts = append(parts, r.Published.Format("2006-01-02"))
			}
			if len(parts) > 0 {
				head += " (" + strings.Join(parts, ", ") + ")"
			}
		} else if farsight.ErrorCode(err) != farsight.ENOTFOUND {
			return err
		}
		if m := mentions[id]; m.SourceKind != "" && m.SourceKind != farsight.SourceUnknown {
			head += " [" + string(m.SourceKind) + "]"
		}
		fmt.Fprintf(w, "  %s\n", head)
		if m := mentions[id]; m.DuplicateOf != 0 {
			fmt.Fprintf(w, "    copy of report %d: adds a source, not evidence\n", m.DuplicateOf)
		}
		if m := mentions[id]; m.Link != "" {
			fmt.Fprintf(w, "    joined %s\n", m.Link)
		}
		for _, c := range byReport[id] {
			who := c.Speaker
			if who == "" {
				who = "the report"
			}
			line := fmt.Sprintf("    %-12s %-10s %s", c.Kind, c.Stance, who)
			if c.Value != nil {
				line += fmt.Sprintf(": %s %g %s from %s", c.Qualifier, *c.Value, c.Unit, c.Reference)
			}
			fmt.Fprintln(w, line)
			if k := c.Check; k != nil {
				computed := "unknown"
				if k.ComputedKm != nil {
					computed = fmt.Sprintf("%.0f km", *k.ComputedKm)
				}
				allowed := fmt.Sprintf("%.0f km or more", k.MinKm)
				if k.MaxKm != nil {
					allowed = fmt.Sprintf("%.0f-%.0f km", k.MinKm, *k.MaxKm)
				}
				fmt.Fprintf(w, "      check: %s — quoted %.0f km (allows %s), computed %s", k.Verdict, k.QuotedKm, allowed, computed)
				if k.Basis != "" {
					fmt.Fprintf(w, " to %s", k.Basis)
				}
				fmt.Fprintln(w)
			}
			if c.Text != "" {
				fmt.Fprintf(w, "      %q [%d:%d]\n", c.Text, c.Span.Start, c.Span.End)
			}
		}
	}
	return nil
}

func (m *Main) eventsExportCommand() *cobra.Command {
	var ff filterFlags
	var format, output string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export every matching event as JSONL, CSV or GeoJSON",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			var write func(ew *eventWriter) error
			switch format {
			case "jsonl":
				write = (*eventWriter).jsonl
			case "csv":
				write = (*eventWriter).csv
			case "geojson":
				write = (*eventWriter).geojson
			default:
				return farsight.Errorf(farsight.EINVALID, "export format %q: want jsonl, csv or geojson", format)
			}
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			out := m.Stdout
			if output != "" && output != "-" {
				file, err := os.Create(output)
				if err != nil {
					return farsight.Errorf(farsight.EINVALID, "%v", err)
				}
				defer func() {
					if cerr := file.Close(); err == nil {
						err = cerr
					}
				}()
				out = file
			}
			bw := bufio.NewWriterSize(out, 64<<10)
			ew := &eventWriter{ctx: cmd.Context(), w: bw, events: sqlite.NewEventService(db), filter: f}
			if err := write(ew); err != nil {
				return err
			}
			return bw.Flush()
		},
	}
	ff.register(cmd, false)
	cmd.Flags().StringVar(&format, "format", "jsonl", "jsonl, csv or geojson")
	cmd.Flags().StringVarP(&output, "output", "o", "", "output file (default stdout)")
	return cmd
}

// eventWriter streams every event matching a filter, page by page.
type eventWriter struct {
	ctx    context.Context
	w      io.Writer
	events farsight.EventService
	filter farsight.EventFilter
}

// each calls fn for every matching event, with claims, places and targets.
func (ew *eventWriter) each(fn func(e *farsight.Event) error) error {
	f := ew.filter
	f.Limit = farsight.MaxPageSize
	for {
		page, next, err := ew.events.FindEvents(ew.ctx, f)
		if err != nil {
			return err
		}
		for _, e := range page {
			full, err := ew.events.FindEventByID(ew.ctx, e.ID)
			if err != nil {
				return err
			}
			if err := fn(full); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		f.After = next
	}
}

func (ew *eventWriter) jsonl() error {
	enc := json.NewEncoder(ew.w)
	enc.SetEscapeHTML(false)
	return ew.each(func(e *farsight.Event) error { return enc.Encode(e) })
}

var csvHeader = []string{"id", "date", "date_end", "date_precision", "type", "actor", "lat", "lon", "geo_precision", "place", "place_id", "country", "admin1",
	"marine_region", "front_km", "front_side", "frontline_date", "border_km", "in_occupied", "outcome", "targets", "confidence", "claims", "reports", "extractor_version"}

func (ew *eventWriter) csv() error {
	cw := csv.NewWriter(ew.w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	err := ew.each(func(e *farsight.Event) error {
		lat, lon := "", ""
		if e.Point != nil {
			lat, lon = strconv.FormatFloat(e.Point.Lat, 'f', -1, 64), strconv.FormatFloat(e.Point.Lon, 'f', -1, 64)
		}
		var targets []string
		for _, t := range e.Targets {
			s := t.Category
			if t.Name != "" {
				s += ":" + t.Name
			}
			targets = append(targets, s)
		}
		reports := map[int64]bool{}
		for _, c := range e.Claims {
			reports[c.ReportID] = true
		}
		return cw.Write([]string{
			strconv.FormatInt(e.ID, 10), e.Date, e.DateEnd, string(e.DatePrecision), string(e.Type), string(e.Actor), lat, lon,
			string(e.GeoPrecision), e.PlaceName, e.PlaceID, e.Country, e.Admin1,
			e.MarineRegion, fmtKm(e.FrontKm), e.FrontSide, e.FrontlineDate, fmtKm(e.BorderKm), fmtBool(e.InOccupied),
			e.Outcome, strings.Join(targets, "; "),
			strconv.FormatFloat(e.Confidence, 'f', 3, 64), strconv.Itoa(len(e.Claims)), strconv.Itoa(len(reports)), e.ExtractorVersion,
		})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// geojson writes a FeatureCollection; events without a location have a
// null geometry, as RFC 7946 allows.
func (ew *eventWriter) geojson() error {
	if _, err := io.WriteString(ew.w, `{"type":"FeatureCollection","features":[`); err != nil {
		return err
	}
	first := true
	err := ew.each(func(e *farsight.Event) error {
		type geometry struct {
			Type        string     `json:"type"`
			Coordinates [2]float64 `json:"coordinates"`
		}
		feature := struct {
			Type       string          `json:"type"`
			ID         int64           `json:"id"`
			Geometry   *geometry       `json:"geometry"`
			Properties *farsight.Event `json:"properties"`
		}{Type: "Feature", ID: e.ID, Properties: e}
		if e.Point != nil {
			feature.Geometry = &geometry{Type: "Point", Coordinates: [2]float64{e.Point.Lon, e.Point.Lat}}
		}
		buf, err := json.Marshal(feature)
		if err != nil {
			return err
		}
		if !first {
			buf = append([]byte{','}, buf...)
		}
		first = false
		_, err = ew.w.Write(append(buf, '\n'))
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(ew.w, "]}\n")
	return err
}

func fmtKm(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

func fmtBool(v *bool) string {
	if v == nil {
		return ""
	}
	return strconv.FormatBool(*v)
}
