package geodata

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"
)

// The bundled file is gzip (best compression, no name, no time stamp) over
// this layout, where uvarint and varint are Go's encoding/binary varints
// (varint zig-zag encoded) and str is a uvarint length and UTF-8 bytes:
//
//	"FSGEO" uvarint(version=1)
//	uvarint(points) uvarint(rings) uvarint(polygons)  totals, closing points included
//	multipolygon(Ukraine) multipolygon(Russia)
//	uvarint(n) n × { str(ID) str(Name) str(NameUK) str(NameRU) str(Parent) multipolygon }        seas
//	uvarint(n) n × { str(Code) str(ISO) str(Country) str(Name) multipolygon }                    regions
//	uvarint(n) n × { str(Date) str(Source) multipolygon }                                        snapshots
//
//	multipolygon = byte(decimals) uvarint(polygons) polygons × { uvarint(rings) rings × ring }
//	ring         = uvarint(n ≥ 3) n × { varint(dx) varint(dy) }
//
// A ring is stored open: its closing point (equal to the first) is left out.
// Positions are integers in units of 10^-decimals degree, each one the
// difference from the previous position of the same multipolygon (the
// first from 0, 0).
const (
	formatMagic   = "FSGEO"
	formatVersion = 1

	// maxDecimals is the finest quantization Encode uses (about 1 cm).
	maxDecimals = 7
)

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7}

// Encode writes d in the bundled file format; the generator uses it. Each
// multipolygon is stored with the fewest decimals (at most 7) that keep its
// coordinates exact, or rounded to 7 decimals when none does. The output
// depends only on d (and on the compress/flate implementation).
func Encode(w io.Writer, d *Data) error {
	var body encoder
	body.multiPolygon(d.Ukraine)
	body.multiPolygon(d.Russia)
	body.uvarint(uint64(len(d.Seas)))
	for _, s := range d.Seas {
		body.str(s.ID)
		body.str(s.Name)
		body.str(s.NameUK)
		body.str(s.NameRU)
		body.str(s.Parent)
		body.multiPolygon(s.Shape)
	}
	body.uvarint(uint64(len(d.Regions)))
	for _, r := range d.Regions {
		body.str(r.Code)
		body.str(r.ISO)
		body.str(r.Country)
		body.str(r.Name)
		body.multiPolygon(r.Shape)
	}
	body.uvarint(uint64(len(d.Snapshots)))
	for _, s := range d.Snapshots {
		body.str(s.Date)
		body.str(s.Source)
		body.multiPolygon(s.Occupied)
	}
	if body.err != nil {
		return fmt.Errorf("encode geodata: %w", body.err)
	}

	var head encoder
	head.buf = append(head.buf, formatMagic...)
	head.uvarint(formatVersion)
	head.uvarint(uint64(body.points))
	head.uvarint(uint64(body.rings))
	head.uvarint(uint64(body.polygons))

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("encode geodata: %w", err)
	}
	if _, err := zw.Write(head.buf); err != nil {
		return fmt.Errorf("encode geodata: %w", err)
	}
	if _, err := zw.Write(body.buf); err != nil {
		return fmt.Errorf("encode geodata: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode geodata: %w", err)
	}
	return nil
}

type encoder struct {
	buf                     []byte
	points, rings, polygons int
	err                     error
}

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) multiPolygon(mp orb.MultiPolygon) {
	if e.err != nil {
		return
	}
	if err := checkMultiPolygon(mp); err != nil {
		e.err = err
		return
	}
	dec := decimalsFor(mp)
	scale := pow10[dec]
	e.buf = append(e.buf, byte(dec))
	e.uvarint(uint64(len(mp)))
	var px, py int64
	for _, p := range mp {
		e.polygons++
		e.uvarint(uint64(len(p)))
		for _, r := range p {
			e.rings++
			e.points += len(r)
			open := r[:len(r)-1]
			e.uvarint(uint64(len(open)))
			for _, pt := range open {
				x, y := int64(math.Round(pt[0]*scale)), int64(math.Round(pt[1]*scale))
				e.buf = binary.AppendVarint(e.buf, x-px)
				e.buf = binary.AppendVarint(e.buf, y-py)
				px, py = x, y
			}
		}
	}
}

// checkMultiPolygon reports whether every polygon has rings and every ring
// is closed, has at least 4 positions and valid coordinates.
func checkMultiPolygon(mp orb.MultiPolygon) error {
	for i, p := range mp {
		if len(p) == 0 {
			return fmt.Errorf("polygon %d has no rings", i)
		}
		for j, r := range p {
			if len(r) < 4 {
				return fmt.Errorf("polygon %d ring %d has %d positions, want at least 4", i, j, len(r))
			}
			if r[0] != r[len(r)-1] {
				return fmt.Errorf("polygon %d ring %d is not closed", i, j)
			}
			for k, pt := range r {
				if !validLonLat(pt[0], pt[1]) {
					return fmt.Errorf("polygon %d ring %d position %d: invalid coordinates %v", i, j, k, pt)
				}
			}
		}
	}
	return nil
}

