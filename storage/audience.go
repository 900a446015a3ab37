package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// audienceBatch is how many owners one round trip of an audience scan
// reads: the most a scan holds in memory at once.
const audienceBatch = 500

// scanAudience calls fn with each batch of owners in the audience, reading
// ikm:owners with SSCAN, so memory stays bounded however many owners
// there are. What the audience asks of the profile, the level and the
// target countries comes with the batch's users (Users); an audience that
// narrows by classes or certificates costs one more round trip per batch
// (see ownerFacts) and, for classes, two at the start (see
// audienceClassesOf).
func (s *Store) scanAudience(ctx context.Context, a ikmbot.Audience, fn func(owners []int64) error) error {
	return s.scanOwners(ctx, a, false, func(owners []int64, _ map[int64]ikmbot.User) error { return fn(owners) })
}

// scanOwners is scanAudience that also hands fn the batch's users (read
// for the audience anyway). With everyone set, owners who blocked the bot
// or turned announcements off are in the audience too: an export lists
// them, where a broadcast must leave them out.
func (s *Store) scanOwners(ctx context.Context, a ikmbot.Audience, everyone bool,
	fn func(owners []int64, users map[int64]ikmbot.User) error) error {
	now := s.now()
	classes, err := s.audienceClassesOf(ctx, a, now)
	if err != nil {
		return err
	}
	var cursor uint64
	for {
		ids, next, err := s.rdb.SScan(ctx, ownersKey(), cursor, "", audienceBatch).Result()
		if err != nil {
			return err
		}
		owners := make([]int64, 0, len(ids))
		for _, id := range ids {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				owners = append(owners, n)
			}
		}
		users, err := s.Users(ctx, owners)
		if err != nil {
			return err
		}
		asked := users
		if everyone {
			// Matches leaves out whom a broadcast cannot reach; here
			// they count as anyone else.
			asked = make(map[int64]ikmbot.User, len(users))
			for id, u := range users {
				u.Unreachable, u.NoBroadcasts = false, false
				asked[id] = u
			}
		}
		facts, err := s.ownerFacts(ctx, a, classes, now, owners, asked)
		if err != nil {
			return err
		}
		var match []int64
		for _, id := range owners {
			if u, ok := asked[id]; ok && a.Matches(u, facts[id]) {
				match = append(match, id)
			}
		}
		if len(match) > 0 {
			if err := fn(match, users); err != nil {
				return err
			}
		}
		if cursor = next; cursor == 0 {
			return nil
		}
	}
}

// audienceClasses are the classes whose sets an audience's scan reads for
// every batch.
type audienceClasses struct {
	// ongoing are the classes whose seat holders are enrolled
	// (ikmbot.Class.Ongoing); finished those whose completed set counts:
	// CompleteClass writes the set and the status in one MULTI, and no
	// other class has one.
	ongoing, finished []ikmbot.Class
}

// audienceClassesOf lists, once per scan, the classes the audience's class
// filter reads: every class ever made is read (a ZRANGE and a pipeline of
// GETs), which stays small next to the owners, and only those that matter
// are kept.
func (s *Store) audienceClassesOf(ctx context.Context, a ikmbot.Audience, now time.Time) (audienceClasses, error) {
	var ac audienceClasses
	if !a.NeedsClasses() {
		return ac, nil
	}
	ids, err := s.rdb.ZRange(ctx, classesKey(), 0, -1).Result()
	if err != nil {
		return ac, err
	}
	all, err := s.loadClasses(ctx, ids)
	if err != nil {
		return ac, err
	}
	seats, completions := classFacts(a.Class)
	for _, c := range all {
		switch {
		case seats && c.Ongoing(now):
			ac.ongoing = append(ac.ongoing, c)
		case completions && c.Status == ikmbot.ClassFinished:
			ac.finished = append(ac.finished, c)
		}
	}
	return ac, nil
}

// classFacts says which of OwnerFacts.Enrolled (seats) and Completed
// (completions) a class filter looks at. An unknown filter matches nobody,
// so it needs neither.
func classFacts(f ikmbot.ClassFilter) (seats, completions bool) {
	switch f {
	case ikmbot.ClassFilterEnrolled:
		return true, false
	case ikmbot.ClassFilterCompleted:
		return false, true
	case ikmbot.ClassFilterNone:
		return true, true
	}
	return false, false
}

