package flows

import (
	"strings"
	"unicode/utf8"
)

// Step ids of HelpAsk and HelpReply, which are also the keys of their
// answers.
const (
	hbAbout = "about"
	hbText  = "text"
	hrText  = "text"
)

// AnswerHelp is HelpReply's context: the id of the help request answered.
const AnswerHelp = "_help"

// hbGeneral is the answer for help not about one certification.
const hbGeneral = "-"

// Limits of typed answers.
const (
	hbTextMin, hbTextMax = 10, 500
	hrTextMin, hrTextMax = 2, 1000
)

// HelpAsk is an owner's request for help: what it is about (one of the
// AnswerCertTypes offered, or something general), a short description
// and a summary. Opened from a certification (AnswerCertType, with the
// "about" answer prefilled as HelpAskContext does), the topic is not
// asked but shown on the summary, where it can still be changed: a
// question is not bound to the certification it started from.
// HelpFromAnswers reads the confirmed answers.
var HelpAsk = &Flow{
	Name:    "hb",
	Version: 1,
	Summary: true,
	Steps: []Step{
		{ID: hbAbout, Ask: fixed(HbAskAbout), Choices: hbAboutChoices, Columns: 2, Field: HbFieldAbout, Show: hbShowAbout},
		{ID: hbText, Ask: hbAskText, Parse: hbTextParser(hbTextMin, hbTextMax), Field: HbFieldText},
	},
}

// HelpAskContext is what the handler prefills to open HelpAsk: the
// certification codes to offer and, when the owner asks from one (about,
// "" for none), that one as context and as the answer to the topic
// question.
func HelpAskContext(codes []string, about string) map[string]string {
	a := map[string]string{AnswerCertTypes: strings.Join(codes, ",")}
	if about != "" {
		a[AnswerCertType], a[hbAbout] = about, about
	}
	return a
}

// hbAboutChoices offer the AnswerCertTypes (and the AnswerCertType, so
// the topic the owner came with stays one to go back to) and "general".
func hbAboutChoices(lang string, a map[string]string) []Choice {
	codes := certCodes(a)
	if known := a[AnswerCertType]; known != "" {
		codes = append(codes, known) // a repeated code is offered once
	}
	return append(certTypeChoices(lang, codes), Choice{hbGeneral, T(lang, HbGeneral)})
}

func hbShowAbout(lang, v string) string {
	if v == hbGeneral {
		return T(lang, HbGeneral)
	}
	return sfShowType(lang, v)
}

func hbAskText(lang string, a map[string]string) string {
	if a[hbAbout] != hbGeneral && a[hbAbout] != "" {
		return T(lang, HbAskTextAbout, Escape(hbShowAbout(lang, a[hbAbout])), hbTextMin, hbTextMax)
	}
	return T(lang, HbAskText, hbTextMin, hbTextMax)
}

// hbTextParser accepts text of minLen to maxLen characters, kept as typed,
// lines and all (a message to a person).
func hbTextParser(minLen, maxLen int) func(string) (string, *Problem) {
	return func(text string) (string, *Problem) {
		s := strings.TrimSpace(text)
		switch n := utf8.RuneCountInString(s); {
		case n < minLen:
			return "", &Problem{Key: HbErrShort, Args: []any{minLen}}
		case n > maxLen:
			return "", &Problem{Key: ErrTooLong, Args: []any{maxLen}}
		}
		return s, nil
	}
}

// HelpFromAnswers reads confirmed HelpAsk answers: the certification code
// the request is about ("" for a general one) and the owner's text.
func HelpFromAnswers(answers map[string]string) (certType, text string) {
	certType = answers[hbAbout]
	if _, ok := answers[hbAbout]; !ok {
		certType = answers[AnswerCertType]
	}
	if certType == hbGeneral {
		certType = ""
	}
	return certType, answers[hbText]
}

// HelpReply is a staff member's reply to a help request: one typed
// message, sent as soon as it is written (no summary). The handler
// prefills AnswerHelp with the request's id; HelpReplyFrom reads the
// result.
var HelpReply = &Flow{
	Name:    "hr",
	Version: 1,
	Steps: []Step{
		{ID: hrText, Parse: hbTextParser(hrTextMin, hrTextMax),
			Ask: func(lang string, a map[string]string) string {
				if a[AnswerHelpFromOwner] != "" {
					return T(lang, HrAskTextOwner, Escape(a[AnswerHelp]), hrTextMin, hrTextMax)
				}
				return T(lang, HrAskText, Escape(a[AnswerHelp]), hrTextMin, hrTextMax)
			}},
	},
}

// AnswerHelpFromOwner, set in HelpReply's context, makes it ask the
// owner's question (a message to the office) instead of the staff's.
const AnswerHelpFromOwner = "_from_owner"

// HelpReplyFrom reads HelpReply's answers: the help request's id and the
// reply.
func HelpReplyFrom(answers map[string]string) (id, text string) {
	return answers[AnswerHelp], answers[hrText]
}
