package storage

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// The funnel counters of /statistik (issue 8): how many owners are at each
// ikmbot.FunnelStage, overall, per region and per sector, in one hash
// (funnelStatsKey) kept current on every write, so reading them is one
// HGETALL however many owners there are.
//
// Each owner's stages, region and sector are stored with them (fieldFunnel
// of their user hash); funnel.lua replaces that value and moves the counts
// by the difference in one step, so the counts always equal the sum of the
// stored values, however updates repeat or race. Writes reach it two ways:
//
//   - Apply and DeleteOwnerData run funnel.lua inside their own MULTI (on
//     Redis Cluster the counts follow in the transaction's second round
//     trip), setting the stages they know (signed up, exporting, region and
//     sector from a profile; checked from an assessment; certified judged by
//     the script from the certificates, which share the user's slot) and
//     keeping the others. A conversation step that saves neither runs
//     nothing.
//   - Enrol, Leave, CompleteClass, SaveCertificate and DeleteCertificate
//     call refreshFunnel after their write: it reads the owner's records,
//     computes ikmbot.Funnel and stores all stages.
//
// Apply cannot see the class records (they live in other Cluster slots), so
// a profile saved keeps the stored enrolled and completed stages: an owner
// who held a seat before having any profile would be counted as enrolled
// only from their next refresh or the repair. The bot lets only owners with
// a profile enrol, and /hapusdata takes the owner out of every class, so
// that does not happen outside races.
//
// What can leave a stored value stale (never the counts out of step with
// the stored values, except on Cluster): a crash between a write and its
// refresh, a refresh that read the records just before a concurrent write
// and stored after that write's own refresh, a certificate expiring with
// no write since, owners signed up before this code ran. RepairFunnel
// recomputes everything from the records; run it once after deploying and
// then from time to time (nightly is plenty). On Redis Cluster the counts
// follow in a second round trip, so a crash between the two also leaves
// them off by one until the repair.

//go:embed funnel.lua
var funnelLua string

var funnelScript = redis.NewScript(funnelLua)

// funnelStageNames is ARGV[6] of funnel.lua.
var funnelStageNames = func() string {
	names := make([]string, len(ikmbot.FunnelStages))
	for i, s := range ikmbot.FunnelStages {
		names[i] = string(s)
	}
	return strings.Join(names, ",")
}()

// funnelSet is what one run of funnel.lua sets.
type funnelSet struct {
	// pattern has one character per stage: '0' or '1' sets it, '.' keeps
	// the stored one, 'L' sets it when the user has a level.
	pattern string
	// place replaces the stored region and sector.
	place          bool
	region, sector string
	// today, when set ("YYYY-MM-DD"), has the script judge the certified
	// stage from the certificates against the sector's core codes.
	today string
	core  []string
}

// keepAll is a pattern that keeps every stored stage.
func keepAll() []byte { return []byte(strings.Repeat(".", len(ikmbot.FunnelStages))) }

// setStage sets stage s of pattern to on.
func setStage(pattern []byte, s ikmbot.FunnelStage, on bool) {
	for i, st := range ikmbot.FunnelStages {
		if st == s {
			pattern[i] = '0'
			if on {
				pattern[i] = '1'
			}
		}
	}
}

// profileFunnel is the funnelSet of saving profile p: signed up, exporting,
// region and sector, certified judged against p's sector at now, checked
// from the stored level (a readiness check done before signing up counts
// once the profile is there).
func profileFunnel(pattern []byte, p ikmbot.Profile, now time.Time) funnelSet {
	setStage(pattern, ikmbot.StageSignedUp, true)
	pattern[slices.Index(ikmbot.FunnelStages, ikmbot.StageChecked)] = 'L'
	setStage(pattern, ikmbot.StageExporting, p.ExportStatus == ikmbot.ExportIndirect || p.ExportStatus == ikmbot.ExportDirect)
	return funnelSet{
		place: true, region: p.Region, sector: p.Sector,
		today: now.UTC().Format(time.DateOnly), core: ikmbot.SectorCoreCodes(p.Sector),
	}
}

// queueFunnel queues funnel.lua for the user on p, with the counters hash
// unless on Cluster (see countFunnelOn). It sends the script's text, not
// its SHA, because it may be inside a MULTI where a missing script could
// not be retried.
func (s *Store) queueFunnel(ctx context.Context, p redis.Pipeliner, userID int64, f funnelSet) *redis.Cmd {
	keys := []string{userKey(userID), certsKey(userID)}
	if !s.cluster {
		keys = append(keys, funnelStatsKey())
	}
	return funnelScript.Eval(ctx, p, keys, funnelArgs(f)...)
}

