package ikmbot

import "testing"

func TestEmbeddedPlaces(t *testing.T) {
	if got := len(Regions()); got != 15 {
		t.Errorf("len(Regions()) = %d, want 15 kabupaten and kota", got)
	}
	if got := len(Sectors()); got < 5 {
		t.Errorf("len(Sectors()) = %d, want the programme's sectors", got)
	}
	for _, r := range Regions() {
		if r.Code == "" || r.Name == "" {
			t.Errorf("region %+v lacks a code or name", r)
		}
		if got, ok := RegionByCode(r.Code); !ok || got != r {
			t.Errorf("RegionByCode(%q) = %+v, %v", r.Code, got, ok)
		}
	}
	for _, s := range Sectors() {
		if s.Code == "" || s.NameID == "" || s.NameEN == "" || s.ShortID == "" || s.ShortEN == "" || len([]rune(s.ShortID)) > 28 || s.Code == SectorOther {
			t.Errorf("sector %+v lacks a code or names, or shadows SectorOther", s)
		}
	}
}

func TestRoleAllows(t *testing.T) {
	tests := []struct {
		have, need Role
		want       bool
	}{
		{RoleOwner, RoleOwner, true},
		{RoleOwner, RoleStaff, false},
		{RoleOwner, RoleAdmin, false},
		{RoleOwner, RoleMentor, false},
		{RoleMentor, RoleStaff, false},
		{RoleMentor, RoleMentor, true},
		{RoleStaff, RoleMentor, false},
		{RoleStaff, RoleStaff, true},
		{RoleStaff, RoleAdmin, false},
		{RoleAdmin, RoleStaff, true},
		{RoleAdmin, RoleMentor, true},
		{RoleAdmin, RoleAdmin, true},
	}
	for _, tt := range tests {
		if got := tt.have.Allows(tt.need); got != tt.want {
			t.Errorf("Role(%q).Allows(%q) = %v, want %v", tt.have, tt.need, got, tt.want)
		}
	}
}
