package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

// mentorUser is a user holding the mentor role, named name in Telegram,
// who has opened the bot (so it may write to them and knows their name).
func (w *timed) mentorUser(name string) *user {
	w.t.Helper()
	u := w.user()
	w.tg.SetUser(telegramtest.User{ID: u.id, FirstName: name})
	if err := w.store.SetRole(context.Background(), u.id, ikmbot.RoleMentor); err != nil {
		w.t.Fatal(err)
	}
	u.sends("/bantuan")
	u.expect(begin(kt(flows.MsgHelpOwner)))
	return u
}

// TestMentoringEndToEnd walks issue 7's story on a moved clock: staff
// assign the Tanggamus coffee owners to Rina; nothing comes before the
// cadence, then Rina is prompted about each; a logged follow-up pushes
// the next prompt a cadence away; a snooze moves one by three days; a help
// request prompts her at once; an owner writes to her through the bot
// and she answers, neither seeing the other's phone; and another mentor
// can neither see nor act on Rina's owners.
func TestMentoringEndToEnd(t *testing.T) {
	w := newTimed(t, monday) // Monday 2 November 2026, 09.00 WIB
	staff := w.staffMember()
	w.start()
	rina, sari := w.mentorUser("Rina"), w.mentorUser("Sari")
	a, b := w.owner("Kopi Tanggamus Jaya"), w.owner("Kopi Gisting")

	// Staff: /binaan, then the bulk assignment.
	staff.sends("/binaan")
	staff.expect(begin(kt(flows.MsTitle, 14)))
	staff.press(kt(flows.BtnMsAssign))
	staff.expect(begin(kt(flows.MsAskRegion)))
	staff.press("Tanggamus")
	staff.expect(begin(kt(flows.MsAskSector)))
	staff.press("Kopi")
	staff.expect(begin(kt(flows.MsAskScope)))
	staff.press(kt(flows.MsScopeNew))
	staff.expect(begin(kt(flows.MsAskMentor)))
	staff.press(kt(flows.MsMentorChoice, "Rina", 0))
	staff.expect(begin(kt(flows.SuSummary, "")))
	staff.press(kt(flows.SuSave))
	staff.expect(kt(flows.MsPreviewCount, 2))
	staff.press(kt(flows.BtnMsConfirm, 2))
	staff.expect(kt(flows.MsDone, 2, "Rina"))
	w.tick()
	for _, o := range []*user{a, b} {
		o.expect(begin(kt(flows.MsOwnerTold, "Rina")))
	}
	rina.expect(kt(flows.MsMentorTold, 2))

	// Rina's list; Sari's is empty and she cannot open Rina's owner.
	rina.sends("/binaan")
	list := rina.expect(begin(kt(flows.MfListTitle, 2, 0)))
	contains(t, "Rina's list", list, "Kopi Tanggamus Jaya", "Kopi Gisting")
	if containsPhone(list.Text) {
		t.Errorf("the list shows a phone number:\n%s", list.Text)
	}
	sari.sends("/binaan")
	sari.expect(kt(flows.MfListEmpty))
	last, _ := w.tg.LastMessage(sari.id)
	w.tg.UserPressedForged(sari.id, last.ID, "mf:o:"+strconv.FormatInt(a.id, 10))
	sari.expect(kt(flows.MsgNotAllowed))
	w.tg.UserPressedForged(sari.id, last.ID, "mf:f:"+strconv.FormatInt(a.id, 10))
	sari.expect(kt(flows.MsgNotAllowed))

	// Nothing before the cadence; at it, a prompt about each owner.
	cadence := monday.Add(14 * 24 * time.Hour)
	w.nothingAt(cadence.Add(-time.Hour), rina)
	w.at(cadence.Add(time.Minute))
	prompt := rina.expect("Kopi Tanggamus Jaya")
	contains(t, "the prompt", prompt, kt(flows.MfWhyDue, 14))
	rina.expect("Kopi Gisting")

	// Rina calls a's owner and logs it from the prompt.
	rina.pressOn(prompt, kt(flows.BtnMfLog))
	rina.expect(begin(kt(flows.MfAskKind, "Kopi Tanggamus Jaya")))
	rina.press(kt(flows.MfKindCall))
	rina.expect(begin(kt(flows.MfAskNote, 300)))
	rina.sends("Bahas NIB dan label halal.")
	rina.expect(begin(kt(flows.SuSummary, "")))
	rina.press(kt(flows.SuSave))
	rina.expect(begin(kt(flows.MfSaved, "")))

	// b's prompt is snoozed three days.
	bPrompt := rina.lastWith("Kopi Gisting", kt(flows.BtnMfSnooze))
	rina.pressOn(bPrompt, kt(flows.BtnMfSnooze))
	rina.expect(begin(kt(flows.MfSnoozed, "Kopi Gisting", "")))
	logged := w.clock.Now()
	w.nothingAt(logged.Add(2*24*time.Hour), rina)
	w.at(logged.Add(3*24*time.Hour + time.Minute))
	rina.expect(kt(flows.MfPromptSnoozed))
	// a's next prompt is a cadence after the follow-up, not a week after
	// the first prompt (the re-prompt of an ignored one).
	w.nothingAt(logged.Add(8*24*time.Hour), rina)

	// A help request prompts Rina at once: on the engine's next tick (it
	// is 09.00 WIB, outside quiet hours).
	helpID := askHelp(a, nil, "Bagaimana cara mendaftar merek?")
	w.tick()
	rina.expect(kt(flows.MfWhyHelp, helpID))

	// a writes to Rina through the bot; she answers.
	a.sends("/bantuan")
	a.expectButton(kt(flows.BtnMrContact, "Rina"))
	a.press(kt(flows.BtnMrContact, "Rina"))
	a.expect(begin(kt(flows.MrAskToMentor, "Rina", 2, 1000)))
	a.sends("Bu Rina, kapan bisa berkunjung?")
	a.expectButton(kt(flows.BtnMrSend))
	a.press(kt(flows.BtnMrSend))
	a.expect(begin(kt(flows.MrSent, "Rina")))
	msg := rina.expect("Bu Rina, kapan bisa berkunjung?")
	if containsPhone(msg.Text) {
		t.Errorf("the relayed message shows a phone number:\n%s", msg.Text)
	}
	rina.pressOn(msg, kt(flows.BtnMrReply))
	rina.expect(begin(kt(flows.MrAskToOwner, "Kopi Tanggamus Jaya", 2, 1000)))
	rina.sends("Kamis pagi, Pak.")
	rina.expectButton(kt(flows.BtnMrSend))
	rina.press(kt(flows.BtnMrSend))
	reply := a.expect("Kamis pagi, Pak.")
	contains(t, "the reply", reply, "Rina")
	history, err := w.store.FollowUps(context.Background(), a.id)
	if err != nil || len(history) != 3 || history[1].Kind != ikmbot.FollowMessageFromOwner || history[2].Kind != ikmbot.FollowMessageFromMentor {
		t.Errorf("a's history = %+v, %v; want the call, then both messages", history, err)
	}
}

// containsPhone reports whether text shows the phone number the e2e
// owners share at sign-up (the fake's default, "+62812…").
func containsPhone(text string) bool { return strings.Contains(text, "62812") }

// pressOn taps the button labelled label on message m.
func (u *user) pressOn(m telegramtest.Message, label string) {
	u.w.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == label {
				u.w.tg.UserPressed(u.id, m.ID, b.Data)
				return
			}
		}
	}
	u.w.t.Fatalf("message %d has no button %q: %v", m.ID, label, m.Buttons)
}

// lastWith is the newest bot message in the chat that contains text and
// has a button labelled label.
func (u *user) lastWith(text, label string) telegramtest.Message {
	u.w.t.Helper()
	msgs := u.w.tg.Messages(u.id)
	for i := len(msgs) - 1; i >= 0; i-- {
		if hasButton(msgs[i], label) && strings.Contains(msgs[i].Text, plain(text)) {
			return msgs[i]
		}
	}
	u.w.t.Fatalf("no message with %q and a button %q; the chat:\n%s", text, label, u.chat())
	return telegramtest.Message{}
}
