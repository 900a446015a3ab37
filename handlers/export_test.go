package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/storage"
)

// exportFile walks /ekspor as p, tapping the buttons labelled picks, then
// Save, and returns the document of the answer, nil for none.
func (p *person) exportFile(picks ...string) *ikmbot.File {
	p.e.t.Helper()
	p.command("ekspor", "")
	for _, label := range picks {
		p.pressLabel(label)
	}
	p.pressLabel(flows.T("id", flows.SuSave))
	var doc *ikmbot.File
	for _, m := range p.last {
		if m.Document != nil {
			if doc != nil {
				p.e.t.Fatalf("two documents: %+v", p.last)
			}
			doc = m.Document
		}
	}
	return doc
}

// exportSetUp signs up two owners (Metro and Tanggamus) and one who
// deletes their data, and returns them and a staff member.
func exportSetUp(e *env) (metro, tanggamus, gone, staff *person) {
	e.t.Helper()
	metro, tanggamus, gone = e.person(), e.person(), e.person()
	metro.signUp() // Kopi Jaya, Metro
	tanggamus.signUpIn("Keripik Tanggamus", "Tanggamus", "Kopi")
	gone.signUpIn("Hapus Saya", "Metro", "Kopi")
	gone.command("hapusdata", "")
	gone.pressLabel(flows.T("id", flows.DelYes))
	gone.mustSee(flows.T("id", flows.DelDone))
	return metro, tanggamus, gone, e.staff()
}

