package flows

// englishRelay are the English texts of messages between an owner and
// their mentor; same keys and verbs as indonesianRelay.
var englishRelay = map[Key]string{
	MrAskToMentor:       "💬 <b>Message to your mentor, %s</b>\n\nType your message here (%d–%d characters). The answer will come in this chat.\n🔒 Your phone number is not shown.",
	MrAskToMentorNoName: "💬 <b>Message to your mentor</b>\n\nType your message here (%d–%d characters). The answer will come in this chat.\n🔒 Your phone number is not shown.",
	MrAskToOwner:        "💬 <b>Message to the IKM owner of %s</b>\n\nType your message here (%d–%d characters). It is sent through the bot.\n🔒 Your phone number is not shown.",
	MrConfirm:           "Message to <b>%s</b>:\n\n<i>%s</i>\n\nTap <b>✅ Send</b> to send it, or <b>« Back</b> to write it again.",
	MrNoName:            "your mentor",
	MrErrNotText:        "Sorry, I can only pass on written messages 🙏 Stickers, photos and voice notes cannot be sent. Please type your message.",
	MrErrShort:          "The message is too short: write at least %d characters.",
	MrErrLong:           "The message is too long: at most %d characters, yours has %d. Please shorten it, or send part of it first.",
	MrErrNotSent:        "The message is not sent yet. Tap <b>✅ Send</b> to send it, <b>« Back</b> to write it again, or <b>✖ Cancel</b>.",

	MrFromOwner:        "💬 <b>Message from the IKM owner of %s</b> (%s):\n\n%s",
	MrFromMentor:       "💬 <b>Message from your mentor, %s:</b>\n\n%s",
	MrFromMentorNoName: "💬 <b>Message from your mentor:</b>\n\n%s",
	MrSent:             "✅ Your message was sent to <b>%s</b>. The answer will come in this chat.",
	MrNotDelivered:     "Your message was recorded, but <b>%s</b> cannot receive messages from the bot right now. Please try again later.",

	MrNoMentor:      "You do not have a mentor at the moment, so the message cannot be sent. Disperindag staff will tell you when a mentor is assigned. Questions? Open /help.",
	MrMentorChanged: "Your mentor has just changed, so this message was not sent:\n\n<i>%s</i>\n\nTap the button below to write to your current mentor.",
	MrNotYourOwner:  "Sorry, you are not (or no longer) this IKM owner's mentor, so the message cannot be sent. Your IKM are under /mentees.",

	MrProfileMentor:       "🤝 <b>Mentor:</b> %s. Send a message via /help.",
	MrProfileMentorNoName: "🤝 You have a mentor. Send a message via /help.",

	BtnMrSend:          "✅ Send",
	BtnMrReply:         "↩️ Reply",
	BtnMrContact:       "💬 Contact mentor (%s)",
	BtnMrContactNoName: "💬 Contact mentor",
}

func init() { addTexts(english, englishRelay) }
