package flows

import (
	"strings"
	"testing"
	"time"

	"ikmbot"
)

// testLeadLinks and testOwnerLeadLinks are the lead buttons' data as the
// handlers make them.
var (
	testLeadLinks = LeadLinks{
		View:    func(id string) string { return "pb:v:" + id },
		Send:    func(id string) string { return "pb:s:" + id },
		Forward: func(id string) string { return "pb:f:" + id },
		List:    "pb:l", New: "pb:n", Closed: "pb:c",
	}
	testOwnerLeadLinks = OwnerLeadLinks{
		View: func(id string) string { return "pl:v:" + id },
		Yes:  func(id string) string { return "pl:y:" + id },
		No:   func(id string) string { return "pl:n:" + id },
	}
)

// testLeads are a coffee lead with requirements and a pepper lead without,
// whose product needs escaping.
func testLeads() (coffee, pepper ikmbot.Lead) {
	deadline := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 23, 59, 0, 0, kbZone).UTC() }
	coffee = ikmbot.Lead{ID: "1", Product: "kopi robusta green bean grade 1 untuk roastery", Sector: "KOPI", Country: "JP", Quantity: "2 ton",
		Frequency: "tiap bulan", Certs: []string{"HALAL"}, MinLevel: ikmbot.LevelMenengah, Deadline: deadline(12, 15),
		Contact: "hubungi Bidang Ekspor, Bu Rina", Status: ikmbot.LeadOpen}
	pepper = ikmbot.Lead{ID: "2", Product: "lada <hitam> & putih", Sector: "LADA", Country: "US", Quantity: "1 ton",
		Frequency: "sekali", Deadline: deadline(12, 31), Contact: "Bidang Ekspor", Status: ikmbot.LeadOpen}
	return coffee, pepper
}

func viewMsg(text string, buttons [][]ikmbot.Button) []ikmbot.Message {
	return []ikmbot.Message{{Text: text, Buttons: buttons}}
}

