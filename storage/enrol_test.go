package storage

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"ikmbot"
)

func TestEnrolCapacity(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	c := newClass(t, e, newYear(), 1, 2, classStart)
	first, second, refused, waiter := newUserID(), newUserID(), newUserID(), newUserID()
	steps := []struct {
		owner int64
		wait  bool
		want  ikmbot.EnrolResult
	}{
		{first, false, ikmbot.EnrolResult{Status: ikmbot.SeatEnrolled}},
		{second, true, ikmbot.EnrolResult{Status: ikmbot.SeatEnrolled}},
		{refused, false, ikmbot.EnrolResult{Status: ikmbot.SeatNone, Full: true}},
		{waiter, true, ikmbot.EnrolResult{Status: ikmbot.SeatWaiting, Full: true}},
		// Repeated taps change nothing.
		{first, true, ikmbot.EnrolResult{Status: ikmbot.SeatEnrolled}},
		{waiter, true, ikmbot.EnrolResult{Status: ikmbot.SeatWaiting, Full: true}},
		{refused, false, ikmbot.EnrolResult{Status: ikmbot.SeatNone, Full: true}},
	}
	for i, st := range steps {
		got, err := e.store.Enrol(ctx, c.ID, st.owner, testNow.Add(time.Duration(i)*time.Millisecond), st.wait)
		if err != nil {
			t.Fatalf("step %d: Enrol: %v", i, err)
		}
		if diff := cmp.Diff(got, st.want); diff != "" {
			t.Errorf("step %d: result (-got +want):\n%s", i, diff)
		}
	}
	r, err := e.store.Roster(ctx, c.ID)
	if err != nil {
		t.Fatalf("Roster: %v", err)
	}
	if diff := cmp.Diff([][]int64{r.Enrolled, r.Waiting}, [][]int64{{first, second}, {waiter}}); diff != "" {
		t.Errorf("enrolled and waiting (-got +want):\n%s", diff)
	}
	for owner, want := range map[int64]ikmbot.SeatStatus{first: ikmbot.SeatEnrolled, waiter: ikmbot.SeatWaiting, refused: ikmbot.SeatNone} {
		seats, err := e.store.SeatOf(ctx, owner)
		if err != nil {
			t.Fatalf("SeatOf: %v", err)
		}
		if seats[c.ID] != want {
			t.Errorf("SeatOf(%d) = %v, want %q in %s", owner, seats, want, c.ID)
		}
	}
}

func TestEnrolOneClassATerm(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	year := newYear()
	a := newClass(t, e, year, 1, ikmbot.DefaultCapacity, classStart)
	b := newClass(t, e, year, 1, ikmbot.DefaultCapacity, classStart.Add(time.Hour))
	nextTerm := newClass(t, e, year, 2, ikmbot.DefaultCapacity, classStart)
	full := newClass(t, e, year, 1, 1, classStart)
	owner, waiter := newUserID(), newUserID()

	enrol(t, e.store, a.ID, owner, false, ikmbot.SeatEnrolled)
	got := enrol(t, e.store, b.ID, owner, true, ikmbot.SeatNone)
	if diff := cmp.Diff(got, ikmbot.EnrolResult{OtherClass: a.ID}); diff != "" {
		t.Errorf("enrol in a second class of the term (-got +want):\n%s", diff)
	}
	enrol(t, e.store, nextTerm.ID, owner, false, ikmbot.SeatEnrolled)

	// A place on a waiting list holds the term too.
	enrol(t, e.store, full.ID, newUserID(), false, ikmbot.SeatEnrolled)
	enrol(t, e.store, full.ID, waiter, true, ikmbot.SeatWaiting)
	if got := enrol(t, e.store, b.ID, waiter, false, ikmbot.SeatNone); got.OtherClass != full.ID {
		t.Errorf("waiter enrolling elsewhere: OtherClass = %q, want %q", got.OtherClass, full.ID)
	}

	seats, err := e.store.SeatOf(ctx, owner)
	if err != nil {
		t.Fatalf("SeatOf: %v", err)
	}
	want := map[string]ikmbot.SeatStatus{a.ID: ikmbot.SeatEnrolled, nextTerm.ID: ikmbot.SeatEnrolled}
	if diff := cmp.Diff(seats, want); diff != "" {
		t.Errorf("seats (-got +want):\n%s", diff)
	}
	if n := e.rdb.ZCard(ctx, seatsKey(b.Term(), b.ID)).Val(); n != 0 {
		t.Errorf("refused class has %d seats taken", n)
	}
}

