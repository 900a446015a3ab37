package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
	"ikmbot/flows"
)

// mdWIB is the router's zone in these tests (Config.Location's default).
var mdWIB = time.FixedZone("WIB", 7*3600)

// mdOwner signs up an owner whose business is named business, so digests
// tell owners apart.
func (e *env) mdOwner(business string) *person {
	e.t.Helper()
	p := e.person()
	p.signUp()
	u, _, err := e.store.LoadUser(context.Background(), p.id)
	if err != nil || u.Profile == nil {
		e.t.Fatalf("load %d: %+v, %v", p.id, u, err)
	}
	prof := *u.Profile
	prof.BusinessName = business
	if err := e.store.Apply(context.Background(), ikmbot.Change{UserID: p.id, Profile: &prof}); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// mdAssignAt makes m the mentor of owners as if staff had done it at at.
func (e *env) mdAssignAt(at time.Time, m *person, owners ...*person) {
	e.t.Helper()
	now := e.now
	e.now = at
	e.assign(m, owners...)
	e.now = now
}

// mdLang sets a user's language.
func (e *env) mdLang(p *person, lang string) {
	e.t.Helper()
	if err := e.store.Apply(context.Background(), ikmbot.Change{UserID: p.id, Language: lang}); err != nil {
		e.t.Fatal(err)
	}
}

// mdDues are the scheduled items of a digest kind, due or not.
func (e *env) mdDues(kind string) []ikmbot.Due {
	e.t.Helper()
	return e.dues(kind, 0, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
}

// mdFire runs a digest's handler as the engine does at now: the handler,
// then the item done (it stays when the handler failed).
func (e *env) mdFire(fire func(context.Context, ikmbot.Due, time.Time) ([]ikmbot.Message, error), d ikmbot.Due, now time.Time) []ikmbot.Message {
	e.t.Helper()
	msgs, err := fire(context.Background(), d, now)
	if err != nil {
		e.t.Fatalf("fire %s at %v: %v", d.Key(), now, err)
	}
	if err := e.store.DoneDue(context.Background(), d); err != nil {
		e.t.Fatal(err)
	}
	return msgs
}

// wibAt is a time of day in WIB, as UTC.
func wibAt(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, mdWIB).UTC()
}

// dueAt is the digest item of kind due at at, as the start-up schedules it.
func dueAt(kind string, at time.Time) ikmbot.Due {
	return ikmbot.Due{Kind: kind, ID: at.In(mdWIB).Format("20060102"), At: at}
}

func TestRecurringTimes(t *testing.T) {
	for _, tt := range []struct {
		name  string
		k     recurring
		after time.Time
		want  time.Time
	}{
		{"friday to monday", mentorDigest, wibAt(2026, 11, 27, 10, 0), wibAt(2026, 11, 30, 8, 0)},
		{"sunday night to monday", mentorDigest, wibAt(2026, 11, 29, 23, 59), wibAt(2026, 11, 30, 8, 0)},
		{"monday early", mentorDigest, wibAt(2026, 11, 30, 7, 59), wibAt(2026, 11, 30, 8, 0)},
		{"monday on the minute: next week", mentorDigest, wibAt(2026, 11, 30, 8, 0), wibAt(2026, 12, 7, 8, 0)},
		{"monday late", mentorDigest, wibAt(2026, 11, 30, 9, 17), wibAt(2026, 12, 7, 8, 0)},
		{"across the year", mentorDigest, wibAt(2026, 12, 28, 8, 0), wibAt(2027, 1, 4, 8, 0)},
		{"escalation before 07.30", mentorEscalation, wibAt(2026, 11, 27, 7, 0), wibAt(2026, 11, 27, 7, 30)},
		{"escalation on the minute: tomorrow", mentorEscalation, wibAt(2026, 11, 27, 7, 30), wibAt(2026, 11, 28, 7, 30)},
		// 23.00 UTC is already the next day in WIB.
		{"escalation at UTC midnight", mentorEscalation, time.Date(2026, 11, 27, 23, 0, 0, 0, time.UTC), wibAt(2026, 11, 28, 7, 30)},
	} {
		if got := tt.k.after(tt.after, mdWIB); !got.Equal(tt.want) {
			t.Errorf("%s: after(%v) = %v, want %v", tt.name, tt.after.In(mdWIB), got.In(mdWIB), tt.want.In(mdWIB))
		}
	}
	// The next occurrence keeps the time of day of the last, however late
	// it fired, and skips those gone stale.
	for _, tt := range []struct {
		name    string
		k       recurring
		at, now time.Time
		want    time.Time
	}{
		{"on time", mentorDigest, wibAt(2026, 11, 30, 8, 0), wibAt(2026, 11, 30, 8, 0), wibAt(2026, 12, 7, 8, 0)},
		{"late the same day", mentorDigest, wibAt(2026, 11, 30, 8, 0), wibAt(2026, 11, 30, 17, 59), wibAt(2026, 12, 7, 8, 0)},
		{"a week late", mentorDigest, wibAt(2026, 11, 30, 8, 0), wibAt(2026, 12, 7, 9, 0), wibAt(2026, 12, 7, 8, 0)},
		{"weeks late", mentorDigest, wibAt(2026, 11, 30, 8, 0), wibAt(2026, 12, 23, 9, 0), wibAt(2026, 12, 28, 8, 0)},
		{"escalation late", mentorEscalation, wibAt(2026, 11, 28, 7, 30), wibAt(2026, 11, 28, 12, 0), wibAt(2026, 11, 29, 7, 30)},
		{"escalation days late", mentorEscalation, wibAt(2026, 11, 28, 7, 30), wibAt(2026, 12, 1, 9, 0), wibAt(2026, 12, 1, 7, 30)},
		{"escalation days late, evening", mentorEscalation, wibAt(2026, 11, 28, 7, 30), wibAt(2026, 12, 1, 20, 0), wibAt(2026, 12, 2, 7, 30)},
		{"a clock behind the item", mentorEscalation, wibAt(2026, 11, 28, 7, 30), wibAt(2026, 11, 28, 7, 29), wibAt(2026, 11, 29, 7, 30)},
	} {
		got := tt.k.next(tt.at, tt.now, mdWIB)
		if !got.Equal(tt.want) {
			t.Errorf("%s: next(%v, %v) = %v, want %v", tt.name, tt.at.In(mdWIB), tt.now.In(mdWIB), got.In(mdWIB), tt.want.In(mdWIB))
		}
		if !got.After(tt.at) {
			t.Errorf("%s: next %v is not after the occurrence that fired", tt.name, got)
		}
	}
}

// TestMentorDigestsScheduledAtStartUp: the start-up schedules the next
// Monday's digest at 08.00 WIB and tomorrow's escalation at 07.30 WIB, once
// however often it runs; with nobody holding a role it schedules nothing.
func TestMentorDigestsScheduledAtStartUp(t *testing.T) {
	e := newEnv(t) // Friday 27 November 2026, 10.00 WIB
	ctx := context.Background()
	if err := e.r.EnsureMentorDigests(ctx); err != nil {
		t.Fatal(err)
	}
	if got := append(e.mdDues(DueMentorDigest), e.mdDues(DueMentorEscalation)...); len(got) != 0 {
		t.Errorf("scheduled %+v with nobody to send to", got)
	}
	e.staff()
	for range 3 {
		if err := e.r.EnsureMentorDigests(ctx); err != nil {
			t.Fatal(err)
		}
		e.now = e.now.Add(time.Hour) // a restart an hour later changes nothing
	}
	want := []ikmbot.Due{dueAt(DueMentorDigest, wibAt(2026, 11, 30, 8, 0))}
	if diff := cmp.Diff(e.mdDues(DueMentorDigest), want); diff != "" {
		t.Errorf("weekly digest (-got +want):\n%s", diff)
	}
	want = []ikmbot.Due{dueAt(DueMentorEscalation, wibAt(2026, 11, 28, 7, 30))}
	if diff := cmp.Diff(e.mdDues(DueMentorEscalation), want); diff != "" {
		t.Errorf("escalation (-got +want):\n%s", diff)
	}
	if got := want[0].ID; got != "20261128" {
		t.Errorf("escalation id %q, want the day 20261128", got)
	}
}

// TestMentorDigestContent: each mentor with owners gets one message in
// their language: how many owners, how many overdue, the ten most overdue
// by business name, the longest first, and a button to their list. A
// mentor without owners, and staff, get nothing.
func TestMentorDigestContent(t *testing.T) {
	e := newEnv(t)
	andi, budi, citra := e.mentor("Andi"), e.mentor("Budi"), e.mentor("Citra")
	e.mdLang(budi, "en")
	staff := e.staff()
	// Andi: twelve owners overdue, assigned a day apart from 1 October,
	// and one assigned this week.
	for i := range 12 {
		e.mdAssignAt(wibAt(2026, 10, 1+i, 9, 0), andi, e.mdOwner(fmt.Sprintf("Usaha %02d", i+1)))
	}
	fresh := e.mdOwner("Kopi Baru")
	e.mdAssignAt(wibAt(2026, 11, 25, 9, 0), andi, fresh)
	// Budi: one owner, followed up on time.
	lada := e.mdOwner("Lada Emas")
	e.mdAssignAt(wibAt(2026, 11, 20, 9, 0), budi, lada)

	monday := wibAt(2026, 11, 30, 8, 0)
	e.now = monday
	msgs := e.mdFire(e.r.FireMentorDigest, dueAt(DueMentorDigest, monday), monday)
	byChat := map[int64]ikmbot.Message{}
	for _, m := range msgs {
		if _, dup := byChat[m.ChatID]; dup {
			t.Errorf("two digests for %d", m.ChatID)
		}
		byChat[m.ChatID] = m
	}
	if len(byChat) != 2 {
		t.Fatalf("digests to %d chats, want Andi and Budi: %+v", len(byChat), msgs)
	}
	for _, p := range []*person{citra, staff} {
		if _, ok := byChat[p.id]; ok {
			t.Errorf("user %d without owners got a digest", p.id)
		}
	}
	cadence := ikmbot.DefaultCadence
	a := byChat[andi.id]
	if want := flows.T("id", flows.MdDigestCounts, 13, 14, 12); !strings.Contains(a.Text, want) {
		t.Errorf("Andi's digest lacks %q:\n%s", want, a.Text)
	}
	// The ten longest without a follow-up, in that order; the other two
	// counted.
	last := -1
	for i := range 10 {
		name := fmt.Sprintf("<b>Usaha %02d</b>", i+1)
		at := strings.Index(a.Text, name)
		if at < 0 || at < last {
			t.Errorf("%s missing or out of order in:\n%s", name, a.Text)
		}
		last = at
	}
	for _, name := range []string{"Usaha 11", "Usaha 12", "Kopi Baru"} {
		if strings.Contains(a.Text, name) {
			t.Errorf("Andi's digest names %s:\n%s", name, a.Text)
		}
	}
	if want := flows.T("id", flows.MdDigestMore, 2); !strings.Contains(a.Text, want) {
		t.Errorf("Andi's digest lacks %q:\n%s", want, a.Text)
	}
	// 1 October 09.00 to 30 November: 60 days.
	if want := "1. <b>Usaha 01</b>, Metro — 60 hari (sejak 1 Oktober 2026)"; !strings.Contains(a.Text, want) {
		t.Errorf("Andi's digest lacks %q:\n%s", want, a.Text)
	}
	wantButtons := [][]ikmbot.Button{{{Text: flows.T("id", flows.BtnMdOpenList), Data: "mf:l:0"}}}
	if diff := cmp.Diff(a.Buttons, wantButtons); diff != "" {
		t.Errorf("Andi's buttons (-got +want):\n%s", diff)
	}
	if !a.Bulk {
		t.Error("the digest is not bulk")
	}
	b := byChat[budi.id]
	if want := flows.MentorDigest("en", monday, mdWIB, cadence, 1, 0, nil); b.Text != want {
		t.Errorf("Budi's digest:\n%s\nwant:\n%s", b.Text, want)
	}
	if diff := cmp.Diff(b.Buttons, [][]ikmbot.Button{{{Text: flows.T("en", flows.BtnMdOpenList), Data: "mf:l:0"}}}); diff != "" {
		t.Errorf("Budi's buttons (-got +want):\n%s", diff)
	}

	// Next Monday's is scheduled, once, at 08.00 WIB.
	want := []ikmbot.Due{dueAt(DueMentorDigest, wibAt(2026, 12, 7, 8, 0))}
	if diff := cmp.Diff(e.mdDues(DueMentorDigest), want); diff != "" {
		t.Errorf("after the digest (-got +want):\n%s", diff)
	}
}

// TestMentorDigestNobodyMentored: with mentors but no owners assigned,
// nothing is sent, and next week's digest is scheduled all the same.
func TestMentorDigestNobodyMentored(t *testing.T) {
	e := newEnv(t)
	e.mentor("Andi")
	e.staff()
	monday := wibAt(2026, 11, 30, 8, 0)
	if msgs := e.mdFire(e.r.FireMentorDigest, dueAt(DueMentorDigest, monday), monday); len(msgs) != 0 {
		t.Errorf("sent %+v", msgs)
	}
	want := []ikmbot.Due{dueAt(DueMentorDigest, wibAt(2026, 12, 7, 8, 0))}
	if diff := cmp.Diff(e.mdDues(DueMentorDigest), want); diff != "" {
		t.Errorf("after the digest (-got +want):\n%s", diff)
	}
}

// TestMentorDigestLateAndStale: a digest fired late the same morning is
// sent, and next week's stays at Monday 08.00 (no drift); firing it again
// schedules nothing more. One found days late (the bot was down) is not
// sent, and gives way to the next Monday.
func TestMentorDigestLateAndStale(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Andi")
	e.mdAssignAt(wibAt(2026, 10, 1, 9, 0), m, e.mdOwner("Kopi Andalas"))
	monday := wibAt(2026, 11, 30, 8, 0)
	d := dueAt(DueMentorDigest, monday)
	nextWeek := []ikmbot.Due{dueAt(DueMentorDigest, wibAt(2026, 12, 7, 8, 0))}

	late := wibAt(2026, 11, 30, 9, 17)
	if msgs := e.mdFire(e.r.FireMentorDigest, d, late); len(msgs) != 1 || msgs[0].ChatID != m.id {
		t.Fatalf("late digest = %+v, want one to the mentor", msgs)
	}
	if diff := cmp.Diff(e.mdDues(DueMentorDigest), nextWeek); diff != "" {
		t.Errorf("after a late digest (-got +want):\n%s", diff)
	}
	// Fired again (a retry after a crash): the same next item, not two.
	e.mdFire(e.r.FireMentorDigest, d, late.Add(time.Minute))
	if diff := cmp.Diff(e.mdDues(DueMentorDigest), nextWeek); diff != "" {
		t.Errorf("after firing twice (-got +want):\n%s", diff)
	}

	// Found on Thursday: too late to send; next Monday's is waiting.
	thursday := wibAt(2026, 12, 3, 10, 0)
	if msgs := e.mdFire(e.r.FireMentorDigest, d, thursday); len(msgs) != 0 {
		t.Errorf("stale digest sent: %+v", msgs)
	}
	if diff := cmp.Diff(e.mdDues(DueMentorDigest), nextWeek); diff != "" {
		t.Errorf("after a stale digest (-got +want):\n%s", diff)
	}
	// Found weeks late: the next is the first Monday still to come.
	if msgs := e.mdFire(e.r.FireMentorDigest, d, wibAt(2026, 12, 16, 10, 0)); len(msgs) != 0 {
		t.Errorf("stale digest sent: %+v", msgs)
	}
	want := append(nextWeek, dueAt(DueMentorDigest, wibAt(2026, 12, 21, 8, 0)))
	if diff := cmp.Diff(e.mdDues(DueMentorDigest), want); diff != "" {
		t.Errorf("after a digest weeks late (-got +want):\n%s", diff)
	}
}

// TestMentorEscalation: staff and admins get, per mentor by name, how many
// owners have gone more than twice the cadence without a follow-up; owners
// overdue less than that, and mentors with none, are left out; mentors
// get nothing. Tomorrow's is scheduled at 07.30 WIB.
func TestMentorEscalation(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	andi, budi, citra := e.mentor("Andi"), e.mentor("Budi"), e.mentor("Citra")
	staff, admin := e.staff(), e.admin()
	e.mdLang(admin, "en")
	at := wibAt(2026, 11, 27, 7, 30)
	twice := at.Add(-2 * ikmbot.DefaultCadence) // 30 October 07.30 WIB

	e.mdAssignAt(wibAt(2026, 10, 1, 9, 0), andi, e.mdOwner("Kopi Andalas"))
	e.mdAssignAt(twice.Add(-time.Minute), andi, e.mdOwner("Lada Emas"))
	e.mdAssignAt(twice, andi, e.mdOwner("Keripik Pas")) // exactly twice: not more
	e.mdAssignAt(wibAt(2026, 11, 1, 9, 0), andi, e.mdOwner("Madu Hutan"))
	e.mdAssignAt(wibAt(2026, 10, 15, 9, 0), budi, e.mdOwner("Tapis Indah"))
	e.mdAssignAt(wibAt(2026, 11, 20, 9, 0), citra, e.mdOwner("Gula Aren"))
	// A follow-up restarts an owner's clock.
	followed := e.mdOwner("Kopi Lestari")
	e.mdAssignAt(wibAt(2026, 9, 1, 9, 0), budi, followed)
	if err := e.store.LogFollowUp(ctx, ikmbot.FollowUp{OwnerID: followed.id, MentorID: budi.id, Kind: ikmbot.FollowCall, At: wibAt(2026, 11, 2, 9, 0)},
		mentorPromptDue(followed.id, budi.id, wibAt(2026, 11, 16, 9, 0))); err != nil {
		t.Fatal(err)
	}

	e.now = at
	msgs := e.mdFire(e.r.FireMentorEscalation, dueAt(DueMentorEscalation, at), at)
	rows := []flows.MdMentor{{ID: andi.id, Name: "Andi", Overdue: 2}, {ID: budi.id, Name: "Budi", Overdue: 1}}
	want := []ikmbot.Message{
		{ChatID: staff.id, Bulk: true, Text: flows.MentorEscalation("id", at, mdWIB, ikmbot.DefaultCadence, rows)},
		{ChatID: admin.id, Bulk: true, Text: flows.MentorEscalation("en", at, mdWIB, ikmbot.DefaultCadence, rows)},
	}
	if staff.id > admin.id {
		want[0], want[1] = want[1], want[0]
	}
	if diff := cmp.Diff(msgs, want); diff != "" {
		t.Errorf("escalation (-got +want):\n%s", diff)
	}
	if text := msgs[0].Text; !strings.Contains(text, "Andi") || strings.Contains(text, "Citra") ||
		!strings.Contains(text, flows.T("id", flows.MdEscTotal, 3, 2)) {
		t.Errorf("escalation reads:\n%s", text)
	}
	wantDue := []ikmbot.Due{dueAt(DueMentorEscalation, wibAt(2026, 11, 28, 7, 30))}
	if diff := cmp.Diff(e.mdDues(DueMentorEscalation), wantDue); diff != "" {
		t.Errorf("after the escalation (-got +want):\n%s", diff)
	}
}

// TestMentorEscalationNothingOverdue: when no owner is overdue by twice
// the cadence, staff get no (empty) digest, and tomorrow's is scheduled
// all the same.
func TestMentorEscalationNothingOverdue(t *testing.T) {
	e := newEnv(t)
	andi := e.mentor("Andi")
	e.staff()
	at := wibAt(2026, 11, 27, 7, 30)
	// Overdue at the cadence, not at twice the cadence.
	e.mdAssignAt(wibAt(2026, 11, 1, 9, 0), andi, e.mdOwner("Madu Hutan"))
	if msgs := e.mdFire(e.r.FireMentorEscalation, dueAt(DueMentorEscalation, at), at); len(msgs) != 0 {
		t.Errorf("sent %+v", msgs)
	}
	want := []ikmbot.Due{dueAt(DueMentorEscalation, wibAt(2026, 11, 28, 7, 30))}
	if diff := cmp.Diff(e.mdDues(DueMentorEscalation), want); diff != "" {
		t.Errorf("after the escalation (-got +want):\n%s", diff)
	}
	// Nor when it is found stale, however overdue owners are by then.
	if msgs := e.mdFire(e.r.FireMentorEscalation, dueAt(DueMentorEscalation, at), wibAt(2026, 12, 27, 18, 0)); len(msgs) != 0 {
		t.Errorf("stale escalation sent %+v", msgs)
	}
}
