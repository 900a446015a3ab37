package ikmbot

import "time"

// AuditAction is what staff or an admin did that the audit log keeps:
// exports of owners' data, broadcasts to owners and bulk mentor
// assignments (issue 8), the actions that reach many owners at once.
type AuditAction string

// Audit actions. Each says what AuditEntry's Detail, Rows and Ref hold for
// it; a field not named is empty.
const (
	// AuditExport: staff exported owners' data. Detail is the format,
	// "xlsx", or "csv:<table>" for one table as CSV; Rows the owners in
	// the file (one row each in the owners table; the other tables have a
	// row per record of theirs); Audience the filter, nil for none.
	AuditExport AuditAction = "export"
	// AuditBroadcastSent: a broadcast started going out. Ref is its id,
	// Rows its recipients (the snapshot), Audience its audience; Detail is
	// AuditDetailDue when the reminder engine sent a scheduled one (the
	// actor is then its author), AuditDetailLead when it carried a buyer
	// lead, "" when someone tapped send or approve.
	AuditBroadcastSent AuditAction = "bc_sent"
	// AuditBroadcastScheduled: a broadcast was scheduled. Ref is its id,
	// Rows the owners its audience reached then, Detail the time it goes
	// out (AuditTime).
	AuditBroadcastScheduled AuditAction = "bc_scheduled"
	// AuditBroadcastSubmitted: staff asked admins to approve a broadcast.
	// Ref is its id, Rows the owners its audience reached then, Detail the
	// time it is to go out (AuditTime), "" for as soon as approved.
	AuditBroadcastSubmitted AuditAction = "bc_submitted"
	// AuditBroadcastApproved: an admin approved a broadcast. Ref is its
	// id, Detail the time it is to go out (AuditTime), "" for at once (an
	// AuditBroadcastSent entry follows with the recipients).
	AuditBroadcastApproved AuditAction = "bc_approved"
	// AuditBroadcastRejected: an admin rejected a broadcast. Ref is its id.
	AuditBroadcastRejected AuditAction = "bc_rejected"
	// AuditBroadcastCancelled: a broadcast was cancelled before it went
	// out, or stopped while going out. Ref is its id, Detail the status it
	// had (a BroadcastStatus), Rows the recipients it had reached by then.
	AuditBroadcastCancelled AuditAction = "bc_cancelled"
	// AuditMentorAssign: staff assigned owners to a mentor in bulk.
	// Audience holds the region and sector chosen (empty lists for all),
	// Detail the scope (AuditScopeNew or AuditScopeReassign), Rows the
	// owners assigned, Ref the mentor's id and RefName their name.
	AuditMentorAssign AuditAction = "mentor_assign"
)

// Details of audit entries, machine-readable; the view puts them into
// words.
const (
	// AuditDetailDue marks a broadcast sent at its scheduled time.
	AuditDetailDue = "due"
	// AuditDetailLead marks a broadcast that carried a buyer lead to the
	// owners it matched; RefName is then the lead's product.
	AuditDetailLead = "lead"
	// AuditScopeNew: a bulk assignment took owners without a mentor only.
	AuditScopeNew = "new"
	// AuditScopeReassign: it also moved owners from their mentor.
	AuditScopeReassign = "reassign"
	// AuditFormatXLSX is the Detail of an export as a spreadsheet;
	// AuditFormatCSV+table that of one table as CSV.
	AuditFormatXLSX = "xlsx"
	AuditFormatCSV  = "csv:"
)

// AuditTime is how a time is written into an entry's Detail: RFC 3339 in
// UTC, so the view can read it back.
func AuditTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// AuditEntry is one line of the audit log admins read with /audit: who
// did what, when, to which owners (the filter) and how many. It holds the
// ids and Telegram names of staff, admins and mentors, never an owner's
// name, phone or business, so /hapusdata leaves it alone.
type AuditEntry struct {
	At        time.Time   `json:"at"`
	ActorID   int64       `json:"actor"`
	ActorName string      `json:"actor_name,omitempty"` // Telegram first name
	Action    AuditAction `json:"action"`
	// Audience is the filter the action used; nil for none.
	Audience *Audience `json:"audience,omitempty"`
	Detail   string    `json:"detail,omitempty"`
	Rows     int64     `json:"rows"`
	Ref      string    `json:"ref,omitempty"`
	// RefName names the person Ref is the id of (a mentor) or, for a
	// buyer lead's broadcast, the lead's product; never an
	// owner.
	RefName string `json:"ref_name,omitempty"`
}
