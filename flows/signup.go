package flows

import (
	"strings"
	"time"

	"ikmbot"
)

// Step ids of the sign-up flow; they are also the keys of its answers.
const (
	StepConsent     = "consent"
	StepOwnerName   = "name"
	StepPhone       = "phone"
	StepBusiness    = "business"
	StepNIB         = "nib"
	StepRegion      = "region"
	StepSector      = "sector"
	StepSectorOther = "sector_other"
	StepProducts    = "products"
	StepWorkers     = "workers"
	StepCapacity    = "capacity"
	StepExport      = "export"
	// AnswerSource carries the deep-link source through the flow; it is not
	// a step and is never asked.
	AnswerSource = "_source"
)

const (
	consentYes = "yes"
	consentNo  = "no"
	noNIB      = "none"
)

// SignUp is the owner sign-up conversation: consent first, then one
// question at a time, then a summary where any answer can be changed.
var SignUp = &Flow{
	Name:    "su",
	Version: 1,
	Summary: true,
	Steps: []Step{
		{ID: StepConsent, Ask: fixed(SuConsent), Columns: 2, Abort: consentNo, AbortText: SuDeclined, Choices: func(lang string, _ map[string]string) []Choice {
			return []Choice{{consentYes, T(lang, SuAgree)}, {consentNo, T(lang, SuDisagree)}}
		}},
		{ID: StepOwnerName, Ask: fixed(SuOwnerName), Parse: wordsParser(100, ErrName), Field: FieldOwnerName},
		{ID: StepPhone, Ask: fixed(SuPhone), Parse: ParsePhone, Contact: true, Field: FieldPhone},
		{ID: StepBusiness, Ask: fixed(SuBusinessName), Parse: wordsParser(120, ErrBusinessName), Field: FieldBusinessName},
		{ID: StepNIB, Ask: fixed(SuNIB), Parse: parseNIBAnswer, Field: FieldNIB, Show: showNIB,
			Choices: func(lang string, _ map[string]string) []Choice { return []Choice{{noNIB, T(lang, SuNoNIB)}} }},
		{ID: StepRegion, Ask: fixed(SuRegion), Choices: regionChoices, Columns: 2, Field: FieldRegion, Show: showRegion},
		{ID: StepSector, Ask: askSector, Choices: sectorChoices, Columns: 2, Field: FieldSector, Show: showSector},
		{ID: StepSectorOther, Ask: fixed(SuSectorOtherAsk), Parse: wordsParser(100, ErrSectorOther), Field: FieldSectorOther,
			Skip: func(a map[string]string) bool { return a[StepSector] != ikmbot.SectorOther }},
		{ID: StepProducts, Ask: fixed(SuProducts), Parse: wordsParser(300, ErrProducts), Field: FieldProducts},
		{ID: StepWorkers, Ask: fixed(SuWorkers), Choices: workerChoices, Columns: 2, Field: FieldWorkers, Show: showWorkers},
		{ID: StepCapacity, Ask: fixed(SuCapacity), Parse: ParseCapacity, Field: FieldCapacity},
		{ID: StepExport, Ask: fixed(SuExportStatus), Choices: exportChoices, Field: FieldExportStatus, Show: showExport},
	},
}

func fixed(k Key) func(string, map[string]string) string {
	return func(lang string, _ map[string]string) string { return T(lang, k) }
}

func parseNIBAnswer(text string) (string, *Problem) {
	switch strings.ToLower(strings.Join(strings.Fields(text), " ")) {
	case "belum", "belum punya", "belum ada", "tidak ada", "tidak punya", "no", "none", "no nib":
		return noNIB, nil
	}
	return ParseNIB(text)
}

func showNIB(lang, v string) string {
	if v == noNIB {
		return T(lang, ValueNoNIB)
	}
	return v
}

func regionChoices(string, map[string]string) []Choice {
	var cs []Choice
	for _, r := range ikmbot.Regions() {
		cs = append(cs, Choice{r.Code, r.Name})
	}
	return cs
}

