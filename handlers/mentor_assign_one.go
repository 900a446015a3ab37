package handlers

import (
	"context"
	"strconv"

	"ikmbot"
	"ikmbot/flows"
)

// Staff's assignment of one owner to a mentor, from the owner's help
// request or profile: the mentor button, the choice, the assignment.

// chooseOwnerMentor offers staff the mentors, with their loads, for one
// owner; their mentor now is marked.
func (r *Router) chooseOwnerMentor(ctx context.Context, c *call, ownerArg string) error {
	owner, ok, err := r.mgOwner(ctx, c, ownerArg)
	if err != nil || !ok {
		return err
	}
	current, err := r.mentorStore().MentorOf(ctx, owner.ID)
	if err != nil {
		return err
	}
	rows, err := r.mgRows(ctx, c.now)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		c.say(c.t(flows.MsNoMentors))
		return nil
	}
	now := c.t(flows.MsNoneYet)
	var buttons [][]ikmbot.Button
	var row []ikmbot.Button
	for _, m := range mgOptions(rows) {
		label := flows.MentorChoiceLabel(c.lang, m)
		if m.ID == current {
			label = c.t(flows.BtnMsMentorOn, label)
			now = flows.MentorName(c.lang, m.Name, m.ID)
		}
		row = append(row, ikmbot.Button{Text: label, Data: mgData(actMgAssign, strconv.FormatInt(owner.ID, 10), strconv.FormatInt(m.ID, 10))})
		if len(row) == 2 {
			buttons, row = append(buttons, row), nil
		}
	}
	if len(row) > 0 {
		buttons = append(buttons, row)
	}
	c.say(c.t(flows.MsPickFor, flows.Escape(owner.Profile.BusinessName), flows.Escape(now)), buttons...)
	return nil
}

// assignOwnerMentor makes mentorArg the mentor of one owner, with their
// first prompt one cadence from now, and tells the owner and both mentors.
func (r *Router) assignOwnerMentor(ctx context.Context, c *call, ownerArg, mentorArg string) error {
	owner, ok, err := r.mgOwner(ctx, c, ownerArg)
	if err != nil || !ok {
		return err
	}
	id, err := strconv.ParseInt(mentorArg, 10, 64)
	if err != nil {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	mentor, ok, err := r.mgMentor(ctx, id)
	if err != nil {
		return err
	}
	if !ok || mentor.ID == owner.ID {
		return r.mgNotMentor(ctx, c)
	}
	business := flows.Escape(owner.Profile.BusinessName)
	name := flows.Escape(flows.MentorName(c.lang, mentor.Name, mentor.ID))
	current, err := r.mentorStore().MentorOf(ctx, owner.ID)
	if err != nil {
		return err
	}
	if current == mentor.ID {
		c.say(c.t(flows.MsOneAlready, business, name), []ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
		return nil
	}
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return err
	}
	prev, err := r.mentorStore().AssignMentor(ctx, []int64{owner.ID}, mentor.ID, c.now,
		[]ikmbot.Due{mentorPromptDue(owner.ID, mentor.ID, c.now.Add(cadence))})
	if err != nil {
		return err
	}
	msgs, err := r.ownerMessages(ctx, []int64{owner.ID}, mgOwnerTold(mentor))
	if err != nil {
		r.log.Error("tell an owner their mentor", "chat_id", owner.ID, "mentor_id", mentor.ID, "err", err)
	}
	lost := map[int64]int64{}
	if p := prev[owner.ID]; p != 0 {
		lost[p] = 1
	}
	notices, reach := r.mgTellMentors(ctx, map[int64]int64{mentor.ID: 1}, lost)
	// Only what happened: both told, or each one's fate.
	text := c.t(flows.MsOneDone, business, name)
	if len(msgs) == 0 || reach[mentor.ID] != mgTold {
		ownerLine := c.t(flows.MsOneOwnerTold)
		if len(msgs) == 0 {
			ownerLine = c.t(flows.MsOneOwnerLost)
		}
		text = c.t(flows.MsOneAssigned, business, name) + "\n" + ownerLine + "\n" + mgMentorLine(c, reach[mentor.ID], name)
	}
	c.say(text, []ikmbot.Button{{Text: c.t(flows.BtnMsOverview), Data: cbMgList}})
	c.out = append(append(c.out, msgs...), notices...)
	return nil
}

// mgOwner reads the owner id of a button and loads them; an id
// that names no owner (one who deleted their data) is answered kindly and
// ok is false.
func (r *Router) mgOwner(ctx context.Context, c *call, arg string) (ikmbot.User, bool, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		c.say(c.t(flows.MsgStaleButton))
		return ikmbot.User{}, false, nil
	}
	users, err := r.classStore().Users(ctx, []int64{id})
	if err != nil {
		return ikmbot.User{}, false, err
	}
	u, ok := users[id]
	if !ok || u.Profile == nil {
		c.say(c.t(flows.MsOwnerUnknown))
		return ikmbot.User{}, false, nil
	}
	return u, true, nil
}

// mgHelpRow is the button on staff's view of an owner's help request
// that shows the owner's mentor and opens the choice of one; nil for
// anyone but staff, and when it cannot be loaded (logged: the request
// matters more).
func (r *Router) mgHelpRow(ctx context.Context, c *call, ownerID int64) []ikmbot.Button {
	if !c.user.Role.Allows(ikmbot.RoleStaff) {
		return nil
	}
	name, err := r.mgMentorName(ctx, c, ownerID)
	if err != nil {
		r.log.Error("load an owner's mentor", "chat_id", ownerID, "err", err)
		return nil
	}
	return []ikmbot.Button{mgOwnerButton(c, ownerID, name)}
}

// mgMentorName names the owner's mentor as staff see them, or "" when
// they have none.
func (r *Router) mgMentorName(ctx context.Context, c *call, ownerID int64) (string, error) {
	current, err := r.mentorStore().MentorOf(ctx, ownerID)
	if err != nil || current == 0 {
		return "", err
	}
	users, err := r.classStore().Users(ctx, []int64{current})
	if err != nil {
		return "", err
	}
	return flows.MentorName(c.lang, users[current].Name, current), nil
}

// mgOwnerButton shows staff the owner's mentor (named as mgMentorName
// does) and opens the choice of one: the one-by-one assignment starts
// from it wherever staff see the owner.
func mgOwnerButton(c *call, ownerID int64, mentor string) ikmbot.Button {
	if mentor == "" {
		mentor = c.t(flows.MsNoneYet)
	}
	return ikmbot.Button{Text: c.t(flows.BtnMsOwnerMentor, mentor), Data: mgData(actMgOwner, strconv.FormatInt(ownerID, 10))}
}
