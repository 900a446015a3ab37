package telegramtest

import (
	"fmt"
	"mime"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// User describes a Telegram user to SetUser. Empty fields keep the
// defaults: first name "User", last name the id, username "user<id>",
// language "id", phone "+62812" and the id's last eight digits.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
	Phone        string
}

// SetUser registers a user (and their private chat) or changes their
// profile, without sending an update. A chat the bot may write to must
// have been seen first, as on Telegram.
func (s *Server) SetUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	known, _ := s.userLocked(u.ID)
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&known.firstName, u.FirstName)
	set(&known.lastName, u.LastName)
	set(&known.username, u.Username)
	set(&known.lang, u.LanguageCode)
	set(&known.phone, u.Phone)
	s.notify()
}

// SetUserPhone sets the phone number a request_contact button shares.
func (s *Server) SetUserPhone(userID int64, phone string) {
	s.SetUser(User{ID: userID, Phone: phone})
}

// callback is an issued callback query.
type callback struct {
	issued   time.Time
	answered bool
}

// userMessage stores a message from the user and queues its update.
// Callers hold s.mu.
func (s *Server) userMessage(userID int64, fill func(u *user, m *wireMessage)) {
	u, c := s.userLocked(userID)
	if c.gone {
		s.report("user %d is deactivated and cannot send anything", userID)
		return
	}
	if c.blocked {
		// Writing to a blocked bot means pressing "Restart", which
		// unblocks it first.
		c.blocked = false
		s.memberUpdate(u, c, "kicked", "member")
	}
	from := u.wire()
	m := &storedMsg{wire: wireMessage{From: &from, Chat: c.wire(), Date: s.now().Unix()}}
	fill(u, &m.wire)
	c.add(m, s.opts.HistoryLimit)
	cp := m.wire
	s.enqueue("message", &wireUpdate{Message: &cp})
}

// UserSends makes the user send text. "/cmd args" carries a bot_command
// entity at offset 0, which tgbotapi's IsCommand needs; links, mentions
// and hashtags get theirs too.
func (s *Server) UserSends(userID int64, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userText(userID, text)
}

func (s *Server) userText(userID int64, text string) {
	text, _ = trimText(text, nil)
	if text == "" {
		s.report("UserSends: a Telegram client cannot send empty text")
		return
	}
	s.userMessage(userID, func(_ *user, m *wireMessage) {
		m.Text = text
		m.Entities = detectEntities(text, nil)
	})
}

var startPayload = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// UserStarted makes the user open the bot through a deep link
// t.me/<bot>?start=PAYLOAD, which sends "/start PAYLOAD"; an empty payload
// is a plain /start. Telegram drops payloads outside [A-Za-z0-9_-]{1,64},
// so such a payload is reported as a test bug.
func (s *Server) UserStarted(userID int64, payload string) {
	text := "/start"
	if payload != "" {
		if !startPayload.MatchString(payload) {
			s.report("UserStarted: deep-link payload %q is not [A-Za-z0-9_-]{1,64}; Telegram would not deliver it", payload)
			return
		}
		text += " " + payload
	}
	s.UserSends(userID, text)
}

// UserPressed makes the user tap the inline button with callback data
// data on the bot's message messageID in their chat, and returns the
// callback query id. The button must be on the message as it is now; use
// UserPressedForged for data no button carries. A missing button is
// reported and "" returned.
func (s *Server) UserPressed(userID int64, messageID int, data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, c := s.userLocked(userID)
	m := c.message(messageID)
	if m == nil || !m.fromBot {
		s.report("UserPressed: chat %d has no bot message %d", userID, messageID)
		return ""
	}
	for _, row := range m.buttons {
		for _, b := range row {
			if b.Data == data && data != "" {
				return s.press(userID, messageID, data)
			}
		}
	}
	s.report("UserPressed: message %d in chat %d has no button with callback_data %q (buttons %v)", messageID, userID, data, m.buttons)
	return ""
}

