package handlers

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"ikmbot"
	"ikmbot/flows"
)

// auditLogged is every entry of the audit log, oldest first.
func (e *env) auditLogged() []ikmbot.AuditEntry {
	e.t.Helper()
	got, total, err := e.store.AuditEntries(context.Background(), 0, 1000)
	if err != nil || int64(len(got)) != total {
		e.t.Fatalf("AuditEntries = %d entries of %d, %v", len(got), total, err)
	}
	slices.Reverse(got)
	return got
}

// bcAudience is a stored broadcast's audience, as the log keeps it.
func (e *env) bcAudience(id string) *ikmbot.Audience {
	e.t.Helper()
	b, err := e.store.Broadcast(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return &b.Audience
}

// lastButtonData is the data of the button labelled label in the
// person's last answer, "" when there is none.
func (p *person) lastButtonData(label string) string {
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

// TestAuditRecordsBroadcastsAndAssignments: a broadcast sent now, one
// scheduled and cancelled, one scheduled and sent at its time, one
// approved (and so sent) and one rejected, and a bulk mentor assignment
// each leave their entries, with who, the filter and the count; an admin
// reads them with /audit, newest first.
func TestAuditRecordsBroadcastsAndAssignments(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t) // the log is one list for the server
	ctx := context.Background()
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	owner := e.person()
	owner.signUp() // Metro, Kopi
	staff, admin := e.staff(), e.admin()
	staff.name, admin.name = "Andi", "Budi"
	admin.command("start", "") // the bot may write to admins who wrote to it
	rina := e.mentor("Rina")
	var want []ikmbot.AuditEntry
	entry := func(by *person, a ikmbot.AuditAction, ref string, rows int64, detail string, filter *ikmbot.Audience) {
		want = append(want, ikmbot.AuditEntry{At: e.now, ActorID: by.id, ActorName: by.name, Action: a, Ref: ref, Rows: rows,
			Detail: detail, Audience: filter})
	}

	// Sent now, to Metro's owners.
	staff.compose("Pelatihan kemasan ekspor.", append([]string{"Metro"}, sbAll...)...)
	staff.pressLabel(tt(flows.BtnSbSend, 1))
	staff.mustSee(tt(flows.SbStarted))
	sent := started.ids[0]
	entry(staff, ikmbot.AuditBroadcastSent, sent, 1, "", e.bcAudience(sent))

	// Scheduled, then cancelled before its time.
	sendAt := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) // 09.00 WIB
	staff.composeToAll("Temu bisnis dengan LPEI.")
	staff.pressLabel(tt(flows.BtnSbSchedule))
	staff.text("30-11-2026")
	staff.text("09.00")
	staff.mustSee(begin(tt(flows.SbScheduled, "\x00", 1)))
	cancelled := strings.TrimPrefix(staff.lastButtonData(tt(flows.BtnSbCancel)), cbBroadcastPfx+actBcCancel+":")
	entry(staff, ikmbot.AuditBroadcastScheduled, cancelled, 1, ikmbot.AuditTime(sendAt), e.bcAudience(cancelled))
	staff.pressLabel(tt(flows.BtnSbCancel))
	staff.mustSee(tt(flows.SbCancelled))
	entry(staff, ikmbot.AuditBroadcastCancelled, cancelled, 0, string(ikmbot.BroadcastDraft), e.bcAudience(cancelled))

	// Scheduled, then sent at its time by the reminder engine, in its
	// author's name.
	staff.composeToAll("Pameran dagang.")
	staff.pressLabel(tt(flows.BtnSbSchedule))
	staff.text("30-11-2026")
	staff.text("09.00")
	due := slices.DeleteFunc(e.dues(DueBroadcast, staff.id, sendAt), func(d ikmbot.Due) bool { return d.ID == cancelled })
	if len(due) != 1 {
		t.Fatalf("due = %+v, want one besides the cancelled", due)
	}
	entry(staff, ikmbot.AuditBroadcastScheduled, due[0].ID, 1, ikmbot.AuditTime(sendAt), e.bcAudience(due[0].ID))
	if _, err := e.r.FireBroadcast(ctx, due[0], sendAt); err != nil {
		t.Fatal(err)
	}
	entry(staff, ikmbot.AuditBroadcastSent, due[0].ID, 1, ikmbot.AuditDetailDue, e.bcAudience(due[0].ID))
	want[len(want)-1].At = sendAt

	// With approval on: one submitted and approved, so sent by the
	// admin's tap; one submitted and rejected.
	admin.press(cbApprovalOn)
	admin.mustSee(tt(flows.SbApSettingOn))
	staff.composeToAll("Pameran produk ekspor.")
	staff.pressLabel(tt(flows.BtnSbAskApproval, 1))
	approved := to(staff.last, admin.id)[1].Buttons[0][0].Data[len("bc:a:"):]
	entry(staff, ikmbot.AuditBroadcastSubmitted, approved, 1, "", e.bcAudience(approved))
	admin.press(broadcastData(actBcApprove, approved))
	admin.mustSee(tt(flows.SbApApprovedYou, approved))
	entry(admin, ikmbot.AuditBroadcastApproved, approved, 0, "", e.bcAudience(approved))
	entry(admin, ikmbot.AuditBroadcastSent, approved, 1, "", e.bcAudience(approved))

	staff.composeToAll("Pengumuman yang keliru.")
	staff.pressLabel(tt(flows.BtnSbAskApproval, 1))
	rejected := to(staff.last, admin.id)[1].Buttons[0][1].Data[len("bc:d:"):]
	entry(staff, ikmbot.AuditBroadcastSubmitted, rejected, 1, "", e.bcAudience(rejected))
	admin.press(broadcastData(actBcReject, rejected))
	admin.mustSee(tt(flows.SbApRejectedYou, rejected))
	entry(admin, ikmbot.AuditBroadcastRejected, rejected, 0, "", e.bcAudience(rejected))

	// A bulk assignment of Metro's coffee owners without a mentor.
	staff.bulkAssign("Metro", "Kopi", tid(flows.MsScopeNew), "Rina (0 binaan)")
	staff.pressLabel(tid(flows.BtnMsConfirm, 1))
	if got := e.mentorOf(owner); got != rina.id {
		t.Fatalf("owner's mentor = %d, want Rina %d", got, rina.id)
	}
	entry(staff, ikmbot.AuditMentorAssign, strconv.FormatInt(rina.id, 10), 1, ikmbot.AuditScopeNew,
		&ikmbot.Audience{Regions: []string{"MET"}, Sectors: []string{"KOPI"}})
	want[len(want)-1].RefName = "Rina"

	got := e.auditLogged()
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("audit log (-want +got):\n%s", diff)
	}
	for _, en := range got {
		if strings.Contains(en.ActorName+en.RefName+en.Detail, "Siti") {
			t.Errorf("an owner's name in %+v", en)
		}
	}

	// The admin reads the newest ten, with a button to the older one.
	slices.Reverse(got)
	out := admin.command("audit", "")
	wantText := flows.AuditLog("id", flows.AuditPage{Entries: got[:10], Total: int64(len(got))}, e.r.cfg.Location)
	if len(out) != 1 || out[0].Text != wantText {
		t.Fatalf("/audit = %+v\nwant text %q", out, wantText)
	}
	for _, s := range []string{tt(flows.AuMentorAssign, 1, "Rina"), tt(flows.AuBcRejected, rejected), tt(flows.AuBcApproved, approved),
		tt(flows.AuBcSent, approved, 1), tt(flows.AuBcSentDue, due[0].ID, 1), tt(flows.AuBcCancelled, cancelled), "Andi", "Budi"} {
		admin.mustSee(s)
	}
	if admin.saw(tt(flows.AuBcSent, sent, 1)) {
		t.Errorf("the oldest entry is on the first page: %q", out[0].Text)
	}
	admin.pressLabel(tt(flows.BtnAuOlder))
	admin.mustSee(tt(flows.AuBcSent, sent, 1))
	admin.mustSee(tt(flows.AuRange, 11, 11, 11))
}

