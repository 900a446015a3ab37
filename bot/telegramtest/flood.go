package telegramtest

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

// Limits configure the flood simulation: token buckets per chat and for
// the whole bot. A zero rate turns that bucket off; the zero Limits (the
// default) turns flood control off, because benchmarks push thousands of
// messages a second through the fake.
type Limits struct {
	PerChatPerSecond float64
	PerChatBurst     int
	GlobalPerSecond  float64
	GlobalBurst      int
}

// DefaultLimits are Telegram's published ballpark: about one message a
// second per chat with a short burst, and 30 a second overall.
func DefaultLimits() Limits {
	return Limits{PerChatPerSecond: 1, PerChatBurst: 3, GlobalPerSecond: 30, GlobalBurst: 30}
}

// SetLimits turns flood control on (or off with the zero Limits), starting
// with full buckets. It applies to sends and edits.
func (s *Server) SetLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = l
	s.global = bucket{}
	clear(s.perChat)
}

// bucket is a token bucket; the zero value is full.
type bucket struct {
	tokens float64
	last   time.Time
}

// available refills the bucket up to now and returns its tokens.
func (b *bucket) available(now time.Time, rate float64, burst int) float64 {
	capacity := float64(max(burst, 1))
	if b.last.IsZero() {
		b.tokens, b.last = capacity, now
	}
	if d := now.Sub(b.last); d > 0 {
		b.tokens = min(capacity, b.tokens+d.Seconds()*rate)
		b.last = now
	}
	return b.tokens
}

// wait is how long until the bucket holds a whole token.
func wait(tokens, rate float64) time.Duration {
	return time.Duration((1 - tokens) / rate * float64(time.Second))
}

// admit takes a token from the chat's and the global bucket, or answers
// 429 with retry_after rounded up to whole seconds like Telegram. Neither
// bucket is charged when either is empty. Callers hold s.mu.
func (s *Server) admit(chatID int64, rq *request) *apiError {
	l := s.limits
	if l.PerChatPerSecond <= 0 && l.GlobalPerSecond <= 0 {
		return nil
	}
	now := s.now()
	var longest time.Duration
	var cb *bucket
	if l.PerChatPerSecond > 0 {
		cb = s.perChat[chatID]
		if cb == nil {
			cb = &bucket{}
			s.perChat[chatID] = cb
		}
		if t := cb.available(now, l.PerChatPerSecond, l.PerChatBurst); t < 1 {
			longest = max(longest, wait(t, l.PerChatPerSecond))
		}
	}
	if l.GlobalPerSecond > 0 {
		if t := s.global.available(now, l.GlobalPerSecond, l.GlobalBurst); t < 1 {
			longest = max(longest, wait(t, l.GlobalPerSecond))
		}
	}
	if longest > 0 {
		ra := max(1, int(math.Ceil(longest.Seconds())))
		return &apiError{code: 429, desc: fmt.Sprintf("Too Many Requests: retry after %d", ra), retryAfter: ra}
	}
	if cb != nil {
		cb.tokens--
	}
	if l.GlobalPerSecond > 0 {
		s.global.tokens--
	}
	return nil
}

// failure is one error FailNext queued.
type failure struct {
	method string
	chatID int64
	err    apiError
}

// FailNext makes the next matching call fail once with code and
// description, before any other processing. method "" matches any method
// (case-insensitive otherwise); chatID 0 matches any chat. retryAfter adds
// parameters.retry_after and the Retry-After header. An empty description
// takes Telegram's usual one for the code. 502, 503 and 504 answer with
// nginx's HTML page, as a gateway in front of Telegram does, so the client
// sees a body that is not JSON.
func (s *Server) FailNext(method string, chatID int64, code int, description string, retryAfter int) {
	html := code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout
	if description == "" {
		description = defaultDesc(code, retryAfter)
		if html {
			description = fmt.Sprintf("%d %s", code, http.StatusText(code))
		}
	}
	e := apiError{code: code, desc: description, retryAfter: retryAfter, html: html}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails = append(s.fails, failure{method: method, chatID: chatID, err: e})
}

func defaultDesc(code, retryAfter int) string {
	switch code {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden: bot was blocked by the user"
	case 409:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case 429:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case 500:
		return "Internal Server Error"
	}
	return http.StatusText(code)
}

// injected pops the first queued failure that matches the call.
func (s *Server) injected(method string, chatID int64) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.fails {
		if (f.method == "" || strings.EqualFold(f.method, method)) && (f.chatID == 0 || f.chatID == chatID) {
			s.fails = append(s.fails[:i], s.fails[i+1:]...)
			e := f.err
			return &e
		}
	}
	return nil
}

// BlockUser makes the user block the bot: every send or edit to their chat
// answers 403 "Forbidden: bot was blocked by the user", and the bot gets a
// my_chat_member update with status "kicked".
func (s *Server) BlockUser(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, c := s.userLocked(id)
	if c.blocked {
		return
	}
	c.blocked = true
	s.memberUpdate(u, c, "member", "kicked")
}

// UnblockUser undoes BlockUser; the bot gets a my_chat_member update with
// status "member".
func (s *Server) UnblockUser(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, c := s.userLocked(id)
	if !c.blocked {
		return
	}
	c.blocked = false
	s.memberUpdate(u, c, "kicked", "member")
}

// DeactivateUser deletes the user's account: sends and edits to their chat
// answer 403 "Forbidden: user is deactivated".
func (s *Server) DeactivateUser(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, c := s.userLocked(id)
	c.gone = true
	s.notify()
}

// memberUpdate enqueues a my_chat_member update about the bot's status in
// a private chat. Callers hold s.mu.
func (s *Server) memberUpdate(u *user, c *chat, from, to string) {
	member := func(status string) wireChatMember {
		m := wireChatMember{Status: status, User: s.botUser}
		if status == "kicked" {
			var forever int64 // until_date 0: banned for ever
			m.UntilDate = &forever
		}
		return m
	}
	s.enqueue("my_chat_member", &wireUpdate{MyChatMember: &wireChatMemberUpdated{
		Chat: c.wire(), From: u.wire(), Date: s.now().Unix(),
		OldChatMember: member(from), NewChatMember: member(to),
	}})
}
