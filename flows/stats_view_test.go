package flows

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// TestStatsTextGolden shows how /statistik reads in both languages: a
// province with more regions, target countries and sources than it
// names, odd names to escape, an unknown level, sector and country, and a
// set target; then one where nobody has signed up yet, with the default
// target, and one where nobody has chosen a target country.
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
		Levels:  map[ikmbot.Level]int64{ikmbot.LevelMahir: 40, ikmbot.LevelPemula: 500, ikmbot.LevelMenengah: 260, "legacy": 1, ikmbot.LevelMenengah + "x": 0},
		Sources: map[string]int64{"pameran2026": 300, "radio": 120, "wa_grup": 120, "brosur": 12, "<b>": 3, "koran": 2, "nol": 0},
		// Japan and the United States tie, by name; "X<" is unknown.
		Markets:       map[string]int64{"JP": 180, "US": 180, "IT": 95, "DE": 60, "X<": 14, "SA": 12, "KE": 1, "MY": 0},
		Population:    90000,
		TargetPercent: 25,
		SignUps:       []int64{10, 0, 25, 31, 40, 12, 7, 3, 9, 11, 30, 4},
		Steps: map[string][]int64{
			// Sign-up: consent, 11 questions (one skipped), summary, done.
			ikmbot.StepFlowSignUp:    {40, 5, 120, 9, 0, 0, 3, 0, 0, 1, 12, 2, 30, 1234},
			ikmbot.StepFlowReadiness: make([]int64, Readiness.ProgressSteps()),
		},
		Mentoring: &StatsMentoring{Mentors: 3, Mentees: 240, Overdue: 31, Unmentored: 994, CadenceDays: 14},
	}
	busy.Steps[ikmbot.StepFlowReadiness][2] = 7
	busy.Steps[ikmbot.StepFlowReadiness][Readiness.ProgressDone()] = 800
	quiet := StatsInput{
		SignUps:   []int64{0},
		Steps:     map[string][]int64{ikmbot.StepFlowSignUp: make([]int64, SignUp.ProgressSteps())},
		Mentoring: &StatsMentoring{Unmentored: 0, CadenceDays: 7},
	}
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " busy\n" + StatsText(lang, busy) + "\n")
		b.WriteString("=== " + lang + " empty, default target\n" + StatsText(lang, StatsInput{}) + "\n")
		b.WriteString("=== " + lang + " first week, no mentors\n" + StatsText(lang, quiet) + "\n")
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

// TestStatsProgressCharts: the sign-up chart counts everyone who reached a
// step (stopped there or went on), so it never rises; the weeks chart
// labels each week by its Monday.
func TestStatsProgressCharts(t *testing.T) {
	counts := make([]int64, SignUp.ProgressSteps())
	counts[0], counts[3], counts[len(counts)-1] = 4, 2, 10
	c := StatsStepsChart("id", StatsInput{Steps: map[string][]int64{ikmbot.StepFlowSignUp: counts}})
	if len(c.Counts) != len(counts) || c.Counts[0] != 16 || c.Counts[1] != 12 || c.Counts[4] != 10 || c.Counts[len(counts)-1] != 10 {
		t.Errorf("steps chart counts = %v", c.Counts)
	}
	if c.Labels[0] != T("id", StStepConsent) || c.Labels[len(c.Labels)-1] != T("id", StStepDone) {
		t.Errorf("steps chart labels = %q", c.Labels)
	}
	if c := StatsStepsChart("id", StatsInput{Steps: map[string][]int64{ikmbot.StepFlowSignUp: {1, 2}}}); len(c.Counts) != 0 {
		t.Errorf("counts of another flow version drew %v", c.Counts)
	}
	monday := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	w := StatsWeeksChart("en", StatsInput{Weeks: []time.Time{monday.AddDate(0, 0, -7), monday}, SignUps: []int64{3, 5}})
	if diff := cmp.Diff(w.Labels, []string{"16/11", "23/11"}); diff != "" || w.Counts[1] != 5 {
		t.Errorf("weeks chart labels (-got +want):\n%s counts %v", diff, w.Counts)
	}
}

