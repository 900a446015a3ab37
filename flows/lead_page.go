package flows

import (
	"strconv"
	"strings"
	"time"

	"ikmbot"
)

// LeadOwner is an owner who answered a lead, as staff and mentors see
// them.
type LeadOwner struct {
	User ikmbot.User
	// Held are the certificates they hold now (CertStanding held), in
	// catalog order.
	Held []ikmbot.CertType
	// MentorID is their mentor's id, 0 for none, and Mentor the mentor's
	// name (empty when unknown).
	MentorID int64
	Mentor   string
	Answer   ikmbot.LeadAnswer
}

// LeadPage is one lead as staff see it under /pembeli.
type LeadPage struct {
	Lead  ikmbot.Lead
	Count ikmbot.LeadCount // owners matching now
	// Sent is the broadcast that carries it; nil before it is sent.
	Sent *ikmbot.Broadcast
	// CanSend offers the send button: open, nobody to send to is not
	// the case, and not sent (or its broadcast never went out).
	CanSend bool
	// Interested are the owners whose latest answer is yes, earliest
	// first; Declined counts those whose latest answer is no.
	Interested []LeadOwner
	Declined   int
	Now        time.Time
}

// MaxLeadOwnersShown is how many interested owners a lead's page lists
// at most, and ldTextBudget how long a lead's page or a mentor's message
// grows before the rest is only counted: a message holds 4096 characters
// and an owner's lines can take a few hundred.
const (
	MaxLeadOwnersShown = 25
	ldTextBudget       = 3500
)

// LeadDetail is a lead's page for staff: what the buyer wants, whether it
// is open, the owners matching now, how sending went, the answers, and
// the interested owners with their readiness, certificates and mentor.
// Its buttons send it (open, not sent, someone to send to), forward the
// interested to their mentors (someone interested has one) and go back.
func LeadDetail(lang string, p LeadPage, links LeadLinks) (string, [][]ikmbot.Button) {
	l := p.Lead
	var b strings.Builder
	b.WriteString(ldDescribe(lang, l))
	b.WriteString("\n" + Escape(T(lang, LdFieldContact)) + ": " + Escape(l.Contact))
	if l.Open(p.Now) {
		b.WriteString("\n\n" + ldMatches(lang, LeadRow{Lead: l, Count: p.Count}))
	} else {
		b.WriteString("\n\n" + T(lang, LdPageClosed, FormatDateTime(lang, ldClosedAt(l), kbZone)))
	}
	switch {
	case p.Sent != nil && p.Sent.Status == ikmbot.BroadcastPending:
		b.WriteString("\n" + T(lang, LdPagePending))
	case p.Sent != nil && p.Sent.Status == ikmbot.BroadcastRejected:
		b.WriteString("\n" + T(lang, LdPageRejected))
	case p.Sent != nil && p.Sent.Status != ikmbot.BroadcastDraft && p.Sent.Total > 0:
		s := p.Sent
		b.WriteString("\n" + T(lang, LdPageSent, FormatDateTime(lang, l.SentAt, kbZone), s.Total, s.Sent, s.Blocked, s.Failed))
	case l.Open(p.Now):
		b.WriteString("\n" + T(lang, LdPageNotSent))
	}
	b.WriteString("\n" + T(lang, LdPageAnswers, len(p.Interested), p.Declined))
	if len(p.Interested) > 0 {
		b.WriteString("\n\n" + T(lang, LdPageInterested))
		shown := 0
		for i, o := range p.Interested[:min(len(p.Interested), MaxLeadOwnersShown)] {
			line := "\n" + strconv.Itoa(i+1) + ". " + ldOwnerLines(lang, o, false)
			if b.Len()+len(line) > ldTextBudget {
				break
			}
			b.WriteString(line)
			shown++
		}
		if more := len(p.Interested) - shown; more > 0 {
			b.WriteString("\n" + T(lang, LdPageMore, more))
		}
	}
	var buttons [][]ikmbot.Button
	if p.CanSend {
		buttons = append(buttons, []ikmbot.Button{{Text: T(lang, BtnLdSend, p.Count.Reachable), Data: links.Send(l.ID)}})
	}
	for _, o := range p.Interested {
		if o.MentorID != 0 {
			buttons = append(buttons, []ikmbot.Button{{Text: T(lang, BtnLdForward), Data: links.Forward(l.ID)}})
			break
		}
	}
	buttons = append(buttons, []ikmbot.Button{{Text: T(lang, BtnLdList), Data: links.List}})
	return b.String(), buttons
}

