package storage

import (
	"slices"
	"testing"
	"time"

	"ikmbot"
)

// A message the owner sends is kept in their history, between the
// mentor's follow-ups, and leaves the follow-up clock and the prompt as
// they were.
func TestAddHistoryKeepsTheClock(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	mentor, owner := newUserID(), newUserID()
	cleanupMentors(t, e, []int64{mentor}, []int64{owner})
	prompt := ikmbot.Due{Kind: "mentor_followup", ID: itoa(owner), Target: mentor, At: testNow.Add(ikmbot.DefaultCadence)}
	t.Cleanup(func() { e.store.Unschedule(t.Context(), prompt.Key()) })
	if _, err := e.store.AssignMentor(ctx, []int64{owner}, mentor, testNow, []ikmbot.Due{prompt}); err != nil {
		t.Fatal(err)
	}

	fromOwner := ikmbot.FollowUp{OwnerID: owner, MentorID: mentor, Kind: ikmbot.FollowMessageFromOwner,
		Note: "Pak, kapan bisa kunjungan?", At: testNow.Add(time.Hour)}
	if err := e.store.AddHistory(ctx, fromOwner); err != nil {
		t.Fatal(err)
	}
	ms, err := e.store.Mentees(ctx, mentor)
	if err != nil || len(ms) != 1 || !ms[0].Last.Equal(testNow) {
		t.Errorf("mentees = %+v, %v; want the clock still at the assignment %v", ms, err, testNow)
	}
	due, err := e.store.DueItems(ctx, prompt.At.Add(time.Minute), 0, 1000)
	if err != nil || !slices.ContainsFunc(due, func(d ikmbot.Due) bool { return d.Key() == prompt.Key() && d.At.Equal(prompt.At) }) {
		t.Errorf("the prompt moved: %+v, %v", due, err)
	}

	fromMentor := ikmbot.FollowUp{OwnerID: owner, MentorID: mentor, Kind: ikmbot.FollowMessageFromMentor,
		Note: "Besok pagi, Bu.", At: testNow.Add(2 * time.Hour)}
	next := prompt
	next.At = fromMentor.At.Add(ikmbot.DefaultCadence)
	if err := e.store.LogFollowUp(ctx, fromMentor, next); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.FollowUps(ctx, owner)
	if err != nil || !slices.Equal(got, []ikmbot.FollowUp{fromOwner, fromMentor}) {
		t.Errorf("history = %+v, %v; want the owner's message, then the mentor's", got, err)
	}
}

func TestAddHistoryRefusesIncomplete(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	cleanupMentors(t, e, nil, []int64{owner})
	for _, f := range []ikmbot.FollowUp{
		{MentorID: 1, Kind: ikmbot.FollowMessageFromOwner, At: testNow},
		{OwnerID: owner, MentorID: 1, At: testNow},
	} {
		wantCode(t, e.store.AddHistory(ctx, f), ikmbot.EInvalid)
	}
	if got, _ := e.store.FollowUps(ctx, owner); len(got) != 0 {
		t.Errorf("an incomplete entry was kept: %+v", got)
	}
}
