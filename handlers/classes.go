package handlers

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// Callback data of the owners' class buttons, "k:<action>[:<class id>...]".
// They carry no state: every tap is checked against the stored class and
// seat, so an old or forged button can do no more than the owner may.
const (
	cbClassesPfx   = "k:"
	cbClassesOwn   = "k:l" // open classes of the owner's level
	cbClassesAll   = "k:a" // open classes of every level
	actClassView   = "v"   // k:v:<id>
	actClassEnrol  = "e"   // k:e:<id>
	actClassWait   = "w"   // k:w:<id>
	actClassLeave  = "q"   // k:q:<id> asks
	actClassLeft   = "Q"   // k:Q:<id> confirmed
	actClassKeep   = "k"   // k:k: the owner keeps their seat
	actClassAnswer = "r"   // k:r:<id>:<meeting>:<y|n>
	maxClassList   = 12    // buttons in one list; the rest by /kelas all
	classAnswerYes = "y"   // "Hadir"
	classAnswerNo  = "n"   // "Tidak bisa hadir"
)

// classes is /kelas: staff manage classes, owners see the open ones.
func (r *Router) classes(ctx context.Context, c *call) error {
	if c.user.Role.Allows(ikmbot.RoleStaff) {
		return r.staffClasses(ctx, c)
	}
	return r.classList(ctx, c, false)
}

// classList shows the open classes an owner can enrol in, their own level
// first (all levels when all, or before their first readiness check), and
// the classes they are in.
func (r *Router) classList(ctx context.Context, c *call, all bool) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	store := r.classStore()
	// Only classes yet to begin take enrolments.
	list, err := store.Classes(ctx, c.now)
	if err != nil {
		return err
	}
	seats, err := store.SeatOf(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	mine, err := store.ClassesByID(ctx, slices.Collect(maps.Keys(seats)))
	if err != nil {
		return err
	}
	byID := map[string]ikmbot.Class{}
	for _, cl := range mine {
		byID[cl.ID] = cl
	}
	var open []ikmbot.Class
	for _, cl := range list {
		if r.enrollable(cl, c) && (all || c.user.Level == "" || cl.Level == c.user.Level) {
			open = append(open, cl)
		}
	}
	ids := make([]string, 0, len(open))
	for _, cl := range open {
		ids = append(ids, cl.ID)
	}
	taken, err := store.ClassSeats(ctx, ids)
	if err != nil {
		return err
	}

	var text []string
	var buttons [][]ikmbot.Button
	if mine, mineButtons := r.myClasses(c, seats, byID); mine != "" {
		text = append(text, mine)
		buttons = append(buttons, mineButtons...)
	}
	levelName := flows.LevelName(c.lang, ikmbot.Readiness(), c.user.Level)
	switch {
	case len(open) == 0 && (all || c.user.Level == ""):
		text = append(text, c.t(flows.KlNoneAll))
	case len(open) == 0:
		text = append(text, c.t(flows.KlNoneOwn, levelName))
	case all || c.user.Level == "":
		text = append(text, c.t(flows.KlListAll))
	default:
		text = append(text, c.t(flows.KlListOwn, levelName))
	}
	for i, cl := range open {
		if i == maxClassList {
			break
		}
		if _, mine := seats[cl.ID]; mine {
			continue // listed with the owner's own classes
		}
		buttons = append(buttons, []ikmbot.Button{{Text: flows.ClassButton(c.lang, cl, taken[cl.ID]), Data: classData(actClassView, cl.ID)}})
	}
	switch {
	case c.user.Level == "":
		text = append(text, c.t(flows.KlListNoLevel))
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnCheck), Data: cbCheck}})
	case all:
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlOwn), Data: cbClassesOwn}})
	default:
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlAll), Data: cbClassesAll}})
	}
	c.say(strings.Join(text, "\n\n"), buttons...)
	return nil
}

