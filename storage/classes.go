package storage

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// classAttempts bounds the retries of a class change whose class keeps
// changing under it (a staff edit racing another).
const classAttempts = 5

// NextClassID reserves the id of a new class of the year's stage, e.g.
// "2026-1-7". Ids are never reused, even when the class is not saved. A
// stage other than 1 or 2, or a year outside 2000..9999, is an
// *ikmbot.Error with code ikmbot.EInvalid.
func (s *Store) NextClassID(ctx context.Context, year, stage int) (string, error) {
	if (stage != 1 && stage != 2) || year < 2000 || year > 9999 {
		return "", ikmbot.Errorf(ikmbot.EInvalid, "new class id: year %d stage %d", year, stage)
	}
	n, err := s.rdb.Incr(ctx, classSeqKey(ikmbot.TermOf(year, stage))).Result()
	if err != nil {
		return "", fmt.Errorf("new class id for %d-%d: %w", year, stage, err)
	}
	return ikmbot.ClassID(year, stage, n), nil
}

// SaveClass creates or replaces the class c, lists it (ordered by its first
// meeting) and, in the same transaction, schedules and unschedules the given
// due items (by ikmbot.Due.Key): a moved meeting moves its reminders with it.
// On Redis Cluster the listing and the due items follow in a second round
// trip, see Store.transact.
//
// A class that fails c.Validate, has an unknown status or an id not of its
// term, or a due item Schedule would refuse, is an *ikmbot.Error with code
// ikmbot.EInvalid and nothing is saved; so is saving a class
// as cancelled: that is CancelClass's job, which frees the seats. Saving
// over a cancelled class is one with code ikmbot.EConflict: its owners were
// let go and cannot be brought back by an edit.
func (s *Store) SaveClass(ctx context.Context, c ikmbot.Class, schedule []ikmbot.Due, unschedule []string) error {
	if err := c.Validate(); err != nil {
		return err
	}
	switch c.Status {
	case ikmbot.ClassOpen, ikmbot.ClassClosed, ikmbot.ClassCancelled, ikmbot.ClassFinished:
	default:
		return ikmbot.Errorf(ikmbot.EInvalid, "save class %s: status %q", c.ID, c.Status)
	}
	term, ok := ikmbot.TermOfClass(c.ID)
	if !ok || term != c.Term() {
		return ikmbot.Errorf(ikmbot.EInvalid, "save class %s: id not of term %s", c.ID, c.Term())
	}
	for _, d := range schedule {
		if err := validDue(d); err != nil {
			return err
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("save class %s: encode: %w", c.ID, err)
	}
	key := classKey(term, c.ID)
	// The stored status is read under WATCH so that no edit slips past a
	// cancellation that happens between the read and the write.
	for range classAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			old, err := tx.Get(ctx, key).Bytes()
			if err != nil && !notFound(err) {
				return err
			}
			var prev struct {
				Status ikmbot.ClassStatus `json:"status"`
			}
			// An undecodable class is overwritten, which heals it.
			_ = json.Unmarshal(old, &prev)
			switch was := prev.Status == ikmbot.ClassCancelled; {
			case was && c.Status != ikmbot.ClassCancelled:
				return ikmbot.Errorf(ikmbot.EConflict, "save class %s: class is cancelled", c.ID)
			case !was && c.Status == ikmbot.ClassCancelled:
				return ikmbot.Errorf(ikmbot.EInvalid, "save class %s: cancel with CancelClass", c.ID)
			}
			return s.transactOn(ctx, tx, func(p redis.Pipeliner) {
				p.Set(ctx, key, b, 0)
			}, func(p redis.Pipeliner) {
				p.ZAdd(ctx, classesKey(), redis.Z{Score: float64(c.Meetings[0].Start.UnixMilli()), Member: c.ID})
				p.SAdd(ctx, termsKey(), term)
				// Unscheduled first: a key in both (a meeting that did
				// not move) stays scheduled.
				s.unscheduleOn(p, unschedule)
				s.scheduleOn(p, schedule)
			})
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if ikmbot.ErrorCode(err) != "" {
			return err
		}
		if err != nil {
			return fmt.Errorf("save class %s: %w", c.ID, err)
		}
		return nil
	}
	return fmt.Errorf("save class %s: class kept changing through %d attempts", c.ID, classAttempts)
}

