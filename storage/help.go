package storage

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// Help requests: an owner asks, staff take the request, reply and close it.
// Each request is a hash (helpKey) with its history as a list
// (helpHistoryKey), so appending a step is one RPUSH and no script has to
// rewrite JSON. Taking, adding a step and closing are scripts that check
// the status and change it in one step; a request and the queues of
// requests not closed (helpOpenKey, helpOpenRegionKey) share the hash tag
// {help}, so they change together, on one node of a Redis Cluster.
//
// Queues per region rather than one queue filtered: staff of a kabupaten
// read only their own requests, with a limit, in one ZREVRANGE; the price is
// one more ZADD when opening and one more ZREM when closing (the region of a
// request never changes, so the closing script is told which queue).

var (
	//go:embed help_take.lua
	helpTakeLua    string
	helpTakeScript = redis.NewScript(helpTakeLua)

	//go:embed help_step.lua
	helpStepLua    string
	helpStepScript = redis.NewScript(helpStepLua)

	//go:embed help_close.lua
	helpCloseLua    string
	helpCloseScript = redis.NewScript(helpCloseLua)
)

// OpenHelp records r as a new help request: it gets the next id, status
// open and, appended to its history, an "opened" step by the owner at
// CreatedAt (now when zero); it joins staff's queues and the owner's list.
// ID, Status and TakenBy of r are ignored. The request as stored is
// returned, its times in UTC.
//
// A request without an owner, without both text and certification type,
// with a certification type not in the catalog or a region not in the
// catalog is an *ikmbot.Error with code ikmbot.EInvalid. Other errors are
// Redis failures.
func (s *Store) OpenHelp(ctx context.Context, r ikmbot.HelpRequest) (ikmbot.HelpRequest, error) {
	if err := validHelpRequest(r); err != nil {
		return ikmbot.HelpRequest{}, err
	}
	n, err := s.rdb.Incr(ctx, helpSeqKey()).Result()
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("open help request of owner %d: %w", r.OwnerID, err)
	}
	r.ID = strconv.FormatInt(n, 10)
	r.Status, r.TakenBy = ikmbot.HelpOpen, 0
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now()
	}
	r.CreatedAt = r.CreatedAt.UTC()
	r.History = append(slices.Clone(r.History), ikmbot.HelpStep{
		At: r.CreatedAt, By: r.OwnerID, Role: ikmbot.RoleOwner, Kind: ikmbot.HelpStepOpened,
	})
	steps := make([]any, len(r.History))
	for i := range r.History {
		r.History[i].At = r.History[i].At.UTC()
		if steps[i], err = json.Marshal(r.History[i]); err != nil {
			return ikmbot.HelpRequest{}, fmt.Errorf("open help request of owner %d: encode: %w", r.OwnerID, err)
		}
	}
	fields := []any{
		fieldHelpOwner, r.OwnerID,
		fieldHelpText, r.Text,
		fieldHelpStatus, string(r.Status),
		fieldHelpCreated, r.CreatedAt.Format(time.RFC3339Nano),
	}
	if r.Region != "" {
		fields = append(fields, fieldHelpRegion, r.Region)
	}
	if r.CertType != "" {
		fields = append(fields, fieldHelpCert, r.CertType)
	}
	z := redis.Z{Score: float64(n), Member: r.ID}
	err = s.transact(ctx, func(p redis.Pipeliner) {
		p.ZAdd(ctx, helpOwnerKey(r.OwnerID), z)
	}, func(p redis.Pipeliner) {
		p.HSet(ctx, helpKey(r.ID), fields...)
		p.RPush(ctx, helpHistoryKey(r.ID), steps...)
		p.ZAdd(ctx, helpOpenKey(), z)
		p.HIncrBy(ctx, helpStatsKey(), fieldHelpOpened, 1)
		if r.Region != "" {
			p.ZAdd(ctx, helpOpenRegionKey(r.Region), z)
			p.HIncrBy(ctx, helpStatsKey(), fieldHelpOpenedRegion+r.Region, 1)
		}
	})
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("open help request %s of owner %d: %w", r.ID, r.OwnerID, err)
	}
	return r, nil
}