// enrollable reports whether an owner may still enrol in a class: open,
// and its first meeting not begun.
func (r *Router) enrollable(cl ikmbot.Class, c *call) bool {
	return cl.Status == ikmbot.ClassOpen && len(cl.Meetings) > 0 && cl.Meetings[0].Start.After(c.now)
}

// myClasses lists the classes the owner is in that are not over, with a
// button to each: the way to a class's page (to leave it) once enrolment
// has closed and it is no longer among the open ones.
func (r *Router) myClasses(c *call, seats map[string]ikmbot.SeatStatus, byID map[string]ikmbot.Class) (string, [][]ikmbot.Button) {
	var mine []ikmbot.Class
	for id := range seats {
		cl, ok := byID[id]
		if !ok || cl.Status == ikmbot.ClassCancelled || cl.Status == ikmbot.ClassFinished || !cl.Ends().After(c.now) {
			continue
		}
		mine = append(mine, cl)
	}
	if len(mine) == 0 {
		return "", nil
	}
	slices.SortFunc(mine, func(a, b ikmbot.Class) int { return a.Meetings[0].Start.Compare(b.Meetings[0].Start) })
	lines := []string{c.t(flows.KlMineHeader)}
	var buttons [][]ikmbot.Button
	for _, cl := range mine {
		key := flows.KlMineEnrolled
		if seats[cl.ID] == ikmbot.SeatWaiting {
			key = flows.KlMineWaiting
		}
		lines = append(lines, c.t(key, flows.Escape(cl.Title)))
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(key, cl.Title), Data: classData(actClassView, cl.ID)}})
	}
	return strings.Join(lines, "\n"), buttons
}

// classCallback handles the owners' class buttons.
func (r *Router) classCallback(ctx context.Context, c *call) error {
	parts := strings.Split(c.ev.CallbackData, ":")
	switch {
	case c.ev.CallbackData == cbClassesOwn:
		return r.classList(ctx, c, false)
	case c.ev.CallbackData == cbClassesAll:
		return r.classList(ctx, c, true)
	case len(parts) == 2 && parts[1] == actClassKeep:
		c.say(c.t(flows.KlKept))
		return nil
	case len(parts) == 5 && parts[1] == actClassAnswer:
		return r.answerReminder(ctx, c, parts[2], parts[3], parts[4])
	case len(parts) != 3:
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	id := parts[2]
	cl, err := r.classStore().Class(ctx, id)
	if ikmbot.IsNotFound(err) {
		c.say(c.t(flows.KlNotFound), []ikmbot.Button{{Text: c.t(flows.BtnKlList), Data: cbClassesOwn}})
		return nil
	}
	if err != nil {
		return err
	}
	switch parts[1] {
	case actClassView:
		return r.showClass(ctx, c, cl, "")
	case actClassEnrol, actClassWait:
		return r.enrol(ctx, c, cl, parts[1] == actClassWait)
	case actClassLeave:
		c.say(c.t(flows.KlLeaveConfirm, flows.Escape(cl.Title)),
			[]ikmbot.Button{{Text: c.t(flows.BtnKlLeaveYes), Data: classData(actClassLeft, cl.ID)}, {Text: c.t(flows.BtnKlKeep), Data: classData(actClassKeep)}})
		return nil
	case actClassLeft:
		return r.leave(ctx, c, cl)
	}
	c.say(c.t(flows.MsgStaleButton))
	return nil
}

// showClass shows a class's page with what the owner can do there;
// lead, when set, opens the message (the outcome of a tap).
func (r *Router) showClass(ctx context.Context, c *call, cl ikmbot.Class, lead string) error {
	store := r.classStore()
	seats, err := store.SeatOf(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	taken, err := store.ClassSeats(ctx, []string{cl.ID})
	if err != nil {
		return err
	}
	text := flows.ClassDetails(c.lang, cl, taken[cl.ID], r.cfg.Location)
	if lead != "" {
		text = lead + "\n\n" + text
	}
	var buttons [][]ikmbot.Button
	switch st := seats[cl.ID]; {
	case cl.Status == ikmbot.ClassCancelled:
		text += "\n\n" + c.t(flows.KlClassCancelled)
	case cl.Status == ikmbot.ClassFinished || !cl.Ends().After(c.now):
		text += "\n\n" + c.t(flows.KlClassOver)
	case st == ikmbot.SeatEnrolled:
		text += "\n\n" + c.t(flows.KlYouEnrolled)
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlLeave), Data: classData(actClassLeave, cl.ID)}})
	case st == ikmbot.SeatWaiting:
		text += "\n\n" + c.t(flows.KlYouWaiting)
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlLeave), Data: classData(actClassLeave, cl.ID)}})
	case !r.enrollable(cl, c):
		text += "\n\n" + c.t(flows.KlEnrolmentClosed)
	case taken[cl.ID] >= cl.Capacity:
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlWait), Data: classData(actClassWait, cl.ID)}})
	default:
		buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlEnrol), Data: classData(actClassEnrol, cl.ID)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: c.t(flows.BtnKlList), Data: cbClassesOwn}})
	c.say(text, buttons...)
	return nil
}

