package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// The certification desk end to end: owners record certificates through
// /sertifikat, the reminder engine, ticked by the test on a clock it
// moves, reminds them before expiry and asks monthly about applications,
// and help requests travel from owners to staff and back. Every check is
// on what a user sees in their chat.

// certType is the catalog's certification with code; the test stops if
// the catalog has none.
func certType(t *testing.T, code string) ikmbot.CertType {
	t.Helper()
	ct, ok := ikmbot.CertTypeByCode(code)
	if !ok {
		t.Fatalf("no certification %s in the catalog", code)
	}
	return ct
}

// day is a date as certificates store it: midnight UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// shown is a certificate date as the bot writes it, "10 Mei 2027".
func shown(d time.Time) string { return flows.FormatDate(id, d, time.UTC) }

// reminderAt is when the reminder daysBefore a certificate expiring on
// expires is due: 09.00 WIB of its day.
func reminderAt(expires time.Time, daysBefore int) time.Time {
	d := expires.AddDate(0, 0, -daysBefore)
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, wib)
}

// expiryReminder is the first line of the reminder that a certificate of
// type ct expiring on expires has daysLeft days left.
func expiryReminder(ct ikmbot.CertType, expires time.Time, daysLeft int) string {
	return firstLine(kt(flows.CtReminderIn, flows.Escape(ct.Name(id)), shown(expires), daysLeft))
}

// processQuestion is the first line of the monthly question about an
// application of type ct started on since.
func processQuestion(ct ikmbot.CertType, since time.Time) string {
	return firstLine(flows.CertProcessQuestion(id, ct, ikmbot.Certificate{Type: ct.Code, Since: since}))
}

// question waits for step n of total of a conversation and checks that it
// asks ask.
func question(u *user, n, total int, ask string) telegramtest.Message {
	u.w.t.Helper()
	m := u.expect(kt(flows.MsgProgress, n, total))
	contains(u.w.t, "the question", m, ask)
	return m
}

// summary waits for a conversation's summary and checks it shows each of
// want.
func summary(u *user, want ...string) telegramtest.Message {
	u.w.t.Helper()
	m := u.expect(begin(kt(flows.SuSummary, "")))
	contains(u.w.t, "the summary", m, want...)
	return m
}

// startRecording opens "➕ Catat sertifikat" from /sertifikat and picks
// ct, which the conversation then asks about.
func startRecording(u *user, ct ikmbot.CertType) {
	u.w.t.Helper()
	u.sends("/sertifikat")
	u.expectButton(kt(flows.BtnCdAdd))
	u.press(kt(flows.BtnCdAdd))
	question(u, 1, 5, kt(flows.SfAskType))
	u.press(ct.Short(id))
	question(u, 2, 5, kt(flows.SfAskStatus, flows.Escape(ct.Short(id))))
}

// recordHeld records a certificate of type ct the owner holds, number and
// issue date typed and the catalog's usual expiry taken, and returns that
// expiry.
func recordHeld(u *user, ct ikmbot.CertType, number string, issued time.Time) time.Time {
	u.w.t.Helper()
	short := flows.Escape(ct.Short(id))
	expires := issued.AddDate(ct.ValidityYears, 0, 0)
	startRecording(u, ct)
	u.press(kt(flows.SfHeld))
	question(u, 3, 5, kt(flows.SfAskNumber, short))
	u.sends(number)
	question(u, 4, 5, kt(flows.SfAskIssued, short))
	u.sends(issued.Format("02-01-2006"))
	ask := question(u, 5, 5, kt(flows.SfAskExpires, short, ct.ValidityYears))
	useDefault := kt(flows.SfUseDefault, expires.Format("02-01-2006"))
	if !hasButton(ask, useDefault) {
		u.w.t.Fatalf("the expiry question does not offer %q: %v", useDefault, ask.Buttons)
	}
	u.press(useDefault)
	summary(u, number, shown(issued), kt(flows.SfGuessShow, shown(expires)))
	u.press(kt(flows.SuSave))
	saved := u.expect(begin(kt(flows.CdSaved, flows.Escape(ct.Short(id)))))
	contains(u.w.t, "the confirmation", saved, kt(flows.CdSavedReminders, shown(expires)))
	u.sends("/sertifikat")
	u.expect(begin(kt(flows.CtListTitle)))
	return expires
}