// validHelpRequest checks what OpenHelp promises to refuse. The region
// becomes part of a key, so only the catalog's codes may.
func validHelpRequest(r ikmbot.HelpRequest) error {
	if r.OwnerID == 0 {
		return ikmbot.Errorf(ikmbot.EInvalid, "open help request: no owner")
	}
	if strings.TrimSpace(r.Text) == "" && r.CertType == "" {
		return ikmbot.Errorf(ikmbot.EInvalid, "open help request of owner %d: no text and no certification", r.OwnerID)
	}
	if _, ok := ikmbot.CertTypeByCode(r.CertType); r.CertType != "" && !ok {
		return ikmbot.Errorf(ikmbot.EInvalid, "open help request of owner %d: certification %q not in the catalog", r.OwnerID, r.CertType)
	}
	if _, ok := ikmbot.RegionByCode(r.Region); r.Region != "" && !ok {
		return ikmbot.Errorf(ikmbot.EInvalid, "open help request of owner %d: region %q not in the catalog", r.OwnerID, r.Region)
	}
	for _, st := range r.History {
		if err := validHelpStep(st, st.Kind); err != nil {
			return err
		}
	}
	return nil
}

// validHelpStep checks a step's kind (one of kinds) and role.
func validHelpStep(st ikmbot.HelpStep, kinds ...string) error {
	if !slices.Contains(kinds, st.Kind) || st.Kind == "" {
		return ikmbot.Errorf(ikmbot.EInvalid, "help step of kind %q, want one of %q", st.Kind, kinds)
	}
	if !st.Role.Valid() {
		return ikmbot.Errorf(ikmbot.EInvalid, "help step by role %q", st.Role)
	}
	return nil
}

// Help returns the help request with this id. An unknown id, one no request
// can have, or a request that cannot be read (logged) is an *ikmbot.Error
// with code ikmbot.ENotFound. Other errors are Redis failures.
func (s *Store) Help(ctx context.Context, id string) (ikmbot.HelpRequest, error) {
	if !helpID(id) {
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "read help request %q", id)
	}
	reqs, err := s.readHelps(ctx, []string{id})
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("read help request %s: %w", id, err)
	}
	if len(reqs) == 0 {
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "read help request %s", id)
	}
	return reqs[0], nil
}

// helpID reports whether id is one OpenHelp hands out: a decimal number
// from 1, written plainly. Ids come back in callback data, so anything else
// never reaches a key.
func helpID(id string) bool {
	n, err := strconv.ParseInt(id, 10, 64)
	return err == nil && n > 0 && strconv.FormatInt(n, 10) == id
}

// OpenHelpRequests returns up to limit help requests not closed (open or
// taken), newest first: all of them for region "", else those opened in
// that region (ikmbot.Region.Code). An unknown region has none. Errors are
// Redis failures.
func (s *Store) OpenHelpRequests(ctx context.Context, region string, limit int) ([]ikmbot.HelpRequest, error) {
	if limit <= 0 {
		return []ikmbot.HelpRequest{}, nil
	}
	key := helpOpenKey()
	if region != "" {
		if _, ok := ikmbot.RegionByCode(region); !ok {
			return []ikmbot.HelpRequest{}, nil
		}
		key = helpOpenRegionKey(region)
	}
	ids, err := s.rdb.ZRevRange(ctx, key, 0, int64(limit)-1).Result()
	if err != nil {
		return nil, fmt.Errorf("list open help requests of region %q: %w", region, err)
	}
	reqs, err := s.readHelps(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("list open help requests of region %q: %w", region, err)
	}
	return reqs, nil
}

// HelpOf returns the owner's help requests, closed ones too, newest first.
// Errors are Redis failures.
func (s *Store) HelpOf(ctx context.Context, ownerID int64) ([]ikmbot.HelpRequest, error) {
	ids, err := s.rdb.ZRevRange(ctx, helpOwnerKey(ownerID), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("list help requests of owner %d: %w", ownerID, err)
	}
	reqs, err := s.readHelps(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("list help requests of owner %d: %w", ownerID, err)
	}
	return reqs, nil
}

