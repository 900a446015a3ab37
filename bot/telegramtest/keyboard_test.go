package telegramtest

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"
)

func TestInlineKeyboardCallback(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(5, "/daftar")
	poll(t, bot)

	msg := tgbotapi.NewMessage(5, "Pilih sektor")
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData("Kuliner", "signup:sector:food"),
			tgbotapi.NewInlineKeyboardButtonData("Kriya", "signup:sector:craft"),
		),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Info", "https://example.com/ikm")),
	)
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if sent.ReplyMarkup == nil || len(sent.ReplyMarkup.InlineKeyboard) != 2 {
		t.Errorf("sent.ReplyMarkup = %+v, want the inline keyboard echoed", sent.ReplyMarkup)
	}
	last, _ := s.LastMessage(5)
	wantButtons := [][]Button{
		{{Text: "Kuliner", Data: "signup:sector:food"}, {Text: "Kriya", Data: "signup:sector:craft"}},
		{{Text: "Info", URL: "https://example.com/ikm"}},
	}
	if diff := cmp.Diff(wantButtons, last.Buttons); diff != "" {
		t.Errorf("buttons (-want +got):\n%s", diff)
	}

	id := s.UserPressed(5, sent.MessageID, "signup:sector:craft")
	ups := poll(t, bot)
	if len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("updates = %+v, want one callback query", ups)
	}
	cq := ups[0].CallbackQuery
	if cq.ID != id || cq.Data != "signup:sector:craft" || cq.Message == nil || cq.Message.MessageID != sent.MessageID {
		t.Errorf("callback = %+v, want id %s with data and the message", cq, id)
	}
	if got := s.UnansweredCallbacks(); !cmp.Equal(got, []string{id}) {
		t.Errorf("UnansweredCallbacks = %v, want [%s]", got, id)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(id, "Tersimpan")); err != nil {
		t.Fatalf("answer: %v", err)
	}
	if got := s.UnansweredCallbacks(); len(got) != 0 {
		t.Errorf("UnansweredCallbacks = %v after answering, want none", got)
	}
	for _, qid := range []string{id, "999"} {
		_, err := bot.Request(tgbotapi.NewCallback(qid, ""))
		if got, want := apiErr(t, err).Message, queryInvalid; got != want {
			t.Errorf("answer %s again: %q, want %q", qid, got, want)
		}
	}
}

func TestCallbackTTL(t *testing.T) {
	clk := newClock()
	s := NewWithOptions(t, Options{CallbackTTL: 15 * time.Second, Now: clk.Now, CheckResults: true})
	bot := newBot(t, s)
	s.UserSends(5, "hi")
	id := s.UserPressedForged(5, 1, "anything")
	clk.Advance(16 * time.Second)
	_, err := bot.Request(tgbotapi.NewCallback(id, ""))
	if got, want := apiErr(t, err).Message, queryInvalid; got != want {
		t.Errorf("late answer: %q, want %q", got, want)
	}
}

func TestUserPressedNeedsButton(t *testing.T) {
	s, rec := newRecorded(t)
	bot := newBot(t, s)
	s.UserSends(5, "hi")
	sent, err := bot.Send(tgbotapi.NewMessage(5, "no buttons"))
	if err != nil {
		t.Fatal(err)
	}
	if id := s.UserPressed(5, sent.MessageID, "x"); id != "" {
		t.Errorf("UserPressed on a message without that button = %q, want \"\"", id)
	}
	if got := rec.take(); !containsAny(got, "no button") {
		t.Errorf("reports = %q, want one about the missing button", got)
	}
	// A forged press goes through and carries the data.
	s.UserPressedForged(5, sent.MessageID, "admin:delete:all")
	ups := poll(t, bot)
	if got := ups[len(ups)-1].CallbackQuery; got == nil || got.Data != "admin:delete:all" {
		t.Errorf("forged callback = %+v", got)
	}
}

func TestCallbackDataTooLongViaClient(t *testing.T) {
	s, rec := newRecorded(t)
	bot := newBot(t, s)
	s.UserSends(5, "hi")
	msg := tgbotapi.NewMessage(5, "Pilih")
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("x", strings.Repeat("é", 33)), // 66 bytes, 33 characters
	))
	_, err := bot.Send(msg)
	if e := apiErr(t, err); e.Code != 400 || e.Message != "Bad Request: BUTTON_DATA_INVALID" {
		t.Errorf("error = %+v, want 400 BUTTON_DATA_INVALID", e)
	}
	if got := rec.take(); !containsAny(got, "callback_data is 66 bytes long") {
		t.Errorf("reports = %q", got)
	}
	if got := s.Messages(5); len(got) != 0 {
		t.Errorf("a rejected message was stored: %+v", got)
	}
}

