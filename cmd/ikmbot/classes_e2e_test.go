package main

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// The classes feature end to end: staff create classes by conversation,
// owners enrol through /kelas, and the reminder engine, ticked by the
// test on a clock it moves, reminds, completes and nudges. Every check is
// on what a user sees in their chat.

// monday is when these tests begin: Monday 2 November 2026, 09:00 WIB,
// two weeks before the meetings, so every reminder falls in the day.
var monday = time.Date(2026, 11, 2, 9, 0, 0, 0, wib)

// nov is a time in November 2026, WIB.
func nov(day, hour, minute int) time.Time { return time.Date(2026, 11, day, hour, minute, 0, 0, wib) }

// meeting is one meeting as staff type it.
type meeting struct {
	start time.Time
	hours int // pressed as a length button
	place string
}

// classPlan is a class as staff answer /kelasbaru.
type classPlan struct {
	level    ikmbot.Level
	title    string
	capacity int  // typed at the capacity step; 0 presses the standard
	free     bool // a declined seat goes to the waiting list
	meetings []meeting
}

// seats is the class's capacity.
func (p classPlan) seats() int {
	if p.capacity == 0 {
		return ikmbot.DefaultCapacity
	}
	return p.capacity
}

// label is the class's button in an owner's list with taken seats taken.
func (p classPlan) label(taken int) string {
	return flows.ClassButton(id, ikmbot.Class{Title: p.title, Capacity: p.seats()}, taken)
}

// staffLabel is the class's button in the staff's list.
func (p classPlan) staffLabel(status ikmbot.ClassStatus, taken int) string {
	return flows.T(id, flows.KlStaffButton, p.title, flows.StatusName(id, status), taken, p.seats())
}

// when is meeting n (from 1) as owners see it, "Senin, 16 November 2026,
// 10.00–12.00 WIB".
func (p classPlan) when(n int) string {
	m := p.meetings[n-1]
	return flows.MeetingWhen(id, ikmbot.Meeting{Start: m.start.UTC(), Minutes: m.hours * 60}, wib)
}

// ends is when the last meeting is over.
func (p classPlan) ends() time.Time {
	m := p.meetings[len(p.meetings)-1]
	return m.start.Add(time.Duration(m.hours) * time.Hour)
}

// oneMeeting is a class of one two-hour meeting on Monday 16 November 2026
// at 10.00 WIB: reminders at 9 Nov 10.00, 15 Nov 10.00 and 16 Nov 08.00.
func oneMeeting(title string, capacity int) classPlan {
	return classPlan{level: ikmbot.LevelPemula, title: title, capacity: capacity,
		meetings: []meeting{{start: nov(16, 10, 0), hours: 2, place: "Aula Disperindag, Bandar Lampung"}}}
}

// kt is a catalog text in Indonesian.
func kt(k flows.Key, args ...any) string { return flows.T(id, k, args...) }

// hoursLabel is the length button of a meeting of h hours.
func hoursLabel(h int) string {
	if h == 1 {
		return kt(flows.KbOneHour)
	}
	return kt(flows.KbHours, strconv.Itoa(h))
}

// staffMember is a user made staff the way an admin's invite would.
func (w *timed) staffMember() *user {
	w.t.Helper()
	u := w.user()
	if err := w.store.SetRole(context.Background(), u.id, ikmbot.RoleStaff); err != nil {
		w.t.Fatal(err)
	}
	return u
}

// owner signs up a new owner whose business is named business, so that
// rosters and attendance buttons tell owners apart.
func (w *timed) owner(business string) *user {
	w.t.Helper()
	u := w.user()
	u.sends("/daftar")
	u.expect(step(id, 1))
	answers := signUpSteps(u)
	answers[3] = func() { u.sends(business) }
	for i, answer := range answers {
		answer()
		if i+2 <= 11 {
			u.expect(step(id, i+2))
		}
	}
	u.expect(begin(kt(flows.SuSummary, "")))
	u.press(kt(flows.SuSave))
	u.expect(begin(kt(flows.SuSaved, "Siti Rahayu")))
	return u
}

// createClass answers /kelasbaru as staff would, the dates and times
// typed, and returns the new class's code from the success message.
func createClass(staff *user, p classPlan) string {
	staff.w.t.Helper()
	staff.sends("/kelasbaru")
	staff.expect(begin(kt(flows.KbAskLevel)))
	staff.press(plain(flows.LevelName(id, ikmbot.Readiness(), p.level)))
	staff.expect(begin(kt(flows.KbAskStage)))
	staff.press(kt(flows.KbStageLabel, "1"))
	staff.expect(begin(kt(flows.KbAskYear)))
	staff.press(strconv.Itoa(p.meetings[0].start.Year()))
	staff.expect(begin(kt(flows.KbAskTitle)))
	staff.sends(p.title)
	staff.expect(begin(kt(flows.KbAskCapacity)))
	if p.capacity == 0 {
		staff.press(kt(flows.KbCapacityStd, ikmbot.DefaultCapacity))
	} else {
		staff.sends(strconv.Itoa(p.capacity))
	}
	staff.expect(begin(kt(flows.KbAskFree)))
	if p.free {
		staff.press(kt(flows.KbFreeYes))
	} else {
		staff.press(kt(flows.KbFreeNo))
	}
	for i, m := range p.meetings {
		n := i + 1
		staff.expect(begin(kt(flows.KbAskDate, n)))
		staff.sends(m.start.In(wib).Format("02-01-2006"))
		staff.expect(begin(kt(flows.KbAskTime, n)))
		staff.sends(m.start.In(wib).Format("15.04"))
		staff.expect(begin(kt(flows.KbAskMinutes, n)))
		staff.press(hoursLabel(m.hours))
		staff.expect(begin(kt(flows.KbAskPlace, n)))
		staff.sends(m.place)
		staff.expect(begin(kt(flows.KbAskMore, n, "")))
		if n < len(p.meetings) {
			staff.press(kt(flows.KbMoreYes))
		} else {
			staff.press(kt(flows.KbMoreNo))
		}
	}
	staff.expect(begin(kt(flows.KbAskNote)))
	staff.press(kt(flows.KbNoNote))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	return expectCreated(staff, p.title)
}

