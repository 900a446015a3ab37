package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// Pacing of the sign-up driver. scanEvery bounds how often it looks at the
// owners in flight: a scan costs one LastMessage per owner, the fake's state
// changes thousands of times a second, and an owner's step takes tens of
// milliseconds anyway; at 1ms the scans are about a tenth of the benchmark
// process's CPU. stallLimit is how long the bot may make no progress at all
// before the run fails.
const (
	scanEvery  = time.Millisecond
	stallLimit = 30 * time.Second
)

// benchOwnerID numbers the driver's owners, apart from the e2e tests' users
// and unique across the runs of one test binary.
var benchOwnerID atomic.Int64

func init() { benchOwnerID.Store(8_100_000_000) }

// signUpAction is what an owner does on seeing the bot's newest message m.
type signUpAction func(tg *telegramtest.Server, ownerID int64, m telegramtest.Message) error

// signUpActions is the complete sign-up as a user walks it: one Telegram
// update each, /daftar first and Save last.
func signUpActions() []signUpAction {
	t := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	send := func(text string) signUpAction {
		return func(tg *telegramtest.Server, ownerID int64, _ telegramtest.Message) error {
			tg.UserSends(ownerID, text)
			return nil
		}
	}
	press := func(label string) signUpAction {
		return func(tg *telegramtest.Server, ownerID int64, m telegramtest.Message) error {
			for _, row := range m.Buttons {
				for _, b := range row {
					if b.Text == label {
						if tg.UserPressed(ownerID, m.ID, b.Data) == "" {
							return fmt.Errorf("press %q: the fake refused the tap", label)
						}
						return nil
					}
				}
			}
			return fmt.Errorf("no button %q under %q", label, m.Text)
		}
	}
	tap := func(label string) signUpAction {
		return func(tg *telegramtest.Server, ownerID int64, _ telegramtest.Message) error {
			return tg.UserTapsKeyboard(ownerID, label)
		}
	}
	return []signUpAction{
		send("/daftar"),
		press(t(flows.SuAgree)),
		send("Siti Rahayu"),
		tap(t(flows.SuShareContact)),
		send("Kopi Tanggamus Jaya"),
		send("1234567890123"),
		press("Tanggamus"),
		press("Kopi"),
		send("kopi bubuk robusta"),
		press(t(flows.SuWorkersLabel, "5-19")),
		send("500 kg"),
		press(t(flows.SuExportIndirect)),
		press(t(flows.SuSave)),
	}
}

// signUpOwner is one owner in flight.
type signUpOwner struct {
	id    int64
	next  int // index of the next action
	acted int // id of the bot message the last action answered; 0 before any
}

// signUpDriver signs owners up through the fake Bot API, keeping a fixed
// number in flight: one goroutine scans them all and answers each owner whose
// question has arrived, rather than a waiter per owner, so that the driver's
// own CPU stays small next to the bot's.
type signUpDriver struct {
	tg       *telegramtest.Server
	actions  []signUpAction
	saved    string // how the "saved" message begins, as the user sees it
	total    int
	started  int
	finished []int64 // owners who got the "saved" message
	flight   []*signUpOwner
}

func newSignUpDriver(tg *telegramtest.Server, total int) *signUpDriver {
	return &signUpDriver{
		tg:      tg,
		actions: signUpActions(),
		saved:   begin(flows.T("id", flows.SuSaved, "Siti Rahayu")),
		total:   total,
	}
}

// updatesPerOwner is how many updates one sign-up sends the bot.
func (d *signUpDriver) updatesPerOwner() int { return len(d.actions) }

// run signs up d.total owners with inflight of them in flight at once and
// returns when every owner got the "saved" message, or with an error naming
// an owner that went wrong or got stuck.
func (d *signUpDriver) run(ctx context.Context, inflight int) error {
	if inflight < 1 {
		return fmt.Errorf("%d owners in flight: want at least 1", inflight)
	}
	for len(d.flight) < inflight && d.started < d.total {
		d.flight = append(d.flight, d.start())
	}
	lastProgress := time.Now()
	for len(d.finished) < d.total {
		began := time.Now()
		scanned, progressed := false, false
		var failed error
		wctx, cancel := context.WithTimeout(ctx, stallLimit)
		// The first call scans; any later one means the fake's state changed
		// since, so the next scan may find work. Wait takes its change signal
		// before calling cond, so no change is missed.
		err := d.tg.Wait(wctx, func() bool {
			if scanned {
				return true
			}
			scanned = true
			progressed, failed = d.scan()
			return progressed || failed != nil || len(d.finished) == d.total
		})
		cancel()
		switch {
		case failed != nil:
			return failed
		case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
			return fmt.Errorf("no owner progressed for %v; %d of %d finished; %s", stallLimit, len(d.finished), d.total, d.stuck())
		case err != nil:
			return fmt.Errorf("%d of %d owners finished: %w; %s", len(d.finished), d.total, err, d.stuck())
		case progressed:
			lastProgress = time.Now()
		case time.Since(lastProgress) > stallLimit:
			// The fake keeps changing (retries?) but no question arrives.
			return fmt.Errorf("no owner progressed for %v; %d of %d finished; %s", stallLimit, len(d.finished), d.total, d.stuck())
		}
		if rest := scanEvery - time.Since(began); rest > 0 {
			time.Sleep(rest)
		}
	}
	return nil
}

