package flows

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

var update = flag.Bool("update", false, "rewrite golden files")

// happyPath answers every sign-up step in order; each entry is how the
// user answers the step named.
var happyPath = []struct {
	step   string
	answer func(d *driver) Result
}{
	{StepConsent, func(d *driver) Result { return d.press(T(d.lang, SuAgree)) }},
	{StepOwnerName, func(d *driver) Result { return d.text("Siti Rahayu") }},
	{StepPhone, func(d *driver) Result {
		return d.send(ikmbot.Event{Kind: ikmbot.EventContact, ContactPhone: "6281234567890", ContactUserID: testChat})
	}},
	{StepBusiness, func(d *driver) Result { return d.text("Kopi Tanggamus Jaya") }},
	{StepNIB, func(d *driver) Result { return d.text("1234 5678 90123") }},
	{StepRegion, func(d *driver) Result { return d.press("Tanggamus") }},
	{StepSector, func(d *driver) Result { return d.press(mustSector("KOPI").Short(d.lang)) }},
	{StepProducts, func(d *driver) Result { return d.text("kopi bubuk robusta") }},
	{StepWorkers, func(d *driver) Result { return d.press(T(d.lang, SuWorkersLabel, "5-19")) }},
	{StepCapacity, func(d *driver) Result { return d.text("500 kg") }},
	{StepExport, func(d *driver) Result { return d.press(T(d.lang, SuExportIndirect)) }},
}

func mustSector(code string) ikmbot.Sector {
	s, ok := ikmbot.SectorByCode(code)
	if !ok {
		panic("no sector " + code)
	}
	return s
}

// walk answers the happy path up to (not including) step stop.
func walk(d *driver, stop string) {
	d.t.Helper()
	for _, h := range happyPath {
		if h.step == stop {
			return
		}
		if d.step() != h.step {
			d.t.Fatalf("at step %q, want %q:\n%s", d.step(), h.step, render(d.last.Messages))
		}
		if r := h.answer(d); r.Outcome != Continue {
			d.t.Fatalf("step %q ended the flow with outcome %v", h.step, r.Outcome)
		}
	}
}

func TestSignUpHappyPath(t *testing.T) {
	d := newDriver(t, SignUp, "id")
	d.last.Session.Answers[AnswerSource] = "expo2026"
	walk(d, "")
	if d.step() != summaryStep {
		t.Fatalf("after the last question step = %q, want the summary", d.step())
	}
	r := d.press(T("id", SuSave))
	if r.Outcome != Done {
		t.Fatalf("Save outcome = %v, want Done", r.Outcome)
	}
	got := NewProfile(testChat, r.Session.Answers, ikmbot.Profile{}, testNow)
	want := ikmbot.Profile{
		UserID: testChat, OwnerName: "Siti Rahayu", Phone: "+6281234567890", BusinessName: "Kopi Tanggamus Jaya",
		NIB: "1234567890123", Region: "TGM", Sector: "KOPI", Products: "kopi bubuk robusta",
		Workers: ikmbot.Workers5to19, Capacity: "500 kg", ExportStatus: ikmbot.ExportIndirect, Source: "expo2026",
		ConsentAt: testNow, CreatedAt: testNow, UpdatedAt: testNow,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profile mismatch (-want +got):\n%s", diff)
	}
	if back := ProfileAnswers(got); back[StepNIB] != "1234567890123" || back[StepRegion] != "TGM" {
		t.Errorf("ProfileAnswers lost answers: %v", back)
	}
}

// TestSignUpGolden renders every question and the summary in both languages.
func TestSignUpGolden(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			d := newDriver(t, SignUp, lang)
			var b strings.Builder
			for _, h := range happyPath {
				b.WriteString("=== " + h.step + "\n" + render(d.last.Messages))
				h.answer(d)
			}
			b.WriteString("=== summary\n" + render(d.last.Messages))
			golden(t, "signup_"+lang+".golden", b.String())
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./flows -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// TestSignUpBadInputEveryStep sends what a confused user might at every
// step and checks the same step is asked again with a hint and nothing lost.
func TestSignUpBadInputEveryStep(t *testing.T) {
	bad := []struct {
		name string
		ev   ikmbot.Event
	}{
		{"sticker", ikmbot.Event{Kind: ikmbot.EventOther}},
		{"nonsense text", ikmbot.Event{Kind: ikmbot.EventText, Text: "😀"}},
		{"stale button", ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "su:p:old:region:BDL"}},
		{"forged value", ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "su:p:n1:region:XXX"}},
		{"someone else's contact", ikmbot.Event{Kind: ikmbot.EventContact, ContactPhone: "+6281111111111", ContactUserID: 99}},
		{"other flow's button", ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "del:p:n1:confirm:yes"}},
		{"save before the summary", ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "su:s:n1:summary"}},
	}
	for _, h := range append(happyPath, struct {
		step   string
		answer func(d *driver) Result
	}{summaryStep, nil}) {
		for _, b := range bad {
			if h.step == summaryStep && b.ev.CallbackData == "su:s:n1:summary" {
				continue // at the summary that is a real save
			}
			t.Run(h.step+"/"+b.name, func(t *testing.T) {
				d := newDriver(t, SignUp, "id")
				walk(d, h.step)
				before := d.last.Session
				r := d.send(b.ev)
				if r.Outcome != Continue || r.Session.Step != h.step {
					t.Fatalf("outcome %v at step %q, want Continue at %q", r.Outcome, r.Session.Step, h.step)
				}
				if diff := cmp.Diff(before.Answers, r.Session.Answers); diff != "" {
					t.Errorf("answers changed (-before +after):\n%s", diff)
				}
				if len(r.Messages) < 2 || r.Messages[0].Text == "" {
					t.Errorf("want a hint and the question again, got:\n%s", render(r.Messages))
				}
			})
		}
	}
}

