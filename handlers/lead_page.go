package handlers

import (
	"context"
	"math"
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
	page.CanSend = l.Open(c.now) && page.Count.Reachable > 0 &&
		(page.Sent == nil || page.Sent.Status == ikmbot.BroadcastDraft || leadResendable(*page.Sent))
	interested, declined, err := r.leadAnswers(ctx, l, c.now, flows.MaxLeadOwnersShown)
	if err != nil {
		return err
	}
	page.Interested, page.Declined = interested, declined
	text, buttons := flows.LeadDetail(c.lang, page, leadLinks)
	if page.CanSend {
		text += r.quietNote(c)
	}
	c.say(text, buttons...)
	return nil
}

// quietNote warns staff about to send in quiet hours, as a broadcast's
// preview does: sent now, it would wake owners. Empty outside them.
func (r *Router) quietNote(c *call) string {
	if !r.cfg.Quiet.Contains(c.now.In(r.cfg.Location).Hour()) {
		return ""
	}
	return "\n\n" + c.t(flows.SbQuietNow, r.cfg.Quiet.Start, r.cfg.Quiet.End)
}

// leadAnswers returns the owners whose latest answer to the lead is yes,
// earliest first, as staff see them (profile, level, mentor, and for the
// first withCerts of them the certificates held now: a page shows no
// more), and how many said no. Owners who deleted their data since are
// gone from the answers.
func (r *Router) leadAnswers(ctx context.Context, l ikmbot.Lead, now time.Time, withCerts int) (interested []flows.LeadOwner, declined int, err error) {
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
		o := flows.LeadOwner{User: users[a.Owner], Answer: a.Latest}
		if len(interested) < withCerts {
			certs, err := r.certStore().Certificates(ctx, a.Owner)
			if err != nil {
				return nil, 0, err
			}
			o.Held = heldCertTypes(certs, now)
		}
		o.User.ID = a.Owner
		if m, ok := mentors[a.Owner]; ok {
			o.MentorID, o.Mentor = m, mentorUsers[m].Name
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
// recipients that survives a restart and reaches each owner once. When
// staff broadcasts need an admin's approval, so does the lead's. The
// staff member watches its progress as with any broadcast.
func (r *Router) sendLead(ctx context.Context, c *call, l ikmbot.Lead) error {
	view := []ikmbot.Button{{Text: c.t(flows.BtnLdView), Data: leadData(actLeadView, l.ID)}}
	if !l.Open(c.now) {
		c.say(c.t(flows.LdIsClosed), view)
		return nil
	}
	if r.cfg.Broadcaster == nil {
		return ikmbot.Errorf(ikmbot.EConflict, "lead %s: no broadcaster", l.ID)
	}
	store := r.broadcastStore()
	b, replacing, err := r.leadBroadcast(ctx, l)
	if err != nil {
		return err
	}
	switch {
	case b != nil && b.Status == ikmbot.BroadcastPending:
		c.say(c.t(flows.LdAwaitingApproval), view)
		return nil
	case b != nil && b.Status != ikmbot.BroadcastDraft:
		c.say(c.t(flows.LdAlreadySent, flows.FormatDateTime(c.lang, l.SentAt, r.cfg.Location)), view)
		return nil
	case b == nil:
		count, err := r.leadStore().CountLeadMatches(ctx, l)
		if err != nil {
			return err
		}
		if count.Reachable == 0 {
			c.say(c.t(flows.LdNobodyToSend), view)
			return nil
		}
		// The bot writes this one, so each owner gets it in their
		// language: Indonesian, the programme's, unless they chose
		// English.
		offer := func(lang string) ikmbot.Message {
			text, buttons := flows.LeadOffer(lang, l, nil, ownerLeadLinks)
			buttons = append(buttons, []ikmbot.Button{{Text: flows.T(lang, flows.BtnSbOptOut), Data: cbOptOut}})
			return ikmbot.Message{Text: text, Buttons: buttons}
		}
		made, err := store.CreateBroadcast(ctx, ikmbot.Broadcast{
			Message: offer("id"), Translations: map[string]ikmbot.Message{"en": offer("en")},
			Audience: ikmbot.Audience{Sectors: []string{l.Sector}}, LeadID: l.ID,
			CreatedBy: c.ev.UserID, CreatedByName: c.ev.FirstName, CreatedAt: c.now})
		if err != nil {
			return err
		}
		won, err := r.leadStore().AttachLeadBroadcast(ctx, l.ID, made.ID, replacing, c.now)
		lost := err == nil && won.BroadcastID != made.ID // another tap, or staff member, sent it first
		if err != nil || lost {
			if cerr := store.SetBroadcastStatus(ctx, made.ID, ikmbot.BroadcastCancelled); cerr != nil {
				r.log.WarnContext(ctx, "unused lead broadcast left a draft", "broadcast_id", made.ID, "err", cerr)
			}
			switch {
			case lost:
				c.say(c.t(flows.LdSentMeanwhile), view)
				return nil
			case ikmbot.ErrorCode(err) == ikmbot.EConflict: // closed meanwhile
				c.say(c.t(flows.LdIsClosed), view)
				return nil
			}
			return err
		}
		l, b = won, &made
	}
	if approval, err := r.needsApproval(ctx, c, *b); err != nil || approval {
		if err != nil {
			return err
		}
		return r.askApproval(ctx, c, b.ID, time.Time{})
	}
	n, err := r.snapshotRecipients(ctx, *b)
	if err == nil {
		err = store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending)
	}
	if ikmbot.ErrorCode(err) == ikmbot.EConflict {
		c.say(c.t(flows.LdSentMeanwhile), view) // a second send took this draft first
		return nil
	}
	if err != nil {
		return err
	}
	c.say(c.t(flows.LdSending, n))
	r.cfg.Broadcaster.Start(b.ID, c.ev.ChatID, c.lang)
	r.audit(ctx, c, ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastSent, Ref: b.ID, Rows: n,
		Detail: ikmbot.AuditDetailLead, RefName: l.Product, Audience: &b.Audience})
	return nil
}

