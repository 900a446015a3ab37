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
	fieldNoBroadcast = "nobc"         // "1" when the owner turned announcements off; else absent
	fieldName        = "name"         // Telegram first name of a role holder; absent for owners
	fieldFunnel      = "funnel"       // "<flags>|<region>|<sector>" counted in funnelStatsKey (see funnel.lua); absent when not signed up
	// fieldMarkets is the owner's target countries (ikmbot.User.TargetMarkets),
	// ISO 3166 alpha-2 codes joined by ",", in the order chosen; absent for
	// none. A field of the user hash rather than a set of its own, so the
	// update's one load (Begin) brings it, and /hapusdata's WATCH of the hash
	// covers it; each code is counted in marketStatsKey.
	fieldMarkets = "markets"
)

// userFields are the fields a user is loaded from, in the order LoadUser
// and Users read them.
var userFields = []string{fieldRole, fieldLang, fieldProfile, fieldUnreachable, fieldLevel, fieldLevelRegion, fieldNoBroadcast, fieldName, fieldMarkets}

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
// fieldProfile, fieldUnreachable, fieldLevel, fieldLevelRegion,
// fieldNoBroadcast, fieldName, fieldFunnel, fieldMarkets. Redis removes it when its last field goes.
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

// marketStatsKey: hash country code (ISO 3166 alpha-2) -> counter, no TTL.
// Anonymous: owners who chose the country as a target (the fieldMarkets of
// their userKey); kept by Apply and DeleteOwnerData in the same
// transaction as the field. A country nobody targets any more stays as 0.
func marketStatsKey() string { return "ikm:stats:market" }

// levelStatsKey: hash ikmbot.Level -> counter, no TTL. Anonymous: users
// whose latest readiness result has that level (the fieldLevel of their
// userKey); kept by Apply and DeleteOwnerData. A level nobody holds any more
// stays as 0.
func levelStatsKey() string { return "ikm:stats:level" }

// levelRegionStatsKey: hash "<region>:<level>" -> counter, no TTL. Anonymous:
// levelStatsKey per region (the fieldLevelRegion of each userKey), so
// statistics need no scan of the owners.
func levelRegionStatsKey() string { return "ikm:stats:level:region" }

// funnelStatsKey: hash of counters, no TTL. Anonymous: owners at each
// ikmbot.FunnelStage, fields "<stage>", "<stage>:r:<region>" and
// "<stage>:s:<sector>"; the sum of every owner's fieldFunnel, kept by
// funnel.lua and rebuilt by RepairFunnel (see stats.go). A count nobody
// holds any more stays as 0. Hash tag {funnel}, shared with
// funnelRepairKey, so the repair's RENAME works on Redis Cluster.
func funnelStatsKey() string { return "ikm:stats:{funnel}" }

// funnelRepairKey: hash like funnelStatsKey, no TTL, alive only while
// RepairFunnel builds the recount, which it then renames over
// funnelStatsKey.
func funnelRepairKey() string { return "ikm:stats:{funnel}:repair" }

// signedUpKey: sorted set owner id -> unix ms of their Profile.CreatedAt,
// no TTL. Owners with a profile by when they signed up, so /statistik
// counts sign-ups per week with one ZCOUNT a week; kept by Apply and
// DeleteOwnerData, rebuilt by RepairFunnel. Hash tag {signedup}, shared
// with signedUpRepairKey, so the repair's RENAME works on Redis Cluster.
func signedUpKey() string { return "ikm:stats:{signedup}" }

// signedUpRepairKey: sorted set like signedUpKey, no TTL, alive only while
// RepairFunnel rebuilds it.
func signedUpRepairKey() string { return "ikm:stats:{signedup}:repair" }

// flowStepsKey: hash step index (decimal) -> counter, no TTL. Anonymous:
// attempts at one followed conversation (sign-up, the readiness check)
// whose furthest step is that index (ikmbot.FlowProgress), for where
// owners give up. No user id is kept, so /hapusdata has nothing to take
// out.
func flowStepsKey(flow string) string { return "ikm:stats:steps:" + flow }

// deletedKey: string counter, no TTL. Anonymous: owners who deleted their
// data with /hapusdata; the only trace they leave.
func deletedKey() string { return "ikm:stats:deleted" }

// schemaKey: string, the decimal SchemaVersion the data was written with,
// no TTL.
func schemaKey() string { return "ikm:schema" }

