package storage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ikmbot"
)

// TestFindOwners searches 1,300 owners (three batches and more) by part of
// the business or owner's name in any case, by a phone number typed in
// each common form, and for what nobody has, and checks the limit stops
// the scan. The owners' names carry a token of this test and the phone
// is random, so the test also runs on the shared Redis of REDIS_TEST_URL.
func TestFindOwners(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	const n = 1300
	tok := "t" + strconv.FormatInt(newUserID(), 36)
	first := newUserID()
	ids := make([]int64, n)
	subscriber := "8" + fmt.Sprintf("%010d", rand.Int64N(10_000_000_000)) // 11 digits after +62
	const withPhone = 7
	for i := range n {
		id := first + int64(i)
		ids[i] = id
		p := ikmbot.Profile{UserID: id, OwnerName: fmt.Sprintf("Siti %s Ibu%04d", tok, i), Phone: "+6281234567890",
			BusinessName: fmt.Sprintf("Keripik %s No %04d", tok, i), NoNIB: true, Region: "BDL", Sector: "KOPI",
			Products: "keripik", Workers: ikmbot.Workers1to4, Capacity: "1", ExportStatus: ikmbot.ExportNever}
		if i == withPhone {
			p.Phone = "+62" + subscriber
		}
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p}); err != nil {
			t.Fatal(err)
		}
	}
	cleanupUser(t, e.rdb, ids...)
	spaced := subscriber[:3] + "-" + subscriber[3:7] + "-" + subscriber[7:]

	tests := []struct {
		name  string
		query string
		limit int
		want  []int64 // in any order
	}{
		{"business name, another case and spacing", "KERIPIK " + strings.ToUpper(tok) + "  no 0117", 10, ids[117:118]},
		{"owner's name", tok + " ibu1234", 10, ids[1234:1235]},
		{"phone 08", "0" + spaced, 10, ids[withPhone : withPhone+1]},
		{"phone +62 with spaces", "+62 " + spaced, 10, ids[withPhone : withPhone+1]},
		{"phone 62", "62" + subscriber, 10, ids[withPhone : withPhone+1]},
		{"phone without a prefix", subscriber, 10, ids[withPhone : withPhone+1]},
		{"no match", "zz" + tok + " tidak ada", 10, nil},
		{"part of a phone is not a phone", "0" + subscriber[:5], 10, nil},
		{"every owner of the token, past several batches", tok, 2 * n, ids},
		{"empty", "   ", 10, nil},
		{"no limit", tok, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.store.FindOwners(ctx, tt.query, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			gotIDs := make([]int64, 0, len(got))
			for _, u := range got {
				if u.Profile == nil || u.Profile.UserID != u.ID {
					t.Fatalf("owner %d came back with profile %+v", u.ID, u.Profile)
				}
				gotIDs = append(gotIDs, u.ID)
			}
			slices.Sort(gotIDs)
			if !slices.Equal(gotIDs, tt.want) {
				t.Errorf("FindOwners(%q, %d) = %d owners %v, want %d %v", tt.query, tt.limit, len(gotIDs), short(gotIDs), len(tt.want), short(tt.want))
			}
		})
	}

	// The limit stops the scan at that many matches, each once.
	got, err := e.store.FindOwners(ctx, strings.ToUpper(tok), 10)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, u := range got {
		if seen[u.ID] || !strings.Contains(u.Profile.BusinessName, tok) {
			t.Errorf("owner %d: twice or not a match", u.ID)
		}
		seen[u.ID] = true
	}
	if len(got) != 10 {
		t.Errorf("FindOwners with limit 10 returned %d owners", len(got))
	}

	// An owner who deleted their data is not found.
	if err := e.store.DeleteOwnerData(ctx, ids[117]); err != nil {
		t.Fatal(err)
	}
	if got, err := e.store.FindOwners(ctx, tok+" no 0117", 10); err != nil || len(got) != 0 {
		t.Errorf("after deletion: %d owners, %v; want none", len(got), err)
	}
}

// short lists at most a few ids, for failure messages.
func short(ids []int64) []int64 { return ids[:min(len(ids), 5)] }
