package cli

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/spf13/cobra"
)

func (m *Main) statsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "stats", Short: "Statistics over the stored events"}
	var f farsight.ReachFilter
	var from, to, actor, format string
	reach := &cobra.Command{
		Use:   "reach",
		Short: "How far behind the front line each side's strikes land, per month or week",
		Long: `Reach prints, per period and actor, how many strikes landed on the other
side's territory, and the maximum and 90th percentile of their distance from
the front line of the day (front_km): the expansion of each side's campaign
in numbers.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if from != "" {
				f.From = &from
			}
			if to != "" {
				f.To = &to
			}
			if actor != "" {
				a := farsight.Actor(actor)
				f.Actor = &a
			}
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			rows, err := sqlite.NewStatsService(db).Reach(cmd.Context(), f)
			if err != nil {
				return err
			}
			switch format {
			case "json":
				if rows == nil {
					rows = []farsight.ReachRow{}
				}
				return writeJSON(m.Stdout, rows)
			case "csv":
				w := csv.NewWriter(m.Stdout)
				w.Write([]string{"period", "actor", "events", "max_front_km", "p90_front_km"})
				for _, r := range rows {
					w.Write([]string{r.Period, string(r.Actor), strconv.Itoa(r.Events), fmt.Sprintf("%.1f", r.MaxFrontKm), fmt.Sprintf("%.1f", r.P90FrontKm)})
				}
				w.Flush()
				return w.Error()
			case "table":
				tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintln(tw, "PERIOD\tACTOR\tEVENTS\tMAX KM\tP90 KM\t")
				for _, r := range rows {
					fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%.0f\t\n", r.Period, r.Actor, r.Events, r.MaxFrontKm, r.P90FrontKm)
				}
				tw.Flush()
				if len(rows) == 0 {
					fmt.Fprintln(m.Stdout, "(no strikes with a distance from the front line)")
				}
				return nil
			}
			return farsight.Errorf(farsight.EINVALID, "format %q: want table, csv or json", format)
		},
	}
	reach.Flags().StringVar(&f.Period, "period", "month", "month or week")
	reach.Flags().StringVar(&from, "from", "", "first event date, YYYY-MM-DD")
	reach.Flags().StringVar(&to, "to", "", "last event date, YYYY-MM-DD")
	reach.Flags().StringVar(&actor, "actor", "", "ukraine or russia")
	reach.Flags().StringVar(&format, "format", "table", "table, csv or json")
	cmd.AddCommand(reach)
	return cmd
}