func TestEnrolNotOpen(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	year := newYear()
	c := newClass(t, e, year, 1, ikmbot.DefaultCapacity, classStart)
	seated := newUserID()
	enrol(t, e.store, c.ID, seated, false, ikmbot.SeatEnrolled)
	c.Status = ikmbot.ClassClosed
	if err := e.store.SaveClass(ctx, c, nil, nil); err != nil {
		t.Fatalf("SaveClass: %v", err)
	}

	_, err := e.store.Enrol(ctx, c.ID, newUserID(), testNow, true)
	wantCode(t, err, ikmbot.EConflict)
	// Someone already in keeps their seat on a repeated tap.
	enrol(t, e.store, c.ID, seated, false, ikmbot.SeatEnrolled)

	for _, id := range []string{ikmbot.ClassID(year, 1, 999), "2026-3-1", "../x"} {
		_, err := e.store.Enrol(ctx, id, seated, testNow, true)
		wantCode(t, err, ikmbot.ENotFound)
	}
}

func TestLeavePromotes(t *testing.T) {
	tests := []struct {
		status      ikmbot.ClassStatus
		wantPromote bool
	}{
		{ikmbot.ClassOpen, true},
		{ikmbot.ClassClosed, true},
		{ikmbot.ClassFinished, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			e := newEnv(t)
			ctx := t.Context()
			c := newClass(t, e, newYear(), 1, 1, classStart)
			seated, early, late := newUserID(), newUserID(), newUserID()
			enrol(t, e.store, c.ID, seated, false, ikmbot.SeatEnrolled)
			// The later waiter taps first but with the later time: the
			// score, not the call order, decides.
			if _, err := e.store.Enrol(ctx, c.ID, late, testNow.Add(2*time.Second), true); err != nil {
				t.Fatalf("Enrol: %v", err)
			}
			if _, err := e.store.Enrol(ctx, c.ID, early, testNow.Add(time.Second), true); err != nil {
				t.Fatalf("Enrol: %v", err)
			}
			c.Status = tt.status
			if err := e.store.SaveClass(ctx, c, nil, nil); err != nil {
				t.Fatalf("SaveClass: %v", err)
			}

			leftAt := testNow.Add(time.Hour)
			left, promoted, err := e.store.Leave(ctx, c.ID, seated, leftAt)
			if err != nil {
				t.Fatalf("Leave: %v", err)
			}
			want := early
			if !tt.wantPromote {
				want = 0
			}
			if left != ikmbot.SeatEnrolled || promoted != want {
				t.Errorf("Leave = %q, %d; want enrolled, %d", left, promoted, want)
			}
			// Leaving again frees nothing and promotes nobody.
			if left, promoted, err := e.store.Leave(ctx, c.ID, seated, leftAt); left != ikmbot.SeatNone || promoted != 0 || err != nil {
				t.Errorf("second Leave = %q, %d, %v; want none, 0, nil", left, promoted, err)
			}
			if seats, _ := e.store.SeatOf(ctx, seated); len(seats) != 0 {
				t.Errorf("SeatOf after leaving = %v, want none", seats)
			}
			if !tt.wantPromote {
				return
			}
			r, err := e.store.Roster(ctx, c.ID)
			if err != nil {
				t.Fatalf("Roster: %v", err)
			}
			if diff := cmp.Diff([][]int64{r.Enrolled, r.Waiting}, [][]int64{{early}, {late}}); diff != "" {
				t.Errorf("enrolled and waiting (-got +want):\n%s", diff)
			}
			if score := e.rdb.ZScore(ctx, seatsKey(c.Term(), c.ID), itoa(early)).Val(); int64(score) != leftAt.UnixMilli() {
				t.Errorf("promoted seat counted from %d, want %d", int64(score), leftAt.UnixMilli())
			}
			if seats, _ := e.store.SeatOf(ctx, early); seats[c.ID] != ikmbot.SeatEnrolled {
				t.Errorf("SeatOf(promoted) = %v", seats)
			}
		})
	}
}

