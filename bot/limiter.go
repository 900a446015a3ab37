package bot

import (
	"context"
	"sync"
	"time"
)

// Limiter is the global send rate shared by both lanes. Wait blocks until a
// message may go out; a bulk caller must also wait while any reply caller
// is waiting, so replies always go first. It returns ctx's error when ctx
// ends first. TokenBucket is the in-process implementation; a Redis-backed
// one can share the rate across replicas.
type Limiter interface {
	Wait(ctx context.Context, bulk bool) error
}

// TokenBucket is an in-process Limiter: rate tokens a second, up to burst
// saved up, and bulk callers yield to reply callers.
type TokenBucket struct {
	rate  float64 // tokens per second
	burst float64

	mu      sync.Mutex
	tokens  float64
	last    time.Time
	replies int           // reply callers waiting
	changed chan struct{} // closed and replaced when a reply caller leaves
}

// NewTokenBucket returns a limiter of rate messages a second with the given
// burst (at least 1). A rate of zero or less means no limit.
func NewTokenBucket(rate float64, burst int) *TokenBucket {
	if burst < 1 {
		burst = 1
	}
	return &TokenBucket{
		rate:    rate,
		burst:   float64(burst),
		tokens:  float64(burst),
		last:    time.Now(),
		changed: make(chan struct{}),
	}
}

// Wait takes a token, waiting for one as long as needed. See Limiter.
func (b *TokenBucket) Wait(ctx context.Context, bulk bool) error {
	if b.rate <= 0 {
		return ctx.Err()
	}
	b.mu.Lock()
	if !bulk {
		b.replies++
		defer func() {
			b.mu.Lock()
			b.replies--
			close(b.changed)
			b.changed = make(chan struct{})
			b.mu.Unlock()
		}()
	}
	for {
		now := time.Now()
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
		b.last = now
		blocked := bulk && b.replies > 0
		if b.tokens >= 1 && !blocked {
			b.tokens--
			b.mu.Unlock()
			return nil
		}
		changed := b.changed
		var timer *time.Timer
		var refilled <-chan time.Time
		if b.tokens < 1 {
			timer = time.NewTimer(time.Duration((1 - b.tokens) / b.rate * float64(time.Second)))
			refilled = timer.C
		}
		b.mu.Unlock()
		// A bulk caller blocked by replies wakes when one leaves; anyone
		// short of a token wakes when one should have refilled.
		var err error
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-refilled:
		case <-changed:
		}
		if timer != nil {
			timer.Stop()
		}
		if err != nil {
			return err
		}
		b.mu.Lock()
	}
}
