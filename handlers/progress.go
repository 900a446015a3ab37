package handlers

import (
	"strconv"

	"ikmbot"
	"ikmbot/flows"
)

// answerFurthest keeps, in a followed conversation's session, the index
// of the furthest step this attempt reached, so that only moves forward
// are counted (see ikmbot.FlowProgress).
const answerFurthest = "_furthest"

// noteProgress counts how far an attempt at a followed conversation
// (sign-up, the readiness check) got, for where /statistik says owners
// give up: the step the session is at, or finished when done, when that
// is further than the attempt had reached. Editing a saved profile goes
// through the sign-up questions too, but is not a sign-up, so it is not
// followed.
func noteProgress(c *call, f *flows.Flow, s *ikmbot.Session, done bool) {
	if flows.FollowedFlow(f.Name) != f || (f == flows.SignUp && c.user.Profile != nil) {
		return
	}
	from := -1
	if v, err := strconv.Atoi(s.Answers[answerFurthest]); err == nil {
		from = v
	}
	to := f.ProgressDone()
	if !done {
		to = f.ProgressIndex(s.Step)
	}
	if to <= from || to < 0 {
		return
	}
	c.change.Progress = append(c.change.Progress, ikmbot.FlowProgress{Flow: f.Name, From: from, To: to})
	if !done {
		s.Answers = copyWith(s.Answers, answerFurthest, strconv.Itoa(to))
	}
}
