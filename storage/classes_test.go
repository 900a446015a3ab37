package storage

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// classStart is the first meeting of the test classes: a Monday, 09:00 WIB.
var classStart = time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)

// bigID is a Telegram-sized id past 2^52, which a Lua number would round:
// the stored class must keep it exact.
const bigID = 4_503_599_627_370_497

// newYear returns a year for the test's classes that other tests are
// unlikely to use, so their terms do not meet on a shared Redis.
func newYear() int { return 3000 + rand.IntN(7000) }

// sampleClass returns an open class with two meetings, the first at start.
func sampleClass(id string, year, stage, capacity int, start time.Time) ikmbot.Class {
	return ikmbot.Class{
		ID:       id,
		Level:    ikmbot.LevelPemula,
		Stage:    stage,
		Year:     year,
		Title:    "Ekspor untuk Pemula",
		Capacity: capacity,
		Meetings: []ikmbot.Meeting{
			{Start: start, Minutes: 120, Place: "Dinas Perindag Lampung"},
			{Start: start.Add(7 * 24 * time.Hour), Minutes: 90, Place: "https://meet.example/ikm"},
		},
		Status:    ikmbot.ClassOpen,
		CreatedBy: bigID,
		CreatedAt: testNow,
	}
}

// newClass saves an open class of the year's stage with capacity seats and
// deletes its keys when the test ends.
func newClass(t *testing.T, e env, year, stage, capacity int, start time.Time) ikmbot.Class {
	t.Helper()
	id, err := e.store.NextClassID(t.Context(), year, stage)
	if err != nil {
		t.Fatalf("NextClassID: %v", err)
	}
	cleanupClass(t, e.rdb, id)
	c := sampleClass(id, year, stage, capacity, start)
	if err := e.store.SaveClass(t.Context(), c, nil, nil); err != nil {
		t.Fatalf("SaveClass: %v", err)
	}
	return c
}

// cleanupClass deletes the class's keys, its listing and the term seats
// pointing to it when the test ends; the term's keys go when no seat of it
// is left.
func cleanupClass(t *testing.T, rdb *redis.Client, id string) {
	t.Helper()
	term, ok := ikmbot.TermOfClass(id)
	if !ok {
		t.Fatalf("class id %q", id)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		rdb.Del(ctx, classKey(term, id), seatsKey(term, id), waitingKey(term, id),
			classAnswersKey(term, id), attendanceKey(term, id), completedKey(term, id))
		rdb.ZRem(ctx, classesKey(), id)
		seats, _ := rdb.HGetAll(ctx, termSeatsKey(term)).Result()
		for owner, c := range seats {
			if c == id {
				rdb.HDel(ctx, termSeatsKey(term), owner)
			}
		}
		if n, _ := rdb.HLen(ctx, termSeatsKey(term)).Result(); n == 0 {
			rdb.SRem(ctx, termsKey(), term)
			rdb.Del(ctx, classSeqKey(term))
		}
	})
}

func TestNextClassID(t *testing.T) {
	e := newEnv(t)
	year := newYear()
	t.Cleanup(func() { e.rdb.Del(context.Background(), classSeqKey(ikmbot.TermOf(year, 2))) })
	var got []string
	for range 2 {
		id, err := e.store.NextClassID(t.Context(), year, 2)
		if err != nil {
			t.Fatalf("NextClassID: %v", err)
		}
		got = append(got, id)
	}
	want := []string{ikmbot.ClassID(year, 2, 1), ikmbot.ClassID(year, 2, 2)}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("ids (-got +want):\n%s", diff)
	}
	_, err := e.store.NextClassID(t.Context(), year, 3)
	wantCode(t, err, ikmbot.EInvalid)
}

