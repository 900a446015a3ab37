package telegramtest

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"
)

// firstUpdateID is where update ids start; Telegram's start at some large
// positive number, and starting away from 0 catches a bot that confuses
// "no offset" with offset 0.
const firstUpdateID = 100_000_000

// queuedUpdate is an update waiting for getUpdates, already encoded.
type queuedUpdate struct {
	id   int64
	kind string // "message", "callback_query", ...
	raw  []byte
}

// poller is an in-flight getUpdates; kicked is closed when a newer
// getUpdates or setWebhook ends it, with reason as the 409 description.
type poller struct {
	kicked chan struct{}
	reason string
}

const (
	conflictPoll    = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	conflictWebhook = "Conflict: terminated by setWebhook request"
)

// enqueue numbers and encodes an update and wakes the long poll. Callers
// hold s.mu.
func (s *Server) enqueue(kind string, u *wireUpdate) {
	s.lastUpdID++
	u.UpdateID = s.lastUpdID
	raw, err := json.Marshal(u)
	if err != nil {
		panic("telegramtest: marshal update: " + err.Error())
	}
	s.push(queuedUpdate{id: u.UpdateID, kind: kind, raw: raw})
}

func (s *Server) push(q queuedUpdate) {
	s.updates = append(s.updates, q)
	if s.arrived != nil {
		close(s.arrived)
		s.arrived = nil
	}
	s.notify()
}

// InjectUpdate queues any update, for kinds the helpers do not cover. Its
// update_id is replaced by the next one in sequence; the update is checked
// against the spec and problems are reported.
func (s *Server) InjectUpdate(raw json.RawMessage) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		s.report("InjectUpdate: not a JSON object: %v", err)
		return
	}
	delete(obj, "update_id")
	kind := ""
	for k := range obj {
		kind = k
	}
	if len(obj) != 1 {
		s.report("InjectUpdate: an update has exactly one field besides update_id, got %d", len(obj))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if kind != "" {
		s.learnUsers(obj[kind])
	}
	s.lastUpdID++
	obj["update_id"] = json.RawMessage(strconv.FormatInt(s.lastUpdID, 10))
	b, _ := json.Marshal(obj)
	if m := s.spec.types["Update"]; m != nil {
		c := checker{method: "InjectUpdate"}
		if v, err := decodeJSON(string(b)); err == nil {
			p := jsonPath{key: "update"}
			checkObject(&c, &p, v, m)
		}
		for _, p := range c.problems {
			s.report("%s", p)
		}
	}
	s.push(queuedUpdate{id: s.lastUpdID, kind: kind, raw: b})
}

// learnUsers registers the user an injected update comes from, so the bot
// can answer them as it could on Telegram. Callers hold s.mu.
func (s *Server) learnUsers(raw json.RawMessage) {
	var u struct {
		From *struct {
			ID    int64 `json:"id"`
			IsBot bool  `json:"is_bot"`
		} `json:"from"`
	}
	if json.Unmarshal(raw, &u) == nil && u.From != nil && u.From.ID > 0 && !u.From.IsBot {
		s.userLocked(u.From.ID)
	}
}

// PendingUpdates is the number of updates queued and not yet confirmed by
// a getUpdates offset.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// confirm drops what an offset confirms: every update below a positive
// offset, or all but the last -offset for a negative one. Callers hold
// s.mu.
func (s *Server) confirm(offset int64) {
	n := 0
	switch {
	case offset > 0:
		for n < len(s.updates) && s.updates[n].id < offset {
			n++
		}
	case offset < 0:
		n = max(0, len(s.updates)-int(-offset))
	}
	if n > 0 {
		clear(s.updates[:n])
		s.updates = s.updates[n:]
		s.notify()
	}
}

func (s *Server) getUpdates(ctx context.Context, rq *request) reply {
	offset, _ := strconv.ParseInt(rq.params["offset"], 10, 64)
	limit := 100
	if v := rq.params["limit"]; v != "" {
		n, _ := strconv.Atoi(v)
		limit = min(max(n, 1), 100)
	}
	timeout, _ := strconv.Atoi(rq.params["timeout"])
	timeout = min(max(timeout, 0), 50)
	var allowed []string
	if v, ok := rq.decoded["allowed_updates"].([]any); ok {
		for _, a := range v {
			allowed = append(allowed, str(a))
		}
	}

	s.mu.Lock()
	if s.webhook.url != "" {
		s.mu.Unlock()
		return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	}
	s.kickPoll(conflictPoll)
	me := &poller{kicked: make(chan struct{})}
	s.poll = me
	s.notify() // tests may wait for the poll to be parked
	s.confirm(offset)
	var timer *time.Timer
	expired := false
	for {
		batch := make([]byte, 0, 256)
		batch = append(batch, '[')
		n := 0
		for _, u := range s.updates {
			if n == limit {
				break
			}
			if len(allowed) > 0 && !slices.Contains(allowed, u.kind) {
				continue
			}
			if n > 0 {
				batch = append(batch, ',')
			}
			batch = append(batch, u.raw...)
			n++
		}
		batch = append(batch, ']')
		if n > 0 || timeout == 0 || expired {
			if s.poll == me {
				s.poll = nil
			}
			s.mu.Unlock()
			return reply{result: batch}
		}
		if s.arrived == nil {
			s.arrived = make(chan struct{})
		}
		ch := s.arrived
		s.mu.Unlock()
		if timer == nil {
			timer = time.NewTimer(time.Duration(timeout) * time.Second)
			defer timer.Stop()
		}
		select {
		case <-ch:
		case <-timer.C:
			expired = true
		case <-me.kicked:
			return fail(409, me.reason)
		case <-ctx.Done():
			s.leavePoll(me)
			return reply{result: []byte("[]")}
		case <-s.done:
			s.leavePoll(me)
			return reply{result: []byte("[]")}
		}
		s.mu.Lock()
		select {
		case <-me.kicked:
			s.mu.Unlock()
			return fail(409, me.reason)
		default:
		}
	}
}

func (s *Server) leavePoll(me *poller) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.poll == me {
		s.poll = nil
	}
}

// kickPoll ends the in-flight getUpdates with a 409. Callers hold s.mu.
func (s *Server) kickPoll(reason string) {
	if s.poll != nil {
		s.poll.reason = reason
		close(s.poll.kicked)
		s.poll = nil
	}
}
