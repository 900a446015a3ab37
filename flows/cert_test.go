package flows

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// testCertCodes are the certifications a packed-coffee owner is offered.
var testCertCodes = []string{"NIB", "SPP_IRT", "HALAL", "BPOM_MD", "SNI_SPPT", "FDA_FFR"}

// certDriver opens CertEntry the way the handler does: the offered codes,
// and the one the owner picked ("" for none).
func certDriver(t *testing.T, lang, known string) *driver {
	t.Helper()
	d := &driver{t: t, f: CertEntry, lang: lang}
	d.last = CertEntry.Start(testChat, lang, "n1", CertEntryContext(testCertCodes, known), testNow)
	return d
}

func mustCert(code string) ikmbot.CertType {
	t, ok := ikmbot.CertTypeByCode(code)
	if !ok {
		panic("no certification " + code)
	}
	return t
}

func certLabel(code string) func(string) string {
	return func(lang string) string { return mustCert(code).Short(lang) }
}

// heldBPOM records a BPOM MD with every answer, the expiry from the
// catalog's default.
var heldBPOM = []classStep{
	pressed(sfType, certLabel("BPOM_MD")),
	pressed(sfStatus, key(SfHeld)),
	typed(sfNumber, "  MD 224510001234 "),
	typed(sfIssued, "17 Agustus 2025"),
	pressed(sfExpires, key(SfUseDefault, "17-08-2030")),
}

// applyingHalal records a halal certificate being applied for.
var applyingHalal = []classStep{
	pressed(sfType, certLabel("HALAL")),
	pressed(sfStatus, key(SfApplying)),
	typed(sfSince, "Maret 2026"),
}

func saveCert(t *testing.T, d *driver) ikmbot.Certificate {
	t.Helper()
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want the summary:\n%s", d.step(), render(d.last.Messages))
	}
	r := d.press(T(d.lang, SuSave))
	if r.Outcome != Done {
		t.Fatalf("save outcome = %v, want Done", r.Outcome)
	}
	c, err := CertificateFromAnswers(r.Session.Answers, testNow)
	if err != nil {
		t.Fatalf("CertificateFromAnswers: %v", err)
	}
	return c
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestCertEntryHeld(t *testing.T) {
	d := certDriver(t, "id", "")
	walkClass(d, heldBPOM, "")
	summary := d.last.Messages[0].Text
	for _, want := range []string{
		"<b>Sertifikat</b>: Izin Edar BPOM MD",
		"<b>Status</b>: Sudah punya",
		"<b>Nomor</b>: MD 224510001234",
		"<b>Tanggal terbit</b>: 17 Agustus 2025",
		"<b>Berlaku sampai</b>: 17 Agustus 2030 (perkiraan)",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	got := saveCert(t, d)
	want := ikmbot.Certificate{Type: "BPOM_MD", Status: ikmbot.CertHeld, Number: "MD 224510001234",
		Issued: day(2025, 8, 17), Expires: day(2030, 8, 17), ExpiryGuessed: true, UpdatedAt: testNow}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("certificate mismatch (-want +got):\n%s", diff)
	}
}

func TestCertEntryTypedExpiry(t *testing.T) {
	d := certDriver(t, "id", "")
	walkClass(d, heldBPOM[:4], "")
	walkClass(d, []classStep{typed(sfExpires, "16/8/2030")}, "")
	got := saveCert(t, d)
	if !got.Expires.Equal(day(2030, 8, 16)) || got.ExpiryGuessed {
		t.Errorf("expires %v guessed %v, want 16 August 2030 as typed", got.Expires, got.ExpiryGuessed)
	}
}

