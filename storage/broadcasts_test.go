package storage

import (
	"slices"
	"sync"
	"testing"

	"ikmbot"
)

func newBroadcast(t *testing.T, e env, owners []int64) ikmbot.Broadcast {
	t.Helper()
	b, err := e.store.CreateBroadcast(t.Context(), ikmbot.Broadcast{Message: ikmbot.Message{Text: "Pameran ekspor"}, CreatedBy: 7})
	if err != nil {
		t.Fatalf("CreateBroadcast: %v", err)
	}
	t.Cleanup(func() {
		e.rdb.Del(t.Context(), broadcastKey(b.ID), broadcastRecipientsKey(b.ID), broadcastInFlightKey(b.ID), broadcastMembersKey(b.ID))
		e.rdb.SRem(t.Context(), activeBroadcastsKey(), b.ID)
	})
	// Added in two batches, as a snapshot of many owners is.
	if len(owners) == 0 {
		return b
	}
	half := len(owners) / 2
	for _, batch := range [][]int64{owners[:half], owners[half:]} {
		if err := e.store.AddRecipients(t.Context(), b.ID, batch); err != nil {
			t.Fatalf("AddRecipients: %v", err)
		}
	}
	return b
}

func TestBroadcastClaimSettleAcrossACrash(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owners := []int64{11, 12, 13, 14, 15}
	b := newBroadcast(t, e, owners)
	if got, err := e.store.ClaimRecipients(ctx, b.ID, 3); err != nil || len(got) != 0 {
		t.Errorf("a draft handed out %v, %v", got, err)
	}
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	wantCode(t, e.store.AddRecipients(ctx, b.ID, []int64{99}), ikmbot.EConflict)

	first, err := e.store.ClaimRecipients(ctx, b.ID, 3)
	if err != nil || !slices.Equal(first, []int64{11, 12, 13}) {
		t.Fatalf("first claim = %v, %v", first, err)
	}
	for _, o := range first[:2] {
		if err := e.store.SettleRecipient(ctx, b.ID, o, ikmbot.OutcomeSent); err != nil {
			t.Fatal(err)
		}
	}
	// The process dies here, with 13 in flight. After a restart it is sent
	// again, and settling it twice counts it once.
	inflight, err := e.store.InFlight(ctx, b.ID)
	if err != nil || !slices.Equal(inflight, []int64{13}) {
		t.Fatalf("in flight = %v, %v; want [13]", inflight, err)
	}
	for range 2 {
		if err := e.store.SettleRecipient(ctx, b.ID, 13, ikmbot.OutcomeBlocked); err != nil {
			t.Fatal(err)
		}
	}
	// Paused: nothing is handed out; resumed: the rest.
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastPaused); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.store.ClaimRecipients(ctx, b.ID, 10); len(got) != 0 {
		t.Errorf("a paused broadcast handed out %v", got)
	}
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	rest, err := e.store.ClaimRecipients(ctx, b.ID, 10)
	if err != nil || !slices.Equal(rest, []int64{14, 15}) {
		t.Fatalf("second claim = %v, %v", rest, err)
	}
	e.store.SettleRecipient(ctx, b.ID, 14, ikmbot.OutcomeSent)
	e.store.SettleRecipient(ctx, b.ID, 15, ikmbot.OutcomeFailed)
	got, err := e.store.Broadcast(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != ikmbot.BroadcastDone || got.Total != 5 || got.Sent != 3 || got.Blocked != 1 || got.Failed != 1 || got.Left() != 0 {
		t.Errorf("broadcast = %+v; want done with 3 sent, 1 blocked, 1 failed of 5", got)
	}
	if got.Message.Text != "Pameran ekspor" || got.CreatedBy != 7 {
		t.Errorf("message or author lost: %+v", got)
	}
	wantCode(t, e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending), ikmbot.EConflict)
	_, err = e.store.Broadcast(ctx, "999999")
	wantCode(t, err, ikmbot.ENotFound)
}

func TestBroadcastClaimsRaceHandEachOnce(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owners := make([]int64, 500)
	for i := range owners {
		owners[i] = int64(1000 + i)
	}
	b := newBroadcast(t, e, owners)
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	stores := concurrentStores(t, e, 20)
	var mu sync.Mutex
	var got []int64
	var wg sync.WaitGroup
	for _, st := range stores {
		wg.Go(func() {
			for {
				ids, err := st.ClaimRecipients(ctx, b.ID, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ids) == 0 {
					return
				}
				mu.Lock()
				got = append(got, ids...)
				mu.Unlock()
				for _, id := range ids {
					st.SettleRecipient(ctx, b.ID, id, ikmbot.OutcomeSent)
				}
			}
		})
	}
	wg.Wait()
	slices.Sort(got)
	if !slices.Equal(got, owners) {
		t.Errorf("handed out %d recipients (%d distinct), want each of %d once", len(got), len(slices.Compact(slices.Clone(got))), len(owners))
	}
	if final, _ := e.store.Broadcast(ctx, b.ID); final.Status != ikmbot.BroadcastDone || final.Sent != int64(len(owners)) {
		t.Errorf("broadcast = %+v", final)
	}
}

