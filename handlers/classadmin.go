package handlers

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Callback data of the staff's class buttons: "ks:<action>:<class
// id>[:<meeting>[:<owner>:<1|0>]]". Only staff may use them; each is checked
// against the stored class.
const (
	cbStaffClassesPfx = "ks:"
	cbStaffClasses    = "ks:l" // every class
	cbNewClass        = "ks:n" // the creation conversation
	actStaffRoster    = "v"
	actStaffClose     = "c"
	actStaffReopen    = "o"
	actStaffCancel    = "x" // asks
	actStaffCancelYes = "X"
	actStaffEdit      = "m" // ks:m:<id>:<meeting>
	actStaffAttend    = "a" // ks:a:<id>:<meeting>
	actStaffMark      = "p" // ks:p:<id>:<meeting>:<owner>:<1|0>
	actStaffFinish    = "f"
	// staffListWindow keeps finished and cancelled classes in the staff's
	// list for a while after their last meeting, for attendance and
	// completion; older ones drop out of the list.
	staffListWindow = 45 * 24 * time.Hour
	// staffListSince bounds how far back a class may have begun to be
	// listed at all: a stage lasts about half a year.
	staffListSince = 200 * 24 * time.Hour
	maxStaffList   = 20
)

// newClass is /kelasbaru: the conversation that creates a class.
func (r *Router) newClass(ctx context.Context, c *call) error {
	if f := flowNamed(c.session.Flow); f == flows.NewClass {
		return r.runFlow(ctx, c, f, f.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	}
	year := strconv.Itoa(c.now.In(r.cfg.Location).Year())
	return r.startFlow(ctx, c, flows.NewClass, map[string]string{flows.AnswerYear: year}, true)
}

// finishNewClass saves the class the conversation built, with its
// reminders.
func (r *Router) finishNewClass(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) { // the role was taken away mid-conversation
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	cl, err := flows.ClassFromAnswers(answers, r.cfg.Location)
	if err != nil {
		return err
	}
	// The dates were checked when typed; a summary saved days later may
	// hold one that has passed since.
	if !cl.Meetings[0].Start.After(c.now) {
		c.say(c.t(flows.KlMeetingPast))
		res := flows.NewClass.StartAtSummary(c.ev.ChatID, c.lang, newNonce(), answers, c.now)
		return r.runFlow(ctx, c, flows.NewClass, res)
	}
	store := r.classStore()
	if cl.ID, err = store.NextClassID(ctx, cl.Year, cl.Stage); err != nil {
		return err
	}
	cl.Status, cl.CreatedBy, cl.CreatedAt = ikmbot.ClassOpen, c.ev.UserID, c.now
	if err := store.SaveClass(ctx, cl, r.classDues(cl, c.now), nil); err != nil {
		return err
	}
	c.say(c.t(flows.KlCreated, flows.Escape(cl.Title), cl.ID),
		[]ikmbot.Button{{Text: c.t(flows.BtnKlOpenRoster), Data: staffData(actStaffRoster, cl.ID)}},
		[]ikmbot.Button{{Text: c.t(flows.BtnKlStaffList), Data: cbStaffClasses}})
	return nil
}

// staffClasses lists the classes for staff: upcoming and recent ones, with
// their status and seats.
func (r *Router) staffClasses(ctx context.Context, c *call) error {
	store := r.classStore()
	list, err := store.Classes(ctx, c.now.Add(-staffListSince))
	if err != nil {
		return err
	}
	// Running and coming classes first, soonest first; then those over,
	// latest first: staff look for what is current.
	var current, past []ikmbot.Class
	for _, cl := range list {
		switch end := cl.Ends(); {
		case end.After(c.now):
			current = append(current, cl)
		case end.After(c.now.Add(-staffListWindow)):
			past = append(past, cl)
		}
	}
	slices.Reverse(past)
	shown := append(current, past...)
	if len(shown) > maxStaffList {
		shown = shown[:maxStaffList]
	}
	ids := make([]string, len(shown))
	for i, cl := range shown {
		ids[i] = cl.ID
	}
	taken, err := store.ClassSeats(ctx, ids)
	if err != nil {
		return err
	}
	var buttons [][]ikmbot.Button
	for _, cl := range shown {
		label := c.t(flows.KlStaffButton, cl.Title, flows.StatusName(c.lang, cl.Status), taken[cl.ID], cl.Capacity)
		buttons = append(buttons, []ikmbot.Button{{Text: label, Data: staffData(actStaffRoster, cl.ID)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlNew), Data: cbNewClass}})
	if len(shown) == 0 {
		c.say(c.t(flows.KlStaffEmpty), buttons...)
		return nil
	}
	c.say(c.t(flows.KlStaffList, len(shown)), buttons...)
	return nil
}

// staffClassCallback handles the staff's class buttons.
func (r *Router) staffClassCallback(ctx context.Context, c *call) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	switch c.ev.CallbackData {
	case cbStaffClasses:
		return r.staffClasses(ctx, c)
	case cbNewClass:
		return r.newClass(ctx, c)
	}
	parts := strings.Split(c.ev.CallbackData, ":")
	if len(parts) < 3 {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	cl, err := r.classStore().Class(ctx, parts[2])
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.KlNotFound))
		return nil
	}
	if err != nil {
		return err
	}
	meeting := -1
	if len(parts) >= 4 {
		if meeting, err = strconv.Atoi(parts[3]); err != nil || meeting < 0 || meeting >= len(cl.Meetings) {
			c.say(c.t(flows.MsgStaleButton))
			return nil
		}
	}
	switch act := parts[1]; {
	case act == actStaffRoster && len(parts) == 3:
		return r.showRoster(ctx, c, cl, "")
	case (act == actStaffClose || act == actStaffReopen) && len(parts) == 3:
		return r.setEnrolment(ctx, c, cl, act == actStaffReopen)
	case act == actStaffCancel && len(parts) == 3:
		return r.askCancelClass(ctx, c, cl)
	case act == actStaffCancelYes && len(parts) == 3:
		return r.cancelClass(ctx, c, cl)
	case act == actStaffEdit && len(parts) == 4:
		return r.editMeeting(ctx, c, cl, meeting)
	case act == actStaffAttend && len(parts) == 4:
		return r.showAttendance(ctx, c, cl, meeting, false)
	case act == actStaffMark && len(parts) == 6:
		return r.markAttendance(ctx, c, cl, meeting, parts[4], parts[5])
	case act == actStaffFinish && len(parts) == 3:
		msgs, err := r.completeClass(ctx, cl, c.ev.ChatID, c.lang, false)
		c.out = append(c.out, msgs...)
		return err
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// showRoster shows a class to staff: schedule, participants with their
// business, phone and reminder answers, the waiting list, and what staff
// can do with it.
func (r *Router) showRoster(ctx context.Context, c *call, cl ikmbot.Class, lead string) error {
	store := r.classStore()
	roster, err := store.Roster(ctx, cl.ID)
	if err != nil {
		return err
	}
	users, err := store.Users(ctx, append(append([]int64(nil), roster.Enrolled...), roster.Waiting...))
	if err != nil {
		return err
	}
	entries := func(ids []int64, answers bool) []flows.RosterEntry {
		out := make([]flows.RosterEntry, len(ids))
		for i, id := range ids {
			if u, ok := users[id]; ok && u.Profile != nil {
				out[i] = flows.RosterEntry{Business: u.Profile.BusinessName, Owner: u.Profile.OwnerName, Phone: u.Profile.Phone}
			}
			if answers {
				for m := range cl.Meetings {
					out[i].Answers = append(out[i].Answers, roster.Answers[seatKey(m, id)])
				}
			}
		}
		return out
	}
	people := flows.RosterLines(c.lang, entries(roster.Enrolled, true))
	if len(roster.Waiting) > 0 {
		people += "\n\n" + c.t(flows.KlRosterWaiting) + "\n" + flows.RosterLines(c.lang, entries(roster.Waiting, false))
	}
	text := c.t(flows.KlRoster, flows.Escape(cl.Title), flows.StatusName(c.lang, cl.Status),
		flows.LevelName(c.lang, ikmbot.Readiness(), cl.Level), cl.Stage, cl.Year, cl.ID,
		len(roster.Enrolled), cl.Capacity, len(roster.Waiting), flows.MeetingLines(c.lang, cl, r.cfg.Location), people)
	if lead != "" {
		text = lead + "\n\n" + text
	}
	var buttons [][]ikmbot.Button
	if cl.Status == ikmbot.ClassOpen || cl.Status == ikmbot.ClassClosed {
		for i, m := range cl.Meetings {
			row := []ikmbot.Button{{Text: c.t(flows.BtnKlAttendance, i+1), Data: staffData(actStaffAttend, cl.ID, strconv.Itoa(i))}}
			if m.Start.After(c.now) {
				row = append(row, ikmbot.Button{Text: c.t(flows.BtnKlEditMeeting, i+1), Data: staffData(actStaffEdit, cl.ID, strconv.Itoa(i))})
			}
			buttons = append(buttons, row)
		}
		if cl.Status == ikmbot.ClassOpen {
			buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlClose), Data: staffData(actStaffClose, cl.ID)}})
		} else {
			buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlReopen), Data: staffData(actStaffReopen, cl.ID)}})
		}
		if !cl.Ends().After(c.now) {
			buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlFinish), Data: staffData(actStaffFinish, cl.ID)}})
		}
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlCancel), Data: staffData(actStaffCancel, cl.ID)}})
	}
	if cl.Status == ikmbot.ClassFinished {
		// Attendance can still be corrected, and completion run again.
		for i := range cl.Meetings {
			buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlAttendance, i+1), Data: staffData(actStaffAttend, cl.ID, strconv.Itoa(i))}})
		}
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlFinish), Data: staffData(actStaffFinish, cl.ID)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlStaffList), Data: cbStaffClasses}})
	c.say(text, buttons...)
	return nil
}

