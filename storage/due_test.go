package storage

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// newDueEnv is newEnv for tests of the due items, which share one sorted
// set and so cannot run on the shared Redis of REDIS_TEST_URL.
func newDueEnv(t *testing.T) env {
	t.Helper()
	e := newEnv(t)
	e.srv.RequireOwn(t)
	return e
}

// due returns an item of kind "test" with id, due at at.
func due(id string, at time.Time) ikmbot.Due {
	return ikmbot.Due{Kind: "test", ID: id, Target: 42, Payload: "p-" + id, At: at}
}

// dueKeys returns the keys of items, in order.
func dueKeys(items []ikmbot.Due) []string {
	keys := make([]string, len(items))
	for i, d := range items {
		keys[i] = d.Key()
	}
	return keys
}

// dueAll reads every item due at now in one page.
func dueAll(t *testing.T, s *Store, now time.Time) []ikmbot.Due {
	t.Helper()
	items, err := s.DueItems(t.Context(), now, 0, 1000)
	if err != nil {
		t.Fatalf("DueItems: %v", err)
	}
	return items
}

func TestScheduleReplaceUnschedule(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	wib := time.FixedZone("WIB", 7*3600)
	a := due("a", testNow.In(wib).Add(-time.Minute))
	a.Until = testNow.In(wib).Add(time.Hour)
	b := due("b", testNow.Add(time.Hour))
	if err := e.store.Schedule(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	want := a
	want.At, want.Until = a.At.UTC(), a.Until.UTC() // stored in UTC
	if diff := cmp.Diff(dueAll(t, e.store, testNow), []ikmbot.Due{want}); diff != "" {
		t.Errorf("due items (-got +want):\n%s", diff)
	}

	// Scheduling a's key again moves it past now and replaces its payload.
	a2 := due("a", testNow.Add(2*time.Hour))
	a2.Payload = "new"
	if err := e.store.Schedule(ctx, a2); err != nil {
		t.Fatal(err)
	}
	if got := dueAll(t, e.store, testNow); len(got) != 0 {
		t.Errorf("due after rescheduling later: %v, want none", dueKeys(got))
	}
	if diff := cmp.Diff(dueAll(t, e.store, testNow.Add(3*time.Hour)), []ikmbot.Due{b, a2}); diff != "" {
		t.Errorf("due items later (-got +want):\n%s", diff)
	}
	if n, err := e.store.DueCount(ctx); err != nil || n != 2 {
		t.Errorf("DueCount = %d, %v; want 2", n, err)
	}

	if err := e.store.Unschedule(ctx, a.Key(), "test|unknown"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(dueKeys(dueAll(t, e.store, testNow.Add(3*time.Hour))), []string{b.Key()}); diff != "" {
		t.Errorf("due after Unschedule (-got +want):\n%s", diff)
	}
	if n := e.rdb.HLen(ctx, dueItemsKey()).Val(); n != 1 {
		t.Errorf("items hash has %d fields, want 1", n)
	}
}

func TestScheduleInvalid(t *testing.T) {
	e := newDueEnv(t)
	for _, d := range []ikmbot.Due{
		{ID: "x", At: testNow},
		{Kind: "test", At: testNow},
		{Kind: "te|st", ID: "x", At: testNow},
		{Kind: "test", ID: "x|y", At: testNow},
		{Kind: "test", ID: "x"},
	} {
		// A valid item in the same call is not scheduled either.
		err := e.store.Schedule(t.Context(), due("ok", testNow), d)
		wantCode(t, err, ikmbot.EInvalid)
	}
	if n, _ := e.store.DueCount(t.Context()); n != 0 {
		t.Errorf("DueCount = %d after invalid schedules, want 0", n)
	}
}

func TestScheduleOnCallersMulti(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	a, b := due("a", testNow), due("b", testNow)
	if err := e.store.Schedule(ctx, a); err != nil {
		t.Fatal(err)
	}
	cmds, err := e.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, "ikm:test:other", "1", time.Minute)
		e.store.unscheduleOn(p, []string{a.Key()})
		e.store.scheduleOn(p, []ikmbot.Due{b})
		// Nothing to do queues nothing, which would fail the MULTI.
		e.store.unscheduleOn(p, nil)
		e.store.scheduleOn(p, nil)
		return nil
	})
	if err != nil {
		t.Fatalf("MULTI: %v", err)
	}
	if len(cmds) < 5 { // MULTI, SET, ZREM, HDEL, ZADD, HSET, EXEC
		t.Errorf("%d commands queued, want the caller's and the due ones", len(cmds))
	}
	if diff := cmp.Diff(dueKeys(dueAll(t, e.store, testNow)), []string{b.Key()}); diff != "" {
		t.Errorf("due (-got +want):\n%s", diff)
	}
}

