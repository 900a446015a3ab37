package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ikmbot"
)

// Reachability records chats the bot cannot write to, so bulk traffic skips
// them and their data is kept. Both methods return storage errors only.
type Reachability interface {
	MarkUnreachable(ctx context.Context, chatID int64) error
	ClearUnreachable(ctx context.Context, chatID int64) error
}

// Defaults of SenderConfig.
const (
	DefaultSendRate     = 25 // messages a second, all chats together
	DefaultChatInterval = time.Second
	DefaultRetries      = 3
	DefaultBackoffBase  = 200 * time.Millisecond
	DefaultMax429       = 5
)

// SenderConfig configures a Sender. Zero values take the defaults.
type SenderConfig struct {
	// Rate is SEND_RATE, messages a second over both lanes, used to build an
	// in-process TokenBucket (burst = rate) when Limiter is nil; negative
	// means no limit.
	Rate    float64
	Limiter Limiter
	// Reachability is told about chats that answer 403 or "chat not found";
	// nil skips marking.
	Reachability Reachability
	// ChatInterval paces the bulk lane per chat; replies are not paced.
	ChatInterval time.Duration
	// Retries is how often a 5xx, timeout or network error is retried, with
	// exponential backoff from BackoffBase; negative means never.
	Retries     int
	BackoffBase time.Duration
	// Max429 is how often one message is retried after a 429.
	Max429 int
	Logger *slog.Logger
	// Now and Sleep are injected so tests need not wait for retry_after.
	// Sleep returns ctx's error when ctx ends first.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// Stats counts outcomes of Send since the Sender was made.
type Stats struct {
	Sent        int64 // delivered (an edit that changed nothing counts as NotModified instead)
	NotModified int64 // "message is not modified": success
	Retried429  int64 // retries after a 429
	Retried     int64 // retries after a 5xx, timeout or network error
	Unreachable int64 // 403 or chat not found: not retried
	BadRequest  int64 // other 4xx, or a Message that cannot be sent: not retried
	Failed      int64 // given up after retries, or cancelled
}

// Sender sends Messages through two lanes sharing one rate limit: replies,
// and bulk traffic (Message.Bulk) that waits while any reply waits, is paced
// per chat, and pauses for a 429's retry_after. It retries what may succeed
// later and never retries what cannot.
type Sender struct {
	client *Client
	cfg    SenderConfig
	log    *slog.Logger

	sent, notModified, retried429, retried, unreachable, badRequest, failed atomic.Int64

	mu         sync.Mutex
	bulkPaused time.Time           // the bulk lane waits until then after a 429
	chatNext   map[int64]time.Time // earliest next bulk send per chat
}

// NewSender returns a Sender sending through c.
func NewSender(c *Client, cfg SenderConfig) *Sender {
	if cfg.Limiter == nil {
		rate := cfg.Rate
		if rate == 0 {
			rate = DefaultSendRate
		}
		cfg.Limiter = NewTokenBucket(rate, int(rate))
	}
	if cfg.ChatInterval == 0 {
		cfg.ChatInterval = DefaultChatInterval
	}
	if cfg.Retries == 0 {
		cfg.Retries = DefaultRetries
	}
	if cfg.BackoffBase == 0 {
		cfg.BackoffBase = DefaultBackoffBase
	}
	if cfg.Max429 == 0 {
		cfg.Max429 = DefaultMax429
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Sender{client: c, cfg: cfg, log: log, chatNext: make(map[int64]time.Time)}
}

// Stats returns a snapshot of the counters.
func (s *Sender) Stats() Stats {
	return Stats{
		Sent:        s.sent.Load(),
		NotModified: s.notModified.Load(),
		Retried429:  s.retried429.Load(),
		Retried:     s.retried.Load(),
		Unreachable: s.unreachable.Load(),
		BadRequest:  s.badRequest.Load(),
		Failed:      s.failed.Load(),
	}
}

// Send sends msg and blocks until it was sent or finally failed, so one
// chat's messages stay in order when sent one after another. It returns the
// id of the message sent or edited (0 for a menu). An error wraps
// ErrUnreachable when the chat is blocked, deactivated or gone; "message is
// not modified" is success.
func (s *Sender) Send(ctx context.Context, msg ikmbot.Message) (messageID int, err error) {
	req, err := requestFor(msg)
	if err != nil {
		s.badRequest.Add(1)
		return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
	}
	if msg.Bulk {
		if err := s.paceChat(ctx, msg.ChatID); err != nil {
			s.failed.Add(1)
			return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
		}
	}
	var transient, limited int
	for {
		if msg.Bulk {
			if err := s.waitBulkPause(ctx); err != nil {
				s.failed.Add(1)
				return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
			}
		}
		if err := s.cfg.Limiter.Wait(ctx, msg.Bulk); err != nil {
			s.failed.Add(1)
			return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
		}
		res, err := s.client.call(ctx, req)
		if err == nil {
			s.sent.Add(1)
			return resultMessageID(res), nil
		}
		ae := classify(ctx, err)
		switch ae.outcome {
		case outcomeNotModified:
			s.notModified.Add(1)
			return msg.EditMessageID, nil

		case outcomeRetryAfter:
			s.pauseBulk(ae.retryAfter)
			if limited >= s.cfg.Max429 {
				s.failed.Add(1)
				return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
			}
			limited++
			s.retried429.Add(1)
			s.log.Warn("telegram rate limit", "method", req.method, "chat_id", msg.ChatID,
				"retry_after", ae.retryAfter.Seconds(), "bulk", msg.Bulk)
			if err := s.cfg.Sleep(ctx, ae.retryAfter); err != nil {
				s.failed.Add(1)
				return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
			}

		case outcomeUnreachable:
			s.unreachable.Add(1)
			if s.cfg.Reachability != nil {
				if merr := s.cfg.Reachability.MarkUnreachable(ctx, msg.ChatID); merr != nil {
					s.log.Error("mark chat unreachable", "chat_id", msg.ChatID, "err", merr)
				}
			}
			return 0, fmt.Errorf("send to chat %d: %w: %w", msg.ChatID, ErrUnreachable, err)

		case outcomeTransient:
			if transient >= s.cfg.Retries {
				s.failed.Add(1)
				return 0, fmt.Errorf("send to chat %d after %d retries: %w", msg.ChatID, transient, err)
			}
			d := s.cfg.BackoffBase << transient
			transient++
			s.retried.Add(1)
			s.log.Debug("telegram request failed, retrying", "method", req.method, "chat_id", msg.ChatID,
				"code", ae.code, "backoff", d, "err", err)
			if err := s.cfg.Sleep(ctx, d); err != nil {
				s.failed.Add(1)
				return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
			}

		case outcomeCanceled, outcomeUnauthorized:
			s.failed.Add(1)
			return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)

		default: // outcomeBadRequest, outcomeConflict
			s.badRequest.Add(1)
			return 0, fmt.Errorf("send to chat %d: %w", msg.ChatID, err)
		}
	}
}

// AnswerCallback answers a button tap so the client stops its spinner. It
// goes out at once, outside the rate limit; a network error is retried once.
// "query is too old" is not an error: the user has moved on.
func (s *Sender) AnswerCallback(ctx context.Context, id string) error {
	req := request{method: "answerCallbackQuery", params: tgbotapi.Params{"callback_query_id": id}}
	for attempt := 0; ; attempt++ {
		_, err := s.client.call(ctx, req)
		if err == nil {
			return nil
		}
		ae := classify(ctx, err)
		switch {
		case ae.outcome == outcomeBadRequest && strings.Contains(strings.ToLower(err.Error()), "query is too old"):
			s.log.Debug("callback query too old", "callback_id", id)
			return nil
		case ae.outcome == outcomeTransient && attempt == 0:
			if err := s.cfg.Sleep(ctx, s.cfg.BackoffBase); err != nil {
				return fmt.Errorf("answer callback: %w", err)
			}
		default:
			return fmt.Errorf("answer callback: %w", err)
		}
	}
}

// ChatAction shows the action ("typing") in the chat for a few seconds,
// or until the bot's next message there. It goes out at once, outside the
// rate limit (one every few seconds, and only while a reply is slow), and
// is tried once: it is a courtesy, never worth a retry.
func (s *Sender) ChatAction(ctx context.Context, chatID int64, action string) error {
	req := request{method: "sendChatAction", params: tgbotapi.Params{"chat_id": strconv.FormatInt(chatID, 10), "action": action}}
	if _, err := s.client.call(ctx, req); err != nil {
		return fmt.Errorf("chat action %s to %d: %w", action, chatID, err)
	}
	return nil
}

// paceChat reserves the chat's next bulk slot and sleeps until it.
func (s *Sender) paceChat(ctx context.Context, chatID int64) error {
	s.mu.Lock()
	now := s.cfg.Now()
	at := s.chatNext[chatID]
	if at.Before(now) {
		at = now
	}
	if len(s.chatNext) > 1024 {
		for id, next := range s.chatNext {
			if next.Before(now) {
				delete(s.chatNext, id)
			}
		}
	}
	s.chatNext[chatID] = at.Add(s.cfg.ChatInterval)
	s.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return s.cfg.Sleep(ctx, d)
	}
	return nil
}

