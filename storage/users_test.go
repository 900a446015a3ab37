package storage

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"ikmbot"
)

func TestLoadUserEmpty(t *testing.T) {
	e := newEnv(t)
	id := newUserID()
	u, s, err := e.store.LoadUser(t.Context(), id)
	if err != nil {
		t.Fatalf("LoadUser: %v", err)
	}
	if diff := cmp.Diff(u, ikmbot.User{ID: id}); diff != "" {
		t.Errorf("user (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(s, ikmbot.Session{}); diff != "" {
		t.Errorf("session (-got +want):\n%s", diff)
	}
}

func TestApplyThenLoad(t *testing.T) {
	tests := []struct {
		name        string
		changes     func(id int64) []ikmbot.Change
		wantUser    func(id int64) ikmbot.User
		wantSession ikmbot.Session
	}{
		{
			name:        "session",
			changes:     func(id int64) []ikmbot.Change { return []ikmbot.Change{{UserID: id, Session: sampleSession()}} },
			wantUser:    func(id int64) ikmbot.User { return ikmbot.User{ID: id} },
			wantSession: *sampleSession(),
		},
		{
			name: "language only",
			changes: func(id int64) []ikmbot.Change {
				return []ikmbot.Change{{UserID: id, Language: "en"}}
			},
			wantUser: func(id int64) ikmbot.User { return ikmbot.User{ID: id, Language: "en"} },
		},
		{
			name: "sign-up saved and flow ended",
			changes: func(id int64) []ikmbot.Change {
				p := sampleProfile(id)
				return []ikmbot.Change{
					{UserID: id, Session: sampleSession(), Language: "id"},
					{UserID: id, ClearSession: true, Profile: &p},
				}
			},
			wantUser: func(id int64) ikmbot.User {
				p := sampleProfile(id)
				return ikmbot.User{ID: id, Language: "id", Profile: &p}
			},
		},
		{
			name: "clear session wins over session",
			changes: func(id int64) []ikmbot.Change {
				return []ikmbot.Change{
					{UserID: id, Session: sampleSession()},
					{UserID: id, Session: sampleSession(), ClearSession: true},
				}
			},
			wantUser: func(id int64) ikmbot.User { return ikmbot.User{ID: id} },
		},
		{
			name: "profile edited and language changed",
			changes: func(id int64) []ikmbot.Change {
				p := sampleProfile(id)
				edited := p
				edited.Capacity = "1 ton"
				edited.UpdatedAt = testNow.Add(time.Hour)
				return []ikmbot.Change{
					{UserID: id, Profile: &p, Language: "id"},
					{UserID: id, Profile: &edited, Language: "en", Session: sampleSession()},
				}
			},
			wantUser: func(id int64) ikmbot.User {
				p := sampleProfile(id)
				p.Capacity = "1 ton"
				p.UpdatedAt = testNow.Add(time.Hour)
				return ikmbot.User{ID: id, Language: "en", Profile: &p}
			},
			wantSession: *sampleSession(),
		},
		{
			name: "profile without user id gets it",
			changes: func(id int64) []ikmbot.Change {
				p := sampleProfile(id)
				p.UserID = 0
				return []ikmbot.Change{{UserID: id, Profile: &p}}
			},
			wantUser: func(id int64) ikmbot.User {
				p := sampleProfile(id)
				return ikmbot.User{ID: id, Profile: &p}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := t.Context()
			id := newUserID()
			cleanupUser(t, e.rdb, id)
			for i, c := range tt.changes(id) {
				if err := e.store.Apply(ctx, c); err != nil {
					t.Fatalf("Apply #%d: %v", i, err)
				}
			}
			u, s, err := e.store.LoadUser(ctx, id)
			if err != nil {
				t.Fatalf("LoadUser: %v", err)
			}
			if diff := cmp.Diff(u, tt.wantUser(id)); diff != "" {
				t.Errorf("user (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(s, tt.wantSession); diff != "" {
				t.Errorf("session (-got +want):\n%s", diff)
			}
		})
	}
}

func TestApplyInvalid(t *testing.T) {
	e := newEnv(t)
	id := newUserID()
	p := sampleProfile(id + 1)
	for _, c := range []ikmbot.Change{
		{Session: sampleSession()}, // no user
		{UserID: id, Profile: &p},  // someone else's profile
	} {
		wantCode(t, e.store.Apply(t.Context(), c), ikmbot.EInvalid)
	}
	if n, _ := e.rdb.Exists(t.Context(), userKey(id), sessionKey(id)).Result(); n != 0 {
		t.Errorf("%d keys of user %d exist after refused changes, want none", n, id)
	}
}

func TestSessionTTL(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	check := func(when string) {
		t.Helper()
		ttl, err := e.rdb.TTL(ctx, sessionKey(id)).Result()
		if err != nil {
			t.Fatal(err)
		}
		if ttl < SessionTTL-time.Minute || ttl > SessionTTL {
			t.Errorf("%s: TTL of %s = %v, want about %v", when, sessionKey(id), ttl, SessionTTL)
		}
	}
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Session: sampleSession()}); err != nil {
		t.Fatal(err)
	}
	check("first save")
	if err := e.rdb.Expire(ctx, sessionKey(id), time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Session: sampleSession()}); err != nil {
		t.Fatal(err)
	}
	check("second save")
	if ttl, _ := e.rdb.TTL(ctx, userKey(id)).Result(); ttl != -2 {
		t.Errorf("TTL of %s = %v after a session-only change, want the key absent", userKey(id), ttl)
	}
}

