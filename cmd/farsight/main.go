// Command farsight turns strike reporting into a verified, geolocated
// event record. See the README for an introduction and `farsight --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/farsight-osint/farsight/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
