package handlers

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Prompts to mentors (issue 7). A mentor is prompted about an owner of
// theirs when the owner has gone a cadence without a follow-up, and soon
// after the owner opens a help request, completes a class or changes
// readiness level. Every prompt names the owner and why, with "Catat
// tindak lanjut", "Tunda 3 hari" and "Minta bantuan staf". Every prompt
// is a due item of the reminder engine, so quiet hours hold it until the
// morning like any bulk message, and the engine sends it once.
//
// The engine sends a due item's Key at most once in storage.SentTTL (40
// days), longer than a cadence. So the one item per owner that assigning,
// logging a follow-up and snoozing replace (mentorPromptDue, ID "<owner>")
// is never sent itself: it is the owner's timer. When it fires,
// FireMentorFollowUp schedules the prompt as an item of its own, ID
// "<owner>:<the timer's time, unix s>", due at once, which the engine
// sends once and forgets; and it sets the timer again for the re-prompt.
// A timer left pointing at a mentor who is no longer the owner's (a
// reassignment racing the timer's own rescheduling) is handed to the
// owner's current mentor rather than dropped.
//
// Re-prompt policy: a prompt the mentor ignores comes again a week later
// (mentorReprompt), and weekly after that, as long as no follow-up is
// logged; logging one restarts the cadence, and snoozing moves the next
// prompt three days on (never before the owner is due, for a snooze of
// the cadence's prompt: see snoozeMentee). A timer that finds the owner
// not due (the clock restarted some other way, or staff lengthened the
// cadence) waits until they are, sending nothing.
//
// The prompts about what an owner did are items of DueMentorPrompt, due
// when it happened, one per event; FireMentorPrompt checks when it fires
// that the owner is still the mentor's.

// mentorReprompt is how long after a prompt the mentor is prompted again
// when nothing was logged.
const mentorReprompt = 7 * 24 * time.Hour

// mentorDueSlack lets a timer that fires a little before the owner is due
// (times are kept to the millisecond, the follow-up clock too) count as
// due.
const mentorDueSlack = time.Minute

// DueMentorPrompt is the kind of the due item that prompts a mentor about
// something an owner of theirs just did. ID: "<owner>:<why>:<event>",
// where why is a flows.Why code and event the help request's id, the
// class's id, or the time in unix ms (a level change), so each event is
// one item sent once; Target: the owner's mentor when it happened;
// Payload: a promptEvent in JSON. At is when it happened: the engine
// sends it on its next tick, or after quiet hours.
const DueMentorPrompt = "mentor_prompt"

// promptEvent is what a DueMentorPrompt item keeps of flows.PromptWhy
// besides the code, which is in its ID.
type promptEvent struct {
	HelpID string       `json:"help,omitempty"`
	Class  string       `json:"class,omitempty"`
	From   ikmbot.Level `json:"from,omitempty"`
	To     ikmbot.Level `json:"to,omitempty"`
}

// FireMentorFollowUp is the reminder engine's handler of
// DueMentorFollowUp. For an owner's timer (ID "<owner>") it sends nothing:
// when the owner is still d.Target's mentee and due (or the timer is a
// snooze, whose Payload is the snoozed prompt's flows.Why code) it
// schedules the prompt for now and the timer again for the re-prompt (see
// the notes at the top of this file); when the owner has another mentor
// now, the timer is theirs (see followCurrentMentor). For a prompt (ID
// "<owner>:<timer's time>") it sends the mentor the message, unless the
// owner is no longer theirs or was followed up since the timer's time. An
// owner without a mentor, deleted, or a mentor who lost the role get
// nothing, and the item is dropped.
func (r *Router) FireMentorFollowUp(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	ownerText, stamp, isPrompt := strings.Cut(d.ID, ":")
	owner, err := strconv.ParseInt(ownerText, 10, 64)
	if err != nil || owner <= 0 || d.Target == 0 {
		r.log.Warn("malformed mentor prompt", "id", d.ID)
		return nil, nil
	}
	m, ok, err := r.menteeStore().Mentee(ctx, d.Target, owner)
	if err != nil {
		return nil, err
	}
	if !ok {
		if isPrompt {
			return nil, nil
		}
		return nil, r.followCurrentMentor(ctx, d, owner, now)
	}
	users, err := r.classStore().Users(ctx, []int64{d.Target, owner})
	if err != nil {
		return nil, err
	}
	mentor, ownerUser := users[d.Target], users[owner]
	if !mentor.Role.Allows(ikmbot.RoleMentor) || ownerUser.Profile == nil {
		return nil, nil
	}
	if !isPrompt {
		return nil, r.armPrompt(ctx, d, m, now)
	}
	at, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		r.log.Warn("malformed mentor prompt", "id", d.ID)
		return nil, nil
	}
	if m.Last.After(time.Unix(at, 0)) || mentor.Unreachable {
		return nil, nil
	}
	w := flows.PromptWhy{Code: flows.WhyCode(d.Payload), Days: int(now.Sub(m.Last) / (24 * time.Hour)), Snoozed: d.Payload != ""}
	return []ikmbot.Message{mentorPrompt(mentor, ownerUser, w)}, nil
}

