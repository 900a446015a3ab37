package handlers

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/reminders"
	"ikmbot/storage"
)

// The store cmd wires has what a mentor's list and prompts ask.

// mmDay is a day of the clock.
const mmDay = 24 * time.Hour

func mmT(k flows.Key, args ...any) string { return flows.T("id", k, args...) }

// mmOwner signs up the owner of business in region (its button label),
// phone 0812 3456 7890.
func (e *env) mmOwner(business, region string) *person {
	e.t.Helper()
	p := e.person()
	p.command("daftar", "")
	p.pressLabel(mmT(flows.SuAgree))
	p.text("Siti Rahayu")
	p.text("0812 3456 7890")
	p.text(business)
	p.pressLabel(mmT(flows.SuNoNIB))
	p.pressLabel(region)
	p.pressLabel("Kopi")
	p.text("kopi bubuk")
	p.pressLabel(mmT(flows.SuWorkersLabel, "1-4"))
	p.text("100 kg")
	p.pressLabel(mmT(flows.SuExportNever))
	p.pressLabel(mmT(flows.SuSave))
	p.mustSee(mmT(flows.SuSaved, "Siti Rahayu"))
	return p
}

// mmAssignAt assigns owners to m as if at, then puts the clock back.
func (e *env) mmAssignAt(at time.Time, m *person, owners ...*person) {
	e.t.Helper()
	now := e.now
	e.now = at
	e.assign(m, owners...)
	e.now = now
}

// mmOutbox keeps what the reminder engine delivers.
type mmOutbox struct {
	mu   sync.Mutex
	msgs []ikmbot.Message
}

func (o *mmOutbox) Deliver(_ context.Context, msgs []ikmbot.Message) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, msgs...)
}

// mmTick runs one tick of the real reminder engine at e.now, with the
// mentor prompts' handlers, and returns what it delivered. Each tick must
// be in a minute of its own (the engine's lock). Quiet hours are the
// default, 21.00 to 07.00 WIB.
func (e *env) mmTick() []ikmbot.Message {
	e.t.Helper()
	out := &mmOutbox{}
	eng := reminders.New(reminders.Config{Store: e.store, Deliver: out, Now: func() time.Time { return e.now },
		Logger: slog.New(slog.DiscardHandler)})
	eng.Handle(DueMentorFollowUp, reminders.HandlerFunc(e.r.FireMentorFollowUp))
	eng.Handle(DueMentorPrompt, reminders.HandlerFunc(e.r.FireMentorPrompt))
	rep, err := eng.Tick(context.Background())
	if err != nil || rep.Skipped {
		e.t.Fatalf("tick at %v: %+v, %v", e.now, rep, err)
	}
	return out.msgs
}

// mmTimer is the owner's prompt timer (the one item per owner), or a zero
// Due when there is none.
func (e *env) mmTimer(owner *person) ikmbot.Due {
	e.t.Helper()
	for _, d := range e.mmDues(owner) {
		if d.Kind == DueMentorFollowUp && d.ID == strconv.FormatInt(owner.id, 10) {
			return d
		}
	}
	return ikmbot.Due{}
}

// mmDues are the mentoring items about owner waiting, whenever due: the
// timer, prompts scheduled from it, and prompts about what they did.
func (e *env) mmDues(owner *person) []ikmbot.Due {
	e.t.Helper()
	due, err := e.store.DueItems(context.Background(), e.now.Add(10*365*mmDay), 0, 10000)
	if err != nil {
		e.t.Fatal(err)
	}
	id := strconv.FormatInt(owner.id, 10)
	var out []ikmbot.Due
	for _, d := range due {
		if (d.Kind == DueMentorFollowUp || d.Kind == DueMentorPrompt) && (d.ID == id || strings.HasPrefix(d.ID, id+":")) {
			out = append(out, d)
		}
	}
	return out
}

// mmAbout are the messages of msgs whose text contains s.
func mmAbout(msgs []ikmbot.Message, s string) []ikmbot.Message {
	var out []ikmbot.Message
	for _, m := range msgs {
		if strings.Contains(m.Text, s) {
			out = append(out, m)
		}
	}
	return out
}

// mmNextMinute moves the clock on a minute, so the next tick has a minute
// of its own.
func (e *env) mmNextMinute() { e.now = e.now.Add(time.Minute) }

// mmButtons are the callback data of a message's buttons, row by row.
func mmButtons(m ikmbot.Message) []string {
	var out []string
	for _, row := range m.Buttons {
		for _, b := range row {
			out = append(out, b.Data)
		}
	}
	return out
}

// mmLog logs a follow-up of owner from m's /binaan card: kind is the
// button label, note "" skips it.
func (m *person) mmLog(owner *person, kind, note string) {
	m.e.t.Helper()
	m.press(mentorData(actMfLog, itoa(owner.id)))
	m.pressLabel(kind)
	if note == "" {
		m.pressLabel(mmT(flows.MfSkipNote))
	} else {
		m.text(note)
	}
	m.pressLabel(mmT(flows.SuSave))
}

