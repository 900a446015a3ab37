package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// stallLimit is how long the bot may make no progress at all before a
// driver run fails.
const stallLimit = 30 * time.Second

// benchOwnerID numbers the driver's owners, apart from the e2e tests' users
// and unique across the runs of one test binary.
var benchOwnerID atomic.Int64

func init() { benchOwnerID.Store(8_100_000_000) }

// driverAction is what an owner does on seeing the bot's newest message m:
// send the bot one update.
type driverAction func(tg *telegramtest.Server, ownerID int64, m telegramtest.Message) error

// journey is what every owner of a driver run walks through: one update per
// action, each sent once the bot's answer to the one before has arrived, and
// then done checks the message that must end it.
type journey struct {
	name    string
	actions []driverAction
	done    func(m telegramtest.Message) error
}

// Actions the journeys are made of.
func sendText(text string) driverAction {
	return func(tg *telegramtest.Server, ownerID int64, _ telegramtest.Message) error {
		tg.UserSends(ownerID, text)
		return nil
	}
}

func pressButton(label string) driverAction {
	return func(tg *telegramtest.Server, ownerID int64, m telegramtest.Message) error {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Text == label {
					return pressData(tg, ownerID, m, b)
				}
			}
		}
		return fmt.Errorf("no button %q under %q", label, m.Text)
	}
}

func pressData(tg *telegramtest.Server, ownerID int64, m telegramtest.Message, b telegramtest.Button) error {
	if tg.UserPressed(ownerID, m.ID, b.Data) == "" {
		return fmt.Errorf("press %q: the fake refused the tap", b.Text)
	}
	return nil
}

func tapKeyboard(label string) driverAction {
	return func(tg *telegramtest.Server, ownerID int64, _ telegramtest.Message) error {
		return tg.UserTapsKeyboard(ownerID, label)
	}
}

// signUpJourney is the complete sign-up as a user walks it: one Telegram
// update each, /daftar first and Save last, ending at the "saved" message.
func signUpJourney() journey {
	t := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	saved := begin(t(flows.SuSaved, "Siti Rahayu")) // as the user sees it
	return journey{
		name: "sign-up",
		actions: []driverAction{
			sendText("/daftar"),
			pressButton(t(flows.SuAgree)),
			sendText("Siti Rahayu"),
			tapKeyboard(t(flows.SuShareContact)),
			sendText("Kopi Tanggamus Jaya"),
			sendText("1234567890123"),
			pressButton("Tanggamus"),
			pressButton("Kopi"),
			sendText("kopi bubuk robusta"),
			pressButton(t(flows.SuWorkersLabel, "5-19")),
			sendText("500 kg"),
			pressButton(t(flows.SuExportIndirect)),
			pressButton(t(flows.SuSave)),
		},
		done: func(m telegramtest.Message) error {
			if !strings.Contains(m.Text, saved) {
				return fmt.Errorf("after Save the bot said %q, want %q", m.Text, saved)
			}
			return nil
		},
	}
}

// checkQuestions is how many questions the readiness check asks an owner
// signed up as signUpJourney does: the profile (NIB, indirect export)
// settles one of the questionnaire's.
const checkQuestions = 15

// checkJourney is the readiness check of an owner whose newest message is
// the sign-up's "saved" message: the check button, then every question
// answered, ending at the result. The letter picked moves on by one with
// each question and each owner, so answers, scores and levels vary.
func checkJourney() journey {
	t := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	actions := []driverAction{pressButton(t(flows.BtnCheck))}
	for q := 1; q <= checkQuestions; q++ {
		progress := plain(t(flows.MsgProgress, q, checkQuestions))
		actions = append(actions, func(tg *telegramtest.Server, ownerID int64, m telegramtest.Message) error {
			if !strings.Contains(m.Text, progress) {
				return fmt.Errorf("question %d: the bot said %q, want %q", q, m.Text, progress)
			}
			var letters []telegramtest.Button
			for _, row := range m.Buttons {
				for _, b := range row {
					if len(b.Text) == 1 && b.Text[0] >= 'A' && b.Text[0] <= 'Z' {
						letters = append(letters, b)
					}
				}
			}
			if len(letters) == 0 {
				return fmt.Errorf("question %d: no lettered buttons under %q", q, m.Text)
			}
			return pressData(tg, ownerID, m, letters[(int(ownerID%1000)+q)%len(letters)])
		})
	}
	result := begin(t(flows.RcResult, "", "", ""))
	return journey{
		name:    "readiness check",
		actions: actions,
		done: func(m telegramtest.Message) error {
			if !strings.HasPrefix(m.Text, result) {
				return fmt.Errorf("after question %d the bot said %q, want the result %q", checkQuestions, m.Text, result)
			}
			for _, label := range []string{t(flows.BtnProfile), t(flows.RcRetake)} {
				found := false
				for _, row := range m.Buttons {
					for _, b := range row {
						found = found || b.Text == label
					}
				}
				if !found {
					return fmt.Errorf("the result has no button %q", label)
				}
			}
			return nil
		},
	}
}