// Class returns the class with this id. An unknown id, or one no class can
// have, is an *ikmbot.Error with code ikmbot.ENotFound.
func (s *Store) Class(ctx context.Context, id string) (ikmbot.Class, error) {
	term, ok := ikmbot.TermOfClass(id)
	if !ok {
		return ikmbot.Class{}, ikmbot.Errorf(ikmbot.ENotFound, "load class %q", id)
	}
	raw, err := s.rdb.Get(ctx, classKey(term, id)).Bytes()
	if notFound(err) {
		return ikmbot.Class{}, ikmbot.Errorf(ikmbot.ENotFound, "load class %s", id)
	}
	if err != nil {
		return ikmbot.Class{}, fmt.Errorf("load class %s: %w", id, err)
	}
	var c ikmbot.Class
	if err := json.Unmarshal(raw, &c); err != nil {
		return ikmbot.Class{}, fmt.Errorf("load class %s: decode: %w", id, err)
	}
	return c, nil
}

// Classes returns the classes whose first meeting is at since or later,
// ordered by first meeting, so a list costs what is current, not every class
// of every year. Classes it cannot read are logged and skipped.
func (s *Store) Classes(ctx context.Context, since time.Time) ([]ikmbot.Class, error) {
	ids, err := s.rdb.ZRangeByScore(ctx, classesKey(), &redis.ZRangeBy{Min: strconv.FormatInt(since.UnixMilli(), 10), Max: "+inf"}).Result()
	if err != nil {
		return nil, fmt.Errorf("list classes: %w", err)
	}
	return s.loadClasses(ctx, ids)
}

// ClassesByID loads the classes of ids, in that order; unknown ones are
// left out.
func (s *Store) ClassesByID(ctx context.Context, ids []string) ([]ikmbot.Class, error) {
	return s.loadClasses(ctx, ids)
}

func (s *Store) loadClasses(ctx context.Context, ids []string) ([]ikmbot.Class, error) {
	// GETs in a pipeline rather than one MGET: the classes of different
	// terms sit in different Cluster slots.
	cmds := make([]*redis.StringCmd, len(ids))
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			if term, ok := ikmbot.TermOfClass(id); ok {
				cmds[i] = p.Get(ctx, classKey(term, id))
			}
		}
		return nil
	})
	classes := make([]ikmbot.Class, 0, len(ids))
	for i, cmd := range cmds {
		if cmd == nil {
			s.log.WarnContext(ctx, "bad classes entry ignored", "class_id", ids[i])
			continue
		}
		raw, err := cmd.Bytes()
		if notFound(err) {
			s.log.WarnContext(ctx, "listed class missing", "class_id", ids[i])
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("list classes: %w", err)
		}
		var c ikmbot.Class
		if err := json.Unmarshal(raw, &c); err != nil {
			s.log.WarnContext(ctx, "undecodable class skipped", "class_id", ids[i], "err", err)
			continue
		}
		classes = append(classes, c)
	}
	return classes, nil
}

// ClassSeats returns how many seats are taken in each of the classes, for
// "seats left" in lists. Ids no class can have are left out.
func (s *Store) ClassSeats(ctx context.Context, ids []string) (map[string]int, error) {
	cmds := make(map[string]*redis.IntCmd, len(ids))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range ids {
			if term, ok := ikmbot.TermOfClass(id); ok {
				cmds[id] = p.ZCard(ctx, seatsKey(term, id))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count seats of %d classes: %w", len(ids), err)
	}
	seats := make(map[string]int, len(cmds))
	for id, cmd := range cmds {
		seats[id] = int(cmd.Val())
	}
	return seats, nil
}

// Roster returns the class's roster in one round trip. An unknown class is
// an *ikmbot.Error with code ikmbot.ENotFound.
func (s *Store) Roster(ctx context.Context, classID string) (ikmbot.Roster, error) {
	term, ok := ikmbot.TermOfClass(classID)
	if !ok {
		return ikmbot.Roster{}, ikmbot.Errorf(ikmbot.ENotFound, "load roster of class %q", classID)
	}
	var exists *redis.IntCmd
	var seats, waiting *redis.StringSliceCmd
	var rest rosterCmds
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		exists = p.Exists(ctx, classKey(term, classID))
		seats = p.ZRange(ctx, seatsKey(term, classID), 0, -1)
		waiting = p.ZRange(ctx, waitingKey(term, classID), 0, -1)
		rest = queueRoster(ctx, p, term, classID)
		return nil
	})
	if err != nil {
		return ikmbot.Roster{}, fmt.Errorf("load roster of class %s: %w", classID, err)
	}
	if exists.Val() == 0 {
		return ikmbot.Roster{}, ikmbot.Errorf(ikmbot.ENotFound, "load roster of class %s", classID)
	}
	r := s.roster(ctx, classID, rest)
	r.Enrolled = s.parseIDs(ctx, classID, "seats", seats.Val())
	r.Waiting = s.parseIDs(ctx, classID, "waiting", waiting.Val())
	return r, nil
}

