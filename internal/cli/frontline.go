package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/paulmach/orb"
	"github.com/spf13/cobra"
)

func (m *Main) frontlineCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "frontline", Short: "Occupied-area snapshots: import your own beside the bundled ones"}
	var source string
	var noReenrich bool
	imp := &cobra.Command{
		Use:   "import FILE|DIR ...",
		Short: "Import occupied-area snapshots (GeoJSON polygons, one date per file)",
		Long: `Import reads GeoJSON files of the occupied area — a FeatureCollection, a Feature
or a bare Polygon/MultiPolygon — one date per file, from a "date" property or
the file name (occupied_2026-09-01.geojson). A directory imports every
.geojson and .json file in it. All files are checked first: if any is
malformed, nothing is imported. An imported snapshot is used beside the
bundled ones (replacing a bundled one of the same date), and the stored
events are enriched again.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var files []string
			for _, a := range args {
				st, err := os.Stat(a)
				if err != nil {
					return farsight.Errorf(farsight.EINVALID, "%v", err)
				}
				if !st.IsDir() {
					files = append(files, a)
					continue
				}
				entries, err := os.ReadDir(a)
				if err != nil {
					return farsight.Errorf(farsight.EINVALID, "%v", err)
				}
				for _, e := range entries {
					if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".geojson" || ext == ".json") {
						files = append(files, filepath.Join(a, e.Name()))
					}
				}
			}
			if len(files) == 0 {
				return farsight.Errorf(farsight.EINVALID, "no .geojson files in %s", strings.Join(args, ", "))
			}
			sort.Strings(files)
			var snaps []*farsight.FrontlineSnapshot
			seen := map[string]string{}
			for _, path := range files {
				s, err := parseSnapshotFile(path)
				if err != nil {
					return err
				}
				if prev, ok := seen[s.Date]; ok {
					return farsight.Errorf(farsight.EINVALID, "%s and %s are both for %s", prev, path, s.Date)
				}
				seen[s.Date] = path
				if source != "" {
					s.Source = source
				}
				snaps = append(snaps, s)
			}
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			if err := sqlite.NewFrontlineService(db).SaveFrontlineSnapshots(cmd.Context(), snaps); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "imported %d snapshots (%s .. %s)\n", len(snaps), snaps[0].Date, snaps[len(snaps)-1].Date)
			if noReenrich {
				return nil
			}
			n, err := m.reenrich(cmd)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "enriched %d stored events again\n", n)
			return nil
		},
	}
	imp.Flags().StringVar(&source, "source", "", "source to record for the snapshots (default: the file's)")
	imp.Flags().BoolVar(&noReenrich, "no-reenrich", false, "do not enrich the stored events again")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the imported snapshots",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openDB(cmd.Context())
			if err != nil {
				return err
			}
			ss, err := sqlite.NewFrontlineService(db).FindFrontlineSnapshots(cmd.Context())
			if err != nil {
				return err
			}
			for _, s := range ss {
				fmt.Fprintf(m.Stdout, "%s\t%s\timported %s\n", s.Date, dash(s.Source), s.ImportedAt.Format("2006-01-02 15:04"))
			}
			if len(ss) == 0 {
				fmt.Fprintln(m.Stdout, "(no imported snapshots; the bundled ones are used)")
			}
			return nil
		},
	}
	cmd.AddCommand(imp, list)
	return cmd
}

// parseSnapshotFile reads and checks one snapshot file.
func parseSnapshotFile(path string) (*farsight.FrontlineSnapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "%v", err)
	}
	defer f.Close()
	s, err := geodata.ParseSnapshot(filepath.Base(path), f)
	if err != nil {
		return nil, err
	}
	geometry, err := json.Marshal(struct {
		Type        string           `json:"type"`
		Coordinates orb.MultiPolygon `json:"coordinates"`
	}{"MultiPolygon", s.Occupied})
	if err != nil {
		return nil, err
	}
	return &farsight.FrontlineSnapshot{Date: s.Date, Source: s.Source, Geometry: geometry}, nil
}

// userSnapshots returns the snapshots imported into the database.
func (m *Main) userSnapshots(cmd *cobra.Command) ([]geodata.Snapshot, error) {
	db, err := m.openDB(cmd.Context())
	if err != nil {
		return nil, err
	}
	stored, err := sqlite.NewFrontlineService(db).FindFrontlineSnapshots(cmd.Context())
	if err != nil {
		return nil, err
	}
	var out []geodata.Snapshot
	for _, s := range stored {
		// The stored geometry was checked on import; parse it the same way.
		gs, err := geodata.ParseSnapshot("stored_"+s.Date+".geojson", bytes.NewReader(s.Geometry))
		if err != nil {
			return nil, fmt.Errorf("stored snapshot %s: %w", s.Date, err)
		}
		gs.Source = s.Source
		out = append(out, gs)
	}
	return out, nil
}
