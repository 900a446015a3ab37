package main

// The sandbox (`ikmbot sandbox`) runs the real bot, through run and
// unchanged, against the fake Bot API of bot/telegramtest and an embedded
// Redis (miniredis), and serves a page that looks like a Telegram chat for a
// few made-up users: someone at the office can try the whole bot without a
// token, a server or Redis. Only three things differ from production, all
// through Config: the Bot API endpoint (the fake, mounted on the sandbox's
// own port), the clock (movable from the page) and the Redis address
// (miniredis unless REDIS_URL is set). Around it, not inside the bot: the
// made-up users' roles are set as redeemed invites and ADMIN_IDS would
// leave them, webhook mode is off (nothing could reach it), only warnings
// are logged, and a clock move runs reminder ticks through Config.ticks,
// as the end-to-end tests do. A REDIS_URL Redis must be empty or the
// sandbox's own (storage's ClaimForSandbox). sandbox_web.go is the page's side.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"sync"
	"syscall"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/reminders"
	"ikmbot/storage"
)

// defaultSandboxAddr is where the page is served unless SANDBOX_ADDR says
// otherwise; when it is taken, a free port is used instead.
const defaultSandboxAddr = "127.0.0.1:8088"

// maxClockSteps bounds the reminder ticks of one clock move, so a move
// over months of daily items cannot keep the page waiting for long; past
// it the remaining items are sent by one tick at the target time (late,
// as after downtime).
const maxClockSteps = 500

// drainLimit bounds the wait for the reminders of one tick to be sent
// (about a second per message to one chat, by the sender's rate limit).
const drainLimit = 30 * time.Second

// persona is one made-up Telegram user of the sandbox.
type persona struct {
	Key   string      `json:"key"`
	ID    int64       `json:"id"`
	Name  string      `json:"name"`
	Role  ikmbot.Role `json:"role"`
	Phone string      `json:"phone"`
	// About says who they are, on the page.
	About string `json:"about"`
}

// personas are the sandbox's users: enough owners to see a class fill
// and a broadcast reach several chats, and one of each other role.
var personas = []persona{
	{Key: "siti", ID: 700000001, Name: "Siti Rahayu", Phone: "+6281234560001", About: "Kopi bubuk, Tanggamus"},
	{Key: "budi", ID: 700000002, Name: "Budi Santoso", Phone: "+6281234560002", About: "Keripik pisang, Bandar Lampung"},
	{Key: "dewi", ID: 700000003, Name: "Dewi Lestari", Phone: "+6281234560003", About: "Kain tapis, Pesawaran"},
	{Key: "rina", ID: 700000004, Name: "Rina Wulandari", Role: ikmbot.RoleStaff, Phone: "+6281234560004", About: "Disperindag Provinsi Lampung"},
	{Key: "agus", ID: 700000005, Name: "Agus Pratama", Role: ikmbot.RoleMentor, Phone: "+6281234560005", About: "Pendamping ekspor"},
	{Key: "hendra", ID: 700000006, Name: "Hendra Gunawan", Role: ikmbot.RoleAdmin, Phone: "+6281234560006", About: "Mengundang staf dan mentor"},
}

// sandboxMain is `ikmbot sandbox`: it runs the sandbox until SIGINT or
// SIGTERM and returns the exit code.
func sandboxMain() int {
	// Warnings only: the page is the interface, and the bot's routine info
	// lines would bury the one line with the URL.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Sandbox(ctx, os.Getenv, os.Stdout, logger); err != nil {
		fmt.Fprintln(os.Stderr, "ikmbot sandbox:", err)
		return 1
	}
	return 0
}

