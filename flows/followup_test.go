package flows

import (
	"strings"
	"testing"

	"ikmbot"
)

// followUpDriver opens FollowUpEntry the way the handler does.
func followUpDriver(t *testing.T, lang string) *driver {
	t.Helper()
	d := &driver{t: t, f: FollowUpEntry, lang: lang}
	d.last = FollowUpEntry.Start(testChat, lang, "n1", FollowUpContext(4242, "Kopi <Jaya>"), testNow)
	return d
}

func TestFollowUpEntry(t *testing.T) {
	tests := []struct {
		name     string
		lang     string
		kind     string // button label
		note     string // typed; "" presses Lewati
		wantKind ikmbot.FollowUpKind
		wantNote string
	}{
		{"visit with a note", "id", "🏠 Kunjungan", "  Cek dapur produksi,\nlabel halal belum ada. ", ikmbot.FollowVisit, "Cek dapur produksi,\nlabel halal belum ada."},
		{"call, skipped", "id", "📞 Telepon", "", ikmbot.FollowCall, ""},
		{"chat", "id", "💬 Chat", "Kirim contoh dokumen ekspor", ikmbot.FollowChat, "Kirim contoh dokumen ekspor"},
		{"training, English", "en", "🎓 Training", "", ikmbot.FollowTraining, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := followUpDriver(t, tt.lang)
			if !strings.Contains(d.last.Messages[0].Text, "<b>Kopi &lt;Jaya&gt;</b>") {
				t.Errorf("first question does not name the owner:\n%s", render(d.last.Messages))
			}
			d.press(tt.kind)
			if d.step() != fuNote {
				t.Fatalf("after the kind, step = %q", d.step())
			}
			if tt.note == "" {
				d.press(T(tt.lang, MfSkipNote))
			} else {
				d.text(tt.note)
			}
			if d.step() != summaryStep {
				t.Fatalf("after the note, step = %q:\n%s", d.step(), render(d.last.Messages))
			}
			r := d.press(T(tt.lang, SuSave))
			if r.Outcome != Done {
				t.Fatalf("save outcome = %v", r.Outcome)
			}
			owner, kind, note := FollowUpFrom(r.Session.Answers)
			if owner != 4242 || kind != tt.wantKind || note != tt.wantNote {
				t.Errorf("FollowUpFrom = %d, %q, %q; want 4242, %q, %q", owner, kind, note, tt.wantKind, tt.wantNote)
			}
		})
	}
}

// TestFollowUpEntryForgives: typing a kind's name or "lewati" works as
// the button; a note too short or too long is asked again with the
// reason; a sticker is answered with a hint; the summary can change the
// kind; cancel works from every step.
func TestFollowUpEntryForgives(t *testing.T) {
	d := followUpDriver(t, "id")
	if r := d.send(ikmbot.Event{Kind: ikmbot.EventOther}); d.step() != fuKind || len(r.Messages) != 2 {
		t.Errorf("a sticker: step %q\n%s", d.step(), render(r.Messages))
	}
	if r := d.text("kunjungan jauh"); d.step() != fuKind || r.Messages[0].Text != T("id", MsgChooseButton) {
		t.Errorf("free text at the kind: step %q\n%s", d.step(), render(r.Messages))
	}
	d.text("📞 telepon")
	if d.step() != fuNote {
		t.Fatalf("typing a label did not choose it: step %q", d.step())
	}
	for _, tt := range []struct{ in, hint string }{
		{"a", T("id", HbErrShort, 2)},
		{strings.Repeat("kopi ", 61), T("id", ErrTooLong, 300)},
	} {
		if r := d.text(tt.in); d.step() != fuNote || r.Messages[0].Text != tt.hint {
			t.Errorf("%q: step %q, hint %q; want %q", tt.in, d.step(), r.Messages[0].Text, tt.hint)
		}
	}
	d.text("LEWATI")
	if d.step() != summaryStep {
		t.Fatalf("typing Lewati: step %q", d.step())
	}
	if !strings.Contains(d.last.Messages[0].Text, "<b>Catatan</b>: (tanpa catatan)") {
		t.Errorf("summary without the skipped note:\n%s", render(d.last.Messages))
	}
	d.press(T("id", SuEditPrefix, T("id", MfFieldKind)))
	d.press("💬 Chat")
	r := d.press(T("id", SuSave))
	if _, kind, note := FollowUpFrom(r.Session.Answers); r.Outcome != Done || kind != ikmbot.FollowChat || note != "" {
		t.Errorf("after editing: %v, %q, %q", r.Outcome, kind, note)
	}

	for _, at := range []string{fuKind, fuNote, summaryStep} {
		d := followUpDriver(t, "id")
		if at != fuKind {
			d.press("🏠 Kunjungan")
		}
		if at == summaryStep {
			d.press(T("id", MfSkipNote))
		}
		if r := d.press(T("id", BtnCancel)); r.Outcome != Cancelled {
			t.Errorf("cancel at %s: %v", at, r.Outcome)
		}
	}
}

func TestFollowUpFromBrokenContext(t *testing.T) {
	if owner, _, _ := FollowUpFrom(map[string]string{AnswerMentee: "x"}); owner != 0 {
		t.Errorf("owner of a broken context = %d, want 0", owner)
	}
}

// TestFollowUpEntryGolden shows every step in both languages.
func TestFollowUpEntryGolden(t *testing.T) {
	var b strings.Builder
	for _, lang := range Languages {
		d := followUpDriver(t, lang)
		b.WriteString("=== " + lang + " kind\n" + render(d.last.Messages))
		d.press(FollowUpKindName(lang, string(ikmbot.FollowVisit)))
		b.WriteString("=== " + lang + " note\n" + render(d.last.Messages))
		d.text("Cek dapur <produksi> & label")
		b.WriteString("=== " + lang + " summary\n" + render(d.last.Messages))
	}
	golden(t, "followup.golden", b.String())
}
