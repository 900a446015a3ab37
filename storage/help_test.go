package storage

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"ikmbot"
	"ikmbot/storage/redistest"
)

// cleanupHelp deletes the help requests with these ids, wherever they are
// queued, when the test ends.
func cleanupHelp(t *testing.T, rdb *redis.Client, ids ...string) {
	t.Helper()
	t.Cleanup(func() {
		ctx := context.Background()
		for _, id := range ids {
			rdb.Del(ctx, helpKey(id), helpHistoryKey(id))
			rdb.ZRem(ctx, helpOpenKey(), id)
			for _, r := range ikmbot.Regions() {
				rdb.ZRem(ctx, helpOpenRegionKey(r.Code), id)
			}
		}
	})
}

// openHelp opens a help request of the owner in region and cleans it up
// when the test ends.
func openHelp(t *testing.T, e env, owner int64, region, text string) ikmbot.HelpRequest {
	t.Helper()
	r, err := e.store.OpenHelp(t.Context(), ikmbot.HelpRequest{OwnerID: owner, Region: region, Text: text})
	if err != nil {
		t.Fatalf("OpenHelp: %v", err)
	}
	cleanupHelp(t, e.rdb, r.ID)
	cleanupCerts(t, e.rdb, owner)
	return r
}

// helpIDs returns the ids of reqs, in order.
func helpIDs(reqs []ikmbot.HelpRequest) []string {
	ids := make([]string, len(reqs))
	for i, r := range reqs {
		ids[i] = r.ID
	}
	return ids
}

// stepKinds returns the kinds of a request's history, in order.
func stepKinds(r ikmbot.HelpRequest) []string {
	kinds := make([]string, len(r.History))
	for i, st := range r.History {
		kinds[i] = st.Kind
	}
	return kinds
}

func TestOpenHelp(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	openedBefore := hashCounter(t, e.rdb, helpStatsKey(), fieldHelpOpened)
	regionBefore := hashCounter(t, e.rdb, helpStatsKey(), fieldHelpOpenedRegion+"BDL")
	wib := time.FixedZone("WIB", 7*3600)
	got, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{
		ID: "999", Status: ikmbot.HelpClosed, TakenBy: 7, // ignored
		OwnerID: owner, Region: "BDL", CertType: "HALAL", Text: "Bagaimana cara daftar halal gratis? 🙏",
		CreatedAt: testNow.In(wib),
	})
	if err != nil {
		t.Fatal(err)
	}
	cleanupHelp(t, e.rdb, got.ID)
	cleanupCerts(t, e.rdb, owner)
	if !helpID(got.ID) || got.ID == "999" {
		t.Errorf("id %q, want a fresh sequence number", got.ID)
	}
	want := ikmbot.HelpRequest{
		ID: got.ID, OwnerID: owner, Region: "BDL", CertType: "HALAL", Text: "Bagaimana cara daftar halal gratis? 🙏",
		Status: ikmbot.HelpOpen, CreatedAt: testNow,
		History: []ikmbot.HelpStep{{At: testNow, By: owner, Role: ikmbot.RoleOwner, Kind: ikmbot.HelpStepOpened}},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("OpenHelp (-got +want):\n%s", diff)
	}
	if got.CreatedAt.Location() != time.UTC || got.History[0].At.Location() != time.UTC {
		t.Errorf("times not in UTC: %s, %s", got.CreatedAt, got.History[0].At)
	}
	read, err := e.store.Help(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(read, want); diff != "" {
		t.Errorf("Help (-got +want):\n%s", diff)
	}
	if d := hashCounter(t, e.rdb, helpStatsKey(), fieldHelpOpened) - openedBefore; d != 1 {
		t.Errorf("opened counter moved by %d, want 1", d)
	}
	if d := hashCounter(t, e.rdb, helpStatsKey(), fieldHelpOpenedRegion+"BDL") - regionBefore; d != 1 {
		t.Errorf("opened in BDL counter moved by %d, want 1", d)
	}

	// Without a time or a region, and the next id.
	next, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: owner, Text: "Tolong bantu ekspor"})
	if err != nil {
		t.Fatal(err)
	}
	cleanupHelp(t, e.rdb, next.ID)
	a, _ := strconv.Atoi(got.ID)
	b, _ := strconv.Atoi(next.ID)
	if b <= a || !next.CreatedAt.Equal(testNow) || next.Region != "" {
		t.Errorf("second request %+v, want a higher id than %s, created at the Store's now, no region", next, got.ID)
	}
	mine, err := e.store.HelpOf(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(helpIDs(mine), []string{next.ID, got.ID}); diff != "" {
		t.Errorf("HelpOf ids, newest first (-got +want):\n%s", diff)
	}
	if none, err := e.store.HelpOf(ctx, newUserID()); err != nil || len(none) != 0 {
		t.Errorf("HelpOf a stranger = %v, %v; want none", none, err)
	}
}

