package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// TestBuyerLeadEndToEnd: staff record a coffee lead for Japan that asks
// for an SPP-IRT, by conversation; of two coffee owners only the one holding
// it gets it (not the other, nor a pepper owner), answers Tertarik and
// shows up on the staff's page of the lead with their certificate; at the
// deadline the lead closes: the interested owner and the staff member are
// told, in the morning after the night's quiet hours, and the owner's
// buttons answer that it closed.
func TestBuyerLeadEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	ctx := context.Background()
	holder, lacks := w.owner("Kopi Jaya Izin"), w.owner("Kopi Belum Izin")
	pepper := w.user()
	pepper.sends("halo")
	p := ikmbot.Profile{UserID: pepper.id, OwnerName: "Budi", Phone: "+6281300000000", BusinessName: "Lada Metro", NoNIB: true,
		Region: "MET", Sector: "LADA", Products: "lada hitam", Workers: ikmbot.Workers1to4, Capacity: "1", ExportStatus: ikmbot.ExportNever}
	if err := w.store.Apply(ctx, ikmbot.Change{UserID: pepper.id, Profile: &p, SignUp: true}); err != nil {
		t.Fatal(err)
	}
	spp := certType(t, "SPP_IRT")
	recordHeld(holder, spp, "PIRT 2061871010123-27", day(2024, time.January, 10))

	kopi, _ := ikmbot.SectorByCode("KOPI")
	jp, _ := ikmbot.CountryByCode("JP")
	deadlineDay := monday.AddDate(0, 0, 3) // Thursday
	const product = "kopi robusta green bean"
	staff.sends("/pembeli")
	staff.expect(begin(kt(flows.LdListEmpty)))
	staff.press(kt(flows.BtnLdNew))
	staff.expect(kt(flows.LdAskProduct))
	staff.sends(product)
	staff.expect(kt(flows.LdAskSector))
	staff.press(kopi.Short(id))
	staff.expect(kt(flows.LdAskCountry))
	staff.press(jp.Flag() + " " + jp.Name(id))
	staff.expect(kt(flows.LdAskQuantity))
	staff.sends("2 ton")
	staff.expect(kt(flows.LdAskFrequency))
	staff.sends("tiap bulan")
	staff.expect(kt(flows.LdAskCert))
	staff.press(spp.Short(id))
	staff.expect(kt(flows.LdAskLevel))
	staff.press(kt(flows.LdAnyLevel))
	staff.expect(begin(kt(flows.LdAskDeadline)))
	staff.sends(deadlineDay.Format("02-01-2006"))
	staff.expect(kt(flows.LdAskContact))
	staff.sends("hubungi Bidang Ekspor, Bu Rina")
	staff.expect(begin(kt(flows.LdSummary, "")))
	staff.press(kt(flows.SuSave))
	saved := staff.expect(kt(flows.LdSaved))
	contains(t, "the saved lead", saved, kt(flows.LdMatches, 1, 1, 0, jp.Name(id)))
	staff.press(kt(flows.BtnLdSend, 1))
	staff.expect(kt(flows.LdSending, 1))

	offer := holder.expect(kt(flows.LdOfferTitle))
	contains(t, "the offer", offer, product, jp.Name(id))
	if !hasButton(offer, kt(flows.BtnLdYes)) || !hasButton(offer, kt(flows.BtnLdNo)) {
		t.Fatalf("the offer has no answer buttons: %v", offer.Buttons)
	}
	holder.press(kt(flows.BtnLdYes))
	holder.expect(begin(kt(flows.LdAnsweredYes, "hubungi Bidang Ekspor, Bu Rina", "")))
	staff.expect(kt(flows.LdInterestStaff, "Kopi Jaya Izin", "Siti Rahayu", "Tanggamus", product, jp.Flag()+" "+jp.Name(id)))

	// The progress message ends as the report; nobody else got the lead.
	wctx, cancel := context.WithTimeout(ctx, waitLimit)
	defer cancel()
	done := plain(begin(kt(flows.SbDone, 1, 1)))
	if err := w.tg.Wait(wctx, func() bool {
		for _, m := range w.tg.Messages(staff.id) {
			if strings.Contains(m.Text, done) {
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatalf("no report %q; staff's chat:\n%s", done, staff.chat())
	}
	for _, u := range []*user{lacks, pepper} {
		if n := u.count(plain(kt(flows.LdOfferTitle))); n != 0 {
			t.Errorf("owner %d, who does not qualify, got the lead %d times", u.id, n)
		}
	}
	lacks.sends("/pasar")
	gaps := lacks.expect(kt(flows.LdOwnerGaps, 1, spp.Name(id)))
	if strings.Contains(gaps.Text, product) {
		t.Errorf("/pasar shows a lead to an owner who does not qualify:\n%s", gaps.Text)
	}

	staff.sends("/pembeli")
	staff.expect(kt(flows.LdListTitle, 1))
	staff.press("1. " + jp.Flag() + " " + product)
	page := staff.expect(kt(flows.LdPageInterested))
	contains(t, "the lead's page", page, kt(flows.LdPageAnswers, 1, 0), "Kopi Jaya Izin", kt(flows.LdCertsHeld, spp.Short(id)))
	if strings.Contains(page.Text, "Kopi Belum Izin") {
		t.Errorf("the page lists an owner who is not interested:\n%s", page.Text)
	}

	// The deadline is the end of Thursday, in quiet hours: the lead
	// stops taking answers then, and closes with its notices at 07:00.
	deadline := time.Date(deadlineDay.Year(), deadlineDay.Month(), deadlineDay.Day(), 23, 59, 0, 0, wib)
	w.nothingAt(deadline.Add(2*time.Minute), holder, staff)
	holder.press(kt(flows.BtnLdNo))
	holder.expect(kt(flows.LdIsClosed))
	w.at(deadline.Add(7*time.Hour + 5*time.Minute))
	holder.expect(kt(flows.LdClosedOwner, product, jp.Flag()+" "+jp.Name(id), "hubungi Bidang Ekspor, Bu Rina"))
	staff.expect(kt(flows.LdClosedStaff, product, jp.Flag()+" "+jp.Name(id), 1, 0))
	l, err := w.store.Lead(ctx, "1")
	if err != nil || l.Status != ikmbot.LeadClosed {
		t.Errorf("lead = %+v, %v; want closed", l, err)
	}
	staff.sends("/pembeli")
	staff.expect(begin(kt(flows.LdListEmpty)))
}
