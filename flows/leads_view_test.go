package flows

import (
	"strings"
	"testing"
	"time"

	"ikmbot"
)

// TestLeadViewsGolden shows /pembeli in both languages: no leads, two
// open leads (one with a product to escape) of twelve, and a lead just
// saved with and without requirements.
func TestLeadViewsGolden(t *testing.T) {
	deadline := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 23, 59, 0, 0, kbZone).UTC() }
	coffee := ikmbot.Lead{ID: "1", Product: "kopi robusta green bean", Sector: "KOPI", Country: "JP", Quantity: "2 ton",
		Frequency: "tiap bulan", Certs: []string{"HALAL"}, MinLevel: ikmbot.LevelMenengah, Deadline: deadline(12, 15),
		Contact: "hubungi Bidang Ekspor, Bu Rina", Status: ikmbot.LeadOpen}
	pepper := ikmbot.Lead{ID: "2", Product: "lada <hitam> & putih", Sector: "LADA", Country: "US", Quantity: "1 ton",
		Frequency: "sekali", Deadline: deadline(12, 31), Contact: "Bidang Ekspor", Status: ikmbot.LeadOpen}
	rows := []LeadRow{
		{Lead: coffee, Count: ikmbot.LeadCount{Matches: 3, InTargets: 1}},
		{Lead: pepper},
	}
	msg := func(text string, buttons [][]ikmbot.Button) []ikmbot.Message {
		return []ikmbot.Message{{Text: text, Buttons: buttons}}
	}
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " no leads\n" + render(msg(LeadList(lang, nil, 0, "pb:n"))))
		b.WriteString("=== " + lang + " two of twelve\n" + render(msg(LeadList(lang, rows, 12, "pb:n"))))
		b.WriteString("=== " + lang + " saved coffee\n" + render(msg(LeadSaved(lang, rows[0], "pb:l"))))
		b.WriteString("=== " + lang + " saved pepper\n" + render(msg(LeadSaved(lang, rows[1], "pb:l"))))
	}
	golden(t, "leads.golden", b.String())
}
