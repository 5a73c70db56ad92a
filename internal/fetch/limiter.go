package fetch

import (
	"context"
	"sync"
	"time"
)

// Limiter keeps fetches polite: one request at a time per key (a host and
// port), and at least a minimum delay between the end of one request and
// the start of the next to the same key. Its zero value is not usable;
// call NewLimiter.
type Limiter struct {
	delay time.Duration
	now   func() time.Time

	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	// busy holds a token while a request to the host runs.
	busy chan struct{}
	// last is when the last request to the host ended.
	last time.Time
	// waiters counts goroutines holding or waiting for the slot.
	waiters int
}

// NewLimiter returns a Limiter with the given minimum delay between
// requests to one key; 0 only serialises them.
func NewLimiter(delay time.Duration) *Limiter {
	return &Limiter{delay: delay, now: time.Now, hosts: map[string]*hostSlot{}}
}

// Delay returns the minimum delay between requests to one key.
func (l *Limiter) Delay() time.Duration { return l.delay }

// Wait blocks until a request to key may start and returns the function
// that ends it; the caller must call it once. It returns ctx's error when
// ctx ends first.
func (l *Limiter) Wait(ctx context.Context, key string) (done func(), err error) {
	l.mu.Lock()
	s := l.hosts[key]
	if s == nil {
		s = &hostSlot{busy: make(chan struct{}, 1)}
		l.hosts[key] = s
	}
	s.waiters++
	l.mu.Unlock()

	select {
	case s.busy <- struct{}{}:
	case <-ctx.Done():
		l.leave(s)
		return nil, ctx.Err()
	}
	l.mu.Lock()
	wait := s.last.Add(l.delay).Sub(l.now())
	l.mu.Unlock()
	if wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-s.busy
			l.leave(s)
			return nil, ctx.Err()
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			s.last = l.now()
			l.mu.Unlock()
			<-s.busy
			l.leave(s)
		})
	}, nil
}

// leave drops a waiter and forgets the key once nobody uses it and its
// delay has passed, so the map holds only recent hosts.
func (l *Limiter) leave(s *hostSlot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s.waiters--
	if len(l.hosts) < 256 {
		return
	}
	now := l.now()
	for k, h := range l.hosts {
		if h.waiters == 0 && now.Sub(h.last) >= l.delay {
			delete(l.hosts, k)
		}
	}
}
