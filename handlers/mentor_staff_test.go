package handlers

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// The store cmd wires has what staff's assignment asserts.

// signUpIn signs a person up as the owner of business in the region and
// sector with these button labels.
func (p *person) signUpIn(business, region, sector string) {
	p.e.t.Helper()
	p.command("daftar", "")
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.text("Siti Rahayu")
	p.text("0812 3456 7890")
	p.text(business)
	p.pressLabel(flows.T("id", flows.SuNoNIB))
	p.pressLabel(region)
	p.pressLabel(sector)
	p.text("hasil bumi")
	p.pressLabel(flows.T("id", flows.SuWorkersLabel, "1-4"))
	p.text("100 kg")
	p.pressLabel(flows.T("id", flows.SuExportNever))
	p.pressLabel(flows.T("id", flows.SuSave))
	p.mustSee(flows.T("id", flows.SuSaved, "Siti Rahayu"))
}

// mentorOf is the owner's mentor in storage, 0 for none.
func (e *env) mentorOf(p *person) int64 {
	e.t.Helper()
	m, err := e.store.MentorOf(context.Background(), p.id)
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

// bulkAssign walks the staff's bulk assignment from /binaan: a tap on
// each label in picks (region, sector, scope, mentor), then Save; the
// preview is the person's last answer.
func (p *person) bulkAssign(picks ...string) {
	p.e.t.Helper()
	p.command("binaan", "")
	p.pressLabel(flows.T("id", flows.BtnMsAssign))
	for _, l := range picks {
		p.pressLabel(l)
	}
	p.pressLabel(flows.T("id", flows.SuSave))
}

func tid(k flows.Key, args ...any) string { return flows.T("id", k, args...) }

// fireAssigned fires every DueMentorAssigned notice of mentor m due by
// now, as the reminder engine would, and returns their messages.
func (e *env) fireAssigned(m *person) []ikmbot.Message {
	e.t.Helper()
	var out []ikmbot.Message
	for _, d := range e.dues(DueMentorAssigned, m.id, e.now) {
		msgs, err := e.r.FireMentorAssigned(context.Background(), d, e.now)
		if err != nil {
			e.t.Fatalf("FireMentorAssigned(%+v): %v", d, err)
		}
		out = append(out, msgs...)
		if err := e.store.Unschedule(context.Background(), d.Key()); err != nil {
			e.t.Fatal(err)
		}
	}
	return out
}

// TestMentorOverview: /binaan for staff lists every mentor, also one who
// never wrote to the bot, with their owners and how many are overdue, the
// owners without a mentor, and the cadence buttons with the current one
// marked.
func TestMentorOverview(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t) // counts every owner of the server
	ctx := context.Background()
	staff := e.staff()
	rina, budi := e.mentor("Rina"), e.mentor("Budi")
	silent := e.person() // holds the role, never wrote
	if err := e.store.SetRole(ctx, silent.id, ikmbot.RoleMentor); err != nil {
		t.Fatal(err)
	}
	var owners []*person
	for range 5 {
		o := e.person()
		o.signUp()
		owners = append(owners, o)
	}
	e.assign(rina, owners[0], owners[1])
	e.now = e.now.Add(15 * 24 * time.Hour) // past the 14 days
	e.assign(rina, owners[2])
	e.assign(silent, owners[3])

	staff.command("binaan", "")
	rows := []flows.MentorRow{
		{ID: budi.id, Name: "Budi"},
		{ID: rina.id, Name: "Rina", Mentees: 3, Overdue: 2},
		{ID: silent.id, Mentees: 1},
	}
	staff.mustSee(flows.MentorOverview("id", 14, rows, 1))
	staff.mustSee(tid(flows.MsLineOverdue, "Rina", 3, 2))
	staff.mustSee(tid(flows.MsUnnamed, silent.id) + tid(flows.MsNeverWrote))
	staff.pressLabel(tid(flows.BtnMsCadenceOn, 14)) // marked, and still works
	staff.mustSee(tid(flows.MsCadenceSet, 14))

	// Admins see it too.
	admin := e.admin()
	admin.command("binaan", "")
	admin.mustSee(tid(flows.MsUnassigned, 1))
}