// TestMenteeListOrderAndFacts: /binaan shows a mentor their owners, the
// longest without a follow-up first, each with kabupaten, level, open
// help requests, certificates in process, classes and the last follow-up,
// overdue ones flagged; never a phone number.
func TestMenteeListOrderAndFacts(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	m, staff := e.mentor("Rina"), e.staff()
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	b := e.mmOwner("Lada Emas", "Lampung Timur")
	c := e.mmOwner("Keripik Bu Ani", "Metro")
	e.mmAssignAt(e.now.Add(-20*mmDay), m, a)
	e.mmAssignAt(e.now.Add(-10*mmDay), m, c)
	e.assign(m, b)

	// a: an open and a closed help request, a certificate in process and
	// one held, a seat in a class. b: a readiness level.
	if _, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: a.id, Region: "TGM", Text: "Cara daftar halal?", CreatedAt: e.now}); err != nil {
		t.Fatal(err)
	}
	closed, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: a.id, Region: "TGM", Text: "Sudah selesai, terima kasih", CreatedAt: e.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.CloseHelp(ctx, closed.ID, ikmbot.HelpStep{At: e.now, By: staff.id, Role: ikmbot.RoleStaff}); err != nil {
		t.Fatal(err)
	}
	for _, cert := range []ikmbot.Certificate{{Type: "HALAL", Status: ikmbot.CertApplying, UpdatedAt: e.now}, {Type: "NIB", Status: ikmbot.CertHeld, UpdatedAt: e.now}} {
		if err := e.store.SaveCertificate(ctx, a.id, cert, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	cl := staff.createClass("Kelas Ekspor Kopi", "10-12-2026", "20", false)
	a.press(classData(actClassEnrol, cl.ID))
	b.command("cek", "")
	b.answerCheck(false)

	m.command("binaan", "")
	if len(m.last) != 1 {
		t.Fatalf("/binaan answered %d messages: %+v", len(m.last), m.last)
	}
	text := m.last[0].Text
	q := ikmbot.Readiness()
	wantLines := []string{
		mmT(flows.MfListTitle, 3, 1),
		mmT(flows.MfLine, 1, "Kopi Tanggamus", "Tanggamus"),
		mmT(flows.MfLineFacts, mmT(flows.MfNoLevel), 1, 1, 1),
		mmT(flows.MfOverdue, 6),
		mmT(flows.MfLine, 2, "Keripik Bu Ani", "Metro"),
		mmT(flows.MfNextDue, flows.FormatDate("id", e.now.Add(4*mmDay), e.r.cfg.Location)),
		mmT(flows.MfLine, 3, "Lada Emas", "Lampung Timur"),
		mmT(flows.MfLineFacts, flows.LevelName("id", q, ikmbot.LevelPemula), 0, 0, 0),
		mmT(flows.MfLast, flows.FormatDate("id", e.now, e.r.cfg.Location)),
	}
	at := 0
	for _, want := range wantLines {
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Fatalf("list lacks %q after position %d:\n%s", want, at, text)
		}
		at += i
	}
	if strings.Contains(text, "3456") || strings.Contains(text, "Siti") {
		t.Errorf("the list shows a phone number or an owner's name:\n%s", text)
	}
	want := []string{mentorData(actMfOwner, itoa(a.id)), mentorData(actMfOwner, itoa(c.id)), mentorData(actMfOwner, itoa(b.id))}
	if got := mmButtons(m.last[0]); !slices.Equal(got, want) {
		t.Errorf("buttons = %v, want %v (one per owner, no pages)", got, want)
	}
	if got := m.last[0].Buttons[0][0].Text; got != "1. Kopi Tanggamus" {
		t.Errorf("first button reads %q", got)
	}

	// A mentor without owners is told who will assign them.
	other := e.mentor("Budi")
	other.command("binaan", "")
	other.mustSee(mmT(flows.MfListEmpty))
}

// TestMenteeListPages: ten owners a page, with next and previous.
func TestMenteeListPages(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	var owners []*person
	for i := range 23 {
		o := e.person() // never signed up: shown by id
		owners = append(owners, o)
		e.mmAssignAt(e.now.Add(-time.Duration(30-i)*mmDay), m, o)
	}
	m.command("binaan", "")
	m.mustSee(mmT(flows.MfListPage, 1, 3))
	m.mustSee("10. <b>#" + itoa(owners[9].id) + "</b>")
	if m.saw("11. <b>") {
		t.Errorf("page 1 shows an 11th owner")
	}
	data := mmButtons(m.last[0])
	if len(data) != 11 || data[10] != mentorData(actMfList, "1") {
		t.Fatalf("page 1 buttons = %v, want 10 owners and next", data)
	}
	m.pressLabel(mmT(flows.BtnMfNext))
	m.mustSee(mmT(flows.MfListPage, 2, 3))
	m.mustSee("11. <b>#" + itoa(owners[10].id) + "</b>")
	if data := mmButtons(m.last[0]); len(data) != 12 || data[10] != mentorData(actMfList, "0") || data[11] != mentorData(actMfList, "2") {
		t.Errorf("page 2 buttons = %v, want previous and next", data)
	}
	for _, page := range []string{"2", "99"} {
		m.press(mentorData(actMfList, page))
		m.mustSee(mmT(flows.MfListPage, 3, 3))
		m.mustSee("23. <b>#" + itoa(owners[22].id) + "</b>")
		if data := mmButtons(m.last[0]); len(data) != 4 || data[3] != mentorData(actMfList, "1") {
			t.Errorf("page %s buttons = %v, want 3 owners and previous", page, data)
		}
	}
}

