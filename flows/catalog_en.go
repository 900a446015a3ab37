package flows

// english is the second language, chosen with /bahasa or guessed from the
// Telegram client's language. Same keys and the same verbs as indonesian.
var english = map[Key]string{
	MsgWelcomeNew: "Welcome to the <b>Lampung IKM Export Bot</b> 👋\n\n" +
		"This bot is run by the Industry and Trade Office of Lampung Province to help small and medium industries (IKM) start exporting: " +
		"an export-readiness check, export training classes, help with certification, and mentoring.\n\n" +
		"Signing up takes about 3 minutes. Tap the button below to begin.",
	MsgWelcomeBack:     "Hello, <b>%s</b>! 👋 Good to see you again.\nWhat would you like to do today?",
	MsgApology:         "Sorry, something went wrong on our side 🙏 Please try again in a moment. Your data is safe.",
	MsgNotAllowed:      "Sorry, this command is not available to you. Type /help to see what you can do.",
	MsgUnknownCommand:  "Sorry, I don't know that command. Type /help to see the list of commands.",
	MsgStaleButton:     "That button is no longer valid.",
	MsgIdle:            "I didn't understand that message 🙂 Please choose one of the buttons below, or type /help.",
	MsgNeedSignUp:      "You have not signed up yet. Please sign up first — it takes about 3 minutes.",
	MsgNothingToCancel: "Nothing is in progress, so there is nothing to cancel.",
	MsgCancelled:       "Cancelled. What you entered was not saved. You can start again at any time.",
	MsgLanguageSet:     "Language switched to English 🇬🇧. Type /language to switch back.",
	MsgHelpOwner: "<b>What you can do</b>\n" +
		"/register — sign up as an IKM\n" +
		"/profile — see and change your business profile\n" +
		"/check — export-readiness check\n" +
		"/classes — export training classes: enrol, schedule, leave\n" +
		"/certificates — your business and product certificates, with expiry reminders\n" +
		"/markets — destination countries, what each requires, and buyers\n" +
		"/language — switch language (Bahasa Indonesia)\n" +
		"/cancel — cancel what you are filling in\n" +
		"/deletedata — delete all your data\n\n" +
		"Stuck, for example with a certificate? Press <b>Need help</b> below: the Industry and Trade Office of Lampung Province answers here.",
	MsgHelpMentor:   "<b>For mentors</b>\n/mentees — the IKM you mentor",
	MsgHelpStaff:    "<b>For office staff</b>\n/newclass — create a class\n/classes — manage classes: participants, attendance, schedule, cancelling\n/help → <b>Help requests</b> — take, answer and close owners' requests\n/broadcast — send an announcement to IKM owners\n/mentees — assign mentors and see their follow-ups\n/stats — progress toward the export target\n/export — download IKM data as an Excel or CSV file\n/buyers — record buyer leads and send them to matching owners",
	MsgHelpAdmin:    "<b>For admins</b>\n/invite — create an invitation link for staff or mentors\n/audit — who exported data, sent broadcasts and assigned mentors",
	MsgResume:       "Let's continue from the last question 👇",
	MsgUnreadable:   "Sorry, I can't read that kind of message here.",
	MsgChooseButton: "Please choose one of the buttons under the question.",
	MsgProgress:     "<i>Step %d of %d</i>",
	MsgSwitching:    "OK 👌",
	MsgTaken:        "✅ %s",
	MsgFlowUpdated:  "The sign-up questions have changed since you last filled them in. Your answers that still apply were kept.",

	BtnSignUp:      "📝 Sign up now",
	BtnCheck:       "📊 Export-readiness check",
	BtnProfile:     "👤 My profile",
	BtnLanguage:    "🇮🇩 Bahasa Indonesia",
	BtnBack:        "« Back",
	BtnCancel:      "✖ Cancel",
	BtnHelp:        "❓ Help",
	BtnEditProfile: "✏️ Change profile",
	BtnDeleteData:  "🗑 Delete my data",

	SuConsent: "<b>Before we start: consent to personal data</b>\n\n" +
		"What we store: your name, phone number, business name, NIB, regency/city, sector, products, number of workers, production capacity and export status, and your answers and results in the export-readiness check if you take it.\n\n" +
		"Why: to map the export readiness of Lampung's IKM, place you in the right training class, and contact you about the export programme. " +
		"The data is used only by the Industry and Trade Office of Lampung Province and the programme's partners (OJK, LPEI) for this programme.\n\n" +
		"Deleting: type /deletedata at any time and we delete all your personal data.\n\n" +
		"Do you agree?",
	SuAgree:    "✅ I agree",
	SuDisagree: "I do not agree",
	SuDeclined: "That's fine. Without your consent we keep no data at all. " +
		"If you change your mind, type /register at any time.",
	SuOwnerName:      "What is your <b>full name</b> as the business owner?",
	SuPhone:          "What is your <b>mobile number</b>?\nTap <b>📱 Send my number</b> below, or type it, for example 0812 3456 7890.",
	SuShareContact:   "📱 Send my number",
	SuBusinessName:   "What is your <b>business name</b>?",
	SuNIB:            "What is your business's <b>NIB</b> (business identification number)? It has 13 digits.\nIf you don't have one yet, tap <b>No NIB yet</b>.",
	SuNoNIB:          "No NIB yet",
	SuRegion:         "In which <b>regency/city</b> is your business?",
	SuSector:         "What is your business's <b>sector</b>?\n\n%s",
	SuSectorOther:    "Other",
	SuSectorOtherAsk: "Type your business's <b>sector</b> briefly, for example: forest honey.",
	SuProducts:       "What are your <b>main products</b>? Keep it short, for example: robusta ground coffee, banana chips.",
	SuWorkers:        "How many <b>workers</b> does your business have, including yourself?",
	SuWorkersLabel:   "%s people",
	SuCapacity:       "What is your <b>monthly production capacity</b>? Include the unit, for example: 500 kg, 2,000 packs.",
	SuExportStatus:   "What is your business's <b>export status</b> today?",
	SuExportNever:    "Never exported",
	SuExportIndirect: "Export through a trader/exporter",
	SuExportDirect:   "Export directly",
	SuSummary:        "<b>Check your details</b>\n\n%s\n\nAll correct? Tap <b>Save</b>, or tap a ✏️ button to change an answer.",
	SuSave:           "💾 Save",
	SuSaved: "Thank you, <b>%s</b>! Your business profile is saved 🎉\n\n" +
		"Next step: the <b>export-readiness check</b>, to learn where your business stands and which training class fits.",
	SuProfileUpdated:  "Your profile has been updated ✅",
	SuEditPrefix:      "✏️ %s",
	ErrName:           "A name needs at least 2 letters, for example: Siti Rahayu. Please type it again.",
	ErrPhone:          "That phone number doesn't look right. Type it like 0812 3456 7890 or +62 812 3456 7890, or tap 📱 Send my number.",
	ErrContactNotOwn:  "That is someone else's contact. Tap 📱 Send my number to send your own, or type your number.",
	ErrBusinessName:   "A business name needs at least 2 letters, for example: Kopi Tanggamus Jaya. Please type it again.",
	ErrNIB:            "An NIB has exactly 13 digits, for example 1234567890123. Please check it, or tap No NIB yet.",
	ErrTooLong:        "That answer is too long (at most %d characters). Please write it shorter.",
	ErrProducts:       "Describe your main products in words, for example: banana chips.",
	ErrCapacity:       "Write the capacity with a number and its unit, for example: 500 kg.",
	ErrSectorOther:    "Describe your sector in words, for example: forest honey.",
	FieldOwnerName:    "Owner's name",
	FieldPhone:        "Mobile number",
	FieldBusinessName: "Business name",
	FieldNIB:          "NIB",
	FieldRegion:       "Regency/city",
	FieldSector:       "Sector",
	FieldSectorOther:  "Other sector",
	FieldProducts:     "Main products",
	FieldWorkers:      "Workers",
	FieldCapacity:     "Capacity per month",
	FieldExportStatus: "Export status",
	ValueNoNIB:        "none yet",

	ProfileView: "<b>Your business profile</b>\n\n%s",
	DelConfirm: "<b>Delete all your data?</b>\n\n" +
		"Your business profile and everything you entered will be deleted and cannot be restored. " +
		"Only anonymous counts remain for the programme's statistics.",
	DelYes:  "🗑 Yes, delete everything",
	DelNo:   "Keep my data",
	DelDone: "Your personal data has been deleted. Thank you for trying. You can sign up again at any time with /register.",
	DelKept: "OK, nothing was deleted. Your data is safe.",

	RoleOwnerName:  "IKM owner",
	RoleMentorName: "mentor",
	RoleStaffName:  "office staff",
	RoleAdminName:  "admin",
	InvChoose:      "Create an invitation link for which role?",
	InvCreated: "One-time invitation link for the <b>%s</b> role, valid until %s:\n\n%s\n\n" +
		"Send this link only to the person it is meant for.",
	InvRedeemed: "Welcome! You are now registered as <b>%s</b>. Your command menu has been updated; type /help to see it.",
	InvInvalid:  "This invitation link is not valid: it may have been used or have expired. Please ask an admin for a new one.",
	InvAlready:  "You already have the <b>%s</b> role.",

	CmdStart:      "Start",
	CmdSignUp:     "Sign up as an IKM",
	CmdCheck:      "Export-readiness check",
	CmdProfile:    "My business profile",
	CmdClasses:    "Export training classes",
	CmdCerts:      "My certificates",
	CmdMarkets:    "Export markets",
	CmdHelp:       "Help",
	CmdCancel:     "Cancel what I'm filling in",
	CmdLanguage:   "Switch language",
	CmdDeleteData: "Delete my data",
	CmdNewClass:   "Create a class",
	CmdBroadcast:  "Send an announcement",
	CmdStats:      "Programme statistics",
	CmdExport:     "Download data",
	CmdBuyers:     "Buyer leads",
	CmdMentees:    "The IKM I mentor",
	CmdInvite:     "Invite staff or mentors",

	RcIntro:           "<b>Export-readiness check</b> 📊\n\nThere are %d multiple-choice questions, about 5 minutes. Answer by tapping the letter of your answer. You can go back to the previous question or stop at any time.",
	RcResult:          "<b>Your export-readiness result</b>\n\nTotal score: <b>%s</b> of 100\nClass that fits: <b>%s</b>\n%s",
	RcRecommendations: "<b>The steps that would raise your score most</b>",
	RcLevelUp:         "🎉 <b>Moved up a class!</b> From %s to %s. Congratulations, keep going!",
	RcRetake:          "🔁 Take the check again",
	RcNeedsSignUp:     "The export-readiness check uses your business profile. Let's sign you up first (about 3 minutes), then go straight on to the check.",
	ProfileReadiness:  "<b>Export readiness</b>: %s, score %s of 100 (checked %s)",
	ProfileChange:     "Since the first check (%s): %s, score %s → %s",
	ProfileNoCheck:    "<b>Export readiness</b>: not checked yet. Take the check to learn which training class fits.",
}