func TestSaveClassThenRead(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	year := newYear()
	// Made in the opposite order of their meetings, to see the listing
	// order by meeting.
	later := newClass(t, e, year, 1, ikmbot.DefaultCapacity, classStart.Add(30*24*time.Hour))
	earlier := newClass(t, e, year, 2, ikmbot.DefaultCapacity, classStart)

	got, err := e.store.Class(ctx, later.ID)
	if err != nil {
		t.Fatalf("Class: %v", err)
	}
	if diff := cmp.Diff(got, later); diff != "" {
		t.Errorf("class (-got +want):\n%s", diff)
	}

	ours := func(since time.Time) []ikmbot.Class {
		t.Helper()
		all, err := e.store.Classes(ctx, since)
		if err != nil {
			t.Fatalf("Classes: %v", err)
		}
		var got []ikmbot.Class
		for _, c := range all {
			if c.ID == later.ID || c.ID == earlier.ID {
				got = append(got, c)
			}
		}
		return got
	}
	if diff := cmp.Diff(ours(time.Time{}), []ikmbot.Class{earlier, later}); diff != "" {
		t.Errorf("listed classes (-got +want):\n%s", diff)
	}
	// Listing from a time leaves out the classes that began before it.
	if diff := cmp.Diff(ours(classStart.Add(time.Hour)), []ikmbot.Class{later}); diff != "" {
		t.Errorf("classes since a time (-got +want):\n%s", diff)
	}
	byID, err := e.store.ClassesByID(ctx, []string{later.ID, "2026-1-x", ikmbot.ClassID(year, 1, 999), earlier.ID})
	if err != nil {
		t.Fatalf("ClassesByID: %v", err)
	}
	if diff := cmp.Diff(byID, []ikmbot.Class{later, earlier}); diff != "" {
		t.Errorf("classes by id (-got +want):\n%s", diff)
	}

	for _, id := range []string{ikmbot.ClassID(year, 1, 999), "2026-3-1", "x", ""} {
		_, err := e.store.Class(ctx, id)
		wantCode(t, err, ikmbot.ENotFound)
	}
}

func TestSaveClassSchedules(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	c := newClass(t, e, newYear(), 1, ikmbot.DefaultCapacity, classStart)
	remind := ikmbot.Due{Kind: "class", ID: c.ID + ":0", At: classStart.Add(-24 * time.Hour), Until: classStart}
	t.Cleanup(func() {
		e.rdb.ZRem(context.Background(), dueKey(), remind.Key())
		e.rdb.HDel(context.Background(), dueItemsKey(), remind.Key())
	})

	if err := e.store.SaveClass(ctx, c, []ikmbot.Due{remind}, nil); err != nil {
		t.Fatalf("SaveClass with a reminder: %v", err)
	}
	score, err := e.rdb.ZScore(ctx, dueKey(), remind.Key()).Result()
	if err != nil || int64(score) != remind.At.UnixMilli() {
		t.Errorf("due score = %v, %v; want %d", score, err, remind.At.UnixMilli())
	}

	// A moved first meeting: the class is listed by its new time and the
	// old reminder goes.
	c.Meetings[0].Start = classStart.Add(time.Hour)
	if err := e.store.SaveClass(ctx, c, nil, []string{remind.Key()}); err != nil {
		t.Fatalf("SaveClass moving a meeting: %v", err)
	}
	if _, err := e.rdb.ZScore(ctx, dueKey(), remind.Key()).Result(); err != redis.Nil {
		t.Errorf("reminder still scheduled: %v", err)
	}
	score, _ = e.rdb.ZScore(ctx, classesKey(), c.ID).Result()
	if int64(score) != c.Meetings[0].Start.UnixMilli() {
		t.Errorf("listing score = %d, want %d", int64(score), c.Meetings[0].Start.UnixMilli())
	}

	// An item both unscheduled and scheduled (every reminder is
	// recomputed when one meeting moves) stays scheduled.
	if err := e.store.SaveClass(ctx, c, []ikmbot.Due{remind}, []string{remind.Key()}); err != nil {
		t.Fatalf("SaveClass rescheduling: %v", err)
	}
	if _, err := e.rdb.ZScore(ctx, dueKey(), remind.Key()).Result(); err != nil {
		t.Errorf("an item unscheduled and scheduled again is gone: %v", err)
	}
}

func TestSaveClassRefused(t *testing.T) {
	e := newEnv(t)
	year := newYear()
	id := ikmbot.ClassID(year, 1, 900)
	cleanupClass(t, e.rdb, id)
	tests := []struct {
		name     string
		change   func(*ikmbot.Class)
		schedule []ikmbot.Due
		code     string
	}{
		{"invalid class", func(c *ikmbot.Class) { c.Capacity = 0 }, nil, ikmbot.EInvalid},
		{"id of another term", func(c *ikmbot.Class) { c.Stage = 2 }, nil, ikmbot.EInvalid},
		{"malformed id", func(c *ikmbot.Class) { c.ID = "kelas" }, nil, ikmbot.EInvalid},
		{"unknown status", func(c *ikmbot.Class) { c.Status = "paused" }, nil, ikmbot.EInvalid},
		{"cancelled", func(c *ikmbot.Class) { c.Status = ikmbot.ClassCancelled }, nil, ikmbot.EInvalid},
		{"bad due item", func(*ikmbot.Class) {}, []ikmbot.Due{{Kind: "class", ID: "a|b", At: classStart}}, ikmbot.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sampleClass(id, year, 1, 5, classStart)
			tt.change(&c)
			err := e.store.SaveClass(t.Context(), c, tt.schedule, nil)
			wantCode(t, err, tt.code)
			if n := e.rdb.Exists(t.Context(), classKey(ikmbot.TermOf(year, 1), id)).Val(); n != 0 {
				t.Errorf("class saved")
			}
		})
	}
}

