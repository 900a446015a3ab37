package main

import (
	"context"
	"log/slog"

	"ikmbot/bot"
	"ikmbot/handlers"
	"ikmbot/reminders"
	"ikmbot/storage"
)

// outboxWorkers send reminders in parallel; SEND_RATE still bounds them.
const outboxWorkers = 4

// tickResult is what a tick asked for through Config.ticks did.
type tickResult struct {
	Report reminders.TickReport
	Err    error
}

// startReminders runs the reminder engine with every kind of due item the
// bot schedules, ticking every minute (and on Config.ticks); the returned
// func stops it and waits for a running tick.
func startReminders(ctx context.Context, cfg Config, store *storage.Store, out *bot.Outbox, router *handlers.Router, logger *slog.Logger) (stop func()) {
	engine := reminders.New(reminders.Config{
		Store: store, Deliver: out, Logger: logger, Location: cfg.Location, Now: cfg.Now,
		QuietStart: cfg.QuietStart, QuietEnd: cfg.QuietEnd,
	})
	engine.Handle(handlers.DueClassReminder, reminders.HandlerFunc(router.FireClassReminder))
	engine.Handle(handlers.DueClassEnd, reminders.HandlerFunc(router.FireClassEnd))
	engine.Handle(handlers.DueNudge, reminders.HandlerFunc(router.FireNudge))
	engine.Handle(handlers.DueCertExpiry, reminders.HandlerFunc(router.FireCertExpiry))
	engine.Handle(handlers.DueCertProcess, reminders.HandlerFunc(router.FireCertProcess))
	engine.Handle(handlers.DueBroadcast, reminders.HandlerFunc(router.FireBroadcast))
	engine.Handle(handlers.DueLeadClose, reminders.HandlerFunc(router.FireLeadClose))
	engine.Handle(handlers.DueStatsRepair, reminders.HandlerFunc(router.FireStatsRepair))
	engine.Handle(handlers.DueMentorFollowUp, reminders.HandlerFunc(router.FireMentorFollowUp))
	engine.Handle(handlers.DueMentorPrompt, reminders.HandlerFunc(router.FireMentorPrompt))
	engine.Handle(handlers.DueMentorDigest, reminders.HandlerFunc(router.FireMentorDigest))
	engine.Handle(handlers.DueMentorEscalation, reminders.HandlerFunc(router.FireMentorEscalation))
	engine.Handle(handlers.DueMentorAssigned, reminders.HandlerFunc(router.FireMentorAssigned))
	stopCron := engine.Start(ctx)
	if cfg.ticks == nil {
		return stopCron
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case reply := <-cfg.ticks:
				rep, err := engine.Tick(ctx)
				reply <- tickResult{rep, err}
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() {
		stopCron()
		<-done
	}
}