// UserPressedForged sends a callback query with any data, as a modified
// client could, for security tests. If the message does not exist the
// query carries an inaccessible message, as for a deleted one.
func (s *Server) UserPressedForged(userID int64, messageID int, data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.press(userID, messageID, data)
}

// press issues a callback query. Callers hold s.mu.
func (s *Server) press(userID int64, messageID int, data string) string {
	u, c := s.userLocked(userID)
	s.cbSeq++
	id := strconv.FormatInt(4_300_000_000_000_000_000+s.cbSeq, 10)
	s.callbacks[id] = &callback{issued: s.now()}
	s.cbOrder = append(s.cbOrder, id)
	q := &wireCallbackQuery{ID: id, From: u.wire(), ChatInstance: c.instance, Data: data}
	if m := c.message(messageID); m != nil {
		cp := m.wire
		q.Message = &cp
	} else {
		q.Message = &wireInaccessible{Chat: c.wire(), MessageID: messageID, Date: 0}
	}
	s.enqueue("callback_query", &wireUpdate{CallbackQuery: q})
	return id
}

// UserSharedContact makes the user share a contact: their own phone when
// contactUserID is their id (what a request_contact button sends), or
// someone else's.
func (s *Server) UserSharedContact(userID int64, phone string, contactUserID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.contact(userID, phone, contactUserID)
}

func (s *Server) contact(userID int64, phone string, contactUserID int64) {
	s.userMessage(userID, func(u *user, m *wireMessage) {
		ct := &wireContact{PhoneNumber: phone, FirstName: "Contact", UserID: contactUserID}
		if other := s.users[contactUserID]; other != nil {
			ct.FirstName, ct.LastName = other.firstName, other.lastName
		}
		m.Contact = ct
	})
}

// UserSendsSticker makes the user send a sticker.
func (s *Server) UserSendsSticker(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userMessage(userID, func(u *user, m *wireMessage) {
		f := s.userFile("sticker", u.id, len(s.files))
		m.Sticker = &wireSticker{FileID: f.id, FileUniqueID: f.uniqueID, Type: "regular", Width: 512, Height: 512, Emoji: "👍", FileSize: 24000}
	})
}

// UserSendsPhoto makes the user send a photo.
func (s *Server) UserSendsPhoto(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userPhoto(userID, "", nil)
}

// userPhoto sends a photo with a caption from the user. Callers hold s.mu.
func (s *Server) userPhoto(userID int64, caption string, ents []entity) {
	s.userMessage(userID, func(u *user, m *wireMessage) {
		f := s.userFile("photo", u.id, len(s.files))
		f.size = 120000
		if f.sizes == nil {
			s.photoSizes(f, 1280, 960)
		}
		m.Photo = f.sizes
		m.Caption, m.CaptionEntities = caption, ents
	})
}

// Limits of what a user can send in one message, in UTF-16 code units
// after the formatting is taken out. Longer text is split by the app.
const (
	userTextLimit    = 4096
	userCaptionLimit = 1024
)

// UserSendsFormatted makes the user send text they formatted in their app
// (bold, italic, links, quotes, ...), given as Telegram HTML: the update
// carries the plain text and its entities, as Telegram sends them, with
// links, mentions and commands detected. A link to tg://user?id=N is a
// mention of that user (a text_mention entity). HTML Telegram would not
// accept, empty text or text over 4096 characters is reported as a test
// bug.
func (s *Server) UserSendsFormatted(userID int64, html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	text, ents, ok := s.userFormatted("UserSendsFormatted", html, userTextLimit)
	if !ok {
		return
	}
	if text == "" {
		s.report("UserSendsFormatted: a Telegram client cannot send empty text")
		return
	}
	s.userMessage(userID, func(_ *user, m *wireMessage) {
		m.Text, m.Entities = text, ents
	})
}

