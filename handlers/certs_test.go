package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// dues returns the due items of one kind for an owner, due by at.
func (e *env) dues(kind string, owner int64, at time.Time) []ikmbot.Due {
	e.t.Helper()
	due, err := e.store.DueItems(context.Background(), at, 0, 10000)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []ikmbot.Due
	for _, d := range due {
		if d.Kind == kind && d.Target == owner {
			out = append(out, d)
		}
	}
	return out
}

func TestCertificateRecordedRemindedMovedDeleted(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	o := e.person()
	o.signUp()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	spp, _ := ikmbot.CertTypeByCode("SPP_IRT")

	o.command("sertifikat", "")
	o.mustSee(spp.Short("id")) // the sector's certificates are listed
	o.pressLabel(tt(flows.BtnCdAdd))
	o.pressLabel(spp.Short("id"))
	o.pressLabel(tt(flows.SfHeld))
	o.text("P-IRT 2061871010123-27")
	o.text("10-01-2024")
	o.pressLabel(tt(flows.SfUseDefault, "10-01-2029"))
	o.pressLabel(tt(flows.SuSave))
	o.mustSee(tt(flows.CdSaved, spp.Short("id")))
	certs, err := e.store.Certificates(ctx, o.id)
	if err != nil || len(certs) != 1 || !certs[0].Expires.Equal(time.Date(2029, 1, 10, 0, 0, 0, 0, time.UTC)) || !certs[0].ExpiryGuessed {
		t.Fatalf("stored %+v, %v", certs, err)
	}
	// Reminders at the renewal lead (90 days), 30 and 7 days before.
	got := e.dues(DueCertExpiry, o.id, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(got) != 3 {
		t.Fatalf("expiry reminders = %+v, want 3", got)
	}
	last := got[2]
	if want := time.Date(2029, 1, 3, 2, 0, 0, 0, time.UTC); !last.At.Equal(want) { // 09.00 WIB, 7 days before
		t.Errorf("last reminder at %v, want %v", last.At, want)
	}
	msgs, err := e.r.FireCertExpiry(ctx, last, last.At)
	if err != nil || len(msgs) != 1 || msgs[0].ChatID != o.id || !strings.Contains(msgs[0].Text, spp.Name("id")) {
		t.Fatalf("expiry reminder = %+v, %v", msgs, err)
	}

	// Renewed: the reminder's button opens the record at its summary;
	// a new expiry date moves the reminders.
	o.last = msgs
	e.now = last.At
	o.pressLabel(tt(flows.BtnCdRenewed))
	o.text("P-IRT 2061871010123-32") // a renewal brings a new number and dates
	o.text("02-01-2029")
	o.text("10-01-2034")
	o.pressLabel(tt(flows.SuSave))
	o.mustSee(tt(flows.CdSaved, spp.Short("id")))
	if old, _, _, _, ok, _ := e.r.certOfDue(ctx, last); ok {
		t.Errorf("the old reminder still matches the record: %+v", old)
	}
	if msgs, err := e.r.FireCertExpiry(ctx, last, last.At); err != nil || len(msgs) != 0 {
		t.Errorf("old reminder after renewal = %+v, %v", msgs, err)
	}
	if got := e.dues(DueCertExpiry, o.id, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("old reminders still scheduled: %+v", got)
	}
	if got := e.dues(DueCertExpiry, o.id, time.Date(2034, 1, 10, 0, 0, 0, 0, time.UTC)); len(got) != 3 {
		t.Errorf("new reminders = %+v, want 3", got)
	}

	// Deleting takes its reminders away.
	o.command("sertifikat", "")
	o.press(certData(actCertDelete, spp.Code))
	o.pressLabel(tt(flows.BtnCdDeleteYes))
	o.mustSee(tt(flows.CdDeleted, spp.Short("id")))
	if got := e.dues(DueCertExpiry, o.id, time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("reminders after deleting: %+v", got)
	}
	// Forged and stale buttons.
	for _, data := range []string{"c:e:NOPE", "c:x:SPP_IRT", "c:", certData(actCertDeleted, spp.Code)} {
		o.press(data)
		if !o.saw(tt(flows.MsgStaleButton)) && !o.saw(tt(flows.CdNotRecorded)) {
			t.Errorf("%q answered %+v", data, o.last)
		}
	}
}

func TestCertificateApplicationAskedMonthly(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	o := e.person()
	o.signUp()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	halal, _ := ikmbot.CertTypeByCode("HALAL")
	o.press(cbCertAdd)
	o.pressLabel(halal.Short("id"))
	o.pressLabel(tt(flows.SfApplying))
	o.pressLabel(tt(flows.SfThisMonth))
	o.pressLabel(tt(flows.SuSave))
	o.mustSee(tt(flows.CdSavedApplying))

	q := e.dues(DueCertProcess, o.id, e.now.Add(40*24*time.Hour))
	if len(q) != 1 {
		t.Fatalf("monthly questions = %+v", q)
	}
	e.now = q[0].At
	msgs, err := e.r.FireCertProcess(ctx, q[0], e.now)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("monthly question = %+v, %v", msgs, err)
	}
	if next := e.dues(DueCertProcess, o.id, e.now.Add(40*24*time.Hour)); len(next) != 2 {
		t.Errorf("after the first question, scheduled %+v; want the next month's too", next)
	}
	o.last = msgs
	o.pressLabel(tt(flows.BtnCdStill))
	o.mustSee(tt(flows.CdStillNoted))
	o.last = msgs
	o.pressLabel(tt(flows.BtnCdIssued))
	o.mustSee(tt(flows.SfAskNumber, halal.Short("id"))[:20])
	o.pressLabel(tt(flows.SfNoNumber))
	o.pressLabel(tt(flows.SfDontKnow))
	o.pressLabel(tt(flows.SfNoExpiry))
	o.pressLabel(tt(flows.SuSave))
	certs, _ := e.store.Certificates(ctx, o.id)
	if len(certs) != 1 || certs[0].Status != ikmbot.CertHeld {
		t.Fatalf("after 'issued' stored %+v", certs)
	}
	// The held certificate settles the check's certificate question.
	before := flows.ReadinessAsked(ikmbot.Readiness(), flows.ReadinessPrefill(ikmbot.Readiness(), *mustProfile(t, e, o.id)))
	o.command("cek", "")
	o.mustSee(flows.T("id", flows.RcIntro, before-1))
	// Its monthly questions stopped.
	if msgs, err := e.r.FireCertProcess(ctx, q[0], e.now); err != nil || len(msgs) != 0 {
		t.Errorf("monthly question after it was issued = %+v, %v", msgs, err)
	}
}

