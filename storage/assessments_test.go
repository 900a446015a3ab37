package storage

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// levelCounts reads the count of level overall and in region, through the
// Store's API.
func levelCounts(t *testing.T, s *Store, level ikmbot.Level, region string) (all, inRegion int64) {
	t.Helper()
	ctx := t.Context()
	counts, err := s.LevelCounts(ctx)
	if err != nil {
		t.Fatalf("LevelCounts: %v", err)
	}
	byRegion, err := s.LevelCountsByRegion(ctx)
	if err != nil {
		t.Fatalf("LevelCountsByRegion: %v", err)
	}
	return counts[level], byRegion[region][level]
}

// deleteAtEnd takes the users out of the level counts when the test ends,
// so a shared Redis keeps its counts.
func deleteAtEnd(t *testing.T, s *Store, ids ...int64) {
	t.Helper()
	t.Cleanup(func() {
		for _, id := range ids {
			if err := s.DeleteOwnerData(context.Background(), id); err != nil {
				t.Errorf("cleanup: DeleteOwnerData(%d): %v", id, err)
			}
		}
	})
}

func TestApplyAssessment(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	deleteAtEnd(t, e.store, id)

	first := sampleAssessment(id, ikmbot.LevelPemula, "BDL", testNow)
	second := sampleAssessment(0, ikmbot.LevelMenengah, "BDL", testNow.Add(24*time.Hour))
	second.Answers = map[string]string{"q1": "d", "q2": "d"}
	third := sampleAssessment(id, ikmbot.LevelMenengah, "LTG", time.Time{}) // moved to another region

	// delta is how a step moves the count of a level in a region.
	type delta struct {
		level  ikmbot.Level
		region string
		all    int64
		inReg  int64
	}
	steps := []struct {
		name   string
		change ikmbot.Change
		deltas []delta
	}{
		{
			name:   "first attempt",
			change: ikmbot.Change{UserID: id, Assessment: &first},
			deltas: []delta{{ikmbot.LevelPemula, "BDL", 1, 1}, {ikmbot.LevelMenengah, "BDL", 0, 0}},
		},
		{
			name: "second attempt, a level up",
			change: ikmbot.Change{UserID: id, Assessment: &second,
				PreviousLevel: ikmbot.LevelPemula, PreviousRegion: "BDL"},
			deltas: []delta{{ikmbot.LevelPemula, "BDL", -1, -1}, {ikmbot.LevelMenengah, "BDL", 1, 1}},
		},
		{
			name: "third attempt, same level, another region",
			change: ikmbot.Change{UserID: id, Assessment: &third,
				PreviousLevel: ikmbot.LevelMenengah, PreviousRegion: "BDL"},
			deltas: []delta{{ikmbot.LevelMenengah, "BDL", 0, -1}, {ikmbot.LevelMenengah, "LTG", 0, 1}},
		},
	}
	for _, st := range steps {
		before := make([][2]int64, len(st.deltas))
		for i, d := range st.deltas {
			before[i][0], before[i][1] = levelCounts(t, e.store, d.level, d.region)
		}
		if err := e.store.Apply(ctx, st.change); err != nil {
			t.Fatalf("%s: Apply: %v", st.name, err)
		}
		for i, d := range st.deltas {
			all, inReg := levelCounts(t, e.store, d.level, d.region)
			if got := all - before[i][0]; got != d.all {
				t.Errorf("%s: count of %s moved by %d, want %d", st.name, d.level, got, d.all)
			}
			if got := inReg - before[i][1]; got != d.inReg {
				t.Errorf("%s: count of %s in %s moved by %d, want %d", st.name, d.level, d.region, got, d.inReg)
			}
		}
	}

	u, _, _, err := e.store.Begin(ctx, id, id)
	t.Cleanup(func() { e.rdb.Del(context.Background(), updateKey(id)) })
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	if diff := cmp.Diff(u, ikmbot.User{ID: id, Level: ikmbot.LevelMenengah, LevelRegion: "LTG"}); diff != "" {
		t.Errorf("user (-got +want):\n%s", diff)
	}

	got, err := e.store.Assessments(ctx, id)
	if err != nil {
		t.Fatalf("Assessments: %v", err)
	}
	// Saved with the change's user id and the Store's clock when unset.
	second.UserID = id
	third.At = testNow
	if diff := cmp.Diff(got, []ikmbot.Assessment{first, second, third}); diff != "" {
		t.Errorf("Assessments (-got +want):\n%s", diff)
	}
}

func TestApplyAssessmentInvalid(t *testing.T) {
	e := newEnv(t)
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	other := sampleAssessment(id+1, ikmbot.LevelPemula, "BDL", testNow)
	noLevel := sampleAssessment(id, "", "BDL", testNow)
	tests := []struct {
		name string
		a    *ikmbot.Assessment
	}{
		{"another user's", &other},
		{"no level", &noLevel},
	}
	for _, tt := range tests {
		err := e.store.Apply(t.Context(), ikmbot.Change{UserID: id, Assessment: tt.a})
		wantCode(t, err, ikmbot.EInvalid)
	}
	if n, err := e.rdb.Exists(t.Context(), userKey(id), assessmentsKey(id)).Result(); err != nil || n != 0 {
		t.Errorf("after refused changes, %d keys of the user exist (%v), want none", n, err)
	}
}

