package reminders_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
	"ikmbot/reminders"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

var wib = time.FixedZone("WIB", 7*3600)

// base is a Monday morning in WIB, outside quiet hours.
var base = time.Date(2026, 3, 2, 10, 0, 0, 0, wib)

// clock is a clock tests set.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// outbox is the sender's bulk lane, keeping what it was given. A hand-made
// fake: the engine's contract ends at Deliver.
type outbox struct {
	mu   sync.Mutex
	msgs []ikmbot.Message
}

func (o *outbox) Deliver(_ context.Context, msgs []ikmbot.Message) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, msgs...)
}

// take returns the texts delivered since the last take.
func (o *outbox) take() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var texts []string
	for _, m := range o.msgs {
		texts = append(texts, m.Text)
	}
	o.msgs = nil
	return texts
}

// fire is the handler of kind "test": it sends Payload to Target, except
// for the payloads "none" (nothing to send), "fail" (an error) and "panic".
func fire(_ context.Context, d ikmbot.Due, _ time.Time) ([]ikmbot.Message, error) {
	switch d.Payload {
	case "none":
		return nil, nil
	case "fail":
		return nil, errors.New("handler failed")
	case "panic":
		panic("handler panicked")
	}
	return []ikmbot.Message{{ChatID: d.Target, Text: d.Payload}}, nil
}

// env is one test's Redis, store, clock, outbox and engine.
type env struct {
	srv    *redistest.Server
	store  *storage.Store
	clock  *clock
	out    *outbox
	engine *reminders.Engine
}

// newEnv starts a Redis of the test's own (the due items are one sorted
// set for everyone) and an engine on it with the "test" handler, the clock
// at base and Batch batch (0 for the default).
func newEnv(t *testing.T, batch int) *env {
	t.Helper()
	srv := redistest.Start(t)
	srv.RequireOwn(t)
	e := &env{srv: srv, store: storage.New(srv.Client(t)), clock: &clock{t: base}, out: &outbox{}}
	e.engine = e.newEngine(t, e.store, e.clock, batch)
	return e
}

// newEngine returns another engine on store, as a second replica or a
// restarted process would have, sharing the env's outbox.
func (e *env) newEngine(t *testing.T, store reminders.Store, c *clock, batch int) *reminders.Engine {
	t.Helper()
	eng := reminders.New(reminders.Config{Store: store, Deliver: e.out, Now: c.Now, Location: wib, Batch: batch})
	eng.Handle("test", reminders.HandlerFunc(fire))
	return eng
}

// schedule schedules items or fails the test.
func (e *env) schedule(t *testing.T, items ...ikmbot.Due) {
	t.Helper()
	if err := e.store.Schedule(t.Context(), items...); err != nil {
		t.Fatalf("Schedule: %v", err)
	}
}

// tickAt sets the clock to at and runs one tick of the env's engine.
func (e *env) tickAt(t *testing.T, at time.Time) reminders.TickReport {
	t.Helper()
	e.clock.Set(at)
	rep, err := e.engine.Tick(t.Context())
	if err != nil {
		t.Fatalf("Tick at %v: %v", at, err)
	}
	return rep
}

