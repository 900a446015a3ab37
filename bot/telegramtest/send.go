package telegramtest

import (
	"context"
	"encoding/json"
	"strconv"
)

// formatParam parses a text or caption param with parse_mode (or its
// explicit entities param) and applies its length limit, which Telegram
// counts after parsing.
func (s *Server) formatParam(rq *request, field, entField string) (string, []entity, *apiError) {
	var explicit []entity
	if v, ok := rq.decoded[entField]; ok {
		// Already checked against Array of MessageEntity; a round trip is
		// the simplest way to the struct, and explicit entities are rare.
		b, _ := json.Marshal(v)
		if err := json.Unmarshal(b, &explicit); err != nil {
			return "", nil, badRequest("Bad Request: can't parse entities JSON object")
		}
		if explicit == nil {
			explicit = []entity{}
		}
	}
	text, ents, desc := formatText(rq.params[field], rq.params["parse_mode"], explicit)
	if desc != "" {
		s.report("%s: %s: %s", rq.method.name, field, desc)
		return "", nil, badRequest(desc)
	}
	f := rq.method.byName[field]
	if f == nil || f.unit == unitNone {
		return text, ents, nil
	}
	n := utf16Len(text)
	switch {
	case field == "text" && n == 0:
		s.report("%s: text is empty after entity parsing and trimming", rq.method.name)
		return "", nil, badRequest("Bad Request: message text is empty")
	case field == "text" && n > f.maxLen:
		s.report("%s: text is %d characters after entity parsing, at most %d allowed", rq.method.name, n, f.maxLen)
		return "", nil, badRequest("Bad Request: message is too long")
	case field == "caption" && n > f.maxLen:
		s.report("%s: caption is %d characters after entity parsing, at most %d allowed", rq.method.name, n, f.maxLen)
		return "", nil, badRequest("Bad Request: message caption is too long")
	}
	return text, ents, nil
}

// markupParam reads reply_markup.
func (s *Server) markupParam(rq *request) (markup, *apiError) {
	v, ok := rq.decoded["reply_markup"]
	if !ok {
		return markup{}, nil
	}
	mk, desc, problem := parseMarkup(v, s.spec.types["InlineKeyboardButton"])
	if desc != "" {
		s.report("%s: reply_markup: %s", rq.method.name, problem)
		return markup{}, badRequest(desc)
	}
	return mk, nil
}

// applyMarkup attaches the keyboard to a new message and updates the
// reply keyboard the chat shows.
func applyMarkup(c *chat, m *storedMsg, mk markup) {
	switch mk.kind {
	case markupInline:
		m.buttons, m.markupKey, m.wire.ReplyMarkup = mk.buttons, string(mk.inline), mk.inline
	case markupReply:
		m.replyKB = mk.keyboard
		c.keyboard, c.oneTime = mk.keyboard, mk.oneTime
	case markupRemove:
		m.removeKB = true
		c.keyboard, c.oneTime = nil, false
	}
}

// replyTo resolves reply_to_message_id (legacy, what tgbotapi sends) or
// reply_parameters.
func (s *Server) replyTo(c *chat, rq *request, m *wireMessage) *apiError {
	id, allow := 0, false
	if v := rq.params["reply_to_message_id"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return badRequest("Bad Request: can't parse parameter \"reply_to_message_id\"")
		}
		id = n
		allow = isTrue(rq.params["allow_sending_without_reply"])
	}
	if rp, ok := rq.decoded["reply_parameters"].(map[string]any); ok {
		if n, ok := rp["message_id"].(json.Number); ok {
			v, _ := n.Int64()
			id = int(v)
		}
		allow, _ = rp["allow_sending_without_reply"].(bool)
	}
	if id == 0 {
		return nil
	}
	target := c.message(id)
	if target == nil {
		if allow {
			return nil
		}
		return badRequest("Bad Request: message to be replied not found")
	}
	cp := target.wire
	cp.ReplyToMessage = nil // Telegram does not nest replies further
	m.ReplyToMessage = &cp
	return nil
}

