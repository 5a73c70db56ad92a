package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/ingest/local"
	"github.com/farsight-osint/farsight/internal/ingest/telegram"
	"github.com/farsight-osint/farsight/internal/pipeline"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

// inputFlags are the flags shared by the commands that read report inputs.
type inputFlags struct {
	format    string
	source    string
	published string
	encoding  string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.format, "format", "", "input format: text, jsonl, csv or telegram (default: from the file name or content)")
	cmd.Flags().StringVar(&f.source, "source", "", "source name for reports that do not name one")
	cmd.Flags().StringVar(&f.published, "published", "", "publication date (YYYY-MM-DD or RFC 3339) for reports without one")
	cmd.Flags().StringVar(&f.encoding, "encoding", "", "input character encoding: utf-8 (default), windows-1251, koi8-r, koi8-u, iso-8859-1, utf-16")
}

func (f *inputFlags) options() (local.Options, error) {
	o := local.Options{Source: f.source, Encoding: f.encoding}
	if f.published != "" {
		t, err := local.ParseTime(f.published)
		if err != nil {
			return o, err
		}
		o.Published = t
	}
	return o, nil
}

// input is one opened input: a file or stdin.
type input struct {
	path string
	body io.Reader
	// size is the input's length when known, else -1.
	size  int64
	close func() error
}

// openInput opens path, or uses stdin for "-".
func openInput(path string, stdin io.Reader) (*input, error) {
	if path == "-" {
		return &input{path: path, body: stdin, size: -1, close: func() error { return nil }}, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "%v", err)
	}
	st, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, err
	}
	if st.IsDir() {
		file.Close()
		return nil, farsight.Errorf(farsight.EINVALID, "%s is a directory", path)
	}
	return &input{path: path, body: file, size: st.Size(), close: file.Close}, nil
}

// reader returns a reader of the reports in body, which was read from path.
func (f *inputFlags) reader(path string, body io.Reader) (local.Reader, error) {
	o, err := f.options()
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(body, 64<<10)
	var format local.Format
	if strings.EqualFold(f.format, "telegram") {
		return telegram.NewReader(br, o)
	} else if f.format != "" {
		if format, err = local.ParseFormat(f.format); err != nil {
			return nil, err
		}
	} else {
		head, _ := br.Peek(512)
		format = local.DetectFormat(path, head)
		// JSON shaped like a Telegram Desktop export is one.
		if more, _ := br.Peek(4096); format == local.JSONL && telegram.Detect(more) {
			return telegram.NewReader(br, o)
		}
	}
	return local.NewReader(br, format, o)
}

func (m *Main) ingestCommand() *cobra.Command {
	var in inputFlags
	var batch int
	cmd := &cobra.Command{
		Use:   "ingest PATH|URL|- ...",
		Short: "Store reports and extract their events",
		Long: `Ingest reads reports from files or stdin ("-"): plain text (the whole input
is one report), JSONL (one report per line: id, text, title, url, source,
published), CSV (a header row naming those columns) or a Telegram Desktop
chat export (result.json, one report per message). Each new report is
stored and its events extracted and stored; exact duplicates (same text up
to case and white space) are stored once. A bad line is reported with its
number and skipped; the rest is kept.`,
		Example: `  farsight ingest reports.jsonl
  farsight ingest --published 2024-11-06 --source "Kyiv Post" article.txt
  cat export.csv | farsight ingest --format csv -
  farsight ingest ChatExport_2024-11-08/result.json
  farsight ingest https://www.example.org/news/2024/11/06/strike   # the page's article`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := m.newPipeline(cmd)
			if err != nil {
				return err
			}
			bad := 0
			for _, path := range args {
				ingest := m.ingestPath
				if isWebURL(path) { // a web page: its article is one report (feeds.go)
					ingest = m.ingestURL
				}
				st, err := ingest(cmd.Context(), p, &in, path, max(batch, 1))
				if err != nil {
					return fmt.Errorf("ingest %s: %w", path, err)
				}
				bad += st.bad
				fmt.Fprintf(m.Stdout, "%s: %d reports read, %d new, %d duplicates, %d bad, %d events\n",
					displayName(path), st.read, st.res.New, st.res.Duplicates, st.bad, st.res.Events)
				if st.res.OtherLanguage > 0 {
					fmt.Fprintf(m.Stdout, "%s: %d reports in another language than English, Ukrainian or Russian stored without extraction\n", displayName(path), st.res.OtherLanguage)
				}
				if st.res.ExtractErrors > 0 {
					fmt.Fprintf(m.Stderr, "%s: extraction failed for %d reports (stored; see the log)\n", displayName(path), st.res.ExtractErrors)
				}
			}
			if bad > 0 {
				return farsight.Errorf(farsight.EINVALID, "%d bad lines skipped; everything else was stored", bad)
			}
			return nil
		},
	}
	in.register(cmd)
	cmd.Flags().IntVar(&batch, "batch", 1000, "reports stored per transaction")
	return cmd
}