func TestDueItemsOrderLimitOffset(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	var items []ikmbot.Due
	// Scheduled newest first, so order comes from the scores.
	for i := 9; i >= 0; i-- {
		items = append(items, due(strconv.Itoa(i), testNow.Add(time.Duration(i-5)*time.Minute)))
	}
	if err := e.store.Schedule(ctx, items...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		now           time.Time
		offset, limit int
		want          []string
	}{
		{testNow, 0, 100, []string{"0", "1", "2", "3", "4", "5"}}, // at now is due
		{testNow, 0, 2, []string{"0", "1"}},
		{testNow, 2, 3, []string{"2", "3", "4"}},
		{testNow, 5, 3, []string{"5"}},
		{testNow, 6, 3, nil},
		{testNow.Add(-time.Hour), 0, 10, nil},
		{testNow, 0, 0, nil},
	}
	for _, tt := range tests {
		got, err := e.store.DueItems(ctx, tt.now, tt.offset, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, d := range got {
			ids = append(ids, d.ID)
		}
		if diff := cmp.Diff(ids, tt.want); diff != "" {
			t.Errorf("DueItems(%v, %d, %d) ids (-got +want):\n%s", tt.now, tt.offset, tt.limit, diff)
		}
	}
}

func TestDueItemsOrphans(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	var logs bytes.Buffer
	s := New(e.rdb, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	good := []ikmbot.Due{due("1", testNow.Add(-3*time.Minute)), due("5", testNow.Add(-time.Minute))}
	if err := s.Schedule(ctx, good...); err != nil {
		t.Fatal(err)
	}
	ms := func(d time.Duration) float64 { return float64(testNow.Add(d).UnixMilli()) }
	// Written behind the Store's back, as a crash or a bad deploy might.
	e.rdb.ZAdd(ctx, dueKey(),
		redis.Z{Score: ms(-4 * time.Minute), Member: "test|missing"},
		redis.Z{Score: ms(-2 * time.Minute), Member: "test|garbled"},
		redis.Z{Score: ms(-2 * time.Minute), Member: "test|other"})
	e.rdb.HSet(ctx, dueItemsKey(), "test|garbled", "{not json", "test|other", `{"kind":"test","id":"elsewhere"}`)

	got, err := s.DueItems(ctx, testNow, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, good); diff != "" {
		t.Errorf("DueItems (-got +want):\n%s", diff)
	}
	for _, k := range []string{"test|missing", "test|garbled", "test|other"} {
		if !strings.Contains(logs.String(), "due_key="+k) {
			t.Errorf("log does not name %s:\n%s", k, logs.String())
		}
		if e.rdb.ZScore(ctx, dueKey(), k).Err() != redis.Nil || e.rdb.HExists(ctx, dueItemsKey(), k).Val() {
			t.Errorf("orphan %s not removed", k)
		}
	}
	if n, _ := s.DueCount(ctx); n != 2 {
		t.Errorf("DueCount = %d, want 2", n)
	}
}

func TestClaimDueOnce(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	d := due("claim", testNow)
	for i, want := range []bool{true, false, false} {
		if i == 2 {
			// Even rescheduled, a Key is claimed once.
			d.At = testNow.Add(time.Hour)
		}
		got, err := e.store.ClaimDue(ctx, d)
		if err != nil || got != want {
			t.Errorf("claim %d: ClaimDue = %v, %v; want %v", i, got, err, want)
		}
	}
	if first, _ := e.store.ClaimDue(ctx, due("other", testNow)); !first {
		t.Error("ClaimDue of another key = false, want true")
	}
	ttl := e.rdb.TTL(ctx, sentKey(d.Key())).Val()
	if ttl < SentTTL-time.Minute || ttl > SentTTL {
		t.Errorf("TTL of sent marker = %v, want about %v", ttl, SentTTL)
	}
}

func TestDoneDue(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	d := due("done", testNow)
	if err := e.store.Schedule(ctx, d); err != nil {
		t.Fatal(err)
	}
	read := dueAll(t, e.store, testNow)[0]

	// Rescheduled between the read and DoneDue: the new schedule stays.
	later := due("done", testNow.Add(time.Hour))
	if err := e.store.Schedule(ctx, later); err != nil {
		t.Fatal(err)
	}
	if err := e.store.DoneDue(ctx, read); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(dueAll(t, e.store, later.At), []ikmbot.Due{later}); diff != "" {
		t.Errorf("after refused DoneDue (-got +want):\n%s", diff)
	}

	if err := e.store.DoneDue(ctx, later); err != nil {
		t.Fatal(err)
	}
	if n := e.rdb.Exists(ctx, dueKey(), dueItemsKey()).Val(); n != 0 {
		t.Errorf("%d due keys left after DoneDue, want 0", n)
	}
	// Done twice, or never scheduled: nothing to do.
	if err := e.store.DoneDue(ctx, later); err != nil {
		t.Errorf("DoneDue again: %v", err)
	}
}

func TestMoveDue(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	d := due("move", testNow)
	d.Until = testNow.Add(10 * time.Hour)
	if err := e.store.Schedule(ctx, d); err != nil {
		t.Fatal(err)
	}
	read := dueAll(t, e.store, testNow)[0]
	morning := testNow.Add(4 * time.Hour)
	if err := e.store.MoveDue(ctx, read, morning); err != nil {
		t.Fatal(err)
	}
	if got := dueAll(t, e.store, testNow); len(got) != 0 {
		t.Errorf("due at now after the move: %v, want none", dueKeys(got))
	}
	want := d
	want.At = morning
	if diff := cmp.Diff(dueAll(t, e.store, morning), []ikmbot.Due{want}); diff != "" {
		t.Errorf("due in the morning (-got +want):\n%s", diff)
	}
	// The stored JSON moved too, not only the score.
	var stored ikmbot.Due
	if err := json.Unmarshal([]byte(e.rdb.HGet(ctx, dueItemsKey(), d.Key()).Val()), &stored); err != nil || !stored.At.Equal(morning) {
		t.Errorf("stored At = %v (%v), want %v", stored.At, err, morning)
	}

	// A move based on the old read is refused: the item is no longer there.
	if err := e.store.MoveDue(ctx, read, testNow.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(dueAll(t, e.store, morning), []ikmbot.Due{want}); diff != "" {
		t.Errorf("after refused move (-got +want):\n%s", diff)
	}
	// Nor does a move bring back an item that is gone.
	if err := e.store.MoveDue(ctx, due("gone", testNow), morning); err != nil {
		t.Fatal(err)
	}
	if n, _ := e.store.DueCount(ctx); n != 1 {
		t.Errorf("DueCount = %d, want 1", n)
	}
}

func TestLock(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	const ttl = 200 * time.Millisecond
	for i, want := range []bool{true, false} {
		if got, err := e.store.Lock(ctx, "test:lock", ttl); err != nil || got != want {
			t.Errorf("lock %d: Lock = %v, %v; want %v", i, got, err, want)
		}
	}
	if got, _ := e.store.Lock(ctx, "test:other", ttl); !got {
		t.Error("Lock of another name = false, want true")
	}
	if pttl := e.rdb.PTTL(ctx, lockKey("test:lock")).Val(); pttl <= 0 || pttl > ttl {
		t.Errorf("PTTL of the lock = %v, want in (0, %v]", pttl, ttl)
	}
	time.Sleep(ttl + 50*time.Millisecond)
	if got, err := e.store.Lock(ctx, "test:lock", ttl); err != nil || !got {
		t.Errorf("Lock after expiry = %v, %v; want true", got, err)
	}
}