// setEnrolment closes or reopens enrolment; seats and waiting list stay.
func (r *Router) setEnrolment(ctx context.Context, c *call, cl ikmbot.Class, open bool) error {
	if cl.Status != ikmbot.ClassOpen && cl.Status != ikmbot.ClassClosed {
		return r.showRoster(ctx, c, cl, "")
	}
	status, lead := ikmbot.ClassClosed, c.t(flows.KlClosedDone, flows.Escape(cl.Title))
	if open {
		status, lead = ikmbot.ClassOpen, c.t(flows.KlReopenedDone, flows.Escape(cl.Title))
	}
	cl.Status = status
	if err := r.classStore().SaveClass(ctx, cl, nil, nil); err != nil {
		return err
	}
	return r.showRoster(ctx, c, cl, lead)
}

func (r *Router) askCancelClass(ctx context.Context, c *call, cl ikmbot.Class) error {
	if cl.Status != ikmbot.ClassOpen && cl.Status != ikmbot.ClassClosed {
		return r.showRoster(ctx, c, cl, "")
	}
	roster, err := r.classStore().Roster(ctx, cl.ID)
	if err != nil {
		return err
	}
	c.say(c.t(flows.KlCancelConfirm, flows.Escape(cl.Title), len(roster.Enrolled), len(roster.Waiting)),
		[]ikmbot.Button{{Text: c.t(flows.BtnKlCancelYes), Data: staffData(actStaffCancelYes, cl.ID)}},
		[]ikmbot.Button{{Text: c.t(flows.BtnKlRoster), Data: staffData(actStaffRoster, cl.ID)}})
	return nil
}

