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

// TestMentorBulkAssign: staff assign the owners of one kabupaten and
// sector without a mentor to Rina, after seeing how many; exactly those
// get her, with a first prompt one cadence later, and are told in their
// language; Rina is told how many. Then all of the kabupaten, moving
// Budi's owner, who tells Budi; a repeated tap changes nothing.
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
	staff.mustSee(flows.MentorAssignReport("id", "Rina", 2, 0, 0))
	for o, want := range map[*person]int64{tgmCoffee1: rina.id, tgmCoffee2: rina.id, tgmPepper: 0, metCoffee: 0, tgmBudi: budi.id} {
		if got := e.mentorOf(o); got != want {
			t.Errorf("mentor of owner %d = %d, want %d", o.id, got, want)
		}
	}
	if got := to(out, tgmCoffee1.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerTold, "Rina") || !got[0].Bulk {
		t.Errorf("owner told %+v", got)
	}
	if got := to(out, tgmCoffee2.id); len(got) != 1 || got[0].Text != flows.T("en", flows.MsOwnerTold, "Rina") {
		t.Errorf("English owner told %+v", got)
	}
	if got := to(out, rina.id); len(got) != 1 || got[0].Text != tid(flows.MsMentorTold, 2) {
		t.Errorf("Rina told %+v", got)
	}
	for _, p := range []*person{tgmPepper, metCoffee, tgmBudi, budi} {
		if got := to(out, p.id); len(got) != 0 {
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
	if got := to(out, tgmCoffee1.id); len(got) != 0 {
		t.Errorf("an owner already Rina's was told again: %+v", got)
	}
	ms, err := e.store.Mentees(context.Background(), budi.id)
	if err != nil || len(ms) != 0 {
		t.Errorf("Budi still has %+v, %v", ms, err)
	}
	// A repeated tap on the same button: nothing left to do.
	out = staff.press(mgConfirmData(a, 2))
	staff.mustSee(flows.MentorAssignReport("id", "Rina", 0, 0, 4))
	if len(out) != 1 {
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
	for _, p := range []*person{o, late} {
		if m := e.mentorOf(p); m != silent.id {
			t.Fatalf("mentor of %d = %d, want %d", p.id, m, silent.id)
		}
	}
	if got := to(out, o.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerToldNoName) {
		t.Errorf("owner told %+v", got)
	}
	if got := to(out, silent.id); len(got) != 0 {
		t.Errorf("a mentor who never wrote was written to: %+v", got)
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
