package handlers

import (
	"context"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// BroadcastStore is what the staff's broadcasts need of storage.
type BroadcastStore interface {
	// CreateBroadcast stores a draft and gives it an id.
	CreateBroadcast(ctx context.Context, b ikmbot.Broadcast) (ikmbot.Broadcast, error)
	// RecentBroadcasts lists the latest, newest first, with their counts.
	RecentBroadcasts(ctx context.Context, n int) ([]ikmbot.Broadcast, error)
	// Broadcast loads one with its counts; ENotFound for none.
	Broadcast(ctx context.Context, id string) (ikmbot.Broadcast, error)
	// CountAudience counts the owners an audience reaches now.
	CountAudience(ctx context.Context, a ikmbot.Audience) (int64, error)
	// SnapshotAudience fills a draft's recipients with the owners the
	// audience reaches now; EConflict when it is not a draft.
	SnapshotAudience(ctx context.Context, id string, a ikmbot.Audience) (int64, error)
	// SetBroadcastStatus starts, pauses, resumes or cancels one;
	// EConflict once it is done or cancelled.
	SetBroadcastStatus(ctx context.Context, id string, s ikmbot.BroadcastStatus) error
	// UpdateBroadcast changes one in a transaction with fn; ENotFound
	// for none, EConflict once it ended, fn's error as is.
	UpdateBroadcast(ctx context.Context, id string, fn func(b *ikmbot.Broadcast) error) (ikmbot.Broadcast, error)
	// BroadcastApproval reports whether staff broadcasts wait for an
	// admin; SetBroadcastApproval switches it.
	BroadcastApproval(ctx context.Context) (bool, error)
	SetBroadcastApproval(ctx context.Context, on bool) error
}

// Broadcaster runs a broadcast in the background, keeping the staff
// member who started it informed in chat (a message updated in place);
// cmd provides it, since sending belongs to the bot.
type Broadcaster interface {
	Start(id string, staffChat int64, lang string)
}

// Callback data of broadcasts, "bc:<action>:<id>", staff only.
const (
	cbBroadcastPfx = "bc:"
	actBcSend      = "s"
	actBcCancel    = "x"
	actBcPause     = "p"
	actBcResume    = "r"
	actBcSchedule  = "j"
	actBcView      = "v"
	// cbBroadcastNew opens the composition conversation.
	cbBroadcastNew   = "bc:n"
	cbBroadcastList  = "bc:l"
	broadcastListMax = 10
)

// DueBroadcast is the kind of the due item that sends a scheduled
// broadcast. ID: the broadcast's id; Target: the staff member to report
// to; Payload: their language.
const DueBroadcast = "broadcast"

// broadcastGrace is how late a scheduled broadcast may still start (after
// downtime); it also keeps quiet hours from holding back a time staff
// chose on purpose.
const broadcastGrace = time.Hour

// broadcast is /siaran: a composition in progress resumes; otherwise the
// recent broadcasts, each with its report, and a button to write a new one.
func (r *Router) broadcast(ctx context.Context, c *call) error {
	if f := flowNamed(c.session.Flow); f == flows.BroadcastCompose {
		return r.runFlow(ctx, c, f, f.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	}
	recent, err := r.broadcastStore().RecentBroadcasts(ctx, broadcastListMax)
	if err != nil {
		return err
	}
	approval, err := r.broadcastStore().BroadcastApproval(ctx)
	if err != nil {
		return err
	}
	var buttons [][]ikmbot.Button
	for _, b := range recent {
		label := flows.BroadcastListLabel(c.lang, b, r.cfg.Location)
		buttons = append(buttons, []ikmbot.Button{{Text: label, Data: broadcastData(actBcView, b.ID)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnSbNew), Data: cbBroadcastNew}})
	title := c.t(flows.SbListTitle)
	if len(recent) == 0 {
		title = c.t(flows.SbListEmpty)
	}
	switch {
	case c.user.Role.Allows(ikmbot.RoleAdmin):
		setting, toggle := approvalSetting(c.lang, approval)
		title += "\n\n" + setting
		buttons = append(buttons, toggle)
	case approval:
		title += "\n\n" + c.t(flows.SbApNeedsApproval)
	}
	c.say(title, buttons...)
	return nil
}

// composeBroadcast starts writing a new broadcast.
func (r *Router) composeBroadcast(ctx context.Context, c *call) error {
	return r.startFlow(ctx, c, flows.BroadcastCompose, nil, true)
}

// finishBroadcast keeps the composed broadcast as a draft and shows staff
// how it will look and how many owners it reaches, with the send button.
func (r *Router) finishBroadcast(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	msg, audience := flows.BroadcastFromAnswers(answers)
	store := r.broadcastStore()
	n, err := store.CountAudience(ctx, audience)
	if err != nil {
		return err
	}
	// The button under every broadcast lets an owner turn announcements
	// off; one message for all recipients, so it is labelled in
	// Indonesian, the programme's language.
	msg.Buttons = [][]ikmbot.Button{{{Text: flows.T("id", flows.BtnSbOptOut), Data: cbOptOut}}}
	b, err := store.CreateBroadcast(ctx, ikmbot.Broadcast{Message: msg, Audience: audience,
		CreatedBy: c.ev.UserID, CreatedByName: c.ev.FirstName, CreatedAt: c.now})
	if err != nil {
		return err
	}
	approval, err := r.needsApproval(ctx, c, b)
	if err != nil {
		return err
	}
	send := c.t(flows.BtnSbSend, n)
	if approval {
		send = c.t(flows.BtnSbAskApproval, n)
	}
	var buttons [][]ikmbot.Button
	if n > 0 {
		buttons = append(buttons, []ikmbot.Button{{Text: send, Data: broadcastData(actBcSend, b.ID)}},
			[]ikmbot.Button{{Text: c.t(flows.BtnSbSchedule), Data: broadcastData(actBcSchedule, b.ID)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnSbCancel), Data: broadcastData(actBcCancel, b.ID)}})
	// The copy above the preview is the broadcast itself, as owners get it.
	preview := b.Message
	preview.ChatID = c.ev.ChatID
	c.out = append(c.out, preview)
	info := flows.BroadcastPreview(c.lang, audience, n)
	if n > 0 && r.cfg.Quiet.Contains(c.now.In(r.cfg.Location).Hour()) {
		// Sent now, it would wake owners; broadcasts go when staff say,
		// so staff decide, knowing.
		info += "\n\n" + c.t(flows.SbQuietNow, r.cfg.Quiet.Start, r.cfg.Quiet.End)
	}
	c.say(info, buttons...)
	return nil
}

// Callback data of the owners' announcement switch, under every broadcast
// and on /profil.
const (
	cbOptOut = "ob:off"
	cbOptIn  = "ob:on"
)

// optBroadcasts turns announcements off or on for the user.
func (r *Router) optBroadcasts(_ context.Context, c *call) error {
	on := c.ev.CallbackData == cbOptIn
	c.change.Broadcasts = &on
	if on {
		c.say(c.t(flows.SbOptedIn))
		return nil
	}
	c.say(c.t(flows.SbOptedOut), []ikmbot.Button{{Text: c.t(flows.BtnSbOptIn), Data: cbOptIn}})
	return nil
}

// broadcastCallback sends, pauses, resumes or cancels a broadcast.
func (r *Router) broadcastCallback(ctx context.Context, c *call) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	switch c.ev.CallbackData {
	case cbBroadcastNew:
		return r.composeBroadcast(ctx, c)
	case cbBroadcastList:
		return r.broadcast(ctx, c)
	case cbApprovalOn, cbApprovalOff:
		return r.setApproval(ctx, c, c.ev.CallbackData == cbApprovalOn)
	}
	parts := strings.Split(c.ev.CallbackData, ":")
	if len(parts) != 3 {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	store := r.broadcastStore()
	b, err := store.Broadcast(ctx, parts[2])
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	if err != nil {
		return err
	}
	switch parts[1] {
	case actBcView:
		c.out = append(c.out, r.broadcastView(c, b))
		return nil
	case actBcApprove, actBcReject:
		return r.review(ctx, c, b, parts[1] == actBcApprove)
	case actBcSend:
		if b.Status != ikmbot.BroadcastDraft {
			c.say(c.t(flows.SbNotDraft))
			return nil
		}
		if b.LeadID != "" {
			// A lead's recipients are its matches, not the audience
			// shown: only the lead's own send takes them.
			l, err := r.leadStore().Lead(ctx, b.LeadID)
			if ikmbot.IsNotFound(err) {
				c.say(c.t(flows.LdUnknown))
				return nil
			}
			if err != nil {
				return err
			}
			return r.sendLead(ctx, c, l)
		}
		if approval, err := r.needsApproval(ctx, c, b); err != nil || approval {
			if err != nil {
				return err
			}
			return r.askApproval(ctx, c, b.ID, time.Time{})
		}
		// The recipients are who the audience reaches now, not when the
		// preview was made.
		n, err := store.SnapshotAudience(ctx, b.ID, b.Audience)
		if err != nil {
			if ikmbot.ErrorCode(err) == ikmbot.EConflict {
				c.say(c.t(flows.SbNotDraft))
				return nil
			}
			return err
		}
		if err := r.resumeBroadcast(ctx, c, b); err != nil {
			return err
		}
		r.audit(ctx, c, ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastSent, Ref: b.ID, Rows: n, Audience: &b.Audience})
		return nil
	case actBcSchedule:
		if b.Status != ikmbot.BroadcastDraft || b.LeadID != "" { // a lead goes when staff send it
			c.say(c.t(flows.SbNotDraft))
			return nil
		}
		return r.startFlow(ctx, c, flows.BroadcastSchedule, map[string]string{flows.AnswerBroadcast: b.ID}, true)
	case actBcResume:
		if b.Status != ikmbot.BroadcastPaused {
			c.say(c.t(flows.SbNotDraft))
			return nil
		}
		return r.resumeBroadcast(ctx, c, b)
	case actBcPause, actBcCancel:
		status := ikmbot.BroadcastPaused
		if parts[1] == actBcCancel {
			status = ikmbot.BroadcastCancelled
		}
		err := store.SetBroadcastStatus(ctx, b.ID, status)
		if ikmbot.ErrorCode(err) == ikmbot.EConflict {
			c.say(c.t(flows.SbNotDraft))
			return nil
		}
		if err != nil {
			return err
		}
		if status == ikmbot.BroadcastCancelled {
			c.say(c.t(flows.SbCancelled))
			r.audit(ctx, c, ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastCancelled, Ref: b.ID, Detail: string(b.Status),
				Rows: b.Sent, Audience: &b.Audience})
		}
		// A running broadcast stops after its batch in flight and
		// reports through its progress message.
		return nil
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// finishSchedule schedules a draft broadcast for the time staff chose.
func (r *Router) finishSchedule(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	id, at, err := flows.ScheduledAt(answers, r.cfg.Location)
	if err != nil {
		return err
	}
	b, err := r.broadcastStore().Broadcast(ctx, id)
	if ikmbot.IsNotFound(err) || (err == nil && (b.Status != ikmbot.BroadcastDraft || b.LeadID != "")) {
		c.say(c.t(flows.SbNotDraft))
		return nil
	}
	if err != nil {
		return err
	}
	if approval, err := r.needsApproval(ctx, c, b); err != nil || approval {
		if err != nil {
			return err
		}
		return r.askApproval(ctx, c, b.ID, at)
	}
	b, err = r.broadcastStore().UpdateBroadcast(ctx, b.ID, func(b *ikmbot.Broadcast) error {
		if b.Status != ikmbot.BroadcastDraft {
			return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s is %s", b.ID, b.Status)
		}
		b.SendAt = at
		return nil
	})
	if ikmbot.ErrorCode(err) == ikmbot.EConflict || ikmbot.IsNotFound(err) {
		c.say(c.t(flows.SbNotDraft))
		return nil
	}
	if err != nil {
		return err
	}
	n, err := r.broadcastStore().CountAudience(ctx, b.Audience)
	if err != nil {
		return err
	}
	if err := r.scheduleBroadcast(ctx, b, c.ev.ChatID, c.lang); err != nil {
		return err
	}
	r.audit(ctx, c, ikmbot.AuditEntry{Action: ikmbot.AuditBroadcastScheduled, Ref: b.ID, Rows: n,
		Detail: ikmbot.AuditTime(at), Audience: &b.Audience})
	c.say(c.t(flows.SbScheduled, flows.FormatDateTime(c.lang, at, r.cfg.Location), n), cancelRow(c.lang, b.ID))
	return nil
}

// scheduleBroadcast makes a draft go out at its SendAt through the
// reminder engine, reporting to staffChat in lang.
func (r *Router) scheduleBroadcast(ctx context.Context, b ikmbot.Broadcast, staffChat int64, lang string) error {
	due := ikmbot.Due{Kind: DueBroadcast, ID: b.ID, Target: staffChat, Payload: lang, At: b.SendAt, Until: b.SendAt.Add(broadcastGrace)}
	return r.certStore().Schedule(ctx, due)
}

// broadcastView is one broadcast's report for staff, with what they can
// still do with it: cancel one not sent, approve or reject one waiting
// (admins), control one sending.
func (r *Router) broadcastView(c *call, b ikmbot.Broadcast) ikmbot.Message {
	m := BroadcastProgress(c.lang, c.ev.ChatID, b, 0)
	if b.Status == ikmbot.BroadcastDraft && !b.SendAt.IsZero() {
		m.Text += "\n" + c.t(flows.SbStatusScheduled, flows.FormatDateTime(c.lang, b.SendAt, r.cfg.Location))
	}
	switch b.Status {
	case ikmbot.BroadcastPending:
		if c.user.Role.Allows(ikmbot.RoleAdmin) {
			m.Buttons = approvalButtons(c.lang, b.ID)
		}
		m.Buttons = append(m.Buttons, cancelRow(c.lang, b.ID))
	case ikmbot.BroadcastDraft:
		// A draft can still go: one whose approval came too late for
		// its time, or whose sending failed half way through starting.
		m.Buttons = append(m.Buttons, []ikmbot.Button{{Text: c.t(flows.BtnSbSendNow), Data: broadcastData(actBcSend, b.ID)}},
			cancelRow(c.lang, b.ID))
	}
	m.Buttons = append(m.Buttons, []ikmbot.Button{{Text: c.t(flows.BtnSbList), Data: cbBroadcastList}})
	return m
}

// FireBroadcast is the reminder engine's handler of DueBroadcast: a draft
// still waiting goes out now to the owners its audience reaches now; one
// cancelled meanwhile sends nothing.
func (r *Router) FireBroadcast(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	store := r.broadcastStore()
	b, err := store.Broadcast(ctx, d.ID)
	if ikmbot.IsNotFound(err) || (err == nil && b.Status != ikmbot.BroadcastDraft) || r.cfg.Broadcaster == nil {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	n, err := r.snapshotRecipients(ctx, b)
	if err != nil {
		return nil, err
	}
	if err := store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		return nil, err
	}
	r.cfg.Broadcaster.Start(b.ID, d.Target, d.Payload)
	// Nobody tapped anything: the author, who scheduled it, is the actor.
	r.addAudit(ctx, ikmbot.AuditEntry{At: now.UTC(), ActorID: b.CreatedBy, ActorName: b.CreatedByName, Action: ikmbot.AuditBroadcastSent,
		Ref: b.ID, Rows: n, Detail: ikmbot.AuditDetailDue, Audience: &b.Audience})
	return []ikmbot.Message{{ChatID: d.Target, Text: flows.T(d.Payload, flows.SbDueStarted)}}, nil
}

// snapshotRecipients fills a draft's recipients with whom it reaches now:
// its audience, or, for a buyer lead's broadcast, the owners the lead
// matches. EConflict when it is not a draft; for a lead's broadcast also
// when the lead is gone, closed or carried by another broadcast
// (errLeadGone), since it must then not go out at all.
func (r *Router) snapshotRecipients(ctx context.Context, b ikmbot.Broadcast) (int64, error) {
	if b.LeadID == "" {
		return r.broadcastStore().SnapshotAudience(ctx, b.ID, b.Audience)
	}
	if err := r.leadStillOpen(ctx, b); err != nil {
		return 0, err
	}
	l, err := r.leadStore().Lead(ctx, b.LeadID)
	if err != nil {
		return 0, err
	}
	return r.leadStore().SnapshotLeadMatches(ctx, b.ID, l)
}

// leadStillOpen is nil when b, a lead's broadcast, may still go out: its
// lead exists, is open and is carried by b. Otherwise it is an EConflict
// error (other errors are Redis failures).
func (r *Router) leadStillOpen(ctx context.Context, b ikmbot.Broadcast) error {
	l, err := r.leadStore().Lead(ctx, b.LeadID)
	if ikmbot.IsNotFound(err) {
		return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s: lead %s gone", b.ID, b.LeadID)
	}
	if err != nil {
		return err
	}
	if !l.Open(r.cfg.Now()) || l.BroadcastID != b.ID {
		return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s: lead %s closed or sent otherwise", b.ID, b.LeadID)
	}
	return nil
}

// countRecipients is how many owners a draft would reach now, as
// snapshotRecipients would take them.
func (r *Router) countRecipients(ctx context.Context, b ikmbot.Broadcast) (int64, error) {
	if b.LeadID == "" {
		return r.broadcastStore().CountAudience(ctx, b.Audience)
	}
	l, err := r.leadStore().Lead(ctx, b.LeadID)
	if ikmbot.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := r.leadStore().CountLeadMatches(ctx, l)
	return int64(n.Reachable), err
}

// resumeBroadcast sets a broadcast sending and hands it to the
// Broadcaster.
func (r *Router) resumeBroadcast(ctx context.Context, c *call, b ikmbot.Broadcast) error {
	if r.cfg.Broadcaster == nil {
		return ikmbot.Errorf(ikmbot.EConflict, "broadcast %s: no broadcaster", b.ID)
	}
	if err := r.broadcastStore().SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		return err
	}
	r.cfg.Broadcaster.Start(b.ID, c.ev.ChatID, c.lang)
	c.say(c.t(flows.SbStarted))
	return nil
}

// BroadcastProgress is the message that shows a broadcast's progress to
// the staff member who started it, with the buttons that control it; cmd
// sends it and edits it in place as the broadcast goes.
func BroadcastProgress(lang string, staffChat int64, b ikmbot.Broadcast, perSecond float64) ikmbot.Message {
	m := ikmbot.Message{ChatID: staffChat, Text: flows.BroadcastProgress(lang, b, perSecond)}
	switch b.Status {
	case ikmbot.BroadcastSending:
		m.Buttons = [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnSbPause), Data: broadcastData(actBcPause, b.ID)},
			{Text: flows.T(lang, flows.BtnSbStop), Data: broadcastData(actBcCancel, b.ID)}}}
	case ikmbot.BroadcastPaused:
		m.Buttons = [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnSbResume), Data: broadcastData(actBcResume, b.ID)},
			{Text: flows.T(lang, flows.BtnSbStop), Data: broadcastData(actBcCancel, b.ID)}}}
	}
	return m
}

func broadcastData(action, id string) string { return cbBroadcastPfx + action + ":" + id }

// broadcastStore is the part of the store broadcasts use.
func (r *Router) broadcastStore() BroadcastStore { return r.cfg.Store }
