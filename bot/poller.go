package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Defaults of PollerConfig.
const (
	DefaultPollTimeout = 30 * time.Second
	DefaultPollLimit   = 100
	DefaultGrace       = 10 * time.Second
	DefaultMinBackoff  = time.Second
	DefaultMaxBackoff  = 30 * time.Second
	DefaultRecheck     = time.Second
	DefaultMaxPending  = 1000
)

// maxPollTimeout is what Telegram clamps a long poll's timeout to.
const maxPollTimeout = 50 * time.Second

// PollerConfig configures a Poller. Zero values take the defaults.
type PollerConfig struct {
	// Timeout is the long poll's timeout, in whole seconds, at most 50 and
	// kept 5s below the HTTP client's timeout.
	Timeout time.Duration
	// Limit is the most updates fetched at once, 1 to 100.
	Limit int
	// Grace is how long updates in hand may still run after polling stops.
	Grace time.Duration
	// MinBackoff and MaxBackoff bound the wait after a failed getUpdates or
	// an update that could not be handled; it doubles from min to max.
	MinBackoff, MaxBackoff time.Duration
	// Recheck is how often getUpdates is called while updates are in hand
	// and the oldest of them is not finished, so that one slow chat does
	// not hold up the others' new updates. Keep it at 0.5s or more:
	// Telegram answers the same offset asked again within 0.5s with a
	// single update.
	Recheck time.Duration
	// MaxPending bounds the updates fetched and not yet handled; at the
	// bound, fetching waits until one finishes. They are at most Limit
	// anyway (all lie in what getUpdates returns from the oldest of them),
	// so it matters only when set below Limit.
	MaxPending int
	Logger     *slog.Logger
	// Sleep is injected for tests; it returns ctx's error when ctx ends first.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Poller is the long-polling loop. Unlike go-telegram-bot-api's
// GetUpdatesChan it confirms an update (by asking for an offset past it)
// only after the update was handled, honours retry_after, reports 409
// conflicts, never logs the token and finishes the updates in hand on
// shutdown. It keeps fetching while earlier updates are handled, so a slow
// chat holds up only itself.
type Poller struct {
	client *Client
	intake *Intake
	cfg    PollerConfig
	log    *slog.Logger
}

// NewPoller returns a Poller fetching through c and handing updates to in.
func NewPoller(c *Client, in *Intake, cfg PollerConfig) *Poller {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultPollTimeout
	}
	cfg.Timeout = min(cfg.Timeout, maxPollTimeout)
	if c.httpTimeout > 0 && cfg.Timeout > c.httpTimeout-5*time.Second {
		t := max(c.httpTimeout-5*time.Second, time.Second)
		log.Warn("poll timeout lowered below the HTTP client timeout", "poll_timeout", cfg.Timeout, "new_poll_timeout", t, "http_timeout", c.httpTimeout)
		cfg.Timeout = t
	}
	if cfg.Limit <= 0 || cfg.Limit > 100 {
		cfg.Limit = DefaultPollLimit
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = max(DefaultMaxBackoff, cfg.MinBackoff)
	}
	if cfg.Recheck <= 0 {
		cfg.Recheck = DefaultRecheck
	}
	if cfg.MaxPending <= 0 {
		cfg.MaxPending = DefaultMaxPending
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	return &Poller{client: c, intake: in, cfg: cfg, log: log}
}

// Poll deletes any webhook, then fetches and handles updates until ctx
// ends, when it stops fetching, lets the updates in hand finish (within
// Grace) and returns nil. It returns an error only when the token is
// rejected (401). Updates handled but not yet confirmed at exit come again
// after a restart; the Handler's claim drops them.
//
// Each chat's updates are handled in order, different chats' in parallel,
// and Poll keeps fetching meanwhile, so a slow chat holds up only itself.
// The offset it sends is the oldest update not yet handled, so Telegram
// keeps that update and every later one; updates it returns again are not
// handled again. While the oldest update runs, a new update is fetched
// within Recheck, unless Limit updates already wait behind the oldest.
func (p *Poller) Poll(ctx context.Context) error {
	// Handling gets a context that ends only Grace after polling stops, so
	// updates in hand are not cut off halfway.
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	q := newQueues(p.intake)
	defer func() {
		grace := time.AfterFunc(p.cfg.Grace, cancel)
		defer grace.Stop()
		q.wait()
		if id, err := q.failure(); err != nil {
			p.log.Warn("updates left unhandled at exit come again after a restart", "update_id", id, "err", err)
		}
	}()

	// getUpdates failures and handling failures (Redis down) back off
	// apart: each resets only on its own kind of progress.
	fetchWait := backoff{min: p.cfg.MinBackoff, max: p.cfg.MaxBackoff}
	handleWait := fetchWait

	for {
		err := p.client.DeleteWebhook(ctx)
		if err == nil {
			break
		}
		if done, fatal := p.backOff(ctx, err, "delete webhook", fetchWait.next); done {
			return fatal
		}
	}
	fetchWait.reset()

	var last int64 // the highest update id fetched and dispatched
	for ctx.Err() == nil {
		if q.progressed() {
			handleWait.reset()
		}
		if id, err := q.failure(); err != nil {
			d := handleWait.next()
			p.log.Error("handle update; fetching it again", "update_id", id, "backoff", d, "err", err)
			if p.cfg.Sleep(ctx, d) != nil {
				break
			}
			continue
		}
		if q.full(p.cfg.MaxPending) {
			q.await(ctx, 0, func() bool { return !q.fullLocked(p.cfg.MaxPending) })
			continue
		}
		offset, busy := q.offset(last)
		timeout := p.cfg.Timeout
		if busy {
			// Telegram answers at once anyway: it still has the updates in
			// hand.
			timeout = 0
		}
		upds, top, err := p.getUpdates(ctx, offset, timeout)
		if err != nil {
			if done, fatal := p.backOff(ctx, err, "get updates", fetchWait.next); done {
				return fatal
			}
			continue
		}
		fetchWait.reset()
		if !q.dispatch(hctx, offset, top, upds) {
			continue // an update failed meanwhile: back off, then fetch again
		}
		last = max(last, top)
		if offset, busy := q.offset(last); busy {
			// Fetching again brings something new only once the oldest
			// update in hand is done, or when other chats wrote meanwhile.
			q.await(ctx, p.cfg.Recheck, func() bool {
				o, _ := q.offsetLocked(last)
				return o != offset
			})
		}
	}
	return nil
}

// backoff is a wait that doubles from min to max on each step until reset.
type backoff struct{ min, max, cur time.Duration }

func (b *backoff) next() time.Duration {
	d := max(b.cur, b.min)
	b.cur = min(d*2, b.max)
	return d
}

func (b *backoff) reset() { b.cur = b.min }

// queues hands fetched updates to Intake.process: an update joins its
// chat's queue, and one goroutine per chat with work drains that queue in
// order and exits when it is empty, so a slow chat holds up only itself.
// It tracks the updates pending (queued or running), those handled but
// maybe returned by getUpdates again, and those that failed and must be
// fetched again, which together give the offset the poller may confirm.
type queues struct {
	in   *Intake
	wake chan struct{} // capacity 1: an update finished or failed
	wg   sync.WaitGroup

	mu      sync.Mutex
	chats   map[int64][]update // updates waiting, by chat; a key exists while its goroutine runs
	pending map[int64]bool     // update ids queued or running
	done    map[int64]bool     // update ids handled, not below the last offset sent
	lost    map[int64]bool     // update ids that failed or were dropped behind one: fetch again
	failed  *failure           // the lowest failure the poll loop was not told about
	handled bool               // an update was handled since the poll loop last asked
}

type failure struct {
	id  int64
	err error
}

func newQueues(in *Intake) *queues {
	return &queues{
		in:      in,
		wake:    make(chan struct{}, 1),
		chats:   map[int64][]update{},
		pending: map[int64]bool{},
		done:    map[int64]bool{},
		lost:    map[int64]bool{},
	}
}

// dispatch queues the updates of a getUpdates call sent with offset whose
// highest update id was top, skipping those pending or handled. When an
// update failed since the poll loop last asked (see failure), it dispatches
// nothing and returns false: the loop backs off before the failed update
// is tried again.
func (q *queues) dispatch(ctx context.Context, offset, top int64, upds []update) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.failed != nil {
		return false
	}
	if offset > 0 {
		for id := range q.done {
			if id < offset { // Telegram has forgotten it
				delete(q.done, id)
			}
		}
	}
	// The fetch started at or below every lost update, so it returned
	// those up to top, unless Telegram no longer has them.
	for id := range q.lost {
		if id <= top {
			delete(q.lost, id)
		}
	}
	for _, u := range upds {
		id := int64(u.UpdateID)
		if q.pending[id] || q.done[id] {
			continue
		}
		ev, _ := eventFromUpdate(u) // updates of no use share chat 0; process drops them
		q.pending[id] = true
		queue, running := q.chats[ev.ChatID]
		q.chats[ev.ChatID] = append(queue, u)
		if !running {
			q.wg.Go(func() { q.drain(ctx, ev.ChatID) })
		}
	}
	return true
}

