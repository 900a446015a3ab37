package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/bot/telegramtest"
	"ikmbot/flows"
)

const id = "id"

// signUpSteps answers sign-up one step at a time, as a user would; entry i
// answers step i+1 and names what the bot says next.
func signUpSteps(u *user) []func() {
	t := func(k flows.Key, args ...any) string { return flows.T(id, k, args...) }
	return []func(){
		func() { u.press(t(flows.SuAgree)) },
		func() { u.sends("Siti Rahayu") },
		func() { u.tapKeyboard(t(flows.SuShareContact)) },
		func() { u.sends("Kopi Tanggamus Jaya") },
		func() { u.sends("1234567890123") },
		func() { u.press("Tanggamus") },
		func() { u.press("Kopi") },
		func() { u.sends("kopi bubuk robusta") },
		func() { u.press(t(flows.SuWorkersLabel, "5-19")) },
		func() { u.sends("500 kg") },
		func() { u.press(t(flows.SuExportIndirect)) },
	}
}

func TestSignUpEndToEnd(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	w.tg.SetUserPhone(u.id, "6281234567890")

	w.tg.UserStarted(u.id, "src_pameran")
	u.expect(begin(flows.T(id, flows.MsgWelcomeNew)))
	u.press(flows.T(id, flows.BtnSignUp))
	answerSignUp(u)

	p, err := w.store.Profile(context.Background(), u.id)
	if err != nil {
		t.Fatal(err)
	}
	if p.Phone != "+6281234567890" || p.Region != "TGM" || p.Source != "pameran" || p.ExportStatus != ikmbot.ExportIndirect {
		t.Errorf("stored profile = %+v", p)
	}
	if kb := w.tg.ReplyKeyboard(u.id); kb != nil {
		t.Errorf("the share-contact keyboard is still shown: %v", kb)
	}
	if len(w.tg.Commands(u.id)) == 0 {
		t.Errorf("no command menu was registered")
	}
}

// TestRestartMidFlow stops the bot half way through sign-up, lets the user
// answer while it is down, starts a new process and checks the user
// finishes without any question asked twice.
func TestRestartMidFlow(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	u.sends("/daftar")
	u.expect(step(id, 1))
	answers := signUpSteps(u)
	for i := 0; i < 5; i++ {
		answers[i]()
		u.expect(step(id, i+2))
	}
	w.stop()
	answers[5]() // answered while the bot is down: Telegram keeps it
	w.start()
	u.expect(step(id, 7))
	for i := 6; i < len(answers); i++ {
		if i == 8 {
			w.stop()
			w.start()
		}
		answers[i]()
		if i+2 <= 11 {
			u.expect(step(id, i+2))
		}
	}
	u.expect(begin(flows.T(id, flows.SuSummary, "")))
	u.press(flows.T(id, flows.SuSave))
	u.expect(begin(flows.T(id, flows.SuSaved, "Siti Rahayu")))
	for n := 1; n <= 11; n++ {
		count := 0
		for _, m := range w.tg.Messages(u.id) {
			if strings.Contains(m.Text, step(id, n)) {
				count++
			}
		}
		if count != 1 {
			t.Errorf("step %d asked %d times; the chat:\n%s", n, count, u.chat())
		}
	}
}

// TestBadInputEveryStep tries what confuses a first-time user at every
// step: a sticker, a photo, a voice note, gibberish and a stale button. The
// same step must come back each time and the sign-up still finish.
func TestBadInputEveryStep(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	u.sends("/daftar")
	u.expect(step(id, 1))
	firstMsg := w.tg.Messages(u.id)[0]
	stale := firstMsg.Buttons[0][0].Data // consent "agree" of this run: stale after step 1
	bad := []func(){
		func() { w.tg.UserSendsSticker(u.id) },
		func() { w.tg.UserSendsPhoto(u.id) },
		func() { w.tg.UserSendsVoice(u.id) },
		func() { u.sends("🤷") },
	}
	for i, answer := range signUpSteps(u) {
		n := i + 1
		for _, b := range bad {
			b()
			u.expect(step(id, n))
		}
		if n > 1 {
			w.tg.UserPressedForged(u.id, firstMsg.ID, stale)
			u.expect(flows.T(id, flows.MsgStaleButton))
			u.expect(step(id, n))
		}
		answer()
	}
	u.expect(begin(flows.T(id, flows.SuSummary, "")))
	u.press(flows.T(id, flows.SuSave))
	u.expect(begin(flows.T(id, flows.SuSaved, "Siti Rahayu")))
}

