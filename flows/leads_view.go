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

// LeadList is /pembeli: the open leads in rows (soonest deadline first,
// at most MaxLeadList of them; total is how many are open), each with its
// product, country, deadline in WIB and the owners matching now, and a
// button with newData to record another. No leads is said kindly, with
// the same button.
func LeadList(lang string, rows []LeadRow, total int, newData string) (string, [][]ikmbot.Button) {
	buttons := [][]ikmbot.Button{{{Text: T(lang, BtnLdNew), Data: newData}}}
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
	return T(lang, LdMatches, r.Count.Matches, r.Count.InTargets, Escape(name))
}

// LeadSaved is what staff see once a lead is saved: every answer as
// stored, the owners matching now, and a button with listData to the
// open leads.
func LeadSaved(lang string, r LeadRow, listData string) (string, [][]ikmbot.Button) {
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
	return b.String(), [][]ikmbot.Button{{{Text: T(lang, BtnLdList), Data: listData}}}
}