// readHelps reads the requests with these ids in one round trip, in the
// order of ids. Ids without a request (removed by /hapusdata since they
// were listed) are left out; unreadable requests are logged and left out.
func (s *Store) readHelps(ctx context.Context, ids []string) ([]ikmbot.HelpRequest, error) {
	reqs := make([]ikmbot.HelpRequest, 0, len(ids))
	if len(ids) == 0 {
		return reqs, nil
	}
	hashes := make([]*redis.MapStringStringCmd, len(ids))
	histories := make([]*redis.StringSliceCmd, len(ids))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			hashes[i] = p.HGetAll(ctx, helpKey(id))
			histories[i] = p.LRange(ctx, helpHistoryKey(id), 0, -1)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		h := hashes[i].Val()
		if len(h) == 0 {
			continue
		}
		r, err := s.decodeHelp(ctx, id, h, histories[i].Val())
		if err != nil {
			s.log.WarnContext(ctx, "unreadable help request skipped", "help_id", id, "err", err)
			continue
		}
		reqs = append(reqs, r)
	}
	return reqs, nil
}

// decodeHelp builds a request from its hash and history. A history entry
// that cannot be read is logged and left out: the rest of the request is
// still worth showing.
func (s *Store) decodeHelp(ctx context.Context, id string, h map[string]string, history []string) (ikmbot.HelpRequest, error) {
	r := ikmbot.HelpRequest{
		ID:       id,
		Region:   h[fieldHelpRegion],
		CertType: h[fieldHelpCert],
		Text:     h[fieldHelpText],
		Status:   ikmbot.HelpStatus(h[fieldHelpStatus]),
		History:  make([]ikmbot.HelpStep, 0, len(history)),
	}
	var err error
	if r.OwnerID, err = strconv.ParseInt(h[fieldHelpOwner], 10, 64); err != nil {
		return r, fmt.Errorf("owner %q: %w", h[fieldHelpOwner], err)
	}
	if by, ok := h[fieldHelpTakenBy]; ok {
		if r.TakenBy, err = strconv.ParseInt(by, 10, 64); err != nil {
			return r, fmt.Errorf("taken by %q: %w", by, err)
		}
	}
	if r.CreatedAt, err = time.Parse(time.RFC3339Nano, h[fieldHelpCreated]); err != nil {
		return r, fmt.Errorf("created %q: %w", h[fieldHelpCreated], err)
	}
	switch r.Status {
	case ikmbot.HelpOpen, ikmbot.HelpTaken, ikmbot.HelpClosed:
	default:
		return r, fmt.Errorf("status %q", r.Status)
	}
	for i, text := range history {
		var st ikmbot.HelpStep
		if err := json.Unmarshal([]byte(text), &st); err != nil {
			s.log.WarnContext(ctx, "unreadable help step skipped", "help_id", id, "step", i, "err", err)
			continue
		}
		r.History = append(r.History, st)
	}
	return r, nil
}

// TakeHelp gives the open help request to the staff member, appending a
// "taken" step by them (as staff) at now (the Store's clock when zero).
// It is atomic: when several staff
// take one request at once, exactly one gets it. Taking a request one
// already holds changes nothing and is not an error. The request is
// returned as it stands after the change.
//
// A request someone else took, or one that is closed, is an *ikmbot.Error
// with code ikmbot.EConflict, returned with the request so the caller can
// say who has it (TakenBy). An unknown id is one with code ikmbot.ENotFound.
// Other errors are Redis failures.
func (s *Store) TakeHelp(ctx context.Context, id string, staffID int64, now time.Time) (ikmbot.HelpRequest, error) {
	op := fmt.Sprintf("take help request %s for staff %d", id, staffID)
	if !helpID(id) {
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "%s", op)
	}
	step, err := s.encodeStep(ikmbot.HelpStep{At: now, By: staffID, Role: ikmbot.RoleStaff, Kind: ikmbot.HelpStepTaken})
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: encode: %w", op, err)
	}
	res, err := helpTakeScript.Run(ctx, s.rdb, []string{helpKey(id), helpHistoryKey(id)}, staffID, step).Text()
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: %w", op, err)
	}
	switch res {
	case "missing":
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "%s", op)
	case "taken", "again":
		return s.helpAfter(ctx, id, op, "")
	case "other", "closed":
		return s.helpAfter(ctx, id, op, res)
	}
	return ikmbot.HelpRequest{}, fmt.Errorf("%s: script replied %q", op, res)
}

