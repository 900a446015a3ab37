package storage

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
	"ikmbot/storage/redistest"
)

// testNow is the clock of every test Store.
var testNow = time.Date(2026, 3, 2, 3, 4, 5, 0, time.UTC)

// env is one test's Redis, client and Store.
type env struct {
	srv   *redistest.Server
	rdb   *redis.Client
	store *Store
}

// newEnv starts a Redis for the test (or uses REDIS_TEST_URL's) and returns
// a Store on it with the clock at testNow.
func newEnv(t *testing.T) env {
	t.Helper()
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	return env{srv: srv, rdb: rdb, store: New(rdb, WithNow(func() time.Time { return testNow }))}
}

// newUserID returns a user id no other test uses, long enough that its
// digits do not turn up by chance in other data: tests may share the Redis
// of REDIS_TEST_URL.
func newUserID() int64 { return 5_000_000_000_000 + rand.Int64N(1_000_000_000_000) }

// cleanupUser deletes the user's per-user keys and index entries when the
// test ends, so a shared Redis does not fill up.
func cleanupUser(t *testing.T, rdb *redis.Client, ids ...int64) {
	t.Helper()
	t.Cleanup(func() {
		ctx := context.Background()
		for _, id := range ids {
			rdb.Del(ctx, userKey(id), sessionKey(id), assessmentsKey(id))
			rdb.SRem(ctx, ownersKey(), id)
			rdb.HDel(ctx, rolesKey(), strconv.FormatInt(id, 10))
		}
	})
}

// sampleProfile returns a sign-up profile of user id whose personal fields
// carry the id, so a search for the id finds them.
func sampleProfile(id int64) ikmbot.Profile {
	s := strconv.FormatInt(id, 10)
	return ikmbot.Profile{
		UserID:       id,
		OwnerName:    "Siti " + s,
		Phone:        "+62" + s,
		BusinessName: "Keripik Pisang " + s,
		NIB:          "9" + s[:12],
		Region:       "BDL",
		Sector:       "KOPI",
		Products:     "kopi robusta bubuk",
		Workers:      ikmbot.Workers5to19,
		Capacity:     "200 kg",
		ExportStatus: ikmbot.ExportNever,
		ConsentAt:    testNow,
		CreatedAt:    testNow,
		UpdatedAt:    testNow,
	}
}

func sampleSession() *ikmbot.Session {
	return &ikmbot.Session{
		Flow:      "signup",
		Version:   2,
		Step:      "region",
		Answers:   map[string]string{"name": "Siti"},
		History:   []string{"consent", "name"},
		Nonce:     "n1",
		UpdatedAt: testNow,
	}
}

// sampleAssessment returns a readiness attempt of user id at level in
// region, with every field set.
func sampleAssessment(id int64, level ikmbot.Level, region string, at time.Time) ikmbot.Assessment {
	return ikmbot.Assessment{
		UserID:  id,
		At:      at,
		Answers: map[string]string{"q1": "a", "q2": "c"},
		Result: ikmbot.Result{
			Version:         1,
			Total:           42.5,
			Level:           level,
			ScoreLevel:      ikmbot.LevelMahir,
			Dimensions:      map[string]float64{"legal": 25, "market": 60},
			Gates:           []string{"no_nib"},
			Flags:           []string{"quick_win"},
			Recommendations: []string{"legal", "market"},
		},
		Region: region,
	}
}

// counter reads an integer counter, 0 when absent.
func counter(t *testing.T, rdb *redis.Client, key string) int64 {
	t.Helper()
	n, err := rdb.Get(t.Context(), key).Int64()
	if err != nil && err != redis.Nil {
		t.Fatalf("GET %s: %v", key, err)
	}
	return n
}

// hashCounter reads one field of a hash of counters, 0 when absent.
func hashCounter(t *testing.T, rdb *redis.Client, key, field string) int64 {
	t.Helper()
	n, err := rdb.HGet(t.Context(), key, field).Int64()
	if err != nil && err != redis.Nil {
		t.Fatalf("HGET %s %s: %v", key, field, err)
	}
	return n
}

// wantCode fails the test unless err is an *ikmbot.Error with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := ikmbot.ErrorCode(err); got != code {
		t.Errorf("error %v has code %q, want %q", err, got, code)
	}
}
