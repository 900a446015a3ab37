package flows

import (
	"strconv"
	"strings"

	"ikmbot"
)

// LeadRow is one open lead with how many owners match it now, for
// /pembeli.
type LeadRow struct {
	Lead  ikmbot.Lead
	Count ikmbot.LeadCount
}

// MaxLeadList is how many leads /pembeli lists: each one counts its
// matches among the owners of its sector, and a message holds 4096
// characters.
const MaxLeadList = 10

// LeadLinks are the callback data of the staff's lead buttons, which the
// handlers own.
type LeadLinks struct {
	View    func(id string) string // one lead's page
	Send    func(id string) string // send it to the owners it matches
	Forward func(id string) string // forward the interested to their mentors
	List    string                 // the open leads
	New     string                 // record another
	Closed  string                 // the leads closed lately
}

// LeadList is /pembeli: the open leads in rows (soonest deadline first,
// at most MaxLeadList of them; total is how many are open), each with its
// product, country, deadline in WIB and the owners matching now, and a
// button to each; then buttons to record another and to the closed
// leads. No leads is said kindly, with the same buttons.
func LeadList(lang string, rows []LeadRow, total int, links LeadLinks) (string, [][]ikmbot.Button) {
	var buttons [][]ikmbot.Button
	for i, r := range rows {
		label := strconv.Itoa(i+1) + ". " + ldCountryFlag(r.Lead.Country) + " " + ldShort(r.Lead.Product)
		buttons = append(buttons, []ikmbot.Button{{Text: label, Data: links.View(r.Lead.ID)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: T(lang, BtnLdNew), Data: links.New}},
		[]ikmbot.Button{{Text: T(lang, BtnLdClosed), Data: links.Closed}})
	if len(rows) == 0 {
		return T(lang, LdListEmpty), buttons
	}
	var b strings.Builder
	b.WriteString(T(lang, LdListTitle, total))
	for i, r := range rows {
		b.WriteString("\n\n" + strconv.Itoa(i+1) + ". " + ldItem(lang, r))
	}
	if more := total - len(rows); more > 0 {
		b.WriteString("\n\n" + T(lang, LdListMore, more))
	}
	return b.String(), buttons
}

// ldShortMax is how much of a product a button shows: a phone's button
// row holds about 30 characters.
const ldShortMax = 28

// ldShort cuts a product to fit a button, at a word where it can.
func ldShort(s string) string {
	r := []rune(s)
	if len(r) <= ldShortMax {
		return s
	}
	cut := string(r[:ldShortMax])
	if i := strings.LastIndexByte(cut, ' '); i > ldShortMax/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}

// ldCountryFlag is the country's flag, or its code when unknown.
func ldCountryFlag(iso2 string) string {
	if c, ok := ikmbot.CountryByCode(iso2); ok {
		return c.Flag()
	}
	return iso2
}

// ldItem is one lead in the list: product, country and deadline, then
// the owners matching now.
func ldItem(lang string, r LeadRow) string {
	l := r.Lead
	country := Escape(ldShowCountry(lang, l.Country))
	return T(lang, LdItem, Escape(l.Product), country, FormatDateTime(lang, l.Deadline, kbZone)) + "\n" +
		ldMatches(lang, r)
}

func ldMatches(lang string, r LeadRow) string {
	c, ok := ikmbot.CountryByCode(r.Lead.Country)
	name := r.Lead.Country
	if ok {
		name = c.Name(lang)
	}
	return T(lang, LdMatches, r.Count.Matches, r.Count.Reachable, r.Count.InTargets, Escape(name))
}

// LeadSaved is what staff see once a lead is saved: every answer as
// stored, the owners matching now, and buttons to send it to them (when
// any can be reached), to its page and to the open leads.
func LeadSaved(lang string, r LeadRow, links LeadLinks) (string, [][]ikmbot.Button) {
	l := r.Lead
	cert := T(lang, LdNoCert)
	if len(l.Certs) > 0 {
		names := make([]string, len(l.Certs))
		for i, code := range l.Certs {
			names[i] = ldShowCert(lang, code)
		}
		cert = strings.Join(names, ", ")
	}
	level := ldNone
	if l.MinLevel != "" {
		level = string(l.MinLevel)
	}
	fields := []struct {
		k Key
		v string
	}{
		{LdFieldProduct, l.Product},
		{LdFieldSector, showSector(lang, l.Sector)},
		{LdFieldCountry, ldShowCountry(lang, l.Country)},
		{LdFieldQuantity, l.Quantity},
		{LdFieldFrequency, l.Frequency},
		{LdFieldCert, cert},
		{LdFieldLevel, ldShowLevel(lang, level)},
		{LdFieldDeadline, FormatDateTime(lang, l.Deadline, kbZone)},
		{LdFieldContact, l.Contact},
	}
	var b strings.Builder
	b.WriteString(T(lang, LdSaved) + "\n")
	for _, f := range fields {
		b.WriteString("\n<b>" + T(lang, f.k) + "</b>: " + Escape(f.v))
	}
	b.WriteString("\n\n" + ldMatches(lang, r))
	var buttons [][]ikmbot.Button
	if r.Count.Reachable > 0 {
		buttons = append(buttons, []ikmbot.Button{{Text: T(lang, BtnLdSend, r.Count.Reachable), Data: links.Send(l.ID)}})
	}
	buttons = append(buttons, []ikmbot.Button{{Text: T(lang, BtnLdList), Data: links.List}})
	return b.String(), buttons
}
