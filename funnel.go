package ikmbot

import "time"

// FunnelStage is one step of the way from signing up to exporting, as
// /statistik (issue 8) counts owners.
type FunnelStage string

// Funnel stages, in the order an owner usually reaches them. An owner is
// counted at every stage they are at, not only the furthest: one who
// exports without a class is counted as exporting and not as enrolled.
const (
	// StageSignedUp: the owner has a saved profile. Every other stage
	// needs it; an owner without a profile is counted nowhere.
	StageSignedUp FunnelStage = "signed_up"
	// StageChecked: the owner has a readiness level (User.Level).
	StageChecked FunnelStage = "checked"
	// StageEnrolled: the owner holds a seat in some class, a finished or
	// cancelled one included (their seats stay as the record), or
	// completed one. This is "ever enrolled" as far as the records tell:
	// only leaving a class gives its seat up, and a place on a waiting
	// list is not a seat.
	StageEnrolled FunnelStage = "enrolled"
	// StageCompleted: staff recorded the owner as having completed some
	// class.
	StageCompleted FunnelStage = "completed"
	// StageCertified: the owner holds every certification of their
	// sector's core list that an owner can hold (SectorCertTypes(sector,
	// false)), each recorded as held and not expired. Every sector's core
	// list starts with NIB and NPWP, so "at least one" would say little.
	// An owner of an unknown sector or of SectorOther, which have no core
	// list, is never certified. Expiry is judged when the owner's counts
	// were last refreshed; RepairFunnel judges again.
	StageCertified FunnelStage = "certified"
	// StageExporting: the profile's ExportStatus is indirect or direct.
	StageExporting FunnelStage = "exporting"
)

// FunnelStages lists the stages in funnel order; a FunnelFlags bit i is
// stage FunnelStages[i].
var FunnelStages = []FunnelStage{StageSignedUp, StageChecked, StageEnrolled, StageCompleted, StageCertified, StageExporting}

// FunnelFlags is the set of stages one owner is at, one bit per stage in
// the order of FunnelStages.
type FunnelFlags uint8

// Has reports whether stage s is in the set.
func (f FunnelFlags) Has(s FunnelStage) bool {
	for i, st := range FunnelStages {
		if st == s {
			return f&(1<<i) != 0
		}
	}
	return false
}

// With returns f with stage s added.
func (f FunnelFlags) With(s FunnelStage) FunnelFlags {
	for i, st := range FunnelStages {
		if st == s {
			return f | 1<<i
		}
	}
	return f
}

// FunnelFacts are what a User does not carry that the funnel needs: the
// owner's class records and certificates, and the time certificates are
// judged at.
type FunnelFacts struct {
	Enrolled  bool // holds a seat in some class (see StageEnrolled)
	Completed bool // recorded as having completed some class
	Certs     []Certificate
	Now       time.Time
}

// Funnel returns the stages the owner is at, from their records: nothing
// for a user without a profile.
func Funnel(u User, f FunnelFacts) FunnelFlags {
	if u.Profile == nil {
		return 0
	}
	flags := FunnelFlags(0).With(StageSignedUp)
	if u.Level != "" {
		flags = flags.With(StageChecked)
	}
	if f.Enrolled || f.Completed {
		flags = flags.With(StageEnrolled)
	}
	if f.Completed {
		flags = flags.With(StageCompleted)
	}
	if SectorCertified(u.Profile.Sector, f.Certs, f.Now) {
		flags = flags.With(StageCertified)
	}
	if s := u.Profile.ExportStatus; s == ExportIndirect || s == ExportDirect {
		flags = flags.With(StageExporting)
	}
	return flags
}

// SectorCoreCodes returns the codes of the sector's core certifications an
// owner can hold, those StageCertified asks for; none for an unknown
// sector.
func SectorCoreCodes(sector string) []string {
	types := SectorCertTypes(sector, false)
	codes := make([]string, len(types))
	for i, t := range types {
		codes[i] = t.Code
	}
	return codes
}

// SectorCertified reports whether certs hold, at now, every core
// certification of the sector (see StageCertified).
func SectorCertified(sector string, certs []Certificate, now time.Time) bool {
	codes := SectorCoreCodes(sector)
	if len(codes) == 0 {
		return false
	}
	held := make(map[string]bool, len(certs))
	for _, c := range certs {
		if c.Status == CertHeld && !c.Expired(now) {
			held[c.Type] = true
		}
	}
	for _, code := range codes {
		if !held[code] {
			return false
		}
	}
	return true
}

// FunnelCounts are the owners at each stage, overall, per region
// (Region.Code) and per sector (Sector.Code or SectorOther). Owners whose
// profile has no region or sector are only in Total.
type FunnelCounts struct {
	Total    map[FunnelStage]int64
	ByRegion map[string]map[FunnelStage]int64
	BySector map[string]map[FunnelStage]int64
}