// TestWrongTypedAnswers checks the explanations for answers that do not fit.
func TestWrongTypedAnswers(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	u.sends("/daftar")
	u.expect(step(id, 1))
	u.press(flows.T(id, flows.SuAgree))
	u.expect(step(id, 2))
	u.sends("S")
	u.expect(flows.T(id, flows.ErrName))
	u.sends("Siti Rahayu")
	u.expect(step(id, 3))
	u.sends("12345")
	u.expect(begin(flows.T(id, flows.ErrPhone)))
	u.sends("+62 812-3456-7890")
	u.expect(step(id, 4))
	u.sends("Usaha Siti")
	u.expect(step(id, 5))
	u.sends("12345")
	u.expect(begin(flows.T(id, flows.ErrNIB)))
	u.sends("belum punya")
	u.expect(step(id, 6))
}

func TestOwnerCannotReachStaffOrAdminEndToEnd(t *testing.T) {
	w := newWorld(t)
	w.start()
	owner := w.user()
	owner.sends("/start")
	welcome := owner.expect(begin(flows.T(id, flows.MsgWelcomeNew)))
	for _, cmd := range []string{"/undang", "/invite", "/kelasbaru", "/siaran", "/statistik", "/ekspor", "/binaan"} {
		owner.sends(cmd)
		owner.expect(flows.T(id, flows.MsgNotAllowed))
	}
	for _, forged := range []string{"inv:staff", "inv:admin", "inv:mentor"} {
		w.tg.UserPressedForged(owner.id, welcome.ID, forged)
		owner.expect(flows.T(id, flows.MsgNotAllowed))
	}
	keys, err := w.redis.Client(t).Keys(context.Background(), "ikm:invite:*").Result()
	if err != nil || len(keys) != 0 {
		t.Errorf("forged buttons created invites: %v %v", keys, err)
	}
}

func TestAdminInvitesStaffEndToEnd(t *testing.T) {
	w := newWorld(t)
	admin, staff := w.user(), w.user()
	w.start(func(c *Config) { c.AdminIDs = []int64{admin.id} })
	admin.sends("/undang")
	admin.expect(flows.T(id, flows.InvChoose))
	admin.press(flows.T(id, flows.RoleStaffName))
	msg := admin.expect("https://t.me/")
	i := strings.Index(msg.Text, "inv_")
	code := strings.Fields(msg.Text[i:])[0]
	w.tg.UserStarted(staff.id, code)
	staff.expect(begin(flows.T(id, flows.InvRedeemed, flows.T(id, flows.RoleStaffName))))
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := w.tg.Wait(ctx, func() bool { return len(w.tg.Commands(admin.id)) > len(w.tg.Commands(staff.id)) }); err != nil {
		t.Errorf("admin menu %v is not larger than staff menu %v", w.tg.Commands(admin.id), w.tg.Commands(staff.id))
	}
}

func TestBlockedOwnerMarkedUnreachable(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	signUp(u)
	w.tg.BlockUser(u.id)
	waitUnreachable(t, w, u.id, true)
	u.sends("/profil") // writing again unblocks, as Telegram's Restart does
	waitUnreachable(t, w, u.id, false)
	u.expect("Siti Rahayu")

	// A 403 on a reply marks the owner too, without retrying.
	w.tg.FailNext("sendMessage", u.id, 403, "Forbidden: bot was blocked by the user", 0)
	u.sends("/bantuan")
	waitUnreachable(t, w, u.id, true)

	// After /hapusdata a block leaves no record behind.
	u.sends("/hapusdata")
	u.expect(begin(flows.T(id, flows.DelConfirm)))
	u.press(flows.T(id, flows.DelYes))
	u.expect(begin(flows.T(id, flows.DelDone)))
	w.tg.BlockUser(u.id)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := w.tg.Wait(ctx, func() bool { return w.tg.PendingUpdates() == 0 }); err != nil {
		t.Fatal("the block update was never fetched")
	}
	w.stop() // the poller has handled what it fetched
	keys, err := w.redis.Client(t).Keys(context.Background(), fmt.Sprintf("ikm:*%d*", u.id)).Result()
	if err != nil || len(keys) != 0 {
		t.Errorf("keys about the deleted owner: %v, %v", keys, err)
	}
}

// signUp walks an owner through the whole sign-up.
func signUp(u *user) {
	u.w.t.Helper()
	u.sends("/daftar")
	answerSignUp(u)
}

