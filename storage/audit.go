package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// AddAudit writes e at the head of the audit log (auditKey). An entry
// without an action or an actor is an EInvalid error; other errors are
// Redis failures.
func (s *Store) AddAudit(ctx context.Context, e ikmbot.AuditEntry) error {
	if e.Action == "" || e.ActorID == 0 {
		return ikmbot.Errorf(ikmbot.EInvalid, "add audit entry: action %q, actor %d", e.Action, e.ActorID)
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("add audit entry %s: %w", e.Action, err)
	}
	if err := s.rdb.LPush(ctx, auditKey(), raw).Err(); err != nil {
		return fmt.Errorf("add audit entry %s: %w", e.Action, err)
	}
	return nil
}

// AuditEntries returns n entries of the audit log from offset (0 is the
// newest), newest first, and how many the log holds, in one round trip
// (one MULTI, so the page and the total agree). An offset past the end
// gives no entries. An entry that cannot be decoded is logged and left
// out; errors are Redis failures.
func (s *Store) AuditEntries(ctx context.Context, offset, n int) ([]ikmbot.AuditEntry, int64, error) {
	if offset < 0 || n <= 0 {
		return nil, 0, ikmbot.Errorf(ikmbot.EInvalid, "audit entries: offset %d, n %d", offset, n)
	}
	var page *redis.StringSliceCmd
	var total *redis.IntCmd
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		page = p.LRange(ctx, auditKey(), int64(offset), int64(offset+n-1))
		total = p.LLen(ctx, auditKey())
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("audit entries from %d: %w", offset, err)
	}
	entries := make([]ikmbot.AuditEntry, 0, len(page.Val()))
	for i, raw := range page.Val() {
		var e ikmbot.AuditEntry
		if err := json.Unmarshal([]byte(raw), &e); err != nil {
			s.log.WarnContext(ctx, "undecodable audit entry skipped", "index", offset+i, "err", err)
			continue
		}
		entries = append(entries, e)
	}
	return entries, total.Val(), nil
}
