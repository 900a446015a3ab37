package flows

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// testWIB is the zone the handler converts with; testNow is 27 November
// 2026, 10.00 WIB.
var testWIB = time.FixedZone("WIB", 7*3600)

// newClassDriver starts NewClass the way the handler does, with this year
// as context.
func newClassDriver(t *testing.T, lang string) *driver {
	t.Helper()
	d := &driver{t: t, f: NewClass, lang: lang}
	d.last = NewClass.Start(testChat, lang, "n1", map[string]string{AnswerYear: "2026"}, testNow)
	return d
}

// classStep is how staff answer one step of NewClass.
type classStep struct {
	step   string
	answer func(d *driver) Result
}

func typed(step, text string) classStep {
	return classStep{step, func(d *driver) Result { return d.text(text) }}
}

func pressed(step string, label func(lang string) string) classStep {
	return classStep{step, func(d *driver) Result { return d.press(label(d.lang)) }}
}

func key(k Key, args ...any) func(string) string {
	return func(lang string) string { return T(lang, k, args...) }
}

// oneMeeting answers every question by typing, with one meeting.
var oneMeeting = []classStep{
	typed(kbLevel, "pemula"),
	typed(kbStage, "1"),
	typed(kbYear, "2026"),
	typed(kbTitle, "  Kelas Ekspor   Pemula Bandar Lampung "),
	typed(kbCapacity, "25"),
	typed(kbFree, "tidak"),
	typed("m1_date", "Senin, 7 Desember 2026"),
	typed("m1_time", "09.00"),
	typed("m1_minutes", "120"),
	typed("m1_place", "Aula Disperindag Provinsi Lampung"),
	typed("m1_more", "selesai, lanjut"),
	typed(kbNote, "Bawa contoh produk & NIB."),
}

// twoMeetings answers with buttons where there are some, and two meetings.
var twoMeetings = []classStep{
	pressed(kbLevel, func(lang string) string { return kbShowLevel(lang, "menengah") }),
	pressed(kbStage, key(KbStageLabel, "2")),
	pressed(kbYear, func(string) string { return "2027" }),
	typed(kbTitle, "Kelas Ekspor Menengah <Metro>"),
	pressed(kbCapacity, key(KbCapacityStd, 20)),
	pressed(kbFree, key(KbFreeYes)),
	typed("m1_date", "8/12/26"),
	typed("m1_time", "jam 9"),
	pressed("m1_minutes", key(KbHours, "2")),
	typed("m1_place", "Aula Disperindag, Bandar Lampung"),
	pressed("m1_more", key(KbMoreYes)),
	typed("m2_date", "15 Des 2026"),
	typed("m2_time", "13.30 WIB"),
	typed("m2_minutes", "1,5 jam"),
	typed("m2_place", "https://meet.google.com/abc-defg-hij"),
	pressed("m2_more", key(KbMoreNo)),
	pressed(kbNote, key(KbNoNote)),
}

// walkClass answers steps in order up to (not including) stop.
func walkClass(d *driver, steps []classStep, stop string) {
	d.t.Helper()
	for _, s := range steps {
		if s.step == stop {
			return
		}
		if d.step() != s.step {
			d.t.Fatalf("at step %q, want %q:\n%s", d.step(), s.step, render(d.last.Messages))
		}
		if r := s.answer(d); r.Outcome != Continue {
			d.t.Fatalf("step %q ended the flow with outcome %v", s.step, r.Outcome)
		}
		if d.step() == s.step {
			d.t.Fatalf("step %q asked again:\n%s", s.step, render(d.last.Messages))
		}
	}
}

func save(t *testing.T, d *driver) ikmbot.Class {
	t.Helper()
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want the summary", d.step())
	}
	r := d.press(T(d.lang, SuSave))
	if r.Outcome != Done {
		t.Fatalf("save outcome = %v, want Done", r.Outcome)
	}
	c, err := ClassFromAnswers(r.Session.Answers, testWIB)
	if err != nil {
		t.Fatalf("ClassFromAnswers: %v", err)
	}
	return c
}

