package main

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// waitLimit bounds every wait for the bot; generous because -race and a
// loaded CI machine slow everything down, and a pass never waits this long.
const waitLimit = 20 * time.Second

// world is a fake Telegram and a real Redis, with the real bot started and
// stopped against them as many times as a test likes.
type world struct {
	t     *testing.T
	tg    *telegramtest.Server
	redis *redistest.Server
	store *storage.Store
	bot   *running
}

type running struct {
	cancel context.CancelFunc
	done   chan error
	addr   string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{t: t, tg: telegramtest.New(t), redis: redistest.Start(t)}
	w.store = storage.New(w.redis.Client(t))
	t.Cleanup(func() {
		if w.bot != nil {
			w.stop()
		}
		if left := w.tg.UnansweredCallbacks(); len(left) > 0 {
			t.Errorf("button taps never answered: %v", left)
		}
	})
	return w
}

func (w *world) config() Config {
	return Config{
		Token:       telegramtest.Token,
		APIEndpoint: w.tg.Endpoint(),
		RedisURL:    w.redis.URL(),
		Location:    time.FixedZone("WIB", 7*3600),
		HTTPAddr:    "127.0.0.1:0",
		SendRate:    1000,
		PollTimeout: 2 * time.Second,
	}
}

// start runs the bot as main does, with cfg changed by mods.
func (w *world) start(mods ...func(*Config)) {
	w.t.Helper()
	w.bot = w.launch(mods...)
}

// launch runs one more bot process against the same fake and Redis, for
// tests of several replicas; stop it with halt.
func (w *world) launch(mods ...func(*Config)) *running {
	w.t.Helper()
	cfg := w.config()
	for _, m := range mods {
		m(&cfg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		w.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan error, 1), addr: ln.Addr().String()}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	go func() { r.done <- run(ctx, cfg, logger, ln) }()
	return r
}

// stop sends the bot what SIGTERM would and waits for a clean exit.
func (w *world) stop() {
	w.t.Helper()
	r := w.bot
	w.bot = nil
	w.halt(r)
}

// halt stops a bot process started by launch and waits for a clean exit.
func (w *world) halt(r *running) {
	w.t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			w.t.Errorf("bot exited with %v", err)
		}
	case <-time.After(waitLimit):
		w.t.Fatal("bot did not stop")
	}
}

// user is one Telegram user of the fake.
type user struct {
	w    *world
	id   int64
	seen int // bot messages already looked at
}

var nextUserID int64 = 7_000_000_000

func (w *world) user() *user {
	nextUserID++
	return &user{w: w, id: nextUserID}
}

func (u *user) sends(text string) *user {
	u.w.tg.UserSends(u.id, text)
	return u
}

// expect waits for a new bot message containing want (catalog HTML is
// compared as the user sees it) and returns it.
func (u *user) expect(want string) telegramtest.Message {
	u.w.t.Helper()
	want = plain(want)
	var got telegramtest.Message
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	err := u.w.tg.Wait(ctx, func() bool {
		msgs := u.w.tg.Messages(u.id)
		for i := u.seen; i < len(msgs); i++ {
			if strings.Contains(msgs[i].Text, want) {
				got, u.seen = msgs[i], i+1
				return true
			}
		}
		return false
	})
	if err != nil {
		u.w.t.Fatalf("user %d never saw %q; the chat:\n%s", u.id, want, u.chat())
	}
	return got
}

func (u *user) chat() string {
	var b strings.Builder
	for _, m := range u.w.tg.Messages(u.id) {
		b.WriteString("> " + m.Text + "\n")
	}
	return b.String()
}

// press taps the button labelled label on the newest bot message that has it.
func (u *user) press(label string) {
	u.w.t.Helper()
	msgs := u.w.tg.Messages(u.id)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Text == label {
					u.w.tg.UserPressed(u.id, msgs[i].ID, b.Data)
					return
				}
			}
		}
	}
	u.w.t.Fatalf("no button %q; the chat:\n%s", label, u.chat())
}

// tapKeyboard taps a reply keyboard button (the share-contact button sends
// the user's own contact).
func (u *user) tapKeyboard(label string) {
	u.w.t.Helper()
	if err := u.w.tg.UserTapsKeyboard(u.id, label); err != nil {
		u.w.t.Fatal(err)
	}
}

var tags = regexp.MustCompile(`<[^>]+>`)

// plain is catalog HTML as Telegram shows it.
func plain(s string) string {
	return strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(s, "")))
}

// step is the progress line of sign-up step n, as the user sees it.
func step(lang string, n int) string {
	return plain(flows.T(lang, flows.MsgProgress, n, len(flows.SignUp.Steps)-1))
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// begin is the start of a catalog text's first line as the user sees it: enough to
// recognise the message without depending on the values filled in later.
func begin(s string) string {
	first, _, _ := strings.Cut(plain(s), "\n")
	r := []rune(first)
	return string(r[:min(len(r), 25)])
}
