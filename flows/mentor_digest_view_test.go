package flows

import (
	"strings"
	"testing"
	"time"
)

// TestMentorDigestViewsGolden shows how the mentoring digests read, in both
// languages: a mentor's weekly digest with more overdue owners than it
// names, one with a few, one where everyone was followed up, and staff's
// escalation.
func TestMentorDigestViewsGolden(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	monday := time.Date(2026, 11, 30, 8, 0, 0, 0, wib)
	ago := func(days int) time.Time { return monday.AddDate(0, 0, -days) }
	var many []MdOwner
	for i := range MdTopOwners {
		many = append(many, MdOwner{Business: "Usaha " + string(rune('A'+i)), Region: "MET", Last: ago(60 - i)})
	}
	few := []MdOwner{
		{Business: "Kopi <Tanggamus> & Co", Region: "TGM", Last: ago(40)},
		{Business: "Keripik Pisang", Last: time.Date(2026, 11, 15, 22, 0, 0, 0, wib)}, // no region
		{OwnerID: 4242, Business: "", Region: "XXX", Last: ago(15)},                   // owner gone, region unknown
	}
	mentors := []MdMentor{
		{ID: 11, Name: "Budi", Overdue: 1},
		{ID: 12, Name: "Andi <LPEI>", Overdue: 3},
		{ID: 13, Name: "Citra", Overdue: 0},
		{ID: 14, Overdue: 1},
		{ID: 15, Name: "Ayu", Overdue: 1},
	}
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " digest, more overdue than named\n" +
			MentorDigest(lang, monday, wib, 14*24*time.Hour, 17, 13, many) + "\n")
		b.WriteString("=== " + lang + " digest, a few overdue\n" +
			MentorDigest(lang, monday, wib, 14*24*time.Hour, 5, 3, few) + "\n")
		b.WriteString("=== " + lang + " digest, all on time\n" +
			MentorDigest(lang, monday, wib, 7*24*time.Hour, 2, 0, nil) + "\n")
		b.WriteString("=== " + lang + " escalation\n" +
			MentorEscalation(lang, monday.Add(-30*time.Minute), wib, 14*24*time.Hour, mentors) + "\n")
	}
	golden(t, "mentor_digest.golden", b.String())
}

func TestMdDaysSince(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, wib)
	for _, tt := range []struct {
		last time.Time
		want int
	}{
		{now, 0},
		{time.Date(2026, 11, 30, 0, 0, 0, 0, wib), 0},
		{time.Date(2026, 11, 29, 23, 59, 0, 0, wib), 1},     // last evening
		{time.Date(2026, 11, 29, 17, 0, 0, 0, time.UTC), 0}, // 30 November 00.00 WIB
		{time.Date(2026, 11, 16, 9, 0, 0, 0, wib), 14},
		{time.Date(2025, 11, 30, 9, 0, 0, 0, wib), 365},
	} {
		if got := mdDaysSince(tt.last, now, wib); got != tt.want {
			t.Errorf("mdDaysSince(%v) = %d, want %d", tt.last, got, tt.want)
		}
	}
}

// TestMentorEscalationLeavesOutMentorsOnTime: mentors with nothing overdue
// are not listed, and the total counts only those listed.
func TestMentorEscalationLeavesOutMentorsOnTime(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	got := MentorEscalation("en", time.Date(2026, 11, 27, 7, 30, 0, 0, wib), wib, 10*24*time.Hour,
		[]MdMentor{{ID: 1, Name: "Dewi", Overdue: 2}, {ID: 2, Name: "Eko"}})
	if strings.Contains(got, "Eko") {
		t.Errorf("a mentor with none overdue is listed:\n%s", got)
	}
	for _, want := range []string{T("en", MdEscLine, "Dewi", 2), T("en", MdEscTotal, 2, 1), T("en", MdEscIntro, 20, 10)} {
		if !strings.Contains(got, want) {
			t.Errorf("escalation lacks %q:\n%s", want, got)
		}
	}
}
