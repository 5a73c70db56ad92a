package geodata

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGenerateReproducible regenerates the data file from its pinned inputs
// and compares it byte for byte with the committed one. It needs npm (and
// the npm registry, unless the tarball is cached) and the project's shared
// data directory, so it only runs with FARSIGHT_TEST_GENERATE=1.
// FARSIGHT_SHARED_DATA overrides the shared data directory.
func TestGenerateReproducible(t *testing.T) {
	if os.Getenv("FARSIGHT_TEST_GENERATE") != "1" {
		t.Skip("set FARSIGHT_TEST_GENERATE=1 to regenerate the geodata file and compare")
	}
	shared := os.Getenv("FARSIGHT_SHARED_DATA")
	if shared == "" {
		shared = "../../../shared/data"
	}
	if _, err := os.Stat(filepath.Join(shared, "frontline", "index.csv")); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skipf("npm not available: %v", err)
	}
	out := filepath.Join(t.TempDir(), "geodata.bin.gz")
	cmd := exec.Command("go", "run", "./gen", "-shared", shared, "-o", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("data/geodata.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("regenerated data (%d bytes) differs from data/geodata.bin.gz (%d bytes); run go generate ./internal/geodata and review the diff", len(got), len(want))
	}
}