// expectCreated waits for the message that a class titled title was
// created and returns the class's code from it.
func expectCreated(staff *user, title string) string {
	staff.w.t.Helper()
	lead := before(kt(flows.KlCreated, title, "KODE"), "KODE")
	created := staff.expect(lead)
	_, code, _ := strings.Cut(created.Text, lead)
	code, _, _ = strings.Cut(code, ")")
	if code == "" {
		staff.w.t.Fatalf("no class code in %q", created.Text)
	}
	return code
}

// expectButton waits for a new bot message with a button labelled label
// and returns it.
func (u *user) expectButton(label string) telegramtest.Message {
	u.w.t.Helper()
	var got telegramtest.Message
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	err := u.w.tg.Wait(ctx, func() bool {
		msgs := u.w.tg.Messages(u.id)
		for i := u.seen; i < len(msgs); i++ {
			if hasButton(msgs[i], label) {
				got, u.seen = msgs[i], i+1
				return true
			}
		}
		return false
	})
	if err != nil {
		last, _ := u.w.tg.LastMessage(u.id)
		u.w.t.Fatalf("user %d never got a button %q; the last message has %v; the chat:\n%s", u.id, label, last.Buttons, u.chat())
	}
	return got
}

func hasButton(m telegramtest.Message, label string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == label {
				return true
			}
		}
	}
	return false
}

// toggle taps the button labelled from on the newest message that has it
// and waits for the bot to redraw that message with a button labelled to
// in its place (attendance is marked in place).
func (u *user) toggle(from, to string) {
	u.w.t.Helper()
	msgs := u.w.tg.Messages(u.id)
	msgID := 0
	for i := len(msgs) - 1; i >= 0 && msgID == 0; i-- {
		if hasButton(msgs[i], from) {
			msgID = msgs[i].ID
		}
	}
	if msgID == 0 {
		u.w.t.Fatalf("no button %q; the chat:\n%s", from, u.chat())
	}
	u.press(from)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	err := u.w.tg.Wait(ctx, func() bool {
		for _, m := range u.w.tg.Messages(u.id) {
			if m.ID == msgID {
				return hasButton(m, to)
			}
		}
		return false
	})
	if err != nil {
		u.w.t.Fatalf("after tapping %q the message never showed %q; the chat:\n%s", from, to, u.chat())
	}
}

// enrol takes a seat for u in the class through /kelas, taken seats being
// taken before.
func enrol(u *user, p classPlan, taken int) {
	u.w.t.Helper()
	u.sends("/kelas")
	u.expectButton(p.label(taken))
	u.press(p.label(taken))
	u.expectButton(kt(flows.BtnKlEnrol))
	u.press(kt(flows.BtnKlEnrol))
	u.expect(begin(kt(flows.KlEnrolled, p.title)))
}

// roster opens the class's roster as staff and returns its text.
func roster(staff *user, p classPlan, status ikmbot.ClassStatus, taken int) telegramtest.Message {
	staff.w.t.Helper()
	staff.sends("/kelas")
	staff.expectButton(p.staffLabel(status, taken))
	staff.press(p.staffLabel(status, taken))
	return staff.expect(begin(kt(flows.KlRoster, p.title, flows.StatusName(id, status), "", 0, 0, "", 0, 0, 0, "", "")))
}

// rosterLine is the roster's line about business.
func rosterLine(t *testing.T, roster, business string) string {
	t.Helper()
	for _, line := range strings.Split(roster, "\n") {
		if strings.Contains(line, business+" —") {
			return line
		}
	}
	t.Fatalf("no line about %s in the roster:\n%s", business, roster)
	return ""
}

// reminder is how the reminder of meeting n of of a class titled title
// begins when sent until before the meeting: its heading and class line.
func reminder(until time.Duration, title string, n, of int) string {
	s := plain(kt(flows.KlReminder, flows.TimeUntil(id, until), flows.Escape(title), n, of, "", ""))
	lines := strings.SplitN(s, "\n", 3)
	return lines[0] + "\n" + lines[1]
}

// seatsLine is the line of a class page that says its seats.
func seatsLine(capacity, left int) string {
	lines := strings.Split(plain(kt(flows.KlDetails, "", "", 0, 0, capacity, left, "")), "\n")
	return lines[2]
}

// firstLine is the first line of a catalog text as the user sees it.
func firstLine(s string) string {
	first, _, _ := strings.Cut(plain(s), "\n")
	return first
}

// contains checks that m shows each of want, as the user sees it.
func contains(t *testing.T, what string, m telegramtest.Message, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(m.Text, plain(w)) {
			t.Errorf("%s lacks %q:\n%s", what, plain(w), m.Text)
		}
	}
}