func TestSignUpBackAndCancel(t *testing.T) {
	d := newDriver(t, SignUp, "id")
	walk(d, StepBusiness)
	d.press(T("id", BtnBack)) // business has only inline nav
	if d.step() != StepPhone {
		t.Fatalf("back from business: step = %q, want phone", d.step())
	}
	r := d.text(T("id", BtnBack)) // the phone step's reply keyboard sends text
	if d.step() != StepOwnerName || !r.Messages[0].RemoveKeyboard {
		t.Fatalf("back from phone: step = %q, keyboard removed = %v", d.step(), r.Messages[0].RemoveKeyboard)
	}
	if got := d.last.Session.Answers[StepOwnerName]; got != "Siti Rahayu" {
		t.Errorf("going back lost the name: %q", got)
	}
	r = d.press(T("id", BtnCancel))
	if r.Outcome != Cancelled {
		t.Errorf("cancel outcome = %v, want Cancelled", r.Outcome)
	}
}

func TestSignUpDeclineConsent(t *testing.T) {
	d := newDriver(t, SignUp, "en")
	r := d.press(T("en", SuDisagree))
	if r.Outcome != Cancelled || len(r.Messages) != 1 || r.Messages[0].Text != T("en", SuDeclined) {
		t.Errorf("decline = %v\n%s", r.Outcome, render(r.Messages))
	}
}

func TestSignUpEditFromSummary(t *testing.T) {
	d := newDriver(t, SignUp, "id")
	walk(d, "")
	d.press(T("id", SuEditPrefix, T("id", FieldSector)))
	if d.step() != StepSector {
		t.Fatalf("edit sector: step = %q", d.step())
	}
	d.press(T("id", SuSectorOther))
	if d.step() != StepSectorOther {
		t.Fatalf("choosing Lainnya must ask for the sector: step = %q", d.step())
	}
	d.text("madu hutan")
	if d.step() != summaryStep {
		t.Fatalf("after the follow-up: step = %q, want summary", d.step())
	}
	if !strings.Contains(d.last.Messages[0].Text, "madu hutan") {
		t.Errorf("summary lacks the typed sector:\n%s", render(d.last.Messages))
	}
	d.press(T("id", SuEditPrefix, T("id", FieldSector)))
	d.press(mustSector("LADA").Short("id"))
	r := d.press(T("id", SuSave))
	if r.Outcome != Done {
		t.Fatalf("save: %v", r.Outcome)
	}
	if _, ok := r.Session.Answers[StepSectorOther]; ok {
		t.Errorf("typed sector kept after choosing a listed one: %v", r.Session.Answers)
	}
}

func TestSignUpEditBackReturnsToSummary(t *testing.T) {
	d := newDriver(t, SignUp, "id")
	walk(d, "")
	d.press(T("id", SuEditPrefix, T("id", FieldOwnerName)))
	d.press(T("id", BtnBack))
	if d.step() != summaryStep {
		t.Errorf("back while editing: step = %q, want summary", d.step())
	}
}

func TestSignUpTypedLabelCountsAsButton(t *testing.T) {
	d := newDriver(t, SignUp, "id")
	walk(d, StepRegion)
	d.text("metro")
	if got := d.last.Session.Answers[StepRegion]; got != "MET" {
		t.Errorf("typing a region name: answer = %q, want MET", got)
	}
}

func TestSignUpReconcileOldVersion(t *testing.T) {
	old := ikmbot.Session{Flow: "su", Version: 0, Step: "gone", Nonce: "n1",
		Answers: map[string]string{StepConsent: "yes", StepOwnerName: "Siti", "gone": "x", AnswerSource: "expo"}}
	r := SignUp.Handle(old, ikmbot.Event{Kind: ikmbot.EventText, Text: "hello", ChatID: testChat, UserID: testChat}, "id", testNow)
	if r.Session.Step != StepPhone || r.Session.Version != SignUp.Version {
		t.Errorf("reconciled to step %q version %d, want phone version %d", r.Session.Step, r.Session.Version, SignUp.Version)
	}
	want := map[string]string{StepConsent: "yes", StepOwnerName: "Siti", AnswerSource: "expo"}
	if diff := cmp.Diff(want, r.Session.Answers); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
}

