package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/storage"
)

// profileButtons returns the buttons of the last answer to /profil, in
// order.
func (p *person) profileButtons() []ikmbot.Button {
	p.e.t.Helper()
	p.command("profil", "")
	p.mustSee(before(flows.T("id", flows.ProfileView, "X"), "X"))
	var out []ikmbot.Button
	for _, m := range p.last {
		for _, row := range m.Buttons {
			out = append(out, row...)
		}
	}
	return out
}

// seeProgress runs /profil and checks the count of steps reached and the
// first button: the next step's, or (next "") the profile's own, with no
// other button doing the same.
func (p *person) seeProgress(reached int, next flows.Key, data string) []ikmbot.Button {
	p.e.t.Helper()
	buttons := p.profileButtons()
	p.mustSee(flows.T("id", flows.PgTitle, reached, len(ikmbot.FunnelStages)))
	if next == "" {
		p.mustSee(flows.T("id", flows.PgAllDone))
		if buttons[0].Data != cbEditProfile {
			p.e.t.Errorf("/profil with every step reached: first button %+v, want the edit button", buttons[0])
		}
		return buttons
	}
	if want := (ikmbot.Button{Text: flows.T("id", next), Data: data}); buttons[0] != want {
		p.e.t.Errorf("/profil at %d steps: first button %+v, want %+v", reached, buttons[0], want)
	}
	for _, b := range buttons[1:] {
		if b.Data == data {
			p.e.t.Errorf("/profil at %d steps offers %q twice: %+v", reached, data, buttons)
		}
	}
	return buttons
}

// TestProfileShowsProgress follows an owner along the funnel: each /profil
// shows the steps reached and the next one's button first, and the button
// leads where it says.
func TestProfileShowsProgress(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tid := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	staff := e.staff()
	class := staff.createClass("Ekspor Kopi Dasar", "10-12-2026", "20", false)

	o := e.person()
	o.signUp() // Metro, Kopi, never exported
	o.seeProgress(1, flows.BtnPgChecked, cbCheck)
	o.mustSee(tid(flows.PgStepDone, tid(flows.PgSignedUp)))
	o.mustSee(tid(flows.PgStepTodo, tid(flows.PgChecked)))
	o.mustSee(tid(flows.PgNextChecked))
	o.pressLabel(tid(flows.BtnPgChecked))
	o.mustSee(tid(flows.RcIntro, 15)[:30])
	o.answerCheck(false) // Pemula, the class's level

	o.seeProgress(2, flows.BtnPgEnrolled, cbClassesOwn)
	o.mustSee(tid(flows.PgStepDone, tid(flows.PgChecked)))
	o.pressLabel(tid(flows.BtnPgEnrolled))
	list := o.last
	o.command("kelas", "")
	if len(list) != 1 || len(o.last) != 1 || list[0].Text != o.last[0].Text {
		t.Errorf("the classes button answered %+v, /kelas %+v", list, o.last)
	}
	o.mustSee(tid(flows.KlListOwn, flows.LevelName("id", ikmbot.Readiness(), ikmbot.LevelPemula)))
	o.press(classData(actClassEnrol, class.ID))

	o.seeProgress(3, flows.BtnPgCompleted, cbClassesOwn)
	o.mustSee(tid(flows.PgNextCompleted))
	o.pressLabel(tid(flows.BtnPgCompleted))
	o.mustSee(tid(flows.KlMineHeader))
	o.mustSee(tid(flows.KlMineEnrolled, class.Title))

	if err := e.store.CompleteClass(ctx, class.ID, []int64{o.id}); err != nil {
		t.Fatal(err)
	}
	buttons := o.seeProgress(4, flows.BtnPgCertified, cbCerts)
	for _, b := range buttons {
		if b.Text == tid(flows.BtnCdCerts) {
			t.Errorf("/profil offers the certificates twice: %+v", buttons)
		}
	}
	o.pressLabel(tid(flows.BtnPgCertified))
	o.mustSee(tid(flows.CtListTitle))

	holdCoreCerts(t, e, o.id, "KOPI")
	o.seeProgress(5, flows.BtnPgExporting, cbHelpNew)
	o.mustSee(tid(flows.PgStepDone, tid(flows.PgCertified)))
	o.pressLabel(tid(flows.BtnPgExporting))
	o.mustSee(tid(flows.HbAskAbout))
	o.command("batal", "")

	o.command("profil", "")
	o.pressLabel(tid(flows.BtnEditProfile))
	o.pressLabel(tid(flows.SuEditPrefix, tid(flows.FieldExportStatus)))
	o.pressLabel(tid(flows.SuExportIndirect))
	o.pressLabel(tid(flows.SuSave))
	o.seeProgress(6, "", "")
	if o.saw(tid(flows.PgNextExporting)) {
		t.Errorf("every step reached, yet a next step: %+v", o.last)
	}
}

