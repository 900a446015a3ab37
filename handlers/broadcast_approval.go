package handlers

import (
	"context"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Approval of broadcasts: when admins switch it on, a broadcast written
// by staff waits (status pending) until an admin approves or rejects it;
// admins' own broadcasts go out directly. Approving makes it a draft
// again, which then goes out at once or at the time its author chose.

// Callback actions of approval, "bc:<action>:<id>"; the setting is
// "bc:q:1" (on) and "bc:q:0" (off), admins only.
const (
	actBcApprove  = "a"
	actBcReject   = "d"
	actBcSetting  = "q"
	cbApprovalOn  = cbBroadcastPfx + actBcSetting + ":1"
	cbApprovalOff = cbBroadcastPfx + actBcSetting + ":0"
)

// needsApproval reports whether a broadcast by this user must wait for an
// admin: approval is on and the user is staff, not an admin; an admin
// has approved it already.
func (r *Router) needsApproval(ctx context.Context, c *call, b ikmbot.Broadcast) (bool, error) {
	if c.user.Role.Allows(ikmbot.RoleAdmin) || b.ReviewedBy != 0 {
		return false, nil
	}
	return r.broadcastStore().BroadcastApproval(ctx)
}

// askApproval sets a draft waiting for an admin, to go out at sendAt (zero:
// as soon as approved), and sends every admin the broadcast as owners will
// see it with the request and its buttons.
func (r *Router) askApproval(ctx context.Context, c *call, id string, sendAt time.Time) error {
	store := r.broadcastStore()
	b, err := store.UpdateBroadcast(ctx, id, func(b *ikmbot.Broadcast) error {
		if b.Status != ikmbot.BroadcastDraft {
			return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s is %s", id, b.Status)
		}
		b.Status, b.SendAt = ikmbot.BroadcastPending, sendAt
		return nil
	})
	if ikmbot.ErrorCode(err) == ikmbot.EConflict || ikmbot.IsNotFound(err) {
		c.say(c.t(flows.SbNotDraft))
		return nil
	}
	if err != nil {
		return err
	}
	n, err := r.countRecipients(ctx, b)
	if err != nil {
		return err
	}
	submitted := ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastSubmitted, Ref: b.ID, Rows: n, Audience: &b.Audience}
	if !sendAt.IsZero() {
		submitted.Detail = ikmbot.AuditTime(sendAt)
	}
	r.audit(ctx, c, submitted)
	if sendAt.IsZero() {
		c.say(c.t(flows.SbApApprovalSent, b.ID), cancelRow(c.lang, b.ID))
	} else {
		c.say(c.t(flows.SbApSentAt, b.ID, flows.FormatDateTime(c.lang, sendAt, r.cfg.Location)), cancelRow(c.lang, b.ID))
	}
	roles, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		return err
	}
	var admins []int64
	for id, role := range roles {
		if role.Allows(ikmbot.RoleAdmin) && id != c.ev.UserID {
			admins = append(admins, id)
		}
	}
	var requests []ikmbot.Message
	users, err := r.classStore().Users(ctx, admins)
	if err != nil {
		return err
	}
	for _, id := range admins {
		u, ok := users[id]
		if !ok || u.Unreachable {
			continue
		}
		lang := u.Lang()
		preview := b.Message
		preview.ChatID, preview.Bulk = id, true
		requests = append(requests, preview, ikmbot.Message{ChatID: id, Bulk: true,
			Text:    approvalRequest(lang, b, n, r.cfg.Location),
			Buttons: approvalButtons(lang, b.ID)})
	}
	if len(requests) == 0 {
		c.say(c.t(flows.SbApNoAdmin, b.ID))
	}
	c.out = append(c.out, requests...)
	return nil
}

// approvalRequest is what an admin reads under the broadcast's copy.
func approvalRequest(lang string, b ikmbot.Broadcast, count int64, loc *time.Location) string {
	when := flows.T(lang, flows.SbApWhenNow)
	if !b.SendAt.IsZero() {
		when = flows.FormatDateTime(lang, b.SendAt, loc)
	}
	audience := flows.AudienceLine(lang, b.Audience)
	if b.LeadID != "" {
		audience = flows.T(lang, flows.LdApAudience, audience)
	}
	return flows.T(lang, flows.SbApRequest, b.ID, flows.Escape(b.CreatedByName), audience, count, when)
}

