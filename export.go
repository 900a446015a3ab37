package ikmbot

import "time"

// ExportFormat is the kind of file staff get from /ekspor.
type ExportFormat string

// Export formats: a workbook of every table, or one table as CSV.
const (
	FormatXLSX ExportFormat = "xlsx"
	FormatCSV  ExportFormat = "csv"
)

// OwnerRecord is everything an export holds about one owner: what they
// told the bot and what happened to them since. Only owners with a
// profile have one, so an owner who deleted their data never appears.
type OwnerRecord struct {
	// User carries the Profile (never nil in a record), the latest
	// readiness Level, the TargetMarkets and whether the owner can be
	// reached and takes broadcasts.
	User        User
	Assessments []Assessment  // every readiness attempt, oldest first
	Certs       []Certificate // in the catalog's order
	Enrolments  []Enrolment   // by the class's first meeting
	Help        []HelpRequest // oldest first, with their history
	FollowUps   []FollowUp    // oldest first, relayed messages too
	// MentorID is the owner's mentor now, 0 for none, and MentorName
	// their Telegram name (empty when they never gave one).
	MentorID   int64
	MentorName string
	// Names are the Telegram names of the staff and mentors the record
	// mentions (help requests taken, follow-ups logged), by user id;
	// someone without a name is left out. The records of one batch may
	// share the map: read it, never change it.
	Names map[int64]string
}

// Enrolment is an owner's place in one class, as an export lists it.
type Enrolment struct {
	Class Class
	// Seat is SeatEnrolled for a seat held (or held when the class
	// ended), SeatWaiting for a place on the waiting list, SeatNone for
	// an owner only recorded as having completed it.
	Seat SeatStatus
	// Since is when the owner took the seat or joined the waiting list;
	// zero when not known.
	Since     time.Time
	Completed bool // staff marked the class completed for the owner
}
