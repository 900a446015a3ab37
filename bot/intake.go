package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"ikmbot"
)

// Handler decides what to do with an event and returns the messages to
// send, in order. It also makes sure each update is acted on once: it
// claims the update id in the same Redis round trip that loads the user, and
// answers a redelivered update with nothing. An error means the event was
// not handled and must be delivered again (Redis is down): the webhook
// answers 503 and the poller fetches it again. It recovers its own panics;
// Intake recovers them too.
type Handler interface {
	Handle(ctx context.Context, ev ikmbot.Event) ([]ikmbot.Message, error)
}

// DefaultWorkers bounds how many updates are handled at once.
const DefaultWorkers = 64

// DefaultTypingAfter is IntakeConfig.TypingAfter's default: a reply
// slower than this shows "typing…". TypingEvery is how often it is shown
// again, within the 5 seconds Telegram shows it for.
const (
	DefaultTypingAfter = time.Second
	TypingEvery        = 4 * time.Second
	// typingTimeout is the longest a "typing…" request may take: the
	// replies wait for one in flight.
	typingTimeout = 1500 * time.Millisecond
)

// IntakeConfig configures an Intake. Sender and Handler are required.
type IntakeConfig struct {
	Sender  *Sender
	Handler Handler
	// Reachability is told about my_chat_member block and unblock updates;
	// nil ignores them.
	Reachability Reachability
	// Apology is the message sent when the handler panicked; nil sends
	// nothing. The text lives in the catalog, not here.
	Apology func(chatID int64) ikmbot.Message
	// Workers bounds concurrent handling; 0 means DefaultWorkers.
	Workers int
	// TypingAfter is how long handling an update may take before the
	// user sees "typing…" (a file being written, a lead counted), shown
	// again every TypingEvery until the replies go; 0 means
	// DefaultTypingAfter, a negative value never.
	TypingAfter time.Duration
	// Outbox, when set, takes the handler's bulk messages (notices to
	// other users, such as a class cancelled by staff), so the user who
	// acted is not kept waiting while they go out; nil sends them in line.
	Outbox *Outbox
	Logger *slog.Logger
}

// Intake turns updates into handled events: it answers button taps at once, runs the handler with panic recovery and sends the replies
// in order. Updates of one chat are handled one at a time and in order;
// different chats in parallel, bounded by Workers.
type Intake struct {
	cfg   IntakeConfig
	log   *slog.Logger
	slots chan struct{}
	locks chatLocks
}

