// Command ikmbot runs the Lampung IKM export bot: it reads its configuration
// from the environment (see README.md), connects to Redis and Telegram, and
// serves until SIGINT or SIGTERM, finishing the updates in flight.
//
// This is the only package that wires the others together.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // BOT_TIMEZONE works on machines without a zoneinfo database
)

func main() {
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
