package flows

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

const sbTestText = "  Pelatihan ekspor <gratis> & terbuka:\n17 Desember 2026 di Aula Disperindag.  "

func sbAll4(lang string) []classStep {
	return []classStep{
		typed(sbText, sbTestText),
		pressed(sbRegion, key(SbAllRegions)),
		pressed(sbLevel, key(SbAllLevels)),
		pressed(sbSector, key(SbAllSectors)),
		pressed(sbMarket, key(SbAllMarkets)),
		pressed(sbExport, key(SbAllExports)),
		pressed(sbClass, key(SbAllClasses)),
		pressed(sbCert, key(SbAllCerts)),
	}
}

func label(s string) func(string) string { return func(string) string { return s } }

func saveBroadcast(t *testing.T, d *driver) (ikmbot.Message, ikmbot.Audience) {
	t.Helper()
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want the summary:\n%s", d.step(), render(d.last.Messages))
	}
	r := d.press(T(d.lang, SuSave))
	if r.Outcome != Done {
		t.Fatalf("save outcome = %v, want Done", r.Outcome)
	}
	return BroadcastFromAnswers(r.Session.Answers)
}

func TestBroadcastCompose(t *testing.T) {
	wantText := strings.TrimSpace(sbTestText)
	// Codes come from the data; look them up rather than guess.
	tgm, coffee := regionCode(t, "Tanggamus"), sectorCode(t, "Kopi")
	tests := []struct {
		name  string
		lang  string
		steps []classStep
		want  ikmbot.Audience
		line  string
	}{
		{"all of each", "id", sbAll4("id"), ikmbot.Audience{}, "Semua pemilik IKM"},
		{"one of each", "id", []classStep{
			typed(sbText, sbTestText),
			pressed(sbRegion, label("Tanggamus")),
			pressed(sbLevel, label("Kelas Menengah")),
			pressed(sbSector, label("Kopi")),
			pressed(sbMarket, label("🇯🇵 Jepang")),
			pressed(sbExport, key(SbExportNever)),
			pressed(sbClass, key(SbAllClasses)),
			pressed(sbCert, key(SbAllCerts)),
		}, ikmbot.Audience{Regions: []string{tgm}, Levels: []ikmbot.Level{ikmbot.LevelMenengah}, Sectors: []string{coffee},
			Markets: []string{"JP"}, Exports: []ikmbot.ExportStatus{ikmbot.ExportNever}},
			"Tanggamus · Kelas Menengah · Kopi · menargetkan 🇯🇵 Jepang · belum pernah ekspor"},
		{"typed and mixed, English", "en", []classStep{
			typed(sbText, sbTestText),
			typed(sbRegion, "all regencies/cities"),
			pressed(sbLevel, label("Advanced class")),
			typed(sbSector, "-"),
			typed(sbMarket, "us"),
			pressed(sbExport, key(SbExportDirect)),
			typed(sbClass, "all"),
			typed(sbCert, "All"),
		}, ikmbot.Audience{Levels: []ikmbot.Level{ikmbot.LevelMahir}, Markets: []string{"US"}, Exports: []ikmbot.ExportStatus{ikmbot.ExportDirect}},
			"Advanced class · targeting 🇺🇸 United States · direct export"},
		{"taking a class, lacks halal", "id", []classStep{
			typed(sbText, sbTestText),
			pressed(sbRegion, label("Tanggamus")),
			pressed(sbLevel, key(SbAllLevels)),
			pressed(sbSector, key(SbAllSectors)),
			pressed(sbMarket, key(SbAllMarkets)),
			pressed(sbExport, key(SbAllExports)),
			pressed(sbClass, key(SbClassEnrolled)),
			pressed(sbCert, label("Sertifikat halal")),
			pressed(sbCertHave, key(SbCertLacks)),
		}, ikmbot.Audience{Regions: []string{tgm}, Class: ikmbot.ClassFilterEnrolled, CertType: "HALAL", CertLacking: true},
			"Tanggamus · sedang ikut kelas · belum punya Sertifikat halal"},
		{"completed a class", "id", []classStep{
			typed(sbText, sbTestText),
			pressed(sbRegion, key(SbAllRegions)),
			pressed(sbLevel, key(SbAllLevels)),
			pressed(sbSector, key(SbAllSectors)),
			pressed(sbMarket, key(SbAllMarkets)),
			pressed(sbExport, key(SbAllExports)),
			pressed(sbClass, key(SbClassCompleted)),
			pressed(sbCert, key(SbAllCerts)),
		}, ikmbot.Audience{Class: ikmbot.ClassFilterCompleted}, "sudah menyelesaikan kelas"},
		{"no class, has BPOM MD, English", "en", []classStep{
			typed(sbText, sbTestText),
			pressed(sbRegion, key(SbAllRegions)),
			pressed(sbLevel, key(SbAllLevels)),
			pressed(sbSector, key(SbAllSectors)),
			pressed(sbMarket, key(SbAllMarkets)),
			pressed(sbExport, key(SbAllExports)),
			pressed(sbClass, key(SbClassNone)),
			pressed(sbCert, label("BPOM MD")),
			pressed(sbCertHave, key(SbCertHas)),
		}, ikmbot.Audience{Class: ikmbot.ClassFilterNone, CertType: "BPOM_MD"}, "no class yet · has BPOM MD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, BroadcastCompose, tt.lang)
			walkClass(d, tt.steps, "")
			if !strings.Contains(d.last.Messages[0].Text, Escape(wantText)) {
				t.Errorf("summary lacks the escaped text:\n%s", render(d.last.Messages))
			}
			msg, a := saveBroadcast(t, d)
			if msg.Text != Escape(wantText) || msg.Photo != nil || msg.Document != nil {
				t.Errorf("message = %+v, want the text %q escaped", msg, wantText)
			}
			if diff := cmp.Diff(tt.want, a); diff != "" {
				t.Errorf("audience mismatch (-want +got):\n%s", diff)
			}
			if got := AudienceLine(tt.lang, a); got != tt.line {
				t.Errorf("AudienceLine = %q, want %q", got, tt.line)
			}
		})
	}
}

