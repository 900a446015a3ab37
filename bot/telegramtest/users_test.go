package telegramtest

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"
)

// simpleEntities keeps what a test compares of the client's entities.
type simpleEntity struct {
	Type           string
	Offset, Length int
	URL, Language  string
	UserID         int64
}

func simpleEntities(ents []tgbotapi.MessageEntity) []simpleEntity {
	var out []simpleEntity
	for _, e := range ents {
		se := simpleEntity{Type: e.Type, Offset: e.Offset, Length: e.Length, URL: e.URL, Language: e.Language}
		if e.User != nil {
			se.UserID = e.User.ID
		}
		out = append(out, se)
	}
	return out
}

func TestUserSendsFormatted(t *testing.T) {
	// CheckResults (on in New) validates the updates against the spec.
	s := New(t)
	bot := newBot(t, s)
	s.SetUser(User{ID: 7, FirstName: "Rina"})
	s.UserSendsFormatted(31, "  <b>Pameran</b> 😀 <i>ekspor</i> &amp; <a href=\"https://x.org\">daftar</a> "+
		"<a href=\"tg://user?id=7\">Rina</a> <a href=\"tg://user?id=8\">Budi</a> /bantuan\n"+
		"<pre><code class=\"language-go\">go</code></pre>\n<blockquote expandable>q</blockquote> ")
	ups := poll(t, bot)
	if len(ups) != 1 || ups[0].Message == nil {
		t.Fatalf("updates = %+v, want one message", ups)
	}
	m := ups[0].Message
	if want := "Pameran 😀 ekspor & daftar Rina Budi /bantuan\ngo\nq"; m.Text != want {
		t.Errorf("text = %q, want %q", m.Text, want)
	}
	want := []simpleEntity{
		{Type: "bold", Offset: 0, Length: 7},
		{Type: "italic", Offset: 11, Length: 6},
		{Type: "text_link", Offset: 20, Length: 6, URL: "https://x.org"},
		{Type: "text_mention", Offset: 27, Length: 4, UserID: 7},
		{Type: "text_mention", Offset: 32, Length: 4, UserID: 8},
		{Type: "bot_command", Offset: 37, Length: 8},
		{Type: "pre", Offset: 46, Length: 2, Language: "go"},
		{Type: "expandable_blockquote", Offset: 49, Length: 1},
	}
	if diff := cmp.Diff(want, simpleEntities(m.Entities)); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	if u := m.Entities[3].User; u == nil || u.FirstName != "Rina" {
		t.Errorf("mentioned user = %+v, want Rina", u)
	}
	if m.IsCommand() {
		t.Error("IsCommand = true for text that starts with bold, not a command")
	}
}

