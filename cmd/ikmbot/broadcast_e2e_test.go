package main

import (
	"context"
	"testing"
	"time"

	"ikmbot"
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
