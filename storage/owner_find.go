package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"ikmbot"
)

// ownerFindBatch is how many owners one round trip of FindOwners reads:
// the most it holds in memory at once, besides the matches.
const ownerFindBatch = 500

// FindOwners returns up to limit owners whose profile matches query, for
// staff looking for one: part of the business name or of the owner's name
// (case and runs of white space do not matter), or the phone number,
// equal once both are normalised (ikmbot.NormalizePhone), so 0812...,
// +62 812... and 62812... all find the owner. It reads ikm:owners with
// SSCAN, ownerFindBatch owners to a round trip plus one to load them, and
// stops as soon as it has limit matches; the order is the scan's, not a
// ranking. An empty query or a limit under 1 matches nobody. Errors are
// Redis failures.
func (s *Store) FindOwners(ctx context.Context, query string, limit int) ([]ikmbot.User, error) {
	q := newOwnerQuery(query)
	if q.text == "" || limit < 1 {
		return nil, nil
	}
	var found []ikmbot.User
	// SSCAN may return an owner twice (the set rehashed during the scan):
	// the matches, never more than limit, are remembered.
	seen := make(map[int64]bool, limit)
	var cursor uint64
	for {
		ids, next, err := s.rdb.SScan(ctx, ownersKey(), cursor, "", ownerFindBatch).Result()
		if err != nil {
			return nil, fmt.Errorf("find owners: %w", err)
		}
		batch := make([]int64, 0, len(ids))
		for _, id := range ids {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil && !seen[n] {
				batch = append(batch, n)
			}
		}
		users, err := s.Users(ctx, batch)
		if err != nil {
			return nil, fmt.Errorf("find owners: %w", err)
		}
		for _, id := range batch {
			u, ok := users[id]
			if !ok || !q.matches(u.Profile) {
				continue
			}
			seen[id] = true
			found = append(found, u)
			if len(found) == limit {
				return found, nil
			}
		}
		if cursor = next; cursor == 0 {
			return found, nil
		}
	}
}

// ownerQuery is a search of FindOwners, prepared once.
type ownerQuery struct {
	text  string // lower case, white space folded; "" matches nobody
	phone string // the normalised phone number; "" when the query is none
}

func newOwnerQuery(query string) ownerQuery {
	q := ownerQuery{text: foldText(query)}
	q.phone, _ = ikmbot.NormalizePhone(query)
	return q
}

// matches reports whether profile p (nil for a user without one) is what
// q looks for.
func (q ownerQuery) matches(p *ikmbot.Profile) bool {
	if p == nil {
		return false
	}
	if strings.Contains(foldText(p.BusinessName), q.text) || strings.Contains(foldText(p.OwnerName), q.text) {
		return true
	}
	if q.phone == "" {
		return false
	}
	// Profiles store the normalised form; one stored otherwise (by hand,
	// or before sign-up normalised) is compared as it would be now.
	phone, ok := ikmbot.NormalizePhone(p.Phone)
	return ok && phone == q.phone
}

// foldText is s in lower case with runs of white space made one space, for
// comparing names as people type them.
func foldText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
