package flows

import (
	"strings"
	"testing"

	"ikmbot"
)

// relayDriver opens f the way the handler does, for a message to id 77
// named name.
func relayDriver(t *testing.T, f *Flow, lang, name string) *driver {
	t.Helper()
	d := &driver{t: t, f: f, lang: lang}
	d.last = f.Start(testChat, lang, "n1", RelayContext(77, name), testNow)
	return d
}

func TestRelayWriteAndSend(t *testing.T) {
	tests := []struct {
		name string
		f    *Flow
		to   string // AnswerRelayName
		send func(d *driver) Result
	}{
		{"owner presses send", MessageMentor, "Budi", func(d *driver) Result { return d.press(T("id", BtnMrSend)) }},
		{"owner types ya", MessageMentor, "Budi", func(d *driver) Result { return d.text("Ya!") }},
		{"mentor presses send", MessageOwner, "Kopi Jaya", func(d *driver) Result { return d.press(T("id", BtnMrSend)) }},
		{"mentor types kirim", MessageOwner, "Kopi Jaya", func(d *driver) Result { return d.text(" kirim ") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := relayDriver(t, tt.f, "id", tt.to)
			if d.step() != rlText || !strings.Contains(d.last.Messages[0].Text, tt.to+"</b>") {
				t.Fatalf("first question at %q does not name %q:\n%s", d.step(), tt.to, render(d.last.Messages))
			}
			d.text("  Pak, kapan bisa kunjungan <ke> rumah produksi?\nTerima kasih. ")
			if d.step() != rlSend || !strings.Contains(d.last.Messages[0].Text, "<i>Pak, kapan bisa kunjungan &lt;ke&gt; rumah produksi?\nTerima kasih.</i>") {
				t.Fatalf("the send step at %q does not show the escaped text:\n%s", d.step(), render(d.last.Messages))
			}
			r := tt.send(d)
			if r.Outcome != Done {
				t.Fatalf("outcome = %v, want Done:\n%s", r.Outcome, render(r.Messages))
			}
			to, text := RelayFrom(r.Session.Answers)
			if to != 77 || text != "Pak, kapan bisa kunjungan <ke> rumah produksi?\nTerima kasih." {
				t.Errorf("RelayFrom = %d, %q", to, text)
			}
		})
	}
}

// Back on the send step writes the message again; the new text is sent.
func TestRelayRewrite(t *testing.T) {
	d := relayDriver(t, MessageMentor, "id", "Budi")
	d.text("Pesan pertama")
	d.press(T("id", BtnBack))
	if d.step() != rlText {
		t.Fatalf("back went to %q, want the text", d.step())
	}
	d.text("Pesan kedua")
	r := d.press(T("id", BtnMrSend))
	if _, text := RelayFrom(r.Session.Answers); r.Outcome != Done || text != "Pesan kedua" {
		t.Errorf("outcome %v, text %q; want the second message sent", r.Outcome, text)
	}
}

// Input the relay cannot use re-asks the same step with a hint in words.
func TestRelayRefuses(t *testing.T) {
	tests := []struct {
		name string
		at   string // step: rlText, or rlSend after a message
		ev   ikmbot.Event
		hint string
	}{
		{"one letter", rlText, ikmbot.Event{Kind: ikmbot.EventText, Text: " x "}, T("id", MrErrShort, 2)},
		{"too long", rlText, ikmbot.Event{Kind: ikmbot.EventText, Text: strings.Repeat("kopi ", 201)}, T("id", MrErrLong, 1000, 1004)},
		{"sticker", rlText, ikmbot.Event{Kind: ikmbot.EventOther}, T("id", MrErrNotText)},
		{"photo with a caption", rlText, ikmbot.Event{Kind: ikmbot.EventOther, PhotoID: "p1", Text: "ini produk saya"}, T("id", MrErrNotText)},
		{"more text at send", rlSend, ikmbot.Event{Kind: ikmbot.EventText, Text: "satu lagi"}, T("id", MrErrNotSent)},
		{"sticker at send", rlSend, ikmbot.Event{Kind: ikmbot.EventOther}, T("id", MrErrNotSent)},
		{"forged pick", rlSend, ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "rm:p:n1:send:z"}, T("id", MsgStaleButton)},
		{"other run's button", rlSend, ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "rm:p:old:send:y"}, T("id", MsgStaleButton)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := relayDriver(t, MessageMentor, "id", "Budi")
			if tt.at == rlSend {
				d.text("Halo Pak")
			}
			r := d.send(tt.ev)
			if r.Outcome != Continue || d.step() != tt.at || r.Messages[0].Text != tt.hint {
				t.Fatalf("outcome %v at %q, want %q again with %q:\n%s", r.Outcome, d.step(), tt.at, tt.hint, render(r.Messages))
			}
			if tt.at == rlSend && r.Session.Answers[rlText] != "Halo Pak" {
				t.Errorf("the message was lost: %+v", r.Session.Answers)
			}
		})
	}
}

func TestRelayCancel(t *testing.T) {
	for _, f := range []*Flow{MessageMentor, MessageOwner} {
		for _, written := range []bool{false, true} {
			d := relayDriver(t, f, "en", "Budi")
			if written {
				d.text("Hello")
			}
			if r := d.press(T("en", BtnCancel)); r.Outcome != Cancelled {
				t.Errorf("%s (written %v): cancel outcome %v", f.Name, written, r.Outcome)
			}
		}
	}
}

// TestRelayGolden renders both flows' questions in each language, with a
// mentor whose name is known and one whose is not.
func TestRelayGolden(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			var b strings.Builder
			section := func(name string, d *driver) { b.WriteString("=== " + name + "\n" + render(d.last.Messages)) }
			for _, c := range []struct {
				name, to string
				f        *Flow
			}{{"rm", "Budi", MessageMentor}, {"rm no name", "", MessageMentor}, {"rr", "Kopi Jaya & Co", MessageOwner}} {
				d := relayDriver(t, c.f, lang, c.to)
				section(c.name+": text", d)
				d.text("Pak, kapan bisa kunjungan ke rumah produksi?")
				section(c.name+": send", d)
			}
			golden(t, "relay_"+lang+".golden", b.String())
		})
	}
}
