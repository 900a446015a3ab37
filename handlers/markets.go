package handlers

import (
	"context"
	"slices"
	"strings"

	"ikmbot"
	"ikmbot/flows"
)

// Callback data of /pasar's buttons, "pm:<action>[:<country>]". They carry
// no state: a country is checked against the table, a target against the
// owner's stored choice.
const (
	cbMarketsPfx     = "pm:"
	cbMarkets        = "pm:l" // the list of countries, as /pasar
	actMarketCountry = "c"    // pm:c:<ISO2>: a country's checklist
	actMarketTarget  = "t"    // pm:t:<ISO2>: mark or unmark it as a target
)

func marketData(action, iso2 string) string { return cbMarketsPfx + action + ":" + iso2 }

// marketLinks are the buttons' data for flows' /pasar pages.
var marketLinks = flows.MarketLinks{
	Country: func(iso2 string) string { return marketData(actMarketCountry, iso2) },
	Target:  func(iso2 string) string { return marketData(actMarketTarget, iso2) },
	List:    cbMarkets,
	AddCert: cbCertAdd,
	Help:    cbHelpNew,
}

// markets is /pasar: the open buyer leads the owner qualifies for (and
// what would qualify them for the others of their sector), then the
// usual destination countries of their sector, each a button to its
// checklist.
func (r *Router) markets(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	certs, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	leads, err := r.ownerLeads(ctx, c, certs)
	if err != nil {
		return err
	}
	leadText, leadButtons := flows.OwnerLeadsSection(c.lang, leads, ownerLeadLinks)
	text, buttons := flows.MarketList(c.lang, *c.user.Profile, c.user.TargetMarkets, marketLinks)
	if leadText != "" {
		text = leadText + "\n\n" + text
	}
	c.say(text, append(leadButtons, buttons...)...)
	return nil
}

// marketCallback handles /pasar's buttons: a country's checklist, built
// from the owner's recorded certificates, and marking it as a target (at
// most ikmbot.MaxTargetMarkets; one more is explained, not added).
func (r *Router) marketCallback(ctx context.Context, c *call) error {
	if c.user.Profile == nil {
		c.say(c.t(flows.MsgNeedSignUp), []ikmbot.Button{{Text: c.t(flows.BtnSignUp), Data: cbSignUp}})
		return nil
	}
	if c.ev.CallbackData == cbMarkets {
		return r.markets(ctx, c)
	}
	parts := strings.Split(c.ev.CallbackData, ":")
	if len(parts) != 3 || (parts[1] != actMarketCountry && parts[1] != actMarketTarget) {
		c.say(c.t(flows.MsgStaleButton))
		return nil
	}
	country, ok := ikmbot.CountryByCode(parts[2])
	if !ok {
		c.say(c.t(flows.PmUnknown), []ikmbot.Button{{Text: c.t(flows.BtnPmOthers), Data: cbMarkets}})
		return nil
	}
	targets := c.user.TargetMarkets
	var note string
	if parts[1] == actMarketTarget {
		next, added, err := ikmbot.ToggleTargetMarket(targets, country.ISO2)
		if ikmbot.ErrorCode(err) == ikmbot.EConflict {
			c.say(flows.MarketLimit(c.lang, targets, country.ISO2), []ikmbot.Button{{Text: c.t(flows.BtnPmOthers), Data: cbMarkets}})
			return nil
		}
		if err != nil {
			return err
		}
		c.change.Markets, c.change.PreviousMarkets = &next, targets
		targets = next
		name := flows.Escape(country.Name(c.lang))
		note = c.t(flows.PmTargetRemoved, name)
		if added {
			note = c.t(flows.PmTargetAdded, name)
		}
	}
	have, err := r.certStore().Certificates(ctx, c.ev.UserID)
	if err != nil {
		return err
	}
	items := ikmbot.MarketChecklist(*c.user.Profile, have, country.ISO2, c.now)
	text, buttons := flows.MarketPage(c.lang, *c.user.Profile, country, items, slices.Contains(targets, country.ISO2), marketLinks)
	if note != "" {
		text = note + "\n\n" + text
	}
	c.say(text, buttons...)
	return nil
}
