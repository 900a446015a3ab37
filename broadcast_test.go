package ikmbot

import "testing"

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
		if got := tc.a.Matches(tc.u); got != tc.want {
			t.Errorf("%s: Matches = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestBroadcastLeft(t *testing.T) {
	if got := (Broadcast{Total: 10, Sent: 5, Blocked: 2, Failed: 1}).Left(); got != 2 {
		t.Errorf("Left = %d, want 2", got)
	}
}
