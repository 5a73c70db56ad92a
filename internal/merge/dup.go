package merge

import (
	"encoding/binary"
	"hash/fnv"
	"strings"
	"unicode"
)

// DuplicateSimilarity is the estimated Jaccard similarity of two reports'
// sets of adjacent word pairs above which they count as copies of one
// another (syndication). 0.8 is about 90% of each text shared: a copy that
// drops or adds a sentence in ten.
const DuplicateSimilarity = 0.8

// sketchSize is the number of MinHash values in a sketch: the similarity
// estimate's standard error is about 0.05 near the threshold.
const sketchSize = 64

// maxSketchBytes bounds how much of a report is sketched.
const maxSketchBytes = 256 << 10

// Sketch returns a MinHash sketch of a text's adjacent word pairs (case
// folded, punctuation ignored), nil for a text of fewer than two words.
// Sketches are deterministic: they are stored and compared across runs.
func (g *Merger) Sketch(text string) []byte {
	if len(text) > maxSketchBytes {
		text = text[:maxSketchBytes]
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(words) < 2 {
		return nil
	}
	var mins [sketchSize]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for i := 1; i < len(words); i++ {
		h := fnv.New64a()
		h.Write([]byte(words[i-1]))
		h.Write([]byte{' '})
		h.Write([]byte(words[i]))
		x := h.Sum64()
		for k := range mins {
			if v := mix(x ^ salts[k]); v < mins[k] {
				mins[k] = v
			}
		}
	}
	out := make([]byte, 4*sketchSize)
	for k, v := range mins {
		binary.LittleEndian.PutUint32(out[4*k:], uint32(v>>32))
	}
	return out
}

// salts make sketchSize hash functions of one.
var salts = func() [sketchSize]uint64 {
	var s [sketchSize]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i))
		s[i] = x
	}
	return s
}()

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// similarity estimates the Jaccard similarity of two sketches: the share
// of their values that agree. 0 when either is missing.
func similarity(a, b []byte) float64 {
	if len(a) != 4*sketchSize || len(b) != 4*sketchSize {
		return 0
	}
	n := 0
	for k := 0; k < len(a); k += 4 {
		if string(a[k:k+4]) == string(b[k:k+4]) {
			n++
		}
	}
	return float64(n) / sketchSize
}