// Classes (issue 4). The keys of one term ("<year>-<stage>", see
// ikmbot.Class.Term) share the hash tag {<term>}, so an enrolment script
// that checks the class, its seats, its waiting list and the owner's other
// seat of the term runs on one Redis Cluster node.

// SentTTL is how long a due item's sent-marker is kept: longer than any
// item may be late, so a redelivered or rescheduled item is not sent twice.
const SentTTL = 40 * 24 * time.Hour

// classSeqKey: string counter, no TTL. The n of the term's class ids.
func classSeqKey(term string) string { return "ikm:class:seq:{" + term + "}" }

// classKey: string, JSON of ikmbot.Class, no TTL. Read by the enrolment
// scripts (cjson) for status and capacity.
func classKey(term, classID string) string { return "ikm:class:{" + term + "}:" + classID }

// classesKey: sorted set class id -> unix ms of its first meeting, no TTL.
// Every class ever made, for listing without a scan.
func classesKey() string { return "ikm:classes" }

// termsKey: set of terms that have classes, no TTL; so an owner's seats can
// be found (DeleteOwnerData, /kelas) by one HGET per term.
func termsKey() string { return "ikm:terms" }

// seatsKey: sorted set owner id -> unix ms of enrolment, no TTL. Owners
// holding a seat; never more members than the class's capacity.
func seatsKey(term, classID string) string { return classKey(term, classID) + ":seats" }

// waitingKey: sorted set owner id -> unix ms of joining, no TTL. The
// waiting list; the lowest score is promoted first.
func waitingKey(term, classID string) string { return classKey(term, classID) + ":waiting" }

// termSeatsKey: hash owner id -> class id, no TTL. The one class of the term
// each owner is enrolled in or waiting for.
func termSeatsKey(term string) string { return "ikm:term:{" + term + "}:seats" }

// classAnswersKey: hash "<meeting index>:<owner id>" -> ikmbot.Answer, no
// TTL. Replies to meeting reminders, for the roster.
func classAnswersKey(term, classID string) string { return classKey(term, classID) + ":answers" }

// attendanceKey: hash "<meeting index>:<owner id>" -> "1" present or "0"
// absent, no TTL. Marked by staff.
func attendanceKey(term, classID string) string { return classKey(term, classID) + ":attendance" }

// completedKey: set of owner ids, no TTL. Owners who completed the class.
func completedKey(term, classID string) string { return classKey(term, classID) + ":completed" }

// The reminder engine's keys share the hash tag {due}, so its scripts run
// on one node.

// dueKey: sorted set ikmbot.Due.Key() -> unix ms of Due.At, no TTL. Every
// scheduled item; a tick reads the members whose score has passed.
func dueKey() string { return "ikm:{due}" }

// dueItemsKey: hash ikmbot.Due.Key() -> JSON of ikmbot.Due, no TTL. The
// items of dueKey; a member of one is always a field of the other.
func dueItemsKey() string { return "ikm:{due}:items" }

// sentKey: string "1", TTL SentTTL. Set with SET NX just before an item is
// handed over for sending, so each is sent at most once across ticks,
// crashes and replicas.
func sentKey(dueKey string) string { return "ikm:{due}:sent:" + dueKey }

// lockKey: string, a random token, TTL the lock's. A lock such as one
// minute's reminder tick; only the holder of the token may extend it.
func lockKey(name string) string { return "ikm:lock:" + name }

// Certificates and help requests. An owner's certificates and their list of
// help requests carry the owner's hash tag {<user id>}; the help requests
// themselves, their indexes and counters share the hash tag {help}, so one
// script changes a request and its indexes on one Redis Cluster node.

// Fields of the help request hash (helpKey). The help_*.lua scripts name
// fieldHelpStatus and fieldHelpTakenBy themselves.
const (
	fieldHelpOwner   = "owner"     // owner's user id, decimal
	fieldHelpRegion  = "region"    // region code when opened; absent when none
	fieldHelpCert    = "cert_type" // ikmbot.CertType code; absent when not about one
	fieldHelpText    = "text"      // the owner's words
	fieldHelpStatus  = "status"    // ikmbot.HelpStatus
	fieldHelpTakenBy = "taken_by"  // staff user id, decimal; absent until taken
	fieldHelpCreated = "created"   // RFC 3339 with nanoseconds, UTC
)

// Fields of the help counters hash (helpStatsKey).
const (
	fieldHelpOpened       = "opened"  // requests ever opened
	fieldHelpClosed       = "closed"  // requests closed
	fieldHelpOpenedRegion = "opened:" // + region code: requests opened there
)

