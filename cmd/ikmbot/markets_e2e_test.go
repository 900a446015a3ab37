package main

import (
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// TestMarketsEndToEnd: an owner of a coffee business opens /pasar, sees
// coffee's destination countries and Italy's checklist (EUDR data for the
// EU, SPP-IRT missing), records the SPP-IRT through /sertifikat and finds
// it ticked, marks Italy as a target, and after a restart of the bot
// still finds it marked.
func TestMarketsEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	w.start()
	u := w.owner("Kopi Tanggamus Jaya")
	kopi, _ := ikmbot.SectorByCode("KOPI")
	italy, ok := ikmbot.CountryByCode("IT")
	if !ok {
		t.Fatal("no Italy in the country table")
	}
	spp, eudr := certType(t, "SPP_IRT"), certType(t, "EUDR_DDS")
	italyButton := kt(flows.BtnPmCountry, italy.Flag(), italy.Name(id))
	checklist := func() string {
		t.Helper()
		u.sends("/pasar")
		list := u.expect(begin(kt(flows.PmTitle)))
		contains(t, "the list of countries", list, kt(flows.PmIntroSector, kopi.Name(id)))
		u.press(italyButton)
		return u.expect(kt(flows.PmCountryIntro, kopi.Name(id), italy.Name(id))).Text
	}

	page := checklist()
	for _, want := range []string{kt(flows.PmShipment, eudr.Short(id)), kt(flows.PmMissing, spp.Short(id))} {
		if !reads(page, want) {
			t.Errorf("Italy's checklist lacks %q:\n%s", plain(want), page)
		}
	}

	recordHeld(u, spp, "PIRT 2061871010123-27", day(2024, time.January, 10))
	page = checklist()
	if !reads(page, kt(flows.PmHeld, spp.Short(id))) || reads(page, kt(flows.PmMissing, spp.Short(id))) {
		t.Errorf("after recording the SPP-IRT, Italy's checklist reads:\n%s", page)
	}

	u.press(kt(flows.BtnPmTarget))
	marked := u.expect(kt(flows.PmTargetAdded, italy.Name(id)))
	if !hasButton(marked, kt(flows.BtnPmUntarget)) {
		t.Errorf("the marked country offers no way back: %v", marked.Buttons)
	}

	w.stop()
	w.start()
	u.sends("/pasar")
	list := u.expect(begin(kt(flows.PmTitle)))
	contains(t, "the list after a restart", list, kt(flows.PmTargets, italy.Flag()+" "+italy.Name(id)))
	if !hasButton(list, kt(flows.BtnPmCountryTgt, italy.Flag(), italy.Name(id))) {
		t.Errorf("Italy's button is not starred: %v", list.Buttons)
	}
}

// reads reports whether text, as the user sees it, shows want.
func reads(text, want string) bool { return strings.Contains(text, plain(want)) }