func displayName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

type ingestStats struct {
	read, bad int
	res       pipeline.Result
}

// ingestPath streams one input through the pipeline.
func (m *Main) ingestPath(ctx context.Context, p *pipeline.Pipeline, flags *inputFlags, path string, batchSize int) (ingestStats, error) {
	var st ingestStats
	in, err := openInput(path, m.Stdin)
	if err != nil {
		return st, err
	}
	defer in.close()
	body := in.body
	if isTerminal(m.Stdout) {
		counted := &countingReader{r: body}
		body = counted
		stop := showProgress(m.Stderr, displayName(path), in.size, &counted.n)
		defer stop()
	}
	r, err := flags.reader(path, body)
	if err != nil {
		return st, err
	}
	st, err = m.ingestReader(ctx, p, r, path, batchSize)
	if tr, ok := r.(*telegram.Reader); ok && tr.Skipped() != "" {
		fmt.Fprintf(m.Stdout, "%s: %s\n", displayName(path), tr.Skipped())
	}
	return st, err
}

// ingestReader runs every report of r through the pipeline: a goroutine
// reads, validates and hashes reports into batches while the caller stores
// and extracts the previous batch. Bad lines are reported on stderr.
func (m *Main) ingestReader(ctx context.Context, p *pipeline.Pipeline, r local.Reader, path string, batchSize int) (ingestStats, error) {
	var st ingestStats
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*farsight.Report, 1)
	readErr := make(chan error, 1)
	var bad atomic.Int64
	go func() {
		defer close(batches)
		var b []*farsight.Report
		send := func() bool {
			select {
			case batches <- b:
				b = nil
				return true
			case <-ctx.Done():
				return false
			}
		}
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var le *local.LineError
			if errors.As(err, &le) {
				bad.Add(1)
				fmt.Fprintf(m.Stderr, "%s:%d: %s\n", displayName(path), le.Line, errorLine(le.Err))
				continue
			} else if err != nil {
				readErr <- err
				return
			}
			if err := rec.Report.Validate(); err != nil {
				bad.Add(1)
				fmt.Fprintf(m.Stderr, "%s:%d: %s\n", displayName(path), rec.Line, errorLine(err))
				continue
			}
			if b = append(b, rec.Report); len(b) >= batchSize && !send() {
				return
			}
		}
		if len(b) > 0 {
			send()
		}
		readErr <- nil
	}()
	for b := range batches {
		res, err := p.Process(ctx, b)
		if err != nil {
			return st, err
		}
		st.read += len(b)
		st.res.Add(res)
	}
	st.bad = int(bad.Load())
	if err := <-readErr; err != nil {
		return st, err
	}
	return st, ctx.Err()
}

// showProgress draws a progress bar of *n bytes read out of size (-1:
// unknown) on w until the returned function is called.
func showProgress(w io.Writer, name string, size int64, n *atomic.Int64) (stop func()) {
	bar := progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(w), progressbar.OptionShowBytes(true), progressbar.OptionSetDescription(name),
		progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				bar.Set64(n.Load())
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		bar.Finish()
	}
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
