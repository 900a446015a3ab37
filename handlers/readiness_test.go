package handlers

import (
	"context"
	"strings"
	"testing"

	"ikmbot"
	"ikmbot/flows"
)

// answerCheck answers every readiness question with the first (lowest) or
// last (highest) letter offered, until the result comes.
func (p *person) answerCheck(highest bool) {
	p.e.t.Helper()
	for i := 0; i < 20; i++ {
		m := p.last[len(p.last)-1]
		if len(m.Buttons) < 2 || !strings.HasPrefix(m.Buttons[0][0].Data, "rc:") {
			return // the result: no more questions
		}
		row := m.Buttons[0]
		pick := row[0]
		if highest {
			pick = row[len(row)-1]
		}
		p.press(pick.Data)
	}
	p.e.t.Fatalf("the check never ended: %+v", p.last)
}

// signUpWithNIB agrees and answers sign-up as an owner with an NIB who
// exports through a trader, so the check asks q01 narrowed and skips q15.
func (p *person) signUpWithNIB() {
	p.e.t.Helper()
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.answerFromNameWithNIB()
}

// answerFromNameWithNIB answers every sign-up question after consent.
func (p *person) answerFromNameWithNIB() {
	p.e.t.Helper()
	for _, answer := range []string{"Budi Santoso", "081298765432", "Kopi Budi", "1234567890123"} {
		p.text(answer)
	}
	p.pressLabel("Tanggamus")
	p.pressLabel("Kopi")
	p.text("kopi bubuk")
	p.pressLabel(flows.T("id", flows.SuWorkersLabel, "5-19"))
	p.text("500 kg")
	p.pressLabel(flows.T("id", flows.SuExportIndirect))
	p.pressLabel(flows.T("id", flows.SuSave))
}

func TestCheckAfterSignUpThenRetake(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	p := e.person()

	p.command("cek", "")
	p.mustSee(flows.T("id", flows.RcNeedsSignUp))
	p.mustSee(flows.T("id", flows.SuConsent)[:30])
	p.signUpWithNIB()
	p.mustSee(flows.T("id", flows.SuSaved, "Budi Santoso")[:20])
	p.mustSee(flows.T("id", flows.RcIntro, 15)) // q15 is settled by "indirect export"
	if got := p.last[len(p.last)-1].Buttons[0]; len(got) != 3 || got[0].Text != "C" {
		t.Errorf("q01 after sign-up with an NIB offers %+v, want C D E", got)
	}

	p.answerCheck(false)
	q := ikmbot.Readiness()
	p.mustSee(flows.LevelName("id", q, ikmbot.LevelPemula))
	p.mustSee("▓")
	p.command("profil", "")
	p.mustSee(before(flows.T("id", flows.ProfileReadiness, flows.LevelName("id", q, ikmbot.LevelPemula), "X", ""), "X"))

	p.command("cek", "")
	p.answerCheck(true)
	p.mustSee(flows.T("id", flows.RcLevelUp, flows.LevelName("id", q, ikmbot.LevelPemula), flows.LevelName("id", q, ikmbot.LevelMahir))[:20])

	attempts, err := e.store.Assessments(ctx, p.id)
	if err != nil || len(attempts) != 2 {
		t.Fatalf("attempts = %d, %v; want 2", len(attempts), err)
	}
	if attempts[0].Result.Level != ikmbot.LevelPemula || attempts[1].Result.Level != ikmbot.LevelMahir || attempts[1].Region != "TGM" {
		t.Errorf("attempts: %+v", attempts)
	}
	if attempts[1].Answers["q15"] != "d" {
		t.Errorf("the settled export answer was not kept: %v", attempts[1].Answers)
	}
	p.command("profil", "")
	p.mustSee(before(flows.T("id", flows.ProfileReadiness, flows.LevelName("id", q, ikmbot.LevelMahir), "X", ""), "X"))
	p.mustSee("→")
	p.mustSee(flows.T("id", flows.RcLevelUp, flows.LevelName("id", q, ikmbot.LevelPemula), flows.LevelName("id", q, ikmbot.LevelMahir)))

	p.command("hapusdata", "")
	p.pressLabel(flows.T("id", flows.DelYes))
	if attempts, err := e.store.Assessments(ctx, p.id); err != nil || len(attempts) != 0 {
		t.Errorf("attempts after /hapusdata = %v, %v", attempts, err)
	}
}

