package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"ikmbot"
)

// BroadcastStore is what a BroadcastRunner needs of storage: a broadcast's
// recipients handed out in batches and settled one by one, so the process
// never holds them all and a crash loses none.
type BroadcastStore interface {
	// Broadcast loads a broadcast with its counts; ENotFound for none.
	Broadcast(ctx context.Context, id string) (ikmbot.Broadcast, error)
	// ClaimRecipients hands out up to n recipients not handed out before;
	// none when the broadcast is not sending or all were handed out.
	ClaimRecipients(ctx context.Context, id string, n int) ([]int64, error)
	// InFlight returns those handed out and not settled.
	InFlight(ctx context.Context, id string) ([]int64, error)
	// SettleRecipient records one recipient's outcome, once.
	SettleRecipient(ctx context.Context, id string, owner int64, o ikmbot.Outcome) error
	// Languages returns the language each of owners chose, by owner;
	// those who chose none are left out.
	Languages(ctx context.Context, owners []int64) (map[int64]string, error)
}

// DefaultBroadcastConcurrency is how many recipients of a broadcast are in
// flight at once: enough to keep SEND_RATE busy across the network's
// latency; it is also the most recipients a crash can make receive the
// message twice.
const DefaultBroadcastConcurrency = 8

// BroadcastRunner sends broadcasts through the Sender's bulk lane, so
// replies to users go first and SEND_RATE, 429s and retries are the
// Sender's.
type BroadcastRunner struct {
	store       BroadcastStore
	sender      *Sender
	concurrency int
	log         *slog.Logger
	// progress, when set, is told the counts every progressEvery while a
	// run goes on, and once at its end.
	progress      func(ikmbot.Broadcast)
	progressEvery time.Duration
}

// WithProgress makes the runner report the counts to fn at most every
// interval while sending, and once when a run ends: staff watch one
// message updated in place.
func (r *BroadcastRunner) WithProgress(fn func(ikmbot.Broadcast), every time.Duration) *BroadcastRunner {
	r.progress, r.progressEvery = fn, every
	return r
}

// NewBroadcastRunner returns a runner; concurrency 0 means
// DefaultBroadcastConcurrency.
func NewBroadcastRunner(store BroadcastStore, sender *Sender, concurrency int, log *slog.Logger) *BroadcastRunner {
	if concurrency < 1 {
		concurrency = DefaultBroadcastConcurrency
	}
	if log == nil {
		log = slog.Default()
	}
	return &BroadcastRunner{store: store, sender: sender, concurrency: concurrency, log: log}
}

// Run sends broadcast id to its recipients not yet settled, starting with
// those a crash left in flight, until none is left, the broadcast stops
// sending (paused, cancelled) or ctx ends, and returns its counts. A
// recipient whose send was cut short by ctx stays in flight, to be sent
// again by the next Run. Errors are storage failures.
func (r *BroadcastRunner) Run(ctx context.Context, id string) (ikmbot.Broadcast, error) {
	left, err := r.store.InFlight(ctx, id)
	if err != nil {
		return ikmbot.Broadcast{}, fmt.Errorf("run broadcast %s: %w", id, err)
	}
	b, err := r.store.Broadcast(ctx, id)
	if err != nil {
		return b, fmt.Errorf("run broadcast %s: %w", id, err)
	}
	if b.Status != ikmbot.BroadcastSending {
		return b, nil
	}
	last := time.Now()
	for {
		if err := r.sendAll(ctx, b, left); err != nil {
			return b, fmt.Errorf("run broadcast %s: %w", id, err)
		}
		if ctx.Err() != nil {
			break
		}
		if r.progress != nil && time.Since(last) >= r.progressEvery {
			if now, err := r.store.Broadcast(ctx, id); err == nil {
				r.progress(now)
			}
			last = time.Now()
		}
		if left, err = r.store.ClaimRecipients(ctx, id, r.concurrency); err != nil {
			return b, fmt.Errorf("run broadcast %s: %w", id, err)
		}
		if len(left) == 0 {
			break
		}
	}
	final, err := r.store.Broadcast(context.WithoutCancel(ctx), id)
	if err == nil && r.progress != nil {
		r.progress(final)
	}
	return final, err
}

// sendAll sends b's message to owners in parallel, each in their
// language when b has it, and settles each.
func (r *BroadcastRunner) sendAll(ctx context.Context, b ikmbot.Broadcast, owners []int64) error {
	var langs map[int64]string
	if len(b.Translations) > 0 && len(owners) > 0 {
		var err error
		if langs, err = r.store.Languages(ctx, owners); err != nil {
			// The default language reaches them all the same.
			r.log.Warn("broadcast languages", "broadcast", b.ID, "err", err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, len(owners))
	for i, owner := range owners {
		wg.Go(func() {
			m := b.Message
			if t, ok := b.Translations[langs[owner]]; ok {
				m = t
			}
			m.ChatID, m.Bulk = owner, true
			_, err := r.sender.Send(ctx, m)
			o := ikmbot.OutcomeSent
			switch {
			case err == nil:
			case ctx.Err() != nil && errors.Is(err, ctx.Err()):
				return // cut short: stays in flight for the next run
			case isUnreachable(err):
				o = ikmbot.OutcomeBlocked // marked by the Sender
			default:
				o = ikmbot.OutcomeFailed
				r.log.Warn("broadcast send", "broadcast", b.ID, "chat_id", owner, "err", err)
			}
			// Settled even while stopping: the message went out.
			errs[i] = r.store.SettleRecipient(context.WithoutCancel(ctx), b.ID, owner, o)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
