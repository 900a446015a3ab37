package ikmbot

import "time"

// Due is something the reminder engine sends when its time comes: a class
// reminder, a certificate expiry, a mentor follow-up, a nudge to finish
// sign-up. The engine knows only Kind, ID and the times; what Target and
// Payload mean is up to the kind's handler, so new kinds plug in without
// changing the engine.
type Due struct {
	// Kind names the handler that turns the item into messages, e.g.
	// "class". Short, no '|'.
	Kind string `json:"kind"`
	// ID is unique within Kind; scheduling the same Kind and ID again
	// replaces the earlier item. No '|'.
	ID string `json:"id"`
	// Target is who it is for, usually a user id; 0 when the handler
	// decides.
	Target int64 `json:"target,omitempty"`
	// Payload is the handler's own data.
	Payload string `json:"payload,omitempty"`
	// At is when it falls due (UTC).
	At time.Time `json:"at"`
	// Until is when sending it stops being useful (a class reminder after
	// the meeting started): an item found after Until is dropped, and quiet
	// hours do not hold it past Until. Zero means it stays useful.
	Until time.Time `json:"until,omitempty"`
}

// Key is the item's identity across reschedules: "<kind>|<id>".
func (d Due) Key() string { return d.Kind + "|" + d.ID }
