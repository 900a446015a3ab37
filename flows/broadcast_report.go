package flows

import (
	"time"

	"ikmbot"
)

// BroadcastByline names who wrote a broadcast and, when approval was
// needed, who approved or rejected it, for its report; "" for a broadcast
// stored without its author's name.
func BroadcastByline(lang string, b ikmbot.Broadcast) string {
	if b.CreatedByName == "" {
		return ""
	}
	author := Escape(b.CreatedByName)
	switch {
	case b.ReviewedByName == "":
		return T(lang, SbByline, author)
	case b.Status == ikmbot.BroadcastRejected:
		return T(lang, SbBylineRejected, author, Escape(b.ReviewedByName))
	}
	return T(lang, SbBylineApproved, author, Escape(b.ReviewedByName))
}

// BroadcastListLabel is a broadcast's button in staff's list: its number
// and date and where it stands (sent of total once it went out, the time
// it is scheduled for, waiting for approval, rejected).
func BroadcastListLabel(lang string, b ikmbot.Broadcast, loc *time.Location) string {
	date := FormatDate(lang, b.CreatedAt, loc)
	switch b.Status {
	case ikmbot.BroadcastDraft:
		if !b.SendAt.IsZero() {
			return T(lang, SbListScheduled, b.ID, FormatDateTime(lang, b.SendAt, loc))
		}
		return T(lang, SbListDraft, b.ID, date)
	case ikmbot.BroadcastPending:
		return T(lang, SbListPending, b.ID, date)
	case ikmbot.BroadcastRejected:
		return T(lang, SbListRejected, b.ID, date)
	case ikmbot.BroadcastCancelled:
		return T(lang, SbListCancelled, b.ID, date, b.Sent, b.Total)
	}
	return T(lang, SbListItem, b.ID, date, b.Sent, b.Total)
}
