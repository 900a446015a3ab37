package storage

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"ikmbot"
	"ikmbot/storage/redistest"
)

func TestBeginClaimsUpdate(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID() // any unique number will do
	t.Cleanup(func() { e.rdb.Del(context.Background(), updateKey(id), updateKey(id+1)) })

	for i, tt := range []struct {
		updateID int64
		want     bool
	}{
		{id, true},
		{id, false},
		{id + 1, true},
		{id, false},
	} {
		u, _, got, err := e.store.Begin(ctx, tt.updateID, id)
		if err != nil {
			t.Fatalf("claim %d: Begin(%d): %v", i, tt.updateID, err)
		}
		if got != tt.want || u.ID != id {
			t.Errorf("claim %d: Begin(%d) = user %d, first %v; want user %d, first %v", i, tt.updateID, u.ID, got, id, tt.want)
		}
	}
	ttl, err := e.rdb.TTL(ctx, updateKey(id)).Result()
	if err != nil {
		t.Fatal(err)
	}
	if ttl < UpdateTTL-time.Minute || ttl > UpdateTTL {
		t.Errorf("TTL of %s = %v, want about %v", updateKey(id), ttl, UpdateTTL)
	}
}

func TestEnsureSchema(t *testing.T) {
	tests := []struct {
		name     string
		stored   string // "" for an empty Redis
		wantCode string // "" for success
		want     string // stored version afterwards
	}{
		{"empty", "", "", "1"},
		{"current", "1", "", "1"},
		{"newer", "2", ikmbot.EConflict, "2"},
		{"older", "0", ikmbot.EConflict, "0"},
		{"garbage", "v1", ikmbot.EConflict, "v1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.srv.RequireOwn(t) // ikm:schema is one key for everyone
			ctx := t.Context()
			if tt.stored != "" {
				if err := e.rdb.Set(ctx, schemaKey(), tt.stored, 0).Err(); err != nil {
					t.Fatal(err)
				}
			}
			err := e.store.EnsureSchema(ctx)
			if tt.wantCode == "" && err != nil {
				t.Fatalf("EnsureSchema: %v", err)
			}
			if tt.wantCode != "" {
				wantCode(t, err, tt.wantCode)
			}
			got, err := e.rdb.Get(ctx, schemaKey()).Result()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", schemaKey(), got, tt.want)
			}
		})
	}
}

