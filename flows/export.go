package flows

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"ikmbot"
)

// Step ids of Export besides the audience questions, which are
// BroadcastCompose's own steps (the same ids, choices and show
// functions), so both ask for owners alike and audienceFromAnswers reads
// both.
const (
	exFormat = "format"
	exTable  = "table"
	exScope  = "scope"
)

// Answers of the scope step: every owner, or the audience questions.
const (
	exScopeAll  = "all"
	exScopeSome = "some"
)

// Export is staff's /ekspor: the file (an Excel workbook of every table,
// or one table as CSV), whose owners (all, or filtered with the
// broadcast's audience questions) and a summary. ExportFromAnswers reads
// the confirmed answers. Version 2 asks the broadcast's target country
// question too (BroadcastCompose's version 3).
var Export = &Flow{
	Name:    "ex",
	Version: 2,
	Summary: true,
	Steps: append([]Step{
		{ID: exFormat, Ask: fixed(ExAskFormat), Choices: exFormatChoices, Columns: 2, Field: ExFieldFormat, Show: exShowFormat},
		{ID: exTable, Ask: fixed(ExAskTable), Choices: exTableChoices, Columns: 2, Field: ExFieldTable, Show: exShowTable,
			Skip: func(a map[string]string) bool { return a[exFormat] != "" && a[exFormat] != string(ikmbot.FormatCSV) }},
		{ID: exScope, Ask: fixed(ExAskScope), Choices: exScopeChoices, Field: ExFieldScope, Show: exShowScope},
	}, exAudienceSteps()...),
}

// exAsks are the audience questions whose broadcast wording ("this
// broadcast", "do not receive it") would not fit an export.
var exAsks = map[string]Key{sbLevel: ExAskLevel, sbCert: ExAskCert}

// exAudienceSteps are BroadcastCompose's audience steps, left out when
// staff chose every owner. Until they chose, the steps (and the CSV's
// table) count in the progress line: "step 1 of 10" that ends early reads
// better than a count that grows.
func exAudienceSteps() []Step {
	var out []Step
	for _, st := range BroadcastCompose.Steps {
		if st.ID == sbText {
			continue
		}
		if k, ok := exAsks[st.ID]; ok {
			st.Ask = fixed(k)
		}
		skip := st.Skip
		st.Skip = func(a map[string]string) bool {
			return a[exScope] == exScopeAll || (skip != nil && skip(a))
		}
		out = append(out, st)
	}
	return out
}

func exFormatChoices(lang string, _ map[string]string) []Choice {
	return []Choice{{string(ikmbot.FormatXLSX), T(lang, ExFormatXLSX)}, {string(ikmbot.FormatCSV), T(lang, ExFormatCSV)}}
}

func exShowFormat(lang, v string) string {
	if v == string(ikmbot.FormatCSV) {
		return T(lang, ExFormatCSV)
	}
	return T(lang, ExFormatXLSX)
}

func exTableChoices(lang string, _ map[string]string) []Choice {
	var cs []Choice
	for _, t := range exportTables {
		cs = append(cs, Choice{string(t.id), T(lang, t.name)})
	}
	return cs
}

func exShowTable(lang, v string) string {
	for _, t := range exportTables {
		if string(t.id) == v {
			return T(lang, t.name)
		}
	}
	return v
}

func exScopeChoices(lang string, _ map[string]string) []Choice {
	return []Choice{{exScopeAll, T(lang, ExScopeAll)}, {exScopeSome, T(lang, ExScopeSome)}}
}

func exShowScope(lang, v string) string {
	if v == exScopeSome {
		return T(lang, ExScopeSome)
	}
	return T(lang, ExScopeAll)
}

// ExportRequest is what staff asked /ekspor for.
type ExportRequest struct {
	Format ikmbot.ExportFormat
	// Table is the one table of a CSV; empty for a workbook, which has
	// them all.
	Table    ExportTableID
	Audience ikmbot.Audience
}

