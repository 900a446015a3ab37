package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

var wib = time.FixedZone("WIB", 7*3600)

// TestWorkbook writes two sheets at once, one longer than the rows held
// back for the widths, reads the file back with excelize and checks the
// values, that dates are date cells and that the header is bold and
// frozen.
func TestWorkbook(t *testing.T) {
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	owners, err := w.Sheet("Pemilik", []string{"ID", "Nama", "Skor", "Ekspor", "Daftar", "Berlaku s.d.", "Kosong"})
	if err != nil {
		t.Fatal(err)
	}
	notes, err := w.Sheet("Catatan", []string{"Catatan"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, wib)
	const n = widthRows + 50
	for i := range n {
		err := owners.Row(int64(5_000_000_000_000+i), fmt.Sprintf("Siti <%d> & \"Kopi\"", i), 42.5, i%2 == 0, at,
			Day(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)), nil)
		if err != nil {
			t.Fatal(err)
		}
		if i%50 == 0 {
			if err := notes.Row(fmt.Sprintf("catatan %d", i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := owners.Row(int64(1), "", 0.0, false, time.Time{}, Day{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := owners.Row(struct{}{}); err == nil {
		t.Error("a struct cell was taken")
	}
	data, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if err := owners.Row("late"); err == nil {
		t.Error("a row after Bytes was taken")
	}

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read the workbook back: %v", err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Pemilik", "Catatan"}; !cmp.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	rows, err := f.GetRows("Pemilik", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+2 {
		t.Fatalf("%d rows, want the header and %d", len(rows), n+1)
	}
	if diff := cmp.Diff([]string{"ID", "Nama", "Skor", "Ekspor", "Daftar", "Berlaku s.d.", "Kosong"}, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	// Raw values: the date-time is WIB's wall clock as an Excel serial,
	// the day a whole number.
	want := []string{"5000000000007", "Siti <7> & \"Kopi\"", "42.5", "0", "46083.395833333336", "46418"}
	if diff := cmp.Diff(want, rows[8]); diff != "" {
		t.Errorf("row 9 raw (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"1", "", "0", "0"}, rows[n+1]); diff != "" {
		t.Errorf("last row raw (-want +got):\n%s", diff)
	}
	// Formatted as Excel shows them.
	for cell, want := range map[string]string{"A9": "5000000000007", "D9": "FALSE", "D8": "TRUE", "E9": "2026-03-02 09:30", "F9": "2027-01-31"} {
		if got, err := f.GetCellValue("Pemilik", cell); err != nil || got != want {
			t.Errorf("%s shows %q, %v; want %q", cell, got, err, want)
		}
	}
	for _, cell := range []string{"E9", "F9"} {
		typ, err := f.GetCellType("Pemilik", cell)
		if err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, %v; want a number (a date)", cell, typ, err)
		}
		id, _ := f.GetCellStyle("Pemilik", cell)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, "yyyy-mm-dd") {
			t.Errorf("%s has style %+v, %v; want a date format", cell, st, err)
		}
	}
	id, _ := f.GetCellStyle("Pemilik", "B1")
	if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("the header's style is %+v, %v; want bold", st, err)
	}
	panes, err := f.GetPanes("Pemilik")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v; want the first row frozen", panes, err)
	}
	if wd, err := f.GetColWidth("Pemilik", "B"); err != nil || wd < float64(len("Siti <149> & \"Kopi\"")) || wd > maxWidth {
		t.Errorf("column B is %v wide, %v; want its longest name to fit", wd, err)
	}
	notesRows, err := f.GetRows("Catatan")
	if err != nil || len(notesRows) != 4 || notesRows[3][0] != "catatan 100" {
		t.Errorf("notes sheet rows %v, %v", notesRows, err)
	}
}

// TestWorkbookEmptySheet: a sheet without rows still has its header.
func TestWorkbookEmptySheet(t *testing.T) {
	w, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Sheet("Bad/name", nil); err == nil {
		t.Error("a sheet name with a slash was taken")
	}
	if _, err := w.Sheet("Kosong", []string{"A", "B"}); err != nil {
		t.Fatal(err)
	}
	data, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if rows, err := f.GetRows("Kosong"); err != nil || !cmp.Equal(rows, [][]string{{"A", "B"}}) {
		t.Errorf("rows %v, %v; want the header only", rows, err)
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	c, err := NewCSV(&buf, []string{"ID", "Nama", "Skor", "Aktif", "Daftar", "Tanggal", "Kosong"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 30, 45, 0, wib)
	rows := [][]any{
		{int64(5000000000007), "Siti, \"Kopi\"\nJaya", 42.5, true, at, Day(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)), nil},
		{7, "=HYPERLINK(\"x\")", 0.0, false, time.Time{}, Day{}, ""},
		{int64(1), "+6281234567890", -1.25, false, nil, nil, "@me"},
	}
	for _, r := range rows {
		if err := c.Row(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Row([]string{"x"}); err == nil {
		t.Error("a slice cell was taken")
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	data := buf.String()
	if !strings.HasPrefix(data, "\ufeffID,") {
		t.Errorf("the file does not start with the BOM and the header: %q", data[:min(len(data), 20)])
	}
	if !strings.Contains(data, "\r\n") {
		t.Error("lines do not end in CRLF")
	}
	got, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"ID", "Nama", "Skor", "Aktif", "Daftar", "Tanggal", "Kosong"},
		{"5000000000007", "Siti, \"Kopi\"\nJaya", "42.5", "TRUE", "2026-03-02 09:30", "2027-01-31", ""},
		{"7", "'=HYPERLINK(\"x\")", "0", "FALSE", "", "", ""},
		{"1", "'+6281234567890", "-1.25", "FALSE", "", "", "'@me"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("csv read back (-want +got):\n%s", diff)
	}
}

// BenchmarkWorkbookOwners writes a sheet of 95,000 owner-like rows of 22
// columns and a second of as many assessments, the size of /ekspor for
// the whole province, and reports the peak heap.
func BenchmarkWorkbookOwners(b *testing.B) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, wib)
	for b.Loop() {
		var peak uint64
		var ms runtime.MemStats
		sample := func() {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		w, err := NewWorkbook()
		if err != nil {
			b.Fatal(err)
		}
		owners, _ := w.Sheet("Pemilik", strings.Split(strings.Repeat("Kolom,", 22), ",")[:22])
		checks, _ := w.Sheet("Kesiapan", strings.Split(strings.Repeat("Kolom,", 8), ",")[:8])
		for i := range 95_000 {
			id := int64(7_000_000_000 + i)
			err := owners.Row(id, "Siti Rahayu", "+6281234567890", fmt.Sprintf("Keripik Pisang %d", i), "9123456789012",
				"Kabupaten Tanggamus", "Kopi (robusta) dan olahan kopi", "", "kopi robusta bubuk", "5-19 orang", "200 kg",
				"Belum pernah ekspor", "Kelas Menengah", 42.5, "radio", "Rina", "ya", "ya", at, at, at, "")
			if err == nil {
				err = checks.Row(id, "Keripik Pisang", at, "Kelas Menengah", 42.5, 25.0, 60.0, 1)
			}
			if err != nil {
				b.Fatal(err)
			}
			if i%10_000 == 0 {
				sample()
			}
		}
		data, err := w.Bytes()
		if err != nil {
			b.Fatal(err)
		}
		sample()
		w.Close()
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(len(data))/(1<<20), "file-MiB")
	}
}
