package storage

import (
	"context"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// deepLinkPayload is what Telegram accepts after /start: up to 64 of these.
var deepLinkPayload = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func TestCreateInvite(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	admin := newUserID()
	code, err := e.store.CreateInvite(ctx, ikmbot.RoleMentor, admin, InviteTTL)
	if err != nil {
		t.Fatalf("CreateInvite: %v", err)
	}
	t.Cleanup(func() { e.rdb.Del(context.Background(), inviteKey(code)) })
	if !deepLinkPayload.MatchString("inv_" + code) {
		t.Errorf("payload %q is not a valid deep-link payload", "inv_"+code)
	}
	if len(code) < 22 {
		t.Errorf("code %q has %d characters, want at least 22 (128 bits)", code, len(code))
	}
	got, err := e.rdb.HGetAll(ctx, inviteKey(code)).Result()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		fieldInviteRole:      "mentor",
		fieldInviteCreatedBy: strconv.FormatInt(admin, 10),
		fieldInviteCreatedAt: testNow.Format(time.RFC3339),
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("%s (-got +want):\n%s", inviteKey(code), diff)
	}
	ttl, err := e.rdb.TTL(ctx, inviteKey(code)).Result()
	if err != nil {
		t.Fatal(err)
	}
	if ttl < InviteTTL-time.Minute || ttl > InviteTTL {
		t.Errorf("TTL of the invite = %v, want about %v", ttl, InviteTTL)
	}

	other, err := e.store.CreateInvite(ctx, ikmbot.RoleMentor, admin, InviteTTL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.rdb.Del(context.Background(), inviteKey(other)) })
	if other == code {
		t.Errorf("two invites share the code %q", code)
	}

	for _, tt := range []struct {
		role ikmbot.Role
		ttl  time.Duration
	}{
		{ikmbot.RoleOwner, time.Hour},
		{"emperor", time.Hour},
		{ikmbot.RoleStaff, 0},
		{ikmbot.RoleStaff, -time.Hour},
	} {
		_, err := e.store.CreateInvite(ctx, tt.role, admin, tt.ttl)
		wantCode(t, err, ikmbot.EInvalid)
	}
}

func TestRedeemInvite(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	admin, first, second := newUserID(), newUserID(), newUserID()
	cleanupUser(t, e.rdb, first, second)

	code, err := e.store.CreateInvite(ctx, ikmbot.RoleStaff, admin, InviteTTL)
	if err != nil {
		t.Fatal(err)
	}
	short, err := e.store.CreateInvite(ctx, ikmbot.RoleAdmin, admin, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)

	tests := []struct {
		name     string
		code     string
		user     int64
		want     ikmbot.Role
		wantCode string
	}{
		{"first use", code, first, ikmbot.RoleStaff, ""},
		{"second use", code, second, "", ikmbot.ENotFound},
		{"expired", short, second, "", ikmbot.ENotFound},
		{"unknown", "AAAAAAAAAAAAAAAAAAAAAA", second, "", ikmbot.ENotFound},
		{"not a code", "ikm:owners", second, "", ikmbot.ENotFound},
		{"empty", "", second, "", ikmbot.ENotFound},
	}
	for _, tt := range tests {
		got, err := e.store.RedeemInvite(ctx, tt.code, tt.user)
		if tt.wantCode == "" && err != nil {
			t.Fatalf("%s: RedeemInvite: %v", tt.name, err)
		}
		if tt.wantCode != "" {
			wantCode(t, err, tt.wantCode)
		}
		if got != tt.want {
			t.Errorf("%s: RedeemInvite = %q, want %q", tt.name, got, tt.want)
		}
	}

	roles, err := e.store.UsersWithRole(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if roles[first] != ikmbot.RoleStaff || roles[second] != ikmbot.RoleOwner {
		t.Errorf("roles after redeeming: first %q, second %q; want staff and none", roles[first], roles[second])
	}
	u, _, err := e.store.LoadUser(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != ikmbot.RoleStaff {
		t.Errorf("LoadUser(first).Role = %q, want %q", u.Role, ikmbot.RoleStaff)
	}
	if n, _ := e.rdb.Exists(ctx, inviteKey(code)).Result(); n != 0 {
		t.Errorf("the invite key remains after redemption")
	}
}

func TestRedeemInviteRace(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	code, err := e.store.CreateInvite(ctx, ikmbot.RoleMentor, newUserID(), InviteTTL)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20
	users := make([]int64, n)
	for i := range users {
		users[i] = newUserID()
	}
	cleanupUser(t, e.rdb, users...)

	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		errs  = make([]error, n)
	)
	for i, id := range users {
		wg.Go(func() {
			<-start
			_, errs[i] = e.store.RedeemInvite(ctx, code, id)
		})
	}
	close(start)
	wg.Wait()

	var winners []int64
	for i, err := range errs {
		switch {
		case err == nil:
			winners = append(winners, users[i])
		case !ikmbot.IsNotFound(err):
			t.Errorf("redeemer %d: %v, want success or not found", i, err)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("%d redeemers won (%v), want exactly 1", len(winners), winners)
	}
	roles, err := e.store.UsersWithRole(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range users {
		want := ikmbot.RoleOwner
		if id == winners[0] {
			want = ikmbot.RoleMentor
		}
		if roles[id] != want {
			t.Errorf("role of user %d = %q, want %q", id, roles[id], want)
		}
	}
}
