package storage

import (
	"context"
	"fmt"
	"strconv"

	"ikmbot"
)

// audienceBatch is how many owners one round trip of an audience scan
// reads: the most a scan holds in memory at once.
const audienceBatch = 500

// scanAudience calls fn with each batch of owners in the audience, reading
// ikm:owners with SSCAN, so memory stays bounded however many owners
// there are.
func (s *Store) scanAudience(ctx context.Context, a ikmbot.Audience, fn func(owners []int64) error) error {
	var cursor uint64
	for {
		ids, next, err := s.rdb.SScan(ctx, ownersKey(), cursor, "", audienceBatch).Result()
		if err != nil {
			return err
		}
		owners := make([]int64, 0, len(ids))
		for _, id := range ids {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				owners = append(owners, n)
			}
		}
		users, err := s.Users(ctx, owners)
		if err != nil {
			return err
		}
		var match []int64
		for _, id := range owners {
			if u, ok := users[id]; ok && a.Matches(u) {
				match = append(match, id)
			}
		}
		if len(match) > 0 {
			if err := fn(match); err != nil {
				return err
			}
		}
		if cursor = next; cursor == 0 {
			return nil
		}
	}
}

// CountAudience counts the owners in an audience, for staff to see before
// sending. Errors are Redis failures.
func (s *Store) CountAudience(ctx context.Context, a ikmbot.Audience) (int64, error) {
	var n int64
	err := s.scanAudience(ctx, a, func(owners []int64) error {
		n += int64(len(owners))
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count audience: %w", err)
	}
	return n, nil
}

// SnapshotAudience fills a draft broadcast's recipients with the owners in
// the audience now, in batches, and returns how many there are.
func (s *Store) SnapshotAudience(ctx context.Context, id string, a ikmbot.Audience) (int64, error) {
	err := s.scanAudience(ctx, a, func(owners []int64) error {
		return s.AddRecipients(ctx, id, owners)
	})
	if err != nil {
		return 0, fmt.Errorf("snapshot audience of broadcast %s: %w", id, err)
	}
	b, err := s.Broadcast(ctx, id)
	return b.Total, err
}
