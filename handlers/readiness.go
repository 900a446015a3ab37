package handlers

import (
	"context"

	"ikmbot"
	"ikmbot/flows"
)

// answerThen, in a sign-up started on the way to something else, names
// where the owner goes once the profile is saved.
const (
	answerThen = "_then"
	thenCheck  = "check"
)

// check runs the export-readiness check. Someone without a profile signs up
// first and is brought straight back to the check; a check in progress is
// resumed.
func (r *Router) check(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.RcNeedsSignUp))
		if c.session.Flow == flows.SignUp.Name {
			s := c.session
			s.Answers = copyWith(s.Answers, answerThen, thenCheck)
			return r.runFlow(ctx, c, flows.SignUp, flows.SignUp.Resume(c.ev.ChatID, c.lang, s, c.now))
		}
		prefill := map[string]string{answerThen: thenCheck}
		if src := c.session.Answers[flows.AnswerSource]; src != "" {
			prefill[flows.AnswerSource] = src
		}
		return r.startFlow(ctx, c, flows.SignUp, prefill, false)
	}
	if c.session.Flow == flows.Readiness.Name {
		return r.runFlow(ctx, c, flows.Readiness, flows.Readiness.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	}
	return r.startCheck(ctx, c, true)
}

// startCheck begins a check; with keep, a conversation it interrupts (a
// profile edit) resumes after the result.
func (r *Router) startCheck(ctx context.Context, c *call, keep bool) error {
	prefill := flows.ReadinessPrefill(ikmbot.Readiness(), *c.user.Profile)
	certs, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	tier, applying := ikmbot.ReadinessTier(certs, c.now)
	flows.ReadinessPrefillCerts(prefill, tier, applying)
	c.say(c.t(flows.RcIntro, flows.ReadinessAsked(ikmbot.Readiness(), prefill)))
	return r.startFlow(ctx, c, flows.Readiness, prefill, keep)
}

// finishCheck scores a finished check, keeps the attempt, and shows the
// result with the change since the owner's previous level. Answers that no
// longer score (a questionnaire change the session could not follow) start
// the check again rather than trap the owner on its last question.
func (r *Router) finishCheck(ctx context.Context, c *call, answers map[string]string) error {
	q := ikmbot.Readiness()
	res, err := q.Score(flows.ReadinessAnswers(answers))
	if err != nil {
		r.log.Warn("readiness answers do not score; starting again", "chat_id", c.ev.ChatID, "err", err)
		c.say(c.t(flows.MsgFlowUpdated))
		return r.startCheck(ctx, c, false)
	}
	region := ""
	if c.user.Profile != nil {
		region = c.user.Profile.Region
	}
	c.change.Assessment = &ikmbot.Assessment{UserID: c.ev.UserID, At: c.now, Answers: flows.ReadinessAnswers(answers), Result: res, Region: region}
	var previous *ikmbot.Result
	if c.user.Level != "" {
		previous = &ikmbot.Result{Level: c.user.Level}
	}
	c.say(flows.ReadinessResult(c.lang, q, res, previous),
		[]ikmbot.Button{{Text: c.t(flows.BtnProfile), Data: cbProfile}, {Text: c.t(flows.RcRetake), Data: cbCheck}},
		[]ikmbot.Button{{Text: c.t(flows.BtnMarkets), Data: cbMarkets}})
	r.levelPrompt(ctx, c.ev.UserID, c.user.Level, res.Level)
	return nil
}

func copyWith(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for key, val := range m {
		out[key] = val
	}
	out[k] = v
	return out
}
