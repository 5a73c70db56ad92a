// Package cli is farsight's command line: it parses flags, wires the
// adapters together and runs one command. The binary and the end-to-end
// tests share it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/farsight-osint/farsight/internal/assets"
	"github.com/farsight-osint/farsight/internal/lang"
	"github.com/farsight-osint/farsight/internal/merge"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/config"
	"github.com/farsight-osint/farsight/internal/enrich"
	"github.com/farsight-osint/farsight/internal/extract"
	"github.com/farsight-osint/farsight/internal/gazetteer"
	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/spf13/cobra"
)

// Run runs the farsight command line with args (without the program name)
// and returns the process exit code. Errors are printed as one line on
// stderr.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	m := NewMain(getenv, stdin, stdout, stderr)
	defer m.Close()
	err := m.Run(ctx, args)
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "farsight: "+errorLine(err))
	return 1
}

// errorLine returns err as one line: the message of an application error,
// the text of anything else.
func errorLine(err error) string {
	msg := err.Error()
	var e *farsight.Error
	if errors.As(err, &e) {
		msg = e.Message
		// Keep the context added while wrapping ("ingest x.jsonl: …").
		if full := err.Error(); strings.HasSuffix(full, e.Error()) && len(full) > len(e.Error()) {
			msg = strings.TrimSuffix(full, e.Error()) + e.Message
		}
	}
	return strings.ReplaceAll(msg, "\n", " ")
}

// Main is one farsight process: its configuration, its I/O and the
// services it opened.
type Main struct {
	Config config.Config

	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Logger *slog.Logger

	// Extractor, when set, replaces the built-in extractor (tests).
	Extractor farsight.Extractor
	// Enricher, when set, replaces the built-in one (tests); NoEnrich
	// turns enrichment off.
	Enricher farsight.Enricher
	NoEnrich bool

	gaz *gazetteer.Gazetteer
	geo *enrich.Enricher

	db *sqlite.DB
}

// NewMain returns a Main with the default configuration.
func NewMain(getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) *Main {
	return &Main{Config: config.Default(), Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr}
}

// Close releases what Run opened.
func (m *Main) Close() error {
	if m.db != nil {
		return m.db.Close()
	}
	return nil
}

// Run parses args and runs the command they name.
func (m *Main) Run(ctx context.Context, args []string) error {
	root := m.rootCommand()
	root.SetArgs(args)
	root.SetIn(m.Stdin)
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	_, err := root.ExecuteContextC(ctx)
	return err
}

func (m *Main) rootCommand() *cobra.Command {
	m.Config.LoadEnv(m.Getenv)
	root := &cobra.Command{
		Use:   "farsight",
		Short: "Turn strike reporting into a verified, geolocated event record",
		Long: `farsight reads strike reports (news, official statements, posts; English,
Ukrainian, Russian), extracts the events they describe and keeps them, with
every claim and its source, in one database.`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error { return m.setup() },
	}
	f := root.PersistentFlags()
	f.StringVar(&m.Config.DB, "db", m.Config.DB, "database file (env FARSIGHT_DB)")
	f.StringVar(&m.Config.LogLevel, "log-level", m.Config.LogLevel, "log level: debug, info, warn, error (env FARSIGHT_LOG_LEVEL)")
	f.StringVar(&m.Config.LogFormat, "log-format", m.Config.LogFormat, "log format: text or json (env FARSIGHT_LOG_FORMAT)")
	root.AddCommand(
		m.assetsCommand(),
		m.ingestCommand(),
		m.extractCommand(),
		m.reextractCommand(),
		m.eventsCommand(),
		m.evalCommand(),
		m.accuracyCommand(),
		m.frontlineCommand(),
		m.statsCommand(),
		m.dbCommand(),
		m.demoCommand(),
		m.feedsCommand(),
		m.serveCommand(),
		m.versionCommand(),
	)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return farsight.Errorf(farsight.EINVALID, "%v (see %s --help)", err, cmd.CommandPath())
	})
	return root
}

// setup validates the configuration and builds the logger.
func (m *Main) setup() error {
	if err := m.Config.Validate(); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(m.Config.LogLevel)); err != nil {
		return farsight.Errorf(farsight.EINVALID, "log level %q", m.Config.LogLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	if m.Config.LogFormat == "json" {
		m.Logger = slog.New(slog.NewJSONHandler(m.Stderr, opts))
	} else {
		m.Logger = slog.New(slog.NewTextHandler(m.Stderr, opts))
	}
	return nil
}

// openDB opens (creating and migrating) the configured database once.
func (m *Main) openDB(ctx context.Context) (*sqlite.DB, error) {
	if m.db != nil {
		return m.db, nil
	}
	db := sqlite.NewDB(m.Config.DB)
	if err := db.Open(ctx); err != nil {
		return nil, fmt.Errorf("database %s: %w", m.Config.DB, err)
	}
	// The registry ships with the binary; the database keeps a copy so
	// that targets can refer to assets by ID.
	ships, err := assets.Ships()
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := sqlite.NewAssetService(db).UpsertAssets(ctx, ships); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: asset registry: %w", m.Config.DB, err)
	}
	m.db = db
	return db, nil
}

