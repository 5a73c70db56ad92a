package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/spf13/cobra"
)

func (m *Main) assetsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "assets", Short: "The registry of named assets (ships) and what was claimed about them"}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the registry",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			as, err := sqlite.NewAssetService(db).FindAssets(cmd.Context())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tKIND\tNAME\tCLASS\tHULL\tFLEET")
			for _, a := range as {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Key, a.Kind, a.Name, dash(a.Class), dash(a.Hull), dash(a.Fleet))
			}
			return tw.Flush()
		},
	}
	show := &cobra.Command{
		Use:   "show KEY",
		Short: "Show an asset and its status history: the events that targeted it, with what was claimed",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			a, err := sqlite.NewAssetService(db).FindAssetByKey(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			events := sqlite.NewEventService(db)
			f := farsight.EventFilter{Asset: &a.Key, Limit: farsight.MaxPageSize}
			var history []*farsight.Event
			for {
				page, next, err := events.FindEvents(cmd.Context(), f)
				if err != nil {
					return err
				}
				history = append(history, page...)
				if next == "" {
					break
				}
				f.After = next
			}
			return writeAsset(m.Stdout, a, history)
		},
	}
	cmd.AddCommand(list, show)
	return cmd
}

// writeAsset prints an asset and, oldest first, the events against it with
// the status of each kind of claim.
func writeAsset(w io.Writer, a *farsight.Asset, history []*farsight.Event) error {
	fmt.Fprintf(w, "%s (%s)\n", a.Name, a.Key)
	for _, f := range [][2]string{{"kind", a.Kind}, {"name_uk", a.NameUK}, {"name_ru", a.NameRU}, {"class", a.Class},
		{"hull", a.Hull}, {"fleet", a.Fleet}, {"home_port", a.HomePort}, {"source", a.Source}} {
		if f[1] != "" {
			fmt.Fprintf(w, "  %-10s %s\n", f[0], f[1])
		}
	}
	if len(history) == 0 {
		fmt.Fprintln(w, "  no stored event targets it")
		return nil
	}
	fmt.Fprintln(w, "  history:")
	for i := len(history) - 1; i >= 0; i-- {
		e := history[i]
		fmt.Fprintf(w, "  %s  event %d: %s by %s at %s\n", dash(e.Date), e.ID, e.Type, e.Actor, dash(e.PlaceName))
		for _, f := range e.Findings {
			fmt.Fprintf(w, "    %-12s %s: %s\n", f.Kind, f.Status, f.Reason)
		}
	}
	return nil
}
