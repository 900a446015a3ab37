package flows

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"ikmbot"
)

// How /statistik reads (issue 8): a pure function of the counts the
// handlers read, short enough for a phone. The charts are drawn elsewhere.

// StTop is how many regions, target countries and sign-up sources
// StatsText names; the rest are counted in a last line.
const StTop = 5

// Defaults of StatsInput's target, the province's: about 95,000 IKM, 30%
// of them exporting.
const (
	DefaultPopulation    = 95000
	DefaultTargetPercent = 30.0
)

// StatsInput is what StatsText shows.
type StatsInput struct {
	// Funnel are the owners at each stage, overall, per region and per
	// sector.
	Funnel ikmbot.FunnelCounts
	// Levels are the owners per latest readiness level.
	Levels map[ikmbot.Level]int64
	// Sources are the sign-ups per src_<code> deep link code.
	Sources map[string]int64
	// Markets are the owners per target country (ikmbot.Stats.Markets).
	Markets map[string]int64
	// Population is the number of IKM in the province; zero means
	// DefaultPopulation.
	Population int
	// TargetPercent is the share of Population meant to export; zero
	// means DefaultTargetPercent.
	TargetPercent float64
	// Weeks are the starts of the weeks SignUps counts, oldest first, the
	// current week last; SignUps are the owners who signed up in each.
	Weeks   []time.Time
	SignUps []int64
	// FirstSignUp is when the first owner still signed up signed up (zero
	// for none): the weeks that ended before it are not in the average.
	FirstSignUp time.Time
	// Steps are, per followed conversation (ikmbot.StepFlows), the
	// attempts stopped at each step index, the last index finished
	// (ikmbot.Stats.Steps).
	Steps map[string][]int64
	// Mentoring is the mentors' follow-up health; nil leaves it out.
	Mentoring *StatsMentoring
}

// StatsMentoring is how mentoring stands: the mentors, the owners they
// look after, how many of those are overdue for a follow-up, the owners
// without a mentor and the cadence in days.
type StatsMentoring struct {
	Mentors                      int
	Mentees, Overdue, Unmentored int64
	CadenceDays                  int
}

// StStops is how many steps StatsText names where owners stop the most.
const StStops = 3

// stStageKeys name the funnel stages, in the order of ikmbot.FunnelStages.
var stStageKeys = map[ikmbot.FunnelStage]Key{
	ikmbot.StageSignedUp:  StSignedUp,
	ikmbot.StageChecked:   StChecked,
	ikmbot.StageEnrolled:  StEnrolled,
	ikmbot.StageCompleted: StCompleted,
	ikmbot.StageCertified: StCertified,
	ikmbot.StageExporting: StExporting,
}

// Target is how many owners the province means to see exporting:
// TargetPercent of Population, each defaulted when zero.
func (in StatsInput) Target() int64 {
	if in.Population <= 0 {
		in.Population = DefaultPopulation
	}
	if in.TargetPercent <= 0 {
		in.TargetPercent = DefaultTargetPercent
	}
	return int64(math.Round(float64(in.Population) * in.TargetPercent / 100))
}

// StatsChart is what one chart of /statistik shows, in plain text (a
// chart draws no markup): its title and each bar's label and count.
type StatsChart struct {
	Title  string
	Labels []string
	Counts []int64
}

// StatsFunnelChart is the funnel as a chart: each stage's owners, in
// order.
func StatsFunnelChart(lang string, in StatsInput) StatsChart {
	c := StatsChart{Title: T(lang, StChartFunnel)}
	for _, st := range ikmbot.FunnelStages {
		c.Labels = append(c.Labels, T(lang, stStageKeys[st]))
		c.Counts = append(c.Counts, in.Funnel.Total[st])
	}
	return c
}

// StatsTargetChart is the progress toward the export target as a chart:
// the owners exporting, then the target.
func StatsTargetChart(lang string, in StatsInput) StatsChart {
	return StatsChart{Title: T(lang, StChartTarget), Labels: []string{T(lang, StExporting), T(lang, StChartTargetLabel)},
		Counts: []int64{in.Funnel.Total[ikmbot.StageExporting], in.Target()}}
}

