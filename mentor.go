package ikmbot

import "time"

// Mentoring (pendampingan): staff assign each owner on the way to export
// a mentor from LPEI or the office, who follows up with them. The bot
// keeps who mentors whom and when each was last followed up, and prompts
// the mentor when a follow-up is due.

// DefaultCadence is how long an owner may go without a follow-up before
// their mentor is prompted, until staff set another.
const DefaultCadence = 14 * 24 * time.Hour

// FollowUpKind is how a mentor followed up.
type FollowUpKind string

// Kinds of follow-up, as the mentor's buttons offer them.
const (
	FollowVisit    FollowUpKind = "visit"
	FollowCall     FollowUpKind = "call"
	FollowChat     FollowUpKind = "chat"
	FollowTraining FollowUpKind = "training"
)

// FollowUpKinds are the kinds in the order the buttons show them.
var FollowUpKinds = []FollowUpKind{FollowVisit, FollowCall, FollowChat, FollowTraining}

// Kinds of the messages an owner and their mentor send each other through
// the bot, kept in the owner's history with the text as the Note. They are
// not buttons: the relay records them. A mentor's message counts as a
// follow-up (it restarts the follow-up clock); an owner's does not.
const (
	FollowMessageFromOwner  FollowUpKind = "msg_owner"
	FollowMessageFromMentor FollowUpKind = "msg_mentor"
)

// FollowUp is one follow-up a mentor logged, kept in the owner's history,
// or one message relayed between the owner and their mentor (the
// FollowMessage kinds; MentorID is the mentor either way).
type FollowUp struct {
	OwnerID  int64        `json:"owner"`
	MentorID int64        `json:"mentor"`
	Kind     FollowUpKind `json:"kind"`
	Note     string       `json:"note,omitempty"`
	At       time.Time    `json:"at"`
}

// Mentee is one owner a mentor follows up: since when, and when they were
// last in touch (the assignment counts as the start).
type Mentee struct {
	OwnerID int64
	// Last is the last follow-up, or the assignment when there was none.
	Last time.Time
}

// Due is when the next follow-up is due at this cadence.
func (m Mentee) Due(cadence time.Duration) time.Time { return m.Last.Add(cadence) }

// Overdue is how long past due the follow-up is at now; zero or less when
// it is not due yet.
func (m Mentee) Overdue(cadence time.Duration, now time.Time) time.Duration {
	return now.Sub(m.Due(cadence))
}

// MentorLoad is how many owners a mentor follows up, and how many of them
// have gone without a follow-up for longer than the cadence.
type MentorLoad struct{ Mentees, Overdue int64 }
