package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
)

// user is a Telegram user the fake knows; their private chat has the same
// id.
type user struct {
	id        int64
	firstName string
	lastName  string
	username  string
	lang      string
	phone     string
}

func (u *user) wire() wireUser {
	return wireUser{ID: u.id, FirstName: u.firstName, LastName: u.lastName, Username: u.username, LanguageCode: u.lang}
}

// chat holds what a chat looks like: its messages (the user's and the
// bot's, which share one id sequence), the reply keyboard currently shown,
// and whether the bot may still write there.
type chat struct {
	id       int64
	typ      string
	user     *user // the other party of a private chat
	lastID   int   // last message id used
	base     int   // id of msgs[0]; older ones fell off HistoryLimit
	msgs     []*storedMsg
	keyboard [][]KeyButton
	oneTime  bool
	blocked  bool
	gone     bool // the user's account was deleted (deactivated)
	instance string
}

func (c *chat) wire() wireChat {
	w := wireChat{ID: c.id, Type: c.typ}
	if c.user != nil {
		w.FirstName, w.LastName, w.Username = c.user.firstName, c.user.lastName, c.user.username
	}
	return w
}

// storedMsg is one message of a chat.
type storedMsg struct {
	wire    wireMessage
	fromBot bool
	deleted bool
	// buttons and markupKey describe the inline keyboard; markupKey is the
	// canonical JSON used to spot an edit that changes nothing.
	buttons   [][]Button
	markupKey string
	replyKB   [][]KeyButton
	removeKB  bool
	doc       *File
	photo     *File
}

// message returns the live message id of the chat, or nil.
func (c *chat) message(id int) *storedMsg {
	i := id - c.base
	if i < 0 || i >= len(c.msgs) || c.msgs[i].deleted {
		return nil
	}
	return c.msgs[i]
}

// add gives m the next message id and stores it.
func (c *chat) add(m *storedMsg, limit int) {
	c.lastID++
	m.wire.MessageID = c.lastID
	if len(c.msgs) == 0 {
		c.base = c.lastID
	}
	c.msgs = append(c.msgs, m)
	if limit > 0 && len(c.msgs) > limit {
		drop := len(c.msgs) - limit
		clear(c.msgs[:drop])
		c.msgs = c.msgs[drop:]
		c.base += drop
	}
}

// userLocked returns the user with id, creating them (and their private
// chat) on first sight, as Telegram does when a user first writes.
func (s *Server) userLocked(id int64) (*user, *chat) {
	u := s.users[id]
	if u == nil {
		u = &user{
			id:        id,
			firstName: "User",
			lastName:  strconv.FormatInt(id, 10),
			username:  "user" + strconv.FormatInt(id, 10),
			lang:      "id",
			phone:     fmt.Sprintf("+62812%08d", id%100000000),
		}
		s.users[id] = u
	}
	c := s.chats[id]
	if c == nil {
		c = &chat{id: id, typ: "private", user: u, instance: strconv.FormatInt(id*7919+1, 10)}
		s.chats[id] = c
	}
	return u, c
}

// chatByParam finds the chat a chat_id param names: a numeric id or the
// @username of a user the fake knows.
func (s *Server) chatByParam(v string) *chat {
	if name, ok := strings.CutPrefix(v, "@"); ok {
		for _, u := range s.users {
			if strings.EqualFold(u.username, name) {
				return s.chats[u.id]
			}
		}
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil
	}
	return s.chats[id]
}

// writable finds the target chat of a send or edit and checks that the
// bot may write there, with Telegram's errors in Telegram's order.
func (s *Server) writable(rq *request) (*chat, *apiError) {
	c := s.chatByParam(rq.params["chat_id"])
	if c == nil {
		return nil, badRequest("Bad Request: chat not found")
	}
	if c.gone {
		return nil, &apiError{code: 403, desc: "Forbidden: user is deactivated"}
	}
	if c.blocked {
		return nil, &apiError{code: 403, desc: "Forbidden: bot was blocked by the user"}
	}
	return c, nil
}
