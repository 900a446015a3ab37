package bot

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"ikmbot"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// broadcastTo stores a broadcast to owners 1..n, ready to send.
func broadcastTo(t *testing.T, store *storage.Store, n int) ikmbot.Broadcast {
	t.Helper()
	ctx := t.Context()
	b, err := store.CreateBroadcast(ctx, ikmbot.Broadcast{Message: ikmbot.Message{Text: "Pameran ekspor 2026"}})
	if err != nil {
		t.Fatal(err)
	}
	owners := make([]int64, n)
	for i := range owners {
		owners[i] = int64(i + 1)
	}
	if err := store.AddRecipients(ctx, b.ID, owners); err != nil {
		t.Fatal(err)
	}
	if err := store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	return b
}

// received counts the broadcast's messages per chat.
type received struct {
	mu  sync.Mutex
	per map[string]int
}

func (r *received) add(chat string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.per == nil {
		r.per = map[string]int{}
	}
	r.per[chat]++
	n := 0
	for _, c := range r.per {
		n += c
	}
	return n
}

func TestBroadcastRunnerSendsEachOnceAndCountsBlocked(t *testing.T) {
	srv := redistest.Start(t)
	store := storage.New(srv.Client(t))
	f := newFakeAPI(t)
	var got received
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		if c.params.Get("chat_id") == "13" {
			return errReply(403, "Forbidden: bot was blocked by the user", 0)
		}
		got.add(c.params.Get("chat_id"))
		return defaultReply(c, n)
	})
	s, _, reach := newTestSender(t, f, SenderConfig{})
	b := broadcastTo(t, store, 60)
	final, err := NewBroadcastRunner(store, s, 4, quietLogger()).Run(t.Context(), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if final.Status != ikmbot.BroadcastDone || final.Sent != 59 || final.Blocked != 1 || final.Left() != 0 {
		t.Errorf("broadcast = %+v; want done, 59 sent, 1 blocked", final)
	}
	for i := 1; i <= 60; i++ {
		if n := got.per[strconv.Itoa(i)]; i != 13 && n != 1 {
			t.Errorf("owner %d got the message %d times", i, n)
		}
	}
	if marked, _ := reach.got(); len(marked) != 1 || marked[0] != 13 {
		t.Errorf("marked unreachable: %v, want [13]", marked)
	}
}

// TestBroadcastRunnerSendsTranslations: a broadcast with an English
// translation reaches the owners who chose English in English and the
// others, those who chose nothing included, in its own language.
func TestBroadcastRunnerSendsTranslations(t *testing.T) {
	srv := redistest.Start(t)
	store := storage.New(srv.Client(t))
	f := newFakeAPI(t)
	var mu sync.Mutex
	texts := map[string]string{}
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		mu.Lock()
		texts[c.params.Get("chat_id")] = c.params.Get("text")
		mu.Unlock()
		return defaultReply(c, n)
	})
	s, _, _ := newTestSender(t, f, SenderConfig{})
	ctx := t.Context()
	owners := []int64{1001, 1002, 1003}
	for id, lang := range map[int64]string{1001: "en", 1002: "id"} {
		if err := store.Apply(ctx, ikmbot.Change{UserID: id, Language: lang}); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { srv.Client(t).Del(context.Background(), "ikm:user:{1001}", "ikm:user:{1002}") })
	b, err := store.CreateBroadcast(ctx, ikmbot.Broadcast{Message: ikmbot.Message{Text: "Ada calon pembeli"},
		Translations: map[string]ikmbot.Message{"en": {Text: "A buyer"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.AddRecipients(ctx, b.ID, owners); err != nil {
		t.Fatal(err)
	}
	if err := store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	if _, err := NewBroadcastRunner(store, s, 4, quietLogger()).Run(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"1001": "A buyer", "1002": "Ada calon pembeli", "1003": "Ada calon pembeli"}
	for chat, text := range want {
		if texts[chat] != text {
			t.Errorf("chat %s got %q, want %q", chat, texts[chat], text)
		}
	}
}

func TestBroadcastRunnerFinishesAfterACrash(t *testing.T) {
	srv := redistest.Start(t)
	store := storage.New(srv.Client(t))
	f := newFakeAPI(t)
	ctx, crash := context.WithCancel(t.Context())
	var got received
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		if got.add(c.params.Get("chat_id")) == 25 {
			crash() // the process dies in the middle of the broadcast
		}
		return defaultReply(c, n)
	})
	s, _, _ := newTestSender(t, f, SenderConfig{})
	const concurrency = 4
	b := broadcastTo(t, store, 60)
	if _, err := NewBroadcastRunner(store, s, concurrency, quietLogger()).Run(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	mid, _ := store.Broadcast(t.Context(), b.ID)
	if mid.Status != ikmbot.BroadcastSending || mid.Left() == 0 {
		t.Fatalf("after the crash the broadcast is %+v; want it still sending, with recipients left", mid)
	}
	// A new process picks it up.
	final, err := NewBroadcastRunner(store, s, concurrency, quietLogger()).Run(t.Context(), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if final.Status != ikmbot.BroadcastDone || final.Sent != 60 {
		t.Errorf("broadcast = %+v; want done with 60 sent, each counted once", final)
	}
	twice := 0
	for i := 1; i <= 60; i++ {
		switch n := got.per[strconv.Itoa(i)]; {
		case n == 0:
			t.Errorf("owner %d never got the message", i)
		case n > 1:
			twice++
		}
	}
	if twice > concurrency {
		t.Errorf("%d owners got it twice; at most the %d in flight at the crash may", twice, concurrency)
	}
}