// TestClassEnrolmentEndToEnd: staff create a class of two seats by
// conversation; an owner of its level sees it among the classes of their
// level, one not yet checked among all, both enrol; a third finds it full
// and waits; when an enrolled owner leaves, the waiter gets the seat and
// is told.
func TestClassEnrolmentEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Tanggamus", 2)
	createClass(staff, p)

	checked := w.owner("Kopi Tanggamus Jaya")
	checked.press(kt(flows.BtnCheck))
	checked.expect(begin(kt(flows.RcIntro, 15)))
	answerCheck(w.world, checked, 0, func(_ int, l []string) string { return l[0] })
	unchecked := w.owner("Keripik Pisang Metro")
	third := w.owner("Lada Hitam Lampung Barat")

	levelName := flows.LevelName(id, ikmbot.Readiness(), ikmbot.LevelPemula)
	checked.sends("/kelas")
	list := checked.expectButton(p.label(0))
	contains(t, "the list of a checked owner", list, kt(flows.KlListOwn, levelName))
	checked.press(p.label(0))
	page := checked.expectButton(kt(flows.BtnKlEnrol))
	contains(t, "the class page", page, p.title, seatsLine(2, 2), p.when(1), p.meetings[0].place)
	checked.press(kt(flows.BtnKlEnrol))
	enrolled := checked.expect(begin(kt(flows.KlEnrolled, p.title)))
	contains(t, "the enrolment", enrolled, kt(flows.KlYouEnrolled), seatsLine(2, 1))
	checked.sends("/kelas")
	mine := checked.expectButton(kt(flows.KlMineEnrolled, p.title))
	contains(t, "the list after enrolling", mine, kt(flows.KlMineHeader), kt(flows.KlMineEnrolled, p.title))
	if hasButton(mine, p.label(1)) {
		t.Errorf("the owner's own class is offered again among the open ones: %v", mine.Buttons)
	}

	unchecked.sends("/kelas")
	list = unchecked.expectButton(p.label(1))
	contains(t, "the list of an unchecked owner", list, kt(flows.KlListAll), kt(flows.KlListNoLevel))
	unchecked.press(p.label(1))
	unchecked.expectButton(kt(flows.BtnKlEnrol))
	unchecked.press(kt(flows.BtnKlEnrol))
	unchecked.expect(begin(kt(flows.KlEnrolled, p.title)))

	third.sends("/kelas")
	third.expectButton(p.label(2))
	if !strings.Contains(p.label(2), plain(kt(flows.KlButtonFull, ""))) {
		t.Fatalf("a full class is labelled %q", p.label(2))
	}
	third.press(p.label(2))
	page = third.expectButton(kt(flows.BtnKlWait))
	contains(t, "the full class page", page, seatsLine(2, 0))
	if hasButton(page, kt(flows.BtnKlEnrol)) {
		t.Errorf("a full class offers to enrol")
	}
	third.press(kt(flows.BtnKlWait))
	waiting := third.expect(begin(kt(flows.KlWaiting, p.title)))
	contains(t, "the waiting list page", waiting, kt(flows.KlYouWaiting))
	third.sends("/kelas")
	third.expectButton(kt(flows.KlMineWaiting, p.title))

	checked.sends("/kelas")
	checked.expectButton(kt(flows.KlMineEnrolled, p.title))
	checked.press(kt(flows.KlMineEnrolled, p.title))
	checked.expectButton(kt(flows.BtnKlLeave))
	checked.press(kt(flows.BtnKlLeave))
	checked.expect(begin(kt(flows.KlLeaveConfirm, p.title)))
	checked.press(kt(flows.BtnKlLeaveYes))
	checked.expect(begin(kt(flows.KlLeft, p.title)))

	promoted := third.expect(begin(kt(flows.KlPromoted, p.title, "")))
	contains(t, "the promotion", promoted, p.title, p.when(1))
	third.sends("/kelas")
	third.expectButton(kt(flows.KlMineEnrolled, p.title))

	// The staff's roster agrees.
	r := roster(staff, p, ikmbot.ClassOpen, 2)
	rosterLine(t, r.Text, "Keripik Pisang Metro")
	rosterLine(t, r.Text, "Lada Hitam Lampung Barat")
	if strings.Contains(r.Text, "Kopi Tanggamus Jaya") {
		t.Errorf("the owner who left is still on the roster:\n%s", r.Text)
	}
}

// TestClassRemindersEndToEnd moves the clock to just before and just after
// each reminder time: each of the 7-day, 1-day and 2-hour reminders
// arrives once to each enrolled owner at its time and none before, except
// that an owner who said they cannot come is not asked again; the answers
// show on the staff's roster.
func TestClassRemindersEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Bandar Lampung", 0)
	createClass(staff, p)
	coming, notComing := w.owner("Kopi Tanggamus Jaya"), w.owner("Keripik Pisang Metro")
	enrol(coming, p, 0)
	enrol(notComing, p, 1)
	everyone := []*user{staff, coming, notComing}

	start := p.meetings[0].start
	asked := []*user{coming, notComing}
	for _, ahead := range reminderTimes {
		due := start.Add(-ahead)
		w.nothingAt(due.Add(-10*time.Minute), everyone...)
		w.at(due.Add(time.Minute))
		sentAt := w.clock.Now()
		for _, u := range asked {
			m := u.expect(reminder(start.Sub(sentAt), p.title, 1, 1))
			contains(t, "the reminder", m, p.when(1), p.meetings[0].place)
			if !hasButton(m, kt(flows.BtnKlComing)) || !hasButton(m, kt(flows.BtnKlNotComing)) {
				t.Errorf("the reminder has no answer buttons: %v", m.Buttons)
			}
		}
		if ahead == reminderTimes[0] {
			coming.press(kt(flows.BtnKlComing))
			coming.expect(kt(flows.KlThanksComing, 1))
			notComing.press(kt(flows.BtnKlNotComing))
			notComing.expect(kt(flows.KlThanksNot, 1))
			asked = []*user{coming}
		}
	}
	w.nothingAt(start.Add(-time.Hour), everyone...)

	for _, ahead := range reminderTimes {
		head := firstLine(reminder(ahead-time.Minute, p.title, 1, 1))
		want := map[*user]int{coming: 1, notComing: 0}
		if ahead == reminderTimes[0] {
			want[notComing] = 1
		}
		for u, n := range want {
			if got := u.count(head); got != n {
				t.Errorf("user %d got %q %d times, want %d; the chat:\n%s", u.id, head, got, n, u.chat())
			}
		}
	}
	r := roster(staff, p, ikmbot.ClassOpen, 2)
	if line := rosterLine(t, r.Text, "Kopi Tanggamus Jaya"); !strings.HasSuffix(line, "✅") {
		t.Errorf("the owner coming shows as %q", line)
	}
	if line := rosterLine(t, r.Text, "Keripik Pisang Metro"); !strings.HasSuffix(line, "❌") {
		t.Errorf("the owner not coming shows as %q", line)
	}
}