// drain handles a chat's queue in order until it is empty. When an update
// fails, the rest of the queue is dropped: it and they must be fetched
// again and handled in order.
func (q *queues) drain(ctx context.Context, chat int64) {
	for {
		q.mu.Lock()
		queue := q.chats[chat]
		if len(queue) == 0 {
			delete(q.chats, chat)
			q.mu.Unlock()
			return
		}
		u := queue[0]
		queue[0] = update{}
		q.chats[chat] = queue[1:]
		q.mu.Unlock()

		err := q.in.process(ctx, u)

		id := int64(u.UpdateID)
		q.mu.Lock()
		delete(q.pending, id)
		if err == nil {
			q.done[id] = true
			q.handled = true
		} else {
			q.lost[id] = true
			for _, r := range q.chats[chat] {
				delete(q.pending, int64(r.UpdateID))
				q.lost[int64(r.UpdateID)] = true
			}
			delete(q.chats, chat)
			if q.failed == nil || id < q.failed.id {
				q.failed = &failure{id: id, err: err}
			}
		}
		q.mu.Unlock()
		select {
		case q.wake <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

// offset is the offset for the next getUpdates: the lowest update id
// pending or lost, else one past last, the highest id fetched (0 when
// nothing was). busy says some update is pending or lost.
func (q *queues) offset(last int64) (offset int64, busy bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.offsetLocked(last)
}

func (q *queues) offsetLocked(last int64) (offset int64, busy bool) {
	for _, ids := range []map[int64]bool{q.pending, q.lost} {
		for id := range ids {
			if !busy || id < offset {
				offset, busy = id, true
			}
		}
	}
	if busy || last == 0 {
		return offset, busy
	}
	return last + 1, false
}

// failure returns and forgets the lowest update id that failed since the
// last call, and why; err is nil when none did.
func (q *queues) failure() (id int64, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	f := q.failed
	q.failed = nil
	if f == nil {
		return 0, nil
	}
	return f.id, f.err
}

// progressed says whether an update was handled since the last call.
func (q *queues) progressed() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	h := q.handled
	q.handled = false
	return h
}

func (q *queues) full(limit int) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.fullLocked(limit)
}

func (q *queues) fullLocked(limit int) bool { return len(q.pending) >= limit }

// await waits until ready (called with q.mu held after each update
// finishes) holds, an update fails, d passes (0: no limit) or ctx ends.
func (q *queues) await(ctx context.Context, d time.Duration, ready func() bool) {
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	for {
		q.mu.Lock()
		ok := q.failed != nil || ready()
		q.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-q.wake:
		case <-timeout:
			return
		case <-ctx.Done():
			return
		}
	}
}

