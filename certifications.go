package ikmbot

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"
)

// The certification catalog: the reviewed copy of shared/domain's
// researched certifications, embedded like the places. Its review notes
// are in the file.
//
//go:embed data/certifications.json
var certificationsJSON []byte

// certCatalog is data/certifications.json as decoded.
type certCatalog struct {
	Version        int         `json:"version"`
	Certifications []certEntry `json:"certifications"`
}

// certEntry is a CertType with the catalog's optional expiry rule, kept
// out of CertType because only DefaultExpiry needs it.
type certEntry struct {
	CertType
	ExpiryRule string `json:"expiry_rule"`
}

// Expiry rules a catalog entry may name instead of issue date plus
// ValidityYears.
const (
	// ruleFDABiennial: a US FDA food facility registration lasts until 31
	// December of the next even-numbered year, or of the one after when
	// made or renewed inside that year's renewal window (1 October to 31
	// December).
	ruleFDABiennial = "us_fda_biennial"
)

// maxShortLabel is the most characters a certification's button label may
// have: two labels side by side still read whole on a small phone.
const maxShortLabel = 22

// maxCertCode bounds a code's length: codes travel in callback data
// ("<flow>:<action>:<id>", at most 64 bytes) and in due item ids.
const maxCertCode = 16

var (
	certTypes   []CertType
	certVersion int
	certRules   map[string]string // code -> expiry rule, for codes that have one
	certRanks   map[string]int    // code -> place in certTypes
)

func init() {
	var c certCatalog
	if err := json.Unmarshal(certificationsJSON, &c); err != nil {
		panic(fmt.Sprintf("embedded certifications.json: %v", err))
	}
	// The sectors are decoded again here rather than taken from places.go:
	// the order of init functions across files is not something to lean on.
	var s struct {
		Sectors []struct {
			Code  string      `json:"code"`
			Certs SectorCerts `json:"certifications"`
		} `json:"sectors"`
	}
	if err := json.Unmarshal(sectorsJSON, &s); err != nil {
		panic(fmt.Sprintf("embedded sectors.json: %v", err))
	}
	named := map[string][]string{}
	for _, sec := range s.Sectors {
		named[sec.Code] = sectorCertCodes(sec.Certs)
	}
	if err := checkCertCatalog(c, named); err != nil {
		panic(fmt.Sprintf("embedded certifications.json: %v", err))
	}
	certVersion = c.Version
	certRules, certRanks = map[string]string{}, map[string]int{}
	for i, e := range c.Certifications {
		certTypes = append(certTypes, e.CertType)
		certRanks[e.Code] = i
		if e.ExpiryRule != "" {
			certRules[e.Code] = e.ExpiryRule
		}
	}
}

// sectorCertCodes lists every code a sector names, in every part.
func sectorCertCodes(sc SectorCerts) []string {
	codes := append(append(append([]string(nil), sc.Core...), sc.ProcessedRetail...), sc.Optional...)
	for _, m := range sc.MarketSpecific {
		codes = append(codes, m...)
	}
	return codes
}