// newExtractor returns the extractor every command uses.
func (m *Main) newExtractor() (farsight.Extractor, error) {
	if m.Extractor != nil {
		return m.Extractor, nil
	}
	g, err := m.gazetteer()
	if err != nil {
		return nil, err
	}
	var opts []extract.Option
	if !m.NoEnrich {
		en, err := m.geoEnricher()
		if err != nil {
			return nil, err
		}
		opts = append(opts, extract.WithFront(en.FrontDistance))
	}
	m.Extractor = extract.New(g, opts...)
	return m.Extractor, nil
}

// geoEnricher returns an enricher on the bundled geometry alone (no
// database needed), built once; the extractor uses its front lines.
func (m *Main) geoEnricher() (*enrich.Enricher, error) {
	if m.geo == nil {
		d, err := geodata.Load()
		if err != nil {
			return nil, err
		}
		g, err := m.gazetteer()
		if err != nil {
			return nil, err
		}
		m.geo = enrich.New(d, g, nil)
	}
	return m.geo, nil
}

// gazetteer loads the embedded gazetteer once.
func (m *Main) gazetteer() (*gazetteer.Gazetteer, error) {
	if m.gaz == nil {
		g, err := gazetteer.Load()
		if err != nil {
			return nil, err
		}
		m.gaz = g
	}
	return m.gaz, nil
}

// newEnricher returns the enricher on the bundled geometry and the
// snapshots imported into the database; nil when enrichment is off.
func (m *Main) newEnricher(cmd *cobra.Command) (farsight.Enricher, error) {
	if m.NoEnrich {
		return nil, nil
	}
	if m.Enricher != nil {
		return m.Enricher, nil
	}
	d, err := geodata.Load()
	if err != nil {
		return nil, err
	}
	g, err := m.gazetteer()
	if err != nil {
		return nil, err
	}
	extra, err := m.userSnapshots(cmd)
	if err != nil {
		return nil, err
	}
	m.Enricher = enrich.New(d, g, extra)
	return m.Enricher, nil
}

// newPipeline returns a pipeline on the configured database.
func (m *Main) newPipeline(cmd *cobra.Command) (*pipeline.Pipeline, error) {
	db, err := m.openDB(cmd.Context())
	if err != nil {
		return nil, err
	}
	x, err := m.newExtractor()
	if err != nil {
		return nil, err
	}
	en, err := m.newEnricher(cmd)
	if err != nil {
		return nil, err
	}
	ships, err := assets.Ships()
	if err != nil {
		return nil, err
	}
	events := sqlite.NewEventService(db)
	return &pipeline.Pipeline{
		Reports:    sqlite.NewReportService(db),
		Events:     events,
		Mentions:   events,
		Merger:     &merge.Merger{Enricher: en},
		Extractor:  x,
		LinkAssets: assets.NewRegistry(ships).Link,
		Logger:     m.Logger,
		// Detect is safe for concurrent use and builds its n-gram model
		// only for texts whose letters do not decide.
		DetectLang: lang.Detect,
	}, nil
}

// reenrich enriches every stored event again (after new front-line data)
// and returns how many there are.
func (m *Main) reenrich(cmd *cobra.Command) (int, error) {
	m.Enricher = nil
	en, err := m.newEnricher(cmd)
	if err != nil || en == nil {
		return 0, err
	}
	events := sqlite.NewEventService(m.db)
	f := farsight.EventFilter{Limit: farsight.MaxPageSize}
	n := 0
	for {
		page, next, err := events.FindEvents(cmd.Context(), f)
		if err != nil {
			return n, err
		}
		full := make([]*farsight.Event, 0, len(page))
		for _, e := range page {
			fe, err := events.FindEventByID(cmd.Context(), e.ID)
			if err != nil {
				return n, err
			}
			if err := en.Enrich(fe); err != nil {
				return n, err
			}
			full = append(full, fe)
		}
		if err := events.UpdateEventGeography(cmd.Context(), full); err != nil {
			return n, err
		}
		n += len(full)
		if next == "" {
			return n, nil
		}
		f.After = next
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