func regionCode(t *testing.T, name string) string {
	t.Helper()
	for _, r := range ikmbot.Regions() {
		if r.Name == name {
			return r.Code
		}
	}
	t.Fatalf("no region %q", name)
	return ""
}

func sectorCode(t *testing.T, short string) string {
	t.Helper()
	for _, s := range ikmbot.Sectors() {
		if s.ShortID == short {
			return s.Code
		}
	}
	t.Fatalf("no sector %q", short)
	return ""
}

func TestBroadcastFromAnswersAll(t *testing.T) {
	// A text stored by the first version of the flow, plain.
	msg, a := BroadcastFromAnswers(map[string]string{sbText: "Halo <semua>", sbRegion: "-", sbLevel: "-", sbSector: "-", sbExport: "-"})
	if msg.Text != "Halo &lt;semua&gt;" {
		t.Errorf("text = %q", msg.Text)
	}
	if a.Regions != nil || a.Levels != nil || a.Sectors != nil || a.Exports != nil || a.Markets != nil {
		t.Errorf("audience = %+v, want every list empty", a)
	}
	if a.Class != ikmbot.ClassFilterAll || a.CertType != "" || a.NeedsClasses() || a.NeedsCerts() {
		t.Errorf("audience = %+v, want no class filter and no certificate", a)
	}
	if !a.Matches(ikmbot.User{Profile: &ikmbot.Profile{Region: "X", Sector: "Y"}}, ikmbot.OwnerFacts{}) {
		t.Error("an empty audience does not match an owner")
	}
}

func TestBroadcastTextRefused(t *testing.T) {
	for _, tt := range []struct{ in, hint string }{
		{"halo", T("id", SbErrShort, sbTextMin)},
		{"   hai \n ", T("id", SbErrShort, sbTextMin)},
		{strings.Repeat("kopi ", 701), T("id", ErrTooLong, sbTextMax)},
	} {
		d := newDriver(t, BroadcastCompose, "id")
		r := d.text(tt.in)
		if d.step() != sbText || r.Messages[0].Text != tt.hint {
			t.Errorf("%q: step %q, hint %q; want %q", tt.in, d.step(), r.Messages[0].Text, tt.hint)
		}
	}
	d := newDriver(t, BroadcastCompose, "id")
	if d.text("Halo!"); d.step() != sbRegion {
		t.Errorf("5 characters: step %q, want region", d.step())
	}
}

