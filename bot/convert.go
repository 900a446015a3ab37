package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ikmbot"
)

// eventFromUpdate turns an update into the domain's Event. ok is false for
// updates the bot has no use for: edited messages, kinds the library does
// not know, and anything outside a private chat with a user. The bot is a
// one-to-one service: in a group it would post owners' personal data for
// everyone to read, and its state is keyed by user, not by group.
//
// In a private chat the chat id is the user's id, which the handlers rely on.
func eventFromUpdate(upd update) (ev ikmbot.Event, ok bool) {
	ev.UpdateID = int64(upd.UpdateID)
	switch {
	case upd.Message != nil:
		return eventFromMessage(ev, upd.Message)
	case upd.CallbackQuery != nil:
		return eventFromCallback(ev, upd.CallbackQuery)
	case upd.MyChatMember != nil:
		return eventFromMember(ev, upd.MyChatMember)
	}
	return ev, false
}

func eventFromMessage(ev ikmbot.Event, m *message) (ikmbot.Event, bool) {
	if !privateWith(m.Chat, m.From) {
		return ev, false
	}
	ev.ChatID = m.Chat.ID
	setUser(&ev, m.From)
	cmd, args, isCmd := command(m)
	switch {
	case m.Contact != nil:
		ev.Kind = ikmbot.EventContact
		ev.ContactPhone = m.Contact.PhoneNumber
		ev.ContactUserID = m.Contact.UserID
	case isCmd:
		ev.Kind = ikmbot.EventCommand
		ev.Command = strings.ToLower(cmd)
		ev.Text = strings.TrimSpace(args)
	case m.Text != "":
		ev.Kind = ikmbot.EventText
		ev.Text = m.Text
		ev.HTML = entitiesHTML(m.Text, m.Entities)
	default:
		// Stickers, photos, voice notes, documents, locations and the like.
		// A photo or document keeps its file and caption for a step that
		// takes one (a broadcast); every other step says it cannot read it.
		ev.Kind = ikmbot.EventOther
		switch {
		case len(m.Photo) > 0:
			ev.PhotoID = largestPhoto(m.Photo)
		case m.Document != nil:
			ev.DocumentID, ev.DocumentName = m.Document.FileID, m.Document.FileName
		default:
			return ev, true
		}
		ev.Text = m.Caption
		ev.HTML = entitiesHTML(m.Caption, m.CaptionEntities)
	}
	return ev, true
}

// largestPhoto is the file_id of the largest size of a photo. Telegram
// lists the sizes smallest first; the area decides anyway, the last of
// equals winning.
func largestPhoto(sizes []photoSize) string {
	best := 0
	for i, p := range sizes {
		if p.Width*p.Height >= sizes[best].Width*sizes[best].Height {
			best = i
		}
	}
	return sizes[best].FileID
}

// command parses a message that starts with a bot_command entity, as
// go-telegram-bot-api's Message.IsCommand, Command and CommandArguments
// did: name is the entity's text after the '/' without any "@botname",
// args the text after the entity and the one character that follows it.
// Like the library it treats the entity's length (UTF-16 units) as bytes,
// which is exact for commands, which are ASCII; unlike the library it
// checks bounds, so an entity longer than the text is not a command
// rather than a panic.
func command(m *message) (name, args string, ok bool) {
	if len(m.Entities) == 0 {
		return "", "", false
	}
	e := m.Entities[0]
	n := e.Length
	if e.Offset != 0 || e.Type != "bot_command" || n <= 1 || n > len(m.Text) {
		return "", "", false
	}
	name = m.Text[1:n]
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	if n < len(m.Text) {
		args = m.Text[n+1:]
	}
	return name, args, true
}

func eventFromCallback(ev ikmbot.Event, q *callbackQuery) (ikmbot.Event, bool) {
	ev.Kind = ikmbot.EventCallback
	ev.CallbackID = q.ID
	ev.CallbackData = q.Data
	setUser(&ev, q.From)
	// A tap without a message comes from inline mode, which the bot does
	// not offer.
	if q.Message == nil || !privateWith(q.Message.Chat, q.From) {
		return ev, false
	}
	ev.ChatID = q.Message.Chat.ID
	ev.MessageID = q.Message.MessageID
	return ev, true
}

func eventFromMember(ev ikmbot.Event, u *chatMember) (ikmbot.Event, bool) {
	if !privateWith(&u.Chat, &u.From) {
		return ev, false
	}
	switch u.NewChatMember.Status {
	case "kicked":
		ev.Kind = ikmbot.EventBlocked
	case "member":
		ev.Kind = ikmbot.EventUnblocked
	default:
		return ev, false
	}
	ev.ChatID = u.Chat.ID
	setUser(&ev, &u.From)
	return ev, true
}

// privateWith reports whether c is the private chat of user u.
func privateWith(c *chat, u *user) bool {
	return c != nil && u != nil && c.Type == "private" && c.ID == u.ID
}

func setUser(ev *ikmbot.Event, u *user) {
	if u == nil {
		return
	}
	ev.UserID = u.ID
	ev.FirstName = u.FirstName
	ev.LanguageCode = u.LanguageCode
}

// errInvalidMessage says a Message cannot become a request at all.
var errInvalidMessage = errors.New("invalid message")