// TestAuditPages: /audit pages through the log ten at a time, editing the
// message in place, with a newer and an older button where there is such
// a page; a forged page past the end offers the last one.
func TestAuditPages(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t)
	ctx := context.Background()
	for i := range 23 {
		err := e.store.AddAudit(ctx, ikmbot.AuditEntry{At: e.now, ActorID: 1, ActorName: "Staf" + strconv.Itoa(i),
			Action: ikmbot.AuditExport, Detail: ikmbot.AuditFormatXLSX, Rows: int64(i)})
		if err != nil {
			t.Fatal(err)
		}
	}
	admin := e.admin()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	nav := func(wantNewer, wantOlder string) {
		t.Helper()
		if got := admin.lastButtonData(tt(flows.BtnAuNewer)); got != wantNewer {
			t.Errorf("newer button = %q, want %q", got, wantNewer)
		}
		if got := admin.lastButtonData(tt(flows.BtnAuOlder)); got != wantOlder {
			t.Errorf("older button = %q, want %q", got, wantOlder)
		}
	}
	admin.command("audit", "")
	admin.mustSee(tt(flows.AuRange, 1, 10, 23))
	admin.mustSee("Staf22")
	nav("", "au:p:1")

	out := admin.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "au:p:1", MessageID: 77})
	admin.mustSee(tt(flows.AuRange, 11, 20, 23))
	if len(out) != 1 || out[0].EditMessageID != 77 {
		t.Errorf("turning a page sent %+v, want message 77 edited", out)
	}
	nav("au:p:0", "au:p:2")
	admin.press("au:p:2")
	admin.mustSee(tt(flows.AuRange, 21, 23, 23))
	admin.mustSee("Staf0")
	nav("au:p:1", "")

	admin.press("au:p:9")
	admin.mustSee(tt(flows.AuPageEmpty))
	nav("au:p:2", "")
	for _, forged := range []string{"au:p:-1", "au:p:x", "au:q:1", "au:", "au:p:99999999999999999999"} {
		admin.press(forged)
		admin.mustSee(tt(flows.MsgStaleButton))
	}
}

