package handlers

import (
	"ikmbot"
	"ikmbot/flows"
)

// noteProgress records how far the user got in a followed conversation
// (sign-up, the readiness check; see ikmbot.FlowProgress), for where
// /statistik says owners give up: the step the session is at, or finished
// when done. Editing a saved profile goes through the sign-up questions
// too, but is not a sign-up, so it is not followed.
func noteProgress(c *call, f *flows.Flow, s ikmbot.Session, done bool) {
	if flows.FollowedFlow(f.Name) != f || (f == flows.SignUp && c.user.Profile != nil) {
		return
	}
	step := f.ProgressDone()
	if !done {
		if step = f.ProgressIndex(s.Step); step < 0 {
			return
		}
	}
	c.change.Progress = append(c.change.Progress, ikmbot.FlowProgress{Flow: f.Name, Step: step})
}
