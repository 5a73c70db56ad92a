package farsight

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// Feed is an RSS, Atom or JSON feed that farsight polls for reports. Its
// items become reports of the source Name, of kind Kind. The poll fields
// record the feed's health and when it is polled next.
type Feed struct {
	ID  int64  `json:"id"`
	URL string `json:"url"`
	// Name is the name of the source its reports are filed under.
	Name     string     `json:"name"`
	Kind     SourceKind `json:"kind"`
	SourceID int64      `json:"source_id,omitempty"`

	// ETag and LastModified are the validators of the last document
	// fetched, sent back on the next poll (conditional GET).
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`

	// LastPolledAt is when the feed was last polled, successfully or not.
	LastPolledAt  time.Time `json:"last_polled_at,omitzero"`
	LastSuccessAt time.Time `json:"last_success_at,omitzero"`
	// LastError is the error of the last failed poll, kept after later
	// successes; LastErrorAt says when it happened.
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	// ErrorCount counts the polls that failed since the last success.
	ErrorCount int `json:"error_count"`
	// NextPollAt is when the feed is due; zero means now.
	NextPollAt time.Time `json:"next_poll_at,omitzero"`
	// ItemsSeen counts the distinct items taken from the feed.
	ItemsSeen int `json:"items_seen"`

	CreatedAt time.Time `json:"created_at,omitzero"`
}

// Validate returns EINVALID when the feed cannot be stored. It defaults the
// kind to unknown.
func (f *Feed) Validate() error {
	u, err := url.Parse(f.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Errorf(EINVALID, "feed URL %q: want an http or https URL", f.URL)
	}
	if strings.TrimSpace(f.Name) == "" {
		return Errorf(EINVALID, "feed name required")
	}
	if f.Kind == "" {
		f.Kind = SourceUnknown
	}
	if !f.Kind.Valid() {
		return Errorf(EINVALID, "unknown source kind %q", f.Kind)
	}
	return nil
}

// FeedFilter selects feeds. Nil fields do not filter.
type FeedFilter struct {
	ID *int64
	// DueBy selects the feeds whose next poll is at or before it.
	DueBy *time.Time
}

// FeedPoll is the outcome of one poll of a feed.
type FeedPoll struct {
	At time.Time
	// Err is the error of a failed poll; empty on success.
	Err string
	// ETag and LastModified are the validators the server sent; on a
	// success they replace the stored ones (empty clears them).
	ETag, LastModified string
	// Seen are the keys (GUID, else link) of the items taken in this poll.
	Seen []string
	// NextPollAt is when the feed is due again.
	NextPollAt time.Time
}

// FeedService stores feeds, their health and the items already taken.
type FeedService interface {
	// FindFeedByID returns ENOTFOUND when no feed has that ID.
	FindFeedByID(ctx context.Context, id int64) (*Feed, error)

	// FindFeeds returns the matching feeds, ordered by next poll time then ID.
	FindFeeds(ctx context.Context, f FeedFilter) ([]*Feed, error)

	// CreateFeed stores a new feed, creating its source when no source has
	// its name, and sets its ID and SourceID. It returns EINVALID for an
	// invalid feed and ECONFLICT when a feed with that URL is stored.
	CreateFeed(ctx context.Context, f *Feed) error

	// DeleteFeed removes a feed and its seen items (not its reports). It
	// returns ENOTFOUND when no feed has that ID.
	DeleteFeed(ctx context.Context, id int64) error

	// UnseenFeedItems returns, in order, the keys of keys not yet taken
	// from the feed (repeated keys once).
	UnseenFeedItems(ctx context.Context, feedID int64, keys []string) ([]string, error)

	// RecordFeedPoll records a poll's outcome in one transaction: the
	// health fields, the validators on success, the seen items and the
	// next poll time. It returns ENOTFOUND when no feed has that ID.
	RecordFeedPoll(ctx context.Context, feedID int64, p FeedPoll) error
}