func TestBroadcastSummaryShortensText(t *testing.T) {
	long := strings.Repeat("a", 300)
	got := sbShowText("id", long)
	if n := len([]rune(got)); n != sbSummaryMax+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("summary text has %d runes: %q", n, got)
	}
}

func TestBroadcastProgress(t *testing.T) {
	b := ikmbot.Broadcast{Status: ikmbot.BroadcastSending, Total: 10000, Sent: 2400, Blocked: 80, Failed: 20}
	tests := []struct {
		name      string
		b         ikmbot.Broadcast
		perSecond float64
		want      []string
		notWant   []string
	}{
		{"quarter, eta", b, 25, []string{"▓▓░░░░░░░░ 25%", "Sisa: <b>7500</b>", "sekitar 5 menit lagi"}, nil},
		{"rounded up", b, 20, []string{"sekitar 7 menit lagi"}, nil}, // 375 s
		{"rate unknown", b, 0, []string{"▓▓░"}, []string{"menit"}},
		{"almost done", ikmbot.Broadcast{Status: ikmbot.BroadcastSending, Total: 100, Sent: 99}, 25, []string{"▓▓▓▓▓▓▓▓▓░ 99%", "kurang dari 1 menit"}, nil},
		{"paused", ikmbot.Broadcast{Status: ikmbot.BroadcastPaused, Total: 10, Sent: 5}, 25, []string{"dijeda", "▓▓▓▓▓░░░░░ 50%"}, []string{"menit"}},
		{"empty", ikmbot.Broadcast{Status: ikmbot.BroadcastSending}, 25, []string{"░░░░░░░░░░ 0%"}, []string{"menit"}},
		{"done", ikmbot.Broadcast{Status: ikmbot.BroadcastDone, Total: 10, Sent: 8, Blocked: 1, Failed: 1}, 25, []string{"Selesai</b>: 8 dari 10"}, []string{"▓"}},
		{"cancelled", ikmbot.Broadcast{Status: ikmbot.BroadcastCancelled, Total: 10, Sent: 3}, 25, []string{"dihentikan", "7 tidak dikirim"}, []string{"menit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BroadcastProgress("id", tt.b, tt.perSecond)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("progress lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("progress has %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestBroadcastPreviewNobody(t *testing.T) {
	got := BroadcastPreview("id", ikmbot.Audience{}, 0)
	if !strings.Contains(got, T("id", SbNobody)) || strings.Contains(got, "Akan dikirim") {
		t.Errorf("preview for nobody:\n%s", got)
	}
}

// TestBroadcastGolden records every step in both languages, previews and
// the progress message in each status.
func TestBroadcastGolden(t *testing.T) {
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + "\n")
		d := newDriver(t, BroadcastCompose, lang)
		b.WriteString("# " + d.step() + "\n" + render(d.last.Messages))
		for _, s := range sbAll4(lang) {
			s.answer(d)
			b.WriteString("# " + d.step() + "\n" + render(d.last.Messages))
		}
		a := ikmbot.Audience{Regions: []string{regionCode(t, "Tanggamus")}, Levels: []ikmbot.Level{ikmbot.LevelMenengah},
			Sectors: []string{sectorCode(t, "Kopi")}, Exports: []ikmbot.ExportStatus{ikmbot.ExportNever}}
		b.WriteString("# preview\n" + BroadcastPreview(lang, a, 128) + "\n")
		b.WriteString("# preview, nobody\n" + BroadcastPreview(lang, ikmbot.Audience{}, 0) + "\n")
		b.WriteString("# buttons\n" + strings.Join([]string{T(lang, BtnSbSend, 128), T(lang, BtnSbCancel), T(lang, BtnSbPause),
			T(lang, BtnSbResume), T(lang, BtnSbStop)}, " | ") + "\n")
		for _, st := range []ikmbot.BroadcastStatus{ikmbot.BroadcastDraft, ikmbot.BroadcastSending, ikmbot.BroadcastPaused, ikmbot.BroadcastDone,
			ikmbot.BroadcastCancelled, ikmbot.BroadcastPending, ikmbot.BroadcastRejected} {
			bc := ikmbot.Broadcast{ID: "7", Status: st, Total: 1200, Sent: 450, Blocked: 12, Failed: 3, CreatedAt: testNow}
			if st == ikmbot.BroadcastDone {
				bc.Sent = 1185
			}
			b.WriteString("# progress " + string(st) + "\n" + BroadcastProgress(lang, bc, 2) + "\n")
			b.WriteString("# list " + string(st) + "\n" + BroadcastListLabel(lang, bc, testLoc) + "\n")
		}
		scheduled := ikmbot.Broadcast{ID: "8", Status: ikmbot.BroadcastDraft, CreatedAt: testNow, SendAt: testNow.Add(72 * time.Hour)}
		b.WriteString("# list scheduled\n" + BroadcastListLabel(lang, scheduled, testLoc) + "\n")
		signed := ikmbot.Broadcast{Status: ikmbot.BroadcastDone, Total: 3, Sent: 3, CreatedByName: "Andi <Staf>"}
		b.WriteString("# report by staff\n" + BroadcastProgress(lang, signed, 0) + "\n")
		signed.ReviewedByName = "Budi"
		b.WriteString("# report, approved\n" + BroadcastProgress(lang, signed, 0) + "\n")
		signed.Status = ikmbot.BroadcastRejected
		b.WriteString("# report, rejected\n" + BroadcastProgress(lang, signed, 0) + "\n")
		for _, k := range []Key{SbNobody, SbStarted, SbCancelled, SbNotDraft} {
			b.WriteString("# " + string(k) + "\n" + T(lang, k) + "\n")
		}
	}
	golden(t, "broadcast.golden", b.String())
}

// TestBroadcastAudienceGolden records the class and certificate steps with
// a certificate chosen (the "have it?" question and the summary) and the
// audience lines they make, in both languages.
func TestBroadcastAudienceGolden(t *testing.T) {
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + "\n")
		d := newDriver(t, BroadcastCompose, lang)
		walkClass(d, sbAll4(lang), sbClass)
		for _, s := range []classStep{
			pressed(sbClass, key(SbClassCompleted)),
			pressed(sbCert, func(lang string) string { return sbCertShort(lang, "HALAL") }),
			pressed(sbCertHave, key(SbCertLacks)),
		} {
			s.answer(d)
			b.WriteString("# " + d.step() + "\n" + render(d.last.Messages))
		}
		for _, a := range []ikmbot.Audience{
			{Class: ikmbot.ClassFilterEnrolled},
			{Class: ikmbot.ClassFilterCompleted, CertType: "HALAL", CertLacking: true},
			{Regions: []string{regionCode(t, "Tanggamus")}, Class: ikmbot.ClassFilterNone, CertType: "BPOM_MD"},
			{CertType: "GONE", CertLacking: true}, // no longer in the catalog
			{Markets: []string{"JP"}},
			{Sectors: []string{sectorCode(t, "Kopi")}, Markets: []string{"JP", "US"}, CertType: "HALAL"},
			{Markets: []string{"XX"}}, // no longer in the table
		} {
			b.WriteString("# line\n" + AudienceLine(lang, a) + "\n")
		}
		// A sector chosen: its countries, then one picked.
		d = newDriver(t, BroadcastCompose, lang)
		walkClass(d, sbAll4(lang), sbSector)
		d.press(sbSectorShort(lang, sectorCode(t, "Kopi")))
		b.WriteString("# " + d.step() + ", of a sector\n" + render(d.last.Messages))
		d.press(targetCountryLabel(lang, "JP"))
		walkClass(d, sbAll4(lang)[5:], "")
		b.WriteString("# summary\n" + render(d.last.Messages))
	}
	golden(t, "broadcast_audience.golden", b.String())
}

