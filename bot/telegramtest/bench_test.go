package telegramtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// benchBot is a client whose transport keeps enough idle connections for
// parallel benchmarks (the default keeps 2 per host).
func benchBot(b *testing.B, s *Server) *tgbotapi.BotAPI {
	b.Helper()
	tr := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}
	b.Cleanup(tr.CloseIdleConnections)
	bot, err := tgbotapi.NewBotAPIWithClient(Token, s.Endpoint(), &http.Client{Transport: tr, Timeout: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	return bot
}

// BenchmarkSendMessage is one sendMessage round trip through tgbotapi over
// loopback, the way the benchmark of the bot drives the fake.
func BenchmarkSendMessage(b *testing.B) {
	s := NewServer(Options{})
	defer s.Close()
	bot := benchBot(b, s)
	s.UserSends(1, "hi")
	msg := tgbotapi.NewMessage(1, "Halo! Selamat datang di bot IKM.")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bot.Send(msg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSendMessageInlineKeyboard(b *testing.B) {
	s := NewServer(Options{})
	defer s.Close()
	bot := benchBot(b, s)
	s.UserSends(1, "hi")
	msg := tgbotapi.NewMessage(1, "Pilih sektor usaha:")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("Kuliner", "signup:sector:food"),
			tgbotapi.NewInlineKeyboardButtonData("Kriya", "signup:sector:craft"),
		),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("« Kembali", "signup:back")),
	)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bot.Send(msg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSendMessageParallel spreads sends over many chats and
// goroutines, with RecordCalls on as in tests.
func BenchmarkSendMessageParallel(b *testing.B) {
	s := NewServer(Options{RecordCalls: true, HistoryLimit: 100})
	defer s.Close()
	bot := benchBot(b, s)
	const chats = 1000
	for id := int64(1); id <= chats; id++ {
		s.UserSends(id, "hi")
	}
	var n atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := n.Add(1)%chats + 1
			if _, err := bot.Send(tgbotapi.NewMessage(id, "Pengingat kelas besok pukul 09.00 WIB")); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkHandlerSendMessage is the fake's own cost per sendMessage,
// without HTTP.
func BenchmarkHandlerSendMessage(b *testing.B) {
	s := NewHandler(Options{})
	s.UserSends(1, "hi")
	body := url.Values{"chat_id": {"1"}, "text": {"Halo! Selamat datang di bot IKM."}, "entities": {"null"}}.Encode()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/bot"+Token+"/sendMessage", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Body.String())
		}
	}
}

// BenchmarkUpdates is a user message and the getUpdates that fetches and
// confirms it.
func BenchmarkUpdates(b *testing.B) {
	s := NewServer(Options{})
	defer s.Close()
	bot := benchBot(b, s)
	offset := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.UserSends(int64(i%500+1), "/cek "+strconv.Itoa(i))
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Timeout: 1})
		if err != nil || len(ups) != 1 {
			b.Fatalf("GetUpdates = %d updates, %v", len(ups), err)
		}
		offset = ups[0].UpdateID + 1
	}
}