// TestRoundTrips pins the budget of the hot path: per update, one round trip
// to claim it and load the user, one to apply the change.
func TestRoundTrips(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	t.Cleanup(func() { e.rdb.Del(context.Background(), updateKey(id), updateKey(id+1)) })
	// Takes the user out of the level counts again.
	t.Cleanup(func() { e.store.DeleteOwnerData(context.Background(), id) })
	n := CountRoundTrips(e.rdb)
	p := sampleProfile(id)
	first := sampleAssessment(id, ikmbot.LevelPemula, "BDL", testNow)
	second := sampleAssessment(id, ikmbot.LevelMenengah, "BDL", testNow.Add(time.Hour))

	tests := []struct {
		name string
		op   func() error
		want int64
	}{
		{"Begin empty", func() error { _, _, _, err := e.store.Begin(ctx, id, id); return err }, 1},
		{"LoadUser empty", func() error { _, _, err := e.store.LoadUser(ctx, id); return err }, 1},
		{"Apply session", func() error { return e.store.Apply(ctx, ikmbot.Change{UserID: id, Session: sampleSession()}) }, 1},
		{"Apply everything", func() error {
			return e.store.Apply(ctx, ikmbot.Change{UserID: id, ClearSession: true, Profile: &p, Language: "en"})
		}, 1},
		{"Apply nothing", func() error { return e.store.Apply(ctx, ikmbot.Change{UserID: id}) }, 0},
		{"Apply first assessment", func() error {
			return e.store.Apply(ctx, ikmbot.Change{UserID: id, ClearSession: true, Assessment: &first})
		}, 1},
		{"Apply next assessment", func() error {
			return e.store.Apply(ctx, ikmbot.Change{UserID: id, ClearSession: true, Assessment: &second,
				PreviousLevel: ikmbot.LevelPemula, PreviousRegion: "BDL"})
		}, 1},
		{"LoadUser full", func() error { _, _, err := e.store.LoadUser(ctx, id); return err }, 1},
		{"Begin full", func() error { _, _, _, err := e.store.Begin(ctx, id+1, id); return err }, 1},
	}
	for _, tt := range tests {
		n.Reset()
		if err := tt.op(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := n.RoundTrips(); got != tt.want {
			t.Errorf("%s: %v, want %d round trips", tt.name, n, tt.want)
		}
	}
}

// TestClusterPath runs the Redis Cluster variant of transact (user's MULTI,
// then the global commands) against a single Redis: same outcome, one more
// round trip when indexes change.
func TestClusterPath(t *testing.T) {
	e := newEnv(t)
	e.store.cluster = true
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	n := CountRoundTrips(e.rdb)
	p := sampleProfile(id)

	n.Reset()
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Session: sampleSession(), Profile: &p}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if got, want := n.RoundTrips(), int64(2); got != want {
		t.Errorf("Apply with a profile: %v, want %d round trips", n, want)
	}
	n.Reset()
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Session: sampleSession()}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if got, want := n.RoundTrips(), int64(1); got != want {
		t.Errorf("Apply without a profile: %v, want %d round trips", n, want)
	}
	a := sampleAssessment(id, ikmbot.LevelPemula, "BDL", testNow)
	before := hashCounter(t, e.rdb, levelStatsKey(), string(ikmbot.LevelPemula))
	n.Reset()
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Assessment: &a}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if got, want := n.RoundTrips(), int64(2); got != want {
		t.Errorf("Apply with an assessment: %v, want %d round trips", n, want)
	}
	if got := hashCounter(t, e.rdb, levelStatsKey(), string(ikmbot.LevelPemula)) - before; got != 1 {
		t.Errorf("%s %s grew by %d, want 1", levelStatsKey(), ikmbot.LevelPemula, got)
	}
	u, _, err := e.store.LoadUser(ctx, id)
	if err != nil {
		t.Fatalf("LoadUser: %v", err)
	}
	if diff := cmp.Diff(u.Profile, &p); diff != "" {
		t.Errorf("profile (-got +want):\n%s", diff)
	}
	if ok, _ := e.rdb.SIsMember(ctx, ownersKey(), id).Result(); !ok {
		t.Errorf("user %d not in %s", id, ownersKey())
	}
	if err := e.store.SetRole(ctx, id, ikmbot.RoleStaff); err != nil {
		t.Fatalf("SetRole: %v", err)
	}
	roles, err := e.store.UsersWithRole(ctx)
	if err != nil {
		t.Fatalf("UsersWithRole: %v", err)
	}
	if got := roles[id]; got != ikmbot.RoleStaff {
		t.Errorf("UsersWithRole()[%d] = %q, want %q", id, got, ikmbot.RoleStaff)
	}
	if err := e.store.DeleteOwnerData(ctx, id); err != nil {
		t.Fatalf("DeleteOwnerData: %v", err)
	}
	if ok, _ := e.rdb.SIsMember(ctx, ownersKey(), id).Result(); ok {
		t.Errorf("user %d still in %s after DeleteOwnerData", id, ownersKey())
	}
	if got := hashCounter(t, e.rdb, levelStatsKey(), string(ikmbot.LevelPemula)) - before; got != 0 {
		t.Errorf("%s %s moved by %d after DeleteOwnerData, want 0", levelStatsKey(), ikmbot.LevelPemula, got)
	}
}

