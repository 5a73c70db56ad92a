package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// aliasColumns is the header of the curated alias file.
const aliasColumns = "action\tid\tname\tkind\tpoint\tcountry\tadmin1_code\tfeature_code\tnames\tsource"

var aliasKinds = set("settlement", "region", "country", "sea", "airbase", "airport", "port", "area", "site")

// applyAliases reads the curated alias file. Each row is one of:
//
//	names  ID  adds the '|'-separated names to an existing place
//	drop   ID  removes names that a source gives wrongly
//	rename ID  replaces a main name that a source gives wrongly
//	point  ID  replaces the representative point of an existing place
//	place  alias:<slug>  adds a new place
//
// Every row must cite its source as a URL.
func (b *builder) applyAliases(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	headerSeen := false
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !headerSeen {
			if text != aliasColumns {
				return fmt.Errorf("%s:%d: header %q, want %q", path, line, text, aliasColumns)
			}
			headerSeen = true
			continue
		}
		col := strings.Split(text, "\t")
		if len(col) != 10 {
			return fmt.Errorf("%s:%d: %d columns, want 10", path, line, len(col))
		}
		if err := b.applyAlias(col); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return sc.Err()
}

func (b *builder) applyAlias(col []string) error {
	action, id, name, kind, point, country, admin1, fcode, names, source := col[0], col[1], col[2], col[3], col[4], col[5], col[6], col[7], col[8], col[9]
	if !strings.HasPrefix(source, "https://") && !strings.HasPrefix(source, "http://") {
		return fmt.Errorf("row for %s cites no source URL", id)
	}
	var list []string
	if names != "" {
		list = strings.Split(names, "|")
	}
	switch action {
	case "names":
		p := b.places[id]
		if p == nil {
			return fmt.Errorf("no place %s", id)
		}
		p.Names = append(p.Names, list...)
	case "drop":
		p := b.places[id]
		if p == nil {
			return fmt.Errorf("no place %s", id)
		}
		for _, n := range list {
			i := slices.Index(p.Names, n)
			if i < 0 {
				return fmt.Errorf("place %s has no name %q to drop", id, n)
			}
			p.Names = slices.Delete(p.Names, i, i+1)
		}
	case "rename":
		p := b.places[id]
		if p == nil {
			return fmt.Errorf("no place %s", id)
		}
		if name == "" {
			return fmt.Errorf("rename %s: no name", id)
		}
		p.Name = name
		p.Names = append(p.Names, list...)
	case "point":
		p := b.places[id]
		if p == nil {
			return fmt.Errorf("no place %s", id)
		}
		lat, lon, err := b.aliasPoint(point)
		if err != nil {
			return fmt.Errorf("point %s: %w", id, err)
		}
		p.Lat, p.Lon = lat, lon
	case "place":
		if !strings.HasPrefix(id, "alias:") || id != "alias:"+slug(strings.TrimPrefix(id, "alias:")) {
			return fmt.Errorf("new place id %q must be alias:<slug>", id)
		}
		if !aliasKinds[kind] {
			return fmt.Errorf("place %s: unknown kind %q", id, kind)
		}
		if name == "" {
			return fmt.Errorf("place %s: no name", id)
		}
		lat, lon, err := b.aliasPoint(point)
		if err != nil {
			return fmt.Errorf("place %s: %w", id, err)
		}
		if admin1 != "" && b.regionByA1[admin1] == nil {
			return fmt.Errorf("place %s: unknown admin1 code %q", id, admin1)
		}
		return b.add(&place{
			ID: id, Kind: kind, Name: name, Lat: lat, Lon: lon,
			Country: country, Admin1Code: admin1, FeatureCode: fcode, Names: list,
		})
	default:
		return fmt.Errorf("unknown action %q", action)
	}
	return nil
}

// aliasPoint parses "lat,lon" or "midpoint ID ID …", the mean position of
// the listed places.
func (b *builder) aliasPoint(s string) (lat, lon float64, err error) {
	if rest, ok := strings.CutPrefix(s, "midpoint "); ok {
		ids := strings.Fields(rest)
		if len(ids) < 2 {
			return 0, 0, fmt.Errorf("midpoint needs two places or more")
		}
		for _, id := range ids {
			p := b.places[id]
			if p == nil {
				return 0, 0, fmt.Errorf("midpoint: no place %s", id)
			}
			lat += p.Lat
			lon += p.Lon
		}
		return lat / float64(len(ids)), lon / float64(len(ids)), nil
	}
	latS, lonS, ok := strings.Cut(s, ",")
	if !ok {
		return 0, 0, fmt.Errorf("point %q: want lat,lon", s)
	}
	if lat, err = strconv.ParseFloat(strings.TrimSpace(latS), 64); err != nil {
		return 0, 0, fmt.Errorf("point %q: %w", s, err)
	}
	if lon, err = strconv.ParseFloat(strings.TrimSpace(lonS), 64); err != nil {
		return 0, 0, fmt.Errorf("point %q: %w", s, err)
	}
	return lat, lon, nil
}
