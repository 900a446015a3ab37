package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// admin makes a person with the admin role.
func (e *env) admin() *person {
	e.t.Helper()
	p := e.person()
	if err := e.store.SetRole(context.Background(), p.id, ikmbot.RoleAdmin); err != nil {
		e.t.Fatal(err)
	}
	return p
}

func TestBroadcastApproval(t *testing.T) {
	e := newEnv(t)
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	ctx := context.Background()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	owner := e.person()
	owner.signUp()
	staff, admin, admin2 := e.staff(), e.admin(), e.admin()
	staff.name, admin.name, admin2.name = "Andi", "Budi", "Citra"
	admin.command("start", "") // the bot may write to admins who wrote to it
	admin2.command("start", "")

	// Only admins switch approval, from the list.
	staff.press(cbApprovalOn)
	staff.mustSee(tt(flows.MsgNotAllowed))
	admin.command("siaran", "")
	admin.mustSee(tt(flows.SbApSettingOff))
	admin.pressLabel(tt(flows.BtnSbApprovalOn))
	admin.mustSee(tt(flows.SbApSettingOn))
	if on, err := e.store.BroadcastApproval(ctx); err != nil || !on {
		t.Fatalf("approval = %v, %v; want on", on, err)
	}
	staff.command("siaran", "")
	staff.mustSee(tt(flows.SbApNeedsApproval))

	// A staff member's broadcast waits for an admin.
	staff.composeToAll("Pameran produk ekspor di Bandar Lampung.")
	staff.pressLabel(tt(flows.BtnSbAskApproval, 1))
	staff.mustSee(begin(tt(flows.SbApApprovalSent, unknown)))
	if len(started.ids) != 0 {
		t.Fatalf("started %v before approval", started.ids)
	}
	if got := to(staff.last, admin2.id); len(got) != 2 {
		t.Fatalf("the second admin got %+v, want the request too", got)
	}
	toAdmin := to(staff.last, admin.id)
	if len(toAdmin) != 2 || toAdmin[0].Text != flows.Escape("Pameran produk ekspor di Bandar Lampung.") ||
		!toAdmin[0].Bulk || len(toAdmin[1].Buttons) == 0 {
		t.Fatalf("admin got %+v, want the broadcast and the request with buttons", toAdmin)
	}
	id := toAdmin[1].Buttons[0][0].Data[len("bc:a:"):]
	if b, _ := e.store.Broadcast(ctx, id); b.Status != ikmbot.BroadcastPending || b.CreatedByName != "Andi" {
		t.Fatalf("broadcast = %+v, want pending by Andi", b)
	}
	// Neither owners nor staff can approve.
	for _, p := range []*person{owner, staff} {
		p.press(broadcastData(actBcApprove, id))
		p.mustSee(tt(flows.MsgNotAllowed))
	}
	// Nor slip it past the admins with a forged pause and resume.
	staff.press(broadcastData(actBcPause, id))
	staff.mustSee(tt(flows.SbNotDraft))
	staff.press(broadcastData(actBcResume, id))
	staff.mustSee(tt(flows.SbNotDraft))
	if b, _ := e.store.Broadcast(ctx, id); b.Status != ikmbot.BroadcastPending {
		t.Fatalf("after forged pause and resume: %s, want still pending", b.Status)
	}
	if len(started.ids) != 0 {
		t.Fatalf("started %v without an admin", started.ids)
	}

	admin.press(broadcastData(actBcApprove, id))
	admin.mustSee(tt(flows.SbApApprovedYou, id))
	if got := to(admin.last, staff.id); len(got) != 1 || got[0].Text != tt(flows.SbApApproved, id, "Budi") {
		t.Errorf("author got %+v, want told of the approval", got)
	}
	if len(started.ids) != 1 || started.ids[0] != id {
		t.Fatalf("started %v, want %s", started.ids, id)
	}
	b, _ := e.store.Broadcast(ctx, id)
	if b.Status != ikmbot.BroadcastSending || b.ReviewedBy != admin.id || b.Total != 1 {
		t.Fatalf("approved broadcast = %+v", b)
	}
	if got := flows.BroadcastProgress("id", b, 0); !strings.Contains(got, tt(flows.SbBylineApproved, "Andi", "Budi")) {
		t.Errorf("report %q does not name both", got)
	}
	// The other admin's copy finds it decided.
	admin2.press(broadcastData(actBcReject, id))
	admin2.mustSee(tt(flows.SbApNotPending))

	// A rejected one is never sent, and says so in the list.
	staff.composeToAll("Pengumuman yang keliru.")
	staff.pressLabel(tt(flows.BtnSbAskApproval, 1))
	rejected := to(staff.last, admin.id)[1].Buttons[0][1].Data[len("bc:d:"):]
	admin.press(broadcastData(actBcReject, rejected))
	admin.mustSee(tt(flows.SbApRejectedYou, rejected))
	if got := to(admin.last, staff.id); len(got) != 1 || got[0].Text != tt(flows.SbApRejected, rejected, "Budi") {
		t.Errorf("author got %+v, want told of the rejection", got)
	}
	staff.press(broadcastData(actBcSend, rejected))
	staff.mustSee(tt(flows.SbNotDraft))
	if len(started.ids) != 1 {
		t.Errorf("started %v after a rejection", started.ids)
	}
	rb, _ := e.store.Broadcast(ctx, rejected)
	staff.command("siaran", "")
	staff.pressLabel(flows.BroadcastListLabel("id", rb, e.r.cfg.Location))
	staff.mustSee(tt(flows.SbStatusRejected))
	staff.mustSee(tt(flows.SbBylineRejected, "Andi", "Budi"))

	// A scheduled one waits for approval, then for its time.
	staff.composeToAll("Temu bisnis dengan LPEI, Senin.")
	staff.pressLabel(tt(flows.BtnSbSchedule))
	staff.text("30-11-2026")
	staff.text("09.00")
	staff.mustSee(begin(tt(flows.SbApSentAt, unknown)))
	scheduled := to(staff.last, admin.id)[1].Buttons[0][0].Data[len("bc:a:"):]
	if due := e.dues(DueBroadcast, staff.id, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); len(due) != 0 {
		t.Fatalf("scheduled before approval: %+v", due)
	}
	admin.press(broadcastData(actBcApprove, scheduled))
	if got := to(admin.last, staff.id); len(got) != 1 || got[0].Text != tt(flows.SbApApprovedAt, scheduled, "Budi", "30 November 2026 09.00 WIB") {
		t.Errorf("author got %+v, want told of the time", got)
	}
	due := e.dues(DueBroadcast, staff.id, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if len(due) != 1 || due[0].ID != scheduled || !due[0].At.Equal(time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)) {
		t.Fatalf("due = %+v, want %s at 30-11 09.00 WIB", due, scheduled)
	}
	if len(started.ids) != 1 {
		t.Errorf("started %v before its time", started.ids)
	}

	// Approved only after its time has long passed: not sent at once (it
	// may be night, or stale); the author can send it from the list.
	staff.composeToAll("Info pameran, dikirim besok pagi.")
	staff.pressLabel(tt(flows.BtnSbSchedule))
	staff.text("28-11-2026")
	staff.text("07.00")
	stale := to(staff.last, admin.id)[1].Buttons[0][0].Data[len("bc:a:"):]
	e.now = time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC) // 10.00 WIB, three hours late
	admin.press(broadcastData(actBcApprove, stale))
	if got := to(admin.last, staff.id); len(got) != 1 || got[0].Text != tt(flows.SbApApprovedLate, stale, "Budi", "28 November 2026 07.00 WIB") {
		t.Fatalf("author got %+v, want told the time passed", got)
	}
	if len(started.ids) != 1 {
		t.Fatalf("started %v, want nothing sent late", started.ids)
	}
	staff.press(broadcastData(actBcView, stale))
	staff.pressLabel(tt(flows.BtnSbSendNow))
	staff.mustSee(tt(flows.SbStarted))
	if len(started.ids) != 2 || started.ids[1] != stale {
		t.Fatalf("started %v, want the approved one sent by its author", started.ids)
	}

	// An admin's own broadcast goes out without approval.
	admin.composeToAll("Dari admin: kantor tutup Jumat.")
	admin.pressLabel(tt(flows.BtnSbSend, 1))
	admin.mustSee(tt(flows.SbStarted))
	if len(started.ids) != 3 {
		t.Errorf("started %v, want the admin's too", started.ids)
	}

	// Switched off, staff send directly.
	admin.command("siaran", "")
	admin.pressLabel(tt(flows.BtnSbApprovalOff))
	admin.mustSee(tt(flows.SbApSettingOff))
	staff.composeToAll("Langsung tanpa persetujuan.")
	staff.pressLabel(tt(flows.BtnSbSend, 1))
	staff.mustSee(tt(flows.SbStarted))
}
