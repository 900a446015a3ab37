package bot

// The lean wire types of incoming updates. They declare only what
// eventFromUpdate reads: encoding/json skips every other field without
// allocating, where go-telegram-bot-api's Update allocated all of it. That
// mattered most for button taps, whose callback_query carries the whole
// message it was under (its text, entities and inline keyboard). The JSON
// names are the Bot API's; omitempty keeps the encoding (used by tests to
// play Telegram) close to Telegram's own.

// update is one incoming Bot API update, of the kinds in allowedUpdates.
type update struct {
	UpdateID      int            `json:"update_id"`
	Message       *message       `json:"message,omitempty"`
	CallbackQuery *callbackQuery `json:"callback_query,omitempty"`
	MyChatMember  *chatMember    `json:"my_chat_member,omitempty"`
}

// message is a message the user sent. A message with neither text nor
// contact is a sticker, photo, voice note, document or the like; of those
// only a photo's or document's file and caption are read.
type message struct {
	MessageID       int         `json:"message_id"`
	From            *user       `json:"from,omitempty"`
	Chat            *chat       `json:"chat,omitempty"`
	Text            string      `json:"text,omitempty"`
	Entities        []entity    `json:"entities,omitempty"`
	Contact         *contact    `json:"contact,omitempty"`
	Photo           []photoSize `json:"photo,omitempty"`
	Document        *document   `json:"document,omitempty"`
	Caption         string      `json:"caption,omitempty"`
	CaptionEntities []entity    `json:"caption_entities,omitempty"`
}

type user struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type chat struct {
	ID   int64  `json:"id"`
	Type string `json:"type,omitempty"`
}

// entity is a message entity. Offset and Length count UTF-16 code units.
// URL is a text_link's, User a text_mention's, Language a pre's.
type entity struct {
	Type     string      `json:"type"`
	Offset   int         `json:"offset"`
	Length   int         `json:"length"`
	URL      string      `json:"url,omitempty"`
	User     *entityUser `json:"user,omitempty"`
	Language string      `json:"language,omitempty"`
}

// entityUser is the user of a text_mention: only the id is read.
type entityUser struct {
	ID int64 `json:"id"`
}

// photoSize is one size of a photo; the largest is sent on.
type photoSize struct {
	FileID string `json:"file_id"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

type document struct {
	FileID   string `json:"file_id"`
	FileName string `json:"file_name,omitempty"`
}

type contact struct {
	PhoneNumber string `json:"phone_number,omitempty"`
	UserID      int64  `json:"user_id,omitempty"`
}

// callbackQuery is a tap on an inline button. Of the message it was under
// only the id and chat are declared: its text and keyboard are skipped.
type callbackQuery struct {
	ID      string           `json:"id"`
	From    *user            `json:"from,omitempty"`
	Message *callbackMessage `json:"message,omitempty"`
	Data    string           `json:"data,omitempty"`
}

type callbackMessage struct {
	MessageID int   `json:"message_id"`
	Chat      *chat `json:"chat,omitempty"`
}

// chatMember is a my_chat_member update: the user blocked or unblocked
// the bot.
type chatMember struct {
	Chat          chat         `json:"chat"`
	From          user         `json:"from"`
	NewChatMember memberStatus `json:"new_chat_member"`
}

type memberStatus struct {
	Status string `json:"status"`
}
