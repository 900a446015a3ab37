package storage

import (
	"context"
	"strconv"
	"testing"

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

	funnel, levels, sources, err := e.store.StatsCounts(ctx)
	if err != nil {
		t.Fatalf("StatsCounts: %v", err)
	}
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
