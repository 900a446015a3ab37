package handlers

import (
	"bytes"
	"image/png"
	"slices"
	"time"

	"context"
	"testing"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/report"
)

// TestStats: three owners sign up, two in Metro (one through a radio
// deep link) and one in Tanggamus who exports through a trader and takes
// the readiness check; two of them choose target countries in /pasar.
// Staff and admins see the numbers, owners and mentors are refused.
func TestStats(t *testing.T) {
	e := newEnv(t)
	e.r.cfg.Population, e.r.cfg.TargetPercent = 1000, 10 // a target of 100

	radio := e.person()
	radio.command("start", "src_radio")
	radio.pressLabel(flows.T("id", flows.BtnSignUp))
	radio.pressLabel(flows.T("id", flows.SuAgree))
	radio.text("Budi")
	radio.text("081234567890")
	radio.text("Keripik Budi")
	radio.pressLabel(flows.T("id", flows.SuNoNIB))
	radio.pressLabel("Metro")
	radio.pressLabel("Kopi")
	radio.text("kopi bubuk")
	radio.pressLabel(flows.T("id", flows.SuWorkersLabel, "1-4"))
	radio.text("50 kg")
	radio.pressLabel(flows.T("id", flows.SuExportNever))
	radio.pressLabel(flows.T("id", flows.SuSave))
	radio.mustSee(flows.T("id", flows.SuSaved, "Budi"))

	e.person().signUpIn("Kopi Metro", "Metro", "Kopi")

	exporter := e.person()
	exporter.command("cek", "")
	exporter.signUpWithNIB() // Tanggamus, Kopi, exports through a trader
	exporter.answerCheck(false)
	u, _, err := e.store.LoadUser(context.Background(), exporter.id)
	if err != nil || u.Level == "" {
		t.Fatalf("the exporter has no readiness level: %+v, %v", u, err)
	}

	// One gives up at the phone number, after asking for help there
	// (which does not end the conversation).
	quitter := e.person()
	quitter.command("daftar", "")
	quitter.pressLabel(flows.T("id", flows.SuAgree))
	quitter.text("Sari")
	quitter.command("bantuan", "")

	// Target countries: Japan twice, the United States once; one taken
	// back is not counted.
	radio.press(marketData(actMarketTarget, "JP"))
	for _, code := range []string{"JP", "US", "DE", "DE"} {
		exporter.press(marketData(actMarketTarget, code))
	}

	id := func(k flows.Key, args ...any) string { return flows.T("id", k, args...) }
	wants := []string{
		id(flows.StStageLine, id(flows.StSignedUp), "3"),
		id(flows.StStageLinePct, id(flows.StChecked), "1", "33,3%"),
		id(flows.StStageLinePct, id(flows.StEnrolled), "0", "0%"),
		id(flows.StStageLinePct, id(flows.StExporting), "1", "33,3%"),
		id(flows.StTargetLine, "10%", "1.000", "100"),
		id(flows.StTargetProgress, "1", "1%"),
		id(flows.StRegionLine, 1, "Metro", "2", "0"),
		id(flows.StRegionLine, 2, "Tanggamus", "1", "1"),
		id(flows.StSectorLine, "Kopi (robusta) dan olahan kopi", "3", "1"),
		id(flows.StCountLine, flows.LevelName("id", ikmbot.Readiness(), u.Level), "1"),
		id(flows.StCountLine, "radio", "1"),
		id(flows.StWeeksOnly, "3"), // the first week: no average of weeks before the bot ran
		id(flows.StStepsFlow, id(flows.StFlowSignUp), "4", "3", "75%"),
		id(flows.StStepsStops, id(flows.StStepsStop, id(flows.FieldPhone), "1")),
		id(flows.StStepsFlow, id(flows.StFlowReadiness), "1", "1", "100%"),
		id(flows.StMentorNone),
		id(flows.StMarketsTitle) + "\n" + id(flows.StMarketLine, 1, "🇯🇵 Jepang", "2", "66,7%") + "\n" +
			id(flows.StMarketLine, 2, "🇺🇸 Amerika Serikat", "1", "33,3%") + "\n\n",
	}
	staff := e.staff()
	for _, cmd := range []string{"statistik", "stats"} {
		staff.command(cmd, "")
		for _, want := range wants {
			staff.mustSee(want)
		}
		if len(staff.last) != 5 || staff.last[1].Photo == nil || staff.last[4].Photo == nil {
			t.Errorf("/%s answered %d messages, want the text and four charts", cmd, len(staff.last))
		}
	}
	admin := e.admin()
	admin.command("statistik", "")
	admin.mustSee(wants[0])

	mentor := e.mentor("Budi")
	e.assign(mentor, exporter)
	staff.command("statistik", "")
	staff.mustSee(id(flows.StMentorLine, "1", "1"))
	staff.mustSee(id(flows.StMentorLess, "2"))
	for _, p := range []*person{exporter, mentor} {
		p.command("statistik", "")
		p.mustSee(id(flows.MsgNotAllowed))
		if p.saw(id(flows.StTitle)) {
			t.Errorf("user %d saw the statistics", p.id)
		}
	}
}

// TestStatsInMenu: /statistik is in the staff's and admins' menus only.
func TestStatsInMenu(t *testing.T) {
	for _, tt := range []struct {
		role ikmbot.Role
		want bool
	}{{ikmbot.RoleOwner, false}, {ikmbot.RoleMentor, false}, {ikmbot.RoleStaff, true}, {ikmbot.RoleAdmin, true}} {
		found := false
		for _, m := range Menu(tt.role, "id") {
			found = found || m.Command == "statistik"
		}
		if found != tt.want {
			t.Errorf("%q menu offers /statistik: %v, want %v", tt.role, found, tt.want)
		}
	}
}