// TestMentorCadenceChange: staff set the cadence with a button; the
// overdue counts follow at once; a forged cadence changes nothing.
func TestMentorCadenceChange(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	staff, rina := e.staff(), e.mentor("Rina")
	o := e.person()
	o.signUp()
	e.assign(rina, o)
	e.now = e.now.Add(8 * 24 * time.Hour)

	staff.command("binaan", "")
	staff.mustSee(tid(flows.MsLine, "Rina", 1))
	staff.pressLabel(tid(flows.BtnMsCadence, 7))
	staff.mustSee(tid(flows.MsCadenceSet, 7))
	staff.mustSee(tid(flows.MsTitle, 7))
	staff.mustSee(tid(flows.MsLineOverdue, "Rina", 1, 1))
	if c, err := e.store.Cadence(ctx); err != nil || c != 7*24*time.Hour {
		t.Errorf("cadence = %v, %v; want 7 days", c, err)
	}
	if label := tid(flows.BtnMsCadenceOn, 7); !slices.ContainsFunc(staff.last[0].Buttons[len(staff.last[0].Buttons)-1], func(b ikmbot.Button) bool { return b.Text == label }) {
		t.Errorf("the new cadence is not marked: %+v", staff.last[0].Buttons)
	}
	for _, forged := range []string{"mg:c:9", "mg:c:-1", "mg:c:", "mg:c:7:7"} {
		staff.press(forged)
		staff.mustSee(tid(flows.MsgStaleButton))
	}
	if c, _ := e.store.Cadence(ctx); c != 7*24*time.Hour {
		t.Errorf("a forged button changed the cadence to %v", c)
	}
}

// promptTimer is the owner's prompt timer (DueMentorFollowUp, ID the
// owner) for mentor m; ok is false when there is none.
func (e *env) promptTimer(m, owner *person) (ikmbot.Due, bool) {
	e.t.Helper()
	for _, d := range e.dues(DueMentorFollowUp, m.id, e.now.Add(400*24*time.Hour)) {
		if d.ID == strconv.FormatInt(owner.id, 10) {
			return d, true
		}
	}
	return ikmbot.Due{}, false
}

// TestMentorCadenceRearmsTimers: shortening the cadence from 30 to 7 days
// moves each owner's prompt timer to their last follow-up plus 7 days, or
// now when that has passed, so no mentor is escalated about an owner
// they were never prompted about; an owner overdue under 30 days already
// (prompted, on weekly re-prompts) keeps their timer; lengthening moves
// nothing.
func TestMentorCadenceRearmsTimers(t *testing.T) {
	e := newEnv(t)
	staff, rina := e.staff(), e.mentor("Rina")
	admin := e.admin() // an admin can be a mentor too
	day := 24 * time.Hour
	old, tenDays, yesterday, adminOwn := e.person(), e.person(), e.person(), e.person()
	for _, o := range []*person{old, tenDays, yesterday, adminOwn} {
		o.signUp()
	}
	staff.command("binaan", "")
	staff.pressLabel(tid(flows.BtnMsCadence, 30))
	staff.mustSee(tid(flows.MsCadenceSet, 30))

	start := e.now
	e.assign(rina, old) // overdue by 2 days at the change
	e.now = start.Add(22 * day)
	e.assign(rina, tenDays)
	e.assign(admin, adminOwn)
	e.now = start.Add(31 * day)
	e.assign(rina, yesterday)
	e.now = start.Add(32 * day)
	oldTimer, _ := e.promptTimer(rina, old)

	staff.command("binaan", "")
	staff.pressLabel(tid(flows.BtnMsCadence, 7))
	staff.mustSee(tid(flows.MsCadenceSet, 7))
	for _, c := range []struct {
		name string
		m, o *person
		want time.Time
	}{
		{"assigned 10 days ago", rina, tenDays, e.now},
		{"assigned yesterday", rina, yesterday, e.now.Add(6 * day)},
		{"an admin's, 10 days ago", admin, adminOwn, e.now},
		{"overdue under 30 days too", rina, old, oldTimer.At},
	} {
		d, ok := e.promptTimer(c.m, c.o)
		if !ok || !d.At.Equal(c.want) {
			t.Errorf("%s: timer %+v (%v), want at %v", c.name, d, ok, c.want)
		}
	}

	// Back to 30 days: the timers stay; each moves itself on when it
	// finds its owner not due.
	before, _ := e.promptTimer(rina, yesterday)
	staff.command("binaan", "")
	staff.pressLabel(tid(flows.BtnMsCadence, 30))
	if d, _ := e.promptTimer(rina, yesterday); !d.At.Equal(before.At) {
		t.Errorf("lengthening moved a timer from %v to %v", before.At, d.At)
	}
}

