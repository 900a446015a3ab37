package handlers

import (
	"context"
	"fmt"
	"slices"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// The mentoring digests (issue 7): every Monday morning each mentor gets a
// digest of their owners, and every morning staff get the mentors whose
// owners have gone twice the cadence without a follow-up. Both are
// recurring due items of the reminder engine: an occurrence schedules the
// next one when it fires, and the start-up schedules the first.

// Kinds of the digests' due items. ID: the occurrence's day in
// BOT_TIMEZONE, "20061130"; no Target (the handler finds the recipients).
//
// Each occurrence has its own ID because the engine sends a Key at most
// once for weeks (its sent-marker): with one fixed ID only the first
// digest would ever go out. A day always gives the same ID and time, so
// scheduling it again (every start-up, every replica, a fire repeated
// after an error) replaces the item with itself instead of adding one.
const (
	DueMentorDigest     = "mentor_digest"
	DueMentorEscalation = "mentor_escalation"
)

// When the digests go out, in BOT_TIMEZONE: mentors on Mondays at 08.00,
// staff every day at 07.30, as the office opens. Both fall in daylight,
// out of quiet hours.
var (
	mentorDigest     = recurring{kind: DueMentorDigest, hour: 8, minute: 0, monday: true}
	mentorEscalation = recurring{kind: DueMentorEscalation, hour: 7, minute: 30}
)

const (
	// digestGrace is how late an occurrence is still sent: the same
	// working day. One found later (the bot or Redis was down) sends
	// nothing and gives way to the next, rather than tell a mentor on
	// Thursday what was true on Monday. It is the handlers' check, not
	// the item's Until: the engine drops an item past its Until without
	// asking the handler, which would end the chain of occurrences.
	digestGrace = 10 * time.Hour
	// escalationFactor is how many cadences an owner goes without a
	// follow-up before staff are told.
	escalationFactor = 2
	// cbMenteeListFirst opens the first page of a mentor's /binaan list
	// (mentor_mentor.go answers it).
	cbMenteeListFirst = "mf:l:0"
)

// recurring is a due item that comes back at a fixed time of day, every
// day or every Monday.
type recurring struct {
	kind         string
	hour, minute int
	monday       bool
}

// after is the first occurrence strictly after t, in loc's wall clock (so
// a zone with daylight saving keeps the time of day), in UTC.
func (k recurring) after(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	at := time.Date(l.Year(), l.Month(), l.Day(), k.hour, k.minute, 0, 0, loc)
	for !at.After(t) || (k.monday && at.Weekday() != time.Monday) {
		at = time.Date(at.Year(), at.Month(), at.Day()+1, k.hour, k.minute, 0, 0, loc)
	}
	return at.UTC()
}

// next is the occurrence that follows one due at at, when it fires at now:
// the one after at, so a late tick does not move the time of day, unless
// that one is stale by now too (a long downtime), then the first still
// worth sending. It is always later than at, so it is another day, another
// ID: rescheduling never brings back the occurrence that fired.
func (k recurring) next(at, now time.Time, loc *time.Location) time.Time {
	n := k.after(at, loc)
	if stale(n, now) {
		n = k.after(now.Add(-digestGrace), loc)
	}
	return n
}

// due is the item of the occurrence at at.
func (k recurring) due(at time.Time, loc *time.Location) ikmbot.Due {
	return ikmbot.Due{Kind: k.kind, ID: at.In(loc).Format("20060102"), At: at.UTC()}
}

// stale reports whether an occurrence due at at is too late to send at now.
func stale(at, now time.Time) bool { return !now.Before(at.Add(digestGrace)) }

// EnsureMentorDigests schedules the next weekly digest and the next
// escalation, for the bot's start-up; from then on each occurrence
// schedules the next. The next occurrence is the same item whoever
// schedules it, so running this on every start and every replica adds
// nothing that is not waiting already. While nobody holds a role there is
// nobody to send to, and nobody can get a role without an admin, whom
// only a start-up with ADMIN_IDS makes: nothing is scheduled then. Errors
// are Redis failures.
func (r *Router) EnsureMentorDigests(ctx context.Context) error {
	roles, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		return fmt.Errorf("schedule mentoring digests: %w", err)
	}
	if len(roles) == 0 {
		return nil
	}
	now, loc := r.cfg.Now(), r.cfg.Location
	err = r.certStore().Schedule(ctx,
		mentorDigest.due(mentorDigest.after(now, loc), loc),
		mentorEscalation.due(mentorEscalation.after(now, loc), loc))
	if err != nil {
		return fmt.Errorf("schedule mentoring digests: %w", err)
	}
	return nil
}

