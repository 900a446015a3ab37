package ikmbot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// certCodes returns the codes of types, for messages and comparisons.
func certCodes(types []CertType) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = t.Code
	}
	return out
}

func TestEmbeddedCertifications(t *testing.T) {
	var c certCatalog
	if err := json.Unmarshal(certificationsJSON, &c); err != nil {
		t.Fatal(err)
	}
	named := map[string][]string{}
	for _, s := range Sectors() {
		named[s.Code] = sectorCertCodes(s.Certs)
		if len(s.Certs.Core) == 0 {
			t.Errorf("sector %s names no core certifications", s.Code)
		}
	}
	if err := checkCertCatalog(c, named); err != nil {
		t.Errorf("check: %v", err)
	}
	if certVersion < 1 {
		t.Errorf("catalog version = %d", certVersion)
	}
	types := CertTypes()
	if len(types) < 20 {
		t.Errorf("%d certifications, want the researched 22 or so", len(types))
	}
	for _, ct := range types {
		if got, ok := CertTypeByCode(ct.Code); !ok || got != ct {
			t.Errorf("CertTypeByCode(%q) = %+v, %v", ct.Code, got, ok)
		}
		if strings.ContainsAny(ct.Code, ":|") {
			t.Errorf("code %q holds ':' or '|'", ct.Code)
		}
	}
	if _, ok := CertTypeByCode("NOPE"); ok {
		t.Error("CertTypeByCode(NOPE) found something")
	}
	// The catalog is the programme's vocabulary: these codes are named by
	// sectors.json, the readiness check's grading and the flows.
	for code, tier := range map[string]CertTier{
		"NIB": TierNone, "NPWP": TierNone, "SPP_IRT": TierBasic, "HALAL": TierBasic,
		"MEREK": TierBasic, "BPOM_MD": TierMiddle, "SNI_SPPT": TierMiddle, "SKP": TierMiddle,
		"SVLK_SLK": TierMiddle, "ORGANIK_SNI": TierMiddle, "ORGANIK_INTL": TierMiddle,
		"HACCP": TierInternational, "HACCP_KKP": TierInternational, "ISO22000": TierInternational,
		"FSSC22000": TierInternational, "FDA_FFR": TierInternational, "PHYTO": TierNone, "SKA": TierNone,
	} {
		ct, ok := CertTypeByCode(code)
		if !ok || ct.Tier != tier {
			t.Errorf("%s: tier %q (found %v), want %q", code, ct.Tier, ok, tier)
		}
	}
	// Halal under UU 6/2023 has no expiry but is uncertain.
	if h, _ := CertTypeByCode("HALAL"); h.ValidityYears != 0 || !h.Uncertain {
		t.Errorf("HALAL validity %d uncertain %v, want 0 and uncertain", h.ValidityYears, h.Uncertain)
	}
}

func TestCheckCertCatalogRefuses(t *testing.T) {
	good := func() certEntry {
		return certEntry{CertType: CertType{
			Code: "X", Kind: KindCertificate, NameID: "x", NameEN: "x", ShortID: "x", ShortEN: "x",
			Issuer: "x", ValidityYears: 3, RenewLeadDays: 90, Tier: TierBasic, HowID: "x", HowEN: "x",
		}}
	}
	tests := []struct {
		name    string
		change  func(*certCatalog)
		sectors map[string][]string
	}{
		{"no version", func(c *certCatalog) { c.Version = 0 }, nil},
		{"empty", func(c *certCatalog) { c.Certifications = nil }, nil},
		{"duplicate code", func(c *certCatalog) { c.Certifications = append(c.Certifications, good()) }, nil},
		{"colon in code", func(c *certCatalog) { c.Certifications[0].Code = "A:B" }, nil},
		{"bar in code", func(c *certCatalog) { c.Certifications[0].Code = "A|B" }, nil},
		{"empty code", func(c *certCatalog) { c.Certifications[0].Code = "" }, nil},
		{"long code", func(c *certCatalog) { c.Certifications[0].Code = strings.Repeat("A", maxCertCode+1) }, nil},
		{"unknown kind", func(c *certCatalog) { c.Certifications[0].Kind = "paper" }, nil},
		{"unknown tier", func(c *certCatalog) { c.Certifications[0].Tier = "tinggi" }, nil},
		{"tier on a shipment document", func(c *certCatalog) {
			c.Certifications[0].Kind, c.Certifications[0].PerShipment = KindShipment, true
			c.Certifications[0].ValidityYears, c.Certifications[0].RenewLeadDays = 0, 0
		}, nil},
		{"long short label", func(c *certCatalog) { c.Certifications[0].ShortEN = strings.Repeat("é", maxShortLabel+1) }, nil},
		{"empty short label", func(c *certCatalog) { c.Certifications[0].ShortID = "" }, nil},
		{"empty how", func(c *certCatalog) { c.Certifications[0].HowEN = "" }, nil},
		{"empty name", func(c *certCatalog) { c.Certifications[0].NameID = "" }, nil},
		{"negative validity", func(c *certCatalog) { c.Certifications[0].ValidityYears = -1 }, nil},
		{"lead without validity", func(c *certCatalog) { c.Certifications[0].ValidityYears = 0 }, nil},
		{"lead past validity", func(c *certCatalog) { c.Certifications[0].RenewLeadDays = 3 * 365 }, nil},
		{"per shipment with validity", func(c *certCatalog) { c.Certifications[0].PerShipment = true }, nil},
		{"unknown expiry rule", func(c *certCatalog) { c.Certifications[0].ExpiryRule = "lunar" }, nil},
		{"FDA rule on 3 years", func(c *certCatalog) { c.Certifications[0].ExpiryRule = ruleFDABiennial }, nil},
		{"sector names unknown code", func(*certCatalog) {}, map[string][]string{"KOPI": {"X", "Y"}}},
	}
	ok := certCatalog{Version: 1, Certifications: []certEntry{good()}}
	if err := checkCertCatalog(ok, map[string][]string{"KOPI": {"X"}}); err != nil {
		t.Fatalf("good catalog: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := certCatalog{Version: 1, Certifications: []certEntry{good()}}
			tt.change(&c)
			if err := checkCertCatalog(c, tt.sectors); err == nil {
				t.Error("check passed, want an error")
			}
		})
	}
}

