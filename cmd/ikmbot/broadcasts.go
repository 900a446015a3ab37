package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"ikmbot"
	"ikmbot/bot"
	"ikmbot/handlers"
	"ikmbot/storage"
)

// progressEvery is how often a running broadcast's progress message is
// edited: often enough to watch, far below Telegram's limits on edits.
const progressEvery = 5 * time.Second

// broadcaster runs broadcasts in the background for the handlers, each
// reporting to the staff member who started it through one message edited
// in place. Broadcasts left sending by an earlier process are resumed at
// start-up, reporting to their author.
type broadcaster struct {
	ctx    context.Context
	store  *storage.Store
	sender *bot.Sender
	log    *slog.Logger
	rate   float64 // SEND_RATE, for the estimate of time left
	wg     sync.WaitGroup
	mu     sync.Mutex
	active map[string]bool // running here, so a second Start is a no-op
}

func newBroadcaster(ctx context.Context, store *storage.Store, sender *bot.Sender, rate float64, log *slog.Logger) *broadcaster {
	return &broadcaster{ctx: ctx, store: store, sender: sender, rate: rate, log: log, active: map[string]bool{}}
}

// Start runs broadcast id in the background; staffChat sees its progress.
func (b *broadcaster) Start(id string, staffChat int64, lang string) {
	b.mu.Lock()
	if b.active[id] {
		b.mu.Unlock()
		return
	}
	b.active[id] = true
	b.mu.Unlock()
	b.wg.Go(func() {
		defer func() {
			b.mu.Lock()
			delete(b.active, id)
			b.mu.Unlock()
		}()
		b.run(id, staffChat, lang)
	})
}

func (b *broadcaster) run(id string, staffChat int64, lang string) {
	ctx := b.ctx
	progressID := 0
	report := func(bc ikmbot.Broadcast) {
		if staffChat == 0 {
			return
		}
		m := handlers.BroadcastProgress(lang, staffChat, bc, b.rate)
		m.EditMessageID = progressID
		sent, err := b.sender.Send(context.WithoutCancel(ctx), m)
		if err != nil {
			b.log.Warn("broadcast progress", "broadcast", id, "err", err)
			return
		}
		progressID = sent
	}
	if bc, err := b.store.Broadcast(ctx, id); err == nil {
		report(bc)
	}
	runner := bot.NewBroadcastRunner(b.store, b.sender, 0, b.log).WithProgress(report, progressEvery)
	final, err := runner.Run(ctx, id)
	if err != nil {
		b.log.Error("broadcast", "broadcast", id, "err", err)
		return
	}
	b.log.Info("broadcast run ended", "broadcast", id, "status", final.Status, "sent", final.Sent,
		"blocked", final.Blocked, "failed", final.Failed, "left", final.Left())
}

// resume starts every broadcast an earlier process left sending,
// reporting to its author in Indonesian (their language is not stored
// with the broadcast).
func (b *broadcaster) resume(ctx context.Context) {
	ids, err := b.store.ActiveBroadcasts(ctx)
	if err != nil {
		b.log.Error("list broadcasts to resume", "err", err)
		return
	}
	for _, id := range ids {
		bc, err := b.store.Broadcast(ctx, id)
		if err != nil || bc.Status != ikmbot.BroadcastSending {
			continue
		}
		lang := "id"
		if u, _, err := b.store.LoadUser(ctx, bc.CreatedBy); err == nil {
			lang = u.Lang()
		}
		b.Start(id, bc.CreatedBy, lang)
	}
}

// wait returns when every broadcast running here stopped (after ctx ends).
func (b *broadcaster) wait() { b.wg.Wait() }