// funnelArgs are funnel.lua's ARGV for f.
func funnelArgs(f funnelSet) []any {
	place := "0"
	if f.place {
		place = "1"
	}
	args := []any{fieldFunnel, f.pattern, place, f.region, f.sector, funnelStageNames, f.today, fieldLevel}
	for _, c := range f.core {
		args = append(args, c)
	}
	return args
}

// countFunnelOn queues, on Redis Cluster only, the count changes of a
// funnel.lua run that has already replied (the global half of a
// transaction, see transact); elsewhere the script moved them itself.
func (s *Store) countFunnelOn(ctx context.Context, p redis.Pipeliner, cmd *redis.Cmd) {
	if !s.cluster || cmd == nil {
		return
	}
	res, err := cmd.StringSlice()
	if err != nil || len(res) != 2 {
		return // the user's transaction failed; it reports that
	}
	for field, d := range funnelDelta(res[0], res[1]) {
		p.HIncrBy(ctx, funnelStatsKey(), field, d)
	}
}

// funnelDelta is how the counters move when an owner's stored value goes
// from old to new, as funnel.lua moves them.
func funnelDelta(old, new string) map[string]int64 {
	d := map[string]int64{}
	for _, v := range []struct {
		value string
		by    int64
	}{{old, -1}, {new, 1}} {
		flags, region, sector, ok := parseFunnel(v.value)
		if !ok {
			continue
		}
		for _, field := range funnelFields(flags, region, sector) {
			d[field] += v.by
		}
	}
	for k, n := range d {
		if n == 0 {
			delete(d, k)
		}
	}
	return d
}

// funnelFields are the counter fields an owner with these stages, region
// and sector counts in.
func funnelFields(flags ikmbot.FunnelFlags, region, sector string) []string {
	var out []string
	for _, st := range ikmbot.FunnelStages {
		if !flags.Has(st) {
			continue
		}
		out = append(out, string(st))
		if region != "" {
			out = append(out, string(st)+":r:"+region)
		}
		if sector != "" {
			out = append(out, string(st)+":s:"+sector)
		}
	}
	return out
}