// TestEndedBroadcastForgetsRecipients: once a broadcast is done, or
// cancelled, its lists of recipients are gone (the counts stay), so a
// province-wide snapshot does not stay in Redis for ever, nor the ids of
// owners who later delete their data; a recipient in flight at the
// cancel still settles.
func TestEndedBroadcastForgetsRecipients(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	gone := func(b ikmbot.Broadcast) bool {
		t.Helper()
		n, err := e.rdb.Exists(ctx, broadcastRecipientsKey(b.ID), broadcastMembersKey(b.ID)).Result()
		if err != nil {
			t.Fatal(err)
		}
		return n == 0
	}
	done := newBroadcast(t, e, []int64{21, 22})
	if err := e.store.SetBroadcastStatus(ctx, done.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	claimed, err := e.store.ClaimRecipients(ctx, done.ID, 5)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim = %v, %v", claimed, err)
	}
	for _, o := range claimed {
		if gone(done) {
			t.Fatal("recipients gone before the broadcast was done")
		}
		if err := e.store.SettleRecipient(ctx, done.ID, o, ikmbot.OutcomeSent); err != nil {
			t.Fatal(err)
		}
	}
	b, err := e.store.Broadcast(ctx, done.ID)
	if err != nil || b.Status != ikmbot.BroadcastDone || b.Total != 2 || b.Sent != 2 {
		t.Fatalf("done broadcast = %+v, %v", b, err)
	}
	if !gone(done) {
		t.Error("a done broadcast kept its recipients")
	}

	cancelled := newBroadcast(t, e, []int64{31, 32, 33})
	if err := e.store.SetBroadcastStatus(ctx, cancelled.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	inFlight, err := e.store.ClaimRecipients(ctx, cancelled.ID, 1)
	if err != nil || len(inFlight) != 1 {
		t.Fatalf("claim = %v, %v", inFlight, err)
	}
	if err := e.store.SetBroadcastStatus(ctx, cancelled.ID, ikmbot.BroadcastCancelled); err != nil {
		t.Fatal(err)
	}
	if !gone(cancelled) {
		t.Error("a cancelled broadcast kept its recipients")
	}
	if ttl, err := e.rdb.TTL(ctx, broadcastInFlightKey(cancelled.ID)).Result(); err != nil || ttl <= 0 {
		t.Errorf("in-flight set of a cancelled broadcast: TTL %v, %v; want it to expire", ttl, err)
	}
	if err := e.store.SettleRecipient(ctx, cancelled.ID, inFlight[0], ikmbot.OutcomeSent); err != nil {
		t.Fatal(err)
	}
	b, err = e.store.Broadcast(ctx, cancelled.ID)
	if err != nil || b.Status != ikmbot.BroadcastCancelled || b.Total != 3 || b.Sent != 1 {
		t.Errorf("cancelled broadcast = %+v, %v; want cancelled, 3 total, 1 sent", b, err)
	}
}

// TestRejectedAndOldEndedBroadcastsForgetRecipients: a draft rejected
// after part of its snapshot was taken loses it too, and the start-up
// sweep removes the recipients of broadcasts that ended before the
// scripts forgot them, leaving one still sending alone.
func TestRejectedAndOldEndedBroadcastsForgetRecipients(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	kept := func(b ikmbot.Broadcast) int64 {
		t.Helper()
		n, err := e.rdb.Exists(ctx, broadcastRecipientsKey(b.ID), broadcastMembersKey(b.ID)).Result()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	rejected := newBroadcast(t, e, []int64{51, 52})
	if _, err := e.store.UpdateBroadcast(ctx, rejected.ID, func(b *ikmbot.Broadcast) error {
		b.Status = ikmbot.BroadcastPending
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.UpdateBroadcast(ctx, rejected.ID, func(b *ikmbot.Broadcast) error {
		b.Status = ikmbot.BroadcastRejected
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := kept(rejected); n != 0 {
		t.Errorf("a rejected broadcast kept %d recipient keys", n)
	}

	// Ended the old way: the status written, the lists left behind.
	old := newBroadcast(t, e, []int64{61, 62})
	if err := e.rdb.HSet(ctx, broadcastKey(old.ID), fieldBcStatus, string(ikmbot.BroadcastDone)).Err(); err != nil {
		t.Fatal(err)
	}
	sending := newBroadcast(t, e, []int64{71, 72})
	if err := e.store.SetBroadcastStatus(ctx, sending.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	if err := e.store.ForgetEndedRecipients(ctx); err != nil {
		t.Fatal(err)
	}
	if n := kept(old); n != 0 {
		t.Errorf("an old ended broadcast kept %d recipient keys after the sweep", n)
	}
	if n := kept(sending); n != 2 {
		t.Errorf("a broadcast still sending kept %d of its 2 recipient keys", n)
	}
}
