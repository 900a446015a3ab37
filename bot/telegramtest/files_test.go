package telegramtest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"
)

func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSendDocumentAndPhoto(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(21, "/ekspor")

	csv := []byte("nama,kota\nBatik Sari,Solo\n")
	doc := tgbotapi.NewDocument(21, tgbotapi.FileBytes{Name: "ikm.csv", Bytes: csv})
	doc.Caption = "Ekspor IKM"
	sent, err := bot.Send(doc)
	if err != nil {
		t.Fatalf("sendDocument: %v", err)
	}
	if sent.Document == nil || sent.Document.FileName != "ikm.csv" || sent.Document.FileID == "" {
		t.Fatalf("document = %+v", sent.Document)
	}
	last, _ := s.LastMessage(21)
	wantDoc := &File{Name: "ikm.csv", Data: csv, Caption: "Ekspor IKM", FileID: sent.Document.FileID}
	if diff := cmp.Diff(wantDoc, last.Document); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	// Sending the file_id again works and is the same file.
	again, err := bot.Send(tgbotapi.NewDocument(21, tgbotapi.FileID(sent.Document.FileID)))
	if err != nil {
		t.Fatalf("resend by file_id: %v", err)
	}
	if again.Document.FileID != sent.Document.FileID {
		t.Errorf("resent file_id = %q, want %q", again.Document.FileID, sent.Document.FileID)
	}

	pic := testPNG(t, 640, 480)
	photo, err := bot.Send(tgbotapi.NewPhoto(21, tgbotapi.FileBytes{Name: "poster.png", Bytes: pic}))
	if err != nil {
		t.Fatalf("sendPhoto: %v", err)
	}
	if n := len(photo.Photo); n < 2 {
		t.Fatalf("photo sizes = %+v, want several", photo.Photo)
	}
	largest := photo.Photo[len(photo.Photo)-1]
	if largest.Width != 640 || largest.Height != 480 {
		t.Errorf("largest size = %dx%d, want 640x480", largest.Width, largest.Height)
	}
	if _, err := bot.Send(tgbotapi.NewPhoto(21, tgbotapi.FileID(photo.Photo[0].FileID))); err != nil {
		t.Errorf("resend photo by a size's file_id: %v", err)
	}
	if _, err := bot.Send(tgbotapi.NewPhoto(21, tgbotapi.FileURL("https://example.com/kelas.jpg"))); err != nil {
		t.Errorf("photo by URL: %v", err)
	}
	if last, _ := s.LastMessage(21); last.Photo == nil || last.Photo.Name != "kelas.jpg" {
		t.Errorf("photo by URL = %+v", last.Photo)
	}
	_, err = bot.Send(tgbotapi.NewDocument(21, tgbotapi.FileID(photo.Photo[0].FileID)))
	if got, want := apiErr(t, err).Message, "Bad Request: type of file mismatch"; got != want {
		t.Errorf("photo id as document: %q, want %q", got, want)
	}
	_, err = bot.Send(tgbotapi.NewDocument(21, tgbotapi.FileID("nope")))
	if got, want := apiErr(t, err).Message, "Bad Request: wrong file identifier/HTTP URL specified"; got != want {
		t.Errorf("unknown file_id: %q, want %q", got, want)
	}
}

func TestPhotoMustBeAnImage(t *testing.T) {
	s, rec := newRecorded(t)
	bot := newBot(t, s)
	s.UserSends(21, "hi")
	_, err := bot.Send(tgbotapi.NewPhoto(21, tgbotapi.FileBytes{Name: "x.png", Bytes: []byte("not a png")}))
	// Uploads leave Code unset in tgbotapi (NOTES §2); the message is there.
	if got, want := apiErr(t, err).Message, "Bad Request: IMAGE_PROCESS_FAILED"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if len(rec.take()) == 0 {
		t.Error("no report for a photo that is not an image")
	}
}
