package bot

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"ikmbot"
)

// DefaultOutboxSize is how many bulk messages may wait in an Outbox: twice
// the planned peak of reminders due in one minute (2,000). The buffer is live
// heap, which GOGC multiplies, so it is not made larger than that; a fuller
// queue makes the reminder tick wait, which is harmless.
const DefaultOutboxSize = 4096

// Outbox sends bulk messages (reminders) in the background, so the reminder
// engine hands them over in milliseconds while sending takes as long as
// SEND_RATE allows. Messages go through the Sender's bulk lane, behind
// replies to users. One chat's messages keep their order: each chat always
// goes to the same worker.
//
// Messages still queued when the process stops are lost; the reminder
// engine marks an item sent before handing it over (at most once), so a
// crash costs a reminder, never a duplicate.
type Outbox struct {
	sender  *Sender
	log     *slog.Logger
	lanes   []chan ikmbot.Message
	wg      sync.WaitGroup
	pending atomic.Int64
	sent    atomic.Int64
	failed  atomic.Int64
}

// NewOutbox starts workers sending through sender; size bounds the queue
// (DefaultOutboxSize when 0). Stop it with Close.
func NewOutbox(sender *Sender, workers, size int, log *slog.Logger) *Outbox {
	if workers < 1 {
		workers = 4
	}
	if size < 1 {
		size = DefaultOutboxSize
	}
	if log == nil {
		log = slog.Default()
	}
	o := &Outbox{sender: sender, log: log, lanes: make([]chan ikmbot.Message, workers)}
	for i := range o.lanes {
		o.lanes[i] = make(chan ikmbot.Message, max(1, size/workers))
		o.wg.Add(1)
		go o.work(o.lanes[i])
	}
	return o
}

// Deliver queues msgs, each marked bulk. It waits while the queue is full,
// until ctx ends; messages not queued by then are dropped and logged.
func (o *Outbox) Deliver(ctx context.Context, msgs []ikmbot.Message) {
	for i, m := range msgs {
		m.Bulk = true
		lane := o.lanes[uint64(m.ChatID)%uint64(len(o.lanes))]
		o.pending.Add(1)
		select {
		case lane <- m:
		case <-ctx.Done():
			o.pending.Add(-1)
			o.failed.Add(int64(len(msgs) - i))
			o.log.Warn("outbox full: bulk messages dropped", "dropped", len(msgs)-i, "err", ctx.Err())
			return
		}
	}
}

func (o *Outbox) work(lane <-chan ikmbot.Message) {
	defer o.wg.Done()
	for m := range lane {
		// The background context: a message handed over is sent even while
		// the process is stopping, within Close's grace.
		_, err := o.sender.Send(context.Background(), m)
		o.pending.Add(-1)
		switch {
		case err == nil:
			o.sent.Add(1)
		case isUnreachable(err):
			// Marked by the Sender.
			o.log.Info("bulk: chat unreachable", "chat_id", m.ChatID)
		default:
			o.failed.Add(1)
			o.log.Warn("bulk send", "chat_id", m.ChatID, "err", err)
		}
	}
}

// Pending is how many handed-over messages are not sent yet.
func (o *Outbox) Pending() int64 { return o.pending.Load() }

// Counts returns the messages sent and finally failed so far, for /metrics.
func (o *Outbox) Counts() (sent, failed int64) { return o.sent.Load(), o.failed.Load() }

// Close stops taking messages and waits up to grace for the queue to be
// sent; what is left after that is dropped with the process. Deliver must
// not be called after Close.
func (o *Outbox) Close(grace time.Duration) {
	for _, l := range o.lanes {
		close(l)
	}
	done := make(chan struct{})
	go func() {
		o.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(grace):
		o.log.Warn("outbox closed with messages unsent", "pending", o.pending.Load())
	}
}
