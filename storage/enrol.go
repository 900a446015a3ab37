package storage

import (
	"context"
	_ "embed"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// Owners take and leave seats through scripts: the class's status and
// capacity, its seats, its waiting list and the owner's one class of the
// term are checked and changed in one step. All of them share the term's
// hash tag, so each script runs on one Redis Cluster node.

var (
	//go:embed enrol.lua
	enrolLua    string
	enrolScript = redis.NewScript(enrolLua)

	//go:embed leave.lua
	leaveLua    string
	leaveScript = redis.NewScript(leaveLua)

	//go:embed set_if_enrolled.lua
	setIfEnrolledLua    string
	setIfEnrolledScript = redis.NewScript(setIfEnrolledLua)
)

// classKeys are the keys enrol.lua and leave.lua take, in their order.
func classKeys(term, classID string) []string {
	return []string{classKey(term, classID), seatsKey(term, classID), waitingKey(term, classID), termSeatsKey(term)}
}

// Enrol gives the owner a seat in the class, or, when none is left and
// waitIfFull is set, a place on its waiting list; now is the time their
// place is counted from. It is atomic, so concurrent taps never overfill a
// class, and idempotent: an owner already in the class gets their place
// back and nothing changes, even once enrolment has closed. Full is set
// exactly when the owner got no seat for want of one (waiting, or refused).
//
// An owner in another class of the term gets a result with OtherClass set,
// not an error. An unknown class is an *ikmbot.Error with code
// ikmbot.ENotFound; one not open is one with code ikmbot.EConflict (the
// only conflict Enrol returns), whose Op names the status. An owner with a
// seat has their funnel counts refreshed (see stats.go).
func (s *Store) Enrol(ctx context.Context, classID string, ownerID int64, now time.Time, waitIfFull bool) (ikmbot.EnrolResult, error) {
	term, ok := ikmbot.TermOfClass(classID)
	if !ok {
		return ikmbot.EnrolResult{}, ikmbot.Errorf(ikmbot.ENotFound, "enrol owner %d in class %q", ownerID, classID)
	}
	wait := "0"
	if waitIfFull {
		wait = "1"
	}
	res, err := enrolScript.Run(ctx, s.rdb, classKeys(term, classID), ownerID, classID, now.UnixMilli(), wait).StringSlice()
	if err != nil {
		return ikmbot.EnrolResult{}, fmt.Errorf("enrol owner %d in class %s: %w", ownerID, classID, err)
	}
	if len(res) != 2 {
		return ikmbot.EnrolResult{}, fmt.Errorf("enrol owner %d in class %s: script replied %q", ownerID, classID, res)
	}
	switch res[0] {
	case "missing":
		return ikmbot.EnrolResult{}, ikmbot.Errorf(ikmbot.ENotFound, "enrol owner %d in class %s", ownerID, classID)
	case "status":
		return ikmbot.EnrolResult{}, ikmbot.Errorf(ikmbot.EConflict, "enrol owner %d in class %s: class is %s", ownerID, classID, res[1])
	case "other":
		return ikmbot.EnrolResult{OtherClass: res[1]}, nil
	case "enrolled":
		s.refreshFunnels(ctx, ownerID)
		return ikmbot.EnrolResult{Status: ikmbot.SeatEnrolled}, nil
	case "waiting":
		return ikmbot.EnrolResult{Status: ikmbot.SeatWaiting, Full: true}, nil
	case "full":
		return ikmbot.EnrolResult{Status: ikmbot.SeatNone, Full: true}, nil
	}
	return ikmbot.EnrolResult{}, fmt.Errorf("enrol owner %d in class %s: script replied %q", ownerID, classID, res)
}

// Leave takes the owner out of the class: left is where they were,
// SeatNone when nowhere (not an error, so a repeated tap is harmless). When
// that freed a seat of a class that still takes place (open or closed), the
// earliest waiter gets it, counted from now, and is returned as promoted (0
// when nobody was), for the caller to tell them. It is atomic: a freed seat
// is given exactly once. A class id no class can have is an *ikmbot.Error
// with code ikmbot.ENotFound. Giving up a seat refreshes the funnel counts
// of the owner and of whoever was promoted (see stats.go).
func (s *Store) Leave(ctx context.Context, classID string, ownerID int64, now time.Time) (left ikmbot.SeatStatus, promoted int64, err error) {
	term, ok := ikmbot.TermOfClass(classID)
	if !ok {
		return ikmbot.SeatNone, 0, ikmbot.Errorf(ikmbot.ENotFound, "leave class %q for owner %d", classID, ownerID)
	}
	res, err := leaveScript.Run(ctx, s.rdb, classKeys(term, classID), ownerID, classID, now.UnixMilli()).StringSlice()
	if err != nil {
		return ikmbot.SeatNone, 0, fmt.Errorf("leave class %s for owner %d: %w", classID, ownerID, err)
	}
	if len(res) != 2 {
		return ikmbot.SeatNone, 0, fmt.Errorf("leave class %s for owner %d: script replied %q", classID, ownerID, res)
	}
	left = ikmbot.SeatStatus(res[0])
	if res[1] != "" {
		if promoted, err = strconv.ParseInt(res[1], 10, 64); err != nil {
			// The seat was given all the same; only the telling is lost.
			s.log.WarnContext(ctx, "bad waiting entry promoted", "class_id", classID, "entry", res[1])
			promoted = 0
		}
	}
	if left == ikmbot.SeatEnrolled {
		s.refreshFunnels(ctx, ownerID, promoted)
	}
	return left, promoted, nil
}

// SeatOf returns the classes the owner is enrolled in or waiting for, one at
// most per term, in at most three round trips. Cancelled classes no longer
// count.
func (s *Store) SeatOf(ctx context.Context, ownerID int64) (map[string]ikmbot.SeatStatus, error) {
	terms, err := s.rdb.SMembers(ctx, termsKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("find seats of owner %d: %w", ownerID, err)
	}
	owner := strconv.FormatInt(ownerID, 10)
	held := make([]*redis.StringCmd, len(terms))
	if len(terms) > 0 {
		// Each HGET's redis.Nil makes the pipeline's error; checked below.
		s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, term := range terms {
				held[i] = p.HGet(ctx, termSeatsKey(term), owner)
			}
			return nil
		})
	}
	type place struct{ seat, wait *redis.FloatCmd }
	places := make(map[string]place)
	for _, cmd := range held {
		classID, err := cmd.Result()
		if notFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("find seats of owner %d: %w", ownerID, err)
		}
		if _, ok := ikmbot.TermOfClass(classID); !ok {
			s.log.WarnContext(ctx, "bad term seat ignored", "class_id", classID, "user_id", ownerID)
			continue
		}
		places[classID] = place{} // filled below
	}
	if len(places) == 0 {
		return map[string]ikmbot.SeatStatus{}, nil
	}
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for classID := range places {
			term, _ := ikmbot.TermOfClass(classID)
			places[classID] = place{
				seat: p.ZScore(ctx, seatsKey(term, classID), owner),
				wait: p.ZScore(ctx, waitingKey(term, classID), owner),
			}
		}
		return nil
	})
	seats := make(map[string]ikmbot.SeatStatus, len(places))
	for classID, pl := range places {
		for _, c := range []*redis.FloatCmd{pl.seat, pl.wait} {
			if err := c.Err(); err != nil && !notFound(err) {
				return nil, fmt.Errorf("find seats of owner %d: %w", ownerID, err)
			}
		}
		switch {
		case pl.seat.Err() == nil:
			seats[classID] = ikmbot.SeatEnrolled
		case pl.wait.Err() == nil:
			seats[classID] = ikmbot.SeatWaiting
		default:
			s.log.WarnContext(ctx, "term seat without a place ignored", "class_id", classID, "user_id", ownerID)
		}
	}
	return seats, nil
}