// checkCertCatalog makes sure the catalog is one the bot can show and
// store: codes fit keys and callback data, labels fit buttons, every tier
// is one q03 knows, and every code the sectors (code -> codes named) name
// exists.
func checkCertCatalog(c certCatalog, sectors map[string][]string) error {
	if c.Version < 1 {
		return fmt.Errorf("version %d, want 1 or more", c.Version)
	}
	if len(c.Certifications) == 0 {
		return fmt.Errorf("no certifications")
	}
	codes := map[string]bool{}
	for _, e := range c.Certifications {
		t := e.CertType
		if !certCode(t.Code) {
			return fmt.Errorf("code %q must be 1-%d characters of A-Z, 0-9 and _", t.Code, maxCertCode)
		}
		if codes[t.Code] {
			return fmt.Errorf("code %s twice", t.Code)
		}
		codes[t.Code] = true
		switch t.Kind {
		case KindLicense, KindCertificate, KindShipment, KindMarket, KindCollective:
		default:
			return fmt.Errorf("%s: kind %q", t.Code, t.Kind)
		}
		if t.Tier.rank() < 0 {
			return fmt.Errorf("%s: readiness tier %q", t.Code, t.Tier)
		}
		if t.Tier != TierNone && !t.Held() {
			return fmt.Errorf("%s: readiness tier %q on a paper nobody holds", t.Code, t.Tier)
		}
		for _, text := range []string{t.NameID, t.NameEN, t.Issuer, t.HowID, t.HowEN} {
			if text == "" {
				return fmt.Errorf("%s: a name, the issuer or a how text is empty", t.Code)
			}
		}
		for _, label := range []string{t.ShortID, t.ShortEN} {
			if n := utf8.RuneCountInString(label); n == 0 || n > maxShortLabel {
				return fmt.Errorf("%s: short label %q has %d characters, want 1-%d", t.Code, label, n, maxShortLabel)
			}
		}
		switch {
		case t.ValidityYears < 0 || t.RenewLeadDays < 0:
			return fmt.Errorf("%s: negative validity or renewal lead", t.Code)
		case t.PerShipment && (t.ValidityYears != 0 || t.RenewLeadDays != 0):
			return fmt.Errorf("%s: a per-shipment document with a validity", t.Code)
		case t.ValidityYears == 0 && t.RenewLeadDays != 0:
			return fmt.Errorf("%s: a renewal lead without a validity", t.Code)
		case t.ValidityYears > 0 && t.RenewLeadDays >= t.ValidityYears*365:
			return fmt.Errorf("%s: renewal lead of %d days in a validity of %d years", t.Code, t.RenewLeadDays, t.ValidityYears)
		}
		switch e.ExpiryRule {
		case "":
		case ruleFDABiennial:
			if t.ValidityYears != 2 || !t.Held() {
				return fmt.Errorf("%s: expiry rule %s needs a held paper of 2 years", t.Code, e.ExpiryRule)
			}
		default:
			return fmt.Errorf("%s: expiry rule %q", t.Code, e.ExpiryRule)
		}
	}
	for sector, named := range sectors {
		for _, code := range named {
			if !codes[code] {
				return fmt.Errorf("sector %s names certification %q, which is not in the catalog", sector, code)
			}
		}
	}
	return nil
}

