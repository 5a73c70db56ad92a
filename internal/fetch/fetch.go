// Package fetch reads web pages and feeds for farsight, safely: it refuses
// to connect to loopback, private, link-local and other non-public
// addresses (checked on the resolved address of every connection, so
// redirects and DNS rebinding are covered) unless told otherwise, follows
// a bounded number of redirects, caps time and body size, sends
// conditional requests, keeps one request at a time per host with a delay
// between them, and decodes pages in any declared or sniffed charset to
// UTF-8. Article extracts a page's main text as a report.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/farsight-osint/farsight"
)

// Defaults of Options.
const (
	DefaultMaxRedirects       = 5
	DefaultTimeout            = 30 * time.Second
	DefaultMaxBodyBytes int64 = 10 << 20
	DefaultHostDelay          = time.Second
	DefaultUserAgent          = "farsight (+https://github.com/farsight-osint/farsight)"
)

// Options configure a Client. The zero value gives the defaults and the
// SSRF guard.
type Options struct {
	// AllowPrivate lets the client connect to any address, private ones
	// included (a feed on an intranet, tests).
	AllowPrivate bool
	// AllowHosts lists hosts ("example.org") or host:port pairs
	// ("127.0.0.1:8080") that may resolve to any address; all others go
	// through the guard.
	AllowHosts []string
	// MaxRedirects is the number of redirects followed; 0 means
	// DefaultMaxRedirects, a negative number none.
	MaxRedirects int
	// Timeout bounds a whole request, body included.
	Timeout time.Duration
	// MaxBodyBytes caps a response body; a larger one is an error.
	MaxBodyBytes int64
	// UserAgent is sent with every request.
	UserAgent string
	// HostDelay is the least time between two requests to one host and
	// port; 0 means DefaultHostDelay, a negative value no delay (requests
	// to one host still run one at a time).
	HostDelay time.Duration
	// Limiter, when set, is shared with other clients and HostDelay is
	// not used.
	Limiter *Limiter
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Client fetches pages and feeds. It is safe for concurrent use.
type Client struct {
	http      *http.Client
	limiter   *Limiter
	maxBody   int64
	userAgent string
	timeout   time.Duration
	now       func() time.Time
}

// New returns a Client with opts.
func New(opts Options) *Client {
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.HostDelay == 0 {
		opts.HostDelay = DefaultHostDelay
	}
	if opts.Limiter == nil {
		opts.Limiter = NewLimiter(max(opts.HostDelay, 0))
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	d := newDialer(opts.AllowPrivate, opts.AllowHosts)
	transport := &http.Transport{
		// Never through a proxy from the environment: the guard checks
		// the address connected to, which must be the server's.
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	maxRedirects := max(opts.MaxRedirects, 0)
	return &Client{
		http: &http.Client{
			Transport: &politeTransport{base: transport, limiter: opts.Limiter},
			Timeout:   opts.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > maxRedirects {
					return farsight.Errorf(farsight.EINVALID, "stopped after %d redirects", maxRedirects)
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return farsight.Errorf(farsight.EINVALID, "redirect to a %s URL", req.URL.Scheme)
				}
				return nil
			},
		},
		limiter:   opts.Limiter,
		maxBody:   opts.MaxBodyBytes,
		userAgent: opts.UserAgent,
		timeout:   opts.Timeout,
		now:       opts.Now,
	}
}

// Limiter returns the politeness limiter of the client.
func (c *Client) Limiter() *Limiter { return c.limiter }

// Validators are the cache validators of a document fetched before, sent
// with the next request for it (If-None-Match, If-Modified-Since).
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched document.
type Response struct {
	// URL is the document's URL after redirects.
	URL        string
	StatusCode int
	// NotModified is set when the server answered 304 to a conditional
	// request: Body is empty and the document is as it was.
	NotModified bool
	ContentType string
	Body        []byte
	// ETag and LastModified are the validators the server sent.
	ETag         string
	LastModified string
	FetchedAt    time.Time
}

// Get fetches rawURL, conditionally when v has a validator. It returns
// EINVALID for a URL that is not http(s), an address the guard refuses,
// too many redirects, a body over the size cap or an HTTP error status
// (ENOTFOUND for 404 and 410); other errors are network errors.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, farsight.Errorf(farsight.EINVALID, "%q is not an http or https URL", rawURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, farsight.Errorf(farsight.EINVALID, "%q: %v", rawURL, err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.requestError(rawURL, err)
	}
	defer resp.Body.Close()

	out := &Response{
		URL:          resp.Request.URL.String(),
		StatusCode:   resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FetchedAt:    c.now().UTC(),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = v.ETag
		}
		if out.LastModified == "" {
			out.LastModified = v.LastModified
		}
		return out, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, farsight.Errorf(farsight.ENOTFOUND, "GET %s: HTTP %s", rawURL, resp.Status)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, farsight.Errorf(farsight.EINVALID, "GET %s: HTTP %s", rawURL, resp.Status)
	}
	if resp.ContentLength > c.maxBody {
		return nil, c.tooLarge(rawURL, resp.ContentLength)
	}
	out.Body, err = io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return nil, c.requestError(rawURL, err)
	}
	if int64(len(out.Body)) > c.maxBody {
		return nil, c.tooLarge(rawURL, -1)
	}
	return out, nil
}

func (c *Client) tooLarge(rawURL string, n int64) error {
	if n > 0 {
		return farsight.Errorf(farsight.EINVALID, "GET %s: body is %s, more than the %s limit", rawURL, byteSize(n), byteSize(c.maxBody))
	}
	return farsight.Errorf(farsight.EINVALID, "GET %s: body is larger than the %s limit", rawURL, byteSize(c.maxBody))
}

// requestError turns a client error into one line: the guard's and the
// redirect check's application errors keep their code, a timeout says so.
func (c *Client) requestError(rawURL string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.URL != rawURL && ue.URL != "" {
		rawURL += " (redirected to " + ue.URL + ")"
	}
	var fe *farsight.Error
	if errors.As(err, &fe) {
		return farsight.Errorf(fe.Code, "GET %s: %s", rawURL, fe.Message)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("GET %s: timed out (limit %s)", rawURL, c.timeout)
	}
	if ue != nil {
		err = ue.Err
	}
	return fmt.Errorf("GET %s: %w", rawURL, err)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// politeTransport holds the limiter's slot for a request's host from the
// request until its body is closed, redirects included.
type politeTransport struct {
	base    http.RoundTripper
	limiter *Limiter
}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	done, err := t.limiter.Wait(req.Context(), HostKey(req.URL))
	if err != nil {
		return nil, err
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		done()
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, done: done}
	return resp, nil
}

type releasingBody struct {
	io.ReadCloser
	done func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.done()
	return err
}

// HostKey returns the limiter key of a URL: its lower-case host and port,
// the scheme's default port when none is given.
func HostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}
