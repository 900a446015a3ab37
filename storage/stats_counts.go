package storage

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// SignupSources returns how many profiles were created per sign-up source
// (the code of a src_<code> deep link), from the counts Apply keeps.
// Sources with no sign-ups are left out; entries it cannot read are logged
// and skipped. Errors are Redis failures.
func (s *Store) SignupSources(ctx context.Context) (map[string]int64, error) {
	raw, err := s.rdb.HGetAll(ctx, signupSourcesKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("count sign-up sources: %w", err)
	}
	return s.sourceCountsFrom(ctx, raw), nil
}

// sourceCountsFrom reads the fields of signupSourcesKey.
func (s *Store) sourceCountsFrom(ctx context.Context, raw map[string]string) map[string]int64 {
	counts := make(map[string]int64, len(raw))
	for k, v := range raw {
		if n, ok := s.count(ctx, signupSourcesKey(), k, v); ok {
			counts[k] = n
		}
	}
	return counts
}

// StatsCounts returns what /statistik shows, in one round trip: the funnel
// counts (as FunnelCounts), the readiness levels (as LevelCounts) and the
// sign-up sources (as SignupSources). Errors are Redis failures.
func (s *Store) StatsCounts(ctx context.Context) (funnel ikmbot.FunnelCounts, levels map[ikmbot.Level]int64, sources map[string]int64, err error) {
	var f, l, src *redis.MapStringStringCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		f = p.HGetAll(ctx, funnelStatsKey())
		l = p.HGetAll(ctx, levelStatsKey())
		src = p.HGetAll(ctx, signupSourcesKey())
		return nil
	}); err != nil {
		return ikmbot.FunnelCounts{}, nil, nil, fmt.Errorf("read statistics: %w", err)
	}
	return s.funnelCountsFrom(ctx, f.Val()), s.levelCountsFrom(ctx, l.Val()), s.sourceCountsFrom(ctx, src.Val()), nil
}
