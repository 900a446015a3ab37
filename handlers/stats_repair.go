package handlers

import (
	"context"
	"fmt"
	"time"

	"ikmbot"
)

// The funnel counts behind /statistik are kept on every write, but two
// things only a recount catches: a certificate that expires with no write
// since, and a crash between a write and its refresh. A recount runs every
// night at 03.00 (a due item that schedules the next), and at start-up
// when the counts are plainly off (the first deploy of the counters).

// DueStatsRepair is the kind of the nightly recount; ID: its date.
const DueStatsRepair = "stats_repair"

// statsRepair runs at 03.00 in BOT_TIMEZONE, when nobody writes.
var statsRepair = recurring{kind: DueStatsRepair, hour: 3}

// statsRepairWindow is how late the recount may still start: its Until.
// Set so that quiet hours do not hold it to the morning (the engine runs
// an item at once rather than past its Until), and a recount missed by
// downtime gives way to the next start-up's or night's.
const statsRepairWindow = 2 * time.Hour

// StatsRepairStore is what the recount needs of storage.
type StatsRepairStore interface {
	// RepairFunnel recounts the funnel counts from the records.
	RepairFunnel(ctx context.Context) error
	// FunnelStale reports whether the counts cannot be right.
	FunnelStale(ctx context.Context) (bool, error)
}

// statsRepairDue is the recount of the night at at.
func statsRepairDue(at time.Time, loc *time.Location) ikmbot.Due {
	d := statsRepair.due(at, loc)
	d.Until = d.At.Add(statsRepairWindow)
	return d
}

// EnsureStatsRepair schedules the next nightly recount (the same item
// whoever schedules it), for the start-up. Errors are Redis failures.
func (r *Router) EnsureStatsRepair(ctx context.Context) error {
	now, loc := r.cfg.Now(), r.cfg.Location
	if err := r.certStore().Schedule(ctx, statsRepairDue(statsRepair.after(now, loc), loc)); err != nil {
		return fmt.Errorf("schedule the nightly recount: %w", err)
	}
	return nil
}

// RepairStatsIfStale recounts at once when the counts are plainly off;
// for the start-up, in the background.
func (r *Router) RepairStatsIfStale(ctx context.Context) error {
	stale, err := r.cfg.Store.FunnelStale(ctx)
	if err != nil || !stale {
		return err
	}
	started := time.Now()
	if err := r.cfg.Store.RepairFunnel(ctx); err != nil {
		return err
	}
	r.log.InfoContext(ctx, "funnel counts recounted at start-up", "took", time.Since(started))
	return nil
}

// FireStatsRepair is the reminder engine's handler of DueStatsRepair: it
// schedules the next night's, then recounts. It sends nothing.
func (r *Router) FireStatsRepair(ctx context.Context, d ikmbot.Due, now time.Time) ([]ikmbot.Message, error) {
	loc := r.cfg.Location
	if err := r.certStore().Schedule(ctx, statsRepairDue(statsRepair.after(now, loc), loc)); err != nil {
		return nil, err
	}
	started := time.Now()
	if err := r.cfg.Store.RepairFunnel(ctx); err != nil {
		return nil, err
	}
	r.log.InfoContext(ctx, "funnel counts recounted", "due_key", d.Key(), "took", time.Since(started))
	return nil, nil
}
