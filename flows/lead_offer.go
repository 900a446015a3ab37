package flows

import (
	"slices"
	"strings"

	"ikmbot"
)

// OwnerLeadLinks are the callback data of the owners' lead buttons, which
// the handlers own.
type OwnerLeadLinks struct {
	View func(id string) string // the lead's offer
	Yes  func(id string) string // "Tertarik"
	No   func(id string) string // "Tidak"
}

// LeadOffer is a lead as an owner who qualifies sees it: what the buyer
// wants, what it asks, the deadline and how to reach the buyer through
// the office, with Tertarik / Tidak buttons. answer is their latest
// answer, nil before they gave one; the button of the answer they gave
// is marked. The same text, in Indonesian and without an answer, is the
// message a lead's broadcast carries.
func LeadOffer(lang string, l ikmbot.Lead, answer *ikmbot.LeadAnswer, links OwnerLeadLinks) (string, [][]ikmbot.Button) {
	var b strings.Builder
	b.WriteString(T(lang, LdOfferTitle) + "\n\n" + ldDescribe(lang, l))
	b.WriteString("\n\n" + T(lang, LdOfferWhy))
	if answer != nil {
		k := LdOfferSaidNo
		if answer.Interested {
			k = LdOfferSaidYes
		}
		b.WriteString("\n\n" + T(lang, k, FormatDateTime(lang, answer.At, kbZone)))
	} else {
		b.WriteString("\n\n" + T(lang, LdOfferAsk))
	}
	yes, no := T(lang, BtnLdYes), T(lang, BtnLdNo)
	if answer != nil && answer.Interested {
		yes = "✅ " + yes
	} else if answer != nil {
		no = "✅ " + no
	}
	return b.String(), [][]ikmbot.Button{{{Text: yes, Data: links.Yes(l.ID)}, {Text: no, Data: links.No(l.ID)}}}
}

// LeadAnswered is what an owner reads after answering a lead: thanks, and
// what happens next; the answer can change until the deadline.
func LeadAnswered(lang string, l ikmbot.Lead, interested bool) string {
	deadline := FormatDateTime(lang, l.Deadline, kbZone)
	if interested {
		return T(lang, LdAnsweredYes, Escape(l.Contact), deadline)
	}
	return T(lang, LdAnsweredNo, deadline)
}

// LeadClosedForOwner tells an owner who was interested that the lead
// closed, and that the office follows up with those interested.
func LeadClosedForOwner(lang string, l ikmbot.Lead) string {
	return T(lang, LdClosedOwner, Escape(l.Product), Escape(ldShowCountry(lang, l.Country)), Escape(l.Contact))
}

// LeadGap is an open lead of the owner's sector they do not qualify for,
// with what they lack (ikmbot.LeadMatches' missing).
type LeadGap struct {
	Lead    ikmbot.Lead
	Missing []string
}

// OwnerLeads are the open leads an owner sees under /pasar: those they
// qualify for, with their answers by lead id, and the gaps of the others
// of their sector.
type OwnerLeads struct {
	Matching []ikmbot.Lead
	Answers  map[string]ikmbot.LeadAnswer
	Gaps     []LeadGap
}

// OwnerLeadsSection is /pasar's part about buyers, to put above the
// countries: each lead the owner qualifies for as a line and a button to
// its offer (with their answer, if any), then one line for the leads
// they do not qualify for, saying how many there are and what would
// qualify them, never what they are. Empty when there are neither.
func OwnerLeadsSection(lang string, o OwnerLeads, links OwnerLeadLinks) (string, [][]ikmbot.Button) {
	var b strings.Builder
	var buttons [][]ikmbot.Button
	if len(o.Matching) > 0 {
		b.WriteString(T(lang, LdOwnerTitle, len(o.Matching)))
		for _, l := range o.Matching {
			mark := ""
			if a, ok := o.Answers[l.ID]; ok {
				mark = " " + T(lang, LdOwnerSaidNo)
				if a.Interested {
					mark = " " + T(lang, LdOwnerSaidYes)
				}
			}
			b.WriteString("\n• <b>" + Escape(l.Product) + "</b>, " + Escape(ldShowCountry(lang, l.Country)) + ", " +
				T(lang, LdOwnerUntil, FormatDate(lang, l.Deadline, kbZone)) + mark)
			buttons = append(buttons, []ikmbot.Button{{Text: "🤝 " + ldCountryFlag(l.Country) + " " + ldShort(l.Product), Data: links.View(l.ID)}})
		}
	}
	if len(o.Gaps) > 0 {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(T(lang, LdOwnerGaps, len(o.Gaps), ldWouldQualify(lang, o.Gaps)))
	}
	return b.String(), buttons
}

// ldWouldQualify names, escaped, what would qualify an owner for the
// leads they miss: each certification any of them requires and the owner
// lacks, in the order first met, and the lowest of the levels they fall
// short of.
func ldWouldQualify(lang string, gaps []LeadGap) string {
	var certs []string
	var level ikmbot.Level
	for _, g := range gaps {
		for _, m := range g.Missing {
			switch {
			case m == ikmbot.LeadNeedLevel:
				if level == "" || level.Above(g.Lead.MinLevel) {
					level = g.Lead.MinLevel
				}
			case m == ikmbot.LeadNeedProfile || m == ikmbot.LeadNeedSector:
			case !slices.Contains(certs, m):
				certs = append(certs, m)
			}
		}
	}
	var parts []string
	for _, code := range certs {
		parts = append(parts, Escape(ldShowCert(lang, code)))
	}
	if level != "" {
		parts = append(parts, T(lang, LdLevelOrAbove, Escape(kbShowLevel(lang, string(level)))))
	}
	return strings.Join(parts, ", ")
}

// LeadNotQualified tells an owner who taps a lead they no longer qualify
// for (a certificate expired, an old message) what would qualify them.
func LeadNotQualified(lang string, l ikmbot.Lead, missing []string) string {
	return T(lang, LdNotQualified, ldWouldQualify(lang, []LeadGap{{Lead: l, Missing: missing}}))
}
