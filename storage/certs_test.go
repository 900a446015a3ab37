package storage

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// utcDay is the UTC midnight of a date, as certificates store days.
func utcDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// cleanupCerts deletes the owners' certificates and help lists when the
// test ends.
func cleanupCerts(t *testing.T, rdb *redis.Client, ids ...int64) {
	t.Helper()
	t.Cleanup(func() {
		for _, id := range ids {
			rdb.Del(context.Background(), certsKey(id), helpOwnerKey(id))
		}
	})
}

// cleanupDue removes due items by key when the test ends.
func cleanupDue(t *testing.T, rdb *redis.Client, keys ...string) {
	t.Helper()
	t.Cleanup(func() {
		ctx := context.Background()
		for _, k := range keys {
			rdb.ZRem(ctx, dueKey(), k)
			rdb.HDel(ctx, dueItemsKey(), k)
		}
	})
}

// scheduled reports whether the due item with key is in both the sorted
// set and the hash (and fails the test when it is in only one).
func scheduled(t *testing.T, rdb *redis.Client, key string) bool {
	t.Helper()
	ctx := t.Context()
	_, zerr := rdb.ZScore(ctx, dueKey(), key).Result()
	_, herr := rdb.HGet(ctx, dueItemsKey(), key).Result()
	for _, err := range []error{zerr, herr} {
		if err != nil && err != redis.Nil {
			t.Fatalf("read due item %s: %v", key, err)
		}
	}
	if (zerr == nil) != (herr == nil) {
		t.Fatalf("due item %s: in the sorted set %v, in the hash %v", key, zerr == nil, herr == nil)
	}
	return zerr == nil
}

// certReminder is an expiry reminder item of the owner's certificate.
func certReminder(owner int64, certType string, at time.Time) ikmbot.Due {
	id := strconv.FormatInt(owner, 10) + ":" + certType + ":" + strconv.FormatInt(at.Unix(), 10)
	return ikmbot.Due{Kind: "cert", ID: id, Target: owner, Payload: certType, At: at}
}

