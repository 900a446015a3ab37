package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
)

// The sandbox tests drive the JSON API as the page's script does, against
// the sandbox started in-process as `ikmbot sandbox` starts it (miniredis,
// the fake Bot API on the page's port, the movable clock). The browser
// test drives the page itself.

// newSandbox starts a sandbox on a free port and stops it when the test
// ends. Nothing comes from the environment, so REDIS_URL cannot send the
// test to a developer's Redis.
func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sb, err := startSandbox(t.Context(), func(string) string { return "" }, ln, discard())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := sb.close(); err != nil {
			t.Errorf("the bot stopped with %v", err)
		}
	})
	return sb
}

// visitor is someone using the page as one persona.
type visitor struct {
	t       *testing.T
	sb      *sandbox
	persona persona
	seen    int // messages of the chat already looked at
}

func (sb *sandbox) visitor(t *testing.T, key string) *visitor {
	p, ok := personaByKey(key)
	if !ok {
		t.Fatalf("no persona %q", key)
	}
	return &visitor{t: t, sb: sb, persona: p}
}

// call sends one API request as the page does and decodes the answer into
// out (when not nil); it returns the status.
func (v *visitor) call(method, path string, body, out any) int {
	v.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(v.t.Context(), method, v.sb.url+path, rd)
	if err != nil {
		v.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		v.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			v.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

// post sends an action and fails the test unless it was taken.
func (v *visitor) post(path string, body any) {
	v.t.Helper()
	var out map[string]any
	if code := v.call(http.MethodPost, path, body, &out); code != http.StatusOK {
		v.t.Fatalf("POST %s %v: %d %v", path, body, code, out)
	}
}

func (v *visitor) state() stateJSON {
	v.t.Helper()
	var st stateJSON
	if code := v.call(http.MethodGet, "/api/state?persona="+v.persona.Key, nil, &st); code != http.StatusOK {
		v.t.Fatalf("GET /api/state: %d", code)
	}
	return st
}

func (v *visitor) sends(text string) {
	v.t.Helper()
	v.post("/api/send", map[string]any{"persona": v.persona.Key, "text": text})
}

// expect polls the state, as the page does, until a new bot message
// containing want (as the user sees it) arrives, and returns it.
func (v *visitor) expect(want string) messageJSON {
	v.t.Helper()
	want = plain(want)
	deadline := time.Now().Add(waitLimit)
	var st stateJSON
	for time.Now().Before(deadline) {
		st = v.state()
		for i := v.seen; i < len(st.Messages); i++ {
			if m := st.Messages[i]; m.From == "bot" && strings.Contains(m.Text, want) {
				v.seen = i + 1
				return m
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	var chat strings.Builder
	for _, m := range st.Messages {
		chat.WriteString(m.From + "> " + m.Text + "\n")
	}
	v.t.Fatalf("%s never saw %q; the chat:\n%s", v.persona.Key, want, chat.String())
	return messageJSON{}
}

// press clicks the inline button labelled label on the newest message
// that has it.
func (v *visitor) press(label string) {
	v.t.Helper()
	msgs := v.state().Messages
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Text == label {
					v.post("/api/press", map[string]any{"persona": v.persona.Key, "message": msgs[i].ID, "data": b.Data})
					return
				}
			}
		}
	}
	v.t.Fatalf("%s sees no button %q", v.persona.Key, label)
}

// tap clicks the reply keyboard button labelled label, which must be shown.
func (v *visitor) tap(label string) keyJSON {
	v.t.Helper()
	for _, row := range v.state().Keyboard {
		for _, k := range row {
			if k.Text == label {
				v.post("/api/keyboard", map[string]any{"persona": v.persona.Key, "text": label})
				return k
			}
		}
	}
	v.t.Fatalf("%s sees no keyboard button %q", v.persona.Key, label)
	return keyJSON{}
}

// clock moves the bot's clock as the clock buttons do.
func (v *visitor) clock(body map[string]string) (now time.Time, messages int) {
	v.t.Helper()
	var out struct {
		Now      time.Time `json:"now"`
		Messages int       `json:"messages"`
		Error    string    `json:"error"`
	}
	if code := v.call(http.MethodPost, "/api/clock", body, &out); code != http.StatusOK {
		v.t.Fatalf("POST /api/clock %v: %d %s", body, code, out.Error)
	}
	return out.Now, out.Messages
}

// morning moves the clock to 10.00 WIB of the next day, so what the test
// schedules falls outside quiet hours whatever the time of the run.
func (v *visitor) morning() time.Time {
	v.t.Helper()
	now := v.sb.clock.Now().In(v.sb.loc)
	at := time.Date(now.Year(), now.Month(), now.Day()+1, 10, 0, 0, 0, v.sb.loc)
	got, _ := v.clock(map[string]string{"to": at.Format("2006-01-02T15:04")})
	if got.Before(at) {
		v.t.Fatalf("the clock shows %v after moving to %v", got, at)
	}
	return at
}

// TestSandboxSignUp walks an owner through sign-up on the page's API,
// moves the clock a day, and checks an owner who stopped half way is
// nudged then, as the reminder engine would nudge them.
func TestSandboxSignUp(t *testing.T) {
	sb := newSandbox(t)
	siti := sb.visitor(t, "siti")
	siti.morning()

	siti.sends("/start")
	welcome := siti.expect(begin(kt(flows.MsgWelcomeNew)))
	if len(welcome.Buttons) == 0 || welcome.Buttons[0][0].Data == "" {
		t.Fatalf("the welcome has no buttons in the state: %+v", welcome)
	}
	if len(welcome.Entities) == 0 {
		t.Errorf("the welcome has no formatting in the state: %+v", welcome)
	}
	siti.press(kt(flows.BtnSignUp))
	siti.expect(step(id, 1))
	siti.press(kt(flows.SuAgree))
	siti.expect(step(id, 2))
	siti.sends("Siti Rahayu")
	siti.expect(step(id, 3))
	if k := siti.tap(kt(flows.SuShareContact)); !k.Contact {
		t.Errorf("the share-contact button is not marked as one: %+v", k)
	}
	answers := []func(){
		func() { siti.sends("Kopi Tanggamus Jaya") },
		func() { siti.sends("1234567890123") },
		func() { siti.press("Tanggamus") },
		func() { siti.press("Kopi") },
		func() { siti.sends("kopi bubuk robusta") },
		func() { siti.press(kt(flows.SuWorkersLabel, "5-19")) },
		func() { siti.sends("500 kg") },
	}
	for i, answer := range answers {
		siti.expect(step(id, i+4))
		answer()
	}
	siti.expect(step(id, 11))
	siti.press(kt(flows.SuExportIndirect))
	siti.expect(begin(kt(flows.SuSummary, "")))
	siti.press(kt(flows.SuSave))
	siti.expect(begin(kt(flows.SuSaved, "Siti Rahayu")))

	p, err := sb.store.Profile(t.Context(), siti.persona.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Phone != siti.persona.Phone || p.Region != "TGM" || p.ExportStatus != ikmbot.ExportIndirect {
		t.Errorf("stored profile = %+v", p)
	}
	st := siti.state()
	if len(st.Keyboard) != 0 {
		t.Errorf("the share-contact keyboard is still shown: %v", st.Keyboard)
	}
	if len(st.Commands) == 0 {
		t.Errorf("no command menu in the state")
	}
	var mine int
	for _, m := range st.Messages {
		if m.From == "user" {
			mine++
		}
	}
	if mine < 7 {
		t.Errorf("the state shows %d of the user's own messages, want the typed and shared ones", mine)
	}

	budi := sb.visitor(t, "budi")
	budi.sends("/daftar")
	budi.expect(step(id, 1))
	budi.press(kt(flows.SuAgree))
	budi.expect(step(id, 2))
	before := sb.clock.Now()
	now, sent := budi.clock(map[string]string{"add": "24h"})
	if d := now.Sub(before); d < 24*time.Hour || d > 24*time.Hour+time.Minute {
		t.Errorf("the clock moved by %v, want a day", d)
	}
	if sent == 0 {
		t.Errorf("moving a day sent nothing")
	}
	nudge := budi.expect(kt(flows.NuSignUp))
	if nudge.Day != dayText(now.In(sb.loc)) {
		t.Errorf("the nudge is dated %s, want %s", nudge.Day, dayText(now.In(sb.loc)))
	}
	if n := len(siti.state().Messages); n != len(st.Messages) {
		t.Errorf("the owner who finished got %d new messages from the day", n-len(st.Messages))
	}
}

// user is a persona as the end-to-end tests' helpers drive users: through
// the fake Telegram directly, for the set-up the page's API is not under
// test in.
func (sb *sandbox) user(t *testing.T, p persona) *user {
	return &user{w: &world{t: t, tg: sb.tg, store: sb.store}, id: p.ID}
}

// signedUp is a persona signed up as an owner, as TestSignUpEndToEnd does.
func (sb *sandbox) signedUp(t *testing.T, p persona) *user {
	t.Helper()
	u := sb.user(t, p)
	u.sends("/daftar")
	answerSignUp(u)
	return u
}

// TestSandboxClassReminders: staff create a class two weeks ahead, an
// owner enrols, and one move of the clock to an hour before the meeting
// brings the 7-day, 1-day and 2-hour reminders, each at its own time
// rather than all at once at the end.
func TestSandboxClassReminders(t *testing.T) {
	sb := newSandbox(t)
	rina := sb.visitor(t, "rina")
	start := rina.morning().AddDate(0, 0, 14)
	// The test helpers of the end-to-end tests create the class and enrol
	// through the fake Telegram directly: the page's API is tested above.
	dewi := sb.visitor(t, "dewi")
	staff, owner := sb.user(t, rina.persona), sb.signedUp(t, dewi.persona)
	p := classPlan{level: ikmbot.LevelPemula, title: "Kelas Ekspor Pemula Pesawaran",
		meetings: []meeting{{start: start, hours: 2, place: "Aula Disperindag, Bandar Lampung"}}}
	createClass(staff, p)
	enrol(owner, p, 0)

	dewi.seen = len(dewi.state().Messages)
	dewi.clock(map[string]string{"to": start.Add(-time.Hour).Format("2006-01-02T15:04")})
	for _, ahead := range reminderTimes {
		due := start.Add(-ahead)
		// As TestClassRemindersEndToEnd words it: sent just after its time.
		m := dewi.expect(reminder(ahead-time.Minute, p.title, 1, 1))
		// The bot's own cron may take the minute first, which moves the
		// tick a minute on.
		if m.Day != dayText(due) || (m.Time != due.Format("15:04") && m.Time != due.Add(time.Minute).Format("15:04")) {
			t.Errorf("the %v reminder is dated %s %s, want %s %s", ahead, m.Day, m.Time, dayText(due), due.Format("15:04"))
		}
	}
}

// TestSandboxPage checks the page and its assets carry the ids the
// browser test finds things by, and the API refuses what it should.
func TestSandboxPage(t *testing.T) {
	sb := newSandbox(t)
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(sb.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	page := get("/")
	for _, id := range []string{
		"composer-input", "send-button", "persona-switcher", "clock-now", "clock-hour", "clock-day",
		"clock-week", "clock-to-input", "clock-to-button", "messages", "reply-keyboard", "menu-button", "command-menu",
	} {
		if !strings.Contains(page, `data-testid="`+id+`"`) {
			t.Errorf("the page has no data-testid %q", id)
		}
	}
	script := get("/app.js")
	for _, id := range []string{"message", "inline-button", "keyboard-button", "document-link", "photo", "menu-command", "persona-"} {
		if !strings.Contains(script, `"data-testid": "`+id) {
			t.Errorf("the script makes no data-testid %q", id)
		}
	}
	if strings.Contains(script, "innerHTML") {
		t.Errorf("the script uses innerHTML")
	}
	get("/app.css")

	v := sb.visitor(t, "siti")
	var personasOut struct {
		Personas []persona `json:"personas"`
		InMemory bool      `json:"in_memory"`
	}
	v.call(http.MethodGet, "/api/personas", nil, &personasOut)
	roles := map[ikmbot.Role]int{}
	for _, p := range personasOut.Personas {
		roles[p.Role]++
	}
	if roles[ikmbot.RoleOwner] < 2 || roles[ikmbot.RoleStaff] != 1 || roles[ikmbot.RoleMentor] != 1 || roles[ikmbot.RoleAdmin] != 1 || !personasOut.InMemory {
		t.Errorf("personas = %+v", personasOut)
	}
	for _, c := range []struct {
		method, path string
		body         any
		want         int
	}{
		{http.MethodGet, "/api/state?persona=nobody", nil, http.StatusNotFound},
		{http.MethodPost, "/api/send", map[string]any{"persona": "siti", "text": "  "}, http.StatusBadRequest},
		{http.MethodPost, "/api/press", map[string]any{"persona": "siti", "message": 99, "data": "m:signup"}, http.StatusConflict},
		{http.MethodPost, "/api/keyboard", map[string]any{"persona": "siti", "text": "Bagikan"}, http.StatusConflict},
		{http.MethodPost, "/api/clock", map[string]any{"add": "-1h"}, http.StatusBadRequest},
		{http.MethodPost, "/api/clock", map[string]any{"to": "2020-01-01T10:00"}, http.StatusBadRequest},
		{http.MethodGet, "/api/file?persona=siti&message=1", nil, http.StatusNotFound},
	} {
		if got := v.call(c.method, c.path, c.body, nil); got != c.want {
			t.Errorf("%s %s %v: %d, want %d", c.method, c.path, c.body, got, c.want)
		}
	}
	// A form post from another site cannot act.
	resp, err := http.Post(sb.url+"/api/send", "application/x-www-form-urlencoded", strings.NewReader("persona=siti&text=hi"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("a form post got %d", resp.StatusCode)
	}
}

// TestSandboxFiles: staff's /statistik charts come to the page as photos
// and /ekspor as a workbook to download, both served from the bytes the
// bot uploaded.
func TestSandboxFiles(t *testing.T) {
	sb := newSandbox(t)
	sb.signedUp(t, sb.visitor(t, "budi").persona) // /ekspor sends no file of nobody
	rina := sb.visitor(t, "rina")
	rina.sends("/statistik")
	rina.expect(begin(kt(flows.StTitle)))
	var photo *fileJSON
	deadline := time.Now().Add(waitLimit)
	for photo == nil && time.Now().Before(deadline) {
		for _, m := range rina.state().Messages {
			if m.Photo != nil {
				photo = m.Photo
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if photo == nil {
		t.Fatal("no chart arrived")
	}
	if body, ct := fetch(t, sb.url+photo.URL); !bytes.HasPrefix(body, []byte("\x89PNG")) || ct != "image/png" {
		t.Errorf("the chart is served as %q, starting %q", ct, body[:min(8, len(body))])
	}

	rina.sends("/ekspor")
	rina.expect(begin(kt(flows.ExAskFormat)))
	rina.press(kt(flows.ExFormatXLSX))
	rina.expect(begin(kt(flows.ExAskScope)))
	rina.press(kt(flows.ExScopeAll))
	rina.expect(begin(kt(flows.SuSummary, "")))
	rina.press(kt(flows.SuSave))
	var doc *fileJSON
	deadline = time.Now().Add(waitLimit)
	for doc == nil && time.Now().Before(deadline) {
		for _, m := range rina.state().Messages {
			if m.Document != nil {
				doc = m.Document
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if doc == nil || !strings.HasSuffix(doc.Name, ".xlsx") {
		t.Fatalf("no workbook arrived: %+v", doc)
	}
	resp, err := http.Get(sb.url + doc.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.HasPrefix(body, []byte("PK")) || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), doc.Name) {
		t.Errorf("the workbook is served with %v, starting %q", resp.Header, body[:min(8, len(body))])
	}
}

func fetch(t *testing.T, url string) ([]byte, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b, resp.Header.Get("Content-Type")
}

// TestSandboxCommand runs what `ikmbot sandbox` runs: one line with the
// page's URL and the warning that the data is lost, then a clean stop.
func TestSandboxCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	env := map[string]string{"SANDBOX_ADDR": "127.0.0.1:0"}
	done := make(chan error, 1)
	go func() { done <- Sandbox(ctx, func(k string) string { return env[k] }, pw, discard()) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url, _, _ := strings.Cut(strings.TrimPrefix(line, "ikmbot sandbox: open "), " ")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.Contains(line, "lost when you stop it") {
		t.Errorf("the sandbox printed %q", line)
	}
	if body, _ := fetch(t, url+"/"); !strings.Contains(string(body), "composer-input") {
		t.Errorf("%s does not serve the page", url)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the sandbox stopped with %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("the sandbox did not stop")
	}
}

// TestSandboxClockOnlyForward: the clock never goes back, and moves that
// overlap wait for each other.
func TestSandboxClockOnlyForward(t *testing.T) {
	sb := newSandbox(t)
	before := sb.clock.Now()
	sb.clock.jumpTo(before.Add(-time.Hour))
	if sb.clock.Now().Before(before) {
		t.Errorf("the clock went back")
	}
	done := make(chan time.Time, 2)
	for range 2 {
		go func() {
			rep, err := sb.advance(context.Background(), sb.clock.Now().Add(time.Hour))
			if err != nil || rep.Ticks == 0 {
				t.Errorf("advance: %+v, %v", rep, err)
			}
			done <- sb.clock.Now()
		}()
	}
	<-done
	<-done
	if d := sb.clock.Now().Sub(before); d < time.Hour {
		t.Errorf("two moves of an hour moved the clock %v", d)
	}
}
