package main

import (
	"context"
	"testing"

	"ikmbot/flows"
)

// TestStatsEndToEnd: staff's /statistik arrives as the text and four PNG
// charts that Telegram (the fake, which decodes uploaded photos) accepts;
// an owner gets neither.
func TestStatsEndToEnd(t *testing.T) {
	w := newTimed(t, monday)
	staff := w.staffMember()
	w.start()
	owner := w.owner("Kopi Tanggamus Jaya")

	owner.sends("/statistik")
	owner.expect(kt(flows.MsgNotAllowed))

	staff.sends("/statistik")
	staff.expect(begin(kt(flows.StTitle)))
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	photos := func() int {
		n := 0
		for _, m := range w.tg.Messages(staff.id) {
			if m.Photo != nil && len(m.Photo.Data) > 0 {
				n++
			}
		}
		return n
	}
	if err := w.tg.Wait(ctx, func() bool { return photos() == 4 }); err != nil {
		t.Fatalf("staff got %d charts, want 4; the chat:\n%s", photos(), staff.chat())
	}
	for _, m := range w.tg.Messages(owner.id) {
		if m.Photo != nil {
			t.Errorf("the owner got a chart: %+v", m)
		}
	}
}
