package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// TestBroadcastResumesAfterRestart: a broadcast left sending by a process
// that died is finished by the next one to start, and every recipient gets
// it.
func TestBroadcastResumesAfterRestart(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var owners []*user
	var ids []int64
	for range 5 {
		u := w.user()
		u.sends("halo") // Telegram lets a bot write only to users who wrote first
		owners = append(owners, u)
		ids = append(ids, u.id)
	}
	b, err := w.store.CreateBroadcast(ctx, ikmbot.Broadcast{Message: ikmbot.Message{Text: "Pameran ekspor di Bandar Lampung"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.store.AddRecipients(ctx, b.ID, ids); err != nil {
		t.Fatal(err)
	}
	if err := w.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	// The previous process had handed out two and sent one.
	claimed, err := w.store.ClaimRecipients(ctx, b.ID, 2)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim = %v, %v", claimed, err)
	}
	if err := w.store.SettleRecipient(ctx, b.ID, claimed[0], ikmbot.OutcomeSent); err != nil {
		t.Fatal(err)
	}

	w.start()
	for _, u := range owners[1:] {
		u.expect("Pameran ekspor di Bandar Lampung")
	}
	// Each is settled just after its message went out.
	var final ikmbot.Broadcast
	for deadline := time.Now().Add(waitLimit); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if final, err = w.store.Broadcast(ctx, b.ID); err != nil || final.Status == ikmbot.BroadcastDone {
			break
		}
	}
	if err != nil || final.Status != ikmbot.BroadcastDone || final.Sent != 5 {
		t.Errorf("broadcast = %+v, %v; want done with 5 sent", final, err)
	}
	if n := owners[0].count("Pameran ekspor di Bandar Lampung"); n != 0 {
		t.Errorf("the owner settled before the crash got it %d times after, want 0", n)
	}
}

// TestBroadcastToASegment: staff compose an announcement for Tanggamus,
// see the preview and the count, send it; only Tanggamus' owners get it,
// one who blocked the bot is counted and marked, staff watch the progress
// message end in the report, and an owner's message during the broadcast is
// answered. Owners can neither start nor control a broadcast.
func TestBroadcastToASegment(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	ctx := context.Background()
	a, b, gone := w.owner("Kopi Tanggamus Jaya"), w.owner("Lada Tanggamus"), w.owner("Kakao Tanggamus")
	elsewhere := w.user()
	elsewhere.sends("halo")
	p := ikmbot.Profile{UserID: elsewhere.id, OwnerName: "Budi", Phone: "+6281300000000", BusinessName: "Keripik Metro", NoNIB: true,
		Region: "MET", Sector: "KOPI", Products: "keripik", Workers: ikmbot.Workers1to4, Capacity: "1", ExportStatus: ikmbot.ExportNever}
	if err := w.store.Apply(ctx, ikmbot.Change{UserID: elsewhere.id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
	// gone blocked the bot before (the bot was told and leaves them out);
	// ghost's chat does not exist for Telegram (400 chat not found), which
	// the broadcast counts as blocked and marks.
	w.tg.BlockUser(gone.id)
	ghost := w.user()
	gp := p
	gp.UserID, gp.Region, gp.BusinessName = ghost.id, "TGM", "Gula Aren Tanggamus"
	if err := w.store.Apply(ctx, ikmbot.Change{UserID: ghost.id, Profile: &gp, SignUp: true}); err != nil {
		t.Fatal(err)
	}

	// An owner cannot start or control one.
	a.sends("/siaran")
	a.expect(kt(flows.MsgNotAllowed))

	const text = "Pameran produk ekspor di Bandar Lampung, 10 Desember. Daftar lewat petugas."
	staff.sends("/siaran")
	staff.expect(kt(flows.SbListEmpty))
	staff.press(kt(flows.BtnSbNew))
	staff.expect(begin(kt(flows.SbAskText, 5, 3500)))
	staff.sends(text)
	staff.expect(begin(kt(flows.SbAskRegion)))
	staff.press("Tanggamus")
	staff.expect(begin(kt(flows.SbAskLevel)))
	staff.press(kt(flows.SbAllLevels))
	staff.expect(begin(kt(flows.SbAskSector)))
	staff.press(kt(flows.SbAllSectors))
	staff.expect(begin(kt(flows.SbAskMarket, ikmbot.MaxTargetMarkets)))
	staff.press(kt(flows.SbAllMarkets))
	staff.expect(begin(kt(flows.SbAskExport)))
	staff.press(kt(flows.SbAllExports))
	staff.expect(begin(kt(flows.SbAskClass)))
	staff.press(kt(flows.SbAllClasses))
	staff.expect(begin(kt(flows.SbAskCert)))
	staff.press(kt(flows.SbAllCerts))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	staff.expect(text) // the broadcast itself, as owners will get it
	preview := staff.expect(kt(flows.SbPreviewCount, 3))
	if !hasButton(preview, kt(flows.BtnSbSend, 3)) {
		t.Fatalf("the preview offers no send to 3 owners: %v", preview.Buttons)
	}
	last, _ := w.tg.LastMessage(a.id)
	w.tg.UserPressedForged(a.id, last.ID, "bc:s:1") // a forged send from an owner
	a.expect(kt(flows.MsgNotAllowed))

	staff.press(kt(flows.BtnSbSend, 3))
	staff.expect(kt(flows.SbStarted))
	a.expect(text)
	b.expect(text)
	a.sends("/profil") // answered while the broadcast goes out
	a.expect(begin(kt(flows.ProfileView, "")))

	// The progress message ends as the report.
	var report telegramtest.Message
	wctx, cancel := context.WithTimeout(ctx, waitLimit)
	defer cancel()
	done := plain(begin(kt(flows.SbDone, 2, 3)))
	if err := w.tg.Wait(wctx, func() bool {
		for _, m := range w.tg.Messages(staff.id) {
			if strings.Contains(m.Text, done) {
				report = m
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatalf("no report %q; staff's chat:\n%s", done, staff.chat())
	}
	if len(report.Buttons) != 0 {
		t.Errorf("the report still has buttons: %v", report.Buttons)
	}
	if n := elsewhere.count(text); n != 0 {
		t.Errorf("an owner outside Tanggamus got the broadcast %d times", n)
	}
	for _, who := range []*user{gone, ghost} {
		u, _, err := w.store.LoadUser(ctx, who.id)
		if err != nil || !u.Unreachable {
			t.Errorf("owner %d is not marked unreachable: %+v, %v", who.id, u, err)
		}
	}
	if n := gone.count(text); n != 0 {
		t.Errorf("the owner who blocked the bot got it %d times", n)
	}
	bc, err := w.store.Broadcast(ctx, "1")
	if err != nil || bc.Sent != 2 || bc.Blocked != 1 || bc.Status != ikmbot.BroadcastDone {
		t.Errorf("broadcast = %+v, %v; want done, 2 sent, 1 blocked", bc, err)
	}

	// The audit log names the send, its recipients and its filter.
	admin := w.adminMember()
	admin.sends("/audit")
	log := admin.expect(kt(flows.AuBcSent, "1", 3))
	if want := "Tanggamus"; !strings.Contains(log.Text, want) {
		t.Errorf("the audit entry lacks the filter %q:\n%s", want, log.Text)
	}
}

// TestBroadcastPhotoWithFormattedCaption: staff send a leaflet photo with
// a bold caption as the announcement; the preview and every owner get the
// same photo (by Telegram's file_id, not uploaded again) with the caption
// and its formatting, and the button to turn announcements off.
func TestBroadcastPhotoWithFormattedCaption(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	a, b := w.owner("Kopi Tanggamus Jaya"), w.owner("Lada Tanggamus")

	staff.sends("/siaran")
	staff.expect(kt(flows.SbListEmpty))
	staff.press(kt(flows.BtnSbNew))
	staff.expect(begin(kt(flows.SbAskText, 5, 3500)))
	w.tg.UserSendsSticker(staff.id) // not an announcement: asked again, kindly
	staff.expect(kt(flows.SbErrMedia))
	w.tg.UserSendsPhotoCaption(staff.id, "<b>Pameran kopi</b> 10 Desember di Bandar Lampung")
	for _, step := range [][2]flows.Key{{flows.SbAskRegion, flows.SbAllRegions}, {flows.SbAskLevel, flows.SbAllLevels},
		{flows.SbAskSector, flows.SbAllSectors}, {flows.SbAskMarket, flows.SbAllMarkets}, {flows.SbAskExport, flows.SbAllExports},
		{flows.SbAskClass, flows.SbAllClasses},
		{flows.SbAskCert, flows.SbAllCerts}} {
		staff.expect(begin(kt(step[0])))
		staff.press(kt(step[1]))
	}
	staff.expect(kt(flows.SbAttachedPhoto))
	staff.press(kt(flows.SuSave))
	const caption = "Pameran kopi 10 Desember di Bandar Lampung"
	preview := staff.expect(caption)
	staff.expect(kt(flows.SbPreview))
	if preview.Photo == nil || preview.Photo.FileID == "" {
		t.Fatalf("the preview is not the photo: %+v", preview)
	}
	staff.press(kt(flows.BtnSbSend, 2))
	for _, o := range []*user{a, b} {
		got := o.expect(caption)
		if got.Photo == nil || got.Photo.FileID != preview.Photo.FileID || !hasButton(got, flows.T("id", flows.BtnSbOptOut)) {
			t.Errorf("owner %d got %+v, want the staff's photo with the opt-out button", o.id, got)
		}
	}
	// Sent by reference, with the caption's bold kept as HTML.
	found := false
	for _, call := range w.tg.Calls("sendPhoto") {
		if call.Params["chat_id"] == strconv.FormatInt(a.id, 10) {
			found = true
			if call.Params["photo"] != preview.Photo.FileID || len(call.Files) != 0 ||
				call.Params["caption"] != "<b>Pameran kopi</b> 10 Desember di Bandar Lampung" {
				t.Errorf("sendPhoto to the owner: %+v", call)
			}
		}
	}
	if !found {
		t.Error("no sendPhoto to the owner was recorded")
	}
}

// TestScheduledBroadcastToASegment: staff schedule an announcement for
// Tanggamus for the next morning; nothing goes out before, at its time
// the reminder engine starts it, the Tanggamus owner gets it, the owner
// elsewhere does not, and staff see it start and end in the report.
func TestScheduledBroadcastToASegment(t *testing.T) {
	w := newTimed(t, monday) // Monday 2 November 2026, 09.00 WIB
	staff := w.staffMember()
	w.start()
	a := w.owner("Kopi Tanggamus Jaya")
	elsewhere := w.user()
	elsewhere.sends("halo")
	p := ikmbot.Profile{UserID: elsewhere.id, OwnerName: "Budi", Phone: "+6281300000000", BusinessName: "Keripik Metro", NoNIB: true,
		Region: "MET", Sector: "KOPI", Products: "keripik", Workers: ikmbot.Workers1to4, Capacity: "1", ExportStatus: ikmbot.ExportNever}
	if err := w.store.Apply(context.Background(), ikmbot.Change{UserID: elsewhere.id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}

	const text = "Besok pagi: temu bisnis dengan LPEI di Kota Agung."
	staff.sends("/siaran")
	staff.expect(kt(flows.SbListEmpty))
	staff.press(kt(flows.BtnSbNew))
	staff.expect(begin(kt(flows.SbAskText, 5, 3500)))
	staff.sends(text)
	for _, step := range [][2]string{{kt(flows.SbAskRegion), "Tanggamus"}, {kt(flows.SbAskLevel), kt(flows.SbAllLevels)},
		{kt(flows.SbAskSector), kt(flows.SbAllSectors)}, {kt(flows.SbAskMarket, ikmbot.MaxTargetMarkets), kt(flows.SbAllMarkets)},
		{kt(flows.SbAskExport), kt(flows.SbAllExports)},
		{kt(flows.SbAskClass), kt(flows.SbAllClasses)}, {kt(flows.SbAskCert), kt(flows.SbAllCerts)}} {
		staff.expect(begin(step[0]))
		staff.press(step[1])
	}
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	staff.expect(text)
	staff.expect(kt(flows.SbPreviewCount, 1))
	staff.press(kt(flows.BtnSbSchedule))
	staff.expect(kt(flows.SjAskDate))
	staff.sends("03-11-2026")
	staff.expect(kt(flows.SjAskTime))
	staff.sends("08.00")
	staff.expect(kt(flows.SbScheduled, "3 November 2026 08.00 WIB", 1))
	staff.sends("/siaran")
	if list := staff.expect(kt(flows.SbListTitle)); !hasButton(list, kt(flows.SbListScheduled, "1", "3 November 2026 08.00 WIB")) {
		t.Errorf("the list does not show the scheduled time: %v", list.Buttons)
	}

	w.nothingAt(time.Date(2026, 11, 3, 7, 50, 0, 0, wib), a, elsewhere)
	w.at(time.Date(2026, 11, 3, 8, 0, 0, 0, wib))
	staff.expect(kt(flows.SbDueStarted))
	a.expect(text)
	wctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	done := plain(begin(kt(flows.SbDone, 1, 1)))
	if err := w.tg.Wait(wctx, func() bool { return staff.count(done) > 0 }); err != nil {
		t.Fatalf("no report %q; staff's chat:\n%s", done, staff.chat())
	}
	if n := elsewhere.count(text); n != 0 {
		t.Errorf("the owner outside Tanggamus got it %d times", n)
	}
	if n := a.count(text); n != 1 {
		t.Errorf("the Tanggamus owner got it %d times, want once", n)
	}
}
