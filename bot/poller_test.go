package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// handled records the update ids a handler saw.
type handled struct {
	mu  sync.Mutex
	ids []int64
}

func (h *handled) add(id int64) {
	h.mu.Lock()
	h.ids = append(h.ids, id)
	h.mu.Unlock()
}

func (h *handled) got() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.ids)
}

func newTestPoller(t *testing.T, f *fakeAPI, in *Intake, cfg PollerConfig) (*Poller, *sleepRecorder) {
	t.Helper()
	sl := &sleepRecorder{}
	cfg.Sleep = sl.sleep
	cfg.Logger = quietLogger()
	return NewPoller(newTestClient(t, f), in, cfg), sl
}

// startPoll runs Poll; the returned func waits for it to return and fails
// the test if it does not return soon after ctx ends.
func startPoll(t *testing.T, ctx context.Context, p *Poller) (wait func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.Poll(ctx) }()
	return func() error {
		t.Helper()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("Poll did not return")
			return nil
		}
	}
}

// runPoll runs Poll and fails the test if it does not return soon after
// ctx ends.
func runPoll(t *testing.T, ctx context.Context, p *Poller) error {
	t.Helper()
	return startPoll(t, ctx, p)()
}

// updateQueue plays Telegram's side of getUpdates: updates wait, oldest
// first, until an offset passes them. It records each fetch with what the
// handler had handled by then.
type updateQueue struct {
	h *handled // may be nil

	mu      sync.Mutex
	upds    []update
	fetches []fetch
}

// fetch is one getUpdates the queue answered.
type fetch struct {
	offset  string
	timeout string
	handled []int64 // sorted
}

func (uq *updateQueue) add(upds ...update) {
	uq.mu.Lock()
	defer uq.mu.Unlock()
	uq.upds = append(uq.upds, upds...)
}