// TestFollowedFlows: the flows /statistik follows are the ones the domain
// names, and their progress indexes run steps, summary, finished.
func TestFollowedFlows(t *testing.T) {
	for _, name := range ikmbot.StepFlows {
		if f := FollowedFlow(name); f == nil || f.Name != name {
			t.Errorf("FollowedFlow(%q) = %v", name, f)
		}
	}
	if FollowedFlow(BroadcastCompose.Name) != nil {
		t.Error("the broadcast flow is followed")
	}
	if got := SignUp.ProgressIndex(StepConsent); got != 0 {
		t.Errorf("consent at %d", got)
	}
	if got, want := SignUp.ProgressIndex(summaryStep), len(SignUp.Steps); got != want {
		t.Errorf("summary at %d, want %d", got, want)
	}
	if got, want := SignUp.ProgressDone(), len(SignUp.Steps)+1; got != want {
		t.Errorf("sign-up done at %d, want %d", got, want)
	}
	if got, want := Readiness.ProgressDone(), len(Readiness.Steps); got != want {
		t.Errorf("readiness done at %d, want %d (no summary)", got, want)
	}
	if SignUp.ProgressIndex("nope") != -1 {
		t.Error("an unknown step has an index")
	}
}

// TestStatsTextMarkets: the target countries owners chose most, each
// with its share of the owners signed up, the most first; none chosen
// says so.
func TestStatsTextMarkets(t *testing.T) {
	in := StatsInput{
		Funnel:  ikmbot.FunnelCounts{Total: map[ikmbot.FunnelStage]int64{ikmbot.StageSignedUp: 40}},
		Markets: map[string]int64{"US": 4, "JP": 10, "SA": 0},
	}
	got := StatsText("id", in)
	japan, us := T("id", StMarketLine, 1, "🇯🇵 Jepang", "10", "25%"), T("id", StMarketLine, 2, "🇺🇸 Amerika Serikat", "4", "10%")
	if i, j := strings.Index(got, japan), strings.Index(got, us); i < 0 || j < i {
		t.Errorf("StatsText lacks %q then %q:\n%s", japan, us, got)
	}
	if strings.Contains(got, "Arab Saudi") {
		t.Errorf("a country nobody chose is listed:\n%s", got)
	}
	in.Markets = nil
	got = StatsText("en", in)
	if want := T("en", StMarketsTitle) + "\n" + T("en", StNone); !strings.Contains(got, want) {
		t.Errorf("StatsText lacks %q:\n%s", want, got)
	}
}

// TestStWeeksSkipsWeeksBeforeTheBot: the average counts from the week of
// the first sign-up, so the weeks before the bot ran do not pull it down;
// a quiet week after it counts, even at the start of the window.
func TestStWeeksSkipsWeeksBeforeTheBot(t *testing.T) {
	monday := func(i int) time.Time { return time.Date(2026, 9, 7, 0, 0, 0, 0, kbZone).AddDate(0, 0, 7*i) }
	starts := []time.Time{monday(0), monday(1), monday(2), monday(3), monday(4), monday(5), monday(6)}
	for _, c := range []struct {
		weeks []int64
		first time.Time
		want  string
	}{
		{[]int64{0, 0, 0, 2, 0, 4, 6}, monday(3).Add(time.Hour), T("id", StWeeksLine, "6", "4", 3, "2")},
		{[]int64{0, 0, 0, 0, 0, 0, 5}, monday(6).Add(time.Hour), T("id", StWeeksOnly, "5")},
		// The bot ran before the window: its quiet first weeks count.
		{[]int64{0, 0, 0, 2, 0, 4, 6}, monday(0).AddDate(0, 0, -30), T("id", StWeeksLine, "6", "4", 6, "1")},
		{[]int64{0, 0, 0, 0, 0, 0, 0}, time.Time{}, T("id", StWeeksLine, "0", "0", 6, "0")},
	} {
		var b strings.Builder
		stWeeks(&b, "id", c.weeks, weeksBefore(starts, c.first))
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("stWeeks(%v, first %v) = %q, want %q", c.weeks, c.first, b.String(), c.want)
		}
	}
}
