package flows

import (
	"strings"
	"testing"

	"ikmbot"
)

// TestOwnerFind: one typed query finishes the search, white space folded;
// too short or too long re-asks with a hint and nothing kept; cancel
// works; a button is refused (there are none but cancel).
func TestOwnerFind(t *testing.T) {
	tests := []struct {
		name  string
		typed string
		want  string // the query; "" when refused
		hint  string // the hint when refused
	}{
		{"part of a name", "  kopi   jaya ", "kopi jaya", ""},
		{"a phone number", "0812-3456-7890", "0812-3456-7890", ""},
		{"three characters", "Ani", "Ani", ""},
		{"sixty characters", strings.Repeat("ab", 30), strings.Repeat("ab", 30), ""},
		{"two characters", " ab ", "", T("id", OfErrShort, 3)},
		{"two letters with spaces in between", "a  b", "a b", ""},
		{"sixty-one characters", strings.Repeat("a", 61), "", T("id", ErrTooLong, 60)},
		{"sixty characters of é", strings.Repeat("é", 60), strings.Repeat("é", 60), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, OwnerFind, "id")
			if d.step() != ofQuery {
				t.Fatalf("step %q, want the query", d.step())
			}
			r := d.text(tt.typed)
			if tt.want == "" {
				if r.Outcome != Continue || d.step() != ofQuery || r.Messages[0].Text != tt.hint {
					t.Fatalf("outcome %v at %q, first message %q; want the hint %q", r.Outcome, d.step(), r.Messages[0].Text, tt.hint)
				}
				return
			}
			if r.Outcome != Done {
				t.Fatalf("outcome %v, want Done:\n%s", r.Outcome, render(r.Messages))
			}
			if got := OwnerFindFrom(r.Session.Answers); got != tt.want {
				t.Errorf("OwnerFindFrom = %q, want %q", got, tt.want)
			}
		})
	}

	d := newDriver(t, OwnerFind, "en")
	if r := d.press(T("en", BtnCancel)); r.Outcome != Cancelled {
		t.Errorf("cancel: outcome %v", r.Outcome)
	}
	d = newDriver(t, OwnerFind, "id")
	r := d.send(ikmbot.Event{Kind: ikmbot.EventCallback, CallbackData: "of:p:n1:query:kopi"})
	if r.Outcome != Continue || r.Messages[0].Text != T("id", MsgStaleButton) {
		t.Errorf("forged pick: outcome %v, %q", r.Outcome, r.Messages[0].Text)
	}
	if r := d.send(ikmbot.Event{Kind: ikmbot.EventOther}); r.Outcome != Continue || d.step() != ofQuery {
		t.Errorf("a sticker: outcome %v at %q", r.Outcome, d.step())
	}
}

// TestOwnerFindResults: the results say how many were found, that there
// are more, or that there are none, with the query escaped.
func TestOwnerFindResults(t *testing.T) {
	tests := []struct {
		shown int
		more  bool
		want  string
	}{
		{0, false, T("id", OfNone, "Kopi &lt;Jaya&gt;")},
		{3, false, T("id", OfFound, "Kopi &lt;Jaya&gt;", 3)},
		{10, true, T("id", OfMany, "Kopi &lt;Jaya&gt;", 10)},
	}
	for _, tt := range tests {
		if got := OwnerFindResults("id", "Kopi <Jaya>", tt.shown, tt.more); got != tt.want {
			t.Errorf("OwnerFindResults(%d, %v) = %q, want %q", tt.shown, tt.more, got, tt.want)
		}
	}
}

// ofTestProfile is an owner as staff find them, with text to escape.
func ofTestProfile(t *testing.T) ikmbot.Profile {
	return ikmbot.Profile{UserID: 77, OwnerName: "Siti Rahayu", Phone: "+6281234567890", BusinessName: "Keripik <Maju> & Co",
		NIB: "1234567890123", Region: regionCode(t, "Pringsewu"), Sector: sectorCode(t, "Kopi"), Products: "kopi bubuk",
		Workers: ikmbot.Workers5to19, Capacity: "200 kg", ExportStatus: ikmbot.ExportIndirect}
}

// TestOwnerProfile: staff see every sign-up answer, the phone too, the
// level and the mentor, escaped; an owner without either says so.
func TestOwnerProfile(t *testing.T) {
	p := ofTestProfile(t)
	got := OwnerProfile("id", p, ikmbot.LevelMenengah, "Budi <LPEI>")
	for _, want := range []string{
		"<b>" + T("id", FieldBusinessName) + "</b>: Keripik &lt;Maju&gt; &amp; Co",
		"<b>" + T("id", FieldOwnerName) + "</b>: Siti Rahayu",
		"<b>" + T("id", FieldPhone) + "</b>: +6281234567890",
		"<b>" + T("id", FieldRegion) + "</b>: Pringsewu",
		"<b>" + T("id", FieldProducts) + "</b>: kopi bubuk",
		"<b>" + T("id", FieldExportStatus) + "</b>: " + T("id", SuExportIndirect),
		T("id", OfProfileLevel, LevelName("id", ikmbot.Readiness(), ikmbot.LevelMenengah)),
		T("id", OfProfileMentor, "Budi &lt;LPEI&gt;"),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("profile lacks %q:\n%s", want, got)
		}
	}
	got = OwnerProfile("en", p, "", "")
	for _, want := range []string{T("en", OfProfileLevel, T("en", MfNoLevel)), T("en", OfProfileMentor, T("en", MsNoneYet))} {
		if !strings.Contains(got, want) {
			t.Errorf("profile lacks %q:\n%s", want, got)
		}
	}
	if got, want := OwnerFindLabel(p), "Keripik <Maju> & Co · Pringsewu"; got != want {
		t.Errorf("OwnerFindLabel = %q, want %q", got, want)
	}
}

// TestOwnerFindGolden records the question, its hints, the results and
// the profile in both languages.
func TestOwnerFindGolden(t *testing.T) {
	var b strings.Builder
	for _, lang := range Languages {
		b.WriteString("=== " + lang + "\n")
		d := newDriver(t, OwnerFind, lang)
		b.WriteString("# query\n" + render(d.last.Messages))
		d.text("ab")
		b.WriteString("# too short\n" + render(d.last.Messages))
		b.WriteString("# found\n" + OwnerFindResults(lang, "kopi", 3, false) + "\n")
		b.WriteString("# many\n" + OwnerFindResults(lang, "kopi", 10, true) + "\n")
		b.WriteString("# none\n" + OwnerFindResults(lang, "kopi <x>", 0, false) + "\n")
		b.WriteString("# profile\n" + OwnerProfile(lang, ofTestProfile(t), ikmbot.LevelMenengah, "Rina") + "\n")
		b.WriteString("# profile, no level or mentor\n" + OwnerProfile(lang, ofTestProfile(t), "", "") + "\n")
		b.WriteString("# buttons\n" + strings.Join([]string{OwnerFindLabel(ofTestProfile(t)), T(lang, BtnOfFind), T(lang, BtnOfAgain)}, " | ") + "\n")
	}
	golden(t, "owner_find.golden", b.String())
}