// FireMentorDigest is the reminder engine's handler of DueMentorDigest: it
// schedules next week's, then sends each mentor who has owners how many
// they have, how many are overdue at the cadence, and the most overdue by
// name, with a button to their list. Mentors without owners get nothing.
func (r *Router) FireMentorDigest(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	loc := r.cfg.Location
	if err := r.certStore().Schedule(ctx, mentorDigest.due(mentorDigest.next(d.At, now, loc), loc)); err != nil {
		return nil, err
	}
	if stale(d.At, now) {
		r.log.InfoContext(ctx, "stale mentoring digest skipped", "due_key", d.Key())
		return nil, nil
	}
	mentors, _, err := r.digestRecipients(ctx)
	if err != nil || len(mentors) == 0 {
		return nil, err
	}
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return nil, err
	}
	type digest struct {
		mentor  int64
		mentees int
		overdue []ikmbot.Mentee
	}
	var digests []digest
	var named []int64 // mentors and the owners their digests name
	for _, m := range mentors {
		mentees, err := r.mentorStore().Mentees(ctx, m)
		if err != nil {
			return nil, err
		}
		if len(mentees) == 0 {
			continue
		}
		// Mentees come the longest without a follow-up first: the
		// overdue ones lead.
		var overdue []ikmbot.Mentee
		for _, o := range mentees {
			if o.Overdue(cadence, now) > 0 {
				overdue = append(overdue, o)
			}
		}
		digests = append(digests, digest{mentor: m, mentees: len(mentees), overdue: overdue})
		named = append(named, m)
		for _, o := range overdue[:min(len(overdue), flows.MdTopOwners)] {
			named = append(named, o.OwnerID)
		}
	}
	if len(digests) == 0 {
		return nil, nil
	}
	users, err := r.classStore().Users(ctx, named)
	if err != nil {
		return nil, err
	}
	var out []ikmbot.Message
	for _, dg := range digests {
		u, ok := users[dg.mentor]
		if !ok || u.Unreachable {
			continue
		}
		var top []flows.MdOwner
		for _, o := range dg.overdue[:min(len(dg.overdue), flows.MdTopOwners)] {
			line := flows.MdOwner{OwnerID: o.OwnerID, Last: o.Last}
			if p := users[o.OwnerID].Profile; p != nil {
				line.Business, line.Region = p.BusinessName, p.Region
			}
			top = append(top, line)
		}
		lang := u.Lang()
		out = append(out, ikmbot.Message{ChatID: dg.mentor, Bulk: true,
			Text:    flows.MentorDigest(lang, now, loc, cadence, dg.mentees, len(dg.overdue), top),
			Buttons: [][]ikmbot.Button{{{Text: flows.T(lang, flows.BtnMdOpenList), Data: cbMenteeListFirst}}}})
	}
	return out, nil
}

// FireMentorEscalation is the reminder engine's handler of
// DueMentorEscalation: it schedules tomorrow's, then tells every staff
// member and admin, per mentor, how many owners have gone without a
// follow-up for more than twice the cadence. When nobody has, nothing is
// sent.
func (r *Router) FireMentorEscalation(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	loc := r.cfg.Location
	if err := r.certStore().Schedule(ctx, mentorEscalation.due(mentorEscalation.next(d.At, now, loc), loc)); err != nil {
		return nil, err
	}
	if stale(d.At, now) {
		r.log.InfoContext(ctx, "stale mentoring escalation skipped", "due_key", d.Key())
		return nil, nil
	}
	mentors, staff, err := r.digestRecipients(ctx)
	if err != nil || len(mentors) == 0 || len(staff) == 0 {
		return nil, err
	}
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return nil, err
	}
	loads, err := r.mentorStore().MentorLoads(ctx, mentors, now.Add(-escalationFactor*cadence))
	if err != nil {
		return nil, err
	}
	var rows []flows.MdMentor
	for _, m := range mentors {
		if n := loads[m].Overdue; n > 0 {
			rows = append(rows, flows.MdMentor{ID: m, Overdue: int(n)})
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := slices.Clone(staff)
	for _, row := range rows {
		ids = append(ids, row.ID)
	}
	users, err := r.classStore().Users(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].Name = users[rows[i].ID].Name
	}
	var out []ikmbot.Message
	for _, s := range staff {
		u, ok := users[s]
		if !ok || u.Unreachable {
			continue
		}
		out = append(out, ikmbot.Message{ChatID: s, Bulk: true,
			Text: flows.MentorEscalation(u.Lang(), now, loc, cadence, rows)})
	}
	return out, nil
}

// digestRecipients are who may mentor (mentors and admins) and who
// oversees mentoring (staff and admins), each in id order so digests go
// out in the same order every time.
func (r *Router) digestRecipients(ctx context.Context) (mentors, staff []int64, err error) {
	roles, err := r.certStore().UsersWithRole(ctx)
	if err != nil {
		return nil, nil, err
	}
	for id, role := range roles {
		if role.Allows(ikmbot.RoleMentor) {
			mentors = append(mentors, id)
		}
		if role.Allows(ikmbot.RoleStaff) {
			staff = append(staff, id)
		}
	}
	slices.Sort(mentors)
	slices.Sort(staff)
	return mentors, staff, nil
}
