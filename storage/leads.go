package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// SaveLead stores the lead and keeps the index of open leads: a lead
// without an id gets the next one (returned in the lead), a zero CreatedAt
// becomes now, and an empty status open. A lead that ikmbot.Lead.Validate
// refuses at now is an EInvalid *ikmbot.Error (a closed lead may have a
// past deadline); other errors are Redis failures.
func (s *Store) SaveLead(ctx context.Context, l ikmbot.Lead) (ikmbot.Lead, error) {
	now := s.now()
	if l.Status == "" {
		l.Status = ikmbot.LeadOpen
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = now.UTC()
	}
	if l.Status != ikmbot.LeadOpen && l.Status != ikmbot.LeadClosed {
		return l, ikmbot.Errorf(ikmbot.EInvalid, "save lead: unknown status %q", l.Status)
	}
	check := now
	if l.Status == ikmbot.LeadClosed {
		check = l.Deadline.Add(-1) // a closed lead's deadline may be past
	}
	if err := l.Validate(check); err != nil {
		return l, fmt.Errorf("save lead: %w", err)
	}
	l.Deadline, l.CreatedAt = l.Deadline.UTC(), l.CreatedAt.UTC()
	if l.ID == "" {
		n, err := s.rdb.Incr(ctx, leadSeqKey()).Result()
		if err != nil {
			return l, fmt.Errorf("save lead: %w", err)
		}
		l.ID = strconv.FormatInt(n, 10)
	}
	b, err := json.Marshal(l)
	if err != nil {
		return l, fmt.Errorf("save lead %s: %w", l.ID, err)
	}
	if _, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, leadKey(l.ID), b, 0)
		p.ZAddNX(ctx, allLeadsKey(), redis.Z{Score: float64(l.CreatedAt.UnixMilli()), Member: l.ID})
		if l.Status == ikmbot.LeadOpen {
			p.ZAdd(ctx, openLeadsKey(), redis.Z{Score: float64(l.Deadline.UnixMilli()), Member: l.ID})
		} else {
			p.ZRem(ctx, openLeadsKey(), l.ID)
		}
		return nil
	}); err != nil {
		return l, fmt.Errorf("save lead %s: %w", l.ID, err)
	}
	return l, nil
}

// Lead returns the lead with the id; one that does not exist, or an id
// that is not one storage hands out (callback data can be forged, and
// "open" would name the index), is an ENotFound *ikmbot.Error.
func (s *Store) Lead(ctx context.Context, id string) (ikmbot.Lead, error) {
	if n, err := strconv.ParseUint(id, 10, 63); err != nil || n == 0 || strconv.FormatUint(n, 10) != id {
		return ikmbot.Lead{}, ikmbot.Errorf(ikmbot.ENotFound, "lead %q: not an id", id)
	}
	l, err := leadOn(ctx, s.rdb, id)
	if err != nil && !ikmbot.IsNotFound(err) {
		return l, fmt.Errorf("load lead %s: %w", id, err)
	}
	return l, err
}

// leadOn loads the lead through c, the store's client or a transaction
// watching it; one that does not exist is an ENotFound *ikmbot.Error.
func leadOn(ctx context.Context, c redis.Cmdable, id string) (ikmbot.Lead, error) {
	raw, err := c.Get(ctx, leadKey(id)).Result()
	if notFound(err) {
		return ikmbot.Lead{}, ikmbot.Errorf(ikmbot.ENotFound, "lead %s: not found", id)
	}
	if err != nil {
		return ikmbot.Lead{}, err
	}
	var l ikmbot.Lead
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		return ikmbot.Lead{}, fmt.Errorf("decode lead %s: %w", id, err)
	}
	return l, nil
}

// OpenLeads returns the leads with status open, soonest deadline first,
// those whose deadline passed included (closing them is the reminder
// engine's). An index entry without its lead, or one that does not decode,
// is logged and skipped. Errors are Redis failures.
func (s *Store) OpenLeads(ctx context.Context) ([]ikmbot.Lead, error) {
	ids, err := s.rdb.ZRange(ctx, openLeadsKey(), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list open leads: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = leadKey(id)
	}
	raw, err := s.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, fmt.Errorf("list open leads: %w", err)
	}
	leads := make([]ikmbot.Lead, 0, len(ids))
	for i, v := range raw {
		text, _ := v.(string)
		var l ikmbot.Lead
		if err := json.Unmarshal([]byte(text), &l); err != nil {
			s.log.WarnContext(ctx, "unreadable open lead skipped", "lead_id", ids[i], "err", err)
			continue
		}
		leads = append(leads, l)
	}
	return leads, nil
}

// leadCountBatch is how many owners one pipeline of a lead's match scan
// reads, and leadCountWorkers how many such pipelines run at once.
const (
	leadCountBatch   = 1000
	leadCountWorkers = 4
)

// leadMatch is one owner a lead matches.
type leadMatch struct {
	owner     int64
	inTargets bool // chose the lead's country as a target
	reachable bool // neither blocked the bot nor turned announcements off
}

// CountLeadMatches counts the owners who qualify for the lead now (see
// eachLeadMatch). Errors are Redis failures.
func (s *Store) CountLeadMatches(ctx context.Context, lead ikmbot.Lead) (ikmbot.LeadCount, error) {
	var total ikmbot.LeadCount
	err := s.eachLeadMatch(ctx, lead, func(ms []leadMatch) error {
		for _, m := range ms {
			total.Matches++
			if m.inTargets {
				total.InTargets++
			}
			if m.reachable {
				total.Reachable++
			}
		}
		return nil
	})
	if err != nil {
		return ikmbot.LeadCount{}, fmt.Errorf("count matches of lead %s: %w", lead.ID, err)
	}
	return total, nil
}

