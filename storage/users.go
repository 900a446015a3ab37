package storage

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"ikmbot"
)

// LoadUser returns the user and their chat's session in one round trip. A
// user Redis knows nothing of is a zero User with ID set, and a missing
// session a zero Session; neither is an error. A session that no longer
// decodes is logged and replaced by a zero Session, which restarts the
// conversation rather than trapping the user. A profile that does not decode
// is an error: it is the owner's data and must not be silently dropped.
// Errors are Redis failures otherwise.
func (s *Store) LoadUser(ctx context.Context, userID int64) (ikmbot.User, ikmbot.Session, error) {
	u, session, _, err := s.load(ctx, 0, userID)
	return u, session, err
}

// Begin starts handling an update: in one round trip it claims the update
// id (SET NX with UpdateTTL, so each update is acted on once across webhook
// retries, restarts and replicas) and loads the user and their session (like
// LoadUser). first is false when the update was claimed before, within
// UpdateTTL: a redelivery or another replica's, to be skipped. Folding the
// claim into the load keeps an update at two round trips (Begin, Apply).
func (s *Store) Begin(ctx context.Context, updateID, userID int64) (u ikmbot.User, session ikmbot.Session, first bool, err error) {
	return s.load(ctx, updateID, userID)
}

// load is LoadUser, with the claim of updateID in the same pipeline when it
// is not zero.
func (s *Store) load(ctx context.Context, updateID, userID int64) (ikmbot.User, ikmbot.Session, bool, error) {
	var (
		claim  *redis.BoolCmd
		fields *redis.SliceCmd
		sess   *redis.StringCmd
	)
	// The pipeline's own error is the first command error, redis.Nil for a
	// missing session included; each command is checked below instead.
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		if updateID != 0 {
			claim = p.SetNX(ctx, updateKey(updateID), 1, UpdateTTL)
		}
		fields = p.HMGet(ctx, userKey(userID), userFields...)
		sess = p.Get(ctx, sessionKey(userID))
		return nil
	})
	first := true
	if claim != nil {
		if err := claim.Err(); err != nil {
			return ikmbot.User{}, ikmbot.Session{}, false, fmt.Errorf("claim update %d: %w", updateID, err)
		}
		first = claim.Val()
	}
	if err := fields.Err(); err != nil {
		return ikmbot.User{}, ikmbot.Session{}, false, fmt.Errorf("load user %d: %w", userID, err)
	}
	if err := sess.Err(); err != nil && !notFound(err) {
		return ikmbot.User{}, ikmbot.Session{}, false, fmt.Errorf("load user %d: %w", userID, err)
	}

	u := ikmbot.User{ID: userID}
	vals := fields.Val() // in the order of userFields; nil when absent
	str := func(i int) string { v, _ := vals[i].(string); return v }
	// A role this build does not know grants nothing.
	if r := ikmbot.Role(str(0)); r.Valid() {
		u.Role = r
	} else {
		s.log.WarnContext(ctx, "unknown role ignored", "user_id", userID, "role", string(r))
	}
	u.Language = str(1)
	if raw := str(2); raw != "" {
		var p ikmbot.Profile
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			// Data, not Redis, is at fault: retrying cannot help, so it is a
			// domain error the handler answers rather than redelivers.
			return ikmbot.User{}, ikmbot.Session{}, false, &ikmbot.Error{Code: ikmbot.EInvalid, Op: fmt.Sprintf("load user %d: decode profile", userID), Err: err}
		}
		u.Profile = &p
	}
	u.Unreachable = str(3) == "1"
	u.Level = ikmbot.Level(str(4))
	u.LevelRegion = str(5)
	u.NoBroadcasts = str(6) == "1"
	u.Name = str(7)
	u.TargetMarkets = splitMarkets(str(8))

	var session ikmbot.Session
	if raw := sess.Val(); raw != "" {
		if err := json.Unmarshal([]byte(raw), &session); err != nil {
			s.log.WarnContext(ctx, "undecodable session dropped", "user_id", userID, "err", err)
			session = ikmbot.Session{}
		}
	}
	return u, session, first, nil
}

