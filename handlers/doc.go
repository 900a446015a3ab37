// Package handlers routes what a user does to the right flow or action:
// which command, button or message goes where, and who may use it. It is
// the only place that knows command names.
//
// It imports the ikmbot root package and flows; never storage, bot or the
// Telegram library. What it needs from storage it declares as the Store
// interface.
package handlers