func TestSectorCertTypes(t *testing.T) {
	tests := []struct {
		sector    string
		processed bool
		want      []string
	}{
		{"KOPI", false, []string{"NIB", "NPWP"}},
		{"KOPI", true, []string{"NIB", "NPWP", "SPP_IRT", "HALAL", "MEREK", "BPOM_MD"}},
		// Named in core and processed_retail both: once each.
		{"MAKANAN_RINGAN", true, []string{"NIB", "NPWP", "SPP_IRT", "HALAL", "MEREK", "BPOM_MD"}},
		{"MAKANAN_RINGAN", false, []string{"NIB", "NPWP", "SPP_IRT", "HALAL", "MEREK", "BPOM_MD"}},
		// The health certificate is per shipment: not held.
		{"PERIKANAN", false, []string{"NIB", "NPWP", "SKP", "HACCP_KKP"}},
		{"TAPIS", true, []string{"NIB", "NPWP", "MEREK"}},
		{"NOPE", true, nil},
		{"", false, nil},
	}
	for _, tt := range tests {
		got := certCodes(SectorCertTypes(tt.sector, tt.processed))
		if tt.want == nil {
			tt.want = []string{}
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("SectorCertTypes(%q, %v) (-got +want):\n%s", tt.sector, tt.processed, diff)
		}
	}
	// Every sector's list holds only held-able types, in catalog order.
	order := map[string]int{}
	for i, ct := range CertTypes() {
		order[ct.Code] = i
	}
	for _, s := range Sectors() {
		prev := -1
		for _, ct := range SectorCertTypes(s.Code, true) {
			if !ct.Held() || order[ct.Code] <= prev {
				t.Errorf("sector %s: %s not held-able or out of order", s.Code, ct.Code)
			}
			prev = order[ct.Code]
		}
	}
}

func TestMarketCertTypes(t *testing.T) {
	tests := []struct {
		sector, market string
		want           []string
	}{
		{"KOPI", "US", []string{"FDA_FFR"}},
		{"KOPI", "EU", []string{"EUDR_DDS"}},
		{"KOPI", "IT", []string{"EUDR_DDS"}}, // an EU member gets the EU's
		{"KOPI", "JP", nil},
		{"MAKANAN_RINGAN", "CN", []string{"PHYTO"}},
		{"LADA", "EU", nil},
		{"NOPE", "US", nil},
		{"KOPI", "", nil},
	}
	for _, tt := range tests {
		got := certCodes(MarketCertTypes(tt.sector, tt.market))
		if tt.want == nil {
			tt.want = []string{}
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("MarketCertTypes(%q, %q) (-got +want):\n%s", tt.sector, tt.market, diff)
		}
	}
}

