package cli

import (
	"fmt"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

func (m *Main) reextractCommand() *cobra.Command {
	var all bool
	var batch int
	cmd := &cobra.Command{
		Use:   "reextract",
		Short: "Read stored reports again with this version of the extractor and re-derive their events",
		Long: `Reextract runs the extractor on the stored reports that an older version
(or none) read, or on every report with --all, and merges what it finds in
place of what was found before: each report's mentions are replaced and the
events around them are derived again, keeping their IDs where their reports
stay together (an event's version counts each change). Events stored before
merging existed (schema 0004) are replaced by the ones their reports give.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := m.newPipeline(cmd)
			if err != nil {
				return err
			}
			version := p.Extractor.Version()
			reports := sqlite.NewReportService(m.db)
			f := farsight.ReportFilter{Limit: max(1, min(batch, farsight.MaxPageSize))}
			if !all {
				f.NotExtractedBy = &version
			}
			_, total, err := reports.FindReports(cmd.Context(), farsight.ReportFilter{NotExtractedBy: f.NotExtractedBy, Limit: 1})
			if err != nil {
				return err
			}
			var bar *progressbar.ProgressBar
			if isTerminal(m.Stderr) {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(m.Stderr), progressbar.OptionSetDescription("reextract"), progressbar.OptionClearOnFinish())
			}
			var res pipeline.Result
			read := 0
			for {
				rs, _, err := reports.FindReports(cmd.Context(), f)
				if err != nil {
					return err
				}
				if len(rs) == 0 {
					break
				}
				r, err := p.Reextract(cmd.Context(), rs)
				if err != nil {
					return err
				}
				res.Add(r)
				read += len(rs)
				// Reports read drop out of the filter; failed ones stay,
				// and so do all of them with --all.
				if all {
					f.Offset += len(rs)
				} else {
					f.Offset += r.ExtractErrors
				}
				if bar != nil {
					bar.Add(len(rs))
				}
			}
			if bar != nil {
				bar.Finish()
			}
			fmt.Fprintf(m.Stdout, "%d reports read by extractor %s: %d events, %d in another language, %d failed\n",
				read, version, res.Events, res.OtherLanguage, res.ExtractErrors)
			if res.ExtractErrors > 0 {
				return fmt.Errorf("extraction failed for %d reports (see the log); run reextract again to retry them", res.ExtractErrors)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "read every report, not only those an older extractor read")
	cmd.Flags().IntVar(&batch, "batch", 500, "reports per transaction")
	return cmd
}
