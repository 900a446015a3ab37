package flows

// Keys of /pembeli (issue 10, part 2): recording a buyer lead.
const (
	LdAskProduct      Key = "ld_ask_product"
	LdAskSector       Key = "ld_ask_sector"
	LdAskCountry      Key = "ld_ask_country"
	LdAskCountryOther Key = "ld_ask_country_other"
	LdCountryOther    Key = "ld_country_other"
	LdAskQuantity     Key = "ld_ask_quantity"
	LdAskFrequency    Key = "ld_ask_frequency"
	LdAskCert         Key = "ld_ask_cert"
	LdAskLevel        Key = "ld_ask_level"
	LdAskDeadline     Key = "ld_ask_deadline"
	LdAskContact      Key = "ld_ask_contact"
	LdNoCert          Key = "ld_no_cert"
	LdAnyLevel        Key = "ld_any_level"
	LdErrDeadline     Key = "ld_err_deadline"
	LdSummary         Key = "ld_summary"
	LdErrDeadlineFar  Key = "ld_err_deadline_far"

	LdFieldProduct      Key = "ld_field_product"
	LdFieldSector       Key = "ld_field_sector"
	LdFieldCountry      Key = "ld_field_country"
	LdFieldCountryOther Key = "ld_field_country_other"
	LdFieldQuantity     Key = "ld_field_quantity"
	LdFieldFrequency    Key = "ld_field_frequency"
	LdFieldCert         Key = "ld_field_cert"
	LdFieldLevel        Key = "ld_field_level"
	LdFieldDeadline     Key = "ld_field_deadline"
	LdFieldContact      Key = "ld_field_contact"
)

// Keys of /pembeli's list of open leads and of a lead just saved.
const (
	LdListTitle Key = "ld_list_title"
	LdListEmpty Key = "ld_list_empty"
	LdListMore  Key = "ld_list_more"
	LdItem      Key = "ld_item"
	LdMatches   Key = "ld_matches"
	LdSaved     Key = "ld_saved"
	BtnLdNew    Key = "btn_ld_new"
	BtnLdList   Key = "btn_ld_list"
)

// Keys of a lead's page for staff, sending it, forwarding the interested
// to their mentors, and its closing.
const (
	BtnLdClosed  Key = "btn_ld_closed"
	BtnLdSend    Key = "btn_ld_send"
	BtnLdForward Key = "btn_ld_forward"
	BtnLdView    Key = "btn_ld_view"

	LdPageClosed     Key = "ld_page_closed"
	LdPageSent       Key = "ld_page_sent"
	LdPageNotSent    Key = "ld_page_not_sent"
	LdPageAnswers    Key = "ld_page_answers"
	LdPageInterested Key = "ld_page_interested"
	LdPageMore       Key = "ld_page_more"
	LdNeeds          Key = "ld_needs"
	LdNeedsNothing   Key = "ld_needs_nothing"
	LdLevelOrAbove   Key = "ld_level_or_above"
	LdDeadlineLine   Key = "ld_deadline_line"
	LdOwnerNoName    Key = "ld_owner_no_name"
	LdNotChecked     Key = "ld_not_checked"
	LdNoCertsHeld    Key = "ld_no_certs_held"
	LdCertsHeld      Key = "ld_certs_held"
	LdNoMentor       Key = "ld_no_mentor"
	LdMentor         Key = "ld_mentor"
	LdMentorNoName   Key = "ld_mentor_no_name"

	LdSending          Key = "ld_sending"
	LdSentMeanwhile    Key = "ld_sent_meanwhile"
	LdAwaitingApproval Key = "ld_awaiting_approval"
	LdPagePending      Key = "ld_page_pending"
	LdPageRejected     Key = "ld_page_rejected"
	LdNobodyToSend     Key = "ld_nobody_to_send"
	LdAlreadySent      Key = "ld_already_sent"
	LdIsClosed         Key = "ld_is_closed"
	LdUnknown          Key = "ld_unknown"
	LdClosedTitle      Key = "ld_closed_title"
	LdClosedEmpty      Key = "ld_closed_empty"
	LdClosedItem       Key = "ld_closed_item"
	LdClosedStaff      Key = "ld_closed_staff"
	LdApAudience       Key = "ld_ap_audience"
	LdInterestStaff    Key = "ld_interest_staff"
	LdMentorTitle      Key = "ld_mentor_title"
	LdMentorMentees    Key = "ld_mentor_mentees"
	LdMentorAsk        Key = "ld_mentor_ask"
	LdMentorMore       Key = "ld_mentor_more"

	LdForwarded       Key = "ld_forwarded"
	LdForwardedNone   Key = "ld_forwarded_none"
	LdForwardedBefore Key = "ld_forwarded_before"
	LdForwardNoMentor Key = "ld_forward_no_mentor"
	LdForwardNobody   Key = "ld_forward_nobody"
)

// Keys of a lead as owners see it: the offer, their answer, its closing,
// and /pasar's part about buyers.
const (
	BtnLdYes Key = "btn_ld_yes"
	BtnLdNo  Key = "btn_ld_no"

	LdOfferTitle   Key = "ld_offer_title"
	LdOfferWhy     Key = "ld_offer_why"
	LdOfferAsk     Key = "ld_offer_ask"
	LdOfferSaidYes Key = "ld_offer_said_yes"
	LdOfferSaidNo  Key = "ld_offer_said_no"
	LdAnsweredYes  Key = "ld_answered_yes"
	LdAnsweredNo   Key = "ld_answered_no"
	LdClosedOwner  Key = "ld_closed_owner"
	LdNotQualified Key = "ld_not_qualified"
	LdOtherSector  Key = "ld_other_sector"

	LdOwnerTitle   Key = "ld_owner_title"
	LdOwnerSaidYes Key = "ld_owner_said_yes"
	LdOwnerSaidNo  Key = "ld_owner_said_no"
	LdOwnerUntil   Key = "ld_owner_until"
	LdOwnerGaps    Key = "ld_owner_gaps"
)
