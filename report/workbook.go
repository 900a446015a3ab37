package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Table is one table being written row by row: a sheet of a Workbook or
// a CSV file. The header row is written when the table is made.
type Table interface {
	// Row appends one row. A cell is a string, an int, an int64 (an
	// identifier: every digit is shown), a float64, a bool, a time.Time
	// (a date and time, as it reads in its own location), a Day (a date)
	// or nil (an empty cell); a zero time.Time or Day is empty too.
	// Another type is an error.
	Row(cells ...any) error
}

// Day is a cell holding a calendar day without a time of day: the date of
// the time.Time as it reads in its own location (a certificate's expiry,
// stored as a UTC midnight, is that day).
type Day time.Time

// Number formats of the date cells: ISO order, which reads the same in
// every locale and sorts as text too.
const (
	dateFormat     = "yyyy-mm-dd"
	dateTimeFormat = "yyyy-mm-dd hh:mm"
	// CSV writes the same as text.
	csvDate     = "2006-01-02"
	csvDateTime = "2006-01-02 15:04"
)

// widthRows is how many rows of a sheet are held back to size its
// columns: the stream writer needs the widths before the first row.
const widthRows = 100

// Column widths, in characters of the default font.
const (
	minWidth = 6
	maxWidth = 50
)

// Workbook writes an .xlsx file of one or more sheets, each streamed to
// a temporary buffer (spilling to disk past 16 MB, as excelize does) so a
// sheet of a hundred thousand rows does not sit in memory as cells.
// Several sheets may be written at once. Call Close when done.
type Workbook struct {
	f      *excelize.File
	sheets []*sheet
	// Style ids: the header row, date and date-time cells, identifiers.
	bold, date, dateTime, id int
	flushed                  bool
}

// NewWorkbook returns an empty workbook.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	w := &Workbook{f: f}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&w.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&w.date, excelize.Style{CustomNumFmt: ptr(dateFormat)}},
		{&w.dateTime, excelize.Style{CustomNumFmt: ptr(dateTimeFormat)}},
		{&w.id, excelize.Style{NumFmt: 1}}, // "0": no exponent for a 13-digit id
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("report: make workbook styles: %w", err)
		}
		*s.id = id
	}
	return w, nil
}

func ptr[T any](v T) *T { return &v }

// Sheet adds a sheet named name (at most 31 characters, none of : \ / ? *
// [ ]) with a bold, frozen header row of headers, and returns it for its
// rows. Sheets appear in the order they were added.
func (w *Workbook) Sheet(name string, headers []string) (Table, error) {
	if w.flushed {
		return nil, fmt.Errorf("report: sheet %q added after the workbook was written", name)
	}
	var err error
	if len(w.sheets) == 0 {
		// A new file has one sheet already; it becomes the first.
		err = w.f.SetSheetName(w.f.GetSheetName(0), name)
	} else {
		_, err = w.f.NewSheet(name)
	}
	if err != nil {
		return nil, fmt.Errorf("report: add sheet %q: %w", name, err)
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("report: add sheet %q: %w", name, err)
	}
	s := &sheet{wb: w, sw: sw, name: name, headers: append([]string(nil), headers...)}
	w.sheets = append(w.sheets, s)
	return s, nil
}

// Bytes finishes the workbook and returns the .xlsx file. No sheet may be
// added or written to after.
func (w *Workbook) Bytes() ([]byte, error) {
	if err := w.flush(); err != nil {
		return nil, err
	}
	// Through a temporary file rather than a growing buffer: the file is
	// read back at its exact size, where a buffer doubling its way to a
	// 15 MB workbook would hold up to twice that.
	tmp, err := os.CreateTemp("", "ikmbot-*.xlsx")
	if err != nil {
		return nil, fmt.Errorf("report: write workbook: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err := w.f.WriteTo(tmp); err != nil {
		return nil, fmt.Errorf("report: write workbook: %w", err)
	}
	b, err := os.ReadFile(tmp.Name())
	if err != nil {
		return nil, fmt.Errorf("report: write workbook: %w", err)
	}
	return b, nil
}

// WriteTo finishes the workbook and writes the .xlsx file to out.
func (w *Workbook) WriteTo(out io.Writer) (int64, error) {
	b, err := w.Bytes()
	if err != nil {
		return 0, err
	}
	n, err := out.Write(b)
	return int64(n), err
}

// Close removes the workbook's temporary files.
func (w *Workbook) Close() error { return w.f.Close() }

func (w *Workbook) flush() error {
	if w.flushed {
		return nil
	}
	if len(w.sheets) == 0 {
		return fmt.Errorf("report: workbook without sheets")
	}
	for _, s := range w.sheets {
		if err := s.flush(); err != nil {
			return err
		}
	}
	w.f.SetActiveSheet(0)
	w.flushed = true
	return nil
}

// sheet is one sheet being streamed.
type sheet struct {
	wb      *Workbook
	sw      *excelize.StreamWriter
	name    string
	headers []string
	// pending are the first rows, held until widthRows of them size the
	// columns; started says the header and they were written.
	pending [][]any
	widths  []int
	started bool
	row     int // the last row written, 1 the header
}

func (s *sheet) Row(cells ...any) error {
	if s.wb.flushed {
		return fmt.Errorf("report: sheet %q: row after the workbook was written", s.name)
	}
	out := make([]any, len(cells))
	for i, c := range cells {
		v, err := s.wb.cell(c)
		if err != nil {
			return fmt.Errorf("report: sheet %q row %d column %d: %w", s.name, s.row+len(s.pending)+2, i+1, err)
		}
		out[i] = v
	}
	if s.started {
		return s.write(out)
	}
	s.measure(cells)
	s.pending = append(s.pending, out)
	if len(s.pending) >= widthRows {
		return s.start()
	}
	return nil
}

// cell turns a Row cell into what excelize's stream writer takes, styled.
func (w *Workbook) cell(c any) (any, error) {
	switch v := c.(type) {
	case nil:
		return nil, nil
	case string:
		if v == "" {
			return nil, nil
		}
		return v, nil
	case int, bool:
		return v, nil
	case int64:
		return excelize.Cell{StyleID: w.id, Value: v}, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil
		}
		return v, nil
	case time.Time:
		if v.IsZero() {
			return nil, nil
		}
		return excelize.Cell{StyleID: w.dateTime, Value: v}, nil
	case Day:
		t := time.Time(v)
		if t.IsZero() {
			return nil, nil
		}
		return excelize.Cell{StyleID: w.date, Value: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}, nil
	}
	return nil, fmt.Errorf("cell of type %T", c)
}