// formatFunnel is the stored value of an owner (see funnel.lua): "" for
// one not signed up.
func formatFunnel(flags ikmbot.FunnelFlags, region, sector string) string {
	if !flags.Has(ikmbot.StageSignedUp) {
		return ""
	}
	var b strings.Builder
	for _, st := range ikmbot.FunnelStages {
		if flags.Has(st) {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String() + "|" + region + "|" + sector
}

// parseFunnel reads a stored value; ok is false for "" or one it cannot
// read.
func parseFunnel(v string) (flags ikmbot.FunnelFlags, region, sector string, ok bool) {
	bits, rest, found := strings.Cut(v, "|")
	if !found {
		return 0, "", "", false
	}
	region, sector, found = strings.Cut(rest, "|")
	if !found {
		return 0, "", "", false
	}
	for i, c := range bits {
		if c == '1' && i < len(ikmbot.FunnelStages) {
			flags = flags.With(ikmbot.FunnelStages[i])
		}
	}
	return flags, region, sector, true
}

// funnelPattern is the funnel.lua pattern that sets every stage to flags.
func funnelPattern(flags ikmbot.FunnelFlags) string {
	b := []byte(strings.Repeat("0", len(ikmbot.FunnelStages)))
	for i, st := range ikmbot.FunnelStages {
		if flags.Has(st) {
			b[i] = '1'
		}
	}
	return string(b)
}

// ownerRecords is what the funnel of one owner is computed from.
type ownerRecords struct {
	profile *redis.StringCmd
	level   *redis.StringCmd
	certs   *redis.MapStringStringCmd
}

func queueOwnerRecords(ctx context.Context, p redis.Pipeliner, ownerID int64) ownerRecords {
	return ownerRecords{
		profile: p.HGet(ctx, userKey(ownerID), fieldProfile),
		level:   p.HGet(ctx, userKey(ownerID), fieldLevel),
		certs:   p.HGetAll(ctx, certsKey(ownerID)),
	}
}

// ownerFunnelUser returns the owner as far as the funnel needs (profile and level),
// and their certificates. A profile that does not decode counts as none.
func (s *Store) ownerFunnelUser(ctx context.Context, ownerID int64, r ownerRecords) (ikmbot.User, []ikmbot.Certificate, error) {
	for _, c := range []redis.Cmder{r.profile, r.level, r.certs} {
		if err := c.Err(); err != nil && !notFound(err) {
			return ikmbot.User{}, nil, err
		}
	}
	u := ikmbot.User{ID: ownerID, Level: ikmbot.Level(r.level.Val())}
	if raw := r.profile.Val(); raw != "" {
		var p ikmbot.Profile
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			s.log.WarnContext(ctx, "undecodable profile left out of the funnel", "user_id", ownerID, "err", err)
		} else {
			u.Profile = &p
		}
	}
	return u, s.decodeCerts(ctx, ownerID, r.certs.Val()), nil
}

// refreshFunnel recomputes the owner's funnel stages from their records
// and stores them, moving the counts (see funnel.lua). Three round trips
// (records and the list of classes; the owner's seat and completion in each
// class; the script), four on Cluster. For writes outside Apply that can
// move an owner in the funnel; rare enough that reading every class's
// membership is cheap.
func (s *Store) refreshFunnel(ctx context.Context, ownerID int64) error {
	var rec ownerRecords
	var classes *redis.StringSliceCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		rec = queueOwnerRecords(ctx, p, ownerID)
		classes = p.ZRange(ctx, classesKey(), 0, -1)
		return nil
	}); err != nil && !notFound(err) {
		return fmt.Errorf("refresh funnel of owner %d: %w", ownerID, err)
	}
	u, certs, err := s.ownerFunnelUser(ctx, ownerID, rec)
	if err != nil {
		return fmt.Errorf("refresh funnel of owner %d: %w", ownerID, err)
	}
	facts := ikmbot.FunnelFacts{Certs: certs, Now: s.now()}
	if u.Profile != nil && len(classes.Val()) > 0 {
		var seats []*redis.FloatCmd
		var done []*redis.BoolCmd
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, id := range classes.Val() {
				term, ok := ikmbot.TermOfClass(id)
				if !ok {
					continue
				}
				seats = append(seats, p.ZScore(ctx, seatsKey(term, id), strconv.FormatInt(ownerID, 10)))
				done = append(done, p.SIsMember(ctx, completedKey(term, id), ownerID))
			}
			return nil
		}); err != nil && !notFound(err) {
			return fmt.Errorf("refresh funnel of owner %d: %w", ownerID, err)
		}
		for _, c := range seats {
			if err := c.Err(); err != nil && !notFound(err) {
				return fmt.Errorf("refresh funnel of owner %d: %w", ownerID, err)
			}
			facts.Enrolled = facts.Enrolled || c.Err() == nil
		}
		for _, c := range done {
			if err := c.Err(); err != nil {
				return fmt.Errorf("refresh funnel of owner %d: %w", ownerID, err)
			}
			facts.Completed = facts.Completed || c.Val()
		}
	}
	f := funnelSet{pattern: funnelPattern(ikmbot.Funnel(u, facts))}
	if u.Profile != nil {
		f.place, f.region, f.sector = true, u.Profile.Region, u.Profile.Sector
	}
	keys := []string{userKey(ownerID), certsKey(ownerID)}
	if !s.cluster {
		keys = append(keys, funnelStatsKey())
	}
	cmd := funnelScript.Run(ctx, s.rdb, keys, funnelArgs(f)...)
	if err := cmd.Err(); err != nil {
		return fmt.Errorf("refresh funnel of owner %d: %w", ownerID, err)
	}
	if s.cluster {
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			s.countFunnelOn(ctx, p, cmd)
			return nil
		}); err != nil {
			return fmt.Errorf("refresh funnel of owner %d: %w", ownerID, err)
		}
	}
	return nil
}

// refreshFunnels runs refreshFunnel for each owner after a write that
// succeeded: a failure is logged, not returned, since the write stands and
// only the counts lag until RepairFunnel.
func (s *Store) refreshFunnels(ctx context.Context, ownerIDs ...int64) {
	for _, id := range ownerIDs {
		if id == 0 {
			continue
		}
		if err := s.refreshFunnel(ctx, id); err != nil {
			s.log.WarnContext(ctx, "funnel counts not refreshed", "user_id", id, "err", err)
		}
	}
}

