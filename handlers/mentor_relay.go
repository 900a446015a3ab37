package handlers

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"ikmbot"
	"ikmbot/flows"
)

// Messages between an owner and their mentor (issue 7), relayed by the
// bot so that neither sees the other's phone number: the owner writes
// from /bantuan ("Hubungi pendamping") or from the reply button under a
// mentor's message, the mentor from the reply button under the owner's
// (which also offers to log a follow-up, mentor_mentor.go's mf:f).
// Only the owner's current mentor may write to them; the owner always
// writes to whoever is their mentor now.
//
// Both directions are kept in the owner's follow-up history with the
// sender's role in the kind. A mentor's message is contact, so it counts
// as a follow-up: it is logged with LogFollowUp (kind msg_mentor), which
// restarts the follow-up clock and moves the mentor's next prompt to one
// cadence from now. An owner's message is not a follow-up (the mentor has
// not answered yet): it is only added to the history (AddHistory), and
// the clock and the prompt stay as they were.

// Callback data of the relay, "mr:<action>[:<owner id>]".
const (
	cbRelayPfx    = "mr:"
	cbRelayOwner  = "mr:o" // the owner writes to their mentor
	actRelayReply = "r"    // mr:r:<owner id>: the mentor writes to that owner
	// relayNameMax is how much of a mentor's name a button shows.
	relayNameMax = 20
)

// HistoryStore is what the relay needs of storage besides MentorStore.
type HistoryStore interface {
	// AddHistory appends an entry to the owner's history without touching
	// the follow-up clock; EInvalid for an entry without owner or kind.
	AddHistory(ctx context.Context, f ikmbot.FollowUp) error
}

// addHistory keeps an owner's message in their history.
func (r *Router) addHistory(ctx context.Context, f ikmbot.FollowUp) error {
	return r.cfg.Store.AddHistory(ctx, f)
}

// relayCallback handles the relay's buttons. The data may be forged: the
// owner id of a reply is checked against the assignment, and anything
// else is refused.
func (r *Router) relayCallback(ctx context.Context, c *call) error {
	data := c.ev.CallbackData
	if data == cbRelayOwner {
		return r.writeToMentor(ctx, c)
	}
	if id, ok := strings.CutPrefix(data, cbRelayPfx+actRelayReply+":"); ok {
		if owner, err := strconv.ParseInt(id, 10, 64); err == nil && owner > 0 {
			return r.writeToOwner(ctx, c, owner)
		}
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// writeToMentor opens the owner's message to their mentor.
func (r *Router) writeToMentor(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	mentor, name, err := r.mentorOf(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	if mentor == 0 {
		c.say(c.t(flows.MrNoMentor))
		return nil
	}
	return r.startFlow(ctx, c, flows.MessageMentor, flows.RelayContext(mentor, name), true)
}

// writeToOwner opens a mentor's message to owner, one of theirs.
func (r *Router) writeToOwner(ctx context.Context, c *call, owner int64) error {
	if !c.user.Role.Allows(ikmbot.RoleMentor) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	mentor, err := r.mentorStore().MentorOf(ctx, owner)
	if err != nil {
		return err
	}
	if mentor != c.ev.UserID {
		c.say(c.t(flows.MrNotYourOwner))
		return nil
	}
	users, err := r.classStore().Users(ctx, []int64{owner})
	if err != nil {
		return err
	}
	u, ok := users[owner]
	if !ok || u.Profile == nil {
		// Assigned but gone: /hapusdata ends the assignment, so this is
		// only a race with it.
		c.say(c.t(flows.MrNotYourOwner))
		return nil
	}
	return r.startFlow(ctx, c, flows.MessageOwner, flows.RelayContext(owner, u.Profile.BusinessName), true)
}

// finishMessageMentor sends the owner's message to their mentor and keeps
// it in the owner's history.
func (r *Router) finishMessageMentor(ctx context.Context, c *call, answers map[string]string) error {
	to, text := flows.RelayFrom(answers)
	p := c.user.Profile
	if p == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	mentor, name, err := r.mentorOf(ctx, c.ev.UserID)
	switch {
	case err != nil:
		return err
	case mentor == 0:
		c.say(c.t(flows.MrNoMentor))
		return nil
	case mentor != to:
		// Reassigned while the owner was writing: the message was meant
		// for someone else, so it is not sent to the new mentor unasked.
		c.say(c.t(flows.MrMentorChanged, flows.Escape(text)), []ikmbot.Button{contactButton(c.lang, name)})
		return nil
	}
	f := ikmbot.FollowUp{OwnerID: c.ev.UserID, MentorID: mentor, Kind: ikmbot.FollowMessageFromOwner, Note: text, At: c.now}
	if err := r.addHistory(ctx, f); err != nil {
		return err
	}
	msgs, err := r.ownerMessages(ctx, []int64{mentor}, func(lang string) ikmbot.Message {
		return ikmbot.Message{Text: flows.T(lang, flows.MrFromOwner, flows.Escape(p.BusinessName), flows.Escape(regionName(p.Region)), flows.Escape(text)),
			Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnMrReply), Data: relayReplyData(c.ev.UserID)}},
				{{Text: flows.T(lang, flows.BtnMfLog), Data: mentorData(actMfLog, strconv.FormatInt(c.ev.UserID, 10))}}}}
	})
	if err != nil {
		return err
	}
	shown := name
	if shown == "" {
		shown = c.t(flows.MrNoName)
	}
	if len(msgs) == 0 {
		c.say(c.t(flows.MrNotDelivered, flows.Escape(shown)))
		return nil
	}
	c.say(c.t(flows.MrSent, flows.Escape(shown)))
	c.out = append(c.out, msgs...)
	return nil
}

