package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Kinds of the due items the class features schedule.
const (
	// DueClassReminder reminds a class's enrolled owners of a meeting. ID:
	// "<class id>:<meeting>:<minutes before>:<meeting start, unix s>", so
	// a moved meeting has new ids and its reminders are sent again.
	DueClassReminder = "class"
	// DueClassEnd decides completion after the last meeting. ID: "<class
	// id>:<end, unix s>".
	DueClassEnd = "classend"
)

// DefaultReminderOffsets are when owners are reminded before a meeting.
var DefaultReminderOffsets = []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, 2 * time.Hour}

// classDues are the due items of a class from now on: the reminders of
// each meeting not yet due, and the completion after the last meeting.
func (r *Router) classDues(cl ikmbot.Class, now time.Time) []ikmbot.Due {
	var out []ikmbot.Due
	for i := range cl.Meetings {
		out = append(out, r.meetingDues(cl, i, now)...)
	}
	if d, ok := classEndDue(cl); ok {
		out = append(out, d)
	}
	return out
}

// meetingDues are the reminders of meeting i still ahead of now. One whose
// time has passed when the class is made or the meeting moved (a class
// created three days ahead has no 7-day reminder) is left out rather than
// sent late under a heading that no longer fits.
func (r *Router) meetingDues(cl ikmbot.Class, i int, now time.Time) []ikmbot.Due {
	var out []ikmbot.Due
	m := cl.Meetings[i]
	for _, off := range r.cfg.ReminderOffsets {
		if at := m.Start.Add(-off); at.After(now) {
			out = append(out, ikmbot.Due{Kind: DueClassReminder, ID: reminderID(cl.ID, i, off, m.Start), At: at, Until: m.Start})
		}
	}
	return out
}

// meetingDueKeys are the keys of every reminder meetingDues could have
// made for meeting i, whenever it ran: for unscheduling.
func (r *Router) meetingDueKeys(cl ikmbot.Class, i int) []string {
	keys := make([]string, len(r.cfg.ReminderOffsets))
	for j, off := range r.cfg.ReminderOffsets {
		keys[j] = ikmbot.Due{Kind: DueClassReminder, ID: reminderID(cl.ID, i, off, cl.Meetings[i].Start)}.Key()
	}
	return keys
}

// classEndDue is the completion of a class: the day after its last
// meeting, so staff can record the last attendance first.
func classEndDue(cl ikmbot.Class) (ikmbot.Due, bool) {
	end := cl.Ends()
	return ikmbot.Due{Kind: DueClassEnd, ID: cl.ID + ":" + strconv.FormatInt(end.Unix(), 10), At: end.Add(classEndDelay)}, !end.IsZero()
}

// classEndDelay is how long after the last meeting the engine completes a
// class.
const classEndDelay = 24 * time.Hour

// classDueKeys are the keys of every due item of the class, for
// unscheduling them all.
func (r *Router) classDueKeys(cl ikmbot.Class) []string {
	var keys []string
	for i := range cl.Meetings {
		keys = append(keys, r.meetingDueKeys(cl, i)...)
	}
	if d, ok := classEndDue(cl); ok {
		keys = append(keys, d.Key())
	}
	return keys
}

func reminderID(classID string, meeting int, before time.Duration, start time.Time) string {
	return fmt.Sprintf("%s:%d:%d:%d", classID, meeting, int(before/time.Minute), start.Unix())
}

