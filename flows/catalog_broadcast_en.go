package flows

// englishBroadcast are the English texts of composing and sending a
// broadcast; same keys and verbs as indonesianBroadcast.
var englishBroadcast = map[Key]string{
	SbAskText: "📣 <b>New broadcast</b>\n\nWrite the <b>announcement</b> for IKM owners (%d–%d characters).\n" +
		"It goes out <b>exactly as you write it</b>, line breaks and emoji included; check the spelling, dates and links.",
	SbErrShort:       "The announcement is too short (at least %d characters).",
	SbAskRegion:      "📍 For owners in which <b>regency/city</b>?",
	SbAskLevel:       "🎓 For which export readiness <b>level</b>?\nIf you choose a level, owners who have not taken the readiness check are left out.",
	SbAskSector:      "🏭 For which business <b>sector</b>?",
	SbAskExport:      "🚢 For owners with which <b>export status</b>?",
	SbAllRegions:     "All regencies/cities",
	SbAllLevels:      "All levels",
	SbAllSectors:     "All sectors",
	SbAllExports:     "All",
	SbExportNever:    "Never exported",
	SbExportIndirect: "Indirect export",
	SbExportDirect:   "Direct export",
	SbFieldText:      "Announcement",
	SbFieldRegion:    "Regency/city",
	SbFieldLevel:     "Level",
	SbFieldSector:    "Sector",
	SbFieldExport:    "Export status",

	SbAudienceAll:   "All IKM owners",
	SbPreview:       "📣 <b>Preview</b> — this is how your message will look:",
	SbPreviewTarget: "🎯 <b>Recipients</b>: %s",
	SbPreviewCount:  "It will go to <b>%d</b> IKM owners.",

	SbNobody:        "⚠️ No IKM owner matches these recipients. Please change the recipients.",
	SbStarted:       "📣 The broadcast is on its way. Its progress shows in the message below.",
	SbCancelled:     "✖ Broadcast cancelled. Nothing was sent.",
	SbNotDraft:      "This broadcast has already been sent or cancelled.",
	SbStatusDraft:   "📝 <b>Broadcast not sent yet</b>",
	SbStatusSending: "📣 <b>Sending the broadcast…</b>",
	SbStatusPaused:  "⏸ <b>Broadcast paused</b> — tap Resume to go on.",
	SbCounts:        "Sent: <b>%d</b> · Left: <b>%d</b> · Blocked the bot: <b>%d</b> · Failed: <b>%d</b>",
	SbBar:           "%s %d%%",
	SbEta:           "⏱ about %d minutes left",
	SbEtaSoon:       "⏱ less than a minute left",
	SbDone:          "✅ <b>Done</b>: %d of %d IKM owners received the broadcast.\nBlocked the bot: %d · Failed: %d",
	SbStopped:       "⏹ <b>Broadcast stopped</b>: %d of %d IKM owners received it; %d were not sent.\nBlocked the bot: %d · Failed: %d",

	BtnSbSend:     "📣 Send to %d owners",
	BtnSbCancel:   "✖ Cancel",
	BtnSbPause:    "⏸ Pause",
	BtnSbResume:   "▶️ Resume",
	BtnSbOptOut:   "🔕 Stop announcements",
	BtnSbOptIn:    "🔔 Get announcements again",
	SbOptedOut:    "Fine: you will not get announcements from the office any more. Class and certificate reminders still come. Want them again? Press the button below or use /profile.",
	SbOptedIn:     "🔔 You will get announcements from the office again.",
	SbProfileOff:  "🔕 Announcements: off.",
	BtnSbSchedule: "🕘 Schedule",
	SjAskDate:     "🕘 On what date does this broadcast go out? Write it like 17-08-2026 or 17 August 2026.",
	SjAskTime:     "At what time (WIB)? For example 09:00 or 13:30.",
	SbScheduled:   "🕘 Broadcast scheduled: <b>%s</b>, to %d owners as of now. The recipients are counted again when it goes out.",
	SbDueStarted:  "📣 The scheduled broadcast is going out. Its progress shows in the next message.",
	BtnSbStop:     "⏹ Stop",
}

func init() { addTexts(english, englishBroadcast) }
