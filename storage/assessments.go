package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"ikmbot"
)

// Assessments returns every readiness attempt of the user, oldest first;
// none is an empty result, not an error. Attempts that no longer decode are
// logged and skipped, so one bad entry does not hide the rest of the
// history.
func (s *Store) Assessments(ctx context.Context, userID int64) ([]ikmbot.Assessment, error) {
	raw, err := s.rdb.LRange(ctx, assessmentsKey(userID), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list assessments of user %d: %w", userID, err)
	}
	as := make([]ikmbot.Assessment, 0, len(raw))
	for i, r := range raw {
		var a ikmbot.Assessment
		if err := json.Unmarshal([]byte(r), &a); err != nil {
			s.log.WarnContext(ctx, "undecodable assessment skipped", "user_id", userID, "index", i, "err", err)
			continue
		}
		as = append(as, a)
	}
	return as, nil
}

// LevelCounts returns, by level, how many users' latest readiness result
// has that level, from the counts Apply and DeleteOwnerData keep. Levels
// nobody holds are left out; entries it cannot read are logged and skipped.
func (s *Store) LevelCounts(ctx context.Context) (map[ikmbot.Level]int64, error) {
	raw, err := s.rdb.HGetAll(ctx, levelStatsKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("count levels: %w", err)
	}
	return s.levelCountsFrom(ctx, raw), nil
}

// levelCountsFrom reads the fields of levelStatsKey; zeros are left out,
// fields it cannot read logged and skipped.
func (s *Store) levelCountsFrom(ctx context.Context, raw map[string]string) map[ikmbot.Level]int64 {
	counts := make(map[ikmbot.Level]int64, len(raw))
	for k, v := range raw {
		n, ok := s.count(ctx, levelStatsKey(), k, v)
		if ok {
			counts[ikmbot.Level(k)] = n
		}
	}
	return counts
}

// LevelCountsByRegion is LevelCounts per region (region -> level -> count),
// the region being the one each latest result was counted under. Users
// whose result has no region are in LevelCounts only.
func (s *Store) LevelCountsByRegion(ctx context.Context) (map[string]map[ikmbot.Level]int64, error) {
	raw, err := s.rdb.HGetAll(ctx, levelRegionStatsKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("count levels by region: %w", err)
	}
	counts := map[string]map[ikmbot.Level]int64{}
	for k, v := range raw {
		// Levels hold no colon; a region might.
		i := strings.LastIndexByte(k, ':')
		if i <= 0 || i == len(k)-1 {
			s.log.WarnContext(ctx, "bad count ignored", "key", levelRegionStatsKey(), "field", k)
			continue
		}
		n, ok := s.count(ctx, levelRegionStatsKey(), k, v)
		if !ok {
			continue
		}
		region, level := k[:i], ikmbot.Level(k[i+1:])
		if counts[region] == nil {
			counts[region] = map[ikmbot.Level]int64{}
		}
		counts[region][level] = n
	}
	return counts, nil
}

// count parses field's value v of the counter hash key. ok is false for a
// zero, which HINCRBY leaves behind when the last user moves on, and for a
// value it cannot read, which is logged. A negative count, which would mean
// the counts drifted, is logged and kept so that it shows.
func (s *Store) count(ctx context.Context, key, field, v string) (n int64, ok bool) {
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil:
		s.log.WarnContext(ctx, "bad count ignored", "key", key, "field", field)
		return 0, false
	case n < 0:
		s.log.WarnContext(ctx, "negative count", "key", key, "field", field, "count", n)
	}
	return n, n != 0
}
