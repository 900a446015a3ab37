package storage

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// TestTargetMarkets stores an owner's target countries with the owner,
// keeps the anonymous counts per country with every change, refuses what
// the domain refuses, and takes both away with /hapusdata.
func TestTargetMarkets(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	p := sampleProfile(id)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
	countries := []string{"IT", "US", "JP", "DE"}
	start := map[string]int64{}
	for _, c := range countries {
		start[c] = hashCounter(t, e.rdb, marketStatsKey(), c)
	}
	// grown returns how far each country's count moved since the start.
	grown := func() map[string]int64 {
		out := map[string]int64{}
		for _, c := range countries {
			out[c] = hashCounter(t, e.rdb, marketStatsKey(), c) - start[c]
		}
		return out
	}
	loaded := func() []string {
		t.Helper()
		u, _, err := e.store.LoadUser(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		users, err := e.store.Users(ctx, []int64{id})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(users[id].TargetMarkets, u.TargetMarkets); diff != "" {
			t.Errorf("Users and LoadUser disagree (-Users +LoadUser):\n%s", diff)
		}
		return u.TargetMarkets
	}
	set := func(prev []string, next ...string) error {
		return e.store.Apply(ctx, ikmbot.Change{UserID: id, Markets: &next, PreviousMarkets: prev})
	}

	steps := []struct {
		name  string
		prev  []string
		next  []string
		code  string // error code wanted
		want  []string
		moved map[string]int64
	}{
		{"two chosen", nil, []string{"IT", "US"}, "", []string{"IT", "US"}, map[string]int64{"IT": 1, "US": 1}},
		{"one swapped", []string{"IT", "US"}, []string{"US", "JP"}, "", []string{"US", "JP"}, map[string]int64{"US": 1, "JP": 1}},
		{"a fourth refused", []string{"US", "JP"}, []string{"US", "JP", "IT", "DE"}, ikmbot.EInvalid, []string{"US", "JP"}, map[string]int64{"US": 1, "JP": 1}},
		{"an unknown country refused", []string{"US", "JP"}, []string{"US", "XX"}, ikmbot.EInvalid, []string{"US", "JP"}, map[string]int64{"US": 1, "JP": 1}},
		{"a twice refused", []string{"US", "JP"}, []string{"US", "US"}, ikmbot.EInvalid, []string{"US", "JP"}, map[string]int64{"US": 1, "JP": 1}},
		{"all taken away", []string{"US", "JP"}, []string{}, "", nil, map[string]int64{}},
		{"three again", nil, []string{"DE", "IT", "US"}, "", []string{"DE", "IT", "US"}, map[string]int64{"DE": 1, "IT": 1, "US": 1}},
	}
	for _, st := range steps {
		err := set(st.prev, st.next...)
		if ikmbot.ErrorCode(err) != st.code || (st.code == "" && err != nil) {
			t.Fatalf("%s: Apply = %v, want code %q", st.name, err, st.code)
		}
		if diff := cmp.Diff(loaded(), st.want); diff != "" {
			t.Errorf("%s: stored (-got +want):\n%s", st.name, diff)
		}
		want := map[string]int64{}
		for _, c := range countries {
			want[c] = st.moved[c]
		}
		if diff := cmp.Diff(grown(), want); diff != "" {
			t.Errorf("%s: counts moved (-got +want):\n%s", st.name, diff)
		}
	}
	counts, err := e.store.MarketCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"DE", "IT", "US"} {
		if counts[c] < 1 {
			t.Errorf("MarketCounts()[%s] = %d, want at least 1", c, counts[c])
		}
	}

	for range 2 { // a second deletion counts nothing
		if err := e.store.DeleteOwnerData(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if got := loaded(); got != nil {
		t.Errorf("target markets after /hapusdata = %v", got)
	}
	if diff := cmp.Diff(grown(), map[string]int64{"IT": 0, "US": 0, "JP": 0, "DE": 0}); diff != "" {
		t.Errorf("counts after /hapusdata moved (-got +want):\n%s", diff)
	}
}
