package flows

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"ikmbot"
)

// How the mentoring digests read: the weekly one a mentor gets about their
// owners, and the daily escalation that tells staff which mentors have
// owners overdue by twice the cadence. Pure functions of what the handlers
// counted.

// MdTopOwners is how many overdue owners a weekly digest names; the rest
// are counted.
const MdTopOwners = 10

// MdOwner is one owner named in a mentor's weekly digest.
type MdOwner struct {
	OwnerID int64
	// Business is the business name as the owner typed it (escaped here);
	// empty when the owner is gone.
	Business string
	// Region is the profile's region code; empty for none.
	Region string
	// Last is the last follow-up, or the assignment when there was none.
	Last time.Time
}

// MdMentor is one mentor in staff's escalation digest.
type MdMentor struct {
	ID int64
	// Name is the mentor's Telegram first name; empty when not known.
	Name string
	// Overdue counts their owners overdue by twice the cadence.
	Overdue int
}

// MentorDigest is a mentor's weekly digest at now: how many owners they
// mentor, how many of them (overdue) have gone longer than cadence without
// a follow-up, and top, the most overdue of those, most overdue first
// (MdTopOwners at most; any others are counted in a last line).
func MentorDigest(lang string, now time.Time, loc *time.Location, cadence time.Duration, mentees, overdue int, top []MdOwner) string {
	var b strings.Builder
	b.WriteString(T(lang, MdDigestTitle, mdDay(lang, now, loc)))
	b.WriteString("\n\n" + T(lang, MdDigestCounts, mentees, mdCadenceDays(cadence), overdue))
	if overdue == 0 {
		b.WriteString("\n\n" + T(lang, MdDigestAllOnTime))
		return b.String()
	}
	b.WriteString("\n\n" + T(lang, MdDigestTopTitle))
	for i, o := range top {
		name := Escape(o.Business)
		if name == "" {
			name = T(lang, MdDigestNoName, o.OwnerID)
		}
		days, since := mdDays(lang, mdDaysSince(o.Last, now, loc)), FormatDate(lang, o.Last, loc)
		if r, ok := ikmbot.RegionByCode(o.Region); ok {
			b.WriteString("\n" + T(lang, MdDigestLineRegion, i+1, name, Escape(r.Name), days, since))
		} else {
			b.WriteString("\n" + T(lang, MdDigestLine, i+1, name, days, since))
		}
	}
	if more := overdue - len(top); more > 0 {
		b.WriteString("\n" + T(lang, MdDigestMore, more))
	}
	b.WriteString("\n\n" + T(lang, MdDigestHint))
	return b.String()
}

// MentorEscalation is staff's daily digest at now: per mentor, how many
// of their owners have gone without a follow-up for more than twice
// cadence, the most first, and the total. Mentors with none are left
// out; the handlers send nothing when no mentor is left.
func MentorEscalation(lang string, now time.Time, loc *time.Location, cadence time.Duration, mentors []MdMentor) string {
	type row struct {
		name    string
		id      int64
		overdue int
	}
	var rows []row
	for _, m := range mentors {
		if m.Overdue <= 0 {
			continue
		}
		name := Escape(m.Name)
		if name == "" {
			name = T(lang, MdEscUnnamed, m.ID)
		}
		rows = append(rows, row{name, m.ID, m.Overdue})
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.overdue, a.overdue), strings.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
	})
	days := mdCadenceDays(cadence)
	var b strings.Builder
	b.WriteString(T(lang, MdEscTitle, mdDay(lang, now, loc)))
	b.WriteString("\n\n" + T(lang, MdEscIntro, 2*days, days))
	total := 0
	for _, r := range rows {
		b.WriteString("\n" + T(lang, MdEscLine, r.name, r.overdue))
		total += r.overdue
	}
	b.WriteString("\n\n" + T(lang, MdEscTotal, total, len(rows)))
	b.WriteString("\n" + T(lang, MdEscHint))
	return b.String()
}

// mdDay is the digest's day: "Senin, 30 November 2026".
func mdDay(lang string, now time.Time, loc *time.Location) string {
	return Weekday(lang, now.In(loc)) + ", " + FormatDate(lang, now, loc)
}

// mdDays says a number of days: "1 day", "20 days".
func mdDays(lang string, n int) string {
	if n == 1 {
		return T(lang, MdOneDay)
	}
	return T(lang, MdDays, n)
}

// mdCadenceDays is the cadence in whole days, as staff set it.
func mdCadenceDays(cadence time.Duration) int { return int(cadence / (24 * time.Hour)) }

// mdDaysSince counts the calendar days in loc from last to now: a
// follow-up yesterday evening was a day ago this morning.
func mdDaysSince(last, now time.Time, loc *time.Location) int {
	day := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return int(day(now).Sub(day(last)) / (24 * time.Hour))
}