// TestMenteeCard: an owner's card has the list's facts in full and the
// latest five follow-ups, newest first, with buttons to log one, snooze
// and go back; no phone number.
func TestMenteeCard(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.mmAssignAt(e.now.Add(-60*mmDay), m, a)
	req, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: a.id, Region: "TGM", Text: "Cara daftar halal?", CreatedAt: e.now})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.SaveCertificate(ctx, a.id, ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertApplying, UpdatedAt: e.now}, nil, nil); err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		at := e.now.Add(-time.Duration(50-5*i) * mmDay)
		f := ikmbot.FollowUp{OwnerID: a.id, MentorID: m.id, Kind: ikmbot.FollowCall, Note: "catatan ke-" + strconv.Itoa(i+1), At: at}
		if err := e.store.LogFollowUp(ctx, f, mentorPromptDue(a.id, m.id, at.Add(ikmbot.DefaultCadence))); err != nil {
			t.Fatal(err)
		}
	}
	m.press(mentorData(actMfOwner, itoa(a.id)))
	text := m.last[0].Text
	halal, _ := ikmbot.CertTypeByCode("HALAL")
	for _, want := range []string{
		mmT(flows.MfCardTitle, "Kopi Tanggamus", "Tanggamus"),
		mmT(flows.MfCardOwner, "Siti Rahayu"),
		mmT(flows.MfCardHelp, "#"+req.ID),
		mmT(flows.MfCardCerts, halal.Short("id")),
		mmT(flows.MfCardClasses, mmT(flows.MfNone)),
		mmT(flows.MfOverdue, 11), // the last follow-up was 25 days ago
		"catatan ke-6", "catatan ke-2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("card lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "catatan ke-1") || strings.Index(text, "catatan ke-6") > strings.Index(text, "catatan ke-5") {
		t.Errorf("card history is not the five newest, newest first:\n%s", text)
	}
	if strings.Contains(text, "3456") {
		t.Errorf("card shows the phone number:\n%s", text)
	}
	want := []string{mentorData(actMfLog, itoa(a.id)), mentorData(actMfSnooze, itoa(a.id)), mentorData(actMfList, "0")}
	if got := mmButtons(m.last[0]); !slices.Equal(got, want) {
		t.Errorf("card buttons = %v, want %v", got, want)
	}
}

// TestLogFollowUpMovesPromptAndReorders: logging a follow-up keeps it in
// the owner's history, restarts the owner's clock (they go to the end of
// the list) and moves the next prompt a cadence from now.
func TestLogFollowUpMovesPromptAndReorders(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	b := e.mmOwner("Lada Emas", "Lampung Timur")
	e.mmAssignAt(e.now.Add(-20*mmDay), m, a)
	e.mmAssignAt(e.now.Add(-10*mmDay), m, b)

	m.press(mentorData(actMfLog, itoa(a.id)))
	m.mustSee(mmT(flows.MfAskKind, "Kopi Tanggamus"))
	m.pressLabel(mmT(flows.MfKindVisit))
	m.text("Cek dapur produksi, label belum ada.")
	m.pressLabel(mmT(flows.SuSave))
	next := e.now.Add(ikmbot.DefaultCadence)
	m.mustSee(mmT(flows.MfSaved, flows.FormatDate("id", next, e.r.cfg.Location)))
	m.mustSee(mmT(flows.MfCardTitle, "Kopi Tanggamus", "Tanggamus")) // the card follows, updated
	m.mustSee(mmT(flows.MfNextDue, flows.FormatDate("id", next, e.r.cfg.Location)))
	m.mustSee("Cek dapur produksi, label belum ada.")

	history, err := e.store.FollowUps(ctx, a.id)
	if err != nil || len(history) != 1 {
		t.Fatalf("history = %+v, %v", history, err)
	}
	if f := history[0]; f.MentorID != m.id || f.Kind != ikmbot.FollowVisit || f.Note != "Cek dapur produksi, label belum ada." || !f.At.Equal(e.now) {
		t.Errorf("follow-up kept = %+v", f)
	}
	if d := e.mmTimer(a); !d.At.Equal(next) || d.Target != m.id || d.Payload != "" {
		t.Errorf("a's prompt = %+v, want at %v for the mentor", d, next)
	}
	m.command("binaan", "")
	text := m.last[0].Text
	if strings.Index(text, "Lada Emas") > strings.Index(text, "Kopi Tanggamus") {
		t.Errorf("after the follow-up, a is not last:\n%s", text)
	}
	m.mustSee(mmT(flows.MfListTitle, 2, 0))

	// A note may be skipped.
	m.mmLog(b, mmT(flows.MfKindCall), "")
	if h, _ := e.store.FollowUps(ctx, b.id); len(h) != 1 || h[0].Kind != ikmbot.FollowCall || h[0].Note != "" {
		t.Errorf("b's history = %+v", h)
	}
}

// TestFollowUpForOwnerReassignedMeanwhile: an owner taken from the mentor
// while they write keeps nothing, and the mentor is told kindly.
func TestFollowUpForOwnerReassignedMeanwhile(t *testing.T) {
	e := newEnv(t)
	m, other := e.mentor("Rina"), e.mentor("Budi")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	m.press(mentorData(actMfLog, itoa(a.id)))
	m.pressLabel(mmT(flows.MfKindChat))
	m.pressLabel(mmT(flows.MfSkipNote))
	e.assign(other, a)
	m.pressLabel(mmT(flows.SuSave))
	m.mustSee(mmT(flows.MfNotKept))
	if h, _ := e.store.FollowUps(context.Background(), a.id); len(h) != 0 {
		t.Errorf("history = %+v, want nothing kept", h)
	}
	if d := e.mmTimer(a); d.Target != other.id {
		t.Errorf("a's prompt goes to %d, want the new mentor %d", d.Target, other.id)
	}
}