func isTrue(v string) bool {
	b, err := strconv.ParseBool(v)
	return err == nil && b || v == "yes"
}

func (s *Server) newBotMessage(c *chat) *storedMsg {
	return &storedMsg{fromBot: true, wire: wireMessage{From: &s.botUser, Chat: c.wire(), Date: s.now().Unix()}}
}

func (s *Server) sendMessage(_ context.Context, rq *request) reply {
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
	c, e := s.writable(rq)
	if e != nil {
		return reply{err: e}
	}
	m := s.newBotMessage(c)
	m.wire.Text, m.wire.Entities = text, ents
	if e := s.replyTo(c, rq, &m.wire); e != nil {
		return reply{err: e}
	}
	if e := s.admit(c.id, rq); e != nil {
		return reply{err: e}
	}
	applyMarkup(c, m, mk)
	c.add(m, s.opts.HistoryLimit)
	s.botChanged(c.id)
	s.notify()
	return ok(&m.wire)
}

var chatActions = map[string]bool{
	"typing": true, "upload_photo": true, "record_video": true, "upload_video": true,
	"record_voice": true, "upload_voice": true, "upload_document": true, "choose_sticker": true,
	"find_location": true, "record_video_note": true, "upload_video_note": true,
}

func (s *Server) sendChatAction(_ context.Context, rq *request) reply {
	if a := rq.params["action"]; !chatActions[a] {
		s.report("sendChatAction: unknown action %q", a)
		return fail(400, "Bad Request: wrong parameter action in request")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.writable(rq); e != nil {
		return reply{err: e}
	}
	return okTrue
}

func (s *Server) sendDocument(_ context.Context, rq *request) reply {
	return s.sendFile(rq, "document")
}

func (s *Server) sendPhoto(_ context.Context, rq *request) reply {
	return s.sendFile(rq, "photo")
}

// sendFile sends a document or photo given as an upload, a file_id or a
// URL.
func (s *Server) sendFile(rq *request, kind string) reply {
	caption, capEnts, e := s.formatParam(rq, "caption", "caption_entities")
	if e != nil {
		return reply{err: e}
	}
	mk, e := s.markupParam(rq)
	if e != nil {
		return reply{err: e}
	}
	up, ref := s.fileParam(rq, kind)
	var dims [2]int
	if up != nil && kind == "photo" {
		// Decoding happens outside the lock: it is the slow part.
		if dims, e = photoDims(up.data); e != nil {
			s.report("sendPhoto: %s: %s", up.filename, e.desc)
			return reply{err: e}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, e := s.writable(rq)
	if e != nil {
		return reply{err: e}
	}
	m := s.newBotMessage(c)
	m.wire.Caption, m.wire.CaptionEntities = caption, capEnts
	if e := s.replyTo(c, rq, &m.wire); e != nil {
		return reply{err: e}
	}
	var f *storedFile
	if up != nil {
		f = s.storeUpload(kind, up, dims)
	} else if f, e = s.fileByRef(kind, ref); e != nil {
		return reply{err: e}
	}
	if e := s.admit(c.id, rq); e != nil {
		return reply{err: e}
	}
	view := &File{Name: f.name, Data: f.data, Caption: caption, FileID: f.id}
	if kind == "photo" {
		m.wire.Photo, m.photo = f.sizes, view
	} else {
		m.wire.Document, m.doc = f.document(), view
	}
	applyMarkup(c, m, mk)
	c.add(m, s.opts.HistoryLimit)
	s.botChanged(c.id)
	s.notify()
	return ok(&m.wire)
}

// fileParam finds the file of a send: an upload part of that name or one
// an attach:// string names, else the string itself (file_id or URL).
func (s *Server) fileParam(rq *request, field string) (*upload, string) {
	if up := rq.files[field]; up != nil {
		return up, ""
	}
	ref := rq.params[field]
	if name, ok := cutAttach(ref); ok {
		return rq.files[name], ""
	}
	return nil, ref
}

func cutAttach(v string) (string, bool) {
	const p = "attach://"
	if len(v) > len(p) && v[:len(p)] == p {
		return v[len(p):], true
	}
	return "", false
}