// enrol takes a seat, or a place on the waiting list when the owner asked
// for it. A repeated tap changes nothing and shows where they stand.
func (r *Router) enrol(ctx context.Context, c *call, cl ikmbot.Class, wait bool) error {
	if !r.enrollable(cl, c) {
		c.say(c.t(flows.KlNotOpen))
		return r.classList(ctx, c, false)
	}
	res, err := r.classStore().Enrol(ctx, cl.ID, c.ev.UserID, c.now, wait)
	switch {
	case ikmbot.ErrorCode(err) == ikmbot.EConflict:
		c.say(c.t(flows.KlNotOpen))
		return r.classList(ctx, c, false)
	case ikmbot.IsNotFound(err):
		c.say(c.t(flows.KlNotFound))
		return nil
	case err != nil:
		return err
	}
	switch {
	case res.OtherClass != "":
		other := res.OtherClass
		if oc, err := r.classStore().Class(ctx, other); err == nil {
			other = oc.Title
		}
		c.say(c.t(flows.KlOtherClass, flows.Escape(other)),
			[]ikmbot.Button{{Text: c.t(flows.BtnKlList), Data: cbClassesOwn}})
		return nil
	case res.Status == ikmbot.SeatEnrolled:
		return r.showClass(ctx, c, cl, c.t(flows.KlEnrolled, flows.Escape(cl.Title)))
	case res.Status == ikmbot.SeatWaiting:
		return r.showClass(ctx, c, cl, c.t(flows.KlWaiting, flows.Escape(cl.Title)))
	}
	// Full, and the owner had not asked to wait (the page showed a seat
	// that someone else took first).
	c.say(c.t(flows.KlFull, flows.Escape(cl.Title)),
		[]ikmbot.Button{{Text: c.t(flows.BtnKlWait), Data: classData(actClassWait, cl.ID)}},
		[]ikmbot.Button{{Text: c.t(flows.BtnKlList), Data: cbClassesOwn}})
	return nil
}

// leave takes the owner out of a class; the first on the waiting list gets
// the seat and is told.
func (r *Router) leave(ctx context.Context, c *call, cl ikmbot.Class) error {
	if cl.Status == ikmbot.ClassFinished || cl.Status == ikmbot.ClassCancelled || !cl.Ends().After(c.now) {
		c.say(c.t(flows.KlClassOver)) // the roster is a record now
		return nil
	}
	left, promoted, err := r.classStore().Leave(ctx, cl.ID, c.ev.UserID, c.now)
	if err != nil {
		return err
	}
	switch left {
	case ikmbot.SeatEnrolled:
		c.say(c.t(flows.KlLeft, flows.Escape(cl.Title)), []ikmbot.Button{{Text: c.t(flows.BtnKlList), Data: cbClassesOwn}})
	case ikmbot.SeatWaiting:
		c.say(c.t(flows.KlLeftWaiting, flows.Escape(cl.Title)), []ikmbot.Button{{Text: c.t(flows.BtnKlList), Data: cbClassesOwn}})
	default:
		c.say(c.t(flows.KlNotInClass))
	}
	if promoted != 0 {
		r.tellPromoted(ctx, c, cl, promoted)
	}
	return nil
}

