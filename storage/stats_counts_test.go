package storage

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// TestStatsCounts signs up owners from two sources, one of them in a
// region of its own with a readiness result, and reads the counts back in
// one round trip: they agree with the separate readers, and a source
// counter that does not parse is left out. The test owns its sources and
// region, so it looks only at those (the Redis may be shared).
func TestStatsCounts(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	a, b, c := newUserID(), newUserID(), newUserID()
	cleanupUser(t, e.rdb, a, b, c)
	tag := strconv.FormatInt(a, 10)
	fair, radio, bad := "fair"+tag, "radio"+tag, "bad"+tag
	region := "T" + tag
	t.Cleanup(func() { e.rdb.HDel(context.Background(), signupSourcesKey(), fair, radio, bad) })

	for _, o := range []struct {
		id     int64
		source string
		level  ikmbot.Level
	}{{a, fair, ikmbot.LevelMenengah}, {b, fair, ""}, {c, radio, ""}} {
		p := sampleProfile(o.id)
		p.Source, p.Region = o.source, region
		ch := ikmbot.Change{UserID: o.id, Profile: &p, SignUp: true}
		if o.level != "" {
			as := sampleAssessment(o.id, o.level, region, testNow)
			ch.Assessment = &as
		}
		if err := e.store.Apply(ctx, ch); err != nil {
			t.Fatalf("Apply(%d): %v", o.id, err)
		}
	}
	// Leave the counters as they were for a shared Redis.
	t.Cleanup(func() {
		for _, id := range []int64{a, b, c} {
			if err := e.store.DeleteOwnerData(context.Background(), id); err != nil {
				t.Errorf("DeleteOwnerData(%d): %v", id, err)
			}
		}
	})
	if err := e.rdb.HSet(ctx, signupSourcesKey(), bad, "many").Err(); err != nil {
		t.Fatal(err)
	}

	st, err := e.store.StatsCounts(ctx, ikmbot.StatsQuery{})
	if err != nil {
		t.Fatalf("StatsCounts: %v", err)
	}
	funnel, levels, sources := st.Funnel, st.Levels, st.Sources
	mine := map[string]int64{}
	for _, s := range []string{fair, radio, bad} {
		if n, ok := sources[s]; ok {
			mine[s] = n
		}
	}
	if diff := cmp.Diff(mine, map[string]int64{fair: 2, radio: 1}); diff != "" {
		t.Errorf("sources of this test (-got +want):\n%s", diff)
	}
	wantRegion := map[ikmbot.FunnelStage]int64{ikmbot.StageSignedUp: 3, ikmbot.StageChecked: 1}
	if diff := cmp.Diff(funnel.ByRegion[region], wantRegion); diff != "" {
		t.Errorf("funnel of the test's region (-got +want):\n%s", diff)
	}
	if levels[ikmbot.LevelMenengah] < 1 {
		t.Errorf("levels = %v, want menengah counted", levels)
	}

	// The separate readers see the same.
	gotSources, err := e.store.SignupSources(ctx)
	if err != nil {
		t.Fatalf("SignupSources: %v", err)
	}
	if gotSources[fair] != 2 || gotSources[radio] != 1 {
		t.Errorf("SignupSources = %v, want %s: 2, %s: 1", gotSources, fair, radio)
	}
	if _, ok := gotSources[bad]; ok {
		t.Errorf("SignupSources kept the unreadable %s", bad)
	}
	gotLevels, err := e.store.LevelCounts(ctx)
	if err != nil {
		t.Fatalf("LevelCounts: %v", err)
	}
	if diff := cmp.Diff(gotLevels, levels); diff != "" {
		t.Errorf("LevelCounts differs from StatsCounts (-got +want):\n%s", diff)
	}
	gotFunnel, err := e.store.FunnelCounts(ctx)
	if err != nil {
		t.Fatalf("FunnelCounts: %v", err)
	}
	if diff := cmp.Diff(gotFunnel.ByRegion[region], funnel.ByRegion[region]); diff != "" {
		t.Errorf("FunnelCounts differs from StatsCounts (-got +want):\n%s", diff)
	}
}