// reply answers a getUpdates call: it drops what the offset confirms and
// returns the rest, or waits briefly like a long poll when there is none.
func (uq *updateQueue) reply(c apiCall) apiReply {
	offset := c.params.Get("offset")
	var fe fetch
	fe.offset, fe.timeout = offset, c.params.Get("timeout")
	if uq.h != nil {
		fe.handled = uq.h.got()
		slices.Sort(fe.handled)
	}
	uq.mu.Lock()
	if offset != "" {
		o, err := strconv.Atoi(offset)
		if err != nil {
			uq.mu.Unlock()
			return errReply(400, "Bad Request: wrong offset", 0)
		}
		uq.upds = slices.DeleteFunc(uq.upds, func(u update) bool { return u.UpdateID < o })
	}
	uq.fetches = append(uq.fetches, fe)
	upds := slices.Clone(uq.upds)
	uq.mu.Unlock()
	if len(upds) == 0 {
		select {
		case <-c.ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
	}
	return okReply(upds)
}

func (uq *updateQueue) got() []fetch {
	uq.mu.Lock()
	defer uq.mu.Unlock()
	return slices.Clone(uq.fetches)
}

func (uq *updateQueue) offsets() []string {
	var out []string
	for _, fe := range uq.got() {
		out = append(out, fe.offset)
	}
	return out
}

// checkConfirmed fails the test when a getUpdates confirmed one of ids (by
// an offset past it) before the handler had handled it.
func checkConfirmed(t *testing.T, fetches []fetch, ids ...int64) {
	t.Helper()
	for i, fe := range fetches {
		if fe.offset == "" {
			continue
		}
		o, _ := strconv.ParseInt(fe.offset, 10, 64)
		for _, id := range ids {
			if id < o && !slices.Contains(fe.handled, id) {
				t.Errorf("getUpdates #%d sent offset %d before update %d was handled (handled: %v)", i+1, o, id, fe.handled)
			}
		}
	}
}

func TestPollConfirmsOnlyAfterHandling(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var h handled
	uq := &updateQueue{h: &h}
	uq.add(textUpdate(10, 42, "a"), textUpdate(11, 43, "b"))
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		// Recorded before the poller is stopped: cancelling first let
		// Poll return, and the test read the fetches, before this one
		// was recorded.
		r := uq.reply(c)
		if c.params.Get("offset") == "12" {
			cancel()
		}
		return r
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		h.add(ev.UpdateID)
		return echo(ctx, ev)
	})})
	p, _ := newTestPoller(t, f, in, PollerConfig{Timeout: 2 * time.Second})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}

	fetches := uq.got()
	checkConfirmed(t, fetches, 10, 11)
	for i, fe := range fetches {
		// While updates are in hand, Telegram still has them and answers
		// at once; only with nothing in hand is it a long poll.
		want := "0"
		if fe.offset == "" || fe.offset == "12" {
			want = "2"
		}
		if fe.timeout != want {
			t.Errorf("getUpdates #%d (offset %q) timeout = %q, want %q", i+1, fe.offset, fe.timeout, want)
		}
		if i == 0 && fe.offset != "" || i > 0 && !slices.Contains([]string{"10", "11", "12"}, fe.offset) {
			t.Errorf("getUpdates #%d offset = %q", i+1, fe.offset)
		}
	}
	if got := fetches[len(fetches)-1].offset; got != "12" {
		t.Errorf("last offset = %q, want 12", got)
	}
	got := h.got()
	slices.Sort(got)
	if diff := cmp.Diff([]int64{10, 11}, got); diff != "" {
		t.Errorf("handled mismatch (-want +got):\n%s", diff)
	}
	var methods []string
	for _, c := range f.callsOf("") {
		if c.method != "sendMessage" {
			methods = append(methods, c.method)
		}
	}
	if len(methods) < 5 || !slices.Equal(methods[:3], []string{"getMe", "getMe", "deleteWebhook"}) ||
		slices.ContainsFunc(methods[3:], func(m string) bool { return m != "getUpdates" }) {
		t.Errorf("calls = %v, want getMe, getMe, deleteWebhook, then getUpdates only", methods)
	}
	first := f.callsOf("getUpdates")[0].params
	for key, want := range map[string]string{
		"limit": "100", "timeout": "2", "allowed_updates": `["message","callback_query","my_chat_member"]`,
	} {
		if got := first.Get(key); got != want {
			t.Errorf("getUpdates %s = %q, want %q", key, got, want)
		}
	}
}

func TestPollStopsOnCancel(t *testing.T) {
	f := newFakeAPI(t)
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		<-c.ctx.Done() // a long poll with nothing new
		return okReply([]update{})
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(echo)})
	p, _ := newTestPoller(t, f, in, PollerConfig{})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := runPoll(t, ctx, p); err != nil {
		t.Errorf("Poll = %v, want nil on shutdown", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Poll returned %v after start, want soon after its context ended", d)
	}
}

func TestPollBacksOff(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	script := []apiReply{
		errReply(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0),
		errReply(429, "Too Many Requests: retry after 4", 4),
		nginxBadGateway,
		errReply(500, "Internal Server Error", 0),
		okReply([]update{textUpdate(5, 42, "a")}),
		errReply(502, "Bad Gateway", 0),
	}
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		if n <= len(script) {
			return script[n-1]
		}
		cancel()
		return okReply([]update{})
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(echo)})
	p, sl := newTestPoller(t, f, in, PollerConfig{})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	// 409 and errors back off 1s, 2s, 4s; a 429 waits retry_after and does
	// not grow the backoff; success resets it.
	want := []time.Duration{time.Second, 4 * time.Second, 2 * time.Second, 4 * time.Second, time.Second}
	if diff := cmp.Diff(want, sl.got()); diff != "" {
		t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
	}
	if got := len(f.callsOf("sendMessage")); got != 1 {
		t.Errorf("sendMessage calls = %d, want 1", got)
	}
}

