package ikmbot

import "time"

// Where owners give up (issue 8): /statistik follows how far each owner
// got in the conversations that bring them in, sign-up and the readiness
// check, so staff see which question loses people.

// Names of the conversations whose steps are followed, as their flows are
// named (the flows package checks that they match).
const (
	StepFlowSignUp    = "su"
	StepFlowReadiness = "rc"
)

// StepFlows are the followed conversations, in the order /statistik shows
// them.
var StepFlows = []string{StepFlowSignUp, StepFlowReadiness}

// FlowProgress is how far an owner got in a followed conversation: Step is
// the index of the step they reached (the flow's steps in order, then its
// summary when it has one, then one past that for finished). Only the
// furthest step reached is kept: going back or starting again never lowers
// it.
type FlowProgress struct {
	Flow string
	Step int
}

// StatsQuery says which periods and steps StatsCounts reads besides the
// counters it always reads.
type StatsQuery struct {
	// Periods are the starts of the periods sign-ups are counted in, oldest
	// first (the weeks of /statistik); each ends where the next starts, the
	// last one never.
	Periods []time.Time
	// Steps is, per followed flow, how many step indexes it has (its last
	// index, finished, plus one).
	Steps map[string]int
}

// Stats are the counts /statistik shows.
type Stats struct {
	Funnel FunnelCounts
	// Levels are the owners per latest readiness level.
	Levels map[Level]int64
	// Sources are the sign-ups per src_<code> deep link code, counting an
	// owner who deleted their data and signed up again twice.
	Sources map[string]int64
	// SignUps are, per StatsQuery.Periods, the owners (those who have not
	// deleted their data) whose profile was created in it.
	SignUps []int64
	// Steps are, per followed flow, the owners whose furthest step is each
	// index: Steps[flow][i] stopped at step i; the last index finished.
	Steps map[string][]int64
}
