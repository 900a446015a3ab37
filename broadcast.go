package ikmbot

import (
	"slices"
	"time"
)

// BroadcastStatus is where a broadcast stands.
type BroadcastStatus string

// Broadcast statuses.
const (
	BroadcastDraft     BroadcastStatus = "draft"     // being written; no recipients yet
	BroadcastSending   BroadcastStatus = "sending"   // recipients snapshotted, going out
	BroadcastPaused    BroadcastStatus = "paused"    // staff paused it; resumes where it stopped
	BroadcastDone      BroadcastStatus = "done"      // every recipient handled
	BroadcastCancelled BroadcastStatus = "cancelled" // stopped for good
	// BroadcastPending waits for an admin's approval (when approval is
	// switched on); approving makes it a draft again, to send or schedule.
	BroadcastPending  BroadcastStatus = "pending"
	BroadcastRejected BroadcastStatus = "rejected" // an admin refused it; never sent
)

// BroadcastStatuses are every status, for checks that go through them.
var BroadcastStatuses = []BroadcastStatus{BroadcastDraft, BroadcastPending, BroadcastRejected, BroadcastSending,
	BroadcastPaused, BroadcastDone, BroadcastCancelled}

// CanBecome reports whether staff or an admin may move a broadcast from s
// to next: start a draft, pause one sending, resume one paused, ask for
// approval of a draft and decide one pending, cancel one not ended.
// Finishing as done is storage's own, when the last recipient is settled.
func (s BroadcastStatus) CanBecome(next BroadcastStatus) bool {
	switch next {
	case BroadcastSending:
		return s == BroadcastDraft || s == BroadcastPaused
	case BroadcastPaused:
		return s == BroadcastSending
	case BroadcastCancelled:
		return !s.Ended()
	case BroadcastPending:
		return s == BroadcastDraft
	case BroadcastDraft, BroadcastRejected:
		return s == BroadcastPending
	}
	return false
}

// Ended reports whether a broadcast can no longer change: nothing more is
// sent, paused or resumed.
func (s BroadcastStatus) Ended() bool {
	return s == BroadcastDone || s == BroadcastCancelled || s == BroadcastRejected
}

// Broadcast is an announcement from staff to a set of owners: the message,
// and the counts of what happened to it. Its recipients are a snapshot
// taken when sending starts, kept in storage, never all in memory.
type Broadcast struct {
	ID      string  `json:"id"`
	Message Message `json:"message"` // ChatID is filled in per recipient
	// Translations are the message in other languages, by language code,
	// for the recipients who chose one: a message the bot writes (a buyer
	// lead) has them, one staff wrote goes as typed.
	Translations map[string]Message `json:"translations,omitempty"`
	Audience     Audience           `json:"audience"`
	Status       BroadcastStatus    `json:"status"`
	CreatedBy    int64              `json:"created_by"`
	CreatedAt    time.Time          `json:"created_at"`
	// CreatedByName is the author's Telegram first name, for the report.
	CreatedByName string `json:"created_by_name,omitempty"`
	// LeadID is set when the broadcast carries a buyer lead to the owners
	// it matches (Lead.BroadcastID points back): its recipients are those
	// matches, not Audience's.
	LeadID string `json:"lead_id,omitempty"`
	// SendAt is the time staff chose to send it; zero for "now".
	SendAt time.Time `json:"send_at,omitzero"`
	// The admin who approved or rejected it, when approval was needed.
	ReviewedBy     int64     `json:"reviewed_by,omitempty"`
	ReviewedByName string    `json:"reviewed_by_name,omitempty"`
	ReviewedAt     time.Time `json:"reviewed_at,omitzero"`
	// Counts, kept by storage as recipients are handled.
	Total   int64 `json:"total"`   // recipients in the snapshot
	Sent    int64 `json:"sent"`    // delivered
	Blocked int64 `json:"blocked"` // the owner blocked the bot or is gone (marked unreachable)
	Failed  int64 `json:"failed"`  // Telegram refused or kept failing
}

// Left is how many recipients are not handled yet.
func (b Broadcast) Left() int64 { return b.Total - b.Sent - b.Blocked - b.Failed }

// Outcome is what sending a broadcast to one recipient came to.
type Outcome string

// Outcomes of one recipient.
const (
	OutcomeSent    Outcome = "sent"
	OutcomeBlocked Outcome = "blocked"
	OutcomeFailed  Outcome = "failed"
)