// TestBroadcastCertHaveSkipped: the "have it?" question is asked only once
// a certificate is chosen, and its answer is dropped on saving when the
// certificate is changed back to all.
func TestBroadcastCertHaveSkipped(t *testing.T) {
	d := newDriver(t, BroadcastCompose, "id")
	walkClass(d, sbAll4("id"), sbCert)
	d.press(sbCertShort("id", "HALAL"))
	if d.step() != sbCertHave {
		t.Fatalf("after a certificate: step %q, want %q", d.step(), sbCertHave)
	}
	d.press(T("id", SbCertHas))
	if d.step() != summaryStep {
		t.Fatalf("step %q, want the summary", d.step())
	}
	if _, a := BroadcastFromAnswers(d.last.Session.Answers); a.CertType != "HALAL" || a.CertLacking {
		t.Errorf("audience = %+v, want holders of HALAL", a)
	}
	d.press(T("id", SuEditPrefix, T("id", SbFieldCert)))
	d.press(T("id", SbAllCerts))
	if d.step() != summaryStep {
		t.Fatalf("after all certificates: step %q, want the summary", d.step())
	}
	r := d.press(T("id", SuSave))
	if r.Outcome != Done {
		t.Fatalf("save outcome = %v, want Done", r.Outcome)
	}
	if _, ok := r.Session.Answers[sbCertHave]; ok {
		t.Errorf("the have-it answer was kept: %v", r.Session.Answers)
	}
	if _, a := BroadcastFromAnswers(r.Session.Answers); a.CertType != "" || a.CertLacking {
		t.Errorf("audience = %+v, want no certificate", a)
	}
}