// reminderTimes are the default reminder times before a meeting.
var reminderTimes = []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, 2 * time.Hour}

// TestClassReminderAcrossRestart stops the bot over a reminder's time: the
// new process sends it late, once, while the meeting is still ahead; a
// reminder whose meeting has begun by the time the bot is back is dropped.
func TestClassReminderAcrossRestart(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Way Kanan", 0)
	createClass(staff, p)
	u := w.owner("Kopi Tanggamus Jaya")
	enrol(u, p, 0)
	start := p.meetings[0].start
	week, day := reminder(7*24*time.Hour, p.title, 1, 1), reminder(23*time.Hour, p.title, 1, 1)

	w.settle()
	w.stop()
	w.clock.Set(start.Add(-7*24*time.Hour + 30*time.Minute)) // half an hour late
	w.start()
	w.tick()
	u.expect(week)
	w.nothingAt(start.Add(-6*24*time.Hour), u)
	if n := u.count(week); n != 1 {
		t.Errorf("the 7-day reminder came %d times; the chat:\n%s", n, u.chat())
	}

	// Down over the 1-day reminder: an hour late it still says tomorrow.
	w.stop()
	w.clock.Set(start.Add(-23 * time.Hour))
	w.start()
	w.tick()
	u.expect(day)

	// Down over the 2-hour reminder and the start of the meeting.
	w.stop()
	w.clock.Set(start.Add(5 * time.Minute))
	w.start()
	w.nothingAt(start.Add(10*time.Minute), u, staff)
	w.nothingAt(start.Add(30*time.Minute), u, staff)
	if n := u.count(day); n != 1 {
		t.Errorf("the 1-day reminder came %d times; the chat:\n%s", n, u.chat())
	}
}

// TestMovedMeetingEndToEnd: staff move a meeting from its roster; the
// enrolled owners are told, nothing comes at the old reminder times, and
// the reminders come at the new ones with the new time.
func TestMovedMeetingEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Metro", 0)
	createClass(staff, p)
	a, b := w.owner("Kopi Tanggamus Jaya"), w.owner("Keripik Pisang Metro")
	enrol(a, p, 0)
	enrol(b, p, 1)
	old := p.meetings[0].start
	moved := nov(18, 13, 0)

	moveMeeting(staff, p, "18-11-2026", "13.00", 2)
	p.meetings[0].start = moved
	for _, u := range []*user{a, b} {
		m := u.expect(begin(kt(flows.KlMeetingMoved, p.title, 1, "", "")))
		contains(t, "the notice of the move", m, p.title, p.when(1))
	}

	everyone := []*user{staff, a, b}
	w.nothingAt(old.Add(-7*24*time.Hour+5*time.Minute), everyone...)
	w.at(moved.Add(-7*24*time.Hour + time.Minute))
	for _, u := range []*user{a, b} {
		m := u.expect(reminder(7*24*time.Hour, p.title, 1, 1))
		contains(t, "the reminder of the moved meeting", m, p.when(1))
	}
	w.nothingAt(old.Add(-24*time.Hour+5*time.Minute), everyone...)
	w.nothingAt(old.Add(-2*time.Hour+5*time.Minute), everyone...)
	w.nothingAt(old.Add(2*time.Hour+5*time.Minute), everyone...) // the old end: no completion
	w.at(moved.Add(-24*time.Hour + time.Minute))
	for _, u := range []*user{a, b} {
		u.expect(reminder(23*time.Hour, p.title, 1, 1))
	}
	w.at(moved.Add(-2*time.Hour + time.Minute))
	for _, u := range []*user{a, b} {
		u.expect(reminder(2*time.Hour, p.title, 1, 1))
	}
}

// TestCancelledClassEndToEnd: staff cancel a class with an owner enrolled
// and one waiting; both are told, and no reminder or completion comes for
// it afterwards.
func TestCancelledClassEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Pringsewu", 1)
	createClass(staff, p)
	seated, waiter := w.owner("Kopi Tanggamus Jaya"), w.owner("Keripik Pisang Metro")
	enrol(seated, p, 0)
	waiter.sends("/kelas")
	waiter.expectButton(p.label(1))
	waiter.press(p.label(1))
	waiter.expectButton(kt(flows.BtnKlWait))
	waiter.press(kt(flows.BtnKlWait))
	waiter.expect(begin(kt(flows.KlWaiting, p.title)))

	roster(staff, p, ikmbot.ClassOpen, 1)
	staff.press(kt(flows.BtnKlCancel))
	staff.expect(kt(flows.KlCancelConfirm, p.title, 1, 1))
	staff.press(kt(flows.BtnKlCancelYes))
	staff.expect(kt(flows.KlCancelDone, p.title, 2))
	for _, u := range []*user{seated, waiter} {
		u.expect(kt(flows.KlCancelledNotice, p.title))
	}

	start := p.meetings[0].start
	everyone := []*user{staff, seated, waiter}
	for _, at := range []time.Time{start.Add(-7*24*time.Hour + time.Minute), start.Add(-24*time.Hour + time.Minute),
		start.Add(-2*time.Hour + time.Minute), p.ends().Add(time.Minute)} {
		w.nothingAt(at, everyone...)
	}
	seated.sends("/kelas")
	list := seated.expect(kt(flows.KlNoneAll))
	if strings.Contains(list.Text, p.title) {
		t.Errorf("the cancelled class is still listed:\n%s", list.Text)
	}

	// The cancelled class no longer holds their seat of the term.
	other := oneMeeting("Kelas Ekspor Pemula Pringsewu Baru", 0)
	other.meetings[0].start = nov(23, 10, 0)
	createClass(staff, other)
	enrol(seated, other, 0)
}