func showRegion(_, v string) string {
	if r, ok := ikmbot.RegionByCode(v); ok {
		return r.Name
	}
	return v
}

// askSector writes every sector's full name in the message, since button
// labels are short.
func askSector(lang string, _ map[string]string) string {
	var b strings.Builder
	for _, s := range ikmbot.Sectors() {
		b.WriteString("• <b>" + Escape(s.Short(lang)) + "</b>: " + Escape(s.Name(lang)) + "\n")
	}
	return T(lang, SuSector, strings.TrimSuffix(b.String(), "\n"))
}

func sectorChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, s := range ikmbot.Sectors() {
		cs = append(cs, Choice{s.Code, s.Short(lang)})
	}
	return append(cs, Choice{ikmbot.SectorOther, T(lang, SuSectorOther)})
}

func showSector(lang, v string) string {
	if s, ok := ikmbot.SectorByCode(v); ok {
		return s.Name(lang)
	}
	return T(lang, SuSectorOther)
}

func workerChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, w := range ikmbot.WorkerRanges {
		cs = append(cs, Choice{string(w), T(lang, SuWorkersLabel, string(w))})
	}
	return cs
}

func showWorkers(lang, v string) string { return T(lang, SuWorkersLabel, v) }

var exportLabels = map[ikmbot.ExportStatus]Key{
	ikmbot.ExportNever:    SuExportNever,
	ikmbot.ExportIndirect: SuExportIndirect,
	ikmbot.ExportDirect:   SuExportDirect,
}

func exportChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, e := range ikmbot.ExportStatuses {
		cs = append(cs, Choice{string(e), T(lang, exportLabels[e])})
	}
	return cs
}

func showExport(lang, v string) string {
	if k, ok := exportLabels[ikmbot.ExportStatus(v)]; ok {
		return T(lang, k)
	}
	return v
}

// NewProfile builds the profile that confirmed sign-up answers describe.
// base is the stored profile when the owner changes it (creation time,
// consent and source are kept) or the zero Profile at sign-up.
func NewProfile(userID int64, answers map[string]string, base ikmbot.Profile, now time.Time) ikmbot.Profile {
	p := base
	p.UserID = userID
	p.OwnerName = answers[StepOwnerName]
	p.Phone = answers[StepPhone]
	p.BusinessName = answers[StepBusiness]
	p.NIB, p.NoNIB = answers[StepNIB], answers[StepNIB] == noNIB
	if p.NoNIB {
		p.NIB = ""
	}
	p.Region = answers[StepRegion]
	p.Sector = answers[StepSector]
	p.SectorOther = answers[StepSectorOther]
	p.Products = answers[StepProducts]
	p.Workers = ikmbot.WorkerRange(answers[StepWorkers])
	p.Capacity = answers[StepCapacity]
	p.ExportStatus = ikmbot.ExportStatus(answers[StepExport])
	if p.CreatedAt.IsZero() {
		p.CreatedAt, p.ConsentAt = now, now
		p.Source = answers[AnswerSource]
	}
	p.UpdatedAt = now
	return p
}

// ProfileAnswers turns a stored profile back into sign-up answers, to show
// it and to change it through the same questions.
func ProfileAnswers(p ikmbot.Profile) map[string]string {
	a := map[string]string{
		StepConsent:   consentYes,
		StepOwnerName: p.OwnerName,
		StepPhone:     p.Phone,
		StepBusiness:  p.BusinessName,
		StepNIB:       p.NIB,
		StepRegion:    p.Region,
		StepSector:    p.Sector,
		StepProducts:  p.Products,
		StepWorkers:   string(p.Workers),
		StepCapacity:  p.Capacity,
		StepExport:    string(p.ExportStatus),
	}
	if p.NoNIB {
		a[StepNIB] = noNIB
	}
	if p.Sector == ikmbot.SectorOther {
		a[StepSectorOther] = p.SectorOther
	}
	return a
}