// TestMentorBulkAssign: staff assign the owners of one kabupaten and
// sector without a mentor to Rina, after seeing how many; exactly those
// get her, with a first prompt one cadence later, and are told in their
// language by the reminder engine (not in staff's reply); Rina is told
// how many. Then all of the kabupaten, moving Budi's owner, who tells
// Budi; a repeated tap changes nothing.
func TestMentorBulkAssign(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t) // scans every owner of the server
	staff, rina, budi := e.staff(), e.mentor("Rina"), e.mentor("Budi")
	tgmCoffee1, tgmCoffee2, tgmPepper, metCoffee, tgmBudi := e.person(), e.person(), e.person(), e.person(), e.person()
	tgmCoffee1.signUpIn("Kopi Jaya", "Tanggamus", "Kopi")
	tgmCoffee2.signUpIn("Kopi Gisting", "Tanggamus", "Kopi")
	tgmCoffee2.command("bahasa", "") // reads English
	tgmPepper.signUpIn("Lada Ulu", "Tanggamus", "Lada & rempah")
	metCoffee.signUpIn("Kopi Metro", "Metro", "Kopi")
	tgmBudi.signUpIn("Kopi Budi", "Tanggamus", "Kopi")
	e.assign(budi, tgmBudi)

	staff.bulkAssign("Tanggamus", "Kopi", tid(flows.MsScopeNew), "Rina (0 binaan)")
	a := flows.MentorAssignment{Region: "TGM", Sector: "KOPI", MentorID: rina.id}
	staff.mustSee(flows.MentorAssignPreview("id", a, "Rina", 2, 0, 0))
	for _, o := range []*person{tgmCoffee1, tgmCoffee2} {
		if m := e.mentorOf(o); m != 0 {
			t.Fatalf("the preview assigned %d already", o.id)
		}
	}
	out := staff.pressLabel(tid(flows.BtnMsConfirm, 2))
	staff.mustSee(flows.MentorAssignReport("id", "Rina", 2, 0, 0) + "\n" + tid(flows.MsToldMentor, "Rina"))
	for o, want := range map[*person]int64{tgmCoffee1: rina.id, tgmCoffee2: rina.id, tgmPepper: 0, metCoffee: 0, tgmBudi: budi.id} {
		if got := e.mentorOf(o); got != want {
			t.Errorf("mentor of owner %d = %d, want %d", o.id, got, want)
		}
	}
	if got := to(out, rina.id); len(got) != 1 || got[0].Text != tid(flows.MsMentorTold, 2) {
		t.Errorf("Rina told %+v", got)
	}
	if len(out) != 2 {
		t.Errorf("the reply holds %d messages, want staff's and Rina's: %+v", len(out), out)
	}
	told := e.fireAssigned(rina)
	if got := to(told, tgmCoffee1.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerTold, "Rina") || !got[0].Bulk {
		t.Errorf("owner told %+v", got)
	}
	if got := to(told, tgmCoffee2.id); len(got) != 1 || got[0].Text != flows.T("en", flows.MsOwnerTold, "Rina") {
		t.Errorf("English owner told %+v", got)
	}
	for _, p := range []*person{tgmPepper, metCoffee, tgmBudi, budi} {
		if got := append(to(out, p.id), to(told, p.id)...); len(got) != 0 {
			t.Errorf("%d told %+v", p.id, got)
		}
	}
	cadence := 14 * 24 * time.Hour
	if d := e.dues(DueMentorFollowUp, rina.id, e.now.Add(cadence)); len(d) != 2 || !d[0].At.Equal(e.now.Add(cadence)) {
		t.Errorf("prompts = %+v, want two at %v", d, e.now.Add(cadence))
	}

	// The whole kabupaten, moving those with another mentor.
	staff.bulkAssign("Tanggamus", tid(flows.MsAllSectors), tid(flows.MsScopeAll), "Rina (2 binaan)")
	a = flows.MentorAssignment{Region: "TGM", Reassign: true, MentorID: rina.id}
	staff.mustSee(flows.MentorAssignPreview("id", a, "Rina", 2, 1, 2))
	out = staff.pressLabel(tid(flows.BtnMsConfirm, 2))
	staff.mustSee(flows.MentorAssignReport("id", "Rina", 2, 1, 2))
	told = e.fireAssigned(rina)
	for _, o := range []*person{tgmPepper, tgmBudi} {
		if got := e.mentorOf(o); got != rina.id {
			t.Errorf("mentor of %d = %d, want Rina", o.id, got)
		}
	}
	if got := e.mentorOf(metCoffee); got != 0 {
		t.Errorf("Metro's owner got mentor %d", got)
	}
	if got := to(out, budi.id); len(got) != 1 || got[0].Text != tid(flows.MsMentorLost, 1) {
		t.Errorf("Budi told %+v", got)
	}
	if got := to(told, tgmCoffee1.id); len(got) != 0 {
		t.Errorf("an owner already Rina's was told again: %+v", got)
	}
	for _, o := range []*person{tgmPepper, tgmBudi} {
		if got := to(told, o.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerTold, "Rina") {
			t.Errorf("owner %d told %+v", o.id, got)
		}
	}
	ms, err := e.store.Mentees(context.Background(), budi.id)
	if err != nil || len(ms) != 0 {
		t.Errorf("Budi still has %+v, %v", ms, err)
	}
	// A repeated tap on the same button: nothing left to do.
	out = staff.press(mgConfirmData(a, 2))
	staff.mustSee(flows.MentorAssignReport("id", "Rina", 0, 0, 4))
	if len(out) != 1 || len(e.dues(DueMentorAssigned, rina.id, e.now)) != 0 {
		t.Errorf("a repeated tap sent %+v", out)
	}

	// The overview counts them.
	staff.command("binaan", "")
	staff.mustSee(tid(flows.MsLine, "Rina", 4))
	staff.mustSee(tid(flows.MsUnassigned, 1))
}

