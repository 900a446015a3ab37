package flows

import (
	"strings"
	"time"

	"ikmbot"
)

// Choice is one answer offered as a button.
type Choice struct {
	Value string // stored answer and part of the callback data: short, no ':'
	Label string
}

// Problem says why a typed answer was refused, as a catalog key with its
// arguments, so the user gets the explanation in their language.
type Problem struct {
	Key  Key
	Args []any
}

// Step asks one thing. A step accepts a button (Choices), typed text
// (Parse), a shared contact (Contact, checked with Parse), rich input such
// as formatted text or a photo (ParseEvent) or a mix.
type Step struct {
	ID      string
	Ask     func(lang string, answers map[string]string) string
	Choices func(lang string, answers map[string]string) []Choice
	Columns int // buttons per row; 1 when zero
	// Parse validates and normalises typed text; nil when only buttons count.
	Parse func(text string) (string, *Problem)
	// ParseAt is used instead of Parse when set, for typed answers that
	// depend on the time or on earlier answers (a meeting date may be
	// neither past nor before the previous meeting). Neither checks a
	// pressed button: Choices offer only valid answers.
	ParseAt func(text string, answers map[string]string, now time.Time) (string, *Problem)
	// ParseEvent, when set, takes rich input instead of Parse and ParseAt:
	// every text (with its formatting, Event.HTML) and every EventOther
	// (a photo or document with its caption, but also a sticker, which it
	// should refuse) at this step. It returns the answer to store (a
	// broadcast keeps a small JSON) or a Problem. The back and cancel
	// texts of a reply keyboard and typed choices are still honoured
	// before it for text.
	ParseEvent func(ev ikmbot.Event) (string, *Problem)
	Contact    bool // offer the share-contact reply keyboard
	// Skip leaves the step out for these answers (a follow-up question that
	// does not apply).
	Skip func(answers map[string]string) bool
	// Clears are the steps whose answers a new, different answer to this
	// step drops, because their choices depend on it (a lead's country on
	// its sector): changed from the summary, they are asked again.
	Clears []string
	// Field labels the answer on the summary; steps without one (consent)
	// are not shown there and cannot be edited.
	Field Key
	Show  func(lang, value string) string
	// Abort is a choice value that ends the flow with AbortText and nothing
	// kept (declining consent).
	Abort     string
	AbortText Key
}

// Outcome says how a flow stands after an event.
type Outcome int

// Outcomes of Handle.
const (
	Continue  Outcome = iota // the flow asks its next (or the same) question
	Done                     // the user confirmed; Session.Answers hold the result
	Cancelled                // the user left; nothing is to be kept
)

// Result is what the engine returns: the new session (to be saved unless the
// outcome is Done or Cancelled), the messages to send and the outcome.
type Result struct {
	Session  ikmbot.Session
	Messages []ikmbot.Message
	Outcome  Outcome
}

// Flow is a list of steps with an optional summary at the end where any
// answer can be changed before saving.
type Flow struct {
	Name    string // short; starts every callback of the flow
	Version int    // bump when steps change meaning, so old state is reconciled
	Steps   []Step
	Summary bool
	// SummaryTitle, when set, replaces SuSummary: a %s for the answers,
	// for flows whose answers are not the user's own details.
	SummaryTitle Key
}

// summaryStep is the step id of the summary.
const summaryStep = "summary"

// Callback actions, the second part of a flow's callback data.
const (
	actPick   = "p"
	actBack   = "b"
	actCancel = "x"
	actEdit   = "e"
	actSave   = "s"
)

// Owns reports whether callback data belongs to this flow.
func (f *Flow) Owns(data string) bool { return strings.HasPrefix(data, f.Name+":") }

// Start begins the flow for a chat. Prefilled answers are kept (they skip
// nothing: each step is still asked unless already answered); nonce must be
// new for every start so buttons of earlier runs are recognised as stale.
func (f *Flow) Start(chatID int64, lang, nonce string, prefill map[string]string, now time.Time) Result {
	s := f.newSession(nonce, prefill, now)
	s.Step = f.firstOpen(s.Answers, 0) // a prefilled or skipped question is not asked
	return f.ask(chatID, lang, s)
}

// StartAtSummary opens the flow on its summary with every answer given, to
// change a saved record (the profile) through the same questions.
func (f *Flow) StartAtSummary(chatID int64, lang, nonce string, answers map[string]string, now time.Time) Result {
	s := f.newSession(nonce, answers, now)
	s.Step = f.firstOpen(s.Answers, 0)
	return f.ask(chatID, lang, s)
}

func (f *Flow) newSession(nonce string, answers map[string]string, now time.Time) ikmbot.Session {
	return ikmbot.Session{Flow: f.Name, Version: f.Version, Nonce: nonce, Answers: cloneAnswers(answers), UpdatedAt: now}
}