func TestNewClassTyped(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, oneMeeting, "")
	got := save(t, d)
	want := ikmbot.Class{
		Level: ikmbot.LevelPemula, Stage: 1, Year: 2026, Title: "Kelas Ekspor Pemula Bandar Lampung", Capacity: 25,
		Meetings: []ikmbot.Meeting{{Start: time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC), Minutes: 120, Place: "Aula Disperindag Provinsi Lampung"}},
		Note:     "Bawa contoh produk & NIB.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("class mismatch (-want +got):\n%s", diff)
	}
	if loc := got.Meetings[0].Start.Location(); loc != time.UTC {
		t.Errorf("meeting start in %v, want UTC", loc)
	}
}

func TestNewClassTwoMeetings(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, twoMeetings, "")
	summary := d.last.Messages[0].Text
	for _, want := range []string{
		"<b>Tanggal pertemuan 2</b>: Selasa, 15 Desember 2026",
		"<b>Jam pertemuan 2</b>: 13.30 WIB",
		"<b>Durasi pertemuan 2</b>: 1,5 jam",
		"<b>Judul</b>: Kelas Ekspor Menengah &lt;Metro&gt;",
		"<b>Catatan</b>: Tanpa catatan",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	got := save(t, d)
	want := ikmbot.Class{
		Level: ikmbot.LevelMenengah, Stage: 2, Year: 2027, Title: "Kelas Ekspor Menengah <Metro>", Capacity: 20, FreeOnDecline: true,
		Meetings: []ikmbot.Meeting{
			{Start: time.Date(2026, 12, 8, 2, 0, 0, 0, time.UTC), Minutes: 120, Place: "Aula Disperindag, Bandar Lampung"},
			{Start: time.Date(2026, 12, 15, 6, 30, 0, 0, time.UTC), Minutes: 90, Place: "https://meet.google.com/abc-defg-hij"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("class mismatch (-want +got):\n%s", diff)
	}
}

// TestNewClassSixMeetings checks the most meetings: the fifth asks whether
// there is a last one, and the sixth goes straight on to the note.
func TestNewClassSixMeetings(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, oneMeeting, "m1_more")
	for n := 1; n <= MaxMeetings; n++ {
		if n > 1 {
			day := time.Date(2026, 12, 7+n, 0, 0, 0, 0, time.UTC).Format("02-01-2006")
			walkClass(d, []classStep{typed(kbID(n, kbDate), day), typed(kbID(n, kbTime), "9"),
				typed(kbID(n, kbMinutes), "60"), typed(kbID(n, kbPlace), "Gedung Serba Guna")}, "")
		}
		if n == MaxMeetings {
			break
		}
		if n == MaxMeetings-1 && !strings.Contains(d.last.Messages[0].Text, "paling banyak 6 pertemuan") {
			t.Errorf("meeting 5 does not say one more is the last:\n%s", render(d.last.Messages))
		}
		walkClass(d, []classStep{pressed(kbID(n, kbMore), key(KbMoreYes))}, "")
	}
	if d.step() != kbNote {
		t.Fatalf("after meeting 6: step = %q, want the note", d.step())
	}
	d.text("-")
	if got := save(t, d); len(got.Meetings) != 6 || got.Note != "" {
		t.Errorf("got %d meetings, note %q; want 6 and none", len(got.Meetings), got.Note)
	}
}

// TestNewClassRefuses sends answers that must not be taken and checks the
// same step is asked again, after the hint, with nothing changed.
func TestNewClassRefuses(t *testing.T) {
	tests := []struct {
		name  string
		steps []classStep // answered before
		at    string
		input string
		hint  string // Indonesian
	}{
		{"typed year too far", nil, kbYear, "2030", T("id", KbErrYear, 2025, 2028)},
		{"year in words", nil, kbYear, "tahun depan", T("id", KbErrYear, 2025, 2028)},
		{"title too short", nil, kbTitle, "ab", T("id", KbErrShort, 3)},
		{"title too long", nil, kbTitle, strings.Repeat("a", 81), T("id", ErrTooLong, 80)},
		{"capacity zero", nil, kbCapacity, "0", T("id", KbErrCapacity, kbCapacityMax)},
		{"capacity too many", nil, kbCapacity, "61", T("id", KbErrCapacity, kbCapacityMax)},
		{"capacity in words", nil, kbCapacity, "dua puluh", T("id", KbErrCapacity, kbCapacityMax)},
		{"capacity negative", nil, kbCapacity, "-5", T("id", KbErrCapacity, kbCapacityMax)},
		{"free typed", nil, kbFree, "mungkin", T("id", MsgChooseButton)},
		{"date unreadable", nil, "m1_date", "minggu depan", T("id", DateFormat)},
		{"date impossible", nil, "m1_date", "31-02-2027", T("id", DateNotExist, "31-02-2027")},
		{"date past", nil, "m1_date", "1-11-2026", T("id", KbErrPast, "27-11-2026")},
		{"date last year", nil, "m1_date", "7/12/25", T("id", KbErrPast, "27-11-2026")},
		{"time unreadable", []classStep{typed("m1_date", "7-12-2026")}, "m1_time", "pagi", T("id", ClockFormat)},
		{"time impossible", []classStep{typed("m1_date", "7-12-2026")}, "m1_time", "24.00", T("id", ClockNotExist, "24.00")},
		{"time past today", []classStep{typed("m1_date", "27-11-2026")}, "m1_time", "09.00", T("id", KbErrTimePast, 10, 0)},
		{"minutes too short", []classStep{typed("m1_date", "7-12-2026"), typed("m1_time", "9")}, "m1_minutes", "10", T("id", KbErrMinutes, 15, 600)},
		{"minutes too long", []classStep{typed("m1_date", "7-12-2026"), typed("m1_time", "9")}, "m1_minutes", "11 jam", T("id", KbErrMinutes, 15, 600)},
		{"place too short", []classStep{typed("m1_date", "7-12-2026"), typed("m1_time", "9"), typed("m1_minutes", "60")}, "m1_place", " x ", T("id", KbErrShort, 3)},
		{"meeting 2 before meeting 1", twoMeetings[6:11], "m2_date", "7-12-2026", T("id", KbErrBeforePrev, 2, 1, "08-12-2026")},
		{"meeting 2 during meeting 1", append(append([]classStep(nil), twoMeetings[6:11]...), typed("m2_date", "8-12-2026")),
			"m2_time", "10.00", T("id", KbErrClashPrev, 1, 11, 0, 2)},
		{"meeting 2 at the start of meeting 1", append(append([]classStep(nil), twoMeetings[6:11]...), typed("m2_date", "8-12-2026")),
			"m2_time", "9", T("id", KbErrClashPrev, 1, 11, 0, 2)},
		{"note too long", twoMeetings[6:16], kbNote, strings.Repeat("catatan ", 63), T("id", ErrTooLong, 500)},
		{"stale button", nil, kbStage, "", T("id", MsgStaleButton)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newClassDriver(t, "id")
			if tt.steps == nil {
				walkClass(d, twoMeetings, tt.at)
			} else {
				walkClass(d, twoMeetings[:6], "")
				walkClass(d, tt.steps, "")
			}
			if d.step() != tt.at {
				t.Fatalf("at %q, want %q", d.step(), tt.at)
			}
			before := d.last.Session
			var r Result
			if tt.input == "" {
				r = d.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "kb:p:old:" + tt.at + ":1"})
			} else {
				r = d.text(tt.input)
			}
			if r.Outcome != Continue || r.Session.Step != tt.at {
				t.Fatalf("outcome %v at %q, want Continue at %q", r.Outcome, r.Session.Step, tt.at)
			}
			if len(r.Messages) != 2 {
				t.Fatalf("want the hint and the question again, got:\n%s", render(r.Messages))
			}
			if got := r.Messages[0].Text; got != tt.hint {
				t.Errorf("hint = %q, want %q", got, tt.hint)
			}
			if diff := cmp.Diff(before.Answers, r.Session.Answers); diff != "" {
				t.Errorf("answers changed (-before +after):\n%s", diff)
			}
		})
	}
}

