package handlers

import (
	"context"
	"regexp"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// payloadCode is what Telegram allows in a deep-link payload after our
// prefix.
var payloadCode = regexp.MustCompile(`^[A-Za-z0-9_-]{1,60}$`)

// start greets: a new user gets the sign-up button, a signed-up owner the
// main choices, and a user in the middle of a flow continues it. A payload
// src_<code> is remembered as where the owner heard of the bot; inv_<code>
// redeems an invitation.
func (r *Router) start(ctx context.Context, c *call) error {
	payload := strings.TrimSpace(c.ev.Text)
	switch {
	case strings.HasPrefix(payload, "inv_"):
		return r.redeem(ctx, c, strings.TrimPrefix(payload, "inv_"))
	case strings.HasPrefix(payload, "src_") && payloadCode.MatchString(strings.TrimPrefix(payload, "src_")):
		r.rememberSource(c, strings.TrimPrefix(payload, "src_"))
	}
	if f := flowNamed(c.session.Flow); f != nil {
		return r.runFlow(ctx, c, f, f.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	}
	if c.user.Profile != nil {
		c.say(c.t(flows.MsgWelcomeBack, flows.Escape(c.user.Profile.OwnerName)), r.mainButtons(c)...)
		return nil
	}
	c.say(c.t(flows.MsgWelcomeNew),
		[]ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}},
		[]ikmbot.Button{{Text: c.t(flows.BtnLanguage), Data: cbLanguage}})
	return nil
}

// rememberSource keeps the deep-link source in the session until sign-up
// saves it on the profile. An owner already signed up keeps their first
// source.
func (r *Router) rememberSource(c *call, src string) {
	if c.user.Profile != nil || c.session.Answers[flows.AnswerSource] != "" {
		return
	}
	s := c.session
	answers := map[string]string{flows.AnswerSource: src}
	for k, v := range s.Answers {
		answers[k] = v
	}
	s.Answers, s.UpdatedAt = answers, c.now
	c.session = s
	c.change.Session = &s
}

// signUp starts sign-up, continues one in progress, or shows the profile
// of an owner already signed up.
func (r *Router) signUp(ctx context.Context, c *call) error {
	switch {
	case c.session.Flow == flows.SignUp.Name:
		return r.runFlow(ctx, c, flows.SignUp, flows.SignUp.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	case c.user.Profile != nil:
		return r.profile(ctx, c)
	}
	var prefill map[string]string
	if src := c.session.Answers[flows.AnswerSource]; src != "" {
		prefill = map[string]string{flows.AnswerSource: src}
	}
	return r.startFlow(ctx, c, flows.SignUp, prefill, false)
}
