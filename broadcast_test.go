package ikmbot

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestAudienceMatches(t *testing.T) {
	owner := User{Level: LevelMenengah, Profile: &Profile{Region: "TGM", Sector: "KOPI", ExportStatus: ExportIndirect}}
	blocked := owner
	blocked.Unreachable = true
	unchecked := owner
	unchecked.Level = ""
	for _, tc := range []struct {
		name string
		a    Audience
		u    User
		want bool
	}{
		{"everyone", Audience{}, owner, true},
		{"no profile", Audience{}, User{}, false},
		{"blocked the bot", Audience{}, blocked, false},
		{"region", Audience{Regions: []string{"BDL", "TGM"}}, owner, true},
		{"other region", Audience{Regions: []string{"BDL"}}, owner, false},
		{"level", Audience{Levels: []Level{LevelMenengah}}, owner, true},
		{"no level yet", Audience{Levels: []Level{LevelPemula}}, unchecked, false},
		{"sector and export", Audience{Sectors: []string{"KOPI"}, Exports: []ExportStatus{ExportIndirect, ExportDirect}}, owner, true},
		{"export never", Audience{Exports: []ExportStatus{ExportNever}}, owner, false},
	} {
		if got := tc.a.Matches(tc.u, OwnerFacts{}); got != tc.want {
			t.Errorf("%s: Matches = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestAudienceMatchesMarkets: a list of countries takes the owners who
// chose at least one of them as a target; an empty list takes everyone,
// an owner who chose none never matches a list.
func TestAudienceMatchesMarkets(t *testing.T) {
	owner := User{Profile: &Profile{Region: "TGM", Sector: "KOPI"}, TargetMarkets: []string{"US", "JP"}}
	none := owner
	none.TargetMarkets = nil
	blocked := owner
	blocked.NoBroadcasts = true
	for _, tc := range []struct {
		name string
		a    Audience
		u    User
		want bool
	}{
		{"no list, targets", Audience{}, owner, true},
		{"no list, no targets", Audience{}, none, true},
		{"empty list", Audience{Markets: []string{}}, none, true},
		{"one of them", Audience{Markets: []string{"JP"}}, owner, true},
		{"one of the list", Audience{Markets: []string{"DE", "US"}}, owner, true},
		{"another country", Audience{Markets: []string{"DE"}}, owner, false},
		{"no targets", Audience{Markets: []string{"JP"}}, none, false},
		{"codes are exact", Audience{Markets: []string{"jp"}}, owner, false},
		{"with the sector", Audience{Sectors: []string{"KOPI"}, Markets: []string{"US"}}, owner, true},
		{"with another sector", Audience{Sectors: []string{"LADA"}, Markets: []string{"US"}}, owner, false},
		{"blocked, though targeting", Audience{Markets: []string{"US"}}, blocked, false},
	} {
		if got := tc.a.Matches(tc.u, OwnerFacts{}); got != tc.want {
			t.Errorf("%s: Matches = %v, want %v", tc.name, got, tc.want)
		}
	}
	if (Audience{Markets: []string{"US"}}).NeedsClasses() || (Audience{Markets: []string{"US"}}).NeedsCerts() {
		t.Error("a market audience asks for facts beyond the user")
	}
}

// TestAudienceMatchesFacts covers the narrowing by classes and
// certificates, alone and with a region.
func TestAudienceMatchesFacts(t *testing.T) {
	now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	owner := User{Profile: &Profile{Region: "TGM", Sector: "KOPI", ExportStatus: ExportNever}}
	blocked := owner
	blocked.NoBroadcasts = true
	halal := Certificate{Type: "HALAL", Status: CertHeld}
	halalToday := Certificate{Type: "HALAL", Status: CertHeld, Expires: day(2026, 11, 27)} // valid through today
	halalExpired := Certificate{Type: "HALAL", Status: CertHeld, Expires: day(2026, 11, 26)}
	halalApplying := Certificate{Type: "HALAL", Status: CertApplying}
	pirt := Certificate{Type: "SPP_IRT", Status: CertHeld}
	enrolled := OwnerFacts{Enrolled: true, Now: now}
	completed := OwnerFacts{Completed: true, Now: now}
	both := OwnerFacts{Enrolled: true, Completed: true, Now: now}
	neither := OwnerFacts{Now: now}
	certs := func(cs ...Certificate) OwnerFacts { return OwnerFacts{Certs: cs, Now: now} }
	holds := Audience{CertType: "HALAL"}
	lacks := Audience{CertType: "HALAL", CertLacking: true}
	for _, tc := range []struct {
		name string
		a    Audience
		u    User
		f    OwnerFacts
		want bool
	}{
		{"no class filter, no facts", Audience{}, owner, OwnerFacts{}, true},
		{"enrolled", Audience{Class: ClassFilterEnrolled}, owner, enrolled, true},
		{"enrolled, not", Audience{Class: ClassFilterEnrolled}, owner, completed, false},
		{"completed", Audience{Class: ClassFilterCompleted}, owner, completed, true},
		{"completed and enrolled again", Audience{Class: ClassFilterCompleted}, owner, both, true},
		{"completed, not", Audience{Class: ClassFilterCompleted}, owner, enrolled, false},
		{"none", Audience{Class: ClassFilterNone}, owner, neither, true},
		{"none, enrolled", Audience{Class: ClassFilterNone}, owner, enrolled, false},
		{"none, completed", Audience{Class: ClassFilterNone}, owner, completed, false},
		{"unknown class filter", Audience{Class: "alumni"}, owner, both, false},
		{"blocked, though enrolled", Audience{Class: ClassFilterEnrolled}, blocked, enrolled, false},
		{"enrolled in region", Audience{Regions: []string{"TGM"}, Class: ClassFilterEnrolled}, owner, enrolled, true},
		{"enrolled elsewhere", Audience{Regions: []string{"BDL"}, Class: ClassFilterEnrolled}, owner, enrolled, false},

		{"holds", holds, owner, certs(pirt, halal), true},
		{"holds, valid through today", holds, owner, certs(halalToday), true},
		{"holds, expired yesterday", holds, owner, certs(halalExpired), false},
		{"holds, only applying", holds, owner, certs(halalApplying), false},
		{"holds, another type", holds, owner, certs(pirt), false},
		{"holds, none", holds, owner, certs(), false},
		{"lacks, none", lacks, owner, certs(), true},
		{"lacks, another type", lacks, owner, certs(pirt), true},
		{"lacks, expired", lacks, owner, certs(halalExpired), true},
		{"lacks, applying", lacks, owner, certs(halalApplying), true},
		{"lacks, holds", lacks, owner, certs(halal), false},
		{"lacking alone does not narrow", Audience{CertLacking: true}, owner, certs(halal), true},
		{"lacks in region", Audience{Regions: []string{"TGM"}, CertType: "HALAL", CertLacking: true}, owner, certs(), true},
		{"lacks elsewhere", Audience{Regions: []string{"BDL"}, CertType: "HALAL", CertLacking: true}, owner, certs(), false},
		{"completed and lacks", Audience{Class: ClassFilterCompleted, CertType: "HALAL", CertLacking: true},
			owner, OwnerFacts{Completed: true, Certs: []Certificate{halalExpired}, Now: now}, true},
		{"completed and lacks, holds", Audience{Class: ClassFilterCompleted, CertType: "HALAL", CertLacking: true},
			owner, OwnerFacts{Completed: true, Certs: []Certificate{halal}, Now: now}, false},
	} {
		if got := tc.a.Matches(tc.u, tc.f); got != tc.want {
			t.Errorf("%s: Matches = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAudienceNeeds(t *testing.T) {
	for _, tc := range []struct {
		a              Audience
		classes, certs bool
	}{
		{Audience{Regions: []string{"TGM"}}, false, false},
		{Audience{Class: ClassFilterNone}, true, false},
		{Audience{CertType: "HALAL"}, false, true},
		{Audience{CertLacking: true}, false, false},
		{Audience{Class: ClassFilterCompleted, CertType: "HALAL", CertLacking: true}, true, true},
	} {
		if got := tc.a.NeedsClasses(); got != tc.classes {
			t.Errorf("%+v: NeedsClasses = %v, want %v", tc.a, got, tc.classes)
		}
		if got := tc.a.NeedsCerts(); got != tc.certs {
			t.Errorf("%+v: NeedsCerts = %v, want %v", tc.a, got, tc.certs)
		}
	}
}

func TestClassOngoing(t *testing.T) {
	start := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	c := Class{Status: ClassOpen, Meetings: []Meeting{{Start: start, Minutes: 120}}}
	for _, tc := range []struct {
		name   string
		status ClassStatus
		now    time.Time
		want   bool
	}{
		{"open, ahead", ClassOpen, start.Add(-time.Hour), true},
		{"closed, under way", ClassClosed, start.Add(time.Hour), true},
		{"open, last meeting over", ClassOpen, start.Add(2 * time.Hour), false},
		{"cancelled", ClassCancelled, start.Add(-time.Hour), false},
		{"finished", ClassFinished, start.Add(-time.Hour), false},
	} {
		c.Status = tc.status
		if got := c.Ongoing(tc.now); got != tc.want {
			t.Errorf("%s: Ongoing = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestAudienceJSONUnchanged: an audience without the newer fields is
// stored as before them, so old broadcasts read the same.
func TestAudienceJSONUnchanged(t *testing.T) {
	b, err := json.Marshal(Audience{Regions: []string{"TGM"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"regions":["TGM"]}`; got != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
	var a Audience
	if err := json.Unmarshal([]byte(`{"regions":["TGM"],"class":"completed","cert_type":"HALAL","cert_lacking":true,"markets":["JP"]}`), &a); err != nil {
		t.Fatal(err)
	}
	if want := (Audience{Regions: []string{"TGM"}, Class: ClassFilterCompleted, CertType: "HALAL", CertLacking: true,
		Markets: []string{"JP"}}); !reflect.DeepEqual(a, want) {
		t.Errorf("decoded %+v, want %+v", a, want)
	}
}

func TestBroadcastLeft(t *testing.T) {
	if got := (Broadcast{Total: 10, Sent: 5, Blocked: 2, Failed: 1}).Left(); got != 2 {
		t.Errorf("Left = %d, want 2", got)
	}
}

func TestAudienceNarrows(t *testing.T) {
	for _, tt := range []struct {
		a    Audience
		want bool
	}{
		{Audience{}, false},
		{Audience{CertLacking: true}, false},
		{Audience{Regions: []string{"MET"}}, true},
		{Audience{Levels: []Level{LevelPemula}}, true},
		{Audience{Sectors: []string{"KOPI"}}, true},
		{Audience{Exports: []ExportStatus{ExportNever}}, true},
		{Audience{Class: ClassFilterCompleted}, true},
		{Audience{CertType: "HALAL", CertLacking: true}, true},
		{Audience{Markets: []string{"JP"}}, true},
		{Audience{Markets: []string{}}, false},
	} {
		if got := tt.a.Narrows(); got != tt.want {
			t.Errorf("%+v.Narrows() = %v, want %v", tt.a, got, tt.want)
		}
	}
}