func TestStartAtSummaryForProfileEdit(t *testing.T) {
	p := NewProfile(testChat, map[string]string{StepOwnerName: "Siti", StepPhone: "+62812345678", StepBusiness: "Usaha",
		StepNIB: noNIB, StepRegion: "BDL", StepSector: "KOPI", StepProducts: "kopi", StepWorkers: "1-4", StepCapacity: "5 kg", StepExport: "never"},
		ikmbot.Profile{}, testNow)
	r := SignUp.StartAtSummary(testChat, "id", "n2", ProfileAnswers(p), testNow)
	if r.Session.Step != summaryStep {
		t.Fatalf("step = %q, want summary", r.Session.Step)
	}
	if !strings.Contains(r.Messages[0].Text, T("id", ValueNoNIB)) {
		t.Errorf("summary shows NIB wrongly:\n%s", render(r.Messages))
	}
}

// TestCallbackDataFits checks every button the flows make against
// Telegram's 64-byte limit, in both languages.
func TestCallbackDataFits(t *testing.T) {
	for _, lang := range Languages {
		d := newDriver(t, SignUp, lang)
		check := func() {
			for _, m := range d.last.Messages {
				for _, row := range m.Buttons {
					for _, b := range row {
						if len(b.Data) == 0 || len(b.Data) > 64 {
							t.Errorf("button %q data %q is %d bytes", b.Text, b.Data, len(b.Data))
						}
					}
				}
			}
		}
		for _, h := range happyPath {
			check()
			h.answer(d)
		}
		check()
	}
}

// TestSignUpCannotSaveWithFollowUpOpen: choosing Lainnya while editing and
// going back must not let the owner save without the typed sector.
func TestSignUpCannotSaveWithFollowUpOpen(t *testing.T) {
	d := newDriver(t, SignUp, "id")
	walk(d, "")
	d.press(T("id", SuEditPrefix, T("id", FieldSector)))
	d.press(T("id", SuSectorOther))
	if d.step() != StepSectorOther {
		t.Fatalf("step = %q, want the typed sector", d.step())
	}
	d.press(T("id", BtnBack))
	if d.step() != StepSector {
		t.Errorf("back from the follow-up: step = %q, want the sector question again", d.step())
	}
	d.press(T("id", BtnBack))
	if d.step() != StepSectorOther {
		t.Errorf("back out of the edit with Lainnya chosen: step = %q, want the follow-up asked", d.step())
	}
	// A Save button of the earlier summary, replayed, must not save either.
	r := d.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: SignUp.data(actSave, "n1", summaryStep, "")})
	if r.Outcome == Done {
		t.Fatalf("saved with answers %v", r.Session.Answers)
	}
	d.text("madu hutan")
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want the summary", d.step())
	}
	if r := d.press(T("id", SuSave)); r.Outcome != Done || r.Session.Answers[StepSectorOther] != "madu hutan" {
		t.Errorf("save = %v, answers %v", r.Outcome, r.Session.Answers)
	}
}

// TestSaveRefusesIncompleteAnswers covers a summary reached with an answer
// missing (a forged or replayed save).
func TestSaveRefusesIncompleteAnswers(t *testing.T) {
	s := ikmbot.Session{Flow: "su", Version: SignUp.Version, Step: summaryStep, Nonce: "n1",
		Answers: map[string]string{StepConsent: "yes", StepOwnerName: "Siti"}}
	r := SignUp.Handle(s, ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "su:s:n1:summary", ChatID: testChat, UserID: testChat}, "id", testNow)
	if r.Outcome == Done || r.Session.Step != StepPhone {
		t.Errorf("outcome %v at step %q, want the phone question", r.Outcome, r.Session.Step)
	}
}

// TestEditChangeOfMindReturnsToSummary: while editing, choosing Lainnya,
// going back and choosing a listed sector ends at the summary with a back
// button that leads to the last question, not into the edit.
func TestEditChangeOfMindReturnsToSummary(t *testing.T) {
	d := newDriver(t, SignUp, "id")
	walk(d, "")
	d.press(T("id", SuEditPrefix, T("id", FieldSector)))
	d.press(T("id", SuSectorOther))
	d.press(T("id", BtnBack))
	d.press(mustSector("KAKAO").Short("id"))
	if d.step() != summaryStep || d.last.Session.Editing {
		t.Fatalf("step = %q editing = %v, want the summary", d.step(), d.last.Session.Editing)
	}
	d.press(T("id", BtnBack))
	if d.step() != StepExport {
		t.Errorf("back from the summary: step = %q, want the last question", d.step())
	}
}
