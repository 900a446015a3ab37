package flows

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// exAllOwners is Excel for every owner.
var exAllOwners = []classStep{
	pressed(exFormat, key(ExFormatXLSX)),
	pressed(exScope, key(ExScopeAll)),
}

// exFiltered is a CSV of the certifications of Tanggamus's owners who
// target Japan and lack a halal certificate, each audience question
// answered.
var exFiltered = []classStep{
	pressed(exFormat, key(ExFormatCSV)),
	pressed(exTable, key(ExTableCerts)),
	pressed(exScope, key(ExScopeSome)),
	pressed(sbRegion, label("Tanggamus")),
	pressed(sbLevel, key(SbAllLevels)),
	pressed(sbSector, key(SbAllSectors)),
	pressed(sbMarket, func(lang string) string { return targetCountryLabel(lang, "JP") }),
	pressed(sbExport, key(SbAllExports)),
	pressed(sbClass, key(SbClassCompleted)),
	pressed(sbCert, func(lang string) string { return sbCertShort(lang, "HALAL") }),
	pressed(sbCertHave, key(SbCertLacks)),
}

func saveExport(t *testing.T, d *driver) ExportRequest {
	t.Helper()
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want the summary:\n%s", d.step(), render(d.last.Messages))
	}
	r := d.press(T(d.lang, SuSave))
	if r.Outcome != Done {
		t.Fatalf("save outcome = %v, want Done", r.Outcome)
	}
	return ExportFromAnswers(r.Session.Answers)
}

