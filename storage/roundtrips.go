package storage

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// Counter counts a client's round trips to Redis: one per command sent on
// its own, one per pipeline or MULTI/EXEC transaction. Connection set-up
// (HELLO, AUTH, SELECT, CLIENT SETINFO and the like, sent once per new pooled
// connection) is not counted, so counts are the same whether or not the pool
// had to dial; Dials says how often it did.
type Counter struct {
	roundTrips atomic.Int64
	commands   atomic.Int64
	dials      atomic.Int64
}

// CountRoundTrips installs a Counter on c as a go-redis hook and returns it.
// The hook stays for the client's lifetime. The bot exports the counts on
// /metrics; tests and the benchmark check them against the budget of three
// round trips per update.
func CountRoundTrips(c redis.UniversalClient) *Counter {
	n := new(Counter)
	c.AddHook(counterHook{n})
	return n
}

// RoundTrips returns the round trips counted since the last Reset.
func (n *Counter) RoundTrips() int64 { return n.roundTrips.Load() }

// Commands returns the commands counted since the last Reset, those inside
// pipelines included (MULTI and EXEC too).
func (n *Counter) Commands() int64 { return n.commands.Load() }

// Dials returns the connections dialled since the last Reset.
func (n *Counter) Dials() int64 { return n.dials.Load() }

// Reset sets the counts to zero.
func (n *Counter) Reset() {
	n.roundTrips.Store(0)
	n.commands.Store(0)
	n.dials.Store(0)
}

// String reports the counts, for test failure messages.
func (n *Counter) String() string {
	return fmt.Sprintf("%d round trips, %d commands, %d dials", n.RoundTrips(), n.Commands(), n.Dials())
}

// uncountedKey marks a context whose commands a Counter skips.
type uncountedKey struct{}

// Uncounted returns ctx with its Redis commands left out of every
// Counter: for reads that observe the bot (a /metrics scrape) rather
// than do its work, so that watching the counts does not move them.
func Uncounted(ctx context.Context) context.Context {
	return context.WithValue(ctx, uncountedKey{}, true)
}

func counted(ctx context.Context) bool { return ctx.Value(uncountedKey{}) == nil }

type counterHook struct{ n *Counter }

func (h counterHook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		h.n.dials.Add(1)
		return next(ctx, network, addr)
	}
}

func (h counterHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !setup(cmd) && counted(ctx) {
			h.n.roundTrips.Add(1)
			h.n.commands.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (h counterHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if !counted(ctx) {
			return next(ctx, cmds)
		}
		var n int64
		for _, c := range cmds {
			if !setup(c) {
				n++
			}
		}
		if n > 0 {
			h.n.roundTrips.Add(1)
			h.n.commands.Add(n)
		}
		return next(ctx, cmds)
	}
}

// setup reports whether cmd is one go-redis sends when it initialises a new
// connection. The bot itself never sends these.
func setup(cmd redis.Cmder) bool {
	switch cmd.Name() {
	case "hello", "auth", "select", "readonly":
		return true
	case "client":
		args := cmd.Args()
		if len(args) < 2 {
			return false
		}
		sub, _ := args[1].(string)
		switch strings.ToLower(sub) {
		case "setinfo", "setname", "maint_notifications":
			return true
		}
	}
	return false
}
