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

// Staff's export (/ekspor, issue 8) reads every owner of an audience with
// everything the bot keeps about them. It streams: owners come from the
// owners index in scan batches (see scanOwners), so an owner who deleted
// their data, being out of the index, never appears, and memory holds one
// batch however many owners there are. Per batch it costs the scan's
// round trips (SSCAN, the users, the audience's facts when it narrows by
// classes or certificates) and two more: one pipeline for each owner's
// readiness attempts, certificates, follow-ups, help request ids and the
// batch's mentors, and one for those help requests and the names of
// mentors not met before. What is the same for every owner, the classes
// with their seats, waiting lists and completions and the names of
// staff and mentors, is read once at the start.

// ExportOwners calls fn with the records of the owners in the audience, a
// scan batch (about 500) at a time, in no particular order. Unlike a
// broadcast's audience, owners who blocked the bot or turned
// announcements off are in it: the export is the office's record of
// them. Records that cannot be read are logged and left out, as the
// single readers do; fn's error stops the export and is returned as is.
// Other errors are Redis failures.
func (s *Store) ExportOwners(ctx context.Context, a ikmbot.Audience, fn func([]ikmbot.OwnerRecord) error) error {
	enrolments, err := s.exportEnrolments(ctx)
	if err != nil {
		return fmt.Errorf("export owners: %w", err)
	}
	names, err := s.roleNames(ctx)
	if err != nil {
		return fmt.Errorf("export owners: %w", err)
	}
	var fnErr error
	// SSCAN may return an owner twice when the set grows while it runs
	// (sign-ups go on during an export); a file must not.
	seen := map[int64]struct{}{}
	err = s.scanOwners(ctx, a, true, func(found []int64, users map[int64]ikmbot.User) error {
		owners := make([]int64, 0, len(found))
		for _, id := range found {
			if _, dup := seen[id]; !dup {
				seen[id] = struct{}{}
				owners = append(owners, id)
			}
		}
		if len(owners) == 0 {
			return nil
		}
		recs, err := s.ownerRecords(ctx, owners, users, enrolments, names)
		if err != nil {
			return err
		}
		if err := fn(recs); err != nil {
			fnErr = err
			return err
		}
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("export owners: %w", err)
	}
	return nil
}

// exportEnrolments reads every class ever made with its seats, waiting
// list and completions, in three round trips, and returns each owner's
// places in them by the classes' first meetings (the order of
// classesKey).
func (s *Store) exportEnrolments(ctx context.Context) (map[int64][]ikmbot.Enrolment, error) {
	ids, err := s.rdb.ZRange(ctx, classesKey(), 0, -1).Result()
	if err != nil {
		return nil, err
	}
	classes, err := s.loadClasses(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[int64][]ikmbot.Enrolment{}
	if len(classes) == 0 {
		return out, nil
	}
	type lists struct {
		seats, waiting *redis.ZSliceCmd
		completed      *redis.StringSliceCmd
	}
	cmds := make([]lists, len(classes))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range classes {
			term := c.Term()
			cmds[i] = lists{
				seats:     p.ZRangeWithScores(ctx, seatsKey(term, c.ID), 0, -1),
				waiting:   p.ZRangeWithScores(ctx, waitingKey(term, c.ID), 0, -1),
				completed: p.SMembers(ctx, completedKey(term, c.ID)),
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for i, c := range classes {
		// One owner's place in this class; the order of places is the
		// order owners first appear, which does not matter: each owner
		// has at most one place per class.
		places := map[int64]*ikmbot.Enrolment{}
		var order []int64
		place := func(member any) *ikmbot.Enrolment {
			text, _ := member.(string)
			id, err := strconv.ParseInt(text, 10, 64)
			if err != nil {
				s.log.WarnContext(ctx, "bad class member ignored", "class_id", c.ID, "member", text)
				return nil
			}
			e, ok := places[id]
			if !ok {
				e = &ikmbot.Enrolment{Class: c}
				places[id] = e
				order = append(order, id)
			}
			return e
		}
		for _, z := range cmds[i].waiting.Val() {
			if e := place(z.Member); e != nil {
				e.Seat, e.Since = ikmbot.SeatWaiting, time.UnixMilli(int64(z.Score)).UTC()
			}
		}
		for _, z := range cmds[i].seats.Val() { // a seat wins over a stale place on the list
			if e := place(z.Member); e != nil {
				e.Seat, e.Since = ikmbot.SeatEnrolled, time.UnixMilli(int64(z.Score)).UTC()
			}
		}
		for _, m := range cmds[i].completed.Val() {
			if e := place(m); e != nil {
				e.Completed = true
			}
		}
		for _, id := range order {
			out[id] = append(out[id], *places[id])
		}
	}
	return out, nil
}

// roleNames reads the Telegram names of every user holding a role (staff,
// mentors, admins) in two round trips: the people an owner's record
// mentions, who are few next to the owners.
func (s *Store) roleNames(ctx context.Context) (map[int64]string, error) {
	roles, err := s.UsersWithRole(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(roles))
	if len(roles) == 0 {
		return names, nil
	}
	ids := make([]int64, 0, len(roles))
	for id := range roles {
		ids = append(ids, id)
	}
	var cmds []*redis.SliceCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		cmds = queueNames(ctx, p, ids)
		return nil
	}); err != nil {
		return nil, err
	}
	collectNames(ids, cmds, names)
	return names, nil
}

// queueNames queues an HMGET of the name of each of ids; collectNames
// puts the names found into names once the pipeline ran.
func queueNames(ctx context.Context, p redis.Pipeliner, ids []int64) []*redis.SliceCmd {
	cmds := make([]*redis.SliceCmd, len(ids))
	for i, id := range ids {
		cmds[i] = p.HMGet(ctx, userKey(id), fieldName)
	}
	return cmds
}

func collectNames(ids []int64, cmds []*redis.SliceCmd, names map[int64]string) {
	for i, cmd := range cmds {
		if vals := cmd.Val(); len(vals) == 1 {
			if name, _ := vals[0].(string); name != "" {
				names[ids[i]] = name
			}
		}
	}
}

// ownerRecords reads, in two round trips, the records of one batch of
// owners in the order of owners; users are the batch's users as the scan
// read them. names, the names known so far, grows by the mentors it did
// not hold yet; the records get a map of their own.
func (s *Store) ownerRecords(ctx context.Context, owners []int64, users map[int64]ikmbot.User,
	enrolments map[int64][]ikmbot.Enrolment, names map[int64]string) ([]ikmbot.OwnerRecord, error) {
	fields := make([]string, len(owners))
	for i, o := range owners {
		fields[i] = strconv.FormatInt(o, 10)
	}
	// 1. Each owner's lists and certificates, and the batch's mentors.
	type ownerCmds struct {
		assessments, followUps, help *redis.StringSliceCmd
		certs                        *redis.MapStringStringCmd
	}
	cmds := make([]ownerCmds, len(owners))
	var mentors *redis.SliceCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, o := range owners {
			cmds[i] = ownerCmds{
				assessments: p.LRange(ctx, assessmentsKey(o), 0, -1),
				followUps:   p.LRange(ctx, followUpsKey(o), 0, -1),
				help:        p.ZRange(ctx, helpOwnerKey(o), 0, -1),
				certs:       p.HGetAll(ctx, certsKey(o)),
			}
		}
		mentors = p.HMGet(ctx, mentorOfKey(), fields...)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read %d owners: %w", len(owners), err)
	}
	recs := make([]ikmbot.OwnerRecord, len(owners))
	var unnamed []int64
	askName := func(id int64) {
		if _, ok := names[id]; !ok && id != 0 {
			names[id] = "" // asked once; left empty when they have none
			unnamed = append(unnamed, id)
		}
	}
	for i, o := range owners {
		r := &recs[i]
		r.User, r.Enrolments = users[o], enrolments[o]
		r.Assessments = decodeList[ikmbot.Assessment](ctx, s, o, "assessment", cmds[i].assessments.Val())
		r.FollowUps = decodeList[ikmbot.FollowUp](ctx, s, o, "follow-up", cmds[i].followUps.Val())
		if raw := cmds[i].certs.Val(); len(raw) > 0 { // most owners have none: skip the catalog's order
			r.Certs = s.decodeCerts(ctx, o, raw)
		}
		if text, _ := mentors.Val()[i].(string); text != "" {
			if m, err := strconv.ParseInt(text, 10, 64); err == nil {
				r.MentorID = m
				askName(m)
			}
		}
		for _, f := range r.FollowUps {
			askName(f.MentorID)
		}
	}

	// 2. The help requests with their histories, and the names missing.
	type helpCmds struct {
		hash    *redis.MapStringStringCmd
		history *redis.StringSliceCmd
	}
	help := make([][]helpCmds, len(owners))
	var nameCmds []*redis.SliceCmd
	asks := 0
	for i := range owners {
		asks += len(cmds[i].help.Val())
	}
	if asks > 0 || len(unnamed) > 0 {
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i := range owners {
				for _, id := range cmds[i].help.Val() {
					help[i] = append(help[i], helpCmds{p.HGetAll(ctx, helpKey(id)), p.LRange(ctx, helpHistoryKey(id), 0, -1)})
				}
			}
			nameCmds = queueNames(ctx, p, unnamed)
			return nil
		}); err != nil {
			return nil, fmt.Errorf("read help requests of %d owners: %w", len(owners), err)
		}
		collectNames(unnamed, nameCmds, names)
	}
	// The batch's own copy of the names it mentions: names grows while
	// the caller may still be reading an earlier batch.
	mentioned := map[int64]string{}
	mention := func(id int64) {
		if name := names[id]; name != "" {
			mentioned[id] = name
		}
	}
	for i, o := range owners {
		r := &recs[i]
		r.MentorName, r.Names = names[r.MentorID], mentioned
		mention(r.MentorID)
		for _, f := range r.FollowUps {
			mention(f.MentorID)
		}
		for j, id := range cmds[i].help.Val() {
			h := help[i][j].hash.Val()
			if len(h) == 0 {
				continue // removed since it was listed
			}
			req, err := s.decodeHelp(ctx, id, h, help[i][j].history.Val())
			if err != nil {
				s.log.WarnContext(ctx, "unreadable help request skipped", "help_id", id, "user_id", o, "err", err)
				continue
			}
			r.Help = append(r.Help, req)
			mention(req.TakenBy)
		}
	}
	return recs, nil
}

// decodeList decodes a list of JSON records of one owner, leaving out
// (and logging) those that do not decode.
func decodeList[T any](ctx context.Context, s *Store, ownerID int64, what string, raws []string) []T {
	out := make([]T, 0, len(raws))
	for i, raw := range raws {
		var v T
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			s.log.WarnContext(ctx, "undecodable "+what+" skipped", "user_id", ownerID, "index", i, "err", err)
			continue
		}
		out = append(out, v)
	}
	return out
}
