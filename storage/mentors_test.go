package storage

import (
	"slices"
	"sync"
	"testing"
	"time"

	"ikmbot"
)

// cleanupMentors deletes the mentors' lists and the owners' assignments
// and histories when the test ends.
func cleanupMentors(t *testing.T, e env, mentors, owners []int64) {
	t.Cleanup(func() {
		ctx := t.Context()
		for _, m := range mentors {
			e.rdb.Del(ctx, menteesKey(m))
		}
		for _, o := range owners {
			e.rdb.HDel(ctx, mentorOfKey(), itoa(o))
			e.rdb.Del(ctx, followUpsKey(o))
		}
	})
}

func menteeIDs(t *testing.T, e env, mentor int64) []int64 {
	t.Helper()
	ms, err := e.store.Mentees(t.Context(), mentor)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, m := range ms {
		ids = append(ids, m.OwnerID)
	}
	return ids
}

func TestAssignAndReassignMentor(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	a, b := newUserID(), newUserID()
	o1, o2, o3 := newUserID(), newUserID(), newUserID()
	cleanupMentors(t, e, []int64{a, b}, []int64{o1, o2, o3})

	prompt := func(o int64, at time.Time) ikmbot.Due {
		return ikmbot.Due{Kind: "mentor_followup", ID: itoa(o), Target: a, At: at}
	}
	prev, err := e.store.AssignMentor(ctx, []int64{o1, o2, o3}, a, testNow, []ikmbot.Due{prompt(o1, testNow.Add(ikmbot.DefaultCadence))})
	if err != nil || len(prev) != 0 {
		t.Fatalf("assign = %v, %v", prev, err)
	}
	t.Cleanup(func() { e.store.Unschedule(t.Context(), prompt(o1, testNow).Key()) })
	if got := menteeIDs(t, e, a); len(got) != 3 {
		t.Fatalf("mentees of a = %v", got)
	}
	// Later, o2 moves to b: taken off a's list.
	later := testNow.Add(time.Hour)
	prev, err = e.store.AssignMentor(ctx, []int64{o2}, b, later, nil)
	if err != nil || prev[o2] != a {
		t.Fatalf("reassign = %v, %v; want previous %d", prev, err, a)
	}
	if m, _ := e.store.MentorOf(ctx, o2); m != b {
		t.Errorf("mentor of o2 = %d, want %d", m, b)
	}
	if got := menteeIDs(t, e, a); slices.Contains(got, o2) || len(got) != 2 {
		t.Errorf("a's mentees = %v, want o1 and o3", got)
	}
	// Assigning again to the same mentor keeps the clock.
	if _, err := e.store.AssignMentor(ctx, []int64{o1}, a, later, nil); err != nil {
		t.Fatal(err)
	}
	ms, _ := e.store.Mentees(ctx, a)
	if !ms[0].Last.Equal(testNow) {
		t.Errorf("re-assigning restarted the clock: %+v", ms)
	}
	loads, err := e.store.MentorLoads(ctx, []int64{a, b}, testNow.Add(time.Minute))
	if err != nil || loads[a] != (ikmbot.MentorLoad{Mentees: 2, Overdue: 2}) || loads[b] != (ikmbot.MentorLoad{Mentees: 1, Overdue: 0}) {
		t.Errorf("loads = %+v, %v", loads, err)
	}
	if m, _ := e.store.MentorOf(ctx, newUserID()); m != 0 {
		t.Errorf("an owner without a mentor has %d", m)
	}
}