// ldDescribe is what a lead asks for, in a few lines of HTML: the product
// in bold, then the country, quantity and frequency, what an owner needs
// and the deadline.
func ldDescribe(lang string, l ikmbot.Lead) string {
	var b strings.Builder
	b.WriteString("🤝 <b>" + Escape(l.Product) + "</b>")
	b.WriteString("\n" + Escape(ldShowCountry(lang, l.Country)) + " · " + Escape(l.Quantity) + " · " + Escape(l.Frequency))
	b.WriteString("\n" + T(lang, LdNeeds, ldNeeds(lang, l)))
	b.WriteString("\n" + T(lang, LdDeadlineLine, FormatDateTime(lang, l.Deadline, kbZone)))
	return b.String()
}

// ldNeeds lists what the buyer requires of an owner, escaped: the
// certifications by name and the lowest level, or that anyone of the
// sector qualifies.
func ldNeeds(lang string, l ikmbot.Lead) string {
	var parts []string
	for _, code := range l.Certs {
		parts = append(parts, Escape(ldShowCert(lang, code)))
	}
	if l.MinLevel != "" {
		parts = append(parts, T(lang, LdLevelOrAbove, Escape(kbShowLevel(lang, string(l.MinLevel)))))
	}
	if len(parts) == 0 {
		return T(lang, LdNeedsNothing, Escape(showSector(lang, l.Sector)))
	}
	return strings.Join(parts, " · ")
}

// ldOwnerLines is one interested owner for staff or, forMentor, their
// mentor: business and owner (for the mentor with the phone number, to
// call them), region and level, then certificates held and (for staff)
// mentor.
func ldOwnerLines(lang string, o LeadOwner, forMentor bool) string {
	var business, owner, region string
	if p := o.User.Profile; p != nil {
		business, owner, region = p.BusinessName, p.OwnerName, showRegion(lang, p.Region)
	}
	if business == "" {
		business = T(lang, LdOwnerNoName, o.User.ID)
	}
	level := T(lang, LdNotChecked)
	if o.User.Level != "" {
		level = kbShowLevel(lang, string(o.User.Level))
	}
	line := "<b>" + Escape(business) + "</b>"
	if owner != "" {
		line += " (" + Escape(owner) + ")"
	}
	if p := o.User.Profile; forMentor && p != nil && p.Phone != "" {
		line += " " + Escape(p.Phone)
	}
	line += " · " + Escape(region) + " · " + Escape(level)
	certs := T(lang, LdNoCertsHeld)
	if len(o.Held) > 0 {
		names := make([]string, len(o.Held))
		for i, t := range o.Held {
			names[i] = Escape(t.Short(lang))
		}
		certs = strings.Join(names, ", ")
	}
	if forMentor {
		return line + "\n   " + T(lang, LdCertsHeld, certs)
	}
	mentor := T(lang, LdNoMentor)
	switch {
	case o.MentorID != 0 && o.Mentor != "":
		mentor = T(lang, LdMentor, Escape(o.Mentor))
	case o.MentorID != 0:
		mentor = T(lang, LdMentorNoName)
	}
	return line + "\n   " + T(lang, LdCertsHeld, certs) + " · " + mentor
}

