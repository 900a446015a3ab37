package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"ikmbot"
	"ikmbot/flows"
)

// The browser test drives the sandbox's page in headless Chromium as a
// person would: it clicks personas, inline and keyboard buttons and the
// clock's controls, and types into the text box. It finds things by the
// page's data-testid hooks and waits on what the page shows, never for a
// fixed time.

var update = flag.Bool("update", false, "rewrite docs/sandbox.png, the README's screenshot, from TestSandboxBrowser")

// screenshotPath is the README's picture of the sandbox, from this package.
var screenshotPath = filepath.Join("..", "..", "docs", "sandbox.png")

// The browser window of the test and of the screenshot: wide enough for
// the personas and the clock beside the phone-sized chat, and narrow
// enough for the README to show the picture at its own size.
const viewportWidth, viewportHeight = 820, 800

// chromium finds the browser, or ends the test: a skip on a developer's
// machine without it, a failure in CI (CI set) or with -update, where the
// test must run.
func chromium(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err == nil {
		return path
	}
	const hint = "chromium is not installed (Debian: apt-get install chromium fonts-noto-color-emoji)"
	if ci := os.Getenv("CI"); (ci != "" && ci != "false" && ci != "0") || *update {
		t.Fatalf("%s; CI and -update need it for the browser test", hint)
	}
	t.Skipf("%s: skipping the browser test, which CI runs", hint)
	return ""
}

// browser is the sandbox's page in a headless Chromium tab, used by one
// person who switches between personas.
type browser struct {
	t       *testing.T
	ctx     context.Context // the tab
	sb      *sandbox
	persona string
	seen    map[string]int // per persona, the chat's messages already looked at

	mu         sync.Mutex
	exceptions []string // uncaught errors of the page's script
}

// newBrowser starts the Chromium at path with the page of sb open, and
// stops it when the test ends (before the sandbox, whose clean-up was
// registered first).
func newBrowser(t *testing.T, sb *sandbox, path string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(viewportWidth, viewportHeight),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	b := &browser{t: t, ctx: ctx, sb: sb, seen: map[string]int{}}
	// The first action starts the browser, bound to ctx (so with no
	// timeout of its own); each later wait has its own.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportWidth, viewportHeight)); err != nil {
		t.Fatalf("start chromium (%s): %v", path, err)
	}
	console := chromedp.Console(ctx)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() {
				b.mu.Lock()
				b.exceptions = append(b.exceptions, m.Text)
				b.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, e := range b.exceptions {
			t.Errorf("the page's script threw: %s", e)
		}
	})
	b.do("open the page", chromedp.Navigate(sb.url+"/"))
	b.poll("the page's first drawing", `document.documentElement.dataset.ready === "true"`)
	return b
}

// do runs actions, within waitLimit, and ends the test when they fail.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fail("%s: %v", what, err)
	}
}

// click clicks the element sel finds, as a mouse would. The page redraws
// the chat when it changes, so a button found a moment before can be gone:
// then it is looked up and clicked again.
func (b *browser) click(what, sel string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	var err error
	for range 3 {
		if err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err == nil || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		b.fail("click %s (%s): %v", what, sel, err)
	}
}

// js is a call of the JavaScript function fn with args, as an expression.
func js(fn string, args ...any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		j, err := json.Marshal(a)
		if err != nil {
			panic(err)
		}
		parts[i] = string(j)
	}
	return "(" + fn + ")(" + strings.Join(parts, ", ") + ")"
}

// poll waits until the expression is truthy and returns its value.
func poll[T any](b *browser, what, expr string) T {
	b.t.Helper()
	// The page gives up at waitLimit; the context, a little later, in case
	// the browser itself stops answering.
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit+5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Poll[T](expr,
		chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(waitLimit)))
	if err != nil {
		b.fail("waiting for %s: %v", what, err)
	}
	return v
}

func (b *browser) poll(what, expr string) { b.t.Helper(); poll[chromedp.Void](b, what, expr) }

// eval returns the value of the expression now.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.fail("evaluate %s: %v", expr, err)
	}
	return v
}

// pageMessage is a bot message as the page shows it.
type pageMessage struct {
	Index   int      `json:"index"` // among the chat's messages on the page
	ID      int      `json:"id"`
	Text    string   `json:"text"`
	Buttons []string `json:"buttons"`
}