func TestExportCompose(t *testing.T) {
	tgm := regionCode(t, "Tanggamus")
	tests := []struct {
		name  string
		lang  string
		steps []classStep
		want  ExportRequest
	}{
		{"excel, everyone", "id", exAllOwners, ExportRequest{Format: ikmbot.FormatXLSX}},
		{"csv filtered", "id", exFiltered, ExportRequest{Format: ikmbot.FormatCSV, Table: TableCerts,
			Audience: ikmbot.Audience{Regions: []string{tgm}, Markets: []string{"JP"}, Class: ikmbot.ClassFilterCompleted, CertType: "HALAL", CertLacking: true}}},
		{"csv owners typed, English", "en", []classStep{
			typed(exFormat, "csv"),
			typed(exTable, "Owners"),
			typed(exScope, "all ikm owners"),
		}, ExportRequest{Format: ikmbot.FormatCSV, Table: TableOwners}},
		{"excel filtered by level", "en", []classStep{
			pressed(exFormat, key(ExFormatXLSX)),
			pressed(exScope, key(ExScopeSome)),
			pressed(sbRegion, key(SbAllRegions)),
			pressed(sbLevel, label("Advanced class")),
			pressed(sbSector, key(SbAllSectors)),
			pressed(sbMarket, key(SbAllMarkets)),
			pressed(sbExport, key(SbAllExports)),
			pressed(sbClass, key(SbAllClasses)),
			pressed(sbCert, key(SbAllCerts)),
		}, ExportRequest{Format: ikmbot.FormatXLSX, Audience: ikmbot.Audience{Levels: []ikmbot.Level{ikmbot.LevelMahir}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, Export, tt.lang)
			walkClass(d, tt.steps, "")
			if diff := cmp.Diff(tt.want, saveExport(t, d)); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExportScopeBackToAll: filters chosen, then everyone picked on the
// summary, leave no filter behind; Excel chosen after CSV drops the table.
func TestExportScopeBackToAll(t *testing.T) {
	d := newDriver(t, Export, "id")
	walkClass(d, exFiltered, "")
	d.press(T("id", SuEditPrefix, T("id", ExFieldScope)))
	d.press(T("id", ExScopeAll))
	d.press(T("id", SuEditPrefix, T("id", ExFieldFormat)))
	d.press(T("id", ExFormatXLSX))
	r := d.press(T("id", SuSave))
	if r.Outcome != Done {
		t.Fatalf("save outcome = %v:\n%s", r.Outcome, render(d.last.Messages))
	}
	for _, id := range []string{exTable, sbRegion, sbMarket, sbCert, sbCertHave} {
		if v, ok := r.Session.Answers[id]; ok {
			t.Errorf("answer %s = %q kept", id, v)
		}
	}
	if diff := cmp.Diff(ExportRequest{Format: ikmbot.FormatXLSX}, ExportFromAnswers(r.Session.Answers)); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
}

// exRecord is an owner with something in every table, dated around
// testNow.
func exRecord() ikmbot.OwnerRecord {
	p := ikmbot.Profile{UserID: 5_000_000_000_007, OwnerName: "Siti Rahayu", Phone: "+6281234567890", BusinessName: "Kopi <Jaya>",
		NoNIB: true, Region: "TGM", Sector: ikmbot.SectorOther, SectorOther: "madu hutan", Products: "madu", Workers: ikmbot.Workers5to19,
		Capacity: "200 kg", ExportStatus: ikmbot.ExportIndirect, Source: "radio",
		ConsentAt: testNow.Add(-72 * time.Hour), CreatedAt: testNow.Add(-72 * time.Hour), UpdatedAt: testNow}
	class := ikmbot.Class{ID: "2026-1-3", Level: ikmbot.LevelPemula, Stage: 1, Year: 2026, Title: "Ekspor untuk Pemula", Status: ikmbot.ClassFinished,
		Meetings: []ikmbot.Meeting{{Start: testNow.Add(-48 * time.Hour), Minutes: 120, Place: "Aula"}}}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	return ikmbot.OwnerRecord{
		User: ikmbot.User{ID: p.UserID, Profile: &p, Level: ikmbot.LevelMenengah, Unreachable: true, TargetMarkets: []string{"JP", "US"}},
		Assessments: []ikmbot.Assessment{
			{UserID: p.UserID, At: testNow.Add(-time.Hour), Region: "TGM",
				Result: ikmbot.Result{Version: 1, Total: 52.5, Level: ikmbot.LevelMenengah, Dimensions: map[string]float64{"legalitas": 25, "kemasan": 60}}},
		},
		Certs: []ikmbot.Certificate{
			{Type: "HALAL", Status: ikmbot.CertHeld, Number: "ID-01", Issued: day(2025, 1, 10), Expires: day(2029, 1, 10), ExpiryGuessed: true, UpdatedAt: testNow},
			{Type: "BPOM_MD", Status: ikmbot.CertApplying, Since: day(2026, 11, 1), UpdatedAt: testNow},
		},
		Enrolments: []ikmbot.Enrolment{{Class: class, Seat: ikmbot.SeatEnrolled, Since: testNow.Add(-96 * time.Hour), Completed: true}},
		Help: []ikmbot.HelpRequest{{ID: "12", OwnerID: p.UserID, Region: "TGM", CertType: "HALAL", Text: "Cara perpanjang?", Status: ikmbot.HelpClosed,
			TakenBy: 77, CreatedAt: testNow.Add(-5 * time.Hour), History: []ikmbot.HelpStep{
				{At: testNow.Add(-5 * time.Hour), By: p.UserID, Kind: ikmbot.HelpStepOpened},
				{At: testNow.Add(-4 * time.Hour), By: 77, Kind: ikmbot.HelpStepReply, Text: "Lewat BPJPH"},
				{At: testNow.Add(-3 * time.Hour), By: 77, Kind: ikmbot.HelpStepClosed},
			}}},
		FollowUps: []ikmbot.FollowUp{
			{OwnerID: p.UserID, MentorID: 88, Kind: ikmbot.FollowVisit, Note: "ke pabrik", At: testNow.Add(-2 * time.Hour)},
			{OwnerID: p.UserID, MentorID: 99, Kind: ikmbot.FollowCall, At: testNow.Add(-time.Hour)},
		},
		MentorID: 88, MentorName: "Rina",
		Names: map[int64]string{77: "Andi", 88: "Rina"},
	}
}

// TestExportRows: each table's rows of one record, value by value, as
// many cells as headers.
func TestExportRows(t *testing.T) {
	rec := exRecord()
	rows := ExportRows("id", testLoc, rec)
	at := func(d time.Duration) time.Time { return testNow.Add(d).In(testLoc) }
	day := func(y int, m time.Month, d int) ExportDay { return ExportDay(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) }
	id := int64(5_000_000_000_007)
	dims := make([]any, len(ikmbot.Readiness().Dimensions))
	for i, d := range ikmbot.Readiness().Dimensions {
		switch d.ID {
		case "legalitas":
			dims[i] = 25.0
		case "kemasan":
			dims[i] = 60.0
		}
	}
	want := map[ExportTableID][][]any{
		TableOwners: {{id, "Siti Rahayu", "+6281234567890", "Kopi <Jaya>", "belum punya", "Tanggamus", "Lainnya", "madu hutan", "madu",
			"5-19 orang", "200 kg", "Ekspor tidak langsung", "Kelas Menengah", 52.5, 1, 1, "Sertifikat halal", "Rina", "radio", "tidak", "ya",
			at(-72 * time.Hour), at(-72 * time.Hour), at(0), "Jepang, Amerika Serikat"}},
		TableReadiness: {append([]any{id, "Kopi <Jaya>", at(-time.Hour), "Tanggamus", "Kelas Menengah", 52.5, 1}, dims...)},
		TableClasses: {{id, "Kopi <Jaya>", "Ekspor untuk Pemula", "2026-1-3", "2026 tahap 1", "Kelas Pemula", "selesai", at(-48 * time.Hour),
			"peserta", at(-96 * time.Hour), "ya"}},
		TableCerts: {
			{id, "Kopi <Jaya>", sfShowType("id", "HALAL"), "HALAL", "sudah punya", "ID-01", day(2025, 1, 10), day(2029, 1, 10), "ya", nil, at(0)},
			{id, "Kopi <Jaya>", sfShowType("id", "BPOM_MD"), "BPOM_MD", "sedang diurus", "", nil, nil, nil, day(2026, 11, 1), at(0)},
		},
		TableHelp: {{id, "Kopi <Jaya>", 12, "Tanggamus", sfShowType("id", "HALAL"), "Cara perpanjang?", "selesai", at(-5 * time.Hour),
			"Andi", at(-3 * time.Hour), 1}},
		TableFollowUps: {
			{id, "Kopi <Jaya>", at(-2 * time.Hour), "Rina", "Kunjungan", "ke pabrik"},
			{id, "Kopi <Jaya>", at(-time.Hour), "Pendamping #99", "Telepon", ""},
		},
	}
	days := cmp.Comparer(func(a, b ExportDay) bool { return time.Time(a).Equal(time.Time(b)) })
	if diff := cmp.Diff(want, rows, days); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if got := rows[TableOwners][0][21].(time.Time).Location(); got != testLoc {
		t.Errorf("times are in %v, want the bot's zone", got)
	}
	for _, lang := range Languages {
		rows := ExportRows(lang, testLoc, rec)
		for _, table := range ExportTables(lang) {
			for i, row := range rows[table.ID] {
				if len(row) != len(table.Headers) {
					t.Errorf("%s %s row %d has %d cells for %d headers", lang, table.ID, i, len(row), len(table.Headers))
				}
			}
		}
	}

	// Nothing beyond the profile: one owner row, with empty cells.
	p := *rec.User.Profile
	plain := ExportRows("id", testLoc, ikmbot.OwnerRecord{User: ikmbot.User{ID: id, Profile: &p}})
	if len(plain) != 1 || len(plain[TableOwners]) != 1 {
		t.Fatalf("rows of a bare owner: %v", plain)
	}
	if row := plain[TableOwners][0]; row[12] != nil || row[13] != nil || row[17] != nil || row[19] != "ya" || row[24] != "" {
		t.Errorf("bare owner's row: %v", row)
	}
	// A country the table no longer has shows as its code.
	odd := ikmbot.OwnerRecord{User: ikmbot.User{ID: id, Profile: &p, TargetMarkets: []string{"XX", "DE"}}}
	if got := ExportRows("en", testLoc, odd)[TableOwners][0][24]; got != "XX, Germany" {
		t.Errorf("target countries cell = %q, want %q", got, "XX, Germany")
	}
	if ExportRows("id", testLoc, ikmbot.OwnerRecord{User: ikmbot.User{ID: id}}) != nil {
		t.Error("a record without a profile has rows")
	}
}

// TestExportTablesFit: sheet names Excel takes, every table in the
// workbook's order, unique names.
func TestExportTablesFit(t *testing.T) {
	for _, lang := range Languages {
		seen := map[string]bool{}
		for i, table := range ExportTables(lang) {
			if table.ID != exportTables[i].id {
				t.Errorf("%s: table %d is %s", lang, i, table.ID)
			}
			if n := len([]rune(table.Name)); n == 0 || n > 31 || strings.ContainsAny(table.Name, `:\/?*[]`) || seen[table.Name] {
				t.Errorf("%s: sheet name %q", lang, table.Name)
			}
			seen[table.Name] = true
			for _, h := range table.Headers {
				if h == "" || strings.ContainsAny(h, "<>") {
					t.Errorf("%s %s: header %q", lang, table.ID, h)
				}
			}
		}
	}
}

// TestExportGolden records every step in both languages, the tables'
// headers, one record's rows, the caption and the file names.
func TestExportGolden(t *testing.T) {
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + "\n")
		d := newDriver(t, Export, lang)
		b.WriteString("# " + d.step() + "\n" + render(d.last.Messages))
		for _, s := range exFiltered {
			s.answer(d)
			b.WriteString("# " + d.step() + "\n" + render(d.last.Messages))
		}
		req := saveExport(t, d)
		all := newDriver(t, Export, lang)
		walkClass(all, exAllOwners, "")
		b.WriteString("# summary, everyone\n" + render(all.last.Messages))
		tables := ExportTables(lang)
		rows := ExportRows(lang, testLoc, exRecord())
		counts := map[ExportTableID]int{}
		for _, table := range tables {
			counts[table.ID] = len(rows[table.ID])
			b.WriteString("# table " + string(table.ID) + ": " + table.Name + "\n" + strings.Join(table.Headers, " | ") + "\n")
			for _, row := range rows[table.ID] {
				cells := make([]string, len(row))
				for i, c := range row {
					switch v := c.(type) {
					case time.Time:
						cells[i] = v.Format("2006-01-02 15:04 MST")
					case ExportDay:
						cells[i] = time.Time(v).Format("2006-01-02")
					case nil:
						cells[i] = "-"
					default:
						cells[i] = fmt.Sprint(v)
					}
				}
				b.WriteString(strings.Join(cells, " | ") + "\n")
			}
		}
		b.WriteString("# caption, workbook\n" + ExportCaption(lang, ikmbot.Audience{}, tables, counts, testNow, testLoc) + "\n")
		b.WriteString("# caption, csv\n" + ExportCaption(lang, req.Audience, tables[3:4], counts, testNow, testLoc) + "\n")
		b.WriteString("# files\n" + ExportFileName(lang, ExportRequest{Format: ikmbot.FormatXLSX}, testNow, testLoc) + "\n" +
			ExportFileName(lang, req, testNow, testLoc) + "\n" +
			ExportFileName(lang, ExportRequest{Format: ikmbot.FormatCSV, Table: TableReadiness}, testNow, testLoc) + "\n")
		b.WriteString("# " + string(ExNobody) + "\n" + T(lang, ExNobody) + "\n")
	}
	golden(t, "export.golden", b.String())
}

// TestExportOldSessionGetsMarketStep: an export begun before the target
// country question (version 1) asks it when it filters, and goes straight
// back to its summary when it is for every owner.
func TestExportOldSessionGetsMarketStep(t *testing.T) {
	for _, tt := range []struct {
		name  string
		steps []classStep
		want  string // the step the old session resumes at
	}{
		{"filtered", exFiltered, sbMarket},
		{"everyone", exAllOwners, summaryStep},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, Export, "id")
			walkClass(d, tt.steps, "")
			old := d.last.Session
			old.Version, old.Answers = 1, cloneAnswers(old.Answers)
			delete(old.Answers, sbMarket)
			r := Export.Resume(testChat, "id", old, testNow)
			if r.Session.Version != Export.Version || r.Session.Step != tt.want || !strings.Contains(r.Messages[0].Text, T("id", MsgFlowUpdated)) {
				t.Fatalf("resumed at %q, version %d, want %q, %d:\n%s", r.Session.Step, r.Session.Version, tt.want, Export.Version, render(r.Messages))
			}
			d.last = r
			if tt.want == sbMarket {
				d.press(targetCountryLabel("id", "DE"))
			}
			req := saveExport(t, d)
			var want []string
			if tt.want == sbMarket {
				want = []string{"DE"}
			}
			if diff := cmp.Diff(want, req.Audience.Markets); diff != "" {
				t.Errorf("markets (-want +got):\n%s", diff)
			}
		})
	}
}