// TestFireMentorFollowUpOnceThenWeekly: after a cadence without a
// follow-up the mentor is prompted once, naming the owner and why, with
// the three buttons; ignored, again a week later; after a follow-up, not
// until the next cadence, when they are prompted again.
func TestFireMentorFollowUpOnceThenWeekly(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	start := e.now

	e.now = start.Add(ikmbot.DefaultCadence - time.Hour)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("before the cadence: %+v", got)
	}
	e.now = start.Add(ikmbot.DefaultCadence)
	got := e.mmTick()
	if len(got) != 1 || got[0].ChatID != m.id || !got[0].Bulk {
		t.Fatalf("at the cadence: %+v, want one bulk message to the mentor", got)
	}
	for _, want := range []string{"Kopi Tanggamus", "Tanggamus", mmT(flows.MfWhyDue, 14), mmT(flows.MfPromptTitle)} {
		if !strings.Contains(got[0].Text, want) {
			t.Errorf("prompt lacks %q:\n%s", want, got[0].Text)
		}
	}
	id := itoa(a.id)
	wantData := []string{mentorData(actMfLog, id), mentorData(actMfSnooze, id, flows.WhyDue), mentorData(actMfStaff, id, flows.WhyDue)}
	if data := mmButtons(got[0]); !slices.Equal(data, wantData) {
		t.Errorf("prompt buttons = %v, want %v", data, wantData)
	}
	wantLabels := []string{mmT(flows.BtnMfLog), mmT(flows.BtnMfSnooze), mmT(flows.BtnMfStaff)}
	if labels := []string{got[0].Buttons[0][0].Text, got[0].Buttons[1][0].Text, got[0].Buttons[1][1].Text}; !slices.Equal(labels, wantLabels) {
		t.Errorf("prompt labels = %v", labels)
	}
	// Sent once: the next minutes send nothing.
	for i := 1; i <= 3; i++ {
		e.now = start.Add(ikmbot.DefaultCadence + time.Duration(i)*time.Minute)
		if got := e.mmTick(); len(got) != 0 {
			t.Fatalf("%d minutes later: %+v", i, got)
		}
	}
	// Ignored: again a week later, and not before.
	e.now = start.Add(ikmbot.DefaultCadence + 6*mmDay)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("6 days after the prompt: %+v", got)
	}
	e.now = start.Add(ikmbot.DefaultCadence + 7*mmDay)
	if got := e.mmTick(); len(got) != 1 || !strings.Contains(got[0].Text, mmT(flows.MfWhyDue, 21)) {
		t.Fatalf("a week after the prompt: %+v", got)
	}
	// Logged from the prompt's button: the next prompt is a cadence later,
	// and is sent (the same owner's timer, prompted again).
	m.press(wantData[0])
	m.pressLabel(mmT(flows.MfKindVisit))
	m.pressLabel(mmT(flows.MfSkipNote))
	m.pressLabel(mmT(flows.SuSave))
	logged := e.now
	e.now = logged.Add(7 * mmDay)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("a week after the follow-up: %+v", got)
	}
	e.now = logged.Add(ikmbot.DefaultCadence)
	if got := e.mmTick(); len(got) != 1 || !strings.Contains(got[0].Text, mmT(flows.MfWhyDue, 14)) {
		t.Fatalf("a cadence after the follow-up: %+v", got)
	}
}

// TestMentorPromptSkipsOwnerGone: an owner reassigned away prompts the
// new mentor at their time and never the old one; an owner who deleted
// their data prompts nobody and leaves no timer; a malformed item is
// dropped.
func TestMentorPromptSkipsOwnerGone(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	m, other := e.mentor("Rina"), e.mentor("Budi")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	b := e.mmOwner("Lada Emas", "Lampung Timur")
	e.assign(m, a, b)
	start := e.now
	// a moves to other five days later, the way staff move owners: other's
	// timer replaces m's.
	moved := start.Add(5 * mmDay)
	e.mmAssignAt(moved, other, a)
	b.command("hapusdata", "")
	b.pressLabel(mmT(flows.DelYes))
	if left := e.mmDues(b); len(left) != 0 {
		t.Errorf("after /hapusdata the deleted owner's items are left: %+v", left)
	}
	// m's old time passes with nothing for anyone.
	e.now = start.Add(ikmbot.DefaultCadence)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("prompts at the old mentor's time: %+v", got)
	}
	e.now = moved.Add(ikmbot.DefaultCadence)
	got := e.mmTick()
	if len(got) != 1 || got[0].ChatID != other.id || !strings.Contains(got[0].Text, "Kopi Tanggamus") {
		t.Fatalf("at the new mentor's time: %+v, want one prompt to %d", got, other.id)
	}
	// A prompt item made for m before the owner moved sends nothing.
	stale := ikmbot.Due{Kind: DueMentorFollowUp, ID: itoa(a.id) + ":" + strconv.FormatInt(e.now.Unix(), 10), Target: m.id, At: e.now}
	for _, d := range []ikmbot.Due{stale, {Kind: DueMentorFollowUp, ID: "x", Target: m.id}, {Kind: DueMentorFollowUp, ID: itoa(a.id) + ":x", Target: other.id}} {
		if msgs, err := e.r.FireMentorFollowUp(ctx, d, e.now); err != nil || len(msgs) != 0 {
			t.Errorf("FireMentorFollowUp(%s) = %+v, %v", d.ID, msgs, err)
		}
	}
}

