package storage

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

var (
	//go:embed bc_claim.lua
	bcClaimLua    string
	bcClaimScript = redis.NewScript(bcClaimLua)
	//go:embed bc_add.lua
	bcAddLua    string
	bcAddScript = redis.NewScript(bcAddLua)
	//go:embed bc_settle.lua
	bcSettleLua    string
	bcSettleScript = redis.NewScript(bcSettleLua)
	//go:embed bc_status.lua
	bcStatusLua    string
	bcStatusScript = redis.NewScript(bcStatusLua)
)

// CreateBroadcast stores a new broadcast as a draft and returns it with its
// id. Errors are Redis failures.
func (s *Store) CreateBroadcast(ctx context.Context, b ikmbot.Broadcast) (ikmbot.Broadcast, error) {
	n, err := s.rdb.Incr(ctx, broadcastSeqKey()).Result()
	if err != nil {
		return b, fmt.Errorf("create broadcast: %w", err)
	}
	b.ID, b.Status = strconv.FormatInt(n, 10), ikmbot.BroadcastDraft
	b.Total, b.Sent, b.Blocked, b.Failed = 0, 0, 0, 0
	raw, err := json.Marshal(b)
	if err != nil {
		return b, fmt.Errorf("create broadcast: %w", err)
	}
	if err := s.rdb.HSet(ctx, broadcastKey(b.ID), fieldBcJSON, raw, fieldBcStatus, string(b.Status)).Err(); err != nil {
		return b, fmt.Errorf("create broadcast %s: %w", b.ID, err)
	}
	// Listed after it exists: a crash in between leaves a draft nobody
	// lists, never a listed id without a broadcast.
	if err := s.rdb.ZAdd(ctx, broadcastsKey(), redis.Z{Score: float64(b.CreatedAt.UnixMilli()), Member: b.ID}).Err(); err != nil {
		return b, fmt.Errorf("list broadcast %s: %w", b.ID, err)
	}
	return b, nil
}

// RecentBroadcasts returns up to n broadcasts, newest first, with their
// counts. Errors are Redis failures.
func (s *Store) RecentBroadcasts(ctx context.Context, n int) ([]ikmbot.Broadcast, error) {
	ids, err := s.rdb.ZRevRange(ctx, broadcastsKey(), 0, int64(n)-1).Result()
	if err != nil {
		return nil, fmt.Errorf("recent broadcasts: %w", err)
	}
	out := make([]ikmbot.Broadcast, 0, len(ids))
	for _, id := range ids {
		b, err := s.Broadcast(ctx, id)
		if ikmbot.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("recent broadcasts: %w", err)
		}
		out = append(out, b)
	}
	return out, nil
}

// AddRecipients appends owners to a draft's snapshot of recipients, each
// at most once; it is called in batches, so no caller holds every
// recipient at once. A broadcast that is not a draft is an EConflict
// error, an unknown one ENotFound.
func (s *Store) AddRecipients(ctx context.Context, id string, owners []int64) error {
	if len(owners) == 0 {
		return nil
	}
	args := make([]any, len(owners))
	for i, o := range owners {
		args[i] = o
	}
	n, err := bcAddScript.Run(ctx, s.rdb, []string{broadcastKey(id), broadcastRecipientsKey(id), broadcastMembersKey(id)}, args...).Int()
	switch {
	case err != nil:
		return fmt.Errorf("add recipients to broadcast %s: %w", id, err)
	case n == -2:
		return ikmbot.Errorf(ikmbot.ENotFound, "add recipients to broadcast %s", id)
	case n == -1:
		return ikmbot.Errorf(ikmbot.EConflict, "add recipients to broadcast %s: not a draft", id)
	}
	return nil
}

// SetBroadcastStatus moves a broadcast to status where its status allows
// (ikmbot.BroadcastStatus.CanBecome): sending starts or resumes it, paused
// holds it, cancelled stops it. Otherwise it is an EConflict error; an
// unknown broadcast is ENotFound.
func (s *Store) SetBroadcastStatus(ctx context.Context, id string, status ikmbot.BroadcastStatus) error {
	args := []any{string(status)}
	for _, from := range ikmbot.BroadcastStatuses {
		if from.CanBecome(status) {
			args = append(args, string(from))
		}
	}
	n, err := bcStatusScript.Run(ctx, s.rdb, []string{broadcastKey(id), broadcastRecipientsKey(id), broadcastMembersKey(id),
		broadcastInFlightKey(id)}, args...).Int()
	switch {
	case err != nil:
		return fmt.Errorf("set status of broadcast %s: %w", id, err)
	case n == -1:
		return ikmbot.Errorf(ikmbot.ENotFound, "broadcast %s", id)
	case n == 0:
		return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s cannot become %s", id, status)
	}
	return s.indexActive(ctx, id, status)
}