// StatsText is staff's /statistik message in lang (HTML): the funnel with
// each stage's share of the owners signed up, the progress toward the
// export target, the StTop regions with the most sign-ups, the sectors,
// the StTop target countries owners chose most, the readiness levels, the
// sign-ups of the last weeks, mentoring, where owners stop and the StTop
// sign-up sources.
func StatsText(lang string, in StatsInput) string {
	if in.Population <= 0 {
		in.Population = DefaultPopulation
	}
	if in.TargetPercent <= 0 {
		in.TargetPercent = DefaultTargetPercent
	}
	total := in.Funnel.Total
	signedUp, exporting := total[ikmbot.StageSignedUp], total[ikmbot.StageExporting]
	var b strings.Builder
	b.WriteString(T(lang, StTitle))

	b.WriteString("\n\n" + T(lang, StFunnelTitle))
	for _, st := range ikmbot.FunnelStages {
		name, n := T(lang, stStageKeys[st]), stNumber(lang, total[st])
		if st == ikmbot.StageSignedUp {
			b.WriteString("\n" + T(lang, StStageLine, name, n))
		} else {
			b.WriteString("\n" + T(lang, StStageLinePct, name, n, stPercent(lang, total[st], signedUp)))
		}
	}

	target := in.Target()
	b.WriteString("\n\n" + T(lang, StTargetTitle))
	b.WriteString("\n" + T(lang, StTargetLine, stFormatPercent(lang, in.TargetPercent), stNumber(lang, int64(in.Population)), stNumber(lang, target)))
	b.WriteString("\n" + T(lang, StTargetProgress, stNumber(lang, exporting), stPercent(lang, exporting, target)))

	regions := stRows(in.Funnel.ByRegion, func(code string) string { return Escape(showRegion(lang, code)) })
	b.WriteString("\n\n" + T(lang, StRegionsTitle))
	for i, r := range regions[:min(StTop, len(regions))] {
		b.WriteString("\n" + T(lang, StRegionLine, i+1, r.name, stNumber(lang, r.signedUp), stNumber(lang, r.exporting)))
	}
	stTail(&b, lang, len(regions))

	sectors := stRows(in.Funnel.BySector, func(code string) string { return stSectorName(lang, code) })
	b.WriteString("\n\n" + T(lang, StSectorsTitle))
	for _, s := range sectors {
		b.WriteString("\n" + T(lang, StSectorLine, s.name, stNumber(lang, s.signedUp), stNumber(lang, s.exporting)))
	}
	if len(sectors) == 0 {
		b.WriteString("\n" + T(lang, StNone))
	}

	stMarkets(&b, lang, in.Markets, signedUp)

	b.WriteString("\n\n" + T(lang, StLevelsTitle))
	levels := stLevels(in.Levels)
	for _, l := range levels {
		name := LevelName(lang, ikmbot.Readiness(), l)
		b.WriteString("\n" + T(lang, StCountLine, name, stNumber(lang, in.Levels[l])))
	}
	if len(levels) == 0 {
		b.WriteString("\n" + T(lang, StNone))
	}

	stWeeks(&b, lang, in.SignUps, weeksBefore(in.Weeks, in.FirstSignUp))
	stMentoring(&b, lang, in.Mentoring)
	stSteps(&b, lang, in.Steps)

	sources := stTopSources(in.Sources)
	b.WriteString("\n\n" + T(lang, StSourcesTitle))
	for _, s := range sources[:min(StTop, len(sources))] {
		b.WriteString("\n" + T(lang, StCountLine, Escape(s), stNumber(lang, in.Sources[s])))
	}
	stTail(&b, lang, len(sources))
	return b.String()
}

// stRow is one region or sector: its escaped name and counts.
type stRow struct {
	name                string
	signedUp, exporting int64
}

// stRows are the regions or sectors with owners signed up, the most first,
// then by name.
func stRows(by map[string]map[ikmbot.FunnelStage]int64, name func(code string) string) []stRow {
	var rows []stRow
	for code, m := range by {
		if m[ikmbot.StageSignedUp] <= 0 {
			continue
		}
		rows = append(rows, stRow{name(code), m[ikmbot.StageSignedUp], m[ikmbot.StageExporting]})
	}
	slices.SortFunc(rows, func(a, b stRow) int {
		return cmp.Or(cmp.Compare(b.signedUp, a.signedUp), cmp.Compare(b.exporting, a.exporting), strings.Compare(a.name, b.name))
	})
	return rows
}