func TestCancelClass(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	year := newYear()
	c := newClass(t, e, year, 1, 1, classStart)
	other := newClass(t, e, year, 1, ikmbot.DefaultCapacity, classStart)
	seated, waiter := newUserID(), newUserID()
	enrol(t, e.store, c.ID, seated, true, ikmbot.SeatEnrolled)
	enrol(t, e.store, c.ID, waiter, true, ikmbot.SeatWaiting)
	if _, err := e.store.SetAnswer(ctx, c.ID, 0, seated, ikmbot.AnswerComing); err != nil {
		t.Fatalf("SetAnswer: %v", err)
	}
	remind := ikmbot.Due{Kind: "class", ID: c.ID + ":0", At: classStart.Add(-24 * time.Hour)}
	if err := e.store.Schedule(ctx, remind); err != nil {
		t.Fatalf("Schedule: %v", err)
	}
	t.Cleanup(func() { e.store.Unschedule(context.Background(), remind.Key()) })

	r, err := e.store.CancelClass(ctx, c.ID, []string{remind.Key()})
	if err != nil {
		t.Fatalf("CancelClass: %v", err)
	}
	want := ikmbot.Roster{
		Enrolled:   []int64{seated},
		Waiting:    []int64{waiter},
		Answers:    map[string]ikmbot.Answer{"0:" + itoa(seated): ikmbot.AnswerComing},
		Attendance: map[string]bool{},
		Completed:  map[int64]bool{},
	}
	if diff := cmp.Diff(r, want); diff != "" {
		t.Errorf("roster (-got +want):\n%s", diff)
	}
	// The roster stays as the record.
	if got, err := e.store.Roster(ctx, c.ID); err != nil || !cmp.Equal(got, want) {
		t.Errorf("Roster after cancelling = %+v, %v; want %+v", got, err, want)
	}

	got, err := e.store.Class(ctx, c.ID)
	if err != nil {
		t.Fatalf("Class: %v", err)
	}
	c.Status = ikmbot.ClassCancelled
	if diff := cmp.Diff(got, c); diff != "" {
		t.Errorf("cancelled class (-got +want):\n%s", diff)
	}
	if _, err := e.rdb.ZScore(ctx, dueKey(), remind.Key()).Result(); err != redis.Nil {
		t.Errorf("reminder still scheduled: %v", err)
	}

	_, err = e.store.Enrol(ctx, c.ID, newUserID(), testNow, true)
	wantCode(t, err, ikmbot.EConflict)
	// Both were let go: the other class of the term takes them.
	for _, id := range []int64{seated, waiter} {
		seats, err := e.store.SeatOf(ctx, id)
		if err != nil || len(seats) != 0 {
			t.Errorf("SeatOf(%d) = %v, %v; want none", id, seats, err)
		}
		enrol(t, e.store, other.ID, id, false, ikmbot.SeatEnrolled)
	}
	if ok, err := e.store.SetAnswer(ctx, c.ID, 1, seated, ikmbot.AnswerNotComing); ok || err != nil {
		t.Errorf("SetAnswer in cancelled class = %v, %v; want false, nil", ok, err)
	}
	// Leaving the record of the cancelled class keeps the new class.
	if _, _, err := e.store.Leave(ctx, c.ID, seated, testNow); err != nil {
		t.Fatalf("Leave: %v", err)
	}
	if seats, _ := e.store.SeatOf(ctx, seated); seats[other.ID] != ikmbot.SeatEnrolled {
		t.Errorf("SeatOf after leaving the cancelled class = %v", seats)
	}

	_, err = e.store.CancelClass(ctx, c.ID, nil)
	wantCode(t, err, ikmbot.EConflict)
	c.Status = ikmbot.ClassOpen
	wantCode(t, e.store.SaveClass(ctx, c, nil, nil), ikmbot.EConflict)
	_, err = e.store.CancelClass(ctx, ikmbot.ClassID(year, 1, 999), nil)
	wantCode(t, err, ikmbot.ENotFound)
}

