package flows

import (
	"slices"
	"strings"
	"testing"
	"time"

	"ikmbot"
)

// sampleMentees are owners in the states a mentor's list shows: long
// overdue with everything going on, due today, not due yet, and new
// without a level.
func sampleMentees() []MenteeFacts {
	cadence := ikmbot.DefaultCadence
	mk := func(m MenteeFacts, last time.Time) MenteeFacts {
		m.Last, m.Due = last, last.Add(cadence)
		return m
	}
	return []MenteeFacts{
		mk(MenteeFacts{OwnerID: 1, Business: "Kopi <Tanggamus> & Co", Owner: "Siti Rahayu", Region: "Tanggamus", Level: ikmbot.LevelMenengah,
			OpenHelp: []string{"15", "12"},
			Applying: []ikmbot.Certificate{{Type: "HALAL", Status: ikmbot.CertApplying}, {Type: "GONE", Status: ikmbot.CertApplying}},
			Classes:  []string{"Pengemasan <Ekspor>"}}, testNow.Add(-20*24*time.Hour)),
		mk(MenteeFacts{OwnerID: 2, Business: "Lada Emas", Owner: "Budi", Region: "Lampung Timur", Level: ikmbot.LevelPemula}, testNow.Add(-14*24*time.Hour-time.Hour)),
		mk(MenteeFacts{OwnerID: 3, Business: "Keripik Pisang Bu Ani", Owner: "Ani", Region: "Bandar Lampung"}, testNow.Add(-3*24*time.Hour)),
	}
}

// TestMenteeViewsGolden shows the mentor's list, an owner's card and the
// prompts, in both languages.
func TestMenteeViewsGolden(t *testing.T) {
	ms := sampleMentees()
	// Everything by the card's mentor, rina.
	const rina, budi = 7, 8
	history := []ikmbot.FollowUp{
		{MentorID: rina, Kind: ikmbot.FollowVisit, Note: "Pertama kali bertemu.", At: testNow.Add(-60 * 24 * time.Hour)},
		{MentorID: rina, Kind: ikmbot.FollowCall, At: testNow.Add(-50 * 24 * time.Hour)},
		{MentorID: rina, Kind: ikmbot.FollowChat, Note: "Kirim <contoh> label", At: testNow.Add(-40 * 24 * time.Hour)},
		{MentorID: rina, Kind: "msg_owner", Note: "Terima kasih, Bu!", At: testNow.Add(-39 * 24 * time.Hour)}, // a relayed message, shown as one
		{MentorID: rina, Kind: "from_a_later_build", Note: "rahasia", At: testNow.Add(-39 * 24 * time.Hour)},  // a kind this build does not know: left out
		{MentorID: rina, Kind: ikmbot.FollowTraining, Note: "Kelas pengemasan.", At: testNow.Add(-30 * 24 * time.Hour)},
		{MentorID: rina, Kind: ikmbot.FollowCall, Note: "Tanya soal halal.", At: testNow.Add(-25 * 24 * time.Hour)},
		{MentorID: rina, Kind: ikmbot.FollowVisit, Note: "Cek dapur produksi.", At: testNow.Add(-20 * 24 * time.Hour)},
	}
	// The owner was then moved to budi: rina's follow-ups are the owner's
	// progress and show on budi's card, the messages between the owner
	// and rina do not; those with budi do.
	reassigned := append(slices.Clone(history),
		ikmbot.FollowUp{MentorID: rina, Kind: "msg_mentor", Note: "Saya pindah tugas, Pak.", At: testNow.Add(-12 * 24 * time.Hour)},
		ikmbot.FollowUp{MentorID: budi, Kind: "msg_owner", Note: "Salam kenal, Pak Budi.", At: testNow.Add(-10 * 24 * time.Hour)},
	)
	whys := []struct {
		name string
		w    PromptWhy
	}{
		{"due", PromptWhy{Code: WhyDue, Days: 14}},
		{"help", PromptWhy{Code: WhyHelp, HelpID: "12"}},
		{"class", PromptWhy{Code: WhyClass, Class: "Pengemasan <Ekspor>"}},
		{"level up", PromptWhy{Code: WhyLevel, From: ikmbot.LevelPemula, To: ikmbot.LevelMenengah}},
		{"first level", PromptWhy{Code: WhyLevel, To: ikmbot.LevelPemula}},
		{"snoozed help", PromptWhy{Code: WhyHelp, Snoozed: true}},
		{"snoozed class", PromptWhy{Code: WhyClass, Snoozed: true}},
		{"snoozed level", PromptWhy{Code: WhyLevel, Snoozed: true}},
		{"snoozed due", PromptWhy{Code: WhyDue, Days: 17, Snoozed: true}},
	}
	var b strings.Builder
	for _, lang := range Languages {
		page := MenteePage{Mentees: ms, First: 11, Total: 23, Overdue: 12, Page: 2, Pages: 3}
		b.WriteString("=== " + lang + " list, page 2 of 3\n" + MenteeList(lang, page, testNow, testLoc) + "\n")
		b.WriteString("=== " + lang + " list, one page\n" + MenteeList(lang, MenteePage{Mentees: ms[2:], First: 1, Total: 1, Page: 1, Pages: 1}, testNow, testLoc) + "\n")
		b.WriteString("=== " + lang + " list, empty\n" + MenteeList(lang, MenteePage{Page: 1, Pages: 1}, testNow, testLoc) + "\n")
		b.WriteString("=== " + lang + " button\n" + MenteeButton(lang, 11, ms[0]) + "\n")
		b.WriteString("=== " + lang + " card\n" + MenteeCard(lang, ms[0], rina, history, 5, testNow, testLoc) + "\n")
		b.WriteString("=== " + lang + " card, nothing yet\n" + MenteeCard(lang, ms[2], rina, nil, 5, testNow, testLoc) + "\n")
		b.WriteString("=== " + lang + " card, after a reassignment\n" + MenteeCard(lang, ms[0], budi, reassigned, 6, testNow, testLoc) + "\n")
		for _, w := range whys {
			b.WriteString("=== " + lang + " prompt, " + w.name + "\n" + MentorPrompt(lang, ms[0], w.w) + "\n")
		}
	}
	golden(t, "mentee_view.golden", b.String())
}

func TestMfWhen(t *testing.T) {
	due := testNow
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{due.Add(-time.Minute), "berikutnya 27 November 2026"},
		{due, "jatuh tempo hari ini"},
		{due.Add(23 * time.Hour), "jatuh tempo hari ini"},
		{due.Add(24 * time.Hour), "terlambat 1 hari"},
		{due.Add(10*24*time.Hour + time.Hour), "terlambat 10 hari"},
	} {
		got := mfWhen("id", MenteeFacts{Last: due.Add(-ikmbot.DefaultCadence), Due: due}, tt.now, testLoc)
		if !strings.HasSuffix(got, tt.want) {
			t.Errorf("at %v: %q, want it to end in %q", tt.now, got, tt.want)
		}
	}
}

func TestWhyCode(t *testing.T) {
	for in, want := range map[string]string{"d": WhyDue, "h": WhyHelp, "c": WhyClass, "l": WhyLevel, "": WhyDue, "zz": WhyDue} {
		if got := WhyCode(in); got != want {
			t.Errorf("WhyCode(%q) = %q, want %q", in, got, want)
		}
	}
}
