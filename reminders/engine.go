package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"ikmbot"
)

// Store is what the engine needs of storage; *storage.Store satisfies it.
type Store interface {
	// DueItems returns up to limit items due at now, oldest first, after
	// skipping offset of them; each item's At is its stored time. A page
	// may be short while more are due (unreadable items were dropped).
	// Errors are Redis failures.
	DueItems(ctx context.Context, now time.Time, offset, limit int) ([]ikmbot.Due, error)
	// ClaimDue reports whether this is the first claim of d's Key: only
	// the first claimant sends. Errors are Redis failures.
	ClaimDue(ctx context.Context, d ikmbot.Due) (bool, error)
	// DoneDue removes d unless it was rescheduled since it was read.
	// Errors are Redis failures.
	DoneDue(ctx context.Context, d ikmbot.Due) error
	// MoveDue makes d due at at instead, unless it was rescheduled since
	// it was read. Errors are Redis failures.
	MoveDue(ctx context.Context, d ikmbot.Due, at time.Time) error
	// Lock takes the lock name for ttl and reports whether it got it.
	// Errors are Redis failures.
	Lock(ctx context.Context, name string, ttl time.Duration) (bool, error)
}

// Deliverer takes messages to send on the bulk lane; the bot's sender
// satisfies it. It must not block for long: it queues.
type Deliverer interface {
	Deliver(ctx context.Context, msgs []ikmbot.Message)
}

// Handler turns a due item of its kind into messages. No messages and no
// error drops the item (the class was cancelled, the nudge is obsolete). An
// error leaves the item for the next tick, until its Until passes.
type Handler interface {
	Fire(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error)
}

// HandlerFunc is a function that is a Handler.
type HandlerFunc func(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error)

// Fire calls f.
func (f HandlerFunc) Fire(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	return f(ctx, d, now)
}

// Config is what New needs; zero fields take the defaults given.
type Config struct {
	// Store reads and settles the due items. Required.
	Store Store
	// Deliver takes the messages. Required.
	Deliver Deliverer
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Location is BOT_TIMEZONE, in which quiet hours and the cron schedule
	// are read; default WIB (UTC+7, which has no daylight saving).
	Location *time.Location
	// Now is the clock; default time.Now. Tests move it.
	Now func() time.Time
	// QuietStart and QuietEnd are the hours (0-23, in Location) between
	// which bulk messages wait: from QuietStart:00 to QuietEnd:00. Both
	// zero means 21 and 7; equal values mean no quiet hours.
	QuietStart, QuietEnd int
	// Batch is how many items one round trip reads; default 500. Memory
	// of a tick grows with it, not with how many items are due.
	Batch int
}

// Engine sends what is due. It is safe for concurrent use; several
// engines, in one process or on several replicas, may share one Redis.
type Engine struct {
	store      Store
	deliver    Deliverer
	log        *slog.Logger
	loc        *time.Location
	now        func() time.Time
	quietStart int
	quietEnd   int
	batch      int

	mu       sync.RWMutex
	handlers map[string]Handler
}

// New returns an Engine with cfg's defaults filled in. It panics when Store
// or Deliver is missing or a quiet hour is not in 0-23: wiring mistakes.
func New(cfg Config) *Engine {
	if cfg.Store == nil || cfg.Deliver == nil {
		panic("reminders: New without Store or Deliver")
	}
	if cfg.QuietStart == 0 && cfg.QuietEnd == 0 {
		cfg.QuietStart, cfg.QuietEnd = 21, 7
	}
	if cfg.QuietStart < 0 || cfg.QuietStart > 23 || cfg.QuietEnd < 0 || cfg.QuietEnd > 23 {
		panic(fmt.Sprintf("reminders: quiet hours %d-%d not in 0-23", cfg.QuietStart, cfg.QuietEnd))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Location == nil {
		cfg.Location = time.FixedZone("WIB", 7*3600)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 500
	}
	return &Engine{
		store:      cfg.Store,
		deliver:    cfg.Deliver,
		log:        cfg.Logger,
		loc:        cfg.Location,
		now:        cfg.Now,
		quietStart: cfg.QuietStart,
		quietEnd:   cfg.QuietEnd,
		batch:      cfg.Batch,
		handlers:   make(map[string]Handler),
	}
}

// Handle makes h the handler of the items of kind, replacing any earlier
// one. Items of a kind without a handler wait (and are logged each tick).
// A Key is sent at most once (within storage's sent-marker lifetime), so a
// kind that repeats, such as a weekly follow-up, gives each occurrence its
// own ID.
func (e *Engine) Handle(kind string, h Handler) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.handlers[kind] = h
}

// handler returns kind's handler, nil when there is none.
func (e *Engine) handler(kind string) Handler {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.handlers[kind]
}
