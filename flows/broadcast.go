package flows

import (
	"math"
	"strings"

	"ikmbot"
)

// Step ids of BroadcastCompose, which are also the keys of its answers.
const (
	sbText   = "text"
	sbRegion = "region"
	sbLevel  = "level"
	sbSector = "sector"
	sbExport = "export"
	// Added in version 2.
	sbClass    = "class"
	sbCert     = "cert"
	sbCertHave = "certhave"
	// Added in version 3.
	sbMarket = "market"
)

// Answers of the certhave step: the owners who hold the certificate of the
// cert step, or those who do not.
const (
	sbCertHas   = "y"
	sbCertLacks = "n"
)

// sbAll is the answer that does not narrow the audience.
const sbAll = "-"

// Limits of the announcement: Telegram takes 4096 characters, and the
// preview puts its own lines around the text.
const sbTextMin, sbTextMax = 5, 3500

// sbSummaryMax is how much of the announcement the summary shows; the
// preview that follows shows all of it.
const sbSummaryMax = 200

// sbBarCells is the width of the progress bar.
const sbBarCells = 10

// BroadcastCompose is a staff member's announcement to owners: the text,
// kept exactly as typed, then who gets it (one region, level, sector,
// target country, export status and standing with classes, or all of
// each; then one certificate, held or lacking, or none) and a summary.
// BroadcastFromAnswers reads the confirmed answers; the handler then shows
// BroadcastPreview. Version 2 added the class and certificate steps, and
// keeps the text with its formatting and attachment (sbContent); version
// 3 the target country step. A session of an older version keeps its
// answers and goes on at the first step it has not answered (see
// Flow.reconcile).
var BroadcastCompose = &Flow{
	Name:    "sb",
	Version: 3,
	Summary: true,
	Steps: []Step{
		{ID: sbText, Ask: sbAskText, ParseEvent: sbParseContent, Field: SbFieldText, Show: sbShowText},
		{ID: sbRegion, Ask: fixed(SbAskRegion), Choices: sbRegionChoices, Columns: 3, Field: SbFieldRegion, Show: sbShowRegion},
		{ID: sbLevel, Ask: fixed(SbAskLevel), Choices: sbLevelChoices, Field: SbFieldLevel, Show: sbShowLevel},
		{ID: sbSector, Ask: fixed(SbAskSector), Choices: sbSectorChoices, Columns: 2, Field: SbFieldSector, Show: sbShowSector,
			Clears: []string{sbMarket}},
		{ID: sbMarket, Ask: sbAskMarket, Choices: sbMarketChoices, Columns: marketColumns, Field: SbFieldMarket, Show: sbShowMarket},
		{ID: sbExport, Ask: fixed(SbAskExport), Choices: sbExportChoices, Field: SbFieldExport, Show: sbShowExport},
		{ID: sbClass, Ask: fixed(SbAskClass), Choices: sbClassChoices, Field: SbFieldClass, Show: sbShowClass},
		{ID: sbCert, Ask: fixed(SbAskCert), Choices: sbCertChoices, Columns: 2, Field: SbFieldCert, Show: sbShowCert},
		{ID: sbCertHave, Ask: sbAskCertHave, Choices: sbCertHaveChoices, Columns: 2, Field: SbFieldCertHave, Show: sbShowCertHave,
			Skip: func(a map[string]string) bool { return a[sbCert] == "" || a[sbCert] == sbAll }},
	},
}

func sbAskText(lang string, _ map[string]string) string {
	return T(lang, SbAskText, sbTextMin, sbTextMax)
}

// The "all" choice comes last: it then sits alone on the last row, as
// 15 regions fill rows of 3 and 12 sectors rows of 2.

func sbRegionChoices(lang string, a map[string]string) []Choice {
	return append(regionChoices(lang, a), Choice{sbAll, T(lang, SbAllRegions)})
}

func sbShowRegion(lang, v string) string {
	if v == sbAll {
		return T(lang, SbAllRegions)
	}
	return showRegion(lang, v)
}

// sbLevelName names a level as owners see it ("Kelas Menengah"), not
// escaped: for buttons and the summary, which escapes it.
func sbLevelName(lang string, l ikmbot.Level) string {
	b := levelBand(ikmbot.Readiness(), l)
	return pick(lang, b.NameID, b.NameEN)
}

func sbLevelChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, l := range []ikmbot.Level{ikmbot.LevelPemula, ikmbot.LevelMenengah, ikmbot.LevelMahir} {
		cs = append(cs, Choice{string(l), sbLevelName(lang, l)})
	}
	return append(cs, Choice{sbAll, T(lang, SbAllLevels)})
}

func sbShowLevel(lang, v string) string {
	if v == sbAll {
		return T(lang, SbAllLevels)
	}
	return sbLevelName(lang, ikmbot.Level(v))
}

// sbSectorChoices offer the sectors and "other", which owners choose at
// sign-up too.
func sbSectorChoices(lang string, a map[string]string) []Choice {
	return append(sectorChoices(lang, a), Choice{sbAll, T(lang, SbAllSectors)})
}

// sbSectorShort is a sector's short name, as on its button.
func sbSectorShort(lang, v string) string {
	if s, ok := ikmbot.SectorByCode(v); ok {
		return s.Short(lang)
	}
	if v == ikmbot.SectorOther {
		return T(lang, SuSectorOther)
	}
	return v
}

func sbShowSector(lang, v string) string {
	if v == sbAll {
		return T(lang, SbAllSectors)
	}
	return sbSectorShort(lang, v)
}

// sbSectorChosen is the sector the sector step narrowed to, or "" for
// all (or not asked yet).
func sbSectorChosen(a map[string]string) string {
	if v := a[sbSector]; v != sbAll {
		return v
	}
	return ""
}

// sbAskMarket asks for a target country and, when a sector was chosen,
// says the countries offered are that sector's.
func sbAskMarket(lang string, a map[string]string) string {
	text := T(lang, SbAskMarket, ikmbot.MaxTargetMarkets)
	if sector := sbSectorChosen(a); sector != "" {
		text += "\n" + T(lang, SbAskMarketSector, Escape(sbSectorShort(lang, sector)))
	}
	return text
}

// sbMarketChoices offer the countries owners can choose as targets: with
// a sector chosen, those /pasar offers that sector's owners
// (ikmbot.SectorMarkets: its usual markets, or the province's top
// destinations when it has none), in /pasar's order; otherwise every
// country, by name, since owners of different sectors choose among
// different ones. Then "all". A new sector asks the country again
// (Step.Clears), since the new sector's list may not offer it.
func sbMarketChoices(lang string, a map[string]string) []Choice {
	var countries []ikmbot.Country
	if sector := sbSectorChosen(a); sector != "" {
		countries, _ = ikmbot.SectorMarkets(sector)
	} else {
		countries = targetCountriesByName(lang)
	}
	cs := make([]Choice, 0, len(countries)+1)
	for _, c := range countries {
		cs = append(cs, Choice{c.ISO2, countryLabel(lang, c)})
	}
	return append(cs, Choice{sbAll, T(lang, SbAllMarkets)})
}

func sbShowMarket(lang, v string) string {
	if v == sbAll {
		return T(lang, SbAllMarkets)
	}
	return targetCountryLabel(lang, v)
}

var sbExportLabels = map[ikmbot.ExportStatus]Key{
	ikmbot.ExportNever:    SbExportNever,
	ikmbot.ExportIndirect: SbExportIndirect,
	ikmbot.ExportDirect:   SbExportDirect,
}

func sbExportChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, e := range ikmbot.ExportStatuses {
		cs = append(cs, Choice{string(e), T(lang, sbExportLabels[e])})
	}
	return append(cs, Choice{sbAll, T(lang, SbAllExports)})
}

func sbShowExport(lang, v string) string {
	if v == sbAll {
		return T(lang, SbAllExports)
	}
	if k, ok := sbExportLabels[ikmbot.ExportStatus(v)]; ok {
		return T(lang, k)
	}
	return v
}

// sbClassFilters are the class step's choices besides "all", in the order
// of its buttons, with their labels.
var sbClassFilters = []struct {
	f     ikmbot.ClassFilter
	label Key
}{
	{ikmbot.ClassFilterEnrolled, SbClassEnrolled},
	{ikmbot.ClassFilterCompleted, SbClassCompleted},
	{ikmbot.ClassFilterNone, SbClassNone},
}

func sbClassChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, c := range sbClassFilters {
		cs = append(cs, Choice{string(c.f), T(lang, c.label)})
	}
	return append(cs, Choice{sbAll, T(lang, SbAllClasses)})
}

func sbShowClass(lang, v string) string {
	if v == sbAll {
		return T(lang, SbAllClasses)
	}
	for _, c := range sbClassFilters {
		if string(c.f) == v {
			return T(lang, c.label)
		}
	}
	return v
}

// sbCertChoices offer every certification an owner can record (the
// certificate conversation offers the same, CertType.Held), in catalog
// order, and "all".
func sbCertChoices(lang string, _ map[string]string) []Choice {
	var codes []string
	for _, t := range ikmbot.CertTypes() {
		if t.Held() {
			codes = append(codes, t.Code)
		}
	}
	return append(certTypeChoices(lang, codes), Choice{sbAll, T(lang, SbAllCerts)})
}

// sbCertShort is a certification's short name, as on its button, not
// escaped; a code the catalog no longer has shows as itself.
func sbCertShort(lang, code string) string {
	if t, ok := ikmbot.CertTypeByCode(code); ok {
		return t.Short(lang)
	}
	return code
}

func sbShowCert(lang, v string) string {
	if v == sbAll {
		return T(lang, SbAllCerts)
	}
	return sbCertShort(lang, v)
}

func sbAskCertHave(lang string, a map[string]string) string {
	return T(lang, SbAskCertHave, Escape(sbCertShort(lang, a[sbCert])))
}

func sbCertHaveChoices(lang string, _ map[string]string) []Choice {
	return []Choice{{sbCertHas, T(lang, SbCertHas)}, {sbCertLacks, T(lang, SbCertLacks)}}
}

func sbShowCertHave(lang, v string) string {
	switch v {
	case sbCertHas:
		return T(lang, SbCertHas)
	case sbCertLacks:
		return T(lang, SbCertLacks)
	}
	return v
}

// BroadcastFromAnswers reads confirmed BroadcastCompose answers: the
// message owners get (the formatted text as HTML, or a photo or document
// with it as the caption; no chat id, no buttons) and its audience. An
// "all" answer leaves its list (or its class filter or certificate)
// empty, so it does not narrow the audience.
func BroadcastFromAnswers(answers map[string]string) (msg ikmbot.Message, a ikmbot.Audience) {
	return broadcastMessage(answers[sbText]), audienceFromAnswers(answers)
}

// audienceFromAnswers reads the answers to the audience questions, which
// the export (Export) asks with the same steps.
func audienceFromAnswers(answers map[string]string) (a ikmbot.Audience) {
	one := func(id string) []string {
		if v := answers[id]; v != "" && v != sbAll {
			return []string{v}
		}
		return nil
	}
	a.Regions = one(sbRegion)
	a.Sectors = one(sbSector)
	a.Markets = one(sbMarket)
	for _, v := range one(sbLevel) {
		a.Levels = append(a.Levels, ikmbot.Level(v))
	}
	for _, v := range one(sbExport) {
		a.Exports = append(a.Exports, ikmbot.ExportStatus(v))
	}
	for _, v := range one(sbClass) {
		a.Class = ikmbot.ClassFilter(v)
	}
	for _, v := range one(sbCert) {
		a.CertType, a.CertLacking = v, answers[sbCertHave] == sbCertLacks
	}
	return a
}

// AudienceLine describes an audience on one line of HTML for staff:
// "Semua pemilik IKM", or what narrows it, such as "Tanggamus · Kelas
// Menengah · Kopi · menargetkan 🇯🇵 Jepang · belum pernah ekspor · sedang
// ikut kelas · belum punya Sertifikat halal".
func AudienceLine(lang string, a ikmbot.Audience) string {
	var parts []string
	add := func(names []string) {
		if len(names) > 0 {
			parts = append(parts, Escape(strings.Join(names, ", ")))
		}
	}
	var names []string
	for _, r := range a.Regions {
		names = append(names, showRegion(lang, r))
	}
	add(names)
	names = nil
	for _, l := range a.Levels {
		names = append(names, sbLevelName(lang, l))
	}
	add(names)
	names = nil
	for _, s := range a.Sectors {
		names = append(names, sbSectorShort(lang, s))
	}
	add(names)
	if len(a.Markets) > 0 {
		names = nil
		for _, m := range a.Markets {
			names = append(names, targetCountryLabel(lang, m))
		}
		parts = append(parts, T(lang, SbLineMarkets, Escape(strings.Join(names, ", "))))
	}
	names = nil
	for _, e := range a.Exports {
		names = append(names, strings.ToLower(sbShowExport(lang, string(e))))
	}
	add(names)
	if a.Class != ikmbot.ClassFilterAll {
		add([]string{strings.ToLower(sbShowClass(lang, string(a.Class)))})
	}
	if a.CertType != "" {
		k := SbLineCertHas
		if a.CertLacking {
			k = SbLineCertLacks
		}
		parts = append(parts, T(lang, k, Escape(sbCertShort(lang, a.CertType))))
	}
	if len(parts) == 0 {
		return T(lang, SbAudienceAll)
	}
	return strings.Join(parts, " · ")
}

