package handlers

import (
	"context"
	"fmt"
	"time"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/report"
)

// StatsStore is the part of the store /statistik uses.
type StatsStore interface {
	// StatsCounts returns, in one round trip, the owners at each funnel
	// stage (overall, per region, per sector), the owners per latest
	// readiness level, the sign-ups per source, the owners per target
	// country, the sign-ups in each of q.Periods and where users stopped
	// in each flow of q.Steps; errors are Redis failures.
	StatsCounts(ctx context.Context, q ikmbot.StatsQuery) (ikmbot.Stats, error)
}

// statsWeeks is how many weeks of sign-ups /statistik shows, the current
// one included: a quarter.
const statsWeeks = 12

// stats answers staff's /statistik (issue 8): the counts as text, then
// the charts.
func (r *Router) stats(ctx context.Context, c *call) error {
	weeks := weekStarts(c.now.In(r.cfg.Location), statsWeeks)
	q := ikmbot.StatsQuery{Periods: weeks, Steps: map[string]int{}}
	for _, name := range ikmbot.StepFlows {
		q.Steps[name] = flows.FollowedFlow(name).ProgressSteps()
	}
	st, err := r.cfg.Store.StatsCounts(ctx, q)
	if err != nil {
		return fmt.Errorf("statistics for user %d: %w", c.ev.UserID, err)
	}
	in := flows.StatsInput{
		Funnel: st.Funnel, Levels: st.Levels, Sources: st.Sources, Markets: st.Markets,
		Population: r.cfg.Population, TargetPercent: r.cfg.TargetPercent,
		Weeks: weeks, SignUps: st.SignUps, FirstSignUp: st.FirstSignUp, Steps: st.Steps,
	}
	// Mentoring health takes a few more round trips; without it the rest
	// still helps, so a failure only leaves it out.
	if m, err := r.statsMentoring(ctx, c.now); err != nil {
		r.log.Error("mentoring for statistics", "chat_id", c.ev.ChatID, "err", err)
	} else {
		in.Mentoring = &m
	}
	c.say(flows.StatsText(c.lang, in))
	c.out = append(c.out, r.statsCharts(c.ev.ChatID, c.lang, in)...)
	return nil
}

// weekStarts are the Mondays, 00.00 in now's location, of the n weeks up
// to and including now's, oldest first.
func weekStarts(now time.Time, n int) []time.Time {
	monday := time.Date(now.Year(), now.Month(), now.Day()-(int(now.Weekday())+6)%7, 0, 0, 0, 0, now.Location())
	out := make([]time.Time, n)
	for i := range n {
		out[i] = monday.AddDate(0, 0, -7*(n-1-i))
	}
	return out
}

// statsMentoring counts the mentors, the owners they look after and how
// many of those are overdue under the current cadence, and the owners
// without a mentor, as /binaan's overview does.
func (r *Router) statsMentoring(ctx context.Context, now time.Time) (flows.StatsMentoring, error) {
	cadence, err := r.mentorStore().Cadence(ctx)
	if err != nil {
		return flows.StatsMentoring{}, err
	}
	rows, err := r.mgRows(ctx, now.Add(-cadence))
	if err != nil {
		return flows.StatsMentoring{}, err
	}
	unmentored, err := r.mentorAdminStore().UnmentoredOwners(ctx)
	if err != nil {
		return flows.StatsMentoring{}, err
	}
	m := flows.StatsMentoring{Mentors: len(rows), Unmentored: unmentored, CadenceDays: int(cadence / (24 * time.Hour))}
	for _, row := range rows {
		m.Mentees += int64(row.Mentees)
		m.Overdue += int64(row.Overdue)
	}
	return m, nil
}

// statsCharts are the photos that follow /statistik's text: the funnel,
// the progress toward the export target, the sign-ups per week and how
// far owners get in the sign-up, drawn by the report package. A chart that
// fails to draw is logged and left out: the text has the same numbers.
func (r *Router) statsCharts(chatID int64, lang string, in flows.StatsInput) []ikmbot.Message {
	var out []ikmbot.Message
	add := func(name string, png []byte, err error) {
		if err != nil {
			r.log.Error("draw a statistics chart", "chart", name, "err", err)
			return
		}
		out = append(out, ikmbot.Message{ChatID: chatID, Photo: &ikmbot.File{Name: name + ".png", Data: png}})
	}
	funnel := flows.StatsFunnelChart(lang, in)
	png, err := report.BarChart(funnel.Title, chartBars(funnel), float64(funnel.Counts[0]))
	add("funnel", png, err)
	target := flows.StatsTargetChart(lang, in)
	png, err = report.ProgressChart(target.Title, float64(target.Counts[0]), float64(target.Counts[1]), target.Labels[0], target.Labels[1])
	add("target", png, err)
	if weeks := flows.StatsWeeksChart(lang, in); len(weeks.Counts) > 0 {
		values := make([]float64, len(weeks.Counts))
		for i, n := range weeks.Counts {
			values[i] = float64(n)
		}
		png, err = report.SeriesChart(weeks.Title, weeks.Labels, values)
		add("weeks", png, err)
	}
	if steps := flows.StatsStepsChart(lang, in); len(steps.Counts) > 0 && steps.Counts[0] > 0 {
		png, err = report.BarChart(steps.Title, chartBars(steps), float64(steps.Counts[0]))
		add("signup-steps", png, err)
	}
	return out
}

// chartBars are a chart's bars for report.BarChart.
func chartBars(c flows.StatsChart) []report.Bar {
	bars := make([]report.Bar, len(c.Labels))
	for i, l := range c.Labels {
		bars[i] = report.Bar{Label: l, Value: float64(c.Counts[i])}
	}
	return bars
}