// certDay is the UTC midnight of a date.
func certDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDefaultExpiry(t *testing.T) {
	tests := []struct {
		code   string
		issued time.Time
		want   time.Time
	}{
		{"BPOM_MD", certDay(2026, 3, 2), certDay(2031, 3, 2)},
		{"MEREK", certDay(2020, 1, 15), certDay(2030, 1, 15)},
		{"HACCP_KKP", certDay(2024, 2, 29), certDay(2025, 3, 1)}, // AddDate normalises
		{"NIB", certDay(2026, 3, 2), time.Time{}},
		{"HALAL", certDay(2026, 3, 2), time.Time{}},
		{"PHYTO", certDay(2026, 3, 2), time.Time{}},
		{"BPOM_MD", time.Time{}, time.Time{}},
		// FDA registrations end on 31 December of an even year.
		{"FDA_FFR", certDay(2025, 3, 2), certDay(2026, 12, 31)},
		{"FDA_FFR", certDay(2026, 2, 1), certDay(2026, 12, 31)},
		{"FDA_FFR", certDay(2026, 9, 30), certDay(2026, 12, 31)},
		{"FDA_FFR", certDay(2026, 10, 1), certDay(2028, 12, 31)},
		{"FDA_FFR", certDay(2026, 12, 31), certDay(2028, 12, 31)},
	}
	for _, tt := range tests {
		ct, ok := CertTypeByCode(tt.code)
		if !ok {
			t.Fatalf("no %s", tt.code)
		}
		got := Certificate{Type: tt.code, Status: CertHeld, Issued: tt.issued}.DefaultExpiry(ct)
		if !got.Equal(tt.want) {
			t.Errorf("%s issued %s: DefaultExpiry = %s, want %s", tt.code, tt.issued.Format(time.DateOnly), got, tt.want)
		}
	}
	// Issued in another zone is the same instant, counted in UTC.
	wib := time.FixedZone("WIB", 7*3600)
	bpom, _ := CertTypeByCode("BPOM_MD")
	got := Certificate{Issued: time.Date(2026, 3, 2, 7, 0, 0, 0, wib)}.DefaultExpiry(bpom)
	if !got.Equal(certDay(2031, 3, 2)) || got.Location() != time.UTC {
		t.Errorf("DefaultExpiry from WIB = %s, want 2031-03-02 UTC", got)
	}
}

func TestCertificateExpired(t *testing.T) {
	c := Certificate{Expires: certDay(2026, 3, 2)}
	for _, tt := range []struct {
		now  time.Time
		want bool
	}{
		{certDay(2026, 3, 1), false},
		{certDay(2026, 3, 2).Add(23 * time.Hour), false}, // valid through its last day
		{certDay(2026, 3, 3), true},
	} {
		if got := c.Expired(tt.now); got != tt.want {
			t.Errorf("Expired(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if (Certificate{}).Expired(certDay(9999, 1, 1)) {
		t.Error("a certificate without expiry expired")
	}
}

func TestReadinessTier(t *testing.T) {
	now := certDay(2026, 3, 2)
	held := func(code string, expires time.Time) Certificate {
		return Certificate{Type: code, Status: CertHeld, Expires: expires}
	}
	applying := func(code string) Certificate { return Certificate{Type: code, Status: CertApplying} }
	tests := []struct {
		name         string
		certs        []Certificate
		wantTier     CertTier
		wantApplying bool
	}{
		{"nothing", nil, TierNone, false},
		{"licences only", []Certificate{held("NIB", time.Time{}), held("NPWP", time.Time{})}, TierNone, false},
		{"applying for a licence", []Certificate{applying("NIB")}, TierNone, false},
		{"halal", []Certificate{held("HALAL", time.Time{})}, TierBasic, false},
		{"highest wins", []Certificate{held("HALAL", time.Time{}), held("HACCP", certDay(2027, 1, 1)), held("BPOM_MD", certDay(2030, 1, 1))}, TierInternational, false},
		{"expired does not count", []Certificate{held("SPP_IRT", certDay(2030, 1, 1)), held("BPOM_MD", certDay(2026, 3, 1))}, TierBasic, false},
		{"last day counts", []Certificate{held("BPOM_MD", now)}, TierMiddle, false},
		{"applying only", []Certificate{applying("BPOM_MD")}, TierNone, true},
		{"held and applying higher", []Certificate{held("SPP_IRT", time.Time{}), applying("HACCP")}, TierBasic, true},
		{"unknown type", []Certificate{held("GONE", time.Time{})}, TierNone, false},
		{"no status", []Certificate{{Type: "HACCP"}}, TierNone, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tier, applying := ReadinessTier(tt.certs, now)
			if tier != tt.wantTier || applying != tt.wantApplying {
				t.Errorf("ReadinessTier = %q, %v; want %q, %v", tier, applying, tt.wantTier, tt.wantApplying)
			}
		})
	}
}

func TestCertTierAbove(t *testing.T) {
	order := []CertTier{TierNone, TierBasic, TierMiddle, TierInternational}
	for i, a := range order {
		for j, b := range order {
			if got := a.Above(b); got != (i > j) {
				t.Errorf("%q.Above(%q) = %v", a, b, got)
			}
		}
	}
}