// TestBroadcastCertChoices: the certificate step offers what owners can
// record, every one once, and per-shipment papers not at all.
func TestBroadcastCertChoices(t *testing.T) {
	var want []string
	for _, ct := range ikmbot.CertTypes() {
		if ct.Held() {
			want = append(want, ct.Code)
		}
	}
	want = append(want, sbAll)
	var got []string
	for _, c := range sbCertChoices("id", nil) {
		got = append(got, c.Value)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("choices mismatch (-want +got):\n%s", diff)
	}
	for _, code := range []string{"PHYTO", "EUDR_DDS"} {
		if slices.Contains(got, code) {
			t.Errorf("%s is offered", code)
		}
	}
}

// TestBroadcastMarketChoices: with a sector chosen, the target country
// step offers what /pasar offers its owners; otherwise every country, by
// name; always "all" last, each once, with callback data Telegram takes.
func TestBroadcastMarketChoices(t *testing.T) {
	codes := func(cs []ikmbot.Country) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ISO2)
		}
		return out
	}
	coffee := sectorCode(t, "Kopi")
	coffeeMarkets, ofSector := ikmbot.SectorMarkets(coffee)
	if !ofSector || len(coffeeMarkets) == 0 {
		t.Fatalf("coffee has no markets of its own: %v", coffeeMarkets)
	}
	var byName []string
	for _, c := range ikmbot.Countries() {
		byName = append(byName, c.ISO2)
	}
	slices.SortFunc(byName, func(a, b string) int {
		return strings.Compare(targetCountryNames("id", []string{a}), targetCountryNames("id", []string{b}))
	})
	for _, tt := range []struct {
		name    string
		answers map[string]string
		want    []string
	}{
		{"coffee", map[string]string{sbSector: coffee}, codes(coffeeMarkets)},
		{"other sector: the province's", map[string]string{sbSector: ikmbot.SectorOther}, codes(ikmbot.ProvinceDestinations())},
		{"all sectors", map[string]string{sbSector: sbAll}, byName},
		{"sector not asked", nil, byName},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range sbMarketChoices("id", tt.answers) {
				got = append(got, c.Value)
			}
			if diff := cmp.Diff(append(tt.want, sbAll), got); diff != "" {
				t.Errorf("choices (-want +got):\n%s", diff)
			}
			ask := sbAskMarket("id", tt.answers)
			if mentions := strings.Contains(ask, "Kopi") || strings.Contains(ask, T("id", SuSectorOther)); mentions != (tt.answers[sbSector] != "" && tt.answers[sbSector] != sbAll) {
				t.Errorf("ask names a sector: %v:\n%s", mentions, ask)
			}
		})
	}
	if n := len(ikmbot.Countries()); n != len(byName) || n < 30 {
		t.Errorf("%d countries offered", n)
	}
	d := newDriver(t, BroadcastCompose, "id")
	walkClass(d, sbAll4("id"), sbMarket)
	for _, row := range d.last.Messages[0].Buttons {
		if len(row) > marketColumns {
			t.Errorf("a row of %d countries", len(row))
		}
		for _, b := range row {
			if len(b.Data) > 64 {
				t.Errorf("callback data %q is %d bytes", b.Data, len(b.Data))
			}
		}
	}
}

