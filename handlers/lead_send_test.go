package handlers

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// leadWorld is a coffee lead for Japan that asks for halal, saved by a
// staff member, with a coffee owner holding halal (mentored by Agus), a
// second halal holder without a mentor, a coffee owner without halal and
// a pepper owner.
type leadWorld struct {
	e                           *env
	staff, mentor               *person
	holder, second, lacks, lada *person
	lead                        ikmbot.Lead
	started                     *startedBroadcasts
}

func newLeadWorld(t *testing.T) *leadWorld {
	t.Helper()
	e := newEnv(t)
	ctx := context.Background()
	w := &leadWorld{e: e, staff: e.staff(), mentor: e.mentor("Agus"), started: &startedBroadcasts{}}
	e.r.cfg.Broadcaster = w.started
	w.holder, w.second, w.lacks, w.lada = e.person(), e.person(), e.person(), e.person()
	w.holder.signUpIn("Kopi Jaya", "Tanggamus", "Kopi")
	w.second.signUpIn("Kopi Dua", "Metro", "Kopi")
	w.lacks.signUpIn("Kopi Lain", "Metro", "Kopi")
	w.lada.signUpIn("Lada Maju", "Metro", "Lada & rempah")
	for _, o := range []*person{w.holder, w.second} {
		if err := e.store.SaveCertificate(ctx, o.id, ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertHeld, UpdatedAt: e.now}, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	e.assign(w.mentor, w.holder)
	l, err := e.store.SaveLead(ctx, ikmbot.Lead{Product: "kopi robusta green bean", Sector: "KOPI", Country: "JP",
		Quantity: "2 ton", Frequency: "tiap bulan", Certs: []string{"HALAL"}, Deadline: e.now.Add(7 * 24 * time.Hour),
		Contact: "Bidang Ekspor, Bu Rina", CreatedBy: w.staff.id})
	if err != nil {
		t.Fatal(err)
	}
	w.lead = l
	return w
}

// recipients are the owners the lead's broadcast was snapshotted for.
func (w *leadWorld) recipients() []int64 {
	w.e.t.Helper()
	ctx := context.Background()
	l, err := w.e.store.Lead(ctx, w.lead.ID)
	if err != nil {
		w.e.t.Fatal(err)
	}
	return w.e.recipients(l.BroadcastID)
}

// TestLeadSendAnswerForward: staff send a lead; only the owners who
// qualify are its recipients, its message carries the answer buttons;
// an owner says Tertarik and shows up on the staff's page with their
// certificates and mentor; forwarding tells the mentor once; an owner
// who does not qualify cannot answer even with a forged button.
func TestLeadSendAnswerForward(t *testing.T) {
	w := newLeadWorld(t)
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	s := w.staff
	s.command("pembeli", "")
	s.pressLabel("1. 🇯🇵 kopi robusta green bean")
	s.mustSee(tt(flows.LdPageNotSent))
	s.pressLabel(tt(flows.BtnLdSend, 2))
	s.mustSee(tt(flows.LdSending, 2))
	if len(w.started.ids) != 1 {
		t.Fatalf("broadcasts started = %v, want one", w.started.ids)
	}
	if got, want := w.recipients(), []int64{w.holder.id, w.second.id}; !slices.Equal(got, want) {
		t.Errorf("recipients = %v, want the two halal holders %v", got, want)
	}
	b, err := w.e.store.Broadcast(context.Background(), w.started.ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if b.LeadID != w.lead.ID || !strings.Contains(b.Message.Text, "kopi robusta green bean") ||
		b.Message.Buttons[0][0].Data != ownerLeadData(actLeadYes, w.lead.ID) {
		t.Errorf("lead broadcast = %+v", b)
	}
	if en := b.Translations["en"]; !strings.Contains(en.Text, flows.T("en", flows.LdOfferTitle)) ||
		en.Buttons[0][0].Text != flows.T("en", flows.BtnLdYes) {
		t.Errorf("the lead's English message = %+v", en)
	}

	// Sending again sends nothing more.
	s.press(leadData(actLeadSend, w.lead.ID))
	s.mustSee(tt(flows.LdAlreadySent, "27 November 2026 10.00 WIB"))
	if len(w.started.ids) != 1 {
		t.Errorf("broadcasts started after a second send = %v, want one", w.started.ids)
	}

	w.holder.press(ownerLeadData(actLeadYes, w.lead.ID))
	w.holder.mustSee(tt(flows.LdAnsweredYes, "Bidang Ekspor, Bu Rina", "4 Desember 2026 10.00 WIB"))
	toStaff := func() int {
		n := 0
		for _, m := range w.holder.last {
			if m.ChatID == s.id && strings.Contains(m.Text, "Kopi Jaya") {
				n++
			}
		}
		return n
	}
	if toStaff() != 1 {
		t.Errorf("staff told of the interest %d times, want once: %+v", toStaff(), w.holder.last)
	}
	w.holder.press(ownerLeadData(actLeadYes, w.lead.ID)) // a second tap is no news
	if toStaff() != 0 {
		t.Errorf("staff told again of the same interest")
	}
	w.second.press(ownerLeadData(actLeadNo, w.lead.ID))
	w.second.mustSee(tt(flows.LdAnsweredNo, "4 Desember 2026 10.00 WIB"))
	w.lacks.press(ownerLeadData(actLeadYes, w.lead.ID)) // forged: they never got it
	w.lacks.mustSee(tt(flows.LdNotQualified, "Sertifikat Halal"))
	w.lada.press(ownerLeadData(actOwnerLead, w.lead.ID))
	w.lada.mustSee(tt(flows.LdOtherSector))

	s.press(leadData(actLeadView, w.lead.ID))
	s.mustSee(tt(flows.LdPageAnswers, 1, 1))
	s.mustSee("<b>Kopi Jaya</b>")
	s.mustSee(tt(flows.LdCertsHeld, "Sertifikat halal"))
	s.mustSee(tt(flows.LdMentor, "Agus"))
	if s.saw("Kopi Dua") || s.saw("Kopi Lain") {
		t.Errorf("staff page lists owners who are not interested: %+v", s.last)
	}
	s.pressLabel(tt(flows.BtnLdForward))
	s.mustSee(tt(flows.LdForwarded, 1, 1))
	var toMentor []ikmbot.Message
	for _, m := range s.last {
		if m.ChatID == w.mentor.id {
			toMentor = append(toMentor, m)
		}
	}
	if len(toMentor) != 1 || !strings.Contains(toMentor[0].Text, "Kopi Jaya") || !strings.Contains(toMentor[0].Text, "kopi robusta green bean") {
		t.Errorf("messages to the mentor = %+v, want one naming Kopi Jaya and the lead", toMentor)
	}
	s.press(leadData(actLeadFwd, w.lead.ID))
	s.mustSee(tt(flows.LdForwardedNone))
	for _, m := range s.last {
		if m.ChatID == w.mentor.id {
			t.Errorf("mentor told twice: %+v", m)
		}
	}

	// An owner changes their mind; the page follows.
	w.holder.pressLabel(tt(flows.BtnLdNo))
	w.holder.mustSee(tt(flows.LdAnsweredNo, "4 Desember 2026 10.00 WIB"))
	s.press(leadData(actLeadView, w.lead.ID))
	s.mustSee(tt(flows.LdPageAnswers, 0, 2))
}

// TestLeadsUnderPasar: an owner sees the lead they qualify for under
// /pasar, opens and answers it there; one who lacks a certificate sees
// only what would qualify them; an owner of another sector sees nothing
// of it.
func TestLeadsUnderPasar(t *testing.T) {
	w := newLeadWorld(t)
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	w.holder.command("pasar", "")
	w.holder.mustSee(tt(flows.LdOwnerTitle, 1))
	w.holder.pressLabel("🤝 🇯🇵 kopi robusta green bean")
	w.holder.mustSee(tt(flows.LdOfferAsk))
	w.holder.pressLabel(tt(flows.BtnLdYes))
	w.holder.command("pasar", "")
	w.holder.mustSee(tt(flows.LdOwnerSaidYes))

	w.lacks.command("pasar", "")
	w.lacks.mustSee(tt(flows.LdOwnerGaps, 1, "Sertifikat Halal"))
	if w.lacks.saw("kopi robusta green bean") {
		t.Errorf("an owner who does not qualify sees the lead: %+v", w.lacks.last)
	}
	w.lada.command("pasar", "")
	if w.lada.saw("kopi robusta") || w.lada.saw(before(tt(flows.LdOwnerGaps, 1, "X"), "1")) {
		t.Errorf("a pepper owner sees the coffee lead: %+v", w.lada.last)
	}

	// Past the deadline the lead is gone from /pasar and takes no answer.
	w.e.now = w.lead.Deadline
	w.holder.command("pasar", "")
	if w.holder.saw("kopi robusta green bean") {
		t.Errorf("a lead past its deadline is still offered: %+v", w.holder.last)
	}
	w.holder.press(ownerLeadData(actLeadNo, w.lead.ID))
	w.holder.mustSee(tt(flows.LdIsClosed))
}

// TestFireLeadClose: at the deadline the lead closes, its broadcast stops,
// the interested owner and the staff member who recorded it are told;
// firing again sends nothing.
func TestFireLeadClose(t *testing.T) {
	w := newLeadWorld(t)
	ctx := context.Background()
	w.staff.press(leadData(actLeadSend, w.lead.ID))
	w.holder.press(ownerLeadData(actLeadYes, w.lead.ID))
	w.second.press(ownerLeadData(actLeadNo, w.lead.ID))
	at := w.lead.Deadline.Add(8 * time.Hour) // the morning after quiet hours
	msgs, err := w.e.r.FireLeadClose(ctx, ikmbot.Due{Kind: DueLeadClose, ID: w.lead.ID, At: w.lead.Deadline}, at)
	if err != nil {
		t.Fatal(err)
	}
	to := map[int64]string{}
	for _, m := range msgs {
		to[m.ChatID] += m.Text
	}
	if len(to) != 2 || !strings.Contains(to[w.holder.id], flows.LeadClosedForOwner("id", w.lead)) ||
		!strings.Contains(to[w.staff.id], "Tertarik: 1 · Tidak: 1") {
		t.Errorf("closing messages = %+v, want the interested owner and the staff member told", msgs)
	}
	l, err := w.e.store.Lead(ctx, w.lead.ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.Status != ikmbot.LeadClosed {
		t.Errorf("lead status = %s, want closed", l.Status)
	}
	b, err := w.e.store.Broadcast(ctx, l.BroadcastID)
	if err != nil || b.Status != ikmbot.BroadcastCancelled {
		t.Errorf("lead broadcast = %s, %v; want cancelled", b.Status, err)
	}
	// A tick that failed after closing is tried again: the notices are
	// still made, and the closing time kept (the engine sends once).
	again, err := w.e.r.FireLeadClose(ctx, ikmbot.Due{Kind: DueLeadClose, ID: w.lead.ID}, at.Add(time.Minute))
	if err != nil || len(again) != 2 {
		t.Errorf("closing again = %+v, %v; want the two notices", again, err)
	}
	if l, _ := w.e.store.Lead(ctx, w.lead.ID); !l.ClosedAt.Equal(at) {
		t.Errorf("closed at %v after closing again, want %v", l.ClosedAt, at)
	}
	w.e.now = at
	w.staff.command("pembeli", "")
	w.staff.pressLabel(flows.T("id", flows.BtnLdClosed))
	w.staff.mustSee("kopi robusta green bean")
	w.staff.mustSee("🙋 1")
}

// TestLeadSendNobody: a lead no reachable owner matches is not sent, and
// can be sent later when one qualifies.
func TestLeadSendNobody(t *testing.T) {
	w := newLeadWorld(t)
	ctx := context.Background()
	l := w.lead
	l.ID, l.MinLevel = "", ikmbot.LevelMahir
	l, err := w.e.store.SaveLead(ctx, l)
	if err != nil {
		t.Fatal(err)
	}
	w.staff.press(leadData(actLeadSend, l.ID))
	w.staff.mustSee(flows.T("id", flows.LdNobodyToSend))
	if len(w.started.ids) != 0 {
		t.Errorf("broadcasts started = %v, want none", w.started.ids)
	}
	if stored, _ := w.e.store.Lead(ctx, l.ID); stored.BroadcastID != "" {
		t.Errorf("lead marked sent: %+v", stored)
	}
}

// TestLeadSendNeedsApproval: with approval on, a staff member's lead
// waits for an admin; rejected, it can be sent again; approved, it goes to
// the lead's matches only, not to the whole sector its audience names.
func TestLeadSendNeedsApproval(t *testing.T) {
	w := newLeadWorld(t)
	ctx := context.Background()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	if err := w.e.store.SetBroadcastApproval(ctx, true); err != nil {
		t.Fatal(err)
	}
	admin := w.e.admin()
	w.staff.press(leadData(actLeadSend, w.lead.ID))
	if len(w.started.ids) != 0 {
		t.Fatalf("a lead went out without approval: %v", w.started.ids)
	}
	first, _ := w.e.store.Lead(ctx, w.lead.ID)
	w.staff.press(leadData(actLeadSend, w.lead.ID))
	w.staff.mustSee(tt(flows.LdAwaitingApproval))
	w.staff.press(leadData(actLeadView, w.lead.ID))
	w.staff.mustSee(tt(flows.LdPagePending))

	admin.press(broadcastData(actBcReject, first.BroadcastID))
	w.staff.press(leadData(actLeadView, w.lead.ID))
	w.staff.mustSee(tt(flows.LdPageRejected))
	w.staff.pressLabel(tt(flows.BtnLdSend, 2)) // asks again
	second, _ := w.e.store.Lead(ctx, w.lead.ID)
	if second.BroadcastID == first.BroadcastID || second.BroadcastID == "" {
		t.Fatalf("sending after a rejection: broadcast %q, was %q", second.BroadcastID, first.BroadcastID)
	}
	w.e.now = w.e.now.Add(2 * time.Hour)
	admin.press(broadcastData(actBcApprove, second.BroadcastID))
	if len(w.started.ids) != 1 || w.started.ids[0] != second.BroadcastID {
		t.Fatalf("broadcasts started = %v, want %s", w.started.ids, second.BroadcastID)
	}
	if l, _ := w.e.store.Lead(ctx, w.lead.ID); !l.SentAt.Equal(w.e.now) {
		t.Errorf("lead sent at %v, want the approval's time %v", l.SentAt, w.e.now)
	}
	if got, want := w.recipients(), []int64{w.holder.id, w.second.id}; !slices.Equal(got, want) {
		t.Errorf("recipients after approval = %v, want the lead's matches %v", got, want)
	}
}

// TestLeadForgedButtons: made-up lead ids in buttons, from owners or
// staff, get a polite answer, never an error or an answer recorded.
func TestLeadForgedButtons(t *testing.T) {
	w := newLeadWorld(t)
	for _, data := range []string{"pl:v:open", "pl:y:all", "pl:n:resp:1", "pl:y:", "pl:y:999", "pl:x:1", "pl:"} {
		w.holder.press(data)
		if len(w.holder.last) == 0 {
			t.Errorf("%q: no answer", data)
		}
	}
	for _, data := range []string{"pb:v:open", "pb:s:all", "pb:f:", "pb:v:../x", "pb:z:1"} {
		w.staff.press(data)
		if len(w.staff.last) == 0 {
			t.Errorf("%q: no answer", data)
		}
	}
	answers, err := w.e.store.LeadResponses(context.Background(), w.lead.ID)
	if err != nil || len(answers) != 0 {
		t.Errorf("answers = %+v, %v; want none", answers, err)
	}
	// A forged schedule of a lead's broadcast, still a draft, is refused:
	// its recipients are the lead's, never its audience's.
	draft, err := w.e.store.CreateBroadcast(context.Background(), ikmbot.Broadcast{LeadID: w.lead.ID,
		Audience: ikmbot.Audience{Sectors: []string{"KOPI"}}, CreatedBy: w.staff.id, CreatedAt: w.e.now})
	if err != nil {
		t.Fatal(err)
	}
	w.staff.press(broadcastData(actBcSchedule, draft.ID))
	w.staff.mustSee(flows.T("id", flows.SbNotDraft))
	if _, sess, _ := w.e.store.LoadUser(context.Background(), w.staff.id); sess.Flow == flows.BroadcastSchedule.Name {
		t.Errorf("a schedule conversation started for a lead's broadcast")
	}
}

// TestLeadApprovedAfterDeadline: a lead's send still waiting for an admin
// when the lead's deadline passes is withdrawn, not approved: nothing
// goes out, and the admin and the author are told it closed.
func TestLeadApprovedAfterDeadline(t *testing.T) {
	w := newLeadWorld(t)
	ctx := context.Background()
	if err := w.e.store.SetBroadcastApproval(ctx, true); err != nil {
		t.Fatal(err)
	}
	admin := w.e.admin()
	w.staff.press(leadData(actLeadSend, w.lead.ID))
	l, _ := w.e.store.Lead(ctx, w.lead.ID)
	w.e.now = w.lead.Deadline.Add(time.Hour) // the night after, before the engine closes it
	admin.press(broadcastData(actBcApprove, l.BroadcastID))
	admin.mustSee(flows.T("id", flows.LdIsClosed))
	if len(w.started.ids) != 0 {
		t.Errorf("broadcasts started = %v, want none", w.started.ids)
	}
	b, err := w.e.store.Broadcast(ctx, l.BroadcastID)
	if err != nil || b.Status != ikmbot.BroadcastCancelled || b.Total != 0 {
		t.Errorf("lead broadcast = %s with %d recipients, %v; want cancelled with none", b.Status, b.Total, err)
	}
	told := false
	for _, m := range admin.last {
		told = told || (m.ChatID == w.staff.id && strings.Contains(m.Text, flows.T("id", flows.LdIsClosed)))
	}
	if !told {
		t.Errorf("the author was not told: %+v", admin.last)
	}
}

// TestLeadAnswersCertificates: the lead's page reads certificates only
// for the owners it shows; forwarding reads them for every owner, so no
// mentor is told a mentee holds none.
func TestLeadAnswersCertificates(t *testing.T) {
	w := newLeadWorld(t)
	ctx := context.Background()
	w.holder.press(ownerLeadData(actLeadYes, w.lead.ID))
	w.second.press(ownerLeadData(actLeadYes, w.lead.ID))
	few, _, err := w.e.r.leadAnswers(ctx, w.lead, w.e.now, 1)
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := w.e.r.leadAnswers(ctx, w.lead, w.e.now, math.MaxInt)
	if err != nil {
		t.Fatal(err)
	}
	if len(few) != 2 || len(few[0].Held) == 0 || len(few[1].Held) != 0 {
		t.Errorf("with certificates for one: %+v", few)
	}
	for _, o := range all {
		if len(o.Held) == 0 {
			t.Errorf("owner %d read without certificates: %+v", o.User.ID, o)
		}
	}
}

// TestEnsureLeadsClose schedules the closing of an open lead saved
// without it, which then closes at its deadline.
func TestEnsureLeadsClose(t *testing.T) {
	w := newLeadWorld(t) // saved straight into storage: nothing scheduled
	ctx := context.Background()
	if err := w.e.r.EnsureLeadsClose(ctx); err != nil {
		t.Fatal(err)
	}
	due, err := w.e.store.DueItems(ctx, w.lead.Deadline, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(due, func(d ikmbot.Due) bool { return d.Kind == DueLeadClose && d.ID == w.lead.ID }) {
		t.Errorf("due at the deadline = %+v, want the lead's closing", due)
	}
}

// TestLeadDraftSentFromSiaran: a lead's broadcast left a draft (the bot
// stopped between making it the lead's and starting it) goes out from
// /siaran's "send now" to the lead's matches, not its audience.
func TestLeadDraftSentFromSiaran(t *testing.T) {
	w := newLeadWorld(t)
	ctx := context.Background()
	draft, err := w.e.store.CreateBroadcast(ctx, ikmbot.Broadcast{LeadID: w.lead.ID,
		Audience: ikmbot.Audience{Sectors: []string{"KOPI"}}, CreatedBy: w.staff.id, CreatedAt: w.e.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.store.AttachLeadBroadcast(ctx, w.lead.ID, draft.ID, "", w.e.now); err != nil {
		t.Fatal(err)
	}
	w.staff.press(broadcastData(actBcView, draft.ID))
	w.staff.pressLabel(flows.T("id", flows.BtnSbSendNow))
	w.staff.mustSee(flows.T("id", flows.LdSending, 2))
	if !slices.Equal(w.started.ids, []string{draft.ID}) {
		t.Fatalf("broadcasts started = %v, want the draft %s", w.started.ids, draft.ID)
	}
	if got, want := w.recipients(), []int64{w.holder.id, w.second.id}; !slices.Equal(got, want) {
		t.Errorf("recipients = %v, want the lead's matches %v, not every coffee owner", got, want)
	}
}

// TestLeadForwardNamesOwnersWithoutMentor: forwarding tells the mentor of
// the owner who has one and names, for staff, the interested owner who
// has none, to assign one.
func TestLeadForwardNamesOwnersWithoutMentor(t *testing.T) {
	w := newLeadWorld(t)
	w.holder.press(ownerLeadData(actLeadYes, w.lead.ID))
	w.second.press(ownerLeadData(actLeadYes, w.lead.ID)) // no mentor
	w.staff.press(leadData(actLeadFwd, w.lead.ID))
	w.staff.mustSee(flows.T("id", flows.LdForwarded, 1, 1))
	w.staff.mustSee(flows.T("id", flows.LdForwardNoMentor, 1, "Kopi Dua"))
	for _, m := range w.staff.last {
		if strings.Contains(m.Text, "Kopi Dua") && m.ChatID == w.mentor.id {
			t.Errorf("the mentor was told of an owner not theirs: %+v", m)
		}
	}
}

// TestLeadSendWarnsInQuietHours: at night the lead's page warns, next to
// the send button, that sending now would wake owners; by day it does not.
func TestLeadSendWarnsInQuietHours(t *testing.T) {
	w := newLeadWorld(t)
	w.e.r.cfg.Quiet = ikmbot.QuietHours{Start: 21, End: 7}
	warning := flows.T("id", flows.SbQuietNow, 21, 7)
	w.staff.press(leadData(actLeadView, w.lead.ID)) // 10.00 WIB
	if w.staff.saw(warning) {
		t.Errorf("a quiet-hours warning by day: %+v", w.staff.last)
	}
	w.e.now = time.Date(2026, 11, 27, 22, 30, 0, 0, time.FixedZone("WIB", 7*3600))
	w.staff.press(leadData(actLeadView, w.lead.ID))
	w.staff.mustSee(warning)
	w.staff.pressLabel(flows.T("id", flows.BtnLdSend, 2)) // staff decide, knowing
	w.staff.mustSee(flows.T("id", flows.LdSending, 2))
}

// TestClosedLeadsEmpty: with no lead closed yet the list says so, with the
// way back to the open ones.
func TestClosedLeadsEmpty(t *testing.T) {
	w := newLeadWorld(t)
	w.staff.press(cbLeadsClosed)
	w.staff.mustSee(flows.T("id", flows.LdClosedEmpty))
	w.staff.pressLabel(flows.T("id", flows.BtnLdList))
	w.staff.mustSee("kopi robusta green bean")
}