// ExportFromAnswers reads confirmed Export answers. A CSV without a known
// table is the owners' table; anything but CSV is a workbook.
func ExportFromAnswers(answers map[string]string) ExportRequest {
	var r ExportRequest
	if answers[exScope] == exScopeSome {
		r.Audience = audienceFromAnswers(answers)
	}
	if answers[exFormat] != string(ikmbot.FormatCSV) {
		r.Format = ikmbot.FormatXLSX
		return r
	}
	r.Format, r.Table = ikmbot.FormatCSV, TableOwners
	for _, t := range exportTables {
		if string(t.id) == answers[exTable] {
			r.Table = t.id
		}
	}
	return r
}

// ExportTableID names one table of the export.
type ExportTableID string

// The tables of the export, one sheet each in the workbook.
const (
	TableOwners    ExportTableID = "owners"    // one row per owner: the profile and where they stand
	TableReadiness ExportTableID = "readiness" // one row per readiness check
	TableClasses   ExportTableID = "classes"   // one row per place in a class
	TableCerts     ExportTableID = "certs"     // one row per certification recorded
	TableHelp      ExportTableID = "help"      // one row per help request
	TableFollowUps ExportTableID = "followups" // one row per follow-up or relayed message
)

// exportTables are the tables in the workbook's order, with their names
// and column headers. The readiness table has one more column per
// dimension of the questionnaire (see ExportTables). A column added later
// goes last, so sheets staff built on the columns' places keep working.
var exportTables = []struct {
	id      ExportTableID
	name    Key
	headers []Key
}{
	{TableOwners, ExTableOwners, []Key{ExColID, FieldOwnerName, FieldPhone, FieldBusinessName, FieldNIB, FieldRegion,
		FieldSector, FieldSectorOther, FieldProducts, FieldWorkers, FieldCapacity, FieldExportStatus, ExColLevel, ExColScore,
		ExColChecks, ExColClassesDone, ExColCertsHeld, ExColMentor, ExColSource, ExColReachable, ExColBroadcasts,
		ExColConsent, ExColSignedUp, ExColUpdated, ExColTargets}},
	{TableReadiness, ExTableReadiness, []Key{ExColID, FieldBusinessName, ExColAt, FieldRegion, ExColLevel, ExColScore, ExColVersion}},
	{TableClasses, ExTableClasses, []Key{ExColID, FieldBusinessName, ExColClass, ExColClassID, ExColTerm, ExColClassLevel,
		ExColClassStatus, ExColFirstMeeting, ExColSeat, ExColSince, ExColCompleted}},
	{TableCerts, ExTableCerts, []Key{ExColID, FieldBusinessName, ExColCert, ExColCertCode, ExColStatus, ExColNumber,
		ExColIssued, ExColExpires, ExColGuessed, ExColApplying, ExColUpdated}},
	{TableHelp, ExTableHelp, []Key{ExColID, FieldBusinessName, ExColHelpID, FieldRegion, ExColAbout, ExColQuestion,
		ExColStatus, ExColOpened, ExColTakenBy, ExColClosed, ExColReplies}},
	{TableFollowUps, ExTableFollowUps, []Key{ExColID, FieldBusinessName, ExColAt, ExColMentor, ExColKind, ExColNote}},
}

// ExportTable is one table of the export in a language: its name (the
// sheet's, and part of a CSV's file name) and its column headers, plain
// text.
type ExportTable struct {
	ID      ExportTableID
	Name    string
	Headers []string
}

// ExportTables lists the export's tables in the workbook's order, named
// in lang. The readiness table ends with one column per dimension of the
// questionnaire, named as the questionnaire names it.
func ExportTables(lang string) []ExportTable {
	out := make([]ExportTable, len(exportTables))
	for i, t := range exportTables {
		out[i] = ExportTable{ID: t.id, Name: T(lang, t.name)}
		for _, h := range t.headers {
			out[i].Headers = append(out[i].Headers, T(lang, h))
		}
		if t.id == TableReadiness {
			for _, d := range ikmbot.Readiness().Dimensions {
				out[i].Headers = append(out[i].Headers, pick(lang, d.NameID, d.NameEN))
			}
		}
	}
	return out
}

