package handlers

import (
	"context"
	"strconv"
	"strings"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// Prompts to mentors (issue 7). A mentor is prompted about an owner of
// theirs when the owner has gone a cadence without a follow-up (through
// the reminder engine), and at once when the owner opens a help request,
// completes a class or changes readiness level. Every prompt names the
// owner and why, with "Catat tindak lanjut", "Tunda 3 hari" and "Minta
// bantuan staf".
//
// The engine sends a due item's Key at most once in storage.SentTTL (40
// days), longer than a cadence. So the one item per owner that assigning,
// logging a follow-up and snoozing replace (mentorPromptDue, ID "<owner>")
// is never sent itself: it is the owner's timer. When it fires,
// FireMentorFollowUp schedules the prompt as an item of its own, ID
// "<owner>:<the timer's time, unix s>", due at once, which the engine
// sends once and forgets; and it sets the timer again for the re-prompt.
//
// Re-prompt policy: a prompt the mentor ignores comes again a week later
// (mentorReprompt), and weekly after that, as long as no follow-up is
// logged; logging one restarts the cadence, and snoozing moves the next
// prompt three days on. A timer that finds the owner not due (the clock
// restarted some other way, or staff lengthened the cadence) waits until
// they are, sending nothing.

// mentorReprompt is how long after a prompt the mentor is prompted again
// when nothing was logged.
const mentorReprompt = 7 * 24 * time.Hour

// mentorDueSlack lets a timer that fires a little before the owner is due
// (times are kept to the millisecond, the follow-up clock too) count as
// due.
const mentorDueSlack = time.Minute

// FireMentorFollowUp is the reminder engine's handler of
// DueMentorFollowUp. For an owner's timer (ID "<owner>") it sends nothing:
// when the owner is still d.Target's mentee and due (or the timer is a
// snooze, whose Payload is the snoozed prompt's flows.Why code) it
// schedules the prompt for now and the timer again for the re-prompt (see
// the notes at the top of this file). For a prompt (ID
// "<owner>:<timer's time>") it sends the mentor the message, unless the
// owner is no longer theirs or was followed up since the timer's time. An
// owner reassigned away, deleted, or a mentor who lost the role get
// nothing.
func (r *Router) FireMentorFollowUp(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	ownerText, stamp, isPrompt := strings.Cut(d.ID, ":")
	owner, err := strconv.ParseInt(ownerText, 10, 64)
	if err != nil || owner <= 0 || d.Target == 0 {
		r.log.Warn("malformed mentor prompt", "id", d.ID)
		return nil, nil
	}
	m, ok, err := r.menteeStore().Mentee(ctx, d.Target, owner)
	if err != nil || !ok {
		return nil, err
	}
	users, err := r.classStore().Users(ctx, []int64{d.Target, owner})
	if err != nil {
		return nil, err
	}
	mentor, ownerUser := users[d.Target], users[owner]
	if mentor.Role != ikmbot.RoleMentor || ownerUser.Profile == nil {
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

// promptMentors prompts the mentors of owners at once, for something the
// owners just did (w). Owners without a mentor, and mentors who lost the
// role or blocked the bot, get nothing. What it cannot read is logged and
// sends nothing: the owner's own action has succeeded and must not fail
// for it.
func (r *Router) promptMentors(ctx context.Context, owners []int64, w flows.PromptWhy) []ikmbot.Message {
	if len(owners) == 0 {
		return nil
	}
	mentors, err := r.menteeStore().MentorsOf(ctx, owners)
	if err != nil || len(mentors) == 0 {
		if err != nil {
			r.log.Error("find mentors to prompt", "why", w.Code, "err", err)
		}
		return nil
	}
	ids := make([]int64, 0, 2*len(mentors))
	for o, m := range mentors {
		ids = append(ids, o, m)
	}
	users, err := r.classStore().Users(ctx, ids)
	if err != nil {
		r.log.Error("load mentors to prompt", "why", w.Code, "err", err)
		return nil
	}
	var out []ikmbot.Message
	for _, o := range owners {
		m, ok := mentors[o]
		mentor, owner := users[m], users[o]
		if !ok || mentor.Role != ikmbot.RoleMentor || mentor.Unreachable || owner.Profile == nil {
			continue
		}
		owner.ID, mentor.ID = o, m
		out = append(out, mentorPrompt(mentor, owner, w))
	}
	return out
}

// helpPrompt prompts the owner's mentor about the help request they just
// opened.
func (r *Router) helpPrompt(ctx context.Context, owner int64, helpID string) []ikmbot.Message {
	return r.promptMentors(ctx, []int64{owner}, flows.PromptWhy{Code: flows.WhyHelp, HelpID: helpID})
}

// classPrompt prompts the mentors of the owners who just completed a
// class.
func (r *Router) classPrompt(ctx context.Context, owners []int64, title string) []ikmbot.Message {
	return r.promptMentors(ctx, owners, flows.PromptWhy{Code: flows.WhyClass, Class: title})
}

// levelPrompt prompts the owner's mentor when a readiness check changed
// the owner's level (a first level included); an unchanged level sends
// nothing.
func (r *Router) levelPrompt(ctx context.Context, owner int64, from, to ikmbot.Level) []ikmbot.Message {
	if from == to || to == "" {
		return nil
	}
	return r.promptMentors(ctx, []int64{owner}, flows.PromptWhy{Code: flows.WhyLevel, From: from, To: to})
}