// Sandbox serves the sandbox on SANDBOX_ADDR (default 127.0.0.1:8088, or
// a free port when that is taken), prints its URL on out, and runs until
// ctx ends or the bot stops.
func Sandbox(ctx context.Context, getenv func(string) string, out io.Writer, logger *slog.Logger) error {
	addr := getenv("SANDBOX_ADDR")
	ln, err := net.Listen("tcp", or(addr, defaultSandboxAddr))
	if err != nil && addr == "" {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		return fmt.Errorf("SANDBOX_ADDR: %w", err)
	}
	sb, err := startSandbox(ctx, getenv, ln, logger)
	if err != nil {
		return err
	}
	if err := sb.ready(ctx); err != nil {
		sb.close()
		return err
	}
	data := "data lives in memory, for trying out only, and is lost when you stop it (Ctrl+C)"
	if sb.mini == nil {
		data = "data is kept in the Redis of REDIS_URL (" + redactURL(sb.redisURL) + ")"
	}
	fmt.Fprintf(out, "ikmbot sandbox: open %s in a browser: the real bot with made-up users and a fake Telegram; %s\n", sb.url, data)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(out, "ikmbot sandbox: the page is open to the network at %s: anyone who reaches it can chat as the made-up users and move the clock\n", ln.Addr())
	}
	return sb.wait(ctx)
}

// sandbox is a running sandbox: the bot, the fake Telegram it talks to,
// the Redis, the clock and the page's HTTP server.
type sandbox struct {
	url      string // the page, http://host:port
	redisURL string
	tg       *telegramtest.Server
	clock    *movableClock
	loc      *time.Location
	rdb      *redis.Client
	store    *storage.Store // the sandbox's own, for the clock's look-ahead
	mini     *miniredis.Miniredis
	ticks    chan chan<- tickResult
	srv      *http.Server
	// botURL is the bot's own HTTP listener (/healthz, /metrics).
	botURL string

	botCtx    context.Context
	stopBot   context.CancelFunc
	botDone   chan error
	closeOnce sync.Once
	moving    sync.Mutex // one clock move at a time
}

// startSandbox starts Redis (miniredis unless REDIS_URL is set), the fake
// Bot API and the page on ln, registers the personas and starts the bot.
func startSandbox(ctx context.Context, getenv func(string) string, ln net.Listener, logger *slog.Logger) (_ *sandbox, err error) {
	sb := &sandbox{
		url:     apiBase(ln.Addr()),
		clock:   &movableClock{},
		ticks:   make(chan chan<- tickResult),
		botDone: make(chan error, 1),
	}
	defer func() {
		if err != nil {
			sb.close()
			ln.Close()
		}
	}()
	sb.redisURL = getenv("REDIS_URL")
	if sb.redisURL == "" {
		sb.mini = miniredis.NewMiniRedis()
		// Keys expire on the bot's clock, as they would in a real Redis
		// over the same stretch of time: wall time by ClockTTL, and clock
		// moves by FastForward.
		sb.mini.ClockTTL(true)
		if err := sb.mini.StartAddr("127.0.0.1:0"); err != nil {
			return nil, fmt.Errorf("start the embedded Redis: %w", err)
		}
		sb.redisURL = "redis://" + sb.mini.Addr() + "/0"
		sb.clock.onJump = sb.mini.FastForward
	}

	// The fake Bot API is mounted on the page's own port, so the sandbox
	// needs one port only.
	sb.tg = telegramtest.NewHandler(telegramtest.Options{
		Now:         sb.clock.Now,
		BotUsername: "ikm_lampung_sandbox_bot",
		Report: func(format string, args ...any) {
			logger.Warn("fake Bot API: " + fmt.Sprintf(format, args...))
		},
	})
	cfg, err := ConfigFromEnv(func(k string) string {
		switch k {
		case "TELEGRAM_BOT_TOKEN":
			return telegramtest.Token
		case "TELEGRAM_API_ENDPOINT":
			return apiBase(ln.Addr()) + "/bot%s/%s"
		case "REDIS_URL":
			return sb.redisURL
		case "WEBHOOK_URL", "WEBHOOK_SECRET":
			return "" // nothing can reach a webhook here: long polling
		case "HTTP_ADDR":
			return "127.0.0.1:0"
		}
		return getenv(k)
	})
	if err != nil {
		return nil, err
	}
	cfg.Now = sb.clock.Now
	cfg.ticks = sb.ticks
	sb.loc = cfg.Location

	opts, err := redis.ParseURL(sb.redisURL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	sb.rdb = redis.NewClient(opts)
	sb.store = storage.New(sb.rdb, storage.WithLogger(logger), storage.WithNow(sb.clock.Now))
	if err := sb.store.Ping(ctx); err != nil {
		return nil, fmt.Errorf("REDIS_URL: cannot reach Redis at %s: %v", redactURL(sb.redisURL), err)
	}
	// A REDIS_URL left in the environment must not turn the sandbox into a
	// second bot on production's data: its clock moves would fire real
	// reminders early into a fake Telegram, and it writes its made-up
	// users' roles.
	if err := sb.store.ClaimForSandbox(ctx); err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w; give the sandbox an empty Redis (or database) of its own, never production's", err)
	}
	if err := sb.store.EnsureSchema(ctx); err != nil {
		return nil, fmt.Errorf("redis schema: %w", err)
	}
	for _, p := range personas {
		sb.tg.SetUser(telegramtest.User{ID: p.ID, FirstName: p.Name, Username: p.Key + "_sandbox", LanguageCode: "id", Phone: p.Phone})
		switch p.Role {
		case ikmbot.RoleAdmin:
			// As production: ADMIN_IDS bootstraps admins.
			cfg.AdminIDs = append(cfg.AdminIDs, p.ID)
		case ikmbot.RoleStaff, ikmbot.RoleMentor:
			// What redeeming an admin's invite would leave.
			if err := sb.store.SetRole(ctx, p.ID, p.Role); err != nil {
				return nil, fmt.Errorf("give %s the role %s: %w", p.Key, p.Role, err)
			}
		}
	}

	sb.srv = &http.Server{Handler: sb.handler(), ReadHeaderTimeout: 10 * time.Second}
	go sb.srv.Serve(ln)

	botLn, err := net.Listen("tcp", "127.0.0.1:0") // the bot's health and metrics
	if err != nil {
		return nil, err
	}
	sb.botURL = "http://" + botLn.Addr().String()
	sb.botCtx, sb.stopBot = context.WithCancel(context.WithoutCancel(ctx))
	go func() { sb.botDone <- run(sb.botCtx, cfg, logger, botLn) }()
	return sb, nil
}

