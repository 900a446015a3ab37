package ikmbot

// Message is one thing the bot sends: a text (optionally editing an earlier
// message in place), with inline buttons or a reply keyboard, or a document or
// photo with a caption.
type Message struct {
	ChatID int64
	Text   string // HTML parse mode; the catalog escapes what users typed
	// EditMessageID, when set, edits that message instead of sending a new one.
	EditMessageID  int
	Buttons        [][]Button // inline keyboard
	Keyboard       *Keyboard  // reply keyboard; nil leaves the current one
	RemoveKeyboard bool       // hide a reply keyboard shown earlier
	Document       *File
	Photo          *File
	// Menu, when not nil, sets this chat's command menu (setMyCommands with
	// a chat scope) instead of sending anything.
	Menu []MenuCommand
	// Bulk marks traffic that may wait behind replies (broadcasts, reminders).
	Bulk bool
}

// Button is an inline keyboard button: a callback or a link.
type Button struct {
	Text string
	Data string // callback data, at most 64 bytes
	URL  string
}

// Keyboard is a reply keyboard shown instead of the phone's keyboard.
type Keyboard struct {
	Rows    [][]KeyButton
	OneTime bool
}

// KeyButton is one reply keyboard button. RequestContact makes Telegram
// send the user's own phone number when tapped.
type KeyButton struct {
	Text           string
	RequestContact bool
}

// File is a document or photo to upload, or, when ID is set, one Telegram
// already has, sent again by its file_id (no upload; Data and Name are not
// used).
type File struct {
	Name    string
	Data    []byte
	Caption string
	ID      string // a Telegram file_id; wins over Data
}

// MenuCommand is one entry of a chat's command menu.
type MenuCommand struct {
	Command     string // without the slash: [a-z0-9_]{1,32}
	Description string
}