// driverOwner is one owner in flight.
type driverOwner struct {
	id    int64
	next  int // index of the next action
	acted int // id of the bot message the last action answered; 0 before any
}

// driver walks owners through a journey against the fake Bot API, keeping a
// fixed number in flight: one goroutine answers each owner whose chat the
// bot wrote to, as the fake's watcher reports them, rather than a waiter
// per owner or a scan of all, so that the driver's own CPU stays small next
// to the bot's.
type driver struct {
	tg       *telegramtest.Server
	j        journey
	owners   []int64 // who walks it; nil: new owners, numbered by benchOwnerID
	total    int
	started  int
	finished []int64 // owners whose journey ended as it should
	flight   map[int64]*driverOwner
}

// newSignUpDriver signs up total new owners.
func newSignUpDriver(tg *telegramtest.Server, total int) *driver {
	return &driver{tg: tg, j: signUpJourney(), total: total}
}

// newCheckDriver takes owners, signed up by a sign-up driver and with its
// "saved" message their newest, through the readiness check.
func newCheckDriver(tg *telegramtest.Server, owners []int64) *driver {
	return &driver{tg: tg, j: checkJourney(), owners: owners, total: len(owners)}
}

// updatesPerOwner is how many updates one owner's journey sends the bot.
func (d *driver) updatesPerOwner() int { return len(d.j.actions) }

// run walks d.total owners through the journey with inflight of them in
// flight at once and returns when every one got the message that ends it, or
// with an error naming an owner that went wrong or got stuck.
func (d *driver) run(ctx context.Context, inflight int) error {
	if inflight < 1 {
		return fmt.Errorf("%d owners in flight: want at least 1", inflight)
	}
	// Watching starts before the first update, so no answer is missed.
	w := d.tg.WatchBotMessages()
	defer w.Stop()
	d.flight = make(map[int64]*driverOwner, inflight)
	for len(d.flight) < inflight && d.started < d.total {
		if err := d.start(); err != nil {
			return err
		}
	}
	lastProgress := time.Now()
	for len(d.finished) < d.total {
		wctx, cancel := context.WithTimeout(ctx, stallLimit)
		chats, err := w.Next(wctx)
		cancel()
		switch {
		case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
			return fmt.Errorf("no owner progressed for %v; %d of %d finished; %s", stallLimit, len(d.finished), d.total, d.stuck())
		case err != nil:
			return fmt.Errorf("%d of %d owners finished: %w; %s", len(d.finished), d.total, err, d.stuck())
		}
		progressed := false
		for _, id := range chats {
			o := d.flight[id]
			if o == nil {
				continue
			}
			p, err := d.step(o)
			if err != nil {
				return err
			}
			progressed = progressed || p
		}
		if progressed {
			lastProgress = time.Now()
		} else if time.Since(lastProgress) > stallLimit {
			// The bot keeps writing (retries?) but no question arrives.
			return fmt.Errorf("no owner progressed for %v; %d of %d finished; %s", stallLimit, len(d.finished), d.total, d.stuck())
		}
	}
	return nil
}

