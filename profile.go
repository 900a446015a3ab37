package ikmbot

import (
	"strings"
	"time"
)

// ExportStatus says how far an IKM already exports.
type ExportStatus string

// Export statuses an owner can choose at sign-up.
const (
	ExportNever    ExportStatus = "never"
	ExportIndirect ExportStatus = "indirect" // through a trader or aggregator
	ExportDirect   ExportStatus = "direct"
)

// ExportStatuses lists the statuses in the order they are offered.
var ExportStatuses = []ExportStatus{ExportNever, ExportIndirect, ExportDirect}

// WorkerRange is a bucket of the number of workers, offered as buttons so
// owners need not count exactly.
type WorkerRange string

// Worker ranges offered at sign-up; they follow BPS's micro/small/medium cut-offs.
const (
	Workers1to4    WorkerRange = "1-4"
	Workers5to19   WorkerRange = "5-19"
	Workers20to99  WorkerRange = "20-99"
	Workers100Plus WorkerRange = "100+"
)

// WorkerRanges lists the ranges in the order they are offered.
var WorkerRanges = []WorkerRange{Workers1to4, Workers5to19, Workers20to99, Workers100Plus}

// Profile is what an IKM owner told the bot at sign-up. Only what the owner
// was told about at consent is stored here.
type Profile struct {
	UserID       int64        `json:"user_id"` // Telegram user id; equals the private chat id
	OwnerName    string       `json:"owner_name"`
	Phone        string       `json:"phone"` // normalised, +62...
	BusinessName string       `json:"business_name"`
	NIB          string       `json:"nib,omitempty"` // 13 digits; empty when NoNIB
	NoNIB        bool         `json:"no_nib,omitempty"`
	Region       string       `json:"region"`                 // Region.Code
	Sector       string       `json:"sector"`                 // Sector.Code, or SectorOther
	SectorOther  string       `json:"sector_other,omitempty"` // typed when Sector is SectorOther
	Products     string       `json:"products"`
	Workers      WorkerRange  `json:"workers"`
	Capacity     string       `json:"capacity"` // monthly production capacity, free text
	ExportStatus ExportStatus `json:"export_status"`
	Source       string       `json:"source,omitempty"` // deep-link src_<code> that brought the owner
	ConsentAt    time.Time    `json:"consent_at"`
	CreatedAt    time.Time    `json:"created_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
}

// SectorOther is the sector code for "Lainnya": the owner typed their sector.
const SectorOther = "LAINNYA"

// NormalizePhone reads an Indonesian phone number as people type it
// (0812..., +62 812-..., 62812..., 812...) and returns it as +62 followed
// by digits, the form Profile.Phone is stored in; ok is false for
// anything else. Sign-up validates with it and staff's search compares
// with it, so a number typed either way finds the owner.
func NormalizePhone(text string) (phone string, ok bool) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r == '+':
			return r
		case r == ' ', r == '-', r == '.', r == '(', r == ')':
			return -1
		}
		return 'x' // anything else makes the number invalid below
	}, strings.TrimSpace(text))
	rest := digits
	switch {
	case strings.HasPrefix(rest, "+62"):
		rest = rest[3:]
	case strings.HasPrefix(rest, "62"):
		rest = rest[2:]
	case strings.HasPrefix(rest, "0"):
		rest = rest[1:]
	}
	// What remains is the subscriber number: 8 to 12 digits, never starting
	// with 0 (mobile numbers start with 8, Lampung landlines with 7).
	if len(rest) < 8 || len(rest) > 12 || rest[0] == '0' || strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return "", false
	}
	return "+62" + rest, true
}