// TestTimerFollowsReassignment: when a reassignment races the timer's
// own rescheduling and leaves the owner's timer pointing at the old
// mentor, the timer goes over to the new mentor: it waits until they are
// due and prompts them, never the old one; an owner without a mentor any
// more keeps no timer.
func TestTimerFollowsReassignment(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	m, other := e.mentor("Rina"), e.mentor("Budi")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	b := e.mmOwner("Lada Emas", "Lampung Timur")
	e.assign(m, a, b)
	start := e.now
	// At the cadence m's timer fires for a; at the same moment staff move
	// a to other, and the timer's rescheduling (the re-prompt, for m) lands
	// after the assignment.
	e.now = start.Add(ikmbot.DefaultCadence)
	e.assign(other, a)
	if err := e.store.Schedule(ctx, mentorPromptDue(a.id, m.id, e.now.Add(mentorReprompt))); err != nil {
		t.Fatal(err)
	}
	raced := e.now
	got := e.mmTick() // b's own prompt, for m, is due too
	if len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, "Lada Emas") {
		t.Fatalf("at the cadence: %+v, want m's prompt about b only", got)
	}
	// A week on, the stale timer fires: nothing now, and it is other's, at
	// other's due time.
	e.now = raced.Add(mentorReprompt)
	if got := e.mmTick(); len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, "Lada Emas") {
		t.Fatalf("a week on: %+v; want m's re-prompt about b only", got)
	}
	if d := e.mmTimer(a); d.Target != other.id || !d.At.Equal(raced.Add(ikmbot.DefaultCadence)) || d.Payload != "" {
		t.Fatalf("a's timer = %+v, want it for %d at %v", d, other.id, raced.Add(ikmbot.DefaultCadence))
	}
	e.now = raced.Add(ikmbot.DefaultCadence)
	if got := mmAbout(e.mmTick(), "Kopi Tanggamus"); len(got) != 1 || got[0].ChatID != other.id {
		t.Fatalf("at other's due time: %+v, want one prompt about a, to %d", got, other.id)
	}

	// Overdue with the new mentor already: they are prompted at once
	// (this tick or the next), the old one never.
	c := e.mmOwner("Keripik Bu Ani", "Metro")
	e.assign(m, c)
	e.mmAssignAt(e.now.Add(-20*mmDay), other, c) // long ago, without a follow-up since
	if err := e.store.Schedule(ctx, mentorPromptDue(c.id, m.id, e.now.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	e.now = e.now.Add(time.Hour)
	got = e.mmTick()
	e.mmNextMinute()
	got = append(got, e.mmTick()...)
	if len(to(got, m.id)) != 0 || len(to(got, other.id)) != 1 || !strings.Contains(to(got, other.id)[0].Text, "Keripik Bu Ani") {
		t.Fatalf("overdue with the new mentor: %+v, want one prompt to %d", got, other.id)
	}

	// An owner with no mentor at all keeps no timer. (Mentoring is undone
	// only with the owner's data, so a timer is left behind by hand.)
	gone := e.mmOwner("Madu Way Kanan", "Way Kanan")
	if err := e.store.Schedule(ctx, mentorPromptDue(gone.id, m.id, e.now.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	e.now = e.now.Add(time.Hour)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("an owner without a mentor prompted %+v", got)
	}
	if d := e.mmTimer(gone); d.Kind != "" {
		t.Errorf("timer of an owner without a mentor left: %+v", d)
	}
}

// TestSnoozeMovesPrompt: "Tunda 3 hari" moves the owner's prompt three
// days on, replacing the one waiting; it then comes as the snoozed
// prompt, with the reason it had.
func TestSnoozeMovesPrompt(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	start := e.now
	e.now = start.Add(ikmbot.DefaultCadence)
	got := e.mmTick()
	if len(got) != 1 {
		t.Fatalf("prompt = %+v", got)
	}
	m.press(mmButtons(got[0])[1]) // Tunda 3 hari
	snoozed := e.now.Add(3 * mmDay)
	m.mustSee(mmT(flows.MfSnoozed, "Kopi Tanggamus", flows.FormatDateTime("id", snoozed, e.r.cfg.Location)))
	if d := e.mmTimer(a); !d.At.Equal(snoozed) || d.Payload != flows.WhyDue {
		t.Errorf("timer = %+v, want at %v", d, snoozed)
	}
	e.now = snoozed.Add(-time.Hour)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("before the snooze ends: %+v", got)
	}
	e.now = snoozed
	got = e.mmTick()
	if len(got) != 1 || !strings.Contains(got[0].Text, mmT(flows.MfPromptSnoozed)) || !strings.Contains(got[0].Text, mmT(flows.MfWhyDue, 17)) {
		t.Fatalf("after the snooze: %+v", got)
	}

	// A snoozed help prompt comes back about help, though the owner is not
	// due.
	m.mmLog(a, mmT(flows.MfKindCall), "")
	m.press(mentorData(actMfSnooze, itoa(a.id), flows.WhyHelp))
	e.now = e.now.Add(3 * mmDay)
	got = e.mmTick()
	if len(got) != 1 || !strings.Contains(got[0].Text, mmT(flows.MfWhyHelpAny)) {
		t.Fatalf("snoozed help prompt: %+v", got)
	}
	// Then the owner's cadence holds again.
	if d := e.mmTimer(a); d.Payload != "" {
		t.Errorf("timer after the snoozed prompt = %+v", d)
	}
	e.now = e.now.Add(7*mmDay + time.Minute)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("re-prompt before the owner is due: %+v", got)
	}
}

// TestCardSnoozeNeverBringsPromptForward: the card's "Tunda 3 hari" for
// an owner not due leaves the prompt at the owner's due time, as an
// ordinary prompt; for an owner overdue it puts it three days on, as the
// snoozed prompt.
func TestCardSnoozeNeverBringsPromptForward(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	start := e.now
	due := start.Add(ikmbot.DefaultCadence)

	e.now = start.Add(4 * mmDay)
	m.press(mentorData(actMfSnooze, itoa(a.id))) // the card's button: no reason
	m.mustSee(mmT(flows.MfSnoozed, "Kopi Tanggamus", flows.FormatDateTime("id", due, e.r.cfg.Location)))
	if d := e.mmTimer(a); !d.At.Equal(due) || d.Target != m.id || d.Payload != "" {
		t.Errorf("timer = %+v, want the cadence's at %v", d, due)
	}
	e.now = start.Add(7 * mmDay)
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("three days after the snooze, before the owner is due: %+v", got)
	}
	e.now = due
	got := e.mmTick()
	if len(got) != 1 || !strings.Contains(got[0].Text, mmT(flows.MfPromptTitle)) || !strings.Contains(got[0].Text, mmT(flows.MfWhyDue, 14)) {
		t.Fatalf("at the due time: %+v, want the ordinary prompt", got)
	}

	// Overdue: three days on, as the snoozed prompt.
	e.now = due.Add(2 * mmDay)
	m.press(mentorData(actMfSnooze, itoa(a.id)))
	snoozed := e.now.Add(3 * mmDay)
	m.mustSee(mmT(flows.MfSnoozed, "Kopi Tanggamus", flows.FormatDateTime("id", snoozed, e.r.cfg.Location)))
	if d := e.mmTimer(a); !d.At.Equal(snoozed) || d.Payload != flows.WhyDue {
		t.Errorf("timer = %+v, want a snooze at %v", d, snoozed)
	}
	e.now = snoozed
	if got := e.mmTick(); len(got) != 1 || !strings.Contains(got[0].Text, mmT(flows.MfPromptSnoozed)) || !strings.Contains(got[0].Text, mmT(flows.MfWhyDue, 19)) {
		t.Fatalf("after the snooze: %+v", got)
	}
}

