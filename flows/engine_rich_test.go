package flows

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// richFlow is a tiny flow whose first step takes rich input (ParseEvent)
// or a "none" choice, and whose second takes plain text. parsed records the
// events its ParseEvent saw.
func richFlow(parsed *[]ikmbot.Event) *Flow {
	return &Flow{Name: "rt", Version: 1, Steps: []Step{
		{
			ID:  "post",
			Ask: fixed(MsgIdle),
			Choices: func(string, map[string]string) []Choice {
				return []Choice{{Value: "none", Label: "Tanpa pesan"}}
			},
			ParseEvent: func(ev ikmbot.Event) (string, *Problem) {
				*parsed = append(*parsed, ev)
				switch {
				case ev.PhotoID != "":
					return "photo:" + ev.PhotoID + ":" + ev.HTML, nil
				case ev.DocumentID != "":
					return "doc:" + ev.DocumentID + ":" + ev.DocumentName + ":" + ev.HTML, nil
				case ev.Kind == ikmbot.EventText:
					return "text:" + ev.HTML, nil
				}
				return "", &Problem{Key: ErrTooLong, Args: []any{7}}
			},
		},
		{ID: "after", Ask: fixed(MsgIdle), Parse: wordsParser(50, ErrTooLong)},
	}}
}

func TestParseEvent(t *testing.T) {
	const lang = "id"
	unreadable := T(lang, MsgUnreadable)
	tests := []struct {
		name        string
		ev          ikmbot.Event
		wantParsed  int // events ParseEvent saw
		wantStep    string
		wantAnswer  string // of "post"; "" for none
		wantOutcome Outcome
		wantLead    string // the first message's text starts with it; "" to skip
	}{
		{
			name:       "formatted text",
			ev:         ikmbot.Event{Kind: ikmbot.EventText, Text: "Pameran ekspor", HTML: "<b>Pameran</b> ekspor"},
			wantParsed: 1, wantStep: "after", wantAnswer: "text:<b>Pameran</b> ekspor",
		},
		{
			name:       "photo with caption",
			ev:         ikmbot.Event{Kind: ikmbot.EventOther, PhotoID: "AgAC1", Text: "Poster", HTML: "<i>Poster</i>"},
			wantParsed: 1, wantStep: "after", wantAnswer: "photo:AgAC1:<i>Poster</i>",
		},
		{
			name:       "document without caption",
			ev:         ikmbot.Event{Kind: ikmbot.EventOther, DocumentID: "BQAC1", DocumentName: "jadwal.pdf"},
			wantParsed: 1, wantStep: "after", wantAnswer: "doc:BQAC1:jadwal.pdf:",
		},
		{
			name:       "sticker refused with the step's problem",
			ev:         ikmbot.Event{Kind: ikmbot.EventOther},
			wantParsed: 1, wantStep: "post", wantLead: T(lang, ErrTooLong, 7),
		},
		{
			name:     "typed choice counts as the button",
			ev:       ikmbot.Event{Kind: ikmbot.EventText, Text: " tanpa PESAN ", HTML: " tanpa PESAN "},
			wantStep: "after", wantAnswer: "none",
		},
		{
			name:        "cancel text of the reply keyboard",
			ev:          ikmbot.Event{Kind: ikmbot.EventText, Text: T(lang, BtnCancel), HTML: T(lang, BtnCancel)},
			wantStep:    "post",
			wantOutcome: Cancelled, wantLead: T(lang, MsgCancelled),
		},
		{
			name:     "back text of the reply keyboard",
			ev:       ikmbot.Event{Kind: ikmbot.EventText, Text: T(lang, BtnBack), HTML: T(lang, BtnBack)},
			wantStep: "post",
		},
		{
			name:     "contact is unreadable, without asking for a button",
			ev:       ikmbot.Event{Kind: ikmbot.EventContact, ContactPhone: "+62812", ContactUserID: testChat},
			wantStep: "post", wantLead: unreadable + " ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parsed []ikmbot.Event
			d := newDriver(t, richFlow(&parsed), lang)
			r := d.send(tt.ev)
			if got := len(parsed); got != tt.wantParsed {
				t.Errorf("ParseEvent called %d times, want %d", got, tt.wantParsed)
			}
			if tt.wantParsed > 0 {
				want := tt.ev
				want.ChatID, want.UserID = testChat, testChat
				if diff := cmp.Diff(want, parsed[0]); diff != "" {
					t.Errorf("event given to ParseEvent (-want +got):\n%s", diff)
				}
			}
			if r.Outcome != tt.wantOutcome {
				t.Errorf("outcome = %v, want %v", r.Outcome, tt.wantOutcome)
			}
			if got := d.step(); got != tt.wantStep {
				t.Errorf("step = %q, want %q", got, tt.wantStep)
			}
			if got := r.Session.Answers["post"]; got != tt.wantAnswer {
				t.Errorf("answer = %q, want %q", got, tt.wantAnswer)
			}
			if tt.wantLead != "" && (len(r.Messages) == 0 || !strings.HasPrefix(r.Messages[0].Text, tt.wantLead)) {
				t.Errorf("messages:\n%s\nwant the first to start with %q", render(r.Messages), tt.wantLead)
			}
			if strings.Contains(render(r.Messages), T(lang, MsgChooseButton)) {
				t.Errorf("a step taking rich input asks for a button:\n%s", render(r.Messages))
			}
		})
	}
}

// TestParseEventOnlyWhereSet checks that a step without ParseEvent still
// refuses a photo as unreadable and reads text with Parse.
func TestParseEventOnlyWhereSet(t *testing.T) {
	var parsed []ikmbot.Event
	d := newDriver(t, richFlow(&parsed), "en")
	d.send(ikmbot.Event{Kind: ikmbot.EventOther, PhotoID: "AgAC1"})
	if d.step() != "after" {
		t.Fatalf("step = %q, want after", d.step())
	}
	r := d.send(ikmbot.Event{Kind: ikmbot.EventOther, PhotoID: "AgAC2", Text: "caption", HTML: "caption"})
	if d.step() != "after" || len(r.Messages) == 0 || !strings.HasPrefix(r.Messages[0].Text, T("en", MsgUnreadable)) {
		t.Errorf("photo at a text step: step %q, messages:\n%s", d.step(), render(r.Messages))
	}
	r = d.text("Batik tulis")
	if r.Outcome != Done || r.Session.Answers["after"] != "Batik tulis" {
		t.Errorf("text at a Parse step: outcome %v, answers %v", r.Outcome, r.Session.Answers)
	}
	if len(parsed) != 1 {
		t.Errorf("ParseEvent called %d times, want 1 (only at its own step)", len(parsed))
	}
}

// TestParseEventAnswerSurvivesNewVersion checks that typed() counts
// ParseEvent: a new version of the flow keeps the rich answer rather than
// dropping it as a choice no longer offered.
func TestParseEventAnswerSurvivesNewVersion(t *testing.T) {
	var parsed []ikmbot.Event
	f := richFlow(&parsed)
	d := newDriver(t, f, "id")
	d.send(ikmbot.Event{Kind: ikmbot.EventText, Text: "x", HTML: "<b>x</b>"})
	f.Version++
	r := f.Resume(testChat, "id", d.last.Session, testNow)
	if got, want := r.Session.Answers["post"], "text:<b>x</b>"; got != want {
		t.Errorf("answer after a version change = %q, want %q", got, want)
	}
	if r.Session.Step != "after" {
		t.Errorf("step = %q, want after", r.Session.Step)
	}
}
