package ikmbot

import (
	"testing"
	"time"
)

func TestFunnel(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	held := func(code string, expires time.Time) Certificate {
		return Certificate{Type: code, Status: CertHeld, Expires: expires}
	}
	kopi := func(export ExportStatus) *Profile {
		return &Profile{Region: "BDL", Sector: "KOPI", ExportStatus: export}
	}
	tests := []struct {
		name  string
		u     User
		facts FunnelFacts
		want  []FunnelStage
	}{
		{"no profile", User{Level: LevelPemula}, FunnelFacts{Enrolled: true, Completed: true}, nil},
		{"signed up", User{Profile: kopi(ExportNever)}, FunnelFacts{}, []FunnelStage{StageSignedUp}},
		{"checked", User{Profile: kopi(ExportNever), Level: LevelPemula}, FunnelFacts{}, []FunnelStage{StageSignedUp, StageChecked}},
		{"enrolled", User{Profile: kopi(ExportNever)}, FunnelFacts{Enrolled: true}, []FunnelStage{StageSignedUp, StageEnrolled}},
		{"completed implies enrolled", User{Profile: kopi(ExportNever)}, FunnelFacts{Completed: true},
			[]FunnelStage{StageSignedUp, StageEnrolled, StageCompleted}},
		{"exporting indirect", User{Profile: kopi(ExportIndirect)}, FunnelFacts{}, []FunnelStage{StageSignedUp, StageExporting}},
		{"exporting direct", User{Profile: kopi(ExportDirect)}, FunnelFacts{}, []FunnelStage{StageSignedUp, StageExporting}},
		{"certified: every core held", User{Profile: kopi(ExportNever)},
			FunnelFacts{Now: now, Certs: []Certificate{held("NIB", time.Time{}), held("NPWP", time.Time{})}},
			[]FunnelStage{StageSignedUp, StageCertified}},
		{"certified: expires today still valid", User{Profile: kopi(ExportNever)},
			FunnelFacts{Now: now, Certs: []Certificate{held("NIB", day(2026, 3, 2)), held("NPWP", time.Time{})}},
			[]FunnelStage{StageSignedUp, StageCertified}},
		{"not certified: one expired yesterday", User{Profile: kopi(ExportNever)},
			FunnelFacts{Now: now, Certs: []Certificate{held("NIB", day(2026, 3, 1)), held("NPWP", time.Time{})}},
			[]FunnelStage{StageSignedUp}},
		{"not certified: one missing", User{Profile: kopi(ExportNever)},
			FunnelFacts{Now: now, Certs: []Certificate{held("NIB", time.Time{})}},
			[]FunnelStage{StageSignedUp}},
		{"not certified: applying", User{Profile: kopi(ExportNever)},
			FunnelFacts{Now: now, Certs: []Certificate{held("NIB", time.Time{}), {Type: "NPWP", Status: CertApplying}}},
			[]FunnelStage{StageSignedUp}},
		{"not certified: other sector has no core list", User{Profile: &Profile{Sector: SectorOther}},
			FunnelFacts{Now: now, Certs: []Certificate{held("NIB", time.Time{}), held("NPWP", time.Time{})}},
			[]FunnelStage{StageSignedUp}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Funnel(tt.u, tt.facts)
			var want FunnelFlags
			for _, s := range tt.want {
				want = want.With(s)
			}
			if got != want {
				t.Errorf("Funnel() = %06b, want %06b", got, want)
			}
		})
	}
}

func TestSectorCoreCodesAreHeld(t *testing.T) {
	for _, s := range Sectors() {
		codes := SectorCoreCodes(s.Code)
		if len(codes) == 0 {
			t.Errorf("sector %s has no core certification an owner holds: nobody could be certified", s.Code)
		}
		for _, c := range codes {
			if ct, ok := CertTypeByCode(c); !ok || !ct.Held() {
				t.Errorf("sector %s core %s: not a held certification", s.Code, c)
			}
		}
	}
}
