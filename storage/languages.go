package storage

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// Languages returns the language ("id" or "en") each of owners chose or
// was guessed to speak, by owner, in one round trip; those without one
// are left out. Errors are Redis failures.
func (s *Store) Languages(ctx context.Context, owners []int64) (map[int64]string, error) {
	cmds := make([]*redis.StringCmd, len(owners))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, o := range owners {
			cmds[i] = p.HGet(ctx, userKey(o), fieldLang)
		}
		return nil
	}); err != nil && !notFound(err) {
		return nil, fmt.Errorf("languages of %d owners: %w", len(owners), err)
	}
	out := make(map[int64]string, len(owners))
	for i, c := range cmds {
		if v := c.Val(); v != "" {
			out[owners[i]] = v
		}
	}
	return out, nil
}
