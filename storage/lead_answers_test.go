package storage

import (
	"slices"
	"sync"
	"testing"
	"time"

	"ikmbot"
)

// leadOwner signs up a coffee owner at level menengah holding NIB and
// HALAL (so sampleLead matches them), then applies extra to them.
func leadOwner(t *testing.T, e env, extra ikmbot.Change) int64 {
	t.Helper()
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	p := sampleProfile(id)
	p.Sector = "KOPI"
	ch := ikmbot.Change{UserID: id, Profile: &p, SignUp: true,
		Assessment: &ikmbot.Assessment{Result: ikmbot.Result{Level: ikmbot.LevelMenengah}, Region: p.Region}}
	if err := e.store.Apply(ctx, ch); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"NIB", "HALAL"} {
		c := ikmbot.Certificate{Type: code, Status: ikmbot.CertHeld, Issued: testNow.AddDate(0, -1, 0).Truncate(24 * time.Hour), UpdatedAt: testNow}
		if err := e.store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	extra.UserID = id
	if !extra.Empty() {
		if err := e.store.Apply(ctx, extra); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// TestSnapshotLeadMatches: a lead's broadcast gets the matching owners who
// can be reached, each once however often the snapshot runs, and the
// count says how many matches a send would miss.
func TestSnapshotLeadMatches(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // the sector indexes are global
	ctx := t.Context()
	off := false
	reached := leadOwner(t, e, ikmbot.Change{})
	optedOut := leadOwner(t, e, ikmbot.Change{Broadcasts: &off})
	blocked := leadOwner(t, e, ikmbot.Change{})
	if err := e.store.MarkUnreachable(ctx, blocked); err != nil {
		t.Fatal(err)
	}
	lead, err := e.store.SaveLead(ctx, sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	count, err := e.store.CountLeadMatches(ctx, lead)
	if err != nil {
		t.Fatal(err)
	}
	if count.Matches != 3 || count.Reachable != 1 {
		t.Errorf("CountLeadMatches = %+v, want 3 matches, 1 reachable", count)
	}
	b, err := e.store.CreateBroadcast(ctx, ikmbot.Broadcast{LeadID: lead.ID, CreatedAt: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		n, err := e.store.SnapshotLeadMatches(ctx, b.ID, lead)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("SnapshotLeadMatches = %d recipients, want 1", n)
		}
	}
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.ClaimRecipients(ctx, b.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int64{reached}) {
		t.Errorf("recipients = %v, want only %d (not opted out %d nor blocked %d)", got, reached, optedOut, blocked)
	}
	if _, err := e.store.SnapshotLeadMatches(ctx, b.ID, lead); ikmbot.ErrorCode(err) != ikmbot.EConflict {
		t.Errorf("snapshot of a broadcast sending = %v, want EConflict", err)
	}
}

// TestAttachLeadBroadcast: of two staff sending the same lead at once,
// one broadcast wins and both learn which; a closed lead takes none.
func TestAttachLeadBroadcast(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	lead, err := e.store.SaveLead(ctx, sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	won := make([]string, 2)
	for i, bc := range []string{"b1", "b2"} {
		wg.Go(func() {
			l, err := e.store.AttachLeadBroadcast(ctx, lead.ID, bc, "", testNow)
			if err != nil {
				t.Error(err)
			}
			won[i] = l.BroadcastID
		})
	}
	wg.Wait()
	if won[0] != won[1] || (won[0] != "b1" && won[0] != "b2") {
		t.Errorf("attached broadcasts = %v, want one winner both see", won)
	}
	stored, err := e.store.Lead(ctx, lead.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.BroadcastID != won[0] || !stored.SentAt.Equal(testNow) {
		t.Errorf("stored lead = broadcast %q sent %v, want %q at %v", stored.BroadcastID, stored.SentAt, won[0], testNow)
	}

	other, err := e.store.SaveLead(ctx, sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.AttachLeadBroadcast(ctx, other.ID, "b3", "", other.Deadline); ikmbot.ErrorCode(err) != ikmbot.EConflict {
		t.Errorf("attach at the deadline = %v, want EConflict", err)
	}
	if _, err := e.store.AttachLeadBroadcast(ctx, "999", "b4", "", testNow); !ikmbot.IsNotFound(err) {
		t.Errorf("attach to an unknown lead = %v, want not found", err)
	}
	// A broadcast that never went out can be replaced, and only that one.
	if l, err := e.store.AttachLeadBroadcast(ctx, lead.ID, "b5", "b0", testNow); err != nil || l.BroadcastID != won[0] {
		t.Errorf("replacing another broadcast = %q, %v; want %q kept", l.BroadcastID, err, won[0])
	}
	if l, err := e.store.AttachLeadBroadcast(ctx, lead.ID, "b5", won[0], testNow); err != nil || l.BroadcastID != "b5" {
		t.Errorf("replacing the lead's broadcast = %q, %v; want b5", l.BroadcastID, err)
	}
	for _, forged := range []string{"open", "all", "resp:1", "", "01", "-1", "seq"} {
		if _, err := e.store.Lead(ctx, forged); !ikmbot.IsNotFound(err) {
			t.Errorf("Lead(%q) = %v, want not found", forged, err)
		}
	}
}

// TestAnswerLead keeps each owner's latest answer with the ones before,
// refuses answers once the lead closed (at its deadline, or closed by the
// engine), lists the answers in order, and forgets an owner who deletes
// their data.
func TestAnswerLead(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // lists every lead
	ctx := t.Context()
	lead, err := e.store.SaveLead(ctx, sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	ana, budi := leadOwner(t, e, ikmbot.Change{}), leadOwner(t, e, ikmbot.Change{})
	at := func(h int) time.Time { return testNow.Add(time.Duration(h) * time.Hour) }
	if _, err := e.store.AnswerLead(ctx, lead.ID, ana, true, at(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.AnswerLead(ctx, lead.ID, budi, true, at(2)); err != nil {
		t.Fatal(err)
	}
	r, err := e.store.AnswerLead(ctx, lead.ID, ana, false, at(3))
	if err != nil {
		t.Fatal(err)
	}
	if r.Latest.Interested || len(r.History) != 1 || !r.History[0].Interested || !r.History[0].At.Equal(at(1)) {
		t.Errorf("ana's response = %+v, want not interested now, interested at %v before", r, at(1))
	}
	if _, err := e.store.AnswerLead(ctx, lead.ID, ana, true, lead.Deadline); ikmbot.ErrorCode(err) != ikmbot.EConflict {
		t.Errorf("answer at the deadline = %v, want EConflict", err)
	}
	all, err := e.store.LeadResponses(ctx, lead.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Owner != budi || all[1].Owner != ana {
		t.Errorf("LeadResponses = %+v, want budi then ana (by latest answer)", all)
	}
	mine, err := e.store.OwnerLeadAnswers(ctx, budi, []string{lead.ID, "999"})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 1 || !mine[lead.ID].Interested {
		t.Errorf("OwnerLeadAnswers = %+v, want interested in %s only", mine, lead.ID)
	}

	closed, err := e.store.CloseLead(ctx, lead.ID, at(4))
	if err != nil {
		t.Fatal(err)
	}
	if closed.Status != ikmbot.LeadClosed || !closed.ClosedAt.Equal(at(4)) {
		t.Errorf("CloseLead = %s at %v, want closed at %v", closed.Status, closed.ClosedAt, at(4))
	}
	if again, err := e.store.CloseLead(ctx, lead.ID, at(5)); err != nil || !again.ClosedAt.Equal(at(4)) {
		t.Errorf("closing again = %v, %v; want the first close kept", again.ClosedAt, err)
	}
	if _, err := e.store.AnswerLead(ctx, lead.ID, budi, false, at(5)); ikmbot.ErrorCode(err) != ikmbot.EConflict {
		t.Errorf("answer to a closed lead = %v, want EConflict", err)
	}
	open, err := e.store.OpenLeads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(open, func(l ikmbot.Lead) bool { return l.ID == lead.ID }) {
		t.Errorf("closed lead %s still open", lead.ID)
	}
	recent, err := e.store.RecentLeads(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(recent) == 0 || recent[0].ID != lead.ID || recent[0].Status != ikmbot.LeadClosed {
		t.Errorf("RecentLeads = %+v, want the closed lead first", recent)
	}

	if err := e.store.DeleteOwnerData(ctx, budi); err != nil {
		t.Fatal(err)
	}
	all, err = e.store.LeadResponses(ctx, lead.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Owner != ana {
		t.Errorf("after /hapusdata LeadResponses = %+v, want ana only", all)
	}
}

// TestAnswerLeadBurst: many owners answering one lead at once all get
// their answer recorded; none has to give up because of the others.
func TestAnswerLeadBurst(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	lead, err := e.store.SaveLead(ctx, sampleLead())
	if err != nil {
		t.Fatal(err)
	}
	const n = 64
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = e.store.AnswerLead(ctx, lead.ID, int64(7_000_000+i), i%2 == 0, testNow)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("answer %d: %v", i, err)
		}
	}
	all, err := e.store.LeadResponses(ctx, lead.ID)
	if err != nil || len(all) != n {
		t.Errorf("LeadResponses = %d answers, %v; want %d", len(all), err, n)
	}
}
