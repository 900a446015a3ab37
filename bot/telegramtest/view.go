package telegramtest

import (
	"context"
	"errors"
	"maps"
	"strings"
	"time"
)

// Message is a message the bot sent, as the user sees it now: edits are
// applied in place and deleted messages are gone.
type Message struct {
	ID     int
	ChatID int64
	// Text is the text after parse_mode was applied (tags removed, white
	// space trimmed), or the caption of a document or photo.
	Text string
	// Buttons is the inline keyboard under the message.
	Buttons [][]Button
	// ReplyKeyboard is the reply keyboard this message brought up;
	// RemoveKeyboard says it removed the one shown.
	ReplyKeyboard  [][]KeyButton
	RemoveKeyboard bool
	Edited         bool
	Document       *File
	Photo          *File
	Date           time.Time
}

// Button is an inline keyboard button.
type Button struct {
	Text, Data, URL string
}

// KeyButton is a reply keyboard button.
type KeyButton struct {
	Text           string
	RequestContact bool
}

// File is a document or photo the bot sent. Data is nil when it was sent
// by URL.
type File struct {
	Name    string
	Data    []byte
	Caption string
	FileID  string
}

// Call is one request the server received.
type Call struct {
	Method string // as the spec spells it, e.g. "sendMessage"
	Params map[string]string
	Files  map[string]File
	At     time.Time
}

// BotCommand is one entry of the bot's command menu.
type BotCommand struct {
	Command, Description string
}

func (m *storedMsg) view(chatID int64) Message {
	v := Message{
		ID:             m.wire.MessageID,
		ChatID:         chatID,
		Text:           m.wire.Text,
		Buttons:        m.buttons,
		ReplyKeyboard:  m.replyKB,
		RemoveKeyboard: m.removeKB,
		Edited:         m.wire.EditDate != 0,
		Document:       m.doc,
		Photo:          m.photo,
		Date:           time.Unix(m.wire.Date, 0),
	}
	if v.Text == "" {
		v.Text = m.wire.Caption
	}
	return v
}

// Messages returns the messages the bot sent to a chat, oldest first. The
// user's own messages are not included.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	var out []Message
	for _, m := range c.msgs {
		if m.fromBot && !m.deleted {
			out = append(out, m.view(chatID))
		}
	}
	return out
}

// LastMessage returns the bot's latest message in a chat.
func (s *Server) LastMessage(chatID int64) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return Message{}, false
	}
	for i := len(c.msgs) - 1; i >= 0; i-- {
		if m := c.msgs[i]; m.fromBot && !m.deleted {
			return m.view(chatID), true
		}
	}
	return Message{}, false
}

// ReplyKeyboard returns the reply keyboard the user currently sees in a
// chat, nil if none.
func (s *Server) ReplyKeyboard(chatID int64) [][]KeyButton {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		return c.keyboard
	}
	return nil
}

// ErrClosed is returned by Wait when the server closes first.
var ErrClosed = errors.New("telegramtest: server closed")

// Wait blocks until cond returns true, re-checking it after every change of
// the server's state, or until ctx ends or the server closes. cond may call
// the server's methods.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		ch := s.changed
		s.mu.Unlock()
		// Checked after taking the channel, so a change in between still
		// wakes us.
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
			return ErrClosed
		}
	}
}

// WaitForMessages waits until the bot has sent at least n messages to a
// chat and returns them all.
func (s *Server) WaitForMessages(ctx context.Context, chatID int64, n int) ([]Message, error) {
	var msgs []Message
	err := s.Wait(ctx, func() bool {
		msgs = s.Messages(chatID)
		return len(msgs) >= n
	})
	return msgs, err
}

// Calls returns the recorded calls of a method (matched case-insensitively),
// or all calls when method is "". Recording must be on (Options.RecordCalls).
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

func (s *Server) record(rq *request) {
	c := Call{Method: rq.method.name, Params: maps.Clone(rq.params), At: s.now()}
	if len(rq.files) > 0 {
		c.Files = make(map[string]File, len(rq.files))
		for k, f := range rq.files {
			c.Files[k] = File{Name: f.filename, Data: f.data}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.calls) >= maxCalls {
		s.calls = append(s.calls[:0], s.calls[maxCalls/2:]...)
	}
	s.calls = append(s.calls, c)
}
