package flows

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"ikmbot"
)

// Context answers of CertEntry and HelpAsk, prefilled by the handler (see
// CertEntryContext and HelpAskContext).
const (
	// AnswerCertTypes are the codes of the certifications to offer, comma
	// separated, in the order of the buttons.
	AnswerCertTypes = "_types"
	// AnswerCertType is the code of the one certification the
	// conversation is about, when the owner chose it before (a button of
	// /sertifikat).
	AnswerCertType = "_type"
)

// Step ids of CertEntry, which are also the keys of its answers.
const (
	sfType    = "type"
	sfStatus  = "status"
	sfNumber  = "number"
	sfIssued  = "issued"
	sfExpires = "expires"
	sfSince   = "since"
)

// Answer values of CertEntry besides dates, which are stored as
// "2006-01-02".
const (
	sfHeld      = string(ikmbot.CertHeld)
	sfApplying  = string(ikmbot.CertApplying)
	sfNone      = "-"  // no number, issue date unknown, no expiry, since: not remembered
	sfUnknown   = "?"  // expiry not known for a type that has one
	sfGuess     = "d:" // prefix: the catalog's usual expiry, "d:2030-08-17"
	sfThisMonth = "m"  // applying since this month
)

// Limits of typed answers.
const (
	sfNumberMin, sfNumberMax = 3, 60
	sfFirstYear              = 1990 // no certificate the bot tracks was issued before
	sfMaxYearsAhead          = 30   // an expiry further off is a typo (the longest validity is 10 years)
)

// sfZone is WIB, to tell today's date from the now the engine passes: a
// certificate is not issued in the future. Fixed for the reason kbZone is.
var sfZone = time.FixedZone("WIB", 7*3600)

// CertEntry records or updates one of an owner's certifications: which one
// (from the AnswerCertTypes offered), whether it is held or being applied
// for, then for a held one its number, issue date and expiry, for one
// being applied for since when, and a summary. CertificateFromAnswers
// reads the confirmed answers.
//
// Opened for a certification the owner picked (AnswerCertType, with the
// "type" answer prefilled as CertEntryContext does), the type is not
// asked; it is shown on the summary, and its ✏️ button only explains that
// another certification is recorded from /sertifikat: the answers are
// about that one certificate (an expiry worked out from its validity, a
// record the handler replaces), so the type stays fixed.
var CertEntry = &Flow{
	Name:    "sf",
	Version: 1,
	Summary: true,
	Steps: []Step{
		{ID: sfType, Ask: sfAskType, Choices: sfTypeChoices, Columns: 2, Field: SfFieldType, Show: sfShowType},
		{ID: sfStatus, Ask: sfAsk(SfAskStatus), Columns: 2, Field: SfFieldStatus, Show: sfShowStatus,
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{sfHeld, T(lang, SfHeld)}, {sfApplying, T(lang, SfApplying)}}
			}},
		{ID: sfNumber, Ask: sfAsk(SfAskNumber), Parse: sfParseNumber, Field: SfFieldNumber, Show: sfShowNumber, Skip: sfNotHeld,
			Choices: func(lang string, _ map[string]string) []Choice { return []Choice{{sfNone, T(lang, SfNoNumber)}} }},
		{ID: sfIssued, Ask: sfAsk(SfAskIssued), ParseAt: sfParseIssued, Field: SfFieldIssued, Show: sfShowIssued, Skip: sfNotHeld,
			Choices: func(lang string, _ map[string]string) []Choice { return []Choice{{sfNone, T(lang, SfDontKnow)}} }},
		{ID: sfExpires, Ask: sfAskExpires, Choices: sfExpiresChoices, ParseAt: sfParseExpires, Field: SfFieldExpires, Show: sfShowExpires,
			Skip: sfNoExpiry},
		{ID: sfSince, Ask: sfAsk(SfAskSince), Columns: 2, ParseAt: sfParseSince, Field: SfFieldSince, Show: sfShowSince,
			Skip: func(a map[string]string) bool { return a[sfStatus] != sfApplying },
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{sfThisMonth, T(lang, SfThisMonth)}, {sfNone, T(lang, SfDontRemember)}}
			}},
	},
}

// CertEntryContext is what the handler prefills to open CertEntry: the
// codes to offer and, when the owner already picked one (known, "" for
// none), that one as context and as the answer to the type question.
// Merge CertAnswers into it to change a recorded certificate.
func CertEntryContext(codes []string, known string) map[string]string {
	a := map[string]string{AnswerCertTypes: strings.Join(codes, ",")}
	if known != "" {
		a[AnswerCertType], a[sfType] = known, known
	}
	return a
}