// leadBroadcast is the broadcast that carries the lead: nil when it has
// none yet, or has one that never went out (rejected by an admin,
// cancelled before sending, gone), whose id is then replacing, for a new
// one to take its place.
func (r *Router) leadBroadcast(ctx context.Context, l ikmbot.Lead) (b *ikmbot.Broadcast, replacing string, err error) {
	if l.BroadcastID == "" {
		return nil, "", nil
	}
	got, err := r.broadcastStore().Broadcast(ctx, l.BroadcastID)
	switch {
	case ikmbot.IsNotFound(err):
		return nil, l.BroadcastID, nil
	case err != nil:
		return nil, "", err
	case leadResendable(got):
		return nil, l.BroadcastID, nil
	}
	return &got, "", nil
}

// leadResendable reports whether a lead's broadcast never reached anyone,
// so the lead may be sent again: an admin rejected it, or it was cancelled
// before its recipients were taken.
func leadResendable(b ikmbot.Broadcast) bool {
	return b.Status == ikmbot.BroadcastRejected || (b.Status == ikmbot.BroadcastCancelled && b.Total == 0)
}

// forwardLead tells each mentor which of their mentees are interested in
// the lead, once per owner however often staff forward, and tells staff
// who has no mentor yet.
func (r *Router) forwardLead(ctx context.Context, c *call, l ikmbot.Lead) error {
	interested, _, err := r.leadAnswers(ctx, l, c.now, math.MaxInt) // every mentor gets the whole truth
	if err != nil {
		return err
	}
	var withMentor []int64
	var without []string
	for _, o := range interested {
		if o.MentorID != 0 {
			withMentor = append(withMentor, o.User.ID)
		} else if o.User.Profile != nil {
			without = append(without, o.User.Profile.BusinessName)
		}
	}
	fresh, err := r.leadStore().MarkLeadForwarded(ctx, l.ID, withMentor)
	if err != nil {
		return err
	}
	byMentor := map[int64][]flows.LeadOwner{}
	var order []int64
	for _, o := range interested {
		m := o.MentorID
		if m == 0 || !slices.Contains(fresh, o.User.ID) {
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
		for _, text := range flows.LeadForMentor(mentorUsers[m].Lang(), l, byMentor[m]) {
			c.out = append(c.out, ikmbot.Message{ChatID: m, Text: text})
		}
	}
	c.say(flows.LeadForwarded(c.lang, len(order), len(fresh), len(withMentor)-len(fresh), without),
		[]ikmbot.Button{{Text: c.t(flows.BtnLdView), Data: leadData(actLeadView, l.ID)}})
	return nil
}
