package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"sync/atomic"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Store is what the handlers need from storage.
type Store interface {
	// Begin claims the update (first is false for one claimed before: a
	// redelivery) and returns the user (a zero User with ID set when
	// unknown) and their conversation state, in one round trip. An
	// *ikmbot.Error means stored data could not be read; any other error
	// is a Redis failure.
	Begin(ctx context.Context, updateID, userID int64) (u ikmbot.User, s ikmbot.Session, first bool, err error)
	// Apply saves what handling one event changed, atomically; errors are
	// Redis failures, or an *ikmbot.Error for an inconsistent change.
	Apply(ctx context.Context, c ikmbot.Change) error
	// CreateInvite makes a one-time invitation code for role; errors are
	// Redis failures.
	CreateInvite(ctx context.Context, role ikmbot.Role, createdBy int64, ttl time.Duration) (string, error)
	// RedeemInvite gives the invite's role to userID; an unknown, used or
	// expired code is an ikmbot.ENotFound error.
	RedeemInvite(ctx context.Context, code string, userID int64) (ikmbot.Role, error)
	// Assessments returns the user's readiness attempts, oldest first;
	// errors are Redis failures.
	Assessments(ctx context.Context, userID int64) ([]ikmbot.Assessment, error)
	// DeleteOwnerData removes every personal datum of the user; errors are
	// Redis failures, after which the data may still be there.
	DeleteOwnerData(ctx context.Context, userID int64) error
	ClassStore
	CertStore
	BroadcastStore
	MentorStore
	MenteeStore
	MentorAdminStore
	HistoryStore
	StatsRepairStore
	StatsStore
	AuditStore
	ProgressStore
	ExportStore
	LeadStore
}

// Config is what a Router is built from.
type Config struct {
	Store       Store
	Logger      *slog.Logger
	Now         func() time.Time // defaults to time.Now
	Location    *time.Location   // where dates are shown; defaults to WIB
	BotUsername string           // for invitation links
	InviteTTL   time.Duration    // defaults to 7 days
	// ReminderOffsets are how long before each class meeting owners are
	// reminded; DefaultReminderOffsets when nil.
	ReminderOffsets []time.Duration
	// NudgeAfter are how long after their last answer owners are nudged to
	// finish sign-up or the readiness check; DefaultNudgeAfter when nil.
	NudgeAfter []time.Duration
	// Broadcaster sends broadcasts staff start; nil refuses to send.
	Broadcaster Broadcaster
	// Quiet are the hours reminders wait through; a broadcast's preview
	// warns staff who are about to send one then. Zero: no warning.
	Quiet ikmbot.QuietHours
	// Population is the number of IKM in the province and TargetPercent
	// the share of them meant to export, for /statistik's progress toward
	// the target; zero means flows.DefaultPopulation and
	// flows.DefaultTargetPercent.
	Population    int
	TargetPercent float64
}

// Router handles events. It satisfies the bot's Handler interface.
type Router struct {
	cfg        Config
	log        *slog.Logger
	handled    atomic.Int64
	duplicates atomic.Int64
	// exporting holds a token while an /ekspor file is written: one at a
	// time, since a file of the whole province holds about 130 MB.
	exporting chan struct{}
}

// Counts returns how many events were handled and how many redelivered
// updates were skipped, for /metrics.
func (r *Router) Counts() (handled, duplicates int64) {
	return r.handled.Load(), r.duplicates.Load()
}

// New returns a Router with defaults filled in.
func New(cfg Config) *Router {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.FixedZone("WIB", 7*3600)
	}
	if cfg.InviteTTL == 0 {
		cfg.InviteTTL = 7 * 24 * time.Hour
	}
	if cfg.ReminderOffsets == nil {
		cfg.ReminderOffsets = DefaultReminderOffsets
	}
	if cfg.NudgeAfter == nil {
		cfg.NudgeAfter = DefaultNudgeAfter
	}
	return &Router{cfg: cfg, log: cfg.Logger, exporting: make(chan struct{}, 1)}
}

// call is one event being handled: who sent it, their state, what changes
// and what is answered.
type call struct {
	ev      ikmbot.Event
	user    ikmbot.User
	session ikmbot.Session
	lang    string
	now     time.Time
	change  ikmbot.Change
	out     []ikmbot.Message
}

func (c *call) say(text string, buttons ...[]ikmbot.Button) {
	c.out = append(c.out, ikmbot.Message{ChatID: c.ev.ChatID, Text: text, Buttons: buttons})
}

func (c *call) t(k flows.Key, args ...any) string { return flows.T(c.lang, k, args...) }

