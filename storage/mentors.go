package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// mentorAttempts bounds the retries of an assignment or a follow-up whose
// WATCH saw another assignment change mentorOfKey meanwhile.
const mentorAttempts = 20

// AssignMentor makes mentorID the mentor of owners, taking each from the
// mentor they had. For an owner new to mentorID the follow-up clock starts
// at now; one who was already theirs keeps theirs. schedule (the first
// prompts) is scheduled after. It returns the previous mentor of each
// owner that had another one. Errors are Redis failures.
func (s *Store) AssignMentor(ctx context.Context, owners []int64, mentorID int64, now time.Time, schedule []ikmbot.Due) (map[int64]int64, error) {
	for _, d := range schedule {
		if err := validDue(d); err != nil {
			return nil, err
		}
	}
	if len(owners) == 0 {
		return nil, nil
	}
	fields := make([]string, len(owners))
	for i, o := range owners {
		fields[i] = strconv.FormatInt(o, 10)
	}
	var previous map[int64]int64
	for range mentorAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			vals, err := tx.HMGet(ctx, mentorOfKey(), fields...).Result()
			if err != nil {
				return err
			}
			previous = map[int64]int64{}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				for i, o := range owners {
					prev, _ := strconv.ParseInt(fmt.Sprint(vals[i]), 10, 64)
					if prev == mentorID {
						continue
					}
					if prev != 0 {
						previous[o] = prev
						p.ZRem(ctx, menteesKey(prev), o)
					}
					p.HSet(ctx, mentorOfKey(), o, mentorID)
					p.ZAdd(ctx, menteesKey(mentorID), redis.Z{Score: float64(now.UnixMilli()), Member: o})
				}
				return nil
			})
			return err
		}, mentorOfKey())
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("assign mentor %d: %w", mentorID, err)
		}
		if err := s.Schedule(ctx, schedule...); err != nil {
			return previous, err
		}
		return previous, nil
	}
	return nil, fmt.Errorf("assign mentor %d: %w", mentorID, redis.TxFailedErr)
}

// MentorOf returns the owner's mentor, 0 when they have none. Errors are
// Redis failures.
func (s *Store) MentorOf(ctx context.Context, ownerID int64) (int64, error) {
	v, err := s.rdb.HGet(ctx, mentorOfKey(), strconv.FormatInt(ownerID, 10)).Int64()
	if err != nil && !notFound(err) {
		return 0, fmt.Errorf("mentor of %d: %w", ownerID, err)
	}
	return v, nil
}

// Mentees returns a mentor's owners, the longest without a follow-up
// first. Errors are Redis failures.
func (s *Store) Mentees(ctx context.Context, mentorID int64) ([]ikmbot.Mentee, error) {
	zs, err := s.rdb.ZRangeWithScores(ctx, menteesKey(mentorID), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("mentees of %d: %w", mentorID, err)
	}
	out := make([]ikmbot.Mentee, 0, len(zs))
	for _, z := range zs {
		id, err := strconv.ParseInt(fmt.Sprint(z.Member), 10, 64)
		if err != nil {
			continue
		}
		out = append(out, ikmbot.Mentee{OwnerID: id, Last: time.UnixMilli(int64(z.Score)).UTC()})
	}
	return out, nil
}

// MentorLoads counts each mentor's owners and those whose last follow-up
// was before overdueBefore, in one round trip. Errors are Redis failures.
func (s *Store) MentorLoads(ctx context.Context, mentors []int64, overdueBefore time.Time) (map[int64]ikmbot.MentorLoad, error) {
	total := make([]*redis.IntCmd, len(mentors))
	overdue := make([]*redis.IntCmd, len(mentors))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, m := range mentors {
			total[i] = p.ZCard(ctx, menteesKey(m))
			overdue[i] = p.ZCount(ctx, menteesKey(m), "-inf", "("+strconv.FormatInt(overdueBefore.UnixMilli(), 10))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mentor loads: %w", err)
	}
	out := make(map[int64]ikmbot.MentorLoad, len(mentors))
	for i, m := range mentors {
		out[m] = ikmbot.MentorLoad{Mentees: total[i].Val(), Overdue: overdue[i].Val()}
	}
	return out, nil
}

