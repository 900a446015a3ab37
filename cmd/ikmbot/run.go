package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
	"ikmbot/bot"
	"ikmbot/handlers"
	"ikmbot/storage"
)

// shutdownGrace bounds how long in-flight updates may take after a signal.
const shutdownGrace = 10 * time.Second

// Run starts the bot with cfg and serves until ctx ends. Start-up failures
// (Redis unreachable, token rejected) come back as one clear error.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) error {
	return run(ctx, cfg, logger, nil)
}

// run is Run with an optional listener already bound, which tests use to
// learn the HTTP address.
func run(ctx context.Context, cfg Config, logger *slog.Logger, ln net.Listener) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return fmt.Errorf("REDIS_URL: %w", err)
	}
	rdb := redis.NewClient(opts)
	defer rdb.Close()
	redisCount := storage.CountRoundTrips(rdb)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	store := storage.New(rdb, storage.WithLogger(logger), storage.WithNow(cfg.Now))
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	err = store.Ping(pingCtx)
	cancel()
	if err != nil {
		return fmt.Errorf("REDIS_URL: cannot reach Redis at %s: %v", redactURL(cfg.RedisURL), err)
	}
	if err := store.EnsureSchema(ctx); err != nil {
		return fmt.Errorf("redis schema: %w", err)
	}
	for _, id := range cfg.AdminIDs {
		if err := store.SetRole(ctx, id, ikmbot.RoleAdmin); err != nil {
			return fmt.Errorf("bootstrap admin %d: %w", id, err)
		}
	}

	client, err := bot.NewClient(cfg.Token, cfg.APIEndpoint, nil)
	switch {
	case errors.Is(err, bot.ErrUnauthorized):
		return errors.New("TELEGRAM_BOT_TOKEN: Telegram rejected the token; copy it again from @BotFather")
	case err != nil:
		return fmt.Errorf("TELEGRAM_API_ENDPOINT: cannot reach the Telegram Bot API: %w", err)
	}
	sender := bot.NewSender(client, bot.SenderConfig{Rate: cfg.SendRate, Reachability: store, Logger: logger})
	broadcasts := newBroadcaster(ctx, store, sender, cfg.SendRate, logger)
	defer broadcasts.wait()
	router := handlers.New(handlers.Config{Store: store, Logger: logger, Location: cfg.Location, Now: cfg.Now,
		BotUsername: client.Username(), ReminderOffsets: cfg.ClassReminders, Broadcaster: broadcasts,
		Quiet:      ikmbot.QuietHours{Start: cfg.QuietStart, End: cfg.QuietEnd},
		Population: cfg.Population, TargetPercent: cfg.TargetPercent,
	})
	// The recurring mentoring digests schedule their own successors; the
	// start-up schedules the first (again, harmlessly, on every start).
	if err := router.EnsureMentorDigests(ctx); err != nil {
		return err
	}
	if err := router.EnsureStatsRepair(ctx); err != nil {
		return err
	}
	if err := router.EnsureLeadsClose(ctx); err != nil {
		return err
	}
	go func() {
		if err := router.RepairStatsIfStale(ctx); err != nil {
			logger.Error("recount the funnel at start-up", "err", err)
		}
		// Broadcasts that ended before their scripts forgot the
		// recipients: harmless to run again.
		if err := store.ForgetEndedRecipients(ctx); err != nil {
			logger.Error("forget recipients of ended broadcasts", "err", err)
		}
	}()
	outbox := bot.NewOutbox(sender, outboxWorkers, 0, logger)
	defer outbox.Close(shutdownGrace)
	stopReminders := startReminders(ctx, cfg, store, outbox, router, logger)
	defer stopReminders()
	broadcasts.resume(ctx)
	intake, err := bot.NewIntake(bot.IntakeConfig{
		Sender: sender, Handler: router, Reachability: store, Apology: router.Apology, Outbox: outbox, Logger: logger,
	})
	if err != nil {
		return fmt.Errorf("intake: %w", err)
	}
	go registerMenus(ctx, client, sender, store, logger)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			http.Error(w, "redis unreachable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", metrics(router, store, redisCount, sender, outbox))
	if cfg.WebhookURL != "" {
		hook, err := bot.NewWebhook(intake, bot.WebhookConfig{Secret: cfg.WebhookSecret, Logger: logger})
		if err != nil {
			return fmt.Errorf("webhook: %w", err)
		}
		u, _ := url.Parse(cfg.WebhookURL) // checked by Validate
		mux.Handle(webhookPath(u), hook)
	}
	if ln == nil {
		if ln, err = net.Listen("tcp", cfg.HTTPAddr); err != nil {
			return fmt.Errorf("HTTP_ADDR: %w", err)
		}
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("ikmbot started", "bot", client.Username(), "http_addr", ln.Addr().String(), "webhook", cfg.WebhookURL != "")

	var runErr error
	if cfg.WebhookURL != "" {
		if err := client.SetWebhook(ctx, cfg.WebhookURL, cfg.WebhookSecret); err != nil {
			runErr = fmt.Errorf("WEBHOOK_URL: Telegram refused the webhook: %w", err)
		} else {
			select {
			case <-ctx.Done():
			case err := <-served:
				runErr = fmt.Errorf("http server: %w", err)
			}
		}
	} else {
		poller := bot.NewPoller(client, intake, bot.PollerConfig{Timeout: cfg.PollTimeout, Grace: shutdownGrace, Logger: logger})
		runErr = poller.Poll(ctx)
	}

	// The HTTP server finishes the webhook requests in flight: each answers
	// only after its update was handled.
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && runErr == nil {
		runErr = fmt.Errorf("http shutdown: %w", err)
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return runErr
	}
	logger.Info("ikmbot stopped", "sent", sender.Stats().Sent)
	return nil
}

// webhookPath is where Telegram posts: the path of WEBHOOK_URL, so a proxy
// can forward it unchanged.
func webhookPath(u *url.URL) string {
	if u.Path == "" {
		return "POST /"
	}
	return "POST " + u.Path
}

// registerMenus sets the command menus: the owner menu for everyone, in
// Indonesian and for English apps, and each staff, mentor and admin their
// own. Failures are logged: a missing menu does not stop the bot.
func registerMenus(ctx context.Context, client *bot.Client, sender *bot.Sender, store *storage.Store, logger *slog.Logger) {
	for _, lang := range []string{"", "en"} {
		menuLang := lang
		if menuLang == "" {
			menuLang = "id"
		}
		if err := client.SetDefaultMenu(ctx, handlers.Menu(ikmbot.RoleOwner, menuLang), lang); err != nil {
			logger.Warn("set default menu", "lang", menuLang, "err", err)
		}
	}
	roles, err := store.UsersWithRole(ctx)
	if err != nil {
		logger.Warn("list roles for menus", "err", err)
		return
	}
	for id, role := range roles {
		user, _, err := store.LoadUser(ctx, id)
		if err != nil {
			logger.Warn("load user for menu", "chat_id", id, "err", err)
			continue
		}
		msg := ikmbot.Message{ChatID: id, Menu: handlers.Menu(role, user.Lang()), Bulk: true}
		if _, err := sender.Send(ctx, msg); err != nil {
			logger.Warn("set chat menu", "chat_id", id, "err", err)
		}
	}
}

// redactURL hides a Redis password before the URL reaches a message.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}