func TestLoadUserUnreadable(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)

	// A session from a format that no longer decodes restarts the
	// conversation: no error.
	if err := e.rdb.Set(ctx, sessionKey(id), "{not json", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	if err := e.rdb.HSet(ctx, userKey(id), fieldRole, "emperor", fieldLang, "en").Err(); err != nil {
		t.Fatal(err)
	}
	u, s, err := e.store.LoadUser(ctx, id)
	if err != nil {
		t.Fatalf("LoadUser with an undecodable session: %v", err)
	}
	if diff := cmp.Diff(s, ikmbot.Session{}); diff != "" {
		t.Errorf("session (-got +want):\n%s", diff)
	}
	// An unknown role grants nothing.
	if diff := cmp.Diff(u, ikmbot.User{ID: id, Language: "en"}); diff != "" {
		t.Errorf("user (-got +want):\n%s", diff)
	}

	// A profile that does not decode is an error: it must not be lost.
	if err := e.rdb.HSet(ctx, userKey(id), fieldProfile, "[]").Err(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.store.LoadUser(ctx, id); err == nil {
		t.Errorf("LoadUser with an undecodable profile: no error")
	}
}

func TestProfile(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)

	_, err := e.store.Profile(ctx, id)
	if !ikmbot.IsNotFound(err) {
		t.Errorf("Profile of a stranger: %v, want not found", err)
	}
	// A user with a language but no profile has no profile either.
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Language: "en"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.Profile(ctx, id); !ikmbot.IsNotFound(err) {
		t.Errorf("Profile before sign-up: %v, want not found", err)
	}
	want := sampleProfile(id)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &want}); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.Profile(ctx, id)
	if err != nil {
		t.Fatalf("Profile: %v", err)
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("profile (-got +want):\n%s", diff)
	}
	owners, err := e.store.Owners(ctx)
	if err != nil {
		t.Fatalf("Owners: %v", err)
	}
	if !contains(owners, id) {
		t.Errorf("Owners() = %v, want it to hold %d", owners, id)
	}
}