// TestExportWorkbook: staff get every owner but the deleted one in a
// workbook of six sheets, with Indonesian headers and dates as dates.
func TestExportWorkbook(t *testing.T) {
	e := newEnv(t)
	metro, tanggamus, gone, staff := exportSetUp(e)
	id := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	for _, code := range []string{"JP", "US"} {
		metro.press(marketData(actMarketTarget, code))
	}

	doc := staff.exportFile(id(flows.ExFormatXLSX), id(flows.ExScopeAll))
	if doc == nil {
		t.Fatalf("no document; got %+v", staff.last)
	}
	if want := "ikm-2026-11-27.xlsx"; doc.Name != want {
		t.Errorf("file %q, want %q", doc.Name, want)
	}
	for _, want := range []string{id(flows.ExCaptionLine, id(flows.ExTableOwners), "2"), id(flows.SbAudienceAll)} {
		if !strings.Contains(doc.Caption, want) {
			t.Errorf("caption lacks %q:\n%s", want, doc.Caption)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(doc.Data))
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	defer f.Close()
	tables := flows.ExportTables("id")
	var names []string
	for _, table := range tables {
		names = append(names, table.Name)
	}
	if diff := cmp.Diff(names, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows, err := f.GetRows(tables[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("owners sheet has %d rows, want the header and 2: %v", len(rows), rows)
	}
	if diff := cmp.Diff(tables[0].Headers, rows[0]); diff != "" {
		t.Errorf("owners header (-want +got):\n%s", diff)
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[0]] = r
	}
	if _, ok := byID[strconv.FormatInt(gone.id, 10)]; ok {
		t.Error("the owner who deleted their data is in the workbook")
	}
	row := byID[strconv.FormatInt(metro.id, 10)]
	if len(row) < 24 || row[1] != "Siti Rahayu" || row[3] != "Kopi Jaya" || row[5] != "Metro" || row[11] != "Belum pernah ekspor" {
		t.Errorf("Metro owner's row: %q", row)
	}
	if got, want := row[22], "2026-11-27 10:00"; got != want { // signed up at the test's now, shown in WIB
		t.Errorf("signed up %q, want %q", got, want)
	}
	if len(row) < 25 || row[24] != "Jepang, Amerika Serikat" {
		t.Errorf("Metro owner's target countries: %q, want %q", row[24:], "Jepang, Amerika Serikat")
	}
	if _, ok := byID[strconv.FormatInt(tanggamus.id, 10)]; !ok {
		t.Error("the Tanggamus owner is missing")
	}
	cell, _ := excelize.CoordinatesToCellName(23, 2)
	if typ, err := f.GetCellType(tables[0].Name, cell); err != nil || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("the sign-up date is of type %v, %v; want a date number", typ, err)
	}
	for _, table := range tables[1:] {
		if rows, err := f.GetRows(table.Name); err != nil || len(rows) != 1 || !cmp.Equal(rows[0], table.Headers) {
			t.Errorf("sheet %s: %v, %v; want its header only", table.Name, rows, err)
		}
	}
}

// TestExportCSVFiltered: one table as CSV for the owners of Tanggamus
// who target Germany, in English, with the target countries in English;
// a filter that matches nobody sends no file.
func TestExportCSVFiltered(t *testing.T) {
	e := newEnv(t)
	metro, tanggamus, _, staff := exportSetUp(e)
	tanggamus.press(marketData(actMarketTarget, "DE"))
	metro.press(marketData(actMarketTarget, "DE")) // the other filter leaves this one out
	if err := e.store.Apply(context.Background(), ikmbot.Change{UserID: staff.id, Language: "en"}); err != nil {
		t.Fatal(err)
	}
	en := func(k flows.Key, args ...any) string { return flows.T("en", k, args...) }
	germany := country(t, "DE")
	staff.command("ekspor", "")
	for _, label := range []string{en(flows.ExFormatCSV), en(flows.ExTableOwners), en(flows.ExScopeSome), "Tanggamus",
		en(flows.SbAllLevels), en(flows.SbAllSectors), flows.T("en", flows.BtnPmCountry, germany.Flag(), germany.Name("en")),
		en(flows.SbAllExports), en(flows.SbAllClasses), en(flows.SbAllCerts), en(flows.SuSave)} {
		staff.pressLabel(label)
	}
	var doc *ikmbot.File
	for _, m := range staff.last {
		doc = m.Document
	}
	if doc == nil || doc.Name != "ikm-owners-2026-11-27.csv" {
		t.Fatalf("answer %+v, want ikm-owners-2026-11-27.csv", staff.last)
	}
	if !bytes.HasPrefix(doc.Data, []byte("\ufeff")) {
		t.Error("the CSV has no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(doc.Data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "Telegram ID" || rows[1][0] != strconv.FormatInt(tanggamus.id, 10) ||
		rows[1][3] != "Keripik Tanggamus" || rows[1][22] != "2026-11-27 10:00" || rows[1][24] != "Germany" {
		t.Errorf("csv rows: %q", rows)
	}
	audience := flows.AudienceLine("en", ikmbot.Audience{Regions: []string{tanggamusCode(t)}, Markets: []string{"DE"}})
	if !strings.Contains(doc.Caption, audience) || !strings.Contains(doc.Caption, en(flows.ExCaptionLine, en(flows.ExTableOwners), "1")) {
		t.Errorf("caption lacks %q:\n%s", audience, doc.Caption)
	}

	staff.command("ekspor", "")
	for _, label := range []string{en(flows.ExFormatXLSX), en(flows.ExScopeSome), "Mesuji",
		en(flows.SbAllLevels), en(flows.SbAllSectors), en(flows.SbAllMarkets), en(flows.SbAllExports), en(flows.SbAllClasses),
		en(flows.SbAllCerts), en(flows.SuSave)} {
		staff.pressLabel(label)
	}
	staff.mustSee(en(flows.ExNobody))
	for _, m := range staff.last {
		if m.Document != nil {
			t.Errorf("a file for nobody: %+v", m.Document)
		}
	}
}

// TestExportStaffOnly: owners and mentors are refused the command, a
// forged button of the conversation does nothing, and a staff member
// whose role is taken away mid-conversation gets no file.
func TestExportStaffOnly(t *testing.T) {
	e := newEnv(t)
	owner := e.person()
	owner.signUp()
	for _, cmd := range []string{"ekspor", "export"} {
		owner.command(cmd, "")
		owner.mustSee(flows.T("id", flows.MsgNotAllowed))
	}
	owner.press("ex:s:abcd:summary")
	owner.mustSee(flows.T("id", flows.MsgStaleButton))
	for _, m := range owner.last {
		if m.Document != nil {
			t.Fatal("an owner got a file")
		}
	}

	staff := e.staff()
	staff.command("ekspor", "")
	staff.pressLabel(flows.T("id", flows.ExFormatXLSX))
	staff.pressLabel(flows.T("id", flows.ExScopeAll))
	if err := e.store.SetRole(context.Background(), staff.id, ikmbot.RoleOwner); err != nil {
		t.Fatal(err)
	}
	staff.pressLabel(flows.T("id", flows.SuSave))
	staff.mustSee(flows.T("id", flows.MsgNotAllowed))
	for _, m := range staff.last {
		if m.Document != nil {
			t.Fatal("a former staff member got a file")
		}
	}
}

// TestExportResumes: /ekspor again mid-conversation asks the same
// question again.
func TestExportResumes(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	staff.command("ekspor", "")
	staff.pressLabel(flows.T("id", flows.ExFormatCSV))
	staff.command("ekspor", "")
	staff.mustSee(flows.T("id", flows.ExAskTable))
}

// TestExportOneAtATime: while another export is being written, Save says
// so and puts the summary back; pressed again when it is done, the file
// comes.
func TestExportOneAtATime(t *testing.T) {
	e := newEnv(t)
	_, _, _, staff := exportSetUp(e)
	staff.command("ekspor", "")
	staff.pressLabel(flows.T("id", flows.ExFormatXLSX))
	staff.pressLabel(flows.T("id", flows.ExScopeAll))
	e.r.exporting <- struct{}{} // another staff member's export
	staff.pressLabel(flows.T("id", flows.SuSave))
	staff.mustSee(flows.T("id", flows.ExBusy))
	for _, m := range staff.last {
		if m.Document != nil {
			t.Fatalf("a file was written during another export: %s", m.Document.Name)
		}
	}
	<-e.r.exporting
	staff.pressLabel(flows.T("id", flows.SuSave))
	var doc *ikmbot.File
	for _, m := range staff.last {
		if m.Document != nil {
			doc = m.Document
		}
	}
	if doc == nil {
		t.Fatalf("no file after the other export ended: %+v", staff.last)
	}
}

// brokenExportStore hands out batches of the real owners, then fails, as
// Redis going away half way through an export would.
type brokenExportStore struct {
	*storage.Store
	batches int
}

func (s brokenExportStore) ExportOwners(ctx context.Context, a ikmbot.Audience, fn func([]ikmbot.OwnerRecord) error) error {
	var recs []ikmbot.OwnerRecord
	if err := s.Store.ExportOwners(ctx, a, func(b []ikmbot.OwnerRecord) error { recs = append(recs, b...); return nil }); err != nil {
		return err
	}
	for range s.batches {
		if err := fn(recs); err != nil {
			return err
		}
	}
	return errors.New("redis: connection reset")
}

// TestExportStorageFailsHalfWay: an export whose reading fails after some
// batches were written returns the error (the staff member gets the usual
// apology) and sends no file, and its writer goroutine ends (the race
// detector and the test's end would show otherwise).
func TestExportStorageFailsHalfWay(t *testing.T) {
	e := newEnv(t)
	exportSetUp(e)
	e.r = New(Config{Store: brokenExportStore{Store: e.store, batches: 3}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return e.now }})
	req := flows.ExportRequest{Format: ikmbot.FormatXLSX}
	data, _, _, err := e.r.writeExport(context.Background(), "id", req, flows.ExportTables("id"))
	if err == nil || data != nil {
		t.Fatalf("writeExport = %d bytes, %v; want the storage error", len(data), err)
	}
}

// TestExportNoOwnersYet: before anybody signs up, /ekspor of everyone
// says there is nobody yet, not that a filter matched nobody.
func TestExportNoOwnersYet(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	if doc := staff.exportFile(flows.T("id", flows.ExFormatXLSX), flows.T("id", flows.ExScopeAll)); doc != nil {
		t.Fatalf("a file with no owners: %s", doc.Name)
	}
	staff.mustSee(flows.T("id", flows.ExNoOwners))
}

// tanggamusCode is Tanggamus's region code, from the data.
func tanggamusCode(t *testing.T) string {
	t.Helper()
	for _, r := range ikmbot.Regions() {
		if r.Name == "Tanggamus" {
			return r.Code
		}
	}
	t.Fatal("no region Tanggamus")
	return ""
}
