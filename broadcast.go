package ikmbot

import "time"

// BroadcastStatus is where a broadcast stands.
type BroadcastStatus string

// Broadcast statuses.
const (
	BroadcastDraft     BroadcastStatus = "draft"     // being written; no recipients yet
	BroadcastSending   BroadcastStatus = "sending"   // recipients snapshotted, going out
	BroadcastPaused    BroadcastStatus = "paused"    // staff paused it; resumes where it stopped
	BroadcastDone      BroadcastStatus = "done"      // every recipient handled
	BroadcastCancelled BroadcastStatus = "cancelled" // stopped for good
)

// Broadcast is an announcement from staff to a set of owners: the message,
// and the counts of what happened to it. Its recipients are a snapshot
// taken when sending starts, kept in storage, never all in memory.
type Broadcast struct {
	ID        string          `json:"id"`
	Message   Message         `json:"message"` // ChatID is filled in per recipient
	Audience  Audience        `json:"audience"`
	Status    BroadcastStatus `json:"status"`
	CreatedBy int64           `json:"created_by"`
	CreatedAt time.Time       `json:"created_at"`
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
// owners with one of its values; an empty list does not narrow. Owners who
// blocked the bot or turned announcements off are never in an audience.
type Audience struct {
	Regions []string       `json:"regions,omitempty"` // Region.Code
	Levels  []Level        `json:"levels,omitempty"`  // latest readiness level; owners without one never match a level
	Sectors []string       `json:"sectors,omitempty"` // Sector.Code
	Exports []ExportStatus `json:"exports,omitempty"`
}

// Matches reports whether an owner is in the audience.
func (a Audience) Matches(u User) bool {
	if u.Profile == nil || u.Unreachable || u.NoBroadcasts {
		return false
	}
	return in(a.Regions, u.Profile.Region) && in(a.Levels, u.Level) &&
		in(a.Sectors, u.Profile.Sector) && in(a.Exports, u.Profile.ExportStatus)
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
