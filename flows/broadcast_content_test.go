package flows

import (
	"strings"
	"testing"

	"ikmbot"
)

// sbWrite answers the text step with ev and the audience with "all", and
// saves; it returns the message owners would get.
func sbWrite(t *testing.T, ev ikmbot.Event) (ikmbot.Message, *driver) {
	t.Helper()
	d := newDriver(t, BroadcastCompose, "id")
	d.send(ev)
	if d.step() != sbRegion {
		t.Fatalf("after %+v: step %q, want region:\n%s", ev, d.step(), render(d.last.Messages))
	}
	for _, s := range sbAll4("id")[1:] {
		s.answer(d)
	}
	summary := render(d.last.Messages)
	msg, _ := saveBroadcast(t, d)
	d.last.Messages = []ikmbot.Message{{Text: summary}}
	return msg, d
}

func TestBroadcastKeepsFormatting(t *testing.T) {
	msg, d := sbWrite(t, ikmbot.Event{Kind: ikmbot.EventText, Text: "  Pelatihan gratis di Metro  ",
		HTML: `  <b>Pelatihan</b> gratis di <a href="https://disperindag.lampungprov.go.id">Metro</a>  `})
	if want := `<b>Pelatihan</b> gratis di <a href="https://disperindag.lampungprov.go.id">Metro</a>`; msg.Text != want {
		t.Errorf("text = %q, want %q", msg.Text, want)
	}
	// The summary shows the words, without the markup.
	if got := render(d.last.Messages); !strings.Contains(got, "Pelatihan gratis di Metro") || strings.Contains(got, "&lt;b&gt;") {
		t.Errorf("summary:\n%s", got)
	}
}

func TestBroadcastPhotoAndDocument(t *testing.T) {
	msg, d := sbWrite(t, ikmbot.Event{Kind: ikmbot.EventOther, PhotoID: "AgACphoto", Text: "Brosur pameran", HTML: "<i>Brosur</i> pameran"})
	if msg.Photo == nil || msg.Photo.ID != "AgACphoto" || msg.Text != "<i>Brosur</i> pameran" || msg.Document != nil {
		t.Errorf("photo message = %+v", msg)
	}
	if got := render(d.last.Messages); !strings.Contains(got, T("id", SbAttachedPhoto)+"\nBrosur pameran") {
		t.Errorf("summary does not show the photo:\n%s", got)
	}

	// A leaflet without a caption is an announcement too.
	msg, d = sbWrite(t, ikmbot.Event{Kind: ikmbot.EventOther, DocumentID: "BQACdoc", DocumentName: "jadwal-kelas.pdf"})
	if msg.Document == nil || msg.Document.ID != "BQACdoc" || msg.Document.Name != "jadwal-kelas.pdf" || msg.Text != "" {
		t.Errorf("document message = %+v", msg)
	}
	if got := render(d.last.Messages); !strings.Contains(got, T("id", SbAttachedDoc, "jadwal-kelas.pdf")) {
		t.Errorf("summary does not show the document:\n%s", got)
	}
}

func TestBroadcastContentRefused(t *testing.T) {
	for _, tt := range []struct {
		name string
		ev   ikmbot.Event
		hint string
	}{
		{"sticker", ikmbot.Event{Kind: ikmbot.EventOther}, T("id", SbErrMedia)},
		// 600 coffee emoji (☕ and its variation selector) are 1200 UTF-16
		// units, as Telegram counts a caption.
		{"long caption", ikmbot.Event{Kind: ikmbot.EventOther, PhotoID: "AgAC", Text: strings.Repeat("☕️", 600)}, T("id", SbErrCaptionLong, sbCaptionMax)},
		{"short text", ikmbot.Event{Kind: ikmbot.EventText, Text: "hai", HTML: "<b>hai</b>"}, T("id", SbErrShort, sbTextMin)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, BroadcastCompose, "id")
			r := d.send(tt.ev)
			if d.step() != sbText || !strings.Contains(r.Messages[0].Text, tt.hint) {
				t.Errorf("step %q, reply %q; want the text step again with %q", d.step(), r.Messages[0].Text, tt.hint)
			}
		})
	}
}

// From the summary, a text can be replaced by a photo and back.
func TestBroadcastEditContent(t *testing.T) {
	d := newDriver(t, BroadcastCompose, "id")
	for _, s := range sbAll4("id") {
		s.answer(d)
	}
	d.press(T("id", SuEditPrefix, T("id", SbFieldText)))
	d.send(ikmbot.Event{Kind: ikmbot.EventOther, PhotoID: "AgACnew", Text: "Foto baru", HTML: "Foto baru"})
	if d.step() != summaryStep {
		t.Fatalf("step %q, want back on the summary", d.step())
	}
	if msg, _ := saveBroadcast(t, d); msg.Photo == nil || msg.Photo.ID != "AgACnew" || msg.Text != "Foto baru" {
		t.Errorf("message = %+v, want the new photo", msg)
	}
}