// certsKey: hash ikmbot.CertType code -> JSON of ikmbot.Certificate, no
// TTL. The certifications one owner recorded, at most one per type;
// personal, so /hapusdata removes it. Redis removes it when its last field
// goes.
func certsKey(userID int64) string {
	return "ikm:certs:{" + strconv.FormatInt(userID, 10) + "}"
}

// helpOwnerKey: sorted set request id -> the id as its score, no TTL. One
// owner's help requests, newest (highest id) last; removed by /hapusdata
// with the requests.
func helpOwnerKey(userID int64) string {
	return "ikm:help:owner:{" + strconv.FormatInt(userID, 10) + "}"
}

// helpSeqKey: string counter, no TTL. The last help request id handed out.
func helpSeqKey() string { return "ikm:{help}:seq" }

// helpKey: hash with the fieldHelp* fields, no TTL. One help request; its
// history is helpHistoryKey. Kept when closed, so the owner and staff can
// read it back; removed by /hapusdata.
func helpKey(id string) string { return "ikm:{help}:req:" + id }

// helpHistoryKey: list of JSON of ikmbot.HelpStep, oldest first (RPUSH),
// no TTL. The steps of one help request.
func helpHistoryKey(id string) string { return helpKey(id) + ":history" }

// helpOpenKey: sorted set request id -> the id as its score, no TTL.
// Requests not closed (open or taken), for staff's queue. The id is the
// score because ids are handed out in the order requests are made and never
// tie, where two requests of one millisecond would.
func helpOpenKey() string { return "ikm:{help}:open" }

// helpOpenRegionKey: sorted set as helpOpenKey, no TTL, of the requests
// opened in one region (ikmbot.Region.Code), so staff of a kabupaten read
// their queue without reading everyone's. Requests without a region are
// only in helpOpenKey.
func helpOpenRegionKey(region string) string { return "ikm:{help}:open:" + region }

// helpStatsKey: hash of counters fieldHelpOpened, fieldHelpClosed and
// fieldHelpOpenedRegion+<region>, no TTL. Anonymous: what /hapusdata keeps
// of deleted requests.
func helpStatsKey() string { return "ikm:stats:{help}" }

// Broadcasts (issue 6). The keys of one broadcast share the hash tag
// {bc<id>}, so its scripts run on one Cluster node.

// broadcastSeqKey: string counter, no TTL. The ids of broadcasts.
func broadcastSeqKey() string { return "ikm:bc:seq" }

// broadcastsKey: sorted set broadcast id -> unix ms of creation, no TTL.
// Every broadcast, for staff's list of past and scheduled ones.
func broadcastsKey() string { return "ikm:bc:all" }

// activeBroadcastsKey: set of broadcast ids, no TTL. Broadcasts sending or
// paused, which a starting process resumes; kept by SetBroadcastStatus.
func activeBroadcastsKey() string { return "ikm:bc:active" }

// broadcastKey: hash, no TTL. One broadcast: fields fieldBcJSON (JSON of
// ikmbot.Broadcast without the counts), fieldBcStatus, fieldBcCursor (how
// many recipients were claimed), and one counter per ikmbot.Outcome plus
// fieldBcTotal.
func broadcastKey(id string) string { return "ikm:bc:{bc" + id + "}" }

// broadcastRecipientsKey: list of owner ids, no TTL. The snapshot of
// recipients taken when sending starts, in sending order; removed, with
// broadcastMembersKey, when the broadcast is done or cancelled (the
// counts stay in broadcastKey), so a province-wide list does not stay
// for ever, nor the ids of owners who later delete their data.
func broadcastRecipientsKey(id string) string { return broadcastKey(id) + ":rcpt" }

// broadcastMembersKey: set of owner ids, no TTL. The recipients of
// broadcastRecipientsKey again, so each is added once.
func broadcastMembersKey(id string) string { return broadcastKey(id) + ":members" }

// broadcastInFlightKey: set of owner ids, no TTL. Recipients claimed and
// not yet settled: after a crash they are sent again, the only way one can
// get the message twice.
func broadcastInFlightKey(id string) string { return broadcastKey(id) + ":inflight" }

// settingsKey: hash, no TTL. Settings staff and admins change in the bot:
// fields fieldApproval and fieldCadence.
func settingsKey() string { return "ikm:settings" }

// Mentoring (issue 7). Who mentors whom shares the hash tag {mentor}, so
// an assignment moves an owner between mentors in one transaction on one
// Redis Cluster node; an owner's follow-up history carries the owner's tag.

