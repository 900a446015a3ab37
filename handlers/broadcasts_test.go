package handlers

import (
	"context"
	"testing"

	"ikmbot"
	"ikmbot/flows"
)

// startedBroadcasts records what the router asked to send.
type startedBroadcasts struct{ ids []string }

func (s *startedBroadcasts) Start(id string, _ int64, _ string) { s.ids = append(s.ids, id) }

func TestBroadcastComposeSendPauseResumeCancel(t *testing.T) {
	e := newEnv(t)
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	owner := e.person()
	owner.signUp() // in Metro
	staff := e.staff()

	staff.command("siaran", "")
	staff.text("Pelatihan kemasan ekspor minggu depan.")
	staff.pressLabel("Metro")
	staff.pressLabel(tt(flows.SbAllLevels))
	staff.pressLabel(tt(flows.SbAllSectors))
	staff.pressLabel(tt(flows.SbAllExports))
	staff.pressLabel(tt(flows.SuSave))
	staff.mustSee("Pelatihan kemasan ekspor minggu depan.")
	staff.mustSee(tt(flows.SbPreviewCount, 1))

	// Owners cannot send, pause or cancel it.
	for _, a := range []string{actBcSend, actBcPause, actBcCancel, actBcResume} {
		owner.press(broadcastData(a, "1"))
		owner.mustSee(tt(flows.MsgNotAllowed))
	}
	staff.pressLabel(tt(flows.BtnSbSend, 1))
	staff.mustSee(tt(flows.SbStarted))
	if len(started.ids) != 1 {
		t.Fatalf("started %v, want one broadcast", started.ids)
	}
	b, err := e.store.Broadcast(context.Background(), started.ids[0])
	if err != nil || b.Status != ikmbot.BroadcastSending || b.Total != 1 {
		t.Fatalf("broadcast = %+v, %v", b, err)
	}
	// A second tap on the preview's button sends nothing twice.
	staff.press(broadcastData(actBcSend, b.ID))
	staff.mustSee(tt(flows.SbNotDraft))

	staff.press(broadcastData(actBcPause, b.ID))
	if b, _ = e.store.Broadcast(context.Background(), b.ID); b.Status != ikmbot.BroadcastPaused {
		t.Errorf("after pause: %s", b.Status)
	}
	staff.press(broadcastData(actBcResume, b.ID))
	if len(started.ids) != 2 {
		t.Errorf("resume did not start the broadcast again: %v", started.ids)
	}
	staff.press(broadcastData(actBcCancel, b.ID))
	staff.mustSee(tt(flows.SbCancelled))
	staff.press(broadcastData(actBcResume, b.ID))
	staff.mustSee(tt(flows.SbNotDraft))
	for _, data := range []string{"bc:s", "bc:s:999", "bc:zz:1"} {
		staff.press(data)
		staff.mustSee(tt(flows.MsgStaleButton))
	}
}