func TestOpenHelpRefuses(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	cleanupCerts(t, e.rdb, owner)
	tests := []struct {
		name string
		r    ikmbot.HelpRequest
	}{
		{"no owner", ikmbot.HelpRequest{Text: "tolong"}},
		{"no text or certification", ikmbot.HelpRequest{OwnerID: owner, Text: "  "}},
		{"unknown certification", ikmbot.HelpRequest{OwnerID: owner, Text: "x", CertType: "NOPE"}},
		{"unknown region", ikmbot.HelpRequest{OwnerID: owner, Text: "x", Region: "XYZ:1"}},
		{"bad history", ikmbot.HelpRequest{OwnerID: owner, Text: "x", History: []ikmbot.HelpStep{{Kind: "note", Role: "boss"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.store.OpenHelp(ctx, tt.r)
			wantCode(t, err, ikmbot.EInvalid)
		})
	}
	if mine, err := e.store.HelpOf(ctx, owner); err != nil || len(mine) != 0 {
		t.Errorf("HelpOf after refusals = %v, %v; want none", mine, err)
	}
	// A certification alone is a request.
	r, err := e.store.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: owner, CertType: "BPOM_MD"})
	if err != nil {
		t.Errorf("request about a certification without text: %v", err)
	} else {
		cleanupHelp(t, e.rdb, r.ID)
	}
}

func TestHelpNotFound(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	for _, id := range []string{"", "0", "-1", "01", "abc", "1:2", "99999999999"} {
		_, err := e.store.Help(ctx, id)
		wantCode(t, err, ikmbot.ENotFound)
		_, err = e.store.TakeHelp(ctx, id, 1, testNow)
		wantCode(t, err, ikmbot.ENotFound)
		_, err = e.store.AddHelpStep(ctx, id, ikmbot.HelpStep{Kind: ikmbot.HelpStepReply, Role: ikmbot.RoleStaff})
		wantCode(t, err, ikmbot.ENotFound)
		_, err = e.store.CloseHelp(ctx, id, ikmbot.HelpStep{Role: ikmbot.RoleStaff})
		wantCode(t, err, ikmbot.ENotFound)
	}
}

func TestHelpLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner, staff, other := newUserID(), newUserID(), newUserID()
	r := openHelp(t, e, owner, "LTM", "Saya butuh sertifikat fitosanitari untuk lada")
	closedBefore := hashCounter(t, e.rdb, helpStatsKey(), fieldHelpClosed)

	took := testNow.Add(time.Minute)
	got, err := e.store.TakeHelp(ctx, r.ID, staff, took)
	if err != nil {
		t.Fatalf("TakeHelp: %v", err)
	}
	if got.Status != ikmbot.HelpTaken || got.TakenBy != staff {
		t.Errorf("after TakeHelp: status %q taken by %d, want taken by %d", got.Status, got.TakenBy, staff)
	}
	wantTaken := ikmbot.HelpStep{At: took, By: staff, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepTaken}
	if diff := cmp.Diff(got.History[len(got.History)-1], wantTaken); diff != "" {
		t.Errorf("taken step (-got +want):\n%s", diff)
	}
	// Again by the same staff member: fine, nothing added.
	again, err := e.store.TakeHelp(ctx, r.ID, staff, took.Add(time.Hour))
	if err != nil || len(again.History) != 2 || again.TakenBy != staff {
		t.Errorf("taking again = %+v, %v; want unchanged, no error", again, err)
	}
	// By someone else: a conflict that says who has it.
	lost, err := e.store.TakeHelp(ctx, r.ID, other, took)
	wantCode(t, err, ikmbot.EConflict)
	if lost.ID != r.ID || lost.TakenBy != staff {
		t.Errorf("conflicting take returned %+v, want the request taken by %d", lost, staff)
	}

	reply := ikmbot.HelpStep{By: staff, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepReply, Text: "Silakan datang ke Balai Karantina"}
	got, err = e.store.AddHelpStep(ctx, r.ID, reply)
	if err != nil {
		t.Fatalf("AddHelpStep reply: %v", err)
	}
	reply.At = testNow // the Store's clock fills in a missing time
	if diff := cmp.Diff(got.History[len(got.History)-1], reply); diff != "" {
		t.Errorf("reply step (-got +want):\n%s", diff)
	}
	note := ikmbot.HelpStep{At: testNow.Add(time.Hour), By: owner, Role: ikmbot.RoleOwner, Kind: ikmbot.HelpStepNote, Text: "Terima kasih"}
	if _, err := e.store.AddHelpStep(ctx, r.ID, note); err != nil {
		t.Fatalf("AddHelpStep note: %v", err)
	}
	for _, bad := range []ikmbot.HelpStep{
		{Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepClosed},
		{Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepTaken},
		{Role: ikmbot.RoleStaff},
		{Role: "boss", Kind: ikmbot.HelpStepReply},
	} {
		_, err := e.store.AddHelpStep(ctx, r.ID, bad)
		wantCode(t, err, ikmbot.EInvalid)
	}

	_, err = e.store.CloseHelp(ctx, r.ID, ikmbot.HelpStep{By: staff, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepReply})
	wantCode(t, err, ikmbot.EInvalid)
	closedAt := testNow.Add(2 * time.Hour)
	got, err = e.store.CloseHelp(ctx, r.ID, ikmbot.HelpStep{At: closedAt, By: staff, Role: ikmbot.RoleStaff, Text: "Selesai"})
	if err != nil {
		t.Fatalf("CloseHelp: %v", err)
	}
	want := []string{ikmbot.HelpStepOpened, ikmbot.HelpStepTaken, ikmbot.HelpStepReply, ikmbot.HelpStepNote, ikmbot.HelpStepClosed}
	if diff := cmp.Diff(stepKinds(got), want); diff != "" {
		t.Errorf("history kinds (-got +want):\n%s", diff)
	}
	if got.Status != ikmbot.HelpClosed || got.TakenBy != staff || !got.History[4].At.Equal(closedAt) || got.History[4].Text != "Selesai" {
		t.Errorf("closed request %+v", got)
	}
	if d := hashCounter(t, e.rdb, helpStatsKey(), fieldHelpClosed) - closedBefore; d != 1 {
		t.Errorf("closed counter moved by %d, want 1", d)
	}
	for _, key := range []string{helpOpenKey(), helpOpenRegionKey("LTM")} {
		if _, err := e.rdb.ZScore(ctx, key, r.ID).Result(); err != redis.Nil {
			t.Errorf("closed request still in %s (%v)", key, err)
		}
	}

	// Nothing changes a closed request, and each refusal returns it.
	after, err := e.store.CloseHelp(ctx, r.ID, ikmbot.HelpStep{By: owner, Role: ikmbot.RoleOwner})
	wantCode(t, err, ikmbot.EConflict)
	if after.Status != ikmbot.HelpClosed {
		t.Errorf("second close returned %+v", after)
	}
	_, err = e.store.AddHelpStep(ctx, r.ID, ikmbot.HelpStep{By: owner, Role: ikmbot.RoleOwner, Kind: ikmbot.HelpStepNote, Text: "masih ada?"})
	wantCode(t, err, ikmbot.EConflict)
	_, err = e.store.TakeHelp(ctx, r.ID, other, testNow)
	wantCode(t, err, ikmbot.EConflict)
	final, err := e.store.Help(ctx, r.ID)
	if err != nil || len(final.History) != 5 {
		t.Errorf("after refusals: %d steps (%v), want 5", len(final.History), err)
	}
	if d := hashCounter(t, e.rdb, helpStatsKey(), fieldHelpClosed) - closedBefore; d != 1 {
		t.Errorf("closed counter moved by %d after a second close, want 1", d)
	}

	// The owner may close their own open request.
	own := openHelp(t, e, owner, "", "tidak jadi")
	if got, err := e.store.CloseHelp(ctx, own.ID, ikmbot.HelpStep{By: owner, Role: ikmbot.RoleOwner}); err != nil || got.Status != ikmbot.HelpClosed {
		t.Errorf("owner closing = %+v, %v", got, err)
	}
}

