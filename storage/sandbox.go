package storage

import (
	"context"
	"fmt"

	"ikmbot"
)

// ClaimForSandbox marks an empty Redis as an `ikmbot sandbox`'s, or
// accepts one a sandbox marked before; a Redis holding any other data is
// refused with an *ikmbot.Error with code ikmbot.EConflict, so a sandbox
// never runs on production's data. Other errors are Redis failures.
func (s *Store) ClaimForSandbox(ctx context.Context) error {
	n, err := s.rdb.DBSize(ctx).Result()
	if err != nil {
		return fmt.Errorf("claim for the sandbox: %w", err)
	}
	if n == 0 {
		if err := s.rdb.Set(ctx, sandboxKey(), "1", 0).Err(); err != nil {
			return fmt.Errorf("claim for the sandbox: %w", err)
		}
		return nil
	}
	marked, err := s.rdb.Exists(ctx, sandboxKey()).Result()
	if err != nil {
		return fmt.Errorf("claim for the sandbox: %w", err)
	}
	if marked == 0 {
		return ikmbot.Errorf(ikmbot.EConflict, "that Redis database already holds data the sandbox did not write")
	}
	return nil
}
