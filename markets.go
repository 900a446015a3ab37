package ikmbot

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Markets (issue 10): the countries a sector's exporters sell to, what a
// country asks of them, and the owner's own target countries. The
// countries and what they require come from data/sectors.json; only their
// Indonesian names are added, in data/countries.json.
//
//go:embed data/countries.json
var countriesJSON []byte

// Country is a destination country named by the sector catalog.
type Country struct {
	ISO2   string `json:"iso2"` // ISO 3166 alpha-2, upper case: "US"
	NameID string `json:"name_id"`
	NameEN string `json:"name_en"`
}

// Name returns the country's name in lang ("en" or anything else for
// Indonesian).
func (c Country) Name(lang string) string {
	if lang == "en" {
		return c.NameEN
	}
	return c.NameID
}

// Flag is the country's flag emoji, made of the two regional indicator
// letters of its code.
func (c Country) Flag() string {
	if len(c.ISO2) != 2 {
		return ""
	}
	return string([]rune{rune(c.ISO2[0]) - 'A' + 0x1F1E6, rune(c.ISO2[1]) - 'A' + 0x1F1E6})
}

// MaxTargetMarkets is how many target countries an owner may choose: few
// enough that each stays a real plan.
const MaxTargetMarkets = 3

// marketRef is a country as sectors.json names it.
type marketRef struct {
	ISO2   string `json:"iso2"`
	NameEN string `json:"name_en"`
}

var (
	countries            []Country
	countryIndex         map[string]int
	sectorMarkets        map[string][]string // sector code -> common_markets codes, in the data's order
	provinceDestinations []string            // province_top_destinations codes, in the data's order
)

func init() {
	var c struct{ Countries []Country }
	if err := json.Unmarshal(countriesJSON, &c); err != nil {
		panic(fmt.Sprintf("embedded countries.json: %v", err))
	}
	// The sectors are decoded again here, as certifications.go does: the
	// order of init functions across files is not something to lean on.
	var s sectorMarketData
	if err := json.Unmarshal(sectorsJSON, &s); err != nil {
		panic(fmt.Sprintf("embedded sectors.json: %v", err))
	}
	if err := checkCountries(c.Countries, s); err != nil {
		panic(fmt.Sprintf("embedded countries.json: %v", err))
	}
	countries, countryIndex = c.Countries, map[string]int{}
	for i, ct := range countries {
		countryIndex[ct.ISO2] = i
	}
	sectorMarkets = map[string][]string{}
	for _, sec := range s.Sectors {
		for _, m := range sec.Markets {
			sectorMarkets[sec.Code] = append(sectorMarkets[sec.Code], m.ISO2)
		}
	}
	for _, m := range s.Province {
		provinceDestinations = append(provinceDestinations, m.ISO2)
	}
}

// sectorMarketData is the part of sectors.json about markets.
type sectorMarketData struct {
	Province []marketRef `json:"province_top_destinations"`
	Sectors  []struct {
		Code    string      `json:"code"`
		Markets []marketRef `json:"common_markets"`
		Certs   SectorCerts `json:"certifications"`
	} `json:"sectors"`
}

// checkCountries makes sure every country sectors.json names (as a market,
// a province destination or a market_specific key other than "EU") is in
// the table once, under the same English name, with an Indonesian one.
func checkCountries(table []Country, s sectorMarketData) error {
	byCode := map[string]Country{}
	for _, c := range table {
		if len(c.ISO2) != 2 || c.ISO2[0] < 'A' || c.ISO2[0] > 'Z' || c.ISO2[1] < 'A' || c.ISO2[1] > 'Z' {
			return fmt.Errorf("code %q is not two upper-case letters", c.ISO2)
		}
		if _, dup := byCode[c.ISO2]; dup {
			return fmt.Errorf("%s twice", c.ISO2)
		}
		if c.NameID == "" || c.NameEN == "" {
			return fmt.Errorf("%s: a name is empty", c.ISO2)
		}
		byCode[c.ISO2] = c
	}
	check := func(where string, m marketRef) error {
		c, ok := byCode[m.ISO2]
		switch {
		case !ok:
			return fmt.Errorf("%s names %s, which is not in the table", where, m.ISO2)
		case m.NameEN != "" && m.NameEN != c.NameEN:
			return fmt.Errorf("%s names %s %q, the table %q", where, m.ISO2, m.NameEN, c.NameEN)
		}
		return nil
	}
	for _, m := range s.Province {
		if err := check("province_top_destinations", m); err != nil {
			return err
		}
	}
	for _, sec := range s.Sectors {
		for _, m := range sec.Markets {
			if err := check("sector "+sec.Code, m); err != nil {
				return err
			}
		}
		for market := range sec.Certs.MarketSpecific {
			if market == "EU" {
				continue
			}
			if err := check("market_specific of sector "+sec.Code, marketRef{ISO2: market}); err != nil {
				return err
			}
		}
	}
	return nil
}

// CountryByCode finds a country of the table by its ISO 3166 alpha-2 code.
func CountryByCode(iso2 string) (Country, bool) {
	i, ok := countryIndex[iso2]
	if !ok {
		return Country{}, false
	}
	return countries[i], true
}

// Countries returns every country the sector catalog names, by code.
func Countries() []Country { return slices.Clone(countries) }

// ProvinceDestinations returns Lampung's top export destinations overall,
// in the data's order.
func ProvinceDestinations() []Country { return byCodes(provinceDestinations) }

