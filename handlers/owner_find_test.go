package handlers

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Owners in these tests have names no other test uses, and phone numbers
// drawn at random, so that searches find only them on a shared Redis too.

// findOwner walks staff's search from the /binaan overview with query;
// the results are the person's last answer.
func (p *person) findOwner(query string) {
	p.e.t.Helper()
	p.command("binaan", "")
	p.pressLabel(tid(flows.BtnOfFind))
	p.mustSee(tid(flows.OfAsk, 3, 60))
	p.text(query)
}

// buttonData is the data of the button labelled label in the last
// answer, "" when there is none.
func (p *person) buttonData(label string) string {
	for _, m := range p.last {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Text == label {
					return b.Data
				}
			}
		}
	}
	return ""
}

// setPhone changes the owner's phone number through /profil.
func (p *person) setPhone(phone string) {
	p.e.t.Helper()
	p.command("profil", "")
	p.pressLabel(tid(flows.BtnEditProfile))
	p.pressLabel(tid(flows.SuEditPrefix, tid(flows.FieldPhone)))
	p.text(phone)
	p.pressLabel(tid(flows.SuSave))
	p.mustSee(tid(flows.SuProfileUpdated))
}

// TestOwnerFindAndAssign: staff find an owner by part of the business
// name in another case, open the profile (every answer, the phone,
// kabupaten, level and mentor), choose a mentor from it the same way as
// from a help request, and find the mentor on the profile afterwards.
func TestOwnerFindAndAssign(t *testing.T) {
	e := newEnv(t)
	staff, rina := e.staff(), e.mentor("Rina")
	o, other := e.person(), e.person()
	o.signUpIn("Keripik <Maju> Serbajadi", "Pringsewu", "Keripik & makanan olahan")
	other.signUpIn("Tapis Serbajadi Indah", "Metro", "Kopi")
	o.command("cek", "")
	o.answerCheck(false)
	users, err := e.store.Users(context.Background(), []int64{o.id})
	if err != nil || users[o.id].Level == "" {
		t.Fatalf("owner after the check: %+v, %v", users[o.id], err)
	}
	level := flows.LevelName("id", ikmbot.Readiness(), users[o.id].Level)

	staff.findOwner("  MAJU>   serbaJADI ")
	staff.mustSee(tid(flows.OfFound, "MAJU&gt; serbaJADI", 1))
	if staff.buttonData("Tapis Serbajadi Indah · Metro") != "" {
		t.Errorf("another owner is listed: %+v", staff.last)
	}
	label := "Keripik <Maju> Serbajadi · Pringsewu"
	if got, want := staff.buttonData(label), "mg:p:"+strconv.FormatInt(o.id, 10); got != want {
		t.Fatalf("button %q has data %q, want %q", label, got, want)
	}
	staff.pressLabel(label)
	for _, want := range []string{
		tid(flows.OfProfileTitle),
		"<b>" + tid(flows.FieldBusinessName) + "</b>: Keripik &lt;Maju&gt; Serbajadi",
		"<b>" + tid(flows.FieldOwnerName) + "</b>: Siti Rahayu",
		"<b>" + tid(flows.FieldPhone) + "</b>: +6281234567890",
		"<b>" + tid(flows.FieldRegion) + "</b>: Pringsewu",
		"<b>" + tid(flows.FieldProducts) + "</b>: hasil bumi",
		"<b>" + tid(flows.FieldExportStatus) + "</b>: " + tid(flows.SuExportNever),
		tid(flows.OfProfileLevel, level),
		tid(flows.OfProfileMentor, tid(flows.MsNoneYet)),
	} {
		staff.mustSee(want)
	}
	for _, b := range []string{tid(flows.BtnOfAgain), tid(flows.BtnMsOverview)} {
		if staff.buttonData(b) == "" {
			t.Errorf("no button %q on the profile: %+v", b, staff.last)
		}
	}

	// The mentor button is the help request's: the same choice and
	// assignment, the owner and the mentor told in the reply.
	staff.pressLabel(tid(flows.BtnMsOwnerMentor, tid(flows.MsNoneYet)))
	staff.mustSee(tid(flows.MsPickFor, "Keripik &lt;Maju&gt; Serbajadi", tid(flows.MsNoneYet)))
	out := staff.pressLabel("Rina (0 binaan)")
	staff.mustSee(tid(flows.MsOneDone, "Keripik &lt;Maju&gt; Serbajadi", "Rina"))
	if m := e.mentorOf(o); m != rina.id {
		t.Fatalf("mentor = %d, want Rina", m)
	}
	if got := to(out, o.id); len(got) != 1 || got[0].Text != tid(flows.MsOwnerTold, "Rina") {
		t.Errorf("owner told %+v", got)
	}
	if got := to(out, rina.id); len(got) != 1 || got[0].Text != tid(flows.MsMentorTold, 1) {
		t.Errorf("Rina told %+v", got)
	}
	if d := e.dues(DueMentorFollowUp, rina.id, e.now.Add(14*24*time.Hour)); len(d) != 1 || d[0].ID != strconv.FormatInt(o.id, 10) {
		t.Errorf("prompts = %+v", d)
	}

	// Found again, the profile names the mentor, in the text and on the
	// button; an admin may look too.
	admin := e.admin()
	for _, p := range []*person{staff, admin} {
		p.findOwner("keripik <maju>")
		p.pressLabel(label)
		p.mustSee(tid(flows.OfProfileMentor, "Rina"))
		if p.buttonData(tid(flows.BtnMsOwnerMentor, "Rina")) != "mg:o:"+strconv.FormatInt(o.id, 10) {
			t.Errorf("no mentor button naming Rina: %+v", p.last)
		}
	}
}

