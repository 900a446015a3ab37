package flows

import (
	"strings"

	"ikmbot"
)

// How an owner's own progress toward export reads on /profil (issue 8):
// the stages /statistik counts, as steps with the next one to take.

// OwnerProgress is an owner's progress along the funnel, as ProfileProgress
// shows it.
type OwnerProgress struct {
	// Text is the block: how many steps are reached, each step reached
	// (✅) or not (⬜), then what the next step is or, with every step
	// reached, a congratulation.
	Text string
	// Reached is how many of the stages are reached.
	Reached int
	// Next is the first stage not reached, in funnel order; "" when every
	// stage is.
	Next ikmbot.FunnelStage
	// Button is the label of Next's button; "" when every stage is
	// reached.
	Button string
}

// pgStage is how one stage reads as an owner's step.
type pgStage struct {
	name, next, button Key
}

// pgStages name the stages as steps, by ikmbot.FunnelStage.
var pgStages = map[ikmbot.FunnelStage]pgStage{
	ikmbot.StageSignedUp:  {PgSignedUp, PgNextSignedUp, BtnPgSignedUp},
	ikmbot.StageChecked:   {PgChecked, PgNextChecked, BtnPgChecked},
	ikmbot.StageEnrolled:  {PgEnrolled, PgNextEnrolled, BtnPgEnrolled},
	ikmbot.StageCompleted: {PgCompleted, PgNextCompleted, BtnPgCompleted},
	ikmbot.StageCertified: {PgCertified, PgNextCertified, BtnPgCertified},
	ikmbot.StageExporting: {PgExporting, PgNextExporting, BtnPgExporting},
}

// ProfileProgress shows the stages an owner has reached as steps toward
// export. Stages are reached in any order (an owner may export without a
// class): Reached counts every stage reached, each shows as it is, and the
// next step is the first one not reached.
func ProfileProgress(lang string, reached ikmbot.FunnelFlags) OwnerProgress {
	var p OwnerProgress
	steps := make([]string, 0, len(ikmbot.FunnelStages))
	for _, st := range ikmbot.FunnelStages {
		key := PgStepTodo
		switch {
		case reached.Has(st):
			key = PgStepDone
			p.Reached++
		case p.Next == "":
			p.Next = st
		}
		steps = append(steps, T(lang, key, T(lang, pgStages[st].name)))
	}
	last := T(lang, PgAllDone)
	if p.Next != "" {
		last = T(lang, pgStages[p.Next].next)
		p.Button = T(lang, pgStages[p.Next].button)
	}
	p.Text = T(lang, PgTitle, p.Reached, len(ikmbot.FunnelStages)) + "\n" + strings.Join(steps, "\n") + "\n\n" + last
	return p
}
