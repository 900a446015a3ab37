package telegramtest

import "time"

// Entry is one message of a private chat as its user sees it, for the
// sandbox's page: unlike Messages it includes the user's own messages and
// keeps the formatting as entities, so the page can draw it without
// parsing HTML.
type Entry struct {
	ID      int
	FromBot bool
	// Text is the text or caption; Entities format it, with offsets and
	// lengths in UTF-16 code units as in the Bot API.
	Text     string
	Entities []Entity
	// Buttons, ReplyKeyboard, RemoveKeyboard, Edited, Document and Photo
	// are as in Message (bot messages only).
	Buttons        [][]Button
	ReplyKeyboard  [][]KeyButton
	RemoveKeyboard bool
	Edited         bool
	Document       *File
	Photo          *File
	// Contact is the phone number the user shared; Attachment names
	// what else a user sent without text ("sticker", "photo", "voice",
	// "document").
	Contact    string
	Attachment string
	Date       time.Time
}

// Entity is a formatting entity (bold, italic, text_link, bot_command,
// ...) of an Entry's text.
type Entity struct {
	Type   string
	Offset int
	Length int
	URL    string
}

// Transcript returns every message of the private chat with chatID that
// is still there (the oldest may have fallen off Options.HistoryLimit),
// the user's and the bot's, oldest first.
func (s *Server) Transcript(chatID int64) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Entry, 0, len(c.msgs))
	for _, m := range c.msgs {
		if m.deleted {
			continue
		}
		v := m.view(chatID)
		e := Entry{
			ID: v.ID, FromBot: m.fromBot, Text: v.Text,
			Buttons: v.Buttons, ReplyKeyboard: v.ReplyKeyboard, RemoveKeyboard: v.RemoveKeyboard,
			Edited: v.Edited, Document: v.Document, Photo: v.Photo, Date: v.Date,
		}
		ents := m.wire.Entities
		if m.wire.Text == "" {
			ents = m.wire.CaptionEntities
		}
		for _, en := range ents {
			e.Entities = append(e.Entities, Entity{Type: en.Type, Offset: en.Offset, Length: en.Length, URL: en.URL})
		}
		w := m.wire
		switch {
		case w.Contact != nil:
			e.Contact = w.Contact.PhoneNumber
		case w.Sticker != nil:
			e.Attachment = "sticker"
		case w.Voice != nil:
			e.Attachment = "voice"
		case !m.fromBot && len(w.Photo) > 0:
			e.Attachment = "photo"
		case !m.fromBot && w.Document != nil:
			e.Attachment = "document"
		}
		out = append(out, e)
	}
	return out
}
