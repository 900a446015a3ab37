package main

import (
	"context"
	"strings"
	"testing"

	"ikmbot"
	"ikmbot/flows"
)

// answerCheck answers the readiness questions through the chat, each with
// the letter pick chooses from those offered, restarting the bot after the
// question numbered restartAt (0: never), and returns the result message.
func answerCheck(w *world, u *user, restartAt int, pick func(q int, letters []string) string) string {
	w.t.Helper()
	for q := 1; ; q++ {
		m := u.expect(plain(flows.T(id, flows.MsgProgress, q, 15)))
		var letters []string
		for _, b := range m.Buttons[0] {
			letters = append(letters, b.Text)
		}
		if restartAt == q {
			w.stop()
			w.start()
		}
		u.press(pick(q, letters))
		if q == 15 {
			return u.expect(begin(flows.T(id, flows.RcResult, "", "", ""))).Text
		}
	}
}

// TestReadinessEndToEnd: an owner signs up, takes the check with a restart
// in the middle, gets the level the answers imply, retakes it and sees the
// change; the profile shows it.
func TestReadinessEndToEnd(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	signUp(u) // NIB 1234567890123, indirect export: q01 narrowed, q15 settled
	u.press(flows.T(id, flows.BtnCheck))
	u.expect(begin(flows.T(id, flows.RcIntro, 15)))

	q := ikmbot.Readiness()
	lowest := func(_ int, l []string) string { return l[0] }
	result := answerCheck(w, u, 7, lowest)
	if !strings.Contains(result, plain(flows.LevelName(id, q, ikmbot.LevelPemula))) || !strings.Contains(result, "░") {
		t.Errorf("first result:\n%s", result)
	}

	u.press(flows.T(id, flows.RcRetake))
	u.expect(begin(flows.T(id, flows.RcIntro, 15)))
	highest := func(_ int, l []string) string { return l[len(l)-1] }
	result = answerCheck(w, u, 0, highest)
	if !strings.Contains(result, plain(flows.LevelName(id, q, ikmbot.LevelMahir))) ||
		!strings.Contains(result, before(flows.T(id, flows.RcLevelUp, "X", "Y"), "X")) {
		t.Errorf("retake result:\n%s", result)
	}
	u.sends("/profil")
	profile := u.expect(begin(flows.T(id, flows.ProfileView, "")))
	if !strings.Contains(profile.Text, "→") {
		t.Errorf("profile lacks the change since the first check:\n%s", profile.Text)
	}
	attempts, err := w.store.Assessments(context.Background(), u.id)
	if err != nil || len(attempts) != 2 {
		t.Fatalf("attempts = %d, %v", len(attempts), err)
	}
	for n := 1; n <= 15; n++ {
		count := 0
		for _, m := range w.tg.Messages(u.id) {
			if strings.HasPrefix(m.Text, plain(flows.T(id, flows.MsgProgress, n, 15))) {
				count++
			}
		}
		if count != 2 { // once per attempt, the restart repeated nothing
			t.Errorf("question %d asked %d times over two attempts", n, count)
		}
	}
}

// TestReadinessBadInputEveryQuestion sends a sticker, gibberish and a stale
// button at every question: each time the same question comes back.
func TestReadinessBadInputEveryQuestion(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	signUp(u)
	u.sends("/cek")
	var stale staleButton
	for q := 1; q <= 15; q++ {
		m := u.expect(plain(flows.T(id, flows.MsgProgress, q, 15)))
		if q == 1 {
			stale = staleButton{msg: m.ID, data: m.Buttons[0][0].Data}
		}
		w.tg.UserSendsSticker(u.id)
		u.expect(plain(flows.T(id, flows.MsgProgress, q, 15)))
		u.sends("barangkali")
		u.expect(plain(flows.T(id, flows.MsgProgress, q, 15)))
		if q > 1 {
			w.tg.UserPressedForged(u.id, stale.msg, stale.data)
			u.expect(flows.T(id, flows.MsgStaleButton))
			u.expect(plain(flows.T(id, flows.MsgProgress, q, 15)))
		}
		u.press(m.Buttons[0][0].Text)
	}
	u.expect(begin(flows.T(id, flows.RcResult, "", "", "")))
}

// staleButton is a button of an earlier question, pressed again later.
type staleButton struct {
	msg  int
	data string
}

// before is a catalog text, as the user sees it, up to the value marker.
func before(text, marker string) string {
	head, _, _ := strings.Cut(plain(text), marker)
	return head
}
