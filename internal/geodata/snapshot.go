package geodata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/paulmach/orb"
)

// Limits on a user's snapshot.
const (
	// MaxSnapshotBytes is the largest snapshot file ParseSnapshot reads.
	MaxSnapshotBytes = 50 << 20
	// MaxSnapshotPositions is the most positions a snapshot may have, in
	// all its rings together.
	MaxSnapshotPositions = 2_000_000
)

var fileDateRE = regexp.MustCompile(`[0-9]{4}-[0-9]{2}-[0-9]{2}`)

// ParseSnapshot reads a user's occupied-area snapshot from r; name is the
// file's name, used in messages and for the date.
//
// The input is GeoJSON (RFC 7946): a FeatureCollection, whose Polygon and
// MultiPolygon features are joined into one MultiPolygon (other geometry is
// ignored), a Feature, or a bare Polygon or MultiPolygon. The date is the
// "date" property (YYYY-MM-DD; all features that have one must agree) or,
// failing that, the first YYYY-MM-DD in the file's base name. Source is the
// "source" property, else the file's base name. Rings are reoriented to
// RFC 7946 winding: exterior rings counter-clockwise, holes clockwise.
//
// Invalid input (not JSON, another GeoJSON type, no polygons, no valid
// date, bad coordinates, rings with fewer than 4 positions or not closed,
// more than MaxSnapshotPositions positions or MaxSnapshotBytes bytes)
// returns a farsight.EINVALID error whose message names the file, the
// problem and where it is (a JSON path such as
// features[2].geometry.coordinates[0][1][5]). An error reading r is
// returned wrapped.
func ParseSnapshot(name string, r io.Reader) (Snapshot, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSnapshotBytes+1))
	if err != nil {
		return Snapshot{}, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxSnapshotBytes {
		return Snapshot{}, farsight.Errorf(farsight.EINVALID, "%s: larger than %d MB", name, MaxSnapshotBytes>>20)
	}
	p := snapshotParser{name: name, maxPositions: MaxSnapshotPositions}
	return p.parse(data)
}

// gjObject is the part of a GeoJSON object ParseSnapshot reads.
type gjObject struct {
	Type        string          `json:"type"`
	Features    []gjFeature     `json:"features"`
	Geometry    *gjGeometry     `json:"geometry"`
	Properties  json.RawMessage `json:"properties"`
	Coordinates json.RawMessage `json:"coordinates"`
}

