package flows

// englishApproval are the English texts of approving broadcasts and of
// the broadcast list; same keys and verbs as indonesianApproval.
var englishApproval = map[Key]string{
	SbByline:         "✍️ Written by %s",
	SbBylineApproved: "✍️ Written by %s · ✅ approved by %s",
	SbBylineRejected: "✍️ Written by %s · ❌ rejected by %s",

	SbStatusPending:   "⏳ <b>Waiting for an admin's approval</b>",
	SbStatusRejected:  "❌ <b>Broadcast rejected</b>. Nothing was sent.",
	SbStatusScheduled: "🕘 <b>Scheduled</b>: %s",

	SbListDraft:     "#%s · %s · not sent",
	SbListScheduled: "#%s · 🕘 %s",
	SbListPending:   "#%s · %s · ⏳ awaiting approval",
	SbListRejected:  "#%s · %s · ❌ rejected",
	SbListCancelled: "#%s · %s · ⏹ %d/%d",

	BtnSbAskApproval: "📨 Ask for approval (%d owners)",
	SbApApprovalSent: "📨 Broadcast #%s went to the admins for approval. You will be told as soon as it is decided.",
	SbApSentAt:       "📨 Broadcast #%s will go out <b>%s</b> if an admin approves it. You will be told as soon as it is decided.",
	SbApNoAdmin:      "⚠️ No admin of this bot can approve broadcasts yet. Broadcast #%s is waiting; ask an admin to open /siaran.",
	SbApRequest: "📨 <b>Approval requested for broadcast #%s</b> (the message is above)\n" +
		"From: <b>%s</b>\nTo: %s — <b>%d</b> IKM owners now\nSent: %s",
	SbApWhenNow:       "as soon as it is approved",
	BtnSbApprove:      "✅ Approve",
	BtnSbReject:       "❌ Reject",
	SbApApprovedYou:   "✅ You approved broadcast #%s. Its author has been told.",
	SbApRejectedYou:   "❌ You rejected broadcast #%s. Its author has been told.",
	SbApApproved:      "✅ Broadcast #%s was approved by %s and is going out. Its progress shows in the next message.",
	SbApApprovedAt:    "✅ Broadcast #%s was approved by %s and will go out <b>%s</b>.",
	SbApApprovedLate:  "✅ Broadcast #%s was approved by %s, but its time (%s) has passed, so it was not sent. Open it to send it now or schedule it again.",
	BtnSbOpen:         "📣 Open the broadcast",
	BtnSbSendNow:      "📣 Send now",
	SbApRejected:      "❌ Broadcast #%s was rejected by %s, so it was not sent. You can write a new one with /siaran.",
	SbApNotPending:    "This broadcast is no longer waiting for approval (already decided or cancelled).",
	SbApSettingOn:     "🔒 Admin approval: <b>on</b>. Broadcasts from staff wait for an admin's approval before they go out.",
	SbApSettingOff:    "🔓 Admin approval: <b>off</b>. Staff can send broadcasts directly.",
	BtnSbApprovalOn:   "🔒 Require admin approval",
	BtnSbApprovalOff:  "🔓 Turn admin approval off",
	SbApNeedsApproval: "🔒 Broadcasts from staff need an admin's approval before they go out.",
}

func init() { addTexts(english, englishApproval) }
