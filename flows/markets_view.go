package flows

import (
	"slices"
	"strings"

	"ikmbot"
)

// How /pasar reads: the destination countries of the owner's sector as
// buttons, and one country's checklist. Pure functions of the profile,
// the target countries and the checklist (ikmbot.MarketChecklist); the
// buttons' callback data comes from the handlers, which own it.

// MarketLinks are the callback data of the buttons of /pasar's pages.
type MarketLinks struct {
	Country func(iso2 string) string // a country's checklist
	Target  func(iso2 string) string // mark or unmark it as a target
	List    string                   // the list of countries
	AddCert string                   // record a certificate (/sertifikat's conversation)
	Help    string                   // ask the office for help
}

// marketColumns is how many country buttons share a row: two names with
// flags still read whole on a small phone.
const marketColumns = 2

// MarketList is /pasar's first page: the usual destination countries of
// the owner's sector (the province's top destinations when the data names
// none for it), the owner's targets first marked with a star, then each
// country as a button; targets the list does not name (the owner changed
// sector since) are added at its end.
func MarketList(lang string, p ikmbot.Profile, targets []string, links MarketLinks) (string, [][]ikmbot.Button) {
	markets, ofSector := ikmbot.SectorMarkets(p.Sector)
	intro := PmIntroProvince
	if ofSector {
		intro = PmIntroSector
	}
	lines := []string{T(lang, PmTitle), "", T(lang, intro, Escape(pmSectorName(lang, p))), T(lang, PmSourceNote), ""}
	if len(targets) > 0 {
		lines = append(lines, T(lang, PmTargets, pmCountryNames(lang, targets)))
	} else {
		lines = append(lines, T(lang, PmNoTargets, ikmbot.MaxTargetMarkets))
	}
	for _, code := range targets {
		if c, ok := ikmbot.CountryByCode(code); ok && !slices.Contains(markets, c) {
			markets = append(markets, c)
		}
	}
	var rows [][]ikmbot.Button
	var row []ikmbot.Button
	for _, c := range markets {
		label := countryLabel(lang, c)
		if slices.Contains(targets, c.ISO2) {
			label = T(lang, BtnPmCountryTgt, c.Flag(), c.Name(lang))
		}
		row = append(row, ikmbot.Button{Text: label, Data: links.Country(c.ISO2)})
		if len(row) == marketColumns {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return strings.Join(lines, "\n"), rows
}

// MarketPage is one country's checklist for the owner: for each item of
// items (ikmbot.MarketChecklist, grouped as it groups them) whether they
// hold it (✅), are applying (⏳), lack it (⬜, with the first step to get
// it) or prepare it per shipment (📄), how many of the core and
// country-specific ones they hold, and whether the country is one of
// their targets. The buttons mark or unmark it, record a certificate, ask
// for help and go back to the list.
func MarketPage(lang string, p ikmbot.Profile, c ikmbot.Country, items []ikmbot.ChecklistItem, targeted bool, links MarketLinks) (string, [][]ikmbot.Button) {
	name := Escape(c.Name(lang))
	lines := []string{T(lang, PmCountryTitle, c.Flag(), name)}
	if len(items) == 0 {
		lines = append(lines, "", T(lang, PmNoSector))
	} else {
		lines = append(lines, T(lang, PmCountryIntro, Escape(pmSectorName(lang, p)), name))
		groups := []struct {
			group ikmbot.ChecklistGroup
			title string
		}{
			{ikmbot.GroupCore, T(lang, PmGroupCore)},
			{ikmbot.GroupMarket, T(lang, PmGroupMarket, name)},
			{ikmbot.GroupPacked, T(lang, PmGroupPacked)},
		}
		held, needed := 0, 0
		for _, g := range groups {
			var block []string
			for _, it := range items {
				if it.Group != g.group {
					continue
				}
				block = append(block, pmItem(lang, it)...)
				if g.group != ikmbot.GroupPacked && it.Status != ikmbot.ChecklistShipment {
					needed++
					if it.Status == ikmbot.ChecklistHeld {
						held++
					}
				}
			}
			switch {
			case len(block) == 0 && g.group == ikmbot.GroupMarket:
				lines = append(lines, "", T(lang, PmGroupNoRules, name))
			case len(block) == 0:
			default:
				lines = append(lines, "", g.title)
				if g.group == ikmbot.GroupPacked && pmBoth(items, "SPP_IRT", "BPOM_MD") {
					lines = append(lines, T(lang, PmPackedEither))
				}
				lines = append(lines, block...)
			}
		}
		if needed > 0 {
			lines = append(lines, "", T(lang, PmScore, held, needed))
		}
	}
	if targeted {
		lines = append(lines, T(lang, PmIsTarget))
	}
	if len(items) > 0 {
		lines = append(lines, T(lang, PmRecordHint))
	}
	toggle := ikmbot.Button{Text: T(lang, BtnPmTarget), Data: links.Target(c.ISO2)}
	if targeted {
		toggle.Text = T(lang, BtnPmUntarget)
	}
	rows := [][]ikmbot.Button{
		{toggle},
		{{Text: T(lang, BtnCdAdd), Data: links.AddCert}, {Text: T(lang, BtnCdHelp), Data: links.Help}},
		{{Text: T(lang, BtnPmOthers), Data: links.List}},
	}
	return strings.Join(lines, "\n"), rows
}

// MarketLimit explains, kindly, why a fourth target country was not
// added: which ones the owner has, and how to swap one for iso2.
func MarketLimit(lang string, targets []string, iso2 string) string {
	name := iso2
	if c, ok := ikmbot.CountryByCode(iso2); ok {
		name = c.Name(lang)
	}
	return T(lang, PmLimit, len(targets), pmCountryNames(lang, targets), ikmbot.MaxTargetMarkets, T(lang, BtnPmUntarget), Escape(name))
}

// pmItem is one checklist line, and the next step for what is missing or
// prepared per shipment: the first sentence of the catalog's how text, as
// /sertifikat shows it.
func pmItem(lang string, it ikmbot.ChecklistItem) []string {
	short := Escape(it.Type.Short(lang))
	var line string
	switch {
	case it.Status == ikmbot.ChecklistHeld:
		return []string{T(lang, PmHeld, short)}
	case it.Status == ikmbot.ChecklistApplying:
		return []string{T(lang, PmApplying, short)}
	case it.Status == ikmbot.ChecklistShipment:
		line = T(lang, PmShipment, short)
	case it.Expired:
		line = T(lang, PmExpired, short)
	default:
		line = T(lang, PmMissing, short)
	}
	if how := ctFirstSentence(it.Type.How(lang)); how != "" {
		return []string{line, T(lang, PmNext, Escape(how))}
	}
	return []string{line}
}

// pmBoth reports whether items hold both codes: the packed group's two
// food licences, of which a product needs one.
func pmBoth(items []ikmbot.ChecklistItem, a, b string) bool {
	has := func(code string) bool {
		return slices.ContainsFunc(items, func(it ikmbot.ChecklistItem) bool { return it.Type.Code == code })
	}
	return has(a) && has(b)
}

// pmSectorName is the owner's sector as the text names it: the sector's
// name, what they typed for "Lainnya", or the code of a sector no longer
// in the catalog.
func pmSectorName(lang string, p ikmbot.Profile) string {
	if s, ok := ikmbot.SectorByCode(p.Sector); ok {
		return s.Name(lang)
	}
	if p.Sector == ikmbot.SectorOther && p.SectorOther != "" {
		return p.SectorOther
	}
	return p.Sector
}

// countryLabel is a country by flag and name, as its button reads; plain
// text, not escaped.
func countryLabel(lang string, c ikmbot.Country) string {
	return T(lang, BtnPmCountry, c.Flag(), c.Name(lang))
}

// pmCountryNames lists countries by flag and name, in the order given.
func pmCountryNames(lang string, codes []string) string {
	names := make([]string, 0, len(codes))
	for _, code := range codes {
		if c, ok := ikmbot.CountryByCode(code); ok {
			names = append(names, Escape(countryLabel(lang, c)))
		} else {
			names = append(names, Escape(code))
		}
	}
	return strings.Join(names, ", ")
}
