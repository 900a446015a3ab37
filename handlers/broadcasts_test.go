package handlers

import (
	"context"
	"slices"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// startedBroadcasts records what the router asked to send.
type startedBroadcasts struct{ ids []string }

func (s *startedBroadcasts) Start(id string, _ int64, _ string) { s.ids = append(s.ids, id) }

// recipients claims every recipient of a broadcast that is sending, as
// the runner would, in id order.
func (e *env) recipients(broadcastID string) []int64 {
	e.t.Helper()
	got, err := e.store.ClaimRecipients(context.Background(), broadcastID, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	slices.Sort(got)
	return got
}

// compose writes a broadcast with /siaran: the text, then a tap on each
// label in picks for the audience questions, then Save; the preview is
// the person's last answer.
func (p *person) compose(text string, picks ...string) {
	p.e.t.Helper()
	p.command("siaran", "")
	p.pressLabel(flows.T("id", flows.BtnSbNew))
	p.text(text)
	for _, label := range picks {
		p.pressLabel(label)
	}
	p.pressLabel(flows.T("id", flows.SuSave))
}

// sbAll are the labels of "all" for each audience question, but the
// region's.
var sbAll = []string{flows.T("id", flows.SbAllLevels), flows.T("id", flows.SbAllSectors), flows.T("id", flows.SbAllMarkets),
	flows.T("id", flows.SbAllExports), flows.T("id", flows.SbAllClasses), flows.T("id", flows.SbAllCerts)}

// composeToAll writes a broadcast to every owner.
func (p *person) composeToAll(text string) {
	p.e.t.Helper()
	p.compose(text, append([]string{flows.T("id", flows.SbAllRegions)}, sbAll...)...)
}

func TestBroadcastComposeSendPauseResumeCancel(t *testing.T) {
	e := newEnv(t)
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	owner := e.person()
	owner.signUp() // in Metro
	staff := e.staff()

	staff.command("siaran", "")
	staff.mustSee(tt(flows.SbListEmpty))
	staff.compose("Pelatihan kemasan ekspor minggu depan.", append([]string{"Metro"}, sbAll...)...)
	staff.mustSee("Pelatihan kemasan ekspor minggu depan.")
	staff.mustSee(tt(flows.SbPreviewCount, 1))

	// Owners cannot send, pause or cancel it.
	for _, a := range []string{actBcSend, actBcPause, actBcCancel, actBcResume} {
		owner.press(broadcastData(a, "1"))
		owner.mustSee(tt(flows.MsgNotAllowed))
	}
	staff.pressLabel(tt(flows.BtnSbSend, 1))
	staff.mustSee(tt(flows.SbStarted))
	if len(started.ids) != 1 {
		t.Fatalf("started %v, want one broadcast", started.ids)
	}
	b, err := e.store.Broadcast(context.Background(), started.ids[0])
	if err != nil || b.Status != ikmbot.BroadcastSending || b.Total != 1 {
		t.Fatalf("broadcast = %+v, %v", b, err)
	}
	// A second tap on the preview's button sends nothing twice.
	staff.press(broadcastData(actBcSend, b.ID))
	staff.mustSee(tt(flows.SbNotDraft))

	staff.press(broadcastData(actBcPause, b.ID))
	if b, _ = e.store.Broadcast(context.Background(), b.ID); b.Status != ikmbot.BroadcastPaused {
		t.Errorf("after pause: %s", b.Status)
	}
	staff.press(broadcastData(actBcResume, b.ID))
	if len(started.ids) != 2 {
		t.Errorf("resume did not start the broadcast again: %v", started.ids)
	}
	staff.press(broadcastData(actBcCancel, b.ID))
	staff.mustSee(tt(flows.SbCancelled))
	staff.press(broadcastData(actBcResume, b.ID))
	staff.mustSee(tt(flows.SbNotDraft))
	// The list shows it with its report.
	staff.command("siaran", "")
	staff.mustSee(tt(flows.SbListTitle))
	staff.press(broadcastData(actBcView, b.ID))
	b, _ = e.store.Broadcast(context.Background(), b.ID)
	staff.mustSee(flows.BroadcastProgress("id", b, 0))
	staff.pressLabel(tt(flows.BtnSbList))
	staff.mustSee(tt(flows.SbListTitle))
	for _, data := range []string{"bc:s", "bc:s:999", "bc:zz:1"} {
		staff.press(data)
		staff.mustSee(tt(flows.MsgStaleButton))
	}
}

// TestBroadcastToGraduatesLackingCert: staff send to the owners who
// completed a class and have no valid halal certificate; exactly those
// are in the recipients, not one who holds it, one whose certificate
// expired (who is in), one in the class who did not complete it, nor one
// who never took a class.
func TestBroadcastToGraduatesLackingCert(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	staff := e.staff()
	cl := staff.createClass("Kelas Kemasan Ekspor", "07-12-2026", "20", false)
	var owners []*person
	for range 5 {
		o := e.person()
		o.signUp()
		owners = append(owners, o)
	}
	graduate, holder, expired, dropout, never := owners[0], owners[1], owners[2], owners[3], owners[4]
	for _, o := range []*person{graduate, holder, expired, dropout} {
		if r, err := e.store.Enrol(ctx, cl.ID, o.id, e.now, false); err != nil || r.Status != ikmbot.SeatEnrolled {
			t.Fatalf("Enrol(%d) = %+v, %v", o.id, r, err)
		}
	}
	if err := e.store.CompleteClass(ctx, cl.ID, []int64{graduate.id, holder.id, expired.id}); err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for o, c := range map[*person]ikmbot.Certificate{
		holder:  {Type: "HALAL", Status: ikmbot.CertHeld, Issued: day(2025, 1, 6)},
		expired: {Type: "HALAL", Status: ikmbot.CertHeld, Issued: day(2016, 1, 4), Expires: day(2020, 1, 4)},
		never:   {Type: "HALAL", Status: ikmbot.CertHeld}, // holds it, but never took a class
	} {
		c.UpdatedAt = e.now
		if err := e.store.SaveCertificate(ctx, o.id, c, nil, nil); err != nil {
			t.Fatal(err)
		}
	}

	halal, _ := ikmbot.CertTypeByCode("HALAL")
	staff.compose("Pendampingan sertifikasi halal gratis untuk alumni kelas.", tt(flows.SbAllRegions), tt(flows.SbAllLevels),
		tt(flows.SbAllSectors), tt(flows.SbAllMarkets), tt(flows.SbAllExports), tt(flows.SbClassCompleted), halal.Short("id"), tt(flows.SbCertLacks))
	staff.mustSee(flows.AudienceLine("id", ikmbot.Audience{Class: ikmbot.ClassFilterCompleted, CertType: "HALAL", CertLacking: true}))
	staff.mustSee(tt(flows.SbPreviewCount, 2))
	staff.pressLabel(tt(flows.BtnSbSend, 2))
	staff.mustSee(tt(flows.SbStarted))
	if len(started.ids) != 1 {
		t.Fatalf("started %v, want one broadcast", started.ids)
	}
	b, err := e.store.Broadcast(ctx, started.ids[0])
	if err != nil || b.Total != 2 || b.Audience.Class != ikmbot.ClassFilterCompleted || b.Audience.CertType != "HALAL" || !b.Audience.CertLacking {
		t.Fatalf("broadcast = %+v, %v", b, err)
	}
	got := e.recipients(b.ID)
	if want := []int64{graduate.id, expired.id}; !slices.Equal(got, want) {
		t.Errorf("recipients = %v, want %v (the graduate without a certificate and the one whose certificate expired)", got, want)
	}
}

// TestBroadcastToTargetCountry: staff send to the coffee owners who chose
// Japan as a target in /pasar; the one who chose it and then took it
// back, the one who chose another country and the one who chose none
// are left out, and the audience line says who it is for.
func TestBroadcastToTargetCountry(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	var owners []*person
	for range 5 {
		o := e.person()
		o.signUp() // coffee, in Metro
		owners = append(owners, o)
	}
	japanUS, japan, withdrew, germany := owners[0], owners[1], owners[2], owners[3] // owners[4] chose none
	for o, codes := range map[*person][]string{japanUS: {"JP", "US"}, japan: {"JP"}, withdrew: {"JP", "JP"}, germany: {"DE"}} {
		for _, code := range codes {
			o.press(marketData(actMarketTarget, code))
		}
	}
	japanese := country(t, "JP")
	staff := e.staff()
	staff.compose("Misi dagang kopi ke Jepang, Februari 2027.", tt(flows.SbAllRegions), tt(flows.SbAllLevels), "Kopi",
		flows.T("id", flows.BtnPmCountry, japanese.Flag(), japanese.Name("id")), tt(flows.SbAllExports), tt(flows.SbAllClasses), tt(flows.SbAllCerts))
	u, _, err := e.store.LoadUser(ctx, japan.id)
	if err != nil || u.Profile == nil {
		t.Fatalf("LoadUser = %+v, %v", u, err)
	}
	want := ikmbot.Audience{Sectors: []string{u.Profile.Sector}, Markets: []string{"JP"}}
	staff.mustSee(flows.AudienceLine("id", want))
	staff.mustSee(tt(flows.SbPreviewCount, 2))
	staff.pressLabel(tt(flows.BtnSbSend, 2))
	if len(started.ids) != 1 {
		t.Fatalf("started %v, want one broadcast", started.ids)
	}
	b, err := e.store.Broadcast(ctx, started.ids[0])
	if err != nil || b.Total != 2 || !slices.Equal(b.Audience.Markets, want.Markets) {
		t.Fatalf("broadcast = %+v, %v", b, err)
	}
	got := e.recipients(b.ID)
	wantIDs := []int64{japanUS.id, japan.id}
	slices.Sort(wantIDs)
	if !slices.Equal(got, wantIDs) {
		t.Errorf("recipients = %v, want %v (the two who target Japan)", got, wantIDs)
	}
}

// TestBroadcastComposedBeforeMarketStep: a composition saved by the
// version before the target country question, left at its summary,
// resumes with /siaran at that question, keeps its other answers and
// still sends.
func TestBroadcastComposedBeforeMarketStep(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	owner := e.person()
	owner.signUp() // in Metro
	staff := e.staff()
	staff.command("siaran", "")
	staff.pressLabel(tt(flows.BtnSbNew))
	staff.text("Pameran produk ekspor di Metro.")
	for _, label := range append([]string{"Metro"}, sbAll...) {
		staff.pressLabel(label)
	}
	staff.mustSee(tt(flows.SbFieldMarket)) // on the summary

	// What version 2 stored: the same answers but the country.
	_, s, err := e.store.LoadUser(ctx, staff.id)
	if err != nil || s.Flow != flows.BroadcastCompose.Name {
		t.Fatalf("session = %+v, %v", s, err)
	}
	s.Version = 2
	if _, ok := s.Answers["market"]; !ok {
		t.Fatalf("no market answer to take away: %v", s.Answers)
	}
	delete(s.Answers, "market")
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: staff.id, Session: &s}); err != nil {
		t.Fatal(err)
	}

	staff.command("siaran", "")
	staff.mustSee(tt(flows.MsgFlowUpdated))
	staff.mustSee(tt(flows.SbAskMarket, ikmbot.MaxTargetMarkets))
	staff.pressLabel(tt(flows.SbAllMarkets))
	staff.mustSee("Pameran produk ekspor di Metro.")
	staff.pressLabel(tt(flows.SuSave))
	staff.mustSee(tt(flows.SbPreviewCount, 1))
	staff.pressLabel(tt(flows.BtnSbSend, 1))
	if len(started.ids) != 1 {
		t.Fatalf("started %v, want one broadcast", started.ids)
	}
	if b, err := e.store.Broadcast(ctx, started.ids[0]); err != nil || b.Total != 1 || b.Audience.Regions == nil || b.Audience.Markets != nil {
		t.Errorf("broadcast = %+v, %v; want Metro's owner, no country", b, err)
	}
}

