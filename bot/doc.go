// Package bot is everything Telegram: the Bot API client, conversion between
// Telegram updates and requests and the domain's Event and Message, the
// sender (rate limits, priorities, retries), the intake (per-chat
// ordering, bounded parallelism, panic recovery), our own long-polling loop and our own
// webhook handler.
//
// It is the only package that imports go-telegram-bot-api. It imports the
// ikmbot root package and the standard library, never storage, flows or
// handlers: reachability and shared limits come in through the small
// interfaces declared here (Reachability, Limiter), which storage satisfies,
// and handling (with update dedup, which rides on the handler's first Redis
// round trip) comes in through Handler.
//
// The bot token never leaves Client: every error returned from this package
// has it replaced by "<token>", and nothing here logs a URL.
package bot
