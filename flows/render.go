package flows

import (
	"strings"

	"ikmbot"
)

// ask renders the session's current step (or the summary) as one message.
func (f *Flow) ask(chatID int64, lang string, s ikmbot.Session) Result {
	r := Result{Session: s, Outcome: Continue}
	if s.Step == summaryStep {
		r.Messages = []ikmbot.Message{f.summary(chatID, lang, s)}
		return r
	}
	st, ok := f.step(s.Step)
	if !ok {
		// A step id the flow no longer has: start over at the first open step.
		s.Step = f.firstOpen(s.Answers, 0)
		return f.ask(chatID, lang, s)
	}
	pos, total := f.progress(s)
	text := T(lang, MsgProgress, pos, total) + "\n\n" + st.Ask(lang, s.Answers)
	m := ikmbot.Message{ChatID: chatID, Text: text}
	canBack := len(s.History) > 0 || s.Editing
	if st.Contact {
		nav := []ikmbot.KeyButton{{Text: T(lang, BtnCancel)}}
		if canBack {
			nav = append([]ikmbot.KeyButton{{Text: T(lang, BtnBack)}}, nav...)
		}
		m.Keyboard = &ikmbot.Keyboard{Rows: [][]ikmbot.KeyButton{{{Text: T(lang, SuShareContact), RequestContact: true}}, nav}}
		r.Messages = []ikmbot.Message{m}
		return r
	}
	if st.Choices != nil {
		var row []ikmbot.Button
		cols := max(st.Columns, 1)
		for _, c := range st.Choices(lang, s.Answers) {
			row = append(row, ikmbot.Button{Text: c.Label, Data: f.data(actPick, s.Nonce, st.ID, c.Value)})
			if len(row) == cols {
				m.Buttons, row = append(m.Buttons, row), nil
			}
		}
		if len(row) > 0 {
			m.Buttons = append(m.Buttons, row)
		}
	}
	m.Buttons = append(m.Buttons, f.nav(lang, s, canBack))
	r.Messages = []ikmbot.Message{m}
	return r
}

func (f *Flow) nav(lang string, s ikmbot.Session, canBack bool) []ikmbot.Button {
	row := []ikmbot.Button{{Text: T(lang, BtnCancel), Data: f.data(actCancel, s.Nonce, s.Step, "")}}
	if canBack {
		row = append([]ikmbot.Button{{Text: T(lang, BtnBack), Data: f.data(actBack, s.Nonce, s.Step, "")}}, row...)
	}
	return row
}

// progress is the step's position among the steps that apply, 1-based.
func (f *Flow) progress(s ikmbot.Session) (pos, total int) {
	for _, st := range f.Steps {
		if f.skipped(st, s.Answers) {
			continue
		}
		total++
		if st.ID == s.Step {
			pos = total
		}
	}
	return pos, total
}

// Lines renders the answers of every applicable step with a field label,
// one "<b>label</b>: value" line each; the summary and the profile view
// share it.
func (f *Flow) Lines(lang string, answers map[string]string) string {
	var b strings.Builder
	for _, st := range f.Steps {
		if st.Field == "" || f.skipped(st, answers) {
			continue
		}
		v, ok := answers[st.ID]
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("<b>" + T(lang, st.Field) + "</b>: " + Escape(f.show(lang, st, v)))
	}
	return b.String()
}

func (f *Flow) summary(chatID int64, lang string, s ikmbot.Session) ikmbot.Message {
	title := SuSummary
	if f.SummaryTitle != "" {
		title = f.SummaryTitle
	}
	m := ikmbot.Message{ChatID: chatID, Text: T(lang, title, f.Lines(lang, s.Answers))}
	var row []ikmbot.Button
	for _, st := range f.Steps {
		if st.Field == "" || f.skipped(st, s.Answers) {
			continue
		}
		row = append(row, ikmbot.Button{Text: T(lang, SuEditPrefix, T(lang, st.Field)), Data: f.data(actEdit, s.Nonce, summaryStep, st.ID)})
		if len(row) == 2 {
			m.Buttons, row = append(m.Buttons, row), nil
		}
	}
	if len(row) > 0 {
		m.Buttons = append(m.Buttons, row)
	}
	m.Buttons = append(m.Buttons, []ikmbot.Button{{Text: T(lang, SuSave), Data: f.data(actSave, s.Nonce, summaryStep, "")}})
	m.Buttons = append(m.Buttons, f.nav(lang, s, len(s.History) > 0))
	return m
}
