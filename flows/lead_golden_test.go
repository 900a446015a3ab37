package flows

import (
	"strings"
	"testing"

	"ikmbot"
)

// TestLeadGolden walks staff through recording a buyer lead in both
// languages and renders what they see at every step: each question, the
// hints after a product too short, a deadline of today, an unreadable
// date and a contact too short, going back once, the summary, changing
// the country from it, and the lead as saved.
func TestLeadGolden(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			var b strings.Builder
			section := func(name string, r Result) { b.WriteString("=== " + name + "\n" + render(r.Messages)) }
			d := newDriver(t, Lead, lang)
			at := func(want string) {
				t.Helper()
				if d.step() != want {
					t.Fatalf("at step %q, want %q:\n%s", d.step(), want, render(d.last.Messages))
				}
			}
			kopi := mustSector("KOPI")
			jp, _ := ikmbot.CountryByCode("JP")
			de, _ := ikmbot.CountryByCode("DE")
			halal, _ := ikmbot.CertTypeByCode("HALAL")

			section(ldProduct, d.last)
			section(ldProduct+": too short", d.text("x"))
			at(ldProduct)
			section(ldSector, d.text("kopi robusta green bean"))
			section(ldCountry, d.press(kopi.Short(lang)))
			section(ldCountry+": back", d.press(T(lang, BtnBack)))
			at(ldSector)
			d.press(kopi.Short(lang))
			section(ldQuantity, d.press(countryLabel(lang, jp)))
			section(ldFrequency, d.text("2 ton"))
			section(ldCert, d.text("tiap bulan"))
			section(ldLevel, d.press(halal.Short(lang)))
			section(ldDeadline, d.press(kbShowLevel(lang, string(ikmbot.LevelMenengah))))
			section(ldDeadline+": today", d.text("27-11-2026"))
			section(ldDeadline+": unreadable", d.text("besok"))
			at(ldDeadline)
			section(ldContact, d.text("15-12-2026"))
			section(ldContact+": too short", d.text("Rina"))
			at(ldContact)
			section(summaryStep, d.text("hubungi Bidang Ekspor, Bu Rina"))
			at(summaryStep)

			section("edit "+ldCountry, d.press(T(lang, SuEditPrefix, T(lang, LdFieldCountry))))
			at(ldCountry)
			section(summaryStep+": country changed", d.press(countryLabel(lang, de)))
			at(summaryStep)

			// A buyer from outside the sector's usual markets.
			kr, _ := ikmbot.CountryByCode("KR")
			d.press(T(lang, SuEditPrefix, T(lang, LdFieldCountry)))
			section(ldCountryOther, d.press(T(lang, LdCountryOther)))
			at(ldCountryOther)
			section(summaryStep+": another country", d.press(countryLabel(lang, kr)))
			at(summaryStep)

			r := d.press(T(lang, SuSave))
			if r.Outcome != Done || len(r.Messages) != 0 {
				t.Fatalf("save: outcome %v with %d messages, want Done and none", r.Outcome, len(r.Messages))
			}
			l, err := LeadFromAnswers(r.Session.Answers, testChat, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if l.Country != "KR" {
				t.Errorf("saved country %q, want KR", l.Country)
			}
			text, buttons := LeadSaved(lang, LeadRow{Lead: l, Count: ikmbot.LeadCount{Matches: 3, InTargets: 1, Reachable: 3}}, testLeadLinks)
			section("saved", Result{Messages: []ikmbot.Message{{Text: text, Buttons: buttons}}})
			golden(t, "lead_"+lang+".golden", b.String())
		})
	}
}
