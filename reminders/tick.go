package reminders

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"ikmbot"
)

// TickReport says what one Tick did, for logs and metrics.
type TickReport struct {
	// Skipped is set when this minute's lock was taken already (another
	// replica ticked it); nothing else was done.
	Skipped bool
	// Found counts the due items read.
	Found int
	// Sent counts the items whose messages were handed over, and Messages
	// those messages.
	Sent, Messages int
	// Expired counts the items dropped because their Until had passed.
	Expired int
	// Deferred counts the items moved to the morning by quiet hours.
	Deferred int
	// Dropped counts the items dropped without sending: their handler had
	// nothing to send, or their Key was sent before.
	Dropped int
	// Failed counts the items left for the next tick: their handler failed
	// or their kind has none.
	Failed int
}

// lockTTL is how long a minute's lock lives: past the minute, so that a
// replica whose clock or cron runs late cannot tick the same minute again,
// and short, so that a crashed holder costs one minute at most.
const lockTTL = 2 * time.Minute

// Tick does one pass over what is due at Now. It takes the lock of Now's
// minute for lockTTL, never releasing it early, so replicas ticking the
// same minute do it once; when the lock is taken it returns a report with
// Skipped set. It then reads the due items in pages of Config.Batch, so
// memory does not grow with how many are due, and for each:
//   - of a kind without a handler: logs the kind once per tick and leaves it;
//   - past its Until: drops it;
//   - in quiet hours: moves it to the morning (QuietEnd o'clock), unless it
//     would be past its Until by then, in which case it is sent now;
//   - else asks its handler: an error (or panic) is logged and the item left
//     for the next tick; messages are marked Bulk and delivered if this is the
//     first claim of the item's Key; then the item is removed.
//
// Two ticks overlapping (a slow one and the next minute's elsewhere) still
// send each item once: the claim decides. An item removed by someone else
// during the tick may make the tick miss another, which the next tick
// finds. The error is a Redis failure (or ctx ending), with the report of
// what was done before it.
func (e *Engine) Tick(ctx context.Context) (TickReport, error) {
	now := e.now()
	var rep TickReport
	// UTC, so replicas configured with different zones still agree.
	minute := now.UTC().Truncate(time.Minute).Format("200601021504")
	got, err := e.store.Lock(ctx, "reminders:"+minute, lockTTL)
	if err != nil {
		return rep, fmt.Errorf("reminder tick %s: %w", minute, err)
	}
	if !got {
		rep.Skipped = true
		return rep, nil
	}
	t := tick{Engine: e, now: now, rep: &rep, quiet: e.quiet(now), unhandled: map[string]bool{}}
	// offset counts the items left in place: every other item leaves the
	// due range (removed, or moved to the morning), so the next page starts
	// after those left.
	offset := 0
	for {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("reminder tick %s: %w", minute, err)
		}
		items, err := e.store.DueItems(ctx, now, offset, e.batch)
		if err != nil {
			return rep, fmt.Errorf("reminder tick %s: %w", minute, err)
		}
		// A short page does not mean the end: unreadable items were
		// dropped from it. Only an empty one does.
		if len(items) == 0 {
			return rep, nil
		}
		for _, d := range items {
			rep.Found++
			left, err := t.item(ctx, d)
			if err != nil {
				return rep, fmt.Errorf("reminder tick %s: %w", minute, err)
			}
			if left {
				offset++
			}
		}
	}
}

// tick is the state of one Tick.
type tick struct {
	*Engine
	now       time.Time
	quiet     bool
	rep       *TickReport
	unhandled map[string]bool // kinds without a handler, logged already
}

// item settles one due item and reports whether it was left in place. The
// error is a Redis failure.
func (t *tick) item(ctx context.Context, d ikmbot.Due) (left bool, err error) {
	h := t.handler(d.Kind)
	if h == nil {
		if !t.unhandled[d.Kind] {
			t.unhandled[d.Kind] = true
			t.log.ErrorContext(ctx, "due items of a kind without a handler left", "kind", d.Kind)
		}
		t.rep.Failed++
		return true, nil
	}
	if !d.Until.IsZero() && t.now.After(d.Until) {
		t.rep.Expired++
		return false, t.store.DoneDue(ctx, d)
	}
	if t.quiet {
		// Waiting past Until would make the item useless: send it now.
		if m := t.morning(t.now); d.Until.IsZero() || m.Before(d.Until) {
			t.rep.Deferred++
			return false, t.store.MoveDue(ctx, d, m)
		}
	}
	msgs, err := fire(ctx, h, d, t.now)
	if err != nil {
		args := []any{"kind", d.Kind, "due_key", d.Key(), "err", err}
		var p *panicError
		if errors.As(err, &p) {
			args = append(args, "stack", string(p.stack))
		}
		t.log.WarnContext(ctx, "due item left for the next tick", args...)
		t.rep.Failed++
		return true, nil
	}
	if len(msgs) == 0 {
		t.rep.Dropped++
		return false, t.store.DoneDue(ctx, d)
	}
	// Claimed just before handing over: a crash in between loses the item
	// rather than sending it twice, which is the promise (at most once).
	first, err := t.store.ClaimDue(ctx, d)
	if err != nil {
		return false, err
	}
	if first {
		for i := range msgs {
			msgs[i].Bulk = true
		}
		t.deliver.Deliver(ctx, msgs)
		t.rep.Sent++
		t.rep.Messages += len(msgs)
	} else {
		t.rep.Dropped++
	}
	return false, t.store.DoneDue(ctx, d)
}

// panicError is a handler's panic, turned into an error so that one bad
// item cannot stop every tick.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("handler panic: %v", p.value) }

// fire calls h, recovering a panic as a *panicError.
func fire(ctx context.Context, h Handler, d ikmbot.Due, now time.Time) (msgs []ikmbot.Message, err error) {
	defer func() {
		if v := recover(); v != nil {
			msgs, err = nil, &panicError{value: v, stack: debug.Stack()}
		}
	}()
	return h.Fire(ctx, d, now)
}

// quiet reports whether bulk messages wait at now.
func (e *Engine) quiet(now time.Time) bool {
	return ikmbot.QuietHours{Start: e.quietStart, End: e.quietEnd}.Contains(now.In(e.loc).Hour())
}

// morning returns the first QuietEnd o'clock after now, in Location.
func (e *Engine) morning(now time.Time) time.Time {
	t := now.In(e.loc)
	m := time.Date(t.Year(), t.Month(), t.Day(), e.quietEnd, 0, 0, 0, e.loc)
	if !m.After(t) {
		m = m.AddDate(0, 0, 1)
	}
	return m
}