func TestCheckResumesAndRefusesStaleButtons(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("daftar", "")
	p.signUpWithNIB()
	p.command("cek", "")
	first := p.last[len(p.last)-1]
	p.press(first.Buttons[0][0].Data) // q01 answered
	second := p.last[len(p.last)-1]
	p.press(first.Buttons[0][1].Data) // q01's button again: stale
	p.mustSee(flows.T("id", flows.MsgStaleButton))
	p.command("start", "")
	p.mustSee(flows.T("id", flows.MsgResume))
	if got := p.last[len(p.last)-1].Text; got != second.Text {
		t.Errorf("resume shows %q, want the second question %q", got, second.Text)
	}
	p.command("bantuan", "")
	p.text("B") // a typed letter answers the current question after an interruption
	if p.last[len(p.last)-1].Text == second.Text {
		t.Errorf("typing B did not answer the second question")
	}
}

// before is text up to marker: a catalog text with a placeholder value.
func before(text, marker string) string {
	head, _, _ := strings.Cut(text, marker)
	return head
}

// TestCheckDuringProfileEditResumesEdit: /cek in the middle of a profile
// edit runs the check, then returns to the edit with its change kept.
func TestCheckDuringProfileEditResumesEdit(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("daftar", "")
	p.signUpWithNIB()
	p.command("profil", "")
	p.pressLabel(flows.T("id", flows.BtnEditProfile))
	p.pressLabel(flows.T("id", flows.SuEditPrefix, flows.T("id", flows.FieldBusinessName)))
	p.text("Kopi Budi Jaya")
	p.command("cek", "")
	p.answerCheck(false)
	p.mustSee(flows.T("id", flows.MsgResume))
	p.mustSee("Kopi Budi Jaya") // the summary of the edit, with the change
	p.pressLabel(flows.T("id", flows.SuSave))
	if prof, err := e.store.Profile(context.Background(), p.id); err != nil || prof.BusinessName != "Kopi Budi Jaya" {
		t.Errorf("business name = %q, %v", prof.BusinessName, err)
	}
}

// TestCheckCancelAndBack: back returns to the previous question; /batal
// leaves the check with nothing stored.
func TestCheckCancelAndBack(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("daftar", "")
	p.signUpWithNIB()
	p.command("cek", "")
	firstText := p.last[len(p.last)-1].Text
	p.press(p.last[len(p.last)-1].Buttons[0][0].Data)
	p.pressLabel(flows.T("id", flows.BtnBack))
	if got := p.last[len(p.last)-1].Text; got != firstText {
		t.Errorf("back shows %q, want the first question again", got)
	}
	p.command("batal", "")
	p.mustSee(flows.T("id", flows.MsgCancelled))
	if attempts, err := e.store.Assessments(context.Background(), p.id); err != nil || len(attempts) != 0 {
		t.Errorf("attempts after cancelling = %v, %v", attempts, err)
	}
}

// TestCheckDuringSignUpContinuesSignUp: /cek typed in the middle of sign-up
// continues the sign-up, then goes to the check.
func TestCheckDuringSignUpContinuesSignUp(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("daftar", "")
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.command("cek", "")
	p.mustSee(flows.T("id", flows.RcNeedsSignUp))
	p.mustSee(flows.T("id", flows.SuOwnerName))
	p.answerFromNameWithNIB()
	p.mustSee(flows.T("id", flows.RcIntro, 15))
}

// TestLevelCountsThroughTheBot: a first check counts the owner once, a
// retake at the same level moves nothing, and /hapusdata takes them out.
func TestLevelCountsThroughTheBot(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	count := func() int64 {
		t.Helper()
		byRegion, err := e.store.LevelCountsByRegion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return byRegion["TGM"][ikmbot.LevelPemula]
	}
	p := e.person()
	p.command("daftar", "")
	p.signUpWithNIB()
	before := count()
	p.command("cek", "")
	p.answerCheck(false)
	if got := count(); got != before+1 {
		t.Errorf("after the first check TGM/pemula = %d, want %d", got, before+1)
	}
	p.command("cek", "")
	p.answerCheck(false)
	if got := count(); got != before+1 {
		t.Errorf("after a retake at the same level TGM/pemula = %d, want %d", got, before+1)
	}
	p.command("hapusdata", "")
	p.pressLabel(flows.T("id", flows.DelYes))
	if got := count(); got != before {
		t.Errorf("after /hapusdata TGM/pemula = %d, want %d", got, before)
	}
}
