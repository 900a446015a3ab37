package handlers

import (
	"context"
	"time"

	"ikmbot"
)

// ClassStore is what the class features need of storage.
type ClassStore interface {
	// NextClassID reserves the id of a new class; errors are Redis failures.
	NextClassID(ctx context.Context, year, stage int) (string, error)
	// SaveClass creates or replaces a class with its due items changed in
	// the same transaction; EInvalid for a class that does not validate.
	SaveClass(ctx context.Context, c ikmbot.Class, schedule []ikmbot.Due, unschedule []string) error
	// Class loads one class; ENotFound when there is none.
	Class(ctx context.Context, id string) (ikmbot.Class, error)
	// Classes lists the classes whose first meeting is at since or later,
	// by first meeting.
	Classes(ctx context.Context, since time.Time) ([]ikmbot.Class, error)
	// ClassesByID loads classes by id; unknown ones are left out.
	ClassesByID(ctx context.Context, ids []string) ([]ikmbot.Class, error)
	// ClassSeats counts the seats taken per class.
	ClassSeats(ctx context.Context, ids []string) (map[string]int, error)
	// Enrol gives the owner a seat, or a place on the waiting list when
	// full and waitIfFull; EConflict when the class does not take
	// enrolments, ENotFound for no such class.
	Enrol(ctx context.Context, classID string, ownerID int64, now time.Time, waitIfFull bool) (ikmbot.EnrolResult, error)
	// Leave takes the owner out of the class or its waiting list and
	// returns who got the freed seat (0 for nobody).
	Leave(ctx context.Context, classID string, ownerID int64, now time.Time) (left ikmbot.SeatStatus, promoted int64, err error)
	// SeatOf returns the owner's classes and where they stand in each.
	SeatOf(ctx context.Context, ownerID int64) (map[string]ikmbot.SeatStatus, error)
	// Roster returns a class's participants, waiting list, answers,
	// attendance and completions.
	Roster(ctx context.Context, classID string) (ikmbot.Roster, error)
	// SetAnswer records a reminder answer of an enrolled owner; enrolled
	// is false (and nothing stored) for anyone else.
	SetAnswer(ctx context.Context, classID string, meeting int, ownerID int64, a ikmbot.Answer) (enrolled bool, err error)
	// ClearAnswers forgets the reminder answers of owners for a meeting
	// (it moved); errors are Redis failures.
	ClearAnswers(ctx context.Context, classID string, meeting int, owners []int64) error
	// SetAttendance records whether an enrolled owner came; EConflict for
	// an owner not enrolled.
	SetAttendance(ctx context.Context, classID string, meeting int, ownerID int64, present bool) error
	// CancelClass cancels a class, frees its owners' seats of the term and
	// removes its due items; it returns the roster as it was.
	CancelClass(ctx context.Context, classID string, unschedule []string) (ikmbot.Roster, error)
	// CompleteClass records who completed a class and marks it finished.
	CompleteClass(ctx context.Context, classID string, completed []int64) error
	// Users loads several users at once; unknown ids are left out.
	Users(ctx context.Context, ids []int64) (map[int64]ikmbot.User, error)
	// LoadUser loads one user and their conversation state without
	// claiming an update.
	LoadUser(ctx context.Context, userID int64) (ikmbot.User, ikmbot.Session, error)
}
