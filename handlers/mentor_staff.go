package handlers

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Staff assign owners to mentors (issue 7): /binaan shows each mentor's
// load and the cadence; the bulk assignment picks owners by kabupaten/kota
// and sector (flows.MentorAssign) and shows how many it takes before
// anything changes; one owner at a time is assigned from their help
// request or from their profile, which staff find by name or phone
// (owner_find.go). Owners are told who their mentor is, mentors how many owners
// they got (or lost): after a bulk assignment the owners through the
// reminder engine (DueMentorAssigned), so that thousands of notices go out
// at the outbox's pace, outside quiet hours, and survive a restart,
// rather than inside staff's reply.

// MentorAdminStore is what staff's mentor assignment needs of storage
// besides MentorStore.
type MentorAdminStore interface {
	// OwnersForMentoring calls fn with each batch of owners of region and
	// sector ("" for any), with each one's mentor (0 for none) at the same
	// index; only those without a mentor unless includeAssigned. fn's
	// error stops it and comes back as is.
	OwnersForMentoring(ctx context.Context, region, sector string, includeAssigned bool, fn func(owners, mentors []int64) error) error
	// UnmentoredOwners counts the owners without a mentor.
	UnmentoredOwners(ctx context.Context) (int64, error)
	// FindOwners returns up to limit owners whose business or owner's
	// name contains query (in any case), or whose phone number is query
	// in any common form. Errors are Redis failures.
	FindOwners(ctx context.Context, query string, limit int) ([]ikmbot.User, error)
}

// mentorAdminStore is the part of the store staff's assignment uses.
func (r *Router) mentorAdminStore() MentorAdminStore { return r.cfg.Store }

// Callback data of staff's mentor assignment, "mg:<action>[:<args>]",
// staff and admins only. None goes stale: each acts on what is stored when
// it is tapped, and a repeated tap changes nothing more.
const (
	cbMgPfx      = "mg:"
	cbMgList     = "mg:l" // the overview, as /binaan
	cbMgBulk     = "mg:n" // a new bulk assignment
	cbMgCancel   = "mg:x" // drop a previewed bulk assignment
	cbMgFind     = "mg:f" // search for an owner (flows.OwnerFind)
	actMgCadence = "c"    // mg:c:<days>
	actMgConfirm = "b"    // mg:b:<region|->:<sector|->:<n|r>:<mentor>:<count seen>
	actMgOwner   = "o"    // mg:o:<owner>: choose their mentor
	actMgAssign  = "a"    // mg:a:<owner>:<mentor>
	actMgProfile = "p"    // mg:p:<owner>: their profile
	mgAll        = "-"    // all regions or sectors in mg:b
	mgOnlyNew    = "n"    // mg:b: owners without a mentor
	mgReassign   = "r"    // mg:b: every owner, moving those with another
)

// mgCadenceDays are the follow-up cadences staff can choose, in days.
var mgCadenceDays = []int{7, 14, 21, 30}

// mgRearmBatch is how many prompt timers a cadence change schedules in one
// round trip.
const mgRearmBatch = 500

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

// mgChoicesMax is how many mentors a choice offers as buttons;
// Telegram takes 100 buttons in a message, and the flow adds its own.
const mgChoicesMax = 90

// mentorAdmin is /binaan for staff: a bulk assignment in progress resumes;
// otherwise the overview.
func (r *Router) mentorAdmin(ctx context.Context, c *call) error {
	if f := flowNamed(c.session.Flow); f == flows.MentorAssign {
		return r.runFlow(ctx, c, f, f.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	}
	return r.mentorOverview(ctx, c, "")
}

// mentorOverview shows the cadence, each mentor's owners and how many are
// overdue, and the owners without a mentor, with the assignment and
// cadence buttons; lead goes first when set.
func (r *Router) mentorOverview(ctx context.Context, c *call, lead string) error {
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	rows, err := r.mgRows(ctx, c.now.Add(-cadence))
	if err != nil {
		return err
	}
	admin := r.mentorAdminStore()
	unassigned, err := admin.UnmentoredOwners(ctx)
	if err != nil {
		return err
	}
	days := int(cadence / (24 * time.Hour))
	text := flows.MentorOverview(c.lang, days, rows, unassigned)
	if len(rows) > 0 {
		text += "\n\n" + c.t(flows.MsHint)
	}
	if lead != "" {
		text = lead + "\n\n" + text
	}
	var buttons [][]ikmbot.Button
	if len(rows) > 0 {
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnMsAssign), Data: cbMgBulk}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnOfFind), Data: cbMgFind}})
	var row []ikmbot.Button
	for _, d := range mgCadenceDays {
		label := c.t(flows.BtnMsCadence, d)
		if d == days {
			label = c.t(flows.BtnMsCadenceOn, d)
		}
		row = append(row, ikmbot.Button{Text: label, Data: mgData(actMgCadence, strconv.Itoa(d))})
	}
	buttons = append(buttons, row)
	c.say(text, buttons...)
	return nil
}

