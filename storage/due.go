package storage

import (
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// The reminder engine's storage: what is due (dueKey, dueItemsKey), what was
// sent (sentKey) and the tick lock (lockKey). Every item is a member of the
// sorted set scored by its time and a field of the hash holding its JSON;
// both change together, in one MULTI or one script.

//go:embed due_items.lua
var dueItemsLua string

//go:embed due_done.lua
var dueDoneLua string

//go:embed due_move.lua
var dueMoveLua string

var (
	dueItemsScript = redis.NewScript(dueItemsLua)
	dueDoneScript  = redis.NewScript(dueDoneLua)
	dueMoveScript  = redis.NewScript(dueMoveLua)
)

// Schedule adds the items, or replaces those of the same Key (item and
// time), in one MULTI. Times are stored in UTC to the millisecond. An item
// without Kind, ID or At, or with '|' in Kind or ID, is an *ikmbot.Error
// with code ikmbot.EInvalid and nothing is scheduled; other errors are
// Redis failures.
func (s *Store) Schedule(ctx context.Context, items ...ikmbot.Due) error {
	for _, d := range items {
		if err := validDue(d); err != nil {
			return err
		}
	}
	if len(items) == 0 {
		return nil
	}
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		s.scheduleOn(p, items)
		return nil
	})
	if err != nil {
		return fmt.Errorf("schedule %d due items: %w", len(items), err)
	}
	return nil
}

// scheduleOn queues on p the commands of Schedule, so that other storage
// code can schedule in its own MULTI (saving a class schedules its
// reminders). The keys carry the hash tag {due}: on Redis Cluster they
// belong in transact's global part. Callers check their items with
// validDue; an item that fails it anyway is logged and left out rather
// than spoil the caller's transaction, and no items queue nothing. The
// commands take no context of their own: the pipeline's Exec has it.
func (s *Store) scheduleOn(p redis.Pipeliner, items []ikmbot.Due) {
	ctx := context.Background()
	members := make([]redis.Z, 0, len(items))
	fields := make([]any, 0, 2*len(items))
	for _, d := range items {
		err := validDue(d)
		var b []byte
		if err == nil {
			d = normalDue(d, d.At)
			b, err = json.Marshal(d) // fails only for years past 9999
		}
		if err != nil {
			s.log.Error("due item not scheduled", "due_key", d.Key(), "err", err)
			continue
		}
		members = append(members, redis.Z{Score: float64(d.At.UnixMilli()), Member: d.Key()})
		fields = append(fields, d.Key(), b)
	}
	// ZADD and HSET without members are syntax errors, which would fail
	// the whole MULTI.
	if len(members) == 0 {
		return
	}
	p.ZAdd(ctx, dueKey(), members...)
	p.HSet(ctx, dueItemsKey(), fields...)
}

// validDue checks what the keys and scores rely on.
func validDue(d ikmbot.Due) error {
	switch {
	case d.Kind == "" || d.ID == "":
		return ikmbot.Errorf(ikmbot.EInvalid, "schedule %q: no kind or id", d.Key())
	case strings.Contains(d.Kind, "|") || strings.Contains(d.ID, "|"):
		// Key() joins them with '|', so one in either would make two items
		// share a key.
		return ikmbot.Errorf(ikmbot.EInvalid, "schedule %q: '|' in kind or id", d.Key())
	case d.At.IsZero():
		return ikmbot.Errorf(ikmbot.EInvalid, "schedule %s: no time", d.Key())
	}
	return nil
}

// normalDue returns d as stored: due at at, times in UTC, At to the
// millisecond so that the JSON and the score agree.
func normalDue(d ikmbot.Due, at time.Time) ikmbot.Due {
	d.At = time.UnixMilli(at.UnixMilli()).UTC()
	if !d.Until.IsZero() {
		d.Until = d.Until.UTC()
	}
	return d
}

// Unschedule removes the items with these keys (ikmbot.Due.Key()), in one
// MULTI. Unknown keys are ignored. Errors are Redis failures.
func (s *Store) Unschedule(ctx context.Context, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		s.unscheduleOn(p, keys)
		return nil
	})
	if err != nil {
		return fmt.Errorf("unschedule %d due items: %w", len(keys), err)
	}
	return nil
}

// unscheduleOn queues on p the commands of Unschedule, for other storage
// code's MULTI; see scheduleOn about Cluster and the context. No keys queue
// nothing.
func (s *Store) unscheduleOn(p redis.Pipeliner, keys []string) {
	if len(keys) == 0 {
		return
	}
	ctx := context.Background()
	members := make([]any, len(keys))
	for i, k := range keys {
		members[i] = k
	}
	p.ZRem(ctx, dueKey(), members...)
	p.HDel(ctx, dueItemsKey(), keys...)
}