// askHelp opens a help request about ct (nil: a general one) with text
// from /bantuan's "Butuh bantuan" and returns its id.
func askHelp(u *user, ct *ikmbot.CertType, text string) string {
	u.w.t.Helper()
	u.sends("/bantuan")
	u.expectButton(kt(flows.BtnCdHelp))
	u.press(kt(flows.BtnCdHelp))
	question(u, 1, 2, kt(flows.HbAskAbout))
	about := kt(flows.HbGeneral)
	if ct != nil {
		about = ct.Short(id)
	}
	u.press(about)
	u.expect(kt(flows.MsgProgress, 2, 2))
	u.sends(text)
	summary(u, text)
	u.press(kt(flows.SuSave))
	return expectHelpSent(u)
}

// expectHelpSent waits for the confirmation of a help request and returns
// the request's id from it.
func expectHelpSent(u *user) string {
	u.w.t.Helper()
	lead := before(kt(flows.CdHelpSent, "ID"), "ID")
	sent := u.expect(lead)
	_, rest, _ := strings.Cut(sent.Text, lead)
	helpID, _, _ := strings.Cut(rest, " ")
	if helpID == "" {
		u.w.t.Fatalf("no request id in %q", sent.Text)
	}
	return helpID
}

// headsUp is how the heads-up to staff about request helpID of business
// begins.
func headsUp(helpID, business string) string {
	return before(kt(flows.CdHelpNew, helpID, flows.Escape(business), "REGION", "", ""), "REGION")
}

// deskStaff is a staff member who has talked to the bot before, as one
// who joined through an invitation has: Telegram lets a bot write only to
// users who did.
func (w *timed) deskStaff() *user {
	w.t.Helper()
	s := w.staffMember()
	s.sends("/bantuan")
	s.expectButton(kt(flows.BtnCdQueue))
	return s
}

// openQueue opens the staff's queue of help requests from /bantuan and
// returns it.
func openQueue(staff *user, want string) telegramtest.Message {
	staff.w.t.Helper()
	staff.sends("/bantuan")
	staff.expectButton(kt(flows.BtnCdQueue))
	staff.press(kt(flows.BtnCdQueue))
	return staff.expect(want)
}

// TestCertExpiryRemindersEndToEnd: an owner records SPP-IRT as held with
// the usual expiry and sees it on /sertifikat; each expiry reminder (the
// renewal lead of 90 days, then 30 and 7 days before, at 09.00 WIB) comes
// once at its time and not before. After the 30-day one the owner presses
// "Sudah diperpanjang" and records a later expiry: the old date's 7-day
// reminder never comes, the new date's come at their times.
func TestCertExpiryRemindersEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	u := w.owner("Keripik Pisang Metro")
	spp := certType(t, "SPP_IRT")
	if spp.ValidityYears != 5 || spp.RenewLeadDays != 90 {
		t.Fatalf("the catalog changed: SPP-IRT valid %d years, renewal lead %d days", spp.ValidityYears, spp.RenewLeadDays)
	}
	number := "PIRT 2061871010123-27"
	expires := recordHeld(u, spp, number, day(2022, time.May, 10))
	if want := day(2027, time.May, 10); !expires.Equal(want) {
		t.Fatalf("usual expiry %v, want %v", expires, want)
	}

	u.sends("/sertifikat")
	list := u.expect(begin(kt(flows.CtListTitle)))
	contains(t, "the certificate page", list, kt(flows.CtHeld, spp.Short(id)), kt(flows.CtNumber, number),
		kt(flows.CtValidUntil, kt(flows.SfGuessShow, shown(expires))))
	if !hasButton(list, kt(flows.BtnCdEdit, spp.Short(id))) || !hasButton(list, kt(flows.BtnCdDelete)) {
		t.Errorf("the page has no buttons to change or delete the certificate: %v", list.Buttons)
	}

	for _, days := range []int{90, 30} {
		due := reminderAt(expires, days)
		w.nothingAt(due.Add(-10*time.Minute), u)
		w.at(due.Add(time.Minute))
		m := u.expect(expiryReminder(spp, expires, days))
		contains(t, "the reminder", m, kt(flows.CtNumber, number), kt(flows.CtReminderGuessed), kt(flows.CtReminderFooter))
		if !hasButton(m, kt(flows.BtnCdRenewed)) || !hasButton(m, kt(flows.BtnCdHelp)) {
			t.Errorf("the %d-day reminder lacks its buttons: %v", days, m.Buttons)
		}
		w.nothingAt(due.Add(24*time.Hour), u)
	}

	// Renewed: the button asks for the new certificate's number and dates.
	renewed := day(2032, time.May, 10)
	newNumber := "PIRT 2061871010123-32"
	u.press(kt(flows.BtnCdRenewed))
	question(u, 3, 5, kt(flows.SfAskNumber, flows.Escape(spp.Short(id))))
	u.sends(newNumber)
	question(u, 4, 5, kt(flows.SfAskIssued, flows.Escape(spp.Short(id))))
	u.sends(reminderAt(expires, 30).In(wib).Format("02-01-2006"))
	question(u, 5, 5, kt(flows.SfAskExpires, flows.Escape(spp.Short(id)), spp.ValidityYears))
	u.sends(renewed.Format("02-01-2006"))
	summary(u, newNumber, shown(renewed))
	u.press(kt(flows.SuSave))
	saved := u.expect(begin(kt(flows.CdSaved, flows.Escape(spp.Short(id)))))
	contains(t, "the confirmation", saved, kt(flows.CdSavedReminders, shown(renewed)))
	u.sends("/sertifikat")
	list = u.expect(begin(kt(flows.CtListTitle)))
	contains(t, "the page after renewing", list, kt(flows.CtValidUntil, shown(renewed)))

	w.nothingAt(reminderAt(expires, 7).Add(time.Minute), u)
	w.nothingAt(expires.AddDate(0, 0, 1).Add(12*time.Hour), u)
	for _, days := range []int{90, 30, 7} {
		due := reminderAt(renewed, days)
		w.nothingAt(due.Add(-10*time.Minute), u)
		w.at(due.Add(time.Minute))
		m := u.expect(expiryReminder(spp, renewed, days))
		if strings.Contains(m.Text, plain(kt(flows.CtReminderGuessed))) {
			t.Errorf("the reminder of a date read off the certificate calls it an estimate:\n%s", m.Text)
		}
	}
	w.nothingAt(renewed.AddDate(0, 0, 2), u)

	for _, tt := range []struct {
		expires time.Time
		days    int
		want    int
	}{
		{expires, 90, 1}, {expires, 30, 1}, {expires, 7, 0},
		{renewed, 90, 1}, {renewed, 30, 1}, {renewed, 7, 1},
	} {
		head := expiryReminder(spp, tt.expires, tt.days)
		if got := u.count(head); got != tt.want {
			t.Errorf("%q came %d times, want %d", head, got, tt.want)
		}
	}
}