func TestSignupCounters(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	source := "tst" + strconv.FormatInt(id, 10)
	t.Cleanup(func() { e.rdb.HDel(ctx, signupSourcesKey(), source) })

	p := sampleProfile(id)
	p.Source = source

	tests := []struct {
		name   string
		signUp bool
		want   int64 // sign-ups counted
	}{
		{"sign-up", true, 1},
		{"edit", false, 0},
		{"edit in the same instant", false, 0},
	}
	for _, tt := range tests {
		before := counter(t, e.rdb, signupsKey())
		beforeSource := hashCounter(t, e.rdb, signupSourcesKey(), source)
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: tt.signUp}); err != nil {
			t.Fatalf("%s: Apply: %v", tt.name, err)
		}
		if got := counter(t, e.rdb, signupsKey()) - before; got != tt.want {
			t.Errorf("%s: %s grew by %d, want %d", tt.name, signupsKey(), got, tt.want)
		}
		if got := hashCounter(t, e.rdb, signupSourcesKey(), source) - beforeSource; got != tt.want {
			t.Errorf("%s: %s[%s] grew by %d, want %d", tt.name, signupSourcesKey(), source, got, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	staff, mentor, admin, owner := newUserID(), newUserID(), newUserID(), newUserID()
	cleanupUser(t, e.rdb, staff, mentor, admin, owner)

	steps := []struct {
		id   int64
		role ikmbot.Role
	}{
		{staff, ikmbot.RoleStaff},
		{mentor, ikmbot.RoleMentor},
		{admin, ikmbot.RoleStaff},
		{admin, ikmbot.RoleAdmin}, // promoted
		{owner, ikmbot.RoleMentor},
		{owner, ikmbot.RoleOwner}, // revoked
	}
	for _, s := range steps {
		if err := e.store.SetRole(ctx, s.id, s.role); err != nil {
			t.Fatalf("SetRole(%d, %q): %v", s.id, s.role, err)
		}
	}
	want := map[int64]ikmbot.Role{staff: ikmbot.RoleStaff, mentor: ikmbot.RoleMentor, admin: ikmbot.RoleAdmin}
	all, err := e.store.UsersWithRole(ctx)
	if err != nil {
		t.Fatalf("UsersWithRole: %v", err)
	}
	got := map[int64]ikmbot.Role{}
	for _, id := range []int64{staff, mentor, admin, owner} { // a shared Redis has others' roles
		if r, ok := all[id]; ok {
			got[id] = r
		}
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("UsersWithRole (-got +want):\n%s", diff)
	}
	for _, id := range []int64{staff, mentor, admin, owner} {
		u, _, err := e.store.LoadUser(ctx, id)
		if err != nil {
			t.Fatalf("LoadUser(%d): %v", id, err)
		}
		if u.Role != want[id] {
			t.Errorf("LoadUser(%d).Role = %q, want %q", id, u.Role, want[id])
		}
	}
	// Revoking leaves nothing behind for a user who has nothing else.
	if n, _ := e.rdb.Exists(ctx, userKey(owner)).Result(); n != 0 {
		t.Errorf("%s exists after the role was revoked, want it gone", userKey(owner))
	}
	wantCode(t, e.store.SetRole(ctx, staff, "emperor"), ikmbot.EInvalid)
}

func TestUnreachable(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	p := sampleProfile(id)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		op   func() error
		want bool
	}{
		{func() error { return e.store.MarkUnreachable(ctx, id) }, true},
		{func() error { return e.store.MarkUnreachable(ctx, id) }, true},
		{func() error { return e.store.ClearUnreachable(ctx, id) }, false},
		{func() error { return e.store.ClearUnreachable(ctx, id) }, false},
	} {
		if err := tt.op(); err != nil {
			t.Fatal(err)
		}
		u, _, err := e.store.LoadUser(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if u.Unreachable != tt.want {
			t.Errorf("Unreachable = %v, want %v", u.Unreachable, tt.want)
		}
		if u.Profile == nil {
			t.Errorf("profile gone after marking reachability, want it kept")
		}
	}
}

func TestDeleteOwnerData(t *testing.T) {
	tests := []struct {
		name string
		role ikmbot.Role
		// what may remain about the user: their role, in their hash and the
		// roles index
		wantHash map[string]string
	}{
		{"owner", ikmbot.RoleOwner, map[string]string{}},
		{"staff who signed up", ikmbot.RoleStaff, map[string]string{fieldRole: "staff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := t.Context()
			id, other := newUserID(), newUserID()
			cleanupUser(t, e.rdb, id, other)

			for _, uid := range []int64{id, other} {
				p := sampleProfile(uid)
				p.Source = "pameran"
				if err := e.store.Apply(ctx, ikmbot.Change{UserID: uid, Profile: &p, Session: sampleSession(), Language: "en"}); err != nil {
					t.Fatal(err)
				}
				a := sampleAssessment(uid, ikmbot.LevelPemula, "BDL", testNow)
				if err := e.store.Apply(ctx, ikmbot.Change{UserID: uid, Assessment: &a}); err != nil {
					t.Fatal(err)
				}
				if err := e.store.MarkUnreachable(ctx, uid); err != nil {
					t.Fatal(err)
				}
				if err := e.store.SetRole(ctx, uid, tt.role); err != nil {
					t.Fatal(err)
				}
			}
			deleteAtEnd(t, e.store, other)
			before := counter(t, e.rdb, deletedKey())
			beforeAll, beforeReg := levelCounts(t, e.store, ikmbot.LevelPemula, "BDL")

			for range 2 { // idempotent
				if err := e.store.DeleteOwnerData(ctx, id); err != nil {
					t.Fatalf("DeleteOwnerData: %v", err)
				}
			}
			if got := counter(t, e.rdb, deletedKey()) - before; got != 1 {
				t.Errorf("%s grew by %d after two deletions, want 1", deletedKey(), got)
			}
			all, inReg := levelCounts(t, e.store, ikmbot.LevelPemula, "BDL")
			if got := all - beforeAll; got != -1 {
				t.Errorf("count of %s moved by %d after two deletions, want -1", ikmbot.LevelPemula, got)
			}
			if got := inReg - beforeReg; got != -1 {
				t.Errorf("count of %s in BDL moved by %d after two deletions, want -1", ikmbot.LevelPemula, got)
			}
			if as, err := e.store.Assessments(ctx, id); err != nil || len(as) != 0 {
				t.Errorf("Assessments after deletion = %v, %v; want none", as, err)
			}

			gotHash, err := e.rdb.HGetAll(ctx, userKey(id)).Result()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(gotHash, tt.wantHash); diff != "" {
				t.Errorf("%s (-got +want):\n%s", userKey(id), diff)
			}
			u, s, err := e.store.LoadUser(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(u, ikmbot.User{ID: id, Role: tt.role}); diff != "" {
				t.Errorf("user after deletion (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(s, ikmbot.Session{}); diff != "" {
				t.Errorf("session after deletion (-got +want):\n%s", diff)
			}
			if _, err := e.store.Profile(ctx, id); !ikmbot.IsNotFound(err) {
				t.Errorf("Profile after deletion: %v, want not found", err)
			}

			// Nothing anywhere under ikm: mentions the user, except their
			// role when they hold one.
			allowed := map[string]bool{}
			if tt.role != ikmbot.RoleOwner {
				allowed[userKey(id)] = true
				allowed[rolesKey()] = true
			}
			for _, m := range mentions(t, e.rdb, strconv.FormatInt(id, 10)) {
				if !allowed[m] {
					t.Errorf("key %s still mentions user %d after deletion", m, id)
				}
			}

			// The other user is untouched.
			ou, os, err := e.store.LoadUser(ctx, other)
			if err != nil {
				t.Fatal(err)
			}
			p := sampleProfile(other)
			p.Source = "pameran"
			wantOther := ikmbot.User{ID: other, Role: tt.role, Language: "en", Profile: &p, Unreachable: true, Level: ikmbot.LevelPemula, LevelRegion: "BDL"}
			if diff := cmp.Diff(ou, wantOther); diff != "" {
				t.Errorf("other user (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(os, *sampleSession()); diff != "" {
				t.Errorf("other user's session (-got +want):\n%s", diff)
			}
			if as, err := e.store.Assessments(ctx, other); err != nil || len(as) != 1 {
				t.Errorf("other user's Assessments = %v, %v; want one", as, err)
			}
		})
	}
}

// mentions returns the ikm: keys whose name or content contains s.
func mentions(t *testing.T, rdb *redis.Client, s string) []string {
	t.Helper()
	ctx := t.Context()
	var found []string
	iter := rdb.Scan(ctx, 0, "ikm:*", 100).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		var content []string
		typ, err := rdb.Type(ctx, key).Result()
		if err != nil {
			t.Fatal(err)
		}
		switch typ {
		case "string":
			v, _ := rdb.Get(ctx, key).Result()
			content = []string{v}
		case "hash":
			for k, v := range rdb.HGetAll(ctx, key).Val() {
				content = append(content, k, v)
			}
		case "set":
			content = rdb.SMembers(ctx, key).Val()
		case "zset":
			content = rdb.ZRange(ctx, key, 0, -1).Val()
		case "list":
			content = rdb.LRange(ctx, key, 0, -1).Val()
		case "none": // expired meanwhile
		default:
			t.Errorf("key %s has type %s, which this test cannot read", key, typ)
		}
		if strings.Contains(key, s) || strings.Contains(strings.Join(content, "\x00"), s) {
			found = append(found, key)
		}
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	return found
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestMarkUnreachableLeavesNoRecord: a 403 to someone who deleted their
// data must not create a record about them again.
func TestMarkUnreachableLeavesNoRecord(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	p := sampleProfile(id)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.DeleteOwnerData(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := e.store.MarkUnreachable(ctx, id); err != nil {
		t.Fatal(err)
	}
	if n, err := e.rdb.Exists(ctx, userKey(id)).Result(); err != nil || n != 0 {
		t.Errorf("after deletion and a 403, %s exists = %d, %v; want no record", userKey(id), n, err)
	}
}

// A role holder's name is kept and read back by LoadUser and Users.
func TestRoleHolderName(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	if err := e.store.SetRole(ctx, id, ikmbot.RoleMentor); err != nil {
		t.Fatal(err)
	}
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Name: "Rina"}); err != nil {
		t.Fatal(err)
	}
	u, _, err := e.store.LoadUser(ctx, id)
	if err != nil || u.Name != "Rina" || u.Role != ikmbot.RoleMentor {
		t.Errorf("LoadUser = %+v, %v", u, err)
	}
	us, err := e.store.Users(ctx, []int64{id})
	if err != nil || us[id].Name != "Rina" {
		t.Errorf("Users = %+v, %v", us, err)
	}
}