// stTail ends a top list: "none yet" when empty, the count of the others
// when longer than StTop.
func stTail(b *strings.Builder, lang string, n int) {
	switch {
	case n == 0:
		b.WriteString("\n" + T(lang, StNone))
	case n > StTop:
		b.WriteString("\n" + T(lang, StMore, n-StTop))
	}
}

// stSectorName names a sector code, escaped; an unknown code is shown as
// it is, so two unknown codes do not read as one.
func stSectorName(lang, code string) string {
	if s, ok := ikmbot.SectorByCode(code); ok {
		return Escape(s.Name(lang))
	}
	if code == ikmbot.SectorOther {
		return Escape(T(lang, SuSectorOther))
	}
	return Escape(code)
}

// stMarkets writes the StTop target countries owners chose most, each
// with its owners and their share of the owners signed up. That is the
// funnel's base, and the right one here: only an owner with a profile can
// choose targets in /pasar, and /hapusdata takes them away with it. How
// many owners chose at least one is not shown: the counts are per
// country and an owner may choose up to ikmbot.MaxTargetMarkets, so only
// a scan of the owners could tell.
func stMarkets(b *strings.Builder, lang string, counts map[string]int64, signedUp int64) {
	type row struct {
		code, name string // name sorts ties: the label starts with the flag
		n          int64
	}
	var rows []row
	for code, n := range counts {
		if n > 0 {
			rows = append(rows, row{code, targetCountryNames(lang, []string{code}), n})
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.name, b.name)) })
	b.WriteString("\n\n" + T(lang, StMarketsTitle))
	for i, r := range rows[:min(StTop, len(rows))] {
		name := Escape(targetCountryLabel(lang, r.code))
		b.WriteString("\n" + T(lang, StMarketLine, i+1, name, stNumber(lang, r.n), stPercent(lang, r.n, signedUp)))
	}
	stTail(b, lang, len(rows))
}

// stLevels are the levels anybody holds: the known ones from the lowest,
// then any others by name.
func stLevels(counts map[ikmbot.Level]int64) []ikmbot.Level {
	known := []ikmbot.Level{ikmbot.LevelPemula, ikmbot.LevelMenengah, ikmbot.LevelMahir}
	var out, other []ikmbot.Level
	for _, l := range known {
		if counts[l] > 0 {
			out = append(out, l)
		}
	}
	for l, n := range counts {
		if n > 0 && !slices.Contains(known, l) {
			other = append(other, l)
		}
	}
	slices.Sort(other)
	return append(out, other...)
}

