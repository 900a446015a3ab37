package handlers

import (
	"context"
	"encoding/json"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// allFlows are the conversations the bot runs. A flow's name starts its
// callback data and is stored in sessions, so names must stay unique and
// stable (see TestFlowNamesUnique).
var allFlows = []*flows.Flow{
	flows.SignUp, flows.DeleteData, flows.Readiness, flows.NewClass, flows.EditMeeting,
	flows.CertEntry, flows.HelpAsk, flows.HelpReply, flows.BroadcastCompose, flows.BroadcastSchedule,
	flows.FollowUpEntry,
	flows.MessageMentor, flows.MessageOwner, flows.MentorAssign, flows.OwnerFind, flows.Export, flows.Lead,
}

// flowNamed finds the flow a session is in; nil when none is running or the
// name is unknown (a flow removed by a deploy: the state is then ignored).
func flowNamed(name string) *flows.Flow {
	for _, f := range allFlows {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// answerInterrupted holds, in a short flow started on top of another (the
// delete confirmation over a half-done sign-up), the interrupted session as
// JSON, so that declining the short flow resumes the long one.
const answerInterrupted = "_interrupted"

// runFlow records a flow's result: the state to keep, the messages to send,
// and what a finished flow does.
func (r *Router) runFlow(ctx context.Context, c *call, f *flows.Flow, res flows.Result) error {
	c.out = append(c.out, res.Messages...)
	switch res.Outcome {
	case flows.Continue:
		c.change.Session, c.change.ClearSession = &res.Session, false
		noteProgress(c, f, &res.Session, false)
	case flows.Cancelled:
		r.endFlow(c, res.Session)
	case flows.Done:
		c.change.ClearSession = true
		noteProgress(c, f, &res.Session, true)
		var err error
		switch f {
		case flows.SignUp:
			if err = r.finishSignUp(ctx, c, res.Session.Answers); err == nil && res.Session.Answers[answerThen] == thenCheck {
				return r.startCheck(ctx, c, false)
			}
		case flows.Readiness:
			err = r.finishCheck(ctx, c, res.Session.Answers)
		case flows.DeleteData:
			return r.finishDelete(ctx, c) // nothing is left to resume
		case flows.NewClass:
			err = r.finishNewClass(ctx, c, res.Session.Answers)
		case flows.EditMeeting:
			err = r.finishEditMeeting(ctx, c, res.Session.Answers)
		case flows.CertEntry:
			err = r.finishCert(ctx, c, res.Session.Answers)
		case flows.HelpAsk:
			err = r.finishHelp(ctx, c, res.Session.Answers)
		case flows.HelpReply:
			err = r.finishHelpReply(ctx, c, res.Session.Answers)
		case flows.BroadcastCompose:
			err = r.finishBroadcast(ctx, c, res.Session.Answers)
		case flows.BroadcastSchedule:
			err = r.finishSchedule(ctx, c, res.Session.Answers)
		case flows.FollowUpEntry:
			err = r.finishFollowUp(ctx, c, res.Session.Answers)
		case flows.MentorAssign:
			err = r.finishMentorAssign(ctx, c, res.Session.Answers)
		case flows.OwnerFind:
			err = r.finishOwnerFind(ctx, c, res.Session.Answers)
		case flows.MessageMentor:
			err = r.finishMessageMentor(ctx, c, res.Session.Answers)
		case flows.MessageOwner:
			err = r.finishMessageOwner(ctx, c, res.Session.Answers)
		case flows.Export:
			err = r.finishExport(ctx, c, res.Session.Answers)
		case flows.Lead:
			err = r.finishLead(ctx, c, res.Session.Answers)
		}
		if err == nil && c.change.Session == nil {
			r.resumeInterrupted(c, res.Session)
		}
		return err
	}
	return nil
}

// resumeInterrupted continues the conversation a finished or cancelled
// flow had interrupted, if any, and reports whether there was one.
func (r *Router) resumeInterrupted(c *call, s ikmbot.Session) bool {
	raw := s.Answers[answerInterrupted]
	if raw == "" {
		return false
	}
	var prev ikmbot.Session
	f := flowNamed(prevFlow(raw, &prev))
	if f == nil {
		return false
	}
	res := f.Resume(c.ev.ChatID, c.lang, prev, c.now)
	c.out = append(c.out, res.Messages...)
	c.change.Session, c.change.ClearSession = &res.Session, false
	return true
}

// endFlow leaves a flow that was cancelled: an interrupted conversation
// resumes; otherwise only the deep-link source survives, so an owner who
// cancels and signs up later is still counted for the event that brought
// them.
func (r *Router) endFlow(c *call, s ikmbot.Session) {
	if r.resumeInterrupted(c, s) {
		return
	}
	if src := s.Answers[flows.AnswerSource]; src != "" {
		c.change.Session = &ikmbot.Session{Answers: map[string]string{flows.AnswerSource: src}, UpdatedAt: c.now}
		return
	}
	c.change.ClearSession = true
}

// prevFlow decodes an interrupted session into prev and returns its flow
// name, or "" when it does not decode.
func prevFlow(raw string, prev *ikmbot.Session) string {
	if json.Unmarshal([]byte(raw), prev) != nil {
		return ""
	}
	return prev.Flow
}

// startFlow begins a flow in place of whatever conversation was running.
// With keep, a running conversation of another flow is kept inside the new
// one and resumes when the new one is cancelled.
func (r *Router) startFlow(ctx context.Context, c *call, f *flows.Flow, prefill map[string]string, keep bool) error {
	if keep {
		var err error
		if prefill, err = r.interrupt(c, f, prefill); err != nil {
			return err
		}
	}
	r.leaveKeyboard(c)
	return r.runFlow(ctx, c, f, f.Start(c.ev.ChatID, c.lang, newNonce(), prefill, c.now))
}

// interrupt adds the running conversation of another flow, if any, to the
// answers a new flow starts with, so it resumes when the new one ends.
func (r *Router) interrupt(c *call, f *flows.Flow, answers map[string]string) (map[string]string, error) {
	if !c.session.Active() || c.session.Flow == f.Name {
		return answers, nil
	}
	raw, err := json.Marshal(c.session)
	if err != nil {
		return nil, err
	}
	return copyWith(answers, answerInterrupted, string(raw)), nil
}

// leaveKeyboard takes away the share-contact keyboard when the
// conversation moves away from the step that showed it. It needs a message
// of its own: one with inline buttons cannot also remove a reply keyboard.
func (r *Router) leaveKeyboard(c *call) {
	if f := flowNamed(c.session.Flow); f != nil && f.ShowsKeyboard(c.session) {
		c.out = append(c.out, ikmbot.Message{ChatID: c.ev.ChatID, Text: c.t(flows.MsgSwitching), RemoveKeyboard: true})
	}
}

func (r *Router) finishSignUp(ctx context.Context, c *call, answers map[string]string) error {
	var base ikmbot.Profile
	if c.user.Profile != nil {
		base = *c.user.Profile
	}
	p := flows.NewProfile(c.ev.UserID, answers, base, c.now)
	c.change.Profile = &p
	if c.user.Profile != nil {
		c.say(c.t(flows.SuProfileUpdated))
		c.user.Profile = &p
		return r.showProfile(ctx, c)
	}
	c.change.SignUp = true
	c.user.Profile = &p
	if answers[answerThen] == thenCheck {
		c.say(c.t(flows.SuSaved, flows.Escape(p.OwnerName))) // the check follows at once
		return nil
	}
	c.say(c.t(flows.SuSaved, flows.Escape(p.OwnerName)), []ikmbot.Button{{Text: c.t(flows.BtnCheck), Data: cbCheck}})
	return nil
}

func (r *Router) finishDelete(ctx context.Context, c *call) error {
	// Seats go first, so the waiting lists move on and the next owners
	// are told.
	if err := r.leaveAllClasses(ctx, c); err != nil {
		return err
	}
	// Certificate reminders and the mentor's prompt timer name the
	// owner: they go with the data.
	if err := r.unscheduleCerts(ctx, c.ev.UserID); err != nil {
		return err
	}
	if err := r.certStore().Unschedule(ctx, mentorPromptDue(c.ev.UserID, 0, time.Time{}).Key()); err != nil {
		return err
	}
	if err := r.cfg.Store.DeleteOwnerData(ctx, c.ev.UserID); err != nil {
		return err
	}
	// Everything, the session included, is gone: nothing is left to save,
	// and no later failure may claim the data is still there.
	c.change = ikmbot.Change{UserID: c.ev.UserID}
	c.say(c.t(flows.DelDone))
	return nil
}