// TestMentorBulkAssignNobodyAndCancel: a choice that takes nobody offers
// no assignment; cancelling a preview changes nothing; a mentor who
// never wrote is assigned but not written to.
func TestMentorBulkAssignNobodyAndCancel(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t)
	ctx := context.Background()
	staff := e.staff()
	silent := e.person()
	if err := e.store.SetRole(ctx, silent.id, ikmbot.RoleMentor); err != nil {
		t.Fatal(err)
	}
	o := e.person()
	o.signUp() // Metro, Kopi
	silentLabel := tid(flows.MsMentorChoice, tid(flows.MsUnnamed, silent.id), 0)

	staff.bulkAssign("Tanggamus", tid(flows.MsAllSectors), tid(flows.MsScopeAll), silentLabel)
	staff.mustSee(tid(flows.MsPreviewNobody))
	for _, m := range staff.last {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "mg:b:") {
					t.Errorf("nobody matches, yet %q is offered", b.Data)
				}
			}
		}
	}
	staff.pressLabel(tid(flows.BtnMsChange))
	staff.mustSee(tid(flows.MsAskRegion))
	// /binaan now resumes the choice, as /siaran resumes a broadcast.
	staff.command("binaan", "")
	staff.mustSee(tid(flows.MsAskRegion))
	for _, l := range []string{"Metro", "Kopi", tid(flows.MsScopeNew), silentLabel, tid(flows.SuSave)} {
		staff.pressLabel(l)
	}
	staff.mustSee(tid(flows.MsPreviewCount, 1))
	staff.pressLabel(tid(flows.BtnMsCancel))
	staff.mustSee(tid(flows.MsCancelled))
	if m := e.mentorOf(o); m != 0 {
		t.Fatalf("cancelled, yet the owner has mentor %d", m)
	}

	// A preview tapped after another owner signed up shows the new count
	// and assigns nobody.
	staff.bulkAssign("Metro", "Kopi", tid(flows.MsScopeNew), silentLabel)
	old := staff.last
	late := e.person()
	late.signUp()
	staff.last = old
	staff.pressLabel(tid(flows.BtnMsConfirm, 1))
	staff.mustSee(tid(flows.MsChanged, 1))
	staff.mustSee(tid(flows.MsPreviewCount, 2))
	if m := e.mentorOf(o); m != 0 {
		t.Fatalf("an outdated preview assigned mentor %d", m)
	}
	out := staff.pressLabel(tid(flows.BtnMsConfirm, 2))
	staff.mustSee(tid(flows.MsMentorNotOpened, tid(flows.MsUnnamed, silent.id)))
	if staff.saw(tid(flows.MsToldMentor, tid(flows.MsUnnamed, silent.id))) {
		t.Errorf("staff are told a mentor who never wrote was told: %+v", out)
	}
	for _, p := range []*person{o, late} {
		if m := e.mentorOf(p); m != silent.id {
			t.Fatalf("mentor of %d = %d, want %d", p.id, m, silent.id)
		}
	}
	told := e.fireAssigned(silent)
	if got := to(told, o.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerToldNoName) {
		t.Errorf("owner told %+v", got)
	}
	if got := append(to(out, silent.id), to(told, silent.id)...); len(got) != 0 {
		t.Errorf("a mentor who never wrote was written to: %+v", got)
	}
}

