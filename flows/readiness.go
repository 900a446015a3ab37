package flows

import (
	"fmt"
	"math"
	"strings"

	"ikmbot"
)

// Readiness is the export-readiness check: one step per question of the
// embedded questionnaire, its version the questionnaire's, so a change of
// questions reconciles sessions begun under the old ones.
var Readiness = newReadiness(ikmbot.Readiness())

// Answer keys of context the readiness flow carries (see AnswerSource for
// the convention): a question the profile settles, and the options the
// profile leaves open for a question.
const (
	answerFixed   = "_fixed_"
	answerAllowed = "_allow_"
)

func newReadiness(q *ikmbot.Questionnaire) *Flow {
	f := &Flow{Name: "rc", Version: q.Version}
	for _, qu := range q.Questions {
		f.Steps = append(f.Steps, Step{
			ID: qu.ID,
			Ask: func(lang string, answers map[string]string) string {
				var b strings.Builder
				b.WriteString("<b>" + Escape(pick(lang, qu.TextID, qu.TextEN)) + "</b>\n")
				for _, o := range allowedOptions(qu, answers) {
					b.WriteString("\n<b>" + strings.ToUpper(o.ID) + ".</b> " + Escape(pick(lang, o.TextID, o.TextEN)))
				}
				return b.String()
			},
			// Options can be long, so they are written out in the message and
			// the buttons carry their letters: every option reads whole on a
			// small phone.
			Choices: func(_ string, answers map[string]string) []Choice {
				var cs []Choice
				for _, o := range allowedOptions(qu, answers) {
					cs = append(cs, Choice{Value: o.ID, Label: strings.ToUpper(o.ID)})
				}
				return cs
			},
			Columns: 5,
			Skip:    func(answers map[string]string) bool { return answers[answerFixed+qu.ID] != "" },
		})
	}
	return f
}

// allowedOptions are the question's options the profile leaves open.
func allowedOptions(qu ikmbot.Question, answers map[string]string) []ikmbot.Option {
	allowed := answers[answerAllowed+qu.ID]
	if allowed == "" {
		return qu.Options
	}
	var out []ikmbot.Option
	for _, o := range qu.Options {
		if strings.Contains(","+allowed+",", ","+o.ID+",") {
			out = append(out, o)
		}
	}
	return out
}

// ReadinessPrefill turns what the profile already says (NIB, export status)
// into context for the check, so those are not asked again: a fact that
// settles a question answers it, one that narrows it leaves only the
// options it allows.
func ReadinessPrefill(q *ikmbot.Questionnaire, p ikmbot.Profile) map[string]string {
	facts := map[string]string{"no_nib": "", "has_nib": "", string(p.ExportStatus): ""}
	if p.NoNIB || p.NIB == "" {
		delete(facts, "has_nib")
	} else {
		delete(facts, "no_nib")
	}
	prefill := map[string]string{}
	for qid, byFact := range q.ProfileAnswers {
		for fact, options := range byFact {
			if _, ok := facts[fact]; !ok {
				continue
			}
			if len(options) == 1 {
				prefill[answerFixed+qid] = options[0]
			} else {
				prefill[answerAllowed+qid] = strings.Join(options, ",")
			}
		}
	}
	return prefill
}

// certQuestion is the readiness question that grades an owner's highest
// product certificate, and certOptions its option for each tier of
// certificate held (or only applied for), in the order of the question's
// options: what /sertifikat stores settles it, so it is not asked twice.
const certQuestion = "q03"

var certOptions = map[ikmbot.CertTier]string{
	ikmbot.TierBasic:         "c",
	ikmbot.TierMiddle:        "d",
	ikmbot.TierInternational: "e",
}

const certApplyingOption = "b"

// ReadinessPrefillCerts settles the certificate question in prefill from
// the owner's stored certificates: the highest tier held, or "being
// applied for" when they only apply. With nothing stored the question is
// asked.
func ReadinessPrefillCerts(prefill map[string]string, tier ikmbot.CertTier, applying bool) {
	switch opt, ok := certOptions[tier]; {
	case ok:
		prefill[answerFixed+certQuestion] = opt
	case applying:
		prefill[answerFixed+certQuestion] = certApplyingOption
	}
}

