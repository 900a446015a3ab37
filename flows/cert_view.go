package flows

import (
	"strings"
	"time"

	"ikmbot"
)

// How certifications and help requests read in messages: the owner's
// /sertifikat page, expiry reminders, the monthly question about an
// application, and a help request for staff and for its owner. Pure
// functions, so every message shows a certificate the same way.

// ctMinLead is the fewest days before expiry a certificate is flagged:
// the 30-day reminder goes for every type, whatever its renewal lead.
const ctMinLead = 30

// CertList is the owner's certification page: each of types (those the
// owner's sector needs), by the short names their buttons carry, as held (✅ with number and validity, flagged when
// renewal is due or it has expired), being applied for (⏳) or missing
// (▫️, with where to get it), then the owner's other recorded
// certificates. Days count in WIB.
func CertList(lang string, types []ikmbot.CertType, certs []ikmbot.Certificate, now time.Time) string {
	byType := map[string]ikmbot.Certificate{}
	for _, c := range certs {
		if c.Status == ikmbot.CertHeld || c.Status == ikmbot.CertApplying {
			byType[c.Type] = c
		}
	}
	var blocks []string
	listed := map[string]bool{}
	for _, t := range types {
		listed[t.Code] = true
		c, ok := byType[t.Code]
		if !ok {
			block := T(lang, CtMissing, Escape(t.Short(lang)))
			if how := ctFirstSentence(t.How(lang)); how != "" {
				block += "\n" + T(lang, CtHowLine, Escape(how))
			}
			blocks = append(blocks, block)
			continue
		}
		blocks = append(blocks, ctEntry(lang, t, c, now))
	}
	var others []string
	for _, c := range certs {
		if _, ok := byType[c.Type]; !ok || listed[c.Type] {
			continue
		}
		listed[c.Type] = true
		t, ok := ikmbot.CertTypeByCode(c.Type)
		if !ok {
			t = ikmbot.CertType{Code: c.Type, ShortID: c.Type, ShortEN: c.Type} // gone from the catalog
		}
		others = append(others, ctEntry(lang, t, byType[c.Type], now))
	}
	text := T(lang, CtListTitle)
	if len(blocks) == 0 && len(others) == 0 {
		return text + "\n\n" + T(lang, CtListEmpty)
	}
	if len(blocks) > 0 {
		text += "\n\n" + strings.Join(blocks, "\n\n")
	}
	switch {
	case len(others) > 0 && len(blocks) > 0:
		text += "\n\n" + T(lang, CtOthers) + "\n\n" + strings.Join(others, "\n\n")
	case len(others) > 0:
		text += "\n\n" + strings.Join(others, "\n\n")
	}
	return text
}

// ctEntry shows one recorded certificate under its short name (the label
// of its button): a held one with its number, validity and a warning when
// renewal is due; one being applied for with since when.
func ctEntry(lang string, t ikmbot.CertType, c ikmbot.Certificate, now time.Time) string {
	name := Escape(t.Short(lang))
	if c.Status == ikmbot.CertApplying {
		if c.Since.IsZero() {
			return T(lang, CtApplying, name) + "\n" + T(lang, CtApplyingNoSince)
		}
		return T(lang, CtApplying, name) + "\n" + T(lang, CtApplyingSince, ctMonth(lang, c.Since))
	}
	var details []string
	if c.Number != "" {
		details = append(details, T(lang, CtNumber, Escape(c.Number)))
	}
	switch {
	case !c.Expires.IsZero():
		details = append(details, T(lang, CtValidUntil, ctExpiryDate(lang, c)))
	case t.ValidityYears > 0:
		details = append(details, T(lang, CtNoExpiryRecorded))
	}
	text := T(lang, CtHeld, name)
	if len(details) > 0 {
		text += "\n" + strings.Join(details, " · ")
	}
	if c.Expires.IsZero() {
		return text
	}
	switch left := ctDaysLeft(c, now); {
	case left < 0:
		text += "\n" + T(lang, CtExpired)
	case left == 0:
		text += "\n" + T(lang, CtExpiresToday)
	case left == 1:
		text += "\n" + T(lang, CtExpiresTomorrow)
	case left <= max(t.RenewLeadDays, ctMinLead):
		text += "\n" + T(lang, CtExpiresIn, left)
	}
	return text
}

// ctDaysLeft is how many days from today (in WIB) to the last valid day:
// 0 on that day, negative after it.
func ctDaysLeft(c ikmbot.Certificate, now time.Time) int {
	y, m, d := c.Expires.UTC().Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(sfDayOf(now)).Hours()) / 24
}

// ctExpiryDate shows the expiry, marked when it is the catalog's usual
// one rather than read off the certificate.
func ctExpiryDate(lang string, c ikmbot.Certificate) string {
	d := FormatDate(lang, c.Expires, time.UTC)
	if c.ExpiryGuessed {
		return T(lang, SfGuessShow, d)
	}
	return d
}

// ctMonth shows a day as its month: "Maret 2026".
func ctMonth(lang string, t time.Time) string {
	names := monthNames["id"]
	if lang == "en" {
		names = monthNames["en"]
	}
	t = t.UTC()
	return names[t.Month()-1] + " " + t.Format("2006")
}

// ctFirstSentence is the first sentence of a catalog text, on one line: a
// list shows where to start, the reminder the whole text.
func ctFirstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z' {
			return s[:i+1]
		}
	}
	return s
}