// TestPromotedMentorKeepsOwners: a mentor made admin (ADMIN_IDS) still
// may mentor: their list (the digest's button), an owner's card, logging
// a follow-up and snoozing work, and their prompts still come.
func TestPromotedMentorKeepsOwners(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	if err := e.store.SetRole(ctx, m.id, ikmbot.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	m.press(mentorData(actMfList, "0"))
	m.mustSee(mmT(flows.MfLine, 1, "Kopi Tanggamus", "Tanggamus"))
	m.press(mentorData(actMfOwner, itoa(a.id)))
	m.mustSee(mmT(flows.MfCardTitle, "Kopi Tanggamus", "Tanggamus"))
	m.mmLog(a, mmT(flows.MfKindCall), "Tanya soal halal.")
	next := e.now.Add(ikmbot.DefaultCadence)
	m.mustSee(mmT(flows.MfSaved, flows.FormatDate("id", next, e.r.cfg.Location)))
	if h, err := e.store.FollowUps(ctx, a.id); err != nil || len(h) != 1 || h[0].MentorID != m.id {
		t.Errorf("history = %+v, %v", h, err)
	}
	m.press(mentorData(actMfSnooze, itoa(a.id), flows.WhyHelp))
	m.mustSee(mmT(flows.MfSnoozed, "Kopi Tanggamus", flows.FormatDateTime("id", e.now.Add(3*mmDay), e.r.cfg.Location)))

	// The help prompt, and the cadence's.
	e.r.helpPrompt(ctx, a.id, "41")
	if got := e.mmTick(); len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, mmT(flows.MfWhyHelp, "41")) {
		t.Fatalf("help prompt = %+v", got)
	}
	e.now = e.now.Add(3 * mmDay)
	if got := e.mmTick(); len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, mmT(flows.MfPromptSnoozed)) {
		t.Fatalf("snoozed prompt = %+v", got)
	}
	e.now = next
	if got := e.mmTick(); len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, mmT(flows.MfWhyDue, 14)) {
		t.Fatalf("cadence prompt = %+v", got)
	}
}

// TestHelpRequestPromptsMentor: an owner with a mentor who opens a help
// request prompts the mentor on the engine's next tick, once; one without
// a mentor prompts nobody.
func TestHelpRequestPromptsMentor(t *testing.T) {
	e := newEnv(t)
	m, staff := e.mentor("Rina"), e.staff()
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	alone := e.mmOwner("Lada Emas", "Lampung Timur")
	e.assign(m, a)
	ask := func(p *person) []ikmbot.Message {
		p.command("bantuan", "")
		p.pressLabel(mmT(flows.BtnCdHelp))
		p.pressLabel(mmT(flows.HbGeneral))
		p.text("Bagaimana cara mencari pembeli di Jepang?")
		return p.pressLabel(mmT(flows.SuSave))
	}
	out := ask(a)
	reqs, err := e.store.HelpOf(context.Background(), a.id)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests = %+v, %v", reqs, err)
	}
	if got := to(out, m.id); len(got) != 0 {
		t.Errorf("the mentor was told in the owner's reply, not through the engine: %+v", got)
	}
	got := e.mmTick()
	if len(got) != 1 || got[0].ChatID != m.id || !got[0].Bulk || !strings.Contains(got[0].Text, mmT(flows.MfWhyHelp, reqs[0].ID)) || !strings.Contains(got[0].Text, "Kopi Tanggamus") {
		t.Fatalf("mentor told %+v", got)
	}
	if data := mmButtons(got[0]); len(data) != 3 || data[1] != mentorData(actMfSnooze, itoa(a.id), flows.WhyHelp) {
		t.Errorf("prompt buttons = %v", data)
	}
	if len(to(out, staff.id)) != 1 {
		t.Errorf("staff not told: %+v", out)
	}
	e.mmNextMinute()
	if got := e.mmTick(); len(got) != 0 {
		t.Errorf("the prompt came again: %+v", got)
	}
	ask(alone)
	e.mmNextMinute()
	if got := e.mmTick(); len(got) != 0 {
		t.Errorf("an owner without a mentor prompted one: %+v", got)
	}
}

