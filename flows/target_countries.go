package flows

import (
	"cmp"
	"slices"
	"strings"

	"ikmbot"
)

// Owners' target countries (ikmbot.User.TargetMarkets) as staff see them:
// in /statistik, as a broadcast's or an export's audience and in the
// export's owners table.

// targetCountryLabel is a country code by flag and name, as /pasar's
// button reads; a code the table does not know shows as itself, so two
// unknown codes do not read as one. Plain text, not escaped.
func targetCountryLabel(lang, code string) string {
	if c, ok := ikmbot.CountryByCode(code); ok {
		return countryLabel(lang, c)
	}
	return code
}

// targetCountryNames names country codes without flags (a spreadsheet's
// filter reads better without), in the order given, joined by ", "; an
// unknown code shows as itself. Plain text, not escaped.
func targetCountryNames(lang string, codes []string) string {
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = code
		if c, ok := ikmbot.CountryByCode(code); ok {
			names[i] = c.Name(lang)
		}
	}
	return strings.Join(names, ", ")
}

// targetCountriesByName are every country an owner can choose, by their
// name in lang, so staff find one in a long list.
func targetCountriesByName(lang string) []ikmbot.Country {
	all := ikmbot.Countries()
	slices.SortFunc(all, func(a, b ikmbot.Country) int {
		return cmp.Or(strings.Compare(a.Name(lang), b.Name(lang)), strings.Compare(a.ISO2, b.ISO2))
	})
	return all
}