func TestCertificatesRoundTrip(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	cleanupCerts(t, e.rdb, owner)

	got, err := e.store.Certificates(ctx, owner)
	if err != nil || len(got) != 0 {
		t.Fatalf("Certificates of a new owner = %v, %v; want none", got, err)
	}

	wib := time.FixedZone("WIB", 7*3600)
	haccp := ikmbot.Certificate{
		Type: "HACCP", Status: ikmbot.CertHeld, Number: "HC-01",
		Issued: utcDay(2025, 1, 10), Expires: utcDay(2028, 1, 10), ExpiryGuessed: true,
		UpdatedAt: testNow.In(wib),
	}
	nib := ikmbot.Certificate{Type: "NIB", Status: ikmbot.CertHeld, Number: "9120001234567", UpdatedAt: testNow}
	bpom := ikmbot.Certificate{Type: "BPOM_MD", Status: ikmbot.CertApplying, Since: testNow.Add(-48 * time.Hour).In(wib), UpdatedAt: testNow}
	// Saved out of catalog order.
	for _, c := range []ikmbot.Certificate{haccp, nib, bpom} {
		if err := e.store.SaveCertificate(ctx, owner, c, nil, nil); err != nil {
			t.Fatalf("SaveCertificate(%s): %v", c.Type, err)
		}
	}
	got, err = e.store.Certificates(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	want := []ikmbot.Certificate{nib, bpom, haccp} // the catalog's order
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("Certificates (-got +want):\n%s", diff)
	}
	for _, c := range got {
		for _, tm := range []time.Time{c.Issued, c.Expires, c.Since, c.UpdatedAt} {
			if !tm.IsZero() && tm.Location() != time.UTC {
				t.Errorf("%s: time %s not stored in UTC", c.Type, tm)
			}
		}
	}

	// Saving a type again replaces it: the application came through.
	bpom = ikmbot.Certificate{Type: "BPOM_MD", Status: ikmbot.CertHeld, Number: "MD 123", Issued: utcDay(2026, 3, 1), Expires: utcDay(2031, 3, 1), UpdatedAt: testNow}
	if err := e.store.SaveCertificate(ctx, owner, bpom, nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err = e.store.Certificates(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, []ikmbot.Certificate{nib, bpom, haccp}); diff != "" {
		t.Errorf("Certificates after replacing BPOM_MD (-got +want):\n%s", diff)
	}
}

func TestCertificatesSkipsUnreadableAndKeepsRetired(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	cleanupCerts(t, e.rdb, owner)
	halal := ikmbot.Certificate{Type: "HALAL", Status: ikmbot.CertHeld, UpdatedAt: testNow}
	if err := e.store.SaveCertificate(ctx, owner, halal, nil, nil); err != nil {
		t.Fatal(err)
	}
	// A type a later catalog dropped, and data that cannot be read.
	e.rdb.HSet(ctx, certsKey(owner),
		"OLD_CERT", `{"type":"OLD_CERT","status":"held","updated_at":"2026-03-02T03:04:05Z"}`,
		"BROKEN", `{`,
		"SKA", `{"type":"NIB","status":"held","updated_at":"2026-03-02T03:04:05Z"}`)
	got, err := e.store.Certificates(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	want := []ikmbot.Certificate{halal, {Type: "OLD_CERT", Status: ikmbot.CertHeld, UpdatedAt: testNow}}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("Certificates (-got +want):\n%s", diff)
	}
}

func TestSaveCertificateMovesReminders(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	cleanupCerts(t, e.rdb, owner)
	early := certReminder(owner, "SPP_IRT", testNow.Add(24*time.Hour))
	stays := certReminder(owner, "SPP_IRT", testNow.Add(48*time.Hour))
	cleanupDue(t, e.rdb, early.Key(), stays.Key())
	c := ikmbot.Certificate{Type: "SPP_IRT", Status: ikmbot.CertHeld, Issued: utcDay(2022, 1, 1), Expires: utcDay(2027, 1, 1), UpdatedAt: testNow}
	if err := e.store.SaveCertificate(ctx, owner, c, []ikmbot.Due{early, stays}, nil); err != nil {
		t.Fatal(err)
	}
	if !scheduled(t, e.rdb, early.Key()) || !scheduled(t, e.rdb, stays.Key()) {
		t.Fatal("reminders not scheduled with the certificate")
	}

	// A new date: early goes, stays is in both lists and stays.
	moved := certReminder(owner, "SPP_IRT", testNow.Add(72*time.Hour))
	cleanupDue(t, e.rdb, moved.Key())
	c.Expires = utcDay(2027, 6, 1)
	if err := e.store.SaveCertificate(ctx, owner, c, []ikmbot.Due{stays, moved}, []string{early.Key(), stays.Key()}); err != nil {
		t.Fatal(err)
	}
	if scheduled(t, e.rdb, early.Key()) {
		t.Error("unscheduled reminder still scheduled")
	}
	if !scheduled(t, e.rdb, stays.Key()) || !scheduled(t, e.rdb, moved.Key()) {
		t.Error("a reminder both unscheduled and scheduled, or a new one, is not scheduled")
	}

	if err := e.store.DeleteCertificate(ctx, owner, "SPP_IRT", []string{stays.Key(), moved.Key()}); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.Certificates(ctx, owner)
	if err != nil || len(got) != 0 {
		t.Errorf("Certificates after delete = %v, %v; want none", got, err)
	}
	if scheduled(t, e.rdb, stays.Key()) || scheduled(t, e.rdb, moved.Key()) {
		t.Error("reminders of a deleted certificate still scheduled")
	}
	if n, err := e.rdb.Exists(ctx, certsKey(owner)).Result(); err != nil || n != 0 {
		t.Errorf("certificates hash left behind: %d, %v", n, err)
	}
	// Deleting again, or nothing, is harmless.
	if err := e.store.DeleteCertificate(ctx, owner, "SPP_IRT", nil); err != nil {
		t.Errorf("second DeleteCertificate: %v", err)
	}
	wantCode(t, e.store.DeleteCertificate(ctx, owner, "", nil), ikmbot.EInvalid)
}

func TestSaveCertificateRefuses(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	owner := newUserID()
	cleanupCerts(t, e.rdb, owner)
	wib := time.FixedZone("WIB", 7*3600)
	good := func() ikmbot.Certificate {
		return ikmbot.Certificate{Type: "MEREK", Status: ikmbot.CertHeld, Issued: utcDay(2020, 5, 1), Expires: utcDay(2030, 5, 1), UpdatedAt: testNow}
	}
	reminder := certReminder(owner, "MEREK", testNow.Add(time.Hour))
	cleanupDue(t, e.rdb, reminder.Key())
	tests := []struct {
		name   string
		change func(*ikmbot.Certificate)
		due    ikmbot.Due
	}{
		{"unknown type", func(c *ikmbot.Certificate) { c.Type = "NOPE" }, reminder},
		{"per-shipment document", func(c *ikmbot.Certificate) { c.Type = "PHYTO" }, reminder},
		{"market rule", func(c *ikmbot.Certificate) { c.Type = "EUDR_DDS" }, reminder},
		{"no status", func(c *ikmbot.Certificate) { c.Status = ikmbot.CertNoneKnown }, reminder},
		{"unknown status", func(c *ikmbot.Certificate) { c.Status = "expired" }, reminder},
		{"expires before issued", func(c *ikmbot.Certificate) { c.Expires = utcDay(2020, 4, 30) }, reminder},
		{"issued at a WIB midnight", func(c *ikmbot.Certificate) { c.Issued = time.Date(2020, 5, 1, 0, 0, 0, 0, wib) }, reminder},
		{"expires in the day", func(c *ikmbot.Certificate) { c.Expires = utcDay(2030, 5, 1).Add(time.Hour) }, reminder},
		{"bad due item", func(*ikmbot.Certificate) {}, ikmbot.Due{Kind: "cert", ID: "a|b", At: testNow}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			tt.change(&c)
			wantCode(t, e.store.SaveCertificate(ctx, owner, c, []ikmbot.Due{tt.due}, nil), ikmbot.EInvalid)
			if n, err := e.rdb.HLen(ctx, certsKey(owner)).Result(); err != nil || n != 0 {
				t.Errorf("%d certificates saved (%v), want none", n, err)
			}
			if scheduled(t, e.rdb, tt.due.Key()) {
				t.Error("due item scheduled by a refused save")
			}
		})
	}
	// Same day is fine, and so is a certificate without dates.
	c := good()
	c.Expires = c.Issued
	if err := e.store.SaveCertificate(ctx, owner, c, nil, nil); err != nil {
		t.Errorf("expires on the day issued: %v", err)
	}
	if err := e.store.SaveCertificate(ctx, owner, ikmbot.Certificate{Type: "IG_LADA", Status: ikmbot.CertHeld, UpdatedAt: testNow}, nil, nil); err != nil {
		t.Errorf("collective right without dates: %v", err)
	}
}