// TestClassCompletionEndToEnd: staff mark attendance with the buttons, and
// after the last meeting the owners who came often enough are
// congratulated with the check button while staff get the count.
func TestClassCompletionEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := classPlan{level: ikmbot.LevelPemula, title: "Kelas Ekspor Pemula Lampung Timur", capacity: 5,
		meetings: []meeting{
			{start: nov(16, 10, 0), hours: 2, place: "Aula Disperindag, Bandar Lampung"},
			{start: nov(17, 10, 0), hours: 2, place: "Aula Disperindag, Bandar Lampung"},
		}}
	createClass(staff, p)
	both, once := w.owner("Kopi Tanggamus Jaya"), w.owner("Keripik Pisang Metro")
	enrol(both, p, 0)
	enrol(once, p, 1)

	w.clock.Set(nov(16, 12, 30))
	roster(staff, p, ikmbot.ClassOpen, 2)
	staff.press(kt(flows.BtnKlAttendance, 1))
	staff.expect(firstLine(kt(flows.KlAttendance, p.title, 1, p.when(1))))
	staff.toggle("▫️ Kopi Tanggamus Jaya", "✅ Kopi Tanggamus Jaya")
	staff.toggle("✅ Kopi Tanggamus Jaya", "❌ Kopi Tanggamus Jaya")
	staff.toggle("❌ Kopi Tanggamus Jaya", "✅ Kopi Tanggamus Jaya")
	staff.toggle("▫️ Keripik Pisang Metro", "✅ Keripik Pisang Metro")

	w.clock.Set(nov(17, 12, 30))
	roster(staff, p, ikmbot.ClassOpen, 2)
	staff.press(kt(flows.BtnKlAttendance, 2))
	staff.expect(firstLine(kt(flows.KlAttendance, p.title, 2, p.when(2))))
	staff.toggle("▫️ Kopi Tanggamus Jaya", "✅ Kopi Tanggamus Jaya")
	staff.toggle("▫️ Keripik Pisang Metro", "✅ Keripik Pisang Metro")
	staff.toggle("✅ Keripik Pisang Metro", "❌ Keripik Pisang Metro")

	w.nothingAt(nov(17, 12, 40), staff) // a day for the last attendance
	w.at(nov(18, 12, 1))
	staff.expect(kt(flows.KlFinishDone, 1, 2, p.title, 2, 2))
	done := both.expect(begin(kt(flows.KlCompleted, p.title)))
	if !hasButton(done, kt(flows.BtnCheck)) {
		t.Errorf("the congratulations have no check button: %v", done.Buttons)
	}
	w.nothingNew([]int{len(w.tg.Messages(once.id))}, once)
	if n := once.count(begin(kt(flows.KlCompleted, p.title))); n != 0 {
		t.Errorf("an owner at one of two meetings was congratulated")
	}
	w.nothingAt(nov(18, 9, 0), staff, both, once) // completed once only
	both.press(kt(flows.BtnCheck))
	both.expect(begin(kt(flows.RcIntro, 15)))
}

// TestTwoReplicasRemindOnce runs two bot processes on one Redis and one
// clock, in webhook mode so neither polls, and ticks both for the same
// minute at every reminder time: each owner gets each reminder once.
func TestTwoReplicasRemindOnce(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Tulang Bawang", 0)
	createClass(staff, p)
	a, b := w.owner("Kopi Tanggamus Jaya"), w.owner("Keripik Pisang Metro")
	enrol(a, p, 0)
	enrol(b, p, 1)
	w.settle()
	w.stop()

	hook := func(c *Config) { c.WebhookURL, c.WebhookSecret = "https://example.test/hook", "replica-secret" }
	ticks := []ticker{make(ticker), make(ticker)}
	for _, ch := range ticks {
		r := w.launch(withClock(w.clock), withTicks(ch), hook)
		t.Cleanup(func() { w.halt(r) })
	}
	start := p.meetings[0].start
	for _, ahead := range reminderTimes {
		w.clock.Set(start.Add(-ahead + time.Minute))
		var wg sync.WaitGroup
		reports := make([]bool, len(ticks))
		for i, ch := range ticks {
			wg.Go(func() { reports[i] = w.tickOn(ch).Skipped })
		}
		wg.Wait()
		if !reports[0] && !reports[1] {
			t.Errorf("both replicas ticked the minute %v", w.clock.Now())
		}
		for _, u := range []*user{a, b} {
			u.expect(reminder(ahead-time.Minute, p.title, 1, 1))
		}
	}
	counts := []int{len(w.tg.Messages(a.id)), len(w.tg.Messages(b.id))}
	w.clock.Set(start.Add(-time.Hour))
	for _, ch := range ticks {
		w.tickOn(ch)
	}
	w.nothingNew(counts, a, b)
	for _, u := range []*user{a, b} {
		for _, ahead := range reminderTimes {
			head := firstLine(reminder(ahead-time.Minute, p.title, 1, 1))
			if n := u.count(head); n != 1 {
				t.Errorf("user %d got %q %d times", u.id, head, n)
			}
		}
	}
}