// TestMentorAssignNoticesFired: a bulk assignment's reply holds staff's
// report and the mentor's notice only; the owners' notices are due items
// of the reminder engine, one per batch, which when fired tell each owner
// still the mentor's (in their language), and nobody reassigned, deleted
// or unreachable meanwhile.
func TestMentorAssignNoticesFired(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t) // scans every owner of the server
	ctx := context.Background()
	staff, rina, budi := e.staff(), e.mentor("Rina"), e.mentor("Budi")
	var owners []*person
	for range 5 {
		o := e.person()
		o.signUp() // Metro, Kopi
		owners = append(owners, o)
	}
	owners[1].command("bahasa", "") // reads English
	moved, deleted, blocked := owners[2], owners[3], owners[4]

	staff.bulkAssign("Metro", "Kopi", tid(flows.MsScopeNew), "Rina (0 binaan)")
	out := staff.pressLabel(tid(flows.BtnMsConfirm, 5))
	staff.mustSee(tid(flows.MsDoneTold))
	for _, o := range owners {
		if got := to(out, o.id); len(got) != 0 {
			t.Errorf("the reply tells owner %d: %+v", o.id, got)
		}
	}
	if len(out) != 2 || len(to(out, staff.id)) != 1 || len(to(out, rina.id)) != 1 {
		t.Errorf("the reply is %+v, want staff's report and Rina's notice", out)
	}
	due := e.dues(DueMentorAssigned, rina.id, e.now)
	if len(due) != 1 || !due[0].At.Equal(e.now) || !strings.HasPrefix(due[0].ID, strconv.FormatInt(rina.id, 10)+":") {
		t.Fatalf("notices due = %+v, want one batch now", due)
	}

	// Meanwhile one owner moves to Budi, one deletes their data, one
	// blocks the bot.
	e.assign(budi, moved)
	deleted.command("hapusdata", "")
	deleted.pressLabel(tid(flows.DelYes))
	if err := e.store.MarkUnreachable(ctx, blocked.id); err != nil {
		t.Fatal(err)
	}
	msgs, err := e.r.FireMentorAssigned(ctx, due[0], e.now)
	if err != nil {
		t.Fatal(err)
	}
	if got := to(msgs, owners[0].id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerTold, "Rina") {
		t.Errorf("owner told %+v", got)
	}
	if got := to(msgs, owners[1].id); len(got) != 1 || got[0].Text != flows.T("en", flows.MsOwnerTold, "Rina") {
		t.Errorf("English owner told %+v", got)
	}
	if len(msgs) != 2 {
		t.Errorf("notices = %+v, want the two owners still Rina's and reachable", msgs)
	}

	// A mentor who lost the role tells nobody; a malformed item is dropped.
	if err := e.store.SetRole(ctx, rina.id, ikmbot.RoleOwner); err != nil {
		t.Fatal(err)
	}
	if msgs, err := e.r.FireMentorAssigned(ctx, due[0], e.now); err != nil || len(msgs) != 0 {
		t.Errorf("a former mentor's notices = %+v, %v", msgs, err)
	}
	bad := due[0]
	bad.Payload = "not json"
	if msgs, err := e.r.FireMentorAssigned(ctx, bad, e.now); err != nil || len(msgs) != 0 {
		t.Errorf("a malformed notice = %+v, %v", msgs, err)
	}
}