// TestCertApplicationQuestionsEndToEnd: an owner records a halal
// certificate being applied for since this month; a month later they are
// asked once whether it came, "Masih proses" is acknowledged, a month
// later they are asked again once, and "Sudah terbit" asks for the
// certificate's number and dates. Once it is recorded as held, the monthly
// question stops.
func TestCertApplicationQuestionsEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	u := w.owner("Kopi Tanggamus Jaya")
	halal := certType(t, "HALAL")
	short := flows.Escape(halal.Short(id))

	startRecording(u, halal)
	u.press(kt(flows.SfApplying))
	question(u, 3, 3, kt(flows.SfAskSince, short))
	u.press(kt(flows.SfThisMonth))
	summary(u, kt(flows.SfApplying), kt(flows.SfThisMonthShow))
	u.press(kt(flows.SuSave))
	saved := u.expect(begin(kt(flows.CdSaved, flows.Escape(halal.Short(id)))))
	contains(t, "the confirmation", saved, kt(flows.CdSavedApplying))
	u.sends("/sertifikat")
	list := u.expect(begin(kt(flows.CtListTitle)))
	contains(t, "the certificate page", list, kt(flows.CtApplying, short), kt(flows.CtApplyingSince, "November 2026"))

	since := day(2026, time.November, 1)
	ask := processQuestion(halal, since)
	first := time.Date(2026, 12, 2, 10, 0, 0, 0, wib) // 30 days after recording, 10.00 WIB
	w.nothingAt(first.Add(-10*time.Minute), u)
	w.at(first.Add(time.Minute))
	m := u.expect(ask)
	for _, b := range []flows.Key{flows.BtnCdIssued, flows.BtnCdStill, flows.BtnCdHelp} {
		if !hasButton(m, kt(b)) {
			t.Errorf("the monthly question has no %q button: %v", kt(b), m.Buttons)
		}
	}
	u.press(kt(flows.BtnCdStill))
	still := u.expect(kt(flows.CdStillNoted))
	if !hasButton(still, kt(flows.BtnCdHelp)) {
		t.Errorf("the acknowledgement offers no help: %v", still.Buttons)
	}
	w.nothingAt(first.Add(24*time.Hour), u)
	if n := u.count(ask); n != 1 {
		t.Errorf("asked %d times in the first month, want once", n)
	}

	second := first.AddDate(0, 0, 30)
	w.nothingAt(second.Add(-10*time.Minute), u)
	w.at(second.Add(time.Minute))
	u.expect(ask)
	w.nothingAt(second.Add(24*time.Hour), u)
	if n := u.count(ask); n != 2 {
		t.Errorf("asked %d times by the second month, want twice", n)
	}

	u.press(kt(flows.BtnCdIssued))
	question(u, 3, 5, kt(flows.SfAskNumber, short))
	u.sends("ID31110000123450824")
	question(u, 4, 5, kt(flows.SfAskIssued, short))
	u.sends("15 Desember 2026")
	question(u, 5, 5, kt(flows.SfAskExpiresMaybe, short))
	u.press(kt(flows.SfNoExpiry))
	summary(u, kt(flows.SfHeld), "ID31110000123450824", shown(day(2026, time.December, 15)), kt(flows.SfNoExpiryShow))
	u.press(kt(flows.SuSave))
	u.expect(begin(kt(flows.CdSaved, flows.Escape(halal.Short(id)))))
	u.sends("/sertifikat")
	list = u.expect(begin(kt(flows.CtListTitle)))
	contains(t, "the page once issued", list, kt(flows.CtHeld, short), kt(flows.CtNumber, "ID31110000123450824"))

	for _, month := range []int{1, 2, 3} {
		w.nothingAt(second.AddDate(0, 0, 30*month).Add(time.Minute), u)
	}
	if n := u.count(ask); n != 2 {
		t.Errorf("asked %d times in all, want twice", n)
	}
}