// CertIssuedContext opens CertEntry for an application whose certificate
// came through: the type known and the status already "held", so the owner
// is asked for its number and dates.
func CertIssuedContext(codes []string, known string) map[string]string {
	a := CertEntryContext(codes, known)
	a[sfStatus] = sfHeld
	return a
}

// certCodes reads the comma-separated codes of AnswerCertTypes.
func certCodes(a map[string]string) []string {
	var codes []string
	for _, c := range strings.Split(a[AnswerCertTypes], ",") {
		if c = strings.TrimSpace(c); c != "" {
			codes = append(codes, c)
		}
	}
	return codes
}

// certTypeChoices are buttons of the catalog's certifications with these
// codes, labelled with their short names; codes the catalog no longer has
// are left out.
func certTypeChoices(lang string, codes []string) []Choice {
	var cs []Choice
	seen := map[string]bool{}
	for _, code := range codes {
		if t, ok := ikmbot.CertTypeByCode(code); ok && !seen[code] {
			seen[code] = true
			cs = append(cs, Choice{code, t.Short(lang)})
		}
	}
	return cs
}

// sfTypeChoices offer the AnswerCertTypes, or only the AnswerCertType when
// the owner picked one (see CertEntry).
func sfTypeChoices(lang string, a map[string]string) []Choice {
	if known := a[AnswerCertType]; known != "" {
		return certTypeChoices(lang, []string{known})
	}
	return certTypeChoices(lang, certCodes(a))
}

func sfAskType(lang string, a map[string]string) string {
	if known, ok := ikmbot.CertTypeByCode(a[AnswerCertType]); ok {
		return T(lang, SfAskTypeFixed, Escape(known.Short(lang)))
	}
	return T(lang, SfAskType)
}

// sfCertType is the certification the answers are about, from the type
// answer or else the context; ok is false for a code the catalog does not
// have.
func sfCertType(a map[string]string) (ikmbot.CertType, bool) {
	code := a[sfType]
	if code == "" {
		code = a[AnswerCertType]
	}
	return ikmbot.CertTypeByCode(code)
}

// sfShort is the short name of the certification the answers are about,
// escaped for a question.
func sfShort(lang string, a map[string]string) string {
	t, ok := sfCertType(a)
	if !ok {
		return Escape(a[sfType])
	}
	return Escape(t.Short(lang))
}

// sfAsk is a question that names the certification.
func sfAsk(k Key) func(string, map[string]string) string {
	return func(lang string, a map[string]string) string { return T(lang, k, sfShort(lang, a)) }
}

// sfNotHeld leaves out the questions about a held certificate. They count
// as to come until the status is answered: most owners record one they
// hold, so the step count stays put for them.
func sfNotHeld(a map[string]string) bool { return a[sfStatus] == sfApplying }

// sfNoExpiry leaves out the expiry for a certificate being applied for
// and for a type without one; before the type is known it counts as to
// come.
func sfNoExpiry(a map[string]string) bool {
	if sfNotHeld(a) {
		return true
	}
	if a[sfType] == "" && a[AnswerCertType] == "" {
		return false
	}
	return !sfHasExpiry(sfCertType(a))
}

// sfHasExpiry reports whether the expiry is asked for a type: it has a
// usual validity, or the research could not confirm that it has none.
func sfHasExpiry(t ikmbot.CertType, ok bool) bool {
	return ok && (t.ValidityYears > 0 || t.Uncertain)
}

func sfShowType(lang, code string) string {
	if t, ok := ikmbot.CertTypeByCode(code); ok {
		return t.Name(lang)
	}
	return code
}

func sfShowStatus(lang, v string) string {
	if v == sfApplying {
		return T(lang, SfApplying)
	}
	return T(lang, SfHeld)
}

// sfNumberWords are what owners type for "I do not know the number".
var sfNumberWords = map[string]bool{
	"-": true, "tidak tahu": true, "tidak tau": true, "gak tahu": true, "nggak tahu": true, "ga tau": true, "lupa": true,
	"lewati": true, "lewat": true, "skip": true, "tidak ada": true, "don't know": true, "dont know": true, "unknown": true,
}

