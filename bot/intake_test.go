package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// flaky wraps a handler so that it fails like a handler whose Redis is
// down: always when err is set, or once for each id in failOnce.
type flaky struct {
	mu       sync.Mutex
	err      error
	failOnce map[int64]bool
	next     Handler
}

func (h *flaky) Handle(ctx context.Context, ev ikmbot.Event) ([]ikmbot.Message, error) {
	h.mu.Lock()
	fail := h.err != nil || h.failOnce[ev.UpdateID]
	delete(h.failOnce, ev.UpdateID)
	h.mu.Unlock()
	if fail {
		return nil, errors.New("load user: redis: connection refused")
	}
	return h.next.Handle(ctx, ev)
}

// handlerFunc adapts a function to Handler.
type handlerFunc func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message

func (f handlerFunc) Handle(ctx context.Context, ev ikmbot.Event) ([]ikmbot.Message, error) {
	return f(ctx, ev), nil
}

// echo replies to every event with its update id.
func echo(_ context.Context, ev ikmbot.Event) []ikmbot.Message {
	return []ikmbot.Message{{ChatID: ev.ChatID, Text: fmt.Sprintf("update %d", ev.UpdateID)}}
}

func apology(chatID int64) ikmbot.Message {
	return ikmbot.Message{ChatID: chatID, Text: "Maaf, terjadi kesalahan."}
}

func newTestIntake(t *testing.T, f *fakeAPI, cfg IntakeConfig) *Intake {
	t.Helper()
	if cfg.Sender == nil {
		cfg.Sender, _, _ = newTestSender(t, f, SenderConfig{})
	}
	if cfg.Apology == nil {
		cfg.Apology = apology
	}
	cfg.Logger = quietLogger()
	in, err := NewIntake(cfg)
	if err != nil {
		t.Fatalf("NewIntake: %v", err)
	}
	return in
}

func textUpdate(id int, chatID int64, text string) update {
	return update{UpdateID: id, Message: &message{
		MessageID: id, Text: text,
		From: &user{ID: chatID, FirstName: "U"},
		Chat: &chat{ID: chatID, Type: "private"},
	}}
}

func callbackUpdate(id int, chatID int64, data string) update {
	return update{UpdateID: id, CallbackQuery: &callbackQuery{
		ID: fmt.Sprintf("cb%d", id), Data: data, From: &user{ID: chatID, FirstName: "U"},
		Message: &callbackMessage{MessageID: 9, Chat: &chat{ID: chatID, Type: "private"}},
	}}
}

func memberUpdate(id int, chatID int64, status string) update {
	return update{UpdateID: id, MyChatMember: &chatMember{
		Chat: chat{ID: chatID, Type: "private"}, From: user{ID: chatID},
		NewChatMember: memberStatus{Status: status},
	}}
}

func sentTexts(f *fakeAPI) []string {
	var out []string
	for _, c := range f.callsOf("sendMessage") {
		out = append(out, c.params.Get("chat_id")+":"+c.params.Get("text"))
	}
	return out
}

func TestProcessHandlerErrorAsksForRedelivery(t *testing.T) {
	f := newFakeAPI(t)
	in := newTestIntake(t, f, IntakeConfig{Handler: &flaky{err: errors.New("down"), next: handlerFunc(echo)}})
	if err := in.process(t.Context(), callbackUpdate(7, 42, "x")); err == nil {
		t.Error("Process with Redis down: got nil error")
	}
	if got := len(f.callsOf("sendMessage")); got != 0 {
		t.Errorf("sendMessage calls = %d, want none for an update not handled", got)
	}
	// The tap itself was answered before the handler ran, so the user's
	// spinner stops; the redelivered update answers it again, harmlessly.
	if got := len(f.callsOf("answerCallbackQuery")); got != 1 {
		t.Errorf("answerCallbackQuery calls = %d, want 1", got)
	}
}

func TestProcessAnswersCallbackBeforeHandler(t *testing.T) {
	f := newFakeAPI(t)
	var mu sync.Mutex
	var order []string
	record := func(s string) {
		mu.Lock()
		order = append(order, s)
		mu.Unlock()
	}
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		record("handle " + ev.CallbackData)
		return echo(ctx, ev)
	})})
	f.mu.Lock()
	f.onCall = record // after start-up's getMe
	f.mu.Unlock()
	if err := in.process(t.Context(), callbackUpdate(8, 42, "signup:start:1")); err != nil {
		t.Fatalf("Process: %v", err)
	}
	want := []string{"answerCallbackQuery", "handle signup:start:1", "sendMessage"}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("order mismatch (-want +got):\n%s", diff)
	}
	if got := f.callsOf("answerCallbackQuery")[0].params.Get("callback_query_id"); got != "cb8" {
		t.Errorf("answered callback %q, want cb8", got)
	}
}

