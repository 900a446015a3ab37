package ikmbot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestEmbeddedCountries(t *testing.T) {
	var s sectorMarketData
	if err := json.Unmarshal(sectorsJSON, &s); err != nil {
		t.Fatal(err)
	}
	if err := checkCountries(Countries(), s); err != nil {
		t.Errorf("check: %v", err)
	}
	// Every country the table holds is named by the sector catalog: the
	// table adds names, never countries.
	named := map[string]bool{}
	for _, m := range s.Province {
		named[m.ISO2] = true
	}
	for _, sec := range s.Sectors {
		for _, m := range sec.Markets {
			named[m.ISO2] = true
		}
		for k := range sec.Certs.MarketSpecific {
			named[k] = true
		}
	}
	for _, c := range Countries() {
		if !named[c.ISO2] {
			t.Errorf("%s (%s) is in countries.json but sectors.json never names it", c.ISO2, c.NameEN)
		}
	}
	for code, want := range map[string]string{"US": "Amerika Serikat", "CN": "Tiongkok", "IT": "Italia", "JP": "Jepang", "NL": "Belanda"} {
		if c, ok := CountryByCode(code); !ok || c.Name("id") != want {
			t.Errorf("CountryByCode(%s) = %+v, %v; want %s", code, c, ok, want)
		}
	}
	if _, ok := CountryByCode("EU"); ok {
		t.Error(`CountryByCode("EU") found a country`)
	}
	if c, _ := CountryByCode("ID"); c.Flag() != "" {
		t.Errorf("unknown country's flag = %q", c.Flag())
	}
	if c, _ := CountryByCode("JP"); c.Flag() != "🇯🇵" {
		t.Errorf("Japan's flag = %q", c.Flag())
	}
}

func TestCheckCountries(t *testing.T) {
	ok := []Country{{ISO2: "US", NameID: "Amerika Serikat", NameEN: "United States"}}
	data := func(iso2, name string) sectorMarketData {
		var s sectorMarketData
		s.Province = []marketRef{{ISO2: iso2, NameEN: name}}
		return s
	}
	for name, tc := range map[string]struct {
		table []Country
		data  sectorMarketData
		want  string
	}{
		"fine":       {ok, data("US", "United States"), ""},
		"missing":    {ok, data("JP", "Japan"), "JP"},
		"other name": {ok, data("US", "USA"), "USA"},
		"lower case": {[]Country{{ISO2: "us", NameID: "a", NameEN: "b"}}, sectorMarketData{}, "upper-case"},
		"twice":      {append(ok, ok...), sectorMarketData{}, "twice"},
		"no name":    {[]Country{{ISO2: "US", NameEN: "United States"}}, sectorMarketData{}, "empty"},
		"market key": {ok, func() sectorMarketData {
			s := data("US", "")
			s.Sectors = append(s.Sectors, struct {
				Code    string      `json:"code"`
				Markets []marketRef `json:"common_markets"`
				Certs   SectorCerts `json:"certifications"`
			}{Code: "X", Certs: SectorCerts{MarketSpecific: map[string][]string{"EU": nil, "GCC": nil}}})
			return s
		}(), "GCC"},
	} {
		t.Run(name, func(t *testing.T) {
			err := checkCountries(tc.table, tc.data)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want one naming %q", err, tc.want)
			}
		})
	}
}

func countryCodes(cs []Country) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ISO2
	}
	return out
}

func TestSectorMarkets(t *testing.T) {
	province := []string{"US", "CN", "IT", "IN", "PK", "NL", "JP", "PH", "ES", "KR"}
	for _, tc := range []struct {
		sector   string
		want     []string
		ofSector bool
	}{
		{"KAKAO", []string{"MY", "SG", "NL"}, true},
		{"KOPI", []string{"IT", "DE", "JP", "US", "EG", "RU", "IN", "MY", "GE", "MA", "DZ", "BE", "GB", "TR"}, true},
		{"SINGKONG", province, false}, // the research named none
		{SectorOther, province, false},
		{"NOPE", province, false},
	} {
		got, ofSector := SectorMarkets(tc.sector)
		if diff := cmp.Diff(countryCodes(got), tc.want); diff != "" || ofSector != tc.ofSector {
			t.Errorf("SectorMarkets(%s) of sector %v, want %v; diff (-got +want):\n%s", tc.sector, ofSector, tc.ofSector, diff)
		}
	}
}

func TestToggleTargetMarket(t *testing.T) {
	for _, tc := range []struct {
		targets []string
		iso2    string
		want    []string
		added   bool
		code    string
	}{
		{nil, "IT", []string{"IT"}, true, ""},
		{[]string{"IT", "US"}, "JP", []string{"IT", "US", "JP"}, true, ""},
		{[]string{"IT", "US", "JP"}, "US", []string{"IT", "JP"}, false, ""},
		{[]string{"IT", "US", "JP"}, "DE", []string{"IT", "US", "JP"}, false, EConflict},
		{[]string{"IT"}, "XX", []string{"IT"}, false, EInvalid},
		{[]string{"IT"}, "EU", []string{"IT"}, false, EInvalid}, // a market, not a country
	} {
		in := append([]string(nil), tc.targets...)
		got, added, err := ToggleTargetMarket(in, tc.iso2)
		if diff := cmp.Diff(got, tc.want); diff != "" || added != tc.added || ErrorCode(err) != tc.code {
			t.Errorf("ToggleTargetMarket(%v, %s) = %v, %v, %v; want %v, %v, code %q", tc.targets, tc.iso2, got, added, err, tc.want, tc.added, tc.code)
		}
		if diff := cmp.Diff(in, tc.targets); diff != "" {
			t.Errorf("ToggleTargetMarket changed its argument: %s", diff)
		}
	}
}

