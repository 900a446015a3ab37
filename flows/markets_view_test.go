package flows

import (
	"strings"
	"testing"
	"time"

	"ikmbot"
)

// testMarketLinks makes every button's data visible in failures.
var testMarketLinks = MarketLinks{
	Country: func(iso2 string) string { return "pm:c:" + iso2 },
	Target:  func(iso2 string) string { return "pm:t:" + iso2 },
	List:    "pm:l",
	AddCert: "c:a",
	Help:    "h:n",
}

// TestMarketViewsGolden shows /pasar in both languages: a coffee owner's
// countries with two targets, one of them from outside the sector's list;
// an owner of a sector the data names no countries for, and one who typed
// their sector; then coffee to Italy (EUDR, per-shipment papers, a held
// and an expired certificate), coffee to the United States as a target
// (FDA registration being applied for), snacks to Saudi Arabia (halal
// among the core), a typed sector's empty checklist and the limit of
// three targets.
func TestMarketViewsGolden(t *testing.T) {
	now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	coffee := ikmbot.Profile{Sector: "KOPI"}
	cassava := ikmbot.Profile{Sector: "SINGKONG"}
	typed := ikmbot.Profile{Sector: ikmbot.SectorOther, SectorOther: "Sabun <herbal>"}
	snacks := ikmbot.Profile{Sector: "MAKANAN_RINGAN"}
	certs := []ikmbot.Certificate{
		{Type: "NIB", Status: ikmbot.CertHeld},
		{Type: "HALAL", Status: ikmbot.CertHeld, Expires: day(2026, 11, 1)},
		{Type: "FDA_FFR", Status: ikmbot.CertApplying, Since: day(2026, 10, 1)},
		{Type: "MEREK", Status: ikmbot.CertHeld, Expires: day(2035, 1, 1)},
	}
	country := func(code string) ikmbot.Country {
		c, ok := ikmbot.CountryByCode(code)
		if !ok {
			t.Fatalf("no country %s", code)
		}
		return c
	}
	msg := func(text string, buttons [][]ikmbot.Button) []ikmbot.Message {
		return []ikmbot.Message{{Text: text, Buttons: buttons}}
	}
	var b strings.Builder
	for _, lang := range Languages {
		page := func(title string, p ikmbot.Profile, code string, targeted bool) {
			items := ikmbot.MarketChecklist(p, certs, code, now)
			b.WriteString("=== " + lang + " " + title + "\n" + render(msg(MarketPage(lang, p, country(code), items, targeted, testMarketLinks))))
		}
		b.WriteString("=== " + lang + " coffee, two targets\n" + render(msg(MarketList(lang, coffee, []string{"US", "CN"}, testMarketLinks))))
		b.WriteString("=== " + lang + " cassava, no targets\n" + render(msg(MarketList(lang, cassava, nil, testMarketLinks))))
		b.WriteString("=== " + lang + " typed sector\n" + render(msg(MarketList(lang, typed, nil, testMarketLinks))))
		page("coffee to Italy", coffee, "IT", false)
		page("coffee to the US, a target", coffee, "US", true)
		page("snacks to Saudi Arabia", snacks, "SA", false)
		page("typed sector to Japan", typed, "JP", false)
		b.WriteString("=== " + lang + " limit\n" + MarketLimit(lang, []string{"US", "IT", "JP"}, "DE") + "\n")
	}
	golden(t, "markets.golden", b.String())
}

// TestMarketButtonsFit keeps every /pasar button's data within Telegram's
// 64 bytes and every country of every sector on a button.
func TestMarketButtonsFit(t *testing.T) {
	for _, s := range append(ikmbot.Sectors(), ikmbot.Sector{Code: ikmbot.SectorOther}) {
		p := ikmbot.Profile{Sector: s.Code}
		markets, _ := ikmbot.SectorMarkets(s.Code)
		_, rows := MarketList("id", p, nil, testMarketLinks)
		n := 0
		for _, row := range rows {
			if len(row) > marketColumns {
				t.Errorf("%s: a row of %d buttons", s.Code, len(row))
			}
			for _, btn := range row {
				n++
				if len(btn.Data) > 64 {
					t.Errorf("%s: data %q over 64 bytes", s.Code, btn.Data)
				}
			}
		}
		if n != len(markets) {
			t.Errorf("%s: %d buttons for %d countries", s.Code, n, len(markets))
		}
	}
}