// FireClassReminder is the reminder engine's handler of DueClassReminder:
// one message to each reachable enrolled owner who has not said they cannot
// come, with "Hadir" and "Tidak bisa hadir". A cancelled class or a meeting
// that moved since sends nothing.
func (r *Router) FireClassReminder(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	parts := strings.Split(d.ID, ":")
	if len(parts) != 4 {
		r.log.Warn("malformed class reminder", "id", d.ID)
		return nil, nil
	}
	i, err1 := strconv.Atoi(parts[1])
	start, err2 := strconv.ParseInt(parts[3], 10, 64)
	if err1 != nil || err2 != nil {
		r.log.Warn("malformed class reminder", "id", d.ID)
		return nil, nil
	}
	store := r.classStore()
	cl, err := store.Class(ctx, parts[0])
	if ikmbot.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if (cl.Status != ikmbot.ClassOpen && cl.Status != ikmbot.ClassClosed) || i >= len(cl.Meetings) || cl.Meetings[i].Start.Unix() != start {
		return nil, nil
	}
	roster, err := store.Roster(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	// Who already said they cannot come to this meeting is not asked again.
	var ids []int64
	for _, id := range roster.Enrolled {
		if roster.Answers[seatKey(i, id)] != ikmbot.AnswerNotComing {
			ids = append(ids, id)
		}
	}
	return r.ownerMessages(ctx, ids, func(lang string) ikmbot.Message {
		return ikmbot.Message{Text: flows.ClassReminder(lang, cl, i, now, r.cfg.Location),
			Buttons: [][]ikmbot.Button{{
				{Text: flows.T(lang, flows.BtnKlComing), Data: classData(actClassAnswer, cl.ID, parts[1], classAnswerYes)},
				{Text: flows.T(lang, flows.BtnKlNotComing), Data: classData(actClassAnswer, cl.ID, parts[1], classAnswerNo)},
			}}}
	})
}

// FireClassEnd is the reminder engine's handler of DueClassEnd: after the
// last meeting it completes the class from the attendance staff recorded,
// or asks the class's creator to record it.
func (r *Router) FireClassEnd(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	id, _, _ := strings.Cut(d.ID, ":")
	cl, err := r.classStore().Class(ctx, id)
	if ikmbot.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if cl.Status != ikmbot.ClassOpen && cl.Status != ikmbot.ClassClosed {
		return nil, nil
	}
	lang := "id"
	if users, err := r.classStore().Users(ctx, []int64{cl.CreatedBy}); err == nil {
		lang = users[cl.CreatedBy].Lang()
	}
	return r.completeClass(ctx, cl, cl.CreatedBy, lang, true)
}

// minAttendance is how many of n meetings an owner must attend to complete
// a class: two thirds, rounded up (1 of 1, 2 of 3, 3 of 4).
func minAttendance(n int) int { return (2*n + 2) / 3 }

// completeClass decides who completed a class after its last meeting,
// congratulates them with a button to the readiness check, and reports to
// the staff member in chat staff, in lang.
//
// Done by the engine (auto), it waits for attendance of every meeting for
// every participant and otherwise asks for it: completing on a partial
// record would fail owners whose attendance was not marked yet. Done by
// staff, unmarked meetings count as absent, and it may run again after a
// correction: only owners not completed before are congratulated.
func (r *Router) completeClass(ctx context.Context, cl ikmbot.Class, staff int64, lang string, auto bool) ([]ikmbot.Message, error) {
	store := r.classStore()
	roster, err := store.Roster(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	complete := len(roster.Attendance) > 0
	for _, id := range roster.Enrolled {
		for m := range cl.Meetings {
			_, marked := roster.Attendance[seatKey(m, id)]
			complete = complete && marked
		}
	}
	if len(roster.Attendance) == 0 || (auto && !complete) {
		return []ikmbot.Message{{ChatID: staff, Text: flows.T(lang, flows.KlFinishNoAttendance, flows.Escape(cl.Title)),
			Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnKlRoster), Data: staffData(actStaffRoster, cl.ID)}}}}}, nil
	}
	need := minAttendance(len(cl.Meetings))
	var done []int64
	for _, id := range roster.Enrolled {
		n := 0
		for m := range cl.Meetings {
			if roster.Attendance[seatKey(m, id)] {
				n++
			}
		}
		if n >= need {
			done = append(done, id)
		}
	}
	if err := store.CompleteClass(ctx, cl.ID, done); err != nil {
		return nil, err
	}
	out := []ikmbot.Message{{ChatID: staff, Text: flows.T(lang, flows.KlFinishDone, len(done), len(roster.Enrolled), flows.Escape(cl.Title), need, len(cl.Meetings))}}
	var fresh []int64
	for _, id := range done {
		if !roster.Completed[id] {
			fresh = append(fresh, id)
		}
	}
	congrats, err := r.ownerMessages(ctx, fresh, func(lang string) ikmbot.Message {
		return ikmbot.Message{Text: flows.T(lang, flows.KlCompleted, flows.Escape(cl.Title)),
			Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnCheck), Data: cbCheck}}}}
	})
	r.classPrompt(ctx, fresh, cl)
	return append(out, congrats...), err
}