// NewIntake returns an Intake.
func NewIntake(cfg IntakeConfig) (*Intake, error) {
	if cfg.Sender == nil || cfg.Handler == nil {
		return nil, errors.New("new intake: Sender and Handler are required")
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Intake{cfg: cfg, log: log, slots: make(chan struct{}, cfg.Workers)}, nil
}

// process handles one update. It returns an error only when the handler
// could not handle it (Redis is down) or ctx ended while waiting for its
// turn: the update was not acted on and must be delivered again (webhook
// 503, poller refetch). An update of no use, a handler panic and a failed
// send all return nil.
//
// Concurrent calls for one chat run one at a time.
func (in *Intake) process(ctx context.Context, upd update) error {
	ev, ok := eventFromUpdate(upd)
	if !ok {
		in.log.Debug("update ignored", "update_id", upd.UpdateID)
		return nil
	}
	if ev.Kind == ikmbot.EventCallback {
		// At once, before waiting for the chat's turn, so the user's
		// spinner stops even while earlier updates are still handled. A
		// redelivered tap is answered again, which Telegram refuses
		// harmlessly.
		if err := in.cfg.Sender.AnswerCallback(ctx, ev.CallbackID); err != nil {
			in.log.Warn("answer callback", "update_id", ev.UpdateID, "chat_id", ev.ChatID, "err", err)
		}
	}
	unlock, err := in.locks.lock(ctx, ev.ChatID)
	if err != nil {
		return fmt.Errorf("process update %d: %w", ev.UpdateID, err)
	}
	defer unlock()
	select {
	case in.slots <- struct{}{}:
		defer func() { <-in.slots }()
	case <-ctx.Done():
		return fmt.Errorf("process update %d: %w", ev.UpdateID, ctx.Err())
	}
	return in.handle(ctx, ev)
}

func (in *Intake) handle(ctx context.Context, ev ikmbot.Event) error {
	if ev.Kind == ikmbot.EventBlocked || ev.Kind == ikmbot.EventUnblocked {
		// Marking is idempotent, so a redelivery needs no dedup.
		in.markReachability(ctx, ev)
		return nil
	}
	msgs, err := in.run(ctx, ev)
	if err != nil {
		return fmt.Errorf("process update %d: %w", ev.UpdateID, err)
	}
	skip := map[int64]bool{}
	var bulk []ikmbot.Message
	for _, m := range msgs {
		if m.Bulk && in.cfg.Outbox != nil {
			bulk = append(bulk, m)
			continue
		}
		if skip[m.ChatID] {
			continue
		}
		_, err := in.cfg.Sender.Send(ctx, m)
		switch {
		case err == nil:
		case isUnreachable(err):
			// Marked by the Sender; the rest for this chat would fail too.
			skip[m.ChatID] = true
			in.log.Info("chat unreachable", "update_id", ev.UpdateID, "chat_id", m.ChatID)
		default:
			in.log.Warn("send reply", "update_id", ev.UpdateID, "chat_id", m.ChatID, "err", err)
		}
	}
	if len(bulk) > 0 {
		in.cfg.Outbox.Deliver(ctx, bulk)
	}
	return nil
}

func (in *Intake) markReachability(ctx context.Context, ev ikmbot.Event) {
	if in.cfg.Reachability == nil {
		return
	}
	var err error
	if ev.Kind == ikmbot.EventBlocked {
		err = in.cfg.Reachability.MarkUnreachable(ctx, ev.ChatID)
	} else {
		err = in.cfg.Reachability.ClearUnreachable(ctx, ev.ChatID)
	}
	if err != nil {
		in.log.Error("update reachability", "update_id", ev.UpdateID, "chat_id", ev.ChatID,
			"blocked", ev.Kind == ikmbot.EventBlocked, "err", err)
	}
}

// run calls the handler, showing "typing…" while it is slow (see
// IntakeConfig.TypingAfter); a panic becomes the apology.
func (in *Intake) run(ctx context.Context, ev ikmbot.Event) (msgs []ikmbot.Message, err error) {
	defer in.typing(ctx, ev.ChatID)()
	defer func() {
		if v := recover(); v != nil {
			in.log.Error("handler panic", "update_id", ev.UpdateID, "chat_id", ev.ChatID,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			msgs, err = in.apology(ev), nil
		}
	}()
	return in.cfg.Handler.Handle(ctx, ev)
}

func (in *Intake) apology(ev ikmbot.Event) (msgs []ikmbot.Message) {
	if in.cfg.Apology == nil {
		return nil
	}
	defer func() {
		if v := recover(); v != nil {
			in.log.Error("apology panic", "update_id", ev.UpdateID, "chat_id", ev.ChatID, "panic", fmt.Sprint(v))
			msgs = nil
		}
	}()
	return []ikmbot.Message{in.cfg.Apology(ev.ChatID)}
}

// chatLocks is a keyed mutex: one lock per chat, kept only while in use.
// Waiters get the lock in arrival order.
type chatLocks struct {
	mu sync.Mutex
	m  map[int64]*chatLock
}

type chatLock struct {
	held chan struct{} // capacity 1: full while held
	refs int           // holders and waiters
}

// lock waits for the chat's lock or for ctx to end.
func (l *chatLocks) lock(ctx context.Context, chatID int64) (unlock func(), err error) {
	l.mu.Lock()
	if l.m == nil {
		l.m = make(map[int64]*chatLock)
	}
	cl := l.m[chatID]
	if cl == nil {
		cl = &chatLock{held: make(chan struct{}, 1)}
		l.m[chatID] = cl
	}
	cl.refs++
	l.mu.Unlock()

	select {
	case cl.held <- struct{}{}:
		return func() {
			<-cl.held
			l.release(chatID, cl)
		}, nil
	case <-ctx.Done():
		l.release(chatID, cl)
		return nil, ctx.Err()
	}
}

func (l *chatLocks) release(chatID int64, cl *chatLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cl.refs--
	if cl.refs == 0 {
		delete(l.m, chatID)
	}
}

// typing shows "typing…" in the chat once handling has taken TypingAfter,
// and again every TypingEvery, until the returned stop is called; stop
// waits for an action in flight, so none lands after the replies (it
// would show "typing…" for seconds after the answer came).
func (in *Intake) typing(ctx context.Context, chatID int64) (stop func()) {
	after := in.cfg.TypingAfter
	if after == 0 {
		after = DefaultTypingAfter
	}
	if after < 0 || chatID == 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTimer(after)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			// Short: the replies wait for an action in flight, and a
			// stalled one must not hold them back.
			actx, cancel := context.WithTimeout(ctx, typingTimeout)
			if err := in.cfg.Sender.ChatAction(actx, chatID, "typing"); err != nil {
				in.log.Debug("typing", "chat_id", chatID, "err", err)
			}
			cancel()
			t.Reset(TypingEvery)
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}