// holdCoreCerts records the sector's core certifications as held by the
// owner, without expiry.
func holdCoreCerts(t *testing.T, e *env, ownerID int64, sector string) {
	t.Helper()
	codes := ikmbot.SectorCoreCodes(sector)
	if len(codes) == 0 {
		t.Fatalf("sector %s has no core certifications", sector)
	}
	for _, code := range codes {
		c := ikmbot.Certificate{Type: code, Status: ikmbot.CertHeld, UpdatedAt: e.now}
		if err := e.store.SaveCertificate(context.Background(), ownerID, c, nil, nil); err != nil {
			t.Fatalf("SaveCertificate(%s): %v", code, err)
		}
	}
}

// TestProfileProgressOutOfOrder: an owner certified before the readiness
// check counts both steps reached, and the check is still the next one.
func TestProfileProgressOutOfOrder(t *testing.T) {
	e := newEnv(t)
	o := e.person()
	o.signUp()
	holdCoreCerts(t, e, o.id, "KOPI")
	o.seeProgress(2, flows.BtnPgChecked, cbCheck)
	o.mustSee(flows.T("id", flows.PgStepDone, flows.T("id", flows.PgCertified)))
	o.mustSee(flows.T("id", flows.PgStepTodo, flows.T("id", flows.PgChecked)))
	o.pressLabel(flows.T("id", flows.BtnPgChecked))
	o.mustSee(flows.T("id", flows.RcIntro, 15)[:30])
}

// stagesStore is the real store with OwnerStages answering what the test
// says: owners signed up before the counters, and a Redis failure, which
// the real store cannot be made to show for one call.
type stagesStore struct {
	*storage.Store
	stages ikmbot.FunnelFlags
	err    error
}

func (s *stagesStore) OwnerStages(context.Context, int64) (ikmbot.FunnelFlags, error) {
	return s.stages, s.err
}

// withStages points the router at a stagesStore.
func (e *env) withStages(s *stagesStore) {
	s.Store = e.store
	e.r = New(Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return e.now }, BotUsername: "ikm_test_bot"})
}

// TestProfileProgressWithoutStoredStages: without stored stages the
// profile counts what it knows (signed up; checked with a level); when
// they cannot be read it shows without the progress, its own check button
// kept.
func TestProfileProgressWithoutStoredStages(t *testing.T) {
	e := newEnv(t)
	s := &stagesStore{}
	e.withStages(s)
	o := e.person()
	o.signUp()
	o.seeProgress(1, flows.BtnPgChecked, cbCheck)

	s.err = errors.New("redis down")
	buttons := o.profileButtons()
	if o.saw(flows.T("id", flows.PgTitle, 1, 6)) {
		t.Errorf("progress shown though the stages could not be read: %+v", o.last)
	}
	if buttons[0].Data != cbEditProfile || !slices.Contains(buttons, ikmbot.Button{Text: flows.T("id", flows.BtnCheck), Data: cbCheck}) {
		t.Errorf("profile without progress: buttons %+v", buttons)
	}

	s.err = nil
	o.command("cek", "")
	o.answerCheck(false)
	o.seeProgress(2, flows.BtnPgEnrolled, cbClassesOwn)
	if !slices.Contains(o.profileButtons(), ikmbot.Button{Text: flows.T("id", flows.RcRetake), Data: cbCheck}) {
		t.Errorf("the retake button is gone: %+v", o.last)
	}
}

// TestProfileProgressAfterEdit: the answer to saving a profile edit shows
// the steps of the profile just saved, not of the one before: an owner
// who starts exporting sees the step ticked at once, and unticked when
// they stop.
func TestProfileProgressAfterEdit(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.signUp() // never exported
	edit := func(status flows.Key, reached int) {
		t.Helper()
		p.command("profil", "")
		p.pressLabel(flows.T("id", flows.BtnEditProfile))
		p.pressLabel("✏️ " + flows.T("id", flows.FieldExportStatus))
		p.pressLabel(flows.T("id", status))
		p.pressLabel(flows.T("id", flows.SuSave))
		p.mustSee(flows.T("id", flows.SuProfileUpdated))
		p.mustSee(flows.T("id", flows.PgTitle, reached, len(ikmbot.FunnelStages)))
	}
	edit(flows.SuExportIndirect, 2)
	edit(flows.SuExportNever, 1)
}
