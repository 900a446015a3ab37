package telegramtest

import (
	"context"
	"slices"
	"strconv"
)

const notModified = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

// editTarget finds the message an edit names. Inline messages (sent via
// inline mode) do not exist in this fake.
func (s *Server) editTarget(rq *request) (*chat, *storedMsg, *apiError) {
	if rq.params["inline_message_id"] != "" {
		return nil, nil, badRequest("Bad Request: MESSAGE_ID_INVALID")
	}
	if rq.params["chat_id"] == "" {
		s.report("%s: needs chat_id and message_id (or inline_message_id)", rq.method.name)
		return nil, nil, badRequest("Bad Request: chat_id is empty")
	}
	if rq.params["message_id"] == "" {
		s.report("%s: needs message_id with chat_id", rq.method.name)
		return nil, nil, badRequest("Bad Request: message identifier is not specified")
	}
	c, e := s.writable(rq)
	if e != nil {
		return nil, nil, e
	}
	id, _ := strconv.Atoi(rq.params["message_id"])
	m := c.message(id)
	if m == nil {
		return nil, nil, badRequest("Bad Request: message to edit not found")
	}
	if !m.fromBot {
		return nil, nil, badRequest("Bad Request: message can't be edited")
	}
	return c, m, nil
}

func (s *Server) editMessageText(_ context.Context, rq *request) reply {
	text, ents, e := s.formatParam(rq, "text", "entities")
	if e != nil {
		return reply{err: e}
	}
	mk, e := s.markupParam(rq)
	if e != nil {
		return reply{err: e}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, e := s.editTarget(rq)
	if e != nil {
		return reply{err: e}
	}
	if m.wire.Text == "" {
		return fail(400, "Bad Request: there is no text in the message to edit")
	}
	if m.wire.Text == text && slices.Equal(m.wire.Entities, ents) && m.markupKey == string(mk.inline) {
		return fail(400, notModified)
	}
	if e := s.admit(c.id, rq); e != nil {
		return reply{err: e}
	}
	m.wire.Text, m.wire.Entities = text, ents
	s.setInline(m, mk)
	m.wire.EditDate = s.now().Unix()
	s.botChanged(c.id)
	s.notify()
	return ok(&m.wire)
}

func (s *Server) editMessageReplyMarkup(_ context.Context, rq *request) reply {
	mk, e := s.markupParam(rq)
	if e != nil {
		return reply{err: e}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, e := s.editTarget(rq)
	if e != nil {
		return reply{err: e}
	}
	if m.markupKey == string(mk.inline) {
		return fail(400, notModified)
	}
	if e := s.admit(c.id, rq); e != nil {
		return reply{err: e}
	}
	s.setInline(m, mk)
	m.wire.EditDate = s.now().Unix()
	s.botChanged(c.id)
	s.notify()
	return ok(&m.wire)
}

// setInline replaces a message's inline keyboard; an edit without
// reply_markup removes it, as on Telegram.
func (s *Server) setInline(m *storedMsg, mk markup) {
	m.buttons, m.markupKey, m.wire.ReplyMarkup = mk.buttons, string(mk.inline), mk.inline
}

func (s *Server) deleteMessage(_ context.Context, rq *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatByParam(rq.params["chat_id"])
	if c == nil {
		return fail(400, "Bad Request: chat not found")
	}
	id, _ := strconv.Atoi(rq.params["message_id"])
	m := c.message(id)
	if m == nil {
		return fail(400, "Bad Request: message to delete not found")
	}
	m.deleted = true
	s.botChanged(c.id)
	s.notify()
	return okTrue
}
