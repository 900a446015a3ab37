package storage

import (
	"sync"
	"sync/atomic"
	"testing"

	"ikmbot"
)

// Two admins approving at once: exactly one decides, and the other finds
// the broadcast no longer pending.
func TestUpdateBroadcastDecidesOnce(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	b := newBroadcast(t, e, nil)
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastPending); err != nil {
		t.Fatal(err)
	}
	var won, lost atomic.Int32
	var wg sync.WaitGroup
	for admin := range int64(10) {
		wg.Go(func() {
			_, err := e.store.UpdateBroadcast(ctx, b.ID, func(b *ikmbot.Broadcast) error {
				if b.Status != ikmbot.BroadcastPending {
					return ikmbot.Errorf(ikmbot.EConflict, "decided")
				}
				b.Status, b.ReviewedBy = ikmbot.BroadcastDraft, admin+1
				return nil
			})
			switch {
			case err == nil:
				won.Add(1)
			case ikmbot.ErrorCode(err) == ikmbot.EConflict:
				lost.Add(1)
			default:
				t.Errorf("UpdateBroadcast: %v", err)
			}
		})
	}
	wg.Wait()
	if won.Load() != 1 || lost.Load() != 9 {
		t.Fatalf("won %d, lost %d; want 1 and 9", won.Load(), lost.Load())
	}
	got, err := e.store.Broadcast(ctx, b.ID)
	if err != nil || got.Status != ikmbot.BroadcastDraft || got.ReviewedBy == 0 || got.Message.Text != "Pameran ekspor" {
		t.Fatalf("after approval: %+v, %v", got, err)
	}
}

// A pause racing the last recipients settling (each settle changes the
// broadcast's hash) is never lost to a retry limit: either it wins and
// the broadcast stays paused with everyone counted, or the broadcast was
// done first and the pause is refused.
func TestPauseWhileSending(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owners := make([]int64, 400)
	for i := range owners {
		owners[i] = int64(1000 + i)
	}
	for range 5 {
		b := newBroadcast(t, e, owners)
		if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
			t.Fatal(err)
		}
		claimed, err := e.store.ClaimRecipients(ctx, b.ID, len(owners))
		if err != nil || len(claimed) != len(owners) {
			t.Fatalf("claim: %d, %v", len(claimed), err)
		}
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Go(func() {
				for i := w; i < len(claimed); i += 8 {
					if err := e.store.SettleRecipient(ctx, b.ID, claimed[i], ikmbot.OutcomeSent); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		pause := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastPaused)
		wg.Wait()
		got, err := e.store.Broadcast(ctx, b.ID)
		if err != nil || got.Sent != 400 {
			t.Fatalf("sent %d, %v; want all 400 counted", got.Sent, err)
		}
		switch {
		case pause == nil && got.Status != ikmbot.BroadcastPaused:
			t.Errorf("the pause went through but the broadcast is %s", got.Status)
		case pause != nil && (ikmbot.ErrorCode(pause) != ikmbot.EConflict || got.Status != ikmbot.BroadcastDone):
			t.Errorf("pause = %v with the broadcast %s; want refused only once done", pause, got.Status)
		}
	}
}

// Only the moves staff may make go through: a forged pause of a draft or
// of one waiting for approval changes nothing.
func TestBroadcastStatusMoves(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	b := newBroadcast(t, e, []int64{1, 2})
	steps := []struct {
		to ikmbot.BroadcastStatus
		ok bool
	}{
		{ikmbot.BroadcastPaused, false}, // a draft is not sending
		{ikmbot.BroadcastPending, true},
		{ikmbot.BroadcastPaused, false},
		{ikmbot.BroadcastSending, false}, // not before an admin decides
		{ikmbot.BroadcastDraft, true},    // approved
		{ikmbot.BroadcastSending, true},
		{ikmbot.BroadcastPending, false},
		{ikmbot.BroadcastPaused, true},
		{ikmbot.BroadcastSending, true},
		{ikmbot.BroadcastCancelled, true},
		{ikmbot.BroadcastSending, false},
	}
	for i, st := range steps {
		err := e.store.SetBroadcastStatus(ctx, b.ID, st.to)
		if (err == nil) != st.ok || (err != nil && ikmbot.ErrorCode(err) != ikmbot.EConflict) {
			t.Fatalf("step %d, to %s: %v; want allowed %v", i, st.to, err, st.ok)
		}
	}
	wantCode(t, e.store.SetBroadcastStatus(ctx, "404404", ikmbot.BroadcastSending), ikmbot.ENotFound)
}

func TestBroadcastApprovalSetting(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	if on, err := e.store.BroadcastApproval(ctx); err != nil || on {
		t.Fatalf("approval = %v, %v; want off until an admin switches it on", on, err)
	}
	for _, want := range []bool{true, true, false} {
		if err := e.store.SetBroadcastApproval(ctx, want); err != nil {
			t.Fatal(err)
		}
		if on, err := e.store.BroadcastApproval(ctx); err != nil || on != want {
			t.Fatalf("approval = %v, %v; want %v", on, err, want)
		}
	}
}
