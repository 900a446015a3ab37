package flows

// englishMentorStaff are the English texts of staff assigning owners to
// mentors, and of what owners and mentors are told.
var englishMentorStaff = map[Key]string{
	MsTitle:       "🤝 <b>Mentoring</b>\nFollow-up every <b>%d days</b>; mentees without a follow-up for longer count as <b>overdue</b>.",
	MsNoMentors:   "No mentors yet. An admin can invite mentors with /invite.",
	MsNeverWrote:  " (has not opened the bot)",
	MsLine:        "• <b>%s</b>: %d mentees",
	MsLineOverdue: "• <b>%s</b>: %d mentees, ⚠️ %d overdue",
	MsUnassigned:  "Without a mentor: <b>%d</b> IKM owners.",
	MsHint:        "Assign mentors by regency/city and sector with the button below, or one at a time: find the owner with 🔎 or open their help request. The day buttons change the follow-up cadence.",
	MsCadenceSet:  "✅ Follow-up is now every <b>%d days</b>.",

	MsAskRegion:    "👥 <b>Assign a mentor</b>\n\n📍 IKM owners in which <b>regency/city</b>?",
	MsAskSector:    "🏭 In which <b>sector</b>?",
	MsAskScope:     "🤝 What about owners who <b>already have a mentor</b>?",
	MsAskMentor:    "🧑‍🏫 Who will be their <b>mentor</b>?\nIn brackets: how many mentees they have now.",
	MsAllRegions:   "All regencies/cities",
	MsAllSectors:   "All sectors",
	MsScopeNew:     "Only those without a mentor",
	MsScopeAll:     "All, moving those who have one",
	MsFieldRegion:  "Regency/city",
	MsFieldSector:  "Sector",
	MsFieldScope:   "Owners",
	MsFieldMentor:  "Mentor",
	MsMentorChoice: "%s (%d mentees)",
	MsUnnamed:      "Mentor #%d",

	MsTargetNew:      "no mentor yet",
	MsTargetAll:      "including those with a mentor",
	MsPreview:        "👥 <b>Check before assigning</b>",
	MsPreviewMentor:  "🧑‍🏫 Mentor: <b>%s</b>",
	MsPreviewTarget:  "🎯 IKM owners: %s",
	MsPreviewNobody:  "⚠️ No IKM owners need this assignment. Change your choices.",
	MsPreviewCount:   "To be assigned: <b>%d</b> IKM owners. They will be told who their mentor is.",
	MsPreviewMoved:   "🔁 %d of them move from another mentor.",
	MsPreviewAlready: "%d already have %s as their mentor and stay as they are.",
	MsDone:           "✅ <b>%d</b> IKM owners now have <b>%s</b> as their mentor.",
	MsDoneMoved:      "🔁 %d of them moved from another mentor.",
	MsDoneNone:       "Nothing changed: no IKM owners needed to be assigned to <b>%s</b>.",
	MsDoneTold:       "The owners will be told who their mentor is over the next minutes, or in the morning if it is night now; those who blocked the bot cannot be.",
	MsCancelled:      "✖ Cancelled. No mentor was changed.",
	MsChanged:        "⚠️ The number changed since the preview (it was %d owners). Nothing has been changed yet; check again:",

	MsPickFor:      "👤 Choose a mentor for <b>%s</b>.\nNow: <b>%s</b>",
	MsNoneYet:      "none yet",
	MsOneDone:      "✅ <b>%s</b> now has <b>%s</b> as their mentor. Both have been told.",
	MsOneAssigned:  "✅ <b>%s</b> now has <b>%s</b> as their mentor.",
	MsOneOwnerTold: "The owner has been told.",
	MsOneOwnerLost: "The owner could not be told: the bot cannot write to them (they may have blocked it).",
	MsOneAlready:   "<b>%s</b> already has <b>%s</b> as their mentor.",
	MsOwnerUnknown: "This IKM owner was not found; their data may have been deleted.",
	MsNotMentor:    "This person is not a mentor (any more). Choose from the current list in /mentees.",

	MsOwnerTold: "🤝 <b>Your business mentor</b>\n\nThe Lampung Province Office of Industry and Trade has appointed <b>%s</b> as your mentor on the way to export.\n\n" +
		"Your mentor will contact you regularly (visits, calls or chat) to help with the next steps: legal papers, certification, packaging and markets. Something urgent? Write through /help.",
	MsOwnerToldNoName: "🤝 <b>Your business mentor</b>\n\nThe Lampung Province Office of Industry and Trade has appointed a mentor for you on the way to export.\n\n" +
		"Your mentor will contact you regularly (visits, calls or chat) to help with the next steps: legal papers, certification, packaging and markets. Something urgent? Write through /help.",
	MsMentorTold: "🤝 You have <b>%d</b> new mentees. See the list with /mentees.",
	MsMentorLost: "ℹ️ <b>%d</b> of your mentees were moved to another mentor. Current list: /mentees.",

	MsToldMentor:      "%s has been told.",
	MsMentorNotOpened: "%s has not opened the bot yet, so could not be told; they will find their mentees in /mentees once they do.",
	MsMentorNotTold:   "%s could not be told: the bot cannot write to them (they may have blocked it).",

	BtnMsAssign:      "👥 Assign mentor",
	BtnMsCadence:     "%d days",
	BtnMsCadenceOn:   "✅ %d days",
	BtnMsConfirm:     "✅ Assign %d owners",
	BtnMsCancel:      "✖ Cancel",
	BtnMsChange:      "✏️ Change choices",
	BtnMsOverview:    "« Mentors",
	BtnMsOwnerMentor: "👤 Mentor: %s",
	BtnMsMentorOn:    "✅ %s",
}

func init() { addTexts(english, englishMentorStaff) }
