package storage

import (
	"strconv"
	"time"
)

// Every Redis key of the bot is built here; nowhere else spells "ikm:".
//
// Per-user keys end in the hash tag {<user id>} (ikm:user:{42},
// ikm:session:{42}) so that one user's keys share a Redis Cluster slot: the
// user is loaded with one pipeline and changed with one MULTI on one node.

// TTLs of the keys that expire.
const (
	// UpdateTTL is how long an update id is remembered for dedup. Telegram
	// stops redelivering an update long before that.
	UpdateTTL = 24 * time.Hour
	// SessionTTL is how long an untouched conversation is kept; every save
	// starts it again.
	SessionTTL = 30 * 24 * time.Hour
	// InviteTTL is the usual lifetime of a role invite, for callers of
	// CreateInvite.
	InviteTTL = 7 * 24 * time.Hour
)

// SchemaVersion is the version of the key layout this code reads and writes.
const SchemaVersion = 1

// Fields of the user hash (userKey).
const (
	fieldRole        = "role"         // ikmbot.Role; absent for owners
	fieldLang        = "lang"         // "id" or "en"; absent until chosen or guessed
	fieldProfile     = "profile"      // JSON of ikmbot.Profile; absent until sign-up
	fieldUnreachable = "unreachable"  // "1" when Telegram refused delivery; else absent
	fieldLevel       = "level"        // ikmbot.Level of the latest readiness result; absent before the first
	fieldLevelRegion = "level_region" // region fieldLevel is counted under in levelRegionStatsKey; absent when none
)

// Fields of the invite hash (inviteKey).
const (
	fieldInviteRole      = "role"       // ikmbot.Role granted
	fieldInviteCreatedBy = "created_by" // user id of the admin who made it
	fieldInviteCreatedAt = "created_at" // RFC 3339, UTC
)

// updateKey: string "1", TTL UpdateTTL. Set with SET NX when an update is
// first seen, so each Telegram update is handled once across retries and
// replicas.
func updateKey(updateID int64) string {
	return "ikm:update:" + strconv.FormatInt(updateID, 10)
}

// userKey: hash, no TTL. One Telegram user: fields fieldRole, fieldLang,
// fieldProfile, fieldUnreachable, fieldLevel, fieldLevelRegion. Redis
// removes it when its last field goes.
func userKey(userID int64) string {
	return "ikm:user:{" + strconv.FormatInt(userID, 10) + "}"
}

// sessionKey: string, JSON of ikmbot.Session, TTL SessionTTL refreshed on
// every save. One chat's conversation state.
func sessionKey(userID int64) string {
	return "ikm:session:{" + strconv.FormatInt(userID, 10) + "}"
}

// assessmentsKey: list of JSON of ikmbot.Assessment, oldest first (RPUSH),
// no TTL. Every readiness attempt of one user, kept so staff see progress;
// personal (it holds the answers), so DeleteOwnerData removes it.
func assessmentsKey(userID int64) string {
	return "ikm:assessments:{" + strconv.FormatInt(userID, 10) + "}"
}

// ownersKey: set of user ids (decimal), no TTL. Users with a saved profile,
// for broadcasts and statistics; kept by Apply and DeleteOwnerData.
func ownersKey() string { return "ikm:owners" }

// rolesKey: hash user id (decimal) -> ikmbot.Role, no TTL. Users holding a
// role other than owner, mirroring the role field of their userKey; kept by
// SetRole so start-up can register command menus without a SCAN.
func rolesKey() string { return "ikm:roles" }

// inviteKey: hash with fields fieldInviteRole, fieldInviteCreatedBy,
// fieldInviteCreatedAt; TTL the invite's lifetime (usually InviteTTL).
// Deleted when redeemed.
func inviteKey(code string) string { return "ikm:invite:" + code }

// signupsKey: string counter, no TTL. Anonymous: profiles created, counting
// an owner who deletes their data and signs up again twice.
func signupsKey() string { return "ikm:stats:signups" }

// signupSourcesKey: hash source code (the src_<code> deep link) -> counter,
// no TTL. Anonymous: profiles created per source. One hash rather than one
// key per source, so sources cannot multiply keys.
func signupSourcesKey() string { return "ikm:stats:signups:source" }

// levelStatsKey: hash ikmbot.Level -> counter, no TTL. Anonymous: users
// whose latest readiness result has that level (the fieldLevel of their
// userKey); kept by Apply and DeleteOwnerData. A level nobody holds any more
// stays as 0.
func levelStatsKey() string { return "ikm:stats:level" }

// levelRegionStatsKey: hash "<region>:<level>" -> counter, no TTL. Anonymous:
// levelStatsKey per region (the fieldLevelRegion of each userKey), so
// statistics need no scan of the owners.
func levelRegionStatsKey() string { return "ikm:stats:level:region" }

// deletedKey: string counter, no TTL. Anonymous: owners who deleted their
// data with /hapusdata; the only trace they leave.
func deletedKey() string { return "ikm:stats:deleted" }

// schemaKey: string, the decimal SchemaVersion the data was written with,
// no TTL.
func schemaKey() string { return "ikm:schema" }
