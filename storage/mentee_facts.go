package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// What a mentor's list and prompts read of their owners (issue 7), beyond
// the users themselves: one owner's place on the list, the mentors of
// several owners, and a page of owners' certificates, help requests and
// classes, each in a fixed number of round trips however long the page.

// Mentee returns the owner as mentorID's mentee, with their last
// follow-up; ok is false when the owner is not (or no longer) theirs. One
// round trip. Errors are Redis failures.
func (s *Store) Mentee(ctx context.Context, mentorID, ownerID int64) (m ikmbot.Mentee, ok bool, err error) {
	score, err := s.rdb.ZScore(ctx, menteesKey(mentorID), strconv.FormatInt(ownerID, 10)).Result()
	if notFound(err) {
		return ikmbot.Mentee{}, false, nil
	}
	if err != nil {
		return ikmbot.Mentee{}, false, fmt.Errorf("mentee %d of %d: %w", ownerID, mentorID, err)
	}
	return ikmbot.Mentee{OwnerID: ownerID, Last: time.UnixMilli(int64(score)).UTC()}, true, nil
}

// MentorsOf returns the mentor of each of owners that has one, in one
// round trip; owners without a mentor are left out. Errors are Redis
// failures.
func (s *Store) MentorsOf(ctx context.Context, owners []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(owners))
	if len(owners) == 0 {
		return out, nil
	}
	fields := make([]string, len(owners))
	for i, o := range owners {
		fields[i] = strconv.FormatInt(o, 10)
	}
	vals, err := s.rdb.HMGet(ctx, mentorOfKey(), fields...).Result()
	if err != nil {
		return nil, fmt.Errorf("mentors of %d owners: %w", len(owners), err)
	}
	for i, v := range vals {
		text, _ := v.(string)
		if m, err := strconv.ParseInt(text, 10, 64); err == nil && m != 0 {
			out[owners[i]] = m
		}
	}
	return out, nil
}

