package flows

// Keys of the texts of messages between an owner and their mentor,
// relayed by the bot (Mr).
const (
	// Writing a message: questions, hints and the send step.
	MrAskToMentor       Key = "mr_ask_to_mentor"
	MrAskToMentorNoName Key = "mr_ask_to_mentor_no_name"
	MrAskToOwner        Key = "mr_ask_to_owner"
	MrConfirm           Key = "mr_confirm"
	MrNoName            Key = "mr_no_name"
	MrErrNotText        Key = "mr_err_not_text"
	MrErrShort          Key = "mr_err_short"
	MrErrLong           Key = "mr_err_long"
	MrErrNotSent        Key = "mr_err_not_sent"

	// A relayed message as the other side gets it, and what the sender
	// is told.
	MrFromOwner        Key = "mr_from_owner"
	MrFromMentor       Key = "mr_from_mentor"
	MrFromMentorNoName Key = "mr_from_mentor_no_name"
	MrSent             Key = "mr_sent"
	MrNotDelivered     Key = "mr_not_delivered"

	// Refusals: no mentor, another mentor now, not one's own owner.
	MrNoMentor      Key = "mr_no_mentor"
	MrMentorChanged Key = "mr_mentor_changed"
	MrNotYourOwner  Key = "mr_not_your_owner"

	// The mentor on the owner's profile.
	MrProfileMentor       Key = "mr_profile_mentor"
	MrProfileMentorNoName Key = "mr_profile_mentor_no_name"

	// Buttons.
	BtnMrSend          Key = "btn_mr_send"
	BtnMrReply         Key = "btn_mr_reply"
	BtnMrContact       Key = "btn_mr_contact"
	BtnMrContactNoName Key = "btn_mr_contact_no_name"
)