func mustProfile(t *testing.T, e *env, id int64) *ikmbot.Profile {
	t.Helper()
	u, _, err := e.store.LoadUser(context.Background(), id)
	if err != nil || u.Profile == nil {
		t.Fatalf("load %d: %+v, %v", id, u, err)
	}
	return u.Profile
}

func TestHelpRequestFromOwnerToStaffAndBack(t *testing.T) {
	e := newEnv(t)
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	staff, other := e.staff(), e.staff()
	o := e.person()
	o.signUp()
	halal, _ := ikmbot.CertTypeByCode("HALAL")

	o.command("bantuan", "")
	o.pressLabel(tt(flows.BtnCdHelp))
	o.pressLabel(halal.Short("id"))
	o.text("Bagaimana cara daftar halal gratis?")
	out := o.pressLabel(tt(flows.SuSave))
	o.mustSee(tt(flows.CdHelpSent, "1")[:30])
	var told []int64
	for _, m := range out {
		if strings.Contains(m.Text, "Bagaimana cara daftar") {
			told = append(told, m.ChatID)
		}
	}
	if len(told) != 2 {
		t.Errorf("staff told: %v, want both staff", told)
	}
	reqs, err := e.store.HelpOf(context.Background(), o.id)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests = %+v, %v", reqs, err)
	}
	id := reqs[0].ID

	// The owner cannot act as staff.
	o.press(helpData(actHelpTake, id))
	o.mustSee(tt(flows.MsgNotAllowed))

	staff.command("bantuan", "")
	staff.pressLabel(tt(flows.BtnCdQueue))
	staff.mustSee(tt(flows.CdQueueTitle, 1))
	staff.press(helpData(actHelpView, id))
	staff.mustSee("Bagaimana cara daftar halal gratis?")
	out = staff.pressLabel(tt(flows.BtnCdTake))
	staff.mustSee(tt(flows.CdTakenOK, id))
	if len(to(out, o.id)) != 1 {
		t.Errorf("owner told of the take: %+v", to(out, o.id))
	}
	other.press(helpData(actHelpTake, id))
	other.mustSee(tt(flows.CdTakenByOther))

	staff.press(helpData(actHelpReply, id))
	out = staff.text("Daftar di ptsp.halal.go.id lewat jalur SEHATI.")
	staff.mustSee(tt(flows.CdReplySent))
	reply := to(out, o.id)
	if len(reply) != 1 || !strings.Contains(reply[0].Text, "SEHATI") {
		t.Fatalf("owner got %+v", reply)
	}
	o.last = reply
	o.pressLabel(tt(flows.BtnCdReplyOwner))
	out = o.text("Terima kasih, sudah saya coba.")
	o.mustSee(tt(flows.CdNoteSent))
	if len(to(out, staff.id)) != 1 {
		t.Errorf("staff told of the owner's note: %+v", to(out, staff.id))
	}

	staff.press(helpData(actHelpClose, id))
	staff.mustSee(tt(flows.CdClosedOK, id))
	req, err := e.store.Help(context.Background(), id)
	if err != nil || req.Status != ikmbot.HelpClosed || len(req.History) != 5 {
		t.Errorf("request = %+v, %v; want closed with 5 steps", req, err)
	}
	other.press(helpData(actHelpClose, id))
	other.mustSee(tt(flows.CdAlreadyClosed))
	staff.command("bantuan", "")
	staff.pressLabel(tt(flows.BtnCdQueue))
	staff.mustSee(tt(flows.CdQueueEmpty))
}