// Resume re-asks the current question of a running session, for a user
// who comes back. A session written by another version of the flow is
// reconciled first.
func (f *Flow) Resume(chatID int64, lang string, s ikmbot.Session, now time.Time) Result {
	s, note := f.reconcile(s, now)
	r := f.ask(chatID, lang, s)
	lead := T(lang, MsgResume)
	if note {
		lead = T(lang, MsgFlowUpdated) + "\n\n" + lead
	}
	r.Messages = append([]ikmbot.Message{{ChatID: chatID, Text: lead}}, r.Messages...)
	return r
}

// Handle moves the flow on by one event. It never fails: input it cannot use
// re-asks the same step with a hint.
func (f *Flow) Handle(s ikmbot.Session, ev ikmbot.Event, lang string, now time.Time) Result {
	s, note := f.reconcile(s, now)
	if note {
		r := f.ask(ev.ChatID, lang, s)
		r.Messages = append([]ikmbot.Message{{ChatID: ev.ChatID, Text: T(lang, MsgFlowUpdated)}}, r.Messages...)
		return r
	}
	s.UpdatedAt = now
	switch ev.Kind {
	case ikmbot.EventCallback:
		return f.handleCallback(s, ev, lang)
	case ikmbot.EventText:
		return f.handleText(s, ev, lang, now)
	case ikmbot.EventContact:
		return f.handleContact(s, ev, lang)
	case ikmbot.EventOther:
		if st, ok := f.step(s.Step); ok && st.ParseEvent != nil {
			value, problem := st.ParseEvent(ev)
			return f.answer(ev.ChatID, lang, s, st, value, problem)
		}
	}
	return f.reask(ev.ChatID, lang, s, T(lang, MsgUnreadable)+" "+f.hint(lang, s))
}

func (f *Flow) handleCallback(s ikmbot.Session, ev ikmbot.Event, lang string) Result {
	act, nonce, step, value, ok := parseData(ev.CallbackData)
	if !ok || !f.Owns(ev.CallbackData) || nonce != s.Nonce || (step != s.Step && act != actCancel) {
		return f.reask(ev.ChatID, lang, s, T(lang, MsgStaleButton))
	}
	switch act {
	case actCancel:
		return f.cancel(ev.ChatID, lang, s)
	case actBack:
		return f.back(ev.ChatID, lang, s)
	case actPick:
		st, ok := f.step(s.Step)
		if !ok || st.Choices == nil {
			break
		}
		for _, c := range st.Choices(lang, s.Answers) {
			if c.Value == value {
				return f.accept(ev.ChatID, lang, s, st, value)
			}
		}
	case actEdit:
		st, ok := f.step(value)
		if s.Step != summaryStep || !ok || st.Field == "" || f.skipped(st, s.Answers) {
			break
		}
		s.Editing, s.Step = true, st.ID
		s.History = push(s.History, summaryStep) // back returns to the summary
		return f.ask(ev.ChatID, lang, s)
	case actSave:
		if s.Step != summaryStep {
			break
		}
		if open := f.firstOpen(s.Answers, 0); open != summaryStep {
			// Never save with a question unanswered (a follow-up left by
			// going back); ask it instead.
			s.Step, s.Editing = open, true
			s.History = push(s.History, summaryStep)
			return f.ask(ev.ChatID, lang, s)
		}
		f.clean(s.Answers)
		return Result{Session: s, Outcome: Done}
	}
	// A well-formed button that names no valid answer was forged or comes
	// from a flow version that no longer has it.
	return f.reask(ev.ChatID, lang, s, T(lang, MsgStaleButton))
}

func (f *Flow) handleText(s ikmbot.Session, ev ikmbot.Event, lang string, now time.Time) Result {
	text := strings.TrimSpace(ev.Text)
	// The reply keyboard of a contact step carries back and cancel as text.
	switch {
	case strings.EqualFold(text, T(lang, BtnBack)):
		return f.back(ev.ChatID, lang, s)
	case strings.EqualFold(text, T(lang, BtnCancel)):
		return f.cancel(ev.ChatID, lang, s)
	}
	st, ok := f.step(s.Step)
	if !ok {
		return f.reask(ev.ChatID, lang, s, T(lang, MsgChooseButton))
	}
	if st.Choices != nil {
		// Forgiving: typing a button's label (or its value) counts as pressing it.
		for _, c := range st.Choices(lang, s.Answers) {
			if strings.EqualFold(text, c.Label) || strings.EqualFold(text, c.Value) {
				return f.accept(ev.ChatID, lang, s, st, c.Value)
			}
		}
	}
	if !st.typed() {
		return f.reask(ev.ChatID, lang, s, T(lang, MsgChooseButton))
	}
	var value string
	var problem *Problem
	switch {
	case st.ParseEvent != nil:
		value, problem = st.ParseEvent(ev)
	case st.ParseAt != nil:
		value, problem = st.ParseAt(text, s.Answers, now)
	default:
		value, problem = st.Parse(text)
	}
	return f.answer(ev.ChatID, lang, s, st, value, problem)
}