func TestScheduledBroadcast(t *testing.T) {
	e := newEnv(t) // 27-11-2026 10.00 WIB
	started := &startedBroadcasts{}
	e.r.cfg.Broadcaster = started
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	owner := e.person()
	owner.signUp()
	staff := e.staff()
	compose := func() {
		t.Helper()
		staff.composeToAll("Temu bisnis dengan LPEI, Senin depan.")
		staff.pressLabel(tt(flows.BtnSbSchedule))
	}
	compose()
	staff.text("26-11-2026") // yesterday
	staff.mustSee(tt(flows.KbErrPast, "27-11-2026"))
	staff.text("30-11-2026")
	staff.text("09.00")
	staff.mustSee(begin(tt(flows.SbScheduled, "\x00", 1)))

	due := e.dues(DueBroadcast, staff.id, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if len(due) != 1 || !due[0].At.Equal(time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)) {
		t.Fatalf("scheduled %+v, want one at 30-11-2026 09.00 WIB", due)
	}
	msgs, err := e.r.FireBroadcast(context.Background(), due[0], due[0].At)
	if err != nil || len(msgs) != 1 || len(started.ids) != 1 {
		t.Fatalf("firing = %+v, %v; started %v", msgs, err, started.ids)
	}
	if b, _ := e.store.Broadcast(context.Background(), started.ids[0]); b.Status != ikmbot.BroadcastSending || b.Total != 1 {
		t.Errorf("broadcast = %+v", b)
	}

	// One cancelled before its time sends nothing.
	compose()
	staff.text("30-11-2026")
	staff.text("10.00")
	staff.pressLabel(tt(flows.BtnSbCancel))
	staff.mustSee(tt(flows.SbCancelled))
	due = e.dues(DueBroadcast, staff.id, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	for _, d := range due {
		if d.ID == started.ids[0] {
			continue
		}
		if msgs, err := e.r.FireBroadcast(context.Background(), d, d.At); err != nil || len(msgs) != 0 {
			t.Errorf("a cancelled scheduled broadcast fired: %+v, %v", msgs, err)
		}
	}
	if len(started.ids) != 1 {
		t.Errorf("started %v, want only the first", started.ids)
	}
}

func TestOwnerTurnsAnnouncementsOffAndOn(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	o := e.person()
	o.signUp()
	everyone := ikmbot.Audience{}
	count := func() int64 {
		t.Helper()
		n, err := e.store.CountAudience(ctx, everyone)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	o.press(cbOptOut) // the button under a broadcast
	o.mustSee(tt(flows.SbOptedOut))
	if got := count(); got != before-1 {
		t.Errorf("audience after opting out = %d, want %d", got, before-1)
	}
	o.command("profil", "")
	o.mustSee(tt(flows.SbProfileOff))
	o.pressLabel(tt(flows.BtnSbOptIn))
	o.mustSee(tt(flows.SbOptedIn))
	if got := count(); got != before {
		t.Errorf("audience after opting in again = %d, want %d", got, before)
	}
}

// A broadcast about to go out in quiet hours says so in its preview;
// staff still decide.
func TestBroadcastPreviewWarnsInQuietHours(t *testing.T) {
	e := newEnv(t) // 10.00 WIB
	e.r.cfg.Quiet = ikmbot.QuietHours{Start: 21, End: 7}
	e.r.cfg.Broadcaster = &startedBroadcasts{}
	warning := flows.T("id", flows.SbQuietNow, 21, 7)
	owner := e.person()
	owner.signUp()
	staff := e.staff()
	staff.composeToAll("Pelatihan kemasan ekspor minggu depan.")
	if staff.saw(warning) {
		t.Errorf("warned at 10.00 WIB: %+v", staff.last)
	}
	e.now = time.Date(2026, 11, 27, 15, 30, 0, 0, time.UTC) // 22.30 WIB
	staff.composeToAll("Pelatihan kemasan ekspor minggu depan.")
	staff.mustSee(warning)
	staff.pressLabel(flows.T("id", flows.BtnSbSend, 1))
	staff.mustSee(flows.T("id", flows.SbStarted))
}
