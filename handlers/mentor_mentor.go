package handlers

import (
	"context"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// A mentor's side of mentoring: /binaan lists their owners, most overdue
// first; an owner's card shows the facts and the latest follow-ups; a
// follow-up is logged through flows.FollowUpEntry; prompts
// (mentor_prompts.go) carry the same buttons.

// MenteeStore is what a mentor's list and prompts read besides MentorStore.
type MenteeStore interface {
	// Mentee is the owner as mentorID's mentee with their last follow-up;
	// ok is false when the owner is not theirs.
	Mentee(ctx context.Context, mentorID, ownerID int64) (m ikmbot.Mentee, ok bool, err error)
	// MentorsOf returns the mentors of the owners that have one.
	MentorsOf(ctx context.Context, owners []int64) (map[int64]int64, error)
	// MenteeFacts reads a page of owners' certificates being applied for,
	// ids of help requests not closed, and classes ongoing at now with a
	// seat.
	MenteeFacts(ctx context.Context, owners []int64, now time.Time) (applying map[int64][]ikmbot.Certificate, openHelp map[int64][]string, classes map[int64][]ikmbot.Class, err error)
}

// Callback data of a mentor's buttons outside the follow-up flow,
// "mf:<action>:<arg>[:<why>]". Every action checks that the one tapping
// may mentor (a mentor, or an admin: one promoted keeps their owners) and
// the owner is theirs.
const (
	cbMentorPfx  = "mf:"
	actMfList    = "l" // mf:l:<page from 0>
	actMfOwner   = "o" // mf:o:<owner>: the owner's card
	actMfSnooze  = "s" // mf:s:<owner>[:<why>]: prompt again in 3 days (see snoozeMentee)
	actMfLog     = "f" // mf:f:<owner>: log a follow-up
	actMfStaff   = "h" // mf:h:<owner>[:<why>]: ask staff for help
	menteePage   = 10  // owners per page of the list
	menteeRecent = 5   // follow-ups on an owner's card
	mentorSnooze = 3 * 24 * time.Hour
)

func mentorData(action string, args ...string) string {
	return cbMentorPfx + strings.Join(append([]string{action}, args...), ":")
}

// menteeStore is the part of the store a mentor's list and prompts use.
func (r *Router) menteeStore() MenteeStore { return r.cfg.Store }

// mentorCallback routes the mf: buttons. Only those who may mentor
// (mentors, and admins: a mentor promoted through ADMIN_IDS keeps their
// owners, and the weekly digest sends admins with owners to their list)
// may tap them, and only about their own owners: staff have their own
// view of mentoring, owners none, and data naming another mentor's owner
// is refused like any forged button.
func (r *Router) mentorCallback(ctx context.Context, c *call) error {
	parts := strings.Split(c.ev.CallbackData, ":")
	if !c.user.Role.Allows(ikmbot.RoleMentor) {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	if len(parts) < 3 || len(parts) > 4 {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	if parts[1] == actMfList {
		page, err := strconv.Atoi(parts[2])
		if err != nil || page < 0 {
			page = 0
		}
		return r.menteeList(ctx, c, page)
	}
	owner, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	m, ok, err := r.ownMentee(ctx, c, owner)
	if err != nil || !ok {
		return err
	}
	why := ""
	if len(parts) == 4 {
		why = flows.WhyCode(parts[3])
	}
	switch parts[1] {
	case actMfOwner:
		return r.showMentee(ctx, c, m, "")
	case actMfLog:
		return r.startFollowUp(ctx, c, owner)
	case actMfSnooze:
		return r.snoozeMentee(ctx, c, m, why)
	case actMfStaff:
		return r.mentorAsksStaff(ctx, c, m, why)
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// ownMentee loads the owner as the calling mentor's mentee; when they are
// not (another mentor's, reassigned, or made up) the mentor is refused and
// ok is false. Storage keeps the mentor's list and MentorOf in one MULTI,
// so being on the list is being the owner's mentor.
func (r *Router) ownMentee(ctx context.Context, c *call, owner int64) (ikmbot.Mentee, bool, error) {
	m, ok, err := r.menteeStore().Mentee(ctx, c.ev.UserID, owner)
	if err != nil {
		return m, false, err
	}
	if !ok {
		c.say(c.t(flows.MsgNotAllowed))
	}
	return m, ok, nil
}

// menteeList is /binaan for a mentor: their owners, the most overdue
// first, page by page (page from 0; past the end shows the last), with a
// button per owner to their card. The page's users come in one round
// trip and their facts in at most three more.
func (r *Router) menteeList(ctx context.Context, c *call, page int) error {
	all, err := r.mentorStore().Mentees(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		c.say(flows.MenteeList(c.lang, flows.MenteePage{}, c.now, r.cfg.Location))
		return nil
	}
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	pages := (len(all) + menteePage - 1) / menteePage
	page = min(max(page, 0), pages-1)
	shown := all[page*menteePage : min((page+1)*menteePage, len(all))]
	facts, err := r.menteeFacts(ctx, shown, cadence, c.now)
	if err != nil {
		return err
	}
	overdue := 0
	for _, m := range all {
		if m.Overdue(cadence, c.now) >= 0 {
			overdue++
		}
	}
	p := flows.MenteePage{Mentees: facts, First: page*menteePage + 1, Total: len(all), Overdue: overdue, Page: page + 1, Pages: pages}
	var buttons [][]ikmbot.Button
	for i, m := range facts {
		buttons = append(buttons, []ikmbot.Button{{Text: flows.MenteeButton(c.lang, p.First+i, m), Data: mentorData(actMfOwner, strconv.FormatInt(m.OwnerID, 10))}})
	}
	var nav []ikmbot.Button
	if page > 0 {
		nav = append(nav, ikmbot.Button{Text: c.t(flows.BtnMfPrev), Data: mentorData(actMfList, strconv.Itoa(page-1))})
	}
	if page < pages-1 {
		nav = append(nav, ikmbot.Button{Text: c.t(flows.BtnMfNext), Data: mentorData(actMfList, strconv.Itoa(page+1))})
	}
	if len(nav) > 0 {
		buttons = append(buttons, nav)
	}
	c.say(flows.MenteeList(c.lang, p, c.now, r.cfg.Location), buttons...)
	return nil
}

// menteeFacts reads what the list and the card show of mentees, in their
// order: their users in one round trip, the rest through MenteeFacts. An
// owner whose data is gone (/hapusdata) shows with their id only.
func (r *Router) menteeFacts(ctx context.Context, ms []ikmbot.Mentee, cadence time.Duration, now time.Time) ([]flows.MenteeFacts, error) {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.OwnerID
	}
	users, err := r.classStore().Users(ctx, ids)
	if err != nil {
		return nil, err
	}
	applying, help, classes, err := r.menteeStore().MenteeFacts(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	out := make([]flows.MenteeFacts, len(ms))
	for i, m := range ms {
		f := flows.MenteeFacts{OwnerID: m.OwnerID, Business: "#" + strconv.FormatInt(m.OwnerID, 10), Region: "-", Last: m.Last, Due: m.Due(cadence),
			OpenHelp: help[m.OwnerID], Applying: applying[m.OwnerID]}
		if u, ok := users[m.OwnerID]; ok {
			f.Level = u.Level
			if p := u.Profile; p != nil {
				f.Business, f.Owner, f.Region = p.BusinessName, p.OwnerName, regionName(p.Region)
			}
		}
		for _, cl := range classes[m.OwnerID] {
			f.Classes = append(f.Classes, cl.Title)
		}
		out[i] = f
	}
	return out, nil
}

// showMentee shows an owner's card to their mentor, after lead when
// given: the list's facts, the latest follow-ups, and buttons to log one,
// to snooze the prompt, and back to the list.
func (r *Router) showMentee(ctx context.Context, c *call, m ikmbot.Mentee, lead string) error {
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	facts, err := r.menteeFacts(ctx, []ikmbot.Mentee{m}, cadence, c.now)
	if err != nil {
		return err
	}
	history, err := r.mentorStore().FollowUps(ctx, m.OwnerID)
	if err != nil {
		return err
	}
	text := flows.MenteeCard(c.lang, facts[0], c.ev.UserID, history, menteeRecent, c.now, r.cfg.Location)
	if lead != "" {
		text = lead + "\n\n" + text
	}
	owner := strconv.FormatInt(m.OwnerID, 10)
	c.say(text,
		[]ikmbot.Button{{Text: c.t(flows.BtnMfLog), Data: mentorData(actMfLog, owner)}, {Text: c.t(flows.BtnMfSnooze), Data: mentorData(actMfSnooze, owner)}},
		[]ikmbot.Button{{Text: c.t(flows.BtnMfList), Data: mentorData(actMfList, "0")}})
	return nil
}

// startFollowUp opens the follow-up conversation about an owner of the
// mentor's (checked by the caller); a conversation the mentor was in
// resumes after it.
func (r *Router) startFollowUp(ctx context.Context, c *call, owner int64) error {
	users, err := r.classStore().Users(ctx, []int64{owner})
	if err != nil {
		return err
	}
	business := "#" + strconv.FormatInt(owner, 10)
	if u, ok := users[owner]; ok && u.Profile != nil {
		business = u.Profile.BusinessName
	}
	return r.startFlow(ctx, c, flows.FollowUpEntry, flows.FollowUpContext(owner, business), true)
}

// finishFollowUp keeps a follow-up the mentor confirmed and schedules the
// next prompt one cadence from now, replacing the one waiting; the card
// then shows it. An owner who is no longer theirs (reassigned while they
// wrote) keeps nothing, and the mentor is told kindly.
func (r *Router) finishFollowUp(ctx context.Context, c *call, answers map[string]string) error {
	owner, kind, note := flows.FollowUpFrom(answers)
	if !c.user.Role.Allows(ikmbot.RoleMentor) || owner == 0 {
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	next := mentorPromptDue(owner, c.ev.UserID, c.now.Add(cadence))
	f := ikmbot.FollowUp{OwnerID: owner, MentorID: c.ev.UserID, Kind: kind, Note: note, At: c.now}
	err = r.mentorStore().LogFollowUp(ctx, f, next)
	if ikmbot.ErrorCode(err) == ikmbot.EConflict {
		c.say(c.t(flows.MfNotKept))
		return nil
	}
	if err != nil {
		return err
	}
	lead := c.t(flows.MfSaved, flows.FormatDate(c.lang, next.At, r.cfg.Location))
	return r.showMentee(ctx, c, ikmbot.Mentee{OwnerID: owner, Last: c.now}, lead)
}

// snoozeMentee puts the owner's prompt off for three days, replacing the
// one waiting (the cadence's, or another snooze); why is the prompt's
// reason, which the prompt in three days repeats. A repeated tap moves it
// again by the seconds between the taps.
//
// A snooze never brings a prompt forward. Snoozing the cadence's prompt
// (WhyDue, which is also the card's "Tunda 3 hari", which has no reason)
// sets the timer to the later of three days on and when the owner is due
// at the cadence; when that is the due time, the timer is the cadence's
// plain one (no Payload), so it comes as an ordinary prompt, not as "the
// reminder you snoozed" about an owner who was not due. A prompt about
// what the owner did (help, class, level) comes back in three days
// whether or not the owner is due: the event is the reason.
func (r *Router) snoozeMentee(ctx context.Context, c *call, m ikmbot.Mentee, why string) error {
	d := mentorPromptDue(m.OwnerID, c.ev.UserID, c.now.Add(mentorSnooze))
	d.Payload = flows.WhyCode(why)
	if d.Payload == flows.WhyDue {
		cadence, err := r.mentorStore().Cadence(ctx)
		if err != nil {
			return err
		}
		if due := m.Due(cadence); due.After(d.At) {
			d.At, d.Payload = due, ""
		}
	}
	if err := r.certStore().Schedule(ctx, d); err != nil {
		return err
	}
	business, _, err := r.ownerLabel(ctx, m.OwnerID)
	if err != nil {
		return err
	}
	c.say(c.t(flows.MfSnoozed, flows.Escape(business), flows.FormatDateTime(c.lang, d.At, r.cfg.Location)),
		[]ikmbot.Button{{Text: c.t(flows.BtnMfList), Data: mentorData(actMfList, "0")}})
	return nil
}

// mentorAsksStaff tells every staff member and admin that this mentor
// asks for help with this owner, and why they were prompted; the mentor is
// told they were informed.
func (r *Router) mentorAsksStaff(ctx context.Context, c *call, m ikmbot.Mentee, why string) error {
	business, region, err := r.ownerLabel(ctx, m.OwnerID)
	if err != nil {
		return err
	}
	roles, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		return err
	}
	var staff []int64
	for id, role := range roles {
		if role.Allows(ikmbot.RoleStaff) && id != c.ev.UserID {
			staff = append(staff, id)
		}
	}
	mentor := c.user.Name
	if mentor == "" {
		mentor = c.ev.FirstName
	}
	w := flows.PromptWhy{Code: flows.WhyCode(why), Days: int(c.now.Sub(m.Last) / (24 * time.Hour))}
	msgs, err := r.ownerMessages(ctx, staff, func(lang string) ikmbot.Message {
		name := mentor
		if name == "" {
			name = flows.T(lang, flows.MfMentorUnnamed)
		}
		return ikmbot.Message{Text: flows.T(lang, flows.MfStaffNotice, flows.Escape(name), flows.Escape(business),
			flows.Escape(region), flows.PromptReason(lang, w))}
	})
	if err != nil {
		return err
	}
	if len(msgs) == 0 {
		c.say(c.t(flows.MfNoStaff))
		return nil
	}
	c.say(c.t(flows.MfStaffAsked, flows.Escape(business)))
	c.out = append(c.out, msgs...)
	return nil
}

// ownerLabel is how an owner is named to their mentor and staff: business
// name and kabupaten/kota, or their id when their profile is gone.
func (r *Router) ownerLabel(ctx context.Context, owner int64) (business, region string, err error) {
	users, err := r.classStore().Users(ctx, []int64{owner})
	if err != nil {
		return "", "", err
	}
	if u, ok := users[owner]; ok && u.Profile != nil {
		return u.Profile.BusinessName, regionName(u.Profile.Region), nil
	}
	return "#" + strconv.FormatInt(owner, 10), "-", nil
}