func TestOpenHelpRequests(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // reads everyone's queue
	ctx := t.Context()
	owner, staff := newUserID(), newUserID()
	a := openHelp(t, e, owner, "BDL", "a")
	b := openHelp(t, e, owner, "LTM", "b")
	c := openHelp(t, e, owner, "BDL", "c")
	d := openHelp(t, e, owner, "", "d")
	closed := openHelp(t, e, owner, "BDL", "closed")
	if _, err := e.store.TakeHelp(ctx, c.ID, staff, testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.CloseHelp(ctx, closed.ID, ikmbot.HelpStep{By: staff, Role: ikmbot.RoleStaff}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		region string
		limit  int
		want   []string
	}{
		{"", 10, []string{d.ID, c.ID, b.ID, a.ID}},
		{"", 2, []string{d.ID, c.ID}},
		{"BDL", 10, []string{c.ID, a.ID}}, // taken ones are still staff's
		{"BDL", 1, []string{c.ID}},
		{"LTM", 10, []string{b.ID}},
		{"TGM", 10, []string{}},
		{"NOPE", 10, []string{}},
		{"", 0, []string{}},
	}
	for _, tt := range tests {
		got, err := e.store.OpenHelpRequests(ctx, tt.region, tt.limit)
		if err != nil {
			t.Fatalf("OpenHelpRequests(%q, %d): %v", tt.region, tt.limit, err)
		}
		if diff := cmp.Diff(helpIDs(got), tt.want); diff != "" {
			t.Errorf("OpenHelpRequests(%q, %d) ids (-got +want):\n%s", tt.region, tt.limit, diff)
		}
	}
	all, _ := e.store.OpenHelpRequests(ctx, "", 10)
	if len(all) == 4 && (all[1].Status != ikmbot.HelpTaken || all[1].TakenBy != staff || all[1].Text != "c") {
		t.Errorf("taken request listed as %+v", all[1])
	}
	// A request removed behind the queue's back is skipped, not an error.
	e.rdb.Del(ctx, helpKey(b.ID), helpHistoryKey(b.ID))
	got, err := e.store.OpenHelpRequests(ctx, "", 10)
	if err != nil || !slices.Equal(helpIDs(got), []string{d.ID, c.ID, a.ID}) {
		t.Errorf("with a request gone: %v, %v", helpIDs(got), err)
	}
}

func TestTakeHelpRace(t *testing.T) {
	const racers = 50
	e := newEnv(t)
	ctx := t.Context()
	r := openHelp(t, e, newUserID(), "PSW", "rebutan")
	stores := concurrentStores(t, e, racers)
	staff := make([]int64, racers)
	for i := range staff {
		staff[i] = newUserID()
	}
	results := make([]ikmbot.HelpRequest, racers)
	errs := make([]error, racers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			<-start
			results[i], errs[i] = stores[i].TakeHelp(ctx, r.ID, staff[i], testNow.Add(time.Duration(i)*time.Millisecond))
		})
	}
	close(start)
	wg.Wait()

	var winners []int64
	for i, err := range errs {
		switch ikmbot.ErrorCode(err) {
		case "":
			if err != nil {
				t.Fatalf("racer %d: %v", i, err)
			}
			winners = append(winners, staff[i])
		case ikmbot.EConflict:
		default:
			t.Errorf("racer %d: %v", i, err)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("%d staff took the request, want exactly 1", len(winners))
	}
	for i, res := range results {
		if res.TakenBy != winners[0] {
			t.Errorf("racer %d was told it is taken by %d, want %d", i, res.TakenBy, winners[0])
		}
	}
	got, err := e.store.Help(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stepKinds(got), []string{ikmbot.HelpStepOpened, ikmbot.HelpStepTaken}); diff != "" {
		t.Errorf("history after the race (-got +want):\n%s", diff)
	}
	if got.History[1].By != winners[0] {
		t.Errorf("taken step by %d, want the winner %d", got.History[1].By, winners[0])
	}
}