// TestOwnerFindByPhone: a phone number typed in any common form finds
// the owner whose number it is, and only them.
func TestOwnerFindByPhone(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	o, other := e.person(), e.person()
	o.signUpIn("Lada Hitam Sukadana", "Lampung Timur", "Lada & rempah")
	other.signUpIn("Lada Putih Sukadana", "Lampung Timur", "Lada & rempah")
	rest := fmt.Sprintf("%08d", rand.IntN(100_000_000)) // the owner's number is 0813 followed by rest
	o.setPhone("0813 " + rest)
	label := "Lada Hitam Sukadana · Lampung Timur"
	for _, typed := range []string{
		"0813" + rest,
		"+62 813-" + rest[:4] + "-" + rest[4:],
		"62813" + rest,
		"(0813) " + rest,
	} {
		staff.findOwner(typed)
		staff.mustSee(tid(flows.OfFound, typed, 1))
		if staff.buttonData(label) == "" {
			t.Errorf("%q: no button %q in %+v", typed, label, staff.last)
		}
	}
	staff.pressLabel(label)
	staff.mustSee("<b>" + tid(flows.FieldPhone) + "</b>: +62813" + rest)
}

// TestOwnerFindNoneAndMany: a search nobody matches says so with a
// button to search again; a query too short is asked again; more than
// ten owners found lists ten and asks to narrow the search.
func TestOwnerFindNoneAndMany(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	tok := "Gula Aren Q" + strconv.FormatInt(rand.Int64N(1<<40), 36)

	staff.findOwner(tok)
	staff.mustSee(tid(flows.OfNone, tok))
	staff.pressLabel(tid(flows.BtnOfAgain))
	staff.mustSee(tid(flows.OfAsk, 3, 60))
	staff.text("ab")
	staff.mustSee(tid(flows.OfErrShort, 3))
	staff.pressLabel(tid(flows.BtnCancel))
	staff.mustSee(tid(flows.MsgCancelled))

	for i := range 12 {
		o := e.person()
		o.signUpIn(fmt.Sprintf("%s %02d", tok, i), "Way Kanan", "Gula aren & minuman rempah")
	}
	staff.findOwner(tok)
	staff.mustSee(tid(flows.OfMany, tok, 10))
	var owners []string
	for _, row := range staff.last[0].Buttons {
		if len(row) == 1 && len(row[0].Data) > 5 && row[0].Data[:5] == "mg:p:" {
			owners = append(owners, row[0].Text)
		}
	}
	if len(owners) != 10 || !slices.IsSorted(owners) {
		t.Errorf("listed %d owners %v, want 10 sorted", len(owners), owners)
	}
	staff.findOwner(tok + " 11")
	staff.mustSee(tid(flows.OfFound, tok+" 11", 1))
}

// TestOwnerFindRefused: owners and mentors get neither the search nor a
// profile, forged or not; staff are refused kindly for an id that names
// no owner (a mentor, someone gone) or none at all; staff who lose the
// role in the middle of a search see no results.
func TestOwnerFindRefused(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	staff, rina := e.staff(), e.mentor("Rina")
	owner := e.person()
	owner.signUpIn("Kakao Pesawaran Makmur", "Pesawaran", "Kakao & cokelat")
	oid := strconv.FormatInt(owner.id, 10)
	for _, p := range []*person{owner, rina} {
		for _, data := range []string{cbMgFind, "mg:p:" + oid, "mg:p:" + strconv.FormatInt(p.id, 10)} {
			p.press(data)
			p.mustSee(tid(flows.MsgNotAllowed))
		}
	}

	for _, data := range []string{"mg:p:424242", "mg:p:" + strconv.FormatInt(rina.id, 10), "mg:p:" + strconv.FormatInt(staff.id, 10), "mg:p:-1"} {
		staff.press(data)
		staff.mustSee(tid(flows.MsOwnerUnknown))
	}
	for _, data := range []string{"mg:p:x", "mg:p:", "mg:p:" + oid + ":1", "mg:f:1"} {
		staff.press(data)
		staff.mustSee(tid(flows.MsgStaleButton))
	}
	if err := e.store.DeleteOwnerData(ctx, owner.id); err != nil {
		t.Fatal(err)
	}
	staff.press("mg:p:" + oid)
	staff.mustSee(tid(flows.MsOwnerUnknown))

	former := e.staff()
	former.command("binaan", "")
	former.pressLabel(tid(flows.BtnOfFind))
	if err := e.store.SetRole(ctx, former.id, ikmbot.RoleOwner); err != nil {
		t.Fatal(err)
	}
	former.text("Kakao Pesawaran")
	former.mustSee(tid(flows.MsgNotAllowed))
}