func TestUserSendsPhotoCaptionAndDocument(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSendsPhotoCaption(31, "<b>Poster</b> kelas")
	s.UserSendsDocument(31, "jadwal.pdf", "Jadwal <i>2026</i>")
	s.UserSendsDocument(31, "", "")
	ups := poll(t, bot)
	if len(ups) != 3 {
		t.Fatalf("got %d updates, want 3", len(ups))
	}
	photo, doc, bare := ups[0].Message, ups[1].Message, ups[2].Message
	if len(photo.Photo) < 2 || photo.Caption != "Poster kelas" {
		t.Fatalf("photo message = %+v", photo)
	}
	if diff := cmp.Diff([]simpleEntity{{Type: "bold", Offset: 0, Length: 6}}, simpleEntities(photo.CaptionEntities)); diff != "" {
		t.Errorf("caption entities (-want +got):\n%s", diff)
	}
	if doc.Document == nil || doc.Document.FileName != "jadwal.pdf" || doc.Document.MimeType != "application/pdf" || doc.Caption != "Jadwal 2026" {
		t.Fatalf("document message = %+v, document %+v", doc, doc.Document)
	}
	if diff := cmp.Diff([]simpleEntity{{Type: "italic", Offset: 7, Length: 4}}, simpleEntities(doc.CaptionEntities)); diff != "" {
		t.Errorf("caption entities (-want +got):\n%s", diff)
	}
	if bare.Document == nil || bare.Document.FileName != "" || bare.Caption != "" || bare.CaptionEntities != nil {
		t.Errorf("document without name and caption = %+v, document %+v", bare, bare.Document)
	}
	if doc.Document.FileID == bare.Document.FileID {
		t.Errorf("two documents share the file_id %q", doc.Document.FileID)
	}

	// The bot can send what the user sent by file_id; the view shows the
	// file and the caption as the text.
	largest := photo.Photo[len(photo.Photo)-1].FileID
	pm := tgbotapi.NewPhoto(31, tgbotapi.FileID(largest))
	pm.Caption, pm.ParseMode = "<b>Poster</b> kelas", "HTML"
	if _, err := bot.Send(pm); err != nil {
		t.Fatalf("sendPhoto by the user's file_id: %v", err)
	}
	last, _ := s.LastMessage(31)
	if last.Photo == nil || last.Photo.FileID != largest || last.Photo.Caption != "Poster kelas" || last.Text != "Poster kelas" {
		t.Errorf("photo sent on = %+v, text %q", last.Photo, last.Text)
	}
	dm := tgbotapi.NewDocument(31, tgbotapi.FileID(doc.Document.FileID))
	dm.Caption = "Jadwal"
	sent, err := bot.Send(dm)
	if err != nil {
		t.Fatalf("sendDocument by the user's file_id: %v", err)
	}
	if sent.Document == nil || sent.Document.FileID != doc.Document.FileID || sent.Document.FileName != "jadwal.pdf" {
		t.Errorf("document sent on = %+v", sent.Document)
	}
	last, _ = s.LastMessage(31)
	wantDoc := &File{Name: "jadwal.pdf", Caption: "Jadwal", FileID: doc.Document.FileID}
	if diff := cmp.Diff(wantDoc, last.Document); diff != "" || last.Text != "Jadwal" {
		t.Errorf("document view (-want +got):\n%s\ntext %q", diff, last.Text)
	}
	_, err = bot.Send(tgbotapi.NewDocument(31, tgbotapi.FileID(largest)))
	if got, want := apiErr(t, err).Message, "Bad Request: type of file mismatch"; got != want {
		t.Errorf("the user's photo as a document: %q, want %q", got, want)
	}
}

func TestUserFormattedReportsTestBugs(t *testing.T) {
	tests := []struct {
		name       string
		send       func(s *Server)
		wantReport string
	}{
		{"bad HTML", func(s *Server) { s.UserSendsFormatted(31, "<b>x") }, `Can't find end tag corresponding to start tag "b"`},
		{"unsupported tag", func(s *Server) { s.UserSendsFormatted(31, "<h1>x</h1>") }, `Unsupported start tag "h1"`},
		{"empty", func(s *Server) { s.UserSendsFormatted(31, " <b> </b> ") }, "cannot send empty text"},
		{"text too long", func(s *Server) { s.UserSendsFormatted(31, "<b>"+strings.Repeat("a", 4097)+"</b>") }, "at most 4096"},
		{"caption too long", func(s *Server) { s.UserSendsPhotoCaption(31, strings.Repeat("😀", 513)) }, "at most 1024"},
		{"document caption too long", func(s *Server) { s.UserSendsDocument(31, "a.pdf", strings.Repeat("a", 1025)) }, "at most 1024"},
		{"bad caption", func(s *Server) { s.UserSendsDocument(31, "a.pdf", "a < b") }, `Unsupported start tag ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, rec := newRecorded(t)
			bot := newBot(t, s)
			tt.send(s)
			if got := rec.take(); !containsAny(got, tt.wantReport) {
				t.Errorf("reports = %q, want one with %q", got, tt.wantReport)
			}
			if ups := poll(t, bot); len(ups) != 0 {
				t.Errorf("a refused message was delivered: %+v", ups[0].Message)
			}
		})
	}
	// At the limits, nothing is reported.
	s, rec := newRecorded(t)
	bot := newBot(t, s)
	s.UserSendsFormatted(31, "<i>"+strings.Repeat("a", 4096)+"</i>")
	s.UserSendsPhotoCaption(31, strings.Repeat("😀", 512))
	if got := rec.take(); len(got) != 0 {
		t.Errorf("reports at the limits: %q", got)
	}
	if ups := poll(t, bot); len(ups) != 2 {
		t.Errorf("got %d updates at the limits, want 2", len(ups))
	}
}