func TestNewClassSameDayAfterTheFirst(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, twoMeetings[:11], "")
	walkClass(d, []classStep{typed("m2_date", "8-12-2026"), typed("m2_time", "11.00")}, "")
	if got := d.last.Session.Answers["m2_time"]; got != "11:00" {
		t.Errorf("m2_time = %q, want 11:00 (right after meeting 1)", got)
	}
}

func TestNewClassToday(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, twoMeetings[:6], "")
	walkClass(d, []classStep{typed("m1_date", "27 November 2026"), typed("m1_time", "10.30")}, "")
	if got := d.last.Session.Answers["m1_date"]; got != "2026-11-27" {
		t.Errorf("m1_date = %q, want today", got)
	}
}

func TestNewClassYear(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, twoMeetings[:2], "")
	var labels []string
	for _, b := range d.last.Messages[0].Buttons[0] {
		labels = append(labels, b.Text)
	}
	if diff := cmp.Diff([]string{"2026", "2027"}, labels); diff != "" {
		t.Errorf("year buttons (-want +got):\n%s", diff)
	}
	d.text("2028")
	if got := d.last.Session.Answers[kbYear]; got != "2028" {
		t.Errorf("typed year = %q, want 2028", got)
	}

	// Without the context the year is typed, around the year now in WIB.
	nd := &driver{t: t, f: NewClass, lang: "id"}
	nd.last = NewClass.Start(testChat, "id", "n1", nil, time.Date(2026, 12, 31, 18, 0, 0, 0, time.UTC)) // 1 January 2027 WIB
	walkClass(nd, twoMeetings[:2], "")
	r := NewClass.Handle(nd.last.Session, ikmbot.Event{Kind: ikmbot.EventText, Text: "2025", ChatID: testChat}, "id", time.Date(2026, 12, 31, 18, 0, 0, 0, time.UTC))
	if got := r.Messages[0].Text; got != T("id", KbErrYear, 2026, 2029) {
		t.Errorf("hint = %q", got)
	}
}

