// Command ikmbot runs the Lampung IKM export bot: it reads its configuration
// from the environment (see README.md), connects to Redis and Telegram, and
// serves until SIGINT or SIGTERM, finishing the updates in flight.
// `ikmbot sandbox` runs the same bot on a fake Telegram and an in-memory
// Redis instead, with a web page to chat as made-up users (sandbox.go).
//
// This is the only package that wires the others together.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	_ "time/tzdata" // BOT_TIMEZONE works on machines without a zoneinfo database
)

// gcPercent is the garbage collector's target unless GOGC says otherwise.
// The bot's live heap is small (under 30 MB with hundreds of chats in
// flight) and short-lived garbage from JSON dominates: collecting half as
// often cost about 8 MB more peak memory and saved about 10% of the CPU
// per update in BenchmarkReadiness.
const gcPercent = 200

// memoryLimit is the Go heap's soft limit unless GOMEMLIMIT says
// otherwise. The bot runs in about 40 MB, but /ekspor of the whole
// province holds about 130 MB live for a few seconds (excelize keeps up to
// 32 MB of buffer for each large sheet), which gcPercent would let grow to
// three times that; near the limit the collector works harder instead.
// BenchmarkExport in handlers runs with the same settings.
const memoryLimit = 160 << 20

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if len(os.Args) > 1 && os.Args[1] == "sandbox" {
		os.Exit(sandboxMain()) // sandbox.go: the real bot on a fake Telegram, in a browser
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := ConfigFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ikmbot:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Run(ctx, cfg, logger); err != nil {
		fmt.Fprintln(os.Stderr, "ikmbot:", err)
		os.Exit(1)
	}
}
