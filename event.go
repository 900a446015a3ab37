package ikmbot

// EventKind says what the user did.
type EventKind int

// Kinds of events. EventOther covers what the bot cannot read as an answer:
// stickers, photos, documents, voice notes, locations and the like. A photo
// or document still carries its file and caption (Event.PhotoID,
// DocumentID, Text, HTML) for a step that can use it.
const (
	EventText EventKind = iota + 1
	EventCommand
	EventCallback
	EventContact
	EventOther
	EventBlocked   // the user blocked the bot (my_chat_member kicked)
	EventUnblocked // the user unblocked the bot (my_chat_member member)
)

// Event is one thing a user did, stripped of Telegram's types.
type Event struct {
	UpdateID int64
	Kind     EventKind
	ChatID   int64
	UserID   int64
	// FirstName and LanguageCode come from the Telegram user; LanguageCode
	// picks the first language of a new user.
	FirstName    string
	LanguageCode string

	Text    string // the message text or a photo's or document's caption, or a command's arguments
	Command string // without the slash and any @botname, lower case
	// HTML is Text with the user's formatting (bold, links, ...) as
	// Telegram HTML, text escaped, ready to be sent again with parse_mode
	// HTML. Set for text messages and captions, not for commands.
	HTML string

	// PhotoID is the file_id of the largest size of a photo the user sent;
	// DocumentID and DocumentName those of a document. Either can be sent
	// back by reference (File.ID).
	PhotoID      string
	DocumentID   string
	DocumentName string

	CallbackID   string // to answer the button tap
	CallbackData string
	MessageID    int // the message the tapped button belongs to

	ContactPhone  string // a shared contact's phone number
	ContactUserID int64  // whose contact it is; must equal UserID to count
}
