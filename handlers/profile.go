package handlers

import (
	"context"
	"ikmbot"
	"ikmbot/flows"
)

// profile shows what is stored about the owner, with buttons to change it
// or delete it.
func (r *Router) profile(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	r.showProfile(c)
	return nil
}

func (r *Router) showProfile(c *call) {
	lines := flows.SignUp.Lines(c.lang, flows.ProfileAnswers(*c.user.Profile))
	c.say(c.t(flows.ProfileView, lines),
		[]ikmbot.Button{{Text: c.t(flows.BtnEditProfile), Data: cbEditProfile}},
		[]ikmbot.Button{{Text: c.t(flows.BtnDeleteData), Data: cbDeleteData}})
}

// editProfile opens the sign-up summary with the stored answers, so any
// answer is changed through the same question that asked it.
func (r *Router) editProfile(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		return r.profile(ctx, c)
	}
	r.leaveKeyboard(c)
	res := flows.SignUp.StartAtSummary(c.ev.ChatID, c.lang, newNonce(), flows.ProfileAnswers(*c.user.Profile), c.now)
	return r.runFlow(ctx, c, flows.SignUp, res)
}

// deleteData asks for confirmation before deleting everything. A
// conversation it interrupts resumes if the owner keeps their data.
func (r *Router) deleteData(ctx context.Context, c *call) error {
	return r.startFlow(ctx, c, flows.DeleteData, nil, true)
}