func TestAssessmentsSkipsUndecodable(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	deleteAtEnd(t, e.store, id)

	first := sampleAssessment(id, ikmbot.LevelPemula, "BDL", testNow)
	second := sampleAssessment(id, ikmbot.LevelMahir, "BDL", testNow.Add(time.Hour))
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Assessment: &first}); err != nil {
		t.Fatal(err)
	}
	e.rdb.RPush(ctx, assessmentsKey(id), "{not json")
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Assessment: &second, PreviousLevel: ikmbot.LevelPemula, PreviousRegion: "BDL"}); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.Assessments(ctx, id)
	if err != nil {
		t.Fatalf("Assessments: %v", err)
	}
	if diff := cmp.Diff(got, []ikmbot.Assessment{first, second}); diff != "" {
		t.Errorf("Assessments (-got +want):\n%s", diff)
	}

	none, err := e.store.Assessments(ctx, newUserID())
	if err != nil || len(none) != 0 {
		t.Errorf("Assessments of an unknown user = %v, %v; want none, nil", none, err)
	}
}

// TestDeleteOwnerDataConcurrent: deletions racing each other take the user
// out of the counts once.
func TestDeleteOwnerDataConcurrent(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	p := sampleProfile(id)
	a := sampleAssessment(id, ikmbot.LevelMahir, "BDL", testNow)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, Assessment: &a}); err != nil {
		t.Fatal(err)
	}
	beforeAll, beforeReg := levelCounts(t, e.store, ikmbot.LevelMahir, "BDL")
	beforeDeleted := counter(t, e.rdb, deletedKey())

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := e.store.DeleteOwnerData(ctx, id); err != nil {
				t.Errorf("DeleteOwnerData: %v", err)
			}
		})
	}
	wg.Wait()

	all, inReg := levelCounts(t, e.store, ikmbot.LevelMahir, "BDL")
	if got := all - beforeAll; got != -1 {
		t.Errorf("count of %s moved by %d, want -1", ikmbot.LevelMahir, got)
	}
	if got := inReg - beforeReg; got != -1 {
		t.Errorf("count of %s in BDL moved by %d, want -1", ikmbot.LevelMahir, got)
	}
	if got := counter(t, e.rdb, deletedKey()) - beforeDeleted; got != 1 {
		t.Errorf("%s grew by %d, want 1", deletedKey(), got)
	}
}

// TestProfileRegionMovesLevelCount: an owner who moves kabupaten in their
// profile after a check is counted under the new one; one who never took
// the check is counted nowhere.
func TestProfileRegionMovesLevelCount(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id, unchecked := newUserID(), newUserID()
	cleanupUser(t, e.rdb, id, unchecked)
	deleteAtEnd(t, e.store, id, unchecked)

	p := sampleProfile(id)
	p.Region = "MSJ"
	a := sampleAssessment(id, ikmbot.LevelMenengah, "MSJ", testNow)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, Assessment: &a}); err != nil {
		t.Fatal(err)
	}
	_, msjBefore := levelCounts(t, e.store, ikmbot.LevelMenengah, "MSJ")
	allBefore, metBefore := levelCounts(t, e.store, ikmbot.LevelMenengah, "MET")

	p.Region = "MET"
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, PreviousLevel: ikmbot.LevelMenengah, PreviousRegion: "MSJ"}); err != nil {
		t.Fatal(err)
	}
	_, msjAfter := levelCounts(t, e.store, ikmbot.LevelMenengah, "MSJ")
	allAfter, metAfter := levelCounts(t, e.store, ikmbot.LevelMenengah, "MET")
	if msjAfter != msjBefore-1 || metAfter != metBefore+1 || allAfter != allBefore {
		t.Errorf("MSJ %d->%d, MET %d->%d, all %d->%d; want the owner moved from MSJ to MET",
			msjBefore, msjAfter, metBefore, metAfter, allBefore, allAfter)
	}
	u, _, err := e.store.LoadUser(ctx, id)
	if err != nil || u.Level != ikmbot.LevelMenengah || u.LevelRegion != "MET" {
		t.Errorf("user = %+v, %v; want menengah counted in MET", u, err)
	}

	q := sampleProfile(unchecked)
	q.Region = "MET"
	_, metBefore = levelCounts(t, e.store, ikmbot.LevelMenengah, "MET")
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: unchecked, Profile: &q}); err != nil {
		t.Fatal(err)
	}
	if _, metAfter = levelCounts(t, e.store, ikmbot.LevelMenengah, "MET"); metAfter != metBefore {
		t.Errorf("an owner without a check changed the counts")
	}
}
