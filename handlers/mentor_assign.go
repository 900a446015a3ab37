package handlers

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Staff's bulk assignment of owners to a mentor: the preview with its
// count, the confirmation, and the notices to owners (through the reminder
// engine) and to mentors (in staff's reply).

// DueMentorAssigned is the kind of the due item that tells the owners of
// one batch of a bulk assignment who their mentor is. ID:
// "<mentor>:<assignment time, unix ms>:<batch>:<the batch's first
// owner>"; Target: the mentor; Payload: the owners' ids as a JSON array.
// Sent once, like every item.
const DueMentorAssigned = "mentor_assigned"

// mentorAssignedDue is the notice of owners (not empty), the batch-th of
// an assignment to mentorID made at now. The first owner keeps two
// assignments in the same millisecond apart (a stopped test clock): an
// owner is in one of them only, the second finding them the mentor's.
func mentorAssignedDue(mentorID int64, owners []int64, now time.Time, batch int) ikmbot.Due {
	payload, _ := json.Marshal(owners) // a slice of ints always marshals
	id := strconv.FormatInt(mentorID, 10) + ":" + strconv.FormatInt(now.UnixMilli(), 10) + ":" + strconv.Itoa(batch) +
		":" + strconv.FormatInt(owners[0], 10)
	return ikmbot.Due{Kind: DueMentorAssigned, ID: id, Target: mentorID, Payload: string(payload), At: now}
}

// startMentorAssign opens the bulk assignment with the mentors to choose
// among and their loads.
func (r *Router) startMentorAssign(ctx context.Context, c *call) error {
	rows, err := r.mgRows(ctx, c.now)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		c.say(c.t(flows.MsNoMentors))
		return nil
	}
	return r.startFlow(ctx, c, flows.MentorAssign, flows.MentorAssignContext(mgOptions(rows)), true)
}