// TestMentorAssignSameInstant: two assignments to one mentor in the same
// millisecond keep a notice each.
func TestMentorAssignSameInstant(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t)
	staff, rina := e.staff(), e.mentor("Rina")
	met, tgm := e.person(), e.person()
	met.signUpIn("Kopi Metro", "Metro", "Kopi")
	tgm.signUpIn("Kopi Jaya", "Tanggamus", "Kopi")
	staff.press(mgConfirmData(flows.MentorAssignment{Region: "MET", MentorID: rina.id}, 1))
	staff.press(mgConfirmData(flows.MentorAssignment{Region: "TGM", MentorID: rina.id}, 1))
	if d := e.dues(DueMentorAssigned, rina.id, e.now); len(d) != 2 {
		t.Fatalf("notices due = %+v, want two", d)
	}
	told := e.fireAssigned(rina)
	for _, o := range []*person{met, tgm} {
		if got := to(told, o.id); len(got) != 1 {
			t.Errorf("owner %d told %+v", o.id, got)
		}
	}
}

// TestMentorAssignBatches: an assignment of more owners than a batch
// schedules one notice per batch, with distinct ids, which together tell
// every owner once.
func TestMentorAssignBatches(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t)
	ctx := context.Background()
	rina := e.mentor("Rina")
	staff := e.staff()
	const n = 1200 // more than two of storage's batches of 500
	ids := make([]int64, n)
	for i := range ids {
		e.nextID++
		ids[i] = e.nextID
		p := ikmbot.Profile{OwnerName: "Siti", BusinessName: "Kopi", Region: "MET", Sector: "KOPI"}
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: ids[i], Profile: &p, SignUp: true}); err != nil {
			t.Fatal(err)
		}
	}
	a := flows.MentorAssignment{Region: "MET", Sector: "KOPI", MentorID: rina.id}
	out := staff.press(mgConfirmData(a, n))
	staff.mustSee(flows.MentorAssignReport("id", "Rina", n, 0, 0))
	if len(out) != 2 {
		t.Errorf("the reply holds %d messages, want 2", len(out))
	}
	due := e.dues(DueMentorAssigned, rina.id, e.now)
	if len(due) < 2 {
		t.Fatalf("%d notices due, want one per batch", len(due))
	}
	told := map[int64]int{}
	for _, d := range due {
		msgs, err := e.r.FireMentorAssigned(ctx, d, e.now)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			told[m.ChatID]++
		}
	}
	for _, id := range ids {
		if told[id] != 1 {
			t.Fatalf("owner %d told %d times", id, told[id])
		}
	}
}

