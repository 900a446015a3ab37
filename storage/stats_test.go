package storage

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// flatCounts turns counts into funnelStatsKey's fields, zeros left out.
func flatCounts(c ikmbot.FunnelCounts) map[string]int64 {
	out := map[string]int64{}
	add := func(field string, n int64) {
		if n != 0 {
			out[field] = n
		}
	}
	for st, n := range c.Total {
		add(string(st), n)
	}
	for r, m := range c.ByRegion {
		for st, n := range m {
			add(string(st)+":r:"+r, n)
		}
	}
	for s, m := range c.BySector {
		for st, n := range m {
			add(string(st)+":s:"+s, n)
		}
	}
	return out
}

// recountFunnel counts the funnel from the records through the Store's
// public reads, the way a careful person would by hand: every owner of the
// owners index, their profile, level and certificates, and whether they
// hold a seat in or completed one of classes.
func recountFunnel(t *testing.T, e env, classes []ikmbot.Class) map[string]int64 {
	t.Helper()
	ctx := t.Context()
	owners, err := e.store.Owners(ctx)
	if err != nil {
		t.Fatalf("Owners: %v", err)
	}
	var rosters []ikmbot.Roster
	for _, c := range classes {
		r, err := e.store.Roster(ctx, c.ID)
		if err != nil {
			t.Fatalf("Roster(%s): %v", c.ID, err)
		}
		rosters = append(rosters, r)
	}
	done := map[int64]bool{}
	for _, c := range classes {
		term, _ := ikmbot.TermOfClass(c.ID)
		ids, err := e.rdb.SMembers(ctx, completedKey(term, c.ID)).Result()
		if err != nil {
			t.Fatalf("SMEMBERS: %v", err)
		}
		for _, id := range ids {
			n, _ := strconv.ParseInt(id, 10, 64)
			done[n] = true
		}
	}
	counts := map[string]int64{}
	for _, id := range owners {
		u, _, err := e.store.LoadUser(ctx, id)
		if err != nil {
			t.Fatalf("LoadUser(%d): %v", id, err)
		}
		certs, err := e.store.Certificates(ctx, id)
		if err != nil {
			t.Fatalf("Certificates(%d): %v", id, err)
		}
		facts := ikmbot.FunnelFacts{Completed: done[id], Certs: certs, Now: testNow}
		for _, r := range rosters {
			for _, o := range r.Enrolled {
				facts.Enrolled = facts.Enrolled || o == id
			}
		}
		flags := ikmbot.Funnel(u, facts)
		for _, st := range ikmbot.FunnelStages {
			if !flags.Has(st) {
				continue
			}
			counts[string(st)]++
			counts[string(st)+":r:"+u.Profile.Region]++
			counts[string(st)+":s:"+u.Profile.Sector]++
		}
	}
	return counts
}