// ExportDay is a cell of ExportRows holding a calendar day without a
// time (a certificate's dates); other times are time.Time cells.
type ExportDay time.Time

// ExportRows turns one owner's record into the rows of each table (see
// ExportTables for the columns): plain text in lang, counts, times in loc
// (time.Time), days (ExportDay), and nil for nothing. Every table's rows
// start with the owner's Telegram id and business name, so each sheet
// reads on its own and sheets can be joined on the id. A record without
// a profile has no rows.
func ExportRows(lang string, loc *time.Location, rec ikmbot.OwnerRecord) map[ExportTableID][][]any {
	p := rec.User.Profile
	if p == nil {
		return nil
	}
	id, biz := rec.User.ID, p.BusinessName
	at := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.In(loc)
	}
	day := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return ExportDay(t)
	}
	yes := func(b bool) string {
		if b {
			return T(lang, ExYes)
		}
		return T(lang, ExNo)
	}
	level := func(l ikmbot.Level) any {
		if l == "" {
			return nil
		}
		return sbLevelName(lang, l)
	}
	rows := make(map[ExportTableID][][]any, len(exportTables))

	var score any
	if n := len(rec.Assessments); n > 0 {
		score = rec.Assessments[n-1].Result.Total
	}
	completed := 0
	for _, e := range rec.Enrolments {
		if e.Completed {
			completed++
		}
	}
	var held []string
	for _, c := range rec.Certs {
		if c.Status == ikmbot.CertHeld {
			held = append(held, sbCertShort(lang, c.Type))
		}
	}
	nib := p.NIB
	if p.NoNIB {
		nib = T(lang, ValueNoNIB)
	}
	var mentor any
	if rec.MentorID != 0 {
		mentor = MentorName(lang, rec.MentorName, rec.MentorID)
	}
	rows[TableOwners] = [][]any{{id, p.OwnerName, p.Phone, biz, nib, exRegion(p.Region), exSector(lang, p.Sector), p.SectorOther,
		p.Products, T(lang, SuWorkersLabel, string(p.Workers)), p.Capacity, sbShowExport(lang, string(p.ExportStatus)),
		level(rec.User.Level), score, len(rec.Assessments), completed, strings.Join(held, ", "), mentor, p.Source,
		yes(!rec.User.Unreachable), yes(!rec.User.NoBroadcasts), at(p.ConsentAt), at(p.CreatedAt), at(p.UpdatedAt),
		targetCountryNames(lang, rec.User.TargetMarkets)}}

	dims := ikmbot.Readiness().Dimensions
	for _, a := range rec.Assessments {
		row := []any{id, biz, at(a.At), exRegion(a.Region), level(a.Result.Level), a.Result.Total, a.Result.Version}
		for _, d := range dims {
			if v, ok := a.Result.Dimensions[d.ID]; ok {
				row = append(row, v)
			} else {
				row = append(row, nil)
			}
		}
		rows[TableReadiness] = append(rows[TableReadiness], row)
	}

	for _, e := range rec.Enrolments {
		c := e.Class
		var seat any
		switch e.Seat {
		case ikmbot.SeatEnrolled:
			seat = T(lang, ExSeatEnrolled)
		case ikmbot.SeatWaiting:
			seat = T(lang, ExSeatWaiting)
		}
		var first time.Time
		if len(c.Meetings) > 0 {
			first = c.Meetings[0].Start
		}
		rows[TableClasses] = append(rows[TableClasses], []any{id, biz, c.Title, c.ID, T(lang, ExTerm, c.Year, c.Stage),
			level(c.Level), StatusName(lang, c.Status), at(first), seat, at(e.Since), yes(e.Completed)})
	}

	for _, c := range rec.Certs {
		status := T(lang, ExCertHeld)
		if c.Status == ikmbot.CertApplying {
			status = T(lang, ExCertApplying)
		}
		var guessed any
		if !c.Expires.IsZero() {
			guessed = yes(c.ExpiryGuessed)
		}
		rows[TableCerts] = append(rows[TableCerts], []any{id, biz, sfShowType(lang, c.Type), c.Type, status, c.Number,
			day(c.Issued), day(c.Expires), guessed, day(c.Since), at(c.UpdatedAt)})
	}

	for _, r := range rec.Help {
		var number any = r.ID
		if n, err := strconv.ParseInt(r.ID, 10, 64); err == nil {
			number = int(n)
		}
		status := string(r.Status)
		if k, ok := hbStatusNames[r.Status]; ok {
			status = exPlain(T(lang, k[0]))
		}
		var taker any
		if r.TakenBy != 0 {
			taker = rec.Names[r.TakenBy]
			if taker == "" {
				taker = T(lang, ExStaffNoName, r.TakenBy)
			}
		}
		var closed time.Time
		replies := 0
		for _, s := range r.History {
			switch s.Kind {
			case ikmbot.HelpStepClosed:
				closed = s.At
			case ikmbot.HelpStepReply:
				replies++
			}
		}
		rows[TableHelp] = append(rows[TableHelp], []any{id, biz, number, exRegion(r.Region), hbAboutName(lang, r.CertType), r.Text,
			status, at(r.CreatedAt), taker, at(closed), replies})
	}

	for _, f := range rec.FollowUps {
		rows[TableFollowUps] = append(rows[TableFollowUps], []any{id, biz, at(f.At),
			MentorName(lang, rec.Names[f.MentorID], f.MentorID), exPlain(FollowUpKindName(lang, string(f.Kind))), f.Note})
	}
	return rows
}

