package flows

import (
	"strings"
	"testing"
	"time"

	"ikmbot"
)

// TestClassViewsGolden shows how a class reads to owners and staff, in both
// languages: its page, a reminder, the roster and the list buttons.
func TestClassViewsGolden(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	start := time.Date(2026, 12, 8, 2, 0, 0, 0, time.UTC) // Tuesday 09.00 WIB
	c := ikmbot.Class{ID: "2026-2-3", Level: ikmbot.LevelMenengah, Stage: 2, Year: 2026, Title: "Ekspor Kopi <Robusta> & Lada",
		Capacity: 20, Status: ikmbot.ClassOpen, Note: "Bawa contoh produk & kemasan.",
		Meetings: []ikmbot.Meeting{
			{Start: start, Minutes: 120, Place: "Aula Disperindag, Jl. Cut Mutia No. 1"},
			{Start: start.Add(7*24*time.Hour + 4*time.Hour), Minutes: 90, Place: "https://zoom.us/j/123"},
		}}
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " details\n" + ClassDetails(lang, c, 17, wib) + "\n")
		b.WriteString("=== " + lang + " buttons\n" + ClassButton(lang, c, 17) + "\n" + ClassButton(lang, c, 20) + "\n")
		for _, before := range []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, 2 * time.Hour} {
			b.WriteString("=== " + lang + " reminder " + before.String() + "\n" + ClassReminder(lang, c, 0, start.Add(-before), wib) + "\n")
		}
		b.WriteString("=== " + lang + " roster\n" + RosterLines(lang, []RosterEntry{
			{Business: "Kopi Jaya", Owner: "Siti", Phone: "+6281234567890", Answers: []ikmbot.Answer{ikmbot.AnswerComing, ""}},
			{},
			{Business: "Lada <Emas>", Owner: "Budi", Phone: "+6281300000000", Answers: []ikmbot.Answer{ikmbot.AnswerNotComing, ikmbot.AnswerComing}},
		}) + "\n" + RosterLines(lang, nil) + "\n")
		for _, s := range []ikmbot.ClassStatus{ikmbot.ClassOpen, ikmbot.ClassClosed, ikmbot.ClassCancelled, ikmbot.ClassFinished} {
			b.WriteString(StatusName(lang, s) + "\n")
		}
	}
	golden(t, "classes_view.golden", b.String())
}

func TestTimeUntil(t *testing.T) {
	for d, want := range map[time.Duration]string{
		7 * 24 * time.Hour:            "7 hari lagi",
		6*24*time.Hour + 13*time.Hour: "7 hari lagi",
		36 * time.Hour:                "2 hari lagi",
		24 * time.Hour:                "besok",
		20 * time.Hour:                "besok",
		2 * time.Hour:                 "2 jam lagi",
		90 * time.Minute:              "2 jam lagi",
		89 * time.Minute:              "89 menit lagi",
		30 * time.Second:              "1 menit lagi",
		-5 * time.Minute:              "1 menit lagi",
	} {
		if got := TimeUntil("id", d); got != want {
			t.Errorf("TimeUntil(%v) = %q, want %q", d, got, want)
		}
	}
}