// LeadForMentor is what a mentor gets when staff forward a lead: the
// lead, and their mentees who are interested, with phone numbers so the
// mentor can help them prepare; as several messages when the mentees do
// not fit in one, each continuing the list.
func LeadForMentor(lang string, l ikmbot.Lead, mentees []LeadOwner) []string {
	head := T(lang, LdMentorTitle) + "\n\n" + ldDescribe(lang, l) +
		"\n" + Escape(T(lang, LdFieldContact)) + ": " + Escape(l.Contact) + "\n\n" + T(lang, LdMentorMentees)
	tail := "\n\n" + T(lang, LdMentorAsk)
	var out []string
	b := strings.Builder{}
	b.WriteString(head)
	for _, o := range mentees {
		line := "\n• " + ldOwnerLines(lang, o, true)
		if b.Len()+len(line)+len(tail) > ldTextBudget && b.Len() > len(head) {
			out = append(out, b.String())
			b.Reset()
			b.WriteString(T(lang, LdMentorMore))
		}
		b.WriteString(line)
	}
	b.WriteString(tail)
	return append(out, b.String())
}

// ldNamesShown is how many owners without a mentor LeadForwarded names.
const ldNamesShown = 20

// LeadForwarded tells staff how forwarding went: how many mentors got how
// many owners, the owners without a mentor by business name, and those
// forwarded before.
func LeadForwarded(lang string, mentors, owners, before int, without []string) string {
	var lines []string
	switch {
	case owners > 0:
		lines = append(lines, T(lang, LdForwarded, owners, mentors))
	case before > 0:
		lines = append(lines, T(lang, LdForwardedNone))
	}
	if before > 0 && owners > 0 {
		lines = append(lines, T(lang, LdForwardedBefore, before))
	}
	if len(without) > 0 {
		var names []string
		for _, n := range without[:min(len(without), ldNamesShown)] {
			names = append(names, Escape(n))
		}
		list := strings.Join(names, ", ")
		if more := len(without) - ldNamesShown; more > 0 {
			list += " " + T(lang, LdPageMore, more)
		}
		lines = append(lines, T(lang, LdForwardNoMentor, len(without), list))
	}
	if len(lines) == 0 {
		lines = append(lines, T(lang, LdForwardNobody))
	}
	return strings.Join(lines, "\n")
}

// LeadClosedForStaff tells the staff member who recorded a lead that it
// closed, with the answers it got, and a button (viewData) to its page.
func LeadClosedForStaff(lang string, l ikmbot.Lead, interested, declined int, viewData string) (string, [][]ikmbot.Button) {
	text := T(lang, LdClosedStaff, Escape(l.Product), Escape(ldShowCountry(lang, l.Country)), interested, declined)
	return text, [][]ikmbot.Button{{{Text: T(lang, BtnLdView), Data: viewData}}}
}

// ClosedLeadItem is one closed lead in /pembeli's closed list: product,
// country, when it closed and how many were interested, and a button to
// its page.
func ClosedLeadItem(lang string, l ikmbot.Lead, interested int, links LeadLinks) (string, []ikmbot.Button) {
	text := T(lang, LdClosedItem, Escape(l.Product), Escape(ldShowCountry(lang, l.Country)), FormatDate(lang, ldClosedAt(l), kbZone), interested)
	return text, []ikmbot.Button{{Text: "🔒 " + ldCountryFlag(l.Country) + " " + ldShort(l.Product), Data: links.View(l.ID)}}
}

// ldClosedAt is when a lead stopped taking answers: its deadline, or when
// it was closed if that came first. The engine closes it at the first
// tick after the deadline, or the morning after when that falls in quiet
// hours, but answers stopped at the deadline.
func ldClosedAt(l ikmbot.Lead) time.Time {
	if !l.ClosedAt.IsZero() && l.ClosedAt.Before(l.Deadline) {
		return l.ClosedAt
	}
	return l.Deadline
}

// LeadInterestForStaff tells the staff member who recorded a lead that an
// owner is interested: business, owner and region, and a button
// (viewData) to the lead's page with their certificates and mentor.
func LeadInterestForStaff(lang string, l ikmbot.Lead, p ikmbot.Profile, viewData string) (string, [][]ikmbot.Button) {
	text := T(lang, LdInterestStaff, Escape(p.BusinessName), Escape(p.OwnerName), Escape(showRegion(lang, p.Region)),
		Escape(l.Product), Escape(ldShowCountry(lang, l.Country)))
	return text, [][]ikmbot.Button{{{Text: T(lang, BtnLdView), Data: viewData}}}
}