// cancelClass cancels a class: its reminders go, its owners are free to
// enrol elsewhere, and everyone on the roster and the waiting list is told.
func (r *Router) cancelClass(ctx context.Context, c *call, cl ikmbot.Class) error {
	if cl.Status != ikmbot.ClassOpen && cl.Status != ikmbot.ClassClosed {
		return r.showRoster(ctx, c, cl, "")
	}
	roster, err := r.classStore().CancelClass(ctx, cl.ID, r.classDueKeys(cl))
	if err != nil {
		return err
	}
	notices, err := r.ownerMessages(ctx, append(append([]int64(nil), roster.Enrolled...), roster.Waiting...), func(lang string) ikmbot.Message {
		return ikmbot.Message{Text: flows.T(lang, flows.KlCancelledNotice, flows.Escape(cl.Title))}
	})
	if err != nil {
		return err
	}
	// The staff member's answer first: the owners' notices go out after it.
	c.say(c.t(flows.KlCancelDone, flows.Escape(cl.Title), len(notices)), []ikmbot.Button{{Text: c.t(flows.BtnKlStaffList), Data: cbStaffClasses}})
	c.out = append(c.out, notices...)
	return nil
}

// editMeeting opens the meeting's answers at the summary of the edit
// conversation, so staff change only what moved.
func (r *Router) editMeeting(ctx context.Context, c *call, cl ikmbot.Class, i int) error {
	// The neighbours keep the meeting between the ones before and after
	// it: answers and attendance are stored by meeting number.
	answers := flows.MeetingAnswers(cl.Meetings[i], r.cfg.Location)
	maps.Copy(answers, flows.MeetingNeighbours(cl, i, r.cfg.Location))
	answers[flows.AnswerClass], answers[flows.AnswerMeeting] = cl.ID, strconv.Itoa(i)
	answers, err := r.interrupt(c, flows.EditMeeting, answers)
	if err != nil {
		return err
	}
	r.leaveKeyboard(c)
	return r.runFlow(ctx, c, flows.EditMeeting, flows.EditMeeting.StartAtSummary(c.ev.ChatID, c.lang, newNonce(), answers, c.now))
}