func TestCompleteClass(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	c := newClass(t, e, newYear(), 1, 2, classStart)
	a, b, waiter := newUserID(), newUserID(), newUserID()
	enrol(t, e.store, c.ID, a, true, ikmbot.SeatEnrolled)
	enrol(t, e.store, c.ID, b, true, ikmbot.SeatEnrolled)
	enrol(t, e.store, c.ID, waiter, true, ikmbot.SeatWaiting)
	if err := e.store.SetAttendance(ctx, c.ID, 1, a, true); err != nil {
		t.Fatalf("SetAttendance: %v", err)
	}
	if err := e.store.SetAttendance(ctx, c.ID, 1, b, false); err != nil {
		t.Fatalf("SetAttendance: %v", err)
	}

	if err := e.store.CompleteClass(ctx, c.ID, []int64{a}); err != nil {
		t.Fatalf("CompleteClass: %v", err)
	}
	got, err := e.store.Class(ctx, c.ID)
	if err != nil || got.Status != ikmbot.ClassFinished || got.CreatedBy != bigID {
		t.Errorf("Class = %+v, %v; want finished, created by %d", got, err, int64(bigID))
	}
	// A finished class gives no seat away.
	if left, promoted, err := e.store.Leave(ctx, c.ID, b, testNow); left != ikmbot.SeatEnrolled || promoted != 0 || err != nil {
		t.Errorf("Leave = %q, %d, %v; want enrolled, 0, nil", left, promoted, err)
	}
	r, err := e.store.Roster(ctx, c.ID)
	if err != nil {
		t.Fatalf("Roster: %v", err)
	}
	want := ikmbot.Roster{
		Enrolled:   []int64{a},
		Waiting:    []int64{waiter},
		Answers:    map[string]ikmbot.Answer{},
		Attendance: map[string]bool{"1:" + itoa(a): true, "1:" + itoa(b): false},
		Completed:  map[int64]bool{a: true},
	}
	if diff := cmp.Diff(r, want); diff != "" {
		t.Errorf("roster (-got +want):\n%s", diff)
	}
	// The waiter, never seated, is free to enrol in another class of the
	// stage; the owners who took part still hold theirs.
	seats, err := e.store.SeatOf(ctx, waiter)
	if err != nil || len(seats) != 0 {
		t.Errorf("SeatOf(waiter) = %v, %v; want none once the class finished", seats, err)
	}
	if seats, _ := e.store.SeatOf(ctx, a); seats[c.ID] != ikmbot.SeatEnrolled {
		t.Errorf("SeatOf(participant) = %v", seats)
	}
	wantCode(t, e.store.CompleteClass(ctx, "2026-9-1", nil), ikmbot.ENotFound)
}

func TestClassSeats(t *testing.T) {
	e := newEnv(t)
	year := newYear()
	full := newClass(t, e, year, 1, ikmbot.DefaultCapacity, classStart)
	empty := newClass(t, e, year, 2, ikmbot.DefaultCapacity, classStart)
	for range 3 {
		enrol(t, e.store, full.ID, newUserID(), false, ikmbot.SeatEnrolled)
	}
	got, err := e.store.ClassSeats(t.Context(), []string{full.ID, empty.ID, "bad"})
	if err != nil {
		t.Fatalf("ClassSeats: %v", err)
	}
	if diff := cmp.Diff(got, map[string]int{full.ID: 3, empty.ID: 0}); diff != "" {
		t.Errorf("seats (-got +want):\n%s", diff)
	}
}

func TestUsers(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner, gone := newUserID(), newUserID()
	cleanupUser(t, e.rdb, owner, gone)
	p := sampleProfile(owner)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: owner, Profile: &p, Language: "en"}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	got, err := e.store.Users(ctx, []int64{owner, gone})
	if err != nil {
		t.Fatalf("Users: %v", err)
	}
	want := map[int64]ikmbot.User{
		owner: {ID: owner, Language: "en", Profile: &p},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("users (-got +want):\n%s", diff)
	}
}

// enrol enrols the owner and fails the test unless they end up with want.
func enrol(t *testing.T, s *Store, classID string, owner int64, wait bool, want ikmbot.SeatStatus) ikmbot.EnrolResult {
	t.Helper()
	r, err := s.Enrol(t.Context(), classID, owner, testNow, wait)
	if err != nil {
		t.Fatalf("Enrol(%s, %d): %v", classID, owner, err)
	}
	if r.Status != want {
		t.Fatalf("Enrol(%s, %d) = %+v, want status %q", classID, owner, r, want)
	}
	return r
}

// itoa is an owner id as Redis holds it.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
