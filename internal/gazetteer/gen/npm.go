package main

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

// npmPackage is one pinned npm tarball used as an input.
type npmPackage struct {
	Name    string
	Version string
	SHA256  string
}

// tarball returns the tarball's file name as `npm pack` writes it.
func (p npmPackage) tarball() string {
	return strings.TrimPrefix(strings.ReplaceAll(p.Name, "/", "-"), "@") + "-" + p.Version + ".tgz"
}

// fetch makes sure the tarball is in cacheDir, running `npm pack` when it is
// missing, and verifies its SHA-256. It returns the tarball's path.
func (p npmPackage) fetch(logger *slog.Logger, cacheDir string) (string, error) {
	path := filepath.Join(cacheDir, p.tarball())
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(cacheDir, 0o755); err != nil {
			return "", fmt.Errorf("create cache dir: %w", err)
		}
		logger.Info("npm pack", slog.String("package", p.Name+"@"+p.Version), slog.String("cache_dir", cacheDir))
		cmd := exec.Command("npm", "pack", "--silent", p.Name+"@"+p.Version, "--pack-destination", cacheDir)
		cmd.Stderr = os.Stderr
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("npm pack %s@%s: %w", p.Name, p.Version, err)
		}
	} else if err != nil {
		return "", fmt.Errorf("stat %s: %w", path, err)
	}
	sum, err := fileSHA256(path)
	if err != nil {
		return "", err
	}
	if sum != p.SHA256 {
		return "", fmt.Errorf("%s: sha256 %s, want %s (delete it to fetch again)", path, sum, p.SHA256)
	}
	return path, nil
}

func fileSHA256(path string) (string, error) {
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

// walkTarball calls fn for every regular file of the gzip-compressed tar
// archive at path whose name want accepts. fn may read the entry.
func walkTarball(path string, want func(name string) bool, fn func(name string, r io.Reader) error) error {
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

// readTarFile returns the content of one file of the tarball.
func readTarFile(path, name string) ([]byte, error) {
	var data []byte
	err := walkTarball(path, func(n string) bool { return n == name }, func(_ string, r io.Reader) error {
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
