package handlers

import (
	"context"
	"slices"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// leadPage is one lead for staff: what the buyer wants, the owners
// matching now, how sending went and the interested owners with their
// readiness, certificates and mentor.
func (r *Router) leadPage(ctx context.Context, c *call, l ikmbot.Lead) error {
	page := flows.LeadPage{Lead: l, Now: c.now}
	if l.Open(c.now) {
		n, err := r.leadStore().CountLeadMatches(ctx, l)
		if err != nil {
			return err
		}
		page.Count = n
	}
	if l.BroadcastID != "" {
		b, err := r.broadcastStore().Broadcast(ctx, l.BroadcastID)
		if err != nil && !ikmbot.IsNotFound(err) {
			return err
		}
		if err == nil {
			page.Sent = &b
		}
	}
	interested, declined, err := r.leadAnswers(ctx, l, c.now)
	if err != nil {
		return err
	}
	page.Interested, page.Declined = interested, declined
	text, buttons := flows.LeadDetail(c.lang, page, leadLinks)
	c.say(text, buttons...)
	return nil
}

// leadAnswers returns the owners whose latest answer to the lead is yes,
// earliest first, as staff see them (profile, level, certificates held
// now, mentor), and how many said no. Owners who deleted their data since
// are gone from the answers.
func (r *Router) leadAnswers(ctx context.Context, l ikmbot.Lead, now time.Time) (interested []flows.LeadOwner, declined int, err error) {
	answers, err := r.leadStore().LeadResponses(ctx, l.ID)
	if err != nil {
		return nil, 0, err
	}
	var ids []int64
	for _, a := range answers {
		if a.Latest.Interested {
			ids = append(ids, a.Owner)
		} else {
			declined++
		}
	}
	if len(ids) == 0 {
		return nil, declined, nil
	}
	users, err := r.classStore().Users(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	mentors, err := r.menteeStore().MentorsOf(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	var mentorIDs []int64
	for _, m := range mentors {
		if !slices.Contains(mentorIDs, m) {
			mentorIDs = append(mentorIDs, m)
		}
	}
	mentorUsers, err := r.classStore().Users(ctx, mentorIDs)
	if err != nil {
		return nil, 0, err
	}
	for _, a := range answers {
		if !a.Latest.Interested {
			continue
		}
		certs, err := r.certStore().Certificates(ctx, a.Owner)
		if err != nil {
			return nil, 0, err
		}
		o := flows.LeadOwner{User: users[a.Owner], Held: heldCertTypes(certs, now), Answer: a.Latest}
		o.User.ID = a.Owner
		if m, ok := mentors[a.Owner]; ok {
			o.HasMentor, o.Mentor = true, mentorUsers[m].Name
		}
		interested = append(interested, o)
	}
	return interested, declined, nil
}

// heldCertTypes are the certification types certs hold at now, in
// catalog order.
func heldCertTypes(certs []ikmbot.Certificate, now time.Time) []ikmbot.CertType {
	var held []ikmbot.CertType
	for _, t := range ikmbot.CertTypes() {
		if status, _ := ikmbot.CertStanding(certs, t, now); status == ikmbot.ChecklistHeld {
			held = append(held, t)
		}
	}
	return held
}

// sendLead sends the lead, once, to the owners it matches now who can be
// reached, through a broadcast: the bulk lane, with a snapshot of
// recipients that survives a restart and reaches each owner once. The
// staff member watches its progress as with any broadcast.
func (r *Router) sendLead(ctx context.Context, c *call, l ikmbot.Lead) error {
	if !l.Open(c.now) {
		c.say(c.t(flows.LdIsClosed), []ikmbot.Button{{Text: c.t(flows.BtnLdView), Data: leadData(actLeadView, l.ID)}})
		return nil
	}
	if r.cfg.Broadcaster == nil {
		return ikmbot.Errorf(ikmbot.EConflict, "lead %s: no broadcaster", l.ID)
	}
	store := r.broadcastStore()
	var b ikmbot.Broadcast
	if l.BroadcastID != "" {
		// Sent before; go on only with a broadcast a failure left a
		// draft between being made the lead's and starting.
		var err error
		b, err = store.Broadcast(ctx, l.BroadcastID)
		if err != nil && !ikmbot.IsNotFound(err) {
			return err
		}
		if err != nil || b.Status != ikmbot.BroadcastDraft {
			c.say(c.t(flows.LdAlreadySent, flows.FormatDateTime(c.lang, l.SentAt, r.cfg.Location)),
				[]ikmbot.Button{{Text: c.t(flows.BtnLdView), Data: leadData(actLeadView, l.ID)}})
			return nil
		}
	} else {
		count, err := r.leadStore().CountLeadMatches(ctx, l)
		if err != nil {
			return err
		}
		if count.Reachable == 0 {
			c.say(c.t(flows.LdNobodyToSend), []ikmbot.Button{{Text: c.t(flows.BtnLdView), Data: leadData(actLeadView, l.ID)}})
			return nil
		}
		// One message for every recipient, so in Indonesian, the
		// programme's language, like any broadcast.
		text, buttons := flows.LeadOffer("id", l, nil, ownerLeadLinks)
		buttons = append(buttons, []ikmbot.Button{{Text: flows.T("id", flows.BtnSbOptOut), Data: cbOptOut}})
		b, err = store.CreateBroadcast(ctx, ikmbot.Broadcast{
			Message:  ikmbot.Message{Text: text, Buttons: buttons},
			Audience: ikmbot.Audience{Sectors: []string{l.Sector}}, LeadID: l.ID,
			CreatedBy: c.ev.UserID, CreatedByName: c.ev.FirstName, CreatedAt: c.now})
		if err != nil {
			return err
		}
		won, err := r.leadStore().AttachLeadBroadcast(ctx, l.ID, b.ID, c.now)
		if ikmbot.ErrorCode(err) == ikmbot.EConflict {
			_ = store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastCancelled)
			c.say(c.t(flows.LdIsClosed))
			return nil
		}
		if err != nil {
			return err
		}
		if won.BroadcastID != b.ID {
			// Another tap, or another staff member, sent it first.
			_ = store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastCancelled)
			return r.sendLead(ctx, c, won)
		}
		l = won
	}
	n, err := r.leadStore().SnapshotLeadMatches(ctx, b.ID, l)
	if ikmbot.ErrorCode(err) == ikmbot.EConflict {
		c.say(c.t(flows.LdAlreadySent, flows.FormatDateTime(c.lang, l.SentAt, r.cfg.Location)))
		return nil
	}
	if err != nil {
		return err
	}
	c.say(c.t(flows.LdSending, n))
	if err := store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		return err
	}
	r.cfg.Broadcaster.Start(b.ID, c.ev.ChatID, c.lang)
	r.audit(ctx, c, ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastSent, Ref: b.ID, Rows: n,
		Detail: ikmbot.AuditDetailLead, RefName: l.Product, Audience: &b.Audience})
	return nil
}

