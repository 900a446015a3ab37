package telegramtest

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestFloodLimits(t *testing.T) {
	clk := newClock()
	s := NewWithOptions(t, Options{Now: clk.Now, CheckResults: true})
	bot := newBot(t, s)
	s.UserSends(1, "a")
	s.UserSends(2, "b")
	s.SetLimits(Limits{PerChatPerSecond: 1, PerChatBurst: 3, GlobalPerSecond: 30, GlobalBurst: 30})
	for i := range 3 {
		if _, err := bot.Send(tgbotapi.NewMessage(1, "burst")); err != nil {
			t.Fatalf("send %d within burst: %v", i, err)
		}
	}
	_, err := bot.Send(tgbotapi.NewMessage(1, "too many"))
	e := apiErr(t, err)
	if e.Code != 429 || e.RetryAfter != 1 || e.Message != "Too Many Requests: retry after 1" {
		t.Errorf("error = %+v, want 429 with retry_after 1", e)
	}
	// Another chat is not limited by chat 1's bucket.
	if _, err := bot.Send(tgbotapi.NewMessage(2, "other chat")); err != nil {
		t.Errorf("other chat: %v", err)
	}
	clk.Advance(time.Second)
	if _, err := bot.Send(tgbotapi.NewMessage(1, "after waiting")); err != nil {
		t.Errorf("after retry_after: %v", err)
	}

	// The global bucket, and retry_after rounded up over several seconds.
	s.SetLimits(Limits{GlobalPerSecond: 0.25, GlobalBurst: 1})
	if _, err := bot.Send(tgbotapi.NewMessage(2, "one")); err != nil {
		t.Fatal(err)
	}
	_, err = bot.Send(tgbotapi.NewMessage(1, "two"))
	if got, want := apiErr(t, err).RetryAfter, 4; got != want {
		t.Errorf("global retry_after = %d, want %d", got, want)
	}

	// The Retry-After header, seen with a raw request.
	resp, err := http.PostForm(strings.Replace(s.Endpoint(), "%s/%s", Token+"/sendMessage", 1),
		url.Values{"chat_id": {"1"}, "text": {"raw"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("raw: status %d, Retry-After %q; want 429 with the header", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	s.SetLimits(Limits{})
	if _, err := bot.Send(tgbotapi.NewMessage(1, "limits off")); err != nil {
		t.Errorf("limits off: %v", err)
	}
}

func TestDefaultLimitsBurst(t *testing.T) {
	clk := newClock()
	s := NewWithOptions(t, Options{Now: clk.Now})
	bot := newBot(t, s)
	s.UserSends(1, "hi")
	s.SetLimits(DefaultLimits())
	sent := 0
	for range 10 {
		if _, err := bot.Send(tgbotapi.NewMessage(1, "x")); err != nil {
			break
		}
		sent++
	}
	if sent != DefaultLimits().PerChatBurst {
		t.Errorf("sent %d before 429, want the burst of %d", sent, DefaultLimits().PerChatBurst)
	}
}

func TestBlockedAndDeactivatedUsers(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(51, "hi")
	s.UserSends(52, "hi")
	poll(t, bot)

	s.BlockUser(51)
	_, err := bot.Send(tgbotapi.NewMessage(51, "halo"))
	e := apiErr(t, err)
	if e.Code != 403 || e.Message != "Forbidden: bot was blocked by the user" {
		t.Errorf("send to blocked = %+v", e)
	}
	// The upload path: same description, but tgbotapi leaves Code 0.
	_, err = bot.Send(tgbotapi.NewDocument(51, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")}))
	if e := apiErr(t, err); e.Code != 0 || e.Message != "Forbidden: bot was blocked by the user" {
		t.Errorf("upload to blocked = %+v, want Code 0 (tgbotapi's UploadFiles) and the description", e)
	}
	ups := poll(t, bot)
	if len(ups) != 1 || ups[0].MyChatMember == nil || ups[0].MyChatMember.NewChatMember.Status != "kicked" {
		t.Fatalf("updates after block = %+v, want my_chat_member kicked", ups)
	}
	s.UnblockUser(51)
	ups = poll(t, bot)
	if len(ups) != 1 || ups[0].MyChatMember == nil || ups[0].MyChatMember.NewChatMember.Status != "member" {
		t.Fatalf("updates after unblock = %+v, want my_chat_member member", ups)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(51, "welcome back")); err != nil {
		t.Errorf("send after unblock: %v", err)
	}

	s.DeactivateUser(52)
	_, err = bot.Send(tgbotapi.NewMessage(52, "halo"))
	if e := apiErr(t, err); e.Code != 403 || e.Message != "Forbidden: user is deactivated" {
		t.Errorf("send to deactivated = %+v", e)
	}

	_, err = bot.Send(tgbotapi.NewMessage(404, "halo"))
	if e := apiErr(t, err); e.Code != 400 || e.Message != "Bad Request: chat not found" {
		t.Errorf("send to unknown chat = %+v", e)
	}
}

func TestFailNext(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(61, "hi")

	s.FailNext("sendMessage", 61, 429, "", 7)
	_, err := bot.Send(tgbotapi.NewMessage(61, "a"))
	if e := apiErr(t, err); e.Code != 429 || e.RetryAfter != 7 {
		t.Errorf("injected 429 = %+v", e)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(61, "b")); err != nil {
		t.Errorf("after the one-shot failure: %v", err)
	}

	s.FailNext("", 0, 502, "", 0)
	_, err = bot.Send(tgbotapi.NewMessage(61, "c"))
	var e *tgbotapi.Error
	if err == nil || errors.As(err, &e) {
		t.Errorf("502 error = %v, want a JSON decode error (nginx HTML body)", err)
	}

	s.FailNext("SENDMESSAGE", 0, 500, "", 0)
	_, err = bot.Send(tgbotapi.NewMessage(61, "d"))
	if e := apiErr(t, err); e.Code != 500 || e.Message != "Internal Server Error" {
		t.Errorf("injected 500 = %+v", e)
	}

	// Other chats and methods are not affected.
	s.FailNext("sendMessage", 999, 403, "", 0)
	if _, err := bot.Send(tgbotapi.NewMessage(61, "e")); err != nil {
		t.Errorf("failure for another chat hit chat 61: %v", err)
	}
}