// tellPromoted tells an owner who moved from the waiting list to a seat.
// A failure to load them is logged: the seat is theirs either way, and
// /kelas shows it.
func (r *Router) tellPromoted(ctx context.Context, c *call, cl ikmbot.Class, ownerID int64) {
	users, err := r.classStore().Users(ctx, []int64{ownerID})
	if err != nil {
		r.log.Error("load promoted owner", "class", cl.ID, "chat_id", ownerID, "err", err)
		return
	}
	u, ok := users[ownerID]
	if !ok || u.Unreachable {
		return
	}
	lang := u.Lang()
	c.out = append(c.out, ikmbot.Message{ChatID: ownerID, Bulk: true,
		Text:    flows.T(lang, flows.KlPromoted, flows.Escape(cl.Title), flows.MeetingLines(lang, cl, r.cfg.Location)),
		Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnKlLeave), Data: classData(actClassLeave, cl.ID)}}}})
}

// leaveAllClasses takes an owner who deletes their data out of every class
// and waiting list, telling whoever gets their seat.
func (r *Router) leaveAllClasses(ctx context.Context, c *call) error {
	store := r.classStore()
	seats, err := store.SeatOf(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	for id := range seats {
		_, promoted, err := store.Leave(ctx, id, c.ev.UserID, c.now)
		if err != nil {
			return err
		}
		if promoted == 0 {
			continue
		}
		if cl, err := store.Class(ctx, id); err == nil {
			r.tellPromoted(ctx, c, cl, promoted)
		}
	}
	return nil
}

// answerReminder records "Hadir" or "Tidak bisa hadir" from a reminder.
// An owner who cannot come to a class that allows it is offered to give
// their seat to the waiting list.
func (r *Router) answerReminder(ctx context.Context, c *call, classID, meeting, answer string) error {
	i, err := strconv.Atoi(meeting)
	if err != nil || (answer != classAnswerYes && answer != classAnswerNo) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	store := r.classStore()
	cl, err := store.Class(ctx, classID)
	if ikmbot.IsNotFound(err) || (err == nil && (i < 0 || i >= len(cl.Meetings))) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	if err != nil {
		return err
	}
	if cl.Status == ikmbot.ClassCancelled {
		c.say(c.t(flows.KlClassCancelled))
		return nil
	}
	a := ikmbot.AnswerComing
	if answer == classAnswerNo {
		a = ikmbot.AnswerNotComing
	}
	enrolled, err := store.SetAnswer(ctx, cl.ID, i, c.ev.UserID, a)
	if err != nil {
		return err
	}
	if !enrolled {
		c.say(c.t(flows.KlNotInClass))
		return nil
	}
	if a == ikmbot.AnswerComing {
		c.say(c.t(flows.KlThanksComing, i+1))
		return nil
	}
	c.say(c.t(flows.KlThanksNot, i+1))
	if !cl.FreeOnDecline {
		return nil
	}
	roster, err := store.Roster(ctx, cl.ID)
	if err != nil {
		return err
	}
	if len(roster.Waiting) > 0 {
		c.say(c.t(flows.KlOfferSeat),
			[]ikmbot.Button{{Text: c.t(flows.BtnKlLeave), Data: classData(actClassLeft, cl.ID)}},
			[]ikmbot.Button{{Text: c.t(flows.BtnKlKeep), Data: classData(actClassKeep)}})
	}
	return nil
}

// classData builds "k:<action>[:<arg>...]".
func classData(action string, args ...string) string {
	return "k:" + strings.Join(append([]string{action}, args...), ":")
}