// dueCount returns how many items are scheduled.
func (e *env) dueCount(t *testing.T) int64 {
	t.Helper()
	n, err := e.store.DueCount(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// item is a "test" item sending text to user 42 at at.
func item(id, text string, at time.Time) ikmbot.Due {
	return ikmbot.Due{Kind: "test", ID: id, Target: 42, Payload: text, At: at}
}

func TestSendsOnceAtItsTime(t *testing.T) {
	e := newEnv(t, 0)
	e.schedule(t, item("a", "hello", base.Add(10*time.Minute)))

	for _, at := range []time.Time{base, base.Add(9*time.Minute + 59*time.Second)} {
		if rep := e.tickAt(t, at); rep != (reminders.TickReport{}) {
			t.Errorf("tick at %v before its time: %+v, want nothing", at, rep)
		}
	}
	if got := e.out.take(); got != nil {
		t.Errorf("sent before its time: %q", got)
	}

	rep := e.tickAt(t, base.Add(10*time.Minute))
	if want := (reminders.TickReport{Found: 1, Sent: 1, Messages: 1}); rep != want {
		t.Errorf("tick at its time: %+v, want %+v", rep, want)
	}
	e.out.mu.Lock()
	msgs := e.out.msgs
	e.out.mu.Unlock()
	if diff := cmp.Diff(msgs, []ikmbot.Message{{ChatID: 42, Text: "hello", Bulk: true}}); diff != "" {
		t.Errorf("delivered (-got +want):\n%s", diff)
	}
	e.out.take()

	// The same minute again (a second cron firing, another replica) does
	// nothing, nor does the next one.
	if rep, err := e.engine.Tick(t.Context()); err != nil || !rep.Skipped {
		t.Errorf("second tick of the minute: %+v, %v; want skipped", rep, err)
	}
	e.tickAt(t, base.Add(11*time.Minute))
	if got := e.out.take(); got != nil {
		t.Errorf("sent again: %q", got)
	}
	if n := e.dueCount(t); n != 0 {
		t.Errorf("%d items left, want 0", n)
	}

	// Its Key scheduled again is not sent twice.
	e.schedule(t, item("a", "hello again", base.Add(20*time.Minute)))
	rep = e.tickAt(t, base.Add(20*time.Minute))
	if want := (reminders.TickReport{Found: 1, Dropped: 1}); rep != want {
		t.Errorf("tick of a Key sent before: %+v, want %+v", rep, want)
	}
	if got := e.out.take(); got != nil {
		t.Errorf("sent a Key twice: %q", got)
	}
}

// manyItems returns n "test" items due at at whose texts are their ids.
func manyItems(prefix string, n int, at time.Time) []ikmbot.Due {
	items := make([]ikmbot.Due, n)
	for i := range items {
		id := prefix + strconv.Itoa(i)
		items[i] = item(id, id, at)
	}
	return items
}

// tickTogether runs one tick of each engine at once and returns their
// reports.
func tickTogether(t *testing.T, engines ...*reminders.Engine) []reminders.TickReport {
	t.Helper()
	reps := make([]reminders.TickReport, len(engines))
	errs := make([]error, len(engines))
	var wg sync.WaitGroup
	for i, eng := range engines {
		wg.Go(func() { reps[i], errs[i] = eng.Tick(t.Context()) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("Tick: %v", err)
	}
	return reps
}

// wantEachOnce fails the test unless texts holds each item's text once.
func wantEachOnce(t *testing.T, texts []string, items []ikmbot.Due) {
	t.Helper()
	seen := make(map[string]int, len(texts))
	for _, s := range texts {
		seen[s]++
	}
	for _, d := range items {
		if seen[d.Payload] != 1 {
			t.Errorf("%s sent %d times, want once", d.ID, seen[d.Payload])
		}
	}
	if len(texts) != len(items) {
		t.Errorf("%d messages sent, want %d", len(texts), len(items))
	}
}

func TestReplicasSendEachOnce(t *testing.T) {
	e := newEnv(t, 37) // small pages, so the replicas interleave
	other := e.newEngine(t, storage.New(e.srv.Client(t)), e.clock, 37)

	t.Run("same minute", func(t *testing.T) {
		items := manyItems("same", 1000, base)
		e.schedule(t, items...)
		e.clock.Set(base.Add(time.Minute))
		reps := tickTogether(t, e.engine, other)
		if reps[0].Skipped == reps[1].Skipped {
			t.Errorf("reports %+v: want exactly one skipped", reps)
		}
		wantEachOnce(t, e.out.take(), items)
	})

	// A slow tick still running when another replica ticks the next
	// minute: both hold a lock, the claims decide.
	t.Run("overlapping minutes", func(t *testing.T) {
		items := manyItems("overlap", 1000, base)
		e.schedule(t, items...)
		e.clock.Set(base.Add(2 * time.Minute))
		later := &clock{t: base.Add(3 * time.Minute)}
		third := e.newEngine(t, storage.New(e.srv.Client(t)), later, 37)
		reps := tickTogether(t, e.engine, third)
		if reps[0].Skipped || reps[1].Skipped {
			t.Errorf("reports %+v: want none skipped", reps)
		}
		if sent := reps[0].Sent + reps[1].Sent; sent != len(items) {
			t.Errorf("reports %+v: %d sent, want %d", reps, sent, len(items))
		}
		wantEachOnce(t, e.out.take(), items)
	})
	if n := e.dueCount(t); n != 0 {
		t.Errorf("%d items left, want 0", n)
	}
}

func TestRescheduledLaterNotSentEarly(t *testing.T) {
	e := newEnv(t, 0)
	e.schedule(t, item("a", "first time", base.Add(5*time.Minute)))
	e.schedule(t, item("a", "new time", base.Add(time.Hour)))

	e.tickAt(t, base.Add(5*time.Minute))
	if got := e.out.take(); got != nil {
		t.Errorf("sent at the old time: %q", got)
	}
	e.tickAt(t, base.Add(time.Hour))
	if diff := cmp.Diff(e.out.take(), []string{"new time"}); diff != "" {
		t.Errorf("sent at the new time (-got +want):\n%s", diff)
	}
}

func TestExpiredDropped(t *testing.T) {
	e := newEnv(t, 0)
	d := item("a", "too late", base)
	d.Until = base.Add(30 * time.Minute)
	e.schedule(t, d)

	rep := e.tickAt(t, base.Add(31*time.Minute))
	if want := (reminders.TickReport{Found: 1, Expired: 1}); rep != want {
		t.Errorf("tick: %+v, want %+v", rep, want)
	}
	if got := e.out.take(); got != nil {
		t.Errorf("sent an expired item: %q", got)
	}
	if n := e.dueCount(t); n != 0 {
		t.Errorf("%d items left, want 0", n)
	}
}

func TestQuietHours(t *testing.T) {
	night := time.Date(2026, 3, 2, 22, 0, 0, 0, wib)
	morning := time.Date(2026, 3, 3, 7, 0, 0, 0, wib)
	tests := []struct {
		name  string
		until time.Time
		sent  time.Time // when it goes out
	}{
		{"stays useful", time.Time{}, morning},
		{"useful past the morning", morning.Add(time.Hour), morning},
		{"useless by the morning", time.Date(2026, 3, 3, 5, 0, 0, 0, wib), night},
		{"useless at the morning", morning, night},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, 0)
			d := item("a", "reminder", night)
			d.Until = tt.until
			e.schedule(t, d)
			for _, at := range []time.Time{night, night.Add(time.Hour), morning.Add(-time.Minute), morning} {
				e.tickAt(t, at)
				var want []string
				if at.Equal(tt.sent) {
					want = []string{"reminder"}
				}
				if diff := cmp.Diff(e.out.take(), want); diff != "" {
					t.Errorf("sent at %v (-got +want):\n%s", at, diff)
				}
			}
			if n := e.dueCount(t); n != 0 {
				t.Errorf("%d items left, want 0", n)
			}
		})
	}
}

func TestQuietHoursNotAcrossMidnight(t *testing.T) {
	e := newEnv(t, 0)
	e.engine = reminders.New(reminders.Config{Store: e.store, Deliver: e.out, Now: e.clock.Now, Location: wib, QuietStart: 1, QuietEnd: 5})
	e.engine.Handle("test", reminders.HandlerFunc(fire))
	at := time.Date(2026, 3, 3, 3, 0, 0, 0, wib)
	e.schedule(t, item("late", "late", at.Add(-3*time.Hour)), item("night", "night", at))

	// 00:00 is outside these quiet hours; 03:00 is inside.
	e.tickAt(t, at.Add(-3*time.Hour))
	if diff := cmp.Diff(e.out.take(), []string{"late"}); diff != "" {
		t.Errorf("sent at midnight (-got +want):\n%s", diff)
	}
	if rep := e.tickAt(t, at); rep.Deferred != 1 {
		t.Errorf("tick at 03:00: %+v, want 1 deferred", rep)
	}
	e.tickAt(t, at.Add(2*time.Hour))
	if diff := cmp.Diff(e.out.take(), []string{"night"}); diff != "" {
		t.Errorf("sent at 05:00 (-got +want):\n%s", diff)
	}
}

func TestHandlerNothingDrops(t *testing.T) {
	e := newEnv(t, 0)
	e.schedule(t, item("a", "none", base))
	rep := e.tickAt(t, base)
	if want := (reminders.TickReport{Found: 1, Dropped: 1}); rep != want {
		t.Errorf("tick: %+v, want %+v", rep, want)
	}
	if n := e.dueCount(t); n != 0 {
		t.Errorf("%d items left, want 0", n)
	}
	// Dropping is not sending: the Key may be scheduled and sent later.
	e.schedule(t, item("a", "after all", base.Add(time.Hour)))
	e.tickAt(t, base.Add(time.Hour))
	if diff := cmp.Diff(e.out.take(), []string{"after all"}); diff != "" {
		t.Errorf("sent (-got +want):\n%s", diff)
	}
}

func TestHandlerErrorRetried(t *testing.T) {
	e := newEnv(t, 0)
	var mu sync.Mutex
	calls := 0
	e.engine.Handle("flaky", reminders.HandlerFunc(func(_ context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
		mu.Lock()
		defer mu.Unlock()
		if calls++; calls == 1 {
			return nil, errors.New("class not readable")
		}
		return []ikmbot.Message{{ChatID: d.Target, Text: "flaky " + now.In(wib).Format("15:04")}}, nil
	}))
	e.schedule(t,
		ikmbot.Due{Kind: "flaky", ID: "1", Target: 42, At: base},
		item("p", "panic", base),
		item("ok", "fine", base),
	)

	rep := e.tickAt(t, base)
	if want := (reminders.TickReport{Found: 3, Sent: 1, Messages: 1, Failed: 2}); rep != want {
		t.Errorf("first tick: %+v, want %+v", rep, want)
	}
	if diff := cmp.Diff(e.out.take(), []string{"fine"}); diff != "" {
		t.Errorf("first tick sent (-got +want):\n%s", diff)
	}
	rep = e.tickAt(t, base.Add(time.Minute))
	if want := (reminders.TickReport{Found: 2, Sent: 1, Messages: 1, Failed: 1}); rep != want {
		t.Errorf("second tick: %+v, want %+v", rep, want)
	}
	if diff := cmp.Diff(e.out.take(), []string{"flaky 10:01"}); diff != "" {
		t.Errorf("second tick sent (-got +want):\n%s", diff)
	}
	if n := e.dueCount(t); n != 1 { // the panicking one waits
		t.Errorf("%d items left, want 1", n)
	}
}

func TestKindWithoutHandlerLeft(t *testing.T) {
	e := newEnv(t, 2) // pages of two, so the offset must skip what is left
	var logs bytes.Buffer
	e.engine = reminders.New(reminders.Config{Store: e.store, Deliver: e.out, Now: e.clock.Now, Location: wib, Batch: 2,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	e.engine.Handle("test", reminders.HandlerFunc(fire))
	var sent []ikmbot.Due
	for i := range 5 {
		at := base.Add(time.Duration(i) * time.Second)
		e.schedule(t, ikmbot.Due{Kind: "unknown", ID: strconv.Itoa(i), At: at})
		d := item(strconv.Itoa(i), "t"+strconv.Itoa(i), at)
		e.schedule(t, d)
		sent = append(sent, d)
	}

	rep := e.tickAt(t, base.Add(time.Minute))
	if want := (reminders.TickReport{Found: 10, Sent: 5, Messages: 5, Failed: 5}); rep != want {
		t.Errorf("tick: %+v, want %+v", rep, want)
	}
	wantEachOnce(t, e.out.take(), sent)
	if n := strings.Count(logs.String(), "kind=unknown"); n != 1 {
		t.Errorf("kind logged %d times, want once per tick:\n%s", n, logs.String())
	}
	if n := e.dueCount(t); n != 5 {
		t.Errorf("%d items left, want the 5 without a handler", n)
	}
}

func TestRestartAfterDowntime(t *testing.T) {
	e := newEnv(t, 0)
	e.tickAt(t, base)
	useful := item("useful", "useful", base.Add(time.Hour))
	expired := item("expired", "expired", base.Add(time.Hour))
	expired.Until = base.Add(90 * time.Minute)
	stillUseful := item("still", "still useful", base.Add(2*time.Hour))
	stillUseful.Until = base.Add(5 * time.Hour)
	future := item("future", "future", base.Add(4*time.Hour))
	e.schedule(t, useful, expired, stillUseful, future)

	// Down from 10:00 to 13:00; a new process with its own client.
	c := &clock{t: base.Add(3 * time.Hour)}
	restarted := e.newEngine(t, storage.New(e.srv.Client(t)), c, 0)
	rep, err := restarted.Tick(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := (reminders.TickReport{Found: 3, Sent: 2, Messages: 2, Expired: 1}); rep != want {
		t.Errorf("tick after restart: %+v, want %+v", rep, want)
	}
	if diff := cmp.Diff(e.out.take(), []string{"useful", "still useful"}); diff != "" {
		t.Errorf("sent late (-got +want):\n%s", diff)
	}
	if n := e.dueCount(t); n != 1 {
		t.Errorf("%d items left, want the future one", n)
	}
}

func TestTickRedisDown(t *testing.T) {
	e := newEnv(t, 0)
	e.schedule(t, item("a", "a", base))
	e.srv.Stop(t)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	e.clock.Set(base)
	if _, err := e.engine.Tick(ctx); err == nil {
		t.Error("Tick with Redis down: no error")
	}
}

func TestStartStop(t *testing.T) {
	e := newEnv(t, 0)
	for _, name := range []string{"stop", "context"} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			stop := e.engine.Start(ctx)
			if name == "context" {
				cancel()
			}
			done := make(chan struct{})
			go func() { stop(); stop(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("stop did not return")
			}
			cancel()
		})
	}
}

func ExampleHandlerFunc() {
	h := reminders.HandlerFunc(func(_ context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
		return []ikmbot.Message{{ChatID: d.Target, Text: "Kelas dimulai " + d.Until.Sub(now).String() + " lagi"}}, nil
	})
	d := ikmbot.Due{Kind: "class", ID: "2026-1:K001:0", Target: 42, At: base, Until: base.Add(time.Hour)}
	msgs, _ := h.Fire(context.Background(), d, base)
	fmt.Println(msgs[0].Text)
	// Output: Kelas dimulai 1h0m0s lagi
}
