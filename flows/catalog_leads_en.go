package flows

func init() { addTexts(english, englishLeads) }

// englishLeads are the English texts of recording a buyer lead.
var englishLeads = map[Key]string{
	LdAskProduct:     "🤝 <b>Record a new buyer</b>\n\nWhat product is the buyer looking for? (for example: robusta green coffee grade 1)",
	LdAskSector:      "Which sector is the product in?",
	LdAskCountry:     "Which country is the buyer in?",
	LdAskQuantity:    "What quantity do they want? (for example: 2 tonnes)",
	LdAskFrequency:   "How often? (for example: every month, once)",
	LdAskCert:        "Which certification does the buyer require? Pick the most important one.",
	LdAskLevel:       "Lowest export readiness level accepted?",
	LdAskDeadline:    "Until what date can owners answer? Write it like 31-12-2026 or 31 December 2026.",
	LdAskContact:     "How do interested owners reach the buyer <b>through the office</b>? Do not write the buyer's own contact. (for example: contact the Export Section, Ms Rina)",
	LdNoCert:         "None",
	LdAnyLevel:       "Any level",
	LdErrDeadline:    "The deadline can be tomorrow, %s, at the earliest.",
	LdErrDeadlineFar: "The deadline can be a year from now, %s, at the latest. Check the year.",
	LdSummary:        "<b>Check the buyer lead</b>\n\n%s\n\nAll correct? Tap <b>Save</b>, or tap a ✏️ button to change an answer.",

	LdFieldProduct:   "Product",
	LdFieldSector:    "Sector",
	LdFieldCountry:   "Country",
	LdFieldQuantity:  "Quantity",
	LdFieldFrequency: "Frequency",
	LdFieldCert:      "Required certification",
	LdFieldLevel:     "Minimum level",
	LdFieldDeadline:  "Deadline",
	LdFieldContact:   "Contact through the office",

	LdListTitle: "🤝 <b>Buyer leads</b> (%d open)",
	LdListEmpty: "🤝 No buyer leads are open yet.\n\nWhen you hear of a buyer (from LPEI, a trade attaché, an exhibition), record it here: the bot counts the owners who match.",
	LdListMore:  "…and %d more, with later deadlines.",
	LdItem:      "<b>%s</b>\n%s · deadline %s",
	LdMatches:   "👥 Matching now: %d owners, %d of them targeting %s",
	LdSaved:     "✅ Buyer lead recorded.",
	BtnLdNew:    "➕ Record a new buyer",
	BtnLdList:   "📋 Buyer leads",
}