// TestStatsCountsWeeksAndSteps signs owners up in weeks of their own (long
// ago, so no other test's owners fall in them) and moves attempts through a
// followed conversation: the sign-ups per period and the attempts stopped
// at each step read back in one call, and /hapusdata and the repair keep
// the sign-up index equal to the owners.
func TestStatsCountsWeeksAndSteps(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	week := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC) // a Monday
	periods := []time.Time{week, week.AddDate(0, 0, 7), week.AddDate(0, 0, 14)}
	ids := []int64{newUserID(), newUserID(), newUserID(), newUserID()}
	cleanupUser(t, e.rdb, ids...)
	flow := "t" + strconv.FormatInt(ids[0], 10)
	t.Cleanup(func() { e.rdb.Del(context.Background(), flowStepsKey(flow)) })
	created := []time.Time{week.Add(time.Hour), week.AddDate(0, 0, 7), week.AddDate(0, 0, 13), week.AddDate(0, 0, 30)}
	for i, id := range ids {
		p := sampleProfile(id)
		p.CreatedAt = created[i]
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
			t.Fatalf("Apply(%d): %v", id, err)
		}
	}
	t.Cleanup(func() {
		for _, id := range ids {
			e.store.DeleteOwnerData(context.Background(), id)
		}
	})
	// Three attempts: one moves 0 -> 3, one finishes (-> 4 through 2),
	// one stops at 1.
	for _, p := range []struct {
		id       int64
		from, to int
	}{{ids[0], -1, 0}, {ids[0], 0, 3}, {ids[1], -1, 2}, {ids[1], 2, 4}, {ids[2], -1, 1}} {
		ch := ikmbot.Change{UserID: p.id, Progress: []ikmbot.FlowProgress{{Flow: flow, From: p.from, To: p.to}}}
		if err := e.store.Apply(ctx, ch); err != nil {
			t.Fatalf("Apply progress: %v", err)
		}
	}
	// A step this version of the flow does not have is left out.
	e.rdb.HSet(ctx, flowStepsKey(flow), "9", 5, "x", 1)
	q := ikmbot.StatsQuery{Periods: periods, Steps: map[string]int{flow: 5}}
	st, err := e.store.StatsCounts(ctx, q)
	if err != nil {
		t.Fatalf("StatsCounts: %v", err)
	}
	// The last period has no end: owner 3 (day 30) falls in it with any
	// other test's recent owners, so only its lower bound is checked.
	if st.SignUps[0] != 1 || st.SignUps[1] != 2 || st.SignUps[2] < 1 {
		t.Errorf("sign-ups per period = %v, want [1 2 ≥1]", st.SignUps)
	}
	if diff := cmp.Diff(st.Steps[flow], []int64{0, 1, 0, 1, 1}); diff != "" {
		t.Errorf("stopped per step (-got +want):\n%s", diff)
	}

	// Deleting an owner takes them out of the sign-up index and of every
	// followed conversation.
	if err := e.store.DeleteOwnerData(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	st, err = e.store.StatsCounts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if st.SignUps[1] != 1 {
		t.Errorf("after /hapusdata, week 2 has %d sign-ups, want 1", st.SignUps[1])
	}

	// The repair rebuilds the index from the profiles.
	if err := e.rdb.ZRem(ctx, signedUpKey(), strconv.FormatInt(ids[0], 10)).Err(); err != nil {
		t.Fatal(err)
	}
	if err := e.store.RepairFunnel(ctx); err != nil {
		t.Fatal(err)
	}
	st, err = e.store.StatsCounts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if st.SignUps[0] != 1 || st.SignUps[1] != 1 {
		t.Errorf("after the repair, sign-ups = %v, want [1 1 …]", st.SignUps)
	}
	for i, id := range ids {
		_, err := e.rdb.ZScore(ctx, signedUpKey(), strconv.FormatInt(id, 10)).Result()
		if deleted := i == 1; deleted != notFound(err) {
			t.Errorf("after the repair, owner %d (deleted: %v) in the sign-up index: err %v", i, deleted, err)
		}
	}
}

// TestStatsCountsMarkets: the owners per target country read back with
// the other counts in one call, as MarketCounts reads them; a count that
// does not parse or fell to zero is left out, and /hapusdata takes an
// owner's countries away. Counts are compared by how far they moved (the
// Redis may be shared); the test's own field stands for a bad count.
func TestStatsCountsMarkets(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	a, b := newUserID(), newUserID()
	cleanupUser(t, e.rdb, a, b)
	bad, gone := "bad"+strconv.FormatInt(a, 10), "zero"+strconv.FormatInt(a, 10)
	t.Cleanup(func() { e.rdb.HDel(context.Background(), marketStatsKey(), bad, gone) })
	for _, id := range []int64{a, b} {
		p := sampleProfile(id)
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, id := range []int64{a, b} {
			e.store.DeleteOwnerData(context.Background(), id)
		}
	})
	read := func() map[string]int64 {
		t.Helper()
		st, err := e.store.StatsCounts(ctx, ikmbot.StatsQuery{})
		if err != nil {
			t.Fatalf("StatsCounts: %v", err)
		}
		return st.Markets
	}
	// Georgia and Kenya: countries other tests leave alone.
	before := read()
	moved := func(got map[string]int64) map[string]int64 {
		return map[string]int64{"GE": got["GE"] - before["GE"], "KE": got["KE"] - before["KE"]}
	}
	for id, markets := range map[int64][]string{a: {"GE", "KE"}, b: {"GE"}} {
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Markets: &markets}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.rdb.HSet(ctx, marketStatsKey(), bad, "many", gone, 0).Err(); err != nil {
		t.Fatal(err)
	}
	got := read()
	if diff := cmp.Diff(moved(got), map[string]int64{"GE": 2, "KE": 1}); diff != "" {
		t.Errorf("counts moved (-got +want):\n%s", diff)
	}
	for _, field := range []string{bad, gone} {
		if _, ok := got[field]; ok {
			t.Errorf("StatsCounts kept %s: %v", field, got)
		}
	}
	separate, err := e.store.MarketCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Only Georgia and Kenya: on a shared Redis other tests move the rest
	// between the two reads.
	for _, c := range []string{"GE", "KE"} {
		if separate[c] != got[c] {
			t.Errorf("MarketCounts[%s] = %d, StatsCounts %d", c, separate[c], got[c])
		}
	}

	if err := e.store.DeleteOwnerData(ctx, a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(moved(read()), map[string]int64{"GE": 1, "KE": 0}); diff != "" {
		t.Errorf("after /hapusdata, counts moved (-got +want):\n%s", diff)
	}
}