func TestTakingTwiceTellsOwnerOnce(t *testing.T) {
	e := newEnv(t)
	staff := e.staff()
	o := e.person()
	o.signUp()
	o.press(cbHelpNew)
	o.pressLabel(flows.T("id", flows.HbGeneral))
	o.text("Saya perlu bantuan mengurus izin usaha.")
	o.pressLabel(flows.T("id", flows.SuSave))
	reqs, _ := e.store.HelpOf(context.Background(), o.id)
	if len(reqs) != 1 {
		t.Fatalf("requests = %+v", reqs)
	}
	first := staff.press(helpData(actHelpTake, reqs[0].ID))
	again := staff.press(helpData(actHelpTake, reqs[0].ID))
	if len(to(first, o.id)) != 1 || len(to(again, o.id)) != 0 {
		t.Errorf("owner told %d then %d times, want once", len(to(first, o.id)), len(to(again, o.id)))
	}
}

func TestGuessedLanguageIsKept(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.send(ikmbot.Event{Kind: ikmbot.EventCommand, Command: "daftar", LanguageCode: "en-US"})
	u, _, err := e.store.LoadUser(context.Background(), p.id)
	if err != nil || u.Language != "en" {
		t.Errorf("language stored = %q, %v; want the English guessed from Telegram, for messages others trigger", u.Language, err)
	}
}

func TestHelpQueueFiltersByRegion(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	staff := e.staff()
	metro := e.person()
	metro.signUp() // Metro
	tgm := e.person()
	p := *mustProfile(t, e, metro.id)
	p.UserID, p.Region, p.BusinessName = tgm.id, "TGM", "Lada Tanggamus"
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: tgm.id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []*person{metro, tgm} {
		o.press(cbHelpNew)
		o.pressLabel(tt(flows.HbGeneral))
		o.text("Mohon bantuan mengurus izin usaha kami.")
		o.pressLabel(tt(flows.SuSave))
	}
	staff.press(cbHelpQueue)
	staff.mustSee(tt(flows.CdQueueTitle, 2))
	staff.pressLabel(tt(flows.BtnCdRegion, "Tanggamus"))
	staff.mustSee(tt(flows.CdQueueRegion, "Tanggamus"))
	staff.mustSee(tt(flows.CdQueueTitle, 1))
	reqs, _ := e.store.HelpOf(ctx, tgm.id)
	if len(reqs) != 1 {
		t.Fatalf("requests of the Tanggamus owner: %+v", reqs)
	}
	buttons := staff.last[0].Buttons
	if got := buttons[0][0].Data; got != helpData(actHelpView, reqs[0].ID) {
		t.Errorf("the filtered queue starts with %q, want the Tanggamus request", got)
	}
	staff.pressLabel(tt(flows.BtnCdAllRegions))
	staff.mustSee(tt(flows.CdQueueTitle, 2))
}
