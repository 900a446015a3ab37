// Package storage is everything Redis for the bot: users (role, language,
// profile, reachability, readiness attempts and latest level), conversation
// sessions, update dedup, role invites, anonymous statistics and the schema
// version; export classes with their seats, waiting lists, reminder answers
// and attendance (enrolment is atomic in Lua, see enrol.lua and leave.lua);
// the reminder engine's due items, sent-markers and tick locks; and owners'
// certificates and help requests with their history. Every
// key is built in keys.go, which lists each key's Redis type and TTL.
//
// go-redis errors do not leak as things callers test for: a missing record
// is an *ikmbot.Error with code ikmbot.ENotFound (see ikmbot.IsNotFound);
// other failures are wrapped errors naming the operation.
//
// Keys of one user share the hash tag {<user id>}, so what must change
// atomically for one user sits in one Redis Cluster slot. Global indexes and
// counters (owners, roles, statistics) live in other slots; see
// Store.transact for how they join a user's transaction.
//
// storage imports the ikmbot root package, go-redis and the standard library.
// It must not import flows, handlers, bot or the Telegram library.
package storage