// finishMentorAssign shows staff what the assignment they chose would
// do, counted now, with the button that does it: nothing changes before
// that tap.
func (r *Router) finishMentorAssign(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	a, ok := flows.MentorAssignFrom(answers)
	if !ok {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	mentor, t, ok, err := r.mgMentorAndCount(ctx, a)
	if err != nil {
		return err
	}
	if !ok {
		return r.mgNotMentor(ctx, c)
	}
	r.mgPreview(c, a, mentor, t, "")
	return nil
}

// mgTally is what an assignment would do now: how many owners it takes
// (count), how many of those from another mentor (moved), and how many
// matching owners the mentor has already.
type mgTally struct{ count, moved, already int64 }

// mgMentorAndCount loads assignment a's mentor and counts what it would
// do now; ok is false when the chosen user is not a mentor (any more).
func (r *Router) mgMentorAndCount(ctx context.Context, a flows.MentorAssignment) (ikmbot.User, mgTally, bool, error) {
	mentor, ok, err := r.mgMentor(ctx, a.MentorID)
	if err != nil || !ok {
		return ikmbot.User{}, mgTally{}, false, err
	}
	t, err := r.mgCount(ctx, a)
	return mentor, t, err == nil, err
}

// mgCount counts what assignment a would do now.
func (r *Router) mgCount(ctx context.Context, a flows.MentorAssignment) (mgTally, error) {
	var t mgTally
	err := r.mentorAdminStore().OwnersForMentoring(ctx, a.Region, a.Sector, a.Reassign, func(owners, mentors []int64) error {
		for i, o := range owners {
			switch {
			case o == a.MentorID:
			case mentors[i] == a.MentorID:
				t.already++
			default:
				t.count++
				if mentors[i] != 0 {
					t.moved++
				}
			}
		}
		return nil
	})
	return t, err
}

// mgPreview shows staff what assignment a would do (t), after lead when
// set, with the button that does it, carrying the count they saw.
func (r *Router) mgPreview(c *call, a flows.MentorAssignment, mentor ikmbot.User, t mgTally, lead string) {
	text := flows.MentorAssignPreview(c.lang, a, flows.MentorName(c.lang, mentor.Name, mentor.ID), t.count, t.moved, t.already)
	if lead != "" {
		text = lead + "\n\n" + text
	}
	change := ikmbot.Button{Text: c.t(flows.BtnMsChange), Data: cbMgBulk}
	if t.count == 0 {
		c.say(text, []ikmbot.Button{change}, []ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
		return
	}
	c.say(text, []ikmbot.Button{{Text: c.t(flows.BtnMsConfirm, t.count), Data: mgConfirmData(a, t.count)}},
		[]ikmbot.Button{change, {Text: c.t(flows.BtnMsCancel), Data: cbMgCancel}})
}

// mgConfirmData is the callback data that carries out assignment a, which
// staff saw take count owners: what they chose, so the tap needs no stored
// draft (at most 5+4+15+2+17+7 of Telegram's 64 bytes).
func mgConfirmData(a flows.MentorAssignment, count int64) string {
	orAll := func(s string) string {
		if s == "" {
			return mgAll
		}
		return s
	}
	scope := mgOnlyNew
	if a.Reassign {
		scope = mgReassign
	}
	return mgData(actMgConfirm, orAll(a.Region), orAll(a.Sector), scope, strconv.FormatInt(a.MentorID, 10), strconv.FormatInt(count, 10))
}

// mgParseConfirm reads mgConfirmData's arguments; ok is false for anything
// that names no known region or sector, no mentor id or no count.
func mgParseConfirm(args []string) (a flows.MentorAssignment, count int64, ok bool) {
	if len(args) != 5 {
		return a, 0, false
	}
	region, sector, scope, mentor := args[0], args[1], args[2], args[3]
	count, err := strconv.ParseInt(args[4], 10, 64)
	if err != nil || count < 0 {
		return a, 0, false
	}
	if region != mgAll {
		if _, known := ikmbot.RegionByCode(region); !known {
			return a, 0, false
		}
		a.Region = region
	}
	if sector != mgAll {
		if _, known := ikmbot.SectorByCode(sector); !known && sector != ikmbot.SectorOther {
			return a, 0, false
		}
		a.Sector = sector
	}
	if scope != mgOnlyNew && scope != mgReassign {
		return a, 0, false
	}
	a.Reassign = scope == mgReassign
	id, err := strconv.ParseInt(mentor, 10, 64)
	if err != nil || id <= 0 {
		return a, 0, false
	}
	a.MentorID = id
	return a, count, true
}

// confirmMentorAssign assigns every owner the previewed assignment takes
// now, batch by batch, each with their first prompt one cadence from now
// and, per batch, the notice telling its owners (DueMentorAssigned, sent
// by the reminder engine: thousands of them must not hold up staff's
// reply). The mentor and the mentors who lost owners are told in the
// reply, one message each, and staff whether the mentor was. When the
// assignment would now take another number of owners than staff saw
// (owners signed up or were assigned since; an old preview), nothing is
// done and the new count is shown to confirm. A failure midway leaves the
// batches done assigned; tapping the new preview's button finishes the
// rest (those done count as the mentor's already).
func (r *Router) confirmMentorAssign(ctx context.Context, c *call, args []string) error {
	a, seen, ok := mgParseConfirm(args)
	if !ok {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	mentor, t, ok, err := r.mgMentorAndCount(ctx, a)
	if err != nil {
		return err
	}
	if !ok {
		return r.mgNotMentor(ctx, c)
	}
	switch {
	case t.count == 0: // done already: a repeated tap
		c.say(flows.MentorAssignReport(c.lang, flows.MentorName(c.lang, mentor.Name, mentor.ID), 0, 0, t.already),
			[]ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
		return nil
	case t.count != seen:
		r.mgPreview(c, a, mentor, t, c.t(flows.MsChanged, seen))
		return nil
	}
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	admin := r.mentorAdminStore()
	var assigned, moved, already int64
	lost := map[int64]int64{}
	batches := 0
	err = admin.OwnersForMentoring(ctx, a.Region, a.Sector, a.Reassign, func(owners, mentors []int64) error {
		var batch []int64
		var prompts []ikmbot.Due
		for i, o := range owners {
			switch {
			case o == a.MentorID:
			case mentors[i] == a.MentorID:
				already++
			default:
				batch = append(batch, o)
				prompts = append(prompts, mentorPromptDue(o, a.MentorID, c.now.Add(cadence)))
			}
		}
		if len(batch) == 0 {
			return nil
		}
		batches++
		schedule := append(prompts, mentorAssignedDue(a.MentorID, batch, c.now, batches))
		prev, err := r.mentorStore().AssignMentor(ctx, batch, a.MentorID, c.now, schedule)
		if err != nil {
			return err
		}
		assigned += int64(len(batch))
		moved += int64(len(prev))
		for _, p := range prev {
			lost[p]++
		}
		return nil
	})
	if assigned > 0 {
		// Written before a failure midway is answered: the batches done
		// stay assigned.
		r.audit(ctx, c, mgAuditEntry(a, mentor, assigned))
	}
	if err != nil {
		return err
	}
	name := flows.MentorName(c.lang, mentor.Name, mentor.ID)
	text := flows.MentorAssignReport(c.lang, name, assigned, moved, already)
	notices, reach := r.mgTellMentors(ctx, map[int64]int64{a.MentorID: assigned}, lost)
	if assigned > 0 {
		text += "\n" + mgMentorLine(c, reach[a.MentorID], name)
	}
	c.say(text, []ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
	c.out = append(c.out, notices...)
	return nil
}

// mgAuditEntry is the audit log's entry of assignment a, which gave
// mentor assigned owners.
func mgAuditEntry(a flows.MentorAssignment, mentor ikmbot.User, assigned int64) ikmbot.AuditEntry {
	filter := &ikmbot.Audience{}
	if a.Region != "" {
		filter.Regions = []string{a.Region}
	}
	if a.Sector != "" {
		filter.Sectors = []string{a.Sector}
	}
	scope := ikmbot.AuditScopeNew
	if a.Reassign {
		scope = ikmbot.AuditScopeReassign
	}
	return ikmbot.AuditEntry{Action: ikmbot.AuditMentorAssign, Audience: filter, Detail: scope, Rows: assigned,
		Ref: strconv.FormatInt(a.MentorID, 10), RefName: mentor.Name}
}

// FireMentorAssigned is the reminder engine's handler of
// DueMentorAssigned: it tells each owner of the batch, in their language,
// who their mentor is. Owners deleted, reassigned since, or unreachable
// are left out; so is everyone when d.Target is no longer a mentor. An
// error (a Redis failure) leaves the item for the next tick.
func (r *Router) FireMentorAssigned(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	var owners []int64
	if err := json.Unmarshal([]byte(d.Payload), &owners); err != nil || d.Target == 0 {
		r.log.Warn("malformed mentor assignment notice", "due_key", d.Key())
		return nil, nil
	}
	theirs, err := r.menteeStore().MentorsOf(ctx, owners)
	if err != nil {
		return nil, err
	}
	still := make([]int64, 0, len(owners))
	for _, o := range owners {
		if theirs[o] == d.Target {
			still = append(still, o)
		}
	}
	if len(still) == 0 {
		return nil, nil
	}
	users, err := r.classStore().Users(ctx, []int64{d.Target})
	if err != nil {
		return nil, err
	}
	mentor, ok := users[d.Target]
	if !ok || !mentor.Role.Allows(ikmbot.RoleMentor) {
		r.log.Info("mentor assignment notice of a former mentor dropped", "due_key", d.Key(), "mentor_id", d.Target)
		return nil, nil
	}
	mentor.ID = d.Target
	return r.ownerMessages(ctx, still, mgOwnerTold(mentor))
}

// mgOwnerTold tells an owner, in their language, who their mentor is
// and what a mentor does.
func mgOwnerTold(mentor ikmbot.User) func(lang string) ikmbot.Message {
	return func(lang string) ikmbot.Message {
		if mentor.Name == "" {
			return ikmbot.Message{Text: flows.T(lang, flows.MsOwnerToldNoName)}
		}
		return ikmbot.Message{Text: flows.T(lang, flows.MsOwnerTold, flows.Escape(mentor.Name))}
	}
}

// mgReach is whether a mentor was told of an assignment, for staff.
type mgReach int

const (
	mgNotTold   mgReach = iota // unreachable, or could not be loaded
	mgTold                     // a notice is in the reply
	mgNotOpened                // never wrote to the bot: cannot be written to
)

// mgMentorLine tells staff what became of the notice to the mentor named
// name (unescaped).
func mgMentorLine(c *call, reach mgReach, name string) string {
	switch reach {
	case mgTold:
		return c.t(flows.MsToldMentor, flows.Escape(name))
	case mgNotOpened:
		return c.t(flows.MsMentorNotOpened, flows.Escape(name))
	}
	return c.t(flows.MsMentorNotTold, flows.Escape(name))
}

// mgTellMentors returns the notices telling each mentor of got how many
// owners they got, and each of lost how many were moved from them, for
// those who ever wrote to the bot (one who did not cannot be written to)
// and are reachable, and what became of each of got's notices. A failure
// to load them is logged: the assignment is done.
func (r *Router) mgTellMentors(ctx context.Context, got, lost map[int64]int64) (notices []ikmbot.Message, reach map[int64]mgReach) {
	reach = map[int64]mgReach{}
	var ids []int64
	for id, n := range got {
		if n > 0 {
			ids = append(ids, id)
		}
	}
	for id := range lost {
		if _, dup := got[id]; !dup {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, reach
	}
	slices.Sort(ids)
	users, err := r.classStore().Users(ctx, ids)
	if err != nil {
		r.log.Error("load mentors to tell of an assignment", "mentors", len(ids), "err", err)
		return nil, reach
	}
	for _, id := range ids {
		u, ok := users[id]
		switch {
		case !ok || (u.Name == "" && u.Language == ""):
			reach[id] = mgNotOpened
			continue
		case u.Unreachable:
			continue
		}
		if n := got[id]; n > 0 {
			notices = append(notices, ikmbot.Message{ChatID: id, Bulk: true, Text: flows.T(u.Lang(), flows.MsMentorTold, n)})
			reach[id] = mgTold
		}
		if n := lost[id]; n > 0 {
			notices = append(notices, ikmbot.Message{ChatID: id, Bulk: true, Text: flows.T(u.Lang(), flows.MsMentorLost, n)})
		}
	}
	return notices, reach
}
