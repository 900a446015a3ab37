package flows

import (
	"slices"
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
			if r := d.text("27-11-2026"); !strings.Contains(render(r.Messages), "28-11-2026") || d.step() != ldDeadline {
				t.Fatalf("today taken as a deadline: step %q:\n%s", d.step(), render(r.Messages))
			}
			if r := d.text("15-12-2027"); !strings.Contains(render(r.Messages), "27-11-2027") || d.step() != ldDeadline {
				t.Fatalf("a deadline over a year ahead taken: step %q:\n%s", d.step(), render(r.Messages))
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

// TestLeadSectorChangeAsksAgain: changing the sector from the summary
// drops the country and certification chosen for the old sector, which
// the new one may not offer, and asks them again before the summary.
func TestLeadSectorChangeAsksAgain(t *testing.T) {
	d := newDriver(t, Lead, "id")
	kopi, _ := ikmbot.SectorByCode("KOPI")
	jp, _ := ikmbot.CountryByCode("JP")
	halal, _ := ikmbot.CertTypeByCode("HALAL")
	d.text("kopi robusta")
	d.press(kopi.Short("id"))
	d.press(jp.Flag() + " " + jp.Name("id"))
	d.text("2 ton")
	d.text("tiap bulan")
	d.press(halal.Short("id"))
	d.press(T("id", LdAnyLevel))
	d.text("15-12-2026")
	d.text("Bidang Ekspor")
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want the summary", d.step())
	}
	d.press("✏️ " + T("id", LdFieldSector))
	var other ikmbot.Sector
	for _, s := range ikmbot.Sectors() {
		if markets, _ := ikmbot.SectorMarkets(s.Code); s.Code != "KOPI" && s.Code != ikmbot.SectorOther &&
			!slices.ContainsFunc(markets, func(c ikmbot.Country) bool { return c.ISO2 == "JP" }) {
			other = s
			break
		}
	}
	if other.Code == "" {
		t.Fatal("no sector without Japan among its markets")
	}
	d.press(other.Short("id"))
	if d.step() != ldCountry {
		t.Fatalf("after a new sector, step = %q, want the country asked again", d.step())
	}
	if strings.Contains(render(d.last.Messages), jp.Name("id")) {
		t.Errorf("the new sector's countries still offer Japan:\n%s", render(d.last.Messages))
	}
	markets, _ := ikmbot.SectorMarkets(other.Code)
	d.press(markets[0].Flag() + " " + markets[0].Name("id"))
	if d.step() != ldCert {
		t.Fatalf("step = %q, want the certification asked again", d.step())
	}
	d.press(T("id", LdNoCert))
	if d.step() != summaryStep {
		t.Fatalf("step = %q, want back to the summary", d.step())
	}
	l, err := LeadFromAnswers(d.last.Session.Answers, 1, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if l.Sector != other.Code || l.Country != markets[0].ISO2 || l.Certs != nil {
		t.Errorf("lead = sector %s, country %s, certs %v; want %s, %s, none", l.Sector, l.Country, l.Certs, other.Code, markets[0].ISO2)
	}
}