// mentorOfKey: hash owner id -> mentor id (decimal), no TTL. The one mentor
// of each owner who has one.
func mentorOfKey() string { return "ikm:{mentor}:of" }

// menteesKey: sorted set owner id -> unix ms of the last follow-up (the
// assignment when there was none), no TTL. One mentor's owners, the most
// overdue first; kept with mentorOfKey.
func menteesKey(mentorID int64) string {
	return "ikm:{mentor}:mentees:" + strconv.FormatInt(mentorID, 10)
}

// followUpsKey: list of JSON of ikmbot.FollowUp, oldest first (RPUSH), no
// TTL. One owner's follow-ups; personal, so /hapusdata removes it.
func followUpsKey(ownerID int64) string {
	return "ikm:followups:{" + strconv.FormatInt(ownerID, 10) + "}"
}

// Fields of the settings hash (settingsKey).
const (
	// fieldCadence is how many days an owner may go without a follow-up
	// before their mentor is prompted; absent for ikmbot.DefaultCadence.
	fieldCadence = "mentor_cadence_days"
	// fieldApproval is "1" when broadcasts written by staff wait for an
	// admin's approval; absent when they do not.
	fieldApproval = "bc_approval"
)

// Fields of the broadcast hash.
const (
	fieldBcJSON   = "json"
	fieldBcStatus = "status"
	fieldBcCursor = "cursor"
	fieldBcTotal  = "total"
)

// auditKey: list of JSON of ikmbot.AuditEntry, newest first (LPUSH), no
// TTL, never trimmed (issue 8). The audit log admins read with /audit. A
// list, not a stream: admins page it by position (LRANGE), which a
// stream cannot do, and each entry carries its own time. It holds staff's
// ids and names, no owner's data, so /hapusdata does not touch it; a few
// thousand short entries a year need no trimming.
func auditKey() string { return "ikm:audit" }

// Buyer leads (issue 10). A lead and its indexes share the hash tag
// {lead}, so saving one changes its record and the open index in one
// MULTI on one Redis Cluster node.

// leadSeqKey: string counter, no TTL. The last lead id handed out.
func leadSeqKey() string { return "ikm:{lead}:seq" }

// leadKey: string, JSON of ikmbot.Lead, no TTL. One lead, kept when
// closed so its history stays readable. It names no owner, so /hapusdata
// does not touch it.
func leadKey(id string) string { return "ikm:{lead}:" + id }

// openLeadsKey: sorted set lead id -> unix ms of its deadline, no TTL.
// Leads with status open, soonest deadline first; kept by SaveLead.
func openLeadsKey() string { return "ikm:{lead}:open" }

// allLeadsKey: sorted set lead id -> unix ms of its creation, no TTL. Every
// lead ever saved, newest last: /pembeli's closed leads, and the leads
// whose answers /hapusdata clears.
func allLeadsKey() string { return "ikm:{lead}:all" }

// leadResponsesKey: hash owner id (decimal) -> JSON of
// ikmbot.LeadResponse, no TTL. The owners who answered the lead, each with
// the history of their answers. /hapusdata removes the owner's field from
// every lead's hash.
func leadResponsesKey(id string) string { return "ikm:{lead}:resp:" + id }

// leadForwardedKey: set of owner ids (decimal), no TTL. The interested
// owners of the lead whose mentors staff told, so forwarding again tells
// only of those interested since. /hapusdata removes the owner.
func leadForwardedKey(id string) string { return "ikm:{lead}:fwd:" + id }

// sectorOwnersKey: set of owner ids (decimal), no TTL. Owners whose
// profile names the sector (ikmbot.Sector.Code; owners of
// ikmbot.SectorOther or an unknown code are in none), so counting a lead's
// matches reads one sector's owners rather than the province's. Kept by
// Apply with each profile save (added here, taken out of every other
// sector's set) and by DeleteOwnerData; rebuilt by RepairFunnel. Hash tag
// {sector}, shared with sectorOwnersRepairKey, so the repair's RENAME
// works on Redis Cluster.
func sectorOwnersKey(sector string) string { return "ikm:{sector}:owners:" + sector }

// sectorOwnersRepairKey: set like sectorOwnersKey, no TTL, alive only while
// RepairFunnel rebuilds it.
func sectorOwnersRepairKey(sector string) string { return sectorOwnersKey(sector) + ":repair" }

// sandboxKey: string "1", no TTL. Says the Redis belongs to an `ikmbot
// sandbox` (see ClaimForSandbox); the bot itself never reads it.
func sandboxKey() string { return "ikm:sandbox" }