// followCurrentMentor handles an owner's timer d that points at a mentor
// who is no longer the owner's. Reassigning replaces the timer, but a
// timer firing at the same moment can set it again for the old mentor
// (armPrompt) after the reassignment did; dropping it then would leave
// the new mentor never prompted. So the timer becomes the current
// mentor's, as if it had fired for them: not due yet, it moves to when
// they are (their last follow-up, or the assignment, plus the cadence);
// due, their prompt is scheduled for now (and sent on this tick or the
// next). It sends nothing itself. The old mentor's snooze is not carried
// over. An owner without a mentor, or whose mentor lost the role, keeps
// no timer.
func (r *Router) followCurrentMentor(ctx context.Context, d ikmbot.Due, owner int64, now time.Time) error {
	current, err := r.mentorStore().MentorOf(ctx, owner)
	if err != nil || current == 0 || current == d.Target {
		return err
	}
	m, ok, err := r.menteeStore().Mentee(ctx, current, owner)
	if err != nil || !ok {
		return err
	}
	users, err := r.classStore().Users(ctx, []int64{current, owner})
	if err != nil {
		return err
	}
	if !users[current].Role.Allows(ikmbot.RoleMentor) || users[owner].Profile == nil {
		return nil
	}
	d.Target, d.Payload = current, ""
	return r.armPrompt(ctx, d, m, now)
}

// armPrompt handles an owner's timer: the prompt now and the re-prompt,
// or, for an owner not due yet, the timer moved to when they are.
func (r *Router) armPrompt(ctx context.Context, d ikmbot.Due, m ikmbot.Mentee, now time.Time) error {
	if d.Payload == "" {
		cadence, err := r.mentorStore().Cadence(ctx)
		if err != nil {
			return err
		}
		if due := m.Due(cadence); due.After(now.Add(mentorDueSlack)) {
			return r.certStore().Schedule(ctx, mentorPromptDue(m.OwnerID, d.Target, due))
		}
	}
	prompt := ikmbot.Due{Kind: DueMentorFollowUp, ID: strconv.FormatInt(m.OwnerID, 10) + ":" + strconv.FormatInt(d.At.Unix(), 10),
		Target: d.Target, Payload: d.Payload, At: now}
	return r.certStore().Schedule(ctx, prompt, mentorPromptDue(m.OwnerID, d.Target, now.Add(mentorReprompt)))
}

// mentorPrompt is the message prompting mentor about owner, with the
// buttons to log a follow-up, snooze, or ask staff for help; the snooze
// and help buttons carry why's code.
func mentorPrompt(mentor, owner ikmbot.User, w flows.PromptWhy) ikmbot.Message {
	lang := mentor.Lang()
	facts := flows.MenteeFacts{OwnerID: owner.ID, Business: owner.Profile.BusinessName, Region: regionName(owner.Profile.Region)}
	id, code := strconv.FormatInt(owner.ID, 10), flows.WhyCode(w.Code)
	return ikmbot.Message{ChatID: mentor.ID, Bulk: true, Text: flows.MentorPrompt(lang, facts, w),
		Buttons: [][]ikmbot.Button{
			{{Text: flows.T(lang, flows.BtnMfLog), Data: mentorData(actMfLog, id)}},
			{{Text: flows.T(lang, flows.BtnMfSnooze), Data: mentorData(actMfSnooze, id, code)},
				{Text: flows.T(lang, flows.BtnMfStaff), Data: mentorData(actMfStaff, id, code)}},
		}}
}

