package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"
)

// MarketCounts returns how many owners chose each country (ISO 3166
// alpha-2) as a target, from the counts Apply and DeleteOwnerData keep.
// Countries nobody targets are left out; entries it cannot read are
// logged and skipped. Errors are Redis failures.
func (s *Store) MarketCounts(ctx context.Context) (map[string]int64, error) {
	raw, err := s.rdb.HGetAll(ctx, marketStatsKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("count target markets: %w", err)
	}
	return s.marketCountsFrom(ctx, raw), nil
}

// splitMarkets reads the fieldMarkets of a user hash.
func splitMarkets(raw string) []string {
	if raw == "" {
		return nil
	}
	return strings.Split(raw, ",")
}

// countMarkets moves the counts per country from the countries in before
// to those in after: one down for each left, one up for each added.
func countMarkets(ctx context.Context, p redis.Pipeliner, before, after []string) {
	for _, m := range before {
		if !slices.Contains(after, m) {
			p.HIncrBy(ctx, marketStatsKey(), m, -1)
		}
	}
	for _, m := range after {
		if !slices.Contains(before, m) {
			p.HIncrBy(ctx, marketStatsKey(), m, 1)
		}
	}
}