// ownerFacts reads, in one pipeline, what the audience needs to know of a
// batch's owners beyond their users: a ZMSCORE of each ongoing class's
// seats, an SMISMEMBER of each finished class's completions, and an HGET
// of each owner's certificate of the audience's type. Only owners the rest
// of the audience lets through are asked about (Matches is a conjunction,
// so leaving the facts out of it first is exact). It returns nil when the
// audience needs nothing more.
func (s *Store) ownerFacts(ctx context.Context, a ikmbot.Audience, classes audienceClasses, now time.Time,
	owners []int64, users map[int64]ikmbot.User) (map[int64]ikmbot.OwnerFacts, error) {
	if !a.NeedsClasses() && !a.NeedsCerts() {
		return nil, nil
	}
	rest := a
	rest.Class, rest.CertType, rest.CertLacking = ikmbot.ClassFilterAll, "", false
	var ask []int64
	var members []any
	for _, id := range owners {
		if u, ok := users[id]; ok && rest.Matches(u, ikmbot.OwnerFacts{}) {
			ask = append(ask, id)
			members = append(members, strconv.FormatInt(id, 10))
		}
	}
	facts := make(map[int64]ikmbot.OwnerFacts, len(ask))
	for _, id := range ask {
		facts[id] = ikmbot.OwnerFacts{Now: now}
	}
	if len(ask) == 0 {
		return facts, nil
	}
	var seats []*redis.Cmd
	var completed []*redis.BoolSliceCmd
	var certs []*redis.StringCmd
	if a.NeedsCerts() {
		certs = make([]*redis.StringCmd, len(ask))
	}
	// The HGETs of owners without the certificate reply nil, which makes
	// the pipeline's error; each reply is checked below instead.
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, c := range classes.ongoing {
			// ZMSCORE through Do: go-redis's ZMScore turns a missing
			// member into a score of 0.
			args := append([]any{"zmscore", seatsKey(c.Term(), c.ID)}, members...)
			seats = append(seats, p.Do(ctx, args...))
		}
		for _, c := range classes.finished {
			completed = append(completed, p.SMIsMember(ctx, completedKey(c.Term(), c.ID), members...))
		}
		for i, id := range ask {
			if certs != nil {
				certs[i] = p.HGet(ctx, certsKey(id), a.CertType)
			}
		}
		return nil
	})
	for _, cmd := range seats {
		scores, err := cmd.Slice()
		if err != nil {
			return nil, fmt.Errorf("read seats: %w", err)
		}
		for i, score := range scores {
			if score != nil && i < len(ask) {
				f := facts[ask[i]]
				f.Enrolled = true
				facts[ask[i]] = f
			}
		}
	}
	for _, cmd := range completed {
		in, err := cmd.Result()
		if err != nil {
			return nil, fmt.Errorf("read completions: %w", err)
		}
		for i, yes := range in {
			if yes && i < len(ask) {
				f := facts[ask[i]]
				f.Completed = true
				facts[ask[i]] = f
			}
		}
	}
	for i, cmd := range certs {
		raw, err := cmd.Result()
		if notFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read certificates: %w", err)
		}
		var c ikmbot.Certificate
		if err := json.Unmarshal([]byte(raw), &c); err != nil || c.Type != a.CertType {
			// Not held as far as the bot can tell, as Certificates skips it.
			s.log.WarnContext(ctx, "unreadable certificate skipped", "user_id", ask[i], "cert_type", a.CertType, "err", err)
			continue
		}
		f := facts[ask[i]]
		f.Certs = []ikmbot.Certificate{c}
		facts[ask[i]] = f
	}
	return facts, nil
}

// CountAudience counts the owners in an audience, for staff to see before
// sending. Errors are Redis failures.
func (s *Store) CountAudience(ctx context.Context, a ikmbot.Audience) (int64, error) {
	var n int64
	err := s.scanAudience(ctx, a, func(owners []int64) error {
		n += int64(len(owners))
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count audience: %w", err)
	}
	return n, nil
}

// SnapshotAudience fills a draft broadcast's recipients with the owners in
// the audience now, in batches, and returns how many there are.
func (s *Store) SnapshotAudience(ctx context.Context, id string, a ikmbot.Audience) (int64, error) {
	err := s.scanAudience(ctx, a, func(owners []int64) error {
		return s.AddRecipients(ctx, id, owners)
	})
	if err != nil {
		return 0, fmt.Errorf("snapshot audience of broadcast %s: %w", id, err)
	}
	b, err := s.Broadcast(ctx, id)
	return b.Total, err
}