// forwardLead tells each mentor which of their mentees are interested in
// the lead, once per owner however often staff forward, and tells staff
// who has no mentor yet.
func (r *Router) forwardLead(ctx context.Context, c *call, l ikmbot.Lead) error {
	interested, _, err := r.leadAnswers(ctx, l, c.now)
	if err != nil {
		return err
	}
	var withMentor []int64
	var without []string
	for _, o := range interested {
		if o.HasMentor {
			withMentor = append(withMentor, o.User.ID)
		} else if o.User.Profile != nil {
			without = append(without, o.User.Profile.BusinessName)
		}
	}
	fresh, err := r.leadStore().MarkLeadForwarded(ctx, l.ID, withMentor)
	if err != nil {
		return err
	}
	mentors, err := r.menteeStore().MentorsOf(ctx, fresh)
	if err != nil {
		return err
	}
	byMentor := map[int64][]flows.LeadOwner{}
	var order []int64
	for _, o := range interested {
		m, ok := mentors[o.User.ID]
		if !ok || !slices.Contains(fresh, o.User.ID) {
			continue
		}
		if _, seen := byMentor[m]; !seen {
			order = append(order, m)
		}
		byMentor[m] = append(byMentor[m], o)
	}
	mentorUsers, err := r.classStore().Users(ctx, order)
	if err != nil {
		return err
	}
	for _, m := range order {
		c.out = append(c.out, ikmbot.Message{ChatID: m, Text: flows.LeadForMentor(mentorUsers[m].Lang(), l, byMentor[m])})
	}
	c.say(flows.LeadForwarded(c.lang, len(order), len(fresh), len(withMentor)-len(fresh), without),
		[]ikmbot.Button{{Text: c.t(flows.BtnLdView), Data: leadData(actLeadView, l.ID)}})
	return nil
}
