package handlers

import (
	"context"

	"ikmbot"
	"ikmbot/flows"
)

// ProgressStore is the part of the store an owner's own progress on
// /profil uses (issue 8).
type ProgressStore interface {
	// OwnerStages returns the funnel stages stored with the owner; none
	// for an owner without a stored value (signed up before the counters
	// and not written since). Errors are Redis failures.
	OwnerStages(ctx context.Context, userID int64) (ikmbot.FunnelFlags, error)
}

// progressData is where each next step's button leads: the readiness
// check, the classes (to enrol, or to the one to finish), the
// certificates, and help toward the first export.
var progressData = map[ikmbot.FunnelStage]string{
	ikmbot.StageSignedUp:  cbSignUp,
	ikmbot.StageChecked:   cbCheck,
	ikmbot.StageEnrolled:  cbClassesOwn,
	ikmbot.StageCompleted: cbClassesOwn,
	ikmbot.StageCertified: cbCerts,
	ikmbot.StageExporting: cbHelpNew,
}

// withProgress adds the owner's progress toward export to their profile:
// the block after text and the next step's button first, in place of the
// same action further down. When the stages cannot be read the profile
// shows without them (logged).
//
// The stages are judged here from the profile, level and certs (the
// owner's certificates) as the handler has them, which may have been
// changed by this very update (a profile edit just saved, not yet
// applied), and from a certificate's expiry today; only the class stages,
// which live in other records, come from the stored stages.
func (r *Router) withProgress(ctx context.Context, c *call, certs []ikmbot.Certificate, text string, buttons [][]ikmbot.Button) (string, [][]ikmbot.Button) {
	stored, err := r.cfg.Store.OwnerStages(ctx, c.ev.UserID)
	if err != nil {
		r.log.Error("load funnel stages for the profile", "chat_id", c.ev.ChatID, "err", err)
		return text, buttons
	}
	stages := ikmbot.Funnel(c.user, ikmbot.FunnelFacts{Enrolled: stored.Has(ikmbot.StageEnrolled),
		Completed: stored.Has(ikmbot.StageCompleted), Certs: certs, Now: c.now})
	p := flows.ProfileProgress(c.lang, stages)
	text += "\n\n" + p.Text
	if p.Next == "" {
		return text, buttons
	}
	next := ikmbot.Button{Text: p.Button, Data: progressData[p.Next]}
	out := [][]ikmbot.Button{{next}}
	for _, row := range buttons {
		var kept []ikmbot.Button
		for _, b := range row {
			if b.Data != next.Data {
				kept = append(kept, b)
			}
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return text, out
}