// SetAnswer records the owner's answer to the reminder of a meeting (its
// index in Class.Meetings, from 0), replacing an earlier one. Only an owner
// holding a seat is recorded: enrolled is false, and nothing changes, for
// anyone else (a stale button after leaving or a cancellation). An answer
// other than the ikmbot.Answer constants or a negative meeting is an
// *ikmbot.Error with code ikmbot.EInvalid; an impossible class id one with
// code ikmbot.ENotFound.
func (s *Store) SetAnswer(ctx context.Context, classID string, meeting int, ownerID int64, a ikmbot.Answer) (enrolled bool, err error) {
	if a != ikmbot.AnswerComing && a != ikmbot.AnswerNotComing {
		return false, ikmbot.Errorf(ikmbot.EInvalid, "answer of owner %d in class %s: %q", ownerID, classID, a)
	}
	return s.setIfEnrolled(ctx, "answer", classAnswersKey, classID, meeting, ownerID, string(a))
}

// SetAttendance marks whether the owner was present at a meeting (its index
// in Class.Meetings, from 0). An owner not holding a seat is an
// *ikmbot.Error with code ikmbot.EConflict; a negative meeting one with code
// ikmbot.EInvalid; an impossible class id one with code ikmbot.ENotFound.
func (s *Store) SetAttendance(ctx context.Context, classID string, meeting int, ownerID int64, present bool) error {
	v := "0"
	if present {
		v = "1"
	}
	enrolled, err := s.setIfEnrolled(ctx, "attendance", attendanceKey, classID, meeting, ownerID, v)
	if err != nil {
		return err
	}
	if !enrolled {
		return ikmbot.Errorf(ikmbot.EConflict, "attendance of owner %d in class %s: not enrolled", ownerID, classID)
	}
	return nil
}

