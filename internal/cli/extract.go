package cli

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/spf13/cobra"
)

func (m *Main) extractCommand() *cobra.Command {
	var in inputFlags
	cmd := &cobra.Command{
		Use:   "extract [PATH|-]",
		Short: "Extract events from reports on stdin and print them as JSONL; nothing is stored",
		Long: `Extract reads reports (JSONL with id, text and published; CSV; or plain text)
from a file or stdin and prints one JSON line per report:
{"id": ..., "events": [...]}, events sorted by descending confidence, each with
lat, lon, place, country, date, type, geo_precision and confidence (the
evaluation contract of shared/eval/CONTRACT.md), plus actor, targets and
claims with their text spans. Nothing is stored.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "-"
			if len(args) == 1 {
				path = args[0]
			}
			x, err := m.newExtractor()
			if err != nil {
				return err
			}
			input, err := openInput(path, m.Stdin)
			if err != nil {
				return err
			}
			defer input.close()
			r, err := in.reader(path, input.body)
			if err != nil {
				return err
			}
			out := bufio.NewWriterSize(m.Stdout, 64<<10)
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			bad := 0
			for n := 1; ; n++ {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				var le *local.LineError
				if errors.As(err, &le) {
					bad++
					fmt.Fprintf(m.Stderr, "%s:%d: %s\n", displayName(path), le.Line, errorLine(le.Err))
					continue
				} else if err != nil {
					out.Flush()
					return err
				}
				rep := rec.Report
				id := rep.ExternalID
				if id == "" {
					id = strconv.Itoa(rec.Line)
				}
				var evs []*farsight.Event
				if strings.TrimSpace(rep.Text) != "" {
					rep.ID = int64(n)
					if evs, err = x.Extract(rep); err != nil {
						fmt.Fprintf(m.Stderr, "%s:%d: extract: %v\n", displayName(path), rec.Line, err)
					}
				}
				if err := enc.Encode(extractLine{ID: id, Events: contractEvents(evs)}); err != nil {
					return err
				}
			}
			if err := out.Flush(); err != nil {
				return err
			}
			if bad > 0 {
				return farsight.Errorf(farsight.EINVALID, "%d bad input lines skipped", bad)
			}
			return nil
		},
	}
	in.register(cmd)
	return cmd
}

// extractLine is one output line of the extract command.
type extractLine struct {
	ID     string          `json:"id"`
	Events []contractEvent `json:"events"`
}

// contractEvent is an event as the evaluation contract writes it, with the
// extraction details after the scored fields.
type contractEvent struct {
	Lat          *float64 `json:"lat"`
	Lon          *float64 `json:"lon"`
	Place        *string  `json:"place"`
	Country      *string  `json:"country"`
	Date         *string  `json:"date"`
	Type         string   `json:"type"`
	GeoPrecision *string  `json:"geo_precision"`
	Confidence   float64  `json:"confidence"`

	Actor         farsight.Actor         `json:"actor,omitempty"`
	DateEnd       string                 `json:"date_end,omitempty"`
	DatePrecision farsight.DatePrecision `json:"date_precision,omitempty"`
	DateInferred  bool                   `json:"date_inferred,omitempty"`
	PlaceID       string                 `json:"place_id,omitempty"`
	Admin1        string                 `json:"admin1,omitempty"`
	Outcome       string                 `json:"outcome,omitempty"`
	Targets       []farsight.Target      `json:"targets,omitempty"`
	Claims        []*farsight.Claim      `json:"claims,omitempty"`
	Places        []*farsight.EventPlace `json:"places,omitempty"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// contractEvents converts events, sorted by descending confidence (stable,
// so that ties keep the extractor's order).
func contractEvents(evs []*farsight.Event) []contractEvent {
	out := make([]contractEvent, 0, len(evs))
	for _, e := range evs {
		c := contractEvent{
			Place: optional(e.PlaceName), Country: optional(e.Country), Date: optional(e.Date), Type: string(e.Type),
			GeoPrecision: optional(string(e.GeoPrecision)), Confidence: e.Confidence,
			Actor: e.Actor, DateEnd: e.DateEnd, DatePrecision: e.DatePrecision, DateInferred: e.DateInferred, PlaceID: e.PlaceID, Admin1: e.Admin1,
			Outcome: e.Outcome, Targets: e.Targets, Claims: e.Claims, Places: e.Places,
		}
		if e.Point != nil {
			lat, lon := e.Point.Lat, e.Point.Lon
			c.Lat, c.Lon = &lat, &lon
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b contractEvent) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return out
}
