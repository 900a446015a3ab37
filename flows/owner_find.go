package flows

import (
	"strings"
	"unicode/utf8"

	"ikmbot"
)

// Staff finding an owner (issue 7): OwnerFind asks what to look for, the
// handler searches and lists the owners found (OwnerFindResults, one
// button each labelled OwnerFindLabel), and each opens the owner's
// profile as staff see it (OwnerProfile), where they choose the owner's
// mentor.

// ofQuery is OwnerFind's step id and the key of its answer.
const ofQuery = "query"

// Limits of a search, in characters: fewer than 3 would match most
// owners, and no name or number needs more than 60.
const ofQueryMin, ofQueryMax = 3, 60

// OwnerFind is staff's search for an owner: one typed query (part of the
// business or owner's name, or a phone number), no summary; the search
// runs as soon as it is typed. OwnerFindFrom reads it.
var OwnerFind = &Flow{
	Name:    "of",
	Version: 1,
	Steps: []Step{
		{ID: ofQuery, Parse: parseOwnerQuery,
			Ask: func(lang string, _ map[string]string) string { return T(lang, OfAsk, ofQueryMin, ofQueryMax) }},
	},
}

// OwnerFindFrom reads a finished OwnerFind: what staff look for, white
// space folded.
func OwnerFindFrom(answers map[string]string) string { return answers[ofQuery] }

// parseOwnerQuery accepts ofQueryMin to ofQueryMax characters, runs of
// white space made one space.
func parseOwnerQuery(text string) (string, *Problem) {
	s := strings.Join(strings.Fields(text), " ")
	switch n := utf8.RuneCountInString(s); {
	case n < ofQueryMin:
		return "", &Problem{Key: OfErrShort, Args: []any{ofQueryMin}}
	case n > ofQueryMax:
		return "", &Problem{Key: ErrTooLong, Args: []any{ofQueryMax}}
	}
	return s, nil
}

// OwnerFindResults says what a search for query (not escaped) found:
// shown owners, listed as buttons, which are all there are unless more;
// none asks to search otherwise.
func OwnerFindResults(lang, query string, shown int, more bool) string {
	switch {
	case shown == 0:
		return T(lang, OfNone, Escape(query))
	case more:
		return T(lang, OfMany, Escape(query), shown)
	}
	return T(lang, OfFound, Escape(query), shown)
}

// OwnerFindLabel labels an owner's button in the results: "Kopi Jaya ·
// Metro". Telegram shows labels as typed: nothing is escaped.
func OwnerFindLabel(p ikmbot.Profile) string {
	return p.BusinessName + " · " + showRegion("", p.Region)
}

// OwnerProfile is an owner's profile as staff see it: every sign-up
// answer as on the owner's own profile (the phone too: staff call
// owners, as on class rosters and help requests), the readiness level
// and the mentor, named as staff know them (not escaped; "" for none).
func OwnerProfile(lang string, p ikmbot.Profile, level ikmbot.Level, mentor string) string {
	if mentor == "" {
		mentor = T(lang, MsNoneYet)
	}
	return T(lang, OfProfileTitle) + "\n\n" + SignUp.Lines(lang, ProfileAnswers(p)) + "\n" +
		T(lang, OfProfileLevel, mfLevel(lang, level)) + "\n" + T(lang, OfProfileMentor, Escape(mentor))
}
