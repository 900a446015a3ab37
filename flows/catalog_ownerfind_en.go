package flows

// englishOwnerFind are the English texts of staff finding an owner.
var englishOwnerFind = map[Key]string{
	OfAsk:      "🔎 <b>Find an IKM owner</b>\n\nType part of the <b>business name</b> or the <b>owner's name</b>, or their <b>phone number</b> (%d–%d characters). For example: <i>keripik</i>, <i>Siti</i>, <i>0812 3456 7890</i>.",
	OfErrShort: "Too short: type at least %d characters, for example <i>kopi</i>.",

	OfFound: "🔎 Results for <b>%s</b> (%d): choose one to open the IKM owner's profile.",
	OfMany:  "🔎 Many IKM owners match <b>%s</b>; only %d are shown. Narrow the search: type more words of the business name, or their phone number.",
	OfNone:  "🔎 No IKM owner matches <b>%s</b>.\n\nTry another part of the business or owner's name (one word is enough), or their full phone number.",

	OfProfileTitle:  "👤 <b>IKM owner's profile</b>",
	OfProfileLevel:  "<b>Export readiness level</b>: %s",
	OfProfileMentor: "<b>Mentor</b>: %s",

	BtnOfFind:  "🔎 Find an IKM owner",
	BtnOfAgain: "🔎 Search again",
}

func init() { addTexts(english, englishOwnerFind) }