func TestLeaveWaitingPromotesNobody(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	c := newClass(t, e, newYear(), 1, 1, classStart)
	seated, first, second := newUserID(), newUserID(), newUserID()
	enrol(t, e.store, c.ID, seated, false, ikmbot.SeatEnrolled)
	enrol(t, e.store, c.ID, first, true, ikmbot.SeatWaiting)
	enrol(t, e.store, c.ID, second, true, ikmbot.SeatWaiting)

	left, promoted, err := e.store.Leave(ctx, c.ID, first, testNow)
	if left != ikmbot.SeatWaiting || promoted != 0 || err != nil {
		t.Errorf("Leave = %q, %d, %v; want waiting, 0, nil", left, promoted, err)
	}
	r, err := e.store.Roster(ctx, c.ID)
	if err != nil {
		t.Fatalf("Roster: %v", err)
	}
	if diff := cmp.Diff([][]int64{r.Enrolled, r.Waiting}, [][]int64{{seated}, {second}}); diff != "" {
		t.Errorf("enrolled and waiting (-got +want):\n%s", diff)
	}
	// Free to enrol in another class of the term now.
	other := newClass(t, e, c.Year, c.Stage, ikmbot.DefaultCapacity, classStart)
	enrol(t, e.store, other.ID, first, false, ikmbot.SeatEnrolled)
}

func TestSetAnswer(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	c := newClass(t, e, newYear(), 1, 1, classStart)
	seated, waiter, stranger := newUserID(), newUserID(), newUserID()
	enrol(t, e.store, c.ID, seated, false, ikmbot.SeatEnrolled)
	enrol(t, e.store, c.ID, waiter, true, ikmbot.SeatWaiting)

	for _, a := range []ikmbot.Answer{ikmbot.AnswerComing, ikmbot.AnswerNotComing} {
		if ok, err := e.store.SetAnswer(ctx, c.ID, 1, seated, a); !ok || err != nil {
			t.Errorf("SetAnswer(%q) = %v, %v; want true, nil", a, ok, err)
		}
	}
	for _, owner := range []int64{waiter, stranger} {
		if ok, err := e.store.SetAnswer(ctx, c.ID, 0, owner, ikmbot.AnswerComing); ok || err != nil {
			t.Errorf("SetAnswer of %d = %v, %v; want false, nil", owner, ok, err)
		}
		wantCode(t, e.store.SetAttendance(ctx, c.ID, 0, owner, true), ikmbot.EConflict)
	}
	_, err := e.store.SetAnswer(ctx, c.ID, 0, seated, "maybe")
	wantCode(t, err, ikmbot.EInvalid)
	_, err = e.store.SetAnswer(ctx, c.ID, -1, seated, ikmbot.AnswerComing)
	wantCode(t, err, ikmbot.EInvalid)
	_, err = e.store.SetAnswer(ctx, "nope", 0, seated, ikmbot.AnswerComing)
	wantCode(t, err, ikmbot.ENotFound)

	r, err := e.store.Roster(ctx, c.ID)
	if err != nil {
		t.Fatalf("Roster: %v", err)
	}
	if diff := cmp.Diff(r.Answers, map[string]ikmbot.Answer{"1:" + itoa(seated): ikmbot.AnswerNotComing}); diff != "" {
		t.Errorf("answers (-got +want):\n%s", diff)
	}

	// A moved meeting forgets its answers, and only its own.
	if _, err := e.store.SetAnswer(ctx, c.ID, 0, seated, ikmbot.AnswerComing); err != nil {
		t.Fatal(err)
	}
	if err := e.store.ClearAnswers(ctx, c.ID, 1, []int64{seated, stranger}); err != nil {
		t.Fatalf("ClearAnswers: %v", err)
	}
	wantCode(t, e.store.ClearAnswers(ctx, "nope", 1, []int64{seated}), ikmbot.ENotFound)
	if r, err = e.store.Roster(ctx, c.ID); err != nil {
		t.Fatalf("Roster: %v", err)
	}
	if diff := cmp.Diff(r.Answers, map[string]ikmbot.Answer{"0:" + itoa(seated): ikmbot.AnswerComing}); diff != "" {
		t.Errorf("answers after clearing meeting 1 (-got +want):\n%s", diff)
	}
}

func TestSeatOfRoundTrips(t *testing.T) {
	e := newEnv(t)
	year := newYear()
	a := newClass(t, e, year, 1, ikmbot.DefaultCapacity, classStart)
	b := newClass(t, e, year, 2, ikmbot.DefaultCapacity, classStart)
	owner := newUserID()
	enrol(t, e.store, a.ID, owner, false, ikmbot.SeatEnrolled)
	enrol(t, e.store, b.ID, owner, false, ikmbot.SeatEnrolled)

	n := CountRoundTrips(e.rdb)
	seats, err := e.store.SeatOf(t.Context(), owner)
	if err != nil {
		t.Fatalf("SeatOf: %v", err)
	}
	if len(seats) != 2 {
		t.Errorf("SeatOf = %v, want two classes", seats)
	}
	if n.RoundTrips() > 3 {
		t.Errorf("SeatOf took %s, want at most 3 round trips", n)
	}
}