// apiBase is the URL of the page's listener, through which the bot also
// reaches the fake Bot API: loopback when it listens on every address.
func apiBase(addr net.Addr) string {
	host, port, _ := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// ready waits until the bot answers its health check, so that the URL is
// printed for a bot that started; a start-up failure (Redis with another
// schema, say) is the error.
func (sb *sandbox) ready(ctx context.Context) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, sb.botURL+"/healthz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-sb.botDone:
			sb.botDone <- err // for close
			if err == nil {
				err = errors.New("the bot stopped")
			}
			return err
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// wait runs until ctx ends or the bot stops, then shuts everything down.
// A bot that stopped by itself (Redis gone, a start-up failure) is the
// error.
func (sb *sandbox) wait(ctx context.Context) error {
	var err error
	select {
	case <-ctx.Done():
	case err = <-sb.botDone:
		if err == nil {
			err = errors.New("the bot stopped")
		}
		sb.botDone <- err // for close
	}
	if cerr := sb.close(); err == nil {
		err = cerr
	}
	return err
}

// close stops the bot, then the fake Telegram, the page and Redis, and
// returns the bot's error.
func (sb *sandbox) close() error {
	var err error
	sb.closeOnce.Do(func() {
		if sb.stopBot != nil {
			sb.stopBot()
			// Stopped while still starting, the bot reports the start-up
			// step it was cut short in: that is no failure.
			if err = <-sb.botDone; errors.Is(err, context.Canceled) {
				err = nil
			}
		}
		if sb.tg != nil {
			sb.tg.Close() // ends the long polls in flight, before Shutdown waits for them
		}
		if sb.srv != nil {
			ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
			sb.srv.Shutdown(ctx)
			cancel()
		}
		if sb.rdb != nil {
			sb.rdb.Close()
		}
		if sb.mini != nil {
			sb.mini.Close()
		}
	})
	return err
}

// movableClock is the bot's clock in the sandbox: real time plus an
// offset that only grows, so time flows as usual between moves and the
// page can jump ahead.
type movableClock struct {
	mu     sync.Mutex
	offset time.Duration
	// onJump, when set, hears of every jump (miniredis ages its keys).
	onJump func(time.Duration)
}

// Now is the bot's time; safe for concurrent use.
func (c *movableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// jumpTo moves the clock on to t; a t already passed changes nothing.
func (c *movableClock) jumpTo(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := t.Sub(time.Now().Add(c.offset))
	if d <= 0 {
		return
	}
	c.offset += d
	if c.onJump != nil {
		c.onJump(d)
	}
}

// clockReport is what a clock move did.
type clockReport struct {
	Ticks    int `json:"ticks"`
	Messages int `json:"messages"`
	// Deferred counts the items quiet hours moved to the morning.
	Deferred int `json:"deferred"`
}

// advance moves the bot's clock on to `to` as time would pass: it stops at
// each due item on the way, in order, and runs the reminder tick the cron
// would run at that minute, then ticks once more at `to`. So a class
// reminder due in three days fires at its time, before the meeting it
// announces, rather than being dropped as too late by one tick at the end.
func (sb *sandbox) advance(ctx context.Context, to time.Time) (clockReport, error) {
	sb.moving.Lock()
	defer sb.moving.Unlock()
	var rep clockReport
	var ticked string // the minute of the last tick: a minute ticks once
	for step := 0; ; step++ {
		now := sb.clock.Now()
		next := to
		if step < maxClockSteps {
			items, err := sb.store.DueItems(ctx, to, 0, 100)
			if err != nil {
				return rep, err
			}
			// Items at or before now are ones a tick left for later (a
			// handler failed): the next tick tries them anyway.
			for _, d := range items {
				if d.At.After(now) {
					next = d.At
					break
				}
			}
		}
		if minuteOf(next) == ticked {
			// A minute ticks once (the engine's lock), so what falls due
			// after our last tick in its minute waits for the next
			// minute's tick, as under cron; the end of the move, for the
			// cron's.
			later := next.Truncate(time.Minute).Add(time.Minute)
			if later.After(to) {
				sb.clock.jumpTo(to)
				return rep, nil
			}
			next = later
		}
		sb.clock.jumpTo(next)
		tr, err := sb.tick(ctx)
		if err != nil {
			return rep, err
		}
		ticked = minuteOf(sb.clock.Now())
		rep.Ticks++
		rep.Messages += tr.Messages
		rep.Deferred += tr.Deferred
		if tr.Messages > 0 {
			// Sent before the clock moves on, so each reminder carries the
			// time it was due at, as in Telegram.
			sb.drain(ctx)
		}
		if !next.Before(to) {
			return rep, nil
		}
	}
}

// tick runs one reminder tick in the bot, through Config.ticks, at the
// clock's time. When the bot's own cron has just taken this minute, the
// clock moves on a minute and the tick is tried again (as clock_test.go
// does), so a tick has really run after a move.
func (sb *sandbox) tick(ctx context.Context) (reminders.TickReport, error) {
	for range 3 {
		reply := make(chan tickResult, 1)
		select {
		case sb.ticks <- reply:
		case <-ctx.Done():
			return reminders.TickReport{}, ctx.Err()
		case <-sb.botCtx.Done():
			return reminders.TickReport{}, errors.New("the bot is not running")
		}
		var res tickResult
		select {
		case res = <-reply:
		case <-ctx.Done():
			return reminders.TickReport{}, ctx.Err()
		}
		if res.Err != nil || !res.Report.Skipped {
			return res.Report, res.Err
		}
		sb.clock.jumpTo(sb.clock.Now().Add(time.Minute))
	}
	return reminders.TickReport{}, errors.New("every reminder tick was skipped: another bot shares this Redis")
}

// drain waits, for a while at most, until the bot's outbox has sent the
// reminders handed to it. It watches the gauge the bot's /metrics shows
// operators, so run needs no hook for it.
func (sb *sandbox) drain(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, drainLimit)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, sb.botURL+"/metrics", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if m := pendingRe.FindSubmatch(body); m != nil && string(m[1]) == "0" {
				return
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// pendingRe finds the outbox's queue length in the bot's /metrics.
var pendingRe = regexp.MustCompile(`(?m)^ikmbot_bulk_messages_pending (\d+)$`)

// minuteOf names t's minute as the engine's tick lock does.
func minuteOf(t time.Time) string { return t.UTC().Format("200601021504") }

// personaByKey finds a persona by its key.
func personaByKey(key string) (persona, bool) {
	for _, p := range personas {
		if p.Key == key {
			return p, true
		}
	}
	return persona{}, false
}