// sfParseNumber accepts a certificate number as printed: 3 to 60
// letters, digits, spaces, dots, slashes and dashes, with at least one
// digit (every number has one; "tidak tau" is not a number).
func sfParseNumber(text string) (string, *Problem) {
	s := strings.Join(strings.Fields(text), " ")
	if sfNumberWords[strings.ToLower(s)] {
		return sfNone, nil
	}
	n := utf8.RuneCountInString(s)
	digit := strings.IndexFunc(s, unicode.IsDigit) >= 0
	bad := strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" ./-", r)
	}) >= 0
	if n < sfNumberMin || n > sfNumberMax || !digit || bad {
		return "", &Problem{Key: SfErrNumber, Args: []any{sfNumberMin, sfNumberMax}}
	}
	return s, nil
}

func sfShowNumber(lang, v string) string {
	if v == sfNone {
		return T(lang, SfNoNumberShow)
	}
	return v
}

// sfDontKnowWords are what owners type for a date they do not know.
var sfDontKnowWords = map[string]bool{
	"-": true, "tidak tahu": true, "tidak tau": true, "gak tahu": true, "nggak tahu": true, "ga tau": true, "lupa": true,
	"tidak ingat": true, "gak ingat": true, "lewati": true, "skip": true, "don't know": true, "dont know": true, "unknown": true,
}