// TestFunnelCountsMatchRecount drives a random sequence of sign-ups,
// profile edits, readiness results, enrolments, leaving, completions,
// certificate saves and deletes, and deletions through the Store, then
// compares the counters with a recount from the records and with what
// RepairFunnel rebuilds; on a single Redis and on the Cluster path.
func TestFunnelCountsMatchRecount(t *testing.T) {
	for _, cluster := range []bool{false, true} {
		t.Run("cluster="+strconv.FormatBool(cluster), func(t *testing.T) {
			e := newDueEnv(t) // the counters are one hash every owner shares
			e.store.cluster = cluster
			ctx := t.Context()
			seed := uint64(time.Now().UnixNano())
			t.Logf("seed %d", seed)
			rng := rand.New(rand.NewPCG(seed, 42))

			classStart := testNow.Add(30 * 24 * time.Hour)
			classes := []ikmbot.Class{
				newClass(t, e, 2031, 1, 3, classStart),
				newClass(t, e, 2031, 2, 3, classStart),
				newClass(t, e, 2032, 1, 4, classStart),
			}
			owners := make([]int64, 50)
			for i := range owners {
				owners[i] = newUserID()
			}
			cleanupUser(t, e.rdb, owners...)
			regions := []string{"BDL", "MET", "LSL"}
			sectors := []string{"KOPI", "TAPIS", ikmbot.SectorOther}
			exports := ikmbot.ExportStatuses
			levels := []ikmbot.Level{ikmbot.LevelPemula, ikmbot.LevelMenengah, ikmbot.LevelMahir}
			certTypes := []string{"NIB", "NPWP", "MEREK"}
			expiries := []time.Time{
				{}, // none
				time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), // expired yesterday
				time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), // last valid day
				time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC),
			}
			pick := func(n int) int { return rng.IntN(n) }

			profile := func(id int64) ikmbot.Profile {
				p := sampleProfile(id)
				p.Region = regions[pick(len(regions))]
				p.Sector = sectors[pick(len(sectors))]
				p.ExportStatus = exports[pick(len(exports))]
				return p
			}
			for step := range 600 {
				id := owners[pick(len(owners))]
				u, _, err := e.store.LoadUser(ctx, id)
				if err != nil {
					t.Fatalf("step %d: LoadUser: %v", step, err)
				}
				class := classes[pick(len(classes))]
				switch op := pick(9); op {
				case 0: // sign-up, or a profile edit when signed up
					p := profile(id)
					err = e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: u.Profile == nil,
						PreviousLevel: u.Level, PreviousRegion: u.LevelRegion, ClearSession: true})
				case 1: // readiness result, or a retake
					region := ""
					if u.Profile != nil {
						region = u.Profile.Region
					}
					a := sampleAssessment(id, levels[pick(len(levels))], region, testNow)
					err = e.store.Apply(ctx, ikmbot.Change{UserID: id, Assessment: &a,
						PreviousLevel: u.Level, PreviousRegion: u.LevelRegion, Session: sampleSession()})
				case 2, 3:
					// As in the bot, only an owner with a profile enrols
					// (see stats.go on why that matters).
					if u.Profile != nil {
						_, err = e.store.Enrol(ctx, class.ID, id, testNow, pick(2) == 0)
					}
				case 4:
					_, _, err = e.store.Leave(ctx, class.ID, id, testNow)
				case 5:
					if pick(8) == 0 {
						r, rerr := e.store.Roster(ctx, class.ID)
						if rerr != nil {
							t.Fatalf("step %d: Roster: %v", step, rerr)
						}
						var some []int64
						for _, o := range r.Enrolled {
							if pick(2) == 0 {
								some = append(some, o)
							}
						}
						err = e.store.CompleteClass(ctx, class.ID, some)
					}
				case 6, 7:
					c := ikmbot.Certificate{Type: certTypes[pick(len(certTypes))], Status: ikmbot.CertHeld,
						Expires: expiries[pick(len(expiries))], UpdatedAt: testNow}
					if pick(4) == 0 {
						c.Status, c.Expires = ikmbot.CertApplying, time.Time{}
					}
					if pick(4) == 0 {
						err = e.store.DeleteCertificate(ctx, id, c.Type, nil)
					} else {
						err = e.store.SaveCertificate(ctx, id, c, nil, nil)
					}
				case 8:
					if pick(4) == 0 {
						err = e.store.DeleteOwnerData(ctx, id)
					} else {
						// A plain conversation step: moves nothing.
						err = e.store.Apply(ctx, ikmbot.Change{UserID: id, Session: sampleSession()})
					}
				}
				if err != nil && ikmbot.ErrorCode(err) == "" {
					t.Fatalf("step %d: %v", step, err)
				}
			}

			want := recountFunnel(t, e, classes)
			if len(want) == 0 {
				t.Fatal("recount is empty: the sequence reached no owner")
			}
			got, err := e.store.FunnelCounts(ctx)
			if err != nil {
				t.Fatalf("FunnelCounts: %v", err)
			}
			if diff := cmp.Diff(want, flatCounts(got)); diff != "" {
				t.Errorf("FunnelCounts differ from the recount (-want +got):\n%s", diff)
			}

			sameSignedUp(t, e, "after the sequence")

			// Spoil the counters, then repair them.
			e.rdb.ZRem(ctx, signedUpKey(), owners[0], owners[1])
			e.rdb.HIncrBy(ctx, funnelStatsKey(), string(ikmbot.StageCertified), 7)
			e.rdb.HSet(ctx, funnelStatsKey(), "stale:r:XXX", 3)
			if err := e.store.RepairFunnel(ctx); err != nil {
				t.Fatalf("RepairFunnel: %v", err)
			}
			got, err = e.store.FunnelCounts(ctx)
			if err != nil {
				t.Fatalf("FunnelCounts: %v", err)
			}
			if diff := cmp.Diff(want, flatCounts(got)); diff != "" {
				t.Errorf("FunnelCounts after RepairFunnel differ from the recount (-want +got):\n%s", diff)
			}
			if n, _ := e.rdb.Exists(ctx, funnelRepairKey(), signedUpRepairKey()).Result(); n != 0 {
				t.Errorf("%s or %s left behind", funnelRepairKey(), signedUpRepairKey())
			}
			sameSignedUp(t, e, "after the repair")
		})
	}
}

