// Package flows holds the conversation engine, each conversation (sign-up,
// deleting one's data, ...) and the message catalog every user-facing text
// comes from.
//
// Flows are pure: a session and an event go in, a new session and messages
// come out. They know nothing of Telegram or Redis and import only the ikmbot
// root package and the standard library.
package flows
