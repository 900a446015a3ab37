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
// with the answers it got. A lead gone sends nothing. One closed already
// is closed again, keeping its time: a tick that failed after closing it
// must still send the notices, and the engine sends an item once.
func (r *Router) FireLeadClose(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	l, err := r.leadStore().Lead(ctx, d.ID)
	if ikmbot.IsNotFound(err) {
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

// EnsureLeadsClose schedules the closing of every open lead at its
// deadline, for the start-up: the same item whoever schedules it, so it
// changes nothing for a lead scheduled when it was saved, and closes the
// leads saved before closing existed. Errors are Redis failures.
func (r *Router) EnsureLeadsClose(ctx context.Context) error {
	open, err := r.leadStore().OpenLeads(ctx)
	if err != nil || len(open) == 0 {
		return err
	}
	dues := make([]ikmbot.Due, len(open))
	for i, l := range open {
		dues[i] = leadCloseDue(l)
	}
	return r.certStore().Schedule(ctx, dues...)
}

// leadCloseDue is the due item that closes the lead at its deadline.
func leadCloseDue(l ikmbot.Lead) ikmbot.Due {
	return ikmbot.Due{Kind: DueLeadClose, ID: l.ID, At: l.Deadline}
}
