package flows

import (
	"slices"
	"strings"
	"testing"

	"ikmbot"
)

func startReadiness(t *testing.T, lang string, p ikmbot.Profile) *driver {
	t.Helper()
	d := &driver{t: t, f: Readiness, lang: lang}
	d.last = Readiness.Start(testChat, lang, "n1", ReadinessPrefill(ikmbot.Readiness(), p), testNow)
	return d
}

// buttons lists the labels of the last message's answer buttons.
func (d *driver) buttons() []string {
	var out []string
	m := d.last.Messages[len(d.last.Messages)-1]
	for _, row := range m.Buttons[:len(m.Buttons)-1] { // the last row is back/cancel
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

func TestReadinessFlowUsesProfile(t *testing.T) {
	tests := []struct {
		name       string
		profile    ikmbot.Profile
		q01Buttons string // "" when q01 is not asked
		q15Asked   bool
		want       map[string]string // settled answers
	}{
		{"NIB held, indirect export", ikmbot.Profile{NIB: "1234567890123", ExportStatus: ikmbot.ExportIndirect}, "C D E", false, map[string]string{"q15": "d"}},
		{"no NIB, never exported", ikmbot.Profile{NoNIB: true, ExportStatus: ikmbot.ExportNever}, "", true, map[string]string{"q01": "a"}},
		{"NIB held, direct export", ikmbot.Profile{NIB: "1234567890123", ExportStatus: ikmbot.ExportDirect}, "C D E", false, map[string]string{"q15": "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := startReadiness(t, "id", tt.profile)
			asked := map[string]bool{}
			for d.last.Outcome == Continue {
				step := d.step()
				asked[step] = true
				labels := d.buttons()
				if step == "q01" && strings.Join(labels, " ") != tt.q01Buttons {
					t.Errorf("q01 offers %v, want %s", labels, tt.q01Buttons)
				}
				d.press(labels[0])
			}
			if asked["q01"] != (tt.q01Buttons != "") || asked["q15"] != tt.q15Asked {
				t.Errorf("asked q01 %v q15 %v", asked["q01"], asked["q15"])
			}
			if len(asked) < 14 {
				t.Errorf("only %d questions asked", len(asked))
			}
			answers := ReadinessAnswers(d.last.Session.Answers)
			for q, v := range tt.want {
				if answers[q] != v {
					t.Errorf("answer %s = %q, want %q settled by the profile", q, answers[q], v)
				}
			}
			if _, err := ikmbot.Readiness().Score(answers); err != nil {
				t.Errorf("the finished check does not score: %v", err)
			}
		})
	}
}

func TestReadinessFlowRefusesWhatIsNotOffered(t *testing.T) {
	d := startReadiness(t, "id", ikmbot.Profile{NIB: "1234567890123", ExportStatus: ikmbot.ExportNever})
	for _, ev := range []ikmbot.Event{
		{Kind: ikmbot.EventCallback, CallbackData: "rc:p:n1:q01:a"}, // "no NIB": the profile says otherwise
		{Kind: ikmbot.EventCallback, CallbackData: "rc:p:n1:q02:a"}, // another question's button
		{Kind: ikmbot.EventCallback, CallbackData: "rc:p:zz:q01:c"}, // another attempt's button
		{Kind: ikmbot.EventText, Text: "A"},                         // typing an option not offered
		{Kind: ikmbot.EventOther},
	} {
		r := d.send(ev)
		if r.Session.Step != "q01" || r.Outcome != Continue || len(r.Session.Answers["q01"]) != 0 {
			t.Errorf("%+v: step %q answers %v", ev, r.Session.Step, r.Session.Answers)
		}
	}
	d.text("d") // a letter typed counts as the button
	if d.step() != "q02" {
		t.Errorf("typed letter: step %q, want q02", d.step())
	}
}

func TestReadinessResultGolden(t *testing.T) {
	q := ikmbot.Readiness()
	first := ikmbot.Result{Level: ikmbot.LevelPemula}
	answers := map[string]string{}
	for _, qu := range q.Questions {
		answers[qu.ID] = "c"
	}
	answers["q01"], answers["q15"], answers["q03"] = "d", "b", "b"
	r, err := q.Score(answers)
	if err != nil {
		t.Fatal(err)
	}
	// An owner whose answers score mahir but who has no NIB with the right
	// KBLI: the gate holds them at pemula and the result says why.
	for _, qu := range q.Questions {
		answers[qu.ID] = qu.Options[len(qu.Options)-1].ID // the best option
	}
	answers["q01"] = "c"
	gated, err := q.Score(answers)
	if err != nil || len(gated.Gates) == 0 {
		t.Fatalf("gated result = %+v, %v", gated, err)
	}
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " gated result\n" + ReadinessResult(lang, q, gated, nil) + "\n")
		d := startReadiness(t, lang, ikmbot.Profile{NoNIB: true, ExportStatus: ikmbot.ExportNever})
		b.WriteString("=== " + lang + " first question\n" + render(d.last.Messages))
		b.WriteString("=== " + lang + " result\n" + ReadinessResult(lang, q, r, &first) + "\n")
	}
	golden(t, "readiness.golden", b.String())
}

