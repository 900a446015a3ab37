package handlers

import (
	"context"
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
// (owner_find.go, mentor_assign_one.go; the bulk path is mentor_assign.go).
// Owners are told who their mentor is, mentors how many owners
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

func mgData(action string, args ...string) string {
	return cbMgPfx + strings.Join(append([]string{action}, args...), ":")
}
