package flows

import (
	"strings"
	"testing"

	"ikmbot"
)

// pgFlags is the set of stages.
func pgFlags(stages ...ikmbot.FunnelStage) ikmbot.FunnelFlags {
	var f ikmbot.FunnelFlags
	for _, st := range stages {
		f = f.With(st)
	}
	return f
}

// pgCases are owners along the funnel: in order, every next step,
// all done, out of order, and nothing at all.
var pgCases = []struct {
	name    string
	reached ikmbot.FunnelFlags
	count   int
	next    ikmbot.FunnelStage
	line    Key // the next step's line, or the congratulation
	button  Key // "" for none
}{
	{"signed up", pgFlags(ikmbot.StageSignedUp), 1, ikmbot.StageChecked, PgNextChecked, BtnPgChecked},
	{"checked", pgFlags(ikmbot.FunnelStages[:2]...), 2, ikmbot.StageEnrolled, PgNextEnrolled, BtnPgEnrolled},
	{"enrolled", pgFlags(ikmbot.FunnelStages[:3]...), 3, ikmbot.StageCompleted, PgNextCompleted, BtnPgCompleted},
	{"completed", pgFlags(ikmbot.FunnelStages[:4]...), 4, ikmbot.StageCertified, PgNextCertified, BtnPgCertified},
	{"certified", pgFlags(ikmbot.FunnelStages[:5]...), 5, ikmbot.StageExporting, PgNextExporting, BtnPgExporting},
	{"all done", pgFlags(ikmbot.FunnelStages...), 6, "", PgAllDone, ""},
	{"exporting, never checked", pgFlags(ikmbot.StageSignedUp, ikmbot.StageExporting), 2, ikmbot.StageChecked, PgNextChecked, BtnPgChecked},
	{"certified and exporting without a class", pgFlags(ikmbot.StageSignedUp, ikmbot.StageChecked, ikmbot.StageCertified, ikmbot.StageExporting), 4, ikmbot.StageEnrolled, PgNextEnrolled, BtnPgEnrolled},
	{"completed, enrolment lost", pgFlags(ikmbot.StageSignedUp, ikmbot.StageChecked, ikmbot.StageCompleted), 3, ikmbot.StageEnrolled, PgNextEnrolled, BtnPgEnrolled},
	{"nothing", 0, 0, ikmbot.StageSignedUp, PgNextSignedUp, BtnPgSignedUp},
}

// TestProfileProgress checks, in both languages, the count, each step
// shown as reached or not, the next step with its button, and the
// congratulation without one.
func TestProfileProgress(t *testing.T) {
	for _, lang := range Languages {
		for _, tt := range pgCases {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				got := ProfileProgress(lang, tt.reached)
				if got.Reached != tt.count || got.Next != tt.next {
					t.Errorf("reached %d, next %q; want %d, %q", got.Reached, got.Next, tt.count, tt.next)
				}
				if want := T(lang, PgTitle, tt.count, 6); !strings.HasPrefix(got.Text, want+"\n") {
					t.Errorf("text %q does not start with %q", got.Text, want)
				}
				for _, st := range ikmbot.FunnelStages {
					key := PgStepTodo
					if tt.reached.Has(st) {
						key = PgStepDone
					}
					if want := T(lang, key, T(lang, pgStages[st].name)); !strings.Contains(got.Text, "\n"+want+"\n") {
						t.Errorf("step %s: want %q in %q", st, want, got.Text)
					}
				}
				if want := T(lang, tt.line); !strings.HasSuffix(got.Text, "\n\n"+want) {
					t.Errorf("text %q does not end with %q", got.Text, want)
				}
				want := ""
				if tt.button != "" {
					want = T(lang, tt.button)
				}
				if got.Button != want {
					t.Errorf("button %q, want %q", got.Button, want)
				}
			})
		}
	}
	if pg, en := T("id", PgTitle, 3, 6), T("en", PgTitle, 3, 6); !strings.Contains(pg, "3 dari 6") || !strings.Contains(en, "3 of 6") {
		t.Errorf("titles %q, %q do not say 3 of 6", pg, en)
	}
}

// TestProfileProgressNamesEveryStage: a stage added to the funnel needs
// its step name, next-step line and button.
func TestProfileProgressNamesEveryStage(t *testing.T) {
	for _, st := range ikmbot.FunnelStages {
		if _, ok := pgStages[st]; !ok {
			t.Errorf("stage %s has no step texts", st)
		}
	}
	if len(pgStages) != len(ikmbot.FunnelStages) {
		t.Errorf("%d step texts for %d stages", len(pgStages), len(ikmbot.FunnelStages))
	}
}

// TestProfileProgressGolden shows how the progress reads, in both
// languages, for every case of pgCases.
func TestProfileProgressGolden(t *testing.T) {
	var b strings.Builder
	for _, lang := range Languages {
		for _, tt := range pgCases {
			p := ProfileProgress(lang, tt.reached)
			b.WriteString("=== " + lang + " " + tt.name + "\n" + p.Text + "\n")
			if p.Button != "" {
				b.WriteString("[" + p.Button + "]\n")
			}
		}
	}
	golden(t, "profile_progress.golden", b.String())
}