func TestEditMessageText(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(9, "/cek")
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Ya", "check:yes")))
	msg := tgbotapi.NewMessage(9, "Sudah punya NIB?")
	msg.ReplyMarkup = kb
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}

	edit := tgbotapi.NewEditMessageTextAndMarkup(9, sent.MessageID, "Sudah punya NIB? Ya", kb)
	got, err := bot.Send(edit)
	if err != nil {
		t.Fatalf("edit: %v", err)
	}
	if got.EditDate == 0 || got.Text != "Sudah punya NIB? Ya" {
		t.Errorf("edited = %+v, want new text and an edit_date", got)
	}
	msgs := s.Messages(9)
	if len(msgs) != 1 || msgs[0].Text != "Sudah punya NIB? Ya" || !msgs[0].Edited || len(msgs[0].Buttons) != 1 {
		t.Errorf("Messages = %+v, want the one message edited in place with its keyboard", msgs)
	}

	_, err = bot.Send(edit)
	if got, want := apiErr(t, err).Message, notModified; got != want {
		t.Errorf("same edit: %q, want %q", got, want)
	}

	// An edit without reply_markup drops the keyboard, as on Telegram.
	if _, err := bot.Send(tgbotapi.NewEditMessageText(9, sent.MessageID, "Sudah punya NIB? Ya")); err != nil {
		t.Fatalf("edit dropping keyboard: %v", err)
	}
	if last, _ := s.LastMessage(9); last.Buttons != nil {
		t.Errorf("buttons after edit without markup = %v, want none", last.Buttons)
	}

	_, err = bot.Send(tgbotapi.NewEditMessageText(9, 999, "x"))
	if got, want := apiErr(t, err).Message, "Bad Request: message to edit not found"; got != want {
		t.Errorf("edit unknown: %q, want %q", got, want)
	}

	// editMessageReplyMarkup through Request, and the same markup again.
	rm := tgbotapi.NewEditMessageReplyMarkup(9, sent.MessageID, kb)
	if _, err := bot.Request(rm); err != nil {
		t.Fatalf("edit markup: %v", err)
	}
	_, err = bot.Request(rm)
	if got, want := apiErr(t, err).Message, notModified; got != want {
		t.Errorf("same markup: %q, want %q", got, want)
	}
}

func TestDeleteMessage(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(9, "hi")
	sent, err := bot.Send(tgbotapi.NewMessage(9, "sementara"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(9, sent.MessageID)); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if got := s.Messages(9); len(got) != 0 {
		t.Errorf("Messages after delete = %+v", got)
	}
	_, err = bot.Request(tgbotapi.NewDeleteMessage(9, sent.MessageID))
	if got, want := apiErr(t, err).Message, "Bad Request: message to delete not found"; got != want {
		t.Errorf("delete again: %q, want %q", got, want)
	}
	if _, err := bot.Request(tgbotapi.NewChatAction(9, tgbotapi.ChatTyping)); err != nil {
		t.Errorf("sendChatAction: %v", err)
	}
}

func TestReplyKeyboardContact(t *testing.T) {
	s := New(t)
	bot := newBot(t, s)
	s.UserSends(11, "/daftar")
	s.SetUserPhone(11, "+6281234567890")
	poll(t, bot)

	kb := tgbotapi.NewOneTimeReplyKeyboard(
		tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact("Bagikan nomor")),
		tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton("Lewati")),
	)
	msg := tgbotapi.NewMessage(11, "Boleh minta nomor HP?")
	msg.ReplyMarkup = kb
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	if sent.ReplyMarkup != nil {
		t.Errorf("reply keyboard echoed in the result; Telegram echoes only inline keyboards")
	}
	want := [][]KeyButton{{{Text: "Bagikan nomor", RequestContact: true}}, {{Text: "Lewati"}}}
	if diff := cmp.Diff(want, s.ReplyKeyboard(11)); diff != "" {
		t.Errorf("ReplyKeyboard (-want +got):\n%s", diff)
	}
	if err := s.UserTapsKeyboard(11, "Tidak ada"); err == nil {
		t.Error("tapping a missing button: no error")
	}
	if err := s.UserTapsKeyboard(11, "Bagikan nomor"); err != nil {
		t.Fatal(err)
	}
	ups := poll(t, bot)
	if len(ups) != 1 || ups[0].Message == nil || ups[0].Message.Contact == nil {
		t.Fatalf("updates = %+v, want a contact message", ups)
	}
	c := ups[0].Message.Contact
	if c.PhoneNumber != "+6281234567890" || c.UserID != 11 {
		t.Errorf("contact = %+v, want the user's own phone and id", c)
	}
	if got := s.ReplyKeyboard(11); got != nil {
		t.Errorf("one-time keyboard still shown after a tap: %v", got)
	}

	// A plain reply keyboard stays until removed.
	msg = tgbotapi.NewMessage(11, "Pilih")
	msg.ReplyMarkup = tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton("A")))
	if _, err := bot.Send(msg); err != nil {
		t.Fatal(err)
	}
	if err := s.UserTapsKeyboard(11, "A"); err != nil {
		t.Fatal(err)
	}
	if s.ReplyKeyboard(11) == nil {
		t.Error("persistent keyboard hidden after a tap")
	}
	msg = tgbotapi.NewMessage(11, "Terima kasih")
	msg.ReplyMarkup = tgbotapi.NewRemoveKeyboard(false)
	if _, err := bot.Send(msg); err != nil {
		t.Fatal(err)
	}
	if got := s.ReplyKeyboard(11); got != nil {
		t.Errorf("keyboard after ReplyKeyboardRemove = %v", got)
	}
	if last, _ := s.LastMessage(11); !last.RemoveKeyboard {
		t.Error("last message does not record RemoveKeyboard")
	}
}