// TestHelpRequestEndToEnd: an owner asks for help about a certificate;
// both staff members get the heads-up; one takes it and the owner is
// told, the other's take is refused; the bot restarts; the reply reaches
// the owner, the owner's answer reaches the staff member who took it and
// no one else; closing tells the owner and empties the queue.
func TestHelpRequestEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	a, b := w.deskStaff(), w.deskStaff()
	u := w.owner("Kopi Tanggamus Jaya")
	spp := certType(t, "SPP_IRT")
	text := "PIRT saya habis bulan depan, bagaimana cara memperpanjangnya?"
	helpID := askHelp(u, &spp, text)

	region, _ := ikmbot.RegionByCode("TGM")
	for _, s := range []*user{a, b} {
		m := s.expect(headsUp(helpID, "Kopi Tanggamus Jaya"))
		contains(t, "the heads-up", m, region.Name, spp.Short(id), text)
		if !hasButton(m, kt(flows.BtnCdTake)) {
			t.Errorf("the heads-up has no take button: %v", m.Buttons)
		}
	}

	a.press(kt(flows.BtnCdTake))
	taken := a.expect(kt(flows.CdTakenOK, helpID))
	contains(t, "the request taken", taken, kt(flows.HbStatusTaken), text)
	if !hasButton(taken, kt(flows.BtnCdReply)) || !hasButton(taken, kt(flows.BtnCdClose)) {
		t.Errorf("the taker cannot reply or close: %v", taken.Buttons)
	}
	u.expect(kt(flows.CdHelpTakenOwner, helpID))
	b.press(kt(flows.BtnCdTake))
	refused := b.expect(kt(flows.CdTakenByOther))
	if hasButton(refused, kt(flows.BtnCdReply)) || hasButton(refused, kt(flows.BtnCdTake)) {
		t.Errorf("the other staff member may still reply or take: %v", refused.Buttons)
	}

	// A deploy between taking and replying, while the reply is being
	// written.
	a.press(kt(flows.BtnCdReply))
	question(a, 1, 1, kt(flows.HrAskText, helpID, 2, 1000))
	w.settle()
	w.stop()
	w.start()
	queue := openQueue(b, firstLine(kt(flows.CdQueueTitle, 1)))
	label := "🙋 " + kt(flows.CdQueueButton, helpID, region.Name, spp.Short(id))
	if !hasButton(queue, label) {
		t.Errorf("the queue after the restart lacks %q: %v", label, queue.Buttons)
	}
	b.press(label)
	view := b.expect(firstLine(kt(flows.HbViewTitle, helpID, kt(flows.HbStatusTaken))))
	contains(t, "the request after the restart", view, text, kt(flows.HbKindTaken))
	u.sends("/bantuan")
	mine := u.expect(begin(kt(flows.MsgHelpOwner)))
	contains(t, "the owner's help page", mine, kt(flows.CdMyHelp), kt(flows.HbOwnerTaken))

	reply := "Silakan ajukan lewat oss.go.id, lalu bawa sertifikat PKP ke Dinas Kesehatan."
	a.sends(reply)
	a.expect(kt(flows.CdReplySent))
	got := u.expect(firstLine(kt(flows.CdHelpReplyOwner, helpID, "")))
	contains(t, "the reply", got, reply)
	if !hasButton(got, kt(flows.BtnCdReplyOwner)) {
		t.Fatalf("the reply has no button to answer: %v", got.Buttons)
	}

	u.press(kt(flows.BtnCdReplyOwner))
	u.expect(kt(flows.MsgProgress, 1, 1))
	note := "Terima kasih, besok saya ke Dinas Kesehatan."
	u.sends(note)
	u.expect(kt(flows.CdNoteSent))
	toStaff := a.expect(firstLine(kt(flows.CdNoteToStaff, helpID, "")))
	contains(t, "the owner's note", toStaff, note)
	w.nothingNew([]int{len(w.tg.Messages(b.id))}, b)
	if n := b.count(note); n != 0 {
		t.Errorf("the staff member who did not take the request got the owner's note")
	}

	a.press(kt(flows.BtnCdClose))
	a.expect(kt(flows.CdClosedOK, helpID))
	u.expect(kt(flows.CdHelpClosedOwner, helpID))
	for _, s := range []*user{a, b} {
		openQueue(s, kt(flows.CdQueueEmpty))
	}
	u.sends("/bantuan")
	mine = u.expect(begin(kt(flows.MsgHelpOwner)))
	if strings.Contains(mine.Text, plain(kt(flows.CdMyHelp))) {
		t.Errorf("the closed request is still listed as open:\n%s", mine.Text)
	}
}