// findMessage finds, in the chat of persona as the page draws it, the
// first bot message from index from on whose text contains want and which
// has a button labelled button (unless empty); null when there is none.
const findMessage = `(persona, from, want, button) => {
  const box = document.querySelector('[data-testid="messages"]');
  if (!box || box.dataset.persona !== persona) return null;
  const all = box.querySelectorAll('[data-testid="message"]');
  for (let i = from; i < all.length; i++) {
    const m = all[i];
    if (m.dataset.from !== "bot") continue;
    const text = m.querySelector('[data-testid="message-text"]').textContent;
    const buttons = [...m.querySelectorAll('[data-testid="inline-button"]')].map((b) => b.dataset.text);
    if (text.includes(want) && (button === "" || buttons.includes(button))) {
      return { index: i, id: Number(m.dataset.messageId), text, buttons };
    }
  }
  return null;
}`

// choose clicks a persona and waits for their chat to be drawn.
func (b *browser) choose(key string) {
	b.t.Helper()
	b.click("persona "+key, `[data-testid="persona-`+key+`"]`)
	b.poll("the chat of "+key, js(`(key) => document.querySelector('[data-testid="persona-' + key + '"]').getAttribute("aria-pressed") === "true"
		&& document.querySelector('[data-testid="messages"]').dataset.persona === key`, key))
	b.persona = key
}

// sends types text into the text box and clicks send.
func (b *browser) sends(text string) {
	b.t.Helper()
	b.do("type "+text, chromedp.SendKeys(chromedp.CSS(`[data-testid="composer-input"]`), text))
	b.click("send", `[data-testid="send-button"]`)
}

// expect waits for a new bot message whose text contains want (as the
// user sees it) and returns it.
func (b *browser) expect(want string) pageMessage { b.t.Helper(); return b.expectIn(want, "") }

// expectButton waits for a new bot message with a button labelled label.
func (b *browser) expectButton(label string) pageMessage { b.t.Helper(); return b.expectIn("", label) }

func (b *browser) expectIn(want, button string) pageMessage {
	b.t.Helper()
	want = plain(want)
	m := poll[pageMessage](b, fmt.Sprintf("%s to see %q %q", b.persona, want, button),
		js(findMessage, b.persona, b.seen[b.persona], want, button))
	b.seen[b.persona] = m.Index + 1
	return m
}

// has reports whether the chat shows, from its message index from on, a
// bot message containing want, without waiting.
func (b *browser) has(from int, want string) bool {
	b.t.Helper()
	m := eval[*pageMessage](b, js(findMessage, b.persona, from, plain(want), ""))
	return m != nil
}

// press clicks the inline button labelled label on the newest message
// that has it.
func (b *browser) press(label string) {
	b.t.Helper()
	id := poll[int](b, "a button "+label, js(`(label) => {
  const all = [...document.querySelectorAll('[data-testid="message"]')].reverse();
  for (const m of all) {
    if ([...m.querySelectorAll('[data-testid="inline-button"]')].some((b) => b.dataset.text === label)) return Number(m.dataset.messageId);
  }
  return 0;
}`, label))
	b.click("the button "+label, `[data-testid="inline-button"][data-message-id="`+strconv.Itoa(id)+`"][data-text=`+cssString(label)+`]`)
}

// tap clicks the reply keyboard button labelled label, and says whether it
// is the one that shares the phone number.
func (b *browser) tap(label string) (contact bool) {
	b.t.Helper()
	sel := `[data-testid="keyboard-button"][data-text=` + cssString(label) + `]`
	contact = poll[string](b, "the keyboard button "+label, js(`(sel) => {
  const k = document.querySelector(sel);
  return k ? k.dataset.contact : "";
}`, sel)) == "true"
	b.click("the keyboard button "+label, sel)
	return contact
}

// cssString quotes s for a CSS attribute selector.
func cssString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\a `).Replace(s) + `"`
}

// now is the bot's clock as the page shows it.
func (b *browser) now() time.Time {
	b.t.Helper()
	s := eval[string](b, `document.querySelector('[data-testid="clock-now"]').dataset.now`)
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		b.fail("the clock shows %q: %v", s, err)
	}
	return at.In(b.sb.loc)
}

