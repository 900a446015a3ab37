package main

import (
	"context"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// mdMentor is a mentor named name, invited earlier: Telegram knows their
// chat and the bot their name, as after their first message.
func (w *timed) mdMentor(name string) *user {
	w.t.Helper()
	u := w.user()
	w.tg.SetUser(telegramtest.User{ID: u.id, FirstName: name})
	ctx := context.Background()
	if err := w.store.SetRole(ctx, u.id, ikmbot.RoleMentor); err != nil {
		w.t.Fatal(err)
	}
	if err := w.store.Apply(ctx, ikmbot.Change{UserID: u.id, Name: name}); err != nil {
		w.t.Fatal(err)
	}
	return u
}

// mdAssign makes m the mentor of o as if staff had done it at at.
func (w *timed) mdAssign(m, o *user, at time.Time) {
	w.t.Helper()
	if _, err := w.store.AssignMentor(context.Background(), []int64{o.id}, m.id, at, nil); err != nil {
		w.t.Fatal(err)
	}
}

// TestMentorDigestsEndToEnd: from the start-up on, staff get each morning
// at 07.30 WIB the mentors whose owners have gone twice the cadence
// without a follow-up, and a mentor gets the weekly digest of their
// owners on Monday at 08.00 WIB, not before, once, and again the next
// Monday.
func TestMentorDigestsEndToEnd(t *testing.T) {
	w := newTimed(t, time.Date(2026, 11, 26, 10, 0, 0, 0, wib)) // Thursday
	staff := w.staffMember()
	w.tg.SetUser(telegramtest.User{ID: staff.id})
	mentor := w.mdMentor("Andi")
	w.start()
	andalas, lada, baru := w.owner("Kopi Andalas"), w.owner("Lada Emas"), w.owner("Keripik Baru")
	w.mdAssign(mentor, andalas, time.Date(2026, 10, 1, 9, 0, 0, 0, wib)) // twice the cadence by 29 October
	w.mdAssign(mentor, lada, time.Date(2026, 11, 10, 9, 0, 0, 0, wib))   // overdue from 24 November
	w.mdAssign(mentor, baru, time.Date(2026, 11, 25, 9, 0, 0, 0, wib))

	// Friday: staff's escalation at 07.30 names Andi with one owner.
	w.nothingAt(time.Date(2026, 11, 27, 7, 29, 0, 0, wib), staff, mentor)
	w.at(time.Date(2026, 11, 27, 7, 31, 0, 0, wib))
	escalation := begin(kt(flows.MdEscTitle, ""))
	contains(t, "the escalation", staff.expect(escalation), kt(flows.MdEscLine, "Andi", 1), kt(flows.MdEscTotal, 1, 1))
	w.nothingAt(time.Date(2026, 11, 27, 12, 0, 0, 0, wib), staff, mentor)
	// And every morning.
	w.at(time.Date(2026, 11, 28, 7, 31, 0, 0, wib))
	staff.expect(escalation)

	// Monday: no digest before 08.00; at 08.00 one, to the mentor.
	w.nothingAt(time.Date(2026, 11, 30, 7, 59, 0, 0, wib), mentor)
	w.at(time.Date(2026, 11, 30, 8, 1, 0, 0, wib))
	digest := begin(kt(flows.MdDigestTitle, ""))
	m := mentor.expect(digest)
	contains(t, "the digest", m, kt(flows.MdDigestCounts, 3, 14, 2),
		"1. Kopi Andalas, Tanggamus — 60 hari (sejak 1 Oktober 2026)",
		"2. Lada Emas, Tanggamus — 20 hari (sejak 10 November 2026)")
	if !hasButton(m, kt(flows.BtnMdOpenList)) {
		t.Errorf("the digest has no button to the list: %+v", m.Buttons)
	}
	if n := staff.count(digest); n != 0 {
		t.Errorf("staff got %d mentor digests", n)
	}
	w.nothingAt(time.Date(2026, 11, 30, 12, 0, 0, 0, wib), mentor)

	// The next Monday, again at 08.00.
	w.nothingAt(time.Date(2026, 12, 7, 7, 59, 0, 0, wib), mentor)
	w.at(time.Date(2026, 12, 7, 8, 1, 0, 0, wib))
	mentor.expect(digest)
	if n := mentor.count(digest); n != 2 {
		t.Errorf("the mentor got %d digests in two weeks, want 2", n)
	}
}
