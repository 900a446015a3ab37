// Package ikmbot holds the domain vocabulary of the Lampung IKM export bot:
// profiles, roles, conversation sessions, incoming events, outgoing messages,
// the domain error type and the embedded catalog of regions and sectors.
//
// It imports the standard library only. Every other package of the module
// speaks in these types, so that flows and storage never see Telegram and
// flows never see Redis.
package ikmbot