func TestPollUnauthorizedIsFatal(t *testing.T) {
	for _, method := range []string{"deleteWebhook", "getUpdates"} {
		t.Run(method, func(t *testing.T) {
			f := newFakeAPI(t)
			f.on(method, func(int, apiCall) apiReply { return errReply(401, "Unauthorized", 0) })
			in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(echo)})
			p, _ := newTestPoller(t, f, in, PollerConfig{})
			err := runPoll(t, t.Context(), p)
			if err == nil || !strings.Contains(err.Error(), "Unauthorized") {
				t.Errorf("Poll = %v, want an Unauthorized error", err)
			}
			if err != nil && strings.Contains(err.Error(), testToken) {
				t.Errorf("Poll error %q contains the token", err)
			}
		})
	}
}

// gate holds update id until open is closed, then hands it on.
type gate struct {
	id   int64
	open <-chan struct{}
	next Handler
}

func (g gate) Handle(ctx context.Context, ev ikmbot.Event) ([]ikmbot.Message, error) {
	if ev.UpdateID == g.id {
		select {
		case <-g.open:
		case <-ctx.Done():
		}
	}
	return g.next.Handle(ctx, ev)
}

func TestPollRefetchesWhenRedisFails(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var h handled
	uq := &updateQueue{h: &h}
	// Chats 2 and 1 take turns. 20 fails once, with 22 queued behind it,
	// and only after chat 1's updates were handled: nothing else holds the
	// offset down then.
	uq.add(textUpdate(20, 2, "a"), textUpdate(21, 1, "a"), textUpdate(22, 2, "b"), textUpdate(23, 1, "b"))
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		if c.params.Get("offset") == "24" {
			cancel()
		}
		return uq.reply(c)
	})
	open := make(chan struct{})
	chat1Done := sync.OnceFunc(func() { close(open) })
	var conc concurrency
	inner := conc.handler(0)
	in := newTestIntake(t, f, IntakeConfig{Handler: gate{id: 20, open: open, next: &flaky{
		failOnce: map[int64]bool{20: true},
		next: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
			msgs, _ := inner.Handle(ctx, ev)
			h.add(ev.UpdateID)
			if got := h.got(); slices.Contains(got, 21) && slices.Contains(got, 23) {
				chat1Done()
			}
			return msgs
		}),
	}}})
	p, sl := newTestPoller(t, f, in, PollerConfig{})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	checkConfirmed(t, uq.got(), 20, 21, 22, 23)
	got := h.got()
	slices.Sort(got)
	// 21 and 23 were handled before 20 failed and come again with it; the
	// poller remembers them and does not hand them over twice.
	if diff := cmp.Diff([]int64{20, 21, 22, 23}, got); diff != "" {
		t.Errorf("handled updates mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[int64][]int{1: {21, 23}, 2: {20, 22}}, conc.seen); diff != "" {
		t.Errorf("handling order by chat mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]time.Duration{time.Second}, sl.got()); diff != "" {
		t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
	}
}

func TestPollFinishesInFlightOnShutdown(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		if n == 1 {
			return okReply([]update{textUpdate(30, 42, "a"), textUpdate(31, 42, "b")})
		}
		return okReply([]update{})
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		if ev.UpdateID == 30 {
			cancel() // shutdown arrives mid-handling, with 31 queued
			time.Sleep(50 * time.Millisecond)
		}
		if ctx.Err() != nil {
			t.Errorf("handler context ended with shutdown: %v", ctx.Err())
		}
		return echo(ctx, ev)
	})})
	// A Recheck longer than the test: the only getUpdates after the first
	// could come from shutdown failing to stop fetching.
	p, _ := newTestPoller(t, f, in, PollerConfig{Recheck: time.Minute})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if diff := cmp.Diff([]string{"42:update 30", "42:update 31"}, sentTexts(f)); diff != "" {
		t.Errorf("sent mismatch (-want +got):\n%s", diff)
	}
	if got := len(f.callsOf("getUpdates")); got != 1 {
		t.Errorf("getUpdates calls = %d, want 1 (no fetching after shutdown)", got)
	}
}

