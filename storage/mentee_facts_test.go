package storage

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

func TestMenteeAndMentorsOf(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	a, b, o1, o2, none := newUserID(), newUserID(), newUserID(), newUserID(), newUserID()
	cleanupMentors(t, e, []int64{a, b}, []int64{o1, o2})
	if _, err := e.store.AssignMentor(ctx, []int64{o1, o2}, a, testNow, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.AssignMentor(ctx, []int64{o2}, b, testNow.Add(time.Hour), nil); err != nil {
		t.Fatal(err)
	}
	m, ok, err := e.store.Mentee(ctx, a, o1)
	if err != nil || !ok || m.OwnerID != o1 || !m.Last.Equal(testNow) {
		t.Errorf("Mentee(a, o1) = %+v, %v, %v; want o1 since %v", m, ok, err, testNow)
	}
	// o2 moved to b: no longer a's.
	if _, ok, err := e.store.Mentee(ctx, a, o2); ok || err != nil {
		t.Errorf("Mentee(a, o2) = %v, %v; want not a's", ok, err)
	}
	if m, ok, _ := e.store.Mentee(ctx, b, o2); !ok || !m.Last.Equal(testNow.Add(time.Hour)) {
		t.Errorf("Mentee(b, o2) = %+v, %v", m, ok)
	}
	got, err := e.store.MentorsOf(ctx, []int64{o1, o2, none})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, map[int64]int64{o1: a, o2: b}); diff != "" {
		t.Errorf("MentorsOf (-got +want):\n%s", diff)
	}
	if got, err := e.store.MentorsOf(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("MentorsOf(nil) = %v, %v", got, err)
	}
}

// TestMenteeFacts reads a page of owners' certificates in process, help
// requests not closed and ongoing classes, in three round trips.
func TestMenteeFacts(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	o1, o2, o3 := newUserID(), newUserID(), newUserID()
	cleanupCerts(t, e.rdb, o1, o2, o3)

	halal := ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertApplying, Since: utcDay(2026, 1, 5), UpdatedAt: testNow}
	nib := ikmbot.Certificate{Type: "NIB", Status: ikmbot.CertApplying, UpdatedAt: testNow}
	held := ikmbot.Certificate{Type: "BPOM_MD", Status: ikmbot.CertHeld, UpdatedAt: testNow}
	for _, c := range []ikmbot.Certificate{halal, held, nib} {
		if err := e.store.SaveCertificate(ctx, o1, c, nil, nil); err != nil {
			t.Fatalf("SaveCertificate(%s): %v", c.Type, err)
		}
	}
	closed := openHelp(t, e, o1, "BDL", "Sudah dijawab, terima kasih.")
	if _, err := e.store.CloseHelp(ctx, closed.ID, ikmbot.HelpStep{At: testNow, Role: ikmbot.RoleStaff}); err != nil {
		t.Fatal(err)
	}
	open1 := openHelp(t, e, o1, "BDL", "Bagaimana cara daftar halal?")
	open2 := openHelp(t, e, o2, "MET", "Cari pembeli di Jepang.")

	// o1 holds a seat in an ongoing class and one in a finished one; o2
	// only waits for a full class.
	year := newYear()
	ongoing := newClass(t, e, year, 1, 1, classStart)
	finished := newClass(t, e, year, 2, 1, classStart)
	enrol(t, e.store, ongoing.ID, o1, true, ikmbot.SeatEnrolled)
	enrol(t, e.store, ongoing.ID, o2, true, ikmbot.SeatWaiting)
	enrol(t, e.store, finished.ID, o1, true, ikmbot.SeatEnrolled)
	if err := e.store.CompleteClass(ctx, finished.ID, []int64{o1}); err != nil {
		t.Fatal(err)
	}

	trips := CountRoundTrips(e.rdb)
	applying, help, classes, err := e.store.MenteeFacts(ctx, []int64{o1, o2, o3}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if n := trips.RoundTrips(); n > 3 {
		t.Errorf("MenteeFacts took %s, want at most 3 round trips", trips)
	}
	var types []string
	for _, c := range applying[o1] {
		types = append(types, c.Type)
	}
	if diff := cmp.Diff(types, []string{"NIB", "HALAL"}); diff != "" || len(applying) != 1 {
		t.Errorf("applying = %v (-got +want):\n%s", applying, diff)
	}
	if diff := cmp.Diff(help, map[int64][]string{o1: {open1.ID}, o2: {open2.ID}}); diff != "" {
		t.Errorf("open help (-got +want):\n%s", diff)
	}
	if len(classes) != 1 || len(classes[o1]) != 1 || classes[o1][0].ID != ongoing.ID {
		t.Errorf("classes = %+v, want o1 in %s only", classes, ongoing.ID)
	}
	// After the class, it no longer counts.
	if _, _, classes, _ := e.store.MenteeFacts(ctx, []int64{o1}, ongoing.Ends().Add(time.Minute)); len(classes) != 0 {
		t.Errorf("classes after the last meeting = %+v", classes)
	}
	if a, h, c, err := e.store.MenteeFacts(ctx, nil, testNow); err != nil || len(a)+len(h)+len(c) != 0 {
		t.Errorf("MenteeFacts(nil) = %v, %v, %v, %v", a, h, c, err)
	}
}
