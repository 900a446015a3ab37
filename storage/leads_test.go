package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
	"ikmbot/storage/redistest"
)

func sampleLead() ikmbot.Lead {
	return ikmbot.Lead{Product: "kopi robusta green bean", Sector: "KOPI", Country: "JP", Quantity: "2 ton",
		Frequency: "tiap bulan", Certs: []string{"NIB", "HALAL"}, MinLevel: ikmbot.LevelMenengah,
		Deadline: testNow.Add(30 * 24 * time.Hour), Contact: "Bidang Ekspor, Bu Rina", CreatedBy: 1000}
}

// TestLeads saves leads with ids handed out in order, reads them back,
// lists the open ones by deadline and takes a closed one off that list.
func TestLeads(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // reads every open lead
	ctx := t.Context()
	later := sampleLead()
	first, err := e.store.SaveLead(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != "1" || first.Status != ikmbot.LeadOpen || !first.CreatedAt.Equal(testNow) {
		t.Errorf("SaveLead = id %q, status %q, created %v; want 1, open, %v", first.ID, first.Status, first.CreatedAt, testNow)
	}
	sooner := sampleLead()
	sooner.Deadline = testNow.Add(7 * 24 * time.Hour)
	second, err := e.store.SaveLead(ctx, sooner)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.store.Lead(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, got); diff != "" {
		t.Errorf("Lead (-saved +loaded):\n%s", diff)
	}
	if _, err := e.store.Lead(ctx, "999"); !ikmbot.IsNotFound(err) {
		t.Errorf("Lead(999) = %v, want not found", err)
	}
	ids := func() []string {
		t.Helper()
		leads, err := e.store.OpenLeads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range leads {
			out = append(out, l.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{second.ID, first.ID}, ids()); diff != "" {
		t.Errorf("OpenLeads, soonest first (-want +got):\n%s", diff)
	}
	second.Status = ikmbot.LeadClosed
	if _, err := e.store.SaveLead(ctx, second); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{first.ID}, ids()); diff != "" {
		t.Errorf("OpenLeads after closing (-want +got):\n%s", diff)
	}
	bad := sampleLead()
	bad.Contact = ""
	var ie *ikmbot.Error
	if _, err := e.store.SaveLead(ctx, bad); !errors.As(err, &ie) || ie.Code != ikmbot.EInvalid {
		t.Errorf("SaveLead without a contact = %v, want EInvalid", err)
	}
}

// TestCountLeadMatches counts owners of the lead's sector by level and
// certifications, follows an owner who changes sector and one who
// deletes their data, and survives a repair of the indexes.
func TestCountLeadMatches(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // the sector indexes are global
	ctx := t.Context()
	lead := sampleLead()
	held := func(code string) ikmbot.Certificate {
		return ikmbot.Certificate{Type: code, Status: ikmbot.CertHeld, Issued: testNow.AddDate(0, -1, 0).Truncate(24 * time.Hour), UpdatedAt: testNow}
	}
	type owner struct {
		sector  string
		level   ikmbot.Level
		certs   []string
		targets []string
	}
	owners := []owner{
		{"KOPI", ikmbot.LevelMenengah, []string{"NIB", "HALAL"}, []string{"JP"}}, // matches, targets JP
		{"KOPI", ikmbot.LevelMahir, []string{"NIB", "HALAL", "NPWP"}, nil},       // matches
		{"KOPI", ikmbot.LevelPemula, []string{"NIB", "HALAL"}, []string{"JP"}},   // level too low
		{"KOPI", "", []string{"NIB", "HALAL"}, nil},                              // never checked
		{"KOPI", ikmbot.LevelMahir, []string{"NIB"}, nil},                        // HALAL missing
		{"LADA", ikmbot.LevelMahir, []string{"NIB", "HALAL"}, nil},               // other sector
	}
	ids := make([]int64, len(owners))
	for i, o := range owners {
		id := newUserID()
		ids[i] = id
		cleanupUser(t, e.rdb, id)
		p := sampleProfile(id)
		p.Sector = o.sector
		ch := ikmbot.Change{UserID: id, Profile: &p, SignUp: true}
		if o.level != "" {
			ch.Assessment = &ikmbot.Assessment{Result: ikmbot.Result{Level: o.level}, Region: p.Region}
		}
		if o.targets != nil {
			ch.Markets = &o.targets
		}
		if err := e.store.Apply(ctx, ch); err != nil {
			t.Fatal(err)
		}
		for _, c := range o.certs {
			if err := e.store.SaveCertificate(ctx, id, held(c), nil, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	check := func(when string, want ikmbot.LeadCount) {
		t.Helper()
		got, err := e.store.CountLeadMatches(ctx, lead)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: CountLeadMatches = %+v, want %+v", when, got, want)
		}
	}
	check("at first", ikmbot.LeadCount{Matches: 2, InTargets: 1, Reachable: 2})

	// The pepper owner takes up coffee: now they match.
	p, err := e.store.Profile(ctx, ids[5])
	if err != nil {
		t.Fatal(err)
	}
	p.Sector = "KOPI"
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: ids[5], Profile: &p, PreviousLevel: ikmbot.LevelMahir, PreviousRegion: p.Region}); err != nil {
		t.Fatal(err)
	}
	check("after a sector change", ikmbot.LeadCount{Matches: 3, InTargets: 1, Reachable: 3})
	if n, _ := e.rdb.SIsMember(ctx, sectorOwnersKey("LADA"), ids[5]).Result(); n {
		t.Errorf("owner %d still in the pepper index", ids[5])
	}

	// The first owner deletes their data.
	if err := e.store.DeleteOwnerData(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	check("after /hapusdata", ikmbot.LeadCount{Matches: 2, InTargets: 0, Reachable: 2})

	// A lost index is rebuilt by the repair.
	if err := e.rdb.Del(ctx, sectorOwnersKey("KOPI")).Err(); err != nil {
		t.Fatal(err)
	}
	check("index lost", ikmbot.LeadCount{})
	if err := e.store.RepairFunnel(ctx); err != nil {
		t.Fatal(err)
	}
	check("after the repair", ikmbot.LeadCount{Matches: 2, InTargets: 0, Reachable: 2})

	// Without a minimum level or certifications every coffee owner left
	// matches.
	lead.MinLevel, lead.Certs = "", nil
	check("any coffee owner", ikmbot.LeadCount{Matches: 5, InTargets: 1, Reachable: 5})
}

// BenchmarkCountLeadMatches counts a coffee lead's matches among 95,000
// owners spread over every sector (about 8,600 of them coffee), half of
// them checked and some holding certifications. The target (issue 10) is
// under 200 ms.
//
//	go test -run '^$' -bench CountLeadMatches -benchtime 10x ./storage/
func BenchmarkCountLeadMatches(b *testing.B) {
	srv := redistest.Start(b)
	srv.RequireOwn(b)
	e := env{srv: srv, rdb: srv.Client(b)}
	e.store = New(e.rdb, WithNow(func() time.Time { return testNow }))
	ctx := context.Background()
	const n = 95_000
	sectors := ikmbot.Sectors()
	levels := []ikmbot.Level{"", ikmbot.LevelPemula, ikmbot.LevelMenengah, ikmbot.LevelMahir}
	var wg sync.WaitGroup
	var failed atomic.Value
	work := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range work {
				if err := seedLeadOwner(ctx, e.store, i, sectors[i%len(sectors)].Code, levels[(i/len(sectors))%len(levels)]); err != nil {
					failed.Store(err)
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatalf("seed owners: %v", err)
	}
	lead := sampleLead()
	var got ikmbot.LeadCount
	b.ResetTimer()
	for b.Loop() {
		c, err := e.store.CountLeadMatches(ctx, lead)
		if err != nil {
			b.Fatal(err)
		}
		got = c
	}
	b.StopTimer()
	if got.Matches == 0 {
		b.Fatalf("no owner matched: %+v", got)
	}
	b.ReportMetric(float64(got.Matches), "matches")
}

// seedLeadOwner writes benchmark owner i of the sector at the level; one
// in three holds NIB and HALAL, and one in five targets Japan.
func seedLeadOwner(ctx context.Context, store *Store, i int, sector string, level ikmbot.Level) error {
	id := int64(9_000_000_000 + i)
	p := ikmbot.Profile{UserID: id, OwnerName: fmt.Sprintf("Pemilik %d", i), Phone: "+6281234567890",
		BusinessName: fmt.Sprintf("IKM Maju Jaya %d", i), NIB: "1234567890123", Region: "BDL", Sector: sector,
		Products: "kopi bubuk", Workers: ikmbot.Workers1to4, Capacity: "100 kg", ExportStatus: ikmbot.ExportNever,
		ConsentAt: testNow, CreatedAt: testNow, UpdatedAt: testNow}
	ch := ikmbot.Change{UserID: id, Profile: &p, SignUp: true}
	if level != "" {
		ch.Assessment = &ikmbot.Assessment{Result: ikmbot.Result{Level: level}, Region: p.Region}
	}
	if i%5 == 0 {
		ch.Markets = &[]string{"JP"}
	}
	if err := store.Apply(ctx, ch); err != nil {
		return err
	}
	if i%3 == 0 {
		for _, code := range []string{"NIB", "HALAL"} {
			c := ikmbot.Certificate{Type: code, Status: ikmbot.CertHeld, Issued: testNow.AddDate(0, -1, 0).Truncate(24 * time.Hour), UpdatedAt: testNow}
			if err := store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
				return err
			}
		}
	}
	return nil
}
