package telegramtest

import (
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestLongPollReturnsWhenUserSends(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	go func() {
		time.Sleep(50 * time.Millisecond)
		s.UserSends(42, "/start src_pasar")
	}()
	start := time.Now()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 10})
	if err != nil {
		t.Fatalf("GetUpdates: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("long poll took %v, want it to return when the update arrives", d)
	}
	if len(ups) != 1 || ups[0].Message == nil {
		t.Fatalf("updates = %+v, want one message", ups)
	}
	m := ups[0].Message
	if !m.IsCommand() || m.Command() != "start" || m.CommandArguments() != "src_pasar" {
		t.Errorf("command = %v %q %q, want /start src_pasar", m.IsCommand(), m.Command(), m.CommandArguments())
	}
	if got, want := m.From.ID, int64(42); got != want {
		t.Errorf("From.ID = %d, want %d", got, want)
	}
	if got, want := m.Chat.Type, "private"; got != want {
		t.Errorf("Chat.Type = %q, want %q", got, want)
	}
}

func TestLongPollTimesOut(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	start := time.Now()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil {
		t.Fatalf("GetUpdates: %v", err)
	}
	if len(ups) != 0 {
		t.Errorf("updates = %d, want 0", len(ups))
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("returned after %v, want about the 1 s timeout", d)
	}
}

func TestOffsetConfirmation(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	for _, text := range []string{"satu", "dua", "tiga"} {
		s.UserSends(7, text)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ups) != 2 {
		t.Fatalf("got %d updates with limit 2", len(ups))
	}
	if ups[1].UpdateID != ups[0].UpdateID+1 {
		t.Errorf("update ids %d, %d are not consecutive", ups[0].UpdateID, ups[1].UpdateID)
	}
	// Without an offset nothing is confirmed.
	again, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(again), 3; got != want {
		t.Fatalf("got %d updates again, want %d", got, want)
	}
	rest, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[1].UpdateID + 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rest) != 1 || rest[0].Message.Text != "tiga" {
		t.Fatalf("after offset: %+v, want only \"tiga\"", rest)
	}
	if got, want := s.PendingUpdates(), 1; got != want {
		t.Errorf("PendingUpdates = %d, want %d", got, want)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: rest[0].UpdateID + 1}); err != nil {
		t.Fatal(err)
	}
	if got := s.PendingUpdates(); got != 0 {
		t.Errorf("PendingUpdates = %d after confirming all, want 0", got)
	}
}

func TestSecondPollerConflicts(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	errc := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 10})
		errc <- err
	}()
	// Wait until the first poll is parked in the server.
	if err := s.Wait(ctxT(t), func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.poll != nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatalf("second GetUpdates: %v", err)
	}
	e := apiErr(t, <-errc)
	if got, want := e.Code, 409; got != want {
		t.Errorf("first poll code = %d, want %d", got, want)
	}
	if got, want := e.Message, conflictPoll; got != want {
		t.Errorf("first poll error = %q, want %q", got, want)
	}
}

func TestCloseEndsLongPoll(t *testing.T) {
	s := NewServer(Options{})
	bot := newBot(t, s)
	done := make(chan struct{})
	go func() {
		defer close(done)
		bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
	}()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	s.Close()
	<-done
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v with a long poll pending", d)
	}
}

func TestInjectUpdateRegistersUser(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.InjectUpdate([]byte(`{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":77,"type":"private","first_name":"A"},"from":{"id":77,"is_bot":false,"first_name":"A"},"text":"hi"}}`))
	ups := poll(t, bot)
	if len(ups) != 1 || ups[0].UpdateID < firstUpdateID {
		t.Fatalf("updates = %+v, want one with the server's own update_id", ups)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(77, "halo")); err != nil {
		t.Errorf("reply to the injected user: %v", err)
	}
}

