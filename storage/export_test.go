package storage

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// exportOf runs ExportOwners and returns the records by owner and how
// many batches they came in.
func exportOf(t *testing.T, e env, a ikmbot.Audience) (map[int64]ikmbot.OwnerRecord, int) {
	t.Helper()
	got := map[int64]ikmbot.OwnerRecord{}
	batches := 0
	err := e.store.ExportOwners(t.Context(), a, func(recs []ikmbot.OwnerRecord) error {
		batches++
		if len(recs) > 2*audienceBatch { // SSCAN's count is a hint, a little over at times
			t.Errorf("a batch of %d records", len(recs))
		}
		for _, r := range recs {
			if _, dup := got[r.User.ID]; dup {
				t.Errorf("owner %d exported twice", r.User.ID)
			}
			got[r.User.ID] = r
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ExportOwners(%+v): %v", a, err)
	}
	return got, batches
}

func sortedIDs(m map[int64]ikmbot.OwnerRecord) []int64 {
	var ids []int64
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// TestExportOwners: 1,100 plain owners (several scan batches) and four in
// Tanggamus with something of every table: a full record, one on a
// waiting list, one who blocked the bot and turned announcements off, one
// who deleted their data. The whole export and the ones narrowed by
// region, class and certificate have exactly their owners, the full
// record has everything, and the round trips do not grow with the owners.
func TestExportOwners(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // reads every owner and every class of the server
	ctx := t.Context()
	signUp := func(id int64, region string) {
		t.Helper()
		p := sampleProfile(id)
		p.Region = region
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
			t.Fatal(err)
		}
	}
	var tgm []int64
	for i := range 1100 {
		id := int64(9_200_000_000_000 + i)
		region := "BDL"
		if i%10 == 0 {
			region = "TGM"
			tgm = append(tgm, id)
		}
		signUp(id, region)
	}

	mentor, staff := int64(9_300_000_000_001), int64(9_300_000_000_002)
	for id, who := range map[int64]struct {
		role ikmbot.Role
		name string
	}{mentor: {ikmbot.RoleMentor, "Rina"}, staff: {ikmbot.RoleStaff, "Andi"}} {
		if err := e.store.SetRole(ctx, id, who.role); err != nil {
			t.Fatal(err)
		}
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Name: who.name}); err != nil {
			t.Fatal(err)
		}
	}

	full, waiting, blocked, deleted := int64(9_300_000_000_010), int64(9_300_000_000_011), int64(9_300_000_000_012), int64(9_300_000_000_013)
	for _, id := range []int64{full, waiting, blocked, deleted} {
		signUp(id, "TGM")
	}
	// Two readiness checks.
	first := sampleAssessment(full, ikmbot.LevelPemula, "TGM", testNow.Add(-48*time.Hour))
	second := sampleAssessment(full, ikmbot.LevelMenengah, "TGM", testNow)
	for _, a := range []ikmbot.Assessment{first, second} {
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: full, Assessment: &a}); err != nil {
			t.Fatal(err)
		}
	}
	// A halal certificate.
	halal := ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertHeld, Number: "ID-01",
		Issued: utcDay(2025, 1, 10), Expires: utcDay(2029, 1, 10), UpdatedAt: testNow}
	if err := e.store.SaveCertificate(ctx, full, halal, nil, nil); err != nil {
		t.Fatal(err)
	}
	// A class of one seat: the full record completes it, the other waits.
	year := newYear()
	class := newClass(t, e, year, 1, 1, time.Date(year, 5, 4, 3, 0, 0, 0, time.UTC))
	if r, err := e.store.Enrol(ctx, class.ID, full, testNow, false); err != nil || r.Status != ikmbot.SeatEnrolled {
		t.Fatalf("enrol = %+v, %v", r, err)
	}
	later := testNow.Add(time.Hour)
	if r, err := e.store.Enrol(ctx, class.ID, waiting, later, true); err != nil || r.Status != ikmbot.SeatWaiting {
		t.Fatalf("enrol = %+v, %v", r, err)
	}
	if err := e.store.CompleteClass(ctx, class.ID, []int64{full}); err != nil {
		t.Fatal(err)
	}
	class.Status = ikmbot.ClassFinished
	// A help request staff took.
	help, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: full, Region: "TGM", CertType: "HALAL", Text: "Bagaimana cara perpanjang?"})
	if err != nil {
		t.Fatal(err)
	}
	if help, err = e.store.TakeHelp(ctx, help.ID, staff, later); err != nil {
		t.Fatal(err)
	}
	// A mentor and a visit.
	if _, err := e.store.AssignMentor(ctx, []int64{full}, mentor, testNow, nil); err != nil {
		t.Fatal(err)
	}
	visit := ikmbot.FollowUp{OwnerID: full, MentorID: mentor, Kind: ikmbot.FollowVisit, Note: "ke pabrik", At: later}
	if err := e.store.AddHistory(ctx, visit); err != nil {
		t.Fatal(err)
	}
	// Target countries: the full record two, the one who blocks the bot
	// one of them.
	for id, markets := range map[int64][]string{full: {"JP", "US"}, blocked: {"JP"}} {
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Markets: &markets}); err != nil {
			t.Fatal(err)
		}
	}
	// The third blocked the bot and turned announcements off; the fourth
	// deleted everything, a help request too.
	off := false
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: blocked, Broadcasts: &off}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.MarkUnreachable(ctx, blocked); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: deleted, Text: "tolong"}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.DeleteOwnerData(ctx, deleted); err != nil {
		t.Fatal(err)
	}

	// Everyone: in several batches, in a few round trips each.
	trips := CountRoundTrips(e.rdb)
	all, batches := exportOf(t, e, ikmbot.Audience{})
	if len(all) != 1100+3 {
		t.Errorf("exported %d owners, want %d", len(all), 1100+3)
	}
	if batches < 2 {
		t.Errorf("%d batches, want several", batches)
	}
	// Once: the classes (3) and the role holders' names (2); per scan
	// (one more than the batches at most): SSCAN, the users and two
	// pipelines.
	t.Logf("%d owners in %d batches: %s", len(all), batches, trips)
	if n, most := trips.RoundTrips(), int64(5+4*(batches+1)); n > most {
		t.Errorf("%s for %d batches, want at most %d round trips", trips, batches, most)
	}
	if _, ok := all[deleted]; ok {
		t.Error("the deleted owner was exported")
	}
	for _, id := range []int64{mentor, staff} {
		if _, ok := all[id]; ok {
			t.Errorf("role holder %d without a profile was exported", id)
		}
	}

	// Tanggamus: the plain ones and three of the four, the one who
	// blocked the bot too (a broadcast leaves them out).
	got, _ := exportOf(t, e, ikmbot.Audience{Regions: []string{"TGM"}})
	want := append(slices.Clone(tgm), full, waiting, blocked)
	slices.Sort(want)
	if diff := cmp.Diff(want, sortedIDs(got)); diff != "" {
		t.Errorf("Tanggamus export (-want +got):\n%s", diff)
	}
	if n, err := e.store.CountAudience(ctx, ikmbot.Audience{Regions: []string{"TGM"}}); err != nil || n != int64(len(want)-1) {
		t.Errorf("CountAudience = %d, %v; want %d, without the one who blocked the bot", n, err, len(want)-1)
	}
	if b := got[blocked].User; !b.Unreachable || !b.NoBroadcasts || b.Profile == nil {
		t.Errorf("blocked owner exported as %+v", b)
	}

	rec := got[full]
	if rec.User.Profile == nil || rec.User.Profile.BusinessName != sampleProfile(full).BusinessName || rec.User.Level != ikmbot.LevelMenengah {
		t.Errorf("user %+v, want the profile and the latest level", rec.User)
	}
	if diff := cmp.Diff([]string{"JP", "US"}, rec.User.TargetMarkets); diff != "" {
		t.Errorf("target countries (-want +got):\n%s", diff)
	}
	if len(rec.Assessments) != 2 || rec.Assessments[0].Result.Level != ikmbot.LevelPemula || !rec.Assessments[1].At.Equal(testNow) {
		t.Errorf("assessments %+v, want both, oldest first", rec.Assessments)
	}
	if diff := cmp.Diff([]ikmbot.Certificate{halal}, rec.Certs); diff != "" {
		t.Errorf("certificates (-want +got):\n%s", diff)
	}
	wantClass := []ikmbot.Enrolment{{Class: class, Seat: ikmbot.SeatEnrolled, Since: testNow, Completed: true}}
	if diff := cmp.Diff(wantClass, rec.Enrolments); diff != "" {
		t.Errorf("enrolments (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ikmbot.HelpRequest{help}, rec.Help); diff != "" {
		t.Errorf("help requests (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ikmbot.FollowUp{visit}, rec.FollowUps); diff != "" {
		t.Errorf("follow-ups (-want +got):\n%s", diff)
	}
	if rec.MentorID != mentor || rec.MentorName != "Rina" || rec.Names[staff] != "Andi" {
		t.Errorf("mentor %d %q, staff %q; want %d Rina, Andi", rec.MentorID, rec.MentorName, rec.Names[staff], mentor)
	}
	wantWait := []ikmbot.Enrolment{{Class: class, Seat: ikmbot.SeatWaiting, Since: later}}
	if diff := cmp.Diff(wantWait, got[waiting].Enrolments); diff != "" {
		t.Errorf("waiting owner's enrolments (-want +got):\n%s", diff)
	}
	if r := got[tgm[0]]; len(r.Assessments)+len(r.Certs)+len(r.Enrolments)+len(r.Help)+len(r.FollowUps) != 0 || r.MentorID != 0 {
		t.Errorf("a plain owner has %+v", r)
	}

	// Narrowed by class and by certificate: only the full record.
	for _, a := range []ikmbot.Audience{{Class: ikmbot.ClassFilterCompleted}, {CertType: "HALAL"}} {
		got, _ := exportOf(t, e, a)
		if diff := cmp.Diff([]int64{full}, sortedIDs(got)); diff != "" {
			t.Errorf("export of %+v (-want +got):\n%s", a, diff)
		}
	}
	// Targeting Japan: the full record and the one who blocked the bot,
	// whom a broadcast leaves out.
	got, _ = exportOf(t, e, ikmbot.Audience{Markets: []string{"JP"}})
	if diff := cmp.Diff([]int64{full, blocked}, sortedIDs(got)); diff != "" {
		t.Errorf("export of owners targeting Japan (-want +got):\n%s", diff)
	}
	if n, err := e.store.CountAudience(ctx, ikmbot.Audience{Markets: []string{"JP"}}); err != nil || n != 1 {
		t.Errorf("CountAudience(targeting Japan) = %d, %v; want 1, without the one who blocked the bot", n, err)
	}
	// Lacking halal in Tanggamus: everyone there but the full record.
	got, _ = exportOf(t, e, ikmbot.Audience{Regions: []string{"TGM"}, CertType: "HALAL", CertLacking: true})
	if len(got) != len(want)-1 {
		t.Errorf("Tanggamus owners lacking halal: %d, want %d", len(got), len(want)-1)
	}
}

// TestExportOwnersStopsOnError: fn's error ends the export and comes back
// as it is.
func TestExportOwnersStopsOnError(t *testing.T) {
	e := newEnv(t)
	id := audienceOwner(t, e, "TGM")
	stop := ikmbot.Errorf(ikmbot.EConflict, "stop")
	calls := 0
	err := e.store.ExportOwners(t.Context(), ikmbot.Audience{}, func(recs []ikmbot.OwnerRecord) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("ExportOwners = %v after %d calls, want %v after 1 (owner %d)", err, calls, stop, id)
	}
}