// start sends the next owner's first update, as an answer to the owner's
// newest message if there is one (there is none before /daftar), and puts
// the owner in flight.
func (d *driver) start() error {
	o := &driverOwner{}
	if d.owners != nil {
		o.id = d.owners[d.started]
	} else {
		o.id = benchOwnerID.Add(1)
	}
	d.started++
	m, _ := d.tg.LastMessage(o.id)
	if err := d.j.actions[0](d.tg, o.id, m); err != nil {
		return fmt.Errorf("owner %d, %s update 1 of %d: %w; the chat:\n%s", o.id, d.j.name, len(d.j.actions), err, d.chat(o.id))
	}
	o.next, o.acted = 1, m.ID
	d.flight[o.id] = o
	return nil
}

// step answers owner o if their next question has arrived: the bot's newest
// message is newer than the one last answered and has buttons (every
// question has, and so has the message that ends each journey). A finished
// owner makes room for a new one.
func (d *driver) step(o *driverOwner) (progressed bool, err error) {
	m, ok := d.tg.LastMessage(o.id)
	if !ok || m.ID <= o.acted || (len(m.Buttons) == 0 && len(m.ReplyKeyboard) == 0) {
		return false, nil
	}
	if o.next < len(d.j.actions) {
		if err := d.j.actions[o.next](d.tg, o.id, m); err != nil {
			return true, fmt.Errorf("owner %d, %s update %d of %d: %w; the chat:\n%s", o.id, d.j.name, o.next+1, len(d.j.actions), err, d.chat(o.id))
		}
		o.next, o.acted = o.next+1, m.ID
		return true, nil
	}
	if err := d.j.done(m); err != nil {
		return true, fmt.Errorf("owner %d, end of the %s: %w; the chat:\n%s", o.id, d.j.name, err, d.chat(o.id))
	}
	d.finished = append(d.finished, o.id)
	delete(d.flight, o.id)
	if d.started < d.total {
		return true, d.start()
	}
	return true, nil
}

// unsaved returns the finished owners that are not in ikm:owners.
func (d *driver) unsaved(ctx context.Context, rdb *redis.Client) ([]int64, error) {
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

// unscored returns the owners given to the driver that did not get the
// result, or that have other than exactly one stored attempt
// (ikm:assessments:{<id>}, see storage/keys.go).
func (d *driver) unscored(ctx context.Context, rdb *redis.Client) ([]string, error) {
	got := make(map[int64]bool, len(d.finished))
	for _, id := range d.finished {
		got[id] = true
	}
	var bad []string
	pipe := rdb.Pipeline()
	lens := make([]*redis.IntCmd, len(d.owners))
	for i, id := range d.owners {
		lens[i] = pipe.LLen(ctx, "ikm:assessments:{"+strconv.FormatInt(id, 10)+"}")
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("LLEN ikm:assessments: %w", err)
	}
	for i, id := range d.owners {
		switch n := lens[i].Val(); {
		case !got[id]:
			bad = append(bad, fmt.Sprintf("%d: no result message", id))
		case n != 1:
			bad = append(bad, fmt.Sprintf("%d: %d stored attempts", id, n))
		}
	}
	return bad, nil
}

// stuck describes the first owner still in flight, for a failure message.
func (d *driver) stuck() string {
	var o *driverOwner
	for _, f := range d.flight {
		if o == nil || f.id < o.id {
			o = f
		}
	}
	if o == nil {
		return "none in flight"
	}
	return fmt.Sprintf("owner %d waits after %s update %d of %d; the chat:\n%s", o.id, d.j.name, o.next, len(d.j.actions), d.chat(o.id))
}

func (d *driver) chat(ownerID int64) string {
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

// TestReadinessDriver runs BenchmarkReadiness's drivers for a few owners
// against the bot in-process: sign-up, then the check, each owner ending
// with the result and exactly one stored attempt.
func TestReadinessDriver(t *testing.T) {
	w := newWorld(t)
	w.start()
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	defer cancel()
	signUp := newSignUpDriver(w.tg, 5)
	if err := signUp.run(ctx, 3); err != nil {
		t.Fatal(err)
	}
	d := newCheckDriver(w.tg, signUp.finished)
	if err := d.run(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if bad, err := d.unscored(ctx, w.redis.Client(t)); err != nil || len(bad) > 0 {
		t.Errorf("owners without exactly one attempt: %v %v", bad, err)
	}
}
