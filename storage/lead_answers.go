package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// leadAttempts is how often a change to a lead is tried again when the
// lead changed under it (an answer while it closes, two staff sending).
const leadAttempts = 10

// watchLead runs fn with the lead as stored, in a WATCH on it, and runs
// it again, up to leadAttempts times, while the lead changes under it. A
// missing lead is ENotFound; fn's error is returned as is.
func (s *Store) watchLead(ctx context.Context, id string, fn func(tx *redis.Tx, l ikmbot.Lead) error) error {
	for range leadAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			l, err := leadOn(ctx, tx, id)
			if err != nil {
				return err
			}
			return fn(tx, l)
		}, leadKey(id))
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		return err
	}
	return fmt.Errorf("lead %s kept changing through %d attempts", id, leadAttempts)
}

// updateLead changes the lead in a transaction with fn, which sees the
// stored lead, and returns it as saved; the open index follows a change
// of status. fn's error is returned as is; a missing lead is ENotFound.
func (s *Store) updateLead(ctx context.Context, id string, fn func(l *ikmbot.Lead) error) (ikmbot.Lead, error) {
	var saved ikmbot.Lead
	err := s.watchLead(ctx, id, func(tx *redis.Tx, l ikmbot.Lead) error {
		was := l.Status
		if err := fn(&l); err != nil {
			return err
		}
		b, err := json.Marshal(l)
		if err != nil {
			return err
		}
		if _, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, leadKey(id), b, 0)
			// Leads saved before the index existed join it here.
			p.ZAddNX(ctx, allLeadsKey(), redis.Z{Score: float64(l.CreatedAt.UnixMilli()), Member: l.ID})
			if l.Status != was && l.Status != ikmbot.LeadOpen {
				p.ZRem(ctx, openLeadsKey(), l.ID)
			}
			return nil
		}); err != nil {
			return err
		}
		saved = l
		return nil
	})
	return saved, err
}

// AttachLeadBroadcast records that the broadcast carries the lead, sent
// at: the first broadcast attached wins, so a lead goes out once however
// often, or by however many staff, it is sent. replacing, when not empty,
// is a broadcast of the lead that never went out (rejected, cancelled
// before sending) which this one may take the place of. It returns the
// lead as stored; a caller whose broadcast is not the lead's BroadcastID
// lost and should cancel its own. A lead no longer open at is an
// EConflict error, an unknown one ENotFound; other errors are Redis
// failures.
func (s *Store) AttachLeadBroadcast(ctx context.Context, leadID, broadcastID, replacing string, at time.Time) (ikmbot.Lead, error) {
	l, err := s.updateLead(ctx, leadID, func(l *ikmbot.Lead) error {
		switch {
		case l.BroadcastID != "" && (replacing == "" || l.BroadcastID != replacing):
			return nil // sent before: written back unchanged
		case !l.Open(at):
			return ikmbot.Errorf(ikmbot.EConflict, "lead %s is closed", l.ID)
		}
		l.BroadcastID, l.SentAt = broadcastID, at.UTC()
		return nil
	})
	if err != nil {
		return l, fmt.Errorf("attach broadcast %s to lead %s: %w", broadcastID, leadID, err)
	}
	return l, nil
}

// StampLeadSent records at as when the lead went out, if broadcastID is
// still the one carrying it: a send that waited for an admin goes out
// when approved, not when staff asked. An unknown lead is ENotFound;
// other errors are Redis failures.
func (s *Store) StampLeadSent(ctx context.Context, leadID, broadcastID string, at time.Time) error {
	_, err := s.updateLead(ctx, leadID, func(l *ikmbot.Lead) error {
		if l.BroadcastID == broadcastID {
			l.SentAt = at.UTC()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stamp lead %s sent: %w", leadID, err)
	}
	return nil
}

// CloseLead closes the lead at at: it takes no more answers and leaves
// the open leads. Closing a closed lead changes nothing. An unknown lead
// is ENotFound; other errors are Redis failures.
func (s *Store) CloseLead(ctx context.Context, id string, at time.Time) (ikmbot.Lead, error) {
	l, err := s.updateLead(ctx, id, func(l *ikmbot.Lead) error {
		if l.Status != ikmbot.LeadClosed {
			l.Status, l.ClosedAt = ikmbot.LeadClosed, at.UTC()
		}
		return nil
	})
	if err != nil {
		return l, fmt.Errorf("close lead %s: %w", id, err)
	}
	return l, nil
}

// AnswerLead records the owner's answer to the lead at at, keeping their
// earlier answers as its history, in the same transaction that checks the
// lead is still open: an answer never lands on a lead that closed. It
// returns the owner's response as stored. A lead not open at at is an
// EConflict error, an unknown one ENotFound; other errors are Redis
// failures. Whether the owner qualifies is the caller's to check.
func (s *Store) AnswerLead(ctx context.Context, leadID string, owner int64, interested bool, at time.Time) (ikmbot.LeadResponse, error) {
	var resp ikmbot.LeadResponse
	field := strconv.FormatInt(owner, 10)
	// The lead is watched, not written: answers of many owners to one
	// lead never hold each other up, only a close or a send in between
	// makes one try again. One owner's taps come one at a time (updates
	// of a chat are handled in order), so their history needs no watch.
	err := s.watchLead(ctx, leadID, func(tx *redis.Tx, l ikmbot.Lead) error {
		if !l.Open(at) {
			return ikmbot.Errorf(ikmbot.EConflict, "lead %s is closed", l.ID)
		}
		before, err := tx.HGet(ctx, leadResponsesKey(leadID), field).Result()
		if err != nil && !notFound(err) {
			return err
		}
		resp = ikmbot.LeadResponse{Owner: owner}
		if before != "" {
			if err := json.Unmarshal([]byte(before), &resp); err != nil {
				s.log.WarnContext(ctx, "unreadable lead answer replaced", "lead_id", leadID, "err", err)
				resp = ikmbot.LeadResponse{Owner: owner}
			}
		}
		resp = resp.Answer(ikmbot.LeadAnswer{Interested: interested, At: at.UTC()})
		b, err := json.Marshal(resp)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, leadResponsesKey(leadID), field, b)
			p.ZAddNX(ctx, allLeadsKey(), redis.Z{Score: float64(l.CreatedAt.UnixMilli()), Member: l.ID})
			return nil
		})
		return err
	})
	if err != nil {
		return resp, fmt.Errorf("answer lead %s for %d: %w", leadID, owner, err)
	}
	return resp, nil
}

