package handlers

import (
	"context"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// FireLeadClose is the reminder engine's handler of DueLeadClose: at its
// deadline the lead closes, its broadcast stops if it is still going out
// (a lead past its deadline is no news to send), each owner who said they
// were interested is told, and so is the staff member who recorded it,
// with the answers it got. A lead closed before, or gone, sends nothing.
func (r *Router) FireLeadClose(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	l, err := r.leadStore().Lead(ctx, d.ID)
	if ikmbot.IsNotFound(err) || (err == nil && l.Status == ikmbot.LeadClosed) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if l, err = r.leadStore().CloseLead(ctx, l.ID, now); err != nil {
		return nil, err
	}
	if l.BroadcastID != "" {
		err := r.broadcastStore().SetBroadcastStatus(ctx, l.BroadcastID, ikmbot.BroadcastCancelled)
		if err != nil && ikmbot.ErrorCode(err) != ikmbot.EConflict && !ikmbot.IsNotFound(err) {
			return nil, err // done, or cancelled by staff, is as good
		}
	}
	answers, err := r.leadStore().LeadResponses(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	var interested []int64
	for _, a := range answers {
		if a.Latest.Interested {
			interested = append(interested, a.Owner)
		}
	}
	users, err := r.classStore().Users(ctx, append([]int64{l.CreatedBy}, interested...))
	if err != nil {
		return nil, err
	}
	var msgs []ikmbot.Message
	for _, id := range interested {
		if u, ok := users[id]; ok && u.Profile != nil && !u.Unreachable {
			msgs = append(msgs, ikmbot.Message{ChatID: id, Text: flows.LeadClosedForOwner(u.Lang(), l)})
		}
	}
	if staff, ok := users[l.CreatedBy]; ok && staff.Role.Allows(ikmbot.RoleStaff) {
		text, buttons := flows.LeadClosedForStaff(staff.Lang(), l, len(interested), len(answers)-len(interested), leadData(actLeadView, l.ID))
		msgs = append(msgs, ikmbot.Message{ChatID: l.CreatedBy, Text: text, Buttons: buttons})
	}
	return msgs, nil
}
