package handlers

import (
	"context"

	"ikmbot/flows"
)

// mentorAdmin is /binaan for staff: the mentors with their loads and the
// assignment tools.
func (r *Router) mentorAdmin(_ context.Context, c *call) error {
	c.say(c.t(flows.MsgNotYet))
	return nil
}