// TestLeadViewsGolden shows /pembeli in both languages: no leads, two
// open leads (one with a product to escape) of twelve, a lead just saved
// with and without requirements, a lead's page before sending, after
// sending with interested owners (with and without a mentor), and closed;
// the closed list, the mentor's forward, the forwarding reports and the
// closing notice.
func TestLeadViewsGolden(t *testing.T) {
	coffee, pepper := testLeads()
	rows := []LeadRow{
		{Lead: coffee, Count: ikmbot.LeadCount{Matches: 3, InTargets: 1, Reachable: 2}},
		{Lead: pepper},
	}
	halal, _ := ikmbot.CertTypeByCode("HALAL")
	nib, _ := ikmbot.CertTypeByCode("NIB")
	siti := LeadOwner{User: ikmbot.User{ID: 11, Level: ikmbot.LevelMahir, Profile: &ikmbot.Profile{BusinessName: "Kopi <Siti>",
		OwnerName: "Siti Rahayu", Phone: "+6281234567890", Region: "TGM"}}, Held: []ikmbot.CertType{nib, halal},
		Mentor: "Agus", MentorID: 99, Answer: ikmbot.LeadAnswer{Interested: true, At: testNow}}
	budi := LeadOwner{User: ikmbot.User{ID: 12, Level: ikmbot.LevelMenengah, Profile: &ikmbot.Profile{BusinessName: "Budi Roastery",
		OwnerName: "Budi", Region: "LBR"}}, Held: []ikmbot.CertType{halal}, Answer: ikmbot.LeadAnswer{Interested: true, At: testNow}}
	sent := coffee
	sent.BroadcastID, sent.SentAt = "7", testNow
	closed := sent
	closed.Status, closed.ClosedAt = ikmbot.LeadClosed, coffee.Deadline.Add(8*time.Hour)
	var b strings.Builder
	for _, lang := range Languages {
		section := func(name string) func(string, [][]ikmbot.Button) {
			return func(text string, buttons [][]ikmbot.Button) {
				b.WriteString("=== " + lang + " " + name + "\n" + render(viewMsg(text, buttons)))
			}
		}
		section("no leads")(LeadList(lang, nil, 0, testLeadLinks))
		section("two of twelve")(LeadList(lang, rows, 12, testLeadLinks))
		section("saved coffee")(LeadSaved(lang, rows[0], testLeadLinks))
		section("saved pepper")(LeadSaved(lang, rows[1], testLeadLinks))
		section("page not sent")(LeadDetail(lang, LeadPage{Lead: coffee, Count: rows[0].Count, Now: testNow, CanSend: true}, testLeadLinks))
		section("page pending")(LeadDetail(lang, LeadPage{Lead: sent, Count: rows[0].Count, Now: testNow,
			Sent: &ikmbot.Broadcast{Status: ikmbot.BroadcastPending}}, testLeadLinks))
		section("page sent")(LeadDetail(lang, LeadPage{Lead: sent, Count: rows[0].Count, Now: testNow,
			Sent:       &ikmbot.Broadcast{Total: 2, Sent: 1, Blocked: 1},
			Interested: []LeadOwner{siti, budi}, Declined: 1}, testLeadLinks))
		section("page closed")(LeadDetail(lang, LeadPage{Lead: closed, Now: closed.ClosedAt,
			Sent: &ikmbot.Broadcast{Total: 2, Sent: 2}, Interested: []LeadOwner{budi}}, testLeadLinks))
		b.WriteString("=== " + lang + " for mentor\n" + strings.Join(LeadForMentor(lang, sent, []LeadOwner{siti}), "\n") + "\n")
		b.WriteString("=== " + lang + " forwarded\n" + LeadForwarded(lang, 1, 1, 0, []string{"Budi <Roastery>"}) + "\n")
		b.WriteString("=== " + lang + " forwarded again\n" + LeadForwarded(lang, 0, 0, 1, nil) + "\n")
		b.WriteString("=== " + lang + " forwarded nobody\n" + LeadForwarded(lang, 0, 0, 0, nil) + "\n")
		section("closed for staff")(LeadClosedForStaff(lang, closed, 2, 1, "pb:v:1"))
		section("interest for staff")(LeadInterestForStaff(lang, sent, *siti.User.Profile, "pb:v:1"))
	}
	golden(t, "leads.golden", b.String())
}

// TestLeadOfferGolden shows a lead as owners see it: the offer before and
// after an answer, the replies to each answer, the closing notice, and
// /pasar's part about buyers with leads to answer and leads they miss.
func TestLeadOfferGolden(t *testing.T) {
	coffee, pepper := testLeads()
	other := coffee
	other.ID, other.Product, other.Certs, other.MinLevel = "3", "kopi bubuk", []string{"HACCP", "HALAL"}, ikmbot.LevelMahir
	var b strings.Builder
	for _, lang := range Languages {
		section := func(name string) func(string, [][]ikmbot.Button) {
			return func(text string, buttons [][]ikmbot.Button) {
				b.WriteString("=== " + lang + " " + name + "\n" + render(viewMsg(text, buttons)))
			}
		}
		section("offer")(LeadOffer(lang, coffee, nil, testOwnerLeadLinks))
		section("offer said yes")(LeadOffer(lang, coffee, &ikmbot.LeadAnswer{Interested: true, At: testNow}, testOwnerLeadLinks))
		section("offer said no")(LeadOffer(lang, pepper, &ikmbot.LeadAnswer{At: testNow}, testOwnerLeadLinks))
		b.WriteString("=== " + lang + " answered yes\n" + LeadAnswered(lang, coffee, true) + "\n")
		b.WriteString("=== " + lang + " answered no\n" + LeadAnswered(lang, coffee, false) + "\n")
		b.WriteString("=== " + lang + " closed\n" + LeadClosedForOwner(lang, pepper) + "\n")
		section("pasar leads and gaps")(OwnerLeadsSection(lang, OwnerLeads{
			Matching: []ikmbot.Lead{coffee, pepper},
			Answers:  map[string]ikmbot.LeadAnswer{"1": {Interested: true, At: testNow}},
			Gaps: []LeadGap{{Lead: other, Missing: []string{ikmbot.LeadNeedLevel, "HACCP"}},
				{Lead: coffee, Missing: []string{ikmbot.LeadNeedLevel, "HALAL"}}},
		}, testOwnerLeadLinks))
		section("pasar gaps only")(OwnerLeadsSection(lang, OwnerLeads{
			Gaps: []LeadGap{{Lead: coffee, Missing: []string{"HALAL"}}}}, testOwnerLeadLinks))
	}
	golden(t, "lead_offer.golden", b.String())
}