func TestNewClassBackToMore(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, twoMeetings, "m2_date")
	d.press(T("id", BtnBack))
	if d.step() != "m1_more" {
		t.Fatalf("back from m2_date: step = %q, want m1_more", d.step())
	}
	// Changing one's mind: no second meeting after all.
	d.press(T("id", KbMoreNo))
	if d.step() != kbNote {
		t.Fatalf("after Selesai: step = %q, want the note", d.step())
	}
	d.press(T("id", KbNoNote))
	if got := save(t, d); len(got.Meetings) != 1 {
		t.Errorf("%d meetings, want 1", len(got.Meetings))
	}
}

func TestNewClassEditFromSummary(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, twoMeetings, "")
	d.press(T("id", SuEditPrefix, T("id", KbFieldTime1)))
	if d.step() != "m1_time" {
		t.Fatalf("edit: step = %q, want m1_time", d.step())
	}
	d.text("10.00")
	if d.step() != summaryStep {
		t.Fatalf("after the edit: step = %q, want the summary", d.step())
	}
	if !strings.Contains(d.last.Messages[0].Text, "<b>Jam pertemuan 1</b>: 10.00 WIB") {
		t.Errorf("summary lacks the new time:\n%s", render(d.last.Messages))
	}

	// Meeting 1 cannot move past meeting 2.
	d.press(T("id", SuEditPrefix, T("id", KbFieldDate1)))
	r := d.text("16-12-2026")
	if got, want := r.Messages[0].Text, T("id", KbErrAfterNext, 1, 2, "15-12-2026", 2); got != want || d.step() != "m1_date" {
		t.Errorf("moving meeting 1 after 2: step %q, hint %q, want %q", d.step(), got, want)
	}
	d.text("15-12-2026") // the same day, before meeting 2 (13.30)
	if d.step() != summaryStep {
		t.Fatalf("same day as meeting 2: step = %q\n%s", d.step(), render(d.last.Messages))
	}
	// Now meeting 1 (10.00–12.00) and 2 (13.30) share a day: a longer
	// meeting 1 that runs into meeting 2 is refused.
	d.press(T("id", SuEditPrefix, T("id", KbFieldMinutes1)))
	var offered []string
	for _, b := range d.last.Messages[0].Buttons[0] {
		offered = append(offered, b.Text)
	}
	if diff := cmp.Diff([]string{"1 jam", "1,5 jam", "2 jam"}, offered); diff != "" || strings.Contains(render(d.last.Messages), "4 jam") {
		t.Errorf("lengths offered that end before meeting 2 (-want +got):\n%s\n%s", diff, render(d.last.Messages))
	}
	r = d.text("240")
	if got, want := r.Messages[0].Text, T("id", KbErrClashNext, 2, 13, 30, 1); got != want {
		t.Errorf("hint = %q, want %q", got, want)
	}
	d.press(T("id", BtnBack))
	if d.step() != summaryStep {
		t.Fatalf("back from an edit: step = %q, want the summary", d.step())
	}

	got := save(t, d)
	if want := time.Date(2026, 12, 15, 3, 0, 0, 0, time.UTC); !got.Meetings[0].Start.Equal(want) {
		t.Errorf("meeting 1 starts %v, want %v", got.Meetings[0].Start, want)
	}
}