// TestHelpStepsRaceClose checks that no step is lost when replies race the
// close: each reply is either in the history, before the close, or refused.
func TestHelpStepsRaceClose(t *testing.T) {
	const racers = 40
	e := newEnv(t)
	ctx := t.Context()
	r := openHelp(t, e, newUserID(), "MET", "balapan")
	stores := concurrentStores(t, e, racers+1)
	errs := make([]error, racers)
	var closeErr error
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			<-start
			_, errs[i] = stores[i].AddHelpStep(ctx, r.ID, ikmbot.HelpStep{By: int64(i), Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepReply, Text: fmt.Sprint(i)})
		})
	}
	wg.Go(func() {
		<-start
		_, closeErr = stores[racers].CloseHelp(ctx, r.ID, ikmbot.HelpStep{Role: ikmbot.RoleStaff})
	})
	close(start)
	wg.Wait()
	if closeErr != nil {
		t.Fatalf("CloseHelp: %v", closeErr)
	}
	got, err := e.store.Help(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := got.History[len(got.History)-1]; last.Kind != ikmbot.HelpStepClosed {
		t.Errorf("last step %q, want closed", last.Kind)
	}
	recorded := map[string]bool{}
	for _, st := range got.History {
		if st.Kind == ikmbot.HelpStepReply {
			recorded[st.Text] = true
		}
	}
	for i, err := range errs {
		switch code := ikmbot.ErrorCode(err); {
		case err == nil && !recorded[fmt.Sprint(i)]:
			t.Errorf("reply %d accepted but not in the history", i)
		case err != nil && code != ikmbot.EConflict:
			t.Errorf("reply %d: %v", i, err)
		case err != nil && recorded[fmt.Sprint(i)]:
			t.Errorf("reply %d refused but in the history", i)
		}
	}
}