func TestCertEntryApplying(t *testing.T) {
	tests := []struct {
		name  string
		since classStep
		want  time.Time
	}{
		{"month typed", typed(sfSince, "Maret 2026"), day(2026, 3, 1)},
		{"date typed", typed(sfSince, "3/3/2026"), day(2026, 3, 3)},
		{"this month", pressed(sfSince, key(SfThisMonth)), day(2026, 11, 1)},
		{"not remembered", pressed(sfSince, key(SfDontRemember)), day(2026, 11, 27)},
		{"not remembered typed", typed(sfSince, "lupa"), day(2026, 11, 27)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := certDriver(t, "id", "")
			walkClass(d, []classStep{applyingHalal[0], applyingHalal[1], tt.since}, "")
			got := saveCert(t, d)
			want := ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertApplying, Since: tt.want, UpdatedAt: testNow}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("certificate mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCertEntryExpiryQuestion checks which expiry question and buttons
// each kind of certification gets.
func TestCertEntryExpiryQuestion(t *testing.T) {
	tests := []struct {
		code    string
		issued  string
		ask     Key    // "" when the expiry is not asked
		buttons string // labels, "|" between them
	}{
		{"SPP_IRT", "17-08-2025", SfAskExpires, "Pakai 17-08-2030 (perkiraan)|Tidak tahu"},
		{"SPP_IRT", "tidak tahu", SfAskExpires, "Tidak tahu"},
		{"BPOM_MD", "17-08-2025", SfAskExpiresCheck, "Pakai 17-08-2030 (perkiraan)|Tidak ada masa berlaku|Tidak tahu"},
		{"SNI_SPPT", "1-2-2024", SfAskExpiresCheck, "Pakai 01-02-2028 (perkiraan)|Tidak ada masa berlaku|Tidak tahu"},
		{"HALAL", "1-2-2024", SfAskExpiresMaybe, "Tidak ada masa berlaku"},
		{"FDA_FFR", "5-11-2026", SfAskExpires, "Pakai 31-12-2028 (perkiraan)|Tidak tahu"},
		{"NIB", "1-2-2024", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.issued, func(t *testing.T) {
			d := certDriver(t, "id", tt.code)
			walkClass(d, []classStep{pressed(sfStatus, key(SfHeld)), typed(sfNumber, "-"), typed(sfIssued, tt.issued)}, "")
			if tt.ask == "" {
				if d.step() != summaryStep {
					t.Fatalf("step = %q, want the summary (no expiry to ask)", d.step())
				}
				return
			}
			if d.step() != sfExpires {
				t.Fatalf("step = %q, want expires", d.step())
			}
			ct := mustCert(tt.code)
			want := T("id", tt.ask, Escape(ct.Short("id")))
			if tt.ask == SfAskExpires {
				want = T("id", tt.ask, Escape(ct.Short("id")), ct.ValidityYears)
			}
			if text := d.last.Messages[0].Text; !strings.HasSuffix(text, "\n\n"+want) {
				t.Errorf("question %q, want %q", text, want)
			}
			var labels []string
			for _, row := range d.last.Messages[0].Buttons[:len(d.last.Messages[0].Buttons)-1] {
				for _, b := range row {
					labels = append(labels, b.Text)
				}
			}
			if got := strings.Join(labels, "|"); got != tt.buttons {
				t.Errorf("buttons %q, want %q", got, tt.buttons)
			}
		})
	}
}

func TestCertEntryRefuses(t *testing.T) {
	held := heldBPOM[:2]
	tests := []struct {
		name  string
		steps []classStep // answered after the type
		at    string
		input string
		hint  string // Indonesian
	}{
		{"number too short", held, sfNumber, "12", T("id", SfErrNumber, 3, 60)},
		{"number without digits", held, sfNumber, "tidak tau nomornya", T("id", SfErrNumber, 3, 60)},
		{"number with other signs", held, sfNumber, "MD#2245", T("id", SfErrNumber, 3, 60)},
		{"number too long", held, sfNumber, strings.Repeat("1", 61), T("id", SfErrNumber, 3, 60)},
		{"issued unreadable", heldBPOM[:3], sfIssued, "tahun lalu", T("id", DateFormat)},
		{"issued tomorrow", heldBPOM[:3], sfIssued, "28-11-2026", T("id", SfErrFuture, "27-11-2026")},
		{"issued too old", heldBPOM[:3], sfIssued, "31-12-1989", T("id", SfErrTooOld, 1990)},
		{"expiry before issued", heldBPOM[:4], sfExpires, "17-08-2025", T("id", SfErrExpiryBeforeIssued, "17-08-2025")},
		{"expiry typo", heldBPOM[:4], sfExpires, "17-08-2130", T("id", SfErrExpiryFar)},
		{"expiry impossible", heldBPOM[:4], sfExpires, "31-02-2030", T("id", DateNotExist, "31-02-2030")},
		{"status typed", heldBPOM[:1], sfStatus, "mungkin", T("id", MsgChooseButton)},
		{"since future", applyingHalal[:2], sfSince, "Desember 2026", T("id", SfErrFuture, "27-11-2026")},
		{"since unreadable", applyingHalal[:2], sfSince, "lama sekali", T("id", DateFormat)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := certDriver(t, "id", "")
			walkClass(d, tt.steps, "")
			if d.step() != tt.at {
				t.Fatalf("at %q, want %q", d.step(), tt.at)
			}
			before := d.last.Session
			r := d.text(tt.input)
			if r.Outcome != Continue || r.Session.Step != tt.at {
				t.Fatalf("outcome %v at %q, want Continue at %q", r.Outcome, r.Session.Step, tt.at)
			}
			if len(r.Messages) != 2 {
				t.Fatalf("want the hint and the question again, got:\n%s", render(r.Messages))
			}
			if got := r.Messages[0].Text; got != tt.hint {
				t.Errorf("hint = %q, want %q", got, tt.hint)
			}
			if diff := cmp.Diff(before.Answers, r.Session.Answers); diff != "" {
				t.Errorf("answers changed (-before +after):\n%s", diff)
			}
		})
	}
}

func TestCertEntryNumber(t *testing.T) {
	for in, want := range map[string]string{
		"MD 224510001234":              "MD 224510001234",
		" P-IRT  No. 2061871010123-27": "P-IRT No. 2061871010123-27",
		"ID12110000123450123":          "ID12110000123450123",
		"447/SPPT/2024":                "447/SPPT/2024",
		"Tidak tahu":                   sfNone,
		"lewati":                       sfNone,
		"-":                            sfNone,
	} {
		if got, p := sfParseNumber(in); p != nil || got != want {
			t.Errorf("sfParseNumber(%q) = %q, %v; want %q", in, got, p, want)
		}
	}
}

// TestCertEntryKnownType opens the flow from a certification the owner
// picked: the type is not asked, is on the summary, and stays fixed.
func TestCertEntryKnownType(t *testing.T) {
	d := certDriver(t, "id", "SPP_IRT")
	if d.step() != sfStatus {
		t.Fatalf("first step = %q, want status", d.step())
	}
	if !strings.Contains(d.last.Messages[0].Text, "<b>SPP-IRT (PIRT)</b>") {
		t.Errorf("question does not name the certificate:\n%s", render(d.last.Messages))
	}
	walkClass(d, []classStep{pressed(sfStatus, key(SfHeld)), typed(sfNumber, "2061871010123-27"),
		typed(sfIssued, "1-2-2024"), pressed(sfExpires, key(SfUseDefault, "01-02-2029"))}, "")
	if !strings.Contains(d.last.Messages[0].Text, "<b>Sertifikat</b>: Sertifikat Pemenuhan Komitmen") {
		t.Errorf("summary does not show the certificate:\n%s", render(d.last.Messages))
	}
	d.press(T("id", SuEditPrefix, T("id", SfFieldType)))
	if d.step() != sfType {
		t.Fatalf("edit type: step = %q", d.step())
	}
	if got := render(d.last.Messages); !strings.Contains(got, "tidak bisa diganti") || strings.Contains(got, "[BPOM MD]") {
		t.Errorf("the fixed type offers others:\n%s", got)
	}
	d.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "sf:p:n1:type:BPOM_MD"}) // forged
	if d.step() != sfType || d.last.Messages[0].Text != T("id", MsgStaleButton) {
		t.Errorf("forged type taken: step %q\n%s", d.step(), render(d.last.Messages))
	}
	d.press(T("id", BtnBack))
	if got := saveCert(t, d); got.Type != "SPP_IRT" || !got.Expires.Equal(day(2029, 2, 1)) {
		t.Errorf("saved %+v, want SPP_IRT until 1 February 2029", got)
	}
}