// Handle answers one event, once: a redelivered update gets nothing. It
// returns an error only when Redis could not be reached before anything was
// done, so the update is delivered again later (the webhook answers 503,
// the poller fetches it again). Any later failure, and a panic, becomes one
// apology and one log line.
func (r *Router) Handle(ctx context.Context, ev ikmbot.Event) (out []ikmbot.Message, err error) {
	lang := guessLang("", ev.LanguageCode)
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("handler panic", "update_id", ev.UpdateID, "chat_id", ev.ChatID, "panic", p, "stack", string(debug.Stack()))
			out, err = []ikmbot.Message{r.apology(ev.ChatID, lang)}, nil
		}
	}()
	user, session, first, err := r.cfg.Store.Begin(ctx, ev.UpdateID, ev.UserID)
	switch {
	case ikmbot.ErrorCode(err) != "":
		// Stored data that cannot be read: redelivering would fail the same
		// way forever and hold up every later update.
		r.log.Error("begin update", "update_id", ev.UpdateID, "chat_id", ev.ChatID, "err", err)
		return []ikmbot.Message{r.apology(ev.ChatID, lang)}, nil
	case err != nil:
		return nil, fmt.Errorf("begin update %d: %w", ev.UpdateID, err)
	}
	if !first {
		r.duplicates.Add(1)
		r.log.Debug("duplicate update", "update_id", ev.UpdateID, "chat_id", ev.ChatID)
		return nil, nil
	}
	r.handled.Add(1)
	c := &call{ev: ev, user: user, session: session, lang: guessLang(user.Language, ev.LanguageCode), now: r.cfg.Now().UTC()}
	// What the user is counted under now, for storage to move when a check
	// or a profile edit changes it.
	c.change.UserID, c.change.PreviousLevel, c.change.PreviousRegion = ev.UserID, user.Level, user.LevelRegion
	lang = c.lang
	// From here on the update is claimed: a redelivery would be dropped, so
	// failures are answered now.
	if err := r.route(ctx, c); err != nil {
		r.log.Error("handle event", "update_id", ev.UpdateID, "chat_id", ev.ChatID, "err", err)
		return []ikmbot.Message{r.apology(ev.ChatID, lang)}, nil
	}
	r.scheduleNudges(c)
	// A role holder's name follows their Telegram name, for the owners and
	// staff who see it.
	if c.user.Role != ikmbot.RoleOwner && ev.FirstName != "" && ev.FirstName != c.user.Name {
		c.change.Name = ev.FirstName
	}
	// The language guessed from the Telegram app is kept with the first
	// change, so what others send this user (reminders, replies from
	// staff) comes in it too.
	if c.user.Language == "" && c.change.Language == "" && !c.change.Empty() {
		c.change.Language = c.lang
	}
	if !c.change.Empty() {
		if err := r.cfg.Store.Apply(ctx, c.change); err != nil {
			// Nothing was saved, so saying "saved" would be a lie.
			// The language too stays as it was, so apologise in that one.
			r.log.Error("apply change", "update_id", ev.UpdateID, "chat_id", ev.ChatID, "err", err)
			return []ikmbot.Message{r.apology(ev.ChatID, lang)}, nil
		}
	}
	return c.out, nil
}

// classStore is the part of the store the class features use.
func (r *Router) classStore() ClassStore { return r.cfg.Store }

// certStore is the part of the store the certification desk uses.
func (r *Router) certStore() CertStore { return r.cfg.Store }

// Apology is the message sent when handling failed; the bot uses it for
// panics it recovers itself.
func (r *Router) Apology(chatID int64) ikmbot.Message { return r.apology(chatID, "id") }

func (r *Router) apology(chatID int64, lang string) ikmbot.Message {
	return ikmbot.Message{ChatID: chatID, Text: flows.T(lang, flows.MsgApology)}
}

// guessLang picks the language to answer in: the one chosen with /bahasa,
// else English for a Telegram app set to English, else Indonesian.
func guessLang(chosen, telegram string) string {
	switch {
	case chosen != "":
		return chosen
	case len(telegram) >= 2 && telegram[:2] == "en":
		return "en"
	}
	return "id"
}

// route sends the event where it belongs.
func (r *Router) route(ctx context.Context, c *call) error {
	switch c.ev.Kind {
	case ikmbot.EventCommand:
		return r.command(ctx, c)
	case ikmbot.EventCallback:
		return r.callback(ctx, c)
	}
	if f := flowNamed(c.session.Flow); f != nil {
		return r.runFlow(ctx, c, f, f.Handle(c.session, c.ev, c.lang, c.now))
	}
	r.idle(c)
	return nil
}

// idle answers a message outside any conversation with the main choices.
func (r *Router) idle(c *call) {
	c.say(c.t(flows.MsgIdle), r.mainButtons(c)...)
}

func (r *Router) mainButtons(c *call) [][]ikmbot.Button {
	if c.user.Profile == nil {
		return [][]ikmbot.Button{{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}}, {{Text: c.t(flows.BtnHelp), Data: cbHelp}}}
	}
	return [][]ikmbot.Button{{{Text: c.t(flows.BtnProfile), Data: cbProfile}, {Text: c.t(flows.BtnCheck), Data: cbCheck}}, {{Text: c.t(flows.BtnHelp), Data: cbHelp}}}
}

// newNonce marks one run of a flow, so buttons from earlier runs are stale.
func newNonce() string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 4)
	for i := range b {
		b[i] = digits[rand.IntN(len(digits))]
	}
	return string(b)
}
