package handlers

import (
	"context"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// TestStaffRecordsLead: staff record a coffee lead for Japan that asks for
// halal by conversation, and see it, saved and listed, with the owners it
// matches now: of two coffee owners who both target Japan only the one
// holding halal, and not the owner of another sector.
func TestStaffRecordsLead(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	holder, other, pepper := e.person(), e.person(), e.person()
	holder.signUpIn("Kopi Jaya", "Tanggamus", "Kopi")
	other.signUpIn("Kopi Lain", "Metro", "Kopi")
	pepper.signUpIn("Lada Maju", "Metro", "Lada & rempah")
	for _, o := range []*person{holder, other, pepper} {
		o.press(marketData(actMarketTarget, "JP"))
	}
	halal, _ := ikmbot.CertTypeByCode("HALAL")
	kopi, _ := ikmbot.SectorByCode("KOPI")
	jp, _ := ikmbot.CountryByCode("JP")
	if err := e.store.SaveCertificate(ctx, holder.id, ikmbot.Certificate{Type: halal.Code, Status: ikmbot.CertHeld, UpdatedAt: e.now}, nil, nil); err != nil {
		t.Fatal(err)
	}

	s := e.staff()
	s.command("pembeli", "")
	s.mustSee(tt(flows.LdListEmpty))
	s.pressLabel(tt(flows.BtnLdNew))
	s.mustSee(tt(flows.LdAskProduct))
	s.text("kopi robusta green bean")
	s.pressLabel(kopi.Short("id"))
	s.pressLabel(jp.Flag() + " " + jp.Name("id"))
	s.text("2 ton")
	s.text("tiap bulan")
	s.pressLabel(halal.Short("id"))
	s.pressLabel(tt(flows.LdAnyLevel))
	s.text("15-12-2026")
	s.text("hubungi Bidang Ekspor, Bu Rina")
	s.pressLabel(tt(flows.SuSave))
	s.mustSee(tt(flows.LdSaved))
	s.mustSee(tt(flows.LdMatches, 1, 1, 1, "Jepang"))

	leads, err := e.store.OpenLeads(ctx)
	if err != nil || len(leads) != 1 {
		t.Fatalf("open leads = %+v, %v; want the one recorded", leads, err)
	}
	if l := leads[0]; l.Product != "kopi robusta green bean" || l.Country != "JP" || l.CreatedBy != s.id || len(l.Certs) != 1 || l.Certs[0] != "HALAL" {
		t.Errorf("stored lead = %+v", l)
	}

	s.pressLabel(tt(flows.BtnLdList))
	s.mustSee(tt(flows.LdListTitle, 1))
	s.mustSee("kopi robusta green bean")
	s.mustSee("tenggat 15 Desember 2026 23.59 WIB")
	s.mustSee(tt(flows.LdMatches, 1, 1, 1, "Jepang"))
	s.command("pembeli", "")
	s.mustSee(tt(flows.LdMatches, 1, 1, 1, "Jepang"))
}

// TestLeadsStaffOnly: owners and mentors are refused /pembeli and its
// buttons, forged or not, and no conversation starts.
func TestLeadsStaffOnly(t *testing.T) {
	e := newEnv(t)
	owner := e.person()
	owner.signUpIn("Kopi Jaya", "Tanggamus", "Kopi")
	mentor := e.mentor("Budi")
	for _, p := range []*person{owner, mentor} {
		for _, cmd := range []string{"pembeli", "buyers"} {
			p.command(cmd, "")
			p.mustSee(flows.T("id", flows.MsgNotAllowed))
		}
		for _, forged := range []string{cbLeads, cbLeadNew, "pb:x:1"} {
			p.press(forged)
			p.mustSee(flows.T("id", flows.MsgNotAllowed))
		}
		_, sess, err := e.store.LoadUser(context.Background(), p.id)
		if err != nil || sess.Flow == flows.Lead.Name {
			t.Errorf("user %d: session %+v, %v; want no lead conversation", p.id, sess, err)
		}
	}
	leads, err := e.store.OpenLeads(context.Background())
	if err != nil || len(leads) != 0 {
		t.Errorf("open leads = %+v, %v; want none", leads, err)
	}
}

// TestLeadsEmpty: with no open lead, /pembeli says so and offers to
// record one; a lead past its deadline is not listed.
func TestLeadsEmpty(t *testing.T) {
	e := newEnv(t)
	s := e.staff()
	s.command("pembeli", "")
	s.mustSee(flows.T("id", flows.LdListEmpty))
	s.pressLabel(flows.T("id", flows.BtnLdNew))
	s.mustSee(flows.T("id", flows.LdAskProduct))
}

// TestLeadDeadlinePassedAtSave: a deadline that comes while the summary
// waits is refused at Save, with the summary back to change it, and no
// lead is kept.
func TestLeadDeadlinePassedAtSave(t *testing.T) {
	e := newEnv(t) // 27-11-2026
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	kopi, _ := ikmbot.SectorByCode("KOPI")
	jp, _ := ikmbot.CountryByCode("JP")
	s := e.staff()
	s.command("pembeli", "")
	s.pressLabel(tt(flows.BtnLdNew))
	s.text("kopi robusta green bean")
	s.pressLabel(kopi.Short("id"))
	s.pressLabel(jp.Flag() + " " + jp.Name("id"))
	s.text("2 ton")
	s.text("tiap bulan")
	s.pressLabel(tt(flows.LdNoCert))
	s.pressLabel(tt(flows.LdAnyLevel))
	s.text("28-11-2026")
	s.text("hubungi Bidang Ekspor, Bu Rina")
	e.now = e.now.Add(48 * time.Hour) // the deadline has come
	s.pressLabel(tt(flows.SuSave))
	s.mustSee(tt(flows.LdErrDeadline, "30-11-2026"))
	s.mustSee(before(tt(flows.LdSummary, "X"), "X")) // the summary is back
	leads, err := e.store.OpenLeads(context.Background())
	if err != nil || len(leads) != 0 {
		t.Fatalf("open leads = %+v, %v; want none", leads, err)
	}
}
