package flows

import (
	"fmt"
	"strings"
	"time"

	"ikmbot"
)

// How classes read in messages: owners' lists and class pages, reminders
// and the staff's roster. Pure functions of the class, so every message
// about a class shows its schedule the same way.

// MeetingWhen shows when a meeting takes place, in loc: "Senin, 17 Agustus
// 2026, 09.00–11.00 WIB".
func MeetingWhen(lang string, m ikmbot.Meeting, loc *time.Location) string {
	start, end := m.Start.In(loc), m.End().In(loc)
	clock := "15.04"
	if lang == "en" {
		clock = "15:04"
	}
	day := Weekday(lang, start) + ", " + FormatDate(lang, start, loc)
	return T(lang, KlTimeRange, day, start.Format(clock), end.Format(clock), start.Format("MST"))
}

// MeetingLines lists a class's meetings, numbered, with time and place.
func MeetingLines(lang string, c ikmbot.Class, loc *time.Location) string {
	lines := make([]string, len(c.Meetings))
	for i, m := range c.Meetings {
		lines[i] = T(lang, KlMeetingLine, i+1, MeetingWhen(lang, m, loc), Escape(m.Place))
	}
	return strings.Join(lines, "\n")
}

// ClassDetails is a class's page for owners: title, level, stage, seats
// and schedule, with the staff's note.
func ClassDetails(lang string, c ikmbot.Class, seatsTaken int, loc *time.Location) string {
	text := T(lang, KlDetails, Escape(c.Title), LevelName(lang, ikmbot.Readiness(), c.Level), c.Stage, c.Year,
		c.Capacity, max(0, c.Capacity-seatsTaken), MeetingLines(lang, c, loc))
	if c.Note != "" {
		text += "\n\n" + T(lang, KlNote, Escape(c.Note))
	}
	return text
}

// ClassButton labels a class in an owner's list: title and seats left.
// Buttons are plain text, so nothing is escaped.
func ClassButton(lang string, c ikmbot.Class, seatsTaken int) string {
	if left := c.Capacity - seatsTaken; left > 0 {
		return T(lang, KlButtonSeats, c.Title, left)
	}
	return T(lang, KlButtonFull, c.Title)
}

// StatusName is a class status in lang.
func StatusName(lang string, s ikmbot.ClassStatus) string {
	switch s {
	case ikmbot.ClassClosed:
		return T(lang, KlStatusClosed)
	case ikmbot.ClassCancelled:
		return T(lang, KlStatusCancelled)
	case ikmbot.ClassFinished:
		return T(lang, KlStatusFinished)
	}
	return T(lang, KlStatusOpen)
}

// TimeUntil says how far off a meeting is, as a reminder's heading does:
// "7 hari lagi", "besok", "2 jam lagi". Whole days count from 20 hours on,
// so a reminder sent a day ahead says "besok" even when it was held back
// a few hours by quiet hours.
func TimeUntil(lang string, d time.Duration) string {
	switch {
	case d >= 36*time.Hour:
		return T(lang, KlInDays, int((d+12*time.Hour)/(24*time.Hour)))
	case d >= 20*time.Hour:
		return T(lang, KlTomorrow)
	case d >= 90*time.Minute:
		return T(lang, KlInHours, int((d+30*time.Minute)/time.Hour))
	}
	return T(lang, KlInMinutes, max(1, int(d/time.Minute)))
}

// ClassReminder is the reminder of meeting i (from 0) of c, sent at now,
// with the staff's note (what to bring, say) when there is one.
func ClassReminder(lang string, c ikmbot.Class, i int, now time.Time, loc *time.Location) string {
	m := c.Meetings[i]
	text := T(lang, KlReminder, TimeUntil(lang, m.Start.Sub(now)), Escape(c.Title), i+1, len(c.Meetings),
		MeetingWhen(lang, m, loc), Escape(m.Place))
	if c.Note != "" {
		text += "\n\n" + T(lang, KlNote, Escape(c.Note))
	}
	return text + "\n\n" + T(lang, KlReminderAsk)
}

// RosterEntry is one owner as the staff's roster shows them.
type RosterEntry struct {
	Business, Owner, Phone string // empty when the owner deleted their data
	Answers                []ikmbot.Answer
}

// RosterLines lists participants for staff, with their reminder answers
// per meeting as ✅ ❌ ▫️.
func RosterLines(lang string, entries []RosterEntry) string {
	if len(entries) == 0 {
		return T(lang, KlRosterEmpty)
	}
	lines := make([]string, len(entries))
	for i, e := range entries {
		if e.Business == "" && e.Owner == "" {
			lines[i] = fmt.Sprintf("%d. %s", i+1, T(lang, KlRosterGone))
			continue
		}
		lines[i] = T(lang, KlRosterLine, i+1, Escape(e.Business), Escape(e.Owner), Escape(e.Phone), AnswerMarks(e.Answers))
	}
	return strings.Join(lines, "\n")
}

// AnswerMarks shows reminder answers (or attendance) as one mark per
// meeting.
func AnswerMarks(answers []ikmbot.Answer) string {
	var b strings.Builder
	for _, a := range answers {
		switch a {
		case ikmbot.AnswerComing:
			b.WriteString("✅")
		case ikmbot.AnswerNotComing:
			b.WriteString("❌")
		default:
			b.WriteString("▫️")
		}
	}
	return b.String()
}