// DueItems returns up to limit items due at now (At not after it), oldest
// first, skipping the first offset of them; one round trip. Each item's At
// is its stored score, so DoneDue and MoveDue recognise it. A member whose
// JSON is missing or unreadable is logged, removed and left out, so a page
// may hold fewer than limit items while more are due. Errors are Redis
// failures.
func (s *Store) DueItems(ctx context.Context, now time.Time, offset, limit int) ([]ikmbot.Due, error) {
	if limit <= 0 {
		return nil, nil
	}
	raw, err := dueItemsScript.Run(ctx, s.rdb, []string{dueKey(), dueItemsKey()},
		now.UnixMilli(), offset, limit).Slice()
	if err != nil {
		return nil, fmt.Errorf("read due items: %w", err)
	}
	items := make([]ikmbot.Due, 0, len(raw)/3)
	for i := 0; i+2 < len(raw); i += 3 {
		member, _ := raw[i].(string)
		scoreText, _ := raw[i+1].(string)
		score, err := strconv.ParseFloat(scoreText, 64)
		if err != nil {
			// Redis formats its own scores; this cannot happen.
			return nil, fmt.Errorf("read due items: score %q of %s: %w", scoreText, member, err)
		}
		ms := int64(score)
		text, ok := raw[i+2].(string)
		if !ok {
			s.log.WarnContext(ctx, "due item without data removed", "due_key", member)
			continue
		}
		var d ikmbot.Due
		if err := json.Unmarshal([]byte(text), &d); err != nil || d.Key() != member {
			s.log.WarnContext(ctx, "unreadable due item removed", "due_key", member, "err", err)
			// Guarded by the score: a Schedule since the read replaced it.
			if err := s.doneAt(ctx, member, ms); err != nil {
				return nil, fmt.Errorf("read due items: %w", err)
			}
			continue
		}
		d.At = time.UnixMilli(ms).UTC()
		items = append(items, d)
	}
	return items, nil
}

// ClaimDue marks the item as sent and reports whether this was the first
// claim of its Key within SentTTL: only the first claimant sends, across
// ticks, crashes and replicas. Errors are Redis failures.
func (s *Store) ClaimDue(ctx context.Context, d ikmbot.Due) (first bool, err error) {
	first, err = s.rdb.SetNX(ctx, sentKey(d.Key()), 1, SentTTL).Result()
	if err != nil {
		return false, fmt.Errorf("claim due item %s: %w", d.Key(), err)
	}
	return first, nil
}

// DoneDue removes the item, unless it was rescheduled since it was read
// (its score is no longer d.At): the newer schedule wins and nothing
// happens. Errors are Redis failures.
func (s *Store) DoneDue(ctx context.Context, d ikmbot.Due) error {
	if err := s.doneAt(ctx, d.Key(), d.At.UnixMilli()); err != nil {
		return fmt.Errorf("finish due item %s: %w", d.Key(), err)
	}
	return nil
}

// doneAt runs due_done.lua for member read with score ms.
func (s *Store) doneAt(ctx context.Context, member string, ms int64) error {
	return dueDoneScript.Run(ctx, s.rdb, []string{dueKey(), dueItemsKey()}, member, ms).Err()
}

// MoveDue makes the item due at at instead (score and stored At), unless it
// was rescheduled since it was read (its score is no longer d.At): the
// newer schedule wins and nothing happens. The rest of the stored item
// becomes d's, which is what was read unless it was rescheduled to the same
// time in between. Errors are Redis failures.
func (s *Store) MoveDue(ctx context.Context, d ikmbot.Due, at time.Time) error {
	moved := normalDue(d, at)
	b, err := json.Marshal(moved)
	if err != nil {
		return fmt.Errorf("move due item %s: encode: %w", d.Key(), err)
	}
	err = dueMoveScript.Run(ctx, s.rdb, []string{dueKey(), dueItemsKey()},
		d.Key(), d.At.UnixMilli(), moved.At.UnixMilli(), b).Err()
	if err != nil {
		return fmt.Errorf("move due item %s: %w", d.Key(), err)
	}
	return nil
}

// lockTokenBytes is the randomness of a lock token: enough that no two
// holders ever share one.
const lockTokenBytes = 16

// Lock takes the lock name for ttl and reports whether it got it (false
// when someone holds it). The lock is not released: it expires, which is
// what a once-a-minute job wants so that a replica ticking the same minute
// later does not run it again. Errors are Redis failures.
func (s *Store) Lock(ctx context.Context, name string, ttl time.Duration) (bool, error) {
	b := make([]byte, lockTokenBytes)
	rand.Read(b) // never fails; see crypto/rand
	ok, err := s.rdb.SetNX(ctx, lockKey(name), hex.EncodeToString(b), ttl).Result()
	if err != nil {
		return false, fmt.Errorf("lock %s: %w", name, err)
	}
	return ok, nil
}

// DueCount returns how many items are scheduled, due or not. Errors are
// Redis failures.
func (s *Store) DueCount(ctx context.Context) (int64, error) {
	n, err := s.rdb.ZCard(ctx, dueKey()).Result()
	if err != nil {
		return 0, fmt.Errorf("count due items: %w", err)
	}
	return n, nil
}