// TestMentorPromptWaitsForMorning: a help request opened at 23.00 WIB
// prompts the mentor at 07.00, not at night, and once.
func TestMentorPromptWaitsForMorning(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	wib := time.FixedZone("WIB", 7*3600)
	e.now = time.Date(2026, 11, 27, 23, 0, 0, 0, wib).UTC()
	a.command("bantuan", "")
	a.pressLabel(mmT(flows.BtnCdHelp))
	a.pressLabel(mmT(flows.HbGeneral))
	a.text("Bagaimana cara mencari pembeli di Jepang?")
	if out := a.pressLabel(mmT(flows.SuSave)); len(to(out, m.id)) != 0 {
		t.Fatalf("the mentor was told at 23.00: %+v", to(out, m.id))
	}
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("the tick at 23.00 sent %+v", got)
	}
	e.now = time.Date(2026, 11, 28, 6, 59, 0, 0, wib).UTC()
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("the tick at 06.59 sent %+v", got)
	}
	reqs, err := e.store.HelpOf(context.Background(), a.id)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests = %+v, %v", reqs, err)
	}
	e.now = time.Date(2026, 11, 28, 7, 0, 0, 0, wib).UTC()
	if got := e.mmTick(); len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, mmT(flows.MfWhyHelp, reqs[0].ID)) {
		t.Fatalf("the tick at 07.00 sent %+v, want the help prompt", got)
	}
	e.mmNextMinute()
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("the prompt came again: %+v", got)
	}
}

// TestMentorPromptChecksWhenItFires: a prompt about what an owner did
// goes nowhere when, by the time it fires, the owner has another mentor,
// the mentor lost the role, or the item is malformed.
func TestMentorPromptChecksWhenItFires(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	m, other, dropped := e.mentor("Rina"), e.mentor("Budi"), e.mentor("Sari")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	b := e.mmOwner("Lada Emas", "Lampung Timur")
	e.assign(m, a)
	e.assign(dropped, b)
	e.r.helpPrompt(ctx, a.id, "41")
	e.r.helpPrompt(ctx, b.id, "42")
	e.assign(other, a)
	if err := e.store.SetRole(ctx, dropped.id, ikmbot.RoleOwner); err != nil {
		t.Fatal(err)
	}
	if got := e.mmTick(); len(got) != 0 {
		t.Fatalf("prompts after the owner moved or the mentor left: %+v", got)
	}
	for _, d := range []ikmbot.Due{
		{Kind: DueMentorPrompt, ID: itoa(a.id) + ":h", Target: other.id, Payload: "{}"},
		{Kind: DueMentorPrompt, ID: "x:h:1", Target: other.id, Payload: "{}"},
		{Kind: DueMentorPrompt, ID: itoa(a.id) + ":h:1", Target: other.id, Payload: "not json"},
		{Kind: DueMentorPrompt, ID: itoa(a.id) + ":h:1", Payload: "{}"},
	} {
		if msgs, err := e.r.FireMentorPrompt(ctx, d, e.now); err != nil || len(msgs) != 0 {
			t.Errorf("FireMentorPrompt(%q, %q) = %+v, %v", d.ID, d.Payload, msgs, err)
		}
	}
}

// TestLevelChangePromptsMentor: a readiness check that gives a first
// level or changes it prompts the mentor on the next tick; one with the
// same level does not.
func TestLevelChangePromptsMentor(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	a := e.person()
	a.command("daftar", "")
	a.signUpWithNIB() // without an NIB the level stays low
	e.assign(m, a)
	q := ikmbot.Readiness()
	level := func() ikmbot.Level {
		users, err := e.store.Users(context.Background(), []int64{a.id})
		if err != nil {
			t.Fatal(err)
		}
		return users[a.id].Level
	}
	var prev ikmbot.Level
	for _, tt := range []struct {
		name    string
		highest bool
	}{{"first", false}, {"same", false}, {"changed", true}} {
		a.command("cek", "")
		a.answerCheck(tt.highest)
		now := level()
		if got := to(a.last, m.id); len(got) != 0 {
			t.Errorf("%s: the mentor was told in the owner's reply: %+v", tt.name, got)
		}
		got := e.mmTick()
		e.mmNextMinute()
		want := ""
		switch {
		case prev == "":
			want = mmT(flows.MfWhyLevelFirst, flows.LevelName("id", q, now))
		case prev != now:
			want = mmT(flows.MfWhyLevel, flows.LevelName("id", q, prev), flows.LevelName("id", q, now))
		}
		switch {
		case tt.name == "changed" && prev == now:
			t.Fatalf("the highest answers kept level %s", now)
		case want == "" && len(got) != 0:
			t.Errorf("%s: prompted %+v", tt.name, got)
		case want != "" && (len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, want)):
			t.Errorf("%s: prompted %+v, want %q", tt.name, got, want)
		}
		prev = now
	}
}

// TestClassCompletionPromptsMentor: completing a class prompts the
// mentors of the owners who completed it on the next tick, once.
func TestClassCompletionPromptsMentor(t *testing.T) {
	e := newEnv(t)
	m, staff := e.mentor("Rina"), e.staff()
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	absent := e.mmOwner("Lada Emas", "Lampung Timur")
	e.assign(m, a, absent)
	cl := staff.createClass("Kelas Ekspor Kopi", "10-12-2026", "20", false)
	a.press(classData(actClassEnrol, cl.ID))
	absent.press(classData(actClassEnrol, cl.ID))
	staff.press(staffData(actStaffMark, cl.ID, "0", itoa(a.id), "1"))
	staff.press(staffData(actStaffMark, cl.ID, "0", itoa(absent.id), "0"))
	e.now = cl.Ends().Add(classEndDelay)
	end, ok := classEndDue(cl)
	if !ok {
		t.Fatal("no class end")
	}
	msgs, err := e.r.FireClassEnd(context.Background(), end, e.now)
	if err != nil {
		t.Fatal(err)
	}
	if got := to(msgs, m.id); len(got) != 0 {
		t.Errorf("the mentor was told with the class end, not through the engine: %+v", got)
	}
	// The class ends past the cadence: the follow-up prompts come too.
	why := mmT(flows.MfWhyClass, "Kelas Ekspor Kopi")
	got := mmAbout(e.mmTick(), why)
	if len(got) != 1 || got[0].ChatID != m.id || !strings.Contains(got[0].Text, "Kopi Tanggamus") {
		t.Fatalf("mentor told %+v", got)
	}
	if data := mmButtons(got[0]); len(data) != 3 || data[1] != mentorData(actMfSnooze, itoa(a.id), flows.WhyClass) {
		t.Errorf("prompt buttons = %v", data)
	}
	if msgs, _ := e.r.FireClassEnd(context.Background(), end, e.now); len(to(msgs, m.id)) != 0 {
		t.Errorf("a second completion told the mentor: %+v", msgs)
	}
	e.mmNextMinute()
	if got := mmAbout(e.mmTick(), why); len(got) != 0 {
		t.Errorf("a second completion prompted again: %+v", got)
	}
}

