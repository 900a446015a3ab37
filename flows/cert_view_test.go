package flows

import (
	"strings"
	"testing"
	"time"

	"ikmbot"
)

// TestCertViewsGolden shows how certifications and help requests read, in
// both languages: the /sertifikat page, expiry reminders, the monthly
// question and a help request for staff and for its owner.
func TestCertViewsGolden(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	var types []ikmbot.CertType
	for _, code := range testCertCodes {
		types = append(types, mustCert(code))
	}
	certs := []ikmbot.Certificate{
		{Type: "NIB", Status: ikmbot.CertHeld, Number: "1234567890123", Issued: day(2021, 5, 3)},
		{Type: "SPP_IRT", Status: ikmbot.CertHeld, Number: "P-IRT 2061871010123-27", Issued: day(2021, 12, 22), Expires: day(2026, 12, 22), ExpiryGuessed: true},
		{Type: "HALAL", Status: ikmbot.CertApplying, Since: day(2026, 3, 1)},
		{Type: "SNI_SPPT", Status: ikmbot.CertHeld, Expires: day(2026, 11, 26)},
		{Type: "FDA_FFR", Status: ikmbot.CertHeld, Number: "<1234>"},
		{Type: "MEREK", Status: ikmbot.CertHeld, Number: "IDM000123456", Expires: day(2034, 5, 1)},
		{Type: "ORGANIK_SNI", Status: ikmbot.CertApplying},
		{Type: "OLD_CERT", Status: ikmbot.CertHeld, Number: "X-1"},
		{Type: "SKP", Status: ikmbot.CertNoneKnown},
	}
	today := []ikmbot.Certificate{
		{Type: "BPOM_MD", Status: ikmbot.CertHeld, Expires: day(2026, 11, 27)},
		{Type: "SPP_IRT", Status: ikmbot.CertHeld, Expires: day(2026, 11, 28)},
		{Type: "SNI_SPPT", Status: ikmbot.CertHeld, Expires: day(2027, 5, 26)}, // 180 days: the renewal lead
		{Type: "FDA_FFR", Status: ikmbot.CertHeld, Expires: day(2027, 2, 27)},  // 92 days: one more than the lead
	}
	req := ikmbot.HelpRequest{ID: "12", OwnerID: 4242, Region: "TGM", CertType: "BPOM_MD", Text: "Berkas saya ditolak <e-reg>.\nApa yang kurang?",
		Status: ikmbot.HelpTaken, TakenBy: 7, CreatedAt: testNow, History: []ikmbot.HelpStep{
			{At: testNow, By: 4242, Kind: ikmbot.HelpStepOpened, Text: "Berkas saya ditolak <e-reg>."},
			{At: testNow.Add(time.Hour), By: 7, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepTaken},
			{At: testNow.Add(2 * time.Hour), By: 7, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepReply, Text: "Foto label & komposisi belum ada."},
			{At: testNow.Add(26 * time.Hour), By: 4242, Kind: ikmbot.HelpStepNote, Text: "Sudah saya kirim."},
			{At: testNow.Add(27 * time.Hour), By: 7, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepReply, Text: "Terima kasih, sudah lengkap."},
		}}
	general := ikmbot.HelpRequest{ID: "13", Text: "Cara cari pembeli di Jepang?", Status: ikmbot.HelpOpen, CreatedAt: testNow}
	closed := general
	closed.Status = ikmbot.HelpClosed
	closed.History = []ikmbot.HelpStep{{At: testNow, Kind: ikmbot.HelpStepClosed, Text: "Sudah dijawab lewat telepon."}}

	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " list\n" + CertList(lang, types, certs, testNow) + "\n")
		b.WriteString("=== " + lang + " list, due today and tomorrow\n" + CertList(lang, nil, today, testNow) + "\n")
		b.WriteString("=== " + lang + " list, nothing\n" + CertList(lang, nil, nil, testNow) + "\n")
		spp := certs[1]
		for _, left := range []int{90, 30, 7, 1, 0, -1} {
			b.WriteString("=== " + lang + " reminder " + time.Duration(left*24*int(time.Hour)).String() + "\n" +
				CertReminderText(lang, mustCert("SPP_IRT"), spp, left) + "\n")
		}
		b.WriteString("=== " + lang + " reminder, no number, read off the certificate\n" +
			CertReminderText(lang, mustCert("SNI_SPPT"), certs[3], 30) + "\n")
		b.WriteString("=== " + lang + " process\n" + CertProcessQuestion(lang, mustCert("HALAL"), certs[2]) + "\n")
		b.WriteString("=== " + lang + " process, since unknown\n" + CertProcessQuestion(lang, mustCert("ORGANIK_SNI"), certs[6]) + "\n")
		b.WriteString("=== " + lang + " help for staff\n" + HelpRequestView(lang, req, "Siti <Rahayu>", "Kopi Tanggamus & Co", "Tanggamus", wib) + "\n")
		b.WriteString("=== " + lang + " help for staff, general\n" + HelpRequestView(lang, general, "Budi", "Lada Emas", "", wib) + "\n")
		b.WriteString("=== " + lang + " help for staff, closed\n" + HelpRequestView(lang, closed, "Budi", "Lada Emas", "Metro", wib) + "\n")
		b.WriteString("=== " + lang + " help for the owner\n" + HelpOwnerStatus(lang, req) + "\n")
		b.WriteString("=== " + lang + " help for the owner, open\n" + HelpOwnerStatus(lang, general) + "\n")
		b.WriteString("=== " + lang + " help for the owner, closed\n" + HelpOwnerStatus(lang, closed) + "\n")
	}
	golden(t, "cert_view.golden", b.String())
}

func TestCtDaysLeft(t *testing.T) {
	c := ikmbot.Certificate{Expires: day(2026, 12, 22)}
	for _, tt := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC), 25},
		{time.Date(2026, 12, 21, 16, 59, 0, 0, time.UTC), 1},   // 21 December 23.59 WIB
		{time.Date(2026, 12, 21, 17, 0, 0, 0, time.UTC), 0},    // 22 December 00.00 WIB
		{time.Date(2026, 12, 22, 16, 59, 0, 0, time.UTC), 0},   // the last valid day
		{time.Date(2026, 12, 22, 17, 0, 0, 0, time.UTC), -1},   // 23 December in WIB
		{time.Date(2027, 12, 22, 17, 0, 0, 0, time.UTC), -366}, // a year and a day on
	} {
		if got := ctDaysLeft(c, tt.now); got != tt.want {
			t.Errorf("ctDaysLeft at %v = %d, want %d", tt.now, got, tt.want)
		}
	}
}

func TestCtFirstSentence(t *testing.T) {
	for in, want := range map[string]string{
		"Daftar gratis di oss.go.id. Butuh bantuan? Datang ke help desk.": "Daftar gratis di oss.go.id.",
		"Ajukan ke LSPro.\nTanya Disperindag.":                            "Ajukan ke LSPro.",
		"Satu kalimat saja, tanpa titik":                                  "Satu kalimat saja, tanpa titik",
		"Lihat pom.go.id. lalu daftar.":                                   "Lihat pom.go.id. lalu daftar.",
		"":                                                                "",
	} {
		if got := ctFirstSentence(in); got != want {
			t.Errorf("ctFirstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}