// TestCertBadInputEndToEnd tries what goes wrong while recording a
// certificate and around help requests: stickers and words at every step,
// a date not on the calendar, an issue date in the future, an expiry
// before the issue date; an owner pressing forged staff buttons of
// someone else's request; a delete confirmed twice. Each gets a friendly
// answer and the conversation goes on.
func TestCertBadInputEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	staff := w.deskStaff()
	u := w.owner("Keripik Pisang Metro")
	other := w.owner("Kopi Tanggamus Jaya")
	spp := certType(t, "SPP_IRT")
	short := flows.Escape(spp.Short(id))

	// Someone else's request, for the forged buttons.
	helpID := askHelp(other, nil, "Bagaimana cara mulai ekspor kopi ke Jepang?")
	staff.expect(headsUp(helpID, "Kopi Tanggamus Jaya"))

	u.sends("/sertifikat")
	u.expectButton(kt(flows.BtnCdAdd))
	u.press(kt(flows.BtnCdAdd))
	askType := question(u, 1, 5, kt(flows.SfAskType))
	w.tg.UserSendsSticker(u.id)
	u.expect(kt(flows.MsgUnreadable))
	question(u, 1, 5, kt(flows.SfAskType))
	u.sends("yang untuk keripik")
	u.expect(kt(flows.MsgChooseButton))
	question(u, 1, 5, kt(flows.SfAskType))
	u.press(spp.Short(id))
	question(u, 2, 5, kt(flows.SfAskStatus, short))
	w.tg.UserSendsSticker(u.id)
	u.expect(kt(flows.MsgUnreadable))
	question(u, 2, 5, kt(flows.SfAskStatus, short))
	u.sends("sepertinya iya")
	u.expect(kt(flows.MsgChooseButton))
	question(u, 2, 5, kt(flows.SfAskStatus, short))
	u.press(kt(flows.SfHeld))

	question(u, 3, 5, kt(flows.SfAskNumber, short))
	for _, tt := range []struct {
		send func()
		want string
	}{
		{func() { w.tg.UserSendsSticker(u.id) }, kt(flows.MsgUnreadable)},
		{func() { u.sends("nomornya di lemari") }, kt(flows.SfErrNumber, 3, 60)},
		{func() { u.sends("No: 2061871010123#27") }, kt(flows.SfErrNumber, 3, 60)},
	} {
		tt.send()
		u.expect(tt.want)
		question(u, 3, 5, kt(flows.SfAskNumber, short))
	}
	u.sends("PIRT 2061871010123-27")

	question(u, 4, 5, kt(flows.SfAskIssued, short))
	for _, tt := range []struct {
		send func()
		want string
	}{
		{func() { w.tg.UserSendsSticker(u.id) }, kt(flows.MsgUnreadable)},
		{func() { u.sends("waktu lebaran") }, kt(flows.DateFormat)},
		{func() { u.sends("31-02-2025") }, kt(flows.DateNotExist, "31-02-2025")},
		{func() { u.sends("15-12-2026") }, kt(flows.SfErrFuture, "02-11-2026")},
		{func() { u.sends("01-01-1985") }, kt(flows.SfErrTooOld, 1990)},
	} {
		tt.send()
		u.expect(tt.want)
		question(u, 4, 5, kt(flows.SfAskIssued, short))
	}
	// Forged staff buttons of someone else's request, mid-conversation.
	for _, forged := range []string{"h:t:" + helpID, "h:t:1", "h:c:" + helpID, "h:v:" + helpID, "h:r:" + helpID, "h:l"} {
		w.tg.UserPressedForged(u.id, askType.ID, forged)
		u.expect(kt(flows.MsgNotAllowed))
	}
	w.tg.UserPressedForged(u.id, askType.ID, "h:o:"+helpID)
	u.expect(kt(flows.MsgStaleButton))
	u.sends("10 Mei 2022")

	askExpires := kt(flows.SfAskExpires, short, spp.ValidityYears)
	question(u, 5, 5, askExpires)
	for _, tt := range []struct {
		send func()
		want string
	}{
		{func() { w.tg.UserSendsSticker(u.id) }, kt(flows.MsgUnreadable)},
		{func() { u.sends("lima tahun lagi") }, kt(flows.DateFormat)},
		{func() { u.sends("30-02-2027") }, kt(flows.DateNotExist, "30-02-2027")},
		{func() { u.sends("01-01-2022") }, kt(flows.SfErrExpiryBeforeIssued, "10-05-2022")},
		{func() { u.sends("10-05-2072") }, kt(flows.SfErrExpiryFar)},
	} {
		tt.send()
		u.expect(tt.want)
		question(u, 5, 5, askExpires)
	}
	u.sends("10-05-2027")
	summary(u, shown(day(2027, time.May, 10)))
	w.tg.UserSendsSticker(u.id)
	u.expect(kt(flows.MsgUnreadable))
	summary(u)
	u.sends("sudah benar")
	u.expect(kt(flows.MsgChooseButton))
	summary(u)
	u.press(kt(flows.SuSave))
	u.expect(begin(kt(flows.CdSaved, flows.Escape(spp.Short(id)))))
	u.sends("/sertifikat")
	u.expect(begin(kt(flows.CtListTitle)))

	// The forged buttons changed nothing: the request still waits.
	queue := openQueue(staff, firstLine(kt(flows.CdQueueTitle, 1)))
	label := kt(flows.CdQueueButton, helpID, "Tanggamus", kt(flows.CdHelpGeneralLabel))
	if !hasButton(queue, label) {
		t.Fatalf("the queue lacks %q: %v", label, queue.Buttons)
	}
	staff.press(label)
	view := staff.expect(firstLine(kt(flows.HbViewTitle, helpID, kt(flows.HbStatusOpen))))
	if !hasButton(view, kt(flows.BtnCdTake)) {
		t.Errorf("the request can no longer be taken: %v", view.Buttons)
	}

	// Bad replies: a sticker and a single letter.
	staff.press(kt(flows.BtnCdTake))
	staff.expect(kt(flows.CdTakenOK, helpID))
	other.expect(kt(flows.CdHelpTakenOwner, helpID))
	staff.press(kt(flows.BtnCdReply))
	askReply := kt(flows.HrAskText, helpID, 2, 1000)
	question(staff, 1, 1, askReply)
	w.tg.UserSendsSticker(staff.id)
	staff.expect(kt(flows.MsgUnreadable))
	question(staff, 1, 1, askReply)
	staff.sends("?")
	staff.expect(kt(flows.HbErrShort, 2))
	question(staff, 1, 1, askReply)
	staff.sends("Mulai dari kelas ekspor pemula: ketik /kelas.")
	staff.expect(kt(flows.CdReplySent))
	other.expect(firstLine(kt(flows.CdHelpReplyOwner, helpID, "")))

	// A help text too short, and a sticker, at the owner's typed step.
	u.sends("/bantuan")
	u.expectButton(kt(flows.BtnCdHelp))
	u.press(kt(flows.BtnCdHelp))
	question(u, 1, 2, kt(flows.HbAskAbout))
	u.press(spp.Short(id))
	askText := kt(flows.HbAskTextAbout, flows.Escape(spp.Name(id)), 10, 500)
	question(u, 2, 2, askText)
	w.tg.UserSendsSticker(u.id)
	u.expect(kt(flows.MsgUnreadable))
	question(u, 2, 2, askText)
	u.sends("tolong")
	u.expect(kt(flows.HbErrShort, 10))
	question(u, 2, 2, askText)
	u.sends("/batal")
	u.expect(kt(flows.MsgCancelled))

	// Deleted, then the confirmation pressed again.
	u.sends("/sertifikat")
	u.expectButton(kt(flows.BtnCdDelete))
	u.press(kt(flows.BtnCdDelete))
	u.expect(kt(flows.CdDeleteConfirm, flows.Escape(spp.Short(id))))
	u.press(kt(flows.BtnCdDeleteYes))
	u.expect(kt(flows.CdDeleted, flows.Escape(spp.Short(id))))
	u.sends("/sertifikat")
	list := u.expect(begin(kt(flows.CtListTitle)))
	if strings.Contains(list.Text, plain(kt(flows.CtHeld, short))) {
		t.Errorf("the deleted certificate is still listed:\n%s", list.Text)
	}
	u.press(kt(flows.BtnCdDeleteYes))
	stale := u.expect(kt(flows.CdNotRecorded))
	if !hasButton(stale, kt(flows.BtnCdCerts)) {
		t.Fatalf("the refusal has no way back to the page: %v", stale.Buttons)
	}
	u.press(kt(flows.BtnCdCerts))
	u.expectButton(kt(flows.BtnCdAdd))

	// Its reminders went with it.
	for _, days := range []int{90, 30, 7} {
		w.nothingAt(reminderAt(day(2027, time.May, 10), days).Add(time.Minute), u)
	}
}

