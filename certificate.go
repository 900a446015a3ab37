package ikmbot

import "time"

// CertKind says what sort of paper a certification is.
type CertKind string

// Kinds of certification, as the researched catalog names them.
const (
	KindLicense     CertKind = "business_license"   // NIB, NPWP: no expiry
	KindCertificate CertKind = "certificate"        // expires and is renewed
	KindShipment    CertKind = "shipment_document"  // issued per consignment, not held
	KindMarket      CertKind = "market_requirement" // a buyer market's rule (EUDR)
	KindCollective  CertKind = "collective_right"   // held by a community (IG Lada)
)

// CertTier is how much a held certificate says about a product's
// readiness, as the readiness check's product question (q03) grades it.
type CertTier string

// Tiers, lowest first.
const (
	TierNone          CertTier = ""              // does not count for q03
	TierBasic         CertTier = "dasar"         // SPP-IRT, halal, a registered brand
	TierMiddle        CertTier = "menengah"      // BPOM MD, SNI, SKP, SVLK, organic
	TierInternational CertTier = "internasional" // HACCP, ISO 22000/FSSC, FDA registration
)

// CertType is one certification of the embedded catalog
// (data/certifications.json).
type CertType struct {
	Code   string   `json:"code"` // e.g. "BPOM_MD"; short, upper case, no ':'
	Kind   CertKind `json:"kind"`
	NameID string   `json:"name_id"`
	NameEN string   `json:"name_en"`
	// ShortID and ShortEN label buttons: whole on a small phone.
	ShortID string `json:"short_id"`
	ShortEN string `json:"short_en"`
	Issuer  string `json:"issuer"`
	// ValidityYears is how long a certificate usually lasts; 0 when it
	// has no fixed expiry.
	ValidityYears int `json:"validity_years"`
	// RenewLeadDays is how long before expiry renewal should start; 0 for
	// no renewal reminder at that lead (the 30- and 7-day ones still go).
	RenewLeadDays int  `json:"renew_lead_days"`
	PerShipment   bool `json:"per_shipment"`
	// Uncertain marks a validity the research could not confirm: the owner
	// is told to check the date on the certificate.
	Uncertain bool     `json:"uncertain"`
	Tier      CertTier `json:"readiness_tier"`
	// HowID and HowEN say what to do and where to get or renew it (OSS,
	// BPJPH, BPOM, the office's help desk), for the owner.
	HowID string `json:"how_id"`
	HowEN string `json:"how_en"`
}

// Name returns the certification's name in lang.
func (t CertType) Name(lang string) string {
	if lang == "en" {
		return t.NameEN
	}
	return t.NameID
}

// Short returns the certification's button label in lang.
func (t CertType) Short(lang string) string {
	if lang == "en" {
		return t.ShortEN
	}
	return t.ShortID
}

// How returns what to do to get or renew it, in lang.
func (t CertType) How(lang string) string {
	if lang == "en" {
		return t.HowEN
	}
	return t.HowID
}

// Held reports whether an owner can hold the certification as a standing
// paper the bot tracks (not a per-shipment document or a market rule).
func (t CertType) Held() bool {
	return !t.PerShipment && (t.Kind == KindLicense || t.Kind == KindCertificate || t.Kind == KindCollective)
}

// SectorCerts are the certifications a sector's exporters need, from the
// sector catalog.
type SectorCerts struct {
	Core            []string            `json:"core"`             // every exporter of the sector
	ProcessedRetail []string            `json:"processed_retail"` // processed, retail-packed products
	MarketSpecific  map[string][]string `json:"market_specific"`  // by market: "US", "EU", "GCC", ...
	Optional        []string            `json:"optional"`
}

// CertStatus is where an owner stands with a certification.
type CertStatus string

// Certificate statuses. An owner with neither for a type is missing it.
const (
	CertHeld      CertStatus = "held"
	CertApplying  CertStatus = "applying" // application in process
	CertNoneKnown CertStatus = ""
)

// Certificate is one certification as an owner recorded it.
type Certificate struct {
	Type    string     `json:"type"` // CertType.Code
	Status  CertStatus `json:"status"`
	Number  string     `json:"number,omitempty"`
	Issued  time.Time  `json:"issued,omitzero"`  // the day, UTC midnight
	Expires time.Time  `json:"expires,omitzero"` // the day, UTC midnight; zero: no expiry
	// ExpiryGuessed says Expires was filled in from the catalog's usual
	// validity, not read off the certificate.
	ExpiryGuessed bool      `json:"expiry_guessed,omitempty"`
	Since         time.Time `json:"since,omitzero"` // applying since
	UpdatedAt     time.Time `json:"updated_at"`
}

// HelpStatus is where a help request stands.
type HelpStatus string

// Help request statuses.
const (
	HelpOpen   HelpStatus = "open"   // waiting for staff
	HelpTaken  HelpStatus = "taken"  // a staff member handles it
	HelpClosed HelpStatus = "closed" // done
)

// HelpRequest is an owner's request for help (with a certification, or in
// general), handled by staff through the bot. History keeps every step.
type HelpRequest struct {
	ID        string     `json:"id"` // decimal sequence number
	OwnerID   int64      `json:"owner_id"`
	Region    string     `json:"region"`              // the owner's kabupaten/kota when opened
	CertType  string     `json:"cert_type,omitempty"` // empty: not about one certification
	Text      string     `json:"text"`
	Status    HelpStatus `json:"status"`
	TakenBy   int64      `json:"taken_by,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	History   []HelpStep `json:"history"`
}

// HelpStep is one step of a help request's history.
type HelpStep struct {
	At   time.Time `json:"at"`
	By   int64     `json:"by"`
	Role Role      `json:"role"`
	// Kind is "opened", "taken", "reply" (staff to owner), "note" (owner
	// to staff) or "closed".
	Kind string `json:"kind"`
	Text string `json:"text,omitempty"`
}
