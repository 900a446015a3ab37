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
	return r.showProfile(ctx, c)
}

// showProfile shows the stored profile and the readiness results: the
// latest, and the change since the first; then the owner's steps toward
// export, the next one's button first (withProgress).
func (r *Router) showProfile(ctx context.Context, c *call) error {
	text := c.t(flows.ProfileView, flows.SignUp.Lines(c.lang, flows.ProfileAnswers(*c.user.Profile)))
	buttons := [][]ikmbot.Button{{{Text: c.t(flows.BtnEditProfile), Data: cbEditProfile}}}
	if c.user.Level == "" {
		text += "\n\n" + c.t(flows.ProfileNoCheck)
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCheck), Data: cbCheck}})
	} else {
		attempts, err := r.cfg.Store.Assessments(ctx, c.ev.UserID)
		if err != nil {
			// The profile itself was loaded (and may just have been
			// saved): show it without the results rather than fail.
			r.log.Error("load readiness attempts", "chat_id", c.ev.ChatID, "err", err)
		}
		if n := len(attempts); n > 0 {
			q := ikmbot.Readiness()
			first, last := attempts[0], attempts[n-1]
			text += "\n\n" + c.t(flows.ProfileReadiness, flows.LevelName(c.lang, q, last.Result.Level),
				flows.FormatScore(c.lang, last.Result.Total), flows.FormatDate(c.lang, last.At, r.cfg.Location))
			if n > 1 {
				text += "\n" + c.t(flows.ProfileChange, flows.FormatDate(c.lang, first.At, r.cfg.Location),
					flows.LevelName(c.lang, q, first.Result.Level), flows.FormatScore(c.lang, first.Result.Total), flows.FormatScore(c.lang, last.Result.Total))
				if last.Result.Level.Above(first.Result.Level) {
					text += "\n" + c.t(flows.RcLevelUp, flows.LevelName(c.lang, q, first.Result.Level), flows.LevelName(c.lang, q, last.Result.Level))
				}
			}
		}
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.RcRetake), Data: cbCheck}})
	}
	certs, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		r.log.Error("load certificates for the profile", "chat_id", c.ev.ChatID, "err", err)
	} else {
		held, applying := 0, 0
		for _, cert := range certs {
			switch cert.Status {
			case ikmbot.CertHeld:
				held++
			case ikmbot.CertApplying:
				applying++
			}
		}
		text += "\n\n" + c.t(flows.CdProfileCerts, held, applying)
	}
	text += r.mentorLine(ctx, c)
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCdCerts), Data: cbCerts}})
	if c.user.NoBroadcasts {
		text += "\n" + c.t(flows.SbProfileOff)
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnSbOptIn), Data: cbOptIn}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnDeleteData), Data: cbDeleteData}})
	if err == nil {
		text, buttons = r.withProgress(ctx, c, certs, text, buttons)
	}
	c.say(text, buttons...)
	return nil
}

// editProfile opens the sign-up summary with the stored answers, so any
// answer is changed through the same question that asked it.
func (r *Router) editProfile(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		return r.profile(ctx, c)
	}
	answers, err := r.interrupt(c, flows.SignUp, flows.ProfileAnswers(*c.user.Profile))
	if err != nil {
		return err
	}
	r.leaveKeyboard(c)
	res := flows.SignUp.StartAtSummary(c.ev.ChatID, c.lang, newNonce(), answers, c.now)
	return r.runFlow(ctx, c, flows.SignUp, res)
}

// deleteData asks for confirmation before deleting everything. A
// conversation it interrupts resumes if the owner keeps their data.
func (r *Router) deleteData(ctx context.Context, c *call) error {
	return r.startFlow(ctx, c, flows.DeleteData, nil, true)
}