// TestBroadcastOldSessionGetsMarketStep: a composition begun before the
// target country step (version 2), whether at its summary or half way,
// keeps every answer, is told the questions changed, asks the new step
// and goes on where it was.
func TestBroadcastOldSessionGetsMarketStep(t *testing.T) {
	tgm := regionCode(t, "Tanggamus")
	full := newDriver(t, BroadcastCompose, "id")
	walkClass(full, []classStep{
		typed(sbText, sbTestText),
		pressed(sbRegion, label("Tanggamus")),
		pressed(sbLevel, key(SbAllLevels)),
		pressed(sbSector, label("Kopi")),
		pressed(sbMarket, label("🇮🇹 Italia")),
		pressed(sbExport, key(SbExportNever)),
		pressed(sbClass, key(SbAllClasses)),
		pressed(sbCert, key(SbAllCerts)),
	}, "")
	// old is the session as version 2 saved it: no market answer.
	old := func(step string, drop ...string) ikmbot.Session {
		s := full.last.Session
		s.Version, s.Step = 2, step
		s.Answers = cloneAnswers(s.Answers)
		for _, id := range append(drop, sbMarket) {
			delete(s.Answers, id)
		}
		return s
	}
	for _, tt := range []struct {
		name    string
		session ikmbot.Session
		next    string // the step after the market
	}{
		{"at the summary", old(summaryStep), summaryStep},
		{"at the export question", old(sbExport, sbExport, sbClass, sbCert), sbExport},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := &driver{t: t, f: BroadcastCompose, lang: "id"}
			// Whatever the staff member sends first (here a stale tap of
			// the old keyboard) meets the new question.
			d.last = Result{Session: tt.session}
			r := d.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: BroadcastCompose.data(actPick, "n1", tt.session.Step, "x")})
			if r.Session.Version != BroadcastCompose.Version || d.step() != sbMarket {
				t.Fatalf("version %d at step %q, want %d at %q", r.Session.Version, d.step(), BroadcastCompose.Version, sbMarket)
			}
			if r.Messages[0].Text != T("id", MsgFlowUpdated) {
				t.Errorf("first message %q, want the note that the questions changed", r.Messages[0].Text)
			}
			for id, v := range tt.session.Answers {
				if r.Session.Answers[id] != v {
					t.Errorf("answer %s = %q, was %q", id, r.Session.Answers[id], v)
				}
			}
			d.press("🇮🇹 Italia")
			if d.step() != tt.next {
				t.Fatalf("after the country: step %q, want %q", d.step(), tt.next)
			}
			if tt.next != summaryStep {
				walkClass(d, []classStep{
					pressed(sbExport, key(SbExportNever)),
					pressed(sbClass, key(SbAllClasses)),
					pressed(sbCert, key(SbAllCerts)),
				}, "")
			}
			_, a := saveBroadcast(t, d)
			want := ikmbot.Audience{Regions: []string{tgm}, Sectors: []string{sectorCode(t, "Kopi")}, Markets: []string{"IT"},
				Exports: []ikmbot.ExportStatus{ikmbot.ExportNever}}
			if diff := cmp.Diff(want, a); diff != "" {
				t.Errorf("audience (-want +got):\n%s", diff)
			}
		})
	}

	// Coming back with /siaran resumes at the new question too.
	r := BroadcastCompose.Resume(testChat, "id", old(summaryStep), testNow)
	if r.Session.Step != sbMarket || !strings.Contains(r.Messages[0].Text, T("id", MsgFlowUpdated)) {
		t.Errorf("resumed at %q:\n%s", r.Session.Step, render(r.Messages))
	}
}