// ActiveBroadcasts returns the ids of broadcasts sending or paused, for a
// starting process to resume; ids of broadcasts done since are dropped
// from the index. Errors are Redis failures.
func (s *Store) ActiveBroadcasts(ctx context.Context) ([]string, error) {
	ids, err := s.rdb.SMembers(ctx, activeBroadcastsKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("active broadcasts: %w", err)
	}
	var active []string
	for _, id := range ids {
		status, err := s.rdb.HGet(ctx, broadcastKey(id), fieldBcStatus).Result()
		if err != nil && !notFound(err) {
			return nil, fmt.Errorf("active broadcasts: %w", err)
		}
		if status == string(ikmbot.BroadcastSending) || status == string(ikmbot.BroadcastPaused) {
			active = append(active, id)
			continue
		}
		s.rdb.SRem(ctx, activeBroadcastsKey(), id) // done, cancelled or gone
	}
	return active, nil
}

// Broadcast loads a broadcast with its current counts; ENotFound when
// there is none.
func (s *Store) Broadcast(ctx context.Context, id string) (ikmbot.Broadcast, error) {
	return s.broadcastOn(ctx, s.rdb, id)
}

// broadcastOn is Broadcast read through c, which may be a transaction.
func (s *Store) broadcastOn(ctx context.Context, c redis.Cmdable, id string) (ikmbot.Broadcast, error) {
	vals, err := c.HMGet(ctx, broadcastKey(id), fieldBcJSON, fieldBcStatus, fieldBcTotal,
		string(ikmbot.OutcomeSent), string(ikmbot.OutcomeBlocked), string(ikmbot.OutcomeFailed)).Result()
	if err != nil {
		return ikmbot.Broadcast{}, fmt.Errorf("load broadcast %s: %w", id, err)
	}
	raw, _ := vals[0].(string)
	if raw == "" {
		return ikmbot.Broadcast{}, ikmbot.Errorf(ikmbot.ENotFound, "broadcast %s", id)
	}
	var b ikmbot.Broadcast
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		return ikmbot.Broadcast{}, fmt.Errorf("load broadcast %s: decode: %w", id, err)
	}
	status, _ := vals[1].(string)
	b.Status = ikmbot.BroadcastStatus(status)
	count := func(v any) int64 {
		n, _ := strconv.ParseInt(fmt.Sprint(v), 10, 64)
		return n
	}
	b.Total, b.Sent, b.Blocked, b.Failed = count(vals[2]), count(vals[3]), count(vals[4]), count(vals[5])
	return b, nil
}

// ClaimRecipients hands out up to n recipients of a sending broadcast not
// handed out before, and holds them in flight until SettleRecipient. None
// means the broadcast is not sending (paused, cancelled, done) or has no
// one left to claim. Errors are Redis failures.
func (s *Store) ClaimRecipients(ctx context.Context, id string, n int) ([]int64, error) {
	raw, err := bcClaimScript.Run(ctx, s.rdb, []string{broadcastKey(id), broadcastRecipientsKey(id), broadcastInFlightKey(id), broadcastMembersKey(id)}, n).StringSlice()
	if err != nil && !notFound(err) {
		return nil, fmt.Errorf("claim recipients of broadcast %s: %w", id, err)
	}
	return parseOwners(raw), nil
}

// InFlight returns the recipients claimed and not settled: after a crash,
// the ones to send again. Errors are Redis failures.
func (s *Store) InFlight(ctx context.Context, id string) ([]int64, error) {
	raw, err := s.rdb.SMembers(ctx, broadcastInFlightKey(id)).Result()
	if err != nil {
		return nil, fmt.Errorf("in-flight recipients of broadcast %s: %w", id, err)
	}
	return parseOwners(raw), nil
}

// SettleRecipient records the outcome for one claimed recipient, counting
// it once however often it is settled; the last one settled makes the
// broadcast done. Errors are Redis failures.
func (s *Store) SettleRecipient(ctx context.Context, id string, owner int64, o ikmbot.Outcome) error {
	err := bcSettleScript.Run(ctx, s.rdb, []string{broadcastKey(id), broadcastRecipientsKey(id), broadcastInFlightKey(id), broadcastMembersKey(id)}, owner, string(o)).Err()
	if err != nil {
		return fmt.Errorf("settle recipient %d of broadcast %s: %w", owner, id, err)
	}
	return nil
}

func parseOwners(raw []string) []int64 {
	out := make([]int64, 0, len(raw))
	for _, v := range raw {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}