func TestProcessRecoversPanic(t *testing.T) {
	f := newFakeAPI(t)
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(context.Context, ikmbot.Event) []ikmbot.Message {
		var m map[string]int
		m["boom"]++ // a nil map write
		return nil
	})})
	if err := in.process(t.Context(), textUpdate(9, 42, "halo")); err != nil {
		t.Errorf("Process after a handler panic = %v, want nil", err)
	}
	if diff := cmp.Diff([]string{"42:Maaf, terjadi kesalahan."}, sentTexts(f)); diff != "" {
		t.Errorf("sent mismatch (-want +got):\n%s", diff)
	}
}

func TestProcessBlockedAndUnblocked(t *testing.T) {
	f := newFakeAPI(t)
	reach := &fakeReach{}
	called := false
	in := newTestIntake(t, f, IntakeConfig{Reachability: reach,
		Handler: handlerFunc(func(context.Context, ikmbot.Event) []ikmbot.Message { called = true; return nil })})
	for _, u := range []update{memberUpdate(1, 42, "kicked"), memberUpdate(2, 43, "member")} {
		if err := in.process(t.Context(), u); err != nil {
			t.Fatalf("Process: %v", err)
		}
	}
	marked, cleared := reach.got()
	if !slices.Equal(marked, []int64{42}) || !slices.Equal(cleared, []int64{43}) {
		t.Errorf("marked %v, cleared %v; want [42], [43]", marked, cleared)
	}
	if called {
		t.Error("handler ran for a block or unblock")
	}
}

func TestProcessStopsSendingToUnreachableChat(t *testing.T) {
	f := newFakeAPI(t)
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		if c.params.Get("chat_id") == "42" {
			return errReply(403, "Forbidden: bot was blocked by the user", 0)
		}
		return defaultReply(c, n)
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(context.Context, ikmbot.Event) []ikmbot.Message {
		return []ikmbot.Message{{ChatID: 42, Text: "a"}, {ChatID: 42, Text: "b"}, {ChatID: 7, Text: "to staff"}}
	})})
	if err := in.process(t.Context(), textUpdate(1, 42, "x")); err != nil {
		t.Fatalf("Process: %v", err)
	}
	want := []string{"42:a", "7:to staff"}
	if diff := cmp.Diff(want, sentTexts(f)); diff != "" {
		t.Errorf("sent mismatch (-want +got):\n%s", diff)
	}
}

// concurrency records which handlers overlap in time.
type concurrency struct {
	mu      sync.Mutex
	active  map[int64]int
	total   int
	maxChat int // most handlers of one chat at once
	maxAll  int
	seen    map[int64][]int // update ids by chat, in handling order
}

func (c *concurrency) handler(d time.Duration) Handler {
	return handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		c.mu.Lock()
		if c.active == nil {
			c.active, c.seen = map[int64]int{}, map[int64][]int{}
		}
		c.active[ev.ChatID]++
		c.total++
		c.maxChat = max(c.maxChat, c.active[ev.ChatID])
		c.maxAll = max(c.maxAll, c.total)
		c.seen[ev.ChatID] = append(c.seen[ev.ChatID], int(ev.UpdateID))
		c.mu.Unlock()
		time.Sleep(d)
		c.mu.Lock()
		c.active[ev.ChatID]--
		c.total--
		c.mu.Unlock()
		return echo(ctx, ev)
	})
}

