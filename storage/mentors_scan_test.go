package storage

import (
	"errors"
	"slices"
	"testing"

	"ikmbot"
)

// signUpOwner saves a profile for id in region and sector, as sign-up does.
func signUpOwner(t *testing.T, e env, id int64, region, sector string) {
	t.Helper()
	p := ikmbot.Profile{UserID: id, OwnerName: "P", Phone: "+6281234567890", BusinessName: "U", NoNIB: true,
		Region: region, Sector: sector, Products: "kopi", Workers: ikmbot.Workers1to4, Capacity: "1", ExportStatus: ikmbot.ExportNever}
	if err := e.store.Apply(t.Context(), ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
}

// TestOwnersForMentoring scans 1,300 owners (three batches and more) of
// two regions and two sectors, some with a mentor, and checks each filter
// gives exactly its owners, each once, with their mentors.
func TestOwnersForMentoring(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // scans every owner of the server
	ctx := t.Context()
	const mentorA, mentorB = 9_300_001, 9_300_002
	type owner struct {
		region, sector string
		mentor         int64
	}
	all := map[int64]owner{}
	var toA, toB []int64
	for i := range 1300 {
		id := int64(9_200_000 + i)
		o := owner{region: "BDL", sector: "KOPI"}
		if i%4 == 0 {
			o.region = "TGM"
		}
		if i%3 == 0 {
			o.sector = "LADA"
		}
		switch {
		case i%10 == 0:
			o.mentor = mentorA
			toA = append(toA, id)
		case i%10 == 1:
			o.mentor = mentorB
			toB = append(toB, id)
		}
		all[id] = o
		signUpOwner(t, e, id, o.region, o.sector)
	}
	// A user without a profile (a mentor who wrote to the bot) is no owner.
	if err := e.store.SetRole(ctx, mentorA, ikmbot.RoleMentor); err != nil {
		t.Fatal(err)
	}
	for m, owners := range map[int64][]int64{mentorA: toA, mentorB: toB} {
		if _, err := e.store.AssignMentor(ctx, owners, m, testNow, nil); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name           string
		region, sector string
		include        bool
	}{
		{"everyone", "", "", true},
		{"without a mentor", "", "", false},
		{"one region", "TGM", "", true},
		{"one region and sector, without a mentor", "TGM", "LADA", false},
		{"one sector", "", "KOPI", true},
		{"a region nobody is in", "MET", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []int64
			for id, o := range all {
				if (tt.region == "" || o.region == tt.region) && (tt.sector == "" || o.sector == tt.sector) && (tt.include || o.mentor == 0) {
					want = append(want, id)
				}
			}
			var got []int64
			err := e.store.OwnersForMentoring(ctx, tt.region, tt.sector, tt.include, func(owners, mentors []int64) error {
				if len(owners) != len(mentors) || len(owners) == 0 {
					t.Fatalf("batch of %d owners and %d mentors", len(owners), len(mentors))
				}
				for i, id := range owners {
					if mentors[i] != all[id].mentor {
						t.Errorf("owner %d: mentor %d, want %d", id, mentors[i], all[id].mentor)
					}
				}
				got = append(got, owners...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got %d owners, want %d", len(got), len(want))
			}
		})
	}

	stop := errors.New("stop")
	calls := 0
	err := e.store.OwnersForMentoring(ctx, "", "", true, func([]int64, []int64) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn's error: %v after %d calls; want it back after one", err, calls)
	}

	n, err := e.store.UnmentoredOwners(ctx)
	if want := int64(1300 - len(toA) - len(toB)); err != nil || n != want {
		t.Errorf("UnmentoredOwners = %d, %v; want %d", n, err, want)
	}
	// An owner who deletes their data leaves both counts.
	if err := e.store.DeleteOwnerData(ctx, toA[0]); err != nil {
		t.Fatal(err)
	}
	if n2, _ := e.store.UnmentoredOwners(ctx); n2 != n {
		t.Errorf("after a mentored owner left: %d without a mentor, want %d still", n2, n)
	}
}