// finishMessageOwner sends a mentor's message to their owner and logs it
// as a follow-up, which restarts the owner's follow-up clock.
func (r *Router) finishMessageOwner(ctx context.Context, c *call, answers map[string]string) error {
	owner, text := flows.RelayFrom(answers)
	if !c.user.Role.Allows(ikmbot.RoleMentor) {
		c.say(c.t(flows.MsgNotAllowed)) // the role was taken away meanwhile
		return nil
	}
	store := r.mentorStore()
	cadence, err := store.Cadence(ctx)
	if err != nil {
		return err
	}
	f := ikmbot.FollowUp{OwnerID: owner, MentorID: c.ev.UserID, Kind: ikmbot.FollowMessageFromMentor, Note: text, At: c.now}
	err = store.LogFollowUp(ctx, f, mentorPromptDue(owner, c.ev.UserID, c.now.Add(cadence)))
	if ikmbot.ErrorCode(err) == ikmbot.EConflict {
		c.say(c.t(flows.MrNotYourOwner))
		return nil
	}
	if err != nil {
		return err
	}
	users, err := r.classStore().Users(ctx, []int64{owner})
	if err != nil {
		return err
	}
	u, ok := users[owner]
	business := c.t(flows.MrNoName)
	if ok && u.Profile != nil {
		business = u.Profile.BusinessName
	}
	if !ok || u.Profile == nil || u.Unreachable {
		c.say(c.t(flows.MrNotDelivered, flows.Escape(business)))
		return nil
	}
	name := c.ev.FirstName
	if name == "" {
		name = c.user.Name
	}
	lang := u.Lang()
	msg := ikmbot.Message{ChatID: owner, Bulk: true, Text: flows.T(lang, flows.MrFromMentorNoName, flows.Escape(text)),
		Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnMrReply), Data: cbRelayOwner}}}}
	if name != "" {
		msg.Text = flows.T(lang, flows.MrFromMentor, flows.Escape(name), flows.Escape(text))
	}
	c.say(c.t(flows.MrSent, flows.Escape(business)))
	c.out = append(c.out, msg)
	return nil
}

// mentorOf is the owner's mentor and their first name ("" when not
// known); 0 when the owner has none.
func (r *Router) mentorOf(ctx context.Context, ownerID int64) (int64, string, error) {
	mentor, err := r.mentorStore().MentorOf(ctx, ownerID)
	if err != nil || mentor == 0 {
		return 0, "", err
	}
	users, err := r.classStore().Users(ctx, []int64{mentor})
	if err != nil {
		return 0, "", err
	}
	// One who no longer mentors (the role was taken back) is nobody's
	// mentor: owners' messages must not reach them.
	u, ok := users[mentor]
	if !ok || !u.Role.Allows(ikmbot.RoleMentor) {
		return 0, "", nil
	}
	return mentor, u.Name, nil
}

// mentorContact is, for /bantuan, the button to write to the owner's
// mentor; false when they have none. A failure to look is logged: help
// is still shown, without the button.
func (r *Router) mentorContact(ctx context.Context, c *call) (ikmbot.Button, bool) {
	mentor, name, err := r.mentorOf(ctx, c.ev.UserID)
	if err != nil {
		r.log.Error("load the owner's mentor", "chat_id", c.ev.ChatID, "err", err)
		return ikmbot.Button{}, false
	}
	return contactButton(c.lang, name), mentor != 0
}

// mentorLine is, for /profil, the line naming the owner's mentor with a
// blank line before it; "" when they have none.
func (r *Router) mentorLine(ctx context.Context, c *call) string {
	mentor, name, err := r.mentorOf(ctx, c.ev.UserID)
	switch {
	case err != nil:
		r.log.Error("load the owner's mentor", "chat_id", c.ev.ChatID, "err", err)
		return ""
	case mentor == 0:
		return ""
	case name == "":
		return "\n\n" + c.t(flows.MrProfileMentorNoName)
	}
	return "\n\n" + c.t(flows.MrProfileMentor, flows.Escape(name))
}

// contactButton opens a message to the owner's mentor, named when known.
func contactButton(lang, name string) ikmbot.Button {
	if name == "" {
		return ikmbot.Button{Text: flows.T(lang, flows.BtnMrContactNoName), Data: cbRelayOwner}
	}
	if utf8.RuneCountInString(name) > relayNameMax {
		name = string([]rune(name)[:relayNameMax-1]) + "…"
	}
	return ikmbot.Button{Text: flows.T(lang, flows.BtnMrContact, name), Data: cbRelayOwner}
}

func relayReplyData(ownerID int64) string {
	return cbRelayPfx + actRelayReply + ":" + strconv.FormatInt(ownerID, 10)
}