func TestProcessWorkersBound(t *testing.T) {
	f := newFakeAPI(t)
	var c concurrency
	in := newTestIntake(t, f, IntakeConfig{Workers: 2, Handler: c.handler(20 * time.Millisecond)})
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			if err := in.process(t.Context(), textUpdate(i+1, int64(100+i), "x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if c.maxAll != 2 {
		t.Errorf("most handlers at once = %d, want 2 (the Workers bound)", c.maxAll)
	}
}

func TestProcessSerialisesOneChat(t *testing.T) {
	// Webhook requests arrive concurrently; one chat's must not overlap.
	f := newFakeAPI(t)
	var c concurrency
	in := newTestIntake(t, f, IntakeConfig{Handler: c.handler(10 * time.Millisecond)})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if err := in.process(t.Context(), textUpdate(i+1, int64(42+i%2), "x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if c.maxChat != 1 {
		t.Errorf("most handlers of one chat at once = %d, want 1", c.maxChat)
	}
	if c.maxAll < 2 {
		t.Errorf("most handlers at once = %d, want the two chats in parallel", c.maxAll)
	}
	in.locks.mu.Lock()
	defer in.locks.mu.Unlock()
	if n := len(in.locks.m); n != 0 {
		t.Errorf("chat locks left = %d, want 0", n)
	}
}

func TestIntakeHandsBulkMessagesToTheOutbox(t *testing.T) {
	f := newFakeAPI(t)
	release := make(chan struct{})
	var repliesDone, noticesDone atomic.Int64
	f.on("sendMessage", func(n int, c apiCall) apiReply {
		if c.params.Get("chat_id") == "42" {
			repliesDone.Add(1)
		} else {
			<-release // the notices to others are slow to go out
			noticesDone.Add(1)
		}
		return defaultReply(c, n)
	})
	s, _, _ := newTestSender(t, f, SenderConfig{})
	out := NewOutbox(s, 2, 10, quietLogger())
	in := newTestIntake(t, f, IntakeConfig{Sender: s, Outbox: out, Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		return []ikmbot.Message{
			{ChatID: 7, Text: "kelas dibatalkan", Bulk: true},
			{ChatID: 8, Text: "kelas dibatalkan", Bulk: true},
			{ChatID: 42, Text: "dibatalkan; 2 orang diberi tahu"},
		}
	})})
	// The staff member's reply is sent, and the update done, while the
	// notices still wait (sent in line, they would block it for ever).
	if err := in.process(t.Context(), textUpdate(9, 42, "batal")); err != nil {
		t.Fatalf("process: %v", err)
	}
	if r, n := repliesDone.Load(), noticesDone.Load(); r != 1 || n != 0 {
		t.Fatalf("when the update was done: %d replies and %d notices sent, want 1 and 0", r, n)
	}
	close(release)
	out.Close(5 * time.Second)
	if n := noticesDone.Load(); n != 2 {
		t.Errorf("notices sent = %d, want 2", n)
	}
}

// TestSlowHandlerShowsTyping: a handler slower than TypingAfter makes the
// user see "typing…" while they wait, and no action comes after the reply.
func TestSlowHandlerShowsTyping(t *testing.T) {
	f := newFakeAPI(t)
	typed := make(chan struct{}, 10)
	f.on("sendChatAction", func(n int, c apiCall) apiReply {
		if c.params.Get("action") == "typing" && c.params.Get("chat_id") == "42" {
			typed <- struct{}{}
		}
		return okReply(true)
	})
	in := newTestIntake(t, f, IntakeConfig{TypingAfter: time.Millisecond, Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		// Slow until the user saw "typing…": no race on the clock.
		select {
		case <-typed:
		case <-time.After(10 * time.Second):
			t.Error("no typing while the handler was slow")
		}
		return echo(ctx, ev)
	})})
	if err := in.process(t.Context(), textUpdate(5, 42, "/ekspor")); err != nil {
		t.Fatal(err)
	}
	calls := f.callsOf("")
	var lastAction, reply int
	var order []string
	for i, c := range calls {
		order = append(order, c.method)
		switch c.method {
		case "sendChatAction":
			lastAction = i
		case "sendMessage":
			reply = i
		}
	}
	if reply == 0 || lastAction > reply {
		t.Errorf("calls in order %v: want the reply after every typing action", order)
	}
}

// TestFastHandlerShowsNoTyping: a quick reply comes without "typing…".
func TestFastHandlerShowsNoTyping(t *testing.T) {
	f := newFakeAPI(t)
	in := newTestIntake(t, f, IntakeConfig{TypingAfter: time.Hour, Handler: handlerFunc(echo)})
	if err := in.process(t.Context(), textUpdate(6, 42, "/profil")); err != nil {
		t.Fatal(err)
	}
	if n := len(f.callsOf("sendChatAction")); n != 0 {
		t.Errorf("chat actions = %d, want none for a quick reply", n)
	}
}

// TestStalledTypingDoesNotHoldTheReply: a "typing…" request that Telegram
// does not answer is given up after typingTimeout, and the reply goes.
func TestStalledTypingDoesNotHoldTheReply(t *testing.T) {
	f := newFakeAPI(t)
	stalled := make(chan struct{})
	f.on("sendChatAction", func(n int, c apiCall) apiReply {
		close(stalled)
		<-c.ctx.Done() // never answers: the client gives up
		return okReply(true)
	})
	in := newTestIntake(t, f, IntakeConfig{TypingAfter: time.Millisecond, Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		<-stalled
		return echo(ctx, ev)
	})})
	done := make(chan error, 1)
	go func() { done <- in.process(t.Context(), textUpdate(9, 42, "/ekspor")) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the reply waited for a stalled typing request")
	}
	if n := len(f.callsOf("sendMessage")); n != 1 {
		t.Errorf("replies = %d, want 1", n)
	}
}