// MenteeFacts reads, for a page of owners, what their mentor's list shows
// besides the user: the certificates each is applying for (in the
// catalog's order), the ids of their help requests not closed (newest
// first), and the classes they hold a seat in that are still ongoing at
// now (by first meeting). Owners with none of a fact are left out of its
// map. Three round trips at most, whatever the number of owners:
//
//  1. the terms, and each owner's certificates and help request ids;
//  2. the status of those requests, and each owner's seat of each term;
//  3. the classes of those seats, and whether each seat is held (not a
//     place on the waiting list).
//
// Records that cannot be read are logged and left out, as the single
// readers do. Errors are Redis failures.
func (s *Store) MenteeFacts(ctx context.Context, owners []int64, now time.Time) (applying map[int64][]ikmbot.Certificate, openHelp map[int64][]string, classes map[int64][]ikmbot.Class, err error) {
	applying, openHelp, classes = map[int64][]ikmbot.Certificate{}, map[int64][]string{}, map[int64][]ikmbot.Class{}
	if len(owners) == 0 {
		return applying, openHelp, classes, nil
	}
	fail := func(err error) (map[int64][]ikmbot.Certificate, map[int64][]string, map[int64][]ikmbot.Class, error) {
		return nil, nil, nil, fmt.Errorf("read facts of %d mentees: %w", len(owners), err)
	}

	// 1. Terms, certificates, help request ids.
	var terms *redis.StringSliceCmd
	certs := make([]*redis.MapStringStringCmd, len(owners))
	helps := make([]*redis.StringSliceCmd, len(owners))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		terms = p.SMembers(ctx, termsKey())
		for i, o := range owners {
			certs[i] = p.HGetAll(ctx, certsKey(o))
			helps[i] = p.ZRevRange(ctx, helpOwnerKey(o), 0, -1)
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	for i, o := range owners {
		if got := s.applyingCerts(ctx, o, certs[i].Val()); len(got) > 0 {
			applying[o] = got
		}
	}

	// 2. Request statuses and term seats. HGETs of absent fields reply
	// nil, which makes the pipeline's error; each reply is checked.
	type helpAsk struct {
		owner int64
		id    string
		cmd   *redis.StringCmd
	}
	type seatAsk struct {
		owner int64
		cmd   *redis.StringCmd
	}
	var helpAsks []helpAsk
	var seatAsks []seatAsk
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, o := range owners {
			for _, id := range helps[i].Val() {
				helpAsks = append(helpAsks, helpAsk{o, id, p.HGet(ctx, helpKey(id), fieldHelpStatus)})
			}
			for _, term := range terms.Val() {
				seatAsks = append(seatAsks, seatAsk{o, p.HGet(ctx, termSeatsKey(term), strconv.FormatInt(o, 10))})
			}
		}
		return nil
	})
	for _, a := range helpAsks {
		status, err := a.cmd.Result()
		if notFound(err) {
			continue // removed by /hapusdata since it was listed
		}
		if err != nil {
			return fail(err)
		}
		if ikmbot.HelpStatus(status) != ikmbot.HelpClosed {
			openHelp[a.owner] = append(openHelp[a.owner], a.id)
		}
	}
	type seat struct {
		owner   int64
		classID string
	}
	var seats []seat
	var classIDs []string
	for _, a := range seatAsks {
		classID, err := a.cmd.Result()
		if notFound(err) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		if _, ok := ikmbot.TermOfClass(classID); !ok {
			s.log.WarnContext(ctx, "bad term seat ignored", "class_id", classID, "user_id", a.owner)
			continue
		}
		seats = append(seats, seat{a.owner, classID})
		if !slices.Contains(classIDs, classID) {
			classIDs = append(classIDs, classID)
		}
	}
	if len(seats) == 0 {
		return applying, openHelp, classes, nil
	}

	// 3. The classes, and which seats are held rather than waited for.
	classCmds := make(map[string]*redis.StringCmd, len(classIDs))
	held := make([]*redis.FloatCmd, len(seats))
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range classIDs {
			term, _ := ikmbot.TermOfClass(id)
			classCmds[id] = p.Get(ctx, classKey(term, id))
		}
		for i, st := range seats {
			term, _ := ikmbot.TermOfClass(st.classID)
			held[i] = p.ZScore(ctx, seatsKey(term, st.classID), strconv.FormatInt(st.owner, 10))
		}
		return nil
	})
	loaded := make(map[string]ikmbot.Class, len(classIDs))
	for id, cmd := range classCmds {
		raw, err := cmd.Bytes()
		if notFound(err) {
			continue
		}
		if err != nil {
			return fail(err)
		}
		var c ikmbot.Class
		if err := json.Unmarshal(raw, &c); err != nil {
			s.log.WarnContext(ctx, "undecodable class skipped", "class_id", id, "err", err)
			continue
		}
		loaded[id] = c
	}
	for i, st := range seats {
		_, err := held[i].Result()
		if notFound(err) {
			continue // on the waiting list
		}
		if err != nil {
			return fail(err)
		}
		if c, ok := loaded[st.classID]; ok && c.Ongoing(now) {
			classes[st.owner] = append(classes[st.owner], c)
		}
	}
	for o := range classes {
		slices.SortFunc(classes[o], func(a, b ikmbot.Class) int { return firstMeeting(a).Compare(firstMeeting(b)) })
	}
	return applying, openHelp, classes, nil
}

// applyingCerts decodes an owner's certificates hash and keeps those being
// applied for, in the catalog's order as Certificates sorts them.
func (s *Store) applyingCerts(ctx context.Context, ownerID int64, raw map[string]string) []ikmbot.Certificate {
	var out []ikmbot.Certificate
	for _, c := range s.decodeCerts(ctx, ownerID, raw) {
		if c.Status == ikmbot.CertApplying {
			out = append(out, c)
		}
	}
	return out
}

// firstMeeting is when a class starts; zero without meetings.
func firstMeeting(c ikmbot.Class) time.Time {
	if len(c.Meetings) == 0 {
		return time.Time{}
	}
	return c.Meetings[0].Start
}
