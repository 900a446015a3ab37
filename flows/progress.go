package flows

import "ikmbot"

// How far owners get in the conversations /statistik follows (sign-up and
// the readiness check, ikmbot.StepFlows): the handlers record each step
// reached as an ikmbot.FlowProgress, and StatsText names the steps where
// owners stop.

// FollowedFlow is the flow of a followed conversation's name; nil for a
// flow that is not followed.
func FollowedFlow(name string) *Flow {
	switch name {
	case ikmbot.StepFlowSignUp:
		return SignUp
	case ikmbot.StepFlowReadiness:
		return Readiness
	}
	return nil
}

// ProgressSteps is how many step indexes the flow has for FlowProgress:
// its steps, its summary when it has one, then finished.
func (f *Flow) ProgressSteps() int {
	n := len(f.Steps) + 1
	if f.Summary {
		n++
	}
	return n
}

// ProgressDone is the index of a finished run.
func (f *Flow) ProgressDone() int { return f.ProgressSteps() - 1 }

// ProgressIndex is the index of the step with id step (the summary after
// the steps), or -1 for a step the flow does not have.
func (f *Flow) ProgressIndex(step string) int {
	if f.Summary && step == summaryStep {
		return len(f.Steps)
	}
	for i, st := range f.Steps {
		if st.ID == step {
			return i
		}
	}
	return -1
}

// progressLabel names step index i of the followed flow f for staff: the
// answer's field on the summary, "consent" for the sign-up's first step, a
// numbered question for the readiness check (whose questions are long),
// "summary" and "finished" for the last two. Not escaped.
func progressLabel(lang string, f *Flow, i int) string {
	switch {
	case i == f.ProgressDone():
		return T(lang, StStepDone)
	case i >= len(f.Steps):
		return T(lang, StStepSummary)
	case f == SignUp && f.Steps[i].ID == StepConsent:
		return T(lang, StStepConsent)
	case f.Steps[i].Field != "":
		return T(lang, f.Steps[i].Field)
	}
	return T(lang, StStepQuestion, i+1)
}
