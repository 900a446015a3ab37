package flows

import (
	"slices"
	"strings"
	"time"

	"ikmbot"
)

// How a mentor sees their owners: the /binaan list, an owner's card and
// the prompts to follow one up. Pure functions of what the handler read,
// so the list, the card and the prompts say things the same way. Phone
// numbers are never shown: owners share theirs with a mentor themselves.

// MenteeFacts is what a mentor's list and card show of one owner.
type MenteeFacts struct {
	OwnerID  int64
	Business string // business name, as typed; escaped when shown
	Owner    string // owner's name, as typed
	Region   string // kabupaten/kota name
	Level    ikmbot.Level
	// OpenHelp are the ids of the owner's help requests not closed.
	OpenHelp []string
	// Applying are the certificates the owner is applying for.
	Applying []ikmbot.Certificate
	// Classes are the titles of the ongoing classes the owner has a seat in.
	Classes []string
	// Last is the last follow-up, or the assignment when there was none;
	// Due is when the next one is due.
	Last, Due time.Time
}

// MenteePage is one page of a mentor's list.
type MenteePage struct {
	Mentees []MenteeFacts
	// First is the number of the page's first owner on the whole list,
	// from 1.
	First int
	// Total and Overdue count the mentor's owners, all of them and those
	// past due.
	Total, Overdue int
	// Page (from 1) and Pages say where the page is.
	Page, Pages int
}

// MenteeList is the text of a page of a mentor's list: a heading with the
// counts, then per owner their business, kabupaten/kota, level, open help
// requests, certificates in process, current classes and the last
// follow-up, flagged when overdue. An empty list says who will fill it.
func MenteeList(lang string, p MenteePage, now time.Time, loc *time.Location) string {
	if p.Total == 0 {
		return T(lang, MfListEmpty)
	}
	var b strings.Builder
	b.WriteString(T(lang, MfListTitle, p.Total, p.Overdue))
	if p.Pages > 1 {
		b.WriteString("\n" + T(lang, MfListPage, p.Page, p.Pages))
	}
	for i, m := range p.Mentees {
		b.WriteString("\n\n" + T(lang, MfLine, p.First+i, Escape(m.Business), Escape(m.Region)))
		b.WriteString("\n" + T(lang, MfLineFacts, mfLevel(lang, m.Level), len(m.OpenHelp), len(m.Applying), len(m.Classes)))
		b.WriteString("\n" + mfWhen(lang, m, now, loc))
	}
	b.WriteString("\n\n" + T(lang, MfListLegend))
	return b.String()
}

// MenteeButton is the label of the button that opens the n-th owner's
// card. Telegram shows labels as typed: nothing is escaped.
func MenteeButton(lang string, n int, m MenteeFacts) string {
	return T(lang, BtnMfOwner, n, m.Business)
}

// MenteeCard is an owner's card for mentor, their mentor: the list's
// facts in full (which requests, certificates and classes), the last
// follow-up, and the latest entries of history (the newest last, as
// storage keeps it): up to shown of them, newest first. Follow-ups are
// shown whichever mentor logged them: they are the owner's progress, and
// a mentor taking an owner over needs them. Messages relayed between the
// owner and a mentor are shown only when that mentor is mentor: what the
// owner wrote to a previous mentor is theirs, not the next one's. Kinds
// this build does not know are left out.
func MenteeCard(lang string, m MenteeFacts, mentor int64, history []ikmbot.FollowUp, shown int, now time.Time, loc *time.Location) string {
	lines := []string{
		T(lang, MfCardTitle, Escape(m.Business), Escape(m.Region)),
		T(lang, MfCardOwner, Escape(m.Owner)),
		T(lang, MfCardLevel, mfLevel(lang, m.Level)),
	}
	var help []string
	for _, id := range m.OpenHelp {
		help = append(help, "#"+Escape(id))
	}
	var certs []string
	for _, c := range m.Applying {
		certs = append(certs, Escape(certName(lang, c.Type)))
	}
	var classes []string
	for _, title := range m.Classes {
		classes = append(classes, Escape(title))
	}
	lines = append(lines,
		T(lang, MfCardHelp, mfJoin(lang, help)),
		T(lang, MfCardCerts, mfJoin(lang, certs)),
		T(lang, MfCardClasses, mfJoin(lang, classes)),
		mfWhen(lang, m, now, loc),
		"",
		T(lang, MfHistoryTitle))
	n := 0
	for i := len(history) - 1; i >= 0 && n < shown; i-- {
		f := history[i]
		relayed := f.Kind == ikmbot.FollowMessageFromOwner || f.Kind == ikmbot.FollowMessageFromMentor
		if (relayed && f.MentorID != mentor) || (!relayed && !slices.Contains(ikmbot.FollowUpKinds, f.Kind)) {
			continue
		}
		line := T(lang, MfHistoryLine, FormatDate(lang, f.At, loc), Escape(FollowUpKindName(lang, string(f.Kind))))
		if f.Note != "" {
			line += ": " + Escape(f.Note)
		}
		lines = append(lines, line)
		n++
	}
	if n == 0 {
		lines = append(lines, T(lang, MfHistoryEmpty))
	}
	return strings.Join(lines, "\n")
}