// FunnelCounts returns how many owners are at each funnel stage, overall,
// per region and per sector, in one round trip. Stages nobody is at are
// absent or zero. Errors are Redis failures.
func (s *Store) FunnelCounts(ctx context.Context) (ikmbot.FunnelCounts, error) {
	raw, err := s.rdb.HGetAll(ctx, funnelStatsKey()).Result()
	if err != nil {
		return ikmbot.FunnelCounts{}, fmt.Errorf("read funnel counts: %w", err)
	}
	return s.funnelCountsFrom(ctx, raw), nil
}

// funnelCountsFrom reads the fields of funnelStatsKey; fields it cannot
// read are logged and skipped.
func (s *Store) funnelCountsFrom(ctx context.Context, raw map[string]string) ikmbot.FunnelCounts {
	counts := ikmbot.FunnelCounts{
		Total:    map[ikmbot.FunnelStage]int64{},
		ByRegion: map[string]map[ikmbot.FunnelStage]int64{},
		BySector: map[string]map[ikmbot.FunnelStage]int64{},
	}
	for field, v := range raw {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.log.WarnContext(ctx, "bad funnel counter ignored", "field", field)
			continue
		}
		stage, rest, _ := strings.Cut(field, ":")
		switch {
		case rest == "":
			counts.Total[ikmbot.FunnelStage(stage)] = n
		case strings.HasPrefix(rest, "r:"):
			addCount(counts.ByRegion, rest[2:], ikmbot.FunnelStage(stage), n)
		case strings.HasPrefix(rest, "s:"):
			addCount(counts.BySector, rest[2:], ikmbot.FunnelStage(stage), n)
		default:
			s.log.WarnContext(ctx, "bad funnel counter ignored", "field", field)
		}
	}
	return counts
}

func addCount(m map[string]map[ikmbot.FunnelStage]int64, key string, st ikmbot.FunnelStage, n int64) {
	if m[key] == nil {
		m[key] = map[ikmbot.FunnelStage]int64{}
	}
	m[key][st] = n
}

// repairBatch is how many owners RepairFunnel reads per round trip.
const repairBatch = 500

