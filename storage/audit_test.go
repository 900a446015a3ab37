package storage

import (
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"ikmbot"
)

// newAuditEnv is newEnv for tests of the audit log, one list for the
// whole server, which they cannot share with other tests.
func newAuditEnv(t *testing.T) env {
	t.Helper()
	e := newEnv(t)
	e.srv.RequireOwn(t)
	t.Cleanup(func() { e.rdb.Del(t.Context(), auditKey()) })
	return e
}

// TestAuditEntriesPageNewestFirst adds 25 entries and reads them back in
// pages: newest first, every field kept, the total with each page, and
// nothing past the end.
func TestAuditEntriesPageNewestFirst(t *testing.T) {
	e := newAuditEnv(t)
	ctx := t.Context()
	if got, total, err := e.store.AuditEntries(ctx, 0, 10); err != nil || len(got) != 0 || total != 0 {
		t.Fatalf("empty log = %v, %d, %v", got, total, err)
	}
	var added []ikmbot.AuditEntry
	for i := range 25 {
		a := ikmbot.AuditEntry{
			At:        testNow.Add(time.Duration(i) * time.Minute),
			ActorID:   int64(100 + i%3),
			ActorName: "Andi",
			Action:    ikmbot.AuditBroadcastSent,
			Audience:  &ikmbot.Audience{Regions: []string{"MET"}, Levels: []ikmbot.Level{ikmbot.LevelPemula}},
			Rows:      int64(i * 10),
			Ref:       strconv.Itoa(i + 1),
		}
		if i%2 == 1 {
			a.Action, a.Audience, a.Detail, a.Ref = ikmbot.AuditExport, nil, ikmbot.AuditFormatXLSX, ""
		}
		if err := e.store.AddAudit(ctx, a); err != nil {
			t.Fatalf("AddAudit(%d): %v", i, err)
		}
		added = append(added, a)
	}
	newest := func(from, to int) []ikmbot.AuditEntry {
		var want []ikmbot.AuditEntry
		for i := len(added) - 1 - from; i >= len(added)-to && i >= 0; i-- {
			want = append(want, added[i])
		}
		return want
	}
	for _, tt := range []struct{ offset, n, from, to int }{
		{0, 10, 0, 10},
		{10, 10, 10, 20},
		{20, 10, 20, 25},
		{24, 3, 24, 25},
		{25, 10, 25, 25},
		{100, 10, 25, 25},
	} {
		got, total, err := e.store.AuditEntries(ctx, tt.offset, tt.n)
		if err != nil {
			t.Fatalf("AuditEntries(%d, %d): %v", tt.offset, tt.n, err)
		}
		if total != 25 {
			t.Errorf("AuditEntries(%d, %d) total = %d, want 25", tt.offset, tt.n, total)
		}
		if diff := cmp.Diff(newest(tt.from, tt.to), got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("AuditEntries(%d, %d) (-want +got):\n%s", tt.offset, tt.n, diff)
		}
	}
}

func TestAuditRefusesIncompleteAndSkipsUndecodable(t *testing.T) {
	e := newAuditEnv(t)
	ctx := t.Context()
	wantCode(t, e.store.AddAudit(ctx, ikmbot.AuditEntry{ActorID: 1}), ikmbot.EInvalid)
	wantCode(t, e.store.AddAudit(ctx, ikmbot.AuditEntry{Action: ikmbot.AuditExport}), ikmbot.EInvalid)
	_, _, err := e.store.AuditEntries(ctx, -1, 10)
	wantCode(t, err, ikmbot.EInvalid)

	good := ikmbot.AuditEntry{At: testNow, ActorID: 7, Action: ikmbot.AuditMentorAssign, Rows: 3, Ref: "9", RefName: "Rina",
		Audience: &ikmbot.Audience{}, Detail: ikmbot.AuditScopeNew}
	if err := e.store.AddAudit(ctx, good); err != nil {
		t.Fatal(err)
	}
	if err := e.rdb.LPush(ctx, auditKey(), "{not json").Err(); err != nil {
		t.Fatal(err)
	}
	got, total, err := e.store.AuditEntries(ctx, 0, 10)
	if err != nil || total != 2 {
		t.Fatalf("AuditEntries = %v, %d, %v; want total 2", got, total, err)
	}
	if diff := cmp.Diff([]ikmbot.AuditEntry{good}, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}
