package telegramtest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"
)

func TestWatchBotMessages(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(1, "hi")
	s.UserSends(2, "hi")
	before, err := bot.Send(tgbotapi.NewMessage(2, "before the watch"))
	if err != nil {
		t.Fatal(err)
	}

	w := s.WatchBotMessages()
	// Sends in chat 1, an edit in chat 2, and a user's message in chat 3,
	// which is not the bot's doing.
	for _, text := range []string{"satu", "dua"} {
		if _, err := bot.Send(tgbotapi.NewMessage(1, text)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageText(2, before.MessageID, "edited")); err != nil {
		t.Fatal(err)
	}
	s.UserSends(3, "hi")
	got, err := w.Next(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []int64{1, 2}; !cmp.Equal(got, want) {
		t.Errorf("changed chats = %v, want %v, each once", got, want)
	}

	// Nothing more has changed: Next waits.
	short, cancel := context.WithTimeout(ctxT(t), 50*time.Millisecond)
	defer cancel()
	if got, err := w.Next(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Next with nothing new = %v, %v; want it to wait", got, err)
	}

	w.Stop()
	if _, err := bot.Send(tgbotapi.NewMessage(1, "tiga")); err != nil {
		t.Fatal(err)
	}
	short2, cancel2 := context.WithTimeout(ctxT(t), 50*time.Millisecond)
	defer cancel2()
	if got, err := w.Next(short2); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Next after Stop = %v, %v; want nothing", got, err)
	}
}
