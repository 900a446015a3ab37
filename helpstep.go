package ikmbot

// Kinds of help request steps (HelpStep.Kind).
const (
	HelpStepOpened = "opened" // the owner asked
	HelpStepTaken  = "taken"  // a staff member took it on
	HelpStepReply  = "reply"  // staff to owner
	HelpStepNote   = "note"   // owner to staff
	HelpStepClosed = "closed" // done
)