// TestMentorOneByOneFromHelpRequest: staff open an owner's help request,
// see they have no mentor, choose Rina among the mentors with their
// loads; later move them to Budi. Each time the owner and both mentors
// are told.
func TestMentorOneByOneFromHelpRequest(t *testing.T) {
	e := newEnv(t)
	staff, rina, budi := e.staff(), e.mentor("Rina"), e.mentor("Budi")
	other := e.person()
	other.signUp()
	e.assign(budi, other)
	o := e.person()
	o.signUpIn("Keripik <Maju>", "Pringsewu", "Keripik & makanan olahan")
	o.command("bantuan", "")
	o.pressLabel(tid(flows.BtnCdHelp))
	o.pressLabel(tid(flows.HbGeneral))
	o.text("Saya perlu bantuan kemasan untuk ekspor.")
	o.pressLabel(tid(flows.SuSave))
	reqs, err := e.store.HelpOf(context.Background(), o.id)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests = %+v, %v", reqs, err)
	}

	staff.press(helpData(actHelpView, reqs[0].ID))
	staff.pressLabel(tid(flows.BtnMsOwnerMentor, tid(flows.MsNoneYet)))
	staff.mustSee(tid(flows.MsPickFor, "Keripik &lt;Maju&gt;", tid(flows.MsNoneYet)))
	out := staff.pressLabel("Rina (0 binaan)")
	staff.mustSee(tid(flows.MsOneDone, "Keripik &lt;Maju&gt;", "Rina"))
	if m := e.mentorOf(o); m != rina.id {
		t.Fatalf("mentor = %d, want Rina", m)
	}
	if got := to(out, o.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerTold, "Rina") {
		t.Errorf("owner told %+v", got)
	}
	if got := to(out, rina.id); len(got) != 1 || got[0].Text != tid(flows.MsMentorTold, 1) {
		t.Errorf("Rina told %+v", got)
	}
	cadence := 14 * 24 * time.Hour
	if d := e.dues(DueMentorFollowUp, rina.id, e.now.Add(cadence)); len(d) != 1 || d[0].ID != strconv.FormatInt(o.id, 10) {
		t.Errorf("prompts = %+v", d)
	}
	// A repeated tap changes nothing and tells nobody.
	out = staff.press(mgData(actMgAssign, strconv.FormatInt(o.id, 10), strconv.FormatInt(rina.id, 10)))
	staff.mustSee(tid(flows.MsOneAlready, "Keripik &lt;Maju&gt;", "Rina"))
	if len(out) != 1 {
		t.Errorf("a repeated tap sent %+v", out)
	}

	// The request now shows Rina; staff move the owner to Budi.
	staff.press(helpData(actHelpView, reqs[0].ID))
	staff.pressLabel(tid(flows.BtnMsOwnerMentor, "Rina"))
	staff.mustSee(tid(flows.MsPickFor, "Keripik &lt;Maju&gt;", "Rina"))
	staff.pressLabel(tid(flows.BtnMsMentorOn, "Rina (1 binaan)")) // marked as theirs
	staff.mustSee(tid(flows.MsOneAlready, "Keripik &lt;Maju&gt;", "Rina"))
	staff.press(helpData(actHelpView, reqs[0].ID))
	staff.pressLabel(tid(flows.BtnMsOwnerMentor, "Rina"))
	out = staff.pressLabel("Budi (1 binaan)")
	staff.mustSee(tid(flows.MsOneDone, "Keripik &lt;Maju&gt;", "Budi"))
	if m := e.mentorOf(o); m != budi.id {
		t.Fatalf("mentor = %d, want Budi", m)
	}
	if got := to(out, rina.id); len(got) != 1 || got[0].Text != tid(flows.MsMentorLost, 1) {
		t.Errorf("Rina told %+v", got)
	}
	if got := to(out, budi.id); len(got) != 1 || got[0].Text != tid(flows.MsMentorTold, 1) {
		t.Errorf("Budi told %+v", got)
	}
	if got := to(out, o.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerTold, "Budi") {
		t.Errorf("owner told %+v", got)
	}
}