// ClearAnswers forgets the reminder answers of owners for a meeting (its
// index, from 0): the meeting moved, so what they said was about another
// time. An impossible class id is an *ikmbot.Error with code
// ikmbot.ENotFound; other errors are Redis failures.
func (s *Store) ClearAnswers(ctx context.Context, classID string, meeting int, owners []int64) error {
	term, ok := ikmbot.TermOfClass(classID)
	if !ok {
		return ikmbot.Errorf(ikmbot.ENotFound, "clear answers in class %q", classID)
	}
	if len(owners) == 0 {
		return nil
	}
	fields := make([]string, len(owners))
	for i, id := range owners {
		fields[i] = answerField(meeting, id)
	}
	if err := s.rdb.HDel(ctx, classAnswersKey(term, classID), fields...).Err(); err != nil {
		return fmt.Errorf("clear answers to meeting %d of class %s: %w", meeting, classID, err)
	}
	return nil
}

// forgetInClasses removes an owner's id from the records of every class:
// seats, waiting lists, reminder answers, attendance and completions, and
// their seat of each term. For /hapusdata, after the owner left their
// current classes (which hands their seats on): what is left is history,
// which must not keep their id either. It reads no class, only the list of
// ids, so it costs two round trips however many classes there are.
func (s *Store) forgetInClasses(ctx context.Context, ownerID int64) error {
	ids, err := s.rdb.ZRange(ctx, classesKey(), 0, -1).Result()
	if err != nil {
		return fmt.Errorf("forget owner %d in classes: %w", ownerID, err)
	}
	fields := make([]string, maxMeetings)
	for m := range fields {
		fields[m] = answerField(m, ownerID)
	}
	terms := map[string]bool{}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range ids {
			term, ok := ikmbot.TermOfClass(id)
			if !ok {
				continue
			}
			terms[term] = true
			p.ZRem(ctx, seatsKey(term, id), ownerID)
			p.ZRem(ctx, waitingKey(term, id), ownerID)
			p.SRem(ctx, completedKey(term, id), ownerID)
			p.HDel(ctx, classAnswersKey(term, id), fields...)
			p.HDel(ctx, attendanceKey(term, id), fields...)
		}
		for term := range terms {
			p.HDel(ctx, termSeatsKey(term), strconv.FormatInt(ownerID, 10))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget owner %d in classes: %w", ownerID, err)
	}
	return nil
}

// maxMeetings bounds the meetings of a class whose answers forgetInClasses
// removes; the class conversation allows six.
const maxMeetings = 12

// answerField is the field of an owner's answer or attendance for a
// meeting: "<meeting>:<owner id>".
func answerField(meeting int, ownerID int64) string {
	return strconv.Itoa(meeting) + ":" + strconv.FormatInt(ownerID, 10)
}

// setIfEnrolled sets "<meeting>:<owner>" to value in the class's hash that
// key builds, if the owner holds a seat.
func (s *Store) setIfEnrolled(ctx context.Context, what string, key func(term, classID string) string, classID string, meeting int, ownerID int64, value string) (bool, error) {
	term, ok := ikmbot.TermOfClass(classID)
	if !ok {
		return false, ikmbot.Errorf(ikmbot.ENotFound, "%s of owner %d in class %q", what, ownerID, classID)
	}
	if meeting < 0 {
		return false, ikmbot.Errorf(ikmbot.EInvalid, "%s of owner %d in class %s: meeting %d", what, ownerID, classID, meeting)
	}
	field := answerField(meeting, ownerID)
	n, err := setIfEnrolledScript.Run(ctx, s.rdb,
		[]string{termSeatsKey(term), seatsKey(term, classID), key(term, classID)},
		ownerID, classID, field, value).Int()
	if err != nil {
		return false, fmt.Errorf("%s of owner %d in class %s: %w", what, ownerID, classID, err)
	}
	return n == 1, nil
}
