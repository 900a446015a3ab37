package flows

import (
	"strings"
	"testing"

	"ikmbot"
)

// TestStatsTextGolden shows how /statistik reads in both languages: a
// province with more regions and sources than it names, odd names to
// escape, an unknown level and sector, and a set target; then one where
// nobody has signed up yet, with the default target.
func TestStatsTextGolden(t *testing.T) {
	type st = map[ikmbot.FunnelStage]int64
	busy := StatsInput{
		Funnel: ikmbot.FunnelCounts{
			Total: st{ikmbot.StageSignedUp: 1234, ikmbot.StageChecked: 800, ikmbot.StageEnrolled: 300,
				ikmbot.StageCompleted: 120, ikmbot.StageCertified: 45, ikmbot.StageExporting: 21},
			ByRegion: map[string]st{
				"MET": {ikmbot.StageSignedUp: 300, ikmbot.StageExporting: 5},
				"TGM": {ikmbot.StageSignedUp: 300, ikmbot.StageExporting: 9},
				"BDL": {ikmbot.StageSignedUp: 250, ikmbot.StageExporting: 3},
				"LSL": {ikmbot.StageSignedUp: 120},
				"PSW": {ikmbot.StageSignedUp: 100, ikmbot.StageExporting: 4},
				"X<Y": {ikmbot.StageSignedUp: 110},                       // unknown code, escaped
				"WKN": {ikmbot.StageSignedUp: 0, ikmbot.StageChecked: 0}, // left out
			},
			BySector: map[string]st{
				"KOPI":             {ikmbot.StageSignedUp: 700, ikmbot.StageExporting: 15},
				ikmbot.SectorOther: {ikmbot.StageSignedUp: 34},
				"A&B":              {ikmbot.StageSignedUp: 2, ikmbot.StageExporting: 1},
			},
		},
		Levels:        map[ikmbot.Level]int64{ikmbot.LevelMahir: 40, ikmbot.LevelPemula: 500, ikmbot.LevelMenengah: 260, "legacy": 1, ikmbot.LevelMenengah + "x": 0},
		Sources:       map[string]int64{"pameran2026": 300, "radio": 120, "wa_grup": 120, "brosur": 12, "<b>": 3, "koran": 2, "nol": 0},
		Population:    90000,
		TargetPercent: 25,
	}
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " busy\n" + StatsText(lang, busy) + "\n")
		b.WriteString("=== " + lang + " empty, default target\n" + StatsText(lang, StatsInput{}) + "\n")
	}
	golden(t, "stats.golden", b.String())
}

func TestStatsNumbers(t *testing.T) {
	for _, tt := range []struct {
		lang        string
		part, whole int64
		wantNumber  string
		wantPercent string
	}{
		{"id", 1, 3, "1", "33,3%"},
		{"en", 1, 3, "1", "33.3%"},
		{"id", 21, 28500, "21", "0,1%"},
		{"id", 1, 28500, "1", "&lt;0,1%"},
		{"en", 0, 28500, "0", "0%"},
		{"id", 28500, 28500, "28.500", "100%"},
		{"en", 1234567, 0, "1,234,567", "–"},
		{"id", -1000, 10, "-1.000", "-10000%"},
	} {
		if got := stNumber(tt.lang, tt.part); got != tt.wantNumber {
			t.Errorf("stNumber(%s, %d) = %q, want %q", tt.lang, tt.part, got, tt.wantNumber)
		}
		if got := stPercent(tt.lang, tt.part, tt.whole); got != tt.wantPercent {
			t.Errorf("stPercent(%s, %d, %d) = %q, want %q", tt.lang, tt.part, tt.whole, got, tt.wantPercent)
		}
	}
}

// TestStatsTextTarget: the target is the population times the percentage,
// and progress is the exporting owners' share of it.
func TestStatsTextTarget(t *testing.T) {
	in := StatsInput{Funnel: ikmbot.FunnelCounts{Total: map[ikmbot.FunnelStage]int64{ikmbot.StageSignedUp: 40, ikmbot.StageExporting: 20}}}
	got := StatsText("en", in)
	for _, want := range []string{
		T("en", StTargetLine, "30%", "95,000", "28,500"),
		T("en", StTargetProgress, "20", "0.1%"),
		T("en", StStageLinePct, T("en", StExporting), "20", "50%"),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("StatsText lacks %q:\n%s", want, got)
		}
	}
}