// TestCertEntryEditIssuedMovesGuess checks that a usual expiry follows an
// issue date changed on the summary, and that a typed expiry bounds it.
func TestCertEntryEditIssuedMovesGuess(t *testing.T) {
	d := certDriver(t, "id", "")
	walkClass(d, heldBPOM, "")
	d.press(T("id", SuEditPrefix, T("id", SfFieldIssued)))
	d.text("1-9-2025")
	if got := saveCert(t, d); !got.Expires.Equal(day(2030, 9, 1)) || !got.ExpiryGuessed {
		t.Errorf("expires %v guessed %v, want the usual 1 September 2030", got.Expires, got.ExpiryGuessed)
	}

	d = certDriver(t, "id", "")
	walkClass(d, append(append([]classStep(nil), heldBPOM[:4]...), typed(sfExpires, "1-1-2026")), "")
	d.press(T("id", SuEditPrefix, T("id", SfFieldIssued)))
	r := d.text("2-1-2026")
	if got, want := r.Messages[0].Text, T("id", SfErrIssuedAfterExpiry, "01-01-2026"); got != want {
		t.Errorf("issued after the typed expiry: hint %q, want %q", got, want)
	}
}

// TestCertEntryStatusChange turns a held certificate into one being
// applied for on the summary: the since question comes, the held answers
// go.
func TestCertEntryStatusChange(t *testing.T) {
	d := certDriver(t, "id", "")
	walkClass(d, heldBPOM, "")
	d.press(T("id", SuEditPrefix, T("id", SfFieldStatus)))
	d.press(T("id", SfApplying))
	if d.step() != sfSince {
		t.Fatalf("after the change: step = %q, want since", d.step())
	}
	d.press(T("id", SfThisMonth))
	if strings.Contains(d.last.Messages[0].Text, "Nomor") {
		t.Errorf("summary still shows the number:\n%s", render(d.last.Messages))
	}
	want := ikmbot.Certificate{Type: "BPOM_MD", Status: ikmbot.CertApplying, Since: day(2026, 11, 1), UpdatedAt: testNow}
	if diff := cmp.Diff(want, saveCert(t, d)); diff != "" {
		t.Errorf("certificate mismatch (-want +got):\n%s", diff)
	}
}

