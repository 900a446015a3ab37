package flows

import (
	"strconv"

	"ikmbot"
)

// Step ids of FollowUpEntry, which are also the keys of their answers.
const (
	fuKind = "kind"
	fuNote = "note"
)

// FollowUpEntry's context, prefilled by the handler: the owner followed up
// (their user id) and their business name for the questions.
const (
	AnswerMentee     = "_owner"
	AnswerMenteeName = "_business"
)

// fuSkip is the note's answer when the mentor skipped it.
const fuSkip = "-"

// Limits of the note: short, so the card's history stays readable.
const fuNoteMin, fuNoteMax = 2, 300

// FollowUpEntry is a mentor logging a follow-up of one of their owners:
// how they were in touch (a visit, a call, a chat, a training), a short
// note or "Lewati", and a summary to save from. The handler prefills the
// context with FollowUpContext and reads the result with FollowUpFrom.
var FollowUpEntry = &Flow{
	Name:    "fu",
	Version: 1,
	Summary: true,
	Steps: []Step{
		{ID: fuKind, Columns: 2, Field: MfFieldKind, Show: FollowUpKindName,
			Ask: func(lang string, a map[string]string) string {
				return T(lang, MfAskKind, Escape(a[AnswerMenteeName]))
			},
			Choices: func(lang string, _ map[string]string) []Choice {
				out := make([]Choice, len(ikmbot.FollowUpKinds))
				for i, k := range ikmbot.FollowUpKinds {
					out[i] = Choice{Value: string(k), Label: FollowUpKindName(lang, string(k))}
				}
				return out
			}},
		{ID: fuNote, Field: MfFieldNote, Parse: hbTextParser(fuNoteMin, fuNoteMax),
			Ask: func(lang string, _ map[string]string) string { return T(lang, MfAskNote, fuNoteMax) },
			Choices: func(lang string, _ map[string]string) []Choice {
				return []Choice{{Value: fuSkip, Label: T(lang, MfSkipNote)}}
			},
			Show: func(lang, v string) string {
				if v == fuSkip {
					return T(lang, MfNoNote)
				}
				return v
			}},
	},
}

// FollowUpContext is what the handler prefills to open FollowUpEntry for
// an owner.
func FollowUpContext(ownerID int64, business string) map[string]string {
	return map[string]string{AnswerMentee: strconv.FormatInt(ownerID, 10), AnswerMenteeName: business}
}

// FollowUpFrom reads FollowUpEntry's confirmed answers: the owner, how
// they were followed up and the note ("" when skipped). ownerID is 0 when
// the context is missing or broken.
func FollowUpFrom(answers map[string]string) (ownerID int64, kind ikmbot.FollowUpKind, note string) {
	ownerID, _ = strconv.ParseInt(answers[AnswerMentee], 10, 64)
	note = answers[fuNote]
	if note == fuSkip {
		note = ""
	}
	return ownerID, ikmbot.FollowUpKind(answers[fuKind]), note
}

// FollowUpKindName is how a kind of follow-up reads in lang: "🏠
// Kunjungan"; a kind this build does not know shows as stored.
func FollowUpKindName(lang, kind string) string {
	switch ikmbot.FollowUpKind(kind) {
	case ikmbot.FollowVisit:
		return T(lang, MfKindVisit)
	case ikmbot.FollowCall:
		return T(lang, MfKindCall)
	case ikmbot.FollowChat:
		return T(lang, MfKindChat)
	case ikmbot.FollowTraining:
		return T(lang, MfKindTraining)
	case ikmbot.FollowMessageFromOwner:
		return T(lang, MfKindMsgOwner)
	case ikmbot.FollowMessageFromMentor:
		return T(lang, MfKindMsgMentor)
	}
	return kind
}