// helpAfter reads request id after a script changed it (or refused to),
// for the caller of operation op. conflict, when set, is why the script
// refused: the request comes back with an *ikmbot.Error with code
// ikmbot.EConflict.
func (s *Store) helpAfter(ctx context.Context, id, op, conflict string) (ikmbot.HelpRequest, error) {
	r, err := s.Help(ctx, id)
	if err != nil {
		// Removed by /hapusdata in between: not found is the truth.
		if ikmbot.IsNotFound(err) {
			return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "%s", op)
		}
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: %w", op, err)
	}
	if conflict == "other" {
		return r, ikmbot.Errorf(ikmbot.EConflict, "%s: taken by %d", op, r.TakenBy)
	}
	if conflict != "" {
		return r, ikmbot.Errorf(ikmbot.EConflict, "%s: request is %s", op, conflict)
	}
	return r, nil
}

// AddHelpStep appends a reply (staff to owner) or a note (owner to staff)
// to the help request's history; a step without a time gets now. The
// request is returned as it stands after the change.
//
// A closed request is an *ikmbot.Error with code ikmbot.EConflict,
// returned with the request; a step of another kind or an unknown role one
// with code ikmbot.EInvalid; an unknown id one with code ikmbot.ENotFound.
// Other errors are Redis failures.
func (s *Store) AddHelpStep(ctx context.Context, id string, step ikmbot.HelpStep) (ikmbot.HelpRequest, error) {
	op := fmt.Sprintf("add help request %s step %s", id, step.Kind)
	if !helpID(id) {
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "%s", op)
	}
	if err := validHelpStep(step, ikmbot.HelpStepReply, ikmbot.HelpStepNote); err != nil {
		return ikmbot.HelpRequest{}, err
	}
	b, err := s.encodeStep(step)
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: encode: %w", op, err)
	}
	res, err := helpStepScript.Run(ctx, s.rdb, []string{helpKey(id), helpHistoryKey(id)}, b).Text()
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: %w", op, err)
	}
	switch res {
	case "missing":
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "%s", op)
	case "added":
		return s.helpAfter(ctx, id, op, "")
	case "closed":
		return s.helpAfter(ctx, id, op, res)
	}
	return ikmbot.HelpRequest{}, fmt.Errorf("%s: script replied %q", op, res)
}

// encodeStep returns the JSON of a step as stored: in UTC, now when it has
// no time.
func (s *Store) encodeStep(step ikmbot.HelpStep) ([]byte, error) {
	if step.At.IsZero() {
		step.At = s.now()
	}
	step.At = step.At.UTC()
	return json.Marshal(step)
}

