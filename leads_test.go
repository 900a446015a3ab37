package ikmbot

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLeadMatches(t *testing.T) {
	now := time.Date(2026, 5, 1, 3, 0, 0, 0, time.UTC)
	lead := Lead{ID: "1", Product: "kopi robusta", Sector: "KOPI", Country: "JP", MinLevel: LevelMenengah,
		Certs: []string{"NIB", "HALAL"}, Deadline: now.Add(30 * 24 * time.Hour), Contact: "Bidang Ekspor", Status: LeadOpen}
	held := func(code string) Certificate { return Certificate{Type: code, Status: CertHeld} }
	kopi := &Profile{Sector: "KOPI"}
	both := []Certificate{held("NIB"), held("HALAL")}
	noCerts, noLevel := lead, lead
	noCerts.Certs = nil
	noLevel.MinLevel = ""
	shipment := lead
	shipment.Certs = []string{"PHYTO"} // per shipment: nothing to hold
	tests := []struct {
		name        string
		lead        Lead
		user        User
		certs       []Certificate
		wantOK      bool
		wantMissing []string
	}{
		{"qualifies", lead, User{Profile: kopi, Level: LevelMenengah}, both, true, nil},
		{"higher level qualifies", lead, User{Profile: kopi, Level: LevelMahir}, both, true, nil},
		{"not signed up", lead, User{Level: LevelMahir}, both, false, []string{LeadNeedProfile}},
		{"other sector, nothing else said", lead, User{Profile: &Profile{Sector: "LADA"}}, nil, false, []string{LeadNeedSector}},
		{"sector typed by the owner", lead, User{Profile: &Profile{Sector: SectorOther, SectorOther: "kopi"}, Level: LevelMahir}, both, false, []string{LeadNeedSector}},
		{"level below", lead, User{Profile: kopi, Level: LevelPemula}, both, false, []string{LeadNeedLevel}},
		{"never checked is below any minimum", lead, User{Profile: kopi}, both, false, []string{LeadNeedLevel}},
		{"no minimum: never checked qualifies", noLevel, User{Profile: kopi}, both, true, nil},
		{"a certification missing", lead, User{Profile: kopi, Level: LevelMahir}, []Certificate{held("NIB")}, false, []string{"HALAL"}},
		{"applying is not held", lead, User{Profile: kopi, Level: LevelMahir},
			[]Certificate{held("NIB"), {Type: "HALAL", Status: CertApplying}}, false, []string{"HALAL"}},
		{"expired is not held", lead, User{Profile: kopi, Level: LevelMahir},
			[]Certificate{{Type: "NIB", Status: CertHeld, Expires: now.Add(-24 * time.Hour)}, held("HALAL")}, false, []string{"NIB"}},
		{"everything missing, in order", lead, User{Profile: kopi}, nil, false, []string{LeadNeedLevel, "NIB", "HALAL"}},
		{"no certifications required", noCerts, User{Profile: kopi, Level: LevelMenengah}, nil, true, nil},
		{"per-shipment document never blocks", shipment, User{Profile: kopi, Level: LevelMahir}, nil, true, nil},
		{"target countries play no part", lead, User{Profile: kopi, Level: LevelMahir, TargetMarkets: []string{"US"}}, both, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, missing := LeadMatches(tt.lead, tt.user, tt.certs, now)
			if ok != tt.wantOK {
				t.Errorf("LeadMatches ok = %v, want %v", ok, tt.wantOK)
			}
			if diff := cmp.Diff(tt.wantMissing, missing); diff != "" {
				t.Errorf("LeadMatches missing (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLeadInTargets(t *testing.T) {
	lead := Lead{Country: "JP"}
	tests := []struct {
		targets []string
		want    bool
	}{
		{nil, false},
		{[]string{"US", "DE"}, false},
		{[]string{"US", "JP"}, true},
	}
	for _, tt := range tests {
		if got := LeadInTargets(lead, User{TargetMarkets: tt.targets}); got != tt.want {
			t.Errorf("LeadInTargets(%v) = %v, want %v", tt.targets, got, tt.want)
		}
	}
}

func TestLeadValidate(t *testing.T) {
	now := time.Date(2026, 5, 1, 3, 0, 0, 0, time.UTC)
	good := Lead{Product: "kopi", Sector: "KOPI", Country: "JP", Certs: []string{"NIB", "HALAL"}, MinLevel: LevelPemula,
		Deadline: now.Add(time.Hour), Contact: "Bidang Ekspor", Status: LeadOpen}
	if err := good.Validate(now); err != nil {
		t.Fatalf("Validate(good) = %v", err)
	}
	tests := []struct {
		name   string
		change func(*Lead)
	}{
		{"no product", func(l *Lead) { l.Product = "" }},
		{"no contact", func(l *Lead) { l.Contact = "" }},
		{"deadline passed", func(l *Lead) { l.Deadline = now }},
		{"unknown level", func(l *Lead) { l.MinLevel = "ahli" }},
		{"other sector", func(l *Lead) { l.Sector = SectorOther }},
		{"unknown country", func(l *Lead) { l.Country = "XX" }},
		{"unknown certification", func(l *Lead) { l.Certs = []string{"NOPE"} }},
		{"per-shipment document", func(l *Lead) { l.Certs = []string{"PHYTO"} }},
		{"twice", func(l *Lead) { l.Certs = []string{"NIB", "NIB"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := good
			l.Certs = append([]string(nil), good.Certs...)
			tt.change(&l)
			var e *Error
			if err := l.Validate(now); !errors.As(err, &e) || e.Code != EInvalid {
				t.Errorf("Validate = %v, want an EInvalid error", err)
			}
		})
	}
}
