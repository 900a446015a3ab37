package handlers

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
	"ikmbot/flows"
)

// country is the table's country with code; the test stops without it.
func country(t *testing.T, code string) ikmbot.Country {
	t.Helper()
	c, ok := ikmbot.CountryByCode(code)
	if !ok {
		t.Fatalf("no country %s", code)
	}
	return c
}

// countryButton is the label of a country's button in /pasar's list.
func countryButton(c ikmbot.Country, targeted bool) string {
	if targeted {
		return flows.T("id", flows.BtnPmCountryTgt, c.Flag(), c.Name("id"))
	}
	return flows.T("id", flows.BtnPmCountry, c.Flag(), c.Name("id"))
}

// storedTargets is the owner's stored target countries.
func (e *env) storedTargets(id int64) []string {
	e.t.Helper()
	u, _, err := e.store.LoadUser(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return u.TargetMarkets
}

func TestMarketsNeedSignUp(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	for _, send := range []func(){
		func() { p.command("pasar", "") },
		func() { p.command("markets", "") },
		func() { p.press(marketData(actMarketCountry, "IT")) },
		func() { p.press(marketData(actMarketTarget, "IT")) },
	} {
		send()
		p.mustSee(flows.T("id", flows.MsgNeedSignUp))
	}
	if got := e.storedTargets(p.id); got != nil {
		t.Errorf("a stranger's tap stored targets %v", got)
	}
}

// TestMarketsChecklistAndTargets: a coffee owner sees coffee's
// destination countries, a country's checklist that follows the
// certificates they record, and marks at most three target countries.
func TestMarketsChecklistAndTargets(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	o := e.person()
	o.signUp() // a coffee business
	tt := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	italy, us, japan, germany := country(t, "IT"), country(t, "US"), country(t, "JP"), country(t, "DE")
	spp, _ := ikmbot.CertTypeByCode("SPP_IRT")
	eudr, _ := ikmbot.CertTypeByCode("EUDR_DDS")
	fda, _ := ikmbot.CertTypeByCode("FDA_FFR")
	kopi, _ := ikmbot.SectorByCode("KOPI")

	o.command("pasar", "")
	o.mustSee(tt(flows.PmIntroSector, kopi.Name("id")))
	o.mustSee(tt(flows.PmNoTargets, ikmbot.MaxTargetMarkets))
	o.pressLabel(countryButton(italy, false))
	o.mustSee(tt(flows.PmCountryTitle, italy.Flag(), italy.Name("id")))
	o.mustSee(tt(flows.PmShipment, eudr.Short("id")))
	o.mustSee(tt(flows.PmMissing, spp.Short("id")))

	// Recorded from the page's own button: the checklist follows.
	o.pressLabel(tt(flows.BtnCdAdd))
	o.pressLabel(spp.Short("id"))
	o.pressLabel(tt(flows.SfHeld))
	o.text("P-IRT 2061871010123-27")
	o.text("10-01-2024")
	o.pressLabel(tt(flows.SfUseDefault, "10-01-2029"))
	o.pressLabel(tt(flows.SuSave))
	o.mustSee(tt(flows.CdSaved, spp.Short("id")))
	o.press(marketData(actMarketCountry, "IT"))
	o.mustSee(tt(flows.PmHeld, spp.Short("id")))

	o.press(marketData(actMarketCountry, "US"))
	o.mustSee(tt(flows.PmMissing, fda.Short("id")))

	// Targets: three, a fourth explained, one taken away.
	o.pressLabel(tt(flows.BtnPmTarget)) // the United States, on screen
	o.mustSee(tt(flows.PmTargetAdded, us.Name("id")))
	o.mustSee(tt(flows.PmIsTarget))
	o.press(marketData(actMarketTarget, "IT"))
	o.press(marketData(actMarketTarget, "JP"))
	o.press(marketData(actMarketTarget, "JP")) // a repeated tap takes it away again
	o.mustSee(tt(flows.PmTargetRemoved, japan.Name("id")))
	o.press(marketData(actMarketTarget, "JP"))
	if diff := cmp.Diff(e.storedTargets(o.id), []string{"US", "IT", "JP"}); diff != "" {
		t.Errorf("stored targets (-got +want):\n%s", diff)
	}
	o.press(marketData(actMarketTarget, "DE"))
	o.mustSee(flows.MarketLimit("id", []string{"US", "IT", "JP"}, "DE"))
	if got := e.storedTargets(o.id); slices.Contains(got, "DE") {
		t.Errorf("a fourth target was stored: %v", got)
	}
	counts, err := e.store.MarketCounts(ctx)
	if err != nil || counts["US"] != 1 || counts["IT"] != 1 || counts["JP"] != 1 || counts["DE"] != 0 {
		t.Errorf("MarketCounts = %v, %v", counts, err)
	}
	o.press(marketData(actMarketTarget, "US"))
	o.press(marketData(actMarketTarget, "DE"))
	o.mustSee(tt(flows.PmTargetAdded, germany.Name("id")))
	o.command("pasar", "")
	o.mustSee(tt(flows.PmTargets, "🇮🇹 Italia, 🇯🇵 Jepang, 🇩🇪 Jerman"))
	o.pressLabel(countryButton(italy, true))
	o.pressLabel(tt(flows.BtnPmOthers))
	o.mustSee(tt(flows.PmTitle))

	// Stale and forged buttons act on nothing.
	for _, data := range []string{"pm:c:XX", "pm:t:XX", "pm:c:EU", "pm:t:it"} {
		o.press(data)
		o.mustSee(tt(flows.PmUnknown))
	}
	for _, data := range []string{"pm:", "pm:c", "pm:x:IT", "pm:t:IT:1"} {
		o.press(data)
		o.mustSee(tt(flows.MsgStaleButton))
	}
	if diff := cmp.Diff(e.storedTargets(o.id), []string{"IT", "JP", "DE"}); diff != "" {
		t.Errorf("stored targets after forged taps (-got +want):\n%s", diff)
	}
}

// TestMarketsFromReadinessResult: the result of the check leads to /pasar.
func TestMarketsFromReadinessResult(t *testing.T) {
	e := newEnv(t)
	o := e.person()
	o.signUpIn("Keripik Maju", "Metro", "Keripik & makanan olahan")
	o.command("cek", "")
	o.answerCheck(false)
	o.pressLabel(flows.T("id", flows.BtnMarkets))
	o.mustSee(flows.T("id", flows.PmTitle))
	o.pressLabel(countryButton(country(t, "SA"), false))
	halal, _ := ikmbot.CertTypeByCode("HALAL")
	o.mustSee(flows.T("id", flows.PmMissing, halal.Short("id")))
}
