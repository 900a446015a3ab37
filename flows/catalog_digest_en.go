package flows

func init() { addTexts(english, englishDigest) }

// englishDigest are the English texts of the mentoring digests.
var englishDigest = map[Key]string{
	MdDigestTitle:      "📋 <b>Weekly mentoring digest</b>\n%s",
	MdDigestCounts:     "Owners you mentor: <b>%d</b>\nNo follow-up for more than %d days: <b>%d</b>",
	MdDigestAllOnTime:  "Every owner has been followed up on time. Thank you! 🙏",
	MdDigestTopTitle:   "Longest without a follow-up:",
	MdDigestLine:       "%d. <b>%s</b> — %s (since %s)",
	MdDigestLineRegion: "%d. <b>%s</b>, %s — %s (since %s)",
	MdDigestMore:       "… and %d more.",
	MdDigestNoName:     "IKM #%d",
	MdDigestHint:       "Log your follow-ups from your list of mentees.",
	MdDays:             "%d days",
	MdOneDay:           "1 day",
	BtnMdOpenList:      "📋 Open my mentees",
	MdEscTitle:         "⚠️ <b>Overdue mentoring</b>\n%s",
	MdEscIntro:         "Owners without a follow-up for more than %d days (twice the cadence of %d days), per mentor:",
	MdEscLine:          "• %s: <b>%d</b>",
	MdEscUnnamed:       "Mentor #%d",
	MdEscTotal:         "Total overdue: <b>%d</b> · mentors concerned: %d",
	MdEscHint:          "Open /mentees to see the mentors' loads and reassign owners.",
}