// SectorMarkets returns the usual destination countries of the sector's
// exporters (common_markets, in the data's order) and ofSector true; for a
// sector without any (SectorOther, an unknown code, or one the research
// named none for) it returns the province's top destinations and false.
func SectorMarkets(sectorCode string) (markets []Country, ofSector bool) {
	if codes := sectorMarkets[sectorCode]; len(codes) > 0 {
		return byCodes(codes), true
	}
	return ProvinceDestinations(), false
}

func byCodes(codes []string) []Country {
	out := make([]Country, 0, len(codes))
	for _, code := range codes {
		if c, ok := CountryByCode(code); ok {
			out = append(out, c)
		}
	}
	return out
}

// ToggleTargetMarket adds iso2 to the owner's target countries, or takes
// it out when it is there already, and says which it did. A country the
// table does not know is an EInvalid error; adding one more than
// MaxTargetMarkets an EConflict error. targets is not changed.
func ToggleTargetMarket(targets []string, iso2 string) (next []string, added bool, err error) {
	if _, ok := CountryByCode(iso2); !ok {
		return targets, false, Errorf(EInvalid, "target market %q: unknown country", iso2)
	}
	if i := slices.Index(targets, iso2); i >= 0 {
		return slices.Delete(slices.Clone(targets), i, i+1), false, nil
	}
	if len(targets) >= MaxTargetMarkets {
		return targets, false, Errorf(EConflict, "target market %s: already %d", iso2, len(targets))
	}
	return append(slices.Clone(targets), iso2), true, nil
}

// CheckTargetMarkets reports whether codes can be stored as an owner's
// target countries: at most MaxTargetMarkets, each known, none twice. The
// error is an EInvalid *Error.
func CheckTargetMarkets(codes []string) error {
	if len(codes) > MaxTargetMarkets {
		return Errorf(EInvalid, "target markets: %d, at most %d", len(codes), MaxTargetMarkets)
	}
	for i, code := range codes {
		if _, ok := CountryByCode(code); !ok {
			return Errorf(EInvalid, "target markets: unknown country %q", code)
		}
		if slices.Contains(codes[:i], code) {
			return Errorf(EInvalid, "target markets: %s twice", code)
		}
	}
	return nil
}

// ChecklistGroup says why a checklist item is needed.
type ChecklistGroup string

// Checklist groups, in the order a checklist lists them.
const (
	// GroupCore: every export shipment of the sector (sectors.json core).
	GroupCore ChecklistGroup = "core"
	// GroupMarket: this country's (or the EU's) own rules
	// (market_specific).
	GroupMarket ChecklistGroup = "market"
	// GroupPacked: only when the product is sold packed for retail
	// (processed_retail). The bot does not know which products an owner
	// packs, so these are shown apart rather than guessed.
	GroupPacked ChecklistGroup = "packed"
)

// ChecklistStatus is where an owner stands with one item.
type ChecklistStatus string

// Checklist statuses.
const (
	ChecklistHeld     ChecklistStatus = "held"     // recorded as held and not expired
	ChecklistApplying ChecklistStatus = "applying" // an application is in process
	ChecklistMissing  ChecklistStatus = "missing"  // none recorded, or it expired
	// ChecklistShipment: a per-shipment document or a buyer market's rule
	// (EUDR data), prepared for each shipment rather than held, so the
	// owner's record says nothing about it.
	ChecklistShipment ChecklistStatus = "shipment"
)

// ChecklistItem is one certification a market asks of the owner.
type ChecklistItem struct {
	Type   CertType
	Group  ChecklistGroup
	Status ChecklistStatus
	// Expired: Status is ChecklistMissing because the recorded
	// certificate expired.
	Expired bool
}

// CertStanding is where the owner stands with certification t by their
// recorded certs at now: held (and not expired), applying, or missing
// (expired says a held one expired). A type no owner can hold
// (CertType.Held is false) is ChecklistShipment whatever was recorded.
func CertStanding(certs []Certificate, t CertType, now time.Time) (status ChecklistStatus, expired bool) {
	if !t.Held() {
		return ChecklistShipment, false
	}
	for _, c := range certs {
		if c.Type != t.Code {
			continue
		}
		switch {
		case c.Status == CertHeld && c.Expired(now):
			return ChecklistMissing, true
		case c.Status == CertHeld:
			return ChecklistHeld, false
		case c.Status == CertApplying:
			return ChecklistApplying, false
		}
	}
	return ChecklistMissing, false
}

// MarketChecklist is what the owner's product needs to go to market (an
// ISO 3166 alpha-2 code, or "EU"): the sector's core certifications, the
// market's own (MarketCertTypes, with the EU's for its members), then
// those for packed retail products, each once in the first group that
// names it and in catalog order within a group, with where the owner
// stands (CertStanding). The sector's optional, buyer-driven ones are
// left out. A market with no rules of its own gets the core and packed
// groups; an unknown sector (SectorOther included) gets nothing. Pure:
// the readiness level plays no part, since no market asks for a class.
func MarketChecklist(profile Profile, certs []Certificate, market string, now time.Time) []ChecklistItem {
	s, ok := SectorByCode(profile.Sector)
	if !ok {
		return nil
	}
	var items []ChecklistItem
	seen := map[string]bool{}
	add := func(g ChecklistGroup, types []CertType) {
		for _, t := range types {
			if seen[t.Code] {
				continue
			}
			seen[t.Code] = true
			status, expired := CertStanding(certs, t, now)
			items = append(items, ChecklistItem{Type: t, Group: g, Status: status, Expired: expired})
		}
	}
	add(GroupCore, catalogOrder(s.Certs.Core, false))
	add(GroupMarket, MarketCertTypes(s.Code, market))
	add(GroupPacked, catalogOrder(s.Certs.ProcessedRetail, false))
	return items
}