// clockMoved waits until the clock's controls are back and the page shows
// the bot's clock at or after at.
func (b *browser) clockMoved(at time.Time) {
	b.t.Helper()
	b.poll("the clock at "+at.Format(time.RFC3339), js(`(at) => {
  const now = document.querySelector('[data-testid="clock-now"]').dataset.now;
  return !document.querySelector('[data-testid="clock-day"]').disabled && Date.parse(now) >= at;
}`, at.UnixMilli()))
}

// clockTo types a date and time into the clock's field and clicks Pindah.
func (b *browser) clockTo(at time.Time) {
	b.t.Helper()
	b.do("set the clock's field", chromedp.SetValue(chromedp.CSS(`[data-testid="clock-to-input"]`), at.Format("2006-01-02T15:04")))
	b.click("Pindah", `[data-testid="clock-to-button"]`)
	b.clockMoved(at)
}

// clockDay clicks "+1 hari".
func (b *browser) clockDay() {
	b.t.Helper()
	next := b.now().Add(24 * time.Hour)
	b.click("+1 hari", `[data-testid="clock-day"]`)
	b.clockMoved(next)
}

// screenshot returns the page as a PNG.
func (b *browser) screenshot(ctx context.Context) ([]byte, error) {
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}

// fail ends the test with what the chat shows and a screenshot of the page
// in the test's artifacts.
func (b *browser) fail(format string, args ...any) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	chat, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('[data-testid="message"]')]
  .map((m) => m.dataset.from + "> " + m.querySelector('[data-testid="message-text"]').textContent).join("\n")`))
	if png, err := b.screenshot(ctx); err == nil {
		path := filepath.Join(b.t.ArtifactDir(), "failure.png")
		if err := os.WriteFile(path, png, 0o644); err == nil {
			b.t.Logf("the page at the failure: %s", path)
		}
	}
	b.t.Fatalf(format+"\nthe chat of %s on the page:\n%s", append(args, b.persona, chat)...)
}

// TestSandboxBrowser walks the story the sandbox is for in a real browser:
// staff create a class, an owner signs up and enrols, all by clicking and
// typing on the page, and moving the bot's clock with the page's controls
// brings the class reminder. It saves a screenshot of the page in the
// test's artifacts, and as the README's picture with -update.
func TestSandboxBrowser(t *testing.T) {
	path := chromium(t) // first: a skip need not start the sandbox
	sb := newSandbox(t)
	b := newBrowser(t, sb, path)

	// Quiet hours hold reminders to the morning: a fixed time of day, from
	// the clock the page shows, makes the run the same at any hour.
	shown := b.now()
	morning := time.Date(shown.Year(), shown.Month(), shown.Day()+1, 9, 0, 0, 0, sb.loc)
	b.clockTo(morning)

	// Staff create a class a week and a day ahead: its first reminder,
	// seven days before, falls on the next morning.
	p := classPlan{level: ikmbot.LevelPemula, title: "Kelas Ekspor Pemula: Kopi & Kakao",
		meetings: []meeting{{start: time.Date(morning.Year(), morning.Month(), morning.Day()+8, 10, 0, 0, 0, sb.loc),
			hours: 2, place: "Aula Disperindag, Bandar Lampung"}}}
	b.choose("rina")
	createClassOnPage(b, p)

	// Siti signs up.
	b.choose("siti")
	siti, _ := personaByKey("siti")
	b.sends("/start")
	b.expect(begin(kt(flows.MsgWelcomeNew)))
	b.press(kt(flows.BtnSignUp))
	b.expect(step(id, 1))
	b.press(kt(flows.SuAgree))
	b.expect(step(id, 2))
	b.sends(siti.Name)
	b.expect(step(id, 3))
	if !b.tap(kt(flows.SuShareContact)) {
		t.Errorf("the share-contact button is not marked data-contact=true")
	}
	answers := []func(){
		func() { b.sends("Kopi Tanggamus Jaya") },
		func() { b.sends("1234567890123") },
		func() { b.press("Tanggamus") },
		func() { b.press("Kopi") },
		func() { b.sends("kopi bubuk robusta") },
		func() { b.press(kt(flows.SuWorkersLabel, "5-19")) },
		func() { b.sends("500 kg") },
	}
	for i, answer := range answers {
		b.expect(step(id, i+4))
		answer()
	}
	b.expect(step(id, 11))
	b.press(kt(flows.SuExportIndirect))
	b.expect(begin(kt(flows.SuSummary, "")))
	b.press(kt(flows.SuSave))
	b.expect(begin(kt(flows.SuSaved, siti.Name)))
	if prof, err := sb.store.Profile(t.Context(), siti.ID); err != nil || prof.Phone != siti.Phone || prof.Region != "TGM" {
		t.Errorf("stored profile = %+v, %v", prof, err)
	}

	// She enrols.
	b.sends("/kelas")
	b.expectButton(p.label(0))
	b.press(p.label(0))
	b.expectButton(kt(flows.BtnKlEnrol))
	b.press(kt(flows.BtnKlEnrol))
	b.expect(begin(kt(flows.KlEnrolled, p.title)))

	// A day at a time, until the reminder's time has passed.
	start := p.meetings[0].start
	class := ikmbot.Class{Title: p.title, Meetings: []ikmbot.Meeting{{Start: start.UTC(), Minutes: 120, Place: p.meetings[0].place}}}
	due := start.Add(-reminderTimes[0])
	want := flows.ClassReminder(id, class, 0, due, sb.loc)
	for days := 0; !b.now().After(due); days++ {
		if days == 10 {
			t.Fatalf("the clock shows %v after ten days forward", b.now())
		}
		if b.has(b.seen["siti"], want) {
			t.Fatalf("the reminder due %v arrived at %v", due, b.now())
		}
		b.clockDay()
	}
	reminder := b.expect(want)
	for _, label := range []string{kt(flows.BtnKlComing), kt(flows.BtnKlNotComing)} {
		if !strings.Contains(strings.Join(reminder.Buttons, "\n"), label) {
			t.Errorf("the reminder's buttons are %q, want %q among them", reminder.Buttons, label)
		}
	}

	// The picture: Siti's chat ending with the reminder, the mouse off
	// the buttons.
	b.do("move the mouse away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, viewportWidth-1, viewportHeight-1))
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	png, err := b.screenshot(ctx)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	artifact := filepath.Join(t.ArtifactDir(), "sandbox.png")
	if err := os.WriteFile(artifact, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("the page: %s", artifact)
	if *update {
		if err := os.MkdirAll(filepath.Dir(screenshotPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(screenshotPath, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", screenshotPath)
	}
}

// createClassOnPage answers /kelasbaru on the page as staff would, as
// createClass does through the fake Telegram.
func createClassOnPage(b *browser, p classPlan) {
	b.t.Helper()
	m := p.meetings[0]
	if len(p.meetings) != 1 || p.capacity != 0 || p.free {
		b.t.Fatal("createClassOnPage makes classes of one meeting, the standard seats and no waiting list for declined seats")
	}
	b.sends("/kelasbaru")
	b.expect(begin(kt(flows.KbAskLevel)))
	b.press(plain(flows.LevelName(id, ikmbot.Readiness(), p.level)))
	b.expect(begin(kt(flows.KbAskStage)))
	b.press(kt(flows.KbStageLabel, "1"))
	b.expect(begin(kt(flows.KbAskYear)))
	b.press(strconv.Itoa(m.start.Year()))
	b.expect(begin(kt(flows.KbAskTitle)))
	b.sends(p.title)
	b.expect(begin(kt(flows.KbAskCapacity)))
	b.press(kt(flows.KbCapacityStd, ikmbot.DefaultCapacity))
	b.expect(begin(kt(flows.KbAskFree)))
	b.press(kt(flows.KbFreeNo))
	b.expect(begin(kt(flows.KbAskDate, 1)))
	b.sends(m.start.Format("02-01-2006"))
	b.expect(begin(kt(flows.KbAskTime, 1)))
	b.sends(m.start.Format("15.04"))
	b.expect(begin(kt(flows.KbAskMinutes, 1)))
	b.press(hoursLabel(m.hours))
	b.expect(begin(kt(flows.KbAskPlace, 1)))
	b.sends(m.place)
	b.expect(begin(kt(flows.KbAskMore, 1, "")))
	b.press(kt(flows.KbMoreNo))
	b.expect(begin(kt(flows.KbAskNote)))
	b.press(kt(flows.KbNoNote))
	b.expect(begin(kt(flows.SuSummary, "")))
	b.press(kt(flows.SuSave))
	b.expect(before(kt(flows.KlCreated, p.title, "KODE"), "KODE"))
}
