package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/storage"
	"ikmbot/storage/redistest"
)

// env is a Router on a real Redis, with a clock the test sets.
type env struct {
	t      *testing.T
	r      *Router
	store  *storage.Store
	redis  *redistest.Server
	nextID int64
	now    time.Time // the router's clock; tests move it
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv := redistest.Start(t)
	store := storage.New(srv.Client(t))
	e := &env{t: t, store: store, redis: srv, nextID: 1000, now: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	e.r = New(Config{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return e.now }, BotUsername: "ikm_test_bot"})
	return e
}

// person is one Telegram user talking to the router.
type person struct {
	e    *env
	id   int64
	name string // Telegram first name; empty for none
	last []ikmbot.Message
}

func (e *env) person() *person {
	e.nextID++
	return &person{e: e, id: e.nextID}
}

func (p *person) send(ev ikmbot.Event) []ikmbot.Message {
	p.e.t.Helper()
	ev.ChatID, ev.UserID, ev.FirstName = p.id, p.id, p.name
	var err error
	p.last, err = p.e.r.Handle(context.Background(), ev)
	if err != nil {
		p.e.t.Fatalf("Handle(%+v): %v", ev, err)
	}
	return p.last
}

func (p *person) command(name, args string) []ikmbot.Message {
	return p.send(ikmbot.Event{Kind: ikmbot.EventCommand, Command: name, Text: args})
}

func (p *person) text(s string) []ikmbot.Message {
	return p.send(ikmbot.Event{Kind: ikmbot.EventText, Text: s})
}

func (p *person) press(data string) []ikmbot.Message {
	return p.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: data})
}

// pressLabel taps the button with this label in the last answer.
func (p *person) pressLabel(label string) []ikmbot.Message {
	p.e.t.Helper()
	for _, m := range p.last {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Text == label {
					return p.press(b.Data)
				}
			}
		}
	}
	p.e.t.Fatalf("no button %q in %v", label, p.last)
	return nil
}

func (p *person) saw(want string) bool {
	for _, m := range p.last {
		if strings.Contains(m.Text, want) {
			return true
		}
	}
	return false
}

func (p *person) mustSee(want string) {
	p.e.t.Helper()
	if !p.saw(want) {
		p.e.t.Fatalf("user %d: want a message containing %q, got %+v", p.id, want, p.last)
	}
}

func (p *person) signUp() {
	p.e.t.Helper()
	p.command("daftar", "")
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.text("Siti Rahayu")
	p.text("0812 3456 7890")
	p.text("Kopi Jaya")
	p.pressLabel(flows.T("id", flows.SuNoNIB))
	p.pressLabel("Metro")
	p.pressLabel("Kopi")
	p.text("kopi bubuk")
	p.pressLabel(flows.T("id", flows.SuWorkersLabel, "1-4"))
	p.text("100 kg")
	p.pressLabel(flows.T("id", flows.SuExportNever))
	p.pressLabel(flows.T("id", flows.SuSave))
	p.mustSee(flows.T("id", flows.SuSaved, "Siti Rahayu"))
}

func TestOwnerCannotReachStaffOrAdmin(t *testing.T) {
	e := newEnv(t)
	owner := e.person()
	owner.signUp()
	for _, cmd := range []string{"undang", "invite", "kelasbaru", "siaran", "statistik", "ekspor", "pembeli", "binaan", "newclass", "stats"} {
		owner.command(cmd, "")
		owner.mustSee(flows.T("id", flows.MsgNotAllowed))
	}
	for _, forged := range []string{"inv:staff", "inv:mentor", "inv:admin"} {
		owner.press(forged)
		owner.mustSee(flows.T("id", flows.MsgNotAllowed))
	}
	keys, err := e.redis.Client(t).Keys(context.Background(), "ikm:invite:*").Result()
	if err != nil || len(keys) != 0 {
		t.Errorf("forged invite buttons created invites: %v, %v", keys, err)
	}
	u, _, err := e.store.LoadUser(context.Background(), owner.id)
	if err != nil || u.Role != ikmbot.RoleOwner {
		t.Errorf("owner's role = %q, %v; want owner", u.Role, err)
	}
}