func TestEnrolRaceForLastSeat(t *testing.T) {
	const racers = 100
	for _, wait := range []bool{false, true} {
		name := "refused"
		if wait {
			name = "waiting"
		}
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			ctx := t.Context()
			c := newClass(t, e, newYear(), 1, 3, classStart)
			for range c.Capacity - 1 {
				enrol(t, e.store, c.ID, newUserID(), false, ikmbot.SeatEnrolled)
			}
			stores := concurrentStores(t, e, racers)
			owners := make([]int64, racers)
			for i := range owners {
				owners[i] = newUserID()
			}

			results := make([]ikmbot.EnrolResult, racers)
			errs := make([]error, racers)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i := range racers {
				wg.Go(func() {
					<-start
					// Each racer's own time, so the waiting order can be
					// checked whatever order Redis ran them in.
					now := testNow.Add(time.Duration(i) * time.Millisecond)
					results[i], errs[i] = stores[i].Enrol(ctx, c.ID, owners[i], now, wait)
				})
			}
			close(start)
			wg.Wait()

			var winners, others []int64
			for i, r := range results {
				if errs[i] != nil {
					t.Fatalf("racer %d: Enrol: %v", i, errs[i])
				}
				switch {
				case r == ikmbot.EnrolResult{Status: ikmbot.SeatEnrolled}:
					winners = append(winners, owners[i])
				case wait && r == ikmbot.EnrolResult{Status: ikmbot.SeatWaiting, Full: true}:
					others = append(others, owners[i])
				case !wait && r == ikmbot.EnrolResult{Status: ikmbot.SeatNone, Full: true}:
					others = append(others, owners[i])
				default:
					t.Errorf("racer %d: result %+v", i, r)
				}
			}
			if len(winners) != 1 || len(others) != racers-1 {
				t.Fatalf("%d enrolled and %d others, want 1 and %d", len(winners), len(others), racers-1)
			}
			r, err := e.store.Roster(ctx, c.ID)
			if err != nil {
				t.Fatalf("Roster: %v", err)
			}
			if len(r.Enrolled) != c.Capacity || !slices.Contains(r.Enrolled, winners[0]) {
				t.Errorf("enrolled %v, want %d with the winner %d", r.Enrolled, c.Capacity, winners[0])
			}
			wantWaiting := []int64{}
			if wait {
				// owners is in the order of the racers' times.
				for _, o := range owners {
					if o != winners[0] {
						wantWaiting = append(wantWaiting, o)
					}
				}
			}
			if diff := cmp.Diff(r.Waiting, wantWaiting); diff != "" {
				t.Errorf("waiting list (-got +want):\n%s", diff)
			}
		})
	}
}

