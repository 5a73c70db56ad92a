package geodata

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// TestEncodeBundled checks that decoding and encoding the bundled file
// gives it back byte for byte: nothing is lost in decoding.
func TestEncodeBundled(t *testing.T) {
	d := mustLoad(t)
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), bundled) {
		t.Errorf("re-encoded %d bytes differ from the bundled %d bytes", buf.Len(), len(bundled))
	}
}

// square returns a closed counter-clockwise square, its far corner rounded
// to 7 decimals.
func square(x, y, size float64) orb.Ring {
	x2, y2 := math.Round((x+size)*1e7)/1e7, math.Round((y+size)*1e7)/1e7
	return orb.Ring{{x, y}, {x2, y}, {x2, y2}, {x, y2}, {x, y}}
}

func sampleData() *Data {
	hole := square(30.2, 50.2, 0.1)
	hole.Reverse()
	return &Data{
		Ukraine: orb.MultiPolygon{{square(30, 50, 1), hole}, {square(33.12345, 45.5, 0.5)}},
		Russia:  orb.MultiPolygon{{square(-179.5, 65, 0.5)}, {square(179.5, 65, 0.5)}},
		Seas: []Sea{{ID: "sea:black-sea", Name: "Black Sea", NameUK: "Чорне море", NameRU: "Чёрное море",
			Shape: orb.MultiPolygon{{square(31, 43, 2)}}}},
		Regions: []Region{{Code: "UA.12", ISO: "UA-30", Country: "UA", Name: "Kyiv",
			Shape: orb.MultiPolygon{{square(30.3, 50.3, 0.2)}}}},
		Snapshots: []Snapshot{
			{Date: "2022-04-03", Source: "test", Occupied: orb.MultiPolygon{{square(37.1234, 47.5678, 0.0001)}}},
			{Date: "2022-05-01", Source: "test", Occupied: orb.MultiPolygon{{square(37.123456789, 47.5, 0.3)}}},
		},
	}
}

func TestEncodeDecode(t *testing.T) {
	in := sampleData()
	var buf bytes.Buffer
	if err := Encode(&buf, in); err != nil {
		t.Fatal(err)
	}
	got, err := decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// The last snapshot has 9 decimals: it comes back rounded to 7.
	want := sampleData()
	want.Snapshots[1].Occupied = orb.MultiPolygon{{square(37.1234568, 47.5, 0.3)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	var again bytes.Buffer
	if err := Encode(&again, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("Encode is not deterministic")
	}
}

func TestEncodeRejectsBadGeometry(t *testing.T) {
	tests := []struct {
		name string
		mp   orb.MultiPolygon
	}{
		{"open ring", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}},
		{"short ring", orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 0}}}}},
		{"no rings", orb.MultiPolygon{{}}},
		{"latitude", orb.MultiPolygon{{square(0, 90, 1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Encode(io.Discard, &Data{Ukraine: tt.mp}); err == nil {
				t.Error("got no error")
			}
		})
	}
}

func rawOf(t testing.TB, d *Data) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestDecodeCorrupt(t *testing.T) {
	raw := rawOf(t, sampleData())
	// Every truncation fails cleanly.
	for n := range len(raw) {
		if _, err := decodeRaw(raw[:n]); !errors.Is(err, errCorrupt) {
			t.Fatalf("truncated to %d bytes: got %v, want a corrupt-file error", n, err)
		}
	}
	if _, err := decodeRaw(append(raw, 0)); !errors.Is(err, errCorrupt) {
		t.Errorf("trailing byte: got %v", err)
	}
	if _, err := decode([]byte("not gzip")); !errors.Is(err, errCorrupt) {
		t.Errorf("not gzip: got %v", err)
	}
	bad := bytes.Clone(raw)
	bad[len(formatMagic)] = 2 // version
	if _, err := decodeRaw(bad); !errors.Is(err, errCorrupt) {
		t.Errorf("version 2: got %v", err)
	}
}

// FuzzDecodeRaw checks that no input makes the decoder panic or allocate
// without bound.
func FuzzDecodeRaw(f *testing.F) {
	f.Add(rawOf(f, sampleData()))
	f.Add(rawOf(f, &Data{}))
	f.Add([]byte(formatMagic + "\x01\xff\xff\xff\xff\x0f\x01\x01"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := decodeRaw(raw)
		if err != nil {
			return
		}
		for _, mp := range []orb.MultiPolygon{d.Ukraine, d.Russia} {
			for _, p := range mp {
				for _, r := range p {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("bad ring %v", r)
					}
				}
			}
		}
	})
}