// Audience says which owners a broadcast is for. Each list narrows it to
// owners with one of its values; an empty list, an empty Class and an
// empty CertType do not narrow. Owners who blocked the bot or turned
// announcements off are never in an audience. The fields added after the
// first release are omitted when empty, so broadcasts stored before read
// as they were.
type Audience struct {
	Regions []string       `json:"regions,omitempty"` // Region.Code
	Levels  []Level        `json:"levels,omitempty"`  // latest readiness level; owners without one never match a level
	Sectors []string       `json:"sectors,omitempty"` // Sector.Code
	Exports []ExportStatus `json:"exports,omitempty"`
	// Class narrows by the owner's classes (OwnerFacts.Enrolled and
	// Completed).
	Class ClassFilter `json:"class,omitempty"`
	// CertType, a CertType.Code, narrows to the owners who hold a
	// certificate of that type (see HoldsCert) or, with CertLacking, to
	// those who do not. CertLacking alone does not narrow.
	CertType    string `json:"cert_type,omitempty"`
	CertLacking bool   `json:"cert_lacking,omitempty"`
	// Markets narrows to the owners who chose one of these countries
	// (Country.ISO2) as a target (User.TargetMarkets); an owner who chose
	// none never matches.
	Markets []string `json:"markets,omitempty"`
}

// Narrows reports whether the audience leaves anybody out: whether any of
// its filters is set (CertLacking alone does not narrow).
func (a Audience) Narrows() bool {
	return len(a.Regions) > 0 || len(a.Levels) > 0 || len(a.Sectors) > 0 || len(a.Exports) > 0 ||
		a.Class != ClassFilterAll || a.CertType != "" || len(a.Markets) > 0
}

// ClassFilter is how an audience narrows by classes.
type ClassFilter string

// Class filters. A value this build does not know matches nobody: better
// a broadcast that reaches no one than one that reaches everyone.
const (
	ClassFilterAll ClassFilter = "" // does not narrow
	// ClassFilterEnrolled: owners holding a seat (not waiting) in a class
	// that is neither cancelled nor finished and whose last meeting is not
	// over: taking part now or soon.
	ClassFilterEnrolled ClassFilter = "enrolled"
	// ClassFilterCompleted: owners who completed at least one class.
	ClassFilterCompleted ClassFilter = "completed"
	// ClassFilterNone: owners neither enrolled (as above) nor ever
	// completed a class, such as those who never took one, only wait, or
	// took one without completing it.
	ClassFilterNone ClassFilter = "none"
)

// OwnerFacts are what an audience may ask of an owner beyond their User.
// They live in other keys (seats, completions, certificates), so whoever
// checks an audience reads them only when NeedsClasses or NeedsCerts says
// so, and Matches stays a pure function of what it is given.
type OwnerFacts struct {
	Enrolled  bool // holds a seat as ClassFilterEnrolled means it
	Completed bool // completed at least one class
	// Certs are the owner's certificates; only those of the audience's
	// CertType count, so a reader may leave the others out.
	Certs []Certificate
	// Now is when the audience is taken: a certificate expired by then is
	// not held.
	Now time.Time
}

// NeedsClasses reports whether Matches looks at OwnerFacts.Enrolled and
// Completed.
func (a Audience) NeedsClasses() bool { return a.Class != ClassFilterAll }

// NeedsCerts reports whether Matches looks at OwnerFacts.Certs and Now.
func (a Audience) NeedsCerts() bool { return a.CertType != "" }

// Matches reports whether an owner, with the facts the audience needs
// (see NeedsClasses and NeedsCerts; the others may be zero), is in the
// audience.
func (a Audience) Matches(u User, f OwnerFacts) bool {
	if u.Profile == nil || u.Unreachable || u.NoBroadcasts {
		return false
	}
	if !in(a.Regions, u.Profile.Region) || !in(a.Levels, u.Level) ||
		!in(a.Sectors, u.Profile.Sector) || !in(a.Exports, u.Profile.ExportStatus) || !inAny(a.Markets, u.TargetMarkets) {
		return false
	}
	switch a.Class {
	case ClassFilterAll:
	case ClassFilterEnrolled:
		if !f.Enrolled {
			return false
		}
	case ClassFilterCompleted:
		if !f.Completed {
			return false
		}
	case ClassFilterNone:
		if f.Enrolled || f.Completed {
			return false
		}
	default:
		return false
	}
	if a.CertType != "" && HoldsCert(f.Certs, a.CertType, f.Now) == a.CertLacking {
		return false
	}
	return true
}

// HoldsCert reports whether certs has a certificate of type code that is
// held (not only applied for) and not expired at now (Certificate.Expired:
// valid through its Expires day, forever without one). An expiry the bot
// guessed from the catalog counts like one read off the certificate, as
// the owner's reminders do.
func HoldsCert(certs []Certificate, code string, now time.Time) bool {
	for _, c := range certs {
		if c.Type == code && c.Status == CertHeld && !c.Expired(now) {
			return true
		}
	}
	return false
}

// inAny reports whether one of vs is in list, or list is empty: an empty
// vs is in no list but the empty one.
func inAny[T comparable](list, vs []T) bool {
	if len(list) == 0 {
		return true
	}
	for _, v := range vs {
		if slices.Contains(list, v) {
			return true
		}
	}
	return false
}

// in reports whether v is in list, or list is empty.
func in[T comparable](list []T, v T) bool {
	if len(list) == 0 {
		return true
	}
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