// TestDeleteDataWithCertsAndHelp: an owner with a certificate and an open
// help request deletes their data; the certificate's reminders never come
// and the request is gone from the staff's queue and from their buttons.
func TestDeleteDataWithCertsAndHelp(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	staff := w.deskStaff()
	u := w.owner("Keripik Pisang Metro")
	spp := certType(t, "SPP_IRT")
	expires := recordHeld(u, spp, "PIRT 2061871010123-27", day(2022, time.May, 10))

	// Help asked from the certificate page.
	u.sends("/sertifikat")
	u.expectButton(kt(flows.BtnCdHelp))
	u.press(kt(flows.BtnCdHelp))
	question(u, 1, 2, kt(flows.HbAskAbout))
	u.press(spp.Short(id))
	u.expect(kt(flows.MsgProgress, 2, 2))
	u.sends("Nama usaha di PIRT saya salah, bagaimana memperbaikinya?")
	summary(u)
	u.press(kt(flows.SuSave))
	helpID := expectHelpSent(u)
	staff.expect(headsUp(helpID, "Keripik Pisang Metro"))
	openQueue(staff, firstLine(kt(flows.CdQueueTitle, 1)))

	u.sends("/hapusdata")
	u.expect(begin(kt(flows.DelConfirm)))
	u.press(kt(flows.DelYes))
	u.expect(kt(flows.DelDone))

	openQueue(staff, kt(flows.CdQueueEmpty))
	staff.press(kt(flows.BtnCdTake)) // the heads-up's button
	staff.expect(kt(flows.CdHelpNotFound))

	for _, days := range []int{90, 30, 7} {
		w.nothingAt(reminderAt(expires, days).Add(time.Minute), u, staff)
	}
	u.sends("/sertifikat")
	u.expect(kt(flows.MsgNeedSignUp))
}