func approvalButtons(lang, id string) [][]ikmbot.Button {
	return [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnSbApprove), Data: broadcastData(actBcApprove, id)},
		{Text: flows.T(lang, flows.BtnSbReject), Data: broadcastData(actBcReject, id)}}}
}

func cancelRow(lang, id string) []ikmbot.Button {
	return []ikmbot.Button{{Text: flows.T(lang, flows.BtnSbCancel), Data: broadcastData(actBcCancel, id)}}
}

// review approves or rejects a pending broadcast (pending as loaded: the
// decision itself is checked again in the transaction), once: a second
// admin's tap finds it decided. The author is told. An approved broadcast
// goes out now, or at its time when that is still ahead; one whose time
// passed more than the grace ago waits as an approved draft for its
// author to send or schedule again.
func (r *Router) review(ctx context.Context, c *call, pending ikmbot.Broadcast, approve bool) error {
	if !c.user.Role.Allows(ikmbot.RoleAdmin) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	if pending.Status != ikmbot.BroadcastPending {
		c.say(c.t(flows.SbApNotPending))
		return nil
	}
	author, err := r.classStore().Users(ctx, []int64{pending.CreatedBy})
	if err != nil {
		return err
	}
	lang := author[pending.CreatedBy].Lang()
	sendAt := pending.SendAt
	later := approve && sendAt.After(c.now)
	late := approve && !sendAt.IsZero() && c.now.After(sendAt.Add(broadcastGrace))
	now := approve && !later && !late
	if now && r.cfg.Broadcaster == nil {
		return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s: no broadcaster", pending.ID)
	}
	if approve && pending.LeadID != "" {
		// A lead closed while its send waited (its deadline falls in
		// quiet hours, hours before the engine closes it) is news no
		// more: the request is withdrawn, not approved.
		err := r.leadStillOpen(ctx, pending)
		if ikmbot.ErrorCode(err) == ikmbot.EConflict {
			return r.withdrawLeadRequest(ctx, c, pending)
		}
		if err != nil {
			return err
		}
	}
	if later {
		// Scheduled before the decision is saved: a failure in between
		// leaves a due item that finds no draft and sends nothing, never
		// an approved broadcast with nothing to send it.
		if err := r.scheduleBroadcast(ctx, pending, pending.CreatedBy, lang); err != nil {
			return err
		}
	}
	store := r.broadcastStore()
	b, err := store.UpdateBroadcast(ctx, pending.ID, func(b *ikmbot.Broadcast) error {
		if b.Status != ikmbot.BroadcastPending || !b.SendAt.Equal(sendAt) {
			return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s is %s", b.ID, b.Status)
		}
		b.ReviewedBy, b.ReviewedByName, b.ReviewedAt = c.ev.UserID, c.ev.FirstName, c.now
		b.Status = ikmbot.BroadcastRejected
		if approve {
			b.Status = ikmbot.BroadcastDraft
		}
		return nil
	})
	if ikmbot.ErrorCode(err) == ikmbot.EConflict || ikmbot.IsNotFound(err) {
		c.say(c.t(flows.SbApNotPending))
		return nil
	}
	if err != nil {
		return err
	}
	decided := ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastRejected, Ref: b.ID, Audience: &b.Audience}
	if approve {
		decided.Action = ikmbot.AuditBroadcastApproved
		if !b.SendAt.IsZero() {
			decided.Detail = ikmbot.AuditTime(b.SendAt)
		}
	}
	r.audit(ctx, c, decided)
	// The admin's request loses its buttons, so it cannot be tapped again.
	done := flows.SbApRejectedYou
	if approve {
		done = flows.SbApApprovedYou
	}
	c.out = append(c.out, ikmbot.Message{ChatID: c.ev.ChatID, EditMessageID: c.ev.MessageID, Text: c.t(done, b.ID)})
	tell := func(text string, buttons ...[]ikmbot.Button) {
		c.out = append(c.out, ikmbot.Message{ChatID: b.CreatedBy, Text: text, Buttons: buttons, Bulk: true})
	}
	reviewer := flows.Escape(c.ev.FirstName)
	switch {
	case !approve:
		tell(flows.T(lang, flows.SbApRejected, b.ID, reviewer))
		return nil
	case later:
		tell(flows.T(lang, flows.SbApApprovedAt, b.ID, reviewer, flows.FormatDateTime(lang, b.SendAt, r.cfg.Location)))
		return nil
	case late:
		tell(flows.T(lang, flows.SbApApprovedLate, b.ID, reviewer, flows.FormatDateTime(lang, b.SendAt, r.cfg.Location)),
			[]ikmbot.Button{{Text: flows.T(lang, flows.BtnSbOpen), Data: broadcastData(actBcView, b.ID)}})
		return nil
	}
	n, err := r.snapshotRecipients(ctx, b)
	if err != nil {
		return err
	}
	if err := store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		return err
	}
	tell(flows.T(lang, flows.SbApApproved, b.ID, reviewer))
	r.cfg.Broadcaster.Start(b.ID, b.CreatedBy, lang)
	sent := ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastSent, Ref: b.ID, Rows: n, Audience: &b.Audience}
	if b.LeadID != "" {
		sent.Detail = ikmbot.AuditDetailLead
		if l, err := r.leadStore().Lead(ctx, b.LeadID); err == nil {
			sent.RefName = l.Product
		}
		// It goes out now, not when staff asked.
		if err := r.leadStore().StampLeadSent(ctx, b.LeadID, b.ID, c.now); err != nil {
			r.log.WarnContext(ctx, "lead's send time not updated", "lead_id", b.LeadID, "err", err)
		}
	}
	r.audit(ctx, c, sent)
	return nil
}