func TestUserKindsMatchSpec(t *testing.T) {
	// CheckResults (on in New) validates every getUpdates result against
	// Array of Update, so each kind of user update is checked here.
	s := New(t)
	bot := newBot(t, s)
	s.SetUser(User{ID: 81, FirstName: "Sari", Username: "sari_batik", LanguageCode: "en"})
	s.UserSends(81, "lihat https://example.com dan @someone #batik /help")
	s.UserStarted(81, "inv_Ab-9")
	s.UserSendsSticker(81)
	s.UserSendsPhoto(81)
	s.UserSendsVoice(81)
	s.UserSharedContact(81, "+628111", 81)
	s.InjectUpdate([]byte(`{"edited_message":{"message_id":1,"date":1,"chat":{"id":81,"type":"private"},"text":"x"}}`))
	ups := poll(t, bot)
	if got, want := len(ups), 7; got != want {
		t.Fatalf("got %d updates, want %d", got, want)
	}
	if m := ups[0].Message; m.From.UserName != "sari_batik" || len(m.Entities) != 4 {
		t.Errorf("text message = %+v, entities %+v", m, m.Entities)
	}
	if ups[1].Message.CommandArguments() != "inv_Ab-9" {
		t.Errorf("deep link args = %q", ups[1].Message.CommandArguments())
	}
	if ups[2].Message.Sticker == nil || ups[3].Message.Photo == nil || ups[4].Message.Voice == nil || ups[5].Message.Contact == nil {
		t.Errorf("media updates = %+v", ups[2:6])
	}
	if ups[6].EditedMessage == nil {
		t.Errorf("injected update = %+v", ups[6])
	}
}

func TestConcurrentUse(t *testing.T) {
	// Run with -race: users acting, the bot sending and polling, and test
	// assertions all at once.
	s := New(t)
	bot := newBot(t, s)
	var wg sync.WaitGroup
	for u := int64(1); u <= 4; u++ {
		s.UserSends(u, "hi")
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 20 {
				s.UserSends(u, "msg "+strings.Repeat("x", i))
				s.Messages(u)
			}
		}()
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := bot.Send(tgbotapi.NewMessage(u, "balas")); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	offset, seen := 0, 0
	deadline := time.Now().Add(10 * time.Second)
	for seen < 4+4*20 && time.Now().Before(deadline) {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Timeout: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range ups {
			if u.UpdateID < offset {
				t.Fatalf("update %d below offset %d", u.UpdateID, offset)
			}
			offset = u.UpdateID + 1
			seen++
		}
	}
	wg.Wait()
	if seen != 4+4*20 {
		t.Errorf("saw %d updates, want %d", seen, 4+4*20)
	}
	for u := int64(1); u <= 4; u++ {
		if got := len(s.Messages(u)); got != 20 {
			t.Errorf("chat %d has %d bot messages, want 20", u, got)
		}
	}
}

func TestWebhook(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	resp, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://ikm.example.com/tg", "secret_token": "s3cr3t_-"})
	if err != nil {
		t.Fatalf("setWebhook: %v", err)
	}
	if resp.Description != "Webhook was set" {
		t.Errorf("description = %q", resp.Description)
	}
	if u, sec := s.Webhook(); u != "https://ikm.example.com/tg" || sec != "s3cr3t_-" {
		t.Errorf("Webhook() = %q, %q", u, sec)
	}
	_, err = bot.GetUpdates(tgbotapi.UpdateConfig{})
	if e := apiErr(t, err); e.Code != 409 {
		t.Errorf("getUpdates with webhook = %+v, want 409", e)
	}
	info, err := bot.GetWebhookInfo()
	if err != nil || info.URL != "https://ikm.example.com/tg" {
		t.Errorf("GetWebhookInfo = %+v, %v", info, err)
	}
	resp, err = bot.Request(tgbotapi.DeleteWebhookConfig{DropPendingUpdates: true})
	if err != nil || resp.Description != "Webhook was deleted" {
		t.Errorf("deleteWebhook = %+v, %v", resp, err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Errorf("getUpdates after deleteWebhook: %v", err)
	}
	wh, _ := tgbotapi.NewWebhook("http://insecure.example.com/tg")
	rs, rec := newRecorded(t)
	if _, err := newBot(t, rs).Request(wh); err == nil {
		t.Error("plain http webhook accepted")
	}
	if len(rec.take()) == 0 {
		t.Error("no report for an http webhook")
	}
}