// TestPollSkipsUndecodableUpdate: one update the library cannot decode must
// not stop the batch or be fetched forever.
func TestPollSkipsUndecodableUpdate(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var h handled
	var mu sync.Mutex
	var offsets []string
	good := textUpdate(21, 42, "a")
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		mu.Lock()
		offsets = append(offsets, c.params.Get("offset"))
		mu.Unlock()
		switch c.params.Get("offset") {
		case "":
			return okReply([]any{map[string]any{"update_id": 20, "message": "not an object"}, good})
		case "21": // while 21 is handled; offset 21 confirmed 20
			return okReply([]update{good})
		}
		cancel()
		return okReply([]update{})
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		h.add(ev.UpdateID)
		return nil
	})})
	p, _ := newTestPoller(t, f, in, PollerConfig{Timeout: 2 * time.Second})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{21}, h.got()); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(offsets) < 2 || offsets[len(offsets)-1] != "22" {
		t.Errorf("offsets = %v, want the last fetch to confirm past both updates (22)", offsets)
	}
}

// TestPollSlowChatDoesNotStallOthers: while one chat's update is stuck (a
// long retry_after, a slow call), another chat's update that arrives later
// is fetched and handled, and the stuck one is not confirmed.
func TestPollSlowChatDoesNotStallOthers(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var h handled
	uq := &updateQueue{h: &h}
	uq.add(textUpdate(10, 1, "slow"))
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		if c.params.Get("offset") == "12" {
			cancel()
		}
		r := uq.reply(c)
		if n == 1 {
			uq.add(textUpdate(11, 2, "fast")) // arrives after the first fetch
		}
		return r
	})
	unblock := make(chan struct{})
	release := sync.OnceFunc(func() { close(unblock) })
	defer release()
	fastDone := make(chan struct{})
	fastHandled := sync.OnceFunc(func() { close(fastDone) })
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		if ev.ChatID == 1 {
			select {
			case <-unblock:
			case <-ctx.Done():
			}
		}
		h.add(ev.UpdateID)
		if ev.ChatID == 2 {
			fastHandled()
		}
		return nil
	})})
	p, _ := newTestPoller(t, f, in, PollerConfig{Recheck: 20 * time.Millisecond})
	wait := startPoll(t, ctx, p)
	select {
	case <-fastDone:
	case <-time.After(10 * time.Second):
		t.Fatal("chat 2's update was not handled while chat 1's was stuck")
	}
	whileStuck := uq.offsets()
	release()
	if err := wait(); err != nil {
		t.Fatalf("Poll: %v", err)
	}

	if len(whileStuck) < 2 || whileStuck[0] != "" {
		t.Errorf("offsets while update 10 ran = %q, want a first fetch without offset and a later one", whileStuck)
	}
	for _, o := range whileStuck[1:] {
		if o != "10" {
			t.Errorf("offsets while update 10 ran = %q, want them kept at 10", whileStuck)
			break
		}
	}
	checkConfirmed(t, uq.got(), 10, 11)
	if diff := cmp.Diff([]int64{11, 10}, h.got()); diff != "" {
		t.Errorf("handled mismatch (-want +got):\n%s", diff)
	}
}

