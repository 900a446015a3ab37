package storage

import (
	"context"
	"fmt"
	"strconv"

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
// counts (as FunnelCounts), the readiness levels (as LevelCounts), the
// sign-up sources (as SignupSources), the owners who signed up in each of
// q.Periods and, for each flow of q.Steps, the users stopped at each step.
// Errors are Redis failures.
func (s *Store) StatsCounts(ctx context.Context, q ikmbot.StatsQuery) (ikmbot.Stats, error) {
	var f, l, src *redis.MapStringStringCmd
	periods := make([]*redis.IntCmd, len(q.Periods))
	steps := map[string][]*redis.IntCmd{}
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		f = p.HGetAll(ctx, funnelStatsKey())
		l = p.HGetAll(ctx, levelStatsKey())
		src = p.HGetAll(ctx, signupSourcesKey())
		for i, start := range q.Periods {
			max := "+inf"
			if i+1 < len(q.Periods) {
				max = "(" + strconv.FormatInt(q.Periods[i+1].UnixMilli(), 10)
			}
			periods[i] = p.ZCount(ctx, signedUpKey(), strconv.FormatInt(start.UnixMilli(), 10), max)
		}
		for flow, n := range q.Steps {
			for i := range n {
				at := strconv.Itoa(i)
				steps[flow] = append(steps[flow], p.ZCount(ctx, flowStepsKey(flow), at, at))
			}
		}
		return nil
	}); err != nil {
		return ikmbot.Stats{}, fmt.Errorf("read statistics: %w", err)
	}
	st := ikmbot.Stats{
		Funnel:  s.funnelCountsFrom(ctx, f.Val()),
		Levels:  s.levelCountsFrom(ctx, l.Val()),
		Sources: s.sourceCountsFrom(ctx, src.Val()),
		SignUps: make([]int64, len(periods)),
		Steps:   map[string][]int64{},
	}
	for i, c := range periods {
		st.SignUps[i] = c.Val()
	}
	for flow, cmds := range steps {
		for _, c := range cmds {
			st.Steps[flow] = append(st.Steps[flow], c.Val())
		}
	}
	return st, nil
}
