package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// staff makes a person with the staff role.
func (e *env) staff() *person {
	e.t.Helper()
	p := e.person()
	if err := e.store.SetRole(context.Background(), p.id, ikmbot.RoleStaff); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// createClass walks the staff's conversation for a class with one 2-hour
// meeting at 10.00 WIB on date (dd-mm-yyyy) and the given capacity, and
// returns the class saved.
func (p *person) createClass(title, date, capacity string, freeOnDecline bool) ikmbot.Class {
	p.e.t.Helper()
	t := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	p.command("kelasbaru", "")
	p.pressLabel(flows.LevelName("id", ikmbot.Readiness(), ikmbot.LevelPemula))
	p.pressLabel(t(flows.KbStageLabel, "1"))
	p.pressLabel("2026")
	p.text(title)
	p.text(capacity)
	if freeOnDecline {
		p.pressLabel(t(flows.KbFreeYes))
	} else {
		p.pressLabel(t(flows.KbFreeNo))
	}
	p.text(date)
	p.text("10.00")
	p.pressLabel(t(flows.KbHours, "2"))
	p.text("Aula Disperindag Lampung")
	p.pressLabel(t(flows.KbMoreNo))
	p.pressLabel(t(flows.KbNoNote))
	p.pressLabel(t(flows.SuSave))
	p.mustSee(begin(t(flows.KlCreated, title, unknown)))
	list, err := p.e.store.Classes(context.Background(), time.Time{})
	if err != nil {
		p.e.t.Fatal(err)
	}
	for _, c := range list {
		if c.Title == title {
			return c
		}
	}
	p.e.t.Fatalf("class %q not stored", title)
	return ikmbot.Class{}
}

// unknown stands for an argument a test cannot know (a class id): begin
// cuts a catalog text there.
const unknown = "\x00"

// begin is a catalog text up to its first unknown argument.
func begin(s string) string {
	before, _, _ := strings.Cut(s, unknown)
	return before
}

// to returns the messages of out addressed to chat.
func to(out []ikmbot.Message, chat int64) []ikmbot.Message {
	var got []ikmbot.Message
	for _, m := range out {
		if m.ChatID == chat {
			got = append(got, m)
		}
	}
	return got
}

func TestClassEnrolWaitLeavePromote(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	cl := staff.createClass("Ekspor Kopi Dasar", "10-12-2026", "1", false)
	if cl.Capacity != 1 || cl.Status != ikmbot.ClassOpen || cl.CreatedBy != staff.id {
		t.Fatalf("class saved as %+v", cl)
	}
	want := time.Date(2026, 12, 10, 3, 0, 0, 0, time.UTC) // 10.00 WIB
	if got := cl.Meetings[0].Start; !got.Equal(want) {
		t.Errorf("meeting starts %v, want %v", got, want)
	}
	// Three reminders and the completion are scheduled.
	due, err := e.store.DueItems(context.Background(), want.Add(48*time.Hour), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, d := range due {
		if strings.HasPrefix(d.ID, cl.ID+":") {
			kinds[d.Kind]++
		}
	}
	if kinds[DueClassReminder] != 3 || kinds[DueClassEnd] != 1 {
		t.Errorf("scheduled %v, want 3 reminders and 1 completion", kinds)
	}

	a, b := e.person(), e.person()
	a.signUp()
	b.signUp()
	a.command("kelas", "")
	a.mustSee(flows.T("id", flows.KlListAll)) // no level yet: every level
	a.pressLabel(flows.ClassButton("id", cl, 0))
	a.pressLabel(flows.T("id", flows.BtnKlEnrol))
	a.mustSee(flows.T("id", flows.KlEnrolled, cl.Title))
	a.mustSee(flows.T("id", flows.KlYouEnrolled))
	// A repeated tap of the old button is one enrolment.
	a.press(classData(actClassEnrol, cl.ID))
	a.mustSee(flows.T("id", flows.KlEnrolled, cl.Title))

	b.command("kelas", "")
	b.pressLabel(flows.ClassButton("id", cl, 1))
	b.pressLabel(flows.T("id", flows.BtnKlWait))
	b.mustSee(flows.T("id", flows.KlWaiting, cl.Title))
	// A tap on a stale "Daftar" of a full class offers the waiting list.
	late := e.person()
	late.signUp()
	late.press(classData(actClassEnrol, cl.ID))
	late.mustSee(flows.T("id", flows.KlFull, cl.Title))

	a.pressLabel(flows.T("id", flows.BtnKlLeave))
	a.mustSee(flows.T("id", flows.KlLeaveConfirm, cl.Title))
	out := a.pressLabel(flows.T("id", flows.BtnKlLeaveYes))
	a.mustSee(flows.T("id", flows.KlLeft, cl.Title))
	told := to(out, b.id)
	if len(told) != 1 || !strings.HasPrefix(told[0].Text, begin(flows.T("id", flows.KlPromoted, cl.Title, unknown))) || !told[0].Bulk {
		t.Fatalf("the waiter was told %+v, want the promotion on the bulk lane", told)
	}
	seats, err := e.store.SeatOf(context.Background(), b.id)
	if err != nil || seats[cl.ID] != ikmbot.SeatEnrolled {
		t.Errorf("waiter's seats = %v, %v; want enrolled in %s", seats, err, cl.ID)
	}

	// Staff see the roster with business and phone.
	staff.command("kelas", "")
	staff.pressLabel(flows.T("id", flows.KlStaffButton, cl.Title, flows.StatusName("id", cl.Status), 1, 1))
	staff.mustSee("Kopi Jaya — Siti Rahayu, +6281234567890")
}

func TestClassOnePerTermAndForgedButtons(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	first := staff.createClass("Kelas Pertama", "10-12-2026", "20", false)
	second := staff.createClass("Kelas Kedua", "11-12-2026", "20", false)
	o := e.person()
	o.signUp()
	o.press(classData(actClassEnrol, first.ID))
	o.mustSee(flows.T("id", flows.KlEnrolled, first.Title))
	o.press(classData(actClassEnrol, second.ID))
	o.mustSee(flows.T("id", flows.KlOtherClass, first.Title))

	// An owner's taps on staff buttons, forged or old, are refused.
	for _, data := range []string{staffData(actStaffCancelYes, first.ID), staffData(actStaffRoster, first.ID), cbNewClass,
		staffData(actStaffMark, first.ID, "0", "1", "1")} {
		o.press(data)
		o.mustSee(flows.T("id", flows.MsgNotAllowed))
	}
	if cl, err := e.store.Class(context.Background(), first.ID); err != nil || cl.Status != ikmbot.ClassOpen {
		t.Errorf("after forged taps the class is %+v, %v", cl.Status, err)
	}
	// Unknown and malformed class buttons get a friendly answer.
	for data, want := range map[string]string{
		classData(actClassEnrol, "2026-1-999"):            flows.T("id", flows.KlNotFound),
		classData(actClassEnrol, "../x"):                  flows.T("id", flows.KlNotFound),
		classData("zz", first.ID):                         flows.T("id", flows.MsgStaleButton),
		"k:":                                              flows.T("id", flows.MsgStaleButton),
		classData(actClassAnswer, first.ID, "9", "y"):     flows.T("id", flows.MsgStaleButton),
		classData(actClassAnswer, first.ID, "0", "maybe"): flows.T("id", flows.MsgStaleButton),
		staffData(actStaffRoster, "2026-1-999"):           flows.T("id", flows.MsgNotAllowed),
	} {
		o.press(data)
		o.mustSee(want)
	}
	staff.press(staffData(actStaffEdit, first.ID, "7"))
	staff.mustSee(flows.T("id", flows.MsgStaleButton))
	staff.press(staffData(actStaffRoster, "2026-1-999"))
	staff.mustSee(flows.T("id", flows.KlNotFound))
}

// reminderOf returns the class's reminder for its first meeting, due
// before it by before.
func reminderOf(t *testing.T, e *env, cl ikmbot.Class, before time.Duration) ikmbot.Due {
	t.Helper()
	for _, d := range e.r.classDues(cl, e.now) {
		if d.Kind == DueClassReminder && d.At.Equal(cl.Meetings[0].Start.Add(-before)) {
			return d
		}
	}
	t.Fatalf("no reminder %v before %s", before, cl.ID)
	return ikmbot.Due{}
}

func TestReminderAnswersAndDeclinedSeat(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	cl := staff.createClass("Kelas Pengingat", "10-12-2026", "1", true)
	a, b := e.person(), e.person()
	a.signUp()
	b.signUp()
	a.press(classData(actClassEnrol, cl.ID))
	b.press(classData(actClassWait, cl.ID))
	b.mustSee(flows.T("id", flows.KlWaiting, cl.Title))

	d := reminderOf(t, e, cl, 24*time.Hour)
	e.now = d.At
	msgs, err := e.r.FireClassReminder(context.Background(), d, e.now)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].ChatID != a.id || !strings.Contains(msgs[0].Text, flows.T("id", flows.KlTomorrow)) {
		t.Fatalf("reminder = %+v, want one to the enrolled owner saying tomorrow", msgs)
	}
	a.last = msgs
	a.pressLabel(flows.T("id", flows.BtnKlNotComing))
	a.mustSee(flows.T("id", flows.KlThanksNot, 1))
	a.mustSee(flows.T("id", flows.KlOfferSeat))
	out := a.pressLabel(flows.T("id", flows.BtnKlLeave))
	if len(to(out, b.id)) != 1 {
		t.Errorf("giving the seat away told the waiter %+v", to(out, b.id))
	}
	// b now holds the seat and can answer; a cannot any more.
	b.press(classData(actClassAnswer, cl.ID, "0", classAnswerYes))
	b.mustSee(flows.T("id", flows.KlThanksComing, 1))
	a.press(classData(actClassAnswer, cl.ID, "0", classAnswerYes))
	a.mustSee(flows.T("id", flows.KlNotInClass))
	staff.press(staffData(actStaffRoster, cl.ID))
	staff.mustSee("+6281234567890 ✅")

	// A reminder for a meeting that has moved since, or of a cancelled
	// class, sends nothing.
	stale := d
	stale.ID = reminderID(cl.ID, 0, 24*time.Hour, cl.Meetings[0].Start.Add(time.Hour))
	if msgs, err := e.r.FireClassReminder(context.Background(), stale, e.now); err != nil || len(msgs) != 0 {
		t.Errorf("reminder of a moved meeting = %+v, %v", msgs, err)
	}
	staff.press(staffData(actStaffCancel, cl.ID))
	out = staff.pressLabel(flows.T("id", flows.BtnKlCancelYes))
	staff.mustSee(flows.T("id", flows.KlCancelDone, cl.Title, 1))
	if got := to(out, b.id); len(got) != 1 || got[0].Text != flows.T("id", flows.KlCancelledNotice, cl.Title) {
		t.Errorf("the enrolled owner was told %+v", got)
	}
	if msgs, err := e.r.FireClassReminder(context.Background(), d, e.now); err != nil || len(msgs) != 0 {
		t.Errorf("reminder of a cancelled class = %+v, %v", msgs, err)
	}
	due, err := e.store.DueItems(context.Background(), cl.Ends().Add(time.Hour), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range due {
		if strings.HasPrefix(d.ID, cl.ID+":") {
			t.Errorf("due item %s left after cancelling", d.Key())
		}
	}
}

func TestAttendanceAndCompletion(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	cl := staff.createClass("Kelas Selesai", "10-12-2026", "20", false)
	came, absent := e.person(), e.person()
	came.signUp()
	absent.signUp()
	came.press(classData(actClassEnrol, cl.ID))
	absent.press(classData(actClassEnrol, cl.ID))

	// Before any attendance, completion asks for it.
	e.now = cl.Ends().Add(time.Minute)
	end := ikmbot.Due{Kind: DueClassEnd, ID: cl.ID + ":1"}
	msgs, err := e.r.FireClassEnd(context.Background(), end, e.now)
	if err != nil || len(msgs) != 1 || msgs[0].ChatID != staff.id || msgs[0].Text != flows.T("id", flows.KlFinishNoAttendance, cl.Title) {
		t.Fatalf("completion without attendance = %+v, %v", msgs, err)
	}

	staff.press(staffData(actStaffAttend, cl.ID, "0"))
	staff.press(staffData(actStaffMark, cl.ID, "0", itoa(came.id), "1"))
	if m := staff.last[0]; !strings.Contains(m.Buttons[0][0].Text, "✅") {
		t.Errorf("after marking, the first button reads %q", m.Buttons[0][0].Text)
	}
	staff.press(staffData(actStaffMark, cl.ID, "0", itoa(absent.id), "0"))
	msgs, err = e.r.FireClassEnd(context.Background(), end, e.now)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].Text != flows.T("id", flows.KlFinishDone, 1, 2, cl.Title, 1, 1) {
		t.Fatalf("completion = %+v", msgs)
	}
	if msgs[1].ChatID != came.id || msgs[1].Text != flows.T("id", flows.KlCompleted, cl.Title) {
		t.Errorf("congratulated %+v, want owner %d", msgs[1], came.id)
	}
	roster, err := e.store.Roster(context.Background(), cl.ID)
	if err != nil || !roster.Completed[came.id] || roster.Completed[absent.id] {
		t.Errorf("completed = %v, %v", roster.Completed, err)
	}
	// Once finished, a second run changes nothing.
	if msgs, err := e.r.FireClassEnd(context.Background(), end, e.now); err != nil || len(msgs) != 0 {
		t.Errorf("second completion = %+v, %v", msgs, err)
	}
}

func TestMinAttendance(t *testing.T) {
	for n, want := range map[int]int{1: 1, 2: 2, 3: 2, 4: 3, 5: 4, 6: 4} {
		if got := minAttendance(n); got != want {
			t.Errorf("minAttendance(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestNudgesFollowTheConversation(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	o := e.person()
	o.command("daftar", "")
	o.pressLabel(flows.T("id", flows.SuAgree))
	o.text("Siti Rahayu")
	nudges := func(at time.Time) []ikmbot.Due {
		t.Helper()
		due, err := e.store.DueItems(ctx, at, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var out []ikmbot.Due
		for _, d := range due {
			if d.Kind == DueNudge && d.Target == o.id {
				out = append(out, d)
			}
		}
		return out
	}
	got := nudges(e.now.Add(73 * time.Hour))
	if len(got) != 2 || !got[0].At.Equal(e.now.Add(24*time.Hour)) || !got[1].At.Equal(e.now.Add(72*time.Hour)) {
		t.Fatalf("nudges = %+v, want after 1 and 3 days", got)
	}
	e.now = e.now.Add(25 * time.Hour)
	msgs, err := e.r.FireNudge(ctx, got[0], e.now)
	if err != nil || len(msgs) != 1 || msgs[0].Text != flows.T("id", flows.NuSignUp) {
		t.Fatalf("nudge = %+v, %v", msgs, err)
	}
	o.last = msgs
	o.pressLabel(flows.T("id", flows.BtnContinue))
	o.mustSee(flows.T("id", flows.MsgProgress, 3, len(flows.SignUp.Steps)-1)) // where they stopped

	// Finishing takes the nudges away; a nudge found anyway sends nothing.
	o.text("0812 3456 7890")
	o.text("Kopi Jaya")
	o.pressLabel(flows.T("id", flows.SuNoNIB))
	o.pressLabel("Metro")
	o.pressLabel("Kopi")
	o.text("kopi bubuk")
	o.pressLabel(flows.T("id", flows.SuWorkersLabel, "1-4"))
	o.text("100 kg")
	o.pressLabel(flows.T("id", flows.SuExportNever))
	o.pressLabel(flows.T("id", flows.SuSave))
	if left := nudges(e.now.Add(100 * time.Hour)); len(left) != 0 {
		t.Errorf("nudges left after sign-up: %+v", left)
	}
	if msgs, err := e.r.FireNudge(ctx, got[1], e.now.Add(72*time.Hour)); err != nil || len(msgs) != 0 {
		t.Errorf("nudge after sign-up = %+v, %v", msgs, err)
	}
}

func TestDeleteDataGivesSeatToWaiter(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	cl := staff.createClass("Kelas Hapus", "10-12-2026", "1", false)
	a, b := e.person(), e.person()
	a.signUp()
	b.signUp()
	a.press(classData(actClassEnrol, cl.ID))
	b.press(classData(actClassWait, cl.ID))
	a.command("hapusdata", "")
	out := a.pressLabel(flows.T("id", flows.DelYes))
	a.mustSee(flows.T("id", flows.DelDone))
	if len(to(out, b.id)) != 1 {
		t.Errorf("the waiter was told %+v", to(out, b.id))
	}
	if seats, _ := e.store.SeatOf(context.Background(), a.id); len(seats) != 0 {
		t.Errorf("deleted owner still in %v", seats)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestNoReminderAfterCannotComeAndMyClassesListed(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	cl := staff.createClass("Kelas Saya", "10-12-2026", "20", false)
	yes, no := e.person(), e.person()
	yes.signUp()
	no.signUp()
	yes.press(classData(actClassEnrol, cl.ID))
	no.press(classData(actClassEnrol, cl.ID))
	no.press(classData(actClassAnswer, cl.ID, "0", classAnswerNo))

	d := reminderOf(t, e, cl, 2*time.Hour)
	e.now = d.At
	msgs, err := e.r.FireClassReminder(context.Background(), d, e.now)
	if err != nil || len(msgs) != 1 || msgs[0].ChatID != yes.id {
		t.Errorf("2-hour reminder = %+v, %v; want only the owner who did not decline", msgs, err)
	}

	// Staff close enrolment: the class leaves the open list but stays
	// under the owner's own classes, with a way to its page.
	e.now = time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC)
	staff.press(staffData(actStaffClose, cl.ID))
	staff.mustSee(flows.T("id", flows.KlClosedDone, cl.Title))
	yes.command("kelas", "")
	yes.mustSee(flows.T("id", flows.KlMineEnrolled, cl.Title))
	yes.pressLabel(flows.T("id", flows.KlMineEnrolled, cl.Title))
	yes.mustSee(flows.T("id", flows.KlYouEnrolled))
	yes.pressLabel(flows.T("id", flows.BtnKlLeave))
	yes.pressLabel(flows.T("id", flows.BtnKlLeaveYes))
	yes.mustSee(flows.T("id", flows.KlLeft, cl.Title))
	// Closed: nobody new gets in.
	late := e.person()
	late.signUp()
	late.press(classData(actClassEnrol, cl.ID))
	late.mustSee(flows.T("id", flows.KlNotOpen))
}

func TestUnchangedMeetingTellsNobodyAndOverClassCannotBeLeft(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	cl := staff.createClass("Kelas Tetap", "10-12-2026", "20", false)
	o := e.person()
	o.signUp()
	o.press(classData(actClassEnrol, cl.ID))
	staff.press(staffData(actStaffEdit, cl.ID, "0"))
	out := staff.pressLabel(flows.T("id", flows.SuSave))
	if len(to(out, o.id)) != 0 {
		t.Errorf("saving a meeting unchanged told the owner %+v", to(out, o.id))
	}
	e.now = cl.Ends().Add(time.Hour)
	o.press(classData(actClassLeft, cl.ID))
	o.mustSee(flows.T("id", flows.KlClassOver))
	if seats, _ := e.store.SeatOf(context.Background(), o.id); seats[cl.ID] != ikmbot.SeatEnrolled {
		t.Errorf("an owner left a class that is over: %v", seats)
	}
}

func TestStaffListShowsCurrentClassesFirst(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	staff := e.staff()
	save := func(title string, start time.Time) ikmbot.Class {
		t.Helper()
		id, err := e.store.NextClassID(ctx, 2026, 2)
		if err != nil {
			t.Fatal(err)
		}
		cl := ikmbot.Class{ID: id, Level: ikmbot.LevelPemula, Stage: 2, Year: 2026, Title: title, Capacity: 20,
			Status: ikmbot.ClassOpen, Meetings: []ikmbot.Meeting{{Start: start, Minutes: 60, Place: "Aula"}}}
		if err := e.store.SaveClass(ctx, cl, nil, nil); err != nil {
			t.Fatal(err)
		}
		return cl
	}
	// More classes over than the list holds, and one still to come.
	for i := range maxStaffList + 2 {
		save(fmt.Sprintf("Kelas Lalu %02d", i), e.now.Add(-time.Duration(30-i)*24*time.Hour))
	}
	coming := save("Kelas Mendatang", e.now.Add(7*24*time.Hour))
	staff.command("kelas", "")
	buttons := staff.last[0].Buttons
	if first := buttons[0][0].Text; !strings.HasPrefix(first, coming.Title) {
		t.Errorf("first class listed = %q, want the one to come", first)
	}
	if second := buttons[1][0].Text; !strings.HasPrefix(second, fmt.Sprintf("Kelas Lalu %02d", maxStaffList+1)) {
		t.Errorf("second class listed = %q, want the latest one over", second)
	}
}