// answer takes what a step's parser made of the input: the answer, or the
// problem's explanation and the same question again.
func (f *Flow) answer(chatID int64, lang string, s ikmbot.Session, st Step, value string, problem *Problem) Result {
	if problem != nil {
		return f.reask(chatID, lang, s, T(lang, problem.Key, problem.Args...))
	}
	return f.accept(chatID, lang, s, st, value)
}

// typed reports whether the step takes typed text.
func (st Step) typed() bool { return st.Parse != nil || st.ParseAt != nil || st.ParseEvent != nil }

func (f *Flow) handleContact(s ikmbot.Session, ev ikmbot.Event, lang string) Result {
	st, ok := f.step(s.Step)
	if !ok || !st.Contact || st.Parse == nil {
		return f.reask(ev.ChatID, lang, s, T(lang, MsgUnreadable)+" "+f.hint(lang, s))
	}
	if ev.ContactUserID != ev.UserID {
		return f.reask(ev.ChatID, lang, s, T(lang, ErrContactNotOwn))
	}
	value, problem := st.Parse(ev.ContactPhone)
	if problem != nil {
		return f.reask(ev.ChatID, lang, s, T(lang, problem.Key, problem.Args...))
	}
	return f.accept(ev.ChatID, lang, s, st, value)
}

// accept stores an answer and asks what comes next: the next open step, or
// the summary (straight back to it when the user was editing one answer).
func (f *Flow) accept(chatID int64, lang string, s ikmbot.Session, st Step, value string) Result {
	if st.Abort != "" && value == st.Abort {
		return Result{Session: s, Outcome: Cancelled, Messages: []ikmbot.Message{{ChatID: chatID, Text: T(lang, st.AbortText)}}}
	}
	s.Answers = cloneAnswers(s.Answers)
	if old, ok := s.Answers[st.ID]; ok && old != value {
		for _, id := range st.Clears {
			delete(s.Answers, id)
		}
	}
	s.Answers[st.ID] = value
	var lead []ikmbot.Message
	if st.Contact {
		// The share-contact keyboard must go; confirm what was taken.
		lead = append(lead, ikmbot.Message{ChatID: chatID, Text: T(lang, MsgTaken, Escape(f.show(lang, st, value))), RemoveKeyboard: true})
	}
	s.History = push(s.History, st.ID)
	if s.Editing {
		// An edit may open a follow-up (Lainnya asks for the typed sector);
		// otherwise it is done and the trail since the summary is dropped.
		s.Step = f.firstOpen(s.Answers, 0)
		if s.Step == summaryStep {
			s.Editing = false
			s.History = s.History[:lastIndex(s.History, summaryStep)]
		}
	} else {
		s.Step = f.firstOpen(s.Answers, f.index(st.ID)+1)
	}
	if s.Step == summaryStep && !f.Summary {
		f.clean(s.Answers)
		return Result{Session: s, Messages: lead, Outcome: Done}
	}
	r := f.ask(chatID, lang, s)
	r.Messages = append(lead, r.Messages...)
	return r
}

func (f *Flow) back(chatID int64, lang string, s ikmbot.Session) Result {
	var lead []ikmbot.Message
	if st, ok := f.step(s.Step); ok && st.Contact {
		lead = append(lead, ikmbot.Message{ChatID: chatID, Text: T(lang, BtnBack), RemoveKeyboard: true})
	}
	if n := len(s.History); n > 0 {
		prev := s.History[n-1]
		s.History = s.History[:n-1]
		s.Step = prev
		if prev == summaryStep {
			// Back out of an edit: to the summary, unless the edit left a
			// follow-up unanswered, which must be answered first.
			s.Step = f.firstOpen(s.Answers, 0)
			s.Editing = s.Step != summaryStep
			if s.Editing {
				s.History = push(s.History, summaryStep)
			}
		}
	}
	r := f.ask(chatID, lang, s)
	r.Messages = append(lead, r.Messages...)
	return r
}

func (f *Flow) cancel(chatID int64, lang string, s ikmbot.Session) Result {
	m := ikmbot.Message{ChatID: chatID, Text: T(lang, MsgCancelled)}
	if st, ok := f.step(s.Step); ok && st.Contact {
		m.RemoveKeyboard = true
	}
	return Result{Session: s, Messages: []ikmbot.Message{m}, Outcome: Cancelled}
}