// rosterCmds are the reads of a roster beyond its seats and waiting list.
type rosterCmds struct {
	answers, attendance *redis.MapStringStringCmd
	completed           *redis.StringSliceCmd
}

func queueRoster(ctx context.Context, p redis.Pipeliner, term, classID string) rosterCmds {
	return rosterCmds{
		answers:    p.HGetAll(ctx, classAnswersKey(term, classID)),
		attendance: p.HGetAll(ctx, attendanceKey(term, classID)),
		completed:  p.SMembers(ctx, completedKey(term, classID)),
	}
}

// roster decodes the reads of queueRoster, after their pipeline succeeded.
func (s *Store) roster(ctx context.Context, classID string, c rosterCmds) ikmbot.Roster {
	r := ikmbot.Roster{
		Answers:    make(map[string]ikmbot.Answer),
		Attendance: make(map[string]bool),
		Completed:  make(map[int64]bool),
	}
	for k, v := range c.answers.Val() {
		r.Answers[k] = ikmbot.Answer(v)
	}
	for k, v := range c.attendance.Val() {
		r.Attendance[k] = v == "1"
	}
	for _, id := range s.parseIDs(ctx, classID, "completed", c.completed.Val()) {
		r.Completed[id] = true
	}
	return r
}

// parseIDs turns the members of one of a class's sets into owner ids,
// logging and skipping what is not one.
func (s *Store) parseIDs(ctx context.Context, classID, set string, raw []string) []int64 {
	ids := make([]int64, 0, len(raw))
	for _, r := range raw {
		id, err := strconv.ParseInt(r, 10, 64)
		if err != nil {
			s.log.WarnContext(ctx, "bad class member ignored", "class_id", classID, "set", set, "entry", r)
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// cancelClass is cancel_class.lua.
//
//go:embed cancel_class.lua
var cancelClassLua string

var cancelClassScript = redis.NewScript(cancelClassLua)

// CancelClass marks the class cancelled and lets everyone in it go, so they
// can enrol in another class of the term; its seats and waiting list stay
// as the record. It then unschedules the given due items (by
// ikmbot.Due.Key), in a second round trip: should that fail, the reminders
// still fire, and their handler skips a cancelled class. It returns the
// roster at the moment of cancelling, so the caller can tell everyone.
//
// An unknown class is an *ikmbot.Error with code ikmbot.ENotFound; one
// already cancelled or finished is one with code ikmbot.EConflict, so a
// repeated tap tells nobody twice.
func (s *Store) CancelClass(ctx context.Context, classID string, unschedule []string) (ikmbot.Roster, error) {
	term, ok := ikmbot.TermOfClass(classID)
	if !ok {
		return ikmbot.Roster{}, ikmbot.Errorf(ikmbot.ENotFound, "cancel class %q", classID)
	}
	key := classKey(term, classID)
	for range classAttempts {
		old, err := s.rdb.Get(ctx, key).Result()
		if notFound(err) {
			return ikmbot.Roster{}, ikmbot.Errorf(ikmbot.ENotFound, "cancel class %s", classID)
		}
		if err != nil {
			return ikmbot.Roster{}, fmt.Errorf("cancel class %s: %w", classID, err)
		}
		var c ikmbot.Class
		if err := json.Unmarshal([]byte(old), &c); err != nil {
			return ikmbot.Roster{}, fmt.Errorf("cancel class %s: decode: %w", classID, err)
		}
		if c.Status == ikmbot.ClassCancelled || c.Status == ikmbot.ClassFinished {
			return ikmbot.Roster{}, ikmbot.Errorf(ikmbot.EConflict, "cancel class %s: class is %s", classID, c.Status)
		}
		c.Status = ikmbot.ClassCancelled
		b, err := json.Marshal(c)
		if err != nil {
			return ikmbot.Roster{}, fmt.Errorf("cancel class %s: encode: %w", classID, err)
		}
		res, err := cancelClassScript.Run(ctx, s.rdb,
			[]string{key, seatsKey(term, classID), waitingKey(term, classID), termSeatsKey(term)},
			classID, old, b).Slice()
		if err != nil {
			return ikmbot.Roster{}, fmt.Errorf("cancel class %s: %w", classID, err)
		}
		if len(res) != 3 {
			continue // changed since read
		}
		var rest rosterCmds
		_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			rest = queueRoster(ctx, p, term, classID)
			s.unscheduleOn(p, unschedule)
			return nil
		})
		if err != nil {
			return ikmbot.Roster{}, fmt.Errorf("cancel class %s: class cancelled, then: %w", classID, err)
		}
		r := s.roster(ctx, classID, rest)
		r.Enrolled = s.parseIDs(ctx, classID, "seats", replyStrings(res[1]))
		r.Waiting = s.parseIDs(ctx, classID, "waiting", replyStrings(res[2]))
		return r, nil
	}
	return ikmbot.Roster{}, fmt.Errorf("cancel class %s: class kept changing through %d attempts", classID, classAttempts)
}

// replyStrings returns the strings of a script's array reply.
func replyStrings(v any) []string {
	items, _ := v.([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// CompleteClass records who completed the class and marks it finished;
// completing again adds to those recorded, and refreshes the funnel counts
// of each completed owner (see stats.go). An unknown class is an
// *ikmbot.Error with code ikmbot.ENotFound, a cancelled one one with code
// ikmbot.EConflict.
func (s *Store) CompleteClass(ctx context.Context, classID string, completed []int64) error {
	term, ok := ikmbot.TermOfClass(classID)
	if !ok {
		return ikmbot.Errorf(ikmbot.ENotFound, "complete class %q", classID)
	}
	key := classKey(term, classID)
	members := make([]any, len(completed))
	for i, id := range completed {
		members[i] = id
	}
	// The class is rewritten from what was read, so WATCH keeps a
	// concurrent edit from being lost; the waiting list is watched too,
	// because its owners' stage seats are freed: the class is over, so
	// they may enrol in another class of the stage.
	for range classAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			waiting, err := tx.ZRange(ctx, waitingKey(term, classID), 0, -1).Result()
			if err != nil {
				return err
			}
			raw, err := tx.Get(ctx, key).Bytes()
			if notFound(err) {
				return ikmbot.Errorf(ikmbot.ENotFound, "complete class %s", classID)
			}
			if err != nil {
				return err
			}
			var c ikmbot.Class
			if err := json.Unmarshal(raw, &c); err != nil {
				return fmt.Errorf("decode: %w", err)
			}
			if c.Status == ikmbot.ClassCancelled {
				return ikmbot.Errorf(ikmbot.EConflict, "complete class %s: class is cancelled", classID)
			}
			c.Status = ikmbot.ClassFinished
			b, err := json.Marshal(c)
			if err != nil {
				return fmt.Errorf("encode: %w", err)
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, key, b, 0)
				if len(members) > 0 {
					p.SAdd(ctx, completedKey(term, classID), members...)
				}
				if len(waiting) > 0 {
					p.HDel(ctx, termSeatsKey(term), waiting...)
				}
				return nil
			})
			return err
		}, key, waitingKey(term, classID))
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if ikmbot.ErrorCode(err) != "" {
			return err
		}
		if err != nil {
			return fmt.Errorf("complete class %s: %w", classID, err)
		}
		s.refreshFunnels(ctx, completed...)
		return nil
	}
	return fmt.Errorf("complete class %s: class kept changing through %d attempts", classID, classAttempts)
}

