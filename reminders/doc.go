// Package reminders is the reminder engine: a cron tick every minute that
// reads the items whose time has come (class reminders, certificate expiry,
// mentor follow-ups, sign-up nudges), asks each kind's Handler for the
// messages, and hands them to the sender's bulk lane. It keeps the rules
// every kind shares: one replica per minute (a Redis lock), each item sent
// at most once (a sent-marker), late items still useful sent after downtime
// and expired ones dropped, quiet hours at night.
//
// It imports the ikmbot root package, robfig/cron and the standard library
// only. What it needs of storage and of the sender are the interfaces
// declared here (Store, Deliverer), which cmd wires to storage.Store and the
// bot's sender; it must not import storage, flows, handlers or bot.
package reminders
