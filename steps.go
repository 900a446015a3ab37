package ikmbot

import "time"

// Where owners give up (issue 8): /statistik follows how far each attempt
// at the conversations that bring owners in, sign-up and the readiness
// check, got, so staff see which question loses people. The counts are
// anonymous: a user who has not consented yet leaves no id behind, and the
// furthest step of an attempt lives in its session, which expires.

// Names of the conversations whose steps are followed, as their flows are
// named (the flows package checks that they match).
const (
	StepFlowSignUp    = "su"
	StepFlowReadiness = "rc"
)

// StepFlows are the followed conversations, in the order /statistik shows
// them.
var StepFlows = []string{StepFlowSignUp, StepFlowReadiness}

// FlowProgress moves one attempt at a followed conversation from the step
// it had reached to a further one: out of From's count and into To's. A
// step is an index: the flow's steps in order, then its summary when it
// has one, then one past that for finished. From is -1 for an attempt
// just started. Only moves forward are recorded, so going back never
// counts an attempt twice.
type FlowProgress struct {
	Flow     string
	From, To int
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
	// Markets are the owners who chose each country (Country.ISO2) as a
	// target (User.TargetMarkets); countries nobody chose are left out.
	Markets map[string]int64
	// SignUps are, per StatsQuery.Periods, the owners (those who have not
	// deleted their data) whose profile was created in it.
	SignUps []int64
	// FirstSignUp is when the earliest owner still signed up signed up;
	// zero when nobody has.
	FirstSignUp time.Time
	// Steps are, per followed flow, the attempts whose furthest step is
	// each index: Steps[flow][i] stopped at step i (or are still there);
	// the last index finished.
	Steps map[string][]int64
}
