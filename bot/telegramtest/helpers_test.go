package telegramtest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// newBot connects the real client to s. Its HTTP client has a timeout
// longer than any long poll in these tests, so a hung fake fails instead of
// hanging.
func newBot(t testing.TB, s *Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithClient(Token, s.Endpoint(), &http.Client{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return bot
}

// recorder collects reports instead of failing the test, for tests that
// make violations on purpose.
type recorder struct {
	mu   sync.Mutex
	msgs []string
}

func (r *recorder) Report(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// take returns the reports so far and forgets them.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.msgs
	r.msgs = nil
	return out
}

func newRecorded(t testing.TB) (*Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	s := NewWithOptions(t, Options{Report: rec.Report, RecordCalls: true, CheckResults: true})
	return s, rec
}

// apiErr unwraps the client's error type.
func apiErr(t testing.TB, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *tgbotapi.Error", err, err)
	}
	return e
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// poll fetches queued updates without waiting and confirms them.
func poll(t testing.TB, bot *tgbotapi.BotAPI) []tgbotapi.Update {
	t.Helper()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil {
		t.Fatalf("GetUpdates: %v", err)
	}
	if len(ups) > 0 {
		if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[len(ups)-1].UpdateID + 1}); err != nil {
			t.Fatalf("GetUpdates (confirm): %v", err)
		}
	}
	return ups
}

// clock is a fake clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func containsAny(msgs []string, sub string) bool {
	for _, m := range msgs {
		if strings.Contains(m, sub) {
			return true
		}
	}
	return false
}