func TestNewClassCancel(t *testing.T) {
	for _, at := range []string{kbLevel, "m1_time", "m2_place", kbNote, summaryStep} {
		t.Run(at, func(t *testing.T) {
			d := newClassDriver(t, "id")
			walkClass(d, twoMeetings, at)
			r := d.press(T("id", BtnCancel))
			if r.Outcome != Cancelled || len(r.Messages) != 1 || r.Messages[0].Text != T("id", MsgCancelled) {
				t.Errorf("cancel at %s: %v\n%s", at, r.Outcome, render(r.Messages))
			}
		})
	}
	d := newClassDriver(t, "id")
	if r := d.text(T("id", BtnCancel)); r.Outcome != Cancelled {
		t.Errorf("typed cancel: %v", r.Outcome)
	}
}

func TestClassAnswersRoundTrip(t *testing.T) {
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	classes := []ikmbot.Class{
		{Level: ikmbot.LevelMahir, Stage: 2, Year: 2027, Title: "Kelas Mahir", Capacity: 30, FreeOnDecline: true, Note: "Bawa\nNIB",
			Meetings: []ikmbot.Meeting{
				{Start: time.Date(2027, 3, 1, 2, 0, 0, 0, time.UTC), Minutes: 90, Place: "Aula"},
				{Start: time.Date(2027, 3, 1, 6, 0, 0, 0, time.UTC), Minutes: 45, Place: "Aula"},
				{Start: time.Date(2027, 3, 8, 2, 30, 0, 0, time.UTC), Minutes: 600, Place: "https://zoom.us/j/1"},
			}},
		{Level: ikmbot.LevelPemula, Stage: 1, Year: 2026, Title: "Satu", Capacity: 1,
			Meetings: []ikmbot.Meeting{{Start: time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), Minutes: 60, Place: "Metro"}}},
	}
	six := classes[1]
	six.Meetings = nil
	for i := range MaxMeetings {
		six.Meetings = append(six.Meetings, ikmbot.Meeting{Start: time.Date(2027, 1, 4+i, 2, 0, 0, 0, time.UTC), Minutes: 120, Place: "Aula"})
	}
	classes = append(classes, six)
	for _, c := range classes {
		a := ClassAnswers(c, jakarta)
		got, err := ClassFromAnswers(a, jakarta)
		if err != nil {
			t.Fatalf("ClassFromAnswers(ClassAnswers(%s)): %v\n%v", c.Title, err, a)
		}
		if diff := cmp.Diff(c, got); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", c.Title, diff)
		}
		// The answers are complete: the flow opens on its summary.
		r := NewClass.StartAtSummary(testChat, "id", "n1", a, testNow)
		if r.Session.Step != summaryStep {
			t.Errorf("StartAtSummary(%s) at %q, want the summary", c.Title, r.Session.Step)
		}
	}
	if a := ClassAnswers(classes[1], jakarta); a["m1_time"] != "00:00" || a["m1_date"] != "2027-01-01" || a[kbNote] != "-" {
		t.Errorf("answers in WIB: %v", a)
	}
}