// Users returns the users with these ids in one round trip, for rosters. A
// user Redis knows nothing of (one who deleted their data) is left out.
// Unlike LoadUser, a profile that does not decode is logged and the user
// returned without it, so one bad record does not hide a whole roster.
func (s *Store) Users(ctx context.Context, ids []int64) (map[int64]ikmbot.User, error) {
	cmds := make(map[int64]*redis.SliceCmd, len(ids))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range ids {
			cmds[id] = p.HMGet(ctx, userKey(id), userFields...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load %d users: %w", len(ids), err)
	}
	users := make(map[int64]ikmbot.User, len(cmds))
	for id, cmd := range cmds {
		vals := cmd.Val() // in the order asked; nil when absent
		str := func(i int) string { v, _ := vals[i].(string); return v }
		if !slices.ContainsFunc(vals, func(v any) bool { return v != nil }) {
			continue
		}
		u := ikmbot.User{ID: id, Language: str(1), Unreachable: str(3) == "1", Level: ikmbot.Level(str(4)), LevelRegion: str(5), NoBroadcasts: str(6) == "1", Name: str(7), TargetMarkets: splitMarkets(str(8))}
		if r := ikmbot.Role(str(0)); r.Valid() {
			u.Role = r
		}
		if raw := str(2); raw != "" {
			var p ikmbot.Profile
			if err := json.Unmarshal([]byte(raw), &p); err != nil {
				s.log.WarnContext(ctx, "undecodable profile skipped", "user_id", id, "err", err)
			} else {
				u.Profile = &p
			}
		}
		users[id] = u
	}
	return users, nil
}