// TestAuditOnlyForAdmins: staff, a mentor and an owner are refused /audit
// and its buttons, and only admins have it in their menu; an empty log
// says so.
func TestAuditOnlyForAdmins(t *testing.T) {
	e := newEnv(t)
	e.redis.RequireOwn(t)
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	if err := e.store.AddAudit(context.Background(), ikmbot.AuditEntry{At: e.now, ActorID: 1, ActorName: "Rahasia",
		Action: ikmbot.AuditExport, Detail: ikmbot.AuditFormatXLSX}); err != nil {
		t.Fatal(err)
	}
	owner := e.person()
	owner.signUp()
	for _, p := range []*person{owner, e.person(), e.staff(), e.mentor("Rina")} {
		for _, out := range [][]ikmbot.Message{p.command("audit", ""), p.press("au:p:0"), p.press("au:p:1")} {
			if len(out) != 1 || out[0].Text != tt(flows.MsgNotAllowed) {
				t.Errorf("user %d got %+v, want refused", p.id, out)
			}
		}
	}
	for _, role := range []ikmbot.Role{ikmbot.RoleOwner, ikmbot.RoleMentor, ikmbot.RoleStaff, ikmbot.RoleAdmin} {
		has := slices.ContainsFunc(Menu(role, "en"), func(m ikmbot.MenuCommand) bool { return m.Command == "audit" })
		if has != (role == ikmbot.RoleAdmin) {
			t.Errorf("menu of %s has /audit: %v", role, has)
		}
	}

	e2 := newEnv(t)
	admin := e2.admin()
	admin.command("audit", "")
	admin.mustSee(tt(flows.AuEmpty))
	if len(admin.last) != 1 || len(admin.last[0].Buttons) != 0 {
		t.Errorf("empty log = %+v, want no buttons", admin.last)
	}
}
