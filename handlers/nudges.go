package handlers

import (
	"context"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// DueNudge is the kind of the due items that nudge an owner to finish a
// sign-up or readiness check left half done. ID: "<user id>:<flow
// nonce>:<n>", n counting the nudges of that run from 1; Payload: the flow.
// The run's nonce in the id makes each nudge of a run be sent at most once,
// however often the owner stops and goes on.
const DueNudge = "nudge"

// DefaultNudgeAfter are how long after an owner's last answer they are
// nudged: once after a day, once after three days, never more.
var DefaultNudgeAfter = []time.Duration{24 * time.Hour, 72 * time.Hour}

// nudgedFlows are the conversations worth a nudge: the ones an owner needs
// to get anything from the bot.
var nudgedFlows = map[string]flows.Key{flows.SignUp.Name: flows.NuSignUp, flows.Readiness.Name: flows.NuCheck}

// scheduleNudges keeps the nudges of the conversation in step with the
// change being applied: every answer moves them later, and a conversation
// that ends (finished, cancelled, replaced) takes its nudges away. They go
// in the same transaction as the session.
func (r *Router) scheduleNudges(c *call) {
	if c.change.Session == nil && !c.change.ClearSession {
		return // the conversation was not touched
	}
	before, after := c.session, c.change.Session
	if c.change.ClearSession {
		after = nil
	}
	_, wasNudged := nudgedFlows[before.Flow]
	if wasNudged && (after == nil || after.Nonce != before.Nonce) {
		c.change.Unschedule = append(c.change.Unschedule, r.nudgeKeys(c.ev.UserID, before.Nonce)...)
	}
	if after == nil {
		return
	}
	if _, ok := nudgedFlows[after.Flow]; !ok {
		return
	}
	for i, d := range r.cfg.NudgeAfter {
		c.change.Schedule = append(c.change.Schedule, ikmbot.Due{Kind: DueNudge, ID: nudgeID(c.ev.UserID, after.Nonce, i+1),
			Target: c.ev.UserID, Payload: after.Flow, At: c.now.Add(d)})
	}
}

func (r *Router) nudgeKeys(userID int64, nonce string) []string {
	keys := make([]string, len(r.cfg.NudgeAfter))
	for i := range r.cfg.NudgeAfter {
		keys[i] = ikmbot.Due{Kind: DueNudge, ID: nudgeID(userID, nonce, i+1)}.Key()
	}
	return keys
}

func nudgeID(userID int64, nonce string, n int) string {
	return strconv.FormatInt(userID, 10) + ":" + nonce + ":" + strconv.Itoa(n)
}

// FireNudge is the reminder engine's handler of DueNudge: it sends the
// nudge only while the same run of the conversation is still where the
// owner left it, so a finished, cancelled or deleted one is never nudged.
func (r *Router) FireNudge(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	parts := strings.Split(d.ID, ":")
	text, ok := nudgedFlows[d.Payload]
	if len(parts) != 3 || !ok {
		r.log.Warn("malformed nudge", "id", d.ID)
		return nil, nil
	}
	u, s, err := r.classStore().LoadUser(ctx, d.Target)
	if err != nil {
		return nil, err
	}
	if s.Flow != d.Payload || s.Nonce != parts[1] || u.Unreachable {
		return nil, nil
	}
	// An answer since the nudge was scheduled would have moved it; this
	// guards against a clock that moved under a sleeping process.
	if now.Sub(s.UpdatedAt) < r.cfg.NudgeAfter[0]/2 {
		return nil, nil
	}
	lang := u.Lang()
	data := cbSignUp
	if d.Payload == flows.Readiness.Name {
		data = cbCheck
	}
	return []ikmbot.Message{{ChatID: d.Target, Text: flows.T(lang, text),
		Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnContinue), Data: data}}}}}, nil
}