// LeadResponses returns every answer to the lead, the earliest latest
// answer first. An answer that does not decode is logged and skipped.
// Errors are Redis failures.
func (s *Store) LeadResponses(ctx context.Context, leadID string) ([]ikmbot.LeadResponse, error) {
	raw, err := s.rdb.HGetAll(ctx, leadResponsesKey(leadID)).Result()
	if err != nil {
		return nil, fmt.Errorf("answers to lead %s: %w", leadID, err)
	}
	out := make([]ikmbot.LeadResponse, 0, len(raw))
	for owner, v := range raw {
		var r ikmbot.LeadResponse
		if err := json.Unmarshal([]byte(v), &r); err != nil {
			s.log.WarnContext(ctx, "unreadable lead answer skipped", "lead_id", leadID, "owner", owner, "err", err)
			continue
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b ikmbot.LeadResponse) int {
		if c := a.Latest.At.Compare(b.Latest.At); c != 0 {
			return c
		}
		return cmp.Compare(a.Owner, b.Owner)
	})
	return out, nil
}

// OwnerLeadAnswers returns the owner's latest answer to each of the leads
// that has one, by lead id, in one round trip. Errors are Redis failures.
func (s *Store) OwnerLeadAnswers(ctx context.Context, owner int64, leadIDs []string) (map[string]ikmbot.LeadAnswer, error) {
	if len(leadIDs) == 0 {
		return nil, nil
	}
	field := strconv.FormatInt(owner, 10)
	cmds := make([]*redis.StringCmd, len(leadIDs))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range leadIDs {
			cmds[i] = p.HGet(ctx, leadResponsesKey(id), field)
		}
		return nil
	}); err != nil && !notFound(err) {
		return nil, fmt.Errorf("answers of %d to leads: %w", owner, err)
	}
	out := make(map[string]ikmbot.LeadAnswer)
	for i, c := range cmds {
		var r ikmbot.LeadResponse
		if raw := c.Val(); raw != "" && json.Unmarshal([]byte(raw), &r) == nil {
			out[leadIDs[i]] = r.Latest
		}
	}
	return out, nil
}

// RecentLeads returns up to n leads, newest first, open or closed.
// Errors are Redis failures or a lead that does not decode.
func (s *Store) RecentLeads(ctx context.Context, n int) ([]ikmbot.Lead, error) {
	zs, err := s.rdb.ZRevRangeWithScores(ctx, allLeadsKey(), 0, int64(n)-1).Result()
	if err != nil {
		return nil, fmt.Errorf("recent leads: %w", err)
	}
	// Leads made in the same millisecond tie; ids, handed out in order,
	// tell which is newer ("12" sorts before "9" as text).
	slices.SortStableFunc(zs, func(a, b redis.Z) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		ai, _ := strconv.ParseInt(fmt.Sprint(a.Member), 10, 64)
		bi, _ := strconv.ParseInt(fmt.Sprint(b.Member), 10, 64)
		return cmp.Compare(bi, ai)
	})
	out := make([]ikmbot.Lead, 0, len(zs))
	for _, z := range zs {
		l, err := s.Lead(ctx, fmt.Sprint(z.Member))
		if ikmbot.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("recent leads: %w", err)
		}
		out = append(out, l)
	}
	return out, nil
}

// MarkLeadForwarded records that the owners' mentors were told of their
// interest in the lead, and returns those not recorded before, in the
// order given: forwarding twice tells a mentor once. Errors are Redis
// failures.
func (s *Store) MarkLeadForwarded(ctx context.Context, leadID string, owners []int64) ([]int64, error) {
	cmds := make([]*redis.IntCmd, len(owners))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, o := range owners {
			cmds[i] = p.SAdd(ctx, leadForwardedKey(leadID), o)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("mark lead %s forwarded: %w", leadID, err)
	}
	var fresh []int64
	for i, c := range cmds {
		if c.Val() == 1 {
			fresh = append(fresh, owners[i])
		}
	}
	return fresh, nil
}

// forgetLeadAnswers removes the owner's answers, and their forwarding
// marks, from every lead, for
// /hapusdata: leads are few (staff record a handful a month), so one HDEL
// per lead in one pipeline is cheaper than an index per owner.
func (s *Store) forgetLeadAnswers(ctx context.Context, owner int64) error {
	ids, err := s.rdb.ZRange(ctx, allLeadsKey(), 0, -1).Result()
	if err != nil {
		return fmt.Errorf("forget lead answers of %d: %w", owner, err)
	}
	if len(ids) == 0 {
		return nil
	}
	field := strconv.FormatInt(owner, 10)
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range ids {
			p.HDel(ctx, leadResponsesKey(id), field)
			p.SRem(ctx, leadForwardedKey(id), field)
		}
		return nil
	}); err != nil {
		return fmt.Errorf("forget lead answers of %d: %w", owner, err)
	}
	return nil
}
