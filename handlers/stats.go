package handlers

import (
	"context"
	"fmt"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/report"
)

// StatsStore is the part of the store /statistik uses.
type StatsStore interface {
	// StatsCounts returns, in one round trip, the owners at each funnel
	// stage (overall, per region, per sector), the owners per latest
	// readiness level and the sign-ups per source; errors are Redis
	// failures.
	StatsCounts(ctx context.Context) (funnel ikmbot.FunnelCounts, levels map[ikmbot.Level]int64, sources map[string]int64, err error)
}

// stats answers staff's /statistik (issue 8): the counts as text, then
// the charts.
func (r *Router) stats(ctx context.Context, c *call) error {
	funnel, levels, sources, err := r.cfg.Store.StatsCounts(ctx)
	if err != nil {
		return fmt.Errorf("statistics for user %d: %w", c.ev.UserID, err)
	}
	in := flows.StatsInput{
		Funnel: funnel, Levels: levels, Sources: sources,
		Population: r.cfg.Population, TargetPercent: r.cfg.TargetPercent,
	}
	c.say(flows.StatsText(c.lang, in))
	c.out = append(c.out, r.statsCharts(c.ev.ChatID, c.lang, in)...)
	return nil
}

// statsCharts are the photos that follow /statistik's text: the funnel
// and the progress toward the export target, drawn by the report
// package. A chart that fails to draw is logged and left out: the text
// has the same numbers.
func (r *Router) statsCharts(chatID int64, lang string, in flows.StatsInput) []ikmbot.Message {
	funnel := flows.StatsFunnelChart(lang, in)
	bars := make([]report.Bar, len(funnel.Labels))
	for i, l := range funnel.Labels {
		bars[i] = report.Bar{Label: l, Value: float64(funnel.Counts[i])}
	}
	var out []ikmbot.Message
	add := func(name string, png []byte, err error) {
		if err != nil {
			r.log.Error("draw a statistics chart", "chart", name, "err", err)
			return
		}
		out = append(out, ikmbot.Message{ChatID: chatID, Photo: &ikmbot.File{Name: name + ".png", Data: png}})
	}
	png, err := report.BarChart(funnel.Title, bars, float64(funnel.Counts[0]))
	add("funnel", png, err)
	target := flows.StatsTargetChart(lang, in)
	png, err = report.ProgressChart(target.Title, float64(target.Counts[0]), float64(target.Counts[1]), target.Labels[0], target.Labels[1])
	add("target", png, err)
	return out
}