// requestFor turns a Message into one Bot API request. The first of these
// that is set decides the method: Menu (setMyCommands for the chat),
// Document (sendDocument), Photo (sendPhoto; either uploaded from Data or,
// when File.ID is set, sent by file_id), EditMessageID
// (editMessageText); otherwise sendMessage. Of the markups, Buttons wins over
// Keyboard, which wins over RemoveKeyboard; an edit carries only Buttons.
//
// The params are built here rather than through the library's config types
// because those are opaque (their params are unexported) and add nulls and
// legacy fields (entities=null, reply_to_message_id).
func requestFor(msg ikmbot.Message) (request, error) {
	if msg.ChatID == 0 {
		return request{}, fmt.Errorf("%w: no chat id", errInvalidMessage)
	}
	p := tgbotapi.Params{"chat_id": strconv.FormatInt(msg.ChatID, 10)}
	switch {
	case msg.Menu != nil:
		return menuRequest(msg)
	case msg.Document != nil, msg.Photo != nil:
		method, field, f := "sendDocument", "document", msg.Document
		if f == nil {
			method, field, f = "sendPhoto", "photo", msg.Photo
		}
		if f.ID == "" && len(f.Data) == 0 {
			return request{}, fmt.Errorf("%w: %s without data", errInvalidMessage, field)
		}
		caption := f.Caption
		if caption == "" {
			caption = msg.Text
		}
		if caption != "" {
			p["caption"] = caption
			p["parse_mode"] = tgbotapi.ModeHTML
		}
		if err := addMarkup(p, msg, false); err != nil {
			return request{}, err
		}
		if f.ID != "" {
			// A file Telegram has (one a user sent): by reference, no upload.
			p[field] = f.ID
			return request{method: method, params: p}, nil
		}
		name := f.Name
		if name == "" {
			name = field
		}
		return request{method: method, params: p, files: []tgbotapi.RequestFile{
			{Name: field, Data: tgbotapi.FileBytes{Name: name, Bytes: f.Data}},
		}}, nil
	}
	if msg.Text == "" {
		return request{}, fmt.Errorf("%w: empty text", errInvalidMessage)
	}
	p["text"] = msg.Text
	p["parse_mode"] = tgbotapi.ModeHTML
	method := "sendMessage"
	if msg.EditMessageID != 0 {
		method = "editMessageText"
		p["message_id"] = strconv.Itoa(msg.EditMessageID)
	}
	if err := addMarkup(p, msg, msg.EditMessageID != 0); err != nil {
		return request{}, err
	}
	return request{method: method, params: p}, nil
}

func menuRequest(msg ikmbot.Message) (request, error) {
	cmds := make([]tgbotapi.BotCommand, 0, len(msg.Menu))
	for _, c := range msg.Menu {
		cmds = append(cmds, tgbotapi.BotCommand{Command: c.Command, Description: c.Description})
	}
	p := tgbotapi.Params{}
	if err := p.AddInterface("commands", cmds); err != nil {
		return request{}, fmt.Errorf("%w: %v", errInvalidMessage, err)
	}
	if err := p.AddInterface("scope", tgbotapi.NewBotCommandScopeChat(msg.ChatID)); err != nil {
		return request{}, fmt.Errorf("%w: %v", errInvalidMessage, err)
	}
	return request{method: "setMyCommands", params: p}, nil
}

// addMarkup sets reply_markup from the message's buttons or keyboard.
func addMarkup(p tgbotapi.Params, msg ikmbot.Message, inlineOnly bool) error {
	var markup any
	switch {
	case len(msg.Buttons) > 0:
		markup = inlineKeyboard(msg.Buttons)
	case inlineOnly:
		return nil
	case msg.Keyboard != nil:
		markup = replyKeyboard(msg.Keyboard)
	case msg.RemoveKeyboard:
		markup = tgbotapi.ReplyKeyboardRemove{RemoveKeyboard: true}
	default:
		return nil
	}
	b, err := json.Marshal(markup)
	if err != nil {
		return fmt.Errorf("%w: reply markup: %v", errInvalidMessage, err)
	}
	p["reply_markup"] = string(b)
	return nil
}

func inlineKeyboard(rows [][]ikmbot.Button) tgbotapi.InlineKeyboardMarkup {
	kb := tgbotapi.InlineKeyboardMarkup{InlineKeyboard: make([][]tgbotapi.InlineKeyboardButton, 0, len(rows))}
	for _, row := range rows {
		r := make([]tgbotapi.InlineKeyboardButton, 0, len(row))
		for _, b := range row {
			btn := tgbotapi.InlineKeyboardButton{Text: b.Text}
			if b.URL != "" {
				btn.URL = &b.URL
			} else {
				btn.CallbackData = &b.Data
			}
			r = append(r, btn)
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, r)
	}
	return kb
}

func replyKeyboard(k *ikmbot.Keyboard) tgbotapi.ReplyKeyboardMarkup {
	kb := tgbotapi.ReplyKeyboardMarkup{
		Keyboard:        make([][]tgbotapi.KeyboardButton, 0, len(k.Rows)),
		ResizeKeyboard:  true,
		OneTimeKeyboard: k.OneTime,
	}
	for _, row := range k.Rows {
		r := make([]tgbotapi.KeyboardButton, 0, len(row))
		for _, b := range row {
			r = append(r, tgbotapi.KeyboardButton{Text: b.Text, RequestContact: b.RequestContact})
		}
		kb.Keyboard = append(kb.Keyboard, r)
	}
	return kb
}