// TestOwnerLeadsSectionEmpty: nothing to say, nothing shown.
func TestOwnerLeadsSectionEmpty(t *testing.T) {
	if text, buttons := OwnerLeadsSection("id", OwnerLeads{}, testOwnerLeadLinks); text != "" || buttons != nil {
		t.Errorf("OwnerLeadsSection of nothing = %q, %v; want nothing", text, buttons)
	}
}

// TestLdShort cuts long products at a word, keeps short ones whole.
func TestLdShort(t *testing.T) {
	for in, want := range map[string]string{
		"kopi bubuk": "kopi bubuk",
		"kopi robusta green bean grade 1 untuk roastery": "kopi robusta green bean…",
		"abcdefghijklmnopqrstuvwxyzabcdefgh":             "abcdefghijklmnopqrstuvwxyzab…",
	} {
		if got := ldShort(in); got != want {
			t.Errorf("ldShort(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLeadTextsFit: however many interested owners with however long
// names, a lead's page and each message to a mentor fit in a Telegram
// message, and the mentor still gets every mentee.
func TestLeadTextsFit(t *testing.T) {
	coffee, _ := testLeads()
	coffee.Product, coffee.Contact = strings.Repeat("kopi & ", 28), strings.Repeat("Bidang <Ekspor> ", 18)
	var certs []ikmbot.CertType
	for _, ct := range ikmbot.CertTypes() {
		if ct.Held() {
			certs = append(certs, ct)
		}
	}
	var owners []LeadOwner
	for i := range 40 {
		owners = append(owners, LeadOwner{User: ikmbot.User{ID: int64(i), Level: ikmbot.LevelMahir, Profile: &ikmbot.Profile{
			BusinessName: strings.Repeat("<Usaha> ", 15), OwnerName: strings.Repeat("Nama ", 20), Phone: "+6281234567890", Region: "TGM"}},
			Held: certs, MentorID: 99, Mentor: strings.Repeat("Agus ", 10)})
	}
	for _, lang := range Languages {
		text, _ := LeadDetail(lang, LeadPage{Lead: coffee, Interested: owners, Now: testNow}, testLeadLinks)
		if n := len([]rune(text)); n > 4096 {
			t.Errorf("%s: the lead's page is %d characters", lang, n)
		}
		if !strings.Contains(text, strings.TrimSpace(strings.Split(T(lang, LdPageMore, 1), "1")[0])) {
			t.Errorf("%s: the page does not say more owners are left out", lang)
		}
		msgs := LeadForMentor(lang, coffee, owners)
		if len(msgs) < 2 {
			t.Errorf("%s: 40 long mentees in %d message(s)", lang, len(msgs))
		}
		phones := 0
		for _, m := range msgs {
			if n := len([]rune(m)); n > 4096 {
				t.Errorf("%s: a message to the mentor is %d characters", lang, n)
			}
			phones += strings.Count(m, "+6281234567890")
		}
		if phones != len(owners) {
			t.Errorf("%s: the mentor's messages name %d of %d mentees", lang, phones, len(owners))
		}
	}
}