func TestBarAndScore(t *testing.T) {
	for _, tt := range []struct {
		score float64
		bar   string
	}{{0, "░░░░░░░░░░"}, {4, "░░░░░░░░░░"}, {50, "▓▓▓▓▓░░░░░"}, {62.5, "▓▓▓▓▓▓░░░░"}, {100, "▓▓▓▓▓▓▓▓▓▓"}} {
		if got := bar(tt.score); got != tt.bar {
			t.Errorf("bar(%v) = %s, want %s", tt.score, got, tt.bar)
		}
	}
	for _, tt := range []struct {
		lang  string
		score float64
		want  string
	}{{"id", 53.75, "53,75"}, {"en", 53.75, "53.75"}, {"id", 45, "45"}, {"id", 44.4, "44,4"}} {
		if got := FormatScore(tt.lang, tt.score); got != tt.want {
			t.Errorf("FormatScore(%s, %v) = %q, want %q", tt.lang, tt.score, got, tt.want)
		}
	}
}

// TestReadinessNewVersionDropsRemovedOptions: a session begun under an
// older questionnaire keeps the answers still offered and asks again the
// ones whose option is gone, so a finished check always scores.
func TestReadinessNewVersionDropsRemovedOptions(t *testing.T) {
	old := ikmbot.Session{Flow: "rc", Version: Readiness.Version - 1, Nonce: "n1", Step: "q06",
		Answers: map[string]string{"q02": "c", "q03": "z", "q04": "b", "_allow_q01": "c,d,e"}}
	r := Readiness.Handle(old, ikmbot.Event{Kind: ikmbot.EventText, Text: "x", ChatID: testChat, UserID: testChat}, "id", testNow)
	want := map[string]string{"q02": "c", "q04": "b", "_allow_q01": "c,d,e"}
	if got := r.Session.Answers; len(got) != len(want) || got["q03"] != "" || got["q02"] != "c" || got["_allow_q01"] != "c,d,e" {
		t.Errorf("answers %v, want %v", got, want)
	}
	if r.Session.Step != "q01" || r.Session.Version != Readiness.Version {
		t.Errorf("step %q version %d, want q01 and the current version", r.Session.Step, r.Session.Version)
	}
}

func TestReadinessPrefillCerts(t *testing.T) {
	q := ikmbot.Readiness()
	var options []string
	for _, qu := range q.Questions {
		if qu.ID == certQuestion {
			for _, o := range qu.Options {
				options = append(options, o.ID)
			}
		}
	}
	for tier, want := range map[ikmbot.CertTier]string{
		ikmbot.TierBasic: "c", ikmbot.TierMiddle: "d", ikmbot.TierInternational: "e",
	} {
		prefill := map[string]string{}
		ReadinessPrefillCerts(prefill, tier, true)
		if got := prefill[answerFixed+certQuestion]; got != want || !slices.Contains(options, got) {
			t.Errorf("tier %q settles %q, want %q among %v", tier, got, want, options)
		}
	}
	prefill := map[string]string{}
	ReadinessPrefillCerts(prefill, ikmbot.TierNone, true)
	if got := prefill[answerFixed+certQuestion]; got != certApplyingOption {
		t.Errorf("only applying settles %q, want %q", got, certApplyingOption)
	}
	prefill = map[string]string{}
	ReadinessPrefillCerts(prefill, ikmbot.TierNone, false)
	if len(prefill) != 0 {
		t.Errorf("nothing stored settles %v, want the question asked", prefill)
	}
	if ReadinessAsked(q, map[string]string{answerFixed + certQuestion: "e"}) != len(q.Questions)-1 {
		t.Error("a settled certificate question is still asked")
	}
}