// /statistik's text is followed by the funnel, the target, the sign-ups
// per week and the sign-up steps as PNG charts that decode.
func TestStatsCharts(t *testing.T) {
	e := newEnv(t)
	owner := e.person()
	owner.signUp()
	staff := e.staff()
	staff.command("statistik", "")
	var photos []*ikmbot.File
	for _, m := range staff.last {
		if m.Photo != nil {
			photos = append(photos, m.Photo)
		}
	}
	if len(photos) != 4 {
		t.Fatalf("got %d photos, want the funnel, the target, the weeks and the sign-up steps: %+v", len(photos), staff.last)
	}
	for _, p := range photos {
		img, err := png.Decode(bytes.NewReader(p.Data))
		if err != nil {
			t.Fatalf("%s does not decode: %v", p.Name, err)
		}
		if b := img.Bounds(); b.Dx() != report.Width || b.Dy() != report.Height {
			t.Errorf("%s is %v, want %dx%d", p.Name, b, report.Width, report.Height)
		}
	}
}

// The nightly recount schedules the next night's and restores counts a
// lost refresh left wrong; at start-up it runs only when they are off.
func TestStatsRepair(t *testing.T) {
	e := newEnv(t) // 27-11-2026 10.00 WIB
	ctx := context.Background()
	owner := e.person()
	owner.signUp()
	counts := func() int64 {
		f, err := e.store.FunnelCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return f.Total[ikmbot.StageSignedUp]
	}
	if counts() != 1 {
		t.Fatalf("signed up = %d, want 1", counts())
	}
	if err := e.r.EnsureStatsRepair(ctx); err != nil {
		t.Fatal(err)
	}
	night := time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC) // 28-11 03.00 WIB
	due, err := e.store.DueItems(ctx, night, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var repair []ikmbot.Due
	for _, d := range due {
		if d.Kind == DueStatsRepair {
			repair = append(repair, d)
		}
	}
	if len(repair) != 1 || !repair[0].At.Equal(night) || !repair[0].Until.Equal(night.Add(statsRepairWindow)) {
		t.Fatalf("nightly recount = %+v, want one at 28-11 03.00 WIB", repair)
	}

	// A lost refresh: the counters are gone.
	e.redis.Client(t).Del(ctx, "ikm:stats:{funnel}")
	if counts() != 0 {
		t.Fatal("the counters were not spoiled")
	}
	if err := e.r.RepairStatsIfStale(ctx); err != nil {
		t.Fatal(err)
	}
	if counts() != 1 {
		t.Errorf("after the start-up recount: signed up = %d, want 1", counts())
	}
	e.redis.Client(t).Del(ctx, "ikm:stats:{funnel}")
	if msgs, err := e.r.FireStatsRepair(ctx, repair[0], night); err != nil || len(msgs) != 0 {
		t.Fatalf("fire = %+v, %v", msgs, err)
	}
	if counts() != 1 {
		t.Errorf("after the nightly recount: signed up = %d, want 1", counts())
	}
	due, _ = e.store.DueItems(ctx, night.Add(24*time.Hour), 0, 100)
	next := 0
	for _, d := range due {
		if d.Kind == DueStatsRepair && d.At.Equal(night.Add(24*time.Hour)) {
			next++
		}
	}
	if next != 1 {
		t.Errorf("the next night's recount is not scheduled: %+v", due)
	}
}

// TestSignUpStepsCounted: each attempt at the sign-up is counted once, at
// the furthest question it reached: going back does not count it again, a
// cancelled attempt stays where it stopped, and starting over is a new
// attempt; editing a saved profile is not an attempt.
func TestSignUpStepsCounted(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	steps := func() []int64 {
		t.Helper()
		q := ikmbot.StatsQuery{Steps: map[string]int{ikmbot.StepFlowSignUp: flows.SignUp.ProgressSteps()}}
		st, err := e.store.StatsCounts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return st.Steps[ikmbot.StepFlowSignUp]
	}
	phone := flows.SignUp.ProgressIndex(flows.StepPhone)
	name := flows.SignUp.ProgressIndex(flows.StepOwnerName)

	p := e.person()
	p.command("daftar", "")
	p.pressLabel(flows.T("id", flows.SuAgree))
	p.text("Sari") // at the phone
	p.command("batal", "")
	p.command("daftar", "")
	p.pressLabel(flows.T("id", flows.SuAgree)) // a new attempt, at the name
	got := steps()
	if got[phone] != 1 || got[name] != 1 || got[0] != 0 {
		t.Fatalf("after a cancelled attempt and a new one: %v, want one at the phone (%d) and one at the name (%d)", got, phone, name)
	}

	owner := e.person()
	owner.signUp()
	got = steps()
	if done := got[len(got)-1]; done != 1 {
		t.Errorf("finished = %d, want 1: %v", done, got)
	}
	for i, n := range got[:len(got)-1] {
		if i != phone && i != name && n != 0 {
			t.Errorf("a finished sign-up left %d attempts at step %d: %v", n, i, got)
		}
	}
	owner.command("profil", "")
	owner.pressLabel(flows.T("id", flows.BtnEditProfile))
	owner.pressLabel(flows.T("id", flows.SuSave))
	if diff := steps(); !slices.Equal(diff, got) {
		t.Errorf("editing the profile moved the counts: %v, was %v", diff, got)
	}
}