// TestClassBadInputEndToEnd tries what goes wrong at the class steps: a
// sticker, words the date reader cannot read, a date not on the calendar,
// a date and a time already past; owners pressing a forged staff button or
// a button of a class that does not exist. Each gets a friendly answer and
// the conversation goes on.
func TestClassBadInputEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	staff.sends("/kelasbaru")
	level := staff.expect(begin(kt(flows.KbAskLevel)))
	w.tg.UserSendsSticker(staff.id)
	staff.expect(kt(flows.MsgUnreadable))
	staff.expect(begin(kt(flows.KbAskLevel)))
	staff.sends("kelas apa saja")
	staff.expect(kt(flows.MsgChooseButton))
	staff.press(plain(flows.LevelName(id, ikmbot.Readiness(), ikmbot.LevelPemula)))
	staff.expect(begin(kt(flows.KbAskStage)))
	staff.press(kt(flows.KbStageLabel, "1"))
	staff.expect(begin(kt(flows.KbAskYear)))
	staff.press("2026")
	staff.expect(begin(kt(flows.KbAskTitle)))
	staff.sends("Kelas Ekspor Pemula Mesuji")
	staff.expect(begin(kt(flows.KbAskCapacity)))
	staff.sends("banyak")
	staff.expect(kt(flows.KbErrCapacity, 60))
	staff.sends("25")
	staff.expect(begin(kt(flows.KbAskFree)))
	staff.press(kt(flows.KbFreeNo))
	staff.expect(begin(kt(flows.KbAskDate, 1)))

	askDate := begin(kt(flows.KbAskDate, 1))
	for _, tt := range []struct {
		send func()
		want string
	}{
		{func() { w.tg.UserSendsSticker(staff.id) }, kt(flows.MsgUnreadable)},
		{func() { staff.sends("besok lusa") }, kt(flows.DateFormat)},
		{func() { staff.sends("31-02-2027") }, kt(flows.DateNotExist, "31-02-2027")},
		{func() { staff.sends("30-10-2026") }, kt(flows.KbErrPast, "02-11-2026")},
		{func() { w.tg.UserPressedForged(staff.id, level.ID, level.Buttons[0][0].Data) }, kt(flows.MsgStaleButton)},
	} {
		tt.send()
		staff.expect(tt.want)
		staff.expect(askDate)
	}
	staff.sends("02-11-2026") // today, but 08.00 has passed at 09.00
	staff.expect(begin(kt(flows.KbAskTime, 1)))
	staff.sends("08.00")
	staff.expect(kt(flows.KbErrTimePast, 9, 0))
	staff.sends("25.00")
	staff.expect(kt(flows.ClockNotExist, "25.00"))
	staff.sends("15.00")
	staff.expect(begin(kt(flows.KbAskMinutes, 1)))
	staff.sends("sebentar")
	staff.expect(kt(flows.KbErrMinutes, 15, 600))
	staff.sends("90 menit")
	staff.expect(begin(kt(flows.KbAskPlace, 1)))
	staff.sends("Aula Disperindag, Bandar Lampung")
	staff.expect(begin(kt(flows.KbAskMore, 1, "")))
	staff.press(kt(flows.KbMoreNo))
	staff.expect(begin(kt(flows.KbAskNote)))
	staff.press(kt(flows.KbNoNote))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	code := expectCreated(staff, "Kelas Ekspor Pemula Mesuji")

	// An owner half way through sign-up forges the staff's buttons, then
	// a button of a class that does not exist: refused, and sign-up goes on.
	u := w.user()
	u.sends("/daftar")
	first := u.expect(step(id, 1))
	answers := signUpSteps(u)
	answers[0]()
	u.expect(step(id, 2))
	for _, forged := range []string{"ks:l", "ks:n", "ks:v:" + code, "ks:X:" + code, "ks:p:" + code + ":0:" + strconv.FormatInt(u.id, 10) + ":1"} {
		w.tg.UserPressedForged(u.id, first.ID, forged)
		u.expect(kt(flows.MsgNotAllowed))
	}
	for i := 1; i < len(answers); i++ {
		answers[i]()
		if i+2 <= 11 {
			u.expect(step(id, i+2))
		}
	}
	u.expect(begin(kt(flows.SuSummary, "")))
	u.press(kt(flows.SuSave))
	u.expect(begin(kt(flows.SuSaved, "Siti Rahayu")))
	for _, stale := range []string{"k:v:2026-1-99", "k:e:2026-1-99", "k:Q:2026-2-7", "k:e:nonsense"} {
		w.tg.UserPressedForged(u.id, first.ID, stale)
		m := u.expect(kt(flows.KlNotFound))
		if !hasButton(m, kt(flows.BtnKlList)) {
			t.Errorf("%s: the refusal has no way back to the list: %v", stale, m.Buttons)
		}
	}
	u.press(kt(flows.BtnKlList))
	u.expectButton(oneMeeting("Kelas Ekspor Pemula Mesuji", 25).label(0))

	// The forged cancel did nothing: the class is still open.
	staff.sends("/kelas")
	staff.expectButton(classPlan{title: "Kelas Ekspor Pemula Mesuji", capacity: 25}.staffLabel(ikmbot.ClassOpen, 0))
}

