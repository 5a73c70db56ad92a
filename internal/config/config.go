// Package config holds farsight's run-time configuration: defaults, then
// FARSIGHT_* environment variables, then command-line flags.
package config

import (
	"strings"

	"github.com/farsight-osint/farsight"
)

// Config is the effective configuration of one farsight process.
type Config struct {
	// DB is the SQLite database file.
	DB string
	// LogLevel is debug, info, warn or error; LogFormat is text or json.
	LogLevel  string
	LogFormat string
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{DB: "farsight.db", LogLevel: "warn", LogFormat: "text"}
}

// LoadEnv overrides c with the FARSIGHT_* variables that are set.
func (c *Config) LoadEnv(getenv func(string) string) {
	for name, dst := range map[string]*string{
		"FARSIGHT_DB":         &c.DB,
		"FARSIGHT_LOG_LEVEL":  &c.LogLevel,
		"FARSIGHT_LOG_FORMAT": &c.LogFormat,
	} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
}

// Validate returns EINVALID for a configuration farsight cannot run with.
func (c Config) Validate() error {
	if strings.TrimSpace(c.DB) == "" {
		return farsight.Errorf(farsight.EINVALID, "database path is empty (--db or FARSIGHT_DB)")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return farsight.Errorf(farsight.EINVALID, "log level %q: want debug, info, warn or error", c.LogLevel)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return farsight.Errorf(farsight.EINVALID, "log format %q: want text or json", c.LogFormat)
	}
	return nil
}
