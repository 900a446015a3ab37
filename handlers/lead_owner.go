package handlers

import (
	"context"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// Callback data of the owners' lead buttons, "pl:<action>:<lead id>":
// under a lead's broadcast and in /pasar. Anyone may tap them; each tap
// checks again that the owner qualifies and the lead is open.
const (
	cbOwnerLeadPfx = "pl:"
	actOwnerLead   = "v" // the lead's offer
	actLeadYes     = "y" // Tertarik
	actLeadNo      = "n" // Tidak
)

func ownerLeadData(action, id string) string { return cbOwnerLeadPfx + action + ":" + id }

// ownerLeadLinks are the owners' lead buttons.
var ownerLeadLinks = flows.OwnerLeadLinks{
	View: func(id string) string { return ownerLeadData(actOwnerLead, id) },
	Yes:  func(id string) string { return ownerLeadData(actLeadYes, id) },
	No:   func(id string) string { return ownerLeadData(actLeadNo, id) },
}

// ownerLeads sorts the open leads of the owner's sector into those they
// qualify for now, with their answers, and the gaps of the others.
func (r *Router) ownerLeads(ctx context.Context, c *call, certs []ikmbot.Certificate) (flows.OwnerLeads, error) {
	var o flows.OwnerLeads
	open, err := r.openLeads(ctx, c.now)
	if err != nil {
		return o, err
	}
	var ids []string
	for _, l := range open {
		ok, missing := ikmbot.LeadMatches(l, c.user, certs, c.now)
		switch {
		case ok:
			o.Matching = append(o.Matching, l)
			ids = append(ids, l.ID)
		case !leadOutOfReach(missing):
			o.Gaps = append(o.Gaps, flows.LeadGap{Lead: l, Missing: missing})
		}
	}
	if o.Answers, err = r.leadStore().OwnerLeadAnswers(ctx, c.ev.UserID, ids); err != nil {
		return o, err
	}
	return o, nil
}

// leadOutOfReach reports whether nothing the owner could do would qualify
// them: another sector, or no profile.
func leadOutOfReach(missing []string) bool {
	return len(missing) == 1 && (missing[0] == ikmbot.LeadNeedSector || missing[0] == ikmbot.LeadNeedProfile)
}

// ownerLeadCallback shows an owner a lead, or records their answer to it,
// once more checking that they qualify and that it is open: a button from
// an old message, or a forged one, gets an explanation, never an answer
// recorded for a lead they could not see.
func (r *Router) ownerLeadCallback(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	parts := strings.Split(c.ev.CallbackData, ":")
	if len(parts) != 3 || (parts[1] != actOwnerLead && parts[1] != actLeadYes && parts[1] != actLeadNo) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	back := []ikmbot.Button{{Text: c.t(flows.BtnMarkets), Data: cbMarkets}}
	l, err := r.leadStore().Lead(ctx, parts[2])
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.LdUnknown), back)
		return nil
	}
	if err != nil {
		return err
	}
	if !l.Open(c.now) {
		c.say(c.t(flows.LdIsClosed), back)
		return nil
	}
	certs, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	if ok, missing := ikmbot.LeadMatches(l, c.user, certs, c.now); !ok {
		if leadOutOfReach(missing) {
			c.say(c.t(flows.LdOtherSector), back)
			return nil
		}
		c.say(flows.LeadNotQualified(c.lang, l, missing), back)
		return nil
	}
	if parts[1] == actOwnerLead {
		answers, err := r.leadStore().OwnerLeadAnswers(ctx, c.ev.UserID, []string{l.ID})
		if err != nil {
			return err
		}
		var answer *ikmbot.LeadAnswer
		if a, ok := answers[l.ID]; ok {
			answer = &a
		}
		text, buttons := flows.LeadOffer(c.lang, l, answer, ownerLeadLinks)
		c.say(text, append(buttons, back)...)
		return nil
	}
	interested := parts[1] == actLeadYes
	resp, err := r.leadStore().AnswerLead(ctx, l.ID, c.ev.UserID, interested, c.now)
	if ikmbot.ErrorCode(err) == ikmbot.EConflict {
		c.say(c.t(flows.LdIsClosed), back)
		return nil
	}
	if err != nil {
		return err
	}
	if interested && (len(resp.History) == 0 || !resp.History[len(resp.History)-1].Interested) {
		if err := r.tellLeadAuthor(ctx, c, l); err != nil {
			return err
		}
	}
	change := ikmbot.Button{Text: c.t(flows.BtnLdNo), Data: ownerLeadData(actLeadNo, l.ID)}
	if !interested {
		change = ikmbot.Button{Text: c.t(flows.BtnLdYes), Data: ownerLeadData(actLeadYes, l.ID)}
	}
	c.say(flows.LeadAnswered(c.lang, l, interested), []ikmbot.Button{change}, back)
	return nil
}

// tellLeadAuthor tells the staff member who recorded the lead that the
// owner of c has just become interested, so the office can follow up
// while the owner is keen, with a button to the lead's page. An author
// who is no longer staff is not told.
func (r *Router) tellLeadAuthor(ctx context.Context, c *call, l ikmbot.Lead) error {
	users, err := r.classStore().Users(ctx, []int64{l.CreatedBy})
	if err != nil {
		return err
	}
	author, ok := users[l.CreatedBy]
	if !ok || !author.Role.Allows(ikmbot.RoleStaff) || c.user.Profile == nil {
		return nil
	}
	text, buttons := flows.LeadInterestForStaff(author.Lang(), l, *c.user.Profile, leadData(actLeadView, l.ID))
	// Bulk: news for staff, never ahead of replies to those who wait.
	c.out = append(c.out, ikmbot.Message{ChatID: l.CreatedBy, Text: text, Buttons: buttons, Bulk: true})
	return nil
}