// reask answers input that could not be used: a hint, then the same
// question again so its buttons are at hand.
func (f *Flow) reask(chatID int64, lang string, s ikmbot.Session, hint string) Result {
	r := f.ask(chatID, lang, s)
	r.Messages = append([]ikmbot.Message{{ChatID: chatID, Text: hint}}, r.Messages...)
	return r
}

// hint says what the current step accepts.
func (f *Flow) hint(lang string, s ikmbot.Session) string {
	if st, ok := f.step(s.Step); ok && st.typed() {
		return ""
	}
	return T(lang, MsgChooseButton)
}

func (f *Flow) step(id string) (Step, bool) {
	for _, st := range f.Steps {
		if st.ID == id {
			return st, true
		}
	}
	return Step{}, false
}

func (f *Flow) index(id string) int {
	for i, st := range f.Steps {
		if st.ID == id {
			return i
		}
	}
	return len(f.Steps)
}

func (f *Flow) skipped(st Step, answers map[string]string) bool {
	return st.Skip != nil && st.Skip(answers)
}

// firstOpen is the first step from index `from` on that applies and has no
// answer yet, or the summary.
func (f *Flow) firstOpen(answers map[string]string, from int) string {
	for _, st := range f.Steps[min(from, len(f.Steps)):] {
		if _, done := answers[st.ID]; !done && !f.skipped(st, answers) {
			return st.ID
		}
	}
	return summaryStep
}

// clean drops answers of steps that no longer apply (a follow-up to an
// answer that was changed).
func (f *Flow) clean(answers map[string]string) {
	for _, st := range f.Steps {
		if f.skipped(st, answers) {
			delete(answers, st.ID)
		}
	}
}

// Answers whose key starts with "_" are context carried through the flow
// (such as a deep-link source), not answers to a step.

// reconcile brings a session written by another version of the flow to
// this one: answers to steps that still exist are kept, the rest dropped,
// and the user continues at the first open step.
func (f *Flow) reconcile(s ikmbot.Session, now time.Time) (ikmbot.Session, bool) {
	if s.Version == f.Version {
		return s, false
	}
	kept := map[string]string{}
	for k, v := range s.Answers {
		if strings.HasPrefix(k, "_") {
			kept[k] = v
		}
	}
	// Answers to steps that still exist are kept if still offered: an
	// option a new version removed is asked again, never saved. In step
	// order, so a step whose choices depend on an earlier answer (a
	// country on the sector) is checked against the answer kept.
	for _, st := range f.Steps {
		if v, ok := s.Answers[st.ID]; ok && f.offered(st, kept, v) {
			kept[st.ID] = v
		}
	}
	s = ikmbot.Session{Flow: f.Name, Version: f.Version, Nonce: s.Nonce, Answers: kept, UpdatedAt: now}
	s.Step = f.firstOpen(kept, 0)
	return s, true
}

// offered reports whether value is an answer the step accepts: one of its
// choices, or any text when it takes typed answers (the validator ran when
// it was typed).
func (f *Flow) offered(st Step, answers map[string]string, value string) bool {
	if st.typed() || st.Choices == nil {
		return true
	}
	for _, c := range st.Choices("id", answers) { // values do not depend on the language
		if c.Value == value {
			return true
		}
	}
	return false
}

func (f *Flow) show(lang string, st Step, value string) string {
	if st.Show != nil {
		return st.Show(lang, value)
	}
	return value
}

// push returns history with step added, never sharing the array of the
// session it came from.
func push(history []string, step string) []string {
	return append(append([]string(nil), history...), step)
}

// lastIndex is the index of the last step in history, or 0.
func lastIndex(history []string, step string) int {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i] == step {
			return i
		}
	}
	return 0
}

func cloneAnswers(a map[string]string) map[string]string {
	c := make(map[string]string, len(a)+1)
	for k, v := range a {
		c[k] = v
	}
	return c
}

// data builds callback data: <flow>:<action>:<nonce>:<step>[:<value>].
func (f *Flow) data(act, nonce, step, value string) string {
	d := f.Name + ":" + act + ":" + nonce + ":" + step
	if value != "" {
		d += ":" + value
	}
	return d
}

func parseData(d string) (act, nonce, step, value string, ok bool) {
	parts := strings.SplitN(d, ":", 5)
	if len(parts) < 4 {
		return "", "", "", "", false
	}
	if len(parts) == 5 {
		value = parts[4]
	}
	return parts[1], parts[2], parts[3], value, true
}

// ShowsKeyboard reports whether the session's current step has put a reply
// keyboard on the user's screen (the share-contact button), which must be
// taken away when the conversation moves elsewhere.
func (f *Flow) ShowsKeyboard(s ikmbot.Session) bool {
	st, ok := f.step(s.Step)
	return ok && st.Contact
}