// measure widens the columns to fit cells.
func (s *sheet) measure(cells []any) {
	for len(s.widths) < len(cells) {
		s.widths = append(s.widths, 0)
	}
	for i, c := range cells {
		s.widths[i] = max(s.widths[i], cellWidth(c))
	}
}

// cellWidth is how many characters a cell shows, about.
func cellWidth(c any) int {
	switch v := c.(type) {
	case string:
		first, _, _ := strings.Cut(v, "\n")
		return utf8.RuneCountInString(first)
	case int:
		return len(strconv.Itoa(v))
	case int64:
		return len(strconv.FormatInt(v, 10))
	case float64:
		return len(strconv.FormatFloat(v, 'f', -1, 64))
	case bool:
		return 5
	case time.Time:
		return len(csvDateTime)
	case Day:
		return len(csvDate)
	}
	return 0
}

// start sizes the columns, freezes and writes the header row, then the
// rows held back.
func (s *sheet) start() error {
	s.started = true
	for i, h := range s.headers {
		if i >= len(s.widths) {
			s.widths = append(s.widths, 0)
		}
		// Bold letters are wider; the filter arrow of a header needs room.
		s.widths[i] = max(s.widths[i], utf8.RuneCountInString(h)+2)
	}
	for i, wd := range s.widths {
		if err := s.sw.SetColWidth(i+1, i+1, float64(min(max(wd+1, minWidth), maxWidth))); err != nil {
			return fmt.Errorf("report: sheet %q: %w", s.name, err)
		}
	}
	if len(s.headers) > 0 {
		if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("report: sheet %q: %w", s.name, err)
		}
		head := make([]any, len(s.headers))
		for i, h := range s.headers {
			head[i] = excelize.Cell{StyleID: s.wb.bold, Value: h}
		}
		if err := s.write(head); err != nil {
			return err
		}
	}
	for _, r := range s.pending {
		if err := s.write(r); err != nil {
			return err
		}
	}
	s.pending = nil
	return nil
}

func (s *sheet) write(cells []any) error {
	ref, err := excelize.CoordinatesToCellName(1, s.row+1)
	if err != nil {
		return fmt.Errorf("report: sheet %q: %w", s.name, err)
	}
	if err := s.sw.SetRow(ref, cells); err != nil {
		return fmt.Errorf("report: sheet %q row %d: %w", s.name, s.row+1, err)
	}
	s.row++
	return nil
}

func (s *sheet) flush() error {
	if !s.started {
		if err := s.start(); err != nil {
			return err
		}
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("report: sheet %q: %w", s.name, err)
	}
	return nil
}

// utf8BOM starts a CSV file so Excel reads it as UTF-8, not as the
// system's code page.
const utf8BOM = "\ufeff"

// CSV writes one table as comma-separated values for Excel: UTF-8 with a
// byte order mark, CRLF line ends, dates as YYYY-MM-DD and times as
// YYYY-MM-DD HH:MM.
type CSV struct {
	w   *csv.Writer
	rec []string
}

// NewCSV writes the byte order mark and the header row to out and returns
// the table for the rows. Call Flush when done.
func NewCSV(out io.Writer, headers []string) (*CSV, error) {
	if _, err := io.WriteString(out, utf8BOM); err != nil {
		return nil, fmt.Errorf("report: write csv: %w", err)
	}
	c := &CSV{w: csv.NewWriter(out)}
	c.w.UseCRLF = true
	if err := c.w.Write(headers); err != nil {
		return nil, fmt.Errorf("report: write csv: %w", err)
	}
	return c, nil
}

// Row appends one row; see Table. A text that Excel would take for a
// formula (starting with = + - @, a tab or a carriage return) is written
// with a leading apostrophe, so what an owner typed never runs as one.
func (c *CSV) Row(cells ...any) error {
	c.rec = c.rec[:0]
	for i, cell := range cells {
		var v string
		switch x := cell.(type) {
		case nil:
		case string:
			v = defuse(x)
		case int:
			v = strconv.Itoa(x)
		case int64:
			v = strconv.FormatInt(x, 10)
		case float64:
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				v = strconv.FormatFloat(x, 'f', -1, 64)
			}
		case bool:
			v = strings.ToUpper(strconv.FormatBool(x))
		case time.Time:
			if !x.IsZero() {
				v = x.Format(csvDateTime)
			}
		case Day:
			if t := time.Time(x); !t.IsZero() {
				v = t.Format(csvDate)
			}
		default:
			return fmt.Errorf("report: csv column %d: cell of type %T", i+1, cell)
		}
		c.rec = append(c.rec, v)
	}
	if err := c.w.Write(c.rec); err != nil {
		return fmt.Errorf("report: write csv: %w", err)
	}
	return nil
}

// Flush writes what is buffered to the underlying writer.
func (c *CSV) Flush() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("report: write csv: %w", err)
	}
	return nil
}

// defuse keeps a text from being read as a formula by a spreadsheet.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
