package reminders

import (
	"context"
	"log/slog"
	"sync"

	"github.com/robfig/cron/v3"
)

// Start runs Tick at the start of every minute until stop is called or ctx
// ends, and returns stop, which waits for a running tick to end. A tick's
// report is logged at debug, or info when something was sent; its error at
// error. A tick still running when the next minute comes makes that
// minute's tick skip (the next one catches up), and a panic is recovered
// and logged: cron does neither by default.
func (e *Engine) Start(ctx context.Context) (stop func()) {
	l := cronLogger{e.log}
	c := cron.New(
		cron.WithLocation(e.loc),
		cron.WithLogger(l),
		cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)),
	)
	// The spec is fixed and valid, so AddFunc cannot fail.
	c.AddFunc("* * * * *", func() { e.runTick(ctx) })
	c.Start()

	stopped := make(chan struct{})
	var once sync.Once
	stop = func() {
		once.Do(func() {
			<-c.Stop().Done()
			close(stopped)
		})
	}
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-stopped:
		}
	}()
	return stop
}

// runTick is one cron firing: Tick, and the one log line about it.
func (e *Engine) runTick(ctx context.Context) {
	rep, err := e.Tick(ctx)
	args := []any{
		"skipped", rep.Skipped, "found", rep.Found, "sent", rep.Sent, "messages", rep.Messages,
		"expired", rep.Expired, "deferred", rep.Deferred, "dropped", rep.Dropped, "failed", rep.Failed,
	}
	switch {
	case err != nil:
		e.log.ErrorContext(ctx, "reminder tick failed", append(args, "err", err)...)
	case rep.Sent > 0:
		e.log.InfoContext(ctx, "reminder tick", args...)
	default:
		e.log.DebugContext(ctx, "reminder tick", args...)
	}
}

// cronLogger is cron.Logger on slog: cron's routine chatter (schedule,
// wake, skip) at debug, its errors (a recovered panic) at error.
type cronLogger struct{ log *slog.Logger }

// Info logs cron's routine messages at debug.
func (l cronLogger) Info(msg string, keysAndValues ...any) {
	l.log.Debug("cron: "+msg, keysAndValues...)
}

// Error logs cron's errors at error.
func (l cronLogger) Error(err error, msg string, keysAndValues ...any) {
	l.log.Error("cron: "+msg, append([]any{"err", err}, keysAndValues...)...)
}
