package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// An owner's certificates: one hash per owner (certsKey), one field per
// certification type. A certificate and its expiry reminders change in one
// MULTI, so a reminder never outlives or misses its certificate.

// Certificates returns the certificates the owner recorded, in the
// catalog's order (ikmbot.CertTypes); types no longer in the catalog come
// last, by code. An owner with none gets an empty slice. A certificate
// that cannot be read is logged and left out. Errors are Redis failures.
func (s *Store) Certificates(ctx context.Context, ownerID int64) ([]ikmbot.Certificate, error) {
	raw, err := s.rdb.HGetAll(ctx, certsKey(ownerID)).Result()
	if err != nil {
		return nil, fmt.Errorf("read certificates of owner %d: %w", ownerID, err)
	}
	return s.decodeCerts(ctx, ownerID, raw), nil
}

// decodeCerts reads an owner's certificates hash (type -> JSON) in the
// catalog's order (ikmbot.CertTypes), types no longer in the catalog last,
// by code. A certificate that cannot be read is logged and left out.
func (s *Store) decodeCerts(ctx context.Context, ownerID int64, raw map[string]string) []ikmbot.Certificate {
	certs := make([]ikmbot.Certificate, 0, len(raw))
	for field, text := range raw {
		var c ikmbot.Certificate
		if err := json.Unmarshal([]byte(text), &c); err != nil || c.Type != field {
			s.log.WarnContext(ctx, "unreadable certificate skipped", "user_id", ownerID, "cert_type", field, "err", err)
			continue
		}
		certs = append(certs, c)
	}
	rank := func(code string) int {
		if i, ok := ikmbot.CertRank(code); ok {
			return i
		}
		return math.MaxInt // unknown codes last
	}
	slices.SortFunc(certs, func(a, b ikmbot.Certificate) int {
		return cmp.Or(cmp.Compare(rank(a.Type), rank(b.Type)), strings.Compare(a.Type, b.Type))
	})
	return certs
}

// SaveCertificate records c for the owner, replacing the one of the same
// type, and in the same transaction unschedules the due items with the keys
// in unschedule (ikmbot.Due.Key), then schedules those in schedule: a new
// expiry date moves its reminders with it. On Redis Cluster the due items
// follow in a second round trip, see Store.transact. Times are stored in
// UTC. The owner's funnel counts are refreshed after (see stats.go).
//
// A type not in the catalog or not one an owner holds (ikmbot.CertType.Held),
// a status other than held or applying, an Issued or Expires that is not a
// UTC midnight, an Expires before Issued, or a due item Schedule would
// refuse is an *ikmbot.Error with code ikmbot.EInvalid and nothing is
// saved. Other errors are Redis failures.
func (s *Store) SaveCertificate(ctx context.Context, ownerID int64, c ikmbot.Certificate, schedule []ikmbot.Due, unschedule []string) error {
	if err := validCertificate(ownerID, c); err != nil {
		return err
	}
	for _, d := range schedule {
		if err := validDue(d); err != nil {
			return err
		}
	}
	c = utcCertificate(c)
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("save certificate %s of owner %d: encode: %w", c.Type, ownerID, err)
	}
	err = s.transact(ctx, func(p redis.Pipeliner) {
		p.HSet(ctx, certsKey(ownerID), c.Type, b)
	}, func(p redis.Pipeliner) {
		// Unscheduled first: a key in both (a reminder whose date did not
		// move) stays scheduled.
		s.unscheduleOn(p, unschedule)
		s.scheduleOn(p, schedule)
	})
	if err != nil {
		return fmt.Errorf("save certificate %s of owner %d: %w", c.Type, ownerID, err)
	}
	s.refreshFunnels(ctx, ownerID)
	return nil
}

// validCertificate checks what SaveCertificate promises to refuse.
func validCertificate(ownerID int64, c ikmbot.Certificate) error {
	t, ok := ikmbot.CertTypeByCode(c.Type)
	switch {
	case !ok:
		return ikmbot.Errorf(ikmbot.EInvalid, "save certificate %q of owner %d: not in the catalog", c.Type, ownerID)
	case !t.Held():
		return ikmbot.Errorf(ikmbot.EInvalid, "save certificate %s of owner %d: not a paper an owner holds", c.Type, ownerID)
	case c.Status != ikmbot.CertHeld && c.Status != ikmbot.CertApplying:
		return ikmbot.Errorf(ikmbot.EInvalid, "save certificate %s of owner %d: status %q", c.Type, ownerID, c.Status)
	case !midnightUTC(c.Issued) || !midnightUTC(c.Expires):
		// The fields hold days; a WIB midnight here is a day early.
		return ikmbot.Errorf(ikmbot.EInvalid, "save certificate %s of owner %d: issued %s or expires %s is not a UTC midnight", c.Type, ownerID, c.Issued, c.Expires)
	case !c.Issued.IsZero() && !c.Expires.IsZero() && c.Expires.Before(c.Issued):
		return ikmbot.Errorf(ikmbot.EInvalid, "save certificate %s of owner %d: expires %s before issued %s",
			c.Type, ownerID, c.Expires.Format(time.DateOnly), c.Issued.Format(time.DateOnly))
	}
	return nil
}

// midnightUTC reports whether t is zero or a day's start in UTC.
func midnightUTC(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	u := t.UTC()
	return u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0
}

// utcCertificate returns c with its times in UTC, as they are stored.
func utcCertificate(c ikmbot.Certificate) ikmbot.Certificate {
	for _, t := range []*time.Time{&c.Issued, &c.Expires, &c.Since, &c.UpdatedAt} {
		if !t.IsZero() {
			*t = t.UTC()
		}
	}
	return c
}

// DeleteCertificate removes the owner's certificate of the type and, in the
// same transaction, unschedules the due items with the keys in unschedule
// (on Redis Cluster they follow in a second round trip, see
// Store.transact), then refreshes the owner's funnel counts (see
// stats.go). Removing one the owner does not have is not an error, so
// a repeated tap is harmless. An empty type is an *ikmbot.Error with code
// ikmbot.EInvalid; other errors are Redis failures.
func (s *Store) DeleteCertificate(ctx context.Context, ownerID int64, certType string, unschedule []string) error {
	if certType == "" {
		return ikmbot.Errorf(ikmbot.EInvalid, "delete certificate of owner %d: no type", ownerID)
	}
	err := s.transact(ctx, func(p redis.Pipeliner) {
		p.HDel(ctx, certsKey(ownerID), certType)
	}, func(p redis.Pipeliner) {
		s.unscheduleOn(p, unschedule)
	})
	if err != nil {
		return fmt.Errorf("delete certificate %s of owner %d: %w", certType, ownerID, err)
	}
	s.refreshFunnels(ctx, ownerID)
	return nil
}
