package telegramtest

import "encoding/json"

// The wire types are the JSON Telegram sends, trimmed to the fields the
// fake fills in. Tests check them against the spec (checkResult), so a
// field that is required there cannot be forgotten here.

type wireUser struct {
	ID                      int64  `json:"id"`
	IsBot                   bool   `json:"is_bot"`
	FirstName               string `json:"first_name"`
	LastName                string `json:"last_name,omitempty"`
	Username                string `json:"username,omitempty"`
	LanguageCode            string `json:"language_code,omitempty"`
	CanJoinGroups           *bool  `json:"can_join_groups,omitempty"`
	CanReadAllGroupMessages *bool  `json:"can_read_all_group_messages,omitempty"`
	SupportsInlineQueries   *bool  `json:"supports_inline_queries,omitempty"`
}

type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

type wirePhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wireDocument struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wireSticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Type         string `json:"type"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	IsVideo      bool   `json:"is_video"`
	Emoji        string `json:"emoji,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wireVoice struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wireContact struct {
	PhoneNumber string `json:"phone_number"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name,omitempty"`
	UserID      int64  `json:"user_id,omitempty"`
}

type wireMessage struct {
	MessageID       int             `json:"message_id"`
	From            *wireUser       `json:"from,omitempty"`
	Chat            wireChat        `json:"chat"`
	Date            int64           `json:"date"`
	EditDate        int64           `json:"edit_date,omitempty"`
	ReplyToMessage  *wireMessage    `json:"reply_to_message,omitempty"`
	Text            string          `json:"text,omitempty"`
	Entities        []entity        `json:"entities,omitempty"`
	Document        *wireDocument   `json:"document,omitempty"`
	Photo           []wirePhotoSize `json:"photo,omitempty"`
	Sticker         *wireSticker    `json:"sticker,omitempty"`
	Voice           *wireVoice      `json:"voice,omitempty"`
	Caption         string          `json:"caption,omitempty"`
	CaptionEntities []entity        `json:"caption_entities,omitempty"`
	Contact         *wireContact    `json:"contact,omitempty"`
	// ReplyMarkup is only ever an inline keyboard: Telegram does not echo
	// reply keyboards.
	ReplyMarkup json.RawMessage `json:"reply_markup,omitempty"`
}

// wireInaccessible is what a callback query carries when its message was
// deleted.
type wireInaccessible struct {
	Chat      wireChat `json:"chat"`
	MessageID int      `json:"message_id"`
	Date      int64    `json:"date"`
}

type wireCallbackQuery struct {
	ID           string   `json:"id"`
	From         wireUser `json:"from"`
	Message      any      `json:"message,omitempty"`
	ChatInstance string   `json:"chat_instance"`
	Data         string   `json:"data,omitempty"`
}

type wireChatMember struct {
	Status    string   `json:"status"`
	User      wireUser `json:"user"`
	UntilDate *int64   `json:"until_date,omitempty"`
}

type wireChatMemberUpdated struct {
	Chat          wireChat       `json:"chat"`
	From          wireUser       `json:"from"`
	Date          int64          `json:"date"`
	OldChatMember wireChatMember `json:"old_chat_member"`
	NewChatMember wireChatMember `json:"new_chat_member"`
}

type wireUpdate struct {
	UpdateID      int64                  `json:"update_id"`
	Message       *wireMessage           `json:"message,omitempty"`
	CallbackQuery *wireCallbackQuery     `json:"callback_query,omitempty"`
	MyChatMember  *wireChatMemberUpdated `json:"my_chat_member,omitempty"`
}

type wireBotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

type wireWebhookInfo struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	IPAddress            string   `json:"ip_address,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}