// sameSignedUp checks that the index of when owners signed up holds
// exactly the owners: the weekly sign-ups of /statistik count no deleted
// owner and miss none.
func sameSignedUp(t *testing.T, e env, when string) {
	t.Helper()
	ctx := t.Context()
	indexed, err := e.rdb.ZRange(ctx, signedUpKey(), 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	owners, err := e.rdb.SMembers(ctx, ownersKey()).Result()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(indexed)
	slices.Sort(owners)
	if diff := cmp.Diff(owners, indexed); diff != "" {
		t.Errorf("%s, the sign-up index differs from the owners (-owners +index):\n%s", when, diff)
	}
}

// TestFunnelCountsFollowWrites checks each stage on one owner, step by step.
func TestFunnelCountsFollowWrites(t *testing.T) {
	e := newDueEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	class := newClass(t, e, 2033, 1, 5, testNow.Add(30*24*time.Hour))

	check := func(step string, want map[string]int64) {
		t.Helper()
		got, err := e.store.FunnelCounts(ctx)
		if err != nil {
			t.Fatalf("%s: FunnelCounts: %v", step, err)
		}
		if diff := cmp.Diff(want, flatCounts(got)); diff != "" {
			t.Errorf("%s: counts (-want +got):\n%s", step, diff)
		}
	}
	stage := func(want map[string]int64, st ikmbot.FunnelStage, region, sector string) {
		want[string(st)] = 1
		want[string(st)+":r:"+region] = 1
		want[string(st)+":s:"+sector] = 1
	}

	p := sampleProfile(id) // BDL, KOPI, never exported
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	want := map[string]int64{}
	stage(want, ikmbot.StageSignedUp, "BDL", "KOPI")
	check("sign-up", want)

	a := sampleAssessment(id, ikmbot.LevelPemula, "BDL", testNow)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Assessment: &a}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	stage(want, ikmbot.StageChecked, "BDL", "KOPI")
	check("readiness", want)

	enrol(t, e.store, class.ID, id, false, ikmbot.SeatEnrolled)
	stage(want, ikmbot.StageEnrolled, "BDL", "KOPI")
	check("enrol", want)

	if err := e.store.CompleteClass(ctx, class.ID, []int64{id}); err != nil {
		t.Fatalf("CompleteClass: %v", err)
	}
	stage(want, ikmbot.StageCompleted, "BDL", "KOPI")
	check("complete", want)

	for _, code := range []string{"NIB", "NPWP"} {
		c := ikmbot.Certificate{Type: code, Status: ikmbot.CertHeld, UpdatedAt: testNow}
		if err := e.store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
			t.Fatalf("SaveCertificate: %v", err)
		}
	}
	stage(want, ikmbot.StageCertified, "BDL", "KOPI")
	check("certified", want)

	// A profile edit to exporting and another region and sector moves
	// every stage; TAPIS's core list also needs MEREK, so certified goes.
	p.Region, p.Sector, p.ExportStatus = "MET", "TAPIS", ikmbot.ExportDirect
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, PreviousLevel: ikmbot.LevelPemula, PreviousRegion: "BDL"}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	want = map[string]int64{}
	for _, st := range []ikmbot.FunnelStage{ikmbot.StageSignedUp, ikmbot.StageChecked, ikmbot.StageEnrolled, ikmbot.StageCompleted, ikmbot.StageExporting} {
		stage(want, st, "MET", "TAPIS")
	}
	check("profile edit", want)

	if err := e.store.DeleteOwnerData(ctx, id); err != nil {
		t.Fatalf("DeleteOwnerData: %v", err)
	}
	check("deleted", map[string]int64{})
	if v, _ := e.rdb.HGet(ctx, userKey(id), fieldFunnel).Result(); v != "" {
		t.Errorf("%s after DeleteOwnerData = %q, want none", fieldFunnel, v)
	}
}