func TestCertAnswersRoundTrip(t *testing.T) {
	certs := []ikmbot.Certificate{
		{Type: "BPOM_MD", Status: ikmbot.CertHeld, Number: "MD 224510001234", Issued: day(2025, 8, 17), Expires: day(2030, 8, 17), ExpiryGuessed: true},
		{Type: "BPOM_MD", Status: ikmbot.CertHeld, Issued: day(2025, 8, 17), Expires: day(2030, 8, 16)},
		{Type: "BPOM_MD", Status: ikmbot.CertHeld},
		{Type: "HALAL", Status: ikmbot.CertHeld, Number: "ID121100001234"},
		{Type: "SNI_SPPT", Status: ikmbot.CertHeld, Expires: day(2027, 1, 31)},
		{Type: "NIB", Status: ikmbot.CertHeld, Number: "1234567890123", Issued: day(2021, 5, 3)},
		{Type: "HALAL", Status: ikmbot.CertApplying, Since: day(2026, 3, 1)},
	}
	for _, c := range certs {
		c.UpdatedAt = testNow
		a := CertAnswers(c)
		got, err := CertificateFromAnswers(a, testNow)
		if err != nil {
			t.Errorf("%+v: %v", c, err)
			continue
		}
		if diff := cmp.Diff(c, got); diff != "" {
			t.Errorf("round trip of %v (-want +got):\n%s", a, diff)
		}
		// Opened on its summary, it saves unchanged.
		ctx := CertEntryContext(testCertCodes, c.Type)
		for k, v := range a {
			ctx[k] = v
		}
		d := &driver{t: t, f: CertEntry, lang: "id"}
		d.last = CertEntry.StartAtSummary(testChat, "id", "n1", ctx, testNow)
		if diff := cmp.Diff(c, saveCert(t, d)); diff != "" {
			t.Errorf("saved from the summary (-want +got):\n%s", diff)
		}
	}
}

func TestCertificateFromAnswersInvalid(t *testing.T) {
	for _, a := range []map[string]string{
		{},
		{sfType: "NOPE", sfStatus: sfHeld},
		{sfType: "HALAL"},
		{sfType: "HALAL", sfStatus: "maybe"},
		{sfType: "BPOM_MD", sfStatus: sfHeld, sfIssued: "17-08-2025"},
		{sfType: "BPOM_MD", sfStatus: sfHeld, sfIssued: "2025-08-17", sfExpires: "2025-08-17"},
		{sfType: "BPOM_MD", sfStatus: sfHeld, sfExpires: "d:soon"},
		{sfType: "HALAL", sfStatus: sfApplying, sfSince: "Maret"},
	} {
		if _, err := CertificateFromAnswers(a, testNow); ikmbot.ErrorCode(err) != ikmbot.EInvalid {
			t.Errorf("CertificateFromAnswers(%v) = %v, want EInvalid", a, err)
		}
	}
}

