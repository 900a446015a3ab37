package flows

// Keys of the texts of recording a certificate (Sf), asking for help (Hb),
// replying to a help request (Hr) and showing certifications (Ct).
const (
	// Recording a certificate: questions, buttons and summary values.
	SfAskType          Key = "sf_ask_type"
	SfAskTypeFixed     Key = "sf_ask_type_fixed"
	SfAskStatus        Key = "sf_ask_status"
	SfHeld             Key = "sf_held"
	SfApplying         Key = "sf_applying"
	SfAskNumber        Key = "sf_ask_number"
	SfNoNumber         Key = "sf_no_number"
	SfNoNumberShow     Key = "sf_no_number_show"
	SfAskIssued        Key = "sf_ask_issued"
	SfDontKnow         Key = "sf_dont_know"
	SfDontKnowShow     Key = "sf_dont_know_show"
	SfAskExpires       Key = "sf_ask_expires"
	SfAskExpiresCheck  Key = "sf_ask_expires_check"
	SfAskExpiresMaybe  Key = "sf_ask_expires_maybe"
	SfUseDefault       Key = "sf_use_default"
	SfNoExpiry         Key = "sf_no_expiry"
	SfNoExpiryShow     Key = "sf_no_expiry_show"
	SfGuessShow        Key = "sf_guess_show"
	SfAskSince         Key = "sf_ask_since"
	SfThisMonth        Key = "sf_this_month"
	SfThisMonthShow    Key = "sf_this_month_show"
	SfDontRemember     Key = "sf_dont_remember"
	SfDontRememberShow Key = "sf_dont_remember_show"

	// Recording a certificate: hints for typed answers.
	SfErrNumber             Key = "sf_err_number"
	SfErrFuture             Key = "sf_err_future"
	SfErrTooOld             Key = "sf_err_too_old"
	SfErrIssuedAfterExpiry  Key = "sf_err_issued_after_expiry"
	SfErrExpiryBeforeIssued Key = "sf_err_expiry_before_issued"
	SfErrExpiryFar          Key = "sf_err_expiry_far"

	// Summary labels (and edit buttons) of recording a certificate.
	SfFieldType    Key = "sf_field_type"
	SfFieldStatus  Key = "sf_field_status"
	SfFieldNumber  Key = "sf_field_number"
	SfFieldIssued  Key = "sf_field_issued"
	SfFieldExpires Key = "sf_field_expires"
	SfFieldSince   Key = "sf_field_since"

	// Asking for help.
	HbAskAbout     Key = "hb_ask_about"
	HbGeneral      Key = "hb_general"
	HbAskText      Key = "hb_ask_text"
	HbAskTextAbout Key = "hb_ask_text_about"
	HbErrShort     Key = "hb_err_short"
	HbFieldAbout   Key = "hb_field_about"
	HbFieldText    Key = "hb_field_text"

	// A help request as staff see it.
	HbStatusOpen       Key = "hb_status_open"
	HbStatusTaken      Key = "hb_status_taken"
	HbStatusClosed     Key = "hb_status_closed"
	HbKindOpened       Key = "hb_kind_opened"
	HbKindTaken        Key = "hb_kind_taken"
	HbKindReply        Key = "hb_kind_reply"
	HbKindNote         Key = "hb_kind_note"
	HbKindClosed       Key = "hb_kind_closed"
	HbViewTitle        Key = "hb_view_title"
	HbViewFrom         Key = "hb_view_from"
	HbViewFromNoRegion Key = "hb_view_from_no_region"
	HbViewAbout        Key = "hb_view_about"
	HbViewAt           Key = "hb_view_at"
	HbViewText         Key = "hb_view_text"
	HbViewHistory      Key = "hb_view_history"
	HbHistoryLine      Key = "hb_history_line"
	HbHistoryLineText  Key = "hb_history_line_text"

	// A help request as its owner sees it.
	HbOwnerTitle  Key = "hb_owner_title"
	HbOwnerOpen   Key = "hb_owner_open"
	HbOwnerTaken  Key = "hb_owner_taken"
	HbOwnerClosed Key = "hb_owner_closed"
	HbOwnerText   Key = "hb_owner_text"
	HbOwnerReply  Key = "hb_owner_reply"

	// Replying to a help request.
	HrAskText      Key = "hr_ask_text"
	HrAskTextOwner Key = "hr_ask_text_owner"

	// The owner's certification page.
	CtListTitle        Key = "ct_list_title"
	CtListEmpty        Key = "ct_list_empty"
	CtOthers           Key = "ct_others"
	CtHeld             Key = "ct_held"
	CtApplying         Key = "ct_applying"
	CtMissing          Key = "ct_missing"
	CtHowLine          Key = "ct_how_line"
	CtApplyingSince    Key = "ct_applying_since"
	CtApplyingNoSince  Key = "ct_applying_no_since"
	CtNumber           Key = "ct_number"
	CtValidUntil       Key = "ct_valid_until"
	CtNoExpiryRecorded Key = "ct_no_expiry_recorded"
	CtExpired          Key = "ct_expired"
	CtExpiresToday     Key = "ct_expires_today"
	CtExpiresTomorrow  Key = "ct_expires_tomorrow"
	CtExpiresIn        Key = "ct_expires_in"

	// Expiry reminders and the monthly question about an application.
	CtReminderIn       Key = "ct_reminder_in"
	CtReminderTomorrow Key = "ct_reminder_tomorrow"
	CtReminderToday    Key = "ct_reminder_today"
	CtReminderExpired  Key = "ct_reminder_expired"
	CtReminderGuessed  Key = "ct_reminder_guessed"
	CtReminderHow      Key = "ct_reminder_how"
	CtReminderFooter   Key = "ct_reminder_footer"
	CtProcessAsk       Key = "ct_process_ask"
	CtProcessAskSince  Key = "ct_process_ask_since"
	CtProcessHint      Key = "ct_process_hint"
)
