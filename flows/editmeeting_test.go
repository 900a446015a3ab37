package flows

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// threeMeetings is a class whose second meeting is changed: 8 December
// 09.00–11.00, 15 December 13.30–15.00 and 15 December 16.00–17.00 WIB.
var threeMeetings = ikmbot.Class{
	ID: "2026-2-4", Level: ikmbot.LevelMahir, Stage: 2, Year: 2026, Title: "Kelas Mahir", Capacity: 20,
	Meetings: []ikmbot.Meeting{
		{Start: time.Date(2026, 12, 8, 2, 0, 0, 0, time.UTC), Minutes: 120, Place: "Aula"},
		{Start: time.Date(2026, 12, 15, 6, 30, 0, 0, time.UTC), Minutes: 90, Place: "Ruang Rapat"},
		{Start: time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC), Minutes: 60, Place: "Ruang Rapat"},
	},
}

// editMeetingDriver opens EditMeeting for meeting i as the handler does,
// with the neighbours as context.
func editMeetingDriver(t *testing.T, c ikmbot.Class, i int) *driver {
	t.Helper()
	a := MeetingAnswers(c.Meetings[i], testWIB)
	a[AnswerClass], a[AnswerMeeting] = c.ID, strconv.Itoa(i)
	for k, v := range MeetingNeighbours(c, i, testWIB) {
		a[k] = v
	}
	d := &driver{t: t, f: EditMeeting, lang: "id"}
	d.last = EditMeeting.StartAtSummary(testChat, "id", "n1", a, testNow)
	if d.step() != summaryStep {
		t.Fatalf("opened at %q, want the summary", d.step())
	}
	return d
}

func TestEditMeetingTime(t *testing.T) {
	d := editMeetingDriver(t, threeMeetings, 1)
	for _, want := range []string{"Selasa, 15 Desember 2026", "13.30 WIB", "1,5 jam", "Ruang Rapat"} {
		if !strings.Contains(d.last.Messages[0].Text, want) {
			t.Errorf("summary lacks the current %q:\n%s", want, render(d.last.Messages))
		}
	}
	d.press(T("id", SuEditPrefix, T("id", KmFieldTime)))
	if d.step() != kmTime {
		t.Fatalf("edit: step = %q, want time", d.step())
	}
	if !strings.Contains(d.last.Messages[0].Text, "<b>pertemuan 2</b>") {
		t.Errorf("question does not name the meeting:\n%s", render(d.last.Messages))
	}
	d.text("13.00")
	r := d.press(T("id", SuSave))
	if r.Outcome != Done {
		t.Fatalf("save: %v", r.Outcome)
	}
	if r.Session.Answers[AnswerClass] != "2026-2-4" || r.Session.Answers[AnswerMeeting] != "1" {
		t.Errorf("context lost: %v", r.Session.Answers)
	}
	got, err := MeetingFromAnswers(r.Session.Answers, testWIB)
	if err != nil {
		t.Fatal(err)
	}
	want := ikmbot.Meeting{Start: time.Date(2026, 12, 15, 6, 0, 0, 0, time.UTC), Minutes: 90, Place: "Ruang Rapat"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meeting mismatch (-want +got):\n%s", diff)
	}
}

func TestEditMeetingKeepsOrder(t *testing.T) {
	tests := []struct {
		name  string
		field Key
		input string
		hint  string
	}{
		{"before meeting 1", KmFieldDate, "7-12-2026", T("id", KbErrBeforePrev, 2, 1, "08-12-2026")},
		{"after meeting 3", KmFieldDate, "16-12-2026", T("id", KbErrAfterNext, 2, 3, "15-12-2026", 3)},
		{"in the past", KmFieldDate, "26-11-2026", T("id", KbErrPast, "27-11-2026")},
		{"running into meeting 3", KmFieldTime, "15.00", T("id", KbErrClashNext, 3, 16, 0, 2)},
		{"after meeting 3 starts", KmFieldTime, "16.30", T("id", KbErrClashNext, 3, 16, 0, 2)},
		{"too long for meeting 3", KmFieldMinutes, "180", T("id", KbErrClashNext, 3, 16, 0, 2)},
		{"unreadable time", KmFieldTime, "siang", T("id", ClockFormat)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := editMeetingDriver(t, threeMeetings, 1)
			d.press(T("id", SuEditPrefix, T("id", tt.field)))
			step := d.step()
			r := d.text(tt.input)
			if r.Session.Step != step || len(r.Messages) != 2 || r.Messages[0].Text != tt.hint {
				t.Errorf("at %q: hint %q, want %q", r.Session.Step, r.Messages[0].Text, tt.hint)
			}
		})
	}
}

