package flows

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// helpDriver opens HelpAsk the way the handler does: the offered codes,
// and the certification the owner asks from ("" for none).
func helpDriver(t *testing.T, lang, about string) *driver {
	t.Helper()
	d := &driver{t: t, f: HelpAsk, lang: lang}
	d.last = HelpAsk.Start(testChat, lang, "n1", HelpAskContext(testCertCodes, about), testNow)
	return d
}

func saveHelp(t *testing.T, d *driver) (string, string) {
	t.Helper()
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want the summary:\n%s", d.step(), render(d.last.Messages))
	}
	r := d.press(T(d.lang, SuSave))
	if r.Outcome != Done {
		t.Fatalf("save outcome = %v, want Done", r.Outcome)
	}
	return HelpFromAnswers(r.Session.Answers)
}

func TestHelpAsk(t *testing.T) {
	tests := []struct {
		name      string
		about     string // context
		steps     []classStep
		wantType  string
		wantText  string
		inSummary string
	}{
		{"general", "", []classStep{pressed(hbAbout, key(HbGeneral)), typed(hbText, "  Cara cari pembeli di Jepang?\nTerima kasih. ")},
			"", "Cara cari pembeli di Jepang?\nTerima kasih.", "<b>Tentang</b>: Lainnya / umum"},
		{"a certification", "", []classStep{pressed(hbAbout, certLabel("HALAL")), typed(hbText, "Pendamping PPH belum datang.")},
			"HALAL", "Pendamping PPH belum datang.", "<b>Tentang</b>: Sertifikat Halal"},
		{"from a certification", "BPOM_MD", []classStep{typed(hbText, "Berkas saya ditolak, kenapa?")},
			"BPOM_MD", "Berkas saya ditolak, kenapa?", "<b>Tentang</b>: Izin Edar BPOM MD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := helpDriver(t, "id", tt.about)
			walkClass(d, tt.steps, "")
			if !strings.Contains(d.last.Messages[0].Text, tt.inSummary) {
				t.Errorf("summary lacks %q:\n%s", tt.inSummary, render(d.last.Messages))
			}
			gotType, gotText := saveHelp(t, d)
			if gotType != tt.wantType || gotText != tt.wantText {
				t.Errorf("HelpFromAnswers = %q, %q; want %q, %q", gotType, gotText, tt.wantType, tt.wantText)
			}
		})
	}
}

// TestHelpAskChangeTopic changes the topic the owner came with to a
// general one on the summary.
func TestHelpAskChangeTopic(t *testing.T) {
	d := helpDriver(t, "id", "BPOM_MD")
	if d.step() != hbText {
		t.Fatalf("first step = %q, want text", d.step())
	}
	if !strings.Contains(d.last.Messages[0].Text, "<b>Izin Edar BPOM MD") {
		t.Errorf("question does not name the topic:\n%s", render(d.last.Messages))
	}
	d.text("Berapa lama prosesnya?")
	d.press(T("id", SuEditPrefix, T("id", HbFieldAbout)))
	d.press(T("id", HbGeneral))
	if gotType, _ := saveHelp(t, d); gotType != "" {
		t.Errorf("type = %q, want general", gotType)
	}
}

func TestHelpAskRefuses(t *testing.T) {
	for _, tt := range []struct{ in, hint string }{
		{"tolong", T("id", HbErrShort, 10)},
		{"   bantu    ", T("id", HbErrShort, 10)},
		{strings.Repeat("kopi ", 101), T("id", ErrTooLong, 500)},
	} {
		d := helpDriver(t, "id", "HALAL")
		r := d.text(tt.in)
		if d.step() != hbText || r.Messages[0].Text != tt.hint {
			t.Errorf("%q: step %q, hint %q; want %q", tt.in, d.step(), r.Messages[0].Text, tt.hint)
		}
	}
}

func TestHelpAskChoices(t *testing.T) {
	d := helpDriver(t, "en", "")
	var labels []string
	for _, row := range d.last.Messages[0].Buttons {
		for _, b := range row {
			labels = append(labels, b.Text)
		}
	}
	want := []string{"NIB (business ID)", "SPP-IRT (PIRT)", "Halal certificate", "BPOM MD", "SNI mark", "US FDA registration", "Other / general", "✖ Cancel"}
	if diff := cmp.Diff(want, labels); diff != "" {
		t.Errorf("buttons (-want +got):\n%s", diff)
	}
}

func TestHelpReply(t *testing.T) {
	d := &driver{t: t, f: HelpReply, lang: "id"}
	d.last = HelpReply.Start(testChat, "id", "n1", map[string]string{AnswerHelp: "12"}, testNow)
	if r := d.text("x"); r.Outcome != Continue || r.Messages[0].Text != T("id", HbErrShort, 2) {
		t.Fatalf("one letter: %v\n%s", r.Outcome, render(r.Messages))
	}
	if r := d.text(strings.Repeat("a", 1001)); r.Outcome != Continue || r.Messages[0].Text != T("id", ErrTooLong, 1000) {
		t.Fatalf("too long: %v\n%s", r.Outcome, render(r.Messages))
	}
	r := d.text(" Ok, berkas sudah kami cek.\nSilakan datang Senin. ")
	if r.Outcome != Done {
		t.Fatalf("outcome = %v, want Done (no summary)", r.Outcome)
	}
	id, text := HelpReplyFrom(r.Session.Answers)
	if id != "12" || text != "Ok, berkas sudah kami cek.\nSilakan datang Senin." {
		t.Errorf("HelpReplyFrom = %q, %q", id, text)
	}
}

func TestHelpCancel(t *testing.T) {
	for _, f := range []*Flow{HelpAsk, HelpReply, CertEntry} {
		d := &driver{t: t, f: f, lang: "id"}
		d.last = f.Start(testChat, "id", "n1", map[string]string{AnswerCertTypes: "HALAL", AnswerHelp: "3"}, testNow)
		if r := d.press(T("id", BtnCancel)); r.Outcome != Cancelled {
			t.Errorf("%s: cancel outcome %v", f.Name, r.Outcome)
		}
	}
}