// BroadcastPreview is what staff see under the broadcast's copy (sent
// just before it, exactly as owners will get it): who gets it and how
// many they are (count), or, when nobody matches, a request to change
// the audience.
func BroadcastPreview(lang string, a ikmbot.Audience, count int64) string {
	var b strings.Builder
	b.WriteString(T(lang, SbPreview) + "\n")
	b.WriteString(T(lang, SbPreviewTarget, AudienceLine(lang, a)) + "\n")
	if count <= 0 {
		b.WriteString(T(lang, SbNobody))
	} else {
		b.WriteString(T(lang, SbPreviewCount, count))
	}
	return b.String()
}

// BroadcastProgress is the one message staff watch while a broadcast goes
// out, edited in place: its status, a bar of recipients handled, the
// counts and, while sending at perSecond recipients a second (0 when not
// known), the time left. When the broadcast is done or cancelled it is
// the final report.
func BroadcastProgress(lang string, b ikmbot.Broadcast, perSecond float64) string {
	lines := sbProgressLines(lang, b, perSecond)
	if by := BroadcastByline(lang, b); by != "" {
		lines = append(lines, by)
	}
	return strings.Join(lines, "\n")
}

// sbProgressLines are the lines of BroadcastProgress above the byline.
func sbProgressLines(lang string, b ikmbot.Broadcast, perSecond float64) []string {
	left := max(b.Left(), 0)
	switch b.Status {
	case ikmbot.BroadcastDone:
		return []string{T(lang, SbDone, b.Sent, b.Total, b.Blocked, b.Failed)}
	case ikmbot.BroadcastCancelled:
		return []string{T(lang, SbStopped, b.Sent, b.Total, left, b.Blocked, b.Failed)}
	case ikmbot.BroadcastRejected:
		return []string{T(lang, SbStatusRejected)}
	case ikmbot.BroadcastPending:
		return []string{T(lang, SbStatusPending)}
	}
	status := SbStatusSending
	switch b.Status {
	case ikmbot.BroadcastPaused:
		status = SbStatusPaused
	case ikmbot.BroadcastDraft:
		status = SbStatusDraft
	}
	lines := []string{
		T(lang, status),
		T(lang, SbBar, sbBar(b.Total-left, b.Total), sbPercent(b.Total-left, b.Total)),
		T(lang, SbCounts, b.Sent, left, b.Blocked, b.Failed),
	}
	if b.Status == ikmbot.BroadcastSending && perSecond > 0 && left > 0 {
		lines = append(lines, sbEta(lang, left, perSecond))
	}
	return lines
}

// sbPercent is done of total in whole percent, rounded down so 100% means
// finished.
func sbPercent(done, total int64) int64 {
	if total <= 0 {
		return 0
	}
	return min(max(done, 0)*100/total, 100)
}

// sbBar draws done of total as sbBarCells cells, ▓ for done.
func sbBar(done, total int64) string {
	n := int(sbPercent(done, total) * sbBarCells / 100)
	return strings.Repeat("▓", n) + strings.Repeat("░", sbBarCells-n)
}

// sbEta says how long left recipients take at perSecond, in whole minutes
// rounded up.
func sbEta(lang string, left int64, perSecond float64) string {
	seconds := float64(left) / perSecond
	if seconds <= 60 {
		return T(lang, SbEtaSoon)
	}
	return T(lang, SbEta, int(math.Ceil(seconds/60)))
}