// Apply applies what handling one event changed for a user, atomically and
// in one round trip (one MULTI/EXEC; on Redis Cluster a profile save or an
// assessment that moves counts costs a second one, see transact).
// ClearSession deletes the session and wins over Session; a saved Session
// gets a fresh SessionTTL. A Profile is saved and its owner added to the
// owners index and to their sector's (sectorOwnersKey), out of any other
// sector's; with SignUp it is also counted in the anonymous sign-up
// statistics, per Source too. A non-empty Language is saved. An empty
// change sends nothing.
//
// An Assessment is appended to the user's attempts and becomes their latest
// level, counted under the level and the Assessment's region in the
// anonymous statistics (see LevelCounts); the counts of PreviousLevel and
// PreviousRegion, when set, go down by one. A Profile with another region
// than PreviousRegion moves a checked user's count (PreviousLevel set) to
// that region. Those come from the User the
// handler loaded: the bot handles one chat's updates in order, so nothing
// changes the user's level between that load and this Apply. An Assessment
// with a zero At gets the Store's clock.
//
// A Profile or an Assessment also moves the owner in the funnel counts
// (see stats.go and FunnelCounts), in the same transaction; a change
// without either runs no funnel script.
//
// Markets replaces the owner's target countries and moves the anonymous
// counts per country (see MarketCounts) from PreviousMarkets, the loaded
// User.TargetMarkets, to them, as with PreviousLevel.
//
// A Profile or Assessment for another user than UserID, an Assessment
// without a level, or Markets that ikmbot.CheckTargetMarkets refuses, is
// an *ikmbot.Error with code ikmbot.EInvalid; a Profile
// or Assessment with UserID 0 is saved with UserID set.
func (s *Store) Apply(ctx context.Context, c ikmbot.Change) error {
	if c.Empty() {
		return nil
	}
	if c.UserID == 0 {
		return ikmbot.Errorf(ikmbot.EInvalid, "apply change: no user id")
	}
	var sessionJSON, profileJSON []byte
	if c.Session != nil && !c.ClearSession {
		b, err := json.Marshal(c.Session)
		if err != nil {
			return fmt.Errorf("apply change for user %d: encode session: %w", c.UserID, err)
		}
		sessionJSON = b
	}
	var signup bool
	var source string
	if c.Profile != nil {
		p := *c.Profile
		if err := ownedBy(&p.UserID, c.UserID, "profile"); err != nil {
			return err
		}
		b, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("apply change for user %d: encode profile: %w", c.UserID, err)
		}
		profileJSON = b
		signup = c.SignUp
		source = p.Source
	}
	var assessmentJSON []byte
	var level ikmbot.Level
	var region string
	if c.Assessment != nil {
		a := *c.Assessment
		if err := ownedBy(&a.UserID, c.UserID, "assessment"); err != nil {
			return err
		}
		if a.Result.Level == "" {
			return ikmbot.Errorf(ikmbot.EInvalid, "apply change for user %d: assessment without a level", c.UserID)
		}
		if a.At.IsZero() {
			a.At = s.now().UTC()
		}
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("apply change for user %d: encode assessment: %w", c.UserID, err)
		}
		assessmentJSON = b
		level, region = a.Result.Level, a.Region
	}
	// A profile saved with another kabupaten/kota moves a checked owner's
	// count there, so the counts by region follow the profile.
	if assessmentJSON == nil && c.Profile != nil && c.PreviousLevel != "" {
		level, region = c.PreviousLevel, c.Profile.Region
	}
	var markets []string
	if c.Markets != nil {
		markets = *c.Markets
		if err := ikmbot.CheckTargetMarkets(markets); err != nil {
			return fmt.Errorf("apply change for user %d: %w", c.UserID, err)
		}
	}
	// Moving between the same level and region changes no count.
	moved := level != "" && (level != c.PreviousLevel || region != c.PreviousRegion)

	// A profile or an assessment can move the owner in the funnel counts
	// (see stats.go), in the same transaction; nothing else Apply saves
	// can, so a plain conversation step runs no script.
	var funnel *funnelSet
	var funnelCmd *redis.Cmd
	if profileJSON != nil || assessmentJSON != nil {
		pattern := keepAll()
		f := funnelSet{}
		if profileJSON != nil {
			f = profileFunnel(pattern, *c.Profile, s.now())
		}
		if assessmentJSON != nil {
			setStage(pattern, ikmbot.StageChecked, true)
		}
		f.pattern = string(pattern)
		funnel = &f
	}
	perUser := func(p redis.Pipeliner) {
		switch {
		case c.ClearSession:
			p.Del(ctx, sessionKey(c.UserID))
		case c.Session != nil:
			p.Set(ctx, sessionKey(c.UserID), sessionJSON, SessionTTL)
		}
		var fields []any
		if profileJSON != nil {
			fields = append(fields, fieldProfile, profileJSON)
		}
		if c.Language != "" {
			fields = append(fields, fieldLang, c.Language)
		}
		if c.Name != "" {
			fields = append(fields, fieldName, c.Name)
		}
		if c.Broadcasts != nil {
			if *c.Broadcasts {
				p.HDel(ctx, userKey(c.UserID), fieldNoBroadcast)
			} else {
				fields = append(fields, fieldNoBroadcast, "1")
			}
		}
		if assessmentJSON != nil {
			p.RPush(ctx, assessmentsKey(c.UserID), assessmentJSON)
		}
		if c.Markets != nil {
			if len(markets) == 0 {
				p.HDel(ctx, userKey(c.UserID), fieldMarkets)
			} else {
				fields = append(fields, fieldMarkets, strings.Join(markets, ","))
			}
		}
		if assessmentJSON != nil || moved {
			fields = append(fields, fieldLevel, string(level))
			if region != "" {
				fields = append(fields, fieldLevelRegion, region)
			} else {
				p.HDel(ctx, userKey(c.UserID), fieldLevelRegion)
			}
		}
		if len(fields) > 0 {
			p.HSet(ctx, userKey(c.UserID), fields...)
		}
		if funnel != nil {
			funnelCmd = s.queueFunnel(ctx, p, c.UserID, *funnel)
		}
	}
	for _, d := range c.Schedule {
		if err := validDue(d); err != nil {
			return fmt.Errorf("apply change for user %d: %w", c.UserID, err)
		}
	}
	var global func(redis.Pipeliner)
	if profileJSON != nil || moved || len(c.Schedule) > 0 || len(c.Unschedule) > 0 || (s.cluster && funnel != nil) || len(c.Progress) > 0 || c.Markets != nil {
		global = func(p redis.Pipeliner) {
			s.countFunnelOn(ctx, p, funnelCmd)
			// Due items are global keys ({due}); with Cluster they follow
			// the user's MULTI instead of joining it (see transact).
			s.unscheduleOn(p, c.Unschedule)
			s.scheduleOn(p, c.Schedule)
			for _, pr := range c.Progress {
				if pr.From >= 0 {
					p.HIncrBy(ctx, flowStepsKey(pr.Flow), strconv.Itoa(pr.From), -1)
				}
				p.HIncrBy(ctx, flowStepsKey(pr.Flow), strconv.Itoa(pr.To), 1)
			}
			if profileJSON != nil {
				p.SAdd(ctx, ownersKey(), c.UserID)
				p.ZAdd(ctx, signedUpKey(), redis.Z{Score: signedUpScore(*c.Profile, s.now()), Member: c.UserID})
				indexSector(ctx, p, c.UserID, c.Profile.Sector)
				if signup {
					p.Incr(ctx, signupsKey())
					if source != "" {
						p.HIncrBy(ctx, signupSourcesKey(), source, 1)
					}
				}
			}
			if moved {
				countLevel(ctx, p, c.PreviousLevel, c.PreviousRegion, -1)
				countLevel(ctx, p, level, region, 1)
			}
			if c.Markets != nil {
				countMarkets(ctx, p, c.PreviousMarkets, markets)
			}
		}
	}
	if err := s.transact(ctx, perUser, global); err != nil {
		return fmt.Errorf("apply change for user %d: %w", c.UserID, err)
	}
	return nil
}

