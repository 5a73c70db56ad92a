package main

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/farsight-osint/farsight/internal/geodata"
	"github.com/farsight-osint/farsight/internal/npmpkg"
	"github.com/paulmach/orb"
)

// indexRow is one line of frontline/index.csv.
type indexRow struct {
	date, file string
}

// readIndex reads the snapshot list.
func readIndex(path string) ([]indexRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(header) < 2 || header[0] != "date" || header[1] != "file" {
		return nil, fmt.Errorf("%s: header %q, want date,file,...", path, header)
	}
	var rows []indexRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if rec[1] != "occupied_"+rec[0]+".geojson" || strings.ContainsAny(rec[1], `/\`) {
			return nil, fmt.Errorf("%s: file %q for date %q", path, rec[1], rec[0])
		}
		rows = append(rows, indexRow{date: rec[0], file: rec[1]})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no snapshots", path)
	}
	return rows, nil
}

// inputDigest returns the SHA-256 of the lines "<path> <sha256>\n" of the
// files (relative to dir), in path order.
func inputDigest(dir string, files []string) (string, error) {
	files = slices.Sorted(slices.Values(files))
	h := sha256.New()
	for _, name := range files {
		sum, err := npmpkg.FileSHA256(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %s\n", name, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// readSnapshots reads the frontline files through geodata.ParseSnapshot,
// the validator of user imports.
func readSnapshots(dir string, rows []indexRow) ([]geodata.Snapshot, error) {
	var out []geodata.Snapshot
	for _, row := range rows {
		f, err := os.Open(filepath.Join(dir, row.file))
		if err != nil {
			return nil, err
		}
		s, err := geodata.ParseSnapshot(row.file, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		if s.Date != row.date {
			return nil, fmt.Errorf("%s: date %s, index says %s", row.file, s.Date, row.date)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b geodata.Snapshot) int { return strings.Compare(a.Date, b.Date) })
	for i := 1; i < len(out); i++ {
		if out[i].Date == out[i-1].Date {
			return nil, fmt.Errorf("two snapshots on %s", out[i].Date)
		}
	}
	return out, nil
}

// feature is a GeoJSON Feature with polygonal geometry.
type feature struct {
	Properties json.RawMessage `json:"properties"`
	Geometry   struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

func readFeatures(path string) ([]feature, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("%s: type %q, want FeatureCollection", path, fc.Type)
	}
	return fc.Features, nil
}

// multiPolygon decodes a feature's Polygon or MultiPolygon geometry, checks
// that every ring is closed with at least 4 valid positions, and turns
// rings to RFC 7946 winding; reversed counts the rings it turned.
func (f feature) multiPolygon() (mp orb.MultiPolygon, reversed int, err error) {
	polys, err := f.decodeLoose()
	if err != nil {
		return nil, 0, err
	}
	mp = make(orb.MultiPolygon, 0, len(polys))
	for i, p := range polys {
		if len(p) == 0 {
			return nil, 0, fmt.Errorf("polygon %d has no rings", i)
		}
		poly := make(orb.Polygon, 0, len(p))
		for j, r := range p {
			ring := make(orb.Ring, len(r))
			for k, pos := range r {
				if len(pos) < 2 || pos[0] < -180 || pos[0] > 180 || pos[1] < -90 || pos[1] > 90 {
					return nil, 0, fmt.Errorf("polygon %d ring %d position %d: %v", i, j, k, pos)
				}
				ring[k] = orb.Point{pos[0], pos[1]}
			}
			if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
				return nil, 0, fmt.Errorf("polygon %d ring %d: not a closed ring of at least 4 positions", i, j)
			}
			if o := ring.Orientation(); o == orb.CW && j == 0 || o == orb.CCW && j > 0 {
				ring.Reverse()
				reversed++
			}
			poly = append(poly, ring)
		}
		mp = append(mp, poly)
	}
	return mp, reversed, nil
}

// readBorder reads a FeatureCollection of one (Multi)Polygon feature.
func readBorder(logger *slog.Logger, path string) (orb.MultiPolygon, error) {
	fs, err := readFeatures(path)
	if err != nil {
		return nil, err
	}
	if len(fs) != 1 {
		return nil, fmt.Errorf("%s: %d features, want 1", path, len(fs))
	}
	mp, reversed, err := fs[0].multiPolygon()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	logReversed(logger, path, reversed)
	return mp, nil
}

// readSeas reads seas.geojson; features of the same name (the
// Mediterranean's two parts) become one Sea.
func readSeas(logger *slog.Logger, path string) ([]geodata.Sea, error) {
	fs, err := readFeatures(path)
	if err != nil {
		return nil, err
	}
	var seas []geodata.Sea
	byName := map[string]int{}
	reversedAll := 0
	for i, f := range fs {
		var p struct {
			Name   string  `json:"name"`
			NameRU string  `json:"name_ru"`
			NameUK *string `json:"name_uk"`
			Parent *string `json:"parent"`
		}
		if err := json.Unmarshal(f.Properties, &p); err != nil {
			return nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
		}
		if p.Name == "" {
			return nil, fmt.Errorf("%s: feature %d has no name", path, i)
		}
		mp, reversed, err := f.multiPolygon()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, p.Name, err)
		}
		reversedAll += reversed
		s := geodata.Sea{ID: "sea:" + slug(p.Name), Name: p.Name, NameRU: p.NameRU, Shape: mp}
		if p.NameUK != nil {
			s.NameUK = *p.NameUK
		}
		if p.Parent != nil {
			s.Parent = *p.Parent
		}
		if j, ok := byName[p.Name]; ok {
			if seas[j].NameUK != s.NameUK || seas[j].NameRU != s.NameRU || seas[j].Parent != s.Parent {
				return nil, fmt.Errorf("%s: two features named %q with different properties", path, p.Name)
			}
			seas[j].Shape = append(seas[j].Shape, mp...)
			continue
		}
		byName[p.Name] = len(seas)
		seas = append(seas, s)
	}
	logReversed(logger, path, reversedAll)
	for _, s := range seas {
		if _, ok := byName[s.Parent]; s.Parent != "" && !ok {
			return nil, fmt.Errorf("%s: %s: unknown parent %q", path, s.Name, s.Parent)
		}
	}
	return seas, nil
}

// slug returns s in lower case with every run of other characters than
// ASCII letters and digits replaced by one hyphen.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// logReversed notes rings that had the wrong winding order.
func logReversed(logger *slog.Logger, path string, n int) {
	if n > 0 {
		logger.Info("reversed rings to RFC 7946 winding", slog.String("file", filepath.Base(path)), slog.Int("rings", n))
	}
}

func countPoints(mp orb.MultiPolygon) int {
	n := 0
	for _, p := range mp {
		for _, r := range p {
			n += len(r)
		}
	}
	return n
}

func countSeaPoints(ss []geodata.Sea) int {
	n := 0
	for _, s := range ss {
		n += countPoints(s.Shape)
	}
	return n
}

func countRegionPoints(rs []geodata.Region) int {
	n := 0
	for _, r := range rs {
		n += countPoints(r.Shape)
	}
	return n
}

func countSnapshotPoints(ss []geodata.Snapshot) int {
	n := 0
	for _, s := range ss {
		n += countPoints(s.Occupied)
	}
	return n
}
