package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/farsight-osint/farsight"
	"github.com/farsight-osint/farsight/internal/sqlite"
	"github.com/google/go-cmp/cmp"
)

func TestFeedService(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	feeds := sqlite.NewFeedService(db)
	sources := sqlite.NewSourceService(db)

	// A source that exists keeps its kind; the feed reports it.
	if err := sources.CreateSource(ctx, &farsight.Source{Name: "MoD", Kind: farsight.SourceRUOfficial}); err != nil {
		t.Fatal(err)
	}
	a := &farsight.Feed{URL: "https://example.org/rss", Name: "Example", Kind: farsight.SourceMedia}
	b := &farsight.Feed{URL: "https://mil.example/atom", Name: "MoD"}
	for _, f := range []*farsight.Feed{a, b} {
		if err := feeds.CreateFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if b.Kind != farsight.SourceRUOfficial || a.SourceID == 0 || a.SourceID == b.SourceID {
		t.Fatalf("got kinds %q %q, sources %d %d", a.Kind, b.Kind, a.SourceID, b.SourceID)
	}
	src, err := sources.FindSourceByName(ctx, "Example")
	if err != nil || src.ID != a.SourceID || src.Kind != farsight.SourceMedia {
		t.Fatalf("got source %+v, %v, want ID %d of kind media", src, err, a.SourceID)
	}

	t.Run("invalid and conflict", func(t *testing.T) {
		for _, tc := range []struct {
			feed farsight.Feed
			code string
		}{
			{farsight.Feed{URL: "ftp://example.org/x", Name: "x"}, farsight.EINVALID},
			{farsight.Feed{URL: "https://example.org/y"}, farsight.EINVALID},
			{farsight.Feed{URL: "https://example.org/y", Name: "y", Kind: "enemy"}, farsight.EINVALID},
			{farsight.Feed{URL: "https://example.org/rss", Name: "Again"}, farsight.ECONFLICT},
		} {
			if err := feeds.CreateFeed(ctx, &tc.feed); farsight.ErrorCode(err) != tc.code {
				t.Errorf("%+v: got %v, want %s", tc.feed, err, tc.code)
			}
		}
		if _, err := feeds.FindFeedByID(ctx, 999); farsight.ErrorCode(err) != farsight.ENOTFOUND {
			t.Errorf("got %v, want ENOTFOUND", err)
		}
		if err := feeds.RecordFeedPoll(ctx, 999, farsight.FeedPoll{At: time.Now()}); farsight.ErrorCode(err) != farsight.ENOTFOUND {
			t.Errorf("got %v, want ENOTFOUND", err)
		}
	})

	t.Run("polls", func(t *testing.T) {
		t0 := time.Date(2024, 11, 6, 8, 0, 0, 0, time.UTC)
		due, err := feeds.FindFeeds(ctx, farsight.FeedFilter{DueBy: &t0})
		if err != nil || len(due) != 2 {
			t.Fatalf("got %d due feeds, %v, want 2", len(due), err)
		}
		unseen, err := feeds.UnseenFeedItems(ctx, a.ID, []string{"g1", "g2", "g1"})
		if err != nil || !cmp.Equal(unseen, []string{"g1", "g2"}) {
			t.Fatalf("got %v, %v", unseen, err)
		}
		next := t0.Add(time.Hour)
		if err := feeds.RecordFeedPoll(ctx, a.ID, farsight.FeedPoll{At: t0, ETag: `"v1"`, LastModified: "Wed, 06 Nov 2024 07:00:00 GMT", Seen: []string{"g1", "g2"}, NextPollAt: next}); err != nil {
			t.Fatal(err)
		}
		unseen, err = feeds.UnseenFeedItems(ctx, a.ID, []string{"g1", "g2", "g3"})
		if err != nil || !cmp.Equal(unseen, []string{"g3"}) {
			t.Fatalf("after poll: got %v, %v, want [g3]", unseen, err)
		}
		// Seen keys are per feed.
		if unseen, _ := feeds.UnseenFeedItems(ctx, b.ID, []string{"g1"}); len(unseen) != 1 {
			t.Fatalf("feed b: got %v, want [g1]", unseen)
		}
		// A key seen again is not counted again.
		t1 := t0.Add(2 * time.Hour)
		if err := feeds.RecordFeedPoll(ctx, a.ID, farsight.FeedPoll{At: t1, Err: "HTTP 503", Seen: []string{"g2", "g3"}, NextPollAt: t1.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		got, err := feeds.FindFeedByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := *a
		want.ETag, want.LastModified = `"v1"`, "Wed, 06 Nov 2024 07:00:00 GMT"
		want.LastPolledAt, want.LastSuccessAt = t1, t0
		want.LastError, want.LastErrorAt, want.ErrorCount = "HTTP 503", t1, 1
		want.ItemsSeen, want.NextPollAt = 3, t1.Add(time.Minute)
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Fatalf("feed after two polls (-want +got):\n%s", diff)
		}
		// Not due before its next poll; a success resets the error count.
		if due, _ := feeds.FindFeeds(ctx, farsight.FeedFilter{DueBy: &t1}); len(due) != 1 || due[0].ID != b.ID {
			t.Fatalf("got due %v, want feed b only", due)
		}
		t2 := t1.Add(time.Hour)
		if err := feeds.RecordFeedPoll(ctx, a.ID, farsight.FeedPoll{At: t2, ETag: `"v1"`, NextPollAt: t2.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		got, _ = feeds.FindFeedByID(ctx, a.ID)
		if got.ErrorCount != 0 || !got.LastSuccessAt.Equal(t2) || got.LastError != "HTTP 503" || got.LastModified != "" {
			t.Fatalf("after success: got %+v", got)
		}
	})

	t.Run("delete", func(t *testing.T) {
		if err := feeds.DeleteFeed(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := feeds.DeleteFeed(ctx, a.ID); farsight.ErrorCode(err) != farsight.ENOTFOUND {
			t.Fatalf("second delete: got %v, want ENOTFOUND", err)
		}
		// The URL can be added again, with no items seen.
		c := &farsight.Feed{URL: a.URL, Name: a.Name}
		if err := feeds.CreateFeed(ctx, c); err != nil {
			t.Fatal(err)
		}
		if unseen, _ := feeds.UnseenFeedItems(ctx, c.ID, []string{"g1"}); len(unseen) != 1 {
			t.Fatalf("got %v, want [g1]", unseen)
		}
	})
}
