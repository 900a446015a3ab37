package ikmbot

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// The reviewed copies of shared/domain's researched data. They are embedded
// so the binary needs no files at run time.
var (
	//go:embed data/regions.json
	regionsJSON []byte
	//go:embed data/sectors.json
	sectorsJSON []byte
)

// Region is one of Lampung's 15 kabupaten and kota.
type Region struct {
	Code           string `json:"code"` // project-local stable slug, e.g. "BDL"
	KemendagriCode string `json:"kemendagri_code"`
	Type           string `json:"type"` // kabupaten or kota
	Name           string `json:"name"`
	OfficialName   string `json:"official_name"`
}

// Sector is an IKM product sector the programme works with.
type Sector struct {
	Code   string `json:"code"`
	NameID string `json:"name_id"`
	NameEN string `json:"name_en"`
	// ShortID and ShortEN are button labels short enough to read whole on
	// a small phone; the full names go in the message text.
	ShortID string `json:"short_id"`
	ShortEN string `json:"short_en"`
	// Certs are the certification codes (of the catalog in
	// data/certifications.json) the sector's exporters need.
	Certs SectorCerts `json:"certifications"`
}

// Short returns the sector's button label in lang.
func (s Sector) Short(lang string) string {
	if lang == "en" {
		return s.ShortEN
	}
	return s.ShortID
}

// Name returns the sector's name in lang ("en" or anything else for Indonesian).
func (s Sector) Name(lang string) string {
	if lang == "en" {
		return s.NameEN
	}
	return s.NameID
}

var (
	regions []Region
	sectors []Sector
)

func init() {
	var r struct{ Regions []Region }
	if err := json.Unmarshal(regionsJSON, &r); err != nil {
		panic(fmt.Sprintf("embedded regions.json: %v", err))
	}
	var s struct{ Sectors []Sector }
	if err := json.Unmarshal(sectorsJSON, &s); err != nil {
		panic(fmt.Sprintf("embedded sectors.json: %v", err))
	}
	regions, sectors = r.Regions, s.Sectors
}

// Regions returns Lampung's kabupaten and kota in the data's order.
func Regions() []Region { return append([]Region(nil), regions...) }

// Sectors returns the programme's sectors in the data's order.
func Sectors() []Sector { return append([]Sector(nil), sectors...) }

// RegionByCode finds a region by its code.
func RegionByCode(code string) (Region, bool) {
	for _, r := range regions {
		if r.Code == code {
			return r, true
		}
	}
	return Region{}, false
}

// SectorByCode finds a sector by its code.
func SectorByCode(code string) (Sector, bool) {
	for _, s := range sectors {
		if s.Code == code {
			return s, true
		}
	}
	return Sector{}, false
}
