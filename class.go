package ikmbot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultCapacity is the seats of a class unless staff say otherwise: the
// province's programme trains 20 IKM per class.
const DefaultCapacity = 20

// ClassStatus is where a class stands.
type ClassStatus string

// Class statuses. Only an open class takes enrolments; a closed one keeps
// its roster and meets as planned.
const (
	ClassOpen      ClassStatus = "open"      // enrolment open
	ClassClosed    ClassStatus = "closed"    // enrolment closed by staff
	ClassCancelled ClassStatus = "cancelled" // will not take place; nothing is sent for it
	ClassFinished  ClassStatus = "finished"  // the last meeting is over and completion was decided
)

// Class is one export training class: a level, a stage (tahap 1 or 2) of a
// year, and a few meetings.
type Class struct {
	// ID is "<year>-<stage>-<n>", e.g. "2026-1-7": short enough for
	// callback data, and its term prefix keeps one stage's enrolment keys
	// together (see Term).
	ID       string      `json:"id"`
	Level    Level       `json:"level"`
	Stage    int         `json:"stage"` // 1 or 2
	Year     int         `json:"year"`
	Title    string      `json:"title"`
	Capacity int         `json:"capacity"`
	Meetings []Meeting   `json:"meetings"` // in time order
	Note     string      `json:"note,omitempty"`
	Status   ClassStatus `json:"status"`
	// FreeOnDecline lets an owner who says they cannot attend a meeting give
	// their seat to the first on the waiting list.
	FreeOnDecline bool      `json:"free_on_decline,omitempty"`
	CreatedBy     int64     `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
}

// Meeting is one session (pertemuan) of a class. Named so as not to be
// confused with Session, a chat's conversation state.
type Meeting struct {
	Start   time.Time `json:"start"`   // UTC
	Minutes int       `json:"minutes"` // duration
	Place   string    `json:"place"`   // an address or an online link
}

// End is when the meeting is over.
func (m Meeting) End() time.Time { return m.Start.Add(time.Duration(m.Minutes) * time.Minute) }

// Term is the stage a class belongs to, "<year>-<stage>": an owner holds a
// seat in at most one class of a term.
func (c Class) Term() string { return TermOf(c.Year, c.Stage) }

// TermOf is the term of a year's stage.
func TermOf(year, stage int) string { return strconv.Itoa(year) + "-" + strconv.Itoa(stage) }

// TermOfClass is the term prefix of a class id; ok is false for an id that
// is not "<year>-<stage>-<n>".
func TermOfClass(classID string) (term string, ok bool) {
	parts := strings.Split(classID, "-")
	if len(parts) != 3 {
		return "", false
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil || p == "" || p[0] == '-' || p[0] == '+' {
			return "", false
		}
	}
	if parts[1] != "1" && parts[1] != "2" {
		return "", false
	}
	return parts[0] + "-" + parts[1], true
}

// ClassID builds the id of the n-th class of a term.
func ClassID(year, stage int, n int64) string {
	return fmt.Sprintf("%d-%d-%d", year, stage, n)
}

// Ends is when the last meeting is over; zero for a class without meetings.
func (c Class) Ends() time.Time {
	var end time.Time
	for _, m := range c.Meetings {
		if e := m.End(); e.After(end) {
			end = e
		}
	}
	return end
}

// Ongoing reports whether the class still takes place at now: neither
// cancelled nor finished, and its last meeting not over. Its seat holders
// are the owners taking part in a class.
func (c Class) Ongoing(now time.Time) bool {
	return (c.Status == ClassOpen || c.Status == ClassClosed) && c.Ends().After(now)
}

// Validate reports what makes a class unusable, as an EInvalid error.
func (c Class) Validate() error {
	switch {
	case c.Level != LevelPemula && c.Level != LevelMenengah && c.Level != LevelMahir:
		return Errorf(EInvalid, "class %s: level %q", c.ID, c.Level)
	case c.Stage != 1 && c.Stage != 2:
		return Errorf(EInvalid, "class %s: stage %d", c.ID, c.Stage)
	case c.Year < 2000 || c.Year > 9999:
		return Errorf(EInvalid, "class %s: year %d", c.ID, c.Year)
	case strings.TrimSpace(c.Title) == "":
		return Errorf(EInvalid, "class %s: no title", c.ID)
	case c.Capacity < 1:
		return Errorf(EInvalid, "class %s: capacity %d", c.ID, c.Capacity)
	case len(c.Meetings) == 0:
		return Errorf(EInvalid, "class %s: no meetings", c.ID)
	}
	for i, m := range c.Meetings {
		if m.Minutes < 1 || m.Start.IsZero() || strings.TrimSpace(m.Place) == "" {
			return Errorf(EInvalid, "class %s: meeting %d incomplete", c.ID, i+1)
		}
		if i > 0 && m.Start.Before(c.Meetings[i-1].Start) {
			return Errorf(EInvalid, "class %s: meetings out of order", c.ID)
		}
	}
	return nil
}

// SeatStatus is where an owner stands in a class.
type SeatStatus string

// Seat statuses.
const (
	SeatNone     SeatStatus = ""         // not in the class
	SeatEnrolled SeatStatus = "enrolled" // holds a seat
	SeatWaiting  SeatStatus = "waiting"  // on the waiting list
)

// Answer is an owner's reply to a meeting reminder.
type Answer string

// Answers to a meeting reminder.
const (
	AnswerComing    Answer = "yes" // "Hadir"
	AnswerNotComing Answer = "no"  // "Tidak bisa hadir"
)

// EnrolResult is what an enrolment attempt did.
type EnrolResult struct {
	Status SeatStatus // where the owner stands in the class now
	// OtherClass is the class of the same term the owner already holds a
	// seat in (or waits for); set when that refused the enrolment.
	OtherClass string
	// Full says the class had no seat left.
	Full bool
}

// Roster is who takes part in a class, with their reminder answers,
// attendance and completion. Keys of Answers and Attendance are
// "<meeting index>:<owner id>".
type Roster struct {
	Enrolled   []int64 // by enrolment time
	Waiting    []int64 // by time of joining the list: the first is promoted first
	Answers    map[string]Answer
	Attendance map[string]bool
	Completed  map[int64]bool
}