func TestEnrolLeaveChurn(t *testing.T) {
	const owners = 100
	e := newEnv(t)
	ctx := t.Context()
	c := newClass(t, e, newYear(), 1, 5, classStart)
	term := c.Term()
	stores := concurrentStores(t, e, owners)
	ids := make([]int64, owners)
	for i := range ids {
		ids[i] = newUserID()
	}

	// A watcher samples the seats while the others churn: an overfilled
	// class could be emptied again before the end.
	var maxSeats atomic.Int64
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case <-done:
				return
			default:
			}
			if n := e.rdb.ZCard(ctx, seatsKey(term, c.ID)).Val(); n > maxSeats.Load() {
				maxSeats.Store(n)
			}
		}
	}()

	start := make(chan struct{})
	var promotions atomic.Int64
	var wg sync.WaitGroup
	for i := range owners {
		wg.Go(func() {
			<-start
			s, id := stores[i], ids[i]
			now := testNow.Add(time.Duration(i) * time.Millisecond)
			if _, err := s.Enrol(ctx, c.ID, id, now, true); err != nil {
				t.Errorf("Enrol: %v", err)
				return
			}
			if i%2 == 1 {
				return
			}
			if _, p, err := s.Leave(ctx, c.ID, id, now); err != nil {
				t.Errorf("Leave: %v", err)
			} else if p != 0 {
				promotions.Add(1)
			}
			if i%4 == 0 {
				if _, err := s.Enrol(ctx, c.ID, id, now.Add(time.Second), true); err != nil {
					t.Errorf("Enrol again: %v", err)
				}
			}
		})
	}
	close(start)
	wg.Wait()
	close(done)
	<-watched

	if m := maxSeats.Load(); m > int64(c.Capacity) {
		t.Errorf("seats reached %d, capacity %d", m, c.Capacity)
	}
	r, err := e.store.Roster(ctx, c.ID)
	if err != nil {
		t.Fatalf("Roster: %v", err)
	}
	// Half stayed, and a quarter came back.
	if got, want := len(r.Enrolled)+len(r.Waiting), owners/2+owners/4; got != want {
		t.Errorf("%d in the class, want %d", got, want)
	}
	if len(r.Enrolled) != c.Capacity {
		t.Errorf("%d enrolled with %d waiting, want the %d seats taken", len(r.Enrolled), len(r.Waiting), c.Capacity)
	}
	// The term's seats point here for exactly those in the class.
	in := make(map[string]bool)
	for _, id := range append(r.Enrolled, r.Waiting...) {
		if in[itoa(id)] {
			t.Errorf("owner %d both enrolled and waiting", id)
		}
		in[itoa(id)] = true
	}
	held, err := e.rdb.HGetAll(ctx, termSeatsKey(term)).Result()
	if err != nil {
		t.Fatalf("HGETALL: %v", err)
	}
	for _, id := range ids {
		if got, want := held[itoa(id)] == c.ID, in[itoa(id)]; got != want {
			t.Errorf("owner %d: term seat here %v, in the class %v", id, got, want)
		}
	}
	t.Logf("%d promotions, %d waiting at the end", promotions.Load(), len(r.Waiting))
}

// concurrentStores returns n Stores on the test server, each with its own
// client and connection, so racers really race on the server rather than
// queue on one connection pool.
func concurrentStores(t *testing.T, e env, n int) []*Store {
	t.Helper()
	opts, err := redis.ParseURL(e.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	opts.PoolSize, opts.MinIdleConns = 1, 1
	stores := make([]*Store, n)
	for i := range stores {
		rdb := redis.NewClient(opts)
		t.Cleanup(func() { rdb.Close() })
		if err := rdb.Ping(t.Context()).Err(); err != nil {
			t.Fatalf("connect racer %d: %v", i, err)
		}
		stores[i] = New(rdb, WithNow(func() time.Time { return testNow }))
	}
	return stores
}

func TestDeleteOwnerDataForgetsClasses(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	year := newYear()
	past := newClass(t, e, year, 1, 2, classStart)
	other := newClass(t, e, year, 2, 2, classStart)
	owner, stays := newUserID(), newUserID()
	cleanupUser(t, e.rdb, owner, stays)
	for _, id := range []int64{owner, stays} {
		enrol(t, e.store, past.ID, id, false, ikmbot.SeatEnrolled)
		if _, err := e.store.SetAnswer(ctx, past.ID, 0, id, ikmbot.AnswerComing); err != nil {
			t.Fatal(err)
		}
		if err := e.store.SetAttendance(ctx, past.ID, 0, id, true); err != nil {
			t.Fatal(err)
		}
	}
	enrol(t, e.store, other.ID, owner, false, ikmbot.SeatEnrolled)
	if err := e.store.CompleteClass(ctx, past.ID, []int64{owner, stays}); err != nil {
		t.Fatal(err)
	}

	if err := e.store.DeleteOwnerData(ctx, owner); err != nil {
		t.Fatalf("DeleteOwnerData: %v", err)
	}
	for _, c := range []ikmbot.Class{past, other} {
		r, err := e.store.Roster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprint(r)
		if strings.Contains(text, itoa(owner)) {
			t.Errorf("class %s still holds the deleted owner: %+v", c.ID, r)
		}
	}
	r, _ := e.store.Roster(ctx, past.ID)
	if !r.Completed[stays] || r.Answers["0:"+itoa(stays)] != ikmbot.AnswerComing || !r.Attendance["0:"+itoa(stays)] || len(r.Enrolled) != 1 {
		t.Errorf("the other owner's record changed: %+v", r)
	}
	if seats, err := e.store.SeatOf(ctx, owner); err != nil || len(seats) != 0 {
		t.Errorf("SeatOf deleted owner = %v, %v", seats, err)
	}
}