func TestHelpAndCertificatesSurviveRestart(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t)
	ctx := t.Context()
	owner, staff := newUserID(), newUserID()
	cert := ikmbot.Certificate{Type: "SKP", Status: ikmbot.CertHeld, Number: "SKP-7", Issued: utcDay(2025, 6, 1), Expires: utcDay(2027, 6, 1), UpdatedAt: testNow}
	if err := e.store.SaveCertificate(ctx, owner, cert, nil, nil); err != nil {
		t.Fatal(err)
	}
	r := openHelp(t, e, owner, "LSL", "SKP saya mau habis")
	if _, err := e.store.TakeHelp(ctx, r.ID, staff, testNow); err != nil {
		t.Fatal(err)
	}
	before, err := e.store.AddHelpStep(ctx, r.ID, ikmbot.HelpStep{By: staff, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepReply, Text: "Kami bantu"})
	if err != nil {
		t.Fatal(err)
	}

	e.srv.Restart(t)

	after, err := e.store.Help(ctx, r.ID)
	if err != nil {
		t.Fatalf("Help after restart: %v", err)
	}
	if diff := cmp.Diff(after, before); diff != "" {
		t.Errorf("request after restart (-got +want):\n%s", diff)
	}
	queue, err := e.store.OpenHelpRequests(ctx, "LSL", 10)
	if err != nil || !slices.Equal(helpIDs(queue), []string{r.ID}) {
		t.Errorf("LSL queue after restart: %v, %v", helpIDs(queue), err)
	}
	certs, err := e.store.Certificates(ctx, owner)
	if err != nil || len(certs) != 1 || !cmp.Equal(certs[0], cert) {
		t.Errorf("certificates after restart: %+v, %v", certs, err)
	}
	next := openHelp(t, e, owner, "LSL", "lagi")
	if n, m := mustAtoi(t, next.ID), mustAtoi(t, r.ID); n <= m {
		t.Errorf("id after restart %d, want above %d: the sequence went back", n, m)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestForgetCertsAndHelp(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner, stays, staff := newUserID(), newUserID(), newUserID()
	for _, id := range []int64{owner, stays} {
		c := ikmbot.Certificate{Type: "NIB", Status: ikmbot.CertHeld, Number: strconv.FormatInt(id, 10), UpdatedAt: testNow}
		if err := e.store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	open := openHelp(t, e, owner, "BDL", "rahasia "+strconv.FormatInt(owner, 10))
	taken := openHelp(t, e, owner, "", "taken")
	closed := openHelp(t, e, owner, "TBA", "closed")
	other := openHelp(t, e, stays, "BDL", "orang lain")
	if _, err := e.store.TakeHelp(ctx, taken.ID, staff, testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.CloseHelp(ctx, closed.ID, ikmbot.HelpStep{Role: ikmbot.RoleStaff, By: staff}); err != nil {
		t.Fatal(err)
	}
	counts, err := e.store.HelpCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if err := e.store.forgetCertsAndHelp(ctx, owner); err != nil {
		t.Fatalf("forgetCertsAndHelp: %v", err)
	}

	if certs, err := e.store.Certificates(ctx, owner); err != nil || len(certs) != 0 {
		t.Errorf("certificates after forgetting: %v, %v", certs, err)
	}
	if mine, err := e.store.HelpOf(ctx, owner); err != nil || len(mine) != 0 {
		t.Errorf("HelpOf after forgetting: %v, %v", mine, err)
	}
	for _, r := range []ikmbot.HelpRequest{open, taken, closed} {
		_, err := e.store.Help(ctx, r.ID)
		wantCode(t, err, ikmbot.ENotFound)
		keys := []string{helpKey(r.ID), helpHistoryKey(r.ID)}
		if n, err := e.rdb.Exists(ctx, keys...).Result(); err != nil || n != 0 {
			t.Errorf("request %s: %d keys left (%v)", r.ID, n, err)
		}
		for _, key := range []string{helpOpenKey(), helpOpenRegionKey("BDL"), helpOpenRegionKey("TBA")} {
			if _, err := e.rdb.ZScore(ctx, key, r.ID).Result(); err != redis.Nil {
				t.Errorf("request %s still in %s (%v)", r.ID, key, err)
			}
		}
	}
	for _, key := range []string{certsKey(owner), helpOwnerKey(owner)} {
		if n, err := e.rdb.Exists(ctx, key).Result(); err != nil || n != 0 {
			t.Errorf("%s left behind (%v)", key, err)
		}
	}
	// The other owner keeps everything; the counters are kept.
	if certs, err := e.store.Certificates(ctx, stays); err != nil || len(certs) != 1 {
		t.Errorf("other owner's certificates: %v, %v", certs, err)
	}
	if got, err := e.store.Help(ctx, other.ID); err != nil || got.Text != "orang lain" {
		t.Errorf("other owner's request: %+v, %v", got, err)
	}
	if _, err := e.rdb.ZScore(ctx, helpOpenRegionKey("BDL"), other.ID).Result(); err != nil {
		t.Errorf("other owner's request left the BDL queue: %v", err)
	}
	after, err := e.store.HelpCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{fieldHelpOpened, fieldHelpClosed, fieldHelpOpenedRegion + "BDL"} {
		if after[k] < counts[k] {
			t.Errorf("counter %s went from %d to %d", k, counts[k], after[k])
		}
	}
	// Forgetting an owner with nothing is harmless.
	if err := e.store.forgetCertsAndHelp(ctx, newUserID()); err != nil {
		t.Errorf("forgetting nobody: %v", err)
	}
	// Nothing of the owner is left anywhere: no key holds their id or text.
	assertForgotten(t, e.rdb, owner)
}

// assertForgotten fails when any key's name or string, hash or list value
// holds the owner's id.
func assertForgotten(t *testing.T, rdb *redis.Client, owner int64) {
	t.Helper()
	ctx := t.Context()
	id := strconv.FormatInt(owner, 10)
	keys, err := rdb.Keys(ctx, "ikm:*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range keys {
		if strings.Contains(key, id) {
			t.Errorf("key %s names the forgotten owner", key)
			continue
		}
		var values []string
		switch typ := rdb.Type(ctx, key).Val(); typ {
		case "string":
			values = []string{rdb.Get(ctx, key).Val()}
		case "hash":
			for k, v := range rdb.HGetAll(ctx, key).Val() {
				values = append(values, k, v)
			}
		case "list":
			values = rdb.LRange(ctx, key, 0, -1).Val()
		case "zset":
			values = rdb.ZRange(ctx, key, 0, -1).Val()
		case "set":
			values = rdb.SMembers(ctx, key).Val()
		}
		for _, v := range values {
			if strings.Contains(v, id) {
				t.Errorf("key %s holds the forgotten owner's id: %q", key, v)
			}
		}
	}
}

// TestCertsAndHelpRedisDown checks that every certificate and help
// operation fails, rather than passing off an empty answer, when Redis is
// gone.
func TestCertsAndHelpRedisDown(t *testing.T) {
	srv := redistest.Start(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr, MaxRetries: -1, DialerRetries: 1, DialTimeout: 500 * time.Millisecond})
	t.Cleanup(func() { rdb.Close() })
	s := New(rdb)
	ctx := t.Context()
	id := newUserID()
	srv.Stop(t)

	cert := ikmbot.Certificate{Type: "NIB", Status: ikmbot.CertHeld, UpdatedAt: testNow}
	step := ikmbot.HelpStep{Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepReply}
	tests := []struct {
		name string
		op   func() error
	}{
		{"Certificates", func() error { _, err := s.Certificates(ctx, id); return err }},
		{"SaveCertificate", func() error { return s.SaveCertificate(ctx, id, cert, nil, nil) }},
		{"DeleteCertificate", func() error { return s.DeleteCertificate(ctx, id, "NIB", nil) }},
		{"OpenHelp", func() error { _, err := s.OpenHelp(ctx, ikmbot.HelpRequest{OwnerID: id, Text: "x"}); return err }},
		{"Help", func() error { _, err := s.Help(ctx, "1"); return err }},
		{"OpenHelpRequests", func() error { _, err := s.OpenHelpRequests(ctx, "", 10); return err }},
		{"HelpOf", func() error { _, err := s.HelpOf(ctx, id); return err }},
		{"TakeHelp", func() error { _, err := s.TakeHelp(ctx, "1", id, testNow); return err }},
		{"AddHelpStep", func() error { _, err := s.AddHelpStep(ctx, "1", step); return err }},
		{"CloseHelp", func() error { _, err := s.CloseHelp(ctx, "1", ikmbot.HelpStep{Role: ikmbot.RoleStaff}); return err }},
		{"HelpCounts", func() error { _, err := s.HelpCounts(ctx); return err }},
		{"forgetCertsAndHelp", func() error { return s.forgetCertsAndHelp(ctx, id) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op()
			if err == nil {
				t.Fatalf("%s with Redis stopped: no error", tt.name)
			}
			if ikmbot.ErrorCode(err) != "" {
				t.Errorf("%s with Redis stopped: %v, want a failure, not a domain error", tt.name, err)
			}
		})
	}
}
