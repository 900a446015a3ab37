package flows

import (
	"strings"
	"testing"
	"time"

	"ikmbot"
)

// TestAuditLogGolden shows how /audit reads in both languages: one entry
// of every action and detail, a name to escape and one missing, then an
// empty log and a page past the end.
func TestAuditLogGolden(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	at := time.Date(2026, 12, 4, 13, 0, 0, 0, time.UTC)
	sendAt := ikmbot.AuditTime(time.Date(2026, 12, 5, 2, 30, 0, 0, time.UTC))
	metroCoffee := &ikmbot.Audience{Regions: []string{"MET"}, Sectors: []string{"KOPI"}, Levels: []ikmbot.Level{ikmbot.LevelPemula}}
	entries := []ikmbot.AuditEntry{
		{Action: ikmbot.AuditExport, Detail: ikmbot.AuditFormatXLSX, Rows: 12345, Audience: metroCoffee},
		{Action: ikmbot.AuditExport, Detail: ikmbot.AuditFormatCSV + "owners", Rows: 0, Audience: &ikmbot.Audience{}},
		{Action: ikmbot.AuditExport, Detail: "pdf<x>", Rows: 3},
		{Action: ikmbot.AuditBroadcastSent, Ref: "12", Rows: 120, Audience: metroCoffee},
		{Action: ikmbot.AuditBroadcastSent, Ref: "13", Rows: 80, Detail: ikmbot.AuditDetailDue, Audience: &ikmbot.Audience{}},
		{Action: ikmbot.AuditBroadcastScheduled, Ref: "13", Rows: 78, Detail: sendAt, Audience: &ikmbot.Audience{}},
		{Action: ikmbot.AuditBroadcastSubmitted, Ref: "14", Rows: 5, Audience: &ikmbot.Audience{CertType: "HALAL", CertLacking: true}},
		{Action: ikmbot.AuditBroadcastApproved, Ref: "14", Detail: sendAt},
		{Action: ikmbot.AuditBroadcastRejected, Ref: "15"},
		{Action: ikmbot.AuditBroadcastCancelled, Ref: "16", Detail: string(ikmbot.BroadcastDraft)},
		{Action: ikmbot.AuditBroadcastCancelled, Ref: "17", Detail: string(ikmbot.BroadcastSending), Rows: 40},
		{Action: ikmbot.AuditMentorAssign, Ref: "501", RefName: "Rina & co", Rows: 25, Detail: ikmbot.AuditScopeNew,
			Audience: &ikmbot.Audience{Regions: []string{"TGM"}, Sectors: []string{"KOPI"}}},
		{Action: ikmbot.AuditMentorAssign, Ref: "502", Rows: 2, Detail: ikmbot.AuditScopeReassign, Audience: &ikmbot.Audience{}},
		{Action: "future_action<b>", Rows: 1},
	}
	for i := range entries {
		entries[i].At = at.Add(-time.Duration(i) * time.Hour)
		entries[i].ActorID = int64(100 + i)
		entries[i].ActorName = []string{"Andi", "<Budi>", ""}[i%3]
	}
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + " every action\n" + AuditLog(lang, AuditPage{Entries: entries, Offset: 20, Total: 57}, wib) + "\n")
		b.WriteString("=== " + lang + " empty\n" + AuditLog(lang, AuditPage{}, wib) + "\n")
		b.WriteString("=== " + lang + " past the end\n" + AuditLog(lang, AuditPage{Offset: 60, Total: 57}, wib) + "\n")
	}
	golden(t, "audit.golden", b.String())
}

// TestAuditEntryTextNeverShowsRawKeys: every action, known or not, reads
// as catalog text in both languages.
func TestAuditEntryTextNeverShowsRawKeys(t *testing.T) {
	for _, a := range []ikmbot.AuditAction{ikmbot.AuditExport, ikmbot.AuditBroadcastSent, ikmbot.AuditBroadcastScheduled,
		ikmbot.AuditBroadcastSubmitted, ikmbot.AuditBroadcastApproved, ikmbot.AuditBroadcastRejected,
		ikmbot.AuditBroadcastCancelled, ikmbot.AuditMentorAssign, "x"} {
		for _, lang := range Languages {
			got := AuditEntryText(lang, ikmbot.AuditEntry{Action: a, ActorID: 1, Audience: &ikmbot.Audience{}}, time.UTC)
			if strings.Contains(got, "au_") || strings.Contains(got, "%!") {
				t.Errorf("%s entry in %s reads %q", a, lang, got)
			}
		}
	}
}