// CloseHelp closes the help request, appending step (of kind "closed",
// which an empty Kind becomes; a step without a time gets now), and takes
// it out of staff's queues, in one step. The request is returned as it
// stands after the change.
//
// A request already closed is an *ikmbot.Error with code ikmbot.EConflict,
// returned with the request, and nothing changes; a step of another kind or
// an unknown role one with code ikmbot.EInvalid; an unknown id one with
// code ikmbot.ENotFound. Other errors are Redis failures.
func (s *Store) CloseHelp(ctx context.Context, id string, step ikmbot.HelpStep) (ikmbot.HelpRequest, error) {
	op := fmt.Sprintf("close help request %s", id)
	if !helpID(id) {
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "%s", op)
	}
	if step.Kind == "" {
		step.Kind = ikmbot.HelpStepClosed
	}
	if err := validHelpStep(step, ikmbot.HelpStepClosed); err != nil {
		return ikmbot.HelpRequest{}, err
	}
	b, err := s.encodeStep(step)
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: encode: %w", op, err)
	}
	// The region never changes, so reading it before the script is safe;
	// the script needs it to name the region's queue.
	region, err := s.rdb.HGet(ctx, helpKey(id), fieldHelpRegion).Result()
	if err != nil && !notFound(err) {
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: %w", op, err)
	}
	keys := []string{helpKey(id), helpHistoryKey(id), helpStatsKey(), helpOpenKey()}
	if region != "" {
		keys = append(keys, helpOpenRegionKey(region))
	}
	res, err := helpCloseScript.Run(ctx, s.rdb, keys, id, b, fieldHelpClosed).Text()
	if err != nil {
		return ikmbot.HelpRequest{}, fmt.Errorf("%s: %w", op, err)
	}
	switch res {
	case "missing":
		return ikmbot.HelpRequest{}, ikmbot.Errorf(ikmbot.ENotFound, "%s", op)
	case "done":
		return s.helpAfter(ctx, id, op, "")
	case "closed":
		return s.helpAfter(ctx, id, op, res)
	}
	return ikmbot.HelpRequest{}, fmt.Errorf("%s: script replied %q", op, res)
}

// HelpCounts returns the anonymous help counters: "opened" (requests ever
// opened), "closed" (requests closed) and "opened:<region>" per region.
// They outlive the requests /hapusdata removes. Errors are Redis failures.
func (s *Store) HelpCounts(ctx context.Context) (map[string]int64, error) {
	raw, err := s.rdb.HGetAll(ctx, helpStatsKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("read help counters: %w", err)
	}
	counts := make(map[string]int64, len(raw))
	for k, v := range raw {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("read help counters: %s is %q: %w", k, v, err)
		}
		counts[k] = n
	}
	return counts, nil
}

// forgetCertsAndHelp removes, for /hapusdata, the owner's certificates and
// every help request they made: the request, its history and its places in
// staff's queues. Nothing of a request is kept but the anonymous counters
// (HelpCounts), which were counted when it was opened or closed: a stub
// with region, certification and times would still say who asked to staff
// who knew. The owner's list is watched, so a request opened meanwhile is
// removed too (on Redis Cluster, one opened in the instant between its two
// round trips may survive, see Store.transact). Due items of the
// certificates are the caller's to unschedule; their keys are not known
// here.
func (s *Store) forgetCertsAndHelp(ctx context.Context, ownerID int64) error {
	owner := helpOwnerKey(ownerID)
	for range deleteAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			ids, err := tx.ZRange(ctx, owner, 0, -1).Result()
			if err != nil {
				return err
			}
			regions := make([]*redis.StringCmd, len(ids))
			if len(ids) > 0 {
				// The requests live in the {help} slot: read through the
				// client, not the connection watching the owner's key.
				// A request without a region answers redis.Nil, which
				// makes Pipelined's error; each command is checked below.
				s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
					for i, id := range ids {
						regions[i] = p.HGet(ctx, helpKey(id), fieldHelpRegion)
					}
					return nil
				})
				for _, cmd := range regions {
					if err := cmd.Err(); err != nil && !notFound(err) {
						return err
					}
				}
			}
			var global func(redis.Pipeliner)
			if len(ids) > 0 {
				global = func(p redis.Pipeliner) {
					members := make([]any, len(ids))
					for i, id := range ids {
						members[i] = id
						p.Del(ctx, helpKey(id), helpHistoryKey(id))
						if region := regions[i].Val(); region != "" {
							p.ZRem(ctx, helpOpenRegionKey(region), id)
						}
					}
					p.ZRem(ctx, helpOpenKey(), members...)
				}
			}
			return s.transactOn(ctx, tx, func(p redis.Pipeliner) {
				p.Del(ctx, certsKey(ownerID), owner)
			}, global)
		}, owner)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return fmt.Errorf("forget certificates and help requests of owner %d: %w", ownerID, err)
		}
		return nil
	}
	return fmt.Errorf("forget certificates and help requests of owner %d: list kept changing through %d attempts", ownerID, deleteAttempts)
}
