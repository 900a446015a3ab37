package ikmbot

import "testing"

func TestQuietHours(t *testing.T) {
	tests := []struct {
		q     QuietHours
		quiet []int
	}{
		{QuietHours{21, 7}, []int{21, 22, 23, 0, 1, 2, 3, 4, 5, 6}},
		{QuietHours{1, 5}, []int{1, 2, 3, 4}},
		{QuietHours{}, nil},
		{QuietHours{8, 8}, nil},
	}
	for _, tt := range tests {
		want := map[int]bool{}
		for _, h := range tt.quiet {
			want[h] = true
		}
		for h := range 24 {
			if got := tt.q.Contains(h); got != want[h] {
				t.Errorf("%+v.Contains(%d) = %v, want %v", tt.q, h, got, want[h])
			}
		}
	}
}
