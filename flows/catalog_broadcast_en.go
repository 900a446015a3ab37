package flows

// englishBroadcast are the English texts of composing and sending a
// broadcast; same keys and verbs as indonesianBroadcast.
var englishBroadcast = map[Key]string{
	SbAskText: "📣 <b>New broadcast</b>\n\nWrite the <b>announcement</b> for IKM owners (%d–%d characters).\n" +
		"It goes out <b>exactly as you write it</b>, line breaks, emoji and Telegram formatting (bold, italic, links) included; check the spelling, dates and links.\n" +
		"You can also send a <b>photo</b> (a leaflet, say) or a <b>document</b> (PDF) with a caption.",
	SbErrShort:       "The announcement is too short (at least %d characters).",
	SbErrMedia:       "Send the announcement as text, or as a photo or a document (a PDF, say) with a caption.",
	SbErrCaptionLong: "A photo's or document's caption takes at most %d characters. Shorten it, or send the announcement as text only.",
	SbAttachedPhoto:  "📷 Photo",
	SbAttachedDoc:    "📎 %s",
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
	SbPreview:       "☝️ <b>Preview</b>: the message above is exactly what IKM owners will get.",
	SbPreviewTarget: "🎯 <b>Recipients</b>: %s",
	SbPreviewCount:  "It will go to <b>%d</b> IKM owners.",

	SbQuietNow:      "🌙 It is rest time now (%02d:00–%02d:00). A broadcast sent now may wake IKM owners; consider 🕘 Schedule for the morning.",
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
	SbListTitle:   "📣 Recent <b>broadcasts</b>. Pick one to see its report.",
	SbListEmpty:   "No broadcasts yet. Press the button below to write the first.",
	SbListItem:    "#%s · %s · %d/%d",
	BtnSbNew:      "✍️ New broadcast",
	BtnSbList:     "« Broadcast list",
	BtnSbSchedule: "🕘 Schedule",
	SjAskDate:     "🕘 On what date does this broadcast go out? Write it like 17-08-2026 or 17 August 2026.",
	SjAskTime:     "At what time (WIB)? For example 09:00 or 13:30.",
	SbScheduled:   "🕘 Broadcast scheduled: <b>%s</b>, to %d owners as of now. The recipients are counted again when it goes out.",
	SbDueStarted:  "📣 The scheduled broadcast is going out. Its progress shows in the next message.",
	BtnSbStop:     "⏹ Stop",

	SbAskClass: "🎓 For owners in an export <b>class</b>?\n" +
		"<i>Taking a class</i>: holds a seat in a class not over yet (not the waiting list).\n" +
		"<i>No class yet</i>: not taking one and never completed one.",
	SbClassEnrolled:  "Taking a class",
	SbClassCompleted: "Completed a class",
	SbClassNone:      "No class yet",
	SbAllClasses:     "All",
	SbAskCert:        "📜 Is this broadcast for owners who have, or do not have, a <b>certificate</b>? Pick it, or pick All.",
	SbAllCerts:       "All",
	SbAskCertHave: "📜 %s: for owners who <b>have</b> it, or who <b>do not</b>?\n" +
		"A certificate that has expired or is still being applied for counts as not having it.",
	SbCertHas:       "Have it",
	SbCertLacks:     "Do not have it",
	SbFieldClass:    "Class",
	SbFieldCert:     "Certificate",
	SbFieldCertHave: "Has it?",
	SbLineCertHas:   "has %s",
	SbLineCertLacks: "lacks %s",

	SbAskMarket: "🌍 Owners with which <b>target country</b>?\n" +
		"Owners mark up to %d target countries in /markets. If you choose a country, only the owners who marked it are included.",
	SbAskMarketSector: "The countries below are those /markets offers to owners in <b>%s</b>.",
	SbAllMarkets:      "All countries",
	SbFieldMarket:     "Target country",
	SbLineMarkets:     "targeting %s",
}

func init() { addTexts(english, englishBroadcast) }