// sfDay is the day a typed date names, as "2006-01-02", or a problem.
func sfDay(text string) (string, *Problem) {
	y, m, d, p := ParseDate(text)
	if p != nil {
		return "", p
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(kbDateLayout), nil
}

// sfToday is today's date in WIB as "2006-01-02".
func sfToday(now time.Time) string { return now.In(sfZone).Format(kbDateLayout) }

// sfDate reads a stored date answer; ok is false for "-" and the like.
func sfDate(v string) (time.Time, bool) {
	t, err := time.Parse(kbDateLayout, v)
	return t, err == nil
}

// sfParseIssued accepts the issue date: not in the future, not before
// sfFirstYear, and before the expiry when one was typed (a date changed
// on the summary).
func sfParseIssued(text string, a map[string]string, now time.Time) (string, *Problem) {
	if sfDontKnowWords[strings.ToLower(strings.Join(strings.Fields(text), " "))] {
		return sfNone, nil
	}
	day, p := sfDay(text)
	if p == nil {
		p = sfPastDay(day, now)
	}
	if p != nil {
		return "", p
	}
	if exp := a[sfExpires]; !strings.HasPrefix(exp, sfGuess) {
		if _, ok := sfDate(exp); ok && day >= exp {
			return "", &Problem{Key: SfErrIssuedAfterExpiry, Args: []any{kbNumericDate(exp)}}
		}
	}
	return day, nil
}

// sfPastDay checks that a day ("2006-01-02") has come, and is not before
// the first year any tracked certificate was issued.
func sfPastDay(day string, now time.Time) *Problem {
	switch {
	case day > sfToday(now):
		return &Problem{Key: SfErrFuture, Args: []any{kbNumericDate(sfToday(now))}}
	case day < sfFirstDay():
		return &Problem{Key: SfErrTooOld, Args: []any{sfFirstYear}}
	}
	return nil
}

func sfFirstDay() string {
	return time.Date(sfFirstYear, 1, 1, 0, 0, 0, 0, time.UTC).Format(kbDateLayout)
}

func sfShowIssued(lang, v string) string {
	if t, ok := sfDate(v); ok {
		return FormatDate(lang, t, time.UTC)
	}
	return T(lang, SfDontKnowShow)
}

// sfDefaultExpiry is the catalog's usual expiry for the answers (issue
// date plus the type's validity), zero when there is none or the issue
// date is not known.
func sfDefaultExpiry(a map[string]string) time.Time {
	t, ok := sfCertType(a)
	issued, known := sfDate(a[sfIssued])
	if !ok || !known {
		return time.Time{}
	}
	return ikmbot.Certificate{Issued: issued}.DefaultExpiry(t)
}

func sfAskExpires(lang string, a map[string]string) string {
	t, _ := sfCertType(a)
	name := sfShort(lang, a)
	switch {
	case t.ValidityYears == 0:
		return T(lang, SfAskExpiresMaybe, name)
	case t.Uncertain:
		return T(lang, SfAskExpiresCheck, name)
	}
	return T(lang, SfAskExpires, name, t.ValidityYears)
}

// sfExpiresChoices offer the usual expiry when it can be worked out, "no
// expiry" for a type that may have none, and "do not know" for a type
// that has one.
func sfExpiresChoices(lang string, a map[string]string) []Choice {
	var cs []Choice
	if d := sfDefaultExpiry(a); !d.IsZero() {
		cs = append(cs, Choice{sfGuess + d.Format(kbDateLayout), T(lang, SfUseDefault, d.Format("02-01-2006"))})
	}
	t, _ := sfCertType(a)
	if t.ValidityYears == 0 || t.Uncertain {
		cs = append(cs, Choice{sfNone, T(lang, SfNoExpiry)})
	}
	if t.ValidityYears > 0 {
		cs = append(cs, Choice{sfUnknown, T(lang, SfDontKnow)})
	}
	return cs
}

// sfNoExpiryWords are what owners type for a certificate without expiry.
var sfNoExpiryWords = map[string]bool{
	"tidak ada": true, "tidak ada masa berlaku": true, "selamanya": true, "seumur hidup": true, "none": true, "no expiry": true,
}

// sfParseExpires accepts a typed expiry after the issue date, at most
// sfMaxYearsAhead years from now. It may be past: an expired certificate
// is recorded to be renewed.
func sfParseExpires(text string, a map[string]string, now time.Time) (string, *Problem) {
	// Words for "none" and "do not know" count as the button the type
	// offers of the two.
	t, _ := sfCertType(a)
	switch s := strings.ToLower(strings.Join(strings.Fields(text), " ")); {
	case sfNoExpiryWords[s] && (t.ValidityYears == 0 || t.Uncertain), sfDontKnowWords[s] && t.ValidityYears == 0:
		return sfNone, nil
	case sfNoExpiryWords[s], sfDontKnowWords[s]:
		return sfUnknown, nil
	}
	day, p := sfDay(text)
	if p != nil {
		return "", p
	}
	if issued := a[sfIssued]; issued != sfNone && issued != "" && day <= issued {
		return "", &Problem{Key: SfErrExpiryBeforeIssued, Args: []any{kbNumericDate(issued)}}
	}
	if day < sfFirstDay() || day > now.In(sfZone).AddDate(sfMaxYearsAhead, 0, 0).Format(kbDateLayout) {
		return "", &Problem{Key: SfErrExpiryFar}
	}
	return day, nil
}

func sfShowExpires(lang, v string) string {
	switch {
	case v == sfNone:
		return T(lang, SfNoExpiryShow)
	case v == sfUnknown:
		return T(lang, SfDontKnowShow)
	case strings.HasPrefix(v, sfGuess):
		if t, ok := sfDate(strings.TrimPrefix(v, sfGuess)); ok {
			return T(lang, SfGuessShow, FormatDate(lang, t, time.UTC))
		}
	}
	if t, ok := sfDate(v); ok {
		return FormatDate(lang, t, time.UTC)
	}
	return v
}

// sfParseSince accepts the day the application started, or its month
// ("Maret 2026": the first of the month): not in the future, not before
// sfFirstYear.
func sfParseSince(text string, _ map[string]string, now time.Time) (string, *Problem) {
	s := strings.ToLower(strings.Join(strings.Fields(text), " "))
	switch {
	case sfDontKnowWords[s]:
		return sfNone, nil
	case s == "bulan ini" || s == "this month":
		return sfThisMonth, nil
	}
	day, p := sfDay(text)
	if p != nil && p.Key == DateFormat {
		if w := strings.Fields(s); len(w) == 2 && dateMonthWord(strings.TrimRight(w[0], ".,")) > 0 {
			if d, q := sfDay("1 " + s); q == nil {
				day, p = d, nil
			}
		}
	}
	if p == nil {
		p = sfPastDay(day, now)
	}
	if p != nil {
		return "", p
	}
	return day, nil
}

func sfShowSince(lang, v string) string {
	switch v {
	case sfNone:
		return T(lang, SfDontRememberShow)
	case sfThisMonth:
		return T(lang, SfThisMonthShow)
	}
	if t, ok := sfDate(v); ok {
		return FormatDate(lang, t, time.UTC)
	}
	return v
}

// CertificateFromAnswers builds the certificate that confirmed CertEntry
// answers describe. Dates are the days as UTC midnight. A usual expiry
// (the default button) is worked out again from the issue date, so it
// follows an issue date changed on the summary after it was chosen, and
// is marked ExpiryGuessed. "Since this month" is the first of now's month
// in WIB, "do not remember" now's day. UpdatedAt is now. It returns an
// EInvalid *ikmbot.Error for answers that do not make a certificate.
func CertificateFromAnswers(answers map[string]string, now time.Time) (ikmbot.Certificate, error) {
	bad := func(format string, args ...any) (ikmbot.Certificate, error) {
		return ikmbot.Certificate{}, ikmbot.Errorf(ikmbot.EInvalid, "certificate from answers: "+format, args...)
	}
	t, ok := sfCertType(answers)
	if !ok {
		return bad("type %q", answers[sfType])
	}
	c := ikmbot.Certificate{Type: t.Code, UpdatedAt: now}
	today := sfDayOf(now)
	switch answers[sfStatus] {
	case sfHeld:
		c.Status = ikmbot.CertHeld
		if n := answers[sfNumber]; n != sfNone {
			c.Number = n
		}
		if v := answers[sfIssued]; v != sfNone && v != "" {
			d, ok := sfDate(v)
			if !ok {
				return bad("issued %q", v)
			}
			c.Issued = d
		}
		if sfHasExpiry(t, true) {
			var err error
			if c.Expires, c.ExpiryGuessed, err = sfExpiry(c, t, answers[sfExpires]); err != nil {
				return bad("%v", err)
			}
		}
		if !c.Issued.IsZero() && !c.Expires.IsZero() && !c.Expires.After(c.Issued) {
			return bad("expires %s not after issued %s", c.Expires.Format(kbDateLayout), c.Issued.Format(kbDateLayout))
		}
	case sfApplying:
		c.Status = ikmbot.CertApplying
		switch v := answers[sfSince]; v {
		case sfNone, "":
			c.Since = today
		case sfThisMonth:
			c.Since = today.AddDate(0, 0, 1-today.Day())
		default:
			d, ok := sfDate(v)
			if !ok {
				return bad("since %q", v)
			}
			c.Since = d
		}
	default:
		return bad("status %q", answers[sfStatus])
	}
	return c, nil
}

// sfExpiry reads the expiry answer v of held certificate c of type t: the
// day, and whether it is the catalog's usual one.
func sfExpiry(c ikmbot.Certificate, t ikmbot.CertType, v string) (time.Time, bool, error) {
	switch {
	case v == sfNone || v == sfUnknown || v == "":
		return time.Time{}, false, nil
	case strings.HasPrefix(v, sfGuess):
		d, ok := sfDate(strings.TrimPrefix(v, sfGuess))
		if !ok {
			return time.Time{}, false, fmt.Errorf("expires %q", v)
		}
		if again := c.DefaultExpiry(t); !again.IsZero() {
			d = again
		}
		return d, true, nil
	}
	d, ok := sfDate(v)
	if !ok {
		return time.Time{}, false, fmt.Errorf("expires %q", v)
	}
	return d, false, nil
}

// sfDayOf is now's day in WIB as UTC midnight, the way certificate dates
// are stored.
func sfDayOf(now time.Time) time.Time {
	y, m, d := now.In(sfZone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CertAnswers turns a recorded certificate back into CertEntry answers, to
// show it and change it through the same questions (merge them into
// CertEntryContext for its type).
func CertAnswers(c ikmbot.Certificate) map[string]string {
	a := map[string]string{sfType: c.Type}
	day := func(t time.Time) string {
		if t.IsZero() {
			return sfNone
		}
		return t.UTC().Format(kbDateLayout)
	}
	switch c.Status {
	case ikmbot.CertHeld:
		a[sfStatus] = sfHeld
		a[sfNumber] = c.Number
		if c.Number == "" {
			a[sfNumber] = sfNone
		}
		a[sfIssued] = day(c.Issued)
		t, ok := ikmbot.CertTypeByCode(c.Type)
		switch {
		case !sfHasExpiry(t, ok):
		case c.Expires.IsZero() && (t.ValidityYears == 0 || t.Uncertain):
			a[sfExpires] = sfNone
		case c.Expires.IsZero():
			a[sfExpires] = sfUnknown
		case c.ExpiryGuessed:
			a[sfExpires] = sfGuess + day(c.Expires)
		default:
			a[sfExpires] = day(c.Expires)
		}
	case ikmbot.CertApplying:
		a[sfStatus] = sfApplying
		a[sfSince] = day(c.Since)
	}
	return a
}