// TestMentorCannotReachOthersOwners: another mentor's owner can be
// neither seen nor acted on, whatever the button says; owners and staff
// are refused the mentor's buttons; malformed data is a stale button.
func TestMentorCannotReachOthersOwners(t *testing.T) {
	e := newEnv(t)
	m, other, staff := e.mentor("Rina"), e.mentor("Budi"), e.staff()
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	before := e.mmTimer(a)
	id := itoa(a.id)
	for _, data := range []string{
		mentorData(actMfOwner, id), mentorData(actMfLog, id), mentorData(actMfSnooze, id), mentorData(actMfSnooze, id, flows.WhyHelp),
		mentorData(actMfStaff, id, flows.WhyDue),
	} {
		out := other.press(data)
		if len(out) != 1 || out[0].Text != mmT(flows.MsgNotAllowed) {
			t.Errorf("other mentor pressed %s: %+v", data, out)
		}
		if len(to(out, staff.id)) != 0 {
			t.Errorf("%s told staff", data)
		}
		for _, p := range []*person{a, staff} {
			if out := p.press(data); len(out) != 1 || out[0].Text != mmT(flows.MsgNotAllowed) {
				t.Errorf("%d pressed %s: %+v", p.id, data, out)
			}
		}
	}
	for _, p := range []*person{a, staff} {
		p.press(mentorData(actMfList, "0"))
		p.mustSee(mmT(flows.MsgNotAllowed))
	}
	if after := e.mmTimer(a); after != before {
		t.Errorf("timer moved from %+v to %+v", before, after)
	}
	if _, s, err := e.store.LoadUser(context.Background(), other.id); err != nil || s.Flow != "" {
		t.Errorf("other mentor is in flow %q (%v)", s.Flow, err)
	}
	for _, data := range []string{"mf:o:abc", "mf:zz:" + id, "mf:o", "mf:o:1:2:3"} {
		m.press(data)
		m.mustSee(mmT(flows.MsgStaleButton))
	}
}

// TestMentorAsksStaff: "Minta bantuan staf" tells staff which mentor asks
// about which owner and why; the mentor is told staff know.
func TestMentorAsksStaff(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	a := e.mmOwner("Kopi Tanggamus", "Tanggamus")
	e.assign(m, a)
	m.press(mentorData(actMfStaff, itoa(a.id), flows.WhyDue))
	m.mustSee(mmT(flows.MfNoStaff))

	s1, s2 := e.staff(), e.staff()
	e.now = e.now.Add(15 * mmDay)
	out := m.press(mentorData(actMfStaff, itoa(a.id), flows.WhyDue))
	m.mustSee(mmT(flows.MfStaffAsked, "Kopi Tanggamus"))
	for _, s := range []*person{s1, s2} {
		got := to(out, s.id)
		want := mmT(flows.MfStaffNotice, "Rina", "Kopi Tanggamus", "Tanggamus", mmT(flows.MfWhyDue, 15))
		if len(got) != 1 || got[0].Text != want || !got[0].Bulk {
			t.Errorf("staff %d told %+v, want %q", s.id, got, want)
		}
	}
}

// TestMenteeListRoundTrips: /binaan reads a page in the same number of
// round trips whether the mentor has one owner or a full page of them.
func TestMenteeListRoundTrips(t *testing.T) {
	e := newEnv(t)
	rdb := e.redis.Client(t)
	trips := storage.CountRoundTrips(rdb)
	r := New(Config{Store: storage.New(rdb), Logger: slog.New(slog.DiscardHandler), Now: func() time.Time { return e.now }})
	one, full := e.mentor("Rina"), e.mentor("Budi")
	// Every owner has a help request and a class seat, the facts that cost
	// the most.
	staff := e.staff()
	cl := staff.createClass("Kelas Ekspor Kopi", "10-12-2026", "20", false)
	owner := func(business string) *person {
		o := e.mmOwner(business, "Metro")
		if _, err := e.store.OpenHelp(context.Background(), ikmbot.HelpRequest{OwnerID: o.id, Region: "MET", Text: "Tolong dibantu", CreatedAt: e.now}); err != nil {
			t.Fatal(err)
		}
		o.press(classData(actClassEnrol, cl.ID))
		return o
	}
	e.assign(one, owner("Kopi Tanggamus"))
	var owners []*person
	for i := range 12 {
		owners = append(owners, owner("Usaha "+strconv.Itoa(i)))
	}
	e.assign(full, owners...)
	count := func(m *person) int64 {
		trips.Reset()
		out, err := r.Handle(context.Background(), ikmbot.Event{Kind: ikmbot.EventCommand, Command: "binaan", ChatID: m.id, UserID: m.id, FirstName: m.name})
		if err != nil || len(out) != 1 || !strings.Contains(out[0].Text, "1. <b>") {
			t.Fatalf("/binaan = %+v, %v", out, err)
		}
		return trips.RoundTrips()
	}
	small, page := count(one), count(full)
	t.Logf("/binaan: %d round trips", page)
	if page != small || page > 8 {
		t.Errorf("/binaan took %d round trips for one owner and %d for a page; want the same, at most 8", small, page)
	}
}