func TestDataSurvivesRestart(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t)
	ctx := t.Context()
	id := newUserID()
	p := sampleProfile(id)
	s := sampleSession()
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Session: s, Profile: &p, Language: "en"}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if err := e.store.SetRole(ctx, id, ikmbot.RoleMentor); err != nil {
		t.Fatalf("SetRole: %v", err)
	}
	code, err := e.store.CreateInvite(ctx, ikmbot.RoleStaff, id, InviteTTL)
	if err != nil {
		t.Fatalf("CreateInvite: %v", err)
	}
	if _, _, _, err := e.store.Begin(ctx, 77, 1); err != nil {
		t.Fatalf("Begin: %v", err)
	}

	e.srv.Restart(t)

	gotUser, gotSession, err := e.store.LoadUser(ctx, id)
	if err != nil {
		t.Fatalf("LoadUser after restart: %v", err)
	}
	wantUser := ikmbot.User{ID: id, Role: ikmbot.RoleMentor, Language: "en", Profile: &p}
	if diff := cmp.Diff(gotUser, wantUser); diff != "" {
		t.Errorf("user after restart (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(gotSession, *s); diff != "" {
		t.Errorf("session after restart (-got +want):\n%s", diff)
	}
	if _, _, first, err := e.store.Begin(ctx, 77, 1); err != nil || first {
		t.Errorf("Begin(77) after restart = %v, %v; want false, nil", first, err)
	}
	ttl, err := e.rdb.TTL(ctx, sessionKey(id)).Result()
	if err != nil || ttl < SessionTTL-time.Hour {
		t.Errorf("session TTL after restart = %v, %v; want about %v", ttl, err, SessionTTL)
	}
	other := newUserID()
	if r, err := e.store.RedeemInvite(ctx, code, other); err != nil || r != ikmbot.RoleStaff {
		t.Errorf("RedeemInvite after restart = %q, %v; want %q, nil", r, err, ikmbot.RoleStaff)
	}
}

// TestRedisDown checks that every operation returns an error, not a panic
// or a zero value passed off as success, when Redis is gone.
func TestRedisDown(t *testing.T) {
	srv := redistest.Start(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr, MaxRetries: -1, DialerRetries: 1, DialTimeout: 500 * time.Millisecond})
	t.Cleanup(func() { rdb.Close() })
	s := New(rdb)
	ctx := t.Context()
	id := newUserID()
	p := sampleProfile(id)
	srv.Stop(t)

	tests := []struct {
		name string
		op   func() error
	}{
		{"Ping", func() error { return s.Ping(ctx) }},
		{"EnsureSchema", func() error { return s.EnsureSchema(ctx) }},
		{"Begin", func() error { _, _, _, err := s.Begin(ctx, 1, 1); return err }},
		{"LoadUser", func() error { _, _, err := s.LoadUser(ctx, id); return err }},
		{"Apply", func() error {
			return s.Apply(ctx, ikmbot.Change{UserID: id, Session: sampleSession(), Profile: &p, Language: "id"})
		}},
		{"Profile", func() error { _, err := s.Profile(ctx, id); return err }},
		{"Owners", func() error { _, err := s.Owners(ctx); return err }},
		{"SetRole", func() error { return s.SetRole(ctx, id, ikmbot.RoleStaff) }},
		{"UsersWithRole", func() error { _, err := s.UsersWithRole(ctx); return err }},
		{"CreateInvite", func() error { _, err := s.CreateInvite(ctx, ikmbot.RoleStaff, id, time.Hour); return err }},
		{"RedeemInvite", func() error { _, err := s.RedeemInvite(ctx, "AAAAAAAAAAAAAAAAAAAAAA", id); return err }},
		{"DeleteOwnerData", func() error { return s.DeleteOwnerData(ctx, id) }},
		{"MarkUnreachable", func() error { return s.MarkUnreachable(ctx, id) }},
		{"ClearUnreachable", func() error { return s.ClearUnreachable(ctx, id) }},
		{"Assessments", func() error { _, err := s.Assessments(ctx, id); return err }},
		{"LevelCounts", func() error { _, err := s.LevelCounts(ctx); return err }},
		{"LevelCountsByRegion", func() error { _, err := s.LevelCountsByRegion(ctx); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op()
			if err == nil {
				t.Fatalf("%s with Redis stopped: no error", tt.name)
			}
			if ikmbot.IsNotFound(err) {
				t.Errorf("%s with Redis stopped: %v, want a failure, not not-found", tt.name, err)
			}
		})
	}
}
