package storage

import (
	"context"
	"fmt"

	"ikmbot"
)

// OwnerStages returns the funnel stages the owner is at, as stored with
// them (fieldFunnel, kept current on every write; see stats.go), in one
// HGET: what /profil shows the owner of their own progress (issue 8). An
// owner without a stored value (not signed up, or signed up before the
// counters and not written since) is at no stage, nor is one whose value
// cannot be read (logged): callers fall back to what they know. Errors
// are Redis failures.
func (s *Store) OwnerStages(ctx context.Context, userID int64) (ikmbot.FunnelFlags, error) {
	raw, err := s.rdb.HGet(ctx, userKey(userID), fieldFunnel).Result()
	switch {
	case notFound(err):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("load funnel stages of user %d: %w", userID, err)
	}
	flags, _, _, ok := parseFunnel(raw)
	if !ok {
		s.log.WarnContext(ctx, "unreadable funnel stages ignored", "user_id", userID)
		return 0, nil
	}
	return flags, nil
}