// UserSendsPhotoCaption makes the user send a photo with a caption given as
// Telegram HTML, as UserSendsFormatted; "" sends no caption. A caption is
// at most 1024 characters.
func (s *Server) UserSendsPhotoCaption(userID int64, captionHTML string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	caption, ents, ok := s.userFormatted("UserSendsPhotoCaption", captionHTML, userCaptionLimit)
	if !ok {
		return
	}
	s.userPhoto(userID, caption, ents)
}

// UserSendsDocument makes the user send a file named name (may be empty)
// with a caption given as Telegram HTML, as UserSendsPhotoCaption. The file
// has no content; the bot can send it on by its file_id.
func (s *Server) UserSendsDocument(userID int64, name, captionHTML string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	caption, ents, ok := s.userFormatted("UserSendsDocument", captionHTML, userCaptionLimit)
	if !ok {
		return
	}
	s.userMessage(userID, func(u *user, m *wireMessage) {
		f := s.userFile("document", u.id, len(s.files))
		f.name, f.mime, f.size = name, mime.TypeByExtension(path.Ext(name)), 48000
		if f.mime == "" && name != "" {
			f.mime = "application/octet-stream"
		}
		m.Document = f.document()
		m.Caption, m.CaptionEntities = caption, ents
	})
}

// userFormatted parses what a user typed with formatting into text and
// entities as Telegram delivers them. ok is false, with a report, when
// Telegram would not take it. Callers hold s.mu.
func (s *Server) userFormatted(helper, html string, limit int) (text string, ents []entity, ok bool) {
	text, ents, desc := formatText(html, "HTML", nil)
	if desc != "" {
		s.report("%s: %s", helper, desc)
		return "", nil, false
	}
	if n := utf16Len(text); n > limit {
		s.report("%s: %d characters after parsing, a Telegram message holds at most %d", helper, n, limit)
		return "", nil, false
	}
	for i, e := range ents {
		id, isMention := strings.CutPrefix(e.URL, "tg://user?id=")
		n, err := strconv.ParseInt(id, 10, 64)
		if e.Type != "text_link" || !isMention || err != nil || n <= 0 {
			continue
		}
		mentioned := wireUser{ID: n, FirstName: "User"}
		if u := s.users[n]; u != nil {
			mentioned = u.wire()
		}
		ents[i] = entity{Type: "text_mention", Offset: e.Offset, Length: e.Length, User: &mentioned}
	}
	return text, ents, true
}

// UserSendsVoice makes the user send a voice message.
func (s *Server) UserSendsVoice(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userMessage(userID, func(u *user, m *wireMessage) {
		f := s.userFile("voice", u.id, len(s.files))
		m.Voice = &wireVoice{FileID: f.id, FileUniqueID: f.uniqueID, Duration: 3, MimeType: "audio/ogg", FileSize: 9000}
	})
}

// UserTapsKeyboard makes the user tap the reply keyboard button labelled
// buttonText: a request_contact button shares the user's phone (see
// SetUserPhone), any other sends its text. A one_time_keyboard hides
// after the tap. It fails when no such button is shown.
func (s *Server) UserTapsKeyboard(userID int64, buttonText string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[userID]
	if c == nil || c.keyboard == nil {
		return fmt.Errorf("telegramtest: chat %d shows no reply keyboard", userID)
	}
	for _, row := range c.keyboard {
		for _, b := range row {
			if b.Text != buttonText {
				continue
			}
			if c.oneTime {
				c.keyboard, c.oneTime = nil, false
			}
			if b.RequestContact {
				s.contact(userID, c.user.phone, userID)
			} else {
				s.userText(userID, b.Text)
			}
			return nil
		}
	}
	var labels []string
	for _, row := range c.keyboard {
		for _, b := range row {
			labels = append(labels, strconv.Quote(b.Text))
		}
	}
	return fmt.Errorf("telegramtest: chat %d keyboard has no button %q (has %s)", userID, buttonText, strings.Join(labels, ", "))
}