// ownedBy checks that a record in a change belongs to the change's user,
// filling in a zero owner.
func ownedBy(owner *int64, userID int64, what string) error {
	switch *owner {
	case 0:
		*owner = userID
	case userID:
	default:
		return ikmbot.Errorf(ikmbot.EInvalid, "apply change for user %d: %s of user %d", userID, what, *owner)
	}
	return nil
}

// Profile returns the user's saved profile, or an *ikmbot.Error with code
// ikmbot.ENotFound when they have none.
func (s *Store) Profile(ctx context.Context, userID int64) (ikmbot.Profile, error) {
	raw, err := s.rdb.HGet(ctx, userKey(userID), fieldProfile).Result()
	if notFound(err) {
		return ikmbot.Profile{}, ikmbot.Errorf(ikmbot.ENotFound, "load profile %d", userID)
	}
	if err != nil {
		return ikmbot.Profile{}, fmt.Errorf("load profile %d: %w", userID, err)
	}
	var p ikmbot.Profile
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return ikmbot.Profile{}, fmt.Errorf("load profile %d: decode: %w", userID, err)
	}
	return p, nil
}

// Owners returns the ids of the users with a saved profile, in no order.
func (s *Store) Owners(ctx context.Context) ([]int64, error) {
	raw, err := s.rdb.SMembers(ctx, ownersKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("list owners: %w", err)
	}
	ids := make([]int64, 0, len(raw))
	for _, r := range raw {
		id, err := strconv.ParseInt(r, 10, 64)
		if err != nil {
			s.log.WarnContext(ctx, "bad owners entry ignored", "entry", r)
			continue
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// SetRole gives the user role r; RoleOwner takes any other role away. An
// unknown role is an *ikmbot.Error with code ikmbot.EInvalid.
func (s *Store) SetRole(ctx context.Context, userID int64, r ikmbot.Role) error {
	if !r.Valid() {
		return ikmbot.Errorf(ikmbot.EInvalid, "set role of user %d: unknown role %q", userID, string(r))
	}
	id := strconv.FormatInt(userID, 10)
	perUser := func(p redis.Pipeliner) {
		if r == ikmbot.RoleOwner {
			p.HDel(ctx, userKey(userID), fieldRole)
		} else {
			p.HSet(ctx, userKey(userID), fieldRole, string(r))
		}
	}
	global := func(p redis.Pipeliner) {
		if r == ikmbot.RoleOwner {
			p.HDel(ctx, rolesKey(), id)
		} else {
			p.HSet(ctx, rolesKey(), id, string(r))
		}
	}
	if err := s.transact(ctx, perUser, global); err != nil {
		return fmt.Errorf("set role of user %d: %w", userID, err)
	}
	return nil
}

// UsersWithRole returns every user holding a role other than owner, from the
// roles index SetRole keeps. Entries it cannot read are logged and skipped.
func (s *Store) UsersWithRole(ctx context.Context) (map[int64]ikmbot.Role, error) {
	raw, err := s.rdb.HGetAll(ctx, rolesKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("list users with a role: %w", err)
	}
	roles := make(map[int64]ikmbot.Role, len(raw))
	for k, v := range raw {
		id, err := strconv.ParseInt(k, 10, 64)
		r := ikmbot.Role(v)
		if err != nil || !r.Valid() || r == ikmbot.RoleOwner {
			s.log.WarnContext(ctx, "bad roles entry ignored", "entry", k, "role", v)
			continue
		}
		roles[id] = r
	}
	return roles, nil
}

// countLevel moves the counts of level (and of region and level, when
// region is set) by delta; a zero level is counted nowhere.
func countLevel(ctx context.Context, p redis.Pipeliner, level ikmbot.Level, region string, delta int64) {
	if level == "" {
		return
	}
	p.HIncrBy(ctx, levelStatsKey(), string(level), delta)
	if region != "" {
		p.HIncrBy(ctx, levelRegionStatsKey(), region+":"+string(level), delta)
	}
}

// deleteAttempts bounds DeleteOwnerData's retries when the user's record
// keeps changing under it.
const deleteAttempts = 5

// DeleteOwnerData carries out /hapusdata for the user: it removes their
// profile, session, language, unreachable mark, readiness attempts and
// latest level and target countries, takes them out of the owners index,
// the counts by level and region, by target country and the funnel
// counts, and counts the deletion anonymously when there was a profile to
// delete. It keeps only the user's role, if any: a role is a grant made
// by an admin, not data the owner gave, and losing it would silently lock
// staff and mentors out (revoking is SetRole's job). For a user without a
// role nothing about them is left. Deleting again does nothing and counts
// nothing.
//
// The counts to change are read under WATCH of the user's hash and changed
// in the deleting transaction, so two deletions racing each other count
// once: the loser's EXEC fails, and its retry finds nothing left to count.
// /hapusdata is rare, so its four round trips (WATCH, read, MULTI, UNWATCH)
// do not matter. Should the record keep changing through deleteAttempts
// tries, the error is a plain failure and nothing is deleted.
func (s *Store) DeleteOwnerData(ctx context.Context, userID int64) error {
	key := userKey(userID)
	for range deleteAttempts {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			var profile *redis.BoolCmd
			var levels *redis.SliceCmd
			if _, err := tx.Pipelined(ctx, func(p redis.Pipeliner) error {
				profile = p.HExists(ctx, key, fieldProfile)
				levels = p.HMGet(ctx, key, fieldLevel, fieldLevelRegion, fieldMarkets)
				return nil
			}); err != nil {
				return err
			}
			vals := levels.Val()
			level, _ := vals[0].(string)
			region, _ := vals[1].(string)
			markets, _ := vals[2].(string)
			var funnelCmd *redis.Cmd
			return s.transactOn(ctx, tx, func(p redis.Pipeliner) {
				p.HDel(ctx, key, fieldProfile, fieldLang, fieldUnreachable, fieldLevel, fieldLevelRegion, fieldNoBroadcast, fieldMarkets)
				p.Del(ctx, sessionKey(userID), assessmentsKey(userID))
				// Out of every funnel count (see stats.go).
				funnelCmd = s.queueFunnel(ctx, p, userID, funnelSet{pattern: funnelPattern(0)})
			}, func(p redis.Pipeliner) {
				s.countFunnelOn(ctx, p, funnelCmd)
				p.SRem(ctx, ownersKey(), userID)
				p.ZRem(ctx, signedUpKey(), userID)
				indexSector(ctx, p, userID, "")
				countLevel(ctx, p, ikmbot.Level(level), region, -1)
				countMarkets(ctx, p, splitMarkets(markets), nil)
				if profile.Val() {
					p.Incr(ctx, deletedKey())
				}
			})
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return fmt.Errorf("delete data of user %d: %w", userID, err)
		}
		if err := s.forgetInClasses(ctx, userID); err != nil {
			return err
		}
		if err := s.forgetMentoring(ctx, userID); err != nil {
			return err
		}
		if err := s.forgetLeadAnswers(ctx, userID); err != nil {
			return err
		}
		return s.forgetCertsAndHelp(ctx, userID)
	}
	return fmt.Errorf("delete data of user %d: record kept changing through %d attempts", userID, deleteAttempts)
}

// markUnreachable is mark_unreachable.lua.
//
//go:embed mark_unreachable.lua
var markUnreachableLua string

var markUnreachableScript = redis.NewScript(markUnreachableLua)

// MarkUnreachable records that Telegram refused delivery to the chat (the
// user blocked the bot or is gone), so bulk traffic skips it. The user's
// data is kept. A user the bot keeps nothing about (one who deleted their
// data) is left without a record. In private chats the chat id is the user
// id.
func (s *Store) MarkUnreachable(ctx context.Context, chatID int64) error {
	if err := markUnreachableScript.Run(ctx, s.rdb, []string{userKey(chatID)}, fieldUnreachable).Err(); err != nil {
		return fmt.Errorf("mark chat %d unreachable: %w", chatID, err)
	}
	return nil
}

// ClearUnreachable undoes MarkUnreachable, when the user unblocks the bot.
func (s *Store) ClearUnreachable(ctx context.Context, chatID int64) error {
	if err := s.rdb.HDel(ctx, userKey(chatID), fieldUnreachable).Err(); err != nil {
		return fmt.Errorf("clear unreachable mark of chat %d: %w", chatID, err)
	}
	return nil
}