// TestPollWaitsWhileOldestRuns: while an update runs and nothing new
// arrives, the poller asks at most once per Recheck, and not at all when
// MaxPending updates are in hand.
func TestPollWaitsWhileOldestRuns(t *testing.T) {
	const recheck = 100 * time.Millisecond
	for _, tc := range []struct {
		name       string
		maxPending int
	}{
		{name: "recheck"},
		{name: "max pending", maxPending: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var h handled
			uq := &updateQueue{}
			uq.add(textUpdate(10, 1, "slow"))
			f.on("getUpdates", func(n int, c apiCall) apiReply { return uq.reply(c) })
			unblock := make(chan struct{})
			release := sync.OnceFunc(func() { close(unblock) })
			defer release()
			started := make(chan struct{})
			start := sync.OnceFunc(func() { close(started) })
			in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
				start()
				select {
				case <-unblock:
				case <-ctx.Done():
				}
				h.add(ev.UpdateID)
				return nil
			})})
			p, _ := newTestPoller(t, f, in, PollerConfig{Recheck: recheck, MaxPending: tc.maxPending})
			wait := startPoll(t, ctx, p)
			select {
			case <-started:
			case <-time.After(10 * time.Second):
				t.Fatal("update 10 was not handled")
			}
			before, since := len(f.callsOf("getUpdates")), time.Now()
			time.Sleep(3 * recheck)
			calls, elapsed := len(f.callsOf("getUpdates"))-before, time.Since(since)
			release()
			cancel()
			if err := wait(); err != nil {
				t.Fatalf("Poll: %v", err)
			}

			// One ask per Recheck, plus one under way at either end; a
			// busy loop would ask hundreds of times. The bound comes from
			// the time that really passed, so a slow machine cannot break it.
			limit := 2 + int(elapsed/recheck)
			if tc.maxPending == 1 {
				limit = 0
			}
			if calls > limit {
				t.Errorf("getUpdates calls in %v while update 10 ran = %d, want at most %d", elapsed, calls, limit)
			}
			if diff := cmp.Diff([]int64{10}, h.got()); diff != "" {
				t.Errorf("handled mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPollKeepsChatOrderAcrossFetches: a chat's update fetched while its
// earlier one still runs waits for it.
func TestPollKeepsChatOrderAcrossFetches(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var h handled
	uq := &updateQueue{h: &h}
	uq.add(textUpdate(1, 7, "first"))
	unblock := make(chan struct{})
	release := sync.OnceFunc(func() { close(unblock) })
	defer release()
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		switch {
		case c.params.Get("offset") == "3":
			cancel()
		case n == 3:
			release() // update 2 came with fetch 2, so it is queued by now
		}
		r := uq.reply(c)
		if n == 1 {
			uq.add(textUpdate(2, 7, "second"))
		}
		return r
	})
	var mu sync.Mutex
	var events []string
	record := func(s string) {
		mu.Lock()
		events = append(events, s)
		mu.Unlock()
	}
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		record(fmt.Sprint("start ", ev.UpdateID))
		if ev.UpdateID == 1 {
			select {
			case <-unblock:
			case <-ctx.Done():
			}
		}
		record(fmt.Sprint("end ", ev.UpdateID))
		h.add(ev.UpdateID)
		return nil
	})})
	p, _ := newTestPoller(t, f, in, PollerConfig{Recheck: 20 * time.Millisecond})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([]string{"start 1", "end 1", "start 2", "end 2"}, events); diff != "" {
		t.Errorf("handling mismatch (-want +got):\n%s", diff)
	}
	checkConfirmed(t, uq.got(), 1, 2)
}

func TestPollOrderPerChatParallelAcross(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	uq := &updateQueue{}
	uq.add(
		textUpdate(1, 10, "a"), textUpdate(2, 20, "a"), textUpdate(3, 10, "b"),
		textUpdate(4, 30, "a"), textUpdate(5, 20, "b"), textUpdate(6, 10, "c"),
	)
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		if c.params.Get("offset") == "7" {
			cancel()
		}
		return uq.reply(c)
	})
	var conc concurrency
	in := newTestIntake(t, f, IntakeConfig{Handler: conc.handler(30 * time.Millisecond)})
	p, _ := newTestPoller(t, f, in, PollerConfig{})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	want := map[int64][]int{10: {1, 3, 6}, 20: {2, 5}, 30: {4}}
	if diff := cmp.Diff(want, conc.seen); diff != "" {
		t.Errorf("handling order mismatch (-want +got):\n%s", diff)
	}
	if conc.maxChat != 1 {
		t.Errorf("most handlers of one chat at once = %d, want 1", conc.maxChat)
	}
	if conc.maxAll < 2 {
		t.Errorf("most handlers at once = %d, want chats handled in parallel", conc.maxAll)
	}
	// Replies of a chat go out in order too.
	var chat10 []string
	for _, s := range sentTexts(f) {
		if strings.HasPrefix(s, "10:") {
			chat10 = append(chat10, s)
		}
	}
	if diff := cmp.Diff([]string{"10:update 1", "10:update 3", "10:update 6"}, chat10); diff != "" {
		t.Errorf("chat 10 replies mismatch (-want +got):\n%s", diff)
	}
}