// RepairFunnel recomputes every owner's funnel stages from their records
// (the owners index, profiles, levels, certificates, class seats and
// completions), stores them with each owner and replaces the counters with
// the recount: built under a temporary key, then renamed over the old one,
// so readers see the old counts or the new, never half. Writes that happen
// while it runs may be missed by the recount; run it again or when the bot
// is quiet: it also rewrites each owner's stored stages, and a write
// between its read and that rewrite would be counted from the wrong base.
// It reads the classes once, then owners repairBatch at a time. A stored
// value of a user no longer in the owners index (left by a crash in
// /hapusdata) is not looked at. It rebuilds the index of when owners
// signed up (signedUpKey) and the owners of each sector (sectorOwnersKey)
// from their profiles the same way; an owner who
// deletes their data while it runs may come back into that index until
// the next repair (the weekly counts, never an export, read it). Errors
// are Redis failures.
func (s *Store) RepairFunnel(ctx context.Context) error {
	enrolled, completed, err := s.classMembers(ctx)
	if err != nil {
		return fmt.Errorf("repair funnel: %w", err)
	}
	// A repair that crashed may have left its half-built index.
	if err := s.rdb.Del(ctx, signedUpRepairKey()).Err(); err != nil {
		return fmt.Errorf("repair funnel: %w", err)
	}
	for _, sec := range ikmbot.Sectors() {
		if err := s.rdb.Del(ctx, sectorOwnersRepairKey(sec.Code)).Err(); err != nil {
			return fmt.Errorf("repair funnel: %w", err)
		}
	}
	inSector := map[string]bool{}
	signedUp := 0
	now := s.now()
	counts := map[string]int64{}
	var cursor uint64
	for {
		ids, next, err := s.rdb.SScan(ctx, ownersKey(), cursor, "", repairBatch).Result()
		if err != nil {
			return fmt.Errorf("repair funnel: %w", err)
		}
		recs := make([]ownerRecords, len(ids))
		owners := make([]int64, len(ids))
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, raw := range ids {
				id, err := strconv.ParseInt(raw, 10, 64)
				if err != nil {
					continue
				}
				owners[i] = id
				recs[i] = queueOwnerRecords(ctx, p, id)
			}
			return nil
		}); err != nil && !notFound(err) {
			return fmt.Errorf("repair funnel: %w", err)
		}
		values := map[int64]string{}
		var signed []redis.Z
		bySector := map[string][]any{}
		for i, id := range owners {
			if recs[i].profile == nil {
				s.log.WarnContext(ctx, "bad owners entry ignored", "entry", ids[i])
				continue
			}
			u, certs, err := s.ownerFunnelUser(ctx, id, recs[i])
			if err != nil {
				return fmt.Errorf("repair funnel: owner %d: %w", id, err)
			}
			flags := ikmbot.Funnel(u, ikmbot.FunnelFacts{Enrolled: enrolled[ids[i]], Completed: completed[ids[i]], Certs: certs, Now: now})
			var region, sector string
			if u.Profile != nil {
				region, sector = u.Profile.Region, u.Profile.Sector
				signed = append(signed, redis.Z{Score: signedUpScore(*u.Profile, now), Member: id})
				if _, ok := ikmbot.SectorByCode(sector); ok {
					bySector[sector] = append(bySector[sector], id)
				}
			}
			for _, f := range funnelFields(flags, region, sector) {
				counts[f]++
			}
			values[id] = formatFunnel(flags, region, sector)
		}
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for id, v := range values {
				if v == "" {
					p.HDel(ctx, userKey(id), fieldFunnel)
				} else {
					p.HSet(ctx, userKey(id), fieldFunnel, v)
				}
			}
			if len(signed) > 0 {
				p.ZAdd(ctx, signedUpRepairKey(), signed...)
			}
			for sector, ids := range bySector {
				p.SAdd(ctx, sectorOwnersRepairKey(sector), ids...)
				inSector[sector] = true
			}
			return nil
		}); err != nil {
			return fmt.Errorf("repair funnel: %w", err)
		}
		signedUp += len(signed)
		if cursor = next; cursor == 0 {
			break
		}
	}
	tmp := funnelRepairKey()
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		if signedUp > 0 {
			p.Rename(ctx, signedUpRepairKey(), signedUpKey())
		} else {
			p.Del(ctx, signedUpKey())
		}
		for _, sec := range ikmbot.Sectors() {
			if inSector[sec.Code] {
				p.Rename(ctx, sectorOwnersRepairKey(sec.Code), sectorOwnersKey(sec.Code))
			} else {
				p.Del(ctx, sectorOwnersKey(sec.Code))
			}
		}
		p.Del(ctx, tmp)
		if len(counts) == 0 {
			p.Del(ctx, funnelStatsKey())
			return nil
		}
		fields := make([]any, 0, 2*len(counts))
		for f, n := range counts {
			fields = append(fields, f, n)
		}
		p.HSet(ctx, tmp, fields...)
		p.Rename(ctx, tmp, funnelStatsKey())
		return nil
	}); err != nil {
		return fmt.Errorf("repair funnel: %w", err)
	}
	return nil
}

// classMembers returns, by owner id (decimal), who holds a seat in some
// class and who completed some class.
func (s *Store) classMembers(ctx context.Context) (enrolled, completed map[string]bool, err error) {
	ids, err := s.rdb.ZRange(ctx, classesKey(), 0, -1).Result()
	if err != nil {
		return nil, nil, err
	}
	var seats, done []*redis.StringSliceCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range ids {
			term, ok := ikmbot.TermOfClass(id)
			if !ok {
				continue
			}
			seats = append(seats, p.ZRange(ctx, seatsKey(term, id), 0, -1))
			done = append(done, p.SMembers(ctx, completedKey(term, id)))
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	enrolled, completed = map[string]bool{}, map[string]bool{}
	for _, c := range seats {
		for _, o := range c.Val() {
			enrolled[o] = true
		}
	}
	for _, c := range done {
		for _, o := range c.Val() {
			completed[o] = true
		}
	}
	return enrolled, completed, nil
}

// FunnelStale reports whether the funnel counts cannot be right: the
// owners counted as signed up are not the owners there are, as after the
// first deploy of the counters (owners who signed up before have none) or
// a crash between a write and its refresh. One round trip. Errors are
// Redis failures.
func (s *Store) FunnelStale(ctx context.Context) (bool, error) {
	var counted *redis.StringCmd
	var owners *redis.IntCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		counted = p.HGet(ctx, funnelStatsKey(), string(ikmbot.StageSignedUp))
		owners = p.SCard(ctx, ownersKey())
		return nil
	}); err != nil && !notFound(err) {
		return false, fmt.Errorf("check funnel counts: %w", err)
	}
	n, _ := strconv.ParseInt(counted.Val(), 10, 64)
	return n != owners.Val(), nil
}
