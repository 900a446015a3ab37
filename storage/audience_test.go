package storage

import (
	"slices"
	"testing"
	"time"

	"ikmbot"
)

func TestSnapshotAudience(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // counts every owner of the server
	ctx := t.Context()
	// 1,200 owners: more than two scan batches. Every third in Tanggamus,
	// every fifth blocked the bot.
	var want []int64
	for i := range 1200 {
		id := int64(9_100_000 + i)
		region := "BDL"
		if i%3 == 0 {
			region = "TGM"
		}
		p := ikmbot.Profile{UserID: id, OwnerName: "P", Phone: "+6281234567890", BusinessName: "U", NoNIB: true,
			Region: region, Sector: "KOPI", Products: "kopi", Workers: ikmbot.Workers1to4, Capacity: "1", ExportStatus: ikmbot.ExportNever}
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if err := e.store.MarkUnreachable(ctx, id); err != nil {
				t.Fatal(err)
			}
		} else if region == "TGM" {
			want = append(want, id)
		}
	}
	a := ikmbot.Audience{Regions: []string{"TGM"}}
	if n, err := e.store.CountAudience(ctx, a); err != nil || n != int64(len(want)) {
		t.Errorf("CountAudience = %d, %v; want %d", n, err, len(want))
	}
	b := newBroadcast(t, e, nil)
	n, err := e.store.SnapshotAudience(ctx, b.ID, a)
	if err != nil || n != int64(len(want)) {
		t.Fatalf("SnapshotAudience = %d, %v; want %d", n, err, len(want))
	}
	// Added again (a retried snapshot), nobody is in twice.
	if err := e.store.AddRecipients(ctx, b.ID, want[:10]); err != nil {
		t.Fatal(err)
	}
	got, err := e.rdb.LRange(ctx, broadcastRecipientsKey(b.ID), 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	ids := parseOwners(got)
	slices.Sort(ids)
	if !slices.Equal(ids, want) {
		t.Errorf("snapshot has %d recipients, want the %d reachable owners of Tanggamus, each once", len(ids), len(want))
	}

	// Sending and paused broadcasts are found at start-up; done ones not.
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastSending); err != nil {
		t.Fatal(err)
	}
	if active, err := e.store.ActiveBroadcasts(ctx); err != nil || !slices.Contains(active, b.ID) {
		t.Errorf("ActiveBroadcasts = %v, %v; want %s", active, err, b.ID)
	}
	if err := e.store.SetBroadcastStatus(ctx, b.ID, ikmbot.BroadcastCancelled); err != nil {
		t.Fatal(err)
	}
	if active, _ := e.store.ActiveBroadcasts(ctx); slices.Contains(active, b.ID) {
		t.Errorf("a cancelled broadcast is still active: %v", active)
	}
}