// LogFollowUp records a follow-up in the owner's history and restarts
// their follow-up clock at f.At, and schedules next (the next prompt,
// replacing the one waiting). Only the owner's mentor may: for anyone
// else (the owner was reassigned meanwhile) it is an EConflict error and
// nothing is kept.
func (s *Store) LogFollowUp(ctx context.Context, f ikmbot.FollowUp, next ikmbot.Due) error {
	if err := validDue(next); err != nil {
		return err
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("log follow-up: %w", err)
	}
	owner := strconv.FormatInt(f.OwnerID, 10)
	for range mentorAttempts {
		err = s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			m, err := tx.HGet(ctx, mentorOfKey(), owner).Int64()
			if err != nil && !notFound(err) {
				return err
			}
			if m != f.MentorID {
				return ikmbot.Errorf(ikmbot.EConflict, "log follow-up: %d is not the mentor of %d", f.MentorID, f.OwnerID)
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.ZAdd(ctx, menteesKey(f.MentorID), redis.Z{Score: float64(f.At.UnixMilli()), Member: owner})
				return nil
			})
			return err
		}, mentorOfKey())
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		break
	}
	if ikmbot.ErrorCode(err) != "" {
		return err
	}
	if err != nil {
		return fmt.Errorf("log follow-up of %d: %w", f.OwnerID, err)
	}
	if err := s.rdb.RPush(ctx, followUpsKey(f.OwnerID), raw).Err(); err != nil {
		return fmt.Errorf("log follow-up of %d: %w", f.OwnerID, err)
	}
	return s.Schedule(ctx, next)
}

// FollowUps returns an owner's follow-ups, oldest first; a record that
// cannot be read is left out. Errors are Redis failures.
func (s *Store) FollowUps(ctx context.Context, ownerID int64) ([]ikmbot.FollowUp, error) {
	raws, err := s.rdb.LRange(ctx, followUpsKey(ownerID), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("follow-ups of %d: %w", ownerID, err)
	}
	out := make([]ikmbot.FollowUp, 0, len(raws))
	for _, r := range raws {
		var f ikmbot.FollowUp
		if json.Unmarshal([]byte(r), &f) == nil {
			out = append(out, f)
		}
	}
	return out, nil
}

// Cadence is how long an owner may go without a follow-up before their
// mentor is prompted: what staff set, or ikmbot.DefaultCadence. Errors are
// Redis failures.
func (s *Store) Cadence(ctx context.Context) (time.Duration, error) {
	days, err := s.rdb.HGet(ctx, settingsKey(), fieldCadence).Int()
	if err != nil && !notFound(err) {
		return 0, fmt.Errorf("read cadence: %w", err)
	}
	if days <= 0 {
		return ikmbot.DefaultCadence, nil
	}
	return time.Duration(days) * 24 * time.Hour, nil
}

// SetCadence sets the follow-up cadence in whole days (at least one).
func (s *Store) SetCadence(ctx context.Context, days int) error {
	if days < 1 {
		return ikmbot.Errorf(ikmbot.EInvalid, "cadence of %d days", days)
	}
	if err := s.rdb.HSet(ctx, settingsKey(), fieldCadence, days).Err(); err != nil {
		return fmt.Errorf("set cadence: %w", err)
	}
	return nil
}

// forgetMentoring removes an owner from their mentor's list and deletes
// their follow-up history, for /hapusdata. Their prompts are the
// handlers' to unschedule; one that fires finds no mentee and sends
// nothing.
func (s *Store) forgetMentoring(ctx context.Context, ownerID int64) error {
	owner := strconv.FormatInt(ownerID, 10)
	for range mentorAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			m, err := tx.HGet(ctx, mentorOfKey(), owner).Int64()
			if err != nil && !notFound(err) {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.HDel(ctx, mentorOfKey(), owner)
				if m != 0 {
					p.ZRem(ctx, menteesKey(m), owner)
				}
				return nil
			})
			return err
		}, mentorOfKey())
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return fmt.Errorf("forget mentoring of %d: %w", ownerID, err)
		}
		if err := s.rdb.Del(ctx, followUpsKey(ownerID)).Err(); err != nil {
			return fmt.Errorf("forget follow-ups of %d: %w", ownerID, err)
		}
		return nil
	}
	return fmt.Errorf("forget mentoring of %d: %w", ownerID, redis.TxFailedErr)
}
