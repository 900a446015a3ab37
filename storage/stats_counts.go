package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

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

// marketCountsFrom reads the fields of marketStatsKey as MarketCounts
// does: countries nobody targets (any more) are left out.
func (s *Store) marketCountsFrom(ctx context.Context, raw map[string]string) map[string]int64 {
	counts := make(map[string]int64, len(raw))
	for k, v := range raw {
		if n, ok := s.count(ctx, marketStatsKey(), k, v); ok && n > 0 {
			counts[k] = n
		}
	}
	return counts
}

// StatsCounts returns what /statistik shows, in one round trip: the funnel
// counts (as FunnelCounts), the readiness levels (as LevelCounts), the
// sign-up sources (as SignupSources), the owners per target country (as
// MarketCounts), the owners who signed up in each of q.Periods and, for
// each flow of q.Steps, the users stopped at each step. Errors are Redis
// failures.
func (s *Store) StatsCounts(ctx context.Context, q ikmbot.StatsQuery) (ikmbot.Stats, error) {
	var f, l, src, m *redis.MapStringStringCmd
	var first *redis.ZSliceCmd
	periods := make([]*redis.IntCmd, len(q.Periods))
	steps := map[string]*redis.MapStringStringCmd{}
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		f = p.HGetAll(ctx, funnelStatsKey())
		l = p.HGetAll(ctx, levelStatsKey())
		src = p.HGetAll(ctx, signupSourcesKey())
		m = p.HGetAll(ctx, marketStatsKey())
		first = p.ZRangeWithScores(ctx, signedUpKey(), 0, 0)
		for i, start := range q.Periods {
			max := "+inf"
			if i+1 < len(q.Periods) {
				max = "(" + strconv.FormatInt(q.Periods[i+1].UnixMilli(), 10)
			}
			periods[i] = p.ZCount(ctx, signedUpKey(), strconv.FormatInt(start.UnixMilli(), 10), max)
		}
		for flow := range q.Steps {
			steps[flow] = p.HGetAll(ctx, flowStepsKey(flow))
		}
		return nil
	}); err != nil {
		return ikmbot.Stats{}, fmt.Errorf("read statistics: %w", err)
	}
	st := ikmbot.Stats{
		Funnel:  s.funnelCountsFrom(ctx, f.Val()),
		Levels:  s.levelCountsFrom(ctx, l.Val()),
		Sources: s.sourceCountsFrom(ctx, src.Val()),
		Markets: s.marketCountsFrom(ctx, m.Val()),
		FirstSignUp: func() time.Time {
			if z := first.Val(); len(z) > 0 {
				return time.UnixMilli(int64(z[0].Score)).UTC()
			}
			return time.Time{}
		}(),
		SignUps: make([]int64, len(periods)),
		Steps:   map[string][]int64{},
	}
	for i, c := range periods {
		st.SignUps[i] = c.Val()
	}
	for flow, cmd := range steps {
		counts := make([]int64, q.Steps[flow])
		for field, v := range cmd.Val() {
			i, err := strconv.Atoi(field)
			n, ok := s.count(ctx, flowStepsKey(flow), field, v)
			// A step the flow no longer has (a version with fewer
			// questions) is left out.
			if err == nil && ok && i >= 0 && i < len(counts) {
				counts[i] = n
			}
		}
		st.Steps[flow] = counts
	}
	return st, nil
}
