package handlers

import (
	"context"

	"ikmbot"
	"ikmbot/flows"
)

// LeadStore is what /pembeli needs of storage.
type LeadStore interface {
	// SaveLead stores the lead, giving a new one its id; a lead that
	// ikmbot.Lead.Validate refuses is an EInvalid *ikmbot.Error, other
	// errors are Redis failures.
	SaveLead(ctx context.Context, l ikmbot.Lead) (ikmbot.Lead, error)
	// OpenLeads returns the open leads, soonest deadline first, some
	// perhaps past it; errors are Redis failures.
	OpenLeads(ctx context.Context) ([]ikmbot.Lead, error)
	// CountLeadMatches counts the owners who qualify for the lead now;
	// errors are Redis failures.
	CountLeadMatches(ctx context.Context, lead ikmbot.Lead) (ikmbot.LeadCount, error)
}

// Callback data of /pembeli's buttons, staff and admins only.
const (
	cbLeadsPfx = "pb:"
	cbLeads    = "pb:l" // the open leads, as /pembeli
	cbLeadNew  = "pb:n" // the conversation that records one
)

// leads is /pembeli: the open leads with the owners matching each now,
// and a button to record another.
func (r *Router) leads(ctx context.Context, c *call) error {
	all, err := r.cfg.Store.OpenLeads(ctx)
	if err != nil {
		return err
	}
	// A lead past its deadline takes no answers; the reminder engine
	// closes it.
	var open []ikmbot.Lead
	for _, l := range all {
		if l.Open(c.now) {
			open = append(open, l)
		}
	}
	rows := make([]flows.LeadRow, 0, min(len(open), flows.MaxLeadList))
	for _, l := range open[:min(len(open), flows.MaxLeadList)] {
		n, err := r.cfg.Store.CountLeadMatches(ctx, l)
		if err != nil {
			return err
		}
		rows = append(rows, flows.LeadRow{Lead: l, Count: n})
	}
	text, buttons := flows.LeadList(c.lang, rows, len(open), cbLeadNew)
	c.say(text, buttons...)
	return nil
}

// newLead starts, or resumes, the conversation that records a lead.
func (r *Router) newLead(ctx context.Context, c *call) error {
	if f := flowNamed(c.session.Flow); f == flows.Lead {
		return r.runFlow(ctx, c, f, f.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	}
	return r.startFlow(ctx, c, flows.Lead, nil, true)
}

// leadCallback handles /pembeli's buttons.
func (r *Router) leadCallback(ctx context.Context, c *call) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	switch c.ev.CallbackData {
	case cbLeads:
		return r.leads(ctx, c)
	case cbLeadNew:
		return r.newLead(ctx, c)
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// finishLead saves the lead the conversation built and shows it with the
// owners it matches now. A deadline that passed while the summary waited
// sends staff back to the summary to change it.
func (r *Router) finishLead(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) { // the role was taken away mid-conversation
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	l, err := flows.LeadFromAnswers(answers, c.ev.UserID, c.now)
	if ikmbot.ErrorCode(err) == ikmbot.EInvalid {
		c.say(flows.LeadDeadlinePassed(c.lang, c.now))
		return r.runFlow(ctx, c, flows.Lead, flows.Lead.StartAtSummary(c.ev.ChatID, c.lang, newNonce(), answers, c.now))
	}
	if err != nil {
		return err
	}
	if l, err = r.cfg.Store.SaveLead(ctx, l); err != nil {
		return err
	}
	n, err := r.cfg.Store.CountLeadMatches(ctx, l)
	if err != nil {
		return err
	}
	text, buttons := flows.LeadSaved(c.lang, flows.LeadRow{Lead: l, Count: n}, cbLeads)
	c.say(text, buttons...)
	return nil
}