// CertReminderText reminds an owner that a certificate expires in
// daysLeft days (0: today; negative: it has): which one, when, and what to
// do to renew it.
func CertReminderText(lang string, t ikmbot.CertType, c ikmbot.Certificate, daysLeft int) string {
	name, day := Escape(t.Name(lang)), FormatDate(lang, c.Expires, time.UTC)
	var text string
	switch {
	case daysLeft < 0:
		text = T(lang, CtReminderExpired, name, day)
	case daysLeft == 0:
		text = T(lang, CtReminderToday, name, day)
	case daysLeft == 1:
		text = T(lang, CtReminderTomorrow, name, day)
	default:
		text = T(lang, CtReminderIn, name, day, daysLeft)
	}
	if c.Number != "" {
		text += "\n" + T(lang, CtNumber, Escape(c.Number))
	}
	if c.ExpiryGuessed {
		text += "\n\n" + T(lang, CtReminderGuessed)
	}
	if how := strings.TrimSpace(t.How(lang)); how != "" {
		text += "\n\n" + T(lang, CtReminderHow, Escape(how))
	}
	return text + "\n\n" + T(lang, CtReminderFooter)
}

// CertProcessQuestion asks an owner, once a month, whether a
// certification being applied for has been issued; the buttons are the
// caller's.
func CertProcessQuestion(lang string, t ikmbot.CertType, c ikmbot.Certificate) string {
	name := Escape(t.Name(lang))
	text := T(lang, CtProcessAsk, name)
	if !c.Since.IsZero() {
		text = T(lang, CtProcessAskSince, name, ctMonth(lang, c.Since))
	}
	return text + "\n\n" + T(lang, CtProcessHint)
}

// hbStatusNames name help request statuses for staff and owners.
var hbStatusNames = map[ikmbot.HelpStatus][2]Key{
	ikmbot.HelpOpen:   {HbStatusOpen, HbOwnerOpen},
	ikmbot.HelpTaken:  {HbStatusTaken, HbOwnerTaken},
	ikmbot.HelpClosed: {HbStatusClosed, HbOwnerClosed},
}

// hbKinds name the steps of a help request's history.
var hbKinds = map[string]Key{
	ikmbot.HelpStepOpened: HbKindOpened,
	ikmbot.HelpStepTaken:  HbKindTaken,
	ikmbot.HelpStepReply:  HbKindReply,
	ikmbot.HelpStepNote:   HbKindNote,
	ikmbot.HelpStepClosed: HbKindClosed,
}

// hbAboutName names what a request is about: a certification's name, or
// "general".
func hbAboutName(lang, certType string) string {
	if certType == "" {
		return T(lang, HbGeneral)
	}
	return sfShowType(lang, certType)
}

// HelpRequestView is a help request as staff see it: who asks (ownerName
// of business, in region), about what, when, the text, and its history
// with times in loc.
func HelpRequestView(lang string, r ikmbot.HelpRequest, ownerName, business, region string, loc *time.Location) string {
	status := string(r.Status)
	if k, ok := hbStatusNames[r.Status]; ok {
		status = T(lang, k[0])
	}
	lines := []string{T(lang, HbViewTitle, Escape(r.ID), status)}
	if region != "" {
		lines = append(lines, T(lang, HbViewFrom, Escape(ownerName), Escape(business), Escape(region)))
	} else {
		lines = append(lines, T(lang, HbViewFromNoRegion, Escape(ownerName), Escape(business)))
	}
	lines = append(lines,
		T(lang, HbViewAbout, Escape(hbAboutName(lang, r.CertType))),
		T(lang, HbViewAt, FormatDateTime(lang, r.CreatedAt, loc)),
		"",
		T(lang, HbViewText, Escape(r.Text)))
	if len(r.History) > 0 {
		lines = append(lines, "", T(lang, HbViewHistory))
		// The latest steps only, each cut short: a long exchange must
		// still fit one Telegram message (4,096 characters).
		history := r.History
		if len(history) > helpViewSteps {
			lines = append(lines, "…")
			history = history[len(history)-helpViewSteps:]
		}
		for _, s := range history {
			kind := s.Kind
			if k, ok := hbKinds[s.Kind]; ok {
				kind = T(lang, k)
			}
			at := FormatDateTime(lang, s.At, loc)
			if s.Text == "" || s.Kind == ikmbot.HelpStepOpened { // the opening text is shown above
				lines = append(lines, T(lang, HbHistoryLine, at, kind))
			} else {
				lines = append(lines, T(lang, HbHistoryLineText, at, kind, Escape(clip(s.Text, helpStepChars))))
			}
		}
	}
	return strings.Join(lines, "\n")
}

// Bounds that keep a help request's views within one message.
const (
	helpViewSteps = 6   // history steps shown to staff
	helpStepChars = 300 // characters of one step's text shown
)

// clip cuts s to at most n runes, marking the cut; it is applied before
// escaping, so no HTML entity is cut in half.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// HelpOwnerStatus is a help request as its owner sees it: what it is
// about, where it stands, their text and the last reply from staff, dated
// in WIB.
func HelpOwnerStatus(lang string, r ikmbot.HelpRequest) string {
	status := string(r.Status)
	if k, ok := hbStatusNames[r.Status]; ok {
		status = T(lang, k[1])
	}
	text := T(lang, HbOwnerTitle, Escape(r.ID), Escape(hbAboutName(lang, r.CertType))) + "\n" + status +
		"\n\n" + T(lang, HbOwnerText, Escape(clip(r.Text, helpStepChars)))
	for i := len(r.History) - 1; i >= 0; i-- {
		if s := r.History[i]; s.Kind == ikmbot.HelpStepReply && s.Text != "" {
			text += "\n\n" + T(lang, HbOwnerReply, FormatDate(lang, s.At, sfZone), Escape(clip(s.Text, helpStepChars)))
			break
		}
	}
	return text
}