// TestNudgesEndToEnd: an owner who stops half way through sign-up is
// nudged after a day, with a button that continues at the same question,
// and once more after three days, never a third time; an owner who
// finished is not nudged.
func TestNudgesEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	finished := w.owner("Keripik Pisang Metro")
	cancelled := w.user()
	cancelled.sends("/daftar")
	cancelled.expect(step(id, 1))
	cancelled.press(kt(flows.SuAgree))
	cancelled.expect(step(id, 2))
	cancelled.sends("/batal")
	cancelled.expect(kt(flows.MsgCancelled))
	checking := w.owner("Lada Hitam Lampung Barat")
	checking.press(kt(flows.BtnCheck))
	q1 := checking.expect(plain(kt(flows.MsgProgress, 1, 15)))
	checking.press(q1.Buttons[0][0].Text)
	checking.expect(plain(kt(flows.MsgProgress, 2, 15)))
	stopped := w.user()
	stopped.sends("/daftar")
	stopped.expect(step(id, 1))
	answers := signUpSteps(stopped)
	for i := range 4 {
		answers[i]()
		stopped.expect(step(id, i+2))
	}
	nudge := kt(flows.NuSignUp)

	w.nothingAt(monday.Add(23*time.Hour), stopped, finished, cancelled, checking)
	w.at(monday.Add(25 * time.Hour))
	m := stopped.expect(nudge)
	if !hasButton(m, kt(flows.BtnContinue)) {
		t.Fatalf("the nudge has no button to continue: %v", m.Buttons)
	}
	checking.expect(kt(flows.NuCheck))
	stopped.press(kt(flows.BtnContinue))
	stopped.expect(kt(flows.MsgResume))
	stopped.expect(step(id, 5))
	checking.press(kt(flows.BtnContinue))
	checking.expect(kt(flows.MsgResume))
	checking.expect(plain(kt(flows.MsgProgress, 2, 15)))

	w.nothingAt(monday.Add(50*time.Hour), stopped, finished, cancelled, checking)
	w.at(monday.Add(3*24*time.Hour + time.Hour))
	w.at(monday.Add(3*24*time.Hour + 26*time.Hour)) // three days after the tap on the button at the latest
	stopped.expect(nudge)
	checking.expect(kt(flows.NuCheck))
	for _, at := range []time.Duration{6 * 24 * time.Hour, 10 * 24 * time.Hour, 30 * 24 * time.Hour} {
		w.nothingAt(monday.Add(at), stopped, finished, cancelled, checking)
	}
	if n := stopped.count(nudge); n != 2 {
		t.Errorf("nudged %d times, want 2; the chat:\n%s", n, stopped.chat())
	}
	if n := checking.count(kt(flows.NuCheck)); n != 2 {
		t.Errorf("nudged to finish the check %d times, want 2; the chat:\n%s", n, checking.chat())
	}

	// The owner comes back a month later and finishes where they were.
	answers[4]()
	stopped.expect(step(id, 6))
}

// TestReminderWaitsForMorning: with only the 2-hour reminder configured, a
// reminder falling due at 06.00 waits for 07.00, while one whose meeting
// begins before 07.00 is sent at night rather than too late.
func TestReminderWaitsForMorning(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start(func(c *Config) { c.ClassReminders = []time.Duration{2 * time.Hour} })
	p := classPlan{level: ikmbot.LevelPemula, title: "Kelas Ekspor Pemula Kebun Kopi", capacity: 10,
		meetings: []meeting{
			{start: nov(17, 8, 0), hours: 1, place: "Aula Disperindag, Bandar Lampung"},
			{start: nov(18, 6, 30), hours: 2, place: "Kebun kopi Pekon Air Naningan, Tanggamus"},
		}}
	createClass(staff, p)
	u := w.owner("Kopi Tanggamus Jaya")
	enrol(u, p, 0)

	w.nothingAt(nov(17, 6, 1), u) // due at 06.00, quiet until 07.00
	w.at(nov(17, 7, 1))
	u.expect(reminder(p.meetings[0].start.Sub(w.clock.Now()), p.title, 1, 2))
	w.at(nov(18, 4, 31)) // due at 04.30; 07.00 would be after the meeting began
	u.expect(reminder(p.meetings[1].start.Sub(w.clock.Now()), p.title, 2, 2))
	w.nothingAt(nov(18, 7, 1), u)
}

// TestDeclinedSeatGoesToWaitingList: in a class whose declined seats go to
// the waiting list, an owner who cannot come is offered to give up their
// seat; when they do, the first waiter gets it, is told, and is reminded
// from then on instead of them.
func TestDeclinedSeatGoesToWaitingList(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Lampung Selatan", 1)
	p.free = true
	createClass(staff, p)
	seated, waiter := w.owner("Kopi Tanggamus Jaya"), w.owner("Keripik Pisang Metro")
	enrol(seated, p, 0)
	waiter.sends("/kelas")
	waiter.expectButton(p.label(1))
	waiter.press(p.label(1))
	waiter.expectButton(kt(flows.BtnKlWait))
	waiter.press(kt(flows.BtnKlWait))
	waiter.expect(begin(kt(flows.KlWaiting, p.title)))

	start := p.meetings[0].start
	w.at(start.Add(-7*24*time.Hour + time.Minute))
	seated.expect(reminder(7*24*time.Hour, p.title, 1, 1))
	seated.press(kt(flows.BtnKlNotComing))
	seated.expect(kt(flows.KlThanksNot, 1))
	offer := seated.expect(kt(flows.KlOfferSeat))
	if !hasButton(offer, kt(flows.BtnKlLeave)) || !hasButton(offer, kt(flows.BtnKlKeep)) {
		t.Fatalf("the offer lacks its buttons: %v", offer.Buttons)
	}
	if n := waiter.count(firstLine(reminder(7*24*time.Hour, p.title, 1, 1))); n != 0 {
		t.Errorf("an owner on the waiting list was reminded")
	}
	seated.press(kt(flows.BtnKlLeave))
	seated.expect(begin(kt(flows.KlLeft, p.title)))
	waiter.expect(begin(kt(flows.KlPromoted, p.title, "")))

	w.at(start.Add(-24*time.Hour + time.Minute))
	waiter.expect(reminder(23*time.Hour, p.title, 1, 1))
	w.nothingNew([]int{len(w.tg.Messages(seated.id))}, seated)
	if n := seated.count(firstLine(reminder(23*time.Hour, p.title, 1, 1))); n != 0 {
		t.Errorf("the owner who gave up the seat was still reminded")
	}
}