// TestDeleteDataLeavesNoReminderBehind: /hapusdata promises that nothing
// about an owner without a role is left, yet a certificate's reminders
// are due items that name the owner; they must go with the data rather
// than wait years for their time to be found out of date.
func TestDeleteDataLeavesNoReminderBehind(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	u := w.owner("Keripik Pisang Metro")
	spp := certType(t, "SPP_IRT")
	expires := recordHeld(u, spp, "PIRT 2061871010123-27", day(2022, time.May, 10))
	u.sends("/hapusdata")
	u.expect(begin(kt(flows.DelConfirm)))
	u.press(kt(flows.DelYes))
	u.expect(kt(flows.DelDone))

	// The bot's own recurring items (the nightly recount) stay; none may
	// name the owner.
	due, err := w.store.DueItems(context.Background(), reminderAt(expires, 7).Add(time.Minute), 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range due {
		if d.Target == u.id {
			t.Errorf("after /hapusdata a reminder of the owner is still scheduled: %+v", d)
		}
	}
}

// TestEditedApplicationStillAskedMonthly: an owner asked about an
// application opens it from /sertifikat three days later and saves it as
// it is; the next month's question still comes, a month after the first.
func TestEditedApplicationStillAskedMonthly(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	u := w.owner("Kopi Tanggamus Jaya")
	halal := certType(t, "HALAL")
	short := flows.Escape(halal.Short(id))
	startRecording(u, halal)
	u.press(kt(flows.SfApplying))
	question(u, 3, 3, kt(flows.SfAskSince, short))
	u.press(kt(flows.SfThisMonth))
	summary(u)
	u.press(kt(flows.SuSave))
	u.sends("/sertifikat")
	u.expect(begin(kt(flows.CtListTitle)))

	ask := processQuestion(halal, day(2026, time.November, 1))
	first := time.Date(2026, 12, 2, 10, 0, 0, 0, wib)
	w.at(first.Add(time.Minute))
	u.expect(ask)
	u.press(kt(flows.BtnCdStill))
	u.expect(kt(flows.CdStillNoted))

	// Three days later the owner looks at it and saves it as it is.
	edited := first.Add(3 * 24 * time.Hour)
	w.clock.Set(edited)
	u.sends("/sertifikat")
	u.expectButton(kt(flows.BtnCdEdit, halal.Short(id)))
	u.press(kt(flows.BtnCdEdit, halal.Short(id)))
	summary(u, kt(flows.SfApplying))
	u.press(kt(flows.SuSave))
	u.expect(begin(kt(flows.CdSaved, flows.Escape(halal.Short(id)))))

	next := first.AddDate(0, 0, 30) // the question waiting when it was saved
	rep := w.at(next.Add(time.Minute))
	u.expect(ask) // reminders leave through the outbox after the tick
	w.settle()
	if n := u.count(ask); n != 2 {
		t.Errorf("a month after the first question, asked %d times in all, want twice (the tick: %+v)", n, rep)
	}
}

// TestApplicationRecordedEarlyMorning: an application recorded at 06.30
// WIB is asked about 30 days later at 10.00 WIB, as one recorded later in
// the day is, not a day early.
func TestApplicationRecordedEarlyMorning(t *testing.T) {
	w := newTimed(t, time.Date(2026, 11, 2, 6, 30, 0, 0, wib))
	w.start()
	u := w.owner("Kopi Tanggamus Jaya")
	halal := certType(t, "HALAL")
	startRecording(u, halal)
	u.press(kt(flows.SfApplying))
	question(u, 3, 3, kt(flows.SfAskSince, flows.Escape(halal.Short(id))))
	u.press(kt(flows.SfThisMonth))
	summary(u)
	u.press(kt(flows.SuSave))
	u.sends("/sertifikat")
	u.expect(begin(kt(flows.CtListTitle)))

	ask := processQuestion(halal, day(2026, time.November, 1))
	due := time.Date(2026, 12, 2, 10, 0, 0, 0, wib)
	w.nothingAt(due.Add(-24*time.Hour+time.Minute), u)
	w.at(due.Add(time.Minute))
	u.expect(ask)
}

// TestStaleStillInProcessAfterIssued: once the application is recorded as
// held, the old question's "Masih proses" must not promise to ask again
// next month: no question will come.
func TestStaleStillInProcessAfterIssued(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	u := w.owner("Kopi Tanggamus Jaya")
	halal := certType(t, "HALAL")
	short := flows.Escape(halal.Short(id))
	startRecording(u, halal)
	u.press(kt(flows.SfApplying))
	question(u, 3, 3, kt(flows.SfAskSince, short))
	u.press(kt(flows.SfThisMonth))
	summary(u)
	u.press(kt(flows.SuSave))
	u.sends("/sertifikat")
	u.expect(begin(kt(flows.CtListTitle)))
	w.at(time.Date(2026, 12, 2, 10, 1, 0, 0, wib))
	u.expect(processQuestion(halal, day(2026, time.November, 1)))

	u.press(kt(flows.BtnCdIssued))
	question(u, 3, 5, kt(flows.SfAskNumber, short))
	u.press(kt(flows.SfNoNumber))
	question(u, 4, 5, kt(flows.SfAskIssued, short))
	u.sends("01-12-2026")
	question(u, 5, 5, kt(flows.SfAskExpiresMaybe, short))
	u.press(kt(flows.SfNoExpiry))
	summary(u)
	u.press(kt(flows.SuSave))
	u.sends("/sertifikat")
	u.expect(begin(kt(flows.CtListTitle)))

	seen := len(w.tg.Messages(u.id))
	u.press(kt(flows.BtnCdStill)) // on the old question
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	defer cancel()
	if err := w.tg.Wait(ctx, func() bool { return len(w.tg.Messages(u.id)) > seen }); err != nil {
		t.Fatalf("no answer to the old question's %q", kt(flows.BtnCdStill))
	}
	if answer := w.tg.Messages(u.id)[seen]; strings.Contains(answer.Text, plain(kt(flows.CdStillNoted))) {
		t.Errorf("for a certificate recorded as held the bot promises to ask again next month: %q", answer.Text)
	}
}
