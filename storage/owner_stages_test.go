package storage

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ikmbot"
)

// ownerStageList lists the stages in flags, in funnel order, for readable diffs.
func ownerStageList(flags ikmbot.FunnelFlags) []ikmbot.FunnelStage {
	var out []ikmbot.FunnelStage
	for _, st := range ikmbot.FunnelStages {
		if flags.Has(st) {
			out = append(out, st)
		}
	}
	return out
}

// TestOwnerStagesFollowWrites: the stages OwnerStages reads back are those
// the writes stored, out of funnel order too (certified and exporting
// without a class).
func TestOwnerStagesFollowWrites(t *testing.T) {
	e := newDueEnv(t) // the writes move the counters every owner shares
	ctx := t.Context()
	id := newUserID()
	cleanupUser(t, e.rdb, id)
	t.Cleanup(func() { e.store.DeleteOwnerData(context.Background(), id) })

	check := func(step string, want ...ikmbot.FunnelStage) {
		t.Helper()
		got, err := e.store.OwnerStages(ctx, id)
		if err != nil {
			t.Fatalf("%s: OwnerStages: %v", step, err)
		}
		if diff := cmp.Diff(want, ownerStageList(got)); diff != "" {
			t.Errorf("%s: stages (-want +got):\n%s", step, diff)
		}
	}
	check("unknown user")

	p := sampleProfile(id) // BDL, KOPI, never exported
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, SignUp: true}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	check("sign-up", ikmbot.StageSignedUp)

	a := sampleAssessment(id, ikmbot.LevelPemula, "BDL", testNow)
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Assessment: &a}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	check("readiness", ikmbot.StageSignedUp, ikmbot.StageChecked)

	for _, code := range ikmbot.SectorCoreCodes(p.Sector) {
		c := ikmbot.Certificate{Type: code, Status: ikmbot.CertHeld, Expires: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), UpdatedAt: testNow}
		if err := e.store.SaveCertificate(ctx, id, c, nil, nil); err != nil {
			t.Fatalf("SaveCertificate(%s): %v", code, err)
		}
	}
	check("certified", ikmbot.StageSignedUp, ikmbot.StageChecked, ikmbot.StageCertified)

	p.ExportStatus = ikmbot.ExportIndirect
	if err := e.store.Apply(ctx, ikmbot.Change{UserID: id, Profile: &p, PreviousLevel: ikmbot.LevelPemula, PreviousRegion: "BDL"}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	check("exporting", ikmbot.StageSignedUp, ikmbot.StageChecked, ikmbot.StageCertified, ikmbot.StageExporting)

	if err := e.store.DeleteOwnerData(ctx, id); err != nil {
		t.Fatalf("DeleteOwnerData: %v", err)
	}
	check("deleted")
}

// TestOwnerStagesStoredValue reads stored values as they are, the ones
// it cannot read as no stages; a Redis failure is an error.
func TestOwnerStagesStoredValue(t *testing.T) {
	e := newEnv(t) // writes the user hash directly: the counters stay as they are
	ctx := t.Context()
	for _, tt := range []struct {
		name, value string
		want        []ikmbot.FunnelStage
	}{
		{"every stage", "111111|BDL|KOPI", ikmbot.FunnelStages},
		{"gaps", "100011||", []ikmbot.FunnelStage{ikmbot.StageSignedUp, ikmbot.StageCertified, ikmbot.StageExporting}},
		{"signed up only", "100000|MET|TAPIS", []ikmbot.FunnelStage{ikmbot.StageSignedUp}},
		{"unreadable", "garbage", nil},
		{"empty", "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			id := newUserID()
			cleanupUser(t, e.rdb, id)
			if err := e.rdb.HSet(ctx, userKey(id), fieldFunnel, tt.value).Err(); err != nil {
				t.Fatal(err)
			}
			got, err := e.store.OwnerStages(ctx, id)
			if err != nil {
				t.Fatalf("OwnerStages: %v", err)
			}
			if diff := cmp.Diff(tt.want, ownerStageList(got)); diff != "" {
				t.Errorf("stages of %q (-want +got):\n%s", tt.value, diff)
			}
		})
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.store.OwnerStages(cancelled, newUserID()); err == nil {
		t.Error("OwnerStages with a cancelled context: no error")
	}
}
