package flows

import (
	"slices"
	"strings"
	"time"

	"ikmbot"
)

// Step ids of Lead, which are also the keys of its answers.
const (
	ldProduct = "product"
	ldSector  = "sector"
	ldCountry = "country"
	// Added in version 2: a country outside the sector's usual markets.
	ldCountryOther = "country_other"
	ldQuantity     = "quantity"
	ldFrequency    = "frequency"
	ldCert         = "cert"
	ldLevel        = "level"
	ldDeadline     = "deadline"
	ldContact      = "contact"
)

// ldNone is the answer for "no certification" and "any level"; ldOther
// the country answer for "another country", asked next.
const (
	ldNone  = "-"
	ldOther = "+"
)

// Limits of typed answers.
const (
	ldTextMin, ldTextMax       = 2, 200
	ldContactMin, ldContactMax = 5, 300
)

// Lead is staff's conversation to record a buyer lead: product, sector,
// country (the sector's usual markets, or another of the countries the
// bot knows), quantity, frequency, one required
// certification or none, minimum readiness level or none, deadline (a
// typed date after today, WIB) and the contact route through the office,
// then a summary where any answer can be changed. The engine has no
// multi-select, so a lead asks for at most one certification: the one
// the buyer names first; what else the buyer wants belongs in the
// product text. LeadFromAnswers turns the confirmed answers into the lead.
var Lead = &Flow{
	Name:         "ld",
	Version:      2,
	Summary:      true,
	SummaryTitle: LdSummary,
	Steps: []Step{
		{ID: ldProduct, Ask: fixed(LdAskProduct), Parse: kbTextParser(ldTextMin, ldTextMax), Field: LdFieldProduct},
		{ID: ldSector, Ask: fixed(LdAskSector), Choices: ldSectorChoices, Columns: 2, Field: LdFieldSector, Show: showSector,
			Clears: []string{ldCountry, ldCountryOther, ldCert}},
		{ID: ldCountry, Ask: fixed(LdAskCountry), Choices: ldCountryChoices, Columns: 2, Field: LdFieldCountry, Show: ldShowCountry,
			Clears: []string{ldCountryOther}},
		{ID: ldCountryOther, Ask: fixed(LdAskCountryOther), Choices: ldOtherCountryChoices, Columns: 2, Field: LdFieldCountryOther,
			Show: ldShowCountry, Skip: func(a map[string]string) bool { return a[ldCountry] != ldOther }},
		{ID: ldQuantity, Ask: fixed(LdAskQuantity), Parse: kbTextParser(ldTextMin, ldTextMax), Field: LdFieldQuantity},
		{ID: ldFrequency, Ask: fixed(LdAskFrequency), Parse: kbTextParser(ldTextMin, ldTextMax), Field: LdFieldFrequency},
		{ID: ldCert, Ask: fixed(LdAskCert), Choices: ldCertChoices, Columns: 2, Field: LdFieldCert, Show: ldShowCert},
		{ID: ldLevel, Ask: fixed(LdAskLevel), Choices: ldLevelChoices, Field: LdFieldLevel, Show: ldShowLevel},
		{ID: ldDeadline, Ask: fixed(LdAskDeadline), ParseAt: ldParseDeadline, Field: LdFieldDeadline, Show: kbShowDate},
		{ID: ldContact, Ask: fixed(LdAskContact), Parse: kbTextParser(ldContactMin, ldContactMax), Field: LdFieldContact},
	},
}

// ldSectorChoices are the sectors a lead can be for: not SectorOther,
// whose owners no lead can match.
func ldSectorChoices(lang string, a map[string]string) []Choice {
	var cs []Choice
	for _, c := range sectorChoices(lang, a) {
		if c.Value != ikmbot.SectorOther {
			cs = append(cs, c)
		}
	}
	return cs
}

// ldCountryChoices are the usual markets of the chosen sector, then
// "another country": a buyer may come from anywhere.
func ldCountryChoices(lang string, a map[string]string) []Choice {
	markets, _ := ikmbot.SectorMarkets(a[ldSector])
	cs := make([]Choice, 0, len(markets)+1)
	for _, c := range markets {
		cs = append(cs, Choice{c.ISO2, countryLabel(lang, c)})
	}
	return append(cs, Choice{ldOther, T(lang, LdCountryOther)})
}

// ldOtherCountryChoices are the countries the bot knows that are not the
// sector's usual markets, by name.
func ldOtherCountryChoices(lang string, a map[string]string) []Choice {
	usual, _ := ikmbot.SectorMarkets(a[ldSector])
	var cs []Choice
	for _, c := range targetCountriesByName(lang) {
		if !slices.ContainsFunc(usual, func(u ikmbot.Country) bool { return u.ISO2 == c.ISO2 }) {
			cs = append(cs, Choice{c.ISO2, countryLabel(lang, c)})
		}
	}
	return cs
}