func TestLogFollowUpOnlyByTheMentor(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	a, b, o1, o2 := newUserID(), newUserID(), newUserID(), newUserID()
	cleanupMentors(t, e, []int64{a, b}, []int64{o1, o2})
	if _, err := e.store.AssignMentor(ctx, []int64{o1, o2}, a, testNow, nil); err != nil {
		t.Fatal(err)
	}
	at := testNow.Add(48 * time.Hour)
	next := ikmbot.Due{Kind: "mentor_followup", ID: itoa(o1), Target: a, At: at.Add(ikmbot.DefaultCadence)}
	t.Cleanup(func() { e.store.Unschedule(t.Context(), next.Key()) })
	f := ikmbot.FollowUp{OwnerID: o1, MentorID: b, Kind: ikmbot.FollowCall, Note: "tanya NIB", At: at}
	wantCode(t, e.store.LogFollowUp(ctx, f, next), ikmbot.EConflict)
	if got, _ := e.store.FollowUps(ctx, o1); len(got) != 0 {
		t.Fatalf("another mentor's follow-up was kept: %+v", got)
	}
	f.MentorID = a
	if err := e.store.LogFollowUp(ctx, f, next); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.FollowUps(ctx, o1)
	if err != nil || len(got) != 1 || got[0] != f {
		t.Fatalf("history = %+v, %v; want %+v", got, err, f)
	}
	// o1 was followed up, so o2 is now the most overdue.
	if ids := menteeIDs(t, e, a); !slices.Equal(ids, []int64{o2, o1}) {
		t.Errorf("mentees = %v, want o2 first", ids)
	}
	due, err := e.store.DueItems(ctx, next.At.Add(time.Minute), 0, 1000)
	if err != nil || !slices.ContainsFunc(due, func(d ikmbot.Due) bool { return d.Key() == next.Key() && d.At.Equal(next.At) }) {
		t.Errorf("next prompt not scheduled: %+v, %v", due, err)
	}
}

// Assignments racing for one owner leave them with exactly one mentor,
// on exactly that mentor's list.
func TestAssignMentorRace(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	mentors := make([]int64, 8)
	for i := range mentors {
		mentors[i] = newUserID()
	}
	cleanupMentors(t, e, mentors, []int64{owner})
	var wg sync.WaitGroup
	for _, m := range mentors {
		wg.Go(func() {
			if _, err := e.store.AssignMentor(ctx, []int64{owner}, m, testNow, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	final, _ := e.store.MentorOf(ctx, owner)
	for _, m := range mentors {
		if on := slices.Contains(menteeIDs(t, e, m), owner); on != (m == final) {
			t.Errorf("mentor %d lists the owner: %v; the owner's mentor is %d", m, on, final)
		}
	}
}

func TestDeleteOwnerDataForgetsMentoring(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	mentor, owner := newUserID(), newUserID()
	cleanupUser(t, e.rdb, owner)
	cleanupMentors(t, e, []int64{mentor}, []int64{owner})
	p := sampleProfile(owner)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: owner, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.AssignMentor(ctx, []int64{owner}, mentor, testNow, nil); err != nil {
		t.Fatal(err)
	}
	f := ikmbot.FollowUp{OwnerID: owner, MentorID: mentor, Kind: ikmbot.FollowVisit, At: testNow}
	if err := e.store.LogFollowUp(ctx, f, ikmbot.Due{Kind: "mentor_followup", ID: itoa(owner), Target: mentor, At: testNow.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.Unschedule(t.Context(), "mentor_followup|"+itoa(owner)) })
	if err := e.store.DeleteOwnerData(ctx, owner); err != nil {
		t.Fatal(err)
	}
	if m, _ := e.store.MentorOf(ctx, owner); m != 0 {
		t.Errorf("the deleted owner still has mentor %d", m)
	}
	if ids := menteeIDs(t, e, mentor); len(ids) != 0 {
		t.Errorf("the mentor still lists %v", ids)
	}
	if n := e.rdb.Exists(ctx, followUpsKey(owner)).Val(); n != 0 {
		t.Error("the follow-up history survived /hapusdata")
	}
}

func TestCadenceSetting(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	t.Cleanup(func() { e.rdb.HDel(t.Context(), settingsKey(), fieldCadence) })
	if c, err := e.store.Cadence(ctx); err != nil || c != ikmbot.DefaultCadence {
		t.Fatalf("cadence = %v, %v; want the default", c, err)
	}
	wantCode(t, e.store.SetCadence(ctx, 0), ikmbot.EInvalid)
	if err := e.store.SetCadence(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if c, _ := e.store.Cadence(ctx); c != 7*24*time.Hour {
		t.Errorf("cadence = %v, want 7 days", c)
	}
}