// exRegion names a region code; an unknown code shows as itself, none as
// nothing.
func exRegion(code string) any {
	if code == "" {
		return nil
	}
	return showRegion("", code)
}

// exSector names a sector code in full; "other" is "Lainnya" (the typed
// sector has its own column) and an unknown code shows as itself.
func exSector(lang, code string) string {
	if s, ok := ikmbot.SectorByCode(code); ok {
		return s.Name(lang)
	}
	if code == ikmbot.SectorOther {
		return T(lang, SuSectorOther)
	}
	return code
}

// exPlain drops the emoji a label starts with ("🟡 menunggu staf"): a
// spreadsheet's filter reads better without.
func exPlain(label string) string {
	return strings.TrimLeftFunc(label, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// ExportCaption is the caption of the file staff get: when it was made
// (at, in loc), for whom (the audience) and how many rows each table in
// it has (tables in the file's order).
func ExportCaption(lang string, a ikmbot.Audience, tables []ExportTable, rows map[ExportTableID]int, at time.Time, loc *time.Location) string {
	lines := []string{T(lang, ExCaption, FormatDateTime(lang, at, loc), AudienceLine(lang, a))}
	for _, t := range tables {
		lines = append(lines, T(lang, ExCaptionLine, Escape(t.Name), stNumber(lang, int64(rows[t.ID]))))
	}
	return strings.Join(lines, "\n")
}

// ExportFileName is the name of the file: "ikm-2026-11-27.xlsx" for a
// workbook, "ikm-cek-kesiapan-2026-11-27.csv" for one table, dated in
// loc.
func ExportFileName(lang string, r ExportRequest, at time.Time, loc *time.Location) string {
	date := at.In(loc).Format("2006-01-02")
	if r.Format != ikmbot.FormatCSV {
		return "ikm-" + date + ".xlsx"
	}
	name := string(r.Table)
	for _, t := range ExportTables(lang) {
		if t.ID == r.Table {
			name = strings.ToLower(strings.Join(strings.FieldsFunc(t.Name, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			}), "-"))
		}
	}
	return "ikm-" + name + "-" + date + ".csv"
}

// exportTableName is a table's name in lang, or its id when unknown (an
// audit entry written by a later version).
func exportTableName(lang string, id ExportTableID) string {
	for _, t := range exportTables {
		if t.id == id {
			return T(lang, t.name)
		}
	}
	return string(id)
}