func TestCheckTargetMarkets(t *testing.T) {
	for _, tc := range []struct {
		codes []string
		ok    bool
	}{
		{nil, true},
		{[]string{"IT", "US", "JP"}, true},
		{[]string{"IT", "US", "JP", "DE"}, false},
		{[]string{"IT", "IT"}, false},
		{[]string{"it"}, false},
		{[]string{""}, false},
	} {
		if err := CheckTargetMarkets(tc.codes); (err == nil) != tc.ok || (err != nil && ErrorCode(err) != EInvalid) {
			t.Errorf("CheckTargetMarkets(%v) = %v, want ok %v", tc.codes, err, tc.ok)
		}
	}
}

// checklistLine renders an item as "<group> <code> <status>[ expired]"
// for comparisons.
func checklistLines(items []ChecklistItem) []string {
	var out []string
	for _, it := range items {
		line := fmt.Sprintf("%s %s %s", it.Group, it.Type.Code, it.Status)
		if it.Expired {
			line += " expired"
		}
		out = append(out, line)
	}
	return out
}

func TestMarketChecklist(t *testing.T) {
	now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	coffee := Profile{Sector: "KOPI"}
	held := func(code string) Certificate { return Certificate{Type: code, Status: CertHeld} }
	// Coffee's core and packed groups, the same for every market.
	coffeeCore := []string{"core NIB missing", "core NPWP missing", "core PHYTO shipment", "core SKA shipment"}
	coffeePacked := []string{"packed SPP_IRT missing", "packed HALAL missing", "packed MEREK missing", "packed BPOM_MD missing"}
	join := func(parts ...[]string) []string {
		var out []string
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		profile Profile
		certs   []Certificate
		market  string
		want    []string
	}{
		{"coffee to Italy: EUDR data", coffee, nil, "IT",
			join(coffeeCore, []string{"market EUDR_DDS shipment"}, coffeePacked)},
		{"coffee to the EU itself", coffee, nil, "EU",
			join(coffeeCore, []string{"market EUDR_DDS shipment"}, coffeePacked)},
		{"coffee to the US: FDA registration", coffee, nil, "US",
			join(coffeeCore, []string{"market FDA_FFR missing"}, coffeePacked)},
		{"coffee to Japan: no rules of its own", coffee, nil, "JP", join(coffeeCore, coffeePacked)},
		{"coffee, no market", coffee, nil, "", join(coffeeCore, coffeePacked)},
		{"held, applying, expired, expiring today", coffee, []Certificate{
			held("NIB"),
			{Type: "FDA_FFR", Status: CertApplying, Since: day(2026, 10, 1)},
			{Type: "HALAL", Status: CertHeld, Expires: day(2026, 11, 26)}, // expired yesterday
			{Type: "MEREK", Status: CertHeld, Expires: day(2026, 11, 27)}, // its last day
			held("PHYTO"), // a per-shipment document says nothing, recorded or not
			held("ORGANIK_SNI"),
		}, "US", []string{
			"core NIB held", "core NPWP missing", "core PHYTO shipment", "core SKA shipment",
			"market FDA_FFR applying",
			"packed SPP_IRT missing", "packed HALAL missing expired", "packed MEREK held", "packed BPOM_MD missing",
		}},
		// The data has no Gulf rule (market_specific names US, EU, CN, CA
		// only): halal for Saudi Arabia comes from the snacks sector's
		// core list, and for fruit only with packed products.
		{"snacks to Saudi Arabia: halal is core", Profile{Sector: "MAKANAN_RINGAN"}, []Certificate{held("HALAL")}, "SA", []string{
			"core NIB missing", "core NPWP missing", "core SPP_IRT missing", "core HALAL held", "core MEREK missing",
			"core BPOM_MD missing", "core SKA shipment",
		}},
		{"snacks to China: phytosanitary certificate", Profile{Sector: "MAKANAN_RINGAN"}, nil, "CN", []string{
			"core NIB missing", "core NPWP missing", "core SPP_IRT missing", "core HALAL missing", "core MEREK missing",
			"core BPOM_MD missing", "core SKA shipment", "market PHYTO shipment",
		}},
		{"fruit to the Emirates: halal when packed", Profile{Sector: "BUAH"}, nil, "AE", []string{
			"core NIB missing", "core NPWP missing", "core PHYTO shipment", "core SKA shipment",
			"packed HALAL missing", "packed MEREK missing", "packed BPOM_MD missing",
		}},
		{"woodcraft to Germany: EUDR", Profile{Sector: "KERAJINAN_KAYU"}, nil, "DE", []string{
			"core NIB missing", "core NPWP missing", "core SKA shipment", "market EUDR_DDS shipment", "packed MEREK missing",
		}},
		{"unknown sector", Profile{Sector: "NOPE"}, []Certificate{held("NIB")}, "US", nil},
		{"sector typed by the owner", Profile{Sector: SectorOther, SectorOther: "sabun"}, nil, "US", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := checklistLines(MarketChecklist(tc.profile, tc.certs, tc.market, now))
			if diff := cmp.Diff(got, tc.want); diff != "" {
				t.Errorf("MarketChecklist (-got +want):\n%s", diff)
			}
		})
	}
}
