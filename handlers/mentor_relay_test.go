package handlers

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// The store the router gets keeps the relay's history.

// mrT is a text of the Indonesian catalog.
func mrT(k flows.Key, args ...any) string { return flows.T("id", k, args...) }

// mrButtonData returns the data of the button labelled label in msgs, "" when
// there is none.
func mrButtonData(msgs []ikmbot.Message, label string) string {
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Text == label {
					return b.Data
				}
			}
		}
	}
	return ""
}

// mrNoPhone fails when a message in out shows the owner's phone number, in
// the form stored or as the digits alone.
func mrNoPhone(t *testing.T, out []ikmbot.Message, phone string) {
	t.Helper()
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone)
	for _, m := range out {
		for _, s := range []string{phone, digits, digits[len(digits)-8:]} {
			if strings.Contains(m.Text, s) {
				t.Errorf("message to %d shows the phone number: %q", m.ChatID, m.Text)
			}
		}
	}
}

// An owner writes to their mentor from /bantuan, the mentor answers, the
// owner answers back: each message reaches the other side with a reply
// button, none shows a phone number, and the history holds both with the
// sender's role. Only the mentor's message restarts the follow-up clock.
func TestRelayOwnerMentorRoundTrip(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	mentor := e.mentor("Budi")
	owner := e.person()
	owner.signUp()
	assignedAt := e.now
	e.assign(mentor, owner)
	phone := mustProfile(t, e, owner.id).Phone

	owner.command("bantuan", "")
	owner.pressLabel(mrT(flows.BtnMrContact, "Budi"))
	owner.mustSee(mrT(flows.MrAskToMentor, "Budi", 2, 1000))
	e.now = e.now.Add(time.Hour)
	owner.text("Pak, kapan bisa kunjungan ke rumah produksi <kopi>?")
	owner.mustSee("<i>Pak, kapan bisa kunjungan ke rumah produksi &lt;kopi&gt;?</i>")
	out := owner.pressLabel(mrT(flows.BtnMrSend))
	mrNoPhone(t, out, phone)
	if mine := to(out, owner.id); len(mine) != 1 || mine[0].Text != mrT(flows.MrSent, "Budi") {
		t.Errorf("owner got %+v, want only that it was sent", mine)
	}
	toMentor := to(out, mentor.id)
	want := mrT(flows.MrFromOwner, "Kopi Jaya", "Metro", "Pak, kapan bisa kunjungan ke rumah produksi &lt;kopi&gt;?")
	if len(toMentor) != 1 || toMentor[0].Text != want || !toMentor[0].Bulk {
		t.Fatalf("mentor got %+v, want %q", toMentor, want)
	}
	if got := mrButtonData(toMentor, flows.T("id", flows.BtnMfLog)); got != mentorData(actMfLog, itoa(owner.id)) {
		t.Errorf("log button = %q, want the mentor's follow-up for the owner", got)
	}
	if ms, _ := e.store.Mentees(ctx, mentor.id); len(ms) != 1 || !ms[0].Last.Equal(assignedAt) {
		t.Errorf("the owner's message moved the follow-up clock: %+v", ms)
	}

	mentor.last = toMentor
	mentor.pressLabel(mrT(flows.BtnMrReply))
	mentor.mustSee(mrT(flows.MrAskToOwner, "Kopi Jaya", 2, 1000))
	e.now = e.now.Add(time.Hour)
	replyAt := e.now
	mentor.text("Besok pagi jam 9, Bu.")
	out = mentor.pressLabel(mrT(flows.BtnMrSend))
	mrNoPhone(t, out, phone)
	mentor.mustSee(mrT(flows.MrSent, "Kopi Jaya"))
	toOwner := to(out, owner.id)
	if len(toOwner) != 1 || toOwner[0].Text != mrT(flows.MrFromMentor, "Budi", "Besok pagi jam 9, Bu.") {
		t.Fatalf("owner got %+v", toOwner)
	}

	// The mentor's message counts as a follow-up: the clock restarts and
	// the next prompt is one cadence away.
	if ms, _ := e.store.Mentees(ctx, mentor.id); len(ms) != 1 || !ms[0].Last.Equal(replyAt) {
		t.Errorf("mentees = %+v, want the clock at the reply %v", ms, replyAt)
	}
	next := mentorPromptDue(owner.id, mentor.id, replyAt.Add(ikmbot.DefaultCadence))
	if due := e.dues(DueMentorFollowUp, mentor.id, next.At); !slices.ContainsFunc(due, func(d ikmbot.Due) bool {
		return d.Key() == next.Key() && d.At.Equal(next.At)
	}) {
		t.Errorf("prompts = %+v, want one at reply + cadence %v", due, next.At)
	}
	history, err := e.store.FollowUps(ctx, owner.id)
	wantHistory := []ikmbot.FollowUp{
		{OwnerID: owner.id, MentorID: mentor.id, Kind: ikmbot.FollowMessageFromOwner, Note: "Pak, kapan bisa kunjungan ke rumah produksi <kopi>?", At: replyAt.Add(-time.Hour)},
		{OwnerID: owner.id, MentorID: mentor.id, Kind: ikmbot.FollowMessageFromMentor, Note: "Besok pagi jam 9, Bu.", At: replyAt},
	}
	if err != nil || !slices.Equal(history, wantHistory) {
		t.Errorf("history = %+v, %v; want %+v", history, err, wantHistory)
	}

	// The owner answers from the button under the mentor's message.
	owner.last = toOwner
	owner.pressLabel(mrT(flows.BtnMrReply))
	owner.mustSee(mrT(flows.MrAskToMentor, "Budi", 2, 1000))
	owner.text("Baik, Pak. Terima kasih.")
	out = owner.pressLabel(mrT(flows.BtnMrSend))
	if got := to(out, mentor.id); len(got) != 1 || mrButtonData(got, mrT(flows.BtnMrReply)) != relayReplyData(owner.id) {
		t.Errorf("mentor got %+v, want the message with a reply button", got)
	}
	if h, _ := e.store.FollowUps(ctx, owner.id); len(h) != 3 || h[2].Kind != ikmbot.FollowMessageFromOwner {
		t.Errorf("history = %+v, want the owner's answer third", h)
	}

	// The profile names the mentor.
	owner.command("profil", "")
	owner.mustSee(mrT(flows.MrProfileMentor, "Budi"))
	mrNoPhone(t, to(out, mentor.id), phone)
}

