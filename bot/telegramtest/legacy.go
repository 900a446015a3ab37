package telegramtest

// legacyParams are the parameters go-telegram-bot-api v5.5.1 can send that
// Bot API 10.1 no longer documents but the real server still reads
// (reply_to_message_id, allow_sending_without_reply,
// disable_web_page_preview, thumb, ...). They are accepted, and passed to
// Options.Warn, rather than reported as unknown.
//
// The table is every name under a method's not_in_spec_10_1 whose
// server_reads_literal is true in
// shared/botapi/derived/tgbotapi-v5.5.1-requests.json; spec_test.go checks
// it still matches that file.
var legacyParams = map[string]map[string]bool{
	"addStickerToSet":     {"emojis": true, "mask_position": true, "png_sticker": true, "tgs_sticker": true},
	"answerInlineQuery":   {"switch_pm_parameter": true, "switch_pm_text": true},
	"banChatSenderChat":   {"until_date": true},
	"copyMessage":         {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"createNewStickerSet": {"contains_masks": true, "emojis": true, "mask_position": true, "png_sticker": true, "tgs_sticker": true},
	"editMessageText":     {"disable_web_page_preview": true},
	"forwardMessage":      {"allow_sending_without_reply": true, "reply_markup": true, "reply_to_message_id": true},
	"getChatMembersCount": {"chat_id": true},
	"promoteChatMember":   {"can_manage_voice_chats": true},
	"sendAnimation":       {"allow_sending_without_reply": true, "reply_to_message_id": true, "thumb": true},
	"sendAudio":           {"allow_sending_without_reply": true, "reply_to_message_id": true, "thumb": true},
	"sendChatAction":      {"allow_sending_without_reply": true, "disable_notification": true, "reply_markup": true, "reply_to_message_id": true},
	"sendContact":         {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"sendDice":            {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"sendDocument":        {"allow_sending_without_reply": true, "reply_to_message_id": true, "thumb": true},
	"sendGame":            {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"sendInvoice":         {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"sendLocation":        {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"sendMediaGroup":      {"reply_to_message_id": true},
	"sendMessage":         {"allow_sending_without_reply": true, "disable_web_page_preview": true, "reply_to_message_id": true},
	"sendPhoto":           {"allow_sending_without_reply": true, "reply_to_message_id": true, "thumb": true},
	"sendPoll":            {"allow_sending_without_reply": true, "correct_option_id": true, "reply_to_message_id": true},
	"sendSticker":         {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"sendVenue":           {"allow_sending_without_reply": true, "reply_to_message_id": true},
	"sendVideo":           {"allow_sending_without_reply": true, "reply_to_message_id": true, "thumb": true},
	"sendVideoNote":       {"allow_sending_without_reply": true, "reply_to_message_id": true, "thumb": true},
	"sendVoice":           {"allow_sending_without_reply": true, "reply_to_message_id": true, "thumb": true},
	"setChatPhoto":        {"allow_sending_without_reply": true, "disable_notification": true, "reply_markup": true, "reply_to_message_id": true},
	"setStickerSetThumb":  {"name": true, "thumb": true, "user_id": true},
	"stopPoll":            {"inline_message_id": true},
	"uploadStickerFile":   {"png_sticker": true},
}

// legacyMethods are old method names srv still registers (Client.cpp
// init_methods), mapped to the method that replaced them.
var legacyMethods = map[string]string{
	"getChatMembersCount": "getChatMemberCount",
	"kickChatMember":      "banChatMember",
	"setStickerSetThumb":  "setStickerSetThumbnail",
}
