package gazetteer

import (
	"runtime"
	"testing"
)

// BenchmarkLoad measures Load of the embedded gazetteer. Besides ns/op and
// allocations it reports the heap the loaded Gazetteer keeps (heap-MB, from
// runtime.MemStats.HeapInuse after a GC) and the memory the Go runtime holds
// from the OS (sys-MB).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *Gazetteer
	for b.Loop() {
		var err error
		if g, err = Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	g = nil
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	g, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapInuse-min(before.HeapInuse, after.HeapInuse))/(1<<20), "heap-MB")
	b.ReportMetric(float64(after.Sys)/(1<<20), "sys-MB")
	b.ReportMetric(float64(g.Len()), "places")
	runtime.KeepAlive(g)
}

func BenchmarkLookup(b *testing.B) {
	g := mustLoad(b)
	names := []string{"Kaspiysk", "Каспійськ", "Havrylivka", "Engels", "Чорне море", "no such place"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = g.Lookup(names[i%len(names)])
		i++
	}
}

func BenchmarkNames(b *testing.B) {
	g := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for range g.Names() {
			n++
		}
	}
}