// mgRows lists every holder of the mentor role (whether or not they
// ever wrote to the bot) with their name, owners and how many of those
// were last followed up before overdueBefore, in the order staff see.
func (r *Router) mgRows(ctx context.Context, overdueBefore time.Time) ([]flows.MentorRow, error) {
	roles, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for id, role := range roles {
		if role == ikmbot.RoleMentor {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	users, err := r.classStore().Users(ctx, ids)
	if err != nil {
		return nil, err
	}
	loads, err := r.mentorStore().MentorLoads(ctx, ids, overdueBefore)
	if err != nil {
		return nil, err
	}
	rows := make([]flows.MentorRow, 0, len(ids))
	for _, id := range ids {
		rows = append(rows, flows.MentorRow{ID: id, Name: users[id].Name, Mentees: loads[id].Mentees, Overdue: loads[id].Overdue})
	}
	flows.SortMentors(rows)
	return rows, nil
}

// mgOptions are the mentors to choose among, at most
// mgChoicesMax.
func mgOptions(rows []flows.MentorRow) []flows.MentorOption {
	opts := make([]flows.MentorOption, 0, min(len(rows), mgChoicesMax))
	for _, m := range rows[:min(len(rows), mgChoicesMax)] {
		opts = append(opts, flows.MentorOption{ID: m.ID, Name: m.Name, Mentees: m.Mentees})
	}
	return opts
}

// mgCallback handles the "mg:" buttons, for staff and admins only.
func (r *Router) mgCallback(ctx context.Context, c *call) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	parts := strings.Split(c.ev.CallbackData, ":")
	switch {
	case c.ev.CallbackData == cbMgList:
		return r.mentorOverview(ctx, c, "")
	case c.ev.CallbackData == cbMgBulk:
		return r.startMentorAssign(ctx, c)
	case c.ev.CallbackData == cbMgCancel:
		c.say(c.t(flows.MsCancelled), []ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
		return nil
	case c.ev.CallbackData == cbMgFind:
		return r.startOwnerFind(ctx, c)
	case len(parts) == 3 && parts[1] == actMgProfile:
		return r.ownerProfile(ctx, c, parts[2])
	case len(parts) == 3 && parts[1] == actMgCadence:
		return r.mgSetCadence(ctx, c, parts[2])
	case len(parts) >= 3 && parts[1] == actMgConfirm:
		return r.confirmMentorAssign(ctx, c, parts[2:])
	case len(parts) == 3 && parts[1] == actMgOwner:
		return r.chooseOwnerMentor(ctx, c, parts[2])
	case len(parts) == 4 && parts[1] == actMgAssign:
		return r.assignOwnerMentor(ctx, c, parts[2], parts[3])
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// mgSetCadence sets the follow-up cadence to one of mgCadenceDays and shows
// the overview with the overdue counts it makes. A shorter cadence moves
// earlier the prompt timers it makes late (mgRearmPrompts): otherwise the
// daily escalation, which counts owners overdue by twice the cadence,
// could report a mentor never prompted about them. A longer one needs
// nothing: a timer that fires before its owner is due moves itself on
// (FireMentorFollowUp).
func (r *Router) mgSetCadence(ctx context.Context, c *call, arg string) error {
	days, err := strconv.Atoi(arg)
	if err != nil || !slices.Contains(mgCadenceDays, days) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	old, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	// The cadence first, so that a timer re-armed below and firing at
	// once is judged by it.
	if err := r.mentorStore().SetCadence(ctx, days); err != nil {
		return err
	}
	if err := r.mgRearmPrompts(ctx, old, time.Duration(days)*24*time.Hour, c.now); err != nil {
		// Back to the old cadence, so that tapping again re-arms the rest
		// (timers already moved earlier move themselves on when they
		// find their owner not due).
		if undo := r.mentorStore().SetCadence(ctx, int(old/(24*time.Hour))); undo != nil {
			r.log.Error("restore the cadence after failing to re-arm prompts", "days", int(old/(24*time.Hour)), "err", undo)
		}
		return err
	}
	return r.mentorOverview(ctx, c, c.t(flows.MsCadenceSet, days))
}

// mgRearmPrompts re-arms, for a cadence changed from old to cadence at now,
// the prompt timer of every owner of every mentor whom the new cadence
// makes due before the old one did: to their last follow-up plus
// cadence, or now when that has passed. Owners overdue under the old
// cadence too keep theirs: they were prompted already and are on the
// weekly re-prompts (or snoozed), which re-arming would turn into a second
// prompt at once. Nothing moves when the cadence grows. Timers are
// scheduled mgRearmBatch to a round trip, besides one per mentor to read
// their owners.
func (r *Router) mgRearmPrompts(ctx context.Context, old, cadence time.Duration, now time.Time) error {
	if cadence >= old {
		return nil
	}
	roles, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		return err
	}
	var mentors []int64
	for id, role := range roles {
		if role.Allows(ikmbot.RoleMentor) {
			mentors = append(mentors, id)
		}
	}
	slices.Sort(mentors)
	batch := make([]ikmbot.Due, 0, mgRearmBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := r.certStore().Schedule(ctx, batch...)
		batch = batch[:0]
		return err
	}
	for _, m := range mentors {
		mentees, err := r.mentorStore().Mentees(ctx, m)
		if err != nil {
			return err
		}
		for _, o := range mentees {
			at := o.Due(cadence)
			if at.Before(now) {
				at = now
			}
			if !at.Before(o.Due(old)) {
				continue
			}
			batch = append(batch, mentorPromptDue(o.OwnerID, m, at))
			if len(batch) == mgRearmBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
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

// chooseOwnerMentor offers staff the mentors, with their loads, for one
// owner; their mentor now is marked.
func (r *Router) chooseOwnerMentor(ctx context.Context, c *call, ownerArg string) error {
	owner, ok, err := r.mgOwner(ctx, c, ownerArg)
	if err != nil || !ok {
		return err
	}
	current, err := r.mentorStore().MentorOf(ctx, owner.ID)
	if err != nil {
		return err
	}
	rows, err := r.mgRows(ctx, c.now)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		c.say(c.t(flows.MsNoMentors))
		return nil
	}
	now := c.t(flows.MsNoneYet)
	var buttons [][]ikmbot.Button
	var row []ikmbot.Button
	for _, m := range mgOptions(rows) {
		label := flows.MentorChoiceLabel(c.lang, m)
		if m.ID == current {
			label = c.t(flows.BtnMsMentorOn, label)
			now = flows.MentorName(c.lang, m.Name, m.ID)
		}
		row = append(row, ikmbot.Button{Text: label, Data: mgData(actMgAssign, strconv.FormatInt(owner.ID, 10), strconv.FormatInt(m.ID, 10))})
		if len(row) == 2 {
			buttons, row = append(buttons, row), nil
		}
	}
	if len(row) > 0 {
		buttons = append(buttons, row)
	}
	c.say(c.t(flows.MsPickFor, flows.Escape(owner.Profile.BusinessName), flows.Escape(now)), buttons...)
	return nil
}

// assignOwnerMentor makes mentorArg the mentor of one owner, with their
// first prompt one cadence from now, and tells the owner and both mentors.
func (r *Router) assignOwnerMentor(ctx context.Context, c *call, ownerArg, mentorArg string) error {
	owner, ok, err := r.mgOwner(ctx, c, ownerArg)
	if err != nil || !ok {
		return err
	}
	id, err := strconv.ParseInt(mentorArg, 10, 64)
	if err != nil {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	mentor, ok, err := r.mgMentor(ctx, id)
	if err != nil {
		return err
	}
	if !ok || mentor.ID == owner.ID {
		return r.mgNotMentor(ctx, c)
	}
	business := flows.Escape(owner.Profile.BusinessName)
	name := flows.Escape(flows.MentorName(c.lang, mentor.Name, mentor.ID))
	current, err := r.mentorStore().MentorOf(ctx, owner.ID)
	if err != nil {
		return err
	}
	if current == mentor.ID {
		c.say(c.t(flows.MsOneAlready, business, name), []ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
		return nil
	}
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	prev, err := r.mentorStore().AssignMentor(ctx, []int64{owner.ID}, mentor.ID, c.now,
		[]ikmbot.Due{mentorPromptDue(owner.ID, mentor.ID, c.now.Add(cadence))})
	if err != nil {
		return err
	}
	msgs, err := r.ownerMessages(ctx, []int64{owner.ID}, mgOwnerTold(mentor))
	if err != nil {
		r.log.Error("tell an owner their mentor", "chat_id", owner.ID, "mentor_id", mentor.ID, "err", err)
	}
	lost := map[int64]int64{}
	if p := prev[owner.ID]; p != 0 {
		lost[p] = 1
	}
	notices, reach := r.mgTellMentors(ctx, map[int64]int64{mentor.ID: 1}, lost)
	// Only what happened: both told, or each one's fate.
	text := c.t(flows.MsOneDone, business, name)
	if len(msgs) == 0 || reach[mentor.ID] != mgTold {
		ownerLine := c.t(flows.MsOneOwnerTold)
		if len(msgs) == 0 {
			ownerLine = c.t(flows.MsOneOwnerLost)
		}
		text = c.t(flows.MsOneAssigned, business, name) + "\n" + ownerLine + "\n" + mgMentorLine(c, reach[mentor.ID], name)
	}
	c.say(text, []ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
	c.out = append(append(c.out, msgs...), notices...)
	return nil
}

// mgOwner reads the owner id of a button and loads them; an id
// that names no owner (one who deleted their data) is answered kindly and
// ok is false.
func (r *Router) mgOwner(ctx context.Context, c *call, arg string) (ikmbot.User, bool, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		c.say(c.t(flows.MsgStaleButton))
		return ikmbot.User{}, false, nil
	}
	users, err := r.classStore().Users(ctx, []int64{id})
	if err != nil {
		return ikmbot.User{}, false, err
	}
	u, ok := users[id]
	if !ok || u.Profile == nil {
		c.say(c.t(flows.MsOwnerUnknown))
		return ikmbot.User{}, false, nil
	}
	return u, true, nil
}

// mgMentor loads the holder of the mentor role id; ok is false for
// anyone else, whatever their role.
func (r *Router) mgMentor(ctx context.Context, id int64) (ikmbot.User, bool, error) {
	roles, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		return ikmbot.User{}, false, err
	}
	if roles[id] != ikmbot.RoleMentor {
		return ikmbot.User{}, false, nil
	}
	users, err := r.classStore().Users(ctx, []int64{id})
	if err != nil {
		return ikmbot.User{}, false, err
	}
	u := users[id]
	u.ID = id
	return u, true, nil
}

// mgNotMentor refuses a button naming someone who is not (or no longer) a
// mentor, with the current overview.
func (r *Router) mgNotMentor(ctx context.Context, c *call) error {
	return r.mentorOverview(ctx, c, c.t(flows.MsNotMentor))
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

// mgHelpRow is the button on staff's view of an owner's help request
// that shows the owner's mentor and opens the choice of one; nil for
// anyone but staff, and when it cannot be loaded (logged: the request
// matters more).
func (r *Router) mgHelpRow(ctx context.Context, c *call, ownerID int64) []ikmbot.Button {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		return nil
	}
	name, err := r.mgMentorName(ctx, c, ownerID)
	if err != nil {
		r.log.Error("load an owner's mentor", "chat_id", ownerID, "err", err)
		return nil
	}
	return []ikmbot.Button{mgOwnerButton(c, ownerID, name)}
}

// mgMentorName names the owner's mentor as staff see them, or "" when
// they have none.
func (r *Router) mgMentorName(ctx context.Context, c *call, ownerID int64) (string, error) {
	current, err := r.mentorStore().MentorOf(ctx, ownerID)
	if err != nil || current == 0 {
		return "", err
	}
	users, err := r.classStore().Users(ctx, []int64{current})
	if err != nil {
		return "", err
	}
	return flows.MentorName(c.lang, users[current].Name, current), nil
}

// mgOwnerButton shows staff the owner's mentor (named as mgMentorName
// does) and opens the choice of one: the one-by-one assignment starts
// from it wherever staff see the owner.
func mgOwnerButton(c *call, ownerID int64, mentor string) ikmbot.Button {
	if mentor == "" {
		mentor = c.t(flows.MsNoneYet)
	}
	return ikmbot.Button{Text: c.t(flows.BtnMsOwnerMentor, mentor), Data: mgData(actMgOwner, strconv.FormatInt(ownerID, 10))}
}

func mgData(action string, args ...string) string {
	return cbMgPfx + strings.Join(append([]string{action}, args...), ":")
}