// An owner without a mentor sees no button, and an old or forged one is
// answered kindly; a visitor is asked to sign up.
func TestRelayOwnerWithoutMentor(t *testing.T) {
	e := newEnv(t)
	owner := e.person()
	owner.signUp()
	owner.command("bantuan", "")
	for _, m := range owner.last {
		if b := mrButtonData([]ikmbot.Message{m}, mrT(flows.BtnMrContactNoName)); b != "" || strings.Contains(m.Text, "pendamping (") {
			t.Errorf("an owner without a mentor sees a contact button: %+v", m)
		}
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Data == cbRelayOwner {
					t.Errorf("an owner without a mentor sees %+v", b)
				}
			}
		}
	}
	owner.press(cbRelayOwner)
	owner.mustSee(mrT(flows.MrNoMentor))
	owner.command("profil", "")
	if owner.saw("🤝") {
		t.Errorf("the profile of an owner without a mentor names one: %+v", owner.last)
	}

	visitor := e.person()
	visitor.press(cbRelayOwner)
	visitor.mustSee(mrT(flows.MsgNeedSignUp))
}

// Reply buttons are checked against the assignment: another mentor, an
// owner, staff and malformed data are refused, and nothing reaches the
// owner or their history.
func TestRelayRefusesForgedReplies(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a, b := e.mentor("Ani"), e.mentor("Bayu")
	o1, o2 := e.person(), e.person()
	o1.signUp()
	o2.signUp()
	e.assign(a, o1)
	e.assign(b, o2)
	staff := e.staff()

	for _, tt := range []struct {
		name string
		who  *person
		data string
		want flows.Key
	}{
		{"another mentor", b, relayReplyData(o1.id), flows.MrNotYourOwner},
		{"a mentor for an owner with no mentor", a, relayReplyData(a.id), flows.MrNotYourOwner},
		{"an owner", o2, relayReplyData(o1.id), flows.MsgNotAllowed},
		{"the owner themself", o1, relayReplyData(o1.id), flows.MsgNotAllowed},
		{"staff", staff, relayReplyData(o1.id), flows.MsgNotAllowed},
		{"no owner", a, "mr:r:", flows.MsgStaleButton},
		{"not a number", a, "mr:r:abc", flows.MsgStaleButton},
		{"negative", a, "mr:r:-5", flows.MsgStaleButton},
		{"extra part", a, relayReplyData(o1.id) + ":1", flows.MsgStaleButton},
		{"unknown action", a, "mr:x", flows.MsgStaleButton},
		{"owner's button with an id", o1, "mr:o:" + itoa(b.id), flows.MsgStaleButton},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.who.press(tt.data)
			if len(out) != 1 || out[0].ChatID != tt.who.id || out[0].Text != mrT(tt.want) {
				t.Errorf("got %+v, want only %q", out, mrT(tt.want))
			}
		})
	}

	// A mentor who was writing when the owner moved to another mentor
	// cannot send.
	a.press(relayReplyData(o1.id))
	a.mustSee(mrT(flows.MrAskToOwner, "Kopi Jaya", 2, 1000))
	e.assign(b, o1)
	a.text("Halo, Bu. Apa kabar?")
	out := a.pressLabel(mrT(flows.BtnMrSend))
	if len(out) != 1 || out[0].Text != mrT(flows.MrNotYourOwner) {
		t.Errorf("got %+v, want only the refusal", out)
	}
	// An owner who was writing when their mentor changed is told, and
	// offered to write to the new one.
	o2.command("bantuan", "")
	o2.pressLabel(mrT(flows.BtnMrContact, "Bayu"))
	o2.text("Pak Bayu, saya mau tanya.")
	e.assign(a, o2)
	out = o2.pressLabel(mrT(flows.BtnMrSend))
	if len(out) != 1 || out[0].Text != mrT(flows.MrMentorChanged, "Pak Bayu, saya mau tanya.") ||
		mrButtonData(out, mrT(flows.BtnMrContact, "Ani")) != cbRelayOwner {
		t.Errorf("got %+v, want only the change and a button to Ani", out)
	}
	for _, o := range []*person{o1, o2} {
		if h, _ := e.store.FollowUps(ctx, o.id); len(h) != 0 {
			t.Errorf("history of %d = %+v, want nothing kept", o.id, h)
		}
	}
}