// stTopSources are the sources with sign-ups, the most first, then by
// code.
func stTopSources(counts map[string]int64) []string {
	var out []string
	for s, n := range counts {
		if n > 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	return out
}

// stNumber writes n with the language's thousands separator: 28.500 in
// Indonesian, 28,500 in English.
func stNumber(lang string, n int64) string {
	sep := "."
	if lang == "en" {
		sep = ","
	}
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// stPercent is part as a percentage of whole: "–" when whole is zero, and
// "&lt;0,1%" (HTML) rather than a misleading "0%" for a small non-zero share.
func stPercent(lang string, part, whole int64) string {
	if whole <= 0 {
		return "–"
	}
	p := 100 * float64(part) / float64(whole)
	if p > 0 && p < 0.05 {
		return "&lt;" + stFormatPercent(lang, 0.1)
	}
	return stFormatPercent(lang, p)
}

// stFormatPercent writes p% with at most one decimal, with the language's
// decimal separator: 33,3% in Indonesian, 33.3% in English.
func stFormatPercent(lang string, p float64) string {
	s := strconv.FormatFloat(math.Round(p*10)/10, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "%"
}

// weeksBefore is how many of the weeks starting at starts (oldest first)
// ended before first, the first sign-up: weeks before the bot ran. With
// no sign-up, none.
func weeksBefore(starts []time.Time, first time.Time) int {
	if first.IsZero() {
		return 0
	}
	n := 0
	for i := 1; i < len(starts) && !starts[i].After(first); i++ {
		n = i
	}
	return n
}

// stWeeks writes this week's sign-ups, last week's and the average of the
// full weeks before this one, leaving out the first skip weeks (before
// the bot ran, which would pull the average down). A quiet week after
// the first sign-up counts.
func stWeeks(b *strings.Builder, lang string, signUps []int64, skip int) {
	n := len(signUps)
	if n == 0 {
		return
	}
	first := min(skip, n-1)
	before := signUps[first : n-1]
	b.WriteString("\n\n" + T(lang, StWeeksTitle))
	if len(before) == 0 {
		b.WriteString("\n" + T(lang, StWeeksOnly, stNumber(lang, signUps[n-1])))
		return
	}
	var sum int64
	for _, v := range before {
		sum += v
	}
	avg := stNumber(lang, int64(math.Round(float64(sum)/float64(len(before)))))
	b.WriteString("\n" + T(lang, StWeeksLine, stNumber(lang, signUps[n-1]), stNumber(lang, signUps[n-2]), len(before), avg))
}

// stMentoring writes the mentors' load and how many owners are overdue.
func stMentoring(b *strings.Builder, lang string, m *StatsMentoring) {
	if m == nil {
		return
	}
	b.WriteString("\n\n" + T(lang, StMentorTitle, m.CadenceDays))
	if m.Mentors == 0 {
		b.WriteString("\n" + T(lang, StMentorNone))
	} else {
		b.WriteString("\n" + T(lang, StMentorLine, stNumber(lang, int64(m.Mentors)), stNumber(lang, m.Mentees)))
		b.WriteString("\n" + T(lang, StMentorOverdue, stNumber(lang, m.Overdue), stPercent(lang, m.Overdue, m.Mentees)))
	}
	b.WriteString("\n" + T(lang, StMentorLess, stNumber(lang, m.Unmentored)))
}

// stSteps writes, per followed conversation, how many started and
// finished and the StStops steps where the most stopped.
func stSteps(b *strings.Builder, lang string, steps map[string][]int64) {
	if steps == nil {
		return
	}
	b.WriteString("\n\n" + T(lang, StStepsTitle))
	for _, name := range ikmbot.StepFlows {
		f := FollowedFlow(name)
		counts := steps[name]
		if f == nil || len(counts) != f.ProgressSteps() {
			continue
		}
		var started int64
		for _, n := range counts {
			started += n
		}
		title := T(lang, StFlowSignUp)
		if name == ikmbot.StepFlowReadiness {
			title = T(lang, StFlowReadiness)
		}
		if started == 0 {
			b.WriteString("\n" + T(lang, StStepsNone, title))
			continue
		}
		done := counts[len(counts)-1]
		b.WriteString("\n" + T(lang, StStepsFlow, title, stNumber(lang, started), stNumber(lang, done), stPercent(lang, done, started)))
		var stops []string
		for _, i := range stTopStops(counts[:len(counts)-1]) {
			stops = append(stops, T(lang, StStepsStop, Escape(progressLabel(lang, f, i)), stNumber(lang, counts[i])))
		}
		if len(stops) > 0 {
			b.WriteString("\n" + T(lang, StStepsStops, strings.Join(stops, ", ")))
		}
	}
}

// stTopStops are the indexes of the StStops largest non-zero counts, the
// largest first, then the earliest step.
func stTopStops(counts []int64) []int {
	var idx []int
	for i, n := range counts {
		if n > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b)) })
	return idx[:min(StStops, len(idx))]
}

// StatsStepsChart is the sign-up conversation as a chart: how many attempts
// reached each step (stopped there or went further), in order, ending with
// those who finished. Empty without counts.
func StatsStepsChart(lang string, in StatsInput) StatsChart {
	c := StatsChart{Title: T(lang, StChartSteps)}
	f, counts := SignUp, in.Steps[ikmbot.StepFlowSignUp]
	if len(counts) != f.ProgressSteps() {
		return c
	}
	var reached int64
	for i := len(counts) - 1; i >= 0; i-- {
		reached += counts[i]
		c.Labels = append([]string{progressLabel(lang, f, i)}, c.Labels...)
		c.Counts = append([]int64{reached}, c.Counts...)
	}
	return c
}

// StatsWeeksChart is the sign-ups per week as a chart, each week labelled
// by its first day ("23/11").
func StatsWeeksChart(lang string, in StatsInput) StatsChart {
	c := StatsChart{Title: T(lang, StChartWeeks)}
	for i, w := range in.Weeks {
		if i >= len(in.SignUps) {
			break
		}
		c.Labels = append(c.Labels, w.Format("2/1"))
		c.Counts = append(c.Counts, in.SignUps[i])
	}
	return c
}
