package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// document waits for the next document the bot sends u and returns it.
func (u *user) document() *telegramtest.File {
	u.w.t.Helper()
	var doc *telegramtest.File
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	err := u.w.tg.Wait(ctx, func() bool {
		msgs := u.w.tg.Messages(u.id)
		for i := u.seen; i < len(msgs); i++ {
			if d := msgs[i].Document; d != nil && len(d.Data) > 0 {
				doc, u.seen = d, i+1
				return true
			}
		}
		return false
	})
	if err != nil {
		u.w.t.Fatalf("user %d got no document; the chat:\n%s", u.id, u.chat())
	}
	return doc
}

// TestExportEndToEnd: staff's /ekspor arrives as an .xlsx document that
// the test opens from what the fake Telegram received (six sheets, the
// headers, an owner's row, not the owner who deleted their data), then
// as a CSV of one table; a plain owner gets no file. An admin reads both
// exports in /audit, which staff and owners cannot.
func TestExportEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	owner := w.owner("Kopi Tanggamus Jaya")
	gone := w.owner("Keripik Hapus")
	gone.sends("/hapusdata")
	gone.expect(begin(kt(flows.DelConfirm)))
	gone.press(kt(flows.DelYes))
	gone.expect(begin(kt(flows.DelDone)))

	owner.sends("/ekspor")
	owner.expect(kt(flows.MsgNotAllowed))

	staff.sends("/ekspor")
	staff.expect(begin(kt(flows.ExAskFormat)))
	staff.press(kt(flows.ExFormatXLSX))
	staff.expect(begin(kt(flows.ExAskScope)))
	staff.press(kt(flows.ExScopeAll))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	doc := staff.document()
	if want := "ikm-2026-11-02.xlsx"; doc.Name != want {
		t.Errorf("file %q, want %q", doc.Name, want)
	}
	if want := plain(kt(flows.ExCaptionLine, kt(flows.ExTableOwners), "1")); !strings.Contains(doc.Caption, want) {
		t.Errorf("caption lacks %q:\n%s", want, doc.Caption)
	}
	f, err := excelize.OpenReader(bytes.NewReader(doc.Data))
	if err != nil {
		t.Fatalf("open the workbook Telegram got: %v", err)
	}
	defer f.Close()
	tables := flows.ExportTables(id)
	sheets := f.GetSheetList()
	if len(sheets) != len(tables) {
		t.Fatalf("sheets %v, want %d", sheets, len(tables))
	}
	for i, table := range tables {
		rows, err := f.GetRows(sheets[i])
		if err != nil || sheets[i] != table.Name || len(rows) == 0 || strings.Join(rows[0], "|") != strings.Join(table.Headers, "|") {
			t.Errorf("sheet %d %q: header %v, %v; want %q with %v", i, sheets[i], rows, err, table.Name, table.Headers)
		}
	}
	rows, _ := f.GetRows(tables[0].Name)
	if len(rows) != 2 {
		t.Fatalf("owners sheet %v, want the header and the one owner left", rows)
	}
	if r := rows[1]; r[0] != strconv.FormatInt(owner.id, 10) || r[3] != "Kopi Tanggamus Jaya" || r[5] != "Tanggamus" || r[22] != "2026-11-02 09:00" {
		t.Errorf("owner's row %q", r)
	}

	staff.sends("/ekspor")
	staff.expect(begin(kt(flows.ExAskFormat)))
	staff.press(kt(flows.ExFormatCSV))
	staff.expect(begin(kt(flows.ExAskTable)))
	staff.press(kt(flows.ExTableOwners))
	staff.expect(begin(kt(flows.ExAskScope)))
	staff.press(kt(flows.ExScopeAll))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	doc = staff.document()
	if want := "ikm-pemilik-2026-11-02.csv"; doc.Name != want {
		t.Errorf("file %q, want %q", doc.Name, want)
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(doc.Data, []byte("\ufeff")))).ReadAll()
	if err != nil || len(records) != 2 || records[1][0] != strconv.FormatInt(owner.id, 10) || records[1][3] != "Kopi Tanggamus Jaya" {
		t.Errorf("csv %q, %v; want the header and the owner", records, err)
	}

	for _, u := range []*user{owner, gone} {
		for _, m := range w.tg.Messages(u.id) {
			if m.Document != nil {
				t.Errorf("user %d got a file: %s", u.id, m.Document.Name)
			}
		}
	}

	// Both exports are in the audit log, which only admins read.
	admin := w.adminMember()
	admin.sends("/audit")
	log := admin.expect(kt(flows.AuExportCSV, kt(flows.ExTableOwners), 1))
	if want := plain(kt(flows.AuExportXLSX, 1)); !strings.Contains(log.Text, want) {
		t.Errorf("the audit log lacks %q:\n%s", want, log.Text)
	}
	for _, u := range []*user{staff, owner} {
		u.sends("/audit")
		u.expect(kt(flows.MsgNotAllowed))
	}
}

// adminMember is a new user holding the admin role.
func (w *timed) adminMember() *user {
	w.t.Helper()
	u := w.user()
	if err := w.store.SetRole(context.Background(), u.id, ikmbot.RoleAdmin); err != nil {
		w.t.Fatal(err)
	}
	return u
}