// TestMentorOneByOneToldOnlyWhatHappened: staff are told that the owner
// or the mentor was told only when they were: a mentor who never opened
// the bot, and an owner who blocked it, get their own lines.
func TestMentorOneByOneToldOnlyWhatHappened(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	staff, rina := e.staff(), e.mentor("Rina")
	silent := e.person() // holds the role, never wrote
	if err := e.store.SetRole(ctx, silent.id, ikmbot.RoleMentor); err != nil {
		t.Fatal(err)
	}
	silentName := tid(flows.MsUnnamed, silent.id)
	o := e.person()
	o.signUpIn("Kopi Jaya", "Metro", "Kopi")
	oid := strconv.FormatInt(o.id, 10)

	out := staff.press(mgData(actMgAssign, oid, strconv.FormatInt(silent.id, 10)))
	staff.mustSee(tid(flows.MsOneAssigned, "Kopi Jaya", silentName) + "\n" + tid(flows.MsOneOwnerTold) + "\n" + tid(flows.MsMentorNotOpened, silentName))
	if staff.saw(tid(flows.MsOneDone, "Kopi Jaya", silentName)) {
		t.Error("staff are told both were told")
	}
	if len(to(out, o.id)) != 1 || len(to(out, silent.id)) != 0 {
		t.Errorf("sent %+v", out)
	}

	// The owner blocks the bot; Rina is told, the owner cannot be.
	if err := e.store.MarkUnreachable(ctx, o.id); err != nil {
		t.Fatal(err)
	}
	out = staff.press(mgData(actMgAssign, oid, strconv.FormatInt(rina.id, 10)))
	staff.mustSee(tid(flows.MsOneAssigned, "Kopi Jaya", "Rina") + "\n" + tid(flows.MsOneOwnerLost) + "\n" + tid(flows.MsToldMentor, "Rina"))
	if len(to(out, o.id)) != 0 || len(to(out, rina.id)) != 1 {
		t.Errorf("sent %+v", out)
	}

	// Rina blocks it too: neither was told.
	if err := e.store.MarkUnreachable(ctx, rina.id); err != nil {
		t.Fatal(err)
	}
	staff.press(mgData(actMgAssign, oid, strconv.FormatInt(silent.id, 10)))
	out = staff.press(mgData(actMgAssign, oid, strconv.FormatInt(rina.id, 10)))
	staff.mustSee(tid(flows.MsOneOwnerLost) + "\n" + tid(flows.MsMentorNotTold, "Rina"))
	if len(out) != 1 {
		t.Errorf("sent %+v", out)
	}
}

// TestMentorAssignRefused: owners and mentors get no staff button, forged
// or not; a button naming someone who is not a mentor, or an owner who is
// gone, is refused kindly; nothing changes.
func TestMentorAssignRefused(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	staff, rina := e.staff(), e.mentor("Rina")
	owner := e.person()
	owner.signUp()
	oid, rid, sid := strconv.FormatInt(owner.id, 10), strconv.FormatInt(rina.id, 10), strconv.FormatInt(staff.id, 10)
	forged := []string{cbMgList, cbMgBulk, cbMgCancel, "mg:c:7",
		"mg:b:-:-:r:" + rid, "mg:o:" + oid, "mg:a:" + oid + ":" + rid, "mg:a:" + oid + ":" + strconv.FormatInt(owner.id, 10)}
	for _, p := range []*person{owner, rina} {
		for _, data := range forged {
			p.press(data)
			p.mustSee(tid(flows.MsgNotAllowed))
		}
	}
	if m := e.mentorOf(owner); m != 0 {
		t.Fatalf("a forged button assigned mentor %d", m)
	}
	if c, _ := e.store.Cadence(ctx); c != ikmbot.DefaultCadence {
		t.Errorf("a forged button set the cadence to %v", c)
	}

	// Staff: someone who is not a mentor, an owner who is not there.
	for _, data := range []string{"mg:a:" + oid + ":" + sid, "mg:a:" + oid + ":99999", "mg:b:-:-:r:" + sid + ":1"} {
		staff.press(data)
		staff.mustSee(tid(flows.MsNotMentor))
	}
	for _, data := range []string{"mg:o:424242", "mg:a:424242:" + rid, "mg:o:" + rid} {
		staff.press(data)
		staff.mustSee(tid(flows.MsOwnerUnknown))
	}
	for _, data := range []string{"mg:o:x", "mg:a:" + oid + ":x", "mg:b:XXX:-:r:" + rid + ":1", "mg:b:-:KOPI:z:" + rid + ":1",
		"mg:b:-:-:r:x:1", "mg:b:-:-:r:" + rid + ":-1", "mg:b:-:-:r:" + rid, "mg:b:-:-:r:" + rid + ":1:2", "mg:zz"} {
		staff.press(data)
		staff.mustSee(tid(flows.MsgStaleButton))
	}
	if m := e.mentorOf(owner); m != 0 {
		t.Fatalf("a refused button assigned mentor %d", m)
	}

	// A mentor has nobody to assign to before one is invited.
	e2 := newEnv(t)
	s2 := e2.staff()
	s2.command("binaan", "")
	s2.mustSee(tid(flows.MsNoMentors))
	s2.press(cbMgBulk)
	s2.mustSee(tid(flows.MsNoMentors))
}