// TestCertEntryToday checks "today" in WIB: at 23.30 WIB on 27 November
// (16.30 UTC) the 27th is not in the future, the 28th is.
func TestCertEntryToday(t *testing.T) {
	late := time.Date(2026, 11, 27, 16, 30, 0, 0, time.UTC)
	a := map[string]string{sfType: "BPOM_MD", sfStatus: sfHeld}
	if v, p := sfParseIssued("27-11-2026", a, late); p != nil || v != "2026-11-27" {
		t.Errorf("today: %q %v", v, p)
	}
	if _, p := sfParseIssued("28-11-2026", a, late); p == nil || p.Key != SfErrFuture {
		t.Errorf("tomorrow: %v, want SfErrFuture", p)
	}
	// Early in the morning in WIB it is already the next day.
	early := time.Date(2026, 11, 27, 18, 0, 0, 0, time.UTC) // 28 November 01.00 WIB
	if v, p := sfParseIssued("28-11-2026", a, early); p != nil || v != "2026-11-28" {
		t.Errorf("28th at 01.00 WIB: %q %v", v, p)
	}
	c, err := CertificateFromAnswers(map[string]string{sfType: "HALAL", sfStatus: sfApplying, sfSince: sfNone}, early)
	if err != nil || !c.Since.Equal(day(2026, 11, 28)) {
		t.Errorf("since not remembered at 01.00 WIB: %v %v, want 28 November", c.Since, err)
	}
}

func TestCertEntryGuessButtonData(t *testing.T) {
	d := certDriver(t, "id", "")
	walkClass(d, heldBPOM[:4], "")
	data := d.button(T("id", SfUseDefault, "17-08-2030"))
	if data != "sf:p:n1:expires:d:2030-08-17" || len(data) > 64 {
		t.Errorf("default button data = %q", data)
	}
}

// TestCertGolden renders every question of CertEntry, HelpAsk and
// HelpReply, and their summaries.
func TestCertGolden(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			var b strings.Builder
			section := func(name string, d *driver) { b.WriteString("=== " + name + "\n" + render(d.last.Messages)) }
			steps := func(prefix string, d *driver, ss []classStep) {
				for _, s := range ss {
					section(prefix+s.step, d)
					s.answer(d)
				}
				section(prefix+d.step(), d)
			}

			d := certDriver(t, lang, "")
			steps("sf held: ", d, heldBPOM)
			d = certDriver(t, lang, "")
			steps("sf applying: ", d, []classStep{pressed(sfType, certLabel("HALAL")), pressed(sfStatus, key(SfApplying)),
				pressed(sfSince, key(SfThisMonth))})
			for _, code := range []string{"SNI_SPPT", "HALAL"} {
				d = certDriver(t, lang, code)
				walkClass(d, []classStep{pressed(sfStatus, key(SfHeld)), pressed(sfNumber, key(SfNoNumber)), pressed(sfIssued, key(SfDontKnow))}, "")
				section("sf expires "+code+" issued unknown", d)
			}
			d = certDriver(t, lang, "NIB")
			steps("sf known NIB: ", d, []classStep{pressed(sfStatus, key(SfHeld)), typed(sfNumber, "1234567890123"), typed(sfIssued, "3 Mei 2021")})
			d.press(T(lang, SuEditPrefix, T(lang, SfFieldType)))
			section("sf known NIB: edit type", d)

			d = helpDriver(t, lang, "")
			steps("hb general: ", d, []classStep{pressed(hbAbout, key(HbGeneral)), typed(hbText, "Bagaimana cara mulai ekspor kopi ke Jepang?")})
			d = helpDriver(t, lang, "BPOM_MD")
			steps("hb about BPOM_MD: ", d, []classStep{typed(hbText, "Berkas saya ditolak <e-reg> & saya bingung.")})

			d = &driver{t: t, f: HelpReply, lang: lang}
			d.last = HelpReply.Start(testChat, lang, "n1", map[string]string{AnswerHelp: "12"}, testNow)
			section("hr: text", d)
			golden(t, "cert_"+lang+".golden", b.String())
		})
	}
}
