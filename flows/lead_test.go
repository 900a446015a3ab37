package flows

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// TestLeadFlow records a coffee lead for Japan through every step, in
// both languages, and checks the lead the answers make.
func TestLeadFlow(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			d := newDriver(t, Lead, lang)
			kopi, _ := ikmbot.SectorByCode("KOPI")
			jp, _ := ikmbot.CountryByCode("JP")
			halal, _ := ikmbot.CertTypeByCode("HALAL")
			if strings.Contains(render(d.last.Messages), ikmbot.SectorOther) {
				t.Errorf("first step mentions the other sector")
			}
			d.text("kopi robusta green bean")
			if strings.Contains(render(d.last.Messages), T(lang, SuSectorOther)) {
				t.Errorf("sector buttons offer the other sector:\n%s", render(d.last.Messages))
			}
			d.press(kopi.Short(lang))
			d.press(jp.Flag() + " " + jp.Name(lang))
			d.text("2 ton")
			d.text("tiap bulan")
			d.press(halal.Short(lang))
			d.press(kbShowLevel(lang, string(ikmbot.LevelMenengah)))
			if r := d.text("27-11-2026"); !strings.Contains(render(r.Messages), "27") || d.step() != ldDeadline {
				t.Fatalf("today taken as a deadline: step %q", d.step())
			}
			d.text("15-12-2026")
			d.text("hubungi Bidang Ekspor, Bu Rina")
			if d.step() != summaryStep {
				t.Fatalf("step = %q, want the summary:\n%s", d.step(), render(d.last.Messages))
			}
			r := d.press(T(lang, SuSave))
			if r.Outcome != Done {
				t.Fatalf("save outcome = %v, want Done", r.Outcome)
			}
			got, err := LeadFromAnswers(r.Session.Answers, 77, testNow)
			if err != nil {
				t.Fatal(err)
			}
			want := ikmbot.Lead{Product: "kopi robusta green bean", Sector: "KOPI", Country: "JP", Quantity: "2 ton",
				Frequency: "tiap bulan", Certs: []string{"HALAL"}, MinLevel: ikmbot.LevelMenengah,
				Deadline: time.Date(2026, 12, 15, 23, 59, 0, 0, testLoc).UTC(), Contact: "hubungi Bidang Ekspor, Bu Rina",
				CreatedBy: 77, CreatedAt: testNow, Status: ikmbot.LeadOpen}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("LeadFromAnswers (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLeadFromAnswersNone: "none" and "any level" leave the lead without
// certifications or a minimum.
func TestLeadFromAnswersNone(t *testing.T) {
	a := map[string]string{ldProduct: "lada hitam", ldSector: "LADA", ldCountry: "US", ldQuantity: "1 ton",
		ldFrequency: "sekali", ldCert: ldNone, ldLevel: ldNone, ldDeadline: "2026-12-31", ldContact: "Bidang Ekspor"}
	got, err := LeadFromAnswers(a, 1, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.Certs != nil || got.MinLevel != "" {
		t.Errorf("LeadFromAnswers = certs %v, level %q; want none", got.Certs, got.MinLevel)
	}
	a[ldDeadline] = "2026-11-01"
	if _, err := LeadFromAnswers(a, 1, testNow); ikmbot.ErrorCode(err) != ikmbot.EInvalid {
		t.Errorf("LeadFromAnswers with a past deadline = %v, want EInvalid", err)
	}
}
