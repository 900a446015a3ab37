package handlers

import (
	"ikmbot"
	"ikmbot/flows"
)

// flowNamed finds the flow a session is in; nil when none is running or the
// name is unknown (a flow removed by a deploy: the state is then ignored).
func flowNamed(name string) *flows.Flow {
	switch name {
	case flows.SignUp.Name:
		return flows.SignUp
	case flows.DeleteData.Name:
		return flows.DeleteData
	}
	return nil
}

// runFlow records a flow's result: the state to keep, the messages to send,
// and what a finished flow does.
func (r *Router) runFlow(c *call, f *flows.Flow, res flows.Result) error {
	c.out = append(c.out, res.Messages...)
	switch res.Outcome {
	case flows.Continue:
		c.change.Session = &res.Session
	case flows.Cancelled:
		c.change.ClearSession = true
	case flows.Done:
		c.change.ClearSession = true
		switch f {
		case flows.SignUp:
			r.finishSignUp(c, res.Session.Answers)
		case flows.DeleteData:
			return r.finishDelete(c)
		}
	}
	return nil
}

// startFlow begins a flow, replacing whatever conversation was running.
func (r *Router) startFlow(c *call, f *flows.Flow, prefill map[string]string) error {
	return r.runFlow(c, f, f.Start(c.ev.ChatID, c.lang, newNonce(), prefill, c.now))
}

func (r *Router) finishSignUp(c *call, answers map[string]string) {
	var base ikmbot.Profile
	if c.user.Profile != nil {
		base = *c.user.Profile
	}
	p := flows.NewProfile(c.ev.UserID, answers, base, c.now)
	c.change.Profile = &p
	if c.user.Profile != nil {
		c.say(c.t(flows.SuProfileUpdated))
		c.user.Profile = &p
		r.showProfile(c)
		return
	}
	c.say(c.t(flows.SuSaved, flows.Escape(p.OwnerName)), []ikmbot.Button{{Text: c.t(flows.BtnCheck), Data: cbCheck}})
}

func (r *Router) finishDelete(c *call) error {
	if err := r.cfg.Store.DeleteOwnerData(c.ctx, c.ev.UserID); err != nil {
		return err
	}
	// The data is gone; only the (already cleared) session remains to save.
	c.change = ikmbot.Change{UserID: c.ev.UserID, ClearSession: true}
	c.say(c.t(flows.DelDone))
	return nil
}