// TestFunnelRoundTrips checks what the counters cost the hot path: a
// conversation step that saves only a session sends no script, and a
// profile or assessment keeps Apply at one round trip (two on Cluster).
func TestFunnelRoundTrips(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	t.Cleanup(func() { e.store.DeleteOwnerData(context.Background(), id) })
	n := CountRoundTrips(e.rdb)
	p := sampleProfile(id)
	a := sampleAssessment(id, ikmbot.LevelPemula, "BDL", testNow)

	tests := []struct {
		name     string
		cluster  bool
		change   ikmbot.Change
		trips    int64
		commands int64 // 0: not checked
	}{
		{"session", false, ikmbot.Change{UserID: id, Session: sampleSession()}, 1, 3}, // MULTI, SET, EXEC
		{"session on cluster", true, ikmbot.Change{UserID: id, Session: sampleSession()}, 1, 3},
		{"profile", false, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}, 1, 0},
		{"assessment", false, ikmbot.Change{UserID: id, Assessment: &a}, 1, 0},
		{"profile on cluster", true, ikmbot.Change{UserID: id, Profile: &p}, 2, 0},
	}
	for _, tt := range tests {
		e.store.cluster = tt.cluster
		n.Reset()
		if err := e.store.Apply(ctx, tt.change); err != nil {
			t.Fatalf("%s: Apply: %v", tt.name, err)
		}
		if got := n.RoundTrips(); got != tt.trips {
			t.Errorf("%s: %v, want %d round trips", tt.name, n, tt.trips)
		}
		if got := n.Commands(); tt.commands != 0 && got != tt.commands {
			t.Errorf("%s: %v, want %d commands", tt.name, n, tt.commands)
		}
	}
}

func TestFunnelDelta(t *testing.T) {
	signed := ikmbot.FunnelFlags(0).With(ikmbot.StageSignedUp)
	checked := signed.With(ikmbot.StageChecked)
	tests := []struct {
		name     string
		old, new string
		want     map[string]int64
	}{
		{"same", formatFunnel(signed, "BDL", "KOPI"), formatFunnel(signed, "BDL", "KOPI"), map[string]int64{}},
		{"sign-up", "", formatFunnel(signed, "BDL", "KOPI"),
			map[string]int64{"signed_up": 1, "signed_up:r:BDL": 1, "signed_up:s:KOPI": 1}},
		{"checked", formatFunnel(signed, "BDL", "KOPI"), formatFunnel(checked, "BDL", "KOPI"),
			map[string]int64{"checked": 1, "checked:r:BDL": 1, "checked:s:KOPI": 1}},
		{"moved region", formatFunnel(signed, "BDL", "KOPI"), formatFunnel(signed, "MET", "KOPI"),
			map[string]int64{"signed_up:r:BDL": -1, "signed_up:r:MET": 1}},
		{"deleted", formatFunnel(checked, "BDL", ""), "",
			map[string]int64{"signed_up": -1, "signed_up:r:BDL": -1, "checked": -1, "checked:r:BDL": -1}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, funnelDelta(tt.old, tt.new)); diff != "" {
			t.Errorf("%s: funnelDelta (-want +got):\n%s", tt.name, diff)
		}
	}
}