// setApproval switches approval on or off and shows the list again.
func (r *Router) setApproval(ctx context.Context, c *call, on bool) error {
	if !c.user.Role.Allows(ikmbot.RoleAdmin) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	if err := r.broadcastStore().SetBroadcastApproval(ctx, on); err != nil {
		return err
	}
	if on {
		c.say(c.t(flows.SbApSettingOn))
	} else {
		c.say(c.t(flows.SbApSettingOff))
	}
	return r.broadcast(ctx, c)
}

// approvalSetting is the admins' row of the list: the setting as it is,
// and the button that switches it.
func approvalSetting(lang string, on bool) (string, []ikmbot.Button) {
	if on {
		return flows.T(lang, flows.SbApSettingOn), []ikmbot.Button{{Text: flows.T(lang, flows.BtnSbApprovalOff), Data: cbApprovalOff}}
	}
	return flows.T(lang, flows.SbApSettingOff), []ikmbot.Button{{Text: flows.T(lang, flows.BtnSbApprovalOn), Data: cbApprovalOn}}
}

// withdrawLeadRequest cancels a lead's broadcast that waited for approval
// while its lead closed, tells the admin instead of approving it, and
// tells its author.
func (r *Router) withdrawLeadRequest(ctx context.Context, c *call, b ikmbot.Broadcast) error {
	err := r.broadcastStore().SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastCancelled)
	if err != nil && ikmbot.ErrorCode(err) != ikmbot.EConflict {
		return err
	}
	c.out = append(c.out, ikmbot.Message{ChatID: c.ev.ChatID, EditMessageID: c.ev.MessageID, Text: c.t(flows.LdIsClosed)})
	author, err := r.classStore().Users(ctx, []int64{b.CreatedBy})
	if err != nil {
		return err
	}
	if u, ok := author[b.CreatedBy]; ok && b.CreatedBy != c.ev.UserID {
		c.out = append(c.out, ikmbot.Message{ChatID: b.CreatedBy, Text: flows.T(u.Lang(), flows.LdIsClosed),
			Buttons: [][]ikmbot.Button{{{Text: flows.T(u.Lang(), flows.BtnLdView), Data: leadData(actLeadView, b.LeadID)}}}, Bulk: true})
	}
	return nil
}
