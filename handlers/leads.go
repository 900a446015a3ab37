package handlers

import (
	"context"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// LeadStore is what buyer leads need of storage.
type LeadStore interface {
	// SaveLead stores the lead, giving a new one its id; a lead that
	// ikmbot.Lead.Validate refuses is an EInvalid *ikmbot.Error, other
	// errors are Redis failures.
	SaveLead(ctx context.Context, l ikmbot.Lead) (ikmbot.Lead, error)
	// Lead loads one; ENotFound for none.
	Lead(ctx context.Context, id string) (ikmbot.Lead, error)
	// OpenLeads returns the open leads, soonest deadline first, some
	// perhaps past it; errors are Redis failures.
	OpenLeads(ctx context.Context) ([]ikmbot.Lead, error)
	// RecentLeads returns up to n leads, newest first, open or closed.
	RecentLeads(ctx context.Context, n int) ([]ikmbot.Lead, error)
	// CountLeadMatches counts the owners who qualify for the lead now;
	// errors are Redis failures.
	CountLeadMatches(ctx context.Context, lead ikmbot.Lead) (ikmbot.LeadCount, error)
	// SnapshotLeadMatches fills a draft broadcast's recipients with the
	// reachable owners who qualify now; EConflict when not a draft.
	SnapshotLeadMatches(ctx context.Context, broadcastID string, lead ikmbot.Lead) (int64, error)
	// AttachLeadBroadcast makes the broadcast the lead's, unless it has
	// one other than replacing (the lead as stored says which);
	// EConflict once closed.
	AttachLeadBroadcast(ctx context.Context, leadID, broadcastID, replacing string, at time.Time) (ikmbot.Lead, error)
	// StampLeadSent sets when the lead went out, if broadcastID still
	// carries it.
	StampLeadSent(ctx context.Context, leadID, broadcastID string, at time.Time) error
	// CloseLead closes it; closing twice keeps the first.
	CloseLead(ctx context.Context, id string, at time.Time) (ikmbot.Lead, error)
	// AnswerLead records an owner's answer while the lead is open;
	// EConflict once it is not.
	AnswerLead(ctx context.Context, leadID string, owner int64, interested bool, at time.Time) (ikmbot.LeadResponse, error)
	// LeadResponses returns every owner's answer, earliest first.
	LeadResponses(ctx context.Context, leadID string) ([]ikmbot.LeadResponse, error)
	// OwnerLeadAnswers returns the owner's latest answers by lead id.
	OwnerLeadAnswers(ctx context.Context, owner int64, leadIDs []string) (map[string]ikmbot.LeadAnswer, error)
	// MarkLeadForwarded returns those of owners not forwarded before,
	// marking them forwarded.
	MarkLeadForwarded(ctx context.Context, leadID string, owners []int64) ([]int64, error)
}

// Callback data of /pembeli's buttons, staff and admins only:
// "pb:<action>" or "pb:<action>:<lead id>".
const (
	cbLeadsPfx    = "pb:"
	cbLeads       = "pb:l" // the open leads, as /pembeli
	cbLeadNew     = "pb:n" // the conversation that records one
	cbLeadsClosed = "pb:c" // the leads closed lately
	actLeadView   = "v"
	actLeadSend   = "s"
	actLeadFwd    = "f"
)

// DueLeadClose is the kind of the due item that closes a lead at its
// deadline. ID: the lead's id.
const DueLeadClose = "leadclose"

// closedLeadsShown is how many closed leads the closed list shows.
const closedLeadsShown = 10

func leadData(action, id string) string { return cbLeadsPfx + action + ":" + id }

// leadLinks are the staff's lead buttons.
var leadLinks = flows.LeadLinks{
	View:    func(id string) string { return leadData(actLeadView, id) },
	Send:    func(id string) string { return leadData(actLeadSend, id) },
	Forward: func(id string) string { return leadData(actLeadFwd, id) },
	List:    cbLeads, New: cbLeadNew, Closed: cbLeadsClosed,
}

// leadStore is the part of the store buyer leads use.
func (r *Router) leadStore() LeadStore { return r.cfg.Store }

// leads is /pembeli: the open leads with the owners matching each now,
// a button to each, to record another and to the closed ones.
func (r *Router) leads(ctx context.Context, c *call) error {
	open, err := r.openLeads(ctx, c.now)
	if err != nil {
		return err
	}
	rows := make([]flows.LeadRow, 0, min(len(open), flows.MaxLeadList))
	for _, l := range open[:min(len(open), flows.MaxLeadList)] {
		n, err := r.leadStore().CountLeadMatches(ctx, l)
		if err != nil {
			return err
		}
		rows = append(rows, flows.LeadRow{Lead: l, Count: n})
	}
	text, buttons := flows.LeadList(c.lang, rows, len(open), leadLinks)
	c.say(text, buttons...)
	return nil
}

// openLeads are the leads that take answers at now, soonest deadline
// first: one past its deadline waits for the reminder engine to close
// it, and takes none meanwhile.
func (r *Router) openLeads(ctx context.Context, now time.Time) ([]ikmbot.Lead, error) {
	all, err := r.leadStore().OpenLeads(ctx)
	if err != nil {
		return nil, err
	}
	var open []ikmbot.Lead
	for _, l := range all {
		if l.Open(now) {
			open = append(open, l)
		}
	}
	return open, nil
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
	case cbLeadsClosed:
		return r.closedLeads(ctx, c)
	}
	parts := strings.Split(c.ev.CallbackData, ":")
	if len(parts) != 3 {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	l, err := r.leadStore().Lead(ctx, parts[2])
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.LdUnknown), []ikmbot.Button{{Text: c.t(flows.BtnLdList), Data: cbLeads}})
		return nil
	}
	if err != nil {
		return err
	}
	switch parts[1] {
	case actLeadView:
		return r.leadPage(ctx, c, l)
	case actLeadSend:
		return r.sendLead(ctx, c, l)
	case actLeadFwd:
		return r.forwardLead(ctx, c, l)
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// closedLeads lists the leads closed lately, newest first, each a button
// to its page.
func (r *Router) closedLeads(ctx context.Context, c *call) error {
	recent, err := r.leadStore().RecentLeads(ctx, closedLeadsShown*3)
	if err != nil {
		return err
	}
	var lines []string
	var buttons [][]ikmbot.Button
	for _, l := range recent {
		if l.Open(c.now) || len(lines) == closedLeadsShown {
			continue
		}
		answers, err := r.leadStore().LeadResponses(ctx, l.ID)
		if err != nil {
			return err
		}
		interested := 0
		for _, a := range answers {
			if a.Latest.Interested {
				interested++
			}
		}
		line, button := flows.ClosedLeadItem(c.lang, l, interested, leadLinks)
		lines = append(lines, line)
		buttons = append(buttons, button)
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnLdList), Data: cbLeads}})
	if len(lines) == 0 {
		c.say(c.t(flows.LdClosedEmpty), buttons...)
		return nil
	}
	c.say(c.t(flows.LdClosedTitle)+"\n\n"+strings.Join(lines, "\n\n"), buttons...)
	return nil
}

// finishLead saves the lead the conversation built, schedules its closing
// and shows it with the owners it matches now. A deadline that passed
// while the summary waited sends staff back to the summary to change it.
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
	if l, err = r.leadStore().SaveLead(ctx, l); err != nil {
		return err
	}
	// Until it is scheduled nothing would close it: a failure here is
	// the staff member's to see, and the lead stays listed to retry.
	if err := r.certStore().Schedule(ctx, leadCloseDue(l)); err != nil {
		return err
	}
	n, err := r.leadStore().CountLeadMatches(ctx, l)
	if err != nil {
		return err
	}
	text, buttons := flows.LeadSaved(c.lang, flows.LeadRow{Lead: l, Count: n}, leadLinks)
	if n.Reachable > 0 {
		text += r.quietNote(c)
	}
	c.say(text, buttons...)
	return nil
}