// FireMentorPrompt is the reminder engine's handler of DueMentorPrompt:
// the prompt about what the owner did, to d.Target when the owner is still
// their mentee, they still mentor and the bot may write to them, and the
// owner's profile is there. Anything else sends nothing and the item is
// dropped. The owner's level is not compared with the item's: the check
// is saved after its handler returns, so a tick in between would see the
// old one.
func (r *Router) FireMentorPrompt(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	parts := strings.SplitN(d.ID, ":", 3)
	var owner int64
	var err error
	if len(parts) == 3 {
		owner, err = strconv.ParseInt(parts[0], 10, 64)
	}
	var ev promptEvent
	if len(parts) != 3 || err != nil || owner <= 0 || d.Target == 0 || json.Unmarshal([]byte(d.Payload), &ev) != nil {
		r.log.Warn("malformed mentor prompt", "kind", d.Kind, "id", d.ID)
		return nil, nil
	}
	if _, ok, err := r.menteeStore().Mentee(ctx, d.Target, owner); err != nil || !ok {
		return nil, err
	}
	users, err := r.classStore().Users(ctx, []int64{d.Target, owner})
	if err != nil {
		return nil, err
	}
	mentor, ownerUser := users[d.Target], users[owner]
	if !mentor.Role.Allows(ikmbot.RoleMentor) || mentor.Unreachable || ownerUser.Profile == nil {
		return nil, nil
	}
	w := flows.PromptWhy{Code: flows.WhyCode(parts[1]), HelpID: ev.HelpID, Class: ev.Class, From: ev.From, To: ev.To}
	return []ikmbot.Message{mentorPrompt(mentor, ownerUser, w)}, nil
}

// promptMentors schedules a DueMentorPrompt item for the mentor of each
// of owners that has one, due now, about what the owners just did (why,
// ev); event tells one event of the owner's from another. Whether the
// mentor still mentors and may be written to is checked when it fires.
// What it cannot read or schedule is logged and prompts nobody: the
// owner's own action has succeeded and must not fail for it.
func (r *Router) promptMentors(ctx context.Context, owners []int64, why, event string, ev promptEvent) {
	if len(owners) == 0 {
		return
	}
	mentors, err := r.menteeStore().MentorsOf(ctx, owners)
	if err != nil {
		r.log.Error("find mentors to prompt", "why", why, "err", err)
		return
	}
	payload, err := json.Marshal(ev)
	if err != nil {
		r.log.Error("encode mentor prompt", "why", why, "err", err)
		return
	}
	now := r.cfg.Now().UTC()
	var dues []ikmbot.Due
	for _, o := range owners {
		if m, ok := mentors[o]; ok && m != 0 {
			dues = append(dues, ikmbot.Due{Kind: DueMentorPrompt, ID: strconv.FormatInt(o, 10) + ":" + why + ":" + event,
				Target: m, Payload: string(payload), At: now})
		}
	}
	if err := r.certStore().Schedule(ctx, dues...); err != nil {
		r.log.Error("schedule mentor prompts", "why", why, "err", err)
	}
}

// helpPrompt prompts the owner's mentor about the help request they just
// opened.
func (r *Router) helpPrompt(ctx context.Context, owner int64, helpID string) {
	r.promptMentors(ctx, []int64{owner}, flows.WhyHelp, helpID, promptEvent{HelpID: helpID})
}

// classPrompt prompts the mentors of the owners who just completed the
// class.
func (r *Router) classPrompt(ctx context.Context, owners []int64, cl ikmbot.Class) {
	r.promptMentors(ctx, owners, flows.WhyClass, cl.ID, promptEvent{Class: cl.Title})
}

// levelPrompt prompts the owner's mentor when a readiness check changed
// the owner's level (a first level included); an unchanged level prompts
// nobody.
func (r *Router) levelPrompt(ctx context.Context, owner int64, from, to ikmbot.Level) {
	if from == to || to == "" {
		return
	}
	event := strconv.FormatInt(r.cfg.Now().UnixMilli(), 10)
	r.promptMentors(ctx, []int64{owner}, flows.WhyLevel, event, promptEvent{From: from, To: to})
}