// answerSignUp answers every sign-up question from the first, checking
// each comes in turn, and saves.
func answerSignUp(u *user) {
	u.w.t.Helper()
	u.expect(step(id, 1))
	for i, answer := range signUpSteps(u) {
		answer()
		if i+2 <= 11 {
			u.expect(step(id, i+2))
		}
	}
	u.expect(begin(flows.T(id, flows.SuSummary, "")))
	u.press(flows.T(id, flows.SuSave))
	u.expect(begin(flows.T(id, flows.SuSaved, "Siti Rahayu")))
}

func waitUnreachable(t *testing.T, w *world, userID int64, want bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		u, _, err := w.store.LoadUser(context.Background(), userID)
		if err == nil && u.Unreachable == want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("user %d unreachable never became %v", userID, want)
}

func TestTelegramErrorsAreSurvived(t *testing.T) {
	w := newWorld(t)
	w.start()
	u := w.user()
	w.tg.FailNext("sendMessage", u.id, 429, "Too Many Requests: retry after 1", 1)
	u.sends("/start")
	u.expect(begin(flows.T(id, flows.MsgWelcomeNew)))
	w.tg.FailNext("sendMessage", u.id, 502, "Bad Gateway", 0)
	u.sends("/bantuan")
	u.expect(begin(flows.T(id, flows.MsgHelpOwner)))
}

func TestWebhookMode(t *testing.T) {
	w := newWorld(t)
	const secret = "s3cret-token"
	w.start(func(c *Config) { c.WebhookURL, c.WebhookSecret = "https://bot.example/telegram", secret })
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := w.tg.Wait(ctx, func() bool { u, _ := w.tg.Webhook(); return u != "" }); err != nil {
		t.Fatal("the bot never set its webhook")
	}
	if u, s := w.tg.Webhook(); u != "https://bot.example/telegram" || s != secret {
		t.Errorf("webhook = %q, %q", u, s)
	}
	u := w.user()
	update := fmt.Sprintf(`{"update_id":555,"message":{"message_id":1,"date":%d,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"Siti"},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`,
		time.Now().Unix(), u.id, u.id)
	w.tg.SetUser(telegramtest.User{ID: u.id, FirstName: "Siti"}) // the fake must know the chat to deliver replies
	post := func(secret string) int {
		req, _ := http.NewRequest("POST", "http://"+w.bot.addr+"/telegram", bytes.NewBufferString(update))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post("wrong"); got == http.StatusOK {
		t.Errorf("a wrong secret was accepted")
	}
	if got := post(secret); got != http.StatusOK {
		t.Fatalf("webhook answered %d, want 200", got)
	}
	// Answered only after handling: the reply is already there.
	if msgs := w.tg.Messages(u.id); len(msgs) != 1 {
		t.Fatalf("after the 200 the chat has %d messages, want 1", len(msgs))
	}
	if got := post(secret); got != http.StatusOK { // Telegram retrying the same update
		t.Fatalf("retry answered %d", got)
	}
	if msgs := w.tg.Messages(u.id); len(msgs) != 1 {
		t.Errorf("a retried update was handled twice: %d messages", len(msgs))
	}
	resp, err := http.Get("http://" + w.bot.addr + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz = %v, %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Get("http://" + w.bot.addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "ikmbot_events_handled_total 1\n") || !strings.Contains(string(body), "ikmbot_events_duplicate_total 1\n") || !strings.Contains(string(body), `ikmbot_telegram_requests_total{outcome="sent"}`) ||
		!strings.Contains(string(body), "ikmbot_due_items ") || !strings.Contains(string(body), `ikmbot_help_requests_total{event="opened"} 0`) {
		t.Errorf("metrics after one update:\n%s", body)
	}
}

func TestStartUpFailsClearly(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"redis unreachable", func(c *Config) { c.RedisURL = "redis://127.0.0.1:1/0" }, "REDIS_URL"},
		{"token rejected", func(c *Config) { c.Token = "999:wrong" }, "TELEGRAM_BOT_TOKEN"},
		{"token missing", func(c *Config) { c.Token = "" }, "TELEGRAM_BOT_TOKEN"},
		{"bot api unreachable", func(c *Config) { c.APIEndpoint = "http://127.0.0.1:1/bot%s/%s" }, "TELEGRAM_API_ENDPOINT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := w.config()
			tt.mod(&cfg)
			err := Run(context.Background(), cfg, discard())
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line naming %s", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "wrong") {
				t.Errorf("the token leaked into the error: %v", err)
			}
		})
	}
}