func validLonLat(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// decimalsFor returns the fewest decimals that represent every coordinate
// of mp exactly, or maxDecimals.
func decimalsFor(mp orb.MultiPolygon) int {
	for dec := 0; dec < maxDecimals; dec++ {
		if exactAt(mp, pow10[dec]) {
			return dec
		}
	}
	return maxDecimals
}

func exactAt(mp orb.MultiPolygon, scale float64) bool {
	for _, p := range mp {
		for _, r := range p {
			for _, pt := range r {
				if math.Round(pt[0]*scale)/scale != pt[0] || math.Round(pt[1]*scale)/scale != pt[1] {
					return false
				}
			}
		}
	}
	return true
}

// errCorrupt is wrapped by every decoding error.
var errCorrupt = errors.New("corrupt geodata file")

// decode parses a gzip-compressed file in the format above.
func decode(gz []byte) (*Data, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	// The gzip trailer holds the uncompressed size (mod 2^32): a size hint.
	hint := 0
	if n := len(gz); n >= 4 {
		hint = int(binary.LittleEndian.Uint32(gz[n-4:]))
		hint = min(hint, 1<<28)
	}
	raw := bytes.NewBuffer(make([]byte, 0, hint+bytes.MinRead))
	if _, err := raw.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	return decodeRaw(raw.Bytes())
}

func decodeRaw(b []byte) (*Data, error) {
	if !bytes.HasPrefix(b, []byte(formatMagic)) {
		return nil, fmt.Errorf("%w: bad magic", errCorrupt)
	}
	dec := &decoder{b: b, off: len(formatMagic)}
	if v := dec.uvarint(); v != formatVersion && dec.err == nil {
		return nil, fmt.Errorf("%w: format version %d, want %d", errCorrupt, v, formatVersion)
	}
	nPoints, nRings, nPolygons := dec.count(), dec.count(), dec.count()
	if dec.err != nil {
		return nil, dec.err
	}
	dec.points = make([]orb.Point, 0, nPoints)
	dec.rings = make([]orb.Ring, 0, nRings)
	dec.polygons = make([]orb.Polygon, 0, nPolygons)

	d := &Data{}
	d.Ukraine = dec.multiPolygon()
	d.Russia = dec.multiPolygon()
	if n := dec.count(); dec.err == nil {
		d.Seas = make([]Sea, n)
		for i := range d.Seas {
			s := &d.Seas[i]
			s.ID, s.Name, s.NameUK, s.NameRU, s.Parent = dec.str(), dec.str(), dec.str(), dec.str(), dec.str()
			s.Shape = dec.multiPolygon()
		}
	}
	if n := dec.count(); dec.err == nil {
		d.Regions = make([]Region, n)
		for i := range d.Regions {
			r := &d.Regions[i]
			r.Code, r.ISO, r.Country, r.Name = dec.str(), dec.str(), dec.str(), dec.str()
			r.Shape = dec.multiPolygon()
		}
	}
	if n := dec.count(); dec.err == nil {
		d.Snapshots = make([]Snapshot, n)
		for i := range d.Snapshots {
			s := &d.Snapshots[i]
			s.Date, s.Source = dec.str(), dec.str()
			s.Occupied = dec.multiPolygon()
		}
	}
	if dec.err != nil {
		return nil, dec.err
	}
	if dec.off != len(b) {
		return nil, fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(b)-dec.off)
	}
	if len(dec.points) != nPoints || len(dec.rings) != nRings || len(dec.polygons) != nPolygons {
		return nil, fmt.Errorf("%w: totals do not match the content", errCorrupt)
	}
	return d, nil
}

// decoder reads the format from b. The geometry is appended to three
// backing slices sized from the header's totals, so a whole file costs a
// handful of allocations; every ring, polygon and multipolygon is a
// full-capacity-limited window on them.
type decoder struct {
	b        []byte
	off      int
	err      error
	points   []orb.Point
	rings    []orb.Ring
	polygons []orb.Polygon
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: at byte %d: %s", errCorrupt, d.off, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad uvarint")
		return 0
	}
	d.off += n
	return v
}

// count reads a uvarint that counts items of at least one byte each.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail("count %d exceeds the file size", v)
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	if n > len(d.b)-d.off {
		d.fail("string of %d bytes past the end", n)
		return ""
	}
	s := string(d.b[d.off : d.off+n])
	d.off += n
	return s
}

func (d *decoder) multiPolygon() orb.MultiPolygon {
	if d.err != nil {
		return nil
	}
	if d.off >= len(d.b) {
		d.fail("unexpected end")
		return nil
	}
	decimals := int(d.b[d.off])
	d.off++
	if decimals >= len(pow10) {
		d.fail("%d decimals", decimals)
		return nil
	}
	scale := pow10[decimals]
	nPolygons := d.count()
	polyStart := len(d.polygons)
	var x, y int64
	for range nPolygons {
		nRings := d.count()
		if nRings == 0 {
			d.fail("polygon without rings")
		}
		ringStart := len(d.rings)
		for range nRings {
			n := d.count()
			if d.err != nil {
				return nil
			}
			if n < 3 {
				d.fail("ring of %d positions", n)
				return nil
			}
			if len(d.points)+n+1 > cap(d.points) || len(d.rings) == cap(d.rings) {
				d.fail("more geometry than the totals say")
				return nil
			}
			start := len(d.points)
			for range n {
				dx, k := binary.Varint(d.b[d.off:])
				if k <= 0 {
					d.fail("bad varint")
					return nil
				}
				d.off += k
				dy, k := binary.Varint(d.b[d.off:])
				if k <= 0 {
					d.fail("bad varint")
					return nil
				}
				d.off += k
				x += dx
				y += dy
				d.points = append(d.points, orb.Point{float64(x) / scale, float64(y) / scale})
			}
			d.points = append(d.points, d.points[start])
			end := len(d.points)
			d.rings = append(d.rings, orb.Ring(d.points[start:end:end]))
		}
		if d.err != nil {
			return nil
		}
		if len(d.polygons) == cap(d.polygons) {
			d.fail("more geometry than the totals say")
			return nil
		}
		end := len(d.rings)
		d.polygons = append(d.polygons, orb.Polygon(d.rings[ringStart:end:end]))
	}
	if d.err != nil {
		return nil
	}
	end := len(d.polygons)
	return orb.MultiPolygon(d.polygons[polyStart:end:end])
}