// wait waits for every chat's goroutine to end.
func (q *queues) wait() { q.wg.Wait() }

// backOff waits as a failed Bot API call asks: retry_after for a 429, the
// next backoff step otherwise. done says polling must end: ctx ended (fatal
// is nil) or the token was rejected (fatal says so).
func (p *Poller) backOff(ctx context.Context, err error, what string, next func() time.Duration) (done bool, fatal error) {
	ae := classify(ctx, err)
	var d time.Duration
	switch ae.outcome {
	case outcomeCanceled:
		return true, nil
	case outcomeUnauthorized:
		return true, fmt.Errorf("poll: %w", err)
	case outcomeRetryAfter:
		d = ae.retryAfter
		p.log.Warn(what+": rate limited", "retry_after", d.Seconds())
	case outcomeConflict:
		d = next()
		p.log.Error(what+": conflict: another instance is polling with this token, or a webhook is set",
			"code", ae.code, "backoff", d, "err", err)
	default:
		d = next()
		p.log.Warn(what, "code", ae.code, "backoff", d, "err", err)
	}
	return p.cfg.Sleep(ctx, d) != nil, nil
}

// getUpdates fetches updates from offset, waiting up to timeout for one
// to arrive. last is the highest update id
// fetched, also of updates that could not be decoded (they are skipped, not
// refetched forever), or 0 when there were none.
func (p *Poller) getUpdates(ctx context.Context, offset int64, timeout time.Duration) (upds []update, last int64, err error) {
	kinds, err := json.Marshal(allowedUpdates)
	if err != nil {
		return nil, 0, fmt.Errorf("get updates: %w", err)
	}
	params := tgbotapi.Params{
		"limit":           strconv.Itoa(p.cfg.Limit),
		"timeout":         strconv.Itoa(int(timeout / time.Second)),
		"allowed_updates": string(kinds),
	}
	if offset != 0 {
		params["offset"] = strconv.FormatInt(offset, 10)
	}
	upds, res, err := p.client.fetchUpdates(ctx, params)
	if err != nil {
		return nil, 0, err
	}
	if res == nil {
		for _, u := range upds {
			last = max(last, int64(u.UpdateID))
		}
		return upds, last, nil
	}
	// An update did not decode: decode them one at a time, so the bad one is
	// skipped rather than refetched forever.
	var raws []json.RawMessage
	if err := json.Unmarshal(res, &raws); err != nil {
		return nil, 0, fmt.Errorf("get updates: decode result: %w", err)
	}
	for _, raw := range raws {
		var id struct {
			UpdateID int64 `json:"update_id"`
		}
		if err := json.Unmarshal(raw, &id); err != nil {
			p.log.Warn("skip update without id", "err", err)
			continue
		}
		last = max(last, id.UpdateID)
		var u update
		if err := json.Unmarshal(raw, &u); err != nil {
			p.log.Warn("skip update that does not decode", "update_id", id.UpdateID, "err", err)
			continue
		}
		upds = append(upds, u)
	}
	return upds, last, nil
}