func ldShowCountry(lang, v string) string {
	if v == ldOther {
		return T(lang, LdCountryOther)
	}
	return targetCountryLabel(lang, v)
}

// ldCountryOf is the country the answers chose: the usual market, or the
// other country asked next.
func ldCountryOf(a map[string]string) string {
	if a[ldCountry] == ldOther {
		return a[ldCountryOther]
	}
	return a[ldCountry]
}

// ldCertChoices are the certifications an owner of the sector can hold,
// packed-product ones included, then "none".
func ldCertChoices(lang string, a map[string]string) []Choice {
	var cs []Choice
	for _, t := range ikmbot.SectorCertTypes(a[ldSector], true) {
		cs = append(cs, Choice{t.Code, t.Short(lang)})
	}
	return append(cs, Choice{ldNone, T(lang, LdNoCert)})
}

func ldShowCert(lang, v string) string {
	if t, ok := ikmbot.CertTypeByCode(v); ok {
		return t.Name(lang)
	}
	return T(lang, LdNoCert)
}

func ldLevelChoices(lang string, a map[string]string) []Choice {
	return append(kbLevelChoices(lang, a), Choice{ldNone, T(lang, LdAnyLevel)})
}

func ldShowLevel(lang, v string) string {
	if v == ldNone {
		return T(lang, LdAnyLevel)
	}
	return kbShowLevel(lang, v)
}

// ldParseDeadline takes a date after today (WIB), a lead due today would
// close before anyone could answer, and at most a year ahead.
func ldParseDeadline(text string, _ map[string]string, now time.Time) (string, *Problem) {
	y, m, d, p := ParseDate(text)
	if p != nil {
		return "", p
	}
	date := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(kbDateLayout)
	if today := now.In(kbZone).Format(kbDateLayout); date <= today {
		return "", ldDeadlineProblem(now)
	}
	// A year out is already a long wait for a buyer; beyond it, the year
	// is most likely a typo that would keep the lead open for ever.
	if last := now.In(kbZone).AddDate(1, 0, 0).Format(kbDateLayout); date > last {
		return "", &Problem{Key: LdErrDeadlineFar, Args: []any{kbNumericDate(last)}}
	}
	return date, nil
}

// ldDeadlineProblem says a lead's deadline must come after today (WIB).
func ldDeadlineProblem(now time.Time) *Problem {
	tomorrow := now.In(kbZone).AddDate(0, 0, 1)
	return &Problem{Key: LdErrDeadline, Args: []any{kbNumericDate(tomorrow.Format(kbDateLayout))}}
}

// LeadDeadlinePassed is what staff read when the deadline they typed has
// come while the summary waited: the same words as when typing it.
func LeadDeadlinePassed(lang string, now time.Time) string {
	p := ldDeadlineProblem(now)
	return T(lang, p.Key, p.Args...)
}

// LeadFromAnswers builds the lead the confirmed answers describe, made by
// staff member by at now: open, its deadline the end of the chosen day in
// WIB. It is checked (ikmbot.Lead.Validate), so an answer that no longer
// holds (a deadline that passed while the summary waited) is an EInvalid
// error.
func LeadFromAnswers(a map[string]string, by int64, now time.Time) (ikmbot.Lead, error) {
	day, err := time.ParseInLocation(kbDateLayout, a[ldDeadline], kbZone)
	if err != nil {
		return ikmbot.Lead{}, ikmbot.Errorf(ikmbot.EInvalid, "lead deadline %q: %v", a[ldDeadline], err)
	}
	l := ikmbot.Lead{
		Product: a[ldProduct], Sector: a[ldSector], Country: ldCountryOf(a),
		Quantity: a[ldQuantity], Frequency: a[ldFrequency], Contact: a[ldContact],
		Deadline:  day.AddDate(0, 0, 1).Add(-time.Minute).UTC(),
		CreatedBy: by, CreatedAt: now.UTC(), Status: ikmbot.LeadOpen,
	}
	if c := a[ldCert]; c != "" && c != ldNone {
		l.Certs = []string{c}
	}
	if lv := a[ldLevel]; lv != "" && lv != ldNone {
		l.MinLevel = ikmbot.Level(lv)
	}
	l.Product = strings.TrimSpace(l.Product)
	if err := l.Validate(now); err != nil {
		return ikmbot.Lead{}, err
	}
	return l, nil
}