func TestClassFromAnswersInvalid(t *testing.T) {
	d := newClassDriver(t, "id")
	walkClass(d, twoMeetings, "")
	good := d.last.Session.Answers
	tests := []struct {
		name   string
		change map[string]string
	}{
		{"no level", map[string]string{kbLevel: ""}},
		{"unknown level", map[string]string{kbLevel: "ahli"}},
		{"stage 3", map[string]string{kbStage: "3"}},
		{"no year", map[string]string{kbYear: ""}},
		{"empty title", map[string]string{kbTitle: " "}},
		{"no seats", map[string]string{kbCapacity: "0"}},
		{"free unknown", map[string]string{kbFree: "maybe"}},
		{"bad date", map[string]string{"m1_date": "2026-02-31"}},
		{"bad time", map[string]string{"m2_time": "25:00"}},
		{"no minutes", map[string]string{"m2_minutes": ""}},
		{"no place", map[string]string{"m2_place": ""}},
		{"out of order", map[string]string{"m2_date": "2026-12-01"}},
		{"second meeting missing", map[string]string{"m2_date": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := cloneAnswers(good)
			for k, v := range tt.change {
				a[k] = v
			}
			_, err := ClassFromAnswers(a, testWIB)
			var e *ikmbot.Error
			if !errors.As(err, &e) || e.Code != ikmbot.EInvalid {
				t.Errorf("err = %v, want an EInvalid *ikmbot.Error", err)
			}
		})
	}
}

func TestParseMinutes(t *testing.T) {
	tests := []struct {
		in   string
		want int // 0: refused
	}{
		{"90", 90}, {"15", 15}, {"600", 600}, {"90 menit", 90}, {"90 mnt", 90}, {"45m", 45}, {"90 minutes", 90},
		{"2 jam", 120}, {"1,5 jam", 90}, {"1.5 jam", 90}, {"1,25 jam", 75}, {"2 Jam 30 Menit", 150}, {"1h30", 90},
		{"1 hour", 60}, {"2 hours", 120}, {"2.5 hrs", 150}, {"10 jam", 600},
		{"14", 0}, {"601", 0}, {"11 jam", 0}, {"1,33 jam", 0}, {"1,1 jam", 66}, {"", 0}, {"jam", 0}, {"dua jam", 0},
		{"1.5", 0}, {"-30", 0}, {"90 detik", 0},
	}
	for _, tt := range tests {
		got, p := kbParseMinutes(tt.in)
		if (p != nil) != (tt.want == 0) || got != tt.want {
			t.Errorf("kbParseMinutes(%q) = %d, %v; want %d", tt.in, got, p, tt.want)
		}
	}
}

// TestNewClassGolden renders every question, a few hints and the summary
// in both languages, and the meeting editor's summary and questions.
func TestNewClassGolden(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			var b strings.Builder
			d := newClassDriver(t, lang)
			for _, s := range twoMeetings {
				b.WriteString("=== " + s.step + "\n" + render(d.last.Messages))
				switch s.step {
				case "m1_date":
					b.WriteString("=== m1_date: in the past\n" + render(d.text("1-11-2026").Messages[:1]))
					b.WriteString("=== m1_date: unreadable\n" + render(d.text("besok").Messages[:1]))
				case "m1_time":
					b.WriteString("=== m1_time: no such time\n" + render(d.text("24.00").Messages[:1]))
				case "m2_date":
					b.WriteString("=== m2_date: before meeting 1\n" + render(d.text("1-12-2026").Messages[:1]))
				}
				s.answer(d)
			}
			b.WriteString("=== summary\n" + render(d.last.Messages))

			c, err := ClassFromAnswers(d.last.Session.Answers, testWIB)
			if err != nil {
				t.Fatal(err)
			}
			c.ID = "2027-2-1"
			a := MeetingAnswers(c.Meetings[1], testWIB)
			a[AnswerClass], a[AnswerMeeting] = c.ID, "1"
			km := &driver{t: t, f: EditMeeting, lang: lang}
			km.last = EditMeeting.StartAtSummary(testChat, lang, "n2", a, testNow)
			b.WriteString("=== km summary\n" + render(km.last.Messages))
			for _, f := range []Key{KmFieldDate, KmFieldTime, KmFieldMinutes, KmFieldPlace} {
				km.press(T(lang, SuEditPrefix, T(lang, f)))
				b.WriteString("=== km " + km.step() + "\n" + render(km.last.Messages))
				km.press(T(lang, BtnBack))
			}
			golden(t, "newclass_"+lang+".golden", b.String())
		})
	}
}
