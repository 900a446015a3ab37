package telegramtest

import (
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"
)

func TestGetMe(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	if got, want := bot.Self.UserName, "ikm_test_bot"; got != want {
		t.Errorf("Self.UserName = %q, want %q", got, want)
	}
	if got, want := bot.Self.ID, int64(botID); got != want {
		t.Errorf("Self.ID = %d, want %d", got, want)
	}
	if !bot.Self.IsBot {
		t.Error("Self.IsBot = false, want true")
	}
	if got := len(s.Calls("getMe")); got != 1 {
		t.Errorf("getMe calls = %d, want 1 (the constructor's)", got)
	}
}

func TestWrongToken(t *testing.T) {
	s := New(t)
	_, err := tgbotapi.NewBotAPIWithAPIEndpoint("123456:wrong", s.Endpoint())
	if got, want := apiErr(t, err).Code, 401; got != want {
		t.Errorf("code = %d, want %d", got, want)
	}
}

func TestSetMyCommandsWithScope(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(31, "hi")
	s.UserSends(32, "hi")
	owner := []tgbotapi.BotCommand{{Command: "start", Description: "Mulai"}, {Command: "daftar", Description: "Daftar IKM"}}
	staff := []tgbotapi.BotCommand{{Command: "siaran", Description: "Kirim siaran"}}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(owner...)); err != nil {
		t.Fatalf("default scope: %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(32), staff...)); err != nil {
		t.Fatalf("chat scope: %v", err)
	}
	tests := []struct {
		chat int64
		want []BotCommand
	}{
		{31, []BotCommand{{"start", "Mulai"}, {"daftar", "Daftar IKM"}}},
		{32, []BotCommand{{"siaran", "Kirim siaran"}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, s.Commands(tt.chat)); diff != "" {
			t.Errorf("Commands(%d) (-want +got):\n%s", tt.chat, diff)
		}
	}
	got, err := bot.GetMyCommandsWithConfig(tgbotapi.NewGetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(32)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Command != "siaran" {
		t.Errorf("getMyCommands = %+v", got)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(32))); err != nil {
		t.Fatal(err)
	}
	if got := s.Commands(32); len(got) != 2 {
		t.Errorf("after delete, chat 32 sees %v, want the default menu", got)
	}
	_, err = bot.Request(tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(404), staff...))
	if got, want := apiErr(t, err).Message, "Bad Request: chat not found"; got != want {
		t.Errorf("unknown chat scope: %q, want %q", got, want)
	}
}

func TestHTMLParseMode(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(71, "hi")
	msg := tgbotapi.NewMessage(71, "  <b>Kelas baru</b> &lt;Batik&gt; di <a href=\"https://ikm.example.com/k/1\">sini</a>\n")
	msg.ParseMode = tgbotapi.ModeHTML
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sent.Text, "Kelas baru <Batik> di sini"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if len(sent.Entities) != 2 || sent.Entities[0].Type != "bold" || sent.Entities[1].Type != "text_link" || sent.Entities[1].Offset != 22 {
		t.Errorf("entities = %+v", sent.Entities)
	}
}

func TestWaitForMessages(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(91, "hi")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, text := range []string{"satu", "dua"} {
			time.Sleep(20 * time.Millisecond)
			if _, err := bot.Send(tgbotapi.NewMessage(91, text)); err != nil {
				t.Error(err)
			}
		}
	}()
	msgs, err := s.WaitForMessages(ctxT(t), 91, 2)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{msgs[0].Text, msgs[1].Text}; !cmp.Equal(got, []string{"satu", "dua"}) {
		t.Errorf("texts = %q", got)
	}
}

func TestHistoryLimit(t *testing.T) {
	s := NewWithOptions(t, Options{HistoryLimit: 3})
	bot := newBot(t, s)
	s.UserSends(5, "hi") // message 1
	for _, text := range []string{"2", "3", "4", "5"} {
		if _, err := bot.Send(tgbotapi.NewMessage(5, text)); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, m := range s.Messages(5) {
		got = append(got, m.Text)
	}
	if want := []string{"3", "4", "5"}; !cmp.Equal(got, want) {
		t.Errorf("texts = %q, want %q", got, want)
	}
	if last, _ := s.LastMessage(5); last.ID != 5 {
		t.Errorf("last id = %d, want 5", last.ID)
	}
}
