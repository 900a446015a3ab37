package storage

import (
	"slices"
	"testing"

	"ikmbot"
)

func TestSnapshotAudience(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // counts every owner of the server
	ctx := t.Context()
	// 1,200 owners: more than two scan batches. Every third in Tanggamus,
	// every fifth blocked the bot.
	var want []int64
	for i := range 1200 {
		id := int64(9_100_000 + i)
		region := "BDL"
		if i%3 == 0 {
			region = "TGM"
		}
		p := ikmbot.Profile{UserID: id, OwnerName: "P", Phone: "+6281234567890", BusinessName: "U", NoNIB: true,
			Region: region, Sector: "KOPI", Products: "kopi", Workers: ikmbot.Workers1to4, Capacity: "1", ExportStatus: ikmbot.ExportNever}
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if err := e.store.MarkUnreachable(ctx, id); err != nil {
				t.Fatal(err)
			}
		} else if region == "TGM" {
			want = append(want, id)
		}
	}
	a := ikmbot.Audience{Regions: []string{"TGM"}}
	if n, err := e.store.CountAudience(ctx, a); err != nil || n != int64(len(want)) {
		t.Errorf("CountAudience = %d, %v; want %d", n, err, len(want))
	}
	b := newBroadcast(t, e, nil)
	n, err := e.store.SnapshotAudience(ctx, b.ID, a)
	if err != nil || n != int64(len(want)) {
		t.Fatalf("SnapshotAudience = %d, %v; want %d", n, err, len(want))
	}
	// Added again (a retried snapshot), nobody is in twice.
	if err := e.store.AddRecipients(ctx, b.ID, want[:10]); err != nil {
		t.Fatal(err)
	}
	got, err := e.rdb.LRange(ctx, broadcastRecipientsKey(b.ID), 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	ids := parseOwners(got)
	slices.Sort(ids)
	if !slices.Equal(ids, want) {
		t.Errorf("snapshot has %d recipients, want the %d reachable owners of Tanggamus, each once", len(ids), len(want))
	}

	// Sending and paused broadcasts are found at start-up; done ones not.
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	if active, err := e.store.ActiveBroadcasts(ctx); err != nil || !slices.Contains(active, b.ID) {
		t.Errorf("ActiveBroadcasts = %v, %v; want %s", active, err, b.ID)
	}
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastCancelled); err != nil {
		t.Fatal(err)
	}
	if active, _ := e.store.ActiveBroadcasts(ctx); slices.Contains(active, b.ID) {
		t.Errorf("a cancelled broadcast is still active: %v", active)
	}
}