// A message to someone the bot cannot reach is kept, and the sender told
// it did not go out.
func TestRelayToUnreachable(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	mentor := e.mentor("Budi")
	owner := e.person()
	owner.signUp()
	e.assign(mentor, owner)
	if err := e.store.MarkUnreachable(ctx, mentor.id); err != nil {
		t.Fatal(err)
	}
	owner.press(cbRelayOwner)
	owner.text("Halo, Pak Budi.")
	out := owner.pressLabel(mrT(flows.BtnMrSend))
	if len(out) != 1 || out[0].Text != mrT(flows.MrNotDelivered, "Budi") {
		t.Errorf("got %+v, want only that it was not delivered", out)
	}
	if err := e.store.MarkUnreachable(ctx, owner.id); err != nil {
		t.Fatal(err)
	}
	mentor.press(relayReplyData(owner.id))
	mentor.text("Halo, Bu.")
	out = mentor.pressLabel(mrT(flows.BtnMrSend))
	if len(out) != 1 || out[0].Text != mrT(flows.MrNotDelivered, "Kopi Jaya") {
		t.Errorf("got %+v, want only that it was not delivered", out)
	}
	if h, _ := e.store.FollowUps(ctx, owner.id); len(h) != 2 {
		t.Errorf("history = %+v, want both messages kept", h)
	}
}

// A mentor whose role is taken back is nobody's mentor for the relay:
// owners' messages cannot reach them.
func TestRelayNotToFormerMentor(t *testing.T) {
	e := newEnv(t)
	m := e.mentor("Rina")
	owner := e.person()
	owner.signUp()
	e.assign(m, owner)
	owner.command("bantuan", "")
	if mrButtonData(owner.last, mrT(flows.BtnMrContact, "Rina")) == "" {
		t.Fatalf("no contact button while Rina mentors: %+v", owner.last)
	}
	if err := e.store.SetRole(context.Background(), m.id, ikmbot.RoleOwner); err != nil {
		t.Fatal(err)
	}
	owner.command("bantuan", "")
	if mrButtonData(owner.last, mrT(flows.BtnMrContact, "Rina")) != "" {
		t.Errorf("the contact button still names a former mentor: %+v", owner.last)
	}
	owner.press(cbRelayOwner)
	owner.mustSee(mrT(flows.MrNoMentor))
}
