// Package telegramtest is a fake Telegram Bot API server for tests and the
// sandbox. It speaks the wire protocol of api.telegram.org closely enough
// that go-telegram-bot-api v5.5.1 and the bot cannot tell the difference for
// the methods the bot uses, and it checks every request against the Bot API
// 10.1 specification (embedded from shared/botapi), so a request Telegram
// would silently ignore or reject fails the test instead.
//
// The fake keeps the state a user would see (chats, messages with their
// keyboards, the reply keyboard currently shown, the command menu) and
// offers helpers for the user's side of the conversation (UserSends,
// UserPressed, UserTapsKeyboard, ...). Flood limits, blocked users and
// one-shot failures can be simulated.
//
// It imports only the standard library; in particular it must not import
// the Telegram client library, so that the library is tested against it
// rather than with it.
package telegramtest
