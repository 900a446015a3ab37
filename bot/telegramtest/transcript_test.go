package telegramtest

import (
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"
)

// TestTranscript: the sandbox's view of a chat has both sides, in order,
// with the bot's formatting as entities (UTF-16 offsets), its buttons, and
// what the user shared.
func TestTranscript(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	const u = 901
	s.UserSends(u, "/start")
	msg := tgbotapi.NewMessage(u, "Halo 👋 <b>Siti</b>, <a href=\"https://example.org\">baca</a>")
	msg.ParseMode = "HTML"
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Daftar", "m:signup")))
	if _, err := bot.Send(msg); err != nil {
		t.Fatal(err)
	}
	s.UserSharedContact(u, "+6281234560001", u)
	s.UserSendsSticker(u)

	got := s.Transcript(u)
	for i := range got {
		got[i].Date = got[0].Date // the fake's clock is real time
	}
	want := []Entry{
		{ID: 1, Text: "/start", Entities: []Entity{{Type: "bot_command", Length: 6}}},
		{ID: 2, FromBot: true, Text: "Halo 👋 Siti, baca",
			Entities: []Entity{{Type: "bold", Offset: 8, Length: 4}, {Type: "text_link", Offset: 14, Length: 4, URL: "https://example.org"}},
			Buttons:  [][]Button{{{Text: "Daftar", Data: "m:signup"}}}},
		{ID: 3, Contact: "+6281234560001"},
		{ID: 4, Attachment: "sticker"},
	}
	for i := range want {
		want[i].Date = got[0].Date
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Transcript (-want +got):\n%s", diff)
	}
	if s.Transcript(999) != nil {
		t.Errorf("a chat nobody opened has a transcript")
	}
}
