package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"ikmbot/reminders"
)

// wib is the bot's zone in these tests, as w.config sets it.
var wib = time.FixedZone("WIB", 7*3600)

// clock is a time the test moves by hand, shared by the bot (Config.Now)
// and the test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

// Now is the clock's time; the bot calls it from many goroutines.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock on by d.
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// ticker is the test's end of Config.ticks: each reply channel sent on it
// makes the bot run one reminder tick and answer there.
type ticker chan chan<- tickResult

func withClock(c *clock) func(*Config) { return func(cfg *Config) { cfg.Now = c.Now } }

func withTicks(ch ticker) func(*Config) { return func(cfg *Config) { cfg.ticks = ch } }

// timed is a world whose bot runs on a movable clock and ticks its
// reminders when the test says so.
type timed struct {
	*world
	clock *clock
	ticks ticker
}

// newTimed is a world whose clock starts at `at`.
func newTimed(t *testing.T, at time.Time) *timed {
	t.Helper()
	return &timed{world: newWorld(t), clock: newClock(at), ticks: make(ticker)}
}

// start runs the bot on the world's clock and tick channel.
func (w *timed) start(mods ...func(*Config)) {
	w.t.Helper()
	w.world.start(append([]func(*Config){withClock(w.clock), withTicks(w.ticks)}, mods...)...)
}

// tick runs one reminder tick in the bot at the clock's time and returns
// what it did. The bot's own cron also ticks, once a real minute, at the
// fake clock's minute: when it took this minute first, the clock moves on
// one minute and the tick is tried again, so the tick returned has really
// run. Tests therefore keep a few minutes between a tick and the next due
// time.
func (w *timed) tick() reminders.TickReport {
	w.t.Helper()
	for range 3 {
		rep := w.tickOn(w.ticks)
		if !rep.Skipped {
			return rep
		}
		w.clock.Advance(time.Minute)
	}
	w.t.Fatalf("every tick around %v was skipped", w.clock.Now())
	return reminders.TickReport{}
}

// tickOn asks the bot listening on ch for one tick and waits for it.
func (w *timed) tickOn(ch ticker) reminders.TickReport {
	w.t.Helper()
	reply := make(chan tickResult, 1)
	select {
	case ch <- reply:
	case <-time.After(waitLimit):
		w.t.Fatal("no bot took the tick")
	}
	select {
	case res := <-reply:
		if res.Err != nil {
			w.t.Fatalf("tick at %v: %v", w.clock.Now(), res.Err)
		}
		return res.Report
	case <-time.After(waitLimit):
		w.t.Fatal("the tick did not finish")
	}
	return reminders.TickReport{}
}

// at moves the clock to t and ticks.
func (w *timed) at(t time.Time) reminders.TickReport {
	w.t.Helper()
	w.clock.Set(t)
	return w.tick()
}

// nothingAt moves the clock to t, ticks, and checks that none of us gets
// a message from it. Reminders leave through the outbox after the tick
// returns, so it watches the chats for a moment: short, as negative
// waits cost every run.
func (w *timed) nothingAt(t time.Time, us ...*user) {
	w.t.Helper()
	before := make([]int, len(us))
	for i, u := range us {
		before[i] = len(w.tg.Messages(u.id))
	}
	w.at(t)
	w.nothingNew(before, us...)
}

// quietWait is how long a test watches for a message that must not come.
const quietWait = 300 * time.Millisecond

// nothingNew waits quietWait and fails if any of us has more bot
// messages than before says.
func (w *world) nothingNew(before []int, us ...*user) {
	w.t.Helper()
	deadline := time.Now().Add(quietWait)
	for time.Now().Before(deadline) {
		for i, u := range us {
			if msgs := w.tg.Messages(u.id); len(msgs) > before[i] {
				w.t.Fatalf("user %d got %q; the chat:\n%s", u.id, msgs[before[i]].Text, u.chat())
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// count is how many bot messages in the user's chat contain text (as the
// user sees it).
func (u *user) count(text string) int {
	text = plain(text)
	n := 0
	for _, m := range u.w.tg.Messages(u.id) {
		if strings.Contains(m.Text, text) {
			n++
		}
	}
	return n
}

// settle waits until the bot has answered every button tap so far, so a
// test can stop it without leaving a tap unanswered.
func (w *world) settle() {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := w.tg.Wait(ctx, func() bool { return len(w.tg.UnansweredCallbacks()) == 0 && w.tg.PendingUpdates() == 0 }); err != nil {
		w.t.Fatalf("taps still unanswered: %v", w.tg.UnansweredCallbacks())
	}
}
