package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// The audit log (issue 8): every export, broadcast step and bulk mentor
// assignment is written down (who, when, which filter, how many), and
// admins read it with /audit, newest first, a page at a time.

// AuditStore is the part of the store the audit log uses.
type AuditStore interface {
	// AddAudit writes e at the head of the log; an entry without an
	// action or an actor is an ikmbot.EInvalid error, other errors are
	// Redis failures.
	AddAudit(ctx context.Context, e ikmbot.AuditEntry) error
	// AuditEntries returns n entries from offset (0 the newest), newest
	// first, and how many there are, in one round trip; a negative offset
	// is an ikmbot.EInvalid error, other errors are Redis failures.
	AuditEntries(ctx context.Context, offset, n int) ([]ikmbot.AuditEntry, int64, error)
}

// Callback data of /audit's paging, "au:p:<page>" (page 0 the newest),
// admins only.
const (
	cbAuditPfx = "au:"
	actAuPage  = "p"
	// auditMaxPage bounds the page a button may ask for, so forged data
	// cannot make an offset overflow.
	auditMaxPage = 1 << 20
)

func auditData(page int) string { return cbAuditPfx + actAuPage + ":" + strconv.Itoa(page) }

// audit writes e to the audit log as done now by the user of c, under
// their Telegram first name (the one stored with their role when the event
// carries none). It is called once the action is done: a failed write is
// logged and the handling goes on, since failing the reply would make
// staff repeat an action that did happen (send a broadcast twice) while
// the log would still miss it.
func (r *Router) audit(ctx context.Context, c *call, e ikmbot.AuditEntry) {
	e.At, e.ActorID, e.ActorName = c.now, c.ev.UserID, c.ev.FirstName
	if e.ActorName == "" {
		e.ActorName = c.user.Name
	}
	r.addAudit(ctx, e)
}

// addAudit writes an entry whose actor is filled in already (an action
// the reminder engine carries out for its author); a failure is logged,
// as in audit.
func (r *Router) addAudit(ctx context.Context, e ikmbot.AuditEntry) {
	if err := r.auditStore().AddAudit(ctx, e); err != nil {
		r.log.Error("write audit entry", "action", string(e.Action), "user_id", e.ActorID, "ref", e.Ref, "err", err)
	}
}

// auditLog is /audit, admins only (the command table checks): the newest
// page of the log.
func (r *Router) auditLog(ctx context.Context, c *call) error {
	return r.auditPage(ctx, c, 0)
}

// auditCallback turns /audit's pages, checking again that the user is an
// admin: the button may be old, forwarded or forged.
func (r *Router) auditCallback(ctx context.Context, c *call) error {
	if !c.user.Role.Allows(ikmbot.RoleAdmin) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	rest, ok := strings.CutPrefix(c.ev.CallbackData, cbAuditPfx+actAuPage+":")
	page, err := strconv.Atoi(rest)
	if !ok || err != nil || page < 0 || page > auditMaxPage {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	return r.auditPage(ctx, c, page)
}

// auditPage shows page of the log (0 the newest), with buttons to the
// newer and the older page where there is one; a page past the end (the
// log never shrinks, so only a forged button asks for one) says so and
// offers the last page. Turning a page edits the message in place.
func (r *Router) auditPage(ctx context.Context, c *call, page int) error {
	size := flows.AuditPageSize
	entries, total, err := r.auditStore().AuditEntries(ctx, page*size, size)
	if err != nil {
		return fmt.Errorf("audit page %d: %w", page, err)
	}
	var nav []ikmbot.Button
	if page > 0 && total > 0 {
		last := int((total - 1) / int64(size))
		nav = append(nav, ikmbot.Button{Text: c.t(flows.BtnAuNewer), Data: auditData(min(page-1, last))})
	}
	if int64((page+1)*size) < total {
		nav = append(nav, ikmbot.Button{Text: c.t(flows.BtnAuOlder), Data: auditData(page + 1)})
	}
	msg := ikmbot.Message{ChatID: c.ev.ChatID,
		Text: flows.AuditLog(c.lang, flows.AuditPage{Entries: entries, Offset: page * size, Total: total}, r.cfg.Location)}
	if len(nav) > 0 {
		msg.Buttons = [][]ikmbot.Button{nav}
	}
	if c.ev.Kind == ikmbot.EventCallback {
		msg.EditMessageID = c.ev.MessageID
	}
	c.out = append(c.out, msg)
	return nil
}

// auditStore is the part of the store the audit log uses.
func (r *Router) auditStore() AuditStore { return r.cfg.Store }