// audienceOwner signs up an owner in region and deletes their keys when
// the test ends.
func audienceOwner(t *testing.T, e env, region string) int64 {
	t.Helper()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	cleanupCerts(t, e.rdb, id)
	p := sampleProfile(id)
	p.Region = region
	if err := e.store.Apply(t.Context(), ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
	return id
}

// snapshotOf counts and snapshots the audience, checks the two agree, and
// returns the recipients in id order.
func snapshotOf(t *testing.T, e env, a ikmbot.Audience) []int64 {
	t.Helper()
	ctx := t.Context()
	b := newBroadcast(t, e, nil)
	n, err := e.store.SnapshotAudience(ctx, b.ID, a)
	if err != nil {
		t.Fatalf("SnapshotAudience(%+v): %v", a, err)
	}
	if c, err := e.store.CountAudience(ctx, a); err != nil || c != n {
		t.Errorf("CountAudience(%+v) = %d, %v; the snapshot has %d", a, c, err, n)
	}
	got, err := e.rdb.LRange(ctx, broadcastRecipientsKey(b.ID), 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	ids := parseOwners(got)
	slices.Sort(ids)
	return ids
}

// TestAudienceByClassAndCert: owners in every state of a class and a
// certificate, each audience reaching exactly its owners, alone and with
// a region.
func TestAudienceByClassAndCert(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // counts every owner and reads every class
	ctx := t.Context()
	year := newYear()
	later := testNow.Add(30 * 24 * time.Hour)

	// Classes of different terms, so one owner may be in several.
	ongoing := newClass(t, e, year, 1, 1, later) // one seat: the second waits
	cancelled := newClass(t, e, year, 2, 5, later)
	done := newClass(t, e, year+1, 1, 5, later)
	over := newClass(t, e, year+1, 2, 5, testNow.Add(-60*24*time.Hour)) // meetings over, never marked finished

	var (
		seated     = audienceOwner(t, e, "TGM")
		waiting    = audienceOwner(t, e, "TGM")
		inCancel   = audienceOwner(t, e, "TGM")
		graduate   = audienceOwner(t, e, "BDL")
		dropout    = audienceOwner(t, e, "BDL") // in the finished class, not completed
		inOver     = audienceOwner(t, e, "BDL")
		nothing    = audienceOwner(t, e, "TGM")
		gradBlocks = audienceOwner(t, e, "TGM") // completed, then blocked the bot
	)
	enrol(t, e.store, ongoing.ID, seated, false, ikmbot.SeatEnrolled)
	enrol(t, e.store, ongoing.ID, waiting, true, ikmbot.SeatWaiting)
	enrol(t, e.store, cancelled.ID, inCancel, false, ikmbot.SeatEnrolled)
	for _, id := range []int64{graduate, dropout, gradBlocks} {
		enrol(t, e.store, done.ID, id, false, ikmbot.SeatEnrolled)
	}
	enrol(t, e.store, over.ID, inOver, false, ikmbot.SeatEnrolled)
	if _, err := e.store.CancelClass(ctx, cancelled.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.store.CompleteClass(ctx, done.ID, []int64{graduate, gradBlocks}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.MarkUnreachable(ctx, gradBlocks); err != nil {
		t.Fatal(err)
	}

	// Certificates, checked at testNow (2 March 2026).
	halal := ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertHeld, UpdatedAt: testNow}
	for id, c := range map[int64]ikmbot.Certificate{
		seated:   halal,                                                                                       // no expiry
		graduate: {Type: "HALAL", Status: ikmbot.CertHeld, Expires: utcDay(2026, 3, 2), UpdatedAt: testNow},   // last valid day
		dropout:  {Type: "HALAL", Status: ikmbot.CertHeld, Expires: utcDay(2026, 3, 1), UpdatedAt: testNow},   // expired yesterday
		inOver:   {Type: "HALAL", Status: ikmbot.CertApplying, Since: utcDay(2026, 1, 1), UpdatedAt: testNow}, // not yet
		nothing:  {Type: "SPP_IRT", Status: ikmbot.CertHeld, UpdatedAt: testNow},                              // another one
	} {
		if err := e.store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// A certificate that cannot be read counts as not held.
	if err := e.rdb.HSet(ctx, certsKey(waiting), "HALAL", "{not json").Err(); err != nil {
		t.Fatal(err)
	}

	sorted := func(ids ...int64) []int64 { slices.Sort(ids); return ids }
	for _, tc := range []struct {
		name string
		a    ikmbot.Audience
		want []int64
	}{
		{"everyone", ikmbot.Audience{}, sorted(seated, waiting, inCancel, graduate, dropout, inOver, nothing)},
		{"enrolled", ikmbot.Audience{Class: ikmbot.ClassFilterEnrolled}, sorted(seated)},
		{"completed", ikmbot.Audience{Class: ikmbot.ClassFilterCompleted}, sorted(graduate)},
		{"no class", ikmbot.Audience{Class: ikmbot.ClassFilterNone}, sorted(waiting, inCancel, dropout, inOver, nothing)},
		{"no class in Tanggamus", ikmbot.Audience{Regions: []string{"TGM"}, Class: ikmbot.ClassFilterNone}, sorted(waiting, inCancel, nothing)},
		{"unknown class filter", ikmbot.Audience{Class: "alumni"}, nil},
		{"holds halal", ikmbot.Audience{CertType: "HALAL"}, sorted(seated, graduate)},
		{"lacks halal", ikmbot.Audience{CertType: "HALAL", CertLacking: true}, sorted(waiting, inCancel, dropout, inOver, nothing)},
		{"lacks halal in Bandar Lampung", ikmbot.Audience{Regions: []string{"BDL"}, CertType: "HALAL", CertLacking: true}, sorted(dropout, inOver)},
		{"holds halal in Tanggamus", ikmbot.Audience{Regions: []string{"TGM"}, CertType: "HALAL"}, sorted(seated)},
		{"completed and holds halal", ikmbot.Audience{Class: ikmbot.ClassFilterCompleted, CertType: "HALAL"}, sorted(graduate)},
		{"no class and lacks halal in Bandar Lampung", ikmbot.Audience{Regions: []string{"BDL"}, Class: ikmbot.ClassFilterNone,
			CertType: "HALAL", CertLacking: true}, sorted(dropout, inOver)},
		{"holds one nobody recorded", ikmbot.Audience{CertType: "FDA_FFR"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := snapshotOf(t, e, tc.a); !slices.Equal(got, tc.want) {
				t.Errorf("recipients = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestAudienceByMarkets: owners reach an audience of target countries
// when they chose one of its countries, alone and with a region or a
// certificate; owners who chose none, or took their choice back, never
// do, and a list nobody chose reaches nobody.
func TestAudienceByMarkets(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t) // counts every owner of the server
	ctx := t.Context()
	var (
		japanUS  = audienceOwner(t, e, "TGM")
		japan    = audienceOwner(t, e, "BDL")
		germany  = audienceOwner(t, e, "TGM")
		none     = audienceOwner(t, e, "TGM")
		changed  = audienceOwner(t, e, "TGM") // chose Japan, then Germany instead
		blocked  = audienceOwner(t, e, "TGM") // chose Japan, then blocked the bot
		withdrew = audienceOwner(t, e, "BDL") // chose Japan, then took it back
	)
	choose := func(id int64, prev []string, next ...string) {
		t.Helper()
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Markets: &next, PreviousMarkets: prev}); err != nil {
			t.Fatal(err)
		}
	}
	choose(japanUS, nil, "JP", "US")
	choose(japan, nil, "JP")
	choose(germany, nil, "DE")
	choose(changed, nil, "JP")
	choose(changed, []string{"JP"}, "DE")
	choose(blocked, nil, "JP")
	choose(withdrew, nil, "JP")
	choose(withdrew, []string{"JP"})
	if err := e.store.MarkUnreachable(ctx, blocked); err != nil {
		t.Fatal(err)
	}
	if err := e.store.SaveCertificate(ctx, japan, ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertHeld, UpdatedAt: testNow}, nil, nil); err != nil {
		t.Fatal(err)
	}

	sorted := func(ids ...int64) []int64 { slices.Sort(ids); return ids }
	for _, tc := range []struct {
		name string
		a    ikmbot.Audience
		want []int64
	}{
		{"everyone", ikmbot.Audience{}, sorted(japanUS, japan, germany, none, changed, withdrew)},
		{"Japan", ikmbot.Audience{Markets: []string{"JP"}}, sorted(japanUS, japan)},
		{"Japan or Germany", ikmbot.Audience{Markets: []string{"JP", "DE"}}, sorted(japanUS, japan, germany, changed)},
		{"the United States", ikmbot.Audience{Markets: []string{"US"}}, sorted(japanUS)},
		{"Japan in Tanggamus", ikmbot.Audience{Regions: []string{"TGM"}, Markets: []string{"JP"}}, sorted(japanUS)},
		{"Japan, holds halal", ikmbot.Audience{Markets: []string{"JP"}, CertType: "HALAL"}, sorted(japan)},
		{"Japan, lacks halal", ikmbot.Audience{Markets: []string{"JP"}, CertType: "HALAL", CertLacking: true}, sorted(japanUS)},
		{"a country nobody chose", ikmbot.Audience{Markets: []string{"KE"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := snapshotOf(t, e, tc.a); !slices.Equal(got, tc.want) {
				t.Errorf("recipients = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestAudienceFactsAcrossBatches: the facts of each batch of the scan
// line up with its owners, however many batches there are.
func TestAudienceFactsAcrossBatches(t *testing.T) {
	e := newEnv(t)
	e.srv.RequireOwn(t)
	ctx := t.Context()
	year := newYear()
	done := newClass(t, e, year, 1, 5, testNow.Add(24*time.Hour))
	base := newUserID()
	var all, graduates, holders []int64
	for i := range 1100 {
		id := base + int64(i)
		cleanupUser(t, e.rdb, id)
		cleanupCerts(t, e.rdb, id)
		p := sampleProfile(id)
		if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
			t.Fatal(err)
		}
		all = append(all, id)
		if i%6 == 0 {
			graduates = append(graduates, id)
		}
		if i%4 == 0 {
			holders = append(holders, id)
			c := ikmbot.Certificate{Type: "BPOM_MD", Status: ikmbot.CertHeld, Expires: utcDay(2030, 1, 1), UpdatedAt: testNow}
			if err := e.store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := e.store.CompleteClass(ctx, done.ID, graduates); err != nil {
		t.Fatal(err)
	}
	var lacking, gradLacking []int64
	for _, id := range all {
		if !slices.Contains(holders, id) {
			lacking = append(lacking, id)
			if slices.Contains(graduates, id) {
				gradLacking = append(gradLacking, id)
			}
		}
	}
	for _, tc := range []struct {
		name string
		a    ikmbot.Audience
		want []int64
	}{
		{"completed", ikmbot.Audience{Class: ikmbot.ClassFilterCompleted}, graduates},
		{"holds BPOM MD", ikmbot.Audience{CertType: "BPOM_MD"}, holders},
		{"lacks BPOM MD", ikmbot.Audience{CertType: "BPOM_MD", CertLacking: true}, lacking},
		{"completed, lacks BPOM MD", ikmbot.Audience{Class: ikmbot.ClassFilterCompleted, CertType: "BPOM_MD", CertLacking: true}, gradLacking},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := snapshotOf(t, e, tc.a); !slices.Equal(got, tc.want) {
				t.Errorf("%d recipients, want %d", len(got), len(tc.want))
			}
		})
	}
}
