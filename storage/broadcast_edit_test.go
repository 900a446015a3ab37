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

// A pause while recipients settle (each settle changes the broadcast's
// hash under the pause's WATCH) still goes through, and keeps the counts.
func TestPauseWhileSending(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owners := make([]int64, 400)
	for i := range owners {
		owners[i] = int64(1000 + i)
	}
	b := newBroadcast(t, e, owners)
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	claimed, err := e.store.ClaimRecipients(ctx, b.ID, 300)
	if err != nil || len(claimed) != 300 {
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
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastPaused); err != nil {
		t.Errorf("pause while sending: %v", err)
	}
	wg.Wait()
	got, err := e.store.Broadcast(ctx, b.ID)
	if err != nil || got.Status != ikmbot.BroadcastPaused || got.Sent != 300 || got.Total != 400 {
		t.Fatalf("after pause: status %s, sent %d of %d, %v", got.Status, got.Sent, got.Total, err)
	}
	active, err := e.store.ActiveBroadcasts(ctx)
	if err != nil || len(active) != 1 || active[0] != b.ID {
		t.Errorf("active = %v, %v; a paused broadcast stays listed to resume", active, err)
	}
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
