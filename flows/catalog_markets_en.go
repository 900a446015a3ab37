package flows

func init() { addTexts(english, englishMarkets) }

// englishMarkets are the English texts of /pasar.
var englishMarkets = map[Key]string{
	PmTitle:         "🌍 <b>Destination markets</b>",
	PmIntroSector:   "Countries that usually buy <b>%s</b> from Lampung. Pick a country to see what it asks for and what you already have.",
	PmIntroProvince: "We have no list of countries for the sector <b>%s</b> yet, so these are Lampung's main export destinations. Pick a country to see what it asks for.",
	PmSourceNote:    "<i>This list comes from news and official statements, not a trade ranking.</i>",
	PmTargets:       "⭐ Your target countries: %s",
	PmNoTargets:     "You can mark up to %d countries as targets.",
	PmPick:          "Pick a country:",

	PmCountryTitle:  "%s <b>%s</b>",
	PmCountryIntro:  "What you need to ship <b>%s</b> to %s:",
	PmGroupCore:     "<b>Needed for every export</b>",
	PmGroupMarket:   "<b>For %s only</b>",
	PmGroupNoRules:  "<b>For %s only</b>: nothing more in our data. Ask your buyer what they need.",
	PmGroupPacked:   "<b>When sold in retail packs</b>",
	PmPackedEither:  "<i>Pick SPP-IRT for low-risk home-made food, BPOM MD otherwise.</i>",
	PmHeld:          "✅ %s",
	PmApplying:      "⏳ %s (in process)",
	PmMissing:       "⬜ %s",
	PmExpired:       "⬜ %s (expired, needs renewing)",
	PmShipment:      "📄 %s (prepared for each shipment)",
	PmNext:          "   ➜ %s",
	PmScore:         "Required papers you already have: <b>%d of %d</b>.",
	PmRecordHint:    "Already have one of these? Record it in /certificates and this list changes.",
	PmNoSector:      "We have no list of requirements for your sector yet. Tap \"Need help\" and staff will help you.",
	PmIsTarget:      "⭐ This is one of your target countries.",
	PmTargetAdded:   "⭐ %s is now one of your target countries.",
	PmTargetRemoved: "%s is no longer one of your target countries.",
	PmLimit:         "You have already chosen %d target countries: %s. To stay focused, the limit is %d. Open one of them and tap \"%s\", then pick %s again.",
	PmUnknown:       "That country is not on our list. Send /markets to see the current list.",

	BtnMarkets:      "🌍 Markets",
	BtnPmTarget:     "⭐ Make it a target",
	BtnPmUntarget:   "✖️ Remove from targets",
	BtnPmOthers:     "⬅️ Other countries",
	BtnPmCountry:    "%s %s",
	BtnPmCountryTgt: "⭐ %s %s",
}
