package flows

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// maTestMentors are the mentors offered in these tests: two named, one
// who never wrote to the bot.
var maTestMentors = []MentorOption{
	{ID: 5012345678901, Name: "Rina", Mentees: 12},
	{ID: 77, Name: "Budi <LPEI>", Mentees: 0},
	{ID: 4242424242, Mentees: 3},
}

func newMentorAssignDriver(t *testing.T, lang string, mentors []MentorOption) *driver {
	t.Helper()
	d := &driver{t: t, f: MentorAssign, lang: lang}
	d.last = MentorAssign.Start(testChat, lang, "n1", MentorAssignContext(mentors), testNow)
	return d
}

func TestMentorAssign(t *testing.T) {
	tgm, coffee := regionCode(t, "Tanggamus"), sectorCode(t, "Kopi")
	tests := []struct {
		name  string
		lang  string
		steps []classStep
		want  MentorAssignment
		shown string // the mentor on the summary
	}{
		{"all, only new", "id", []classStep{
			pressed(maRegion, key(MsAllRegions)),
			pressed(maSector, key(MsAllSectors)),
			pressed(maScope, key(MsScopeNew)),
			pressed(maMentor, label("Rina (12 binaan)")),
		}, MentorAssignment{MentorID: 5012345678901}, "Rina"},
		{"one region and sector, reassign", "id", []classStep{
			pressed(maRegion, label("Tanggamus")),
			pressed(maSector, label("Kopi")),
			pressed(maScope, key(MsScopeAll)),
			pressed(maMentor, label("Budi <LPEI> (0 binaan)")),
		}, MentorAssignment{Region: tgm, Sector: coffee, Reassign: true, MentorID: 77}, "Budi &lt;LPEI&gt;"},
		{"typed, English, a mentor without a name", "en", []classStep{
			typed(maRegion, "tanggamus"),
			typed(maSector, "all sectors"),
			typed(maScope, "only those without a mentor"),
			typed(maMentor, "Mentor #4242424242 (3 mentees)"),
		}, MentorAssignment{Region: tgm, MentorID: 4242424242}, "Mentor #4242424242"},
		{"other sector", "id", []classStep{
			pressed(maRegion, key(MsAllRegions)),
			pressed(maSector, key(SuSectorOther)),
			pressed(maScope, key(MsScopeNew)),
			pressed(maMentor, label("Rina (12 binaan)")),
		}, MentorAssignment{Sector: ikmbot.SectorOther, MentorID: 5012345678901}, "Rina"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newMentorAssignDriver(t, tt.lang, maTestMentors)
			walkClass(d, tt.steps, "")
			if d.step() != summaryStep {
				t.Fatalf("step %q, want the summary", d.step())
			}
			if want := "<b>" + T(tt.lang, MsFieldMentor) + "</b>: " + tt.shown; !strings.Contains(d.last.Messages[0].Text, want) {
				t.Errorf("summary lacks %q:\n%s", want, render(d.last.Messages))
			}
			r := d.press(T(tt.lang, SuSave))
			if r.Outcome != Done {
				t.Fatalf("save outcome = %v, want Done", r.Outcome)
			}
			got, ok := MentorAssignFrom(r.Session.Answers)
			if !ok {
				t.Fatalf("MentorAssignFrom(%v) not ok", r.Session.Answers)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("assignment mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMentorAssignRefusesForgedMentor: only the mentors the handler
// offered can be chosen, typed or through a forged button.
func TestMentorAssignRefusesForgedMentor(t *testing.T) {
	d := newMentorAssignDriver(t, "id", maTestMentors)
	walkClass(d, []classStep{
		pressed(maRegion, key(MsAllRegions)),
		pressed(maSector, key(MsAllSectors)),
		pressed(maScope, key(MsScopeNew)),
	}, "")
	for _, data := range []string{"ma:p:n1:mentor:999", "ma:p:n1:mentor:77~Rina", "ma:p:n1:mentor:"} {
		r := d.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: data})
		if d.step() != maMentor || r.Messages[0].Text != T("id", MsgStaleButton) {
			t.Errorf("%q: step %q, first message %q", data, d.step(), r.Messages[0].Text)
		}
	}
	if d.text("Siti"); d.step() != maMentor {
		t.Errorf("a typed unknown name moved on to %q", d.step())
	}
	if _, ok := MentorAssignFrom(map[string]string{maMentor: "x~Rina"}); ok {
		t.Error("an unreadable mentor answer was ok")
	}
}

// TestMentorChoiceData: a long name, with the callback separator in it,
// still makes callback data within Telegram's 64 bytes, and the summary
// names the mentor by its start.
func TestMentorChoiceData(t *testing.T) {
	long := MentorOption{ID: 9_007_199_254_740_991, Name: "Ni Made Ayu: Pendamping LPEI Bandar Lampung ✨✨", Mentees: 1234}
	d := newMentorAssignDriver(t, "id", []MentorOption{long})
	walkClass(d, []classStep{
		pressed(maRegion, key(MsAllRegions)),
		pressed(maSector, key(MsAllSectors)),
		pressed(maScope, key(MsScopeNew)),
	}, "")
	data := d.button(MentorChoiceLabel("id", long))
	if len(data) > 64 {
		t.Errorf("callback data %q has %d bytes", data, len(data))
	}
	_, name := maMentorValue(strings.SplitN(data, ":", 5)[4])
	if want := "Ni Made Ayu  Pendamping"; name != want || !utf8.ValidString(name) || len(name) > maNameMax {
		t.Errorf("name in the value = %q, want %q", name, want)
	}
	d.press(MentorChoiceLabel("id", long))
	if d.step() != summaryStep {
		t.Fatalf("step %q, want the summary", d.step())
	}
	if a, ok := MentorAssignFrom(d.last.Session.Answers); !ok || a.MentorID != long.ID {
		t.Errorf("assignment = %+v, %v", a, ok)
	}
}

func TestSortMentors(t *testing.T) {
	rows := []MentorRow{{ID: 3}, {ID: 2, Name: "budi"}, {ID: 1}, {ID: 4, Name: "Ani"}, {ID: 5, Name: "Budi"}}
	SortMentors(rows)
	var got []int64
	for _, r := range rows {
		got = append(got, r.ID)
	}
	if diff := cmp.Diff([]int64{4, 2, 5, 1, 3}, got); diff != "" {
		t.Errorf("order mismatch (-want +got):\n%s", diff)
	}
}

// TestMentorAssignGolden records every step in both languages, the
// summary, the previews, the reports, the overview and what owners and
// mentors are told.
func TestMentorAssignGolden(t *testing.T) {
	var b strings.Builder
	a := MentorAssignment{Region: regionCode(t, "Tanggamus"), Sector: sectorCode(t, "Kopi"), Reassign: true, MentorID: 77}
	for _, lang := range Languages {
		b.WriteString("=== " + lang + "\n")
		d := newMentorAssignDriver(t, lang, maTestMentors)
		b.WriteString("# " + d.step() + "\n" + render(d.last.Messages))
		for _, s := range []classStep{
			pressed(maRegion, label("Tanggamus")),
			pressed(maSector, func(lang string) string { return maShowSector(lang, a.Sector) }),
			pressed(maScope, key(MsScopeAll)),
			pressed(maMentor, func(lang string) string { return MentorChoiceLabel(lang, maTestMentors[1]) }),
		} {
			s.answer(d)
			b.WriteString("# " + d.step() + "\n" + render(d.last.Messages))
		}
		b.WriteString("# preview\n" + MentorAssignPreview(lang, a, "Budi <LPEI>", 120, 35, 4) + "\n")
		b.WriteString("# preview, only new, all\n" + MentorAssignPreview(lang, MentorAssignment{MentorID: 77}, "Rina", 7, 0, 0) + "\n")
		b.WriteString("# preview, nobody\n" + MentorAssignPreview(lang, a, "Rina", 0, 0, 3) + "\n")
		b.WriteString("# report\n" + MentorAssignReport(lang, "Rina", 120, 35, 4) + "\n")
		b.WriteString("# report, nothing\n" + MentorAssignReport(lang, "Rina", 0, 0, 120) + "\n")
		rows := []MentorRow{{ID: 3, Mentees: 2}, {ID: 1, Name: "Rina", Mentees: 12, Overdue: 3}, {ID: 2, Name: "Budi <LPEI>"}}
		SortMentors(rows)
		b.WriteString("# overview\n" + MentorOverview(lang, 14, rows, 37) + "\n")
		b.WriteString("# overview, no mentors\n" + MentorOverview(lang, 7, nil, 1200) + "\n")
		b.WriteString("# " + string(MsChanged) + "\n" + T(lang, MsChanged, 118) + "\n")
		for _, k := range []Key{MsHint, MsCancelled, MsOwnerUnknown, MsNotMentor, MsOwnerToldNoName} {
			b.WriteString("# " + string(k) + "\n" + T(lang, k) + "\n")
		}
		b.WriteString("# told\n" + T(lang, MsOwnerTold, "Rina") + "\n" + T(lang, MsMentorTold, 3) + "\n" + T(lang, MsMentorLost, 2) + "\n")
		b.WriteString("# one by one\n" + T(lang, MsPickFor, "Kopi Jaya", T(lang, MsNoneYet)) + "\n" +
			T(lang, MsOneDone, "Kopi Jaya", "Rina") + "\n" + T(lang, MsOneAlready, "Kopi Jaya", "Rina") + "\n")
		b.WriteString("# buttons\n" + strings.Join([]string{T(lang, BtnMsAssign), T(lang, BtnMsCadence, 7), T(lang, BtnMsCadenceOn, 14),
			T(lang, BtnMsConfirm, 120), T(lang, BtnMsCancel), T(lang, BtnMsChange), T(lang, BtnMsOverview),
			T(lang, BtnMsOwnerMentor, "Rina"), T(lang, BtnMsMentorOn, "Rina (12 binaan)")}, " | ") + "\n")
	}
	golden(t, "mentor_assign.golden", b.String())
}
