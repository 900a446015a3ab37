package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"ikmbot"
)

// AddHistory appends f to the owner's history (followUpsKey) without
// touching the follow-up clock or the prompts: for a message the owner
// sent their mentor, which is not a follow-up. It does not check who the
// owner's mentor is; the caller did. An entry without an owner or a kind
// is an EInvalid error; other errors are Redis failures.
func (s *Store) AddHistory(ctx context.Context, f ikmbot.FollowUp) error {
	if f.OwnerID == 0 || f.Kind == "" {
		return ikmbot.Errorf(ikmbot.EInvalid, "add history: owner %d, kind %q", f.OwnerID, f.Kind)
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("add history of %d: %w", f.OwnerID, err)
	}
	if err := s.rdb.RPush(ctx, followUpsKey(f.OwnerID), raw).Err(); err != nil {
		return fmt.Errorf("add history of %d: %w", f.OwnerID, err)
	}
	return nil
}
