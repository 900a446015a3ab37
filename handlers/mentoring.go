package handlers

import (
	"context"
	"strconv"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Mentoring (issue 7): staff assign owners to mentors (mentor_staff.go),
// mentors follow them up (mentor_mentor.go), and the reminder engine
// prompts a mentor when an owner has gone a cadence without a follow-up.

// MentorStore is what mentoring needs of storage.
type MentorStore interface {
	// AssignMentor makes mentorID the mentor of owners (moving them from
	// their previous mentor, whom it returns per owner) and schedules the
	// first prompts.
	AssignMentor(ctx context.Context, owners []int64, mentorID int64, now time.Time, schedule []ikmbot.Due) (map[int64]int64, error)
	// MentorOf is the owner's mentor, 0 for none.
	MentorOf(ctx context.Context, ownerID int64) (int64, error)
	// Mentees are a mentor's owners, the longest without a follow-up first.
	Mentees(ctx context.Context, mentorID int64) ([]ikmbot.Mentee, error)
	// MentorLoads counts each mentor's owners and those last followed up
	// before overdueBefore.
	MentorLoads(ctx context.Context, mentors []int64, overdueBefore time.Time) (map[int64]ikmbot.MentorLoad, error)
	// LogFollowUp keeps a follow-up by the owner's mentor and schedules the
	// next prompt; EConflict when the mentor is not theirs (any more).
	LogFollowUp(ctx context.Context, f ikmbot.FollowUp, next ikmbot.Due) error
	// FollowUps is the owner's history, oldest first.
	FollowUps(ctx context.Context, ownerID int64) ([]ikmbot.FollowUp, error)
	// Cadence is how long an owner may go without a follow-up;
	// SetCadence sets it in whole days.
	Cadence(ctx context.Context) (time.Duration, error)
	SetCadence(ctx context.Context, days int) error
}

// DueMentorFollowUp is the kind of the due item that prompts a mentor to
// follow an owner up. ID: the owner's id; Target: the mentor. There is one
// per owner: assigning, logging a follow-up and snoozing replace it.
const DueMentorFollowUp = "mentor_followup"

// mentorPromptDue is the prompt for the mentor of owner at at.
func mentorPromptDue(ownerID, mentorID int64, at time.Time) ikmbot.Due {
	return ikmbot.Due{Kind: DueMentorFollowUp, ID: strconv.FormatInt(ownerID, 10), Target: mentorID, At: at}
}

// mentoring is /binaan: staff (and admins) get the mentors with their
// loads and the assignment tools; mentors get their own owners.
func (r *Router) mentoring(ctx context.Context, c *call) error {
	switch {
	case c.user.Role.Allows(ikmbot.RoleStaff):
		return r.mentorAdmin(ctx, c)
	case c.user.Role.Allows(ikmbot.RoleMentor):
		return r.menteeList(ctx, c, 0)
	}
	c.say(c.t(flows.MsgNotAllowed))
	return nil
}

// mentorStore is the part of the store mentoring uses.
func (r *Router) mentorStore() MentorStore { return r.cfg.Store }
