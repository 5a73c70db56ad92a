package cli

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/spf13/cobra"
)

//go:embed samples/reports.jsonl
var sampleReports []byte

func (m *Main) demoCommand() *cobra.Command {
	var keep string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Ingest the bundled sample reports into a temporary database and print the events",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := os.MkdirTemp("", "farsight-demo-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			m.Config.DB = filepath.Join(dir, "demo.db")
			if keep != "" {
				m.Config.DB = keep
			}
			p, err := m.newPipeline(cmd)
			if err != nil {
				return err
			}
			in := &inputFlags{format: "jsonl"}
			r, err := in.reader("samples/reports.jsonl", bytes.NewReader(sampleReports))
			if err != nil {
				return err
			}
			st, err := m.ingestReader(cmd.Context(), p, r, "samples/reports.jsonl", 1000)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "Ingested %d sample reports: %d new, %d duplicates, %d events (database %s).\n\n",
				st.read, st.res.New, st.res.Duplicates, st.res.Events, m.Config.DB)
			events := sqlite.NewEventService(m.db)
			evs, _, err := events.FindEvents(cmd.Context(), farsight.EventFilter{Limit: farsight.MaxPageSize})
			if err != nil {
				return err
			}
			writeEventTable(m.Stdout, evs)
			for _, e := range evs {
				if e.PlaceName == "Kaspiysk" {
					full, err := events.FindEventByID(cmd.Context(), e.ID)
					if err != nil {
						return err
					}
					fmt.Fprintln(m.Stdout)
					if err := writeEvent(cmd.Context(), m.Stdout, full, sqlite.NewReportService(m.db)); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&keep, "keep", "", "keep the demo database in this file instead of a temporary one")
	return cmd
}
