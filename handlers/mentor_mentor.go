package handlers

import (
	"context"

	"ikmbot/flows"
)

// menteeList is /binaan for a mentor: their owners, the most overdue
// first, page by page.
func (r *Router) menteeList(_ context.Context, c *call, page int) error {
	c.say(c.t(flows.MsgNotYet))
	return nil
}