// TestFinishWithoutAttendance: when the last meeting is over and staff
// recorded no attendance, the class's creator is asked to; once they do,
// the finish button on the roster completes the class, and only once.
func TestFinishWithoutAttendance(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Lampung Tengah", 0)
	createClass(staff, p)
	u := w.owner("Kopi Tanggamus Jaya")
	enrol(u, p, 0)

	w.clock.Set(p.ends().Add(-time.Hour)) // the reminders before, all dropped
	w.tick()
	w.at(p.ends().Add(24*time.Hour + time.Minute)) // a day after the last meeting
	ask := staff.expect(kt(flows.KlFinishNoAttendance, p.title))
	if !hasButton(ask, kt(flows.BtnKlRoster)) {
		t.Fatalf("the request has no way to the roster: %v", ask.Buttons)
	}
	staff.press(kt(flows.BtnKlRoster))
	staff.expectButton(kt(flows.BtnKlFinish))
	staff.press(kt(flows.BtnKlAttendance, 1))
	staff.expect(firstLine(kt(flows.KlAttendance, p.title, 1, p.when(1))))
	staff.toggle("▫️ Kopi Tanggamus Jaya", "✅ Kopi Tanggamus Jaya")
	staff.press(kt(flows.BtnKlRoster))
	staff.expectButton(kt(flows.BtnKlFinish))
	staff.press(kt(flows.BtnKlFinish))
	staff.expect(kt(flows.KlFinishDone, 1, 1, p.title, 1, 1))
	u.expect(begin(kt(flows.KlCompleted, p.title)))
	staff.press(kt(flows.BtnKlFinish)) // the old roster's button again: run again, nobody congratulated twice
	staff.expect(kt(flows.KlFinishDone, 1, 1, p.title, 1, 1))
	if n := u.count(begin(kt(flows.KlCompleted, p.title))); n != 1 {
		t.Errorf("congratulated %d times", n)
	}
}

// TestMovedMeetingAsksDeclinedOwnerAgain: an owner who could not come on
// the old date is asked again about the new one. Their "Tidak bisa hadir"
// was about a date the meeting no longer has.
func TestMovedMeetingAsksDeclinedOwnerAgain(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	p := oneMeeting("Kelas Ekspor Pemula Tanggamus Barat", 0)
	createClass(staff, p)
	u := w.owner("Kopi Tanggamus Jaya")
	enrol(u, p, 0)
	w.at(p.meetings[0].start.Add(-7*24*time.Hour + time.Minute))
	u.expect(reminder(7*24*time.Hour, p.title, 1, 1))
	u.press(kt(flows.BtnKlNotComing))
	u.expect(kt(flows.KlThanksNot, 1))

	moveMeeting(staff, p, "18-11-2026", "13.00", 1)
	p.meetings[0].start = nov(18, 13, 0)
	u.expect(begin(kt(flows.KlMeetingMoved, p.title, 1, "", "")))
	r := roster(staff, p, ikmbot.ClassOpen, 1)
	if line := rosterLine(t, r.Text, "Kopi Tanggamus Jaya"); !strings.HasSuffix(line, "▫️") {
		t.Errorf("after the move the roster still shows the answer about the old date: %q", line)
	}
	w.at(p.meetings[0].start.Add(-7*24*time.Hour + time.Minute))
	u.expect(reminder(7*24*time.Hour, p.title, 1, 1))
}

// moveMeeting changes meeting 1's date and start from the class's roster
// and waits for the confirmation, told being how many owners are enrolled
// and told.
func moveMeeting(staff *user, p classPlan, date, clock string, told int) {
	staff.w.t.Helper()
	roster(staff, p, ikmbot.ClassOpen, told)
	staff.press(kt(flows.BtnKlEditMeeting, 1))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuEditPrefix, kt(flows.KmFieldDate)))
	staff.expect(begin(kt(flows.KmAskDate, 1)))
	staff.sends(date)
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuEditPrefix, kt(flows.KmFieldTime)))
	staff.expect(begin(kt(flows.KmAskTime, 1)))
	staff.sends(clock)
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	staff.expect(kt(flows.KlMeetingUpdated, 1, told))
}

// TestEditAtNightKeepsWaitingReminder: a reminder that fell due in quiet
// hours waits for the morning; staff changing another meeting of the class
// in the meantime must not lose it.
func TestEditAtNightKeepsWaitingReminder(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	// An online class in the evening, when owners are free: its 7-day
	// reminder falls due at 21.00, in quiet hours.
	p := classPlan{level: ikmbot.LevelPemula, title: "Kelas Ekspor Pemula Daring", capacity: 30,
		meetings: []meeting{
			{start: nov(16, 21, 0), hours: 1, place: "https://meet.google.com/abc-defg-hij"},
			{start: nov(23, 21, 0), hours: 1, place: "https://meet.google.com/abc-defg-hij"},
		}}
	createClass(staff, p)
	u := w.owner("Kopi Tanggamus Jaya")
	enrol(u, p, 0)

	w.nothingAt(nov(9, 21, 1), u) // waits for 07.00 tomorrow
	w.clock.Set(nov(9, 21, 30))
	// Staff move meeting 2 an hour earlier.
	roster(staff, p, ikmbot.ClassOpen, 1)
	staff.press(kt(flows.BtnKlEditMeeting, 2))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuEditPrefix, kt(flows.KmFieldTime)))
	staff.expect(begin(kt(flows.KmAskTime, 2)))
	staff.sends("20.00")
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	staff.expect(kt(flows.KlMeetingUpdated, 2, 1))
	u.expect(begin(kt(flows.KlMeetingMoved, p.title, 2, "", "")))

	w.at(nov(10, 7, 1))
	u.expect(reminder(p.meetings[0].start.Sub(w.clock.Now()), p.title, 1, 2))
}