// finishEditMeeting saves a changed meeting, moves its reminders and tells
// the enrolled owners.
func (r *Router) finishEditMeeting(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	store := r.classStore()
	cl, err := store.Class(ctx, answers[flows.AnswerClass])
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.KlNotFound))
		return nil
	}
	if err != nil {
		return err
	}
	i, err := strconv.Atoi(answers[flows.AnswerMeeting])
	if err != nil || i < 0 || i >= len(cl.Meetings) || (cl.Status != ikmbot.ClassOpen && cl.Status != ikmbot.ClassClosed) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	m, err := flows.MeetingFromAnswers(answers, r.cfg.Location)
	if err != nil {
		return err
	}
	old := cl
	if was := old.Meetings[i]; was.Start.Equal(m.Start) && was.Minutes == m.Minutes && was.Place == m.Place {
		return r.showRoster(ctx, c, cl, "") // saved unchanged: nobody is told anything
	}
	cl.Meetings = append([]ikmbot.Meeting(nil), cl.Meetings...)
	cl.Meetings[i] = m
	// Only the moved meeting's reminders change: the others may be waiting
	// for the morning or for a tick after downtime, and must stay.
	unschedule, schedule := r.meetingDueKeys(old, i), r.meetingDues(cl, i, c.now)
	if oldEnd, _ := classEndDue(old); !old.Ends().Equal(cl.Ends()) {
		newEnd, _ := classEndDue(cl)
		unschedule, schedule = append(unschedule, oldEnd.Key()), append(schedule, newEnd)
	}
	if err := store.SaveClass(ctx, cl, schedule, unschedule); err != nil {
		return err
	}
	roster, err := store.Roster(ctx, cl.ID)
	if err != nil {
		return err
	}
	// Answers were about the old time: everyone is asked again.
	if !m.Start.Equal(old.Meetings[i].Start) {
		if err := store.ClearAnswers(ctx, cl.ID, i, roster.Enrolled); err != nil {
			return err
		}
	}
	notices, err := r.ownerMessages(ctx, roster.Enrolled, func(lang string) ikmbot.Message {
		return ikmbot.Message{Text: flows.T(lang, flows.KlMeetingMoved, flows.Escape(cl.Title), i+1,
			flows.MeetingWhen(lang, m, r.cfg.Location), flows.Escape(m.Place))}
	})
	if err != nil {
		return err
	}
	// The staff member's answer first: the owners' notices go out after it.
	if err := r.showRoster(ctx, c, cl, c.t(flows.KlMeetingUpdated, i+1, len(notices))); err != nil {
		return err
	}
	c.out = append(c.out, notices...)
	return nil
}