// SnapshotLeadMatches fills the draft broadcast's recipients with the
// owners who qualify for the lead now and can be reached (as a broadcast's
// audience: not blocked, announcements on), each once, and returns how
// many recipients the broadcast has. A broadcast that is not a draft is an
// EConflict error; other errors are Redis failures.
func (s *Store) SnapshotLeadMatches(ctx context.Context, broadcastID string, lead ikmbot.Lead) (int64, error) {
	err := s.eachLeadMatch(ctx, lead, func(ms []leadMatch) error {
		owners := make([]int64, 0, len(ms))
		for _, m := range ms {
			if m.reachable {
				owners = append(owners, m.owner)
			}
		}
		return s.AddRecipients(ctx, broadcastID, owners)
	})
	if err != nil {
		return 0, fmt.Errorf("snapshot matches of lead %s: %w", lead.ID, err)
	}
	b, err := s.Broadcast(ctx, broadcastID)
	return b.Total, err
}

// eachLeadMatch calls fn, one call at a time, with the owners who qualify
// for the lead now, a batch at a time. It reads only the owners of the
// lead's sector (sectorOwnersKey), and of each only a few small fields
// (funnel value to confirm the sector, level, target countries,
// reachability) and the certifications the lead requires, in pipelines of
// leadCountBatch, leadCountWorkers at once. An owner whose funnel value
// names another sector (an index entry left behind by a crash) is not
// counted; one without a funnel value (never repaired since before the
// funnel) is taken at the index's word. The first error, fn's or Redis's,
// stops the calls and is returned.
func (s *Store) eachLeadMatch(ctx context.Context, lead ikmbot.Lead, fn func([]leadMatch) error) error {
	ids, err := s.rdb.SMembers(ctx, sectorOwnersKey(lead.Sector)).Result()
	if err != nil {
		return err
	}
	now := s.now()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	batches := make(chan []string)
	for range leadCountWorkers {
		wg.Go(func() {
			for batch := range batches {
				ms, err := s.leadBatchMatches(ctx, lead, batch, now)
				mu.Lock()
				if err == nil && firstErr == nil && len(ms) > 0 {
					err = fn(ms)
				}
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		})
	}
	for len(ids) > 0 {
		n := min(leadCountBatch, len(ids))
		batches <- ids[:n]
		ids = ids[n:]
	}
	close(batches)
	wg.Wait()
	return firstErr
}

// leadBatchMatches is eachLeadMatch for one batch of owner ids.
func (s *Store) leadBatchMatches(ctx context.Context, lead ikmbot.Lead, ids []string, now time.Time) ([]leadMatch, error) {
	users := make([]*redis.SliceCmd, len(ids))
	certs := make([]*redis.SliceCmd, len(ids))
	owners := make([]int64, len(ids))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, raw := range ids {
			id, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				continue
			}
			owners[i] = id
			users[i] = p.HMGet(ctx, userKey(id), fieldFunnel, fieldLevel, fieldMarkets, fieldUnreachable, fieldNoBroadcast)
			if len(lead.Certs) > 0 {
				certs[i] = p.HMGet(ctx, certsKey(id), lead.Certs...)
			}
		}
		return nil
	}); err != nil && !notFound(err) {
		return nil, err
	}
	var out []leadMatch
	for i, id := range owners {
		if users[i] == nil {
			s.log.WarnContext(ctx, "bad sector owners entry ignored", "entry", ids[i])
			continue
		}
		vals := users[i].Val()
		funnel, _ := vals[0].(string)
		level, _ := vals[1].(string)
		markets, _ := vals[2].(string)
		if funnel != "" {
			if _, _, sector, ok := parseFunnel(funnel); ok && sector != lead.Sector {
				continue
			}
		}
		u := ikmbot.User{ID: id, Profile: &ikmbot.Profile{Sector: lead.Sector}, Level: ikmbot.Level(level), TargetMarkets: splitMarkets(markets)}
		var held []ikmbot.Certificate
		if certs[i] != nil {
			raw := map[string]string{}
			for j, v := range certs[i].Val() {
				if text, ok := v.(string); ok {
					raw[lead.Certs[j]] = text
				}
			}
			held = s.decodeCerts(ctx, id, raw)
		}
		if ok, _ := ikmbot.LeadMatches(lead, u, held, now); ok {
			out = append(out, leadMatch{owner: id, inTargets: ikmbot.LeadInTargets(lead, u),
				reachable: vals[3] == nil && vals[4] == nil})
		}
	}
	return out, nil
}

// indexSector puts the owner in the set of sector's owners and takes them
// out of every other sector's (see sectorOwnersKey); an empty sector, or
// one without a set (ikmbot.SectorOther, an unknown code), takes them out
// of all. Apply does not know which sector the owner had before, and
// there are a dozen sectors, so one SREM each is cheaper than a read.
func indexSector(ctx context.Context, p redis.Pipeliner, userID int64, sector string) {
	for _, sec := range ikmbot.Sectors() {
		if sec.Code == sector {
			p.SAdd(ctx, sectorOwnersKey(sec.Code), userID)
		} else {
			p.SRem(ctx, sectorOwnersKey(sec.Code), userID)
		}
	}
}