// start sends a new owner's first update.
func (d *signUpDriver) start() *signUpOwner {
	d.started++
	o := &signUpOwner{id: benchOwnerID.Add(1)}
	d.actions[0](d.tg, o.id, telegramtest.Message{}) // /daftar never fails
	o.next = 1
	return o
}

// scan answers every owner whose next question has arrived: the bot's
// newest message is newer than the one last answered and has buttons (every
// question has, and so has the "saved" message). Finished owners make room
// for new ones.
func (d *signUpDriver) scan() (progressed bool, err error) {
	for i := 0; i < len(d.flight); i++ {
		o := d.flight[i]
		m, ok := d.tg.LastMessage(o.id)
		if !ok || m.ID <= o.acted || (len(m.Buttons) == 0 && len(m.ReplyKeyboard) == 0) {
			continue
		}
		progressed = true
		if o.next < len(d.actions) {
			if err := d.actions[o.next](d.tg, o.id, m); err != nil {
				return true, fmt.Errorf("owner %d, update %d of %d: %w; the chat:\n%s", o.id, o.next+1, len(d.actions), err, d.chat(o.id))
			}
			o.next, o.acted = o.next+1, m.ID
			continue
		}
		if !strings.Contains(m.Text, d.saved) {
			return true, fmt.Errorf("owner %d: after Save the bot said %q, want %q; the chat:\n%s", o.id, m.Text, d.saved, d.chat(o.id))
		}
		d.finished = append(d.finished, o.id)
		if d.started < d.total {
			d.flight[i] = d.start()
			continue
		}
		d.flight[i] = d.flight[len(d.flight)-1]
		d.flight = d.flight[:len(d.flight)-1]
		i--
	}
	return progressed, nil
}

// unsaved returns the finished owners that are not in ikm:owners.
func (d *signUpDriver) unsaved(ctx context.Context, rdb *redis.Client) ([]int64, error) {
	ids := make([]any, len(d.finished))
	for i, id := range d.finished {
		ids[i] = id
	}
	if len(ids) == 0 {
		return nil, nil
	}
	in, err := rdb.SMIsMember(ctx, "ikm:owners", ids...).Result()
	if err != nil {
		return nil, fmt.Errorf("SMISMEMBER ikm:owners: %w", err)
	}
	var missing []int64
	for i, ok := range in {
		if !ok {
			missing = append(missing, d.finished[i])
		}
	}
	return missing, nil
}

// stuck describes the first owner still in flight, for a failure message.
func (d *signUpDriver) stuck() string {
	if len(d.flight) == 0 {
		return "none in flight"
	}
	o := d.flight[0]
	return fmt.Sprintf("owner %d waits after update %d of %d; the chat:\n%s", o.id, o.next, len(d.actions), d.chat(o.id))
}

func (d *signUpDriver) chat(ownerID int64) string {
	var b strings.Builder
	for _, m := range d.tg.Messages(ownerID) {
		fmt.Fprintf(&b, "> [%d] %s\n", m.ID, m.Text)
	}
	return b.String()
}

// TestSignUpDriver runs BenchmarkSignUp's driver for a few owners against the
// bot in-process, so that a change to the sign-up flow that the driver no
// longer follows fails here, in every test run, rather than only when someone
// benchmarks.
func TestSignUpDriver(t *testing.T) {
	w := newWorld(t)
	w.start()
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	defer cancel()
	d := newSignUpDriver(w.tg, 5)
	if err := d.run(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if missing, err := d.unsaved(ctx, w.redis.Client(t)); err != nil || len(missing) > 0 {
		t.Errorf("owners missing from ikm:owners: %v %v", missing, err)
	}
}
