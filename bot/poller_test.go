package bot

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
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

// runPoll runs Poll and fails the test if it does not return soon after
// ctx ends.
func runPoll(t *testing.T, ctx context.Context, p *Poller) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.Poll(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Poll did not return")
		return nil
	}
}

func TestPollConfirmsOnlyAfterHandling(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var h handled
	var offsets []string
	var handledAtSecondFetch []int64
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		offsets = append(offsets, c.params.Get("offset"))
		switch n {
		case 1:
			return okReply([]tgbotapi.Update{textUpdate(10, 42, "a"), textUpdate(11, 43, "b")})
		case 2:
			handledAtSecondFetch = h.got()
			cancel()
		}
		return okReply([]tgbotapi.Update{})
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		h.add(ev.UpdateID)
		return echo(ctx, ev)
	})})
	p, _ := newTestPoller(t, f, in, PollerConfig{Timeout: 2 * time.Second})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}

	if diff := cmp.Diff([]string{"", "12"}, offsets); diff != "" {
		t.Errorf("getUpdates offsets mismatch (-want +got):\n%s", diff)
	}
	slices.Sort(handledAtSecondFetch)
	if diff := cmp.Diff([]int64{10, 11}, handledAtSecondFetch); diff != "" {
		t.Errorf("handled before confirming mismatch (-want +got):\n%s", diff)
	}
	var methods []string
	for _, c := range f.callsOf("") {
		if c.method != "sendMessage" {
			methods = append(methods, c.method)
		}
	}
	if diff := cmp.Diff([]string{"getMe", "getMe", "deleteWebhook", "getUpdates", "getUpdates"}, methods); diff != "" {
		t.Errorf("calls mismatch (-want +got):\n%s", diff)
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
		return okReply([]tgbotapi.Update{})
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
		okReply([]tgbotapi.Update{textUpdate(5, 42, "a")}),
		errReply(502, "Bad Gateway", 0),
	}
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		if n <= len(script) {
			return script[n-1]
		}
		cancel()
		return okReply([]tgbotapi.Update{})
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

func TestPollRefetchesWhenRedisFails(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var offsets []string
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		offsets = append(offsets, c.params.Get("offset"))
		switch n {
		case 1:
			return okReply([]tgbotapi.Update{textUpdate(20, 1, "a"), textUpdate(21, 2, "a"), textUpdate(22, 1, "b")})
		case 2: // Telegram drops what offset 21 confirmed
			return okReply([]tgbotapi.Update{textUpdate(21, 2, "a"), textUpdate(22, 1, "b")})
		}
		cancel()
		return okReply([]tgbotapi.Update{})
	})
	var h handled
	in := newTestIntake(t, f, IntakeConfig{Handler: &flaky{
		failOnce: map[int64]bool{21: true},
		next: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
			h.add(ev.UpdateID)
			return nil
		}),
	}})
	p, sl := newTestPoller(t, f, in, PollerConfig{})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if diff := cmp.Diff([]string{"", "21", "23"}, offsets); diff != "" {
		t.Errorf("getUpdates offsets mismatch (-want +got):\n%s", diff)
	}
	got := h.got()
	slices.Sort(got)
	// 22 was handled in the first batch but not confirmed, so it comes
	// again; the real handler's claim (storage.Begin) drops the second one.
	if diff := cmp.Diff([]int64{20, 21, 22, 22}, got); diff != "" {
		t.Errorf("handled updates mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]time.Duration{time.Second}, sl.got()); diff != "" {
		t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
	}
}

func TestPollFinishesBatchOnShutdown(t *testing.T) {
	f := newFakeAPI(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		if n == 1 {
			return okReply([]tgbotapi.Update{textUpdate(30, 42, "a")})
		}
		return okReply([]tgbotapi.Update{})
	})
	in := newTestIntake(t, f, IntakeConfig{Handler: handlerFunc(func(ctx context.Context, ev ikmbot.Event) []ikmbot.Message {
		cancel() // shutdown arrives mid-handling
		time.Sleep(50 * time.Millisecond)
		if ctx.Err() != nil {
			t.Errorf("handler context ended with shutdown: %v", ctx.Err())
		}
		return echo(ctx, ev)
	})})
	p, _ := newTestPoller(t, f, in, PollerConfig{})
	if err := runPoll(t, ctx, p); err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if diff := cmp.Diff([]string{"42:update 30"}, sentTexts(f)); diff != "" {
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
	var offsets []string
	f.on("getUpdates", func(n int, c apiCall) apiReply {
		offsets = append(offsets, c.params.Get("offset"))
		if n == 1 {
			good := textUpdate(21, 42, "a")
			return okReply([]any{map[string]any{"update_id": 20, "message": "not an object"}, good})
		}
		cancel()
		return okReply([]tgbotapi.Update{})
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
	if len(offsets) < 2 || offsets[1] != "22" {
		t.Errorf("offsets = %v, want the second fetch to confirm past both updates (22)", offsets)
	}
}
