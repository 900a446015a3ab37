package flows

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ikmbot"
)

const testChat = 4242

var testNow = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)

// testLoc is the bot's zone in tests, Western Indonesian Time.
var testLoc = time.FixedZone("WIB", 7*3600)

// driver plays a user against a flow, keeping the session between events
// the way the handlers do.
type driver struct {
	t    *testing.T
	f    *Flow
	lang string
	last Result
}

func newDriver(t *testing.T, f *Flow, lang string) *driver {
	t.Helper()
	d := &driver{t: t, f: f, lang: lang}
	d.last = f.Start(testChat, lang, "n1", nil, testNow)
	return d
}

func (d *driver) send(ev ikmbot.Event) Result {
	d.t.Helper()
	ev.ChatID, ev.UserID = testChat, testChat
	d.last = d.f.Handle(d.last.Session, ev, d.lang, testNow)
	return d.last
}

func (d *driver) text(s string) Result {
	d.t.Helper()
	return d.send(ikmbot.Event{Kind: ikmbot.EventText, Text: s})
}

// press taps the button labelled label on the last message that has buttons.
func (d *driver) press(label string) Result {
	d.t.Helper()
	return d.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: d.button(label)})
}

func (d *driver) button(label string) string {
	d.t.Helper()
	for i := len(d.last.Messages) - 1; i >= 0; i-- {
		for _, row := range d.last.Messages[i].Buttons {
			for _, b := range row {
				if b.Text == label {
					return b.Data
				}
			}
		}
	}
	d.t.Fatalf("no button %q in %s", label, render(d.last.Messages))
	return ""
}

func (d *driver) step() string { return d.last.Session.Step }

// render writes messages the way a user sees them, for golden files and
// failure messages.
func render(ms []ikmbot.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("---\n" + m.Text + "\n")
		for _, row := range m.Buttons {
			var labels []string
			for _, btn := range row {
				labels = append(labels, fmt.Sprintf("[%s]", btn.Text))
			}
			b.WriteString(strings.Join(labels, " ") + "\n")
		}
		if m.Keyboard != nil {
			for _, row := range m.Keyboard.Rows {
				var labels []string
				for _, k := range row {
					l := k.Text
					if k.RequestContact {
						l += " (contact)"
					}
					labels = append(labels, "{"+l+"}")
				}
				b.WriteString(strings.Join(labels, " ") + "\n")
			}
		}
		if m.RemoveKeyboard {
			b.WriteString("(keyboard removed)\n")
		}
	}
	return b.String()
}