type gjFeature struct {
	Type       string          `json:"type"`
	Geometry   *gjGeometry     `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

type gjGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

type snapshotParser struct {
	name         string
	maxPositions int
	positions    int
	shape        orb.MultiPolygon
	date         string // from properties
	dateAt       string // where date was found
	source       string
}

func (p *snapshotParser) invalid(format string, args ...any) error {
	return farsight.Errorf(farsight.EINVALID, "%s: %s", p.name, fmt.Sprintf(format, args...))
}

func (p *snapshotParser) parse(data []byte) (Snapshot, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
	if len(bytes.TrimSpace(data)) == 0 {
		return Snapshot{}, p.invalid("not JSON: the file is empty")
	}
	var obj gjObject
	if err := json.Unmarshal(data, &obj); err != nil {
		return Snapshot{}, p.jsonError(err)
	}
	switch obj.Type {
	case "FeatureCollection":
		if obj.Features == nil {
			return Snapshot{}, p.invalid("FeatureCollection without a features array")
		}
		skipped := map[string]int{}
		for i, f := range obj.Features {
			at := fmt.Sprintf("features[%d]", i)
			if f.Type != "Feature" {
				return Snapshot{}, p.invalid("%s: type %q, want \"Feature\"", at, f.Type)
			}
			if err := p.feature(at, f.Geometry, f.Properties, skipped); err != nil {
				return Snapshot{}, err
			}
		}
		if len(p.shape) == 0 {
			return Snapshot{}, p.invalid("no Polygon or MultiPolygon features%s", describeSkipped(len(obj.Features), skipped))
		}
	case "Feature":
		skipped := map[string]int{}
		if err := p.feature("", obj.Geometry, obj.Properties, skipped); err != nil {
			return Snapshot{}, err
		}
		if len(p.shape) == 0 {
			return Snapshot{}, p.invalid("the Feature has no Polygon or MultiPolygon geometry%s", describeSkipped(1, skipped))
		}
	case "Polygon", "MultiPolygon":
		if err := p.geometry("", obj.Type, obj.Coordinates); err != nil {
			return Snapshot{}, err
		}
		if len(p.shape) == 0 {
			return Snapshot{}, p.invalid("the %s has no polygons", obj.Type)
		}
	case "":
		return Snapshot{}, p.invalid("not GeoJSON: no \"type\" member")
	default:
		return Snapshot{}, p.invalid("GeoJSON type %q, want FeatureCollection, Feature, Polygon or MultiPolygon", obj.Type)
	}

	s := Snapshot{Date: p.date, Source: p.source, Occupied: p.shape}
	base := filepath.Base(p.name)
	if s.Date == "" {
		m := fileDateRE.FindString(base)
		if m == "" {
			return Snapshot{}, p.invalid("no date: give the features a \"date\" property (YYYY-MM-DD) or put the date in the file name")
		}
		if !validDate(m) {
			return Snapshot{}, p.invalid("the date %q in the file name is not a valid date", m)
		}
		s.Date = m
	}
	if s.Source == "" {
		s.Source = base
	}
	for _, poly := range s.Occupied {
		orientPolygon(poly)
	}
	return s, nil
}

func describeSkipped(n int, skipped map[string]int) string {
	if n == 0 {
		return " (the collection is empty)"
	}
	if len(skipped) == 0 {
		return ""
	}
	var parts []string
	for _, t := range slices.Sorted(maps.Keys(skipped)) {
		parts = append(parts, fmt.Sprintf("%s ×%d", t, skipped[t]))
	}
	return " (found " + strings.Join(parts, ", ") + ")"
}

// jsonError turns an encoding/json error into an EINVALID error.
func (p *snapshotParser) jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return p.invalid("not JSON: %v (at byte %d)", syn, syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return p.invalid("not a GeoJSON object: the file holds a JSON %s", typ.Value)
		}
		return p.invalid("%s is a JSON %s, want %s (at byte %d)", typ.Field, typ.Value, jsonKind(typ.Type), typ.Offset)
	}
	return p.invalid("not JSON: %v", err)
}

// jsonKind names the JSON kind that decodes into t.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice:
		if t == reflect.TypeFor[json.RawMessage]() {
			return "any value"
		}
		return "an array"
	case reflect.Struct, reflect.Pointer, reflect.Map:
		return "an object"
	}
	return t.String()
}

// feature adds the polygons of a Feature's geometry and reads its
// properties.
func (p *snapshotParser) feature(at string, g *gjGeometry, props json.RawMessage, skipped map[string]int) error {
	if err := p.properties(join(at, "properties"), props); err != nil {
		return err
	}
	if g == nil {
		skipped["null geometry"]++
		return nil
	}
	switch g.Type {
	case "Polygon", "MultiPolygon":
		return p.geometry(join(at, "geometry"), g.Type, g.Coordinates)
	case "":
		return p.invalid("%s: geometry without a type", join(at, "geometry"))
	}
	skipped[g.Type]++
	return nil
}

func join(at, member string) string {
	if at == "" {
		return member
	}
	return at + "." + member
}

// properties reads "date" and "source".
func (p *snapshotParser) properties(at string, raw json.RawMessage) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var props map[string]json.RawMessage
	if err := json.Unmarshal(raw, &props); err != nil {
		return p.invalid("%s is not an object", at)
	}
	if v, ok := props["date"]; ok && string(v) != "null" {
		var d string
		if err := json.Unmarshal(v, &d); err != nil {
			return p.invalid("%s.date is not a string", at)
		}
		if !validDate(d) {
			return p.invalid("%s.date %q is not a valid YYYY-MM-DD date", at, d)
		}
		if p.date != "" && p.date != d {
			return p.invalid("%s.date %q disagrees with %s.date %q", at, d, p.dateAt, p.date)
		}
		p.date, p.dateAt = d, at
	}
	if v, ok := props["source"]; ok && p.source == "" {
		var s string
		if json.Unmarshal(v, &s) == nil {
			p.source = strings.TrimSpace(s)
		}
	}
	return nil
}

func validDate(s string) bool {
	if len(s) != len("2006-01-02") {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// geometry parses the coordinates of a Polygon or MultiPolygon and appends
// its polygons to the shape.
func (p *snapshotParser) geometry(at, typ string, raw json.RawMessage) error {
	c := coordParser{data: raw, path: join(at, "coordinates"), p: p}
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return p.invalid("%s: the %s has no coordinates", c.path, typ)
	}
	if typ == "Polygon" {
		poly, err := c.polygon()
		if err != nil {
			return err
		}
		p.shape = append(p.shape, poly)
	} else {
		err := c.array(func() error {
			poly, err := c.polygon()
			if err == nil {
				p.shape = append(p.shape, poly)
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	c.skipSpace()
	if c.pos != len(c.data) {
		return c.fail("unexpected data after the coordinates")
	}
	return nil
}

// coordParser reads GeoJSON coordinate arrays (already checked to be valid
// JSON) without building intermediate values, keeping track of the
// element path for error messages.
type coordParser struct {
	data []byte
	pos  int
	path string
	idx  []int // the index at each open array level
	p    *snapshotParser
}

func (c *coordParser) where() string {
	var b strings.Builder
	b.WriteString(c.path)
	for _, i := range c.idx {
		fmt.Fprintf(&b, "[%d]", i)
	}
	return b.String()
}

func (c *coordParser) fail(format string, args ...any) error {
	return c.p.invalid("%s: %s", c.where(), fmt.Sprintf(format, args...))
}

func (c *coordParser) skipSpace() {
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

// array reads a JSON array, calling elem at the start of each element.
func (c *coordParser) array(elem func() error) error {
	c.skipSpace()
	if c.pos >= len(c.data) || c.data[c.pos] != '[' {
		return c.fail("want an array, found %s", c.describe())
	}
	c.pos++
	c.idx = append(c.idx, 0)
	defer func() { c.idx = c.idx[:len(c.idx)-1] }()
	c.skipSpace()
	if c.pos < len(c.data) && c.data[c.pos] == ']' {
		c.pos++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		c.skipSpace()
		if c.pos >= len(c.data) {
			return c.fail("unterminated array")
		}
		switch c.data[c.pos] {
		case ',':
			c.pos++
			c.idx[len(c.idx)-1]++
		case ']':
			c.pos++
			return nil
		default:
			return c.fail("want , or ] in an array, found %s", c.describe())
		}
	}
}

// describe names the JSON value at the current position.
func (c *coordParser) describe() string {
	if c.pos >= len(c.data) {
		return "the end of the coordinates"
	}
	switch ch := c.data[c.pos]; {
	case ch == '[':
		return "an array"
	case ch == '{':
		return "an object"
	case ch == '"':
		return "a string"
	case ch == 'n':
		return "null"
	case ch == 't' || ch == 'f':
		return "a boolean"
	case ch == '-' || ch >= '0' && ch <= '9':
		return "a number"
	}
	return fmt.Sprintf("%q", c.data[c.pos])
}

func (c *coordParser) polygon() (orb.Polygon, error) {
	var poly orb.Polygon
	err := c.array(func() error {
		r, err := c.ring()
		poly = append(poly, r)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(poly) == 0 {
		return nil, c.fail("a polygon without rings")
	}
	return poly, nil
}

func (c *coordParser) ring() (orb.Ring, error) {
	var r orb.Ring
	err := c.array(func() error {
		c.p.positions++
		if c.p.positions > c.p.maxPositions {
			return c.fail("more than %d positions in all", c.p.maxPositions)
		}
		pt, err := c.position()
		r = append(r, pt)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(r) < 4 {
		return nil, c.fail("a ring of %d positions, want at least 4", len(r))
	}
	if r[0] != r[len(r)-1] {
		return nil, c.fail("the ring is not closed: first position %v, last %v", r[0], r[len(r)-1])
	}
	return r, nil
}

func (c *coordParser) position() (orb.Point, error) {
	var v [3]float64
	n := 0
	err := c.array(func() error {
		if n == 3 {
			return c.fail("a position with more than 3 numbers")
		}
		x, err := c.number()
		v[n] = x
		n++
		return err
	})
	if err != nil {
		return orb.Point{}, err
	}
	switch {
	case n < 2:
		return orb.Point{}, c.fail("a position of %d numbers, want [longitude, latitude]", n)
	case v[0] < -180 || v[0] > 180:
		return orb.Point{}, c.fail("longitude %v out of range [-180, 180]", v[0])
	case v[1] < -90 || v[1] > 90:
		return orb.Point{}, c.fail("latitude %v out of range [-90, 90]", v[1])
	}
	return orb.Point{v[0], v[1]}, nil
}

func (c *coordParser) number() (float64, error) {
	c.skipSpace()
	start := c.pos
	for c.pos < len(c.data) {
		ch := c.data[c.pos]
		if ch >= '0' && ch <= '9' || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E' {
			c.pos++
			continue
		}
		break
	}
	if start == c.pos {
		return 0, c.fail("want a number, found %s", c.describe())
	}
	x, err := strconv.ParseFloat(string(c.data[start:c.pos]), 64)
	if err != nil {
		return 0, c.fail("bad number %q", c.data[start:c.pos])
	}
	return x, nil
}

// orientPolygon reverses rings in place as needed so that the exterior
// ring is counter-clockwise and the holes clockwise. Rings without area are
// left alone.
func orientPolygon(poly orb.Polygon) {
	for i, r := range poly {
		a := signedArea(r)
		if a < 0 && i == 0 || a > 0 && i > 0 {
			r.Reverse()
		}
	}
}

// signedArea returns twice the signed planar area of a closed ring in
// degrees²: positive when the ring is counter-clockwise.
func signedArea(r orb.Ring) float64 {
	if len(r) < 4 {
		return 0
	}
	var sum float64
	x0, y0 := r[0][0], r[0][1]
	for i := 1; i < len(r)-1; i++ {
		sum += (r[i][0]-x0)*(r[i+1][1]-y0) - (r[i+1][0]-x0)*(r[i][1]-y0)
	}
	return sum
}
