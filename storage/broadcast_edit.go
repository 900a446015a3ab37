package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// broadcastAttempts bounds the retries of an edit whose WATCH saw the
// broadcast change meanwhile (a recipient settled: status changes while
// sending go through SetBroadcastStatus's script instead).
const broadcastAttempts = 50

// UpdateBroadcast changes a broadcast with fn, which gets it as stored
// (with its counts) and may change its fields and status, or return an
// error to change nothing; the error is returned as is. The read and the
// write are one transaction, so two admins approving at once cannot both
// win. A change of status must be one CanBecome allows. An unknown
// broadcast is ENotFound; an ended one EConflict before fn sees it.
func (s *Store) UpdateBroadcast(ctx context.Context, id string, fn func(b *ikmbot.Broadcast) error) (ikmbot.Broadcast, error) {
	key := broadcastKey(id)
	var out ikmbot.Broadcast
	for range broadcastAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			b, err := s.broadcastOn(ctx, tx, id)
			if err != nil {
				return err
			}
			if b.Status.Ended() {
				return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s is %s", id, b.Status)
			}
			was := b.Status
			if err := fn(&b); err != nil {
				return err
			}
			if b.Status != was && !was.CanBecome(b.Status) {
				return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s cannot go from %s to %s", id, was, b.Status)
			}
			stored := b
			stored.Total, stored.Sent, stored.Blocked, stored.Failed = 0, 0, 0, 0
			raw, err := json.Marshal(stored)
			if err != nil {
				return fmt.Errorf("encode: %w", err)
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.HSet(ctx, key, fieldBcJSON, raw, fieldBcStatus, string(b.Status))
				if b.Status.Ended() {
					// As the scripts that end one: recipients go, counts stay.
					p.Unlink(ctx, broadcastRecipientsKey(id), broadcastMembersKey(id))
				}
				return nil
			})
			out = b
			return err
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if ikmbot.ErrorCode(err) != "" {
			return out, err
		}
		if err != nil {
			return out, fmt.Errorf("update broadcast %s: %w", id, err)
		}
		return out, s.indexActive(ctx, id, out.Status)
	}
	return out, fmt.Errorf("update broadcast %s: %w", id, redis.TxFailedErr)
}

// indexActive keeps the index of broadcasts to resume in step with a
// status. The index lives in another slot: a stale entry only makes a
// start-up look again.
func (s *Store) indexActive(ctx context.Context, id string, status ikmbot.BroadcastStatus) error {
	var err error
	if status == ikmbot.BroadcastSending || status == ikmbot.BroadcastPaused {
		err = s.rdb.SAdd(ctx, activeBroadcastsKey(), id).Err()
	} else {
		err = s.rdb.SRem(ctx, activeBroadcastsKey(), id).Err()
	}
	if err != nil {
		return fmt.Errorf("index broadcast %s: %w", id, err)
	}
	return nil
}

// BroadcastApproval reports whether broadcasts written by staff wait for
// an admin's approval. Errors are Redis failures.
func (s *Store) BroadcastApproval(ctx context.Context) (bool, error) {
	v, err := s.rdb.HGet(ctx, settingsKey(), fieldApproval).Result()
	if err != nil && !notFound(err) {
		return false, fmt.Errorf("read approval setting: %w", err)
	}
	return v == "1", nil
}

// SetBroadcastApproval switches the approval of staff broadcasts on or
// off. Errors are Redis failures.
func (s *Store) SetBroadcastApproval(ctx context.Context, on bool) error {
	var err error
	if on {
		err = s.rdb.HSet(ctx, settingsKey(), fieldApproval, "1").Err()
	} else {
		err = s.rdb.HDel(ctx, settingsKey(), fieldApproval).Err()
	}
	if err != nil {
		return fmt.Errorf("set approval setting: %w", err)
	}
	return nil
}

// ForgetEndedRecipients removes the recipients of every broadcast that
// has ended (the scripts that end one do so since; broadcasts that ended
// before kept theirs), for the start-up: a pipeline per few hundred
// broadcasts, nothing when there is nothing left. Errors are Redis
// failures.
func (s *Store) ForgetEndedRecipients(ctx context.Context) error {
	ids, err := s.rdb.ZRange(ctx, broadcastsKey(), 0, -1).Result()
	if err != nil {
		return fmt.Errorf("forget ended recipients: %w", err)
	}
	statuses := make([]*redis.StringCmd, len(ids))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			statuses[i] = p.HGet(ctx, broadcastKey(id), fieldBcStatus)
		}
		return nil
	}); err != nil && !notFound(err) {
		return fmt.Errorf("forget ended recipients: %w", err)
	}
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			if ikmbot.BroadcastStatus(statuses[i].Val()).Ended() {
				p.Unlink(ctx, broadcastRecipientsKey(id), broadcastMembersKey(id))
			}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("forget ended recipients: %w", err)
	}
	return nil
}