// Why a mentor is prompted, as PromptWhy.Code and in the prompt buttons'
// callback data.
const (
	WhyDue   = "d" // no follow-up for the cadence
	WhyHelp  = "h" // the owner opened a help request
	WhyClass = "c" // the owner completed a class
	WhyLevel = "l" // the owner's readiness level changed
)

// PromptWhy is why a mentor is prompted about an owner, with what the
// prompt says of it. A prompt sent again later (snoozed, or a button's
// callback data) has only Code, and reads in general terms.
type PromptWhy struct {
	Code string // one of the Why constants; anything else reads as WhyDue
	// Days is how long the owner has gone without a follow-up (WhyDue).
	Days int
	// HelpID is the help request opened (WhyHelp).
	HelpID string
	// Class is the title of the class completed (WhyClass).
	Class string
	// From and To are the levels before and after (WhyLevel); From is
	// empty after a first check.
	From, To ikmbot.Level
	// Snoozed marks a prompt the mentor put off.
	Snoozed bool
}

// WhyCode returns code when it is one of the Why constants, else WhyDue:
// codes come back in callback data and may be forged.
func WhyCode(code string) string {
	switch code {
	case WhyHelp, WhyClass, WhyLevel:
		return code
	}
	return WhyDue
}

// PromptReason says in one sentence why a mentor is prompted.
func PromptReason(lang string, w PromptWhy) string {
	switch WhyCode(w.Code) {
	case WhyHelp:
		if w.HelpID != "" {
			return T(lang, MfWhyHelp, Escape(w.HelpID))
		}
		return T(lang, MfWhyHelpAny)
	case WhyClass:
		if w.Class != "" {
			return T(lang, MfWhyClass, Escape(w.Class))
		}
		return T(lang, MfWhyClassAny)
	case WhyLevel:
		switch {
		case w.To != "" && w.From != "":
			return T(lang, MfWhyLevel, mfLevel(lang, w.From), mfLevel(lang, w.To))
		case w.To != "":
			return T(lang, MfWhyLevelFirst, mfLevel(lang, w.To))
		}
		return T(lang, MfWhyLevelAny)
	}
	return T(lang, MfWhyDue, w.Days)
}

// MentorPrompt is the message prompting a mentor to follow an owner up:
// which owner (business and kabupaten/kota), and why.
func MentorPrompt(lang string, m MenteeFacts, w PromptWhy) string {
	title := T(lang, MfPromptTitle)
	if w.Snoozed {
		title = T(lang, MfPromptSnoozed)
	}
	return title + "\n" + T(lang, MfCardTitle, Escape(m.Business), Escape(m.Region)) + "\n" + PromptReason(lang, w)
}

// mfWhen is the last follow-up's date and where the next stands: overdue
// by whole days, due today, or due on a date.
func mfWhen(lang string, m MenteeFacts, now time.Time, loc *time.Location) string {
	text := T(lang, MfLast, FormatDate(lang, m.Last, loc)) + " · "
	switch days := int(now.Sub(m.Due) / (24 * time.Hour)); {
	case now.Before(m.Due):
		return text + T(lang, MfNextDue, FormatDate(lang, m.Due, loc))
	case days == 0:
		return text + T(lang, MfDueToday)
	default:
		return text + T(lang, MfOverdue, days)
	}
}

// mfLevel names a readiness level, or says there is none yet.
func mfLevel(lang string, l ikmbot.Level) string {
	if l == "" {
		return T(lang, MfNoLevel)
	}
	if name := LevelName(lang, ikmbot.Readiness(), l); name != "" {
		return name
	}
	return Escape(string(l))
}

// mfJoin lists escaped items, or says there are none.
func mfJoin(lang string, items []string) string {
	if len(items) == 0 {
		return T(lang, MfNone)
	}
	return strings.Join(items, ", ")
}

// certName is a certification's short name in lang, or its code when the
// catalog no longer has it.
func certName(lang, code string) string {
	if t, ok := ikmbot.CertTypeByCode(code); ok {
		return t.Short(lang)
	}
	return code
}
