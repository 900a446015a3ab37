package storage

import (
	"context"
	"fmt"
	"strconv"
)

// mentoringBatch is how many owners one round trip of a mentoring scan
// reads: the most a scan holds in memory at once, besides the ids it has
// already handed over.
const mentoringBatch = 500

// OwnersForMentoring calls fn with each batch of owners (users with a
// profile) of region and sector ("" for any) and, at the same index of
// mentors, each one's mentor (0 for none). With includeAssigned false only
// owners without a mentor are given. It reads ikm:owners with SSCAN,
// about mentoringBatch at a time (COUNT is a hint to Redis), so memory stays bounded by the batch and the ids handed over (kept so that
// an owner SSCAN returns twice is given once). Owners who blocked the bot
// are included: a mentor can still call them. fn's error stops the scan
// and is returned as is; other errors are Redis failures.
func (s *Store) OwnersForMentoring(ctx context.Context, region, sector string, includeAssigned bool, fn func(owners, mentors []int64) error) error {
	seen := map[int64]struct{}{}
	var cursor uint64
	for {
		ids, next, err := s.rdb.SScan(ctx, ownersKey(), cursor, "", mentoringBatch).Result()
		if err != nil {
			return fmt.Errorf("scan owners for mentoring: %w", err)
		}
		batch := make([]int64, 0, len(ids))
		for _, id := range ids {
			n, err := strconv.ParseInt(id, 10, 64)
			if _, dup := seen[n]; err == nil && !dup {
				batch = append(batch, n)
			}
		}
		users, err := s.Users(ctx, batch)
		if err != nil {
			return fmt.Errorf("scan owners for mentoring: %w", err)
		}
		var match []int64
		var fields []string
		for _, id := range batch {
			u, ok := users[id]
			if !ok || u.Profile == nil || (region != "" && u.Profile.Region != region) || (sector != "" && u.Profile.Sector != sector) {
				continue
			}
			match = append(match, id)
			fields = append(fields, strconv.FormatInt(id, 10))
		}
		if len(match) > 0 {
			vals, err := s.rdb.HMGet(ctx, mentorOfKey(), fields...).Result()
			if err != nil {
				return fmt.Errorf("scan owners for mentoring: %w", err)
			}
			owners, mentors := make([]int64, 0, len(match)), make([]int64, 0, len(match))
			for i, id := range match {
				var m int64
				if v, ok := vals[i].(string); ok {
					m, _ = strconv.ParseInt(v, 10, 64)
				}
				if m != 0 && !includeAssigned {
					continue
				}
				seen[id] = struct{}{}
				owners, mentors = append(owners, id), append(mentors, m)
			}
			if len(owners) > 0 {
				if err := fn(owners, mentors); err != nil {
					return err
				}
			}
		}
		if cursor = next; cursor == 0 {
			return nil
		}
	}
}

// UnmentoredOwners counts the owners without a mentor: the owners less
// the owners with one, who are all owners (an assignment is only made for
// one, and /hapusdata takes it back). Errors are Redis failures.
func (s *Store) UnmentoredOwners(ctx context.Context) (int64, error) {
	p := s.rdb.Pipeline()
	owners := p.SCard(ctx, ownersKey())
	assigned := p.HLen(ctx, mentorOfKey())
	if _, err := p.Exec(ctx); err != nil {
		return 0, fmt.Errorf("count owners without a mentor: %w", err)
	}
	return max(owners.Val()-assigned.Val(), 0), nil
}