// showAttendance lists the enrolled owners of a meeting as buttons that
// toggle present and absent; edit redraws the message tapped.
func (r *Router) showAttendance(ctx context.Context, c *call, cl ikmbot.Class, i int, edit bool) error {
	store := r.classStore()
	roster, err := store.Roster(ctx, cl.ID)
	if err != nil {
		return err
	}
	users, err := store.Users(ctx, roster.Enrolled)
	if err != nil {
		return err
	}
	var buttons [][]ikmbot.Button
	for _, id := range roster.Enrolled {
		mark, next := flows.KlMarkNone, "1"
		if present, ok := roster.Attendance[seatKey(i, id)]; ok {
			if present {
				mark, next = flows.KlMarkPresent, "0"
			} else {
				mark = flows.KlMarkAbsent
			}
		}
		name := strconv.FormatInt(id, 10)
		if u, ok := users[id]; ok && u.Profile != nil {
			name = u.Profile.BusinessName
		}
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(mark, name), Data: staffData(actStaffMark, cl.ID, strconv.Itoa(i), strconv.FormatInt(id, 10), next)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlRoster), Data: staffData(actStaffRoster, cl.ID)}})
	text := c.t(flows.KlAttendance, flows.Escape(cl.Title), i+1, flows.MeetingWhen(c.lang, cl.Meetings[i], r.cfg.Location))
	if len(roster.Enrolled) == 0 {
		text += "\n\n" + c.t(flows.KlRosterEmpty)
	}
	msg := ikmbot.Message{ChatID: c.ev.ChatID, Text: text, Buttons: buttons}
	if edit {
		msg.EditMessageID = c.ev.MessageID
	}
	c.out = append(c.out, msg)
	return nil
}

// markAttendance records one owner's attendance and redraws the list in
// place.
func (r *Router) markAttendance(ctx context.Context, c *call, cl ikmbot.Class, i int, owner, present string) error {
	id, err := strconv.ParseInt(owner, 10, 64)
	if err != nil || (present != "1" && present != "0") {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	err = r.classStore().SetAttendance(ctx, cl.ID, i, id, present == "1")
	if ikmbot.ErrorCode(err) == ikmbot.EConflict {
		c.say(c.t(flows.KlNotEnrolledStaff))
		return r.showAttendance(ctx, c, cl, i, false)
	}
	if err != nil {
		return err
	}
	return r.showAttendance(ctx, c, cl, i, true)
}

// ownerMessages makes msg for each reachable owner of ids, in their
// language, marked bulk.
func (r *Router) ownerMessages(ctx context.Context, ids []int64, msg func(lang string) ikmbot.Message) ([]ikmbot.Message, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	users, err := r.classStore().Users(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []ikmbot.Message
	for _, id := range ids {
		u, ok := users[id]
		if !ok || u.Unreachable {
			continue
		}
		m := msg(u.Lang())
		m.ChatID, m.Bulk = id, true
		out = append(out, m)
	}
	return out, nil
}

// seatKey is the field of an owner's answer or attendance for a meeting.
func seatKey(meeting int, ownerID int64) string {
	return strconv.Itoa(meeting) + ":" + strconv.FormatInt(ownerID, 10)
}

func staffData(action string, args ...string) string {
	return "ks:" + strings.Join(append([]string{action}, args...), ":")
}
