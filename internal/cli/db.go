package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/farsight-osint/farsight/internal/extract"
	"github.com/spf13/cobra"
)

func (m *Main) dbCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "db", Short: "Database maintenance"}
	cmd.AddCommand(&cobra.Command{
		Use:   "migrate",
		Short: "Create the database or bring its schema up to date",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			names, err := db.Migrations(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "%s: schema up to date (%d migrations, last %s)\n", m.Config.DB, len(names), names[len(names)-1])
			return nil
		},
	})
	return cmd
}

// Version is the release version, set at build time with
// -ldflags "-X github.com/farsight-osint/farsight/internal/cli.Version=v1.2.3".
var Version = "dev"

func (m *Main) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of farsight and of its extractor",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rev := ""
			if info, ok := debug.ReadBuildInfo(); ok {
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						rev = " (" + s.Value[:12] + ")"
					}
				}
			}
			fmt.Fprintf(m.Stdout, "farsight %s%s\nextractor %s\n%s %s/%s\n", Version, rev, extract.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