// ReadinessAsked is how many questions a check with this prefill asks.
func ReadinessAsked(q *ikmbot.Questionnaire, prefill map[string]string) int {
	n := 0
	for _, qu := range q.Questions {
		if prefill[answerFixed+qu.ID] == "" {
			n++
		}
	}
	return n
}

// ReadinessAnswers are the option ids by question id of a finished check,
// those the profile settled included, ready for Questionnaire.Score.
func ReadinessAnswers(answers map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range answers {
		switch {
		case strings.HasPrefix(k, answerFixed):
			out[strings.TrimPrefix(k, answerFixed)] = v
		case !strings.HasPrefix(k, "_"):
			out[k] = v
		}
	}
	return out
}

// ReadinessResult renders a result for its owner: score, level, a bar per
// dimension, what held the level back, and the recommendations with the
// most to gain. previous, when given, is the owner's result before this
// one: moving above its level is celebrated.
func ReadinessResult(lang string, q *ikmbot.Questionnaire, r ikmbot.Result, previous *ikmbot.Result) string {
	var b strings.Builder
	band := levelBand(q, r.Level)
	b.WriteString(T(lang, RcResult, FormatScore(lang, r.Total), Escape(pick(lang, band.NameID, band.NameEN)), Escape(pick(lang, band.DescriptionID, band.DescriptionEN))))
	b.WriteString("\n\n")
	for _, d := range q.Dimensions {
		score := r.Dimensions[d.ID]
		b.WriteString(bar(score) + " " + fmt.Sprintf("%.0f", score) + " " + Escape(pick(lang, d.NameID, d.NameEN)) + "\n")
	}
	for _, g := range q.Gates {
		for _, held := range r.Gates {
			if held == g.ID {
				b.WriteString("\nℹ️ " + Escape(pick(lang, g.MessageID, g.MessageEN)) + "\n")
			}
		}
	}
	if len(r.Recommendations) > 0 {
		b.WriteString("\n" + T(lang, RcRecommendations) + "\n")
		for i, id := range r.Recommendations {
			for _, d := range q.Dimensions {
				if d.ID == id {
					b.WriteString(fmt.Sprintf("%d. <b>%s</b>: %s\n", i+1, Escape(pick(lang, d.NameID, d.NameEN)), Escape(pick(lang, d.RecommendationID, d.RecommendationEN))))
				}
			}
		}
	}
	if previous != nil && r.Level.Above(previous.Level) {
		from := levelBand(q, previous.Level)
		b.WriteString("\n" + T(lang, RcLevelUp, Escape(pick(lang, from.NameID, from.NameEN)), Escape(pick(lang, band.NameID, band.NameEN))))
	}
	return strings.TrimRight(b.String(), "\n")
}

// bar draws a 0-100 score as ten blocks, which read at a glance on a phone.
func bar(score float64) string {
	filled := int(math.Round(score / 10))
	return strings.Repeat("▓", filled) + strings.Repeat("░", 10-filled)
}

// FormatScore writes a score with two decimals at most, with the decimal
// comma in Indonesian.
func FormatScore(lang string, s float64) string {
	out := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", s), "0"), ".")
	if lang != "en" {
		out = strings.Replace(out, ".", ",", 1)
	}
	return out
}

// LevelName is the class name of a level in lang, as the questionnaire
// spells it.
func LevelName(lang string, q *ikmbot.Questionnaire, l ikmbot.Level) string {
	b := levelBand(q, l)
	return Escape(pick(lang, b.NameID, b.NameEN))
}

func levelBand(q *ikmbot.Questionnaire, l ikmbot.Level) ikmbot.LevelBand {
	for _, b := range q.Levels {
		if b.ID == l {
			return b
		}
	}
	return ikmbot.LevelBand{ID: l, NameID: string(l), NameEN: string(l)}
}

// pick chooses the text of the user's language from data that has both.
func pick(lang, id, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return id
}
