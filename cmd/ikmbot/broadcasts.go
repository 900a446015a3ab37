package main

import (
	"context"
	"log/slog"
	"sync"

	"ikmbot/bot"
	"ikmbot/storage"
)

// resumeBroadcasts runs, in the background, every broadcast a previous
// process left sending: after a crash or a deploy the job continues where
// it stopped. The returned func waits for them to stop after ctx ends.
func resumeBroadcasts(ctx context.Context, store *storage.Store, sender *bot.Sender, logger *slog.Logger) (wait func()) {
	var wg sync.WaitGroup
	ids, err := store.ActiveBroadcasts(ctx)
	if err != nil {
		logger.Error("list broadcasts to resume", "err", err)
		return wg.Wait
	}
	runner := bot.NewBroadcastRunner(store, sender, 0, logger)
	for _, id := range ids {
		wg.Go(func() {
			b, err := runner.Run(ctx, id)
			if err != nil {
				logger.Error("resume broadcast", "broadcast", id, "err", err)
				return
			}
			logger.Info("broadcast run ended", "broadcast", id, "status", b.Status, "sent", b.Sent, "blocked", b.Blocked, "failed", b.Failed, "left", b.Left())
		})
	}
	return wg.Wait
}