// certCode reports whether code fits the catalog's rule for codes.
func certCode(code string) bool {
	if code == "" || len(code) > maxCertCode {
		return false
	}
	for _, r := range code {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// rank orders tiers: 0 for none, 1 to 3 from basic up, -1 for an unknown
// tier.
func (t CertTier) rank() int {
	switch t {
	case TierNone:
		return 0
	case TierBasic:
		return 1
	case TierMiddle:
		return 2
	case TierInternational:
		return 3
	}
	return -1
}

// Above reports whether t says more about a product than other.
func (t CertTier) Above(other CertTier) bool { return t.rank() > other.rank() }

// CertTypes returns the catalog's certifications in its order, which is
// the order owners see them in: licences, product certificates from basic
// to international, then per-shipment documents.
func CertTypes() []CertType { return append([]CertType(nil), certTypes...) }

// CertRank is the type's place in the catalog's order, for sorting an
// owner's certificates without copying the catalog; ok is false for a
// code the catalog does not have.
func CertRank(code string) (rank int, ok bool) {
	rank, ok = certRanks[code]
	return rank, ok
}

// CertTypeByCode finds a certification of the catalog by its code.
func CertTypeByCode(code string) (CertType, bool) {
	for _, t := range certTypes {
		if t.Code == code {
			return t, true
		}
	}
	return CertType{}, false
}

// SectorCertTypes returns the certifications an owner of the sector can
// hold and the bot tracks (CertType.Held): the sector's core ones and,
// when includeProcessed is set (the owner sells packed consumer products),
// those for processed retail products. They come in catalog order, each
// once; per-shipment documents are left out. An unknown sector has none.
func SectorCertTypes(sectorCode string, includeProcessed bool) []CertType {
	s, ok := SectorByCode(sectorCode)
	if !ok {
		return nil
	}
	codes := s.Certs.Core
	if includeProcessed {
		codes = append(append([]string(nil), codes...), s.Certs.ProcessedRetail...)
	}
	return catalogOrder(codes, true)
}

// MarketCertTypes returns what the sector's exporters need for the market
// beyond SectorCertTypes, in catalog order, each once, per-shipment
// documents and market rules included. market is as sectors.json keys it:
// an ISO 3166 alpha-2 code ("US") or "EU"; a member of the European Union
// gets the "EU" entries as well as its own. An unknown sector or market
// has none.
func MarketCertTypes(sectorCode, market string) []CertType {
	s, ok := SectorByCode(sectorCode)
	if !ok || market == "" {
		return nil
	}
	codes := append([]string(nil), s.Certs.MarketSpecific[market]...)
	if market != "EU" && euMembers[market] {
		codes = append(codes, s.Certs.MarketSpecific["EU"]...)
	}
	return catalogOrder(codes, false)
}

// euMembers are the ISO 3166 alpha-2 codes of the European Union's members,
// whose buyers follow the EU's rules (EUDR).
var euMembers = map[string]bool{
	"AT": true, "BE": true, "BG": true, "HR": true, "CY": true, "CZ": true, "DK": true,
	"EE": true, "FI": true, "FR": true, "DE": true, "GR": true, "HU": true, "IE": true,
	"IT": true, "LV": true, "LT": true, "LU": true, "MT": true, "NL": true, "PL": true,
	"PT": true, "RO": true, "SK": true, "SI": true, "ES": true, "SE": true,
}

// catalogOrder returns the catalog's types named in codes, in catalog
// order, each once; only held-able ones when heldOnly.
func catalogOrder(codes []string, heldOnly bool) []CertType {
	want := make(map[string]bool, len(codes))
	for _, c := range codes {
		want[c] = true
	}
	var out []CertType
	for _, t := range certTypes {
		if want[t.Code] && (!heldOnly || t.Held()) {
			out = append(out, t)
		}
	}
	return out
}

// DefaultExpiry is when a certificate of type t issued on c.Issued usually
// expires, to fill in when the owner does not know: Issued plus the
// type's ValidityYears, or, for a US FDA registration, 31 December of the
// even-numbered year its renewal falls due. It is zero when the type has
// no fixed validity or Issued is not known.
func (c Certificate) DefaultExpiry(t CertType) time.Time {
	if t.ValidityYears <= 0 || c.Issued.IsZero() {
		return time.Time{}
	}
	issued := c.Issued.UTC()
	if certRules[t.Code] == ruleFDABiennial {
		year := issued.Year()
		if year%2 != 0 {
			year++
		} else if issued.Month() >= time.October {
			// Registered or renewed inside the window: that was this
			// cycle's renewal.
			year += 2
		}
		return time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
	}
	return issued.AddDate(t.ValidityYears, 0, 0)
}

// Expired reports whether the certificate had expired by now: Expires is
// the last day it is valid, so it expires at the end of that day (UTC). A
// certificate without Expires never expires.
func (c Certificate) Expired(now time.Time) bool {
	return !c.Expires.IsZero() && !now.Before(c.Expires.AddDate(0, 0, 1))
}

// ReadinessTier returns what the owner's certificates say for the readiness
// check's product question (q03): the highest tier among those held and not
// expired at now, and whether a certificate of a tier that counts is being
// applied for. Types no longer in the catalog count for nothing.
func ReadinessTier(certs []Certificate, now time.Time) (tier CertTier, applying bool) {
	for _, c := range certs {
		t, ok := CertTypeByCode(c.Type)
		if !ok || t.Tier == TierNone {
			continue
		}
		switch c.Status {
		case CertHeld:
			if !c.Expired(now) && t.Tier.Above(tier) {
				tier = t.Tier
			}
		case CertApplying:
			applying = true
		}
	}
	return tier, applying
}
