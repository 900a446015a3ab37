package flows

func init() { addTexts(english, englishAudit) }

// englishAudit are the English texts of /audit.
var englishAudit = map[Key]string{
	CmdAudit: "Log of exports, broadcasts and assignments",

	AuTitle:     "🗂 <b>Audit log</b>",
	AuRange:     "Entries %d–%d of %d, newest first.",
	AuEmpty:     "Nothing logged yet. Every data export, broadcast and bulk mentor assignment is logged here.",
	AuPageEmpty: "No entries on this page.",
	AuHead:      "<b>%s</b> · %s",
	AuUnnamed:   "user #%d",
	AuFilter:    "Filter: %s",
	AuSendAt:    "To go out: %s",

	AuExportXLSX:   "📤 Excel export (.xlsx): %d IKM owners",
	AuExportCSV:    "📤 CSV export of table %s: %d IKM owners",
	AuExportOther:  "📤 Export %s: %d IKM owners",
	AuBcSent:       "📣 Broadcast #%s sent to %d IKM owners",
	AuBcSentDue:    "📣 Scheduled broadcast #%s sent to %d IKM owners",
	AuBcSentLead:   "🤝 Buyer lead (broadcast #%s) «%s» sent to %d matching IKM owners",
	AuBcScheduled:  "🕒 Broadcast #%s scheduled (%d IKM owners then)",
	AuBcSubmitted:  "📝 Broadcast #%s submitted for approval (%d IKM owners then)",
	AuBcApproved:   "✅ Broadcast #%s approved",
	AuBcRejected:   "❌ Broadcast #%s rejected",
	AuBcCancelled:  "🚫 Broadcast #%s cancelled before it went out",
	AuBcStopped:    "⏹ Broadcast #%s stopped after reaching %d IKM owners",
	AuMentorAssign: "🤝 %d IKM owners assigned to mentor %s",
	AuOther:        "Action %s",

	BtnAuNewer: "« Newer",
	BtnAuOlder: "Older »",
}