// pauseBulk holds the bulk lane for d after a 429.
func (s *Sender) pauseBulk(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if until := s.cfg.Now().Add(d); until.After(s.bulkPaused) {
		s.bulkPaused = until
	}
}

// waitBulkPause sleeps while the bulk lane is paused. It sleeps again only
// when another 429 extended the pause meanwhile.
func (s *Sender) waitBulkPause(ctx context.Context) error {
	var slept time.Time
	for {
		s.mu.Lock()
		until := s.bulkPaused
		d := until.Sub(s.cfg.Now())
		s.mu.Unlock()
		if d <= 0 || !until.After(slept) {
			return nil
		}
		if err := s.cfg.Sleep(ctx, d); err != nil {
			return err
		}
		slept = until
	}
}

// resultMessageID reads message_id from a result that is a Message; a True
// result, or one that does not decode, gives 0. Only the id is decoded, so a
// field the old library does not know cannot turn a delivered message into
// an error that would be retried.
func resultMessageID(res json.RawMessage) int {
	// Telegram writes message_id first: reading it there spares decoding
	// the whole message echoed back, a few percent of the bot's CPU.
	if rest, ok := bytes.CutPrefix(res, []byte(`{"message_id":`)); ok {
		if end := bytes.IndexAny(rest, ",}"); end > 0 {
			if id, err := strconv.Atoi(string(rest[:end])); err == nil {
				return id
			}
		}
	}
	var m struct {
		MessageID int `json:"message_id"`
	}
	if len(res) == 0 || res[0] != '{' || json.Unmarshal(res, &m) != nil {
		return 0
	}
	return m.MessageID
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// isUnreachable reports whether err says the chat cannot be written to.
func isUnreachable(err error) bool { return errors.Is(err, ErrUnreachable) }
