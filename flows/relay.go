package flows

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"ikmbot"
)

// Messages between an owner and their mentor, relayed by the bot so that
// neither sees the other's phone number: the owner writes with
// MessageMentor, the mentor answers with MessageOwner. Both ask for the
// text, then show it back with a send button; back rewrites it, cancel
// drops it.

// Step ids of MessageMentor and MessageOwner, which are also the keys of
// their answers.
const (
	rlText = "text"
	rlSend = "send"
)

// rlYes is the send step's answer.
const rlYes = "y"

// Context the handler prefills to open MessageMentor or MessageOwner.
const (
	// AnswerRelayTo is the id of whom the message is for: the mentor for
	// MessageMentor, the owner for MessageOwner.
	AnswerRelayTo = "_relay_to"
	// AnswerRelayName is how they are named in the questions: the
	// mentor's first name ("" when not known), the owner's business.
	AnswerRelayName = "_relay_name"
)

// Limits of a relayed message, in characters.
const rlTextMin, rlTextMax = 2, 1000

// MessageMentor is an owner's message to their mentor.
var MessageMentor = relayFlow("rm", MrAskToMentor, MrAskToMentorNoName)

// MessageOwner is a mentor's message to one of their owners.
var MessageOwner = relayFlow("rr", MrAskToOwner, MrAskToOwner)

// relayFlow is a flow that asks for a message to someone (named with ask,
// or noName when their name is not known), shows it back and sends it on
// the send button.
func relayFlow(name string, ask, noName Key) *Flow {
	return &Flow{
		Name:    name,
		Version: 1,
		Steps: []Step{
			{ID: rlText, ParseEvent: rlParseText, Ask: func(lang string, a map[string]string) string {
				if a[AnswerRelayName] == "" {
					return T(lang, noName, rlTextMin, rlTextMax)
				}
				return T(lang, ask, Escape(a[AnswerRelayName]), rlTextMin, rlTextMax)
			}},
			{ID: rlSend, ParseEvent: rlParseSend, Ask: rlAskSend,
				Choices: func(lang string, _ map[string]string) []Choice { return []Choice{{rlYes, T(lang, BtnMrSend)}} }},
		},
	}
}

// RelayContext is what the handler prefills to open MessageMentor or
// MessageOwner: whom the message is for and their name as shown.
func RelayContext(to int64, name string) map[string]string {
	return map[string]string{AnswerRelayTo: strconv.FormatInt(to, 10), AnswerRelayName: name}
}

// RelayFrom reads a finished MessageMentor or MessageOwner: whom the
// message is for (0 when the context is missing) and its text.
func RelayFrom(answers map[string]string) (to int64, text string) {
	to, _ = strconv.ParseInt(answers[AnswerRelayTo], 10, 64)
	return to, answers[rlText]
}

// rlParseText takes typed text of rlTextMin to rlTextMax characters, kept
// as typed, lines and all. Stickers, photos, voice notes and the like
// cannot be relayed: the hint asks for the message in words.
func rlParseText(ev ikmbot.Event) (string, *Problem) {
	if ev.Kind != ikmbot.EventText {
		return "", &Problem{Key: MrErrNotText}
	}
	s := strings.TrimSpace(ev.Text)
	switch n := utf8.RuneCountInString(s); {
	case n < rlTextMin:
		return "", &Problem{Key: MrErrShort, Args: []any{rlTextMin}}
	case n > rlTextMax:
		return "", &Problem{Key: MrErrLong, Args: []any{rlTextMax, n}}
	}
	return s, nil
}

// rlYesWords are typed answers that count as pressing the send button,
// for owners who answer a question by typing.
var rlYesWords = map[string]bool{"y": true, "ya": true, "iya": true, "yes": true, "ok": true, "oke": true, "kirim": true, "send": true}

// rlParseSend takes a typed yes as the send button; anything else (more
// text, a sticker) says the message is not sent yet and how to send or
// change it.
func rlParseSend(ev ikmbot.Event) (string, *Problem) {
	if ev.Kind == ikmbot.EventText && rlYesWords[strings.ToLower(strings.Trim(ev.Text, " \t\n.!"))] {
		return rlYes, nil
	}
	return "", &Problem{Key: MrErrNotSent}
}

func rlAskSend(lang string, a map[string]string) string {
	name := a[AnswerRelayName]
	if name == "" {
		name = T(lang, MrNoName)
	}
	return T(lang, MrConfirm, Escape(name), Escape(a[rlText]))
}