func TestEditMeetingLengthButtons(t *testing.T) {
	d := editMeetingDriver(t, threeMeetings, 1) // 13.30, with meeting 3 at 16.00
	d.press(T("id", SuEditPrefix, T("id", KmFieldMinutes)))
	var got []string
	for _, row := range d.last.Messages[0].Buttons[:len(d.last.Messages[0].Buttons)-1] {
		for _, b := range row {
			got = append(got, b.Text)
		}
	}
	if diff := cmp.Diff([]string{"1 jam", "1,5 jam", "2 jam"}, got); diff != "" {
		t.Errorf("lengths offered (-want +got):\n%s", diff)
	}
	// The last meeting has no meeting after it: every length is offered.
	d = editMeetingDriver(t, threeMeetings, 2)
	d.press(T("id", SuEditPrefix, T("id", KmFieldMinutes)))
	if n := len(d.last.Messages[0].Buttons); n != 3 {
		t.Errorf("%d rows of buttons, want 2 of lengths and the navigation", n)
	}
}

func TestEditMeetingFirstMeetingMovesEarlier(t *testing.T) {
	d := editMeetingDriver(t, threeMeetings, 0)
	d.press(T("id", SuEditPrefix, T("id", KmFieldDate)))
	d.text("1 Desember 2026")
	if d.step() != summaryStep || d.last.Session.Answers[kmDate] != "2026-12-01" {
		t.Errorf("step %q, date %q", d.step(), d.last.Session.Answers[kmDate])
	}
}

// TestEditMeetingWithoutNeighbours: without MeetingNeighbours the meeting
// may move past the others (the handler sorts them); the past is still
// refused.
func TestEditMeetingWithoutNeighbours(t *testing.T) {
	a := MeetingAnswers(threeMeetings.Meetings[1], testWIB)
	a[AnswerClass], a[AnswerMeeting] = threeMeetings.ID, "1"
	d := &driver{t: t, f: EditMeeting, lang: "id"}
	d.last = EditMeeting.StartAtSummary(testChat, "id", "n1", a, testNow)
	d.press(T("id", SuEditPrefix, T("id", KmFieldDate)))
	if r := d.text("20-11-2026"); r.Messages[0].Text != T("id", KbErrPast, "27-11-2026") {
		t.Errorf("past date: %q", r.Messages[0].Text)
	}
	d.text("1-12-2026")
	if d.step() != summaryStep || d.last.Session.Answers[kmDate] != "2026-12-01" {
		t.Errorf("step %q, date %q", d.step(), d.last.Session.Answers[kmDate])
	}
}

func TestMeetingAnswers(t *testing.T) {
	a := MeetingAnswers(threeMeetings.Meetings[1], testWIB)
	want := map[string]string{kmDate: "2026-12-15", kmTime: "13:30", kmMinutes: "90", kmPlace: "Ruang Rapat"}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	m, err := MeetingFromAnswers(a, testWIB)
	if err != nil || !m.Start.Equal(threeMeetings.Meetings[1].Start) {
		t.Errorf("round trip: %v, %v", m, err)
	}
	for i, want := range []map[string]string{
		{kmNext: "2026-12-15 13:30 90"},
		{kmPrev: "2026-12-08 09:00 120", kmNext: "2026-12-15 16:00 60"},
		{kmPrev: "2026-12-15 13:30 90"},
		{},
	} {
		if diff := cmp.Diff(want, MeetingNeighbours(threeMeetings, i, testWIB)); diff != "" {
			t.Errorf("MeetingNeighbours(%d) (-want +got):\n%s", i, diff)
		}
	}
	if got := MeetingNeighbours(threeMeetings, -1, testWIB); len(got) != 0 {
		t.Errorf("MeetingNeighbours(-1) = %v", got)
	}
	for _, bad := range []map[string]string{
		{kmDate: "2026-12-15", kmTime: "", kmMinutes: "90", kmPlace: "Aula"},
		{kmDate: "2026-12-15", kmTime: "13:30", kmMinutes: "0", kmPlace: "Aula"},
		{kmDate: "2026-12-15", kmTime: "13:30", kmMinutes: "90", kmPlace: ""},
	} {
		if _, err := MeetingFromAnswers(bad, testWIB); ikmbot.ErrorCode(err) != ikmbot.EInvalid {
			t.Errorf("MeetingFromAnswers(%v): err = %v, want EInvalid", bad, err)
		}
	}
}