func TestInviteMakesStaff(t *testing.T) {
	e := newEnv(t)
	admin, staff, late := e.person(), e.person(), e.person()
	if err := e.store.SetRole(context.Background(), admin.id, ikmbot.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	admin.command("undang", "")
	admin.pressLabel(flows.T("id", flows.RoleStaffName))
	link := regexp.MustCompile(`https://t\.me/ikm_test_bot\?start=(inv_[A-Za-z0-9_-]+)`).FindStringSubmatch(admin.last[0].Text)
	if link == nil {
		t.Fatalf("no invite link in %q", admin.last[0].Text)
	}
	if len(link[1]) > 64 {
		t.Errorf("deep-link payload %q is over Telegram's 64 characters", link[1])
	}
	staff.command("start", link[1])
	staff.mustSee(flows.T("id", flows.InvRedeemed, flows.T("id", flows.RoleStaffName)))
	var menu []ikmbot.MenuCommand
	for _, m := range staff.last {
		if m.Menu != nil {
			menu = m.Menu
		}
	}
	if len(menu) == 0 {
		t.Errorf("redeeming sent no menu: %+v", staff.last)
	}
	staff.command("kelasbaru", "")
	staff.mustSee(flows.T("id", flows.KbAskLevel))
	staff.command("undang", "")
	staff.mustSee(flows.T("id", flows.MsgNotAllowed))

	late.command("start", link[1])
	late.mustSee(flows.T("id", flows.InvInvalid))
	late.command("start", "inv_forged-code")
	late.mustSee(flows.T("id", flows.InvInvalid))
}

func TestMenusDifferByRole(t *testing.T) {
	owner, admin := Menu(ikmbot.RoleOwner, "id"), Menu(ikmbot.RoleAdmin, "id")
	if len(admin) <= len(owner) {
		t.Errorf("admin menu %v is not larger than the owner's %v", admin, owner)
	}
	for _, m := range owner {
		if m.Command == "undang" {
			t.Errorf("owner menu offers /undang")
		}
	}
	valid := regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	for _, lang := range flows.Languages {
		for _, m := range Menu(ikmbot.RoleAdmin, lang) {
			if !valid.MatchString(m.Command) || m.Description == "" || len(m.Description) > 256 {
				t.Errorf("menu entry %+v breaks Telegram's rules", m)
			}
		}
	}
}

func TestStartSourceKeptOnProfile(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("start", "src_pameran2026")
	p.mustSee(flows.T("id", flows.MsgWelcomeNew))
	p.pressLabel(flows.T("id", flows.BtnSignUp))
	p.mustSee(flows.T("id", flows.SuConsent))
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.text("Budi")
	// The rest through the shared helper would restart the flow; finish by hand.
	p.text("081234567890")
	p.text("Keripik Budi")
	p.text("1234567890123")
	p.pressLabel("Bandar Lampung")
	p.pressLabel(flows.T("id", flows.SuSectorOther))
	p.text("madu hutan")
	p.text("madu")
	p.pressLabel(flows.T("id", flows.SuWorkersLabel, "5-19"))
	p.text("20 liter")
	p.pressLabel(flows.T("id", flows.SuExportDirect))
	p.pressLabel(flows.T("id", flows.SuSave))
	prof, err := e.store.Profile(context.Background(), p.id)
	if err != nil {
		t.Fatal(err)
	}
	if prof.Source != "pameran2026" || prof.SectorOther != "madu hutan" || prof.NIB != "1234567890123" || prof.Phone != "+6281234567890" {
		t.Errorf("profile = %+v", prof)
	}
}

func TestProfileEditAndDelete(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("profil", "")
	p.mustSee(flows.T("id", flows.MsgNeedSignUp))
	p.signUp()
	p.command("profil", "")
	p.mustSee("Siti Rahayu")
	p.pressLabel(flows.T("id", flows.BtnEditProfile))
	p.pressLabel(flows.T("id", flows.SuEditPrefix, flows.T("id", flows.FieldBusinessName)))
	p.text("Kopi Jaya Abadi")
	p.pressLabel(flows.T("id", flows.SuSave))
	p.mustSee(flows.T("id", flows.SuProfileUpdated))
	p.mustSee("Kopi Jaya Abadi")
	prof, err := e.store.Profile(context.Background(), p.id)
	if err != nil || prof.BusinessName != "Kopi Jaya Abadi" || prof.CreatedAt.Equal(time.Time{}) {
		t.Fatalf("profile after edit = %+v, %v", prof, err)
	}

	p.command("hapusdata", "")
	p.pressLabel(flows.T("id", flows.DelNo))
	p.mustSee(flows.T("id", flows.DelKept))
	if _, err := e.store.Profile(context.Background(), p.id); err != nil {
		t.Fatalf("declining deleted the profile: %v", err)
	}
	p.command("hapusdata", "")
	p.pressLabel(flows.T("id", flows.DelYes))
	p.mustSee(flows.T("id", flows.DelDone))
	if _, err := e.store.Profile(context.Background(), p.id); !ikmbot.IsNotFound(err) {
		t.Errorf("profile after deletion: err = %v, want not found", err)
	}
}

func TestLanguageSwitchReasksStep(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("daftar", "")
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.command("bahasa", "")
	p.mustSee(flows.T("en", flows.MsgLanguageSet))
	p.mustSee(flows.T("en", flows.SuOwnerName))
	p.text("Siti")
	p.mustSee(flows.T("en", flows.SuPhone)[:20])
	p.command("language", "")
	p.mustSee(flows.T("id", flows.MsgLanguageSet))
}

func TestCancelAndIdle(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("batal", "")
	p.mustSee(flows.T("id", flows.MsgNothingToCancel))
	p.text("halo")
	p.mustSee(flows.T("id", flows.MsgIdle))
	p.command("daftar", "")
	p.command("batal", "")
	p.mustSee(flows.T("id", flows.MsgCancelled))
	p.text("halo")
	p.mustSee(flows.T("id", flows.MsgIdle))
	p.command("tidakada", "")
	p.mustSee(flows.T("id", flows.MsgUnknownCommand))
	p.press("su:p:zzzz:region:BDL")
	p.mustSee(flows.T("id", flows.MsgStaleButton))
}

// TestRedisDownAsksForRedelivery: with Redis down nothing was claimed or
// done, so the update must come again rather than be answered.
func TestRedisDownAsksForRedelivery(t *testing.T) {
	e := newEnv(t)
	e.redis.Stop(t)
	out, err := e.r.Handle(context.Background(), ikmbot.Event{UpdateID: 9, Kind: ikmbot.EventCommand, Command: "start", ChatID: 5, UserID: 5})
	if err == nil || len(out) != 0 {
		t.Errorf("Handle with Redis down = %v, %v; want no messages and an error", out, err)
	}
}

func TestRedeliveredUpdateIgnored(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	ev := ikmbot.Event{UpdateID: 4242, Kind: ikmbot.EventCommand, Command: "daftar", ChatID: p.id, UserID: p.id}
	first, err := e.r.Handle(context.Background(), ev)
	if err != nil || len(first) == 0 {
		t.Fatalf("first delivery = %v, %v", first, err)
	}
	again, err := e.r.Handle(context.Background(), ev)
	if err != nil || len(again) != 0 {
		t.Errorf("redelivery = %v, %v; want nothing", again, err)
	}
}

// TestDeleteMidSignUpResumesOnNo: /hapusdata during sign-up, then "keep my
// data", goes back to the sign-up question, keyboard handling included.
func TestDeleteMidSignUpResumesOnNo(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("daftar", "")
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.text("Siti Rahayu")
	if p.last[0].Keyboard == nil {
		t.Fatalf("phone step shows no contact keyboard: %+v", p.last)
	}
	p.command("hapusdata", "")
	if !p.last[0].RemoveKeyboard || len(p.last[0].Buttons) != 0 {
		t.Errorf("leaving the phone step did not take the keyboard away first: %+v", p.last)
	}
	p.mustSee(flows.T("id", flows.DelConfirm)[:20])
	p.pressLabel(flows.T("id", flows.DelNo))
	p.mustSee(flows.T("id", flows.DelKept))
	p.mustSee(flows.T("id", flows.SuPhone)[:20])
	p.text("081234567890")
	p.mustSee(flows.T("id", flows.SuBusinessName)[:20])
	if _, s, err := e.store.LoadUser(context.Background(), p.id); err != nil || s.Answers[flows.StepOwnerName] != "Siti Rahayu" {
		t.Errorf("sign-up answers after declining deletion: %v, %v", s.Answers, err)
	}
}

func TestStaffOpeningInviteKeepsRole(t *testing.T) {
	e := newEnv(t)
	admin, staff, newcomer := e.person(), e.person(), e.person()
	ctx := context.Background()
	for id, role := range map[int64]ikmbot.Role{admin.id: ikmbot.RoleAdmin, staff.id: ikmbot.RoleStaff} {
		if err := e.store.SetRole(ctx, id, role); err != nil {
			t.Fatal(err)
		}
	}
	admin.command("undang", "")
	admin.pressLabel(flows.T("id", flows.RoleMentorName))
	code := regexp.MustCompile(`inv_[A-Za-z0-9_-]+`).FindString(admin.last[0].Text)
	staff.command("start", code)
	staff.mustSee(flows.T("id", flows.InvAlready, flows.T("id", flows.RoleStaffName)))
	if u, _, _ := e.store.LoadUser(ctx, staff.id); u.Role != ikmbot.RoleStaff {
		t.Errorf("staff opening a mentor link became %q", u.Role)
	}
	newcomer.command("start", code)
	newcomer.mustSee(flows.T("id", flows.InvRedeemed, flows.T("id", flows.RoleMentorName)))
}

func TestCancelKeepsSource(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.command("start", "src_radio")
	p.command("daftar", "")
	p.command("batal", "")
	_, s, err := e.store.LoadUser(context.Background(), p.id)
	if err != nil || s.Answers[flows.AnswerSource] != "radio" || s.Active() {
		t.Errorf("after /batal the session is %+v, %v; want only the source kept", s, err)
	}
}

// TestUnreadableProfileIsAnswered: a stored profile that no longer decodes
// gets an apology, not an error that would make the poller refetch the same
// update forever. The test writes the field the way storage lays it out.
func TestUnreadableProfileIsAnswered(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	key := fmt.Sprintf("ikm:user:{%d}", p.id)
	if err := e.redis.Client(t).HSet(context.Background(), key, "profile", "{not json").Err(); err != nil {
		t.Fatal(err)
	}
	out, err := e.r.Handle(context.Background(), ikmbot.Event{UpdateID: 77, Kind: ikmbot.EventCommand, Command: "profil", ChatID: p.id, UserID: p.id})
	if err != nil || len(out) != 1 || out[0].Text != flows.T("id", flows.MsgApology) {
		t.Errorf("Handle = %+v, %v; want the apology and no error", out, err)
	}
}

// failingApply is the real store with Apply failing, the one failure real
// Redis cannot be made to produce between two calls on demand.
type failingApply struct{ *storage.Store }

func (failingApply) Apply(context.Context, ikmbot.Change) error {
	return fmt.Errorf("apply change: %w", context.DeadlineExceeded)
}

// TestApplyFailureIsNotReportedAsSaved: when the change cannot be saved,
// the owner gets the apology, never "saved".
func TestApplyFailureIsNotReportedAsSaved(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.signUp() // through the working store, up to a saved profile
	r := New(Config{Store: failingApply{e.store}, Logger: e.r.log})
	out, err := r.Handle(context.Background(), ikmbot.Event{Kind: ikmbot.EventCommand, Command: "bahasa", ChatID: p.id, UserID: p.id})
	if err != nil || len(out) != 1 || out[0].Text != flows.T("id", flows.MsgApology) {
		t.Errorf("Handle = %+v, %v; want only the apology", out, err)
	}
}

// panicStore panics where the router calls it, to exercise the router's
// own recovery.
type panicStore struct{ *storage.Store }

func (panicStore) Apply(context.Context, ikmbot.Change) error { panic("boom") }

func TestPanicBecomesApology(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	r := New(Config{Store: panicStore{e.store}, Logger: e.r.log})
	out, err := r.Handle(context.Background(), ikmbot.Event{Kind: ikmbot.EventCommand, Command: "bahasa", ChatID: p.id, UserID: p.id, LanguageCode: "en"})
	if err != nil || len(out) != 1 || out[0].Text != flows.T("en", flows.MsgApology) {
		t.Errorf("Handle = %+v, %v; want the English apology", out, err)
	}
}

// TestEditPhoneFromProfile walks the contact step in edit mode: the
// keyboard comes, the shared contact is taken, the keyboard goes and the
// summary returns.
func TestEditPhoneFromProfile(t *testing.T) {
	e := newEnv(t)
	p := e.person()
	p.signUp()
	p.command("profil", "")
	p.pressLabel(flows.T("id", flows.BtnEditProfile))
	p.pressLabel(flows.T("id", flows.SuEditPrefix, flows.T("id", flows.FieldPhone)))
	if p.last[0].Keyboard == nil {
		t.Fatalf("no contact keyboard: %+v", p.last)
	}
	p.send(ikmbot.Event{Kind: ikmbot.EventContact, ContactPhone: "+62 811 1111 1111", ContactUserID: p.id})
	if !p.last[0].RemoveKeyboard {
		t.Errorf("the keyboard stays after the contact: %+v", p.last)
	}
	p.mustSee("+6281111111111")
	p.pressLabel(flows.T("id", flows.SuSave))
	if prof, err := e.store.Profile(context.Background(), p.id); err != nil || prof.Phone != "+6281111111111" {
		t.Errorf("phone after edit = %q, %v", prof.Phone, err)
	}
}

// A role holder's Telegram name is kept (others see it), an owner's not.
func TestRoleHolderNameKept(t *testing.T) {
	e := newEnv(t)
	staff, owner := e.staff(), e.person()
	staff.name, owner.name = "Andi", "Siti"
	staff.command("bantuan", "")
	owner.command("bantuan", "")
	ctx := context.Background()
	if u, _, err := e.store.LoadUser(ctx, staff.id); err != nil || u.Name != "Andi" {
		t.Errorf("staff = %+v, %v; want the name kept", u, err)
	}
	if u, _, err := e.store.LoadUser(ctx, owner.id); err != nil || u.Name != "" {
		t.Errorf("owner = %+v, %v; want no name kept", u, err)
	}
	staff.name = "Andi S."
	staff.command("bantuan", "")
	if u, _, _ := e.store.LoadUser(ctx, staff.id); u.Name != "Andi S." {
		t.Errorf("name = %q after a change in Telegram", u.Name)
	}
}
